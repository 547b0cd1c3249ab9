"""What a name, place or other free text in the record may hold: the rule for imports, changes and filing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MAX_TEXT = 100
"""Longest name, place or address part accepted (SIAK's columns are shorter than this)."""

_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}  # control, format (bidi overrides, zero-width), other
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def text_problem(value: str, *, max_length: int = MAX_TEXT) -> str | None:
    """Why `value` cannot be free text of the record (English), or None: too long, or holding a control,
    format (a bidi override, a zero-width space) or unassigned character."""
    if len(value) > max_length:
        return f"is {len(value)} characters long, at most {max_length}"
    bad = next((ch for ch in value if unicodedata.category(ch) in _REFUSED_CATEGORIES), None)
    if bad is not None:
        return f"holds the character U+{ord(bad):04X} ({unicodedata.name(bad, 'unnamed')})"
    return None


def date_problem(value: str, *, today: dt.date | None = None) -> str | None:
    """Why `value` is not a past date in `YYYY-MM-DD` (English), or None."""
    if not _DATE.fullmatch(value):
        return "is not a date in YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return "is not a date that exists"
    if day > (today or dt.date.today()):
        return "is in the future"
    if day.year < 1900:
        return "is before 1900"
    return None
