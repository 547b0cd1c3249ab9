"""Real Tesseract on clean synthetic scans: the key fields must equal the ground truth."""

import io
import json

import numpy as np
import pytest
from PIL import Image

import core
import ocr
import synthetic

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def family() -> core.Family:
    # Family 0 of seed 1 always has a wife and an adult, unmarried child below S1.
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


@pytest.fixture(scope="module")
def subject(family) -> core.Person:
    return next(p for p in family.anggota if p.status_hubungan == "ANAK")


@pytest.fixture(scope="module")
def kk(family):
    rendered = synthetic.render_kk(family, seed=11)
    return rendered, ocr.extract(rendered.png, declared_type=core.DocumentType.KK)


def _values(extraction: core.Extraction) -> dict[str, str | None]:
    return {name: fv.value for name, fv in extraction.fields.items()}


def _accuracy(truth: dict, found: dict) -> float:
    return sum(found.get(k) == v for k, v in truth.items()) / len(truth)


def test_kk_key_fields(kk, subject):
    rendered, extraction = kk
    assert extraction.document_type == core.DocumentType.KK
    assert extraction.source == "ocr" and extraction.pages == 1
    assert set(extraction.fields) == set(core.KK_HEADER_FIELDS)
    assert extraction.value("no_kk") == rendered.truth["fields"]["no_kk"]
    rows = [{k: fv.value for k, fv in row.items()} for row in extraction.anggota]
    assert len(rows) == len(rendered.truth["anggota"])
    assert all(set(row) == set(core.KK_MEMBER_FIELDS) for row in rows)
    found = next(row for row in rows if row["nik"] == subject.nik)
    assert found["nama_lengkap"] == subject.nama_lengkap
    for name in ("jenis_kelamin", "tanggal_lahir", "pendidikan", "status_perkawinan", "status_hubungan"):
        assert found[name] == getattr(subject, name), name


def test_kk_values_carry_confidence_and_boxes(kk):
    _, extraction = kk
    no_kk = extraction.fields["no_kk"]
    assert 0.5 < no_kk.confidence <= 1 and no_kk.page == 1
    x0, y0, x1, y1 = no_kk.bbox
    assert 0 <= x0 < x1 and 0 <= y0 < y1
    nik = extraction.anggota[0]["nik"]
    assert nik.bbox is not None and nik.bbox[1] > no_kk.bbox[3]
    json.dumps(extraction.to_dict())  # plain ints and floats, as `capil extract --json` prints them


def test_kk_overall_accuracy(kk):
    rendered, extraction = kk
    header = _accuracy(rendered.truth["fields"], _values(extraction))
    cells = [
        _accuracy(truth, {k: fv.value for k, fv in row.items()})
        for truth, row in zip(rendered.truth["anggota"], extraction.anggota, strict=True)
    ]
    assert header >= 0.9
    assert sum(cells) / len(cells) >= 0.85


@pytest.mark.parametrize(("jenjang", "seed"), [("S1", 21), ("SMA", 22)])
def test_ijazah_key_fields(subject, jenjang, seed):
    rendered = synthetic.render_ijazah(subject, jenjang=jenjang, seed=seed)
    extraction = ocr.extract(rendered.png)
    truth = rendered.truth["fields"]
    assert extraction.document_type == core.DocumentType.IJAZAH
    assert set(extraction.fields) == set(core.IJAZAH_FIELDS)
    for name in ("jenjang", "nama_lengkap", "tempat_lahir", "tanggal_lahir", "nomor_ijazah", "tanggal_lulus"):
        assert extraction.value(name) == truth[name], name
    if jenjang == "SMA":
        assert extraction.value("nama_orang_tua") == truth["nama_orang_tua"]
        assert extraction.value("nisn") == truth["nisn"]
    else:
        assert extraction.value("nim") == truth["nim"]
    assert core.pendidikan_for_jenjang(extraction.value("jenjang")) == core.pendidikan_for_jenjang(jenjang)


def test_tampered_ijazah_reads_what_is_printed(subject):
    rendered = synthetic.render_ijazah(subject, jenjang="SMA", seed=23, nama_lengkap="WA ODE SITI AMINA")
    assert ocr.extract(rendered.png).value("nama_lengkap") == "WA ODE SITI AMINA"


def test_buku_nikah_key_fields(family):
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(
        suami, istri, tanggal_nikah=suami.tanggal_perkawinan, nomor_akta=suami.no_akta_perkawinan,
        kua="KUA KECAMATAN KOLAKA", wali="LA ODE SAFIUDDIN", seed=31)
    extraction = ocr.extract(rendered.png, declared_type=core.DocumentType.BUKU_NIKAH)
    truth = rendered.truth["fields"]
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    assert set(extraction.fields) == set(core.BUKU_NIKAH_FIELDS)
    for name in ("nomor_akta", "tanggal_nikah", "kua", "suami.nik", "suami.nama_lengkap", "suami.tanggal_lahir",
                 "istri.nik", "istri.nama_lengkap", "istri.tanggal_lahir", "wali.nama_lengkap"):
        assert extraction.value(name) == truth[name], name


def test_image_only_pdf_is_rasterized_and_ocrd(kk):
    rendered, _ = kk
    buffer = io.BytesIO()
    Image.open(io.BytesIO(rendered.png)).convert("L").save(buffer, format="PDF", resolution=300)
    extraction = ocr.extract(buffer.getvalue())
    assert extraction.document_type == core.DocumentType.KK
    assert extraction.source == "ocr"
    assert extraction.value("no_kk") == rendered.truth["fields"]["no_kk"]


def test_a_text_file_is_unsupported():
    with pytest.raises(core.UnsupportedFile):
        ocr.extract(b"KARTU KELUARGA\nNo. 7401051203080012\n")


def test_a_blank_page_is_unreadable():
    buffer = io.BytesIO()
    Image.fromarray(np.full((1200, 900), 255, dtype=np.uint8)).save(buffer, format="PNG")
    with pytest.raises(core.UnreadableDocument):
        ocr.extract(buffer.getvalue())


def test_a_kk_declared_as_ijazah_is_a_mismatch(kk):
    rendered, _ = kk
    with pytest.raises(core.DocumentTypeMismatch, match="kk"):
        ocr.extract(rendered.png, declared_type=core.DocumentType.IJAZAH)


def test_too_many_pixels_is_refused_before_decoding():
    # A PNG header claiming 20000 x 20000 pixels; the body is never decoded.
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = b"IDAT" + zlib.compress(b"\x00" * 64)
    png = b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(c) - 4) + c + struct.pack(">I", zlib.crc32(c)) for c in (chunk, idat))
    with pytest.raises(core.FileTooLarge):
        ocr.extract(png)
