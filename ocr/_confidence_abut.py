"""The `abut` signal of `_confidence_page.understood`: two free-text values side by side on one line whose
boxes all but touch, so that where one ends and the next begins is the reader's guess (a text layer that
joins two cells' words, `PANJAITANYOHANA`, gives the second cell's first word to the first).

    abutting(cells) -> [(key, holder, name)]
"""

from __future__ import annotations

import core

from ._confidence import SURE
from ._confidence_shape import PERSON_NAMES, PLACES

FREE_TEXT = PERSON_NAMES | PLACES | frozenset({"alamat", "suami.alamat", "istri.alamat"})
"""Fields whose value is free text (no vocabulary, no structure): where such a value ends, only the space
between it and the next one tells."""
_NEAREST = 0.25
"""Gap between two values' boxes, in line heights, below which no space parts them (a word space is about a
third of the height)."""


def abutting(cells: list[tuple[str, dict[str, core.FieldValue], str]],
             ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """Sure free-text values (`FREE_TEXT`) of different fields on one line of one page, whose boxes are parted
    by less than `_NEAREST` of the line's height (or overlap), each with the other free-text value beside it:
    both, since either may hold the other's words. Two parts of one printed value (an RT/RW, a place and date
    of birth) share their box and are not counted."""
    free = [(key, holder, name) for key, holder, name in cells
            if name in FREE_TEXT and holder[name].value and holder[name].bbox is not None]
    out = []
    for key, holder, name in free:
        value = holder[name]
        if value.confidence < SURE:
            continue
        x0, y0, x1, y1 = value.bbox  # type: ignore[misc]
        for other_key, other_holder, other_name in free:
            other = other_holder[other_name]
            if other_key == key or other.page != value.page or other.bbox == value.bbox:
                continue
            a0, b0, a1, b1 = other.bbox  # type: ignore[misc]
            height = min(y1 - y0, b1 - b0)
            if height <= 0 or min(y1, b1) - max(y0, b0) < height / 2:
                continue  # not on one line
            gap = max(a0 - x1, x0 - a1)
            if -height < gap < _NEAREST * height:
                out.append((key, holder, name))
                break
    return out
