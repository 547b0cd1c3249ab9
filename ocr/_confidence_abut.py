"""The `abut` signal of `_confidence_page.understood`: two free-text values side by side on one line whose
boxes all but touch, so that where one ends and the next begins is the reader's guess (a text layer that
joins two cells' words, `PANJAITANYOHANA`, gives the second cell's first word to the first).

    abutting(cells) -> [(key, holder, name)]
    gapped(cells, pages) -> [(key, holder, name)]   a value with a column's gap between two of its words (`gap`)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import core

from ._confidence import SURE, faint
from ._confidence_shape import PERSON_NAMES, PLACES
from ._model import Page

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
        assert value.bbox is not None  # sure_free_text yields only boxed values
        x0, y0, x1, y1 = value.bbox
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


COLUMN_GAP = 2.0
"""Gap between two words of one value on one line, in line heights, beyond which they are two cells' words (a
word space is a third of a height; two words further apart than two heights were never printed as one value)."""


def sure_free_text(cells: list[tuple[str, dict[str, core.FieldValue], str]], pages: Sequence[Page],
                   ) -> Iterator[tuple[str, dict[str, core.FieldValue], str, core.FieldValue, Page]]:
    """Each cell holding a sure free-text value (`FREE_TEXT`, at least `SURE`) with its box, and the page it is on:
    the values the signals about where a value ends (`gapped`, `_confidence_stray.strays`) look at."""
    by_number = {page.number: page for page in pages}
    for key, holder, name in cells:
        value = holder[name]
        page = by_number.get(value.page) if value.page is not None else None
        if name in FREE_TEXT and value.value and value.confidence >= SURE and value.bbox is not None and page:
            yield key, holder, name, value, page


def gapped(cells: list[tuple[str, dict[str, core.FieldValue], str]], pages: Sequence[Page],
           ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """Sure free-text values (`FREE_TEXT`) two of whose words (with a letter or digit, not `faint`: a rule's
    dash is no word), side by side on one line of the page, are more than `COLUMN_GAP` line heights apart: the value ran across a column's gap into the next cell (`ARIFIN
    NURHAEDAH`, a wrapped father's last word taken with the mother's name), so where it begins or ends was
    guessed."""
    out = []
    for key, holder, name, value, page in sure_free_text(cells, pages):
        assert value.bbox is not None  # sure_free_text yields only boxed values
        x0, y0, x1, y1 = value.bbox
        inside = sorted((w for w in page.words if any(c.isalnum() for c in w.text) and not faint(w.confidence)
                         and x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1),
                        key=lambda w: w.bbox[0])
        for i, word in enumerate(inside):
            _a0, b0, a1, b1 = word.bbox
            beside = [w for w in inside[i + 1:] if min(b1, w.bbox[3]) - max(b0, w.bbox[1])
                      >= min(b1 - b0, w.bbox[3] - w.bbox[1]) / 2]
            height = min(b1 - b0, *(w.bbox[3] - w.bbox[1] for w in beside[:1])) if beside else 0
            if beside and height > 0 and beside[0].bbox[0] - a1 > COLUMN_GAP * height:
                out.append((key, holder, name))
                break
    return out
