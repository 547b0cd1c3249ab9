"""The parties' names printed without a label: a marriage card prints both names side by side under the
spouses' photos, its table of both parties (SUAMI | ISTRI) no `Nama` row.

    names_side_by_side(all_lines, not_names) -> each party's name span, or None

The roles come from the page: the SUAMI and ISTRI headings' order (`_columns`: the husband's left) is the
order of the two names on their line. Found without a label, the names are capped at `UNLABELLED`.
"""

from __future__ import annotations

import itertools
import re

from . import _normalize as norm
from ._confidence import faint
from ._layout import Line, Span, compact_key
from ._model import Word

_NAME_WORD = re.compile(r"^[A-Z][A-Z.'\-]*[A-Z.]$|^[A-Z]$")
"""A word of a name as printed on a card: capitals (an initial's or a title's period, `'`, `-` inside)."""
_APART = 2.0
"""The gap between the two names is at least this many times the widest gap inside either of them..."""
_APART_HEIGHTS = 0.5
"""...and at least this share of the line's height."""
_NAME_LETTERS = 3
_OTHER_VALUES = ("agama", "jenis_pekerjaan", "kewarganegaraan", "status_perkawinan", "jenis_kelamin")
"""The vocabularies of the values a two-party page prints in pairs besides the names."""


def names_side_by_side(all_lines: list[Line], not_names: frozenset[str]) -> dict[str, Span] | None:
    """Both parties' names from the one line of the page that holds two names and nothing else: each
    name's words capitals, no word of the labels or headings (`not_names`, compact keys), neither a
    religion, an occupation nor a citizenship, the two names different and further apart than any two
    words of one name. None unless exactly one line is such (two candidates: which is the names' is a
    guess)."""
    found: list[dict[str, Span]] = []
    for line in all_lines:
        pair = _pair(line, not_names)
        if pair is not None:
            found.append(pair)
    return found[0] if len(found) == 1 else None


def _pair(line: Line, not_names: frozenset[str]) -> dict[str, Span] | None:
    words = [w for w in line.words if any(c.isalnum() for c in w.text) and not faint(w.confidence)]
    if len(words) < 2 or not all(_NAME_WORD.match(w.text) for w in words):
        return None
    if any(compact_key(w.text) in not_names for w in words):
        return None
    gaps = [(b.x0 - a.x1, i) for i, (a, b) in enumerate(itertools.pairwise(words), start=1)]
    widest, at = max(gaps)
    rest = max((g for g, i in gaps if i != at), default=0)
    if widest < _APART_HEIGHTS * line.height or widest < _APART * rest:
        return None
    sides = (words[:at], words[at:])
    texts = [" ".join(w.text for w in side) for side in sides]
    if texts[0] == texts[1] or any(not _name_like(text, side) for text, side in zip(texts, sides, strict=True)):
        return None
    return {role: Span(line.page, tuple(side), 1.0) for role, side in zip(("suami", "istri"), sides, strict=True)}


def _name_like(text: str, side: list[Word]) -> bool:
    """A name, not a value of another field printed in a pair (`ISLAM`, `WNI`, `KARYAWAN SWASTA`)."""
    if sum(c.isalpha() for c in text) < _NAME_LETTERS or max(len(w.text.strip(".")) for w in side) < 2:
        return False
    return not any(norm.vocabulary_graded(kind, text).value for kind in _OTHER_VALUES)
