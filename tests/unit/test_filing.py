"""Filing an application: every requested value is checked before anything is stored, and a person
cannot have two open applications for the same change."""

from __future__ import annotations

import io

import pytest
from PIL import Image

import casework
import core
import registry
from core import ChangeType, DocumentType, Status
from storage import MemoryObjectStore
from tests.fixtures.population import population

SUBJECT = "7401050102030003"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (40, 30), 255).save(buf, format="PNG")
    return buf.getvalue()


FILES = {DocumentType.KK: _png(), DocumentType.IJAZAH: _png()}


@pytest.fixture
def svc(tmp_path):
    services = casework.bootstrap(core.load_settings({}, data_dir=tmp_path), store=MemoryObjectStore())
    services.ensure_buckets()
    services.population.import_population(population())
    yield services
    services.database.dispose()


def _nothing_stored(svc: casework.Services) -> bool:
    store = svc.store
    assert isinstance(store, MemoryObjectStore)
    return not store._buckets[svc.settings.intake_bucket].keys and svc.applications.list() == []


@pytest.mark.parametrize(("change", "requested", "said"), [
    (ChangeType.KOREKSI_BIODATA, {"agama": "SATANISME"}, "tidak dapat diubah"),
    (ChangeType.KOREKSI_BIODATA, {"jenis_kelamin": "X"}, "tidak dapat diubah"),
    (ChangeType.PENDIDIKAN, {"nama_lengkap": "BUDI"}, "tidak dapat diubah"),
    (ChangeType.KOREKSI_BIODATA, {"tanggal_lahir": "2099-13-45"}, "Tanggal tanggal lahir"),
    (ChangeType.KOREKSI_BIODATA, {"tanggal_lahir": "2099-01-01"}, "bukan tanggal yang akan datang"),
    (ChangeType.KOREKSI_BIODATA, {"tanggal_lahir": "05-06-1985"}, "TTTT-BB-HH"),
    (ChangeType.KOREKSI_BIODATA, {"nama_lengkap": "A" * 50_000}, "terlalu panjang"),
    (ChangeType.KOREKSI_BIODATA, {"nama_lengkap": "SITI\u202eHANI"}, "karakter"),
    (ChangeType.KOREKSI_BIODATA, {"nama_lengkap": "SITI\x00HANI"}, "karakter"),
    (ChangeType.KOREKSI_BIODATA, {"nama_lengkap": "SITI\u200bHANI"}, "karakter"),
    (ChangeType.KOREKSI_BIODATA, {"nama_lengkap": {"A": 1}}, "harus berupa teks"),
    (ChangeType.KOREKSI_BIODATA, {"tempat_lahir": "   "}, "kosong"),
    (ChangeType.PENDIDIKAN, {"pendidikan": "SARJANA MUDA PALSU"}, "bukan nilai SIAK"),
    (ChangeType.KOREKSI_BIODATA, {}, "memerlukan nilai yang dikoreksi"),
])
def test_a_bad_requested_value_is_refused_in_indonesian_and_nothing_is_stored(svc, change, requested, said):
    with pytest.raises(core.InputError) as refused:
        casework.file_application(svc, nik=SUBJECT, change=change, files=FILES, requested=requested)
    assert said in refused.value.message_id
    assert refused.value.http_status == 422 and "\n" not in refused.value.message
    assert _nothing_stored(svc)


def test_good_values_are_stored_in_canonical_form(svc):
    app_id = casework.file_application(
        svc, nik=SUBJECT, change=ChangeType.KOREKSI_BIODATA, files=FILES,
        requested={"nama_lengkap": "  wa ode   siti aminah ", "tanggal_lahir": "1985-06-05"})
    assert svc.applications.get(app_id).requested == {"nama_lengkap": "WA ODE SITI AMINAH",
                                                      "tanggal_lahir": "1985-06-05"}
    pendidikan = casework.parse_requested({"pendidikan": " diploma iv/strata  i"}, ChangeType.PENDIDIKAN)
    assert pendidikan == {"pendidikan": "DIPLOMA IV/STRATA I"}
    assert casework.parse_requested(pendidikan, ChangeType.PENDIDIKAN) == pendidikan  # idempotent


def test_a_second_open_application_for_the_same_change_is_a_conflict_naming_the_first(svc):
    first = casework.file_application(svc, nik=SUBJECT, change=ChangeType.PENDIDIKAN, files=FILES, requested={})
    with pytest.raises(core.Conflict) as conflict:
        casework.file_application(svc, nik=SUBJECT, change=ChangeType.PENDIDIKAN, files=FILES, requested={})
    assert first in conflict.value.message  # for staff and logs
    assert first not in conflict.value.message_id and "masih diproses" in conflict.value.message_id  # for anyone
    assert conflict.value.http_status == 409
    assert [a.id for a in svc.applications.list()] == [first]
    # another change for the same person is its own application
    other = casework.file_application(svc, nik=SUBJECT, change=ChangeType.KOREKSI_BIODATA, files=FILES,
                                      requested={"tempat_lahir": "KOLAKA"})
    # once the first is decided, the person may file again
    svc.applications.reject(first, findings=())
    again = casework.file_application(svc, nik=SUBJECT, change=ChangeType.PENDIDIKAN, files=FILES, requested={})
    assert len({first, other, again}) == 3 and svc.applications.get(first).status == Status.REJECTED


def test_the_duplicate_check_holds_inside_the_write_too(svc):
    """Two filings that both passed the early check: the second row is refused when it is written."""
    upload = core.StoredObject("b", "k", "v", "00" * 32)
    args = {"nik": SUBJECT, "jenis_perubahan": ChangeType.PENDIDIKAN, "requested": {}, "uploads": {"kk": upload}}
    svc.applications.create(application_id="first", **args)
    with pytest.raises(core.Conflict):
        svc.applications.create(application_id="second", **args)
    assert [a.id for a in svc.applications.list()] == ["first"]


def test_the_population_file_refuses_control_characters_and_future_dates():
    doc = population()
    member = doc["keluarga"][0]["anggota"][0]
    member["nama_lengkap"] = "BUDI\u202e"
    member["tanggal_lahir"] = "2999-01-01"
    found = registry.population_problems(doc)
    assert any("nama_lengkap" in p and "U+202E" in p for p in found), found
    assert any("tanggal_lahir" in p and "future" in p for p in found), found


# --- hostile uploads, generated here: refused at the upload from their headers, nothing stored ---------


def _pdf(pages: int, size: tuple[float, float] = (595, 842)) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(*size)
    buf = io.BytesIO()
    document.save(buf)
    document.close()
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, encrypt="rahasia")
    canvas.drawString(100, 700, "KARTU KELUARGA")
    canvas.save()
    return buf.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with almost no pixel data behind it."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def _strip() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (200_000, 1), 255).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize(("make", "error", "said"), [
    (lambda: _pdf(3000), core.FileTooLarge, "3.000 halaman, paling banyak 10"),
    (lambda: _pdf(1, (14_400, 14_400)), core.FileTooLarge, "Halaman 1 PDF terlalu besar"),
    (_encrypted_pdf, core.UnsupportedFile, "kata sandi"),
    (lambda: _png_claiming(100_000, 100_000), core.FileTooLarge, "Gambar terlalu besar: lebih dari 80.000.000"),
    (lambda: _png_claiming(10_000, 9_000), core.FileTooLarge, "Gambar terlalu besar: 10000×9000 piksel"),
    (_strip, core.UnsupportedFile, "bukan pindaian halaman"),
    (lambda: b"%PDF-1.7\n garbage", core.UnsupportedFile, None),
    (lambda: b"MZ\x90\x00 an executable", core.UnsupportedFile, "Jenis berkas tidak didukung"),
])
def test_a_hostile_upload_is_refused_at_the_upload_and_nothing_is_stored(svc, make, error, said):
    files = {**FILES, DocumentType.IJAZAH: make()}
    with pytest.raises(error) as refused:
        casework.file_application(svc, nik=SUBJECT, change=ChangeType.PENDIDIKAN, files=files, requested={})
    if said is not None:
        assert said in refused.value.message_id
    assert 400 <= refused.value.http_status < 500
    assert _nothing_stored(svc)


def test_a_strip_that_crashed_opencv_is_refused_by_the_reader_too():
    import ocr

    with pytest.raises(core.UnsupportedFile, match="not a page"):
        ocr.extract(_strip())
