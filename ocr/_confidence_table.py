"""The `pairing` signal of `_confidence_page.understood`: a KK member table whose columns no longer pair up.

    unpaired(fields, rows) -> str | None   why the rows' values are not one member's each (None: they are)

A member row is one person: its NIK carries the birth date and sex its own cells print, a child is born
years after their parents, and the head of family the header names is the row whose relation says so. (Not
that a member's name is not their own father's: a son may carry it, and the synthetic corpus draws one.) A
table torn between its columns (a row lost or gained in one column or one of the two tables, the rest
shifted by one) breaks one of these on some row, though every cell may be read well: which member a value
is then cannot be told, and none of the table's values is sure. Each check reads only the page; the
population record is never asked.
"""

from __future__ import annotations

import core

from ._confidence import SURE

_HEAD = "KEPALA KELUARGA"
_PARENTS = frozenset({_HEAD, "SUAMI", "ISTRI"})
_YOUNGER_BY = 10
"""Years at least between a parent's birth and a child's (`ANAK`): less is two rows' values crossed."""


def unpaired(fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]]) -> str | None:
    """Why the member rows do not pair up (a short English reason for the doubt), or None."""
    born = [_born(row) for row in rows]
    for i, row in enumerate(rows):
        nik = _value(row, "nik")
        if nik and _own_disagrees(nik, row) and any(
                j != i and _value(other, "tanggal_lahir") and not _problems(nik, other) for j, other in enumerate(rows)):
            return "a NIK beside another row's birth date"
    parents = [b for row, b in zip(rows, born, strict=True) if _value(row, "status_hubungan") in _PARENTS and b]
    children = [b for row, b in zip(rows, born, strict=True) if _value(row, "status_hubungan") == "ANAK" and b]
    if parents and children and min(children) < max(parents) + _YOUNGER_BY:
        return "a child born before a parent"
    head = _value(fields, "nama_kepala_keluarga")
    named = [_value(row, "status_hubungan") for row in rows if head and _value(row, "nama_lengkap") == head]
    if named and all(status and status != _HEAD for status in named):
        return "the head of family's name beside another relation"
    return None


def _problems(nik: str, row: dict[str, core.FieldValue]) -> list[str]:
    return core.nik_problems(nik, jenis_kelamin=_value(row, "jenis_kelamin"), tanggal_lahir=_value(row, "tanggal_lahir"))


def _own_disagrees(nik: str, row: dict[str, core.FieldValue]) -> bool:
    """A NIK valid in itself that its own row's birth date or sex does not bear out."""
    return not core.nik_problems(nik) and bool(_problems(nik, row))


def _value(holder: dict[str, core.FieldValue], name: str) -> str | None:
    value = holder.get(name)
    return value.value if value is not None else None  # type: ignore[return-value]


def _born(row: dict[str, core.FieldValue]) -> int | None:
    """The member's birth year as its row prints it, read surely (a year misread, `1901` for `1991`, which
    its NIK already contradicts, is no evidence of a torn table)."""
    born = row.get("tanggal_lahir")
    if born is not None and born.value and born.value[:4].isdigit() and born.confidence >= SURE:
        return int(born.value[:4])
    return None
