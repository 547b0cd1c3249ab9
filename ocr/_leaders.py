"""Dotted leader lines: the rows of dots a form prints for values to be typed or written onto.

    without_leaders(page) -> Page | None: the page read again with its leader dots painted out, or None
        when it has too few leaders to matter (or no image)

Tesseract reads a value typed onto a dotted line as the value glued to
`....`, `:::` or `,,,`, or drops the line's last words and whole dates in the
dots' noise (`tanggal 17-11-2023` on a leader gone, `WNI` lost). A leader is a
run of many small blobs of about one size, evenly spaced along one height;
letters, a period, a colon or an ellipsis of three are no such run. The dots
are painted white on the page image, and the page is read again from that
image, so that the value crops read later (`_cells.reread`) are clean too.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

from . import _image
from ._model import Page
from ._read import _read_normalized

_DOT = 0.3
"""A leader dot is at most this share of the body text's height, wide and tall."""
_RUN = 8
"""The fewest dots in a row that make a leader (an ellipsis has three)."""
_PITCH = (0.15, 1.2)
"""Least and most distance between neighbouring dots' centres, in body text heights."""
_LEADERS = 4
"""The fewest leaders on a page worth another reading of it (one Tesseract page run)."""


def without_leaders(page: Page) -> Page | None:
    """`page` read again from its image without leader dots; None if it has fewer than `_LEADERS`."""
    if page.image is None or page.source != "ocr":
        return None
    binary = _image.binarize(page.image)
    glyph = _image.text_height(binary)
    dots, runs = leader_dots(binary, glyph=glyph)
    if runs < _LEADERS:
        return None
    cleaned = page.image.copy()
    cleaned[dots] = 255
    return _read_normalized(page.number, cleaned, _image.binarize(cleaned), page.transform, glyph=glyph,
                            lang=page.lang)


def leader_dots(binary: np.ndarray, *, glyph: float) -> tuple[np.ndarray, int]:
    """A mask of the pixels of every leader's dots (black-on-white `binary`), and how many leaders."""
    ink = (binary < 128).astype(np.uint8)
    _, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero((stats[:, cv2.CC_STAT_WIDTH] <= _DOT * glyph)
                           & (stats[:, cv2.CC_STAT_HEIGHT] <= _DOT * glyph))
    small = small[small > 0]  # 0 is the background
    if small.size == 0:
        return np.zeros(binary.shape, bool), 0
    # Dots of one leader lie within a fraction of a glyph of one height: bucket by height, each bucket with
    # the next (a leader a little off the bucket's edge), left to right.
    band = _DOT * glyph
    buckets: dict[int, list[int]] = {}
    for i in small.tolist():
        buckets.setdefault(int(centres[i, 1] // band), []).append(i)
    chosen: set[int] = set()
    runs = 0
    low, high = _PITCH[0] * glyph, _PITCH[1] * glyph
    for key in sorted(buckets):
        row = sorted({*buckets[key], *buckets.get(key + 1, [])} - chosen, key=lambda i: centres[i, 0])
        run: list[int] = row[:1]
        for a, b in itertools.pairwise(row):
            if low <= centres[b, 0] - centres[a, 0] <= high and abs(centres[b, 1] - centres[a, 1]) < band:
                run.append(b)
                continue
            runs += _take(run, chosen, stats[:, cv2.CC_STAT_AREA])
            run = [b]
        runs += _take(run, chosen, stats[:, cv2.CC_STAT_AREA])
    if not chosen:
        return np.zeros(binary.shape, bool), 0
    return np.isin(labels, np.fromiter(chosen, dtype=np.int64)), runs


def _take(run: list[int], chosen: set[int], areas: np.ndarray) -> int:
    """Add a run long enough to be a leader to `chosen`, 1 if it was (else 0): only its dots of the leader's
    size, not a typed period or a colon's dot that stands among them (several times a leader dot's ink)."""
    if len(run) < _RUN:
        return 0
    typical = float(np.median(areas[run]))
    chosen.update(i for i in run if areas[i] <= _LARGER * typical)
    return 1


_LARGER = 2.0
"""A blob in a leader's row with more than this many times its typical dot's ink is a period or a colon."""
