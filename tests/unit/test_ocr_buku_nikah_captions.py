"""Captions over values (`ocr/_buku_nikah_layout.py`): a form that prints each label small above its value, no
colons, the parties in two columns under SUAMI and ISTRI, each column with its own captions. Built from words
(no rendering)."""

from __future__ import annotations

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import Column, fields_read, line_words

_LEFT, _RIGHT = 100, 1100
_ROWS = (("Nama Lengkap", "LA ODE RIDWAN", "SRI WAHYUNI"),
         ("Nomor Induk Kependudukan", "7404010104019380", "7404025711974565"),
         ("Tempat Lahir", "Kolaka", "Baubau"),
         ("Tanggal Lahir", "1 April 2001", "17 November 1997"),
         ("Warga Negara", "WNI", "WNI"),
         ("Agama", "Islam", "Islam"),
         ("Pekerjaan", "KARYAWAN SWASTA", "PELAJAR/MAHASISWA"),
         ("Tempat Tinggal", "JL. BUNGA KAMBOJA NO. 74", "JL. SAOSAO NO. 55"))


def _lines(*, slips: bool) -> list[str | tuple[str, int] | list[Column]]:
    out: list[str | tuple[str, int] | list[Column]] = [
        "KUTIPAN AKTA NIKAH", "Nomor : 0177/015/VII/2021", "Tanggal Akad Nikah",
        "Jum'at, 2 Juli 2021 M / 22 Dzulqa'dah 1442 H", "Dicatat di", "Kantor Urusan Agama Kecamatan Kolaka",
        [(_LEFT + 300, "SUAMI"), (_RIGHT + 300, "ISTRI")]]
    for caption, husband, wife in _ROWS:
        # A worn print misreads one column's caption (`Tanggal Lalur`), so only the other's reads as printed.
        left = "Tanggal Lalur" if slips and caption == "Tanggal Lahir" else caption
        out.append([(_LEFT, left), (_RIGHT, caption)])
        out.append([(_LEFT + 20, husband), (_RIGHT + 20, wife)])
    out += ["WALI NIKAH", "Nama Was" if slips else "Nama Wali", "UJANG SOPANDI"]
    return out


def test_each_party_column_gives_the_value_under_its_caption() -> None:
    for slips in (False, True):
        fields = fields_read(*_lines(slips=slips), expect=core.DocumentType.BUKU_NIKAH)
        read = {k: v.value for k, v in fields.items()}
        assert read["tanggal_nikah"] == "2021-07-02"  # the Gregorian date of the two calendars
        assert read["kua"] == "KUA KECAMATAN KOLAKA"
        assert (read["suami.nama_lengkap"], read["istri.nama_lengkap"]) == ("LA ODE RIDWAN", "SRI WAHYUNI")
        assert (read["suami.nik"], read["istri.nik"]) == ("7404010104019380", "7404025711974565")
        # Place and date under captions of their own, one caption misread: both parties' place and date.
        assert (read["suami.tempat_lahir"], read["suami.tanggal_lahir"]) == ("KOLAKA", "2001-04-01")
        assert (read["istri.tempat_lahir"], read["istri.tanggal_lahir"]) == ("BAUBAU", "1997-11-17")
        assert (read["suami.kewarganegaraan"], read["istri.agama"]) == ("WNI", "ISLAM")
        assert (read["suami.pekerjaan"], read["istri.pekerjaan"]) == ("KARYAWAN SWASTA", "PELAJAR/MAHASISWA")
        assert (read["suami.alamat"], read["istri.alamat"]) == ("JL. BUNGA KAMBOJA NO. 74", "JL. SAOSAO NO. 55")
        # The other column's caption beside a caption is no value, nor is a caption's slipped word.
        assert read["wali.nama_lengkap"] == "UJANG SOPANDI"



def _scraps_page() -> Page:
    """A table of both parties (labels left, SUAMI and ISTRI columns), one row's values read as a chain of their
    own: the rule's scraps at the row's start, as a photo of a ruled table gives them (the boxes as read)."""
    words = [*line_words("KUTIPAN AKTA NIKAH", 600, 360), *line_words("Nomor Akta Nikah : 0078/018/IV/2021", 580, 500)]
    words += [*line_words("URAIAN", 275, 790, height=24), *line_words("SUAMI", 750, 790, height=24),
              *line_words("ISTRI", 1308, 790, height=24)]
    for y, label, husband, wife in ((875, "Nama Lengkap", "ANDI SYAHRIR", "ANDI TENRI AJENG"),
                                    (1020, "NIK", "7471010807012908", "7402014111029890"),
                                    (1383, "Pekerjaan", "PELAJAR/MAHASISWA", "KARYAWAN SWASTA")):
        words += [*line_words(label, 160, y, height=24), *line_words(husband, 541, y, height=24),
                  *line_words(wife, 1087, y, height=24)]
    words += [Word("|", 0.56, (144, 1213, 146, 1227)), Word("|", 0.54, (144, 1231, 146, 1244)),
              Word("|", 0.37, (144, 1247, 146, 1261)), Word("1", 0.72, (144, 1263, 146, 1271)),
              Word("|", 0.96, (146, 1217, 147, 1271)), Word("Kewarganegaraan", 0.96, (160, 1213, 418, 1260)),
              Word("WNI", 0.96, (541, 1226, 601, 1249)), Word("WNI", 0.91, (1087, 1226, 1147, 1250)),
              Word("|", 0.96, (146, 1282, 147, 1341)), Word("Agama", 0.96, (158, 1298, 259, 1328)),
              Word("ISLAM", 0.96, (543, 1298, 636, 1322)), Word("ISLAM", 0.96, (1089, 1298, 1181, 1322))]
    return Page(1, None, tuple(words), "ocr")


def test_a_rows_values_chained_apart_from_its_label_by_a_rules_scraps_are_the_labels() -> None:
    extraction, _ = ocr.extract_pages([_scraps_page()])
    read = {k: v.value for k, v in extraction.fields.items()}
    assert (read["suami.kewarganegaraan"], read["istri.kewarganegaraan"]) == ("WNI", "WNI")
    assert (read["suami.agama"], read["istri.pekerjaan"]) == ("ISLAM", "KARYAWAN SWASTA")


def test_labels_that_carry_the_party_s_name_give_the_value_after_their_gap() -> None:
    """A registry system's printout (`Nama Suami ......... MUHAMMAD ASRUL`): the label carries its party's name,
    which `Nama` alone would take for the value."""
    def row(label: str, value: str) -> list[Column]:
        return [(100, label), (900, value)]

    fields = fields_read(
        "KEMENTERIAN AGAMA REPUBLIK INDONESIA", "Detail Data Pernikahan", row("Nomor Akta", "7404011032024660"),
        row("Tanggal Akad", "Jumat, 29 Maret 2024"), row("Lokasi Pencatatan", "KUA Kecamatan Kolaka"),
        "Data Suami", row("Nama Suami", "MUHAMMAD ASRUL"), row("NIK Suami", "7404010204040173"),
        row("Tempat Lahir Suami", "Kolaka"), row("Tanggal Lahir Suami", "02/04/2004"),
        row("Alamat Suami", "Jl. Saosao No. 89"),
        "Data Istri", row("Nama Istri", "IIS SUMIATI"), row("NIK Istri", "7402014709980702"),
        row("Tempat Lahir Istri", "Raha"), row("Tanggal Lahir Istri", "07/09/1998"),
        row("Alamat Istri", "Jl. Dr. Sutomo No. 53"), expect=core.DocumentType.BUKU_NIKAH)
    read = {k: v.value for k, v in fields.items()}
    assert (read["suami.nama_lengkap"], read["istri.nama_lengkap"]) == ("MUHAMMAD ASRUL", "IIS SUMIATI")
    assert (read["suami.tempat_lahir"], read["suami.tanggal_lahir"]) == ("KOLAKA", "2004-04-02")
    assert (read["istri.tempat_lahir"], read["istri.tanggal_lahir"]) == ("RAHA", "1998-09-07")
    assert (read["suami.alamat"], read["istri.alamat"]) == ("JL. SAOSAO NO. 89", "JL. DR. SUTOMO NO. 53")
