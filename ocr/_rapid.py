"""RapidOCR at its seam: PP-OCRv4 text detection and recognition on onnxruntime, the second engine.

    line_boxes(image) -> [BBox]: the text lines RapidOCR's detector finds in a normalized page image (2-D
        uint8), in that image's pixels, top to bottom (detection only: no recognition)
    read_words(image) -> (Word, ...): detection and RapidOCR's own recognition, each line cut into words
    words_from_lines(lines) -> (Word, ...): the same from (box, text, score) lines (the unit-tested part)
    loaded() -> bool: whether this process holds the sessions already

Only this module imports `rapidocr_onnxruntime`. The models ship inside its wheel: nothing is downloaded.
The sessions (detection and recognition; the direction classifier is not used, pages are upright by
then) load once per process, on first use, with one onnxruntime thread each (`intra_op_num_threads=1`,
`inter_op_num_threads=1`): like one Tesseract worker, so that a cage's CPU is what it was sized for. A
caged reader (`_cage`) keeps them loaded for the reads it serves.

Confidence: RapidOCR's line score (0..1, the recognizer's mean character probability) is no
Tesseract word confidence, and it runs high on misreads too; a word's confidence is the score, at
most `SCORE_CAP`, which `_confidence.score` calibrates to `_confidence.DISPUTED`: a value only this engine
read is never `SURE` on its own (the page's checks, a NIK agreeing with its row, may still raise it).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import cv2
import numpy as np

import core

from ._confidence import CALIBRATION, DISPUTED
from ._model import BBox, Word

DETECTION_SIDE = 1600
"""The page image is scaled down to at most this many pixels on its longer side for detection alone
(RapidOCR's `max_side_len`): the detector's cost grows with the area (on a KK page under load, 1.5 CPU-s
at 2000, 0.9 at 1600, 0.5 at 1280), and at 1600 a normalized page's text is still 10-20 pixels tall."""
SCORE_CAP = next(raw for raw, calibrated in CALIBRATION if calibrated >= DISPUTED)
"""The most a word of this engine may claim as raw confidence: what `_confidence` calibrates to `DISPUTED`."""
UNCLIP_RATIO = 1.6
"""The detector grows each text region by this ratio (RapidOCR's `Det.unclip_ratio`): the margin taken off
again so that a word's box is its ink, as Tesseract's are (row and column logic compares heights)."""

_NARROW = frozenset("iljtfrI1.,:;'!|()[]/-")
_WIDE = frozenset("MWmw@%")

_lock = threading.Lock()
_engine: Any = None


def loaded() -> bool:
    return _engine is not None


def _rapidocr() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as e:
                raise core.ConfigurationError("rapidocr-onnxruntime is not installed (requirements-lock.txt)") from e
            _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False,
                               print_verbose=False, max_side_len=DETECTION_SIDE)
        return _engine


def line_boxes(image: np.ndarray) -> list[BBox]:
    """The text lines the detector finds, as upright boxes in the image's pixels, top to bottom (with the
    detector's margin around the ink: a crop of one holds the whole line)."""
    height, width = image.shape[:2]
    scale = min(1.0, DETECTION_SIDE / max(height, width))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    try:
        result, _ = _rapidocr()(np.ascontiguousarray(small), use_cls=False, use_rec=False)
    except core.CapilError:
        raise
    except Exception as e:  # onnxruntime's own errors have no common base
        raise core.UnreadableDocument(f"second engine failed: {type(e).__name__}") from e
    boxes = []
    for quad in result or []:
        xs, ys = [p[0] / scale for p in quad], [p[1] / scale for p in quad]
        box = (max(0, int(min(xs))), max(0, int(min(ys))), min(width, int(max(xs)) + 1), min(height, int(max(ys)) + 1))
        if box[2] - box[0] > 2 and box[3] - box[1] > 2:
            boxes.append(box)
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def read_words(image: np.ndarray) -> tuple[Word, ...]:
    """Every word RapidOCR finds in a normalized page image, in that image's pixels."""
    try:
        result, _ = _rapidocr()(np.ascontiguousarray(image), use_cls=False)
    except core.CapilError:
        raise
    except Exception as e:  # onnxruntime's own errors have no common base
        raise core.UnreadableDocument(f"second engine failed: {type(e).__name__}") from e
    return words_from_lines((box, text, float(score)) for box, text, score in result or [])


def words_from_lines(lines: Iterable[tuple[Sequence[Sequence[float]], str, float]]) -> tuple[Word, ...]:
    """Words from text lines: each line's quadrilateral (its four corners) taken as its upright box, the
    detector's margin taken off, its text cut at spaces and its width shared out by character widths."""
    words: list[Word] = []
    for box, text, line_score in lines:
        text = " ".join(unicodedata.normalize("NFKC", text).split())
        if not text:
            continue
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        margin = (y1 - y0) * (1 - 1 / (1 + UNCLIP_RATIO)) / 2
        x0, x1 = x0 + margin, max(x0 + margin + 1, x1 - margin)
        y0, y1 = y0 + margin, max(y0 + margin + 1, y1 - margin)
        confidence = round(max(0.0, min(SCORE_CAP, line_score)), 3)
        words += _cut(text, x0, x1, round(y0), round(y1), confidence)
    return tuple(words)


def _cut(text: str, x0: float, x1: float, y0: int, y1: int, confidence: float) -> list[Word]:
    widths = [_width(c) for c in text]
    scale = (x1 - x0) / sum(widths)
    words, start, at = [], 0, x0
    for i, c in enumerate([*text, " "]):
        if c == " ":
            if i > start:
                end = at
                left = x0 + sum(widths[:start]) * scale
                words.append(Word(text[start:i], confidence, (round(left), y0, max(round(left) + 1, round(end)), y1)))
            start = i + 1
        if i < len(widths):
            at += widths[i] * scale
    return words


def _width(c: str) -> float:
    """A character's width in a proportional font, in a third of an em (roughly)."""
    if c == " ":
        return 0.6
    if c in _NARROW:
        return 0.5
    if c in _WIDE or c.isupper():
        return 1.25
    return 1.0
