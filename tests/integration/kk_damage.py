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

KINDS = ("scan", "faint", "erased", "dashed", "doubled", "no_rules", "ghost", "tight", "shifted", "struck", "skewed", "coarse")
"""`scan` rules intact; `faint` row rules light grey; `erased` row rules white; `dashed` row rules broken
into dashes; `doubled` every row rule drawn twice a few pixels apart; `no_rules` every rule gone;
`ghost` every rule, row and column, all but invisible; `shifted` row rules printed a quarter to a third of
a row lower, grazing the tops of the text (a form printed out of register); `struck` the same, through
the text's lower half; `tight` the white between the member rows cut
to a few pixels (rows barely taller than their text) and the row rules faint; `skewed` row rules erased and the page turned
about a degree; `coarse` row rules faint and broken, scanned at 150-170 dpi, JPEG 50-60."""

_RENDER_DPI = 300


def damage(png: bytes, kind: str, *, seed: int) -> bytes:
    """The page (a clean 300-dpi PNG) with its rules damaged by `kind`, scanned: JPEG bytes."""
    if kind not in KINDS:
        raise ValueError(f"unknown damage {kind!r}: use one of {KINDS}")
    rng = random.Random(f"{kind}-{seed}")
    gray = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert gray is not None, "not a PNG"
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
    elif kind == "ghost":
        out[horizontal | vertical] = np.maximum(out[horizontal | vertical], rng.randint(238, 246))
    elif kind in ("shifted", "struck"):
        share = rng.randint(25, 32) if kind == "shifted" else rng.randint(55, 70)
        out[rows] = 255
        out[np.roll(rows, _pitch(rows) * share // 100, axis=0) & ~vertical] = 0
    elif kind == "tight":
        out[rows] = np.maximum(out[rows], rng.randint(200, 225))
        out = _tightened(out, horizontal | vertical, rows, keep=rng.randint(3, 6))
    elif kind == "skewed":
        out[rows] = 255
        out = _turned(out, rng.choice((-1, 1)) * rng.uniform(0.7, 1.2))
    elif kind == "coarse":
        _dash(out, rows, rng)
        out[rows] = np.maximum(out[rows], rng.randint(190, 215))
        return _scan(out, rng, dpi=(150, 170), quality=(50, 60))
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


def _pitch(rows: np.ndarray) -> int:
    """The usual distance between two row rules (pixels)."""
    ys = np.flatnonzero(rows.any(axis=1))
    starts = ys[np.flatnonzero(np.diff(ys, prepend=-10) > 1)]
    gaps = np.diff(starts)
    return int(np.median(gaps)) if len(gaps) else 60


def _tightened(gray: np.ndarray, rules: np.ndarray, rows: np.ndarray, *, keep: int) -> np.ndarray:
    """The page with every run of blank pixel rows inside a table's body (rules aside) cut to `keep`
    rows either side of its row rule, and white added at the bottom to keep the page's size."""
    ys = np.flatnonzero(rows.any(axis=1))
    if len(ys) == 0:
        return gray
    pitch = _pitch(rows)
    blank = ((gray < 160) & ~rules).sum(axis=1) == 0
    groups = np.split(ys, np.flatnonzero(np.diff(ys) > 1) + 1)
    body = np.zeros(len(gray), dtype=bool)
    for g in groups:  # each row rule and a row pitch either side of it
        body[max(0, g[0] - pitch):g[-1] + pitch] = True
    drop = np.zeros(len(gray), dtype=bool)
    y = 0
    while y < len(gray):
        if not (blank[y] and body[y]):
            y += 1
            continue
        end = y
        while end < len(gray) and blank[end] and body[end]:
            end += 1
        run = np.arange(y, end)
        ruled = run[rows[run].any(axis=1)]
        near = (np.abs(run[:, None] - ruled[None, :]).min(axis=1) <= keep) if len(ruled) else (
            (run - y < keep) | (end - 1 - run < keep))
        drop[run[~near]] = True
        y = end
    kept = gray[~drop]
    return np.vstack([kept, np.full((int(drop.sum()), gray.shape[1]), 255, np.uint8)])


def _turned(gray: np.ndarray, degrees: float) -> np.ndarray:
    height, width = gray.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(gray, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _scan(gray: np.ndarray, rng: random.Random, *, dpi: tuple[int, int] = (200, 240),
          quality: tuple[int, int] = (60, 75)) -> bytes:
    factor = rng.randint(*dpi) / _RENDER_DPI
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.4, 0.8))
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(*quality)])
    assert ok
    return jpeg.tobytes()
