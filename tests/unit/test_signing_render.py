"""render_kk_pdf: a readable, deterministic KK with every printed field."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pdfplumber
import pytest

import core
from signing import SIGNATURE_BOX, format_date, render_kk_pdf

FAMILY = core.Family.from_dict(
    {
        "no_kk": "7401051203080012",
        "alamat": "JL. PEMUDA NO. 12",
        "rt": "002",
        "rw": "003",
        "desa_kelurahan": "LAMOKATO",
        "kecamatan": "KOLAKA",
        "kabupaten_kota": "KOLAKA",
        "provinsi": "SULAWESI TENGGARA",
        "kode_pos": "93511",
        "tanggal_dikeluarkan": "2021-03-04",
        "anggota": [
            {
                "nik": "7401051203800001",
                "nama_lengkap": "LA ODE MUHAMMAD RAHMAN",
                "jenis_kelamin": "LAKI-LAKI",
                "tempat_lahir": "KOLAKA",
                "tanggal_lahir": "1980-03-12",
                "agama": "ISLAM",
                "pendidikan": "SLTA/SEDERAJAT",
                "jenis_pekerjaan": "WIRASWASTA",
                "golongan_darah": "TIDAK TAHU",
                "status_perkawinan": "KAWIN TERCATAT",
                "tanggal_perkawinan": "2005-06-20",
                "no_akta_perkawinan": "0123/045/VI/2005",
                "status_hubungan": "KEPALA KELUARGA",
                "kewarganegaraan": "WNI",
                "nama_ayah": "LA ODE SAFIUDDIN",
                "nama_ibu": "WA ODE HASNAH",
            },
            {
                "nik": "7401054506850002",
                "nama_lengkap": "WA ODE SITI AMINAH",
                "jenis_kelamin": "PEREMPUAN",
                "tempat_lahir": "RAHA",
                "tanggal_lahir": "1985-06-05",
                "agama": "ISLAM",
                "pendidikan": "DIPLOMA IV/STRATA I",
                "jenis_pekerjaan": "MENGURUS RUMAH TANGGA",
                "golongan_darah": "O",
                "status_perkawinan": "KAWIN TERCATAT",
                "tanggal_perkawinan": "2005-06-20",
                "status_hubungan": "ISTRI",
                "kewarganegaraan": "WNI",
                "nama_ayah": "LA ODE ABDUL GAFUR",
                "nama_ibu": "WA ODE NURHAYATI",
            },
            {
                "nik": "7401051506070003",
                "nama_lengkap": "LA ODE FAJAR RAMADHAN",
                "jenis_kelamin": "LAKI-LAKI",
                "tempat_lahir": "KOLAKA",
                "tanggal_lahir": "2007-06-15",
                "agama": "ISLAM",
                "pendidikan": "SLTP/SEDERAJAT",
                "jenis_pekerjaan": "PELAJAR/MAHASISWA",
                "golongan_darah": "A",
                "status_perkawinan": "BELUM KAWIN",
                "status_hubungan": "ANAK",
                "kewarganegaraan": "WNI",
                "nama_ayah": "LA ODE MUHAMMAD RAHMAN",
                "nama_ibu": "WA ODE SITI AMINAH",
            },
        ],
    }
)
KWARGS: dict[str, Any] = dict(
    document_id="APP-2024-0001",
    issued_on=dt.date(2024, 5, 17),
    verify_url="http://127.0.0.1:8000/verifikasi/APP-2024-0001",
    kepala_dinas="Drs. HASAN BASRI, M.Si.",
    nip="197003121995031002",
)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_kk_pdf(FAMILY, **KWARGS)


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        assert page.width > page.height, "KK is printed on A4 landscape"
        assert round(page.width) == 842 and round(page.height) == 595
        return page.extract_text()


def test_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert b"FontFile2" in pdf, "TrueType font must be embedded"


def test_deterministic(pdf: bytes) -> None:
    assert render_kk_pdf(FAMILY, **KWARGS) == pdf


def test_inputs_change_output(pdf: bytes) -> None:
    assert render_kk_pdf(FAMILY, **{**KWARGS, "issued_on": dt.date(2024, 5, 18)}) != pdf
    assert render_kk_pdf(FAMILY, **{**KWARGS, "verify_url": "http://example/x"}) != pdf


def test_title_and_header(text: str) -> None:
    assert "KARTU KELUARGA" in text
    assert "No. 7401051203080012" in text
    for label in (
        "Nama Kepala Keluarga",
        "Alamat",
        "RT/RW",
        "Desa/Kelurahan",
        "Kecamatan",
        "Kabupaten/Kota",
        "Kode Pos",
        "Provinsi",
    ):
        assert label in text
    for value in ("JL. PEMUDA NO. 12", "002/003", "LAMOKATO", "93511", "SULAWESI TENGGARA"):
        assert value in text


def test_members_in_both_tables(text: str) -> None:
    for person in FAMILY.anggota:
        assert person.nama_lengkap in text
        assert person.nik in text
        assert format_date(person.tanggal_lahir) in text
        assert person.status_hubungan in text
    for header in (
        "Nama Lengkap",
        "Jenis Pekerjaan",
        "Golongan",
        "Status Perkawinan",
        "Kewarganegaraan",
        "No. Paspor",
        "No. KITAP",
        "Nama Ayah",
        "Nama Ibu",
    ):
        assert header in text
    assert "WA ODE NURHAYATI" in text
    assert "20-06-2005" in text


def test_dates_print_day_first(text: str) -> None:
    assert "12-03-1980" in text
    assert "1980-03-12" not in text


def test_footer(text: str) -> None:
    assert "Dikeluarkan Tanggal" in text
    assert "17-05-2024" in text
    assert "Drs. HASAN BASRI, M.Si." in text
    assert "NIP. 197003121995031002" in text
    assert "APP-2024-0001" in text


def test_signature_box_is_free(pdf: bytes) -> None:
    x1, y1, x2, y2 = SIGNATURE_BOX
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        # pdfplumber's y axis runs top-down
        inside = [
            ch for ch in page.chars if x1 < ch["x0"] < x2 and page.height - y2 < ch["top"] < page.height - y1
        ]
    assert inside == []


def test_many_members_still_one_page() -> None:
    big = core.Family(
        **{**{k: getattr(FAMILY, k) for k in core.FAMILY_FIELDS}, "anggota": FAMILY.anggota * 5}
    )
    out = render_kk_pdf(big, **KWARGS)
    with pdfplumber.open(io.BytesIO(out)) as doc:
        assert len(doc.pages) == 1
        assert doc.pages[0].extract_text().count("LA ODE FAJAR RAMADHAN") == 5


@pytest.mark.parametrize(
    ("iso", "printed"), [("1985-06-05", "05-06-1985"), (None, "-"), ("", "-"), ("05-06-1985", "05-06-1985")]
)
def test_format_date(iso: str | None, printed: str) -> None:
    assert format_date(iso) == printed
