"""A KK's member tables as printed: the column headers and the fields under them, and what finds the
tables from their text (`MEMBER_TABLES`, for `_tables.text_tables`).

    COLUMNS             printed column header -> (member field, normalizer)
    header_field(text)  the field a column holds, from its printed header
    MEMBER_TABLES       header words, group labels, row anchors (NIK, row number), the column-number row
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Callable, Sequence

import core

from . import _normalize as norm
from ._fields import vocabulary
from ._layout import Line, compact_key
from ._model import Word
from ._tables import Column, TableSpec

Normalizer = Callable[[str | None], "str | norm.Graded | None"]


def _vocab(kind: str) -> Normalizer:
    return lambda text: norm.vocabulary_graded(kind, text)


def _nik(text: str | None) -> norm.Graded:
    return norm.identity_number(text, core.nik_problems)


_DASH_LOST = re.compile(r"^(\d{2})[-/.\s]?(\d{2})[-/.\s]?(\d{4})$")


def member_date(text: str | None) -> norm.Graded:
    """A member's date as a KK prints it, `DD-MM-YYYY`; with a dash lost or read as a space (`07-08 1961`,
    `2111-1964`, `17111997`: a faint or broken print) mended at one edit's cost, as day and month are
    printed with two digits each."""
    graded = norm.date_graded(text)
    found = _DASH_LOST.match(" ".join((text or "").split())) if graded.value is None else None
    if found is None:
        return graded
    mended = norm.date_graded(f"{found[1]}-{found[2]}-{found[3]}")
    return norm.Graded(mended.value, mended.factor * norm.EDIT_FACTOR) if mended.value else graded


SEX_LETTERS = {"L": "LAKI-LAKI", "LK": "LAKI-LAKI", "P": "PEREMPUAN", "PR": "PEREMPUAN"}
"""A member's sex as a column headed `L/P` or `JK` prints it, by its letters."""


def member_sex(text: str | None) -> norm.Graded:
    """A member's sex, spelled out (`LAKI-LAKI`) or by its letters (`L`, `Pr`)."""
    letters = (text or "").upper().strip(_REMNANTS)
    if letters in SEX_LETTERS:
        return norm.Graded(SEX_LETTERS[letters], 1.0)
    return norm.vocabulary_graded("jenis_kelamin", text)


_NORMALIZERS: dict[str, Normalizer] = {
    "nama_lengkap": norm.name, "nik": _nik, "jenis_kelamin": member_sex, "tempat_lahir": norm.name,
    "tanggal_lahir": member_date, "agama": _vocab("agama"), "pendidikan": _vocab("pendidikan"),
    "jenis_pekerjaan": _vocab("jenis_pekerjaan"), "golongan_darah": _vocab("golongan_darah"),
    "status_perkawinan": _vocab("status_perkawinan"), "tanggal_perkawinan": member_date,
    "status_hubungan": _vocab("status_hubungan"), "kewarganegaraan": _vocab("kewarganegaraan"),
    "no_paspor": norm.code, "no_kitap": norm.code, "nama_ayah": norm.name, "nama_ibu": norm.name,
}

# Column header as printed -> (field, normalizer), from `[kk.columns]` of `labels.toml`.
COLUMNS: dict[str, tuple[str, Normalizer]] = {
    " ".join(wording.upper().split()): (field, _NORMALIZERS[field])
    for field, wordings in vocabulary()["kk"]["columns"].items() for wording in wordings
}
_COMPACT = {compact_key(header): header for header in COLUMNS}
"""Headers by their letters alone: `N I K`, `N.I.K.` is `NIK`."""
_FIELDS_OF: dict[str, set[str]] = {}
for _header_text, (_field, _) in COLUMNS.items():
    for _word in _header_text.split():
        _FIELDS_OF.setdefault(_word, set()).add(_field)
"""Per word of a printed header, the fields whose headers hold it (`DARAH`: one; `NAMA`: three)."""
_HEADED = {field: (field, fn) for field, fn in COLUMNS.values()}

NUMBER_ROW = re.compile(r"^\(.{1,2}\)?$|^\d{1,2}\)$")
"""A cell of the column-number row printed under a header: `(1)`, `(10`, `3)`."""


@functools.lru_cache(maxsize=1024)  # the same headers come back page after page
def header_field(header_text: str, *, by_head: bool = True) -> tuple[str, Normalizer] | None:
    """The field a column holds, from its printed header (`No` and unknown headers: None).

    The whole header is matched first; failing that, its best run of words,
    since a grouped column carries its group's label too (`DOKUMEN` /
    `IMIGRASI`, `NAMA` / `ORANG TUA`) above its own (`No. Paspor`, `Ayah`).
    A run must read much closer than the whole header: `NAMA` alone is not
    `NAMA IBU`. A match against the header's head word is no match (`NAMA
    ANGGOTA KELUARGA` is not `HUBUNGAN KELUARGA`); failing all, with
    `by_head`, the field its head word labels alone (`_by_head`).
    """
    words = header_text.upper().split()
    key = " ".join(words)
    if not key or key in ("NO", "NO."):
        return None
    if compact_key(key) in _COMPACT:
        return COLUMNS[_COMPACT[compact_key(key)]]
    if len(compact_key(key)) < 2:
        return None  # a speck read as a letter (`j`) is no `JK` misread
    owners = [_FIELDS_OF.get(w) for w in words]
    if all(owners):  # words of our headers as printed: the one field all of them name (`DARAH`, `NAMA IBU`)
        common = set.intersection(*owners)  # type: ignore[arg-type]
        if len(common) == 1:
            return _HEADED[common.pop()]
    match = difflib.get_close_matches(key, list(COLUMNS), n=1, cutoff=0.6)
    if match and set(words) < set(match[0].split()):
        return None  # only part of a header (`NAMA`, `TANGGAL`): which column is anyone's guess
    head = _head(words)
    if match and (head is None or compact_key(words[head]) not in _HEAD_LABELS
                  or COLUMNS[match[0]][0] in _HEAD_FIELDS[compact_key(words[head])]
                  or {compact_key(w) for w in match[0].split()} <= {compact_key(w) for w in words}):
        # only a head word that labels a field alone (`NAMA`) overrules a match: a short one is as often
        # a neighbour's tail run in (`WN PASPOR`), and a header keeps its own words (`AGAMA PENDIDIKAN`)
        return COLUMNS[match[0]]
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    matchers = ((difflib.SequenceMatcher(None, run, name), name) for run in runs for name in COLUMNS)
    # ratio() is costly and bounded above by the quick ratios: a pair they put below 0.8 cannot be taken
    scored = [(m.ratio(), name) for m, name in matchers if m.real_quick_ratio() >= 0.8 and m.quick_ratio() >= 0.8]
    best = max(scored, default=(0.0, ""))
    if best[0] >= 0.8:
        return COLUMNS[best[1]]
    return _by_head(words, head) if by_head else None


_HEAD_FIELDS: dict[str, set[str]] = {}
for _header_text, (_field, _) in COLUMNS.items():
    for _word in _header_text.split():
        _HEAD_FIELDS.setdefault(compact_key(_word), set()).add(_field)
_HEAD_FIELDS.pop("NO", None)  # the row number's `No` run into the next header (`NO NAMA LENGKAP`) heads nothing
_HEAD_LABELS = {compact_key(wording): field for field in _NORMALIZERS
                for wording in vocabulary()["kk"]["fields"].get(field, ()) if len(wording.split()) == 1}
"""A member field's label of one word in `[kk.fields]` (`Nama`, `Agama`, `Pekerjaan`): the field a header
headed by that word names when the rest of it names no other (`NAMA ANGGOTA KELUARGA`)."""


def _head(words: Sequence[str]) -> int | None:
    """Where a header's head word is: its first, when it is a word of our headers (`NAMA` of `NAMA ANGGOTA
    KELUARGA`). Headers are worded head first (`NAMA AYAH`, `TANGGAL LAHIR`, `HUBUNGAN DENGAN KEPALA
    KELUARGA`): a header headed `NAMA` holds a name, whatever words after it it shares with another field's."""
    for i, word in enumerate(words):
        key = compact_key(word)
        if key in _HEAD_FIELDS:
            return i
        if len(key) > 2:
            return None
    return None  # specks before it (`wa NAMA ...`) and the row number's `No` run in are passed over


def _by_head(words: Sequence[str], at: int | None) -> tuple[str, Normalizer] | None:
    """The field of a header of our wording nowhere but its head word, when `[kk.fields]` labels that field
    with the head word alone (`NAMA` is `nama_lengkap`) and no other word of the header names another field
    so headed (`AYAH`, `IBU`) or a group over several columns (`ORANG TUA`)."""
    if at is None or at == len(words) - 1:
        return None  # the head word alone (`NAMA`) is part of a header, whose column is anyone's guess
    head = compact_key(words[at])
    field = _HEAD_LABELS.get(head)
    if field is None:
        return None
    rest = [compact_key(w) for w in words[at + 1:]]
    if any(w in _GROUP_WORDS or (_HEAD_FIELDS.get(w, set()) & _HEAD_FIELDS[head]) - {field} for w in rest):
        return None
    return _HEADED[field]


def named_by_head(header_text: str) -> bool:
    """Whether a header is known only by its head word (`header_field`'s last resort)."""
    return header_field(header_text) is not None and header_field(header_text, by_head=False) is None


_HEADER_WORDS = frozenset(compact_key(word) for header in (*COLUMNS, "DOKUMEN IMIGRASI", "NAMA ORANG TUA")
                          for word in header.split())


@functools.lru_cache(maxsize=4096)
def _header_word(text: str) -> bool:
    """A word of a member table's column headers (`Kelamin`, `No.`), small slips allowed in long ones."""
    key = compact_key(text)
    if len(key) < 4:
        return key in _HEADER_WORDS
    # ratio() is bounded above by the quick ratios, which cost far less: a pair they put below 0.8 cannot match
    matchers = (difflib.SequenceMatcher(None, key, word) for word in _HEADER_WORDS if len(word) >= 4)
    return any(m.real_quick_ratio() >= 0.8 and m.quick_ratio() >= 0.8 and m.ratio() >= 0.8 for m in matchers)


_GROUP_LABELS = ("DOKUMENIMIGRASI", "NAMAORANGTUA")
_GROUP_WORDS = frozenset({"DOKUMEN", "IMIGRASI", "ORANG", "TUA"})


def _group_label(text: str) -> bool:
    """A label printed over several columns of table 2 (`DOKUMEN IMIGRASI`, `NAMA ORANG TUA`), or part of one."""
    key = compact_key(text)
    if any(difflib.SequenceMatcher(None, key, label).ratio() >= 0.8 for label in _GROUP_LABELS):
        return True
    words = [compact_key(w) for w in text.split()]
    return bool(words) and all(w in _GROUP_WORDS or w == "NAMA" for w in words) and any(w != "NAMA" for w in words)


_ROW_NUMBER = re.compile(r"^\d{1,2}[.,]?$")


def row_number(text: str) -> bool:
    """Whether a word reads as a printed row number (`3`, `3.`), a speck glued on allowed (`'2`, `“4`)."""
    return bool(_ROW_NUMBER.match(text.strip(_SPECKS)))


_SPECKS = "'\"‘’“”`|([{"
_NIK_DIGITS = (15, 17)
"""Digits a word needs to be taken for a NIK when finding rows (one digit lost or gained by OCR allowed)."""


def _anchor(line: Line, columns: Sequence[Column]) -> bool:
    """A member row prints one NIK and one row number: a line holding either anchors a row."""
    for word in line.words:
        digits = sum(c.isdigit() for c in word.text)
        if _NIK_DIGITS[0] <= digits <= _NIK_DIGITS[1] and digits >= 0.8 * len(word.text):
            return True
    first = line.words[0]
    headed = [c.x0 for c in columns if compact_key(c.text) != "NO"]
    return row_number(first.text) and bool(headed) and first.x1 <= min(headed)


def _number_row(line: Line) -> bool:
    """The printed column numbers `(1) (2) (3) ...` under a header (some misread: `TN)`, `(D4)`), or printed
    bare and rising (`11 12 13 … 19`)."""
    texts = [w.text for w in line.words]
    return len(texts) >= 3 and (2 * sum(_numbered(t) for t in texts) >= len(texts) or _counts_columns(texts))


def _numbered(text: str) -> bool:
    """A printed column number (`(6)`), or a short misread one (`TN)`, `(D4)`, `“(a`)."""
    return bool(NUMBER_ROW.match(text)) or (len(text) <= 4 and any(c in "()" for c in text))


def _member_rows(cells: list[list[str]], number: int | None = None) -> list[list[str]]:
    """The body rows' texts per column without the printed column numbers under the header (a row most
    of whose filled cells read as column numbers), nor what lies above them (`body_start`)."""
    def numbers(row: list[str]) -> bool:
        filled = [" ".join(t.split()) for t in row if t.strip()]
        return len(filled) >= 3 and 2 * sum(_numbered(t) for t in filled) >= len(filled)

    return [row for row in cells[body_start(cells, number):] if not numbers(row)]


def body_start(cells: list[list[str]], number: int | None = None) -> int:
    """Index of the first row below the printed column numbers (`1 2 3 … 10`, `11 … 19`, some misread);
    when no row counts the columns, of the row numbered 1 in the `number` column (unless a date or a NIK
    stands above it), or 0. A header printed over several ruled rows (words set upright in narrow columns:
    Tesseract reads them as specks, `z ki 2`, `(6)`) is header down to its column numbers, whatever its rows
    read as: none is a member's."""
    last = -1
    for i, row in enumerate(cells):
        if _counts_columns(row):
            last = i
    if last < 0 and number is not None:  # the column numbers misread: the body begins at member 1
        first = next((i for i, row in enumerate(cells) if number < len(row) and _FIRST.match(row[number].strip())), 0)
        above = [w for row in cells[:first] for t in row for w in t.split()]
        return 0 if any(_DATE.match(w) or sum(c.isdigit() for c in w) >= _NIK_DIGITS[0] for w in above) else first
    return last + 1


_FIRST = re.compile(r"^[1Il|][.,]?$")


def _counts_columns(row: Sequence[str]) -> bool:
    """Whether a row is the printed column numbers: at least three cells and half the filled ones read as
    small numbers (`(4)`, `4`, `4)`) rising from left to right. A member row prints one such number, its own."""
    filled = [t.strip() for t in row if t.strip()]
    counted = [int(m[1]) for t in filled if (m := _COUNTED.match(t))]
    return len(counted) >= 3 and 2 * len(counted) >= len(filled) and all(a < b for a, b in itertools.pairwise(counted))


_COUNTED = re.compile(r"^\(?(\d{1,2})\)?$")


@functools.lru_cache(maxsize=4096)
def _header(text: str) -> bool:
    """A whole column header as printed (`Nama Ibu`, `Tempat Lanir`), or the row number's `No`; not a
    piece of one (`Nama`, `Paspor`), nor a piece run into its neighbour's (`No Nama`)."""
    key = " ".join(text.upper().split())
    return compact_key(key) in ("NO", *_COMPACT) or any(difflib.SequenceMatcher(None, key, name).ratio() >= _WHOLE_HEADER
                                           for name in COLUMNS)


_WHOLE_HEADER = 0.8
"""How closely (difflib ratio) a phrase must read like a header's full text to be that header."""


header_word = _header_word
"""Whether a word is one of a member table's column headers' (public for `_kk_stacked`)."""

MEMBER_TABLES = TableSpec(header_word=_header_word, header=_header, group_label=_group_label, anchor=_anchor,
                          number_row=_number_row)


_VOCABULARY_COLUMNS = ("jenis_kelamin", "agama", "pendidikan", "jenis_pekerjaan", "golongan_darah",
                       "status_perkawinan", "status_hubungan", "kewarganegaraan")
_TABLE_1 = frozenset({"nama_lengkap", "nik", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "pendidikan",
                      "jenis_pekerjaan", "golongan_darah"})
_CHECKABLE = frozenset({*_VOCABULARY_COLUMNS, "nik", "tanggal_lahir", "tanggal_perkawinan"})
"""Fields whose values can be told apart by what they are (`holds`)."""
_DATE = re.compile(r"^\d{1,2}([-/.])\d{1,2}\1\d{4}$")
_DASH = re.compile(r"^[-‐‑‒–—―_~.]{1,3}$")
_REMNANTS = "|()[]{}'\"‘’“”!/\\—–_~,.;: "
"""What a vertical rule or a speck beside a value is read as, glued to it (`|PEREMPUAN`, `(KRISTEN`)."""


def holds(field: str, text: str) -> bool:
    """Whether a cell's text is a value of `field` that cannot be mistaken for another's: a structurally
    valid NIK, a date as a KK prints it, a vocabulary value spelled exactly (`ISLAM`, `LAKI-LAKI`). A field
    of free text (a name, `No. Paspor`) has no such value."""
    if field not in _CHECKABLE:
        return False
    words = text.upper().split()
    while words and not any(c.isalnum() for c in words[-1]):
        words.pop()  # the `-` of an empty cell beside it, run in
    text = " ".join(words).strip(_REMNANTS)
    if field == "nik":
        return len(text) == 16 and text.isdigit() and not core.nik_problems(text)
    if field in ("tanggal_lahir", "tanggal_perkawinan"):
        return bool(_DATE.match(text)) and norm.date(text) is not None
    if field == "jenis_kelamin" and text in SEX_LETTERS:
        return True
    return core.canonical(field, text) is not None


def _candidates(claimed: set[str]) -> list[str]:
    """Fields a column of unmistakable values may be, that no column holds yet; of the two dates, the one
    of the table whose other columns these are (the marriage date where the birth date is held: both
    tables printed as one)."""
    date = ("tanggal_lahir" if len(claimed & _TABLE_1) * 2 >= len(claimed) and "tanggal_lahir" not in claimed
            else "tanggal_perkawinan")
    return [f for f in (*_VOCABULARY_COLUMNS, "nik", date) if f not in claimed]


Columns = list[tuple[str, Normalizer] | None]
_BY_FIELD = {field: (field, fn) for field, fn in COLUMNS.values()}


def by_content(columns: Columns, cells: list[list[str]], *, skip: int | None,
               taken: frozenset[str] = frozenset()) -> None:
    """Columns whose header went unread (or is worded unlike ours), known by what their cells hold.

    `cells` are the body rows' texts per column. Only values that cannot be mistaken count (`holds`), in
    most of the column's filled cells and in no other column of the table already. They also overrule a
    header read as a field of free text (`WNI` in every cell under a header read as `No. Paspor`: the
    header of the column beside it, or a misread one), when they fill most member rows: a column left
    mostly empty (`No. Paspor` of a WNI family) keeps its header whatever a speck in it reads as. The
    printed column numbers (`(6)` read `“(a`, a blood group `A` once the bracket is cut) are no values.
    `taken`: fields a column holds besides its own (the date in a merged `Tempat / Tgl Lahir` cell).
    """
    claimed = {column[0] for column in columns if column is not None} | taken
    members = _member_rows(cells, skip)
    for i, column in enumerate(columns):
        if (column is not None and column[0] in _CHECKABLE) or i == skip:
            continue
        texts = [" ".join(row[i].upper().split()) for row in members]
        texts = [t for t in texts if t and not NUMBER_ROW.match(t) and not _DASH.match(t)]
        if not texts:
            continue
        most = len(texts) if column is None else len(members)
        fits = [f for f in _candidates(claimed) if 2 * sum(holds(f, t) for t in texts) > most]
        if len(fits) == 1:
            columns[i] = _BY_FIELD[fits[0]]
            claimed.add(fits[0])
        elif column is None and not fits and (field := _misread_column(texts, _candidates(claimed))) is not None:
            columns[i] = _BY_FIELD[field]
            claimed.add(field)


_SHAPES = frozenset({"nik", "tanggal_lahir", "tanggal_perkawinan"})


def _value(result: str | norm.Graded | None) -> str | None:
    return result.value if isinstance(result, norm.Graded) else result


def _misread_column(texts: list[str], candidates: list[str]) -> str | None:
    """The field of a column whose header went unread and whose values read too poorly for `holds` to
    count them in most cells (a scan's `TioAK TAHU`, `ko)` for `O`; `1`, `5` for a lone `L`): the one
    candidate field some cell holds exactly, no cell holding another's, when most cells read as its
    values with slips (its normalizer's snapping), or, for a member's sex, every cell is one or two
    characters (its letters misread; no other member column prints so little). The misread cells are read
    again (`_kk._read_again`)."""
    held = {f for f in candidates for t in texts if holds(f, t)}
    if len(held) != 1:
        return None
    field = held.pop()
    snapped = sum(_value(_BY_FIELD[field][1](t)) is not None for t in texts)
    if 2 * snapped > len(texts) or (field in _SHAPES and 2 * snapped == len(texts)):
        return field  # a date or a NIK has a shape no other column's value has: half the cells will do
    if field == "jenis_kelamin" and all(len(t.strip(_REMNANTS)) <= 2 for t in texts):
        return field
    return None


_DATE_WORDS = frozenset({"TGL", "TANGGAL", "TG"})


def lone_date_header(columns: Columns, headers: Sequence[str]) -> None:
    """A column headed only `Tgl.` or `Tanggal` (the rest of its header unread or printed as one word) is
    the member date no other column holds, when exactly one is left (the birth date's column read whole,
    `Tgl.` beside it is the marriage date's)."""
    claimed = {column[0] for column in columns if column is not None}
    left = [f for f in ("tanggal_lahir", "tanggal_perkawinan") if f not in claimed]
    lone = [i for i, (column, text) in enumerate(zip(columns, headers, strict=True))
            if column is None and compact_key(text) in _DATE_WORDS]
    if len(left) == 1 and len(lone) == 1:
        columns[lone[0]] = _BY_FIELD[left[0]]


def one_column_per_field(columns: Columns, cells: list[list[str]]) -> None:
    """Of two columns whose headers read as one field's (`Perkawinan` left alone under a lost `Tanggal`
    read as `Status Perkawinan`), the one whose cells hold that field's values keeps it (the first, if
    neither or both); the other is left to be known by its values (`by_content`)."""
    cells = _member_rows(cells)
    for field in {column[0] for column in columns if column is not None}:
        same = [i for i, column in enumerate(columns) if column is not None and column[0] == field]
        if len(same) < 2:
            continue
        keep = max(same, key=lambda i: (sum(holds(field, row[i]) for row in cells), -i))
        for i in same:
            if i != keep:
                columns[i] = None


Cell = Sequence[Word]


def split_by_content(columns: Columns, cells: list[list[Cell]], *, skip: int | None,
                     taken: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """(column, x) where one column holds two fields' values side by side, or None.

    A header read wrong (`Kdemis` for `Jenis Kelamin`) leaves its values in a neighbour's column
    (`LAKI-LAKI  RAHA`). The column is split when, in most of its filled cells, an unmistakable value
    (`holds`) of a field no column holds begins (or ends) the cell, and in most cells it ends before
    the rest begins: x is the middle of that gutter (the one most cells agree on). `columns` is updated (the new column's field on
    its side, the header's field on the other); the caller splits the grid at x. `taken`: as `by_content`'s.
    """
    claimed = {column[0] for column in columns if column is not None} | taken
    cells = [row for row in cells[body_start([[" ".join(w.text for w in cell) for cell in row] for row in cells], skip):]
             if not _column_numbers(row)]
    for i in range(len(columns)):
        if i == skip:
            continue
        # The printed column numbers (`(8) (9)` where the rule between them was lost) are no values.
        filled = [ws for ws in (_inked(row[i]) for row in cells) if ws and not _DASH.match(" ".join(w.text for w in ws))
                  and not all(NUMBER_ROW.match(w.text) for w in ws)]
        if not filled:
            continue
        for field in _candidates(claimed):
            for left in (True, False):
                cuts = [cut for ws in filled if (cut := _cut(ws, field, left=left)) is not None]
                if 2 * len(cuts) <= len(filled):
                    continue
                # The gutter most cells agree on (a box read too wide, a speck glued on, may overrun it).
                x = max((round((a + b) / 2) for a, b in cuts), key=lambda x: sum(a < x < b for a, b in cuts))
                if 2 * sum(a < x < b for a, b in cuts) <= len(filled):
                    continue
                pieces = [_BY_FIELD[field], columns[i]] if left else [columns[i], _BY_FIELD[field]]
                columns[i:i + 1] = pieces
                return i, x
    return None


def _column_numbers(row: Sequence[Cell]) -> bool:
    """Whether a row is the printed column numbers `(1) (2) …`: at least half its filled cells read as one
    (some misread: `(9)` as `O`)."""
    filled = [" ".join(w.text for w in cell).strip() for cell in row]
    filled = [t for t in filled if t]
    return bool(filled) and 2 * sum(all(NUMBER_ROW.match(w) for w in t.split()) for t in filled) >= len(filled)


def _cut(words: Cell, field: str, *, left: bool) -> tuple[int, int] | None:
    """(x where the `field` value ends, x where the rest begins) when the cell's words begin (`left`) or
    end with a value of `field` and something inked lies beside it; else None. The longest such value: the
    status of `PEREMPUAN BELUM KAWIN` is `BELUM KAWIN`, not its last word. A cell that is one value of
    `field` whole is no two values (`BELUM KAWIN` is no `BELUM` beside the status `KAWIN`)."""
    if holds(field, " ".join(w.text for w in _inked(words))):
        return None
    ks = range(len(words) - 1, 0, -1) if left else range(1, len(words))
    for k in ks:
        value, rest = (words[:k], words[k:]) if left else (words[k:], words[:k])
        rest = _inked(rest)
        if rest and holds(field, " ".join(w.text for w in value)):
            return (value[-1].x1, rest[0].x0) if left else (rest[-1].x1, value[0].x0)
    return None


def _inked(words: Cell) -> tuple[Word, ...]:
    """The words without the specks at either end (`—`, `'`, `|`: what is left of a rule or a smudge)."""
    letters = [i for i, w in enumerate(words) if any(c.isalnum() for c in w.text)]
    return tuple(words[letters[0]:letters[-1] + 1]) if letters else ()
