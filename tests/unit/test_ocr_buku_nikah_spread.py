"""Two booklet pages side by side, each party's on its own (`ocr/_buku_nikah_layout.py`): labels printed on both
pages are two pages, not one table of both parties; a label alone on its line has its colon and value on the
line below. Built from words (no rendering)."""

from __future__ import annotations

import core
from tests.fixtures.words import Column, fields_read

_LEFT, _RIGHT = 100, 1500
_SUAMI = ("LA ODE RIDWAN", "7404010104019380", "Kolaka, 1 April 2001", "WNI", "Islam", "KARYAWAN SWASTA",
          "JL. BUNGA KAMBOJA NO. 74")
_ISTRI = ("SRI WAHYUNI", "7404025711974565", "Baubau, 17 November 1997", "WNI", "Islam", "PELAJAR/MAHASISWA",
          "JL. SAOSAO NO. 55")
_LABELS = ("Nama", "Nomor Induk Kependudukan", "Tempat dan Tanggal Lahir", "Kewarganegaraan", "Agama",
           "Pekerjaan", "Tempat Tinggal")


def _lines() -> list[str | tuple[str, int] | list[Column]]:
    out: list[str | tuple[str, int] | list[Column]] = [
        [(_LEFT, "KUTIPAN AKTA NIKAH")], [(_LEFT, "Nomor : 7472015042024547")],
        [(_LEFT + 300, "SUAMI"), (_RIGHT + 300, "ISTRI")]]
    for n, (label, husband, wife) in enumerate(zip(_LABELS, _SUAMI, _ISTRI, strict=True), start=1):
        out.append([(_LEFT, f"{n}. {label}"), (_RIGHT, f"{n}. {label}")])
        out.append([(_LEFT + 40, f": {husband}"), (_RIGHT + 40, f": {wife}")])
    return out


def test_each_page_of_the_spread_gives_its_party_and_the_value_under_its_label() -> None:
    fields = fields_read(*_lines(), expect=core.DocumentType.BUKU_NIKAH)
    read = {k: v.value for k, v in fields.items()}
    assert (read["suami.nama_lengkap"], read["istri.nama_lengkap"]) == ("LA ODE RIDWAN", "SRI WAHYUNI")
    assert (read["suami.nik"], read["istri.nik"]) == ("7404010104019380", "7404025711974565")
    # The label's own last word (`Lahir`, its colon on the line below) is no value.
    assert (read["suami.tempat_lahir"], read["suami.tanggal_lahir"]) == ("KOLAKA", "2001-04-01")
    assert (read["istri.tempat_lahir"], read["istri.tanggal_lahir"]) == ("BAUBAU", "1997-11-17")
    assert (read["suami.pekerjaan"], read["istri.pekerjaan"]) == ("KARYAWAN SWASTA", "PELAJAR/MAHASISWA")
    assert (read["suami.alamat"], read["istri.alamat"]) == ("JL. BUNGA KAMBOJA NO. 74", "JL. SAOSAO NO. 55")


def test_the_kua_named_inside_a_sentence_ends_at_its_comma_and_keeps_its_district() -> None:
    fields = fields_read("KUTIPAN AKTA NIKAH", "Nomor : 7472015042024547",
                         "Pada hari ini, Rabu tanggal 17 April 2024 telah dilangsungkan akad nikah",
                         "sebagaimana tercatat dalam Akta Nikah di Kantor",
                         "Urusan Agama Kecamatan Betoambari, antara",
                         "seorang laki-laki dan seorang perempuan", expect=core.DocumentType.BUKU_NIKAH)
    assert fields["kua"].value == "KUA KECAMATAN BETOAMBARI"
