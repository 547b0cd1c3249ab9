"""A rendered KK page with its table rules damaged the way real scans damage them, then scanned lightly.

    damage(png, kind, seed=) -> JPEG bytes
    KINDS                      the damage kinds, `scan` (rules intact) first
    rendered_kks(count, seed=, look=) -> [(name, synthetic.Rendered)]: KKs of three or more members to damage

The rules are found on the clean page by their shape (long thin runs of ink), not from the renderer,
so any layout can be damaged. Row rules are the horizontal rules strictly inside a table (not its top
or bottom edge). After the damage, every kind is scanned the same way: downscaled to 200-240 dpi, a
slight blur, JPEG at quality 60-75.
"""

from __future__ import annotations

import random

import cv2
import numpy as np

import core
import synthetic

KINDS = ("scan", "faint", "erased", "dashed", "doubled", "no_rules")
"""`scan` rules intact; `faint` row rules light grey; `erased` row rules white; `dashed` row rules broken
into dashes; `doubled` every row rule drawn twice a few pixels apart; `no_rules` every rule gone."""

_RENDER_DPI = 300


def damage(png: bytes, kind: str, *, seed: int) -> bytes:
    """The page (a clean 300-dpi PNG) with its rules damaged by `kind`, scanned: JPEG bytes."""
    if kind not in KINDS:
        raise ValueError(f"unknown damage {kind!r}: use one of {KINDS}")
    rng = random.Random(f"{kind}-{seed}")
    gray = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    horizontal, vertical = _rules(gray)
    # A faint or broken row rule leaves the vertical rules it crosses as they were printed.
    rows = _row_rules(horizontal) & ~vertical
    out = gray.copy()
    if kind == "faint":
        out[rows] = np.maximum(out[rows], rng.randint(195, 225))
    elif kind == "erased":
        out[rows] = 255
    elif kind == "dashed":
        _dash(out, rows, rng)
    elif kind == "doubled":
        out[np.roll(rows, rng.randint(5, 9), axis=0)] = 0
    elif kind == "no_rules":
        out[horizontal | vertical] = 255
    return _scan(out, rng)


def rendered_kks(count: int, *, seed: int, look: str = "plain") -> list[tuple[str, synthetic.Rendered]]:
    """`count` rendered KKs of `synthetic.population(families=40, seed=seed)`'s families with at least three
    members, the current and the old layout in turn; named `<No. KK>-<layout>`. `look` is `plain`,
    `varied` or `heldout` (the renderer's fonts and geometry kept out of development)."""
    doc = synthetic.population(families=40, seed=seed)
    families = [f for f in (core.Family.from_dict(d) for d in doc["keluarga"]) if len(f.anggota) >= 3][:count]
    out = []
    for i, family in enumerate(families):
        layout = ("current", "old")[i % 2]
        out.append((f"{family.no_kk}-{layout}", synthetic.render_kk(family, seed=seed * 1000 + i, layout=layout,
                                                                        varied=look == "varied",
                                                                        heldout=look == "heldout")))
    return out


def _rules(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of horizontal and vertical rules: runs of ink far longer than any glyph."""
    ink = (gray < 160).astype(np.uint8)
    long = _RENDER_DPI  # an inch
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long // 4)))
    # A rule's anti-aliased edge is lighter than the threshold: take one pixel either side too.
    grow = np.ones((3, 3), np.uint8)
    return (cv2.dilate(horizontal, grow) > 0) & (gray < 250), (cv2.dilate(vertical, grow) > 0) & (gray < 250)


def _row_rules(horizontal: np.ndarray) -> np.ndarray:
    """The horizontal rules between two rows of a table: all but the first and last of each run of rules
    (a table's edges), runs split where the gap between rules is far larger than a row."""
    ys = np.flatnonzero(horizontal.sum(axis=1) > 0)
    if len(ys) == 0:
        return np.zeros_like(horizontal)
    groups = np.split(ys, np.flatnonzero(np.diff(ys) > 1) + 1)  # one group of rows per rule
    centres = [int(g.mean()) for g in groups]
    tables: list[list[int]] = [[0]]
    for i in range(1, len(groups)):
        if centres[i] - centres[i - 1] > 3 * _RENDER_DPI // 4:
            tables.append([])
        tables[-1].append(i)
    keep = np.zeros_like(horizontal)
    for table in tables:
        for i in table[1:-1]:
            keep[groups[i]] = horizontal[groups[i]]
    return keep


def _dash(image: np.ndarray, rows: np.ndarray, rng: random.Random) -> None:
    """Row rules kept only in dashes: every stretch of 20-60 px, a gap of 15-50 px (like a worn printer)."""
    x, width = 0, image.shape[1]
    gaps = np.zeros(width, dtype=bool)
    while x < width:
        x += rng.randint(20, 60)
        end = x + rng.randint(15, 50)
        gaps[x:end] = True
        x = end
    image[rows & gaps[None, :]] = 255


def _scan(gray: np.ndarray, rng: random.Random) -> bytes:
    dpi = rng.randint(200, 240)
    factor = dpi / _RENDER_DPI
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.4, 0.8))
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(60, 75)])
    assert ok
    return jpeg.tobytes()
