"""PDF input: the only module that imports pdfplumber.

Each page gives its text-layer words (positions converted to pixels of the
raster) and a raster at a known dpi, rendered by pdfplumber (pypdfium2), which
the service keeps for review and which image-only pages are OCR'd from.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

import core

from ._model import Word

# pdfminer/pypdfium2 raise many unrelated types for a broken file; these are the ones seen in practice.
_PDF_ERRORS = (PDFSyntaxError, ValueError, KeyError, TypeError, OSError)
MIN_TEXT_WORDS = 5
"""Fewer text-layer words than this and the page is treated as a scan."""


@dataclass(frozen=True)
class PdfPage:
    image: np.ndarray
    """Grayscale raster at `dpi`."""
    words: tuple[Word, ...]
    """Text-layer words in raster pixels; empty for image-only pages."""


def read_pdf(data: bytes, *, dpi: int, max_pages: int, max_pixels: int) -> list[PdfPage]:
    """Every page of a PDF; FileTooLarge over the page or pixel limit, UnsupportedFile if it won't parse."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > max_pages:
                raise core.FileTooLarge(f"{len(pdf.pages)} pages, limit {max_pages}")
            if not pdf.pages:
                raise core.UnreadableDocument("PDF has no pages")
            return [_page(page, dpi=dpi, max_pixels=max_pixels) for page in pdf.pages]
    except core.CapilError:
        raise
    except _PDF_ERRORS as e:
        raise core.UnsupportedFile("PDF cannot be parsed") from e


def _page(page: pdfplumber.page.Page, *, dpi: int, max_pixels: int) -> PdfPage:
    scale = dpi / 72
    if page.width * page.height * scale * scale > max_pixels:
        raise core.FileTooLarge(f"a PDF page at {dpi} dpi is over {max_pixels} pixels")
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    words = tuple(
        Word(text=w["text"], confidence=1.0,
             bbox=(round(w["x0"] * scale), round(w["top"] * scale), round(w["x1"] * scale), round(w["bottom"] * scale)))
        for w in raw if w["text"].strip()
    )
    image = page.to_image(resolution=dpi).original.convert("L")
    return PdfPage(image=np.asarray(image), words=words if len(words) >= MIN_TEXT_WORDS else ())
