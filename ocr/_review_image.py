"""A page image as kept for the verifikator's review: grayscale, scaled down, few grey levels, PNG."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

import core

GREY_LEVELS = 32
"""Stored pages keep 32 grey levels (black and white exact): no visible change to print, but a
scanner's grain then compresses (the synthetic KK "scan" page: 863 KB -> 211 KB at 1600 px)."""
_GREY_LEVELS = (np.arange(256) // (256 // GREY_LEVELS) * 255 // (GREY_LEVELS - 1)).astype(np.uint8)
"""Equal bins of 8 values; the top bin (paper, 248..255) becomes white, the bottom one black."""
_PNG = [cv2.IMWRITE_PNG_COMPRESSION, 6, cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_RLE]
"""zlib's run-length strategy: with 32 levels a page is long runs of white and black, and RLE encodes them
smaller than the default strategy (323 against 339 KB a 1600-px page) in a quarter of its CPU (0.03 against
0.13 s; 12 synthetic pages, loaded machine, issue #17). The pixels are the same: PNG is lossless."""


@dataclass(frozen=True)
class ReviewImage:
    png: bytes
    scale: float
    """Stored pixels per page pixel (≤ 1): a `bbox` on the page times `scale` lands on `png`."""
    page_size: tuple[int, int]
    """(width, height) of the page image the boxes refer to."""
    stored_size: tuple[int, int]
    """(width, height) of `png`."""


def review_image(page: bytes | np.ndarray, *, max_width: int) -> ReviewImage:
    """The page as stored for review: grayscale, at most `max_width` wide (never scaled up),
    `GREY_LEVELS` levels, PNG. `page` is PNG (or any image OpenCV decodes) or the page's pixels
    (`ocr.Reading.page_pixels`: no full-size PNG encoded and decoded again on the way, issue #17).
    Raises `core.UnreadableDocument` when `page` does not decode."""
    image: np.ndarray | None
    if isinstance(page, np.ndarray):
        image = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    else:
        image = cv2.imdecode(np.frombuffer(page, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None or image.size == 0:
        raise core.UnreadableDocument("page image does not decode")
    height, width = image.shape[:2]
    scale = min(1.0, max_width / width)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    image = cv2.LUT(image, _GREY_LEVELS)
    ok, encoded = cv2.imencode(".png", image, _PNG)
    if not ok:
        raise core.UnreadableDocument("page image cannot be encoded")
    stored_height, stored_width = image.shape[:2]
    return ReviewImage(encoded.tobytes(), stored_width / width, (width, height), (stored_width, stored_height))
