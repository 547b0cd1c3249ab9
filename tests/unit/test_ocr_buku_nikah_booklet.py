"""An opened buku nikah booklet as a photo or scan shows it: items lettered (`a. Nama lengkap`), sections numbered
(`I. SUAMI`, `III. WALI NIKAH`), colons lost in a grey print, the binding's marks down the fold read as lone
letters and the fold's shadow as a column of scraps. Words in, fields out."""

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import line_words

_FOLD = 1400
_TO_VALUE = 420


def _column(x0: int, rows: list[tuple[str, str] | str], *, colons: bool = True, y: int = 100) -> list[Word]:
    """`(label, value)` rows, strings as lines alone; the colons printed or (a grey print) lost."""
    words: list[Word] = []
    for row in rows:
        if isinstance(row, str):
            words += line_words(row, x0, y)
        else:
            words += line_words(row[0], x0, y)
            if colons:
                words.append(Word(":", 0.96, (x0 + _TO_VALUE - 30, y, x0 + _TO_VALUE - 24, y + 30)))
            words += line_words(row[1], x0 + _TO_VALUE, y)
        y += 60
    return words


_LEFT = ["REPUBLIK INDONESIA", "KEMENTERIAN AGAMA", "KUTIPAN AKTA NIKAH", ("Nomor", "0690/012/IX/2022"),
         "KANTOR URUSAN AGAMA KECAMATAN BETOAMBARI", "I. SUAMI", ("a. Nama lengkap", "LA ODE HASRUDDIN"),
         ("b. Bin", "LA ODE HAMZAH"), ("c. Tempat / tgl. lahir", "BAUBAU, 1-5-1997"), ("d. Warganegara", "WNI"),
         ("e. Agama", "ISLAM"), ("f. Pekerjaan", "PELAJAR/MAHASISWA"), ("g. Tempat kediaman", "JL. KONGGOASA NO. 28"),
         ("h. NIK", "7472010105971965")]
_RIGHT = ["II. ISTERI", ("a. Nama lengkap", "WA HALIMAH"), ("b. Binti", "LA ARSYAD"),
          ("c. Tempat / tgl. lahir", "RAHA, 15-9-1998"), ("d. Warganegara", "WNI"), ("e. Agama", "ISLAM"),
          ("f. Pekerjaan", "KARYAWAN SWASTA"), ("g. Tempat kediaman", "JL. BHAYANGKARA NO. 22"),
          ("h. NIK", "7402015509986370"), "III. WALI NIKAH", ("Nama", "LA ODE KARIM"), ("Hubungan", "KAKEK"),
          ("Mas kawin", "SEPERANGKAT ALAT SHOLAT")]


def _read(words: list[Word]) -> dict[str, str | None]:
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return {k: v.value for k, v in extraction.fields.items()}


def test_a_numbered_wali_heading_ends_the_wife_s_block():
    got = _read(_column(100, _LEFT) + _column(_FOLD + 100, _RIGHT))
    # `III. WALI NIKAH` is the wali's heading: its `Nama` is not the wife's.
    assert got["istri.nama_lengkap"] == "WA HALIMAH"
    assert got["wali.nama_lengkap"] == "LA ODE KARIM"
    assert got["suami.nama_lengkap"] == "LA ODE HASRUDDIN"


def test_a_label_whose_colon_was_lost_is_taken_where_it_begins_its_line_and_not_from_a_longer_label():
    """`Tempat kediaman` begins a longer label (`Tempat Kediaman Terakhir`), `Nama` several: without a colon
    such a label is taken only at the start of its line (after the item's letter), and never where the words
    after it go on into a longer label (`Nama Ayah`)."""
    right = [f"{row[0]} {row[1]}" if isinstance(row, tuple) and row[0] in ("g. Tempat kediaman", "Nama") else row
             for row in _RIGHT]
    got = _read(_column(100, _LEFT) + _column(_FOLD + 100, right))
    assert got["istri.alamat"] == "JL. BHAYANGKARA NO. 22"
    assert got["wali.nama_lengkap"] == "LA ODE KARIM"
    father = [row if row != ("a. Nama lengkap", "WA HALIMAH") else "a. Nama Ayah LA ARSYAD" for row in _RIGHT]
    assert _read(_column(100, _LEFT) + _column(_FOLD + 100, father))["istri.nama_lengkap"] is None


def test_a_grey_spread_without_colons_and_with_marks_down_its_fold_is_still_read_page_by_page():
    # The binding's stitches read as lone letters on the fold, the fold's shadow as a column of scraps.
    marks = [Word(t, 0.85, (_FOLD - 240, y, _FOLD - 226, y + 20)) for t, y in (("t", 300), ("i", 420), ("1", 900))]
    shadow = [Word(t, 0.2, (_FOLD - 100, y, _FOLD - 60, y + 30)) for t, y in
              (("AA", 160), ("RL", 460), ("MA", 580), ("ANN", 760), ("PA", 880), ("At", 1000))]
    got = _read(_column(100, _LEFT, colons=False) + _column(_FOLD + 100, _RIGHT, colons=False) + marks + shadow)
    assert got["suami.nama_lengkap"] == "LA ODE HASRUDDIN"
    assert got["suami.nik"] == "7472010105971965"
    assert got["istri.nama_lengkap"] == "WA HALIMAH"
    assert got["istri.nik"] == "7402015509986370"
    assert got["istri.pekerjaan"] == "KARYAWAN SWASTA"
    assert got["wali.nama_lengkap"] == "LA ODE KARIM"


def test_a_letter_spaced_label_is_one_label():
    """`N I K` printed letter-spaced is read as three words: the label still gives the NIK."""
    spaced = [("h. N I K", row[1]) if isinstance(row, tuple) and row[0] == "h. NIK" else row for row in _LEFT]
    got = _read(_column(100, spaced) + _column(_FOLD + 100, _RIGHT))
    assert got["suami.nik"] == "7472010105971965"
