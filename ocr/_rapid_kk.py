"""A KK page whose member table Tesseract's pass could not structure, read a second time by lines.

    in_doubt(extraction, pages) -> bool: the first reading's member table is not borne out by the page
    second_reading(pages, extraction, extract) -> core.Extraction: the page read again line by line
        (RapidOCR's detector finds every text line whatever the rules; Tesseract reads each line), the
        same extractor run over those words, and the two readings put together field by field
    read_by_lines(pages, extract) -> (pages, extraction, detection) | None: a document of which nothing
        could be read, its first page read by lines; kept only when that finds a KK

When is a table in doubt (what `_kk` doubts a row for, seen from its result): no member row was read; a
row lacks its NIK; the page prints more NIK-shaped numbers (besides the No. KK) than rows were read
(rows merged or lost); a row lacks two or more values most other rows have (rows run together or torn
apart); a column every member has a value in was read for none (its header or cells lost: the parents'
names, a birth date); a birth date no KK prints (after the card's issue date, on or after the member's own
marriage, before 1900, or shared by two members: the other table's marriage dates taken for the births).
A NIK read unsure is not enough: the extractor reads it again itself.

Putting the readings together never makes a value up: every value is one that one of the two readings
printed. The member rows of the reading that found more members with a valid NIK are kept (the first
reading's when as many), each row joined by its NIK to the other reading's row: a field both give alike
and a field they give differently are weighed as two readings of the same pixels (`_confidence.weigh`: the
kept row's reading stands unless the other is clearly surer; agreement lifts an unsure value to `DISPUTED`
at most, disagreement caps it there); a field only one gives is kept as that reading gave it. Header
fields are weighed the same way, the first reading's leading. Whatever the first reading did not give
alike (a value only the line reading gave, or a row of its own) is at most `DISPUTED`: on kk-2000s a line
crop's column rule gave `JANDI` for `ANDI` at 0.91.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import core

from ._cells import reread
from ._classify import Detection
from ._confidence import DISPUTED, checked_identity, weigh
from ._fields import capped
from ._model import Page, Word
from ._rapid import line_boxes

_NIK_DIGITS = (15, 17)
"""A word with this many digits is a NIK as printed (one digit lost or gained by OCR)."""

_EXPECTED = 2 / 3
"""Share of the other rows that must hold a field for its absence in one row to count against that row."""

_PRINTED_FOR_ALL = ("nama_lengkap", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_perkawinan",
                    "status_hubungan", "kewarganegaraan", "nama_ayah", "nama_ibu")
"""Member fields every KK prints a value of for every member (the parents' names as `-` when unknown is
still a value to read); the marriage date, passport and KITAP numbers are blank for many."""

_EARLIEST_BIRTH = "1900-01-01"
"""No living member of a KK was born before this (a misread year: `1799`)."""

Extract = Callable[[list[Page]], core.Extraction]


def in_doubt(extraction: core.Extraction, pages: Sequence[Page]) -> bool:
    """Whether the first reading's member table is not what the page shows (see the module docstring)."""
    if extraction.document_type != core.DocumentType.KK or not pages or pages[0].image is None:
        return False
    rows = extraction.anggota
    if not rows or any(row["nik"].value is None for row in rows):
        return True
    if len(rows) < len(_nik_numbers(pages[0].words) - {extraction.fields["no_kk"].value}):
        return True
    if any(_torn(row, [other for other in rows if other is not row]) for row in rows):
        return True
    return _column_lost(rows) or _dates_implausible(rows, extraction.fields.get("tanggal_dikeluarkan"))


def _column_lost(rows: Sequence[dict[str, core.FieldValue]]) -> bool:
    """A column every member has a value in (`_PRINTED_FOR_ALL`) read for none of them: its header or
    its cells were lost, or its values went to another column."""
    return any(all(row[f].value is None for row in rows) for f in _PRINTED_FOR_ALL if f in rows[0])


def _dates_implausible(rows: Sequence[dict[str, core.FieldValue]], issued: core.FieldValue | None) -> bool:
    """Birth dates no KK can print: after the card's issue date or on or after the member's own marriage
    date, before `_EARLIEST_BIRTH`, or one date shared by two members (a column of the other table's dates,
    the couple's marriage date, taken for theirs): evidence that the columns were taken wrongly."""
    births = [row["tanggal_lahir"].value for row in rows if row.get("tanggal_lahir") is not None]
    born = [b for b in births if b is not None]
    if len(set(born)) < len(born) or any(b < _EARLIEST_BIRTH for b in born):
        return True
    if issued is not None and issued.value is not None and any(b > issued.value for b in born):
        return True
    return any(row["tanggal_lahir"].value is not None and row["tanggal_perkawinan"].value is not None
               and row["tanggal_lahir"].value >= row["tanggal_perkawinan"].value
               for row in rows if "tanggal_lahir" in row and "tanggal_perkawinan" in row)


def _nik_numbers(words: Sequence[Word]) -> set[str]:
    """The NIK-shaped numbers the page prints (a number read twice is one)."""
    found = ("".join(c for c in w.text if c.isdigit()) for w in words)
    return {digits for digits in found if _NIK_DIGITS[0] <= len(digits) <= _NIK_DIGITS[1]}


def _torn(row: dict[str, core.FieldValue], others: list[dict[str, core.FieldValue]]) -> bool:
    """A row that lacks two or more values most other rows have: rows run together or torn apart."""
    if len(others) < 2:
        return False
    missing = [f for f, v in row.items()
               if v.value is None and sum(o[f].value is not None for o in others) >= _EXPECTED * len(others)]
    return len(missing) >= 2


def line_page(page: Page) -> Page:
    """The page with its words read again: each line the detector finds, read by Tesseract as one cell."""
    assert page.image is not None
    boxes = line_boxes(page.image)
    words = tuple(w for line in reread(page, boxes, lang=page.lang) for w in line)
    return dataclasses.replace(page, words=words)


def read_by_lines(pages: Sequence[Page], extract: Callable[[list[Page]], tuple[core.Extraction, Detection]],
                  ) -> tuple[list[Page], core.Extraction, Detection] | None:
    """A document of which nothing could be read (`core.UnreadableDocument`), its first page read again by
    lines: the pages, extraction and detection when that reading finds a KK, else None."""
    if not pages or pages[0].image is None:
        return None
    lined = [line_page(pages[0]), *pages[1:]]
    try:
        extraction, detection = extract(lined)
    except (core.UnreadableDocument, core.DocumentTypeMismatch):
        return None
    return (lined, extraction, detection) if extraction.document_type == core.DocumentType.KK else None


def second_reading(pages: Sequence[Page], first: core.Extraction, extract: Extract) -> core.Extraction:
    """The extraction put together from `first` and the title page read again by lines."""
    try:
        second = extract([line_page(pages[0]), *pages[1:]])
    except core.UnreadableDocument:
        return first
    if second.document_type != core.DocumentType.KK:
        return first
    fields = {name: _own(name, _weighed(value, second.fields.get(name)), value) for name, value in first.fields.items()}
    return dataclasses.replace(first, fields=fields, anggota=_members(first.anggota, second.anggota))


def _members(first: tuple[dict[str, core.FieldValue], ...], second: tuple[dict[str, core.FieldValue], ...],
             ) -> tuple[dict[str, core.FieldValue], ...]:
    lines_lead = _valid_niks(second) > _valid_niks(first)
    base, other = (second, first) if lines_lead else (first, second)
    by_nik = {row["nik"].value: row for row in other if row["nik"].value is not None}
    rows = []
    for row in base:
        match = by_nik.get(row["nik"].value) if row["nik"].value is not None else None
        firsts = (match if lines_lead else row) or {}
        rows.append({f: _own(f, _weighed(v, match.get(f) if match else None), firsts.get(f)) for f, v in row.items()})
    return tuple(rows)


def _valid_niks(rows: Sequence[dict[str, core.FieldValue]]) -> int:
    return len({row["nik"].value for row in rows if row["nik"].value is not None})


def _weighed(first: core.FieldValue, second: core.FieldValue | None) -> core.FieldValue:
    return first if second is None else weigh(first, [second])


def _own(name: str, chosen: core.FieldValue, first: core.FieldValue | None) -> core.FieldValue:
    """A value the first reading did not give alike is at most `DISPUTED`: the line crops may hold what a
    cell's crop leaves out (a column rule beside the text, `|ANDI` read `JANDI` at 0.91). Not so a value its
    shape bears out whole (`_whole`; the cap held 512 right values for 1 wrong, a name: calibration-session16.md):
    a NIK or No. KK whose structure checks, or a vocabulary word that no other of its list holds."""
    if first is not None and first.value == chosen.value:
        return chosen
    if chosen.value is not None and _whole(name, chosen.value):
        return chosen
    return capped(chosen, DISPUTED)


def _whole(name: str, value: str) -> bool:
    """Whether the value could not be part of another the crop cut short: a NIK or No. KK whose structure
    checks, or a word of the SIAK list of its field whose letters no other word of the list holds in order
    (`KAWIN TERCATAT` is `KAWIN BELUM TERCATAT` with a word lost, `STRATA II` is `STRATA III` with a letter,
    `A` is `AB`: those stay capped)."""
    if name in ("nik", "no_kk"):
        return checked_identity(value)
    if name not in core.VOCAB_KINDS:
        return False
    letters = value.replace(" ", "")
    return not any(other != value and _holds(other.replace(" ", ""), letters) for other in core.canonical_values(name))


def _holds(longer: str, letters: str) -> bool:
    """Whether `longer` has every character of `letters`, in order."""
    rest = iter(longer)
    return all(c in rest for c in letters)
