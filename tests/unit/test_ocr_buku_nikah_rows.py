"""A buku nikah whose parties are the rows of one table (`ocr/_buku_nikah_rows.py`): who from the row's role
word (or its place after the rows above), what from the column heading, built from words (no rendering)."""

from __future__ import annotations

import core
from ocr.confidence import SURE
from tests.fixtures.words import Column, fields_read

_HEAD: list[str | tuple[str, int] | list[Column]] = [
    ("PETIKAN DAFTAR AKTA NIKAH", 40),
    "Nomor Akta Nikah : 0663/011/VII/2019",
    "Tanggal Akad Nikah : Rabu, 3 Juli 2019",
    "Dicatat di : KUA Kecamatan Katobu",
    [(1250, "Tanggal"), (1450, "Warga")],  # headings over two lines
    [(100, "No"), (150, "Kedudukan"), (350, "Nama Lengkap"), (700, "NIK"), (1000, "Tempat Lahir"),
     (1650, "Agama"), (1800, "Pekerjaan"), (2150, "Alamat")],
    [(1250, "Lahir"), (1450, "Negara")],
]


def _row(number: str, role: str, name: str, nik: str = "-", place: str = "-", born: str = "-", citizen: str = "-",
         religion: str = "-", job: str = "-", address: str = "-") -> list[Column]:
    cells = [(100, number), (150, role), (350, name), (700, nik), (1000, place), (1250, born), (1450, citizen),
             (1650, religion), (1800, job), (2150, address)]
    return [(x, text) for x, text in cells if text]


_SUAMI = _row("1", "SUAMI", "LA ODE ZAINAL", "7402012205985630", "RAHA", "22-05-1998", "WNI", "ISLAM",
              "KARYAWAN SWASTA", "JL. KONGGOASA NO. 81")
_ISTRI = ("NENG ROSMIATI", "7402016704963890", "KOLAKA", "27-04-1996", "WNI", "ISLAM", "PELAJAR/MAHASISWA",
          "JL. POROS UNAAHA NO. 46")
_WALI = _row("3", "WALI", "UJANG SOPANDI (AYAH KANDUNG)")
_SAKSI = _row("4", "SAKSI I", "ANDI ILHAM")


def test_each_party_row_gives_its_values_by_column_heading() -> None:
    fields = fields_read(*_HEAD, _SUAMI, _row("2", "ISTRI", *_ISTRI), _WALI, _SAKSI,
                         expect=core.DocumentType.BUKU_NIKAH)
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
    assert fields["suami.nik"].confidence >= SURE


def test_a_row_whose_role_word_was_lost_takes_the_role_after_the_row_above_unsurely() -> None:
    fields = fields_read(*_HEAD, _SUAMI, _row("2", "", *_ISTRI), _WALI, _SAKSI,
                         expect=core.DocumentType.BUKU_NIKAH)
    assert fields["istri.nama_lengkap"].value == "NENG ROSMIATI"
    assert fields["istri.alamat"].value == "JL. POROS UNAAHA NO. 46"
    assert 0 < fields["istri.nama_lengkap"].confidence < SURE  # one witness: its place in the table
    assert fields["wali.nama_lengkap"].value == "UJANG SOPANDI"
