"""The issued KK as a person sees it: rendered by poppler, MuPDF and pdfium, and read back by Tesseract.

Each renderer draws page 1 of a signed KK from its own font and text machinery; the signature
stamp is cut out of each picture and read with Tesseract, and every stamp line must read whole
(no letter-spacing, nothing clipped at the box's edge, the full time with its zone). The whole
page, rasterized the way a citizen's printer or a later scan would see it, must read back through
Capil's own OCR as the record it was rendered from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytesseract
import pytest
from PIL import Image

import core
import signing
from tests.fixtures.families import family_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DPI = 300
ISSUED_ON = dt.date(2026, 12, 6)
ZONE = "Asia/Makassar"


def _family(members: int, *, long_names: bool = False) -> core.Family:
    return dataclasses.replace(family_of(members, long_names=long_names), kabupaten_kota="KONAWE SELATAN")


FAMILIES = {
    "one_member": lambda: _family(1),
    "five_members": lambda: _family(5),
    "ten_members_long_names": lambda: _family(10, long_names=True),
}


def _render_poppler(pdf: Path) -> Image.Image:
    out = pdf.with_name(pdf.stem + "-poppler")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)],
                   check=True, capture_output=True)
    return Image.open(out.with_suffix(".png")).convert("L")


def _render_mupdf(pdf: Path) -> Image.Image:
    out = pdf.with_name(pdf.stem + "-mupdf.png")
    subprocess.run(["mutool", "draw", "-q", "-r", str(DPI), "-c", "gray", "-o", str(out), str(pdf), "1"],
                   check=True, capture_output=True)
    return Image.open(out).convert("L")


def _render_pdfium(pdf: Path) -> Image.Image:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        # draw_forms: the stamp is a form field's appearance, which pdfium draws only when asked
        document.init_forms()
        return document[0].render(scale=DPI / 72, may_draw_forms=True, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


RENDERERS: dict[str, Callable[[Path], Image.Image]] = {
    "poppler": _render_poppler, "mupdf": _render_mupdf, "pdfium": _render_pdfium,
}


@pytest.fixture(scope="module")
def page_of() -> Callable[[Path, str], Image.Image]:
    """Page 1 of a signed KK as a renderer draws it, drawn once for both tests that read it (the pictures
    of one KK at a time are kept: the tests run grouped by `signed_kk`)."""
    pages: dict[tuple[Path, str], Image.Image] = {}

    def page(pdf: Path, renderer: str) -> Image.Image:
        if (pdf, renderer) not in pages:
            if any(drawn != pdf for drawn, _ in pages):
                pages.clear()
            pages[pdf, renderer] = RENDERERS[renderer](pdf)
        return pages[pdf, renderer]

    return page


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def signed_kk(request: pytest.FixtureRequest, dev_pki: signing.DevPki,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[core.Family, Path]:
    family = FAMILIES[request.param]()
    pdf = signing.render_kk_pdf(family, document_id=f"APP-VIS-{request.param}", issued_on=ISSUED_ON,
                                verify_url="http://127.0.0.1:8000/v/APP-VIS?h=0123456789ab",
                                kepala_dinas=dev_pki.signer_name, nip=dev_pki.signer_nip)
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=dev_pki.passphrase(), tsa_url=None,
                                  level=signing.PadesLevel.B_B, timezone=ZONE)
    signed = signing.sign_pdf(pdf, config=config, office=signing.office_title(family.kabupaten_kota))
    path = tmp_path_factory.mktemp("issued") / f"{request.param}.pdf"
    path.write_bytes(signed)
    return family, path


def _stamp_crop(page: Image.Image) -> Image.Image:
    """The signature box, from the page picture (PDF points, origin bottom left, to pixels)."""
    x1, y1, x2, y2 = signing.SIGNATURE_BOX
    scale = page.height / 595.28 if page.width > page.height else page.width / 595.28
    inset = 2 * scale  # inside the frame, which Tesseract would read as a stroke
    return page.crop((round(x1 * scale + inset), round(page.height - y2 * scale + inset),
                      round(x2 * scale - inset), round(page.height - y1 * scale - inset)))


def _read_lines(image: Image.Image) -> list[str]:
    text = pytesseract.image_to_string(image, lang="ind", config="--psm 6")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _expected_stamp(signed: Path, dev_pki: signing.DevPki, family: core.Family) -> list[str]:
    verification = signing.verify_pdf(signed.read_bytes(), trust_roots=[dev_pki.root_cert],
                                      required_level=signing.PadesLevel.B_B)
    assert verification.intact and verification.signed_at
    signed_at = dt.datetime.fromisoformat(verification.signed_at).astimezone(ZoneInfo(ZONE))
    return [
        "Ditandatangani secara elektronik oleh",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        f"Kabupaten {family.kabupaten_kota.title()}",
        dev_pki.signer_name,
        f"Waktu: {signed_at:%d-%m-%Y %H:%M:%S} WITA",
        "Sertifikat: CAPIL DEV SIGNING CA",
    ]


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_stamp_line_reads_whole_in_each_renderer(signed_kk: tuple[core.Family, Path], renderer: str,
                                                       dev_pki: signing.DevPki,
                                                       page_of: Callable[[Path, str], Image.Image]) -> None:
    family, signed = signed_kk
    page = page_of(signed, renderer)
    crop = _stamp_crop(page)
    read = _read_lines(crop)
    assert read == _expected_stamp(signed, dev_pki, family), f"{renderer} stamp read as {read}"
    # nothing is drawn against the right edge of the box (a clipped line ends there)
    ink = np.asarray(crop) < 128
    assert not ink[:, -round(crop.width * 0.04):].any(), f"{renderer}: text reaches the stamp's right edge"


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_every_name_and_number_on_the_page_reads_whole(signed_kk: tuple[core.Family, Path], renderer: str,
                                                      page_of: Callable[[Path, str], Image.Image]) -> None:
    """The page picture, read by Tesseract: the No. KK, and each member's name and NIK, whole."""
    family, signed = signed_kk
    page = page_of(signed, renderer)
    # upper case: Tesseract reads some capitals of a name shrunk to fit its cell as small letters
    text = " ".join(pytesseract.image_to_string(page, lang="ind", config="--psm 4").upper().split())
    expected = [family.no_kk, *(p.nik for p in family.anggota), *(p.nama_lengkap for p in family.anggota)]
    missing = [value for value in expected if value not in text]
    assert not missing, f"{renderer}: not read whole: {missing}"


def test_a_bad_time_zone_is_refused_before_anything_is_signed(dev_pki: signing.DevPki) -> None:
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=dev_pki.passphrase(), tsa_url=None,
                                  level=signing.PadesLevel.B_B, timezone="Asia/Kendari")
    with pytest.raises(core.ConfigurationError, match="time zone"):
        signing.sign_pdf(b"%PDF-1.7\n", config=config)
