"""KK member tables worded, abbreviated and ruled otherwise (issue #14, items 2 and 3): headers from the
`[kk.columns]` vocabulary of `ocr/labels.toml`, sex printed by its letters, rules printed in characters,
and a header's words kept to the ruled cell they stand in.

Pages are built from words through the public seam `ocr.extract_pages`: no image, no Tesseract.
"""

from __future__ import annotations

import functools

import core
import ocr
from ocr import Grid, Page, Word
from tests.fixtures.words import put_words

MEMBERS = [("1", "LA ODE MUHAMMAD ALI", "7371010704677551", "L", "MAKASSAR", "07/04/1967", "ISLAM"),
           ("2", "WA ODE ASMAWATI", "1271015207708651", "P", "MEDAN", "12/07/1970", "ISLAM"),
           ("3", "LA ODE ZAINAL ABIDIN", "7402012205985630", "L", "RAHA", "22/05/1998", "ISLAM")]
TABLE_2 = [("1", "KAWIN TERCATAT", "10/03/1996", "KEPALA KELUARGA", "LA ODE SAFIUDDIN"),
           ("2", "KAWIN TERCATAT", "10/03/1996", "ISTRI", "LA ODE RAHMAN"),
           ("3", "BELUM KAWIN", "-", "ANAK", "LA ODE MUHAMMAD ALI")]
TABLE_2_READ = [(n, s, None if d == "-" else d, r, f) for n, s, d, r, f in TABLE_2]
SEX = {"L": "LAKI-LAKI", "P": "PEREMPUAN", "Lk": "LAKI-LAKI", "Pr": "PEREMPUAN"}
FIELDS = ("nama_lengkap", "nik", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama")
CHAR = 14
"""Width of one character of a monospaced print, in pixels."""


def _mono(text: str, y: int) -> list[Word]:
    """A line of a monospaced (line-printer or plain-text) print: every character CHAR px wide from x=40,
    one word per run of non-blanks, as a text layer gives them."""
    words, col = [], 0
    for token in text.split(" "):
        if token:
            words.append(Word(token, 1.0, (40 + col * CHAR, y, 40 + (col + len(token)) * CHAR, y + 20)))
        col += len(token) + 1
    return words


def _expected(rows: list[tuple[str, ...]]) -> list[tuple[str | None, ...]]:
    return [(name, nik, SEX[sex], place, "-".join(reversed(date.split("/"))), agama)
            for _, name, nik, sex, place, date, agama in rows]


def _read(page: Page) -> list[tuple[str | None, ...]]:
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    return [tuple(row[f].value for f in FIELDS) for row in extraction.anggota]


def _title() -> list[Word]:
    return put_words("KARTU KELUARGA", 800, 20, centre=True) + put_words("NOMOR : 7402011909052703", 800, 60, centre=True)


def _printed_in_characters(*, specks: bool = False) -> Page:
    """Table 1 as a line printer draws it: `|` between cells, `+---+` rules, abbreviated headers (`N I K`,
    `L/P`, `TGL LAHIR`), a header over two lines (`TEMPAT` / `LAHIR`), the sex by its letter."""
    rule = "+-----+----------------------+------------------+-----+----------+------------+-------+"
    lines = [rule,
             "| NO  | NAMA LENGKAP         | N I K            | L/P | TEMPAT   | TGL LAHIR  | AGAMA |",
             "|     |                      |                  |     | LAHIR    |            |       |",
             rule]
    for member in MEMBERS:
        lines.append("| " + " | ".join(value.ljust(width) for value, width in zip(member, (3, 20, 16, 3, 8, 10, 5),
                                                                                   strict=True)) + " |")
    lines.append(rule)
    rule_2 = "+-----+----------------+------------+-----------------+-----------------+------------------+"
    lines += ["", rule_2,
              "| NO  | STATUS KAWIN   | TGL KAWIN  | STAT. HUB.      | KEWARGANEGARAAN | AYAH             |",
              "|     |                |            | KELUARGA        |                 |                  |",
              rule_2]
    for number, status, date, relation, father in TABLE_2:
        lines.append("| " + " | ".join(value.ljust(width) for value, width in zip(
            (number, status, date, relation, "WNI", father), (3, 14, 10, 15, 15, 16), strict=True)) + " |")
    lines.append(rule_2)
    if specks:  # the rules as read off a scan: a speck or two among their dashes
        lines = [text.replace("-----+", "--5-n+").replace("+--", "&--") if "---" in text else text for text in lines]
    words = _title()
    for i, text in enumerate(lines):
        words += _mono(text, 120 + 30 * i)
    return Page(1, None, tuple(words), "text_layer")


@functools.cache
def _read_in_characters(*, specks: bool = False) -> core.Extraction:
    """One reading of the character-printed page, shared by the tests of it (each reading is a page's)."""
    extraction, _ = ocr.extract_pages([_printed_in_characters(specks=specks)], declared_type=core.DocumentType.KK)
    return extraction


def test_a_table_printed_in_characters_with_abbreviated_headers_is_read_whole():
    # Before: `|` joined `N I K`, `L/P` and `TEMPAT` into one header cell and the `+---+` rule into a cell.
    extraction = _read_in_characters()
    assert [tuple(row[f].value for f in FIELDS) for row in extraction.anggota] == _expected(MEMBERS)


def test_table_2_printed_in_characters_keeps_its_columns_apart():
    # Its headers one blank and a `|` apart: without the bars they read as one phrase (`TGL KAWIN STAT. HUB.`).
    extraction = _read_in_characters()
    fields = ("status_perkawinan", "tanggal_perkawinan", "status_hubungan", "kewarganegaraan", "nama_ayah")
    assert [tuple(row[f].value for f in fields) for row in extraction.anggota] == [
        (status, date and "-".join(reversed(date.split("/"))), relation, "WNI", father)
        for _, status, date, relation, father in TABLE_2_READ]


def test_rules_printed_in_characters_are_no_values():
    for specks in (False, True):
        extraction = _read_in_characters(specks=specks)
        texts = [str(row[f].value) for row in extraction.anggota for f in FIELDS]
        assert not any("|" in t or "---" in t for t in texts)
        assert [tuple(row[f].value for f in FIELDS) for row in extraction.anggota] == _expected(MEMBERS)


def test_a_sex_column_without_a_header_is_known_by_its_letters():
    # One wide table: the sex column carries only its printed number (no header word), `Lk` / `Pr` in it,
    # and dates printed with one-digit days and months.
    xs = (40, 100, 520, 880, 960, 1160, 1360, 1500)
    headers = ("No", "Nama Lengkap", "NIK", "", "Tempat Lahir", "Tanggal Lahir", "Agama")
    members = [("1", "BASO ARIFIN", "7471012604635673", "Lk", "KENDARI", "26/4/1963", "ISLAM"),
               ("2", "SITTI MARWAH", "7471016901667790", "Pr", "KENDARI", "29/1/1966", "ISLAM"),
               ("3", "MUHAMMAD ASRUL", "7471010510972302", "Lk", "KENDARI", "5/10/1997", "ISLAM")]
    words = _title()
    for x, title in zip(xs, headers, strict=False):
        words += put_words(title, x + 10, 150) if title else []
    for r, member in enumerate(members, start=1):
        words += [w for x, value in zip(xs, member, strict=False) for w in put_words(value, x + 10, 150 + 50 * r)]
    expected = [(name, nik, SEX[sex], place, "-".join(f"{int(p):02d}" for p in reversed(date.split("/"))), agama)
                for _, name, nik, sex, place, date, agama in members]
    assert _read(Page(1, None, tuple(words), "ocr")) == expected


def test_a_lone_tgl_header_beside_the_birth_date_is_the_marriage_date():
    # `Tgl.` read without the `Perkawinan` under it (run into its neighbour's word): the birth date has
    # its column, so the other date is this one's.
    xs = (40, 100, 520, 880, 1200, 1400, 1600)
    headers = ("No", "Nama Lengkap", "NIK", "Tanggal Lahir", "Tgl.", "Agama")
    members = [("1", "BASO ARIFIN", "7471012604635673", "26-04-1963", "24-02-1996", "ISLAM"),
               ("2", "SITTI MARWAH", "7471016901667790", "29-01-1966", "24-02-1996", "ISLAM")]
    words = _title()
    for x, title in zip(xs, headers, strict=False):
        words += put_words(title, x + 10, 150)
    for r, member in enumerate(members, start=1):
        words += [w for x, value in zip(xs, member, strict=False) for w in put_words(value, x + 10, 150 + 50 * r)]
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")], declared_type=core.DocumentType.KK)
    assert [row["tanggal_perkawinan"].value for row in extraction.anggota] == ["1996-02-24", "1996-02-24"]
    assert [row["tanggal_lahir"].value for row in extraction.anggota] == ["1963-04-26", "1966-01-29"]


def test_a_header_word_run_over_its_cells_rule_joins_no_neighbour():
    # Narrow ruled columns: `Status` over one cell, `Tgl.` over the next, and the `Perkawinan` under each
    # read as one word across the rule between them. The rule keeps them two columns.
    xs = (40, 100, 520, 880, 1080, 1330, 1530, 1800)
    words = _title()
    for x, title in zip(xs, ("No", "Nama Lengkap", "NIK", "Tanggal", "Status", "Tgl.", "Status Hubungan"),
                        strict=False):
        words += put_words(title, x + 10, 150)
    words += put_words("Lahir", 890, 180) + put_words("Keluarga", 1540, 180)
    words.append(Word("PerkawinanPerkawinan", 0.6, (1090, 180, 1390, 200)))
    members = [("1", "BASO ARIFIN", "7471012604635673", "26-04-1963", "KAWIN TERCATAT", "24-02-1996",
                "KEPALA KELUARGA"),
               ("2", "SITTI MARWAH", "7471016901667790", "29-01-1966", "KAWIN TERCATAT", "24-02-1996", "ISTRI")]
    for r, member in enumerate(members, start=1):
        words += [w for x, value in zip(xs, member, strict=False) for w in put_words(value, x + 10, 180 + 50 * r)]
    grid = Grid(xs, (140, 215, 265, 315))
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr", (grid,))], declared_type=core.DocumentType.KK)
    fields = ("tanggal_lahir", "status_perkawinan", "tanggal_perkawinan", "status_hubungan")
    assert [tuple(row[f].value for f in fields) for row in extraction.anggota] == [
        ("1963-04-26", "KAWIN TERCATAT", "1996-02-24", "KEPALA KELUARGA"),
        ("1966-01-29", "KAWIN TERCATAT", "1996-02-24", "ISTRI")]
