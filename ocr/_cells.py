"""A second, closer reading of table cells the first pass got wrong or missed.

Sparse-text mode over a whole table drops lone letters (blood group `O`) and
now and then garbles a number. Cells that need another look are cut out of
the normalized page image (gray, with what is left of their rules and any
dots inside zeros whitened), stacked into one column with white between
them and read in a single Tesseract run as a block of one-line cells
(psm 6), optionally with a character whitelist.
One call for many cells keeps the per-call cost (a round trip to the
Tesseract worker, its layout pass) per page, not per cell. Words come back in
page coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import cv2
import numpy as np

from . import _image, _tesseract
from ._model import BBox, Page, Word

_INSET = 3
"""Pixels trimmed off each side of a cell so its ruled border is not read as `|` or `1`."""


NEUTRAL_LANG = "eng"
"""Tesseract model for what carries no language: numbers read again (`ind`'s model reads a lone leading
`7` of some fonts as `1`, 0.69 sure on a clean page, where `eng` reads it right, 0.89) and a KK's lone
blood-group letter."""


def neutral_lang(lang: str) -> str:
    """`NEUTRAL_LANG` when it is installed, else `lang` (the page's own model)."""
    return NEUTRAL_LANG if NEUTRAL_LANG in _tesseract.engine().languages else lang


def _without_borders(binary: np.ndarray) -> np.ndarray:
    """What is left of the cell's rules, whitened: unbroken runs of ink along the crop's edges.

    A rule is one long run; a row through a line of text is broken by the
    gaps between letters. Only rows and columns near the edges count: in a
    tight crop a glyph's stem runs nearly its full height, and whitening it
    cut `0` into `( )` and `7` into `/`.
    """
    ink = binary < 128
    height, width = ink.shape
    band = max(_INSET, height // 5)
    out = binary.copy()
    rows = np.array([*range(min(band, height)), *range(max(band, height - band), height)], dtype=np.intp)
    out[rows[_longest_runs(ink[rows]) >= _RULE_SHARE * width]] = 255
    columns = np.array([*range(min(band, width)), *range(max(band, width - band), width)], dtype=np.intp)
    out[:, columns[_longest_runs(ink[:, columns].T) >= _RULE_SHARE * height]] = 255
    return out


def _longest_runs(lines: np.ndarray) -> np.ndarray:
    """Per row of a 2-D boolean array, the length of its longest stretch of True."""
    index = np.arange(1, lines.shape[1] + 1)
    # Per position, the 1-based index of the last False at or before it (0 if none).
    last_gap = np.maximum.accumulate(np.where(lines, 0, index), axis=1)
    return (index - last_gap).max(axis=1, initial=0)


_RULE_SHARE = 0.85
"""An unbroken run of ink this share of the crop's width (or height) along an edge is a rule."""


def _cell_image(crop: np.ndarray) -> np.ndarray:
    """A cell's crop in gray, without what is left of its rules or dots inside zeros.

    Tesseract is handed the gray crop, not a binarized one: Otsu over a few
    words picks a threshold that swings with the crop's edges, and Tesseract's
    confidence in a clearly printed name swung with it (0.2 to 0.87 for the
    same word on a photo); its own thresholding of the gray crop is steadier.
    """
    _, binary = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # A cell holds one line of text: its height bounds a glyph's.
    kept = _image.without_counter_dots(_without_borders(binary), glyph=binary.shape[0])
    erased = cv2.dilate(((kept > binary)).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out = crop.copy()
    out[erased] = 255
    return out


SecondReader = Callable[..., list[tuple[Word, ...]]]
"""`(page, cells, *, lang, whitelist) -> words per cell, in page coordinates`: what `reread` returns."""
_second_reader: ContextVar[SecondReader | None] = ContextVar("second_reader", default=None)


@contextmanager
def second_readings(reader: SecondReader) -> Iterator[None]:
    """Inside the block, `reader` gives the second readings of crops in place of Tesseract (for tests:
    the extractors' weighing of readings, without Tesseract). Pages without an image are never read again;
    `lang` is the page's (a reading with a `whitelist` of digits is made with `NEUTRAL_LANG` when installed)."""
    token = _second_reader.set(reader)
    try:
        yield
    finally:
        _second_reader.reset(token)


def reread(page: Page, cells: list[BBox], *, lang: str, whitelist: str | None = None,
           one_by_one: bool = False) -> list[tuple[Word, ...]]:
    """The words of each cell (in page coordinates), read again; empty tuples for a text-layer page.

    `one_by_one` reads each cell in a Tesseract run of its own as a single
    line (psm 7): dearer, but a lone letter that the block reading turns into
    nonsense (`O` -> `ke)`) is often read right on its own. A `whitelist`
    (only ever numbers: digits with the separators of a date, an RT/RW or an
    akta number, whose month may be in Roman numerals) is read with `NEUTRAL_LANG` (when installed).
    """
    if not cells or page.image is None:
        return [() for _ in cells]
    if (second_reader := _second_reader.get()) is not None:
        return second_reader(page, cells, lang=lang, whitelist=whitelist)
    if whitelist:
        lang = neutral_lang(lang)
    if one_by_one:
        return [_reread_alone(page.image, cell, lang=lang, whitelist=whitelist) for cell in cells]
    crops, origins = [], []
    for x0, y0, x1, y1 in cells:
        crop = page.image[y0 + _INSET:y1 - _INSET, x0 + _INSET:x1 - _INSET]
        if crop.size == 0:
            crop = np.full((10, 10), 255, np.uint8)
        crops.append(_cell_image(crop))
        origins.append((x0 + _INSET, y0 + _INSET))
    gap = max(c.shape[0] for c in crops)
    width = max(c.shape[1] for c in crops) + 2 * gap
    strip = np.full((sum(c.shape[0] + gap for c in crops) + gap, width), 255, dtype=np.uint8)
    tops, top = [], gap
    for crop in crops:
        strip[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
        tops.append(top)
        top += crop.shape[0] + gap
    found: list[list[Word]] = [[] for _ in cells]
    for w in _tesseract.read_words(strip, lang=lang, psm=6, whitelist=whitelist):
        index = max((i for i, t in enumerate(tops) if t - gap / 2 <= w.cy), default=0)
        dx, dy = origins[index][0] - gap, origins[index][1] - tops[index]
        a, b, c, d = w.bbox
        found[index].append(Word(w.text, w.confidence, (a + dx, b + dy, c + dx, d + dy)))
    return [tuple(sorted(words, key=lambda w: w.x0)) for words in found]


def _reread_alone(image: np.ndarray, cell: BBox, *, lang: str, whitelist: str | None) -> tuple[Word, ...]:
    x0, y0, x1, y1 = cell
    crop = image[y0 + _INSET:y1 - _INSET, x0 + _INSET:x1 - _INSET]
    if crop.size == 0:
        return ()
    crop = _cell_image(crop)
    pad = max(crop.shape[0], 20)
    padded = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    dx, dy = x0 + _INSET - pad, y0 + _INSET - pad
    words = _tesseract.read_words(padded, lang=lang, psm=7, whitelist=whitelist)
    return tuple(sorted((Word(w.text, w.confidence, (w.bbox[0] + dx, w.bbox[1] + dy, w.bbox[2] + dx, w.bbox[3] + dy))
                         for w in words if w.text.strip()), key=lambda w: w.x0))


def read_comb(page: Page, box: BBox, *, lang: str, whitelist: str) -> tuple[Word, ...] | None:
    """A number printed in a comb (one ruled box per digit, `No. |7|4|7|…`) read again with the comb's rules
    whitened, or None when `box` holds no comb (no page image, no rule above and below, fewer than
    `_COMB_TEETH` upright rules between them).

    Read with its rules, the comb is one word of digits and rules (`7141711101412171013lo|…`) that
    Tesseract is not sure of at all (0.0), however clear the print; with them whitened the digits stand
    alone. A rule above and below is what tells a comb's upright rules from the stems of `1`s and `7`s.
    """
    if page.image is None:
        return None
    if (second_reader := _second_reader.get()) is not None:
        return second_reader(page, [box], lang=neutral_lang(lang), whitelist=whitelist)[0]
    x0, y0, x1, y1 = box
    pad = max(6, (y1 - y0) // 3)
    top, left = max(0, y0 - pad), max(0, x0 - pad)
    crop = page.image[top:y1 + pad, left:x1 + pad]
    if crop.size == 0:
        return None
    _, binary = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = binary < 128
    ruled = np.flatnonzero(_longest_runs(ink) >= _RULE_SHARE * (x1 - x0))
    if len(ruled) < 2 or ruled[-1] - ruled[0] < (y1 - y0) // 2:
        return None
    inside = ink[ruled[0]:ruled[-1] + 1]
    upright = inside.mean(axis=0) >= _RULE_SHARE
    teeth = int(np.count_nonzero(upright[1:] & ~upright[:-1])) + int(upright[0])
    if teeth < _COMB_TEETH:
        return None
    # Each box's ink, set side by side at a print's letter spacing: spaced one per box, the digits are one
    # word to Tesseract that it gives no confidence at all (0.0), however clearly it reads them.
    band = crop[ruled[0] + 1:ruled[-1]].copy()
    band_ink = ink[ruled[0] + 1:ruled[-1]] & ~upright
    stippled = band_ink.mean(axis=1) >= _STIPPLE  # the rules' antialiased edges, read as rows of specks
    band[stippled], band_ink[stippled] = 255, False
    gap = max(2, band.shape[0] // 8)
    pieces = []
    for a, b in _free_runs(upright):
        edge = max(2, (b - a) // 10)  # the rules' antialiased sides
        a, b = a + edge, b - edge
        inked = np.flatnonzero(band_ink[:, a:b].any(axis=0))
        if len(inked):
            pieces += [band[:, a + inked[0]:a + inked[-1] + 1], np.full((band.shape[0], gap), 255, np.uint8)]
    if not pieces:
        return None
    out = np.hstack(pieces)
    out[out.shape[0] - 1:] = out[:1] = 255
    out = cv2.copyMakeBorder(out, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    words = _tesseract.read_words(out, lang=neutral_lang(lang), psm=7, whitelist=whitelist)
    text = "".join(w.text for w in words if w.text.strip())
    if not text:
        return ()
    return (Word(text, min(w.confidence for w in words if w.text.strip()), (x0, y0, x1, y1)),)


def _free_runs(ruled: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of False in a 1-D boolean array: the boxes between a comb's rules."""
    runs, start = [], None
    for i, rule in enumerate([*ruled.tolist(), True]):
        if not rule and start is None:
            start = i
        elif rule and start is not None:
            runs.append((start, i))
            start = None
    return runs


_STIPPLE = 0.25
"""A row inside a comb inked over this share of its width is a rule's edge: digits ink a tenth of it."""
_COMB_TEETH = 6
"""Upright rules between a rule above and one below that make a comb (a number of 16 boxes has 17)."""
