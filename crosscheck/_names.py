"""How two renderings of a person's name are compared.

The normalization, in order:
1. upper case; punctuation other than letters, digits and spaces becomes a space;
2. academic and professional titles are dropped: everything after the first comma
   (``BUDI SANTOSO, S.Pd., M.Si.``) and leading ``DR``, ``DRS``, ``DRA``, ``IR``, ``PROF``;
3. runs of spaces become one space.

Then two names are ``SAME`` when equal, ``SAME`` also when equal with all spaces removed
(OCR glues or splits words: ``LAODE`` / ``LA ODE``), ``ABBREVIATED`` when one uses an
abbreviation of a word the other spells out (``MUH.`` / ``MUHAMMAD``, ``M.`` / ``MOHAMAD``;
without its dot only an initial or a customary short form, ``MUH`` / ``MUHAMMAD``: ``BAS`` /
``BASO`` is a letter left out), and ``DIFFERENT`` otherwise: one letter is a different name
until a human says otherwise.
Religious titles that are part of the registered name (``H.``, ``HJ.``) are *not* dropped.
"""

from __future__ import annotations

import re
from enum import StrEnum

_LEADING_TITLES = {"DR", "DRS", "DRA", "IR", "PROF"}


class NameMatch(StrEnum):
    SAME = "same"
    ABBREVIATED = "abbreviated"
    DIFFERENT = "different"


def _words(name: str, *, keep_dots: bool = False) -> list[str]:
    upper = name.upper().split(",", 1)[0]
    pattern = r"[^A-Z0-9. ]+" if keep_dots else r"[^A-Z0-9 ]+"
    words = re.sub(pattern, " ", upper).split()
    while words and words[0].rstrip(".") in _LEADING_TITLES:
        words = words[1:]
    return words


def normalize_name(name: str | None) -> str:
    """The comparable form of a name (see the module docstring)."""
    if not name:
        return ""
    return " ".join(_words(name))


def compare_names(a: str | None, b: str | None) -> NameMatch:
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return NameMatch.DIFFERENT
    if na == nb or na.replace(" ", "") == nb.replace(" ", ""):
        return NameMatch.SAME
    wa, wb = _words(a or "", keep_dots=True), _words(b or "", keep_dots=True)
    if len(wa) == len(wb) and all(_same_or_abbreviation(x, y) for x, y in zip(wa, wb, strict=True)):
        return NameMatch.ABBREVIATED
    return NameMatch.DIFFERENT


def _same_or_abbreviation(x: str, y: str) -> bool:
    sx, sy = x.rstrip("."), y.rstrip(".")
    if sx == sy:
        return True
    short, full = (sx, sy) if len(sx) < len(sy) else (sy, sx)
    marked = x.endswith(".") if short == sx else y.endswith(".")
    # MUH. / MUHAMMAD, M. / MOHAMAD: a dotted prefix; without the dot (lost in print or OCR) an initial
    # or a customary short form (MUH / MUHAMMAD), not any short prefix (BAS / BASO is a letter left out)
    customary = len(short) == 1 or short in _SHORT_FORMS
    return bool(short) and (marked or customary) and full.startswith(short)


_SHORT_FORMS = frozenset({"MUH", "MOH", "MOCH", "ABD"})
"""Short forms of given names (MUHAMMAD, MOHAMAD, MOCHAMAD, ABDUL) also printed without their dot."""
