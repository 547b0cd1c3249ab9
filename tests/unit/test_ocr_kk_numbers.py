"""Which member a KK table row is: its printed row number where the two tables disagree with their positions
(issue #14, item 3: "a member row has exactly one NIK and a row number").

A scan can lose a table's first row (read into its header, or its top band unread) and shift every row
after it onto the member above; joined by position to a table of as many rows, each member would be given
another's values, surely. Pages are built from words through `ocr.extract_pages`: no image, no Tesseract.
"""

from __future__ import annotations

import itertools

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import put_words

MEMBERS = [("1", "LA ODE MUHAMMAD", "7401010101800001", "LAKI-LAKI", "ISLAM"),
           ("2", "WA ODE SITI AMINAH", "7401054506850002", "PEREMPUAN", "ISLAM"),
           ("3", "LA ODE HAMZAH", "7401010507100003", "LAKI-LAKI", "ISLAM"),
           ("4", "WA ODE NURHAYATI", "7401015203120004", "PEREMPUAN", "ISLAM"),
           ("5", "LA ODE RAHMAN", "7401011108150005", "LAKI-LAKI", "ISLAM")]
SECOND = [("1", "KAWIN TERCATAT", "KEPALA KELUARGA"), ("2", "KAWIN TERCATAT", "ISTRI"), ("3", "BELUM KAWIN", "ANAK"),
          ("4", "BELUM KAWIN", "ANAK"), ("5", "BELUM KAWIN", "ANAK")]
TOP = 300
SURE = 0.9


def _page(first: list[tuple[str, ...]], second: list[tuple[str, ...]]) -> Page:
    """Title, No. KK, table 1 (number, name, NIK, sex, religion) and table 2 (number, marital status,
    relation, citizenship) of a KK as words, each with the rows given."""
    words: list[Word] = put_words("KARTU KELUARGA", 700, 40) + put_words("No. 7401052301150001", 640, 100)
    xs: tuple[int, ...] = (0, 100, 600, 1000, 1300, 1600)
    for (x0, _), title in zip(itertools.pairwise(xs), ("No", "Nama Lengkap", "NIK", "Jenis Kelamin", "Agama"),
                              strict=True):
        words += put_words(title, x0 + 10, TOP + 15)
    for r, member in enumerate(first):
        words += [w for x0, value in zip(xs, member, strict=False) for w in put_words(value, x0 + 10, TOP + 54 + r * 50)]
    top = TOP + 50 + 5 * 50 + 100
    xs = (0, 100, 500, 1000, 1400)
    for (x0, _), title in zip(itertools.pairwise(xs), ("No", "Status Perkawinan", "Status Hubungan Dalam Keluarga",
                                                      "Kewarganegaraan"), strict=True):
        words += put_words(title, x0 + 10, top + 15)
    for r, row in enumerate(second):
        words += [w for x0, value in zip(xs, (*row, "WNI"), strict=False) for w in put_words(value, x0 + 10, top + 54 + r * 50)]
    return Page(1, None, tuple(words), "ocr", ())


def _rows(page: Page) -> list[dict[str, core.FieldValue]]:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    return list(extraction.anggota)


def _sure(rows: list[dict[str, core.FieldValue]], fields: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(i, f) for i, row in enumerate(rows) for f in fields
            if row[f].value is not None and row[f].confidence >= SURE]


def test_a_table_that_lost_its_first_row_gives_each_row_to_the_member_its_number_says():
    # Table 1 lost member 1's row (numbers 2..5 read), table 2 its last: as many rows each. Joined by
    # position, member 1 would get member 2's name and NIK, and so on down the table.
    rows = _rows(_page(MEMBERS[1:], SECOND[:4]))
    assert [r["nama_lengkap"].value for r in rows] == [None] + [m[1] for m in MEMBERS[1:]]
    assert [r["nik"].value for r in rows][1:] == [m[2] for m in MEMBERS[1:]]
    assert rows[0]["status_hubungan"].value == "KEPALA KELUARGA"


def test_a_table_whose_numbers_are_not_its_positions_is_not_sure():
    # Table 2 lost member 2's row (numbers 1, 3, 4, 5 read) while table 1 lost its last: as many rows, so
    # joined by position, and from the lost row on table 2's values sit beside another member's.
    rows = _rows(_page(MEMBERS[:4], [SECOND[0], *SECOND[2:]]))
    assert [r["nama_lengkap"].value for r in rows] == [m[1] for m in MEMBERS[:4]]
    assert _sure(rows, ("status_perkawinan", "status_hubungan", "kewarganegaraan")) == []
    assert {(i, "nik") for i in range(4)} <= set(_sure(rows, ("nik",)))  # table 1's numbers are its positions


def test_tables_numbered_as_their_positions_stay_sure_though_one_number_is_misread():
    rows = _rows(_page(MEMBERS, [*SECOND[:2], ("8", *SECOND[2][1:]), *SECOND[3:]]))  # `8` read for `3`
    assert [r["status_hubungan"].value for r in rows] == [s[2] for s in SECOND]
    assert len(_sure(rows, ("nama_lengkap", "nik", "status_hubungan"))) == 15
