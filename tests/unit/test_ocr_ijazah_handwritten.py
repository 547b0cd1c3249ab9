"""A school ijazah on a blanko filled in by hand: each value written on its dotted line lower and larger than
the printed label (so read as a line of its own), dates written with roman or numbered months."""

import core
import ocr
import ocr.normalize
from ocr import Page, Word
from tests.fixtures.words import line_words


def _blanko(*items: tuple[str, str], issued: str) -> Page:
    """The printed form, each `label :` at x=100, its value written from x=700 a little lower and larger."""
    words = [*line_words("REPUBLIK INDONESIA", 700, 100), *line_words("IJAZAH", 800, 180, height=60),
             *line_words("SEKOLAH MENENGAH PERTAMA", 600, 300)]
    y = 420
    for label, value in items:
        words += line_words(f"{label} :", 100, y)
        words += line_words(value, 700, y + 16, height=36)  # overlaps the label's height by less than half
        y += 100
    words += line_words("Diberikan di Kolaka", 700, y)
    words += line_words(f"pada tanggal {issued}", 700, y + 70)
    words += line_words("Kepala Sekolah,", 800, y + 140)
    return Page(1, None, tuple(words), "ocr")


def _read(page: Page) -> dict[str, object]:
    extraction, _ = ocr.extract_pages([page])
    assert extraction.document_type == core.DocumentType.IJAZAH
    return {name: value.value for name, value in extraction.fields.items()}


def test_values_written_below_their_labels_baseline_are_read_beside_their_labels():
    fields = _read(_blanko(("1. Nama", "WA MUSDALIFEH"), ("2. Tempat dan Tanggal Lahir", "Raha, 16 Januari 1969"),
                           ("3. Nama Orang Tua/Wali", "LA ODE IRWAN"), ("4. Nomor Induk", "77217"),
                           issued="9 Juni 1984"))
    assert fields["nama_lengkap"] == "WA MUSDALIFEH"
    assert (fields["tempat_lahir"], fields["tanggal_lahir"]) == ("RAHA", "1969-01-16")
    assert fields["nama_orang_tua"] == "LA ODE IRWAN"
    assert fields["nis"] == "77217"


def test_dates_written_with_roman_and_numbered_months():
    fields = _read(_blanko(("1. Nama", "BASO ARIFIN"), ("2. Tempat dan Tanggal Lahir", "Kendari, 29 - I - 1966"),
                           issued="7 - VI - 1981"))
    assert (fields["tanggal_lahir"], fields["tanggal_lulus"]) == ("1966-01-29", "1981-06-07")
    assert ocr.normalize.date("17/VIII/1945") == "1945-08-17"
    assert ocr.normalize.date("12 XIII 1999") is None


def test_a_colon_read_with_the_dots_after_it_is_no_part_of_the_value():
    """Where another line prints its colon, a short word read unsurely (`Lo.`: the colon and the dotted line's
    first dots) is that colon, not the name's first word."""
    page = _blanko(("1. Nama", "WA MUSDALIFEH"), ("2. Tempat dan Tanggal Lahir", "Raha, 16 Januari 1969"),
                   ("3. Nama Orang Tua/Wali", "LA ODE IRWAN"), issued="9 Juni 1984")
    name_colon = min((w for w in page.words if w.text == ":"), key=lambda w: w.bbox[1])
    column = max((w for w in page.words if w.text == ":"), key=lambda w: w.x0)  # the longest label's colon
    _, top, _, bottom = name_colon.bbox
    dots = Word("Lo.", 0.3, (column.x0 - 4, top, column.x1 + 30, bottom))  # on the label's line, at the column
    name = line_words("WA MUSDALIFEH", column.x1 + 50, top)  # written on the label's own line here
    words = [w for w in page.words if w is not name_colon and w.text not in ("WA", "MUSDALIFEH")] + [dots, *name]
    assert _read(Page(1, None, tuple(words), "ocr"))["nama_lengkap"] == "WA MUSDALIFEH"
