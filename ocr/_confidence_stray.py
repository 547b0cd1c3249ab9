"""The `stray` signal of `_confidence_page.understood`: a free-text value with a word beside it on its line, a
word space away, that no value and no label took. The value's words run on into it, so where the value
begins or ends was cut short (`HAMZAH` read from `LA ODE HAMZAH`, the column's edge placed inside the name),
or it is the next cell's first word; either way the reader guessed the value's extent. Closer still, right
after the value's last letter (`TOUCHING`), any unclaimed mark counts, however short or faint: the rest of the
value's last word read as a blot (`SUPRIYAN` and a `0` at 0.48 for `SUPRIYANTO`).

    strays(cells, pages) -> [(key, holder, name)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import core

from ._confidence import faint
from ._confidence_abut import sure_free_text
from ._confidence_shape import label_word
from ._model import Page

WORD_SPACE = 1.2
"""Gap beside a value, in line heights, within which a word is part of the same run of text (a word space
is under one height; the gap between two columns is wider)."""
_FEWEST_LETTERS = 3
"""Letters a stray word has at least: shorter ones are specks, sex codes (`LK`) and row numbers."""
TOUCHING = 0.3
"""Gap after a value's box, in line heights, within which any unclaimed mark with a letter or digit is the
value's own last word running on, whatever Tesseract made of it."""


def strays(cells: list[tuple[str, dict[str, core.FieldValue], str]], pages: Sequence[Page],
           ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """Sure free-text values (`FREE_TEXT`) with a mark of any letter or digit less than `TOUCHING` line heights
    after their box, or a word of `_FEWEST_LETTERS` letters or more, read at
    `FAINT_WORD` or better (`faint`: below it a word is garbled, `ptRtuPtAN`, a small `PEREMPUAN` of the next
    column), on their line less than `WORD_SPACE` line heights before or after their box, that
    lies in no value's box and is no word of the vocabulary's wordings (`label_word`: a label, its English, a
    title, a phrase, or one letter off one, `Jurusam`)."""
    boxes: list[tuple[int | None, tuple[int, int, int, int]]] = [
        (v.page, v.bbox) for v in (holder[name] for _, holder, name in cells)
        if v.value is not None and v.bbox is not None]
    out = []
    for key, holder, name, value, page in sure_free_text(cells, pages):
        assert value.bbox is not None  # sure_free_text yields only boxed values
        x0, y0, x1, y1 = value.bbox
        height = y1 - y0
        for word in page.words:
            a0, b0, a1, b1 = word.bbox
            if height <= 0 or not any(c.isalnum() for c in word.text):
                continue
            if min(y1, b1) - max(y0, b0) < min(height, b1 - b0) / 2:
                continue  # not on the value's line
            touching = 0 <= a0 - x1 < TOUCHING * height
            if not touching and (len(re.sub(r"[^A-Za-z]", "", word.text)) < _FEWEST_LETTERS
                                 or faint(word.confidence) or not 0 <= max(a0 - x1, x0 - a1) < WORD_SPACE * height):
                continue
            cx, cy = (a0 + a1) / 2, (b0 + b1) / 2
            if any(p == value.page and b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for p, b in boxes):
                continue  # another value's word (or this one's)
            parts = [part for part in re.split(r"[^A-Za-z]+", word.text.upper()) if part]
            if parts and all(label_word(part, every=True, slip=True) for part in parts):
                continue
            out.append((key, holder, name))
            break
    return out
