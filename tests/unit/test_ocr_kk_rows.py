"""KK member rows come from the text; ruled lines are only a hint (issue #14, item 3).

Pages are built from words through the public seam `ocr.extract_pages`: no image, no Tesseract. Each
row prints a row number and a NIK; the rules found on the page (its `Grid`s) are faint, broken or
missing in each test, and must never merge two members' rows.
"""

from __future__ import annotations

import itertools

import core
import ocr
from ocr import Grid, Page, Word
from tests.fixtures.words import put_words

MEMBERS = [("1", "LA ODE MUHAMMAD", "7401010101800001", "LAKI-LAKI", "ISLAM"),
           ("2", "WA ODE SITI AMINAH", "7401054506850002", "PEREMPUAN", "ISLAM"),
           ("3", "LA ODE HAMZAH", "7401010507100003", "LAKI-LAKI", "ISLAM"),
           ("4", "WA ODE NURHAYATI", "7401015203120004", "PEREMPUAN", "ISLAM"),
           ("5", "LA ODE RAHMAN", "7401011108150005", "LAKI-LAKI", "ISLAM")]
XS = (0, 100, 600, 1000, 1300, 1600)
TOP = 300
"""y of the table's top: the KK's title and No. KK above it."""
ROW = 50




def kk_page(*, grids: tuple[Grid, ...] = (), headers: tuple[str, ...] = ("No", "Nama Lengkap", "NIK",
                                                                            "Jenis Kelamin", "Agama")) -> Page:
    """Title, No. KK and table 1 of a KK as words (header centred, values left-aligned)."""
    words = put_words("KARTU KELUARGA", 800, 40, centre=True) + put_words("No. 7401052301150001", 800, 100, centre=True)
    for (x0, x1), title in zip(itertools.pairwise(XS), headers, strict=True):
        words += put_words(title, (x0 + x1) // 2, TOP + 15, centre=True)
    for r, member in enumerate(MEMBERS, start=1):
        y = TOP + r * ROW + 15
        words += [w for x0, value in zip(XS, member, strict=False) for w in put_words(value, x0 + 10, y)]
    return Page(1, None, tuple(words), "ocr", grids)


def _rows(page: Page) -> list[tuple[str | None, ...]]:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    return [tuple(row[f].value for f in ("nama_lengkap", "nik", "jenis_kelamin", "agama"))
            for row in extraction.anggota]


EXPECTED = [(name, nik, sex, agama) for _, name, nik, sex, agama in MEMBERS]
BOTTOM = TOP + ROW * (len(MEMBERS) + 1)


def test_a_table_without_any_rule_found_has_one_row_per_nik():
    assert _rows(kk_page()) == EXPECTED


def test_one_ruled_row_over_every_member_does_not_merge_them():
    # Every row rule faded: the rules found make one row of the header and one of all five members.
    assert _rows(kk_page(grids=(Grid(XS, (TOP, TOP + ROW, BOTTOM)),))) == EXPECTED


def test_a_ruled_table_whose_header_words_read_badly_is_split_by_its_niks():
    # The header reads too badly for the table to be found from its text (no word is a header word as
    # read), so the rules are all there is, and they hold every member in one row.
    garbled = ("No", "Narna Lenqkaq", "NlK", "Jcnls Kclamln", "Aqarna")
    page = kk_page(grids=(Grid(XS, (TOP, TOP + ROW, BOTTOM)),), headers=garbled)
    assert [row[:3] for row in _rows(page)] == [row[:3] for row in EXPECTED]


def test_a_header_read_wrong_does_not_glue_its_values_to_the_next_column():
    # `Jenis Kelamin` unread: its values lie under no header, beside the religion's.
    headers = ("No", "Nama Lengkap", "NIK", "", "Agama")
    assert _rows(kk_page(headers=headers)) == EXPECTED


def test_a_row_holding_two_members_that_cannot_be_split_is_not_read():
    # Two members printed so close that their lines are one (a rule lost, the text run together, half a
    # line apart): the row holds two NIKs, and neither name nor any other value may come back from it.
    crowded = [Word(w.text, w.confidence, (w.bbox[0], w.bbox[1] - 40, w.bbox[2], w.bbox[3] - 40))
               if TOP + 2 * ROW + 10 < w.cy < TOP + 2 * ROW + 40 else w for w in kk_page().words]
    page = Page(1, None, tuple(crowded), "ocr", (Grid(XS, (TOP, TOP + ROW, TOP + 3 * ROW, BOTTOM)),))
    garbled = _garbled_header(page)
    extraction, _ = ocr.extract_pages([garbled], declared_type=core.DocumentType.KK)
    assert len(extraction.anggota) == 3
    for row in extraction.anggota:
        assert row["nik"].value in {m[2] for m in MEMBERS[2:]}
        assert row["nama_lengkap"].value in {m[1] for m in MEMBERS[2:]}


def _garbled_header(page: Page) -> Page:
    """The same page with its header words misread, so that only the rules find the table."""
    misread = {"Nama": "Narna", "Lengkap": "Lenqkaq", "NIK": "NlK", "Jenis": "Jcnls", "Kelamin": "Kclamln",
               "Agama": "Aqarna"}
    return Page(1, None, tuple(Word(misread.get(w.text, w.text), w.confidence, w.bbox)
                               if TOP <= w.cy <= TOP + ROW else w for w in page.words), "ocr", page.grids)


def test_a_name_put_together_from_two_lines_is_not_reported_sure():
    # Member 2's name wrapped onto a second line (or another row's name run into it): read, but not sure.
    words = []
    for w in kk_page().words:
        if w.text == "AMINAH":
            w = Word(w.text, w.confidence, (110, w.bbox[1] + 22, 110 + w.bbox[2] - w.bbox[0], w.bbox[3] + 22))
        words.append(w)
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")], declared_type=core.DocumentType.KK)
    name = extraction.anggota[1]["nama_lengkap"]
    assert name.value == "WA ODE SITI AMINAH" and name.confidence < 0.9
    assert extraction.anggota[0]["nama_lengkap"].confidence >= 0.9


def _with_name_lines(member: int, *, lines: int, nik: str | None = None) -> core.Extraction:
    """The page with member `member`'s name printed one word per line on `lines` lines, its NIK as given."""
    _, name, printed_nik, *_ = MEMBERS[member]
    y = TOP + (member + 1) * ROW + 15
    words = [w for w in kk_page().words
             if not (y <= w.bbox[1] <= y + 5 and (w.text in name.split() or w.text == printed_nik))]
    tokens = name.split()
    for i in range(lines):
        part = tokens[len(tokens) * i // lines:len(tokens) * (i + 1) // lines]
        words += put_words(" ".join(part), 110, y - 6 * lines + 16 * i)
    words += put_words(nik if nik is not None else printed_nik, 610, y)
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")], declared_type=core.DocumentType.KK)
    return extraction


def test_a_name_over_two_lines_beside_no_valid_nik_is_doubtful():
    extraction = _with_name_lines(1, lines=2, nik="74010545068500")  # two digits lost
    name = extraction.anggota[1]["nama_lengkap"]
    assert name.value == "WA ODE SITI AMINAH" and name.confidence <= 0.5


def test_a_name_over_three_lines_is_rows_run_together_and_not_read():
    extraction = _with_name_lines(1, lines=3)
    assert extraction.anggota[1]["nama_lengkap"].value is None
    assert extraction.anggota[1]["nik"].value == MEMBERS[1][2]


# Tables 1 and 2 of one KK, each with the printed column numbers `(1) (2) ...` under its header.
TABLE_1 = (("No", 0, 100), ("Nama Lengkap", 100, 600), ("NIK", 600, 1000), ("Golongan Darah", 1000, 1300))
TABLE_2 = (("No", 0, 100), ("Status Hubungan Dalam Keluarga", 100, 600), ("Kewarganegaraan", 600, 900),
           ("No. Paspor", 900, 1150), ("No. KITAP", 1150, 1400), ("Nama Ayah", 1400, 1800))
TABLE_2_TOP = 700
BLOOD = ("AB", "O", "TIDAK TAHU", "A", "B")
RELATION = ("KEPALA KELUARGA", "ISTRI", "ANAK", "ANAK", "ANAK")


def _table(top: int, columns: tuple[tuple[str, int, int], ...], numbers: list[str],
           rows: list[tuple[str, ...]]) -> list[Word]:
    words = []
    for (title, x0, x1), number in zip(columns, numbers, strict=True):
        words += put_words(title, (x0 + x1) // 2, top + 15, centre=True) + put_words(number, (x0 + x1) // 2, top + ROW + 15,
                                                                           centre=True)
    for r, row in enumerate(rows, start=2):
        words += [w for (_, x0, _), value in zip(columns, row, strict=True) for w in put_words(value, x0 + 10, top + r * ROW + 15)]
    return words


def two_tables(*, numbers_2: tuple[str, ...] = ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
               headers_2: dict[str, str] | None = None, extra: tuple[Word, ...] = ()) -> core.Extraction:
    """A KK of five WNI members (no passport, no KITAP), read through the public seam."""
    words = put_words("KARTU KELUARGA", 800, 40, centre=True) + put_words("No. 7401052301150001", 800, 100, centre=True)
    words += _table(TOP, TABLE_1, ["(1)", "(2)", "(3)", "(10)"],
                    [(m[0], m[1], m[2], blood) for m, blood in zip(MEMBERS, BLOOD, strict=True)])
    columns = tuple(((headers_2 or {}).get(title, title), x0, x1) for title, x0, x1 in TABLE_2)
    words += _table(TABLE_2_TOP, columns, list(numbers_2),
                    [(m[0], relation, "WNI", "", "", "LA ODE ALI") for m, relation in zip(MEMBERS, RELATION, strict=True)])
    extraction, _ = ocr.extract_pages([Page(1, None, (*words, *extra), "ocr")], declared_type=core.DocumentType.KK)
    return extraction


def _members(extraction: core.Extraction, *fields: str) -> list[tuple[str | None, ...]]:
    return [tuple(row[f].value for f in fields) for row in extraction.anggota]


def test_a_misread_column_number_over_an_empty_column_is_no_value():
    # The column number `(4)` over No. Paspor read `“(a`: cut of its bracket it spells blood group `A`,
    # but it is no value; the column stays No. Paspor (empty), and table 1's blood groups stay.
    extraction = two_tables(numbers_2=("(1)", "(2)", "(3)", "“(a", "(5)", "(6)"))
    assert _members(extraction, "golongan_darah", "kewarganegaraan", "no_paspor") == [
        (blood, "WNI", None) for blood in BLOOD]


def test_a_speck_in_a_column_left_empty_does_not_overrule_its_header():
    # One speck in member 2's empty No. Paspor cell, read `'B`: one cell is not the column's values.
    speck = tuple(put_words("'B", 910, TABLE_2_TOP + 3 * ROW + 15))
    extraction = two_tables(extra=speck)
    assert [row[0] for row in _members(extraction, "golongan_darah")] == list(BLOOD)


def test_values_in_every_row_overrule_a_header_read_as_free_text():
    # `Kewarganegaraan` read as the next column's `No. Paspor` (two columns, one field), or as `Nama Ibu`:
    # `WNI` in every member row says which field the column holds.
    for misread in ("No. Paspor", "Nama Ibu"):
        extraction = two_tables(headers_2={"Kewarganegaraan": misread})
        assert _members(extraction, "kewarganegaraan", "golongan_darah") == [("WNI", blood) for blood in BLOOD]


def _speckled(page: Page, *, at: list[int], text: str = "Ba Sa un Na aa Pn Ja", confidence: float = 0.1) -> Page:
    """The page with a line of specks read as letters, each word unsure, across the table at each y of `at`
    (a dashed or dotted rule, or a stain, as Tesseract reads it)."""
    specks = [w for y in at for x in range(10, 1600, 240) for w in put_words(text.split()[(x // 240) % 7], x, y,
                                                                              confidence=confidence)]
    return Page(1, None, (*page.words, *specks), "ocr", page.grids)


def test_a_dashed_rule_read_as_letters_is_no_row_and_joins_no_value():
    # Every row rule dashed, read as short words at near-0 confidence half-way between two rows: no row of
    # its own, and not part of the names or NIKs beside it.
    page = _speckled(kk_page(), at=[TOP + r * ROW + 42 for r in range(1, len(MEMBERS))])
    assert _rows(page) == EXPECTED


def test_a_header_line_stained_with_unsure_letters_still_heads_the_table():
    # The header line carries as many unsure stain words as header words: the stains do not count
    # against it being a header, nor widen its columns.
    page = _speckled(kk_page(), at=[TOP + 15], text="SD DD HL SD DD HL SD")
    assert _rows(page) == EXPECTED


def _name_cell_with(member: int, before: str, after: str, *, confidence: float) -> core.FieldValue:
    """Member `member`'s name read with unsure words before and after it in its cell."""
    _, name, *_ = MEMBERS[member]
    y = TOP + (member + 1) * ROW + 15
    words = [w for w in kk_page().words if not (y <= w.bbox[1] <= y + 5 and 100 <= w.x0 < 600)]
    words += put_words(before, 110, y, confidence=confidence) + put_words(name, 150, y)
    words += put_words(after, 150 + 14 * len(name) + 30, y, confidence=confidence)
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")], declared_type=core.DocumentType.KK)
    return extraction.anggota[member]["nama_lengkap"]


def test_specks_read_as_letters_at_a_cells_ends_are_no_part_of_its_value_and_keep_it_unsure():
    # `NN : LA ODE HAMZAH “5 z`: the letters of specks beside a name read surely are cut off it; since a
    # speck may have been a letter of the value, the value is not sure for it.
    name = _name_cell_with(2, "NN", "z5 z", confidence=0.1)
    assert name.value == MEMBERS[2][1]
    assert name.confidence < 0.9
