"""From bytes to pages of words: sniff, limit, decode or rasterize, preprocess, Tesseract."""

from __future__ import annotations

import numpy as np

from . import _image, _pdf, _tesseract
from ._model import Grid, Page, Word
from ._sniff import FileKind, sniff

PDF_DPI = 300
_INK_FRACTION_BLANK = 0.0005
"""Below this share of dark pixels a page is blank and not worth a Tesseract run."""


def read_pages(data: bytes, *, lang: str) -> list[Page]:
    """Every page of the file with its words and ruled tables (errors from core's tree)."""
    kind = sniff(data)
    if kind is FileKind.PDF:
        pdf_pages = _pdf.read_pdf(data, dpi=PDF_DPI, max_pages=_image.MAX_PAGES, max_pixels=_image.MAX_PIXELS)
        return [_page(i + 1, p.image, lang=lang, text_layer=p.words) for i, p in enumerate(pdf_pages)]
    return [_page(i + 1, gray, lang=lang) for i, gray in enumerate(_image.decode_pages(data))]


def _page(number: int, gray: np.ndarray, *, lang: str, text_layer: tuple[Word, ...] = ()) -> Page:
    binary = _image.binarize(gray)
    grids = tuple(_image.find_grids(binary))
    if text_layer:
        return Page(number, gray, text_layer, "text_layer", grids)
    if (binary < 128).mean() < _INK_FRACTION_BLANK:
        return Page(number, gray, (), "ocr", grids)
    return Page(number, gray, tuple(_ocr(binary, grids, lang=lang)), "ocr", grids)


def _ocr(binary: np.ndarray, grids: tuple[Grid, ...], *, lang: str) -> list[Word]:
    """The page read as running text, then each ruled table read again as sparse cells.

    Line-oriented segmentation merges the stacked two-line column headers of
    neighbouring cells into nonsense; sparse-text mode (psm 11) reads each cell
    on its own, so table regions take their words from that second pass.
    """
    cleaned = _image.without_graphics(_image.without_rules(binary))
    words = _tesseract.read_words(cleaned, lang=lang, psm=3)
    for grid in grids:
        x0, y0, x1, y1 = (int(v) for v in grid.bbox)
        words = [w for w in words if not (x0 <= w.cx <= x1 and y0 <= w.cy <= y1)]
        crop = cleaned[y0:y1, x0:x1]
        for w in _tesseract.read_words(crop, lang=lang, psm=11):
            a, b, c, d = w.bbox
            words.append(Word(w.text, w.confidence, (a + x0, b + y0, c + x0, d + y0)))
    return words
