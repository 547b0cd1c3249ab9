"""A buku nikah whose parties are the rows of one table (`ocr/_buku_nikah_rows.py`): who from the row's role
word (or its place after the rows above), what from the column heading, built from words (no rendering)."""

from __future__ import annotations

import core
import ocr
from ocr import Page, Word
from ocr.confidence import SURE
from tests.fixtures.words import line_words

_ABOVE = ["PETIKAN DAFTAR AKTA NIKAH", "Nomor Akta Nikah : 0663/011/VII/2019",
          "Tanggal Akad Nikah : Rabu, 3 Juli 2019", "Dicatat di : KUA Kecamatan Katobu"]
_X = (100, 150, 350, 700, 1000, 1250, 1450, 1650, 1800, 2150)
"""Left x of the columns: No, Kedudukan, Nama Lengkap, NIK, Tempat Lahir, Tanggal Lahir, Warga Negara, Agama,
Pekerjaan, Alamat."""
_HEADINGS = ("No", "Kedudukan", "Nama Lengkap", "NIK", "Tempat Lahir", None, None, "Agama", "Pekerjaan", "Alamat")
_SUAMI = ("1", "SUAMI", "LA ODE ZAINAL", "7402012205985630", "RAHA", "22-05-1998", "WNI", "ISLAM",
          "KARYAWAN SWASTA", "JL. KONGGOASA NO. 81")
_ISTRI = ("2", "ISTRI", "NENG ROSMIATI", "7402016704963890", "KOLAKA", "27-04-1996", "WNI", "ISLAM",
          "PELAJAR/MAHASISWA", "JL. POROS UNAAHA NO. 46")
_WALI = ("3", "WALI", "UJANG SOPANDI (AYAH KANDUNG)")
_SAKSI = ("4", "SAKSI I", "ANDI ILHAM")


def _page(*rows: tuple[str, ...]) -> Page:
    """The form: lines above the table, its headings (`Tanggal Lahir` and `Warga Negara` wrapped over two
    lines in their cells, the others set between them), then one line per row."""
    words: list[Word] = []
    y = 100
    for text in _ABOVE:
        words.extend(line_words(text, 100, y))
        y += 70
    y += 20
    words.extend(line_words("Tanggal", _X[5], y) + line_words("Warga", _X[6], y))
    words.extend(w for x, text in zip(_X, _HEADINGS, strict=True) if text for w in line_words(text, x, y + 20))
    words.extend(line_words("Lahir", _X[5], y + 40) + line_words("Negara", _X[6], y + 40))
    y += 110
    for row in rows:
        words.extend(w for x, text in zip(_X, row, strict=False) if text for w in line_words(text, x, y))
        y += 70
    return Page(1, None, tuple(words), "ocr")


def _read(*rows: tuple[str, ...]) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([_page(*rows)])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


def test_each_party_row_gives_its_values_by_column_heading() -> None:
    fields = _read(_SUAMI, _ISTRI, _WALI, _SAKSI)
    read = {k: v.value for k, v in fields.items()}
    assert read["suami.nama_lengkap"] == "LA ODE ZAINAL"
    assert read["suami.nik"] == "7402012205985630"
    assert (read["suami.tempat_lahir"], read["suami.tanggal_lahir"]) == ("RAHA", "1998-05-22")
    assert (read["suami.kewarganegaraan"], read["suami.agama"]) == ("WNI", "ISLAM")
    assert read["suami.pekerjaan"] == "KARYAWAN SWASTA"
    assert read["suami.alamat"] == "JL. KONGGOASA NO. 81"
    assert read["istri.nik"] == "7402016704963890"
    assert (read["istri.tempat_lahir"], read["istri.tanggal_lahir"]) == ("KOLAKA", "1996-04-27")
    assert read["istri.pekerjaan"] == "PELAJAR/MAHASISWA"
    assert read["wali.nama_lengkap"] == "UJANG SOPANDI"  # the relation in brackets is no part of the name
    assert fields["suami.nama_lengkap"].confidence >= SURE  # two witnesses: the role word and the heading


def test_a_row_whose_role_word_was_lost_takes_the_role_after_the_row_above_unsurely() -> None:
    fields = _read(_SUAMI, ("2", "", *_ISTRI[2:]), _WALI, _SAKSI)
    assert fields["istri.nama_lengkap"].value == "NENG ROSMIATI"
    assert fields["istri.alamat"].value == "JL. POROS UNAAHA NO. 46"
    assert 0 < fields["istri.nama_lengkap"].confidence < SURE  # one witness: its place in the table
    assert fields["wali.nama_lengkap"].value == "UJANG SOPANDI"


def test_a_label_value_line_above_the_table_is_no_heading_and_a_witness_no_party() -> None:
    fields = _read(_SUAMI, _ISTRI, _SAKSI)
    assert fields["kua"].value == "KUA KECAMATAN KATOBU"
    assert fields["wali.nama_lengkap"].value is None  # the witness's row gives no wali
