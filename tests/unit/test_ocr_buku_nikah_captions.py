"""Captions over values (`ocr/_buku_nikah_layout.py`): a form that prints each label small above its value, no
colons, the parties in two columns under SUAMI and ISTRI, each column with its own captions. Built from words
(no rendering)."""

from __future__ import annotations

import core
from tests.fixtures.words import Column, fields_read

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


def test_a_rows_values_chained_apart_from_its_label_by_a_rules_scraps_are_the_labels() -> None:
    from ocr import Word
    from ocr._buku_nikah_layout import _typed_off_line
    from ocr._layout import Line

    label = Line(1, (Word("|", 0.5, (144, 1222, 150, 1252)), Word("Kewarganegaraan", 0.96, (160, 1222, 420, 1252))))
    values = Line(1, (Word("1", 0.7, (144, 1229, 150, 1253)), Word("|", 0.96, (146, 1229, 152, 1253)),
                      Word("WNI", 0.96, (541, 1229, 600, 1253)), Word("WNI", 0.91, (1087, 1229, 1146, 1253))))
    joined = _typed_off_line([label, values])
    assert [w.text for ln in joined for w in ln.words] == ["|", "Kewarganegaraan", "WNI", "WNI"]
    # A line that begins with words of its own left of the label's end is another row, not the label's values.
    other = Line(1, (Word("Islam", 0.96, (144, 1229, 220, 1253)), Word("WNI", 0.96, (541, 1229, 600, 1253))))
    assert len(_typed_off_line([label, other])) == 2
