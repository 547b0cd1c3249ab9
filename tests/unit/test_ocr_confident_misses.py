"""Classes of values read wrong, or read right but lost, on the development families ijazah-fakultas and
nikah-kalimat (issue #14): each a page built from words (no Tesseract) that failed before its fix."""

import numpy as np

import core
import ocr
from ocr import Page, Word
from ocr import normalize as norm
from ocr.confidence import SURE, lookalike_at_boundary


def _words(text: str, *, x: int, y: int, height: int = 30, confidence: float = 0.96) -> list[Word]:
    out = []
    for part in text.split():
        width = 16 * len(part) * height // 30
        out.append(Word(part, confidence, (x, y, x + width, y + height)))
        x += width + 14 * height // 30
    return out


def _nikah(*rows: tuple[str, str] | tuple[str, str, str] | str, pitch: int = 70, image: bool = False) -> Page:
    """`(label, value[, wrapped])` rows with the colon at x 670 and the value at 700, `pitch` apart (a wrapped
    line too); plain strings are lines of their own."""
    words: list[Word] = []
    y = 100
    for row in rows:
        if isinstance(row, str):
            words += _words(row, x=100, y=y)
        else:
            label, value, *more = row
            words += _words(label, x=100, y=y)
            if value.startswith(":"):  # a colon glued to the value, as a scan reads it
                words += _words(value, x=670, y=y)
            else:
                words += [Word(":", 0.96, (670, y, 676, y + 30)), *_words(value, x=700, y=y)]
            for line in more:
                y += pitch
                words += _words(line, x=700, y=y)
        y += pitch
    return Page(1, np.full((y + 100, 1600), 255, np.uint8) if image else None, tuple(words), "ocr")


def _fields(page: Page) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([page])
    return extraction.fields


_HEAD = ("KEMENTERIAN AGAMA REPUBLIK INDONESIA", "BUKU NIKAH", ("Nomor", "7404053072024984"),
         ("Kantor Urusan Agama", "KECAMATAN POMALAA"),
         "Pada hari Jumat tanggal 26 Juli 2024 telah dilangsungkan")


def _party(heading: str, name: str, address: tuple[str, ...]) -> list:
    return [heading, ("Nama", name), ("NIK", "7404050907921943"), ("Tempat, Tanggal Lahir", "Kolaka, 9 Juli 1992"),
            ("Warganegara", "WNI"), ("Agama", "Islam"), ("Pekerjaan", "KARYAWAN SWASTA"), ("Tempat Tinggal", *address)]


def test_an_address_wrapped_at_a_wide_line_pitch_is_read_whole():
    # Lines 2.3 text heights apart: the wrapped line is one pitch below, as every label line is.
    page = _nikah(*_HEAD, *_party("I. Suami", "ENDANG RUKMANA", ("JL. MUH. HATTA NO. 69", "RT 007 RW 004 KECAMATAN POMALAA")),
                  pitch=70)
    assert _fields(page)["suami.alamat"].value == "JL. MUH. HATTA NO. 69 RT 007 RW 004 KECAMATAN POMALAA"


def test_an_address_whose_colon_is_glued_to_its_first_word_is_read_whole():
    page = _nikah(*_HEAD, *_party("I. Suami", "ENDANG RUKMANA", (":JL. BHAYANGKARA NO. 40", "RT 009 RW 005")),
                  pitch=55)
    assert _fields(page)["suami.alamat"].value == "JL. BHAYANGKARA NO. 40 RT 009 RW 005"


def test_a_wrapped_address_read_again_keeps_its_line_order():
    """The crop of a two-line address read again: `reread` gives its words left to right, which interleaves
    the lines (`JL. RT DR. 011 ...`); they are put back line by line."""
    page = _nikah(*_HEAD, *_party("I. Suami", "ENDANG RUKMANA", ("JL. DR. SUTOMO NO. 75", "RT 011 RW 003")),
                  pitch=55, image=True)
    # The page read `011` unsure (0.6), the crop reads every word well: the second reading leads.
    page = Page(1, page.image, tuple(Word(w.text, 0.6, w.bbox) if w.text == "011" else w for w in page.words), "ocr")
    address = [Word(w.text, 0.96, w.bbox) for w in page.words if w.x0 >= 700 and w.text in {
        "JL.", "DR.", "SUTOMO", "NO.", "75", "RT", "011", "RW", "003"}]

    def reader(page_, cells, *, lang, whitelist=None):
        out = []
        for x0, y0, x1, y1 in cells:
            inside = [w for w in address if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]
            out.append(tuple(sorted(inside, key=lambda w: w.x0)) if len(inside) > 5 else ())
        return out

    with ocr.second_readings(reader):
        got = _fields(page)["suami.alamat"]
    assert got.value == "JL. DR. SUTOMO NO. 75 RT 011 RW 003"


def test_a_number_in_an_address_read_with_a_letter_is_mended_and_doubted():
    assert norm.address_graded("JL. POROS NO. 32 RT O11 RW 005") == norm.Graded(
        "JL. POROS NO. 32 RT 011 RW 005", norm.EDIT_FACTOR)
    assert norm.address_graded("JL. SD INPRES NO. 5") == norm.Graded("JL. SD INPRES NO. 5", 1.0)


def test_the_wali_under_a_label_of_its_own_and_not_the_end_of_another():
    rows = [*_HEAD, *_party("I. Suami", "ENDANG RUKMANA", ("JL. MUH. HATTA NO. 69",)),
            *_party("II. Istri", "NURHAEDAH", ("JL. DAYANU NO. 70",))]
    assert _fields(_nikah(*rows, ("Wali", "BASO ARIFIN")))["wali.nama_lengkap"].value == "BASO ARIFIN"
    assert _fields(_nikah(*rows, ("Wali", ":BASO ARIFIN")))["wali.nama_lengkap"].value == "BASO ARIFIN"
    assert _fields(_nikah(*rows, ("3. Wali", "BASO ARIFIN")))["wali.nama_lengkap"].value == "BASO ARIFIN"
    assert _fields(_nikah(*rows, ("Hubungan Wali", "AYAH KANDUNG")))["wali.nama_lengkap"].value is None


def _ijazah_page(*lines: str | tuple[str, int]) -> Page:
    words, y = [], 100
    for line in lines:
        text, height = (line, 30) if isinstance(line, str) else line
        words += _words(text, x=100, y=y, height=height)
        y += height + 40
    return Page(1, None, tuple(words), "ocr")


def _ijazah(*lines: str | tuple[str, int]) -> dict[str, core.FieldValue]:
    return _fields(_ijazah_page(*lines))


_FAKULTAS = ("Nomor : 18511/UMK/S1/1983", "UNIVERSITAS MUHAMMADIYAH KENDARI", "FAKULTAS EKONOMI", ("IJAZAH", 90),
             "Dengan ini menyatakan bahwa", ("SUGENG RIYADI", 50), "Nomor Induk Mahasiswa : A1B83152",
             "lahir di Tana Toraja pada tanggal 4 Juni 1961",
             "telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada Program Sarjana (S1)",
             "Program Studi Manajemen, sehingga kepadanya diberikan gelar", ("SARJANA EKONOMI (S.E.)", 50),
             "Diberikan di Kendari pada tanggal 27 Juni 1983", "Dekan, Rektor,")


def test_the_degree_is_its_own_line_not_the_level_of_study_in_a_sentence():
    got = _ijazah(*_FAKULTAS)
    assert got["gelar"].value == "SARJANA EKONOMI (S.E.)"
    assert got["jenjang"].value == "S1"


def test_a_garbled_signature_block_is_no_name_label():
    """A signature block read `naa      X -N USMAN`: `naa` reads like `Nama` with a slip, and the wide gap after
    it like a lost colon; its words were read at 0.0."""
    page = _ijazah_page(*_FAKULTAS)
    garbled = [Word("naa", 0.0, (100, 1500, 160, 1536)), Word("X", 0.74, (400, 1500, 416, 1536)),
               *_words("-N USMAN", x=440, y=1500, height=36)]
    got = _fields(Page(1, None, page.words + tuple(garbled), "ocr"))
    assert got["nama_lengkap"].value == "SUGENG RIYADI"


def test_a_colon_read_as_1_where_the_other_lines_print_their_colon_is_no_digit():
    words = [*_words("SMA NEGERI 1 KOLAKA", x=300, y=50), *_words("IJAZAH", x=400, y=100, height=90)]
    rows = [("Nama", "ANDI BASO"), ("Nomor Induk Siswa", "22173"), ("Nomor Induk Siswa Nasional", "0015291107")]
    for i, (label, value) in enumerate(rows):
        y = 250 + 70 * i
        colon = "1" if label == "Nomor Induk Siswa" else ":"
        words += [*_words(label, x=100, y=y), Word(colon, 0.92, (668, y, 678, y + 30)), *_words(value, x=700, y=y)]
    got = _fields(Page(1, None, tuple(words), "ocr"))
    assert got["nis"].value == "22173"


def test_a_code_with_a_lookalike_where_letters_meet_digits_is_never_sure():
    assert lookalike_at_boundary("16953/UNS6/S1/1986") and lookalike_at_boundary("E1D23003")
    assert not lookalike_at_boundary("DN-74/M-SMA/13/0001234") and not lookalike_at_boundary("0015291107")
    got = _ijazah(*_FAKULTAS[1:], "Nomor : 16953/UNS6/S1/1986")
    assert got["nomor_ijazah"].value == "16953/UNS6/S1/1986" and got["nomor_ijazah"].confidence < SURE
    assert got["nim"].value == "A1B83152" and got["nim"].confidence < SURE


def test_a_label_with_one_word_read_at_zero_is_still_a_label_and_its_colon_read_1_is_dropped():
    """`Nama Orang Tua/Wali "1 MUHAMMAD ASRUL`: Tesseract gives a well-read `Tua/Wali` 0.0 and reads the colon,
    in the colon column, with the slash's tail as `"1`."""
    words = [*_words("SMA NEGERI 1 KOLAKA", x=300, y=50), *_words("IJAZAH", x=400, y=100, height=90),
             *_words("Nama", x=100, y=250), Word(":", 0.96, (668, 250, 678, 280)), *_words("ANDI BASO", x=700, y=250),
             Word("Nama", 0.96, (100, 320, 164, 350)), Word("Orang", 0.93, (178, 320, 258, 350)),
             Word("Tua/Wali", 0.0, (272, 320, 400, 350)), Word('"1', 0.3, (610, 320, 680, 350)),
             *_words("MUHAMMAD ASRUL", x=700, y=320)]
    got = _fields(Page(1, None, tuple(words), "ocr"))
    assert got["nama_orang_tua"].value == "MUHAMMAD ASRUL"


def test_a_month_printed_whole_with_a_speck_after_it_is_read_at_a_cost():
    assert norm.date_graded("Baubau, 9 Meiji 2003") == norm.Graded("2003-05-09", norm.EDIT_FACTOR)
    assert norm.date_graded("9 Mei 2003") == norm.Graded("2003-05-09", 1.0)


def test_a_long_number_read_surely_is_read_again_and_a_differing_reading_doubts_it():
    """`742012000163268` read at 0.93 for `...103268`: a 15-digit number has no check of its own, so it is read
    again however sure the page was; the second reading differs in a digit no letter looks like."""
    lines = ["UNIVERSITAS HALU OLEO", "IJAZAH", "Nomor Ijazah Nasional : 742012000163268", "Nama : ANDI BASO",
             "Nomor Induk Mahasiswa : 17/123456/TK", "Kendari, 5 Mei 2016"]
    page = _ijazah_page(*lines)
    page = Page(1, np.full((900, 1600), 255, np.uint8), page.words, "ocr")
    asked = []

    def reader(page_, cells, *, lang, whitelist=None):
        asked.append(whitelist)
        out = []
        for x0, y0, x1, y1 in cells:
            inside = [w for w in page.words if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]
            out.append(tuple(Word("742012000103268", 0.96, w.bbox) if w.text == "742012000163268" else w
                             for w in inside))
        return out

    with ocr.second_readings(reader):
        got = _fields(page)["nomor_ijazah"]
    assert asked and got.value is not None and got.confidence < SURE
