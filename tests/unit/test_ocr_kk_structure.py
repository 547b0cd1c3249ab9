"""A KK member row is one row number and one NIK: rows come from the text however tight they are printed,
and a row the page's structure does not bear out is never reported sure (issue #14, items 3 and 4).

Pages are built from words through the public seam `ocr.extract_pages`: no image, no Tesseract.
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
HEADERS = ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Agama")
SURE = 0.9




def kk_page(members=MEMBERS, *, pitch: int = 50, headers=HEADERS, ruled: bool = False) -> Page:
    """Title, No. KK and table 1 of a KK as words; `ruled`: the rules found hold every member in one row."""
    words = put_words("KARTU KELUARGA", 700, 40) + put_words("No. 7401052301150001", 640, 100)
    for (x0, _), title in zip(itertools.pairwise(XS), headers, strict=True):
        words += put_words(title, x0 + 10, TOP + 15)
    for r, member in enumerate(members, start=1):
        y = TOP + 50 + (r - 1) * pitch + 4
        words += [w for x0, value in zip(XS, member, strict=False) for w in put_words(value, x0 + 10, y)]
    bottom = TOP + 50 + len(members) * pitch
    grids = (Grid(XS, (TOP, TOP + 50, bottom)),) if ruled else ()
    return Page(1, None, tuple(words), "ocr", grids)


def _rows(page: Page) -> list[dict[str, core.FieldValue]]:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    return list(extraction.anggota)


def _sure(row: dict[str, core.FieldValue]) -> list[str]:
    return [f for f, v in row.items() if v.value is not None and v.confidence >= SURE]


def test_rows_printed_barely_taller_than_their_text_under_one_rule_are_one_per_nik():
    # The header reads too badly to find the table from its text; the only rules found hold all five rows,
    # and the rows are printed 26 px apart for 20 px of text: closer than a wrapped name's second line.
    garbled = ("No", "Narna Lenqkaq", "NlK", "Jcnls Kclamln", "Aqarna")
    rows = _rows(kk_page(pitch=26, headers=garbled, ruled=True))
    assert [(r["nik"].value, r["nama_lengkap"].value) for r in rows] == [(m[2], m[1]) for m in MEMBERS]


def test_a_row_missing_what_every_other_row_has_is_not_sure():
    # Member 3's sex and religion went unread (a rule across them): the name and NIK left in its row may be
    # what is left of two rows run together, or of one torn apart.
    members = [m if m[0] != "3" else (m[0], m[1], m[2], "", "") for m in MEMBERS]
    rows = _rows(kk_page(members))
    assert [r["nama_lengkap"].value for r in rows] == [m[1] for m in MEMBERS]
    assert _sure(rows[2]) == []
    assert all(_sure(r) for i, r in enumerate(rows) if i != 2)


def test_a_row_without_the_nik_every_other_row_has_is_not_sure():
    members = [m if m[0] != "4" else (m[0], m[1], "", m[3], m[4]) for m in MEMBERS]
    rows = _rows(kk_page(members))
    assert rows[3]["nama_lengkap"].value == "WA ODE NURHAYATI"
    assert _sure(rows[3]) == []


def test_fewer_rows_than_niks_printed_leaves_no_row_sure():
    # Members 1 and 2 printed half a line apart (a page turned under the scanner) in one ruled row: no
    # rule and no white between them, so they read as one row. Five NIKs are printed, four rows come back,
    # and which row holds whom cannot be told.
    members = [(m[0], m[1], m[2], m[3], m[4]) for m in MEMBERS]
    page = kk_page(members, ruled=True, headers=("No", "Narna Lenqkaq", "NlK", "Jcnls Kclamln", "Aqarna"))
    first = TOP + 54
    words = [Word(w.text, w.confidence, (w.bbox[0], w.bbox[1] - 40, w.bbox[2], w.bbox[3] - 40))
             if first + 50 <= w.bbox[1] < first + 100 else w for w in page.words]
    rows = _rows(Page(1, None, tuple(words), "ocr", page.grids))
    assert len(rows) < len(MEMBERS)
    assert [(i, f) for i, r in enumerate(rows) for f in _sure(r)] == []


def test_an_intact_table_stays_sure():
    rows = _rows(kk_page())
    assert [r["nik"].value for r in rows] == [m[2] for m in MEMBERS]
    assert all(set(_sure(r)) >= {"nama_lengkap", "nik", "agama"} for r in rows)


def test_values_a_rule_runs_through_are_not_sure():
    # The form printed out of register: the rule under member 2 runs through member 3's text, and erasing
    # it takes the strokes it covers (`KOLAKA` reads `KULAKA`).
    ys = [TOP, TOP + 50] + [TOP + 50 + r * 50 for r in range(1, len(MEMBERS) + 1)]
    ys[3] += 12  # member 3's text lies 4-24 px below its row's top
    rows = _rows(Page(1, None, kk_page().words, "ocr", (Grid(XS, tuple(ys)),)))
    assert [r["nik"].value for r in rows] == [m[2] for m in MEMBERS]
    assert _sure(rows[2]) == []
    assert all(set(_sure(r)) >= {"nama_lengkap", "nik", "agama"} for i, r in enumerate(rows) if i != 2)


def test_a_header_read_in_part_names_the_one_column_its_words_belong_to():
    # `Golongan` lost on a worn scan: `Darah` alone is still the blood group's header, and no name's (most
    # of its values read too badly to tell the column by them).
    blood = ("AB", "Irroak TAHU", "ipar TAHU", "0", "AB")
    members = [(*m[:4], group) for m, group in zip(MEMBERS, blood, strict=True)]
    rows = _rows(kk_page(members, headers=(*HEADERS[:4], "Darah")))
    assert [r["nama_ayah"].value for r in rows] == [None] * 5
    assert (rows[0]["golongan_darah"].value, rows[4]["golongan_darah"].value) == ("AB", "AB")


def test_tables_of_unlike_length_joined_by_position_are_not_sure():
    # Table 2 lost a row and its row numbers went unread: its rows are joined to table 1's by position, and
    # from the lost one on its values sit beside another member's. None of them may be sure.
    page = kk_page()
    top = TOP + 50 + len(MEMBERS) * 50 + 100
    xs = (0, 100, 500, 1000, 1400)
    words = list(page.words)
    for (x0, _), title in zip(itertools.pairwise(xs), ("No", "Status Perkawinan", "Status Hubungan Dalam Keluarga",
                                                      "Kewarganegaraan"), strict=True):
        words += put_words(title, x0 + 10, top + 15)
    second = [("KAWIN TERCATAT", "KEPALA KELUARGA"), ("KAWIN TERCATAT", "ISTRI"), ("BELUM KAWIN", "ANAK"),
              ("BELUM KAWIN", "ANAK")]
    for r, (status, relation) in enumerate(second):
        y = top + 50 + r * 50 + 4
        words += put_words(status, xs[1] + 10, y) + put_words(relation, xs[2] + 10, y) + put_words("WNI", xs[3] + 10, y)
    rows = _rows(Page(1, None, tuple(words), "ocr", ()))
    assert [r["status_hubungan"].value for r in rows] == ["KEPALA KELUARGA", "ISTRI", "ANAK", "ANAK", None]
    assert [f for r in rows for f in _sure(r) if f in ("status_perkawinan", "status_hubungan", "kewarganegaraan")] == []
    assert all({"nama_lengkap", "nik"} <= set(_sure(r)) for r in rows[:4])  # the last lacks what the rest have
