"""Ruled tables with grouped column headers, and column headers read into fields: tables found by
`ocr.page_image`, a KK's header and members read through `ocr.extract_pages` (no Tesseract; second
readings of cells given by `ocr.second_readings`)."""

import itertools
from collections.abc import Sequence

import cv2
import numpy as np
import pytest

import core
import ocr
from ocr import Grid, Page, Word
from ocr.confidence import CONTRADICTED, SURE, score
from ocr.page_image import blob_boxes, find_grids, grids_from_segments, row_rules, vector_grids

XS = [0, 100, 200, 300, 400, 500]
HEADER, GROUP_RULE, BODY = 0, 30, [60, 90, 120]


def _segments(group_rule_columns: tuple[int, int] | None) -> list[tuple[float, float, float, float]]:
    """A 5-column table; optionally a rule half-way down the header across some columns only."""
    rules = [(0.0, float(y), 500.0, float(y)) for y in (HEADER, *BODY)]
    rules += [(float(x), 0.0, float(x), 120.0) for x in XS]
    if group_rule_columns:
        first, end = group_rule_columns
        rules.append((float(XS[first]), float(GROUP_RULE), float(XS[end]), float(GROUP_RULE)))
    return rules


def test_a_group_rule_over_some_columns_is_not_a_row():
    (grid,) = grids_from_segments(_segments((3, 5)))
    assert grid.ys == (HEADER, *BODY)
    assert grid.xs == tuple(XS)


def test_a_rule_across_every_column_is_a_row():
    segments = [*_segments(None), (0.0, float(GROUP_RULE), 500.0, float(GROUP_RULE))]
    (grid,) = grids_from_segments(segments)
    assert grid.ys == (HEADER, GROUP_RULE, *BODY)


def test_row_rules_forgives_a_faded_stretch_but_not_missing_columns():
    faded = {(0, 100): 0.9, (100, 200): 0.2, (200, 300): 0.9, (300, 400): 0.9, (400, 500): 0.9}
    partial = {(0, 100): 0.0, (100, 200): 0.0, (200, 300): 0.0, (300, 400): 1.0, (400, 500): 1.0}
    coverage = {10: faded, 20: partial}
    kept = row_rules(XS, [0, 10, 20, 30], lambda y, x0, x1: coverage.get(y, {}).get((x0, x1), 1.0))
    assert kept == [0, 10, 30]


def test_a_raster_table_with_a_grouped_header_keeps_its_rows():
    page = np.full((400, 1200), 255, np.uint8)
    xs, ys = [50, 250, 450, 650, 850, 1150], [50, 130, 180, 230, 280]
    for x in xs:
        top = 90 if x in (650, 1000) else ys[0]
        cv2.line(page, (x, top), (x, ys[-1]), 0, 3)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    cv2.line(page, (450, 90), (1150, 90), 0, 3)  # the group label's rule over the last three columns
    (grid,) = find_grids(page, glyph=20)
    assert len(grid.ys) == len(ys) and all(abs(a - b) <= 3 for a, b in zip(grid.ys, ys, strict=True))
    assert len(grid.xs) == len(xs)


_WHITE = np.full((1200, 2400), 255, np.uint8)
"""A page image, so that doubtful cells are read again (by the `ocr.second_readings` given)."""


def _kk(page: Page) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    assert extraction.document_type == core.DocumentType.KK
    return extraction.fields, extraction.anggota


def _table_page(headers: list[str], rows: Sequence[Sequence[str | tuple[str, float]]], *, width: int = 200,
                image: np.ndarray | None = None) -> Page:
    """A ruled table as words: `width` px columns, 50 px rows, every cell's text one word per token
    (a cell given as (text, confidence) read that sure; else 0.95); its rules found, as a grid."""
    xs = tuple(range(0, width * len(headers) + 1, width))
    ys = tuple(range(100, 100 + 50 * (len(rows) + 1) + 1, 50))
    words = []
    table: list[Sequence[str | tuple[str, float]]] = [headers, *rows]
    for r, texts in enumerate(table):
        for c, cell in enumerate(texts):
            text, confidence = cell if isinstance(cell, tuple) else (cell, 0.95)
            x = xs[c] + 10
            for token in text.split():
                words.append(Word(token, confidence, (x, ys[r] + 15, x + 12 * len(token), ys[r] + 35)))
                x += 12 * len(token) + 10
    return Page(1, image, tuple(words), "text_layer" if image is None else "ocr", (Grid(xs, ys),))


_NIK = "7401011011626387"


@pytest.mark.parametrize(("header", "field", "printed", "value"), [
    ("Nama Lengkap", "nama_lengkap", "LA ODE ALI", "LA ODE ALI"),
    ("Status Hubungan Dalam Keluarga", "status_hubungan", "ANAK", "ANAK"),
    ("DOKUMEN No. Paspor", "no_paspor", "B1234567", "B1234567"),
    ("IMIGRASI No. KITAP", "no_kitap", "2C11AB1234", "2C11AB1234"),
    ("DOKUMEN IMIGRASI No. Paspor", "no_paspor", "B1234567", "B1234567"),
    ("NAMA ORANG TUA Nama Ayah", "nama_ayah", "LA HAMZAH", "LA HAMZAH"),
    ("NAMA Ayah", "nama_ayah", "LA HAMZAH", "LA HAMZAH"),
    ("ORANG TUA Ibu", "nama_ibu", "WA SITI", "WA SITI"),
    ("Ibu", "nama_ibu", "WA SITI", "WA SITI"),
    ("Tanggal Perkawinan", "tanggal_perkawinan", "12-11-1994", "1994-11-12"),
])
def test_a_column_is_known_by_its_own_header_under_a_group_label(header, field, printed, value):
    _, (row,) = _kk(_table_page(["No", "NIK", header], [["1", _NIK, printed]], width=500))
    assert row[field].value == value and row["nik"].value == _NIK


@pytest.mark.parametrize("header", ["No", "", "NAMA", "DOKUMEN IMIGRASI", "ORANG TUA", "Keterangan"])
def test_a_group_label_alone_or_an_unknown_header_is_no_column(header):
    # A value that fits no column by its shape either: only a header could have made it a field's.
    _, (row,) = _kk(_table_page(["NIK", header, "Jenis Kelamin"], [[_NIK, "KENDARI", "LAKI-LAKI"]], width=500))
    assert row["nik"].value == _NIK and row["jenis_kelamin"].value == "LAKI-LAKI"
    assert not [name for name, found in row.items() if found.value and "KENDARI" in found.value]


def test_blob_boxes_are_the_connected_components_including_those_inside_a_frame():
    rng = np.random.default_rng(3)
    page = np.zeros((300, 400), np.uint8)
    cv2.rectangle(page, (10, 10), (390, 290), 255, 2)  # a frame whose hole holds everything else
    for _ in range(40):
        x, y = int(rng.integers(20, 360)), int(rng.integers(20, 260))
        cv2.putText(page, "Ab8", (x, y + 20), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 255, 1)
    count, _, stats, _ = cv2.connectedComponentsWithStats(page)
    expected = sorted(map(tuple, stats[1:count, :4].tolist()))
    assert sorted(map(tuple, blob_boxes(page).tolist())) == expected
    assert len(expected) > 10


def test_a_column_with_an_unread_header_is_known_by_its_values():
    _, (first, second) = _kk(_table_page(
        ["No", "Nama Lengkap", "", "", "Jenis Kelamin"],
        [["1", "LA ODE ALI", "7401011011626387", "ISLAM", "LAKI-LAKI"],
         ["2", "WA ODE SITI", "7401014101660001", "KRISTEN", "PEREMPUAN"]],
    ))
    assert first["agama"].value == "ISLAM" and second["agama"].value == "KRISTEN"
    assert first["nik"].value == "7401011011626387"


def test_values_that_fit_no_single_column_leave_it_unknown():
    _, (row,) = _kk(_table_page(["No", "Nama Lengkap", "", "Jenis Kelamin"], [["1", "LA ODE ALI", "KENDARI", "LAKI-LAKI"]]))
    assert row["nama_lengkap"].value == "LA ODE ALI" and row["tempat_lahir"].value is None


class _VectorPage:
    """What vector_grids reads of a pdfplumber page: its lines and rects (PDF points, top-down)."""

    def __init__(self, rects: list[dict]) -> None:
        self.lines: list[dict] = []
        self.rects = rects


def _rect(x0: float, top: float, x1: float, bottom: float, *, stroke: bool, fill: bool) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "stroke": stroke, "fill": fill}


def test_filled_squares_are_no_table_but_bars_and_stroked_boxes_are():
    qr = [_rect(500 + 3 * i, 500 + 3 * j, 503 + 3 * i, 503 + 3 * j, stroke=False, fill=True)
          for i in range(10) for j in range(10) if (i + j) % 2]
    bars = [_rect(10, y, 410, y + 0.5, stroke=False, fill=True) for y in (10, 40, 70)]
    bars += [_rect(x, 10, x + 0.5, 70, stroke=False, fill=True) for x in (10, 150, 410)]
    assert vector_grids(_VectorPage(qr), scale=300 / 72) == []
    (grid,) = vector_grids(_VectorPage(bars + qr), scale=300 / 72)
    assert len(grid.xs) == 3 and len(grid.ys) == 3
    boxes = [_rect(10, 10, 150, 40, stroke=True, fill=False), _rect(150, 10, 410, 40, stroke=True, fill=False),
             _rect(10, 40, 150, 70, stroke=True, fill=False), _rect(150, 40, 410, 70, stroke=True, fill=False)]
    (grid,) = vector_grids(_VectorPage(boxes), scale=300 / 72)
    assert len(grid.xs) == 3 and len(grid.ys) == 3


VALID_NIK, OTHER_VALID_NIK, BROKEN_NIK = "7471016005999887", "7471016005990887", "7471016099999887"


def _second_reader(texts: dict[str, tuple[str, float]], asked: list[tuple[str, str | None]] | None = None,
                   ) -> ocr.SecondReader:
    """Reads a cell again as `texts[what the page read in it]`: (text, confidence); nothing for other cells."""

    def reader(page, boxes, *, lang, whitelist=None):
        out = []
        for box in boxes:
            inside = " ".join(w.text for w in page.words_in(box))
            if asked is not None:
                asked.append((inside, whitelist))
            text, confidence = texts.get(inside, ("", 0.0))
            x, words = box[0] + 10, []
            for token in text.split():
                words.append(Word(token, confidence, (x, box[1] + 15, x + 12 * len(token), box[1] + 35)))
                x += 12 * len(token) + 10
            out.append(tuple(words))
        return out

    return reader


def _cell_read_twice(header: str, first: tuple[str, float], second: tuple[str, float] | None,
                     asked: list[tuple[str, str | None]] | None = None) -> core.FieldValue:
    """A member's cell under `header` as the page read it (`first`: text, word confidence), then read
    again as `second`."""
    # A NIK column of its own marks the row as a member's whatever the cell gives.
    cells: list[str | tuple[str, float]]
    headers, cells = (["No", "Nama Lengkap", header], ["1", "LA ODE ALI", first]) if header == "NIK" else (
        ["No", "Nama Lengkap", "NIK", header], ["1", "LA ODE ALI", _NIK, first])
    page = _table_page(headers, [cells], width=500, image=_WHITE)
    with ocr.second_readings(_second_reader({first[0]: second} if second else {}, asked)):
        _, (row,) = _kk(page)
    return row[{"NIK": "nik", "Agama": "agama", "Tanggal Lahir": "tanggal_lahir"}[header]]


def _name_read_twice(first: tuple[str, float], second: tuple[str, float]) -> core.FieldValue:
    page = _table_page(["No", "Nama Lengkap", "NIK"], [["1", first, VALID_NIK]], width=500, image=_WHITE)
    with ocr.second_readings(_second_reader({first[0]: second})):
        _, (row,) = _kk(page)
    return row["nama_lengkap"]


def test_two_readings_of_a_nik_are_weighed():
    assert _cell_read_twice("NIK", (BROKEN_NIK, 0.9), (VALID_NIK, 0.5)).value == VALID_NIK
    asked: list[tuple[str, str | None]] = []
    assert _cell_read_twice("NIK", (VALID_NIK, 0.85), (BROKEN_NIK, 0.99), asked).value == VALID_NIK
    assert asked == [(VALID_NIK, "0123456789")]  # read again (unsure), with the digits only
    agreed = _cell_read_twice("NIK", (VALID_NIK, 0.6), (VALID_NIK, 0.95))
    assert agreed.value == VALID_NIK and agreed.confidence == SURE  # its structure checks: `checked_identity`
    assert _cell_read_twice("NIK", (VALID_NIK, 0.6), (VALID_NIK, 0.5)).confidence == score([0.6])
    disputed = _cell_read_twice("NIK", (OTHER_VALID_NIK, 0.6), (VALID_NIK, 0.97))
    assert disputed.value == VALID_NIK and disputed.confidence == 0.85
    kept = _cell_read_twice("NIK", (OTHER_VALID_NIK, 0.6), (VALID_NIK, 0.45))
    assert kept.value == OTHER_VALID_NIK and kept.confidence == score([0.6])
    assert _cell_read_twice("Agama", ("15L4N", 0.9), ("ISLAM", 0.9)).value == "ISLAM"
    asked = []
    assert _cell_read_twice("Agama", ("ISLAM", 0.7), ("KRISTEN", 0.99), asked).value == "ISLAM"
    assert asked == []  # a value of the vocabulary is not read again


def test_two_readings_of_a_member_name_are_weighed():
    agreed = _name_read_twice(("LA ODE ALI", 0.5), ("LA ODE ALI", 0.95))
    assert agreed.value == "LA ODE ALI" and agreed.confidence == 0.85
    stands = _name_read_twice(("MUHAMMAD ASRUI", 0.7), ("MUHAMMAD ASRUL", 0.75))
    assert stands.value == "MUHAMMAD ASRUI" and stands.confidence == score([0.7])
    overruled = _name_read_twice(("MUHAMMAD ASRUI", 0.6), ("MUHAMMAD ASRUL", 0.96))
    assert overruled.value == "MUHAMMAD ASRUL" and overruled.confidence == 0.85


def _labelled_page(*rows: tuple[str, str]) -> Page:
    """`label : value` rows, colons aligned, as a text-layer page without tables."""
    words, y = [], 100
    for label, value in rows:
        x = 100
        for text in label.split():
            words.append(Word(text, 1.0, (x, y, x + 16 * len(text), y + 30)))
            x += 16 * len(text) + 14
        words.append(Word(":", 1.0, (500, y, 506, y + 30)))
        x = 530
        for text in value.split():
            words.append(Word(text, 1.0, (x, y, x + 16 * len(text), y + 30)))
            x += 16 * len(text) + 14
        y += 50
    return Page(1, None, tuple(words), "text_layer", ())


def test_kk_header_labels_are_found_in_their_other_printed_forms():

    page = _labelled_page(("No.", "7401012201059117"), ("Kepala Keluarga", "MUHAMMAD TAUFIK"),
                          ("Kelurahan/Desa", "TOWUA"), ("Kab/Kota", "KOLAKA"), ("RT / RW", "003/006"),
                          ("Tanggal Dikeluarkan", "31-10-2022"))
    fields, _ = _kk(page)
    values = {k: v.value for k, v in fields.items()}
    assert values["nama_kepala_keluarga"] == "MUHAMMAD TAUFIK" and values["desa_kelurahan"] == "TOWUA"
    assert values["kabupaten_kota"] == "KOLAKA" and (values["rt"], values["rw"]) == ("003", "006")
    assert values["tanggal_dikeluarkan"] == "2022-10-31"


def test_a_marriage_before_the_age_of_ten_doubts_both_dates():
    headers = ["No", "Nama Lengkap", "NIK", "Tanggal Lahir", "Tanggal Perkawinan"]  # a member row is one NIK
    nik = "7401012108710001"
    _, (row,) = _kk(_table_page(headers, [["1", "LA ODE ALI", nik, "21-08-1971", "12-11-1904"]], width=400))
    assert (row["tanggal_lahir"].value, row["tanggal_perkawinan"].value) == ("1971-08-21", "1904-11-12")
    assert row["tanggal_lahir"].confidence == row["tanggal_perkawinan"].confidence == CONTRADICTED
    _, (fine,) = _kk(_table_page(headers, [["1", "LA ODE ALI", nik, "21-08-1971", "12-11-1994"]], width=400))
    assert fine["tanggal_perkawinan"].confidence == score([0.95])


def test_head_and_spouse_with_two_marriage_dates_doubt_both():
    headers = ["No", "Nama Lengkap", "NIK", "Status Hubungan Dalam Keluarga", "Tanggal Perkawinan"]
    head, wife = ["1", "LA ODE ALI", "7401011505800001"], ["2", "WA ODE SITI", "7401015505820002"]
    _, rows = _kk(_table_page(headers, [[*head, "KEPALA KELUARGA", "27-05-2021"], [*wife, "ISTRI", "21-05-2021"],
                                        ["3", "LA ODE HAMZAH", "7401011005100003", "ANAK", "-"]], width=500))
    assert [r["tanggal_perkawinan"].confidence for r in rows[:2]] == [CONTRADICTED, CONTRADICTED]
    _, agreeing = _kk(_table_page(headers, [[*head, "KEPALA KELUARGA", "27-05-2021"],
                                            [*wife, "ISTRI", "27-05-2021"]], width=500))
    assert [r["tanggal_perkawinan"].confidence for r in agreeing] == [score([0.95])] * 2


def test_an_implausible_year_gives_way_to_a_plausible_second_reading():
    mended = _cell_read_twice("Tanggal Lahir", ("21-08-1071", 0.9), ("21-08-1971", 0.97))
    assert (mended.value, mended.confidence) == ("1971-08-21", 0.85)
    asked: list[tuple[str, str | None]] = []
    assert _cell_read_twice("Tanggal Lahir", ("21-08-1971", 0.9), ("21-08-1977", 0.97), asked).value == "1971-08-21"
    assert asked == []  # a plausible year is not read again


def test_a_no_kk_that_does_not_validate_is_read_again_with_the_number_model():
    title = (Word("KARTU", 1.0, (900, 0, 1060, 30)), Word("KELUARGA", 1.0, (1080, 0, 1330, 30)),
             Word("No.", 1.0, (900, 50, 950, 80)), Word("71404020407055167", 0.66, (970, 50, 1400, 80)))
    page = _labelled_page(("Kepala Keluarga", "LA HAMZAH"))
    page = Page(1, _WHITE, title + page.words, "ocr", ())  # the leading `7` read `71`
    asked = []

    def reread(page, boxes, *, lang, whitelist=None):
        asked.append(whitelist)
        return [(Word("7404020407055167", 0.91, box),) for box in boxes]

    with ocr.second_readings(reread):
        fields, _ = _kk(page)
    assert asked == ["0123456789"]
    assert fields["no_kk"].value == "7404020407055167"
    assert fields["no_kk"].confidence > 0.9  # the only valid reading, as sure as it was read


_MEMBERS = [("1", "LA ODE ALI", "7401011011626387", "LAKI-LAKI"),
            ("2", "WA ODE SITI AMINAH", "7401014101660001", "PEREMPUAN"),
            ("3", "LA ODE HAMZAH", "7401010507900003", "LAKI-LAKI")]
_COLUMN_XS = (0, 100, 600, 1000, 1300)
_ROW_H = 50


def _member_table(*, xs: tuple[int, ...] | None = None, ys: tuple[int, ...] | None = None,
                  numbers: bool = True) -> Page:
    """Table 1 of a KK as words (header centred, values left-aligned), with the rules found, if any, as a grid."""
    def put(text: str, x: int, y: int, *, centre: bool = False) -> list[Word]:
        width = sum(14 * len(t) + 10 for t in text.split()) - 10
        x = x - width // 2 if centre else x
        out = []
        for token in text.split():
            out.append(Word(token, 0.95, (x, y, x + 14 * len(token), y + 20)))
            x += 14 * len(token) + 10
        return out

    words = [w for (x0, x1), title in zip(itertools.pairwise(_COLUMN_XS), ("No", "Nama Lengkap", "NIK", "Jenis Kelamin"),
                                          strict=True) for w in put(title, (x0 + x1) // 2, 15, centre=True)]
    for r, (number, name, nik, sex) in enumerate(_MEMBERS, start=1):
        y = r * _ROW_H + 15
        words += (put(number, 45, y) if numbers else []) + put(name, 110, y) + put(nik, 610, y) + put(sex, 1010, y)
    grids = (Grid(xs or _COLUMN_XS, ys or tuple(range(0, _ROW_H * (len(_MEMBERS) + 1) + 1, _ROW_H))),) \
        if xs or ys else ()
    return Page(1, None, tuple(words), "ocr", grids)


def _read_members(page: Page) -> list[tuple[str | None, str | None, str | None]]:
    _, rows = _kk(page)
    return [(row["nama_lengkap"].value, row["nik"].value, row["jenis_kelamin"].value) for row in rows]


_EXPECTED = [(name, nik, sex) for _, name, nik, sex in _MEMBERS]


def test_member_rows_come_from_the_nik_lines_when_no_rule_was_found():
    assert _read_members(_member_table()) == _EXPECTED
    assert _read_members(_member_table(numbers=False)) == _EXPECTED


def test_a_header_band_that_lost_its_lower_rule_does_not_swallow_row_1():
    # The rule under a shaded header band vanished in binarization: the header and row 1 are one ruled row.
    assert _read_members(_member_table(ys=(0, 100, 150, 200))) == _EXPECTED


def test_a_rule_missing_between_two_rows_does_not_merge_them():
    assert _read_members(_member_table(ys=(0, 50, 100, 200))) == _EXPECTED


def test_a_doubled_rule_drawn_across_a_row_does_not_split_it():
    assert _read_members(_member_table(ys=(0, 50, 74, 78, 100, 150, 200))) == _EXPECTED


def test_two_headers_between_the_same_two_vertical_rules_are_two_columns():
    assert _read_members(_member_table(xs=(0, 100, 600, 1300))) == _EXPECTED


def _table_two(numbers: list[str]) -> Page:
    """Table 2 of a KK as words, no rules found: row numbers as read (some misread, some lost: `""`)."""
    columns = ((0, 100, "No"), (100, 500, "Status Perkawinan"), (500, 900, "Status Hubungan Dalam Keluarga"),
               (900, 1200, "Kewarganegaraan"))
    rows = [("KAWIN TERCATAT", "KEPALA KELUARGA", "WNI"), ("KAWIN TERCATAT", "ISTRI", "WNI"),
            ("BELUM KAWIN", "ANAK", "WNI"), ("BELUM KAWIN", "ANAK", "WNA")]
    words = []
    for x0, x1, title in columns:
        x = (x0 + x1) // 2 - 7 * len(title)
        for token in title.split():
            words.append(Word(token, 0.95, (x, 15, x + 14 * len(token), 35)))
            x += 14 * len(token) + 10
    for r, (number, *values) in enumerate(zip(numbers, *zip(*rows, strict=True), strict=True), start=1):
        y = r * _ROW_H + 15
        for (x0, _, _), text in zip(columns, (number, *values), strict=True):
            x = x0 + 10
            for token in text.split():
                words.append(Word(token, 0.95, (x, y, x + 14 * len(token), y + 20)))
                x += 14 * len(token) + 10
    return Page(1, None, tuple(words), "ocr", ())


@pytest.mark.parametrize("numbers", [["1", "2", "3", "4"], ["", "", "", ""], ["", "", "", "0"], ["1", "", "3", ""]])
def test_rows_whose_numbers_went_unread_are_found_by_their_values(numbers):
    _, rows = _kk(_table_two(numbers))
    assert [(row["status_hubungan"].value, row["kewarganegaraan"].value) for row in rows] == [
        ("KEPALA KELUARGA", "WNI"), ("ISTRI", "WNI"), ("ANAK", "WNI"), ("ANAK", "WNA")]
