"""The early-SIAK KK (kk-2000s) by class, not by its coordinates (issue #14): `NOMOR :` and `Nomor KK :`
under the title, RT and RW on lines of their own, a letterhead naming the kabupaten, a value that begins
with a label's word (`Kabupaten : KOTA KENDARI`), the issue date unlabelled after the town, and the place
and date of birth printed in one `Tempat / Tgl Lahir` cell, side by side or one over the other.

Pages are built from words through the public seam `ocr.extract_pages`: no image, no Tesseract.
"""

from __future__ import annotations

import itertools

import core
import ocr
from ocr import Page
from tests.fixtures.words import put_words

XS = (0, 100, 500, 900, 1200, 1600, 1900)
TOP = 600
HEADERS = ("No", "NIK", "Nama Lengkap", "Jenis Kelamin", "Tempat / Tgl Lahir", "Agama")
MEMBERS = [("1", "7471041302820003", "ANDREAS SIMANJUNTAK", "LAKI-LAKI", "KENDARI, 13-02-1982", "KRISTEN"),
           ("2", "3578015105890002", "MARIA BR SIREGAR", "PEREMPUAN", "SURABAYA, 11-05-1989", "KRISTEN")]




def _page(header: list[str], *, stacked: bool = False, footer: str = "Kota Kendari, 13-11-2023") -> Page:
    words = put_words("PEMERINTAH KABUPATEN KOTA KENDARI", 40, 20) + put_words("KARTU KELUARGA", 700, 100)
    for i, line in enumerate(header):
        words += put_words(line, 40, 200 + 40 * i)
    for (x0, _), title in zip(itertools.pairwise(XS), HEADERS, strict=True):
        words += put_words(title, x0 + 10, TOP + 15)
    y = TOP + 50
    for member in MEMBERS:
        for x0, value in zip(XS, member, strict=False):
            place, _, date = value.partition(", ")
            if stacked and date:
                words += put_words(place, x0 + 10, y) + put_words(date, x0 + 10, y + 30)
            else:
                words += put_words(value, x0 + 10, y)
        y += 80
    words += put_words(footer, 1500, y + 100)
    return Page(1, None, tuple(words), "ocr", ())


def _read(page: Page) -> core.Extraction:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    return extraction


HEADER = ["NOMOR : 7471042109050004", "Nama Kepala Keluarga : ANDREAS SIMANJUNTAK",
          "Kabupaten : KOTA KENDARI", "RT : 012", "RW : 001", "Propinsi : SULAWESI TENGGARA"]


def test_the_header_as_the_early_print_words_it():
    fields = _read(_page(HEADER)).fields
    assert fields["no_kk"].value == "7471042109050004"
    assert fields["kabupaten_kota"].value == "KOTA KENDARI"
    assert (fields["rt"].value, fields["rw"].value) == ("012", "001")
    assert fields["tanggal_dikeluarkan"].value == "2023-11-13"


def test_nomor_kk_with_its_colon_apart_and_a_colon_glued_to_the_value():
    header = ["Nomor KK : 7471042109050004", "Kabupaten :KOTA KENDARI", "RT / RW : 012 / 001"]
    fields = _read(_page(header)).fields
    assert fields["no_kk"].value == "7471042109050004"
    assert fields["kabupaten_kota"].value == "KOTA KENDARI"
    assert (fields["rt"].value, fields["rw"].value) == ("012", "001")


def test_a_town_line_without_a_date_is_no_issue_date():
    fields = _read(_page(HEADER, footer="Kota Kendari, KEPALA DINAS")).fields
    assert fields["tanggal_dikeluarkan"].value is None


def test_place_and_date_of_birth_in_one_cell_side_by_side():
    rows = _read(_page(HEADER)).anggota
    assert [(r["tempat_lahir"].value, r["tanggal_lahir"].value) for r in rows] == [
        ("KENDARI", "1982-02-13"), ("SURABAYA", "1989-05-11")]


def test_place_over_date_of_birth_in_one_cell():
    rows = _read(_page(HEADER, stacked=True)).anggota
    assert [(r["tempat_lahir"].value, r["tanggal_lahir"].value) for r in rows] == [
        ("KENDARI", "1982-02-13"), ("SURABAYA", "1989-05-11")]
    assert all(r["tempat_lahir"].confidence >= 0.9 for r in rows)  # one line of place: not a wrapped name



PEOPLE = [("1", "7471041302820003", "ANDREAS SIMANJUNTAK", "LAKI-LAKI", "KAWIN TERCATAT", "SLTA/SEDERAJAT"),
          ("2", "3578015105890002", "MARIA BR SIREGAR", "PEREMPUAN", "BELUM KAWIN", "SLTP/SEDERAJAT"),
          ("3", "3578015105950001", "RUTH SIMANJUNTAK", "PEREMPUAN", "BELUM KAWIN", "SLTA/SEDERAJAT")]


def _status_under_pendidikan(numbers: tuple[str, ...], last_x: tuple[int, ...]) -> list[tuple[object, object]]:
    """(status, pendidikan) read per member from a table whose two-line `Status Perkawinan` header went
    unread: its values sit in the `Pendidikan` column, and so do the printed column numbers `numbers`;
    `last_x`: where each member's pendidikan begins."""
    xs = (0, 100, 500, 900, 1200, 1800)
    words = put_words("KARTU KELUARGA", 700, 100) + put_words("NOMOR : 7471042109050004", 640, 160)
    for (x0, _), title in zip(itertools.pairwise(xs), ("No", "NIK", "Nama Lengkap", "Jenis Kelamin", "Pendidikan"),
                              strict=True):
        words += put_words(title, x0 + 10 + (250 if title == "Pendidikan" else 0), TOP + 15)
    y = TOP + 50
    words += [w for x, t in zip((10, 110, 510, 910, 1210, 1460), numbers, strict=True) for w in put_words(t, x, y)]
    for member, last in zip(PEOPLE, last_x, strict=True):
        y += 60
        words += [w for x, value in zip((10, 110, 510, 910, 1210, last), member, strict=True)
                  for w in put_words(value, x, y)]
    rows = _read(Page(1, None, tuple(words), "ocr", ())).anggota
    return [(r["status_perkawinan"].value, r["pendidikan"].value) for r in rows]


def test_a_column_whose_header_was_lost_is_split_off_its_neighbour_despite_the_column_numbers():
    read = _status_under_pendidikan(("(1)", "(2)", "(3)", "(4)", "(8)", "(9)"), (1460, 1460, 1460))
    assert read == [m[4:] for m in PEOPLE]


def test_the_column_number_row_read_in_part_is_no_member_row_when_splitting_a_column():
    # `(9)` read `O` in the column-number row, and the gutter of one row not where the others have theirs:
    # only the member rows count.
    read = _status_under_pendidikan(("(1)", "(2)", "(3)", "(4)", "(8)", "O"), (1460, 1460, 1380))
    assert read == [m[4:] for m in PEOPLE]


def test_a_cell_that_is_one_status_whole_is_never_cut_in_two():
    # A worn kk-2010s scan: the status column's header went unread, its cells hold whole values, and the
    # column-number row is left out of the count. `BELUM KAWIN` ends with the status `KAWIN`, yet it is
    # no `BELUM` beside a status: cut there, three children became KAWIN TERCATAT at >= 0.9.
    xs = (10, 110, 510, 910, 1210)
    words = put_words("KARTU KELUARGA", 700, 100) + put_words("NOMOR : 7471042109050004", 640, 160)
    for x, title in zip(xs, ("No", "NIK", "Nama Lengkap", "Jenis Kelamin", "Xqvz"), strict=True):
        words += put_words(title, x, TOP + 15)
    y = TOP + 50
    words += [w for x, t in zip(xs, ("(1)", "(2)", "(3)", "(4)", "(8)"), strict=True) for w in put_words(t, x, y)]
    people = [("1", "7471041302820003", "ANDREAS SIMANJUNTAK", "LAKI-LAKI", "KAWIN TERCATAT"),
              ("2", "3578015105890002", "MARIA BR SIREGAR", "PEREMPUAN", "KAWIN TERCATAT"),
              ("3", "3578015105950001", "RUTH SIMANJUNTAK", "PEREMPUAN", "BELUM KAWIN"),
              ("4", "7471040506100001", "YOHANES SIMANJUNTAK", "LAKI-LAKI", "BELUM KAWIN"),
              ("5", "7471044708120002", "DEBORA SIMANJUNTAK", "PEREMPUAN", "BELUM KAWIN")]
    for member in people:
        y += 60
        words += [w for x, value in zip(xs, member, strict=True) for w in put_words(value, x, y)]
    rows = _read(Page(1, None, tuple(words), "ocr", ())).anggota
    wrong = [(m[4], r["status_perkawinan"].value) for m, r in zip(people, rows, strict=True)
             if r["status_perkawinan"].value not in (None, m[4]) and r["status_perkawinan"].confidence >= 0.9]
    assert len(rows) == 5 and not wrong
