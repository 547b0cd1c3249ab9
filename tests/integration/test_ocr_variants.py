"""Real Tesseract on degraded renderings: scanner, phone photo, PDFs with and without text, turned pages, a
signed PDF. Values must equal the ground truth; boxes must land on the page image the service keeps."""

import datetime as dt
import hashlib
import io

import cv2
import numpy as np
import pytest
from PIL import Image

import core
import ocr
import signing
import synthetic

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


@pytest.fixture(scope="module")
def kk_rendered(family):
    return synthetic.render_kk(family, seed=41, varied=True)


def _member_accuracy(truth: dict, extraction: core.Extraction) -> float:
    pairs = [(v, row.get(k, core.MISSING).value)
             for t, row in zip(truth["anggota"], extraction.anggota, strict=False) for k, v in t.items()
             if v is not None]
    return sum(a == b for a, b in pairs) / max(1, sum(v is not None for t in truth["anggota"] for v in t.values()))


@pytest.fixture(scope="module")
def kk_read(kk_rendered):
    """Each variant of the KK degraded and read once for the whole module: (file bytes, reading)."""
    cache: dict[str, tuple[bytes, ocr.Reading]] = {}

    def get(variant: str) -> tuple[bytes, ocr.Reading]:
        if variant not in cache:
            data = synthetic.degrade(kk_rendered, variant, seed=7).data
            cache[variant] = (data, ocr.read(data))
        return cache[variant]
    return get


@pytest.mark.parametrize("variant", ["scan", "photo", "pdf_text", "pdf_image"])
def test_kk_variants(kk_rendered, kk_read, variant):
    _, reading = kk_read(variant)
    extraction, truth = reading.extraction, kk_rendered.truth
    assert extraction.document_type == core.DocumentType.KK
    assert reading.type_confidence >= 0.7
    assert extraction.source == ("text_layer" if variant == "pdf_text" else "ocr")
    assert extraction.value("no_kk") == truth["fields"]["no_kk"]
    assert [row["nik"].value for row in extraction.anggota] == [row["nik"] for row in truth["anggota"]]
    assert _member_accuracy(truth, extraction) >= 0.9
    # Every box lies on the normalized page image that page_image() returns.
    page = cv2.imdecode(np.frombuffer(reading.page_image(1), np.uint8), cv2.IMREAD_GRAYSCALE)
    for value in [*extraction.fields.values(), *extraction.anggota[0].values()]:
        if value.bbox is not None:
            x0, y0, x1, y1 = value.bbox
            assert 0 <= x0 < x1 <= page.shape[1] + 2 and 0 <= y0 < y1 <= page.shape[0] + 2


def test_photo_boxes_map_back_onto_the_upload(kk_read):
    data, reading = kk_read("photo")
    upload = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    no_kk = reading.extraction.fields["no_kk"]
    x0, y0, x1, y1 = reading.transforms[0].to_source(no_kk.bbox)
    assert 0 <= x0 < x1 <= upload.shape[1] and 0 <= y0 < y1 <= upload.shape[0]
    # The photo shows the page smaller and tilted: the box on the upload is a different box.
    assert (x0, y0, x1, y1) != no_kk.bbox
    assert (upload[y0:y1, x0:x1] < 100).any()  # there is dark print where the box points


@pytest.mark.parametrize("turn", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180])
def test_a_turned_page_is_read_upright(kk_rendered, turn):
    gray = cv2.imdecode(np.frombuffer(kk_rendered.png, np.uint8), cv2.IMREAD_GRAYSCALE)
    top = gray[: gray.shape[0] * 2 // 5]  # title and header block: enough to read, quick to read
    _, png = cv2.imencode(".png", cv2.rotate(top, turn))
    extraction = ocr.extract(png.tobytes(), declared_type=core.DocumentType.KK)
    for name in ("no_kk", "nama_kepala_keluarga", "kecamatan"):
        assert extraction.value(name) == kk_rendered.truth["fields"][name], name


def test_ijazah_photo(family):
    subject = next(p for p in family.anggota if p.status_hubungan == "ANAK")
    rendered = synthetic.render_ijazah(subject, jenjang="S1", seed=42, varied=True)
    extraction = ocr.extract(synthetic.degrade(rendered, "photo", seed=3).data)
    assert extraction.document_type == core.DocumentType.IJAZAH
    for name in ("jenjang", "nama_lengkap", "tanggal_lahir", "nomor_ijazah"):
        assert extraction.value(name) == rendered.truth["fields"][name], name


def test_buku_nikah_scan(family):
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(
        suami, istri, tanggal_nikah=suami.tanggal_perkawinan, nomor_akta=suami.no_akta_perkawinan,
        kua="KUA KECAMATAN KOLAKA", wali="LA ODE SAFIUDDIN", seed=43, varied=True)
    extraction = ocr.extract(synthetic.degrade(rendered, "scan", seed=5).data)
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    for name in ("tanggal_nikah", "suami.nik", "suami.nama_lengkap", "istri.nik", "istri.tanggal_lahir"):
        assert extraction.value(name) == rendered.truth["fields"][name], name
    assert extraction.fields["suami.nik"].confidence > 0.8


def test_a_signed_pdf_is_read_from_its_text_and_left_intact(family, dev_pki):
    pdf = signing.render_kk_pdf(family, document_id="APP-OCR-1", issued_on=dt.date(2024, 5, 17),
                                verify_url="http://127.0.0.1:8000/v/APP-OCR-1", kepala_dinas=dev_pki.signer_name,
                                nip=dev_pki.signer_nip)
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=dev_pki.passphrase(), tsa_url=None,
                                  level=signing.PadesLevel.B_B)
    signed = signing.sign_pdf(pdf, config=config)
    digest = hashlib.sha256(signed).hexdigest()
    extraction = ocr.extract(signed)
    assert extraction.source == "text_layer" and extraction.document_type == core.DocumentType.KK
    assert extraction.value("no_kk") == family.no_kk
    assert {row["nik"].value for row in extraction.anggota} == {p.nik for p in family.anggota}
    # The official's NIP printed under the signature is never taken for a NIK or the No. KK.
    assert dev_pki.signer_nip not in {v.value for v in extraction.fields.values()}
    assert hashlib.sha256(signed).hexdigest() == digest
    assert signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert]).intact


def test_a_kk_declared_as_buku_nikah_names_what_it_looks_like(kk_rendered):
    data = synthetic.degrade(kk_rendered, "pdf_text", seed=1).data
    with pytest.raises(core.DocumentTypeMismatch, match="looks like kk"):
        ocr.extract(data, declared_type=core.DocumentType.BUKU_NIKAH)


def test_a_photo_of_something_else_is_unreadable():
    page = np.full((1400, 1000), 255, np.uint8)
    for i in range(12):
        cv2.putText(page, "Daftar belanja: beras, gula, minyak", (60, 100 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX,
                    1.2, 0, 2)
    buffer = io.BytesIO()
    Image.fromarray(page).save(buffer, format="JPEG", quality=85)
    with pytest.raises(core.UnreadableDocument):
        ocr.extract(buffer.getvalue())
