"""Printed text to canonical values (documents.md): dates, names, vocabulary, NIK and other numbers.

Every function takes the raw text of one field and returns the canonical value,
or None when the text is empty, printed as `-`, or cannot be made canonical.
None means "not read", never "guessed".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import core

_NULLS = {"", "-", "--", "—", "–", "_"}
_TRAILING = " .,;:|_-'\"‘’“”"
_LEADING = " :;|_'\"‘’“”.,"

# Only the confusions the brief allows, applied only when they make the right number of digits.
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
_MONTHS = {name: i + 1 for i, name in enumerate(core.MONTHS_ID)}
_MONTHS.update({"AGUSTUS": 8, "AGUSTUSS": 8, "NOPEMBER": 11, "PEBRUARI": 2})
_SPELLED_MONTHS = tuple(_MONTHS)
"""Full month names: the only keys a misspelt month is snapped onto (abbreviations are too close to each other)."""
# Printed abbreviations, Indonesian and English (`12 Agt. 2002`, `5 Sept 1999`, `3 May 2001`).
_MONTHS.update({"JAN": 1, "FEB": 2, "PEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AGU": 8,
                "AGT": 8, "AGS": 8, "AUG": 8, "SEP": 9, "SEPT": 9, "OKT": 10, "OCT": 10, "NOP": 11, "NOV": 11,
                "DES": 12, "DEC": 12})
_DMY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_D_MONTH_Y = re.compile(r"(\d{1,2})\s*[-.]?\s*([A-Za-z]{3,10})\.?\s*[-.,]?\s*(\d{4})")
_D_ROMAN_Y = re.compile(r"(?<![0-9A-Za-z])(\d{1,2})\s*[-/.]?\s*(XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\s*[-/.]?\s*(\d{4})(?!\d)")
"""A month written in roman numerals, as clerks date by hand (`9-VI-1984`, `9 VI 1984`)."""
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}


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


# Digits and marks that stand for letters in a word that is otherwise letters (`HNDAYAN!`, `5ITI`, `|WAYAN`).
_LETTER_FIXES = str.maketrans({"0": "O", "1": "I", "!": "I", "|": "I", "5": "S", "$": "S", "8": "B"})
_LOOKALIKE_WORD = re.compile(r"[A-Z0-9!|$]*[0-9!|$][A-Z0-9!|$]*")
# Balinese birth-order names after the sex prefix `NI`/`I`; OCR glues the short prefix on (`NINYOMAN`).
_BALINESE = re.compile(r"\b(NI|I)(WAYAN|MADE|NYOMAN|KETUT|PUTU|GEDE|KADEK|KOMANG|GUSTI|LUH|NENGAH)\b")


def person_name_graded(text: str | None) -> Graded:
    """`name`, with look-alike marks in letter words mended (`HNDAYAN!` -> `HNDAYANI`) and a glued
    Balinese prefix split (`NINYOMAN` -> `NI NYOMAN`); `EDIT_FACTOR` per mended word.

    Only words with more letters than look-alikes are mended, so a stray number stays visible. Fewer than
    two letters are no name (a smudge read `X` beside a garbled label).
    """
    value = name(text)
    if not value or sum(c.isalpha() for c in value) < 2:
        return Graded(None, 0.0)
    edits = 0

    def mend(match: re.Match[str]) -> str:
        nonlocal edits
        word = match[0]
        if sum(c.isalpha() for c in word) <= len(word) / 2:
            return word
        edits += 1
        return word.translate(_LETTER_FIXES)

    mended = _LOOKALIKE_WORD.sub(mend, value)
    split = _BALINESE.sub(r"\1 \2", mended)
    edits += split != mended
    return Graded(split, EDIT_FACTOR ** edits)


def text_upper(text: str | None) -> str | None:
    """Free text kept as printed apart from case and spacing (programme, school, address)."""
    return name(text)


def address_graded(text: str | None) -> Graded:
    """An address as printed (`text_upper`), a number in it read with a letter for a digit mended (`RT O11` ->
    `RT 011`): `EDIT_FACTOR` per mended number."""
    value = name(text)
    if not value:
        return Graded(None, 0.0)
    edits = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal edits
        token = match[0]
        if sum(c.isdigit() for c in token) < len(token) / 2 or token.isdigit():
            return token
        edits += 1
        return token.translate(_DIGIT_FIXES)

    fixed = re.sub(r"(?<![A-Z0-9])[0-9OIDSB|]{2,}(?![A-Z0-9])", fix, value)
    return Graded(fixed, EDIT_FACTOR ** edits)


def date(text: str | None) -> str | None:
    """`12-03-1980`, `12/03/1980`, `12 Maret 2002`, `Senin, 20 Juni 2005` -> ISO `YYYY-MM-DD`."""
    return date_graded(text).value


def date_graded(text: str | None) -> Graded:
    """`date` with a factor: `EDIT_FACTOR` once when digits were mended, the month was misspelt or in roman
    numerals."""
    value = clean(text)
    if not value:
        return Graded(None, 0.0)
    fixed = _fix_digits_in_numbers(value)
    factor = 1.0 if fixed == value else EDIT_FACTOR
    match = _DMY.search(fixed)
    if match:
        day = _iso(int(match[3]), int(match[2]), int(match[1]))
        return Graded(day, factor if day else 0.0)
    match = _D_ROMAN_Y.search(fixed)
    if match:  # never sure: a month printed `11` is read `II` as often as one written `II`
        day = _iso(int(match[3]), _ROMAN[match[2]], int(match[1]))
        return Graded(day, factor * EDIT_FACTOR if day else 0.0)
    match = _D_MONTH_Y.search(fixed)
    if match:
        month = _month(match[2])
        day = _iso(int(match[3]), month, int(match[1])) if month else None
        if match[2].upper() not in _MONTHS:
            factor *= EDIT_FACTOR
        return Graded(day, factor if day else 0.0)
    return Graded(None, 0.0)


def place_and_date(text: str | None) -> tuple[str | None, str | None]:
    """`KOLAKA, 12 Maret 2002` -> (`KOLAKA`, `2002-03-12`)."""
    value = clean(text)
    if not value:
        return None, None
    born = date(value)
    match = _D_MONTH_Y.search(_fix_digits_in_numbers(value)) or _DMY.search(value)
    place = value[: match.start()] if match else value.rsplit(",", 1)[0]
    return name(place.rstrip(" /,.-")), born


@dataclass(frozen=True)
class Graded:
    """A canonical value and how much the normalization itself trusts it (1.0: taken as printed)."""

    value: str | None
    factor: float = 1.0


EDIT_FACTOR = 0.85
"""Confidence kept per edit when a value is snapped onto the vocabulary or a digit confusion is mended."""
# OCR slips a vocabulary cannot catch by spelling: single-character values.
_SHORT_CONFUSIONS = {"golongan_darah": str.maketrans({"0": "O", "8": "B", "4": "A"})}


def vocabulary(kind: str, text: str | None) -> str | None:
    """The canonical value of `kind` for the text (exact, a listed variant, or a close spelling)."""
    return vocabulary_graded(kind, text).value


_SPACED_JOINER = re.compile(r"\s*([-/])\s*")


def vocabulary_graded(kind: str, text: str | None) -> Graded:
    """`vocabulary` with a factor: 1.0 for an exact value or listed variant, `EDIT_FACTOR` per edit.

    A misspelling is snapped only within `max_edits` of exactly one canonical
    value; two values equally close, or none close enough, give None. (Listed
    variants are matched exactly, by `core.canonical`.)
    """
    value = name(text)
    if not value:
        return Graded(None, 0.0)
    # No SIAK value has a space beside `-` or `/`; OCR adds them (`LAKI - LAKI`, `NELAYAN/ PERIKANAN`).
    value = _SPACED_JOINER.sub(r"\1", value)
    exact = core.canonical(kind, value)
    if exact:
        return Graded(exact, 1.0)
    if kind in _SHORT_CONFUSIONS:
        # A lone letter is often read twice (`Oo` for `O`); no blood group repeats a letter.
        mended = core.canonical(kind, re.sub(r"(.)\1+", r"\1", value.translate(_SHORT_CONFUSIONS[kind])))
        if mended:
            return Graded(mended, EDIT_FACTOR)
    candidates = core.canonical_values(kind)
    # Distances beyond every candidate's tolerance need not be exact: they can neither win nor tie a winner.
    limit = max(max_edits(c) for c in candidates) + 1
    scored = sorted((edit_distance(value, c, limit=limit), c) for c in candidates)
    best, spelled = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else None
    if best > max_edits(spelled) or (runner_up is not None and runner_up == best):
        return Graded(None, 0.0)
    return Graded(core.canonical(kind, spelled), EDIT_FACTOR ** best)


def max_edits(target: str) -> int:
    """Edits tolerated when snapping onto `target`: none for 1-2 characters, then one per five."""
    return 0 if len(target) <= 2 else max(1, len(target) // 5)


def edit_distance(a: str, b: str, *, limit: int | None = None) -> int:
    """Levenshtein distance; with `limit`, any distance above it comes back as `limit + 1` (found sooner)."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1] if limit is None else min(previous[-1], limit + 1)


def nik(text: str | None) -> str | None:
    """A NIK: 16 digits; letter-for-digit fixes only when the result is a structurally valid NIK."""
    return identity_number(text, core.nik_problems).value


def no_kk(text: str | None) -> str | None:
    """A No. KK: as `nik`, checked against the No. KK structure."""
    return identity_number(text, core.no_kk_problems).value


def identity_number(text: str | None, problems: Callable[[str], list[str]]) -> Graded:
    """16 digits as printed (factor 1.0 if structurally valid, `INVALID_FACTOR` if not), or mended.

    O/o/D->0, I/l/|->1, S->5, B->8 are applied only when the printed text has
    letters and the mended number passes `problems`; otherwise None. An 18-digit
    NIP has the wrong length and is never taken.
    """
    value = clean(text)
    if not value:
        return Graded(None, 0.0)
    compact = re.sub(r"[\s.\-]", "", value)
    if compact.isdigit():
        if len(compact) != 16:
            return Graded(None, 0.0)
        return Graded(compact, 1.0 if not problems(compact) else INVALID_FACTOR)
    fixed = compact.translate(_DIGIT_FIXES)
    if len(fixed) != 16 or not fixed.isdigit() or problems(fixed):
        return Graded(None, 0.0)
    edits = sum(a != b for a, b in zip(compact, fixed, strict=True))
    return Graded(fixed, EDIT_FACTOR ** edits)


INVALID_FACTOR = 0.5
"""A 16-digit number that breaks the NIK/No. KK structure was almost certainly misread somewhere."""


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
    """`004/003` -> (`004`, `003`), zero-padded to 3 digits.

    A slash read as a stroke-like character between two three-digit groups
    (`009|001`, `0091001`) still separates them: RT and RW are printed with
    three digits each, so seven characters can only split one way.
    """
    value = clean(text)
    if value and "/" not in value and (lost := re.fullmatch(r"(\d{3})\s*[1lI|!\\]\s*(\d{3})", value)):
        value = f"{lost.group(1)}/{lost.group(2)}"
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
    """A month name as printed, abbreviated, or misspelt within one edit per four letters of one month only,
    or whole with up to two letters more."""
    key = word.upper()
    if key in _MONTHS:
        return _MONTHS[key]
    # A month printed whole with a speck or two read after it (`Meiji` for `Mei`): the one month it begins with.
    begun = [spelled for spelled in _SPELLED_MONTHS if key.startswith(spelled) and len(key) - len(spelled) <= 2]
    if len(begun) == 1:
        return _MONTHS[begun[0]]
    scored = sorted((edit_distance(key, spelled), _MONTHS[spelled]) for spelled in _SPELLED_MONTHS)
    best, month = scored[0]
    if best > max(1, len(key) // 4) or any(d == best and m != month for d, m in scored[1:]):
        return None
    return month


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
