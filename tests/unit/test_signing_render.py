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


def _words(page: Any) -> dict[str, dict[str, Any]]:
    return {w["text"]: w for w in page.extract_words(keep_blank_chars=True, x_tolerance=1.5)}


@pytest.mark.parametrize(("group", "columns"), [("DOKUMEN IMIGRASI", ("No. Paspor", "No. KITAP")),
                                                ("NAMA ORANG TUA", ("Nama Ayah", "Nama Ibu"))])
def test_table_2_group_header_over_its_columns(pdf: bytes, group: str, columns: tuple[str, str]) -> None:
    """Current national layout: the group label in the upper part of a split header cell, a rule under
    it across just its columns, the divider between them only below that rule."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        words = _words(page)
        lines = page.lines
    label, left, right = words[group], words[columns[0]], words[columns[1]]
    assert label["bottom"] < min(left["top"], right["top"])
    assert left["x0"] < label["x0"] and label["x1"] < right["x1"]
    centre = (label["x0"] + label["x1"]) / 2
    horizontal = [ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 0.5 and ln["x0"] < centre < ln["x1"]
                  and label["bottom"] <= ln["top"] <= min(left["top"], right["top"])]
    assert len(horizontal) == 1, "one rule between the group label and its columns' headers"
    rule = horizontal[0]
    assert rule["x0"] < left["x0"] and right["x1"] < rule["x1"]
    assert rule["x1"] - rule["x0"] < page.width / 2, "the rule spans the group's columns, not the table"
    divider = [ln for ln in lines if abs(ln["x0"] - ln["x1"]) < 0.5 and left["x1"] < ln["x0"] < right["x0"]
               and ln["top"] < left["bottom"] < ln["bottom"]]
    assert len(divider) == 1
    assert abs(divider[0]["top"] - rule["top"]) < 0.5, "the inner divider starts at the group rule"


def test_qr_code_encodes_the_verification_url_with_id_and_short_hash() -> None:
    import cv2
    import numpy as np

    from signing import document_fingerprint, verification_url

    fingerprint = document_fingerprint(FAMILY, document_id=KWARGS["document_id"], issued_on=KWARGS["issued_on"])
    url = verification_url("https://capil.example.go.id", document_id=KWARGS["document_id"], fingerprint=fingerprint)
    out = render_kk_pdf(FAMILY, **{**KWARGS, "verify_url": url})
    with pdfplumber.open(io.BytesIO(out)) as doc:
        image = np.asarray(doc.pages[0].to_image(resolution=150).original.convert("L"))
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == url == f"https://capil.example.go.id/v/APP-2024-0001?h={fingerprint}"


def test_qr_code_is_not_a_grid_of_rectangles(pdf: bytes) -> None:
    """Readers that take rectangles for table rules must not find a ruled grid in the QR code."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        footer_rects = [r for r in page.rects if r["top"] > page.height - 140]
        footer_curves = [c for c in page.curves if c["top"] > page.height - 140]
    assert len(footer_rects) <= 1, "at most the QR code's white background"
    assert footer_curves, "the QR modules are drawn"
