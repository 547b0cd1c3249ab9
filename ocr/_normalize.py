"""Printed text to canonical values (documents.md): dates, names, vocabulary, NIK and other numbers.

Every function takes the raw text of one field and returns the canonical value,
or None when the text is empty, printed as `-`, or cannot be made canonical.
None means "not read", never "guessed".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

import core

_NULLS = {"", "-", "--", "—", "–", "_"}
_TRAILING = " .,;:|_-'\"‘’“”"
_LEADING = " :;|_'\"‘’“”.,"

# Only the confusions the brief allows, applied only when they make the right number of digits.
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
_MONTHS = {name: i + 1 for i, name in enumerate(core.MONTHS_ID)}
_MONTHS.update({"AGUSTUS": 8, "AGUSTUSS": 8, "NOPEMBER": 11, "PEBRUARI": 2})
_DMY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_D_MONTH_Y = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,10})\s+(\d{4})")


def clean(text: str | None) -> str | None:
    """Single spaces, no stray punctuation at either end; None for empty or `-`."""
    if text is None:
        return None
    value = " ".join(text.split()).strip(_TRAILING).lstrip(_LEADING)
    return None if value in _NULLS else value


def name(text: str | None) -> str | None:
    """Names and places: upper case, single spaces, no trailing punctuation; titles kept."""
    value = clean(text)
    return value.upper() if value else None


def text_upper(text: str | None) -> str | None:
    """Free text kept as printed apart from case and spacing (programme, school, address)."""
    return name(text)


def date(text: str | None) -> str | None:
    """`12-03-1980`, `12/03/1980`, `12 Maret 2002`, `Senin, 20 Juni 2005` -> ISO `YYYY-MM-DD`."""
    value = clean(text)
    if not value:
        return None
    fixed = _fix_digits_in_numbers(value)
    match = _DMY.search(fixed)
    if match:
        return _iso(int(match[3]), int(match[2]), int(match[1]))
    match = _D_MONTH_Y.search(fixed)
    if match:
        month = _month(match[2])
        return _iso(int(match[3]), month, int(match[1])) if month else None
    return None


def place_and_date(text: str | None) -> tuple[str | None, str | None]:
    """`KOLAKA, 12 Maret 2002` -> (`KOLAKA`, `2002-03-12`)."""
    value = clean(text)
    if not value:
        return None, None
    born = date(value)
    match = _D_MONTH_Y.search(_fix_digits_in_numbers(value)) or _DMY.search(value)
    place = value[: match.start()] if match else value.rsplit(",", 1)[0]
    return name(place), born


def vocabulary(kind: str, text: str | None, *, cutoff: float = 0.8) -> str | None:
    """The canonical value of `kind` closest to the text (exact, a listed variant, or a close spelling)."""
    value = name(text)
    if not value:
        return None
    exact = core.canonical(kind, value)
    if exact:
        return exact
    candidates = list(core.canonical_values(kind))
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=cutoff)
    return close[0] if close else None


def nik(text: str | None) -> str | None:
    """16 digits (NIK, No. KK); letter-for-digit fixes only when they give exactly 16 digits."""
    return digits(text, length=16)


def digits(text: str | None, *, length: int | None = None) -> str | None:
    """A number printed with possible OCR confusions; None unless it has `length` digits (when given)."""
    value = clean(text)
    if not value:
        return None
    compact = re.sub(r"[\s.\-]", "", value)
    if compact.isdigit():
        result = compact
    else:
        fixed = compact.translate(_DIGIT_FIXES)
        if not fixed.isdigit():
            return None
        result = fixed
    if length is not None and len(result) != length:
        return None
    return result


def rt_rw(text: str | None) -> tuple[str | None, str | None]:
    """`004/003` -> (`004`, `003`), zero-padded to 3 digits."""
    value = clean(text)
    if not value or "/" not in value:
        return None, None
    parts = [digits(p) for p in value.split("/", 1)]
    out = tuple(p.zfill(3) if p and len(p) <= 3 else None for p in parts)
    return out[0], out[1]


def code(text: str | None) -> str | None:
    """Document numbers (nomor ijazah, nomor akta, NIM): upper case, no spaces."""
    value = clean(text)
    return re.sub(r"\s+", "", value).upper() if value else None


def jenjang(text: str | None) -> str | None:
    """A jenjang key of vocab.json (`SMA`, `S1`, ...) if the text is one."""
    value = name(text)
    if not value:
        return None
    compact = value.replace(" ", "").replace(".", "")
    for key in core.jenjang_values():
        if compact == key.replace(" ", ""):
            return key
    return None


def _fix_digits_in_numbers(value: str) -> str:
    """O/I/l/S/B inside tokens that are otherwise digits (`2O02` -> `2002`), nothing else."""
    def fix(match: re.Match[str]) -> str:
        token = match[0]
        fixed = token.translate(_DIGIT_FIXES)
        return fixed if sum(c.isdigit() for c in token) >= len(token) / 2 else token
    return re.sub(r"[0-9OoDIl|SB]{2,}", fix, value)


def _month(word: str) -> int | None:
    key = word.upper()
    if key in _MONTHS:
        return _MONTHS[key]
    close = difflib.get_close_matches(key, list(_MONTHS), n=1, cutoff=0.75)
    return _MONTHS[close[0]] if close else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
