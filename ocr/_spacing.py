"""Names read without a space the page prints: a value in the `SURE` band whose own pixels show more word
breaks than it has spaces, or a name particle glued to the next word (`WA ASRIA` read `WAASRIA`), is
capped at `DISPUTED`, for a second look.

    cap_unspaced(pages, fields, anggota) -> (fields, anggota) with such names capped

A break is an ink-free run of columns inside the value's box at least `WORD_BREAK` of the box's height
wide (`_image.blank_gaps`). Measured on the synthetic corpus (tuning families and development families,
74 names read from images): spaces between words 0.29-0.56 of the height (one at 0.19), gaps inside a
word up to 0.31 (a few above). Text-layer values carry the PDF's own spaces and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

import core

from ._confidence import DISPUTED, SURE
from ._fields import capped
from ._image import blank_gaps
from ._model import Page

_GLUED_PARTICLE = re.compile(r"\b(?:LA|WA)(?:ODE|A[A-Z])")
"""The name particles of Buton and Muna (`LA`, `WA`, `LA ODE`, `WA ODE`) glued to the next word: `LAODE`,
`WAASRIA`, `LAARSYAD`. Between two `A`s the columns never clear (the letters' slants overlap), so
the pixels cannot show that break; no Indonesian name word begins `LAA`, `WAA` or `LAODE`."""
WORD_BREAK = 0.3
"""A gap this share of the value's height wide breaks two printed words."""
_NAMES = frozenset({"nama_lengkap", "nama_kepala_keluarga", "nama_orang_tua", "nama_ayah", "nama_ibu"})


def cap_unspaced(pages: Sequence[Page], fields: dict[str, core.FieldValue],
                 anggota: Sequence[dict[str, core.FieldValue]],
                 ) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]:
    by_number = {page.number: page for page in pages}
    return (_capped(by_number, fields), tuple(_capped(by_number, row) for row in anggota))


def _capped(pages: dict[int, Page], values: dict[str, core.FieldValue]) -> dict[str, core.FieldValue]:
    return {key: capped(value, DISPUTED) if key.rsplit(".", 1)[-1] in _NAMES and _unspaced(pages, value)
            else value for key, value in values.items()}


def _unspaced(pages: dict[int, Page], value: core.FieldValue) -> bool:
    if not isinstance(value.value, str) or value.confidence < SURE:
        return False
    if _GLUED_PARTICLE.search(value.value):
        return True
    if value.bbox is None or value.page is None:
        return False
    page = pages.get(value.page)
    if page is None or page.image is None:
        return False
    breaks = sum(g >= WORD_BREAK for g in blank_gaps(np.asarray(page.image), value.bbox))
    return breaks > value.value.count(" ")
