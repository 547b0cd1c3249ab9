"""What the readers pass between them: words with boxes, and pages made of them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ._geometry import Transform

BBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    """One word as read by Tesseract or taken from a PDF text layer, in page-image pixels."""

    text: str
    confidence: float
    """0..1; 1.0 for text-layer words."""
    bbox: BBox

    @property
    def x0(self) -> int:
        return self.bbox[0]

    @property
    def x1(self) -> int:
        return self.bbox[2]

    @property
    def height(self) -> int:
        return self.bbox[3] - self.bbox[1]

    @property
    def cx(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def cy(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


@dataclass(frozen=True)
class Grid:
    """A ruled table: the x of its vertical rules and the y of its horizontal rules, in page pixels."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cells(self, row: int) -> list[tuple[int, int, int, int]]:
        y0, y1 = self.ys[row], self.ys[row + 1]
        return [(self.xs[i], y0, self.xs[i + 1], y1) for i in range(len(self.xs) - 1)]

    @property
    def rows(self) -> int:
        return len(self.ys) - 1


def row_rules(xs: list[int], ys: list[int], covered: Callable[[int, int, int], float]) -> list[int]:
    """The horizontal rules that bound whole table rows.

    A grouped column header (`DOKUMEN IMIGRASI` over `No. Paspor | No. KITAP`)
    draws a rule under its label across some columns only; that rule divides
    the header cell, not the table, so it is dropped. `covered(y, x0, x1)` is
    the share of [x0, x1) inked by the rule at `y`. A row rule may be faded in
    places, but it does not leave whole columns out.
    """
    spans = list(itertools.pairwise(xs))
    return [y for y in ys
            if sum(covered(y, x0, x1) < _UNRULED for x0, x1 in spans) <= max(0, len(spans) // 10)
            or y in (ys[0], ys[-1])]


_UNRULED = 0.15
"""A column whose share under a rule is below this is not crossed by it."""


@dataclass(frozen=True)
class Page:
    """One page: the words found on it, where, and how it was turned into the normalized page image."""

    number: int
    """1-based."""
    image: np.ndarray | None
    """The normalized page image (grayscale) that words and boxes refer to; None for a text-layer page,
    whose boxes refer to the page rendered at the PDF dpi (`ocr.page_images` renders it)."""
    words: tuple[Word, ...]
    source: str
    """`ocr` or `text_layer`."""
    grids: tuple[Grid, ...] = ()
    """Ruled tables found on the page image, top to bottom."""
    transform: Transform = field(default_factory=Transform)
    """Upload pixels -> normalized page image pixels (identity for text-layer pages)."""
    lang: str = "ind"
    """Tesseract language(s) the page was read with, for second readings of single cells."""

    def words_in(self, box: BBox) -> list[Word]:
        """The words whose centre (`Word.cx`, `Word.cy`) lies inside `box`, edges included, in page order."""
        x0, y0, x1, y1 = box
        cx, cy = self._centres
        return [self.words[i] for i in np.flatnonzero((x0 <= cx) & (cx <= x1) & (y0 <= cy) & (cy <= y1))]

    @functools.cached_property
    def _centres(self) -> tuple[np.ndarray, np.ndarray]:
        boxes = np.array([w.bbox for w in self.words], dtype=np.float64).reshape(-1, 4)
        return (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2


def union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
