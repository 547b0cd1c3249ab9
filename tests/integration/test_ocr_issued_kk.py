"""Capil's own issued KK, printed and scanned: member rows read from the raster, not from the text layer.

`signing.render_kk_pdf` draws a shaded header band, hairline row rules and names shrunk to fit their
cell, none of which the table reader was tuned on. Rasterized by poppler (as a citizen's printer
and scanner would pass it on) and degraded the way independent scans are (200 dpi, JPEG, rules
faded to light gray or broken, a slight turn), every member row must come back: one row per
member, in printed order, each with its own NIK and name. A header band that loses its lower rule
must not swallow row 1; faint or broken rules must not merge rows or drop them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

import core
import ocr
import signing
from tests.fixtures.families import family_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FAMILIES: dict[str, Callable[[], core.Family]] = {
    "one_member": lambda: family_of(1),
    "four_members": lambda: family_of(4),
    "ten_members_long_names": lambda: family_of(10, long_names=True),
    "twelve_members_one_foreign": lambda: family_of(12, foreigner=True),
}


def _raster(family: core.Family, directory: Path, *, dpi: int) -> np.ndarray:
    pdf = directory / f"kk-{dpi}.pdf"
    pdf.write_bytes(signing.render_kk_pdf(family, document_id="APP-SCAN-1", issued_on=dt.date(2026, 12, 6),
                                          verify_url="http://127.0.0.1:8000/v/APP-SCAN-1?h=0123456789ab",
                                          kepala_dinas="Drs. HASAN BASRI, M.Si.", nip="197003121995031002"))
    stem = directory / f"kk-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True,
                   capture_output=True)
    gray = cv2.imread(str(stem.with_suffix(".png")), cv2.IMREAD_GRAYSCALE)
    assert gray is not None
    return gray


def _rules(gray: np.ndarray) -> np.ndarray:
    """Where the table's ruled lines are: long thin runs of ink, found on the page itself."""
    dark = (gray < 200).astype(np.uint8) * 255
    across = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (120, 1)))
    down = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 60)))
    return cv2.dilate(np.bitwise_or(across, down), np.ones((3, 3), np.uint8)) > 0


def _faded(gray: np.ndarray) -> np.ndarray:
    out = gray.astype(np.float32)
    rules = _rules(gray)
    out[rules] = 255 - (255 - out[rules]) * 0.2
    return out.astype(np.uint8)


def _broken(gray: np.ndarray) -> np.ndarray:
    rules = _rules(gray)
    rows, columns = np.indices(gray.shape)
    out = gray.copy()
    out[rules & (((rows + columns) // 45) % 3 == 0)] = 255
    return out


def _turned(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 0.7, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _png(gray: np.ndarray) -> bytes:
    return cv2.imencode(".png", gray)[1].tobytes()


def _jpeg(gray: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, 60])[1].tobytes()


SCANS: dict[str, Callable[[np.ndarray, np.ndarray], bytes]] = {
    # (300 dpi raster, 200 dpi raster) -> file
    "300dpi": lambda r300, _: _png(r300),
    "200dpi": lambda _, r200: _png(r200),
    "jpeg_q60": lambda r300, _: _jpeg(r300),
    "rules_faded": lambda r300, _: _png(_faded(r300)),
    "rules_broken": lambda r300, _: _png(_broken(r300)),
    "turned": lambda r300, _: _png(_turned(r300)),
}


Scanned = tuple[core.Family, Callable[[str], core.Extraction]]


@pytest.fixture(scope="module", params=sorted(FAMILIES))
def scanned(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    """A family and its KK as read from each scan (read once per module)."""
    family = FAMILIES[request.param]()
    directory = tmp_path_factory.mktemp(request.param)
    r300, r200 = _raster(family, directory, dpi=300), _raster(family, directory, dpi=200)
    read: dict[str, core.Extraction] = {}

    def extraction(scan: str) -> core.Extraction:
        if scan not in read:
            read[scan] = ocr.extract(SCANS[scan](r300, r200))
        return read[scan]

    return family, extraction


def _rows(extraction: core.Extraction) -> list[tuple[str | None, str | None]]:
    return [(row["nik"].value, row["nama_lengkap"].value) for row in extraction.anggota]


@pytest.mark.parametrize("scan", ["300dpi", "jpeg_q60"])
def test_every_member_row_reads_back_with_its_nik_and_name(scanned: Scanned, scan: str) -> None:
    family, extraction = scanned
    assert _rows(extraction(scan)) == [(p.nik, p.nama_lengkap) for p in family.anggota]


def test_the_other_member_fields_read_back_from_a_clean_scan(scanned: Scanned) -> None:
    family, extraction = scanned
    fields = ("jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "pendidikan", "jenis_pekerjaan",
              "status_perkawinan", "tanggal_perkawinan", "status_hubungan", "kewarganegaraan", "no_paspor",
              "no_kitap", "nama_ayah", "nama_ibu")
    read = [{f: row[f].value for f in fields} for row in extraction("300dpi").anggota]
    assert read == [{f: getattr(p, f) or None for f in fields} for p in family.anggota]


def _slips(read: str, printed: str) -> int:
    return sum(a != b for a, b in zip(read, printed, strict=True))


@pytest.mark.parametrize("scan", ["200dpi", "rules_faded", "rules_broken", "turned"])
def test_faint_broken_or_turned_rules_neither_merge_nor_drop_rows(scanned: Scanned, scan: str) -> None:
    """One row per member, in printed order, each with one NIK: its member's, or nearer to it than to any
    other member's by a digit or two misread (siblings' NIKs differ in their last digits only)."""
    family, extraction = scanned
    niks = [nik for nik, _ in _rows(extraction(scan))]
    assert len(niks) == len(family.anggota)
    for number, (nik, person) in enumerate(zip(niks, family.anggota, strict=True), start=1):
        assert nik is not None and len(nik) == 16, f"row {number}: {nik}"
        others = [_slips(nik, p.nik) for p in family.anggota if p is not person]
        assert _slips(nik, person.nik) <= min([2, *(d - 1 for d in others)]), f"row {number}: {nik}"
