"""From the bytes of a scan or PDF to a `core.Extraction`.

    extract(data, declared_type=None, lang="ind") -> core.Extraction

The stages, top to bottom: sniff the file by its magic bytes; check pixel and
page limits before decoding; decode (OpenCV) or rasterize and take the text
layer (PDF); binarize, find ruled tables, read words with Tesseract; detect
the document type from its title; read the fields of that type by their
printed labels and table headers; normalize every value onto the canonical
formats of `documents.md`.

Errors (core's tree): UnsupportedFile (not PNG/JPEG/TIFF/WebP/PDF, or won't
decode), FileTooLarge (pixels or pages), UnreadableDocument (no supported
document found), DocumentTypeMismatch (declared type differs from what the
file looks like), ConfigurationError (Tesseract or the language missing).
"""

from __future__ import annotations

from collections.abc import Callable

import core

from ._buku_nikah import extract_buku_nikah
from ._classify import detect
from ._ijazah import extract_ijazah
from ._image import MAX_PAGES, MAX_PIXELS
from ._kk import extract_kk
from ._layout import lines
from ._model import Page
from ._read import read_pages
from ._sniff import FileKind, sniff
from ._tesseract import engine

__all__ = ["MAX_PAGES", "MAX_PIXELS", "FileKind", "engine", "extract", "sniff"]

_Extractor = Callable[[list[Page]], tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]]
_EXTRACTORS: dict[core.DocumentType, _Extractor] = {
    core.DocumentType.KK: extract_kk,
    core.DocumentType.IJAZAH: extract_ijazah,
    core.DocumentType.BUKU_NIKAH: extract_buku_nikah,
}


def extract(data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
            max_pixels: int = MAX_PIXELS, max_pages: int = MAX_PAGES) -> core.Extraction:
    """Read one document. With `declared_type`, a file that looks like another type is refused.

    Every field of the type is present in `fields` (value None when not read);
    `anggota` holds the KK's member rows in printed order. Boxes are in pixels
    of the normalized page image (`page_images`). `max_pixels` and `max_pages`
    come from `Settings`; they are checked from headers before decoding.
    """
    pages = read_pages(data, lang=lang, max_pixels=max_pixels, max_pages=max_pages)
    doc_type = _document_type(pages, declared_type)
    fields, anggota = _EXTRACTORS[doc_type](pages)
    if not any(v.value for v in fields.values()) and not anggota:
        raise core.UnreadableDocument(f"no field of a {doc_type} could be read")
    source = "text_layer" if all(p.source == "text_layer" for p in pages) else "ocr"
    return core.Extraction(document_type=doc_type, pages=len(pages), source=source, fields=fields,
                           anggota=anggota)


def _document_type(pages: list[Page], declared: core.DocumentType | None) -> core.DocumentType:
    if not any(p.words for p in pages):
        raise core.UnreadableDocument("no text found on any page")
    detected = detect(lines(pages[0]))
    if declared is not None and detected is not None and detected != declared:
        raise core.DocumentTypeMismatch(f"declared {declared}, but the document looks like {detected}")
    if detected is None and declared is None:
        raise core.UnreadableDocument("not a KK, ijazah or buku nikah: no title found")
    # A declared type whose title was lost to a poor scan is still read; no field read -> unreadable.
    return detected or declared  # type: ignore[return-value]
