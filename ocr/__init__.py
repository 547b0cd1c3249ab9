"""From the bytes of a scan or PDF to a `core.Extraction`.

    extract(data, *, declared_type=None, lang="ind", max_pixels=, max_pages=) -> core.Extraction
    read(...)  -> Reading (extraction, type_confidence, transforms, page_image(n) as PNG)
    extract_pages(pages, *, declared_type=None) -> (core.Extraction, Detection): the same from pages
        already read (`Page` of `Word`s with boxes): the seam below decoding and Tesseract
    second_readings(reader) -> context manager: inside it, crops of a page image are read again by
        `reader(page, boxes, *, lang, whitelist)` instead of Tesseract (tests of how readings are weighed)
    Public submodules, units with a contract of their own: ocr.normalize (printed text -> canonical
        values), ocr.confidence (the confidence scale), ocr.geometry (sheet, deskew, turns, Transform),
        ocr.page_image (OpenCV steps before Tesseract, ruled tables), ocr.tesseract (read_words, the
        worker pool and its frame protocol, `using_pool` for stand-in workers), ocr.rapid (the second
        engine: RapidOCR's text-line detector on onnxruntime, its lines as `Word`s)
    SECOND_ENGINE: whether `read` reads a KK page again line by line when its member table is in doubt
    sniff(data) -> FileKind
    check_upload(data, *, max_pixels, max_pages) -> FileKind (headers only: pages, pixels, encryption)
    review_image(png, *, max_width) -> ReviewImage (a page as kept for review: grayscale, scaled, PNG)
    tesseract_cpu() -> context manager yielding a CpuMeter (Tesseract workers' CPU seconds for reads inside it)
    Cage(CageLimits(memory_mb=, cpu_seconds=, timeout_seconds=), processes=, reads_per_process=): `read` in
        subprocesses with RLIMIT_AS, RLIMIT_CPU and a wall clock; `.read(...)` -> Reading (a limit hit:
        core.ResourceLimitExceeded), `.run(...)` -> CageRun (reading or error, CageUsage), `.close()`
    ReadingService(cage, socket_path(data_dir)): one host's warm cage processes, lent to its flow runs over
        a Unix socket (`python -m ocr.serve`); ReadingClient(path, fallback=, wait_seconds=, timeout_seconds=)
        reads through it with the Cage's methods (`.from_settings(settings)`: falls back to a local Cage)

The stages, top to bottom: sniff the file by its magic bytes; check pixel and
page limits from the headers before decoding; take a PDF page's text layer
(pdfplumber) or decode / rasterize it; normalize the page image (flatten a
photographed sheet, scale, even the light, turn upright, deskew: `_read`),
keeping the transform; find ruled tables and read words with Tesseract
(long-lived worker processes with libtesseract loaded, `OMP_THREAD_LIMIT=1`
in their environment, pages in parallel); detect the type from its
title and labels, on whichever page shows it most surely; read the fields
of that type by their printed labels and table headers; normalize every
value onto the canonical formats of `documents.md`, with a calibrated
confidence (`_confidence`); a name whose pixels show a word break its
value lacks is kept out of the sure band (`_spacing`).

Errors (core's tree): UnsupportedFile (not PNG/JPEG/TIFF/WebP/PDF, or won't
decode), FileTooLarge (pixels or pages), UnreadableDocument (no supported
document found), DocumentTypeMismatch (declared type differs from what the
file looks like), ConfigurationError (Tesseract or the language missing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

import core

from ._buku_nikah import extract_buku_nikah
from ._cage import Cage, CageLimits, CageRun, CageUsage
from ._cells import SecondReader, second_readings
from ._classify import Detection, classify_page
from ._confidence_page import understood
from ._geometry import Transform
from ._ijazah import extract_ijazah
from ._image import MAX_PAGES, MAX_PIXELS
from ._kk import extract_kk
from ._labelled_docs import fill_gaps
from ._limits import check_upload
from ._model import Grid, Page, Word
from ._normalize import edit_distance
from ._pdf import render_page
from ._rapid_kk import in_doubt, read_by_lines, second_reading
from ._read import PDF_DPI, read_pages
from ._reading_client import ReadingClient
from ._reading_service import ReadingService, socket_path
from ._review_image import GREY_LEVELS, ReviewImage, review_image
from ._sniff import FileKind, sniff
from ._spacing import cap_unspaced
from ._tesseract import CpuMeter, engine, tesseract_cpu

__all__ = ["GREY_LEVELS", "MAX_PAGES", "MAX_PIXELS", "PDF_DPI", "Cage", "CageLimits", "CageRun", "CageUsage",
           "CpuMeter", "Detection", "FileKind", "Grid", "Page",
           "Reading", "ReadingClient", "ReadingService", "ReviewImage", "SecondReader", "Transform", "Word",
           "check_upload", "edit_distance", "engine",
           "extract", "extract_pages", "read", "review_image", "second_readings", "sniff", "socket_path",
           "SECOND_ENGINE", "tesseract_cpu"]

SECOND_ENGINE = True
"""Whether `read` reads a KK page again by lines when its member table is in doubt (RapidOCR's text
detector, Tesseract per line: `_rapid_kk`); docs/ocr.md has what it costs and what it brings."""

_Extractor = Callable[[list[Page]], tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]]
_EXTRACTORS: dict[core.DocumentType, _Extractor] = {
    core.DocumentType.KK: extract_kk,
    core.DocumentType.IJAZAH: extract_ijazah,
    core.DocumentType.BUKU_NIKAH: extract_buku_nikah,
}


@dataclass(frozen=True)
class Reading:
    """One document read: the extraction, how sure the type is, and the page images the boxes refer to."""

    extraction: core.Extraction
    type_confidence: float
    """0..1 from the title and the type's own labels (`ocr._classify`). A declared type read from a page
    whose title and labels were lost keeps the detection's figure (0), so it shows as unsure."""
    transforms: tuple[Transform, ...]
    """Per page, upload pixels -> normalized page image pixels (identity for text-layer pages)."""
    _pages: tuple[Page, ...]
    _data: bytes

    def page_image(self, number: int) -> bytes:
        """Page `number` (1-based) as PNG: the normalized page image every `bbox` of that page refers to.

        For a scan or photo this is the flattened, deskewed, evenly lit page the
        words were read from; for a text-layer PDF page, the page rendered at
        `PDF_DPI`. This is the image the service keeps for review.
        """
        ok, png = cv2.imencode(".png", self.page_pixels(number))
        if not ok:
            raise core.UnreadableDocument("page image cannot be encoded")
        return png.tobytes()

    def page_pixels(self, number: int) -> np.ndarray:
        """`page_image`'s pixels, not encoded (`review_image` takes them as they are)."""
        page = self._pages[number - 1]
        image = page.image if page.image is not None else render_page(self._data, number, dpi=PDF_DPI)
        return np.asarray(image)


def extract(data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
            max_pixels: int = MAX_PIXELS, max_pages: int = MAX_PAGES) -> core.Extraction:
    """Read one document. With `declared_type`, a file that looks like another type is refused.

    Every field of the type is present in `fields` (value None when not read);
    `anggota` holds the KK's member rows in printed order. Boxes are in pixels
    of the normalized page image (`Reading.page_image`). `max_pixels` and
    `max_pages` come from `Settings`; they are checked from headers before decoding.
    """
    return read(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels, max_pages=max_pages).extraction


def read(data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
         max_pixels: int = MAX_PIXELS, max_pages: int = MAX_PAGES, second_engine: bool | None = None) -> Reading:
    """`extract`, keeping the type confidence, the page transforms and the normalized page images.

    `second_engine` (default `SECOND_ENGINE`): a KK page whose member table the first reading could not
    structure is read again line by line (`_rapid_kk`) and the two readings put together; an upload
    declared a KK of which nothing could be read is read by lines too, and kept when that finds a KK."""
    pages = read_pages(data, lang=lang, max_pixels=max_pixels, max_pages=max_pages)
    again = SECOND_ENGINE if second_engine is None else second_engine
    try:
        extraction, detection = extract_pages(pages, declared_type=declared_type)
    except core.UnreadableDocument:
        lined = (read_by_lines(pages, lambda p: extract_pages(p, declared_type=declared_type))
                 if again and declared_type == core.DocumentType.KK else None)
        if lined is None:
            raise
        pages, extraction, detection = lined
    if again and in_doubt(extraction, pages):
        extraction = second_reading(pages, extraction,
                                    lambda p: extract_pages(p, declared_type=core.DocumentType.KK)[0])
        fields, anggota, _ = understood(extraction.document_type, extraction.fields, extraction.anggota, pages)
        extraction = replace(extraction, fields=fields, anggota=anggota)  # the readings put together, judged again
    return Reading(extraction, detection.confidence, tuple(p.transform for p in pages), tuple(pages), data)


def extract_pages(pages: Sequence[Page], *, declared_type: core.DocumentType | None = None,
                  ) -> tuple[core.Extraction, Detection]:
    """The extraction from pages already read, and how the type was detected.

    The seam below file decoding, image normalization and Tesseract: `read` calls it
    with the pages it read; tests call it with pages built from words (`Page`, `Word`).
    """
    pages = list(pages)
    detection, shown_on = _document_type(pages, declared_type)
    doc_type = detection.document_type or declared_type
    assert doc_type is not None  # _document_type raised otherwise
    # A KK prints both tables on its title page: that page is the one read, whichever comes first.
    ordered = [pages[shown_on], *pages[:shown_on], *pages[shown_on + 1:]] if doc_type == core.DocumentType.KK \
        else pages
    fields, anggota = cap_unspaced(pages, *fill_gaps(doc_type, ordered, *_EXTRACTORS[doc_type](ordered)))
    fields, anggota, _ = understood(doc_type, fields, anggota, pages)  # what the page as a whole says of its values
    if not any(v.value for v in fields.values()) and not anggota:
        raise core.UnreadableDocument(f"no field of a {doc_type} could be read")
    source = "text_layer" if all(p.source == "text_layer" for p in pages) else "ocr"
    extraction = core.Extraction(document_type=doc_type, pages=len(pages), source=source, fields=fields,
                                 anggota=anggota)
    return extraction, detection


def _document_type(pages: list[Page], declared: core.DocumentType | None) -> tuple[Detection, int]:
    """The detection and the index of the page it was made on (0 when no page shows a type)."""
    if not any(p.words for p in pages):
        raise core.UnreadableDocument("no text found on any page")
    detection, shown_on = _surest_page(pages)
    detected = detection.document_type
    if declared is not None and detected is not None and detected != declared:
        raise core.DocumentTypeMismatch(f"declared {declared}, but the document looks like {detected}")
    if detected is None and declared is None:
        raise core.UnreadableDocument("not a KK, ijazah or buku nikah: no title or labels of one found")
    # A declared type whose title and labels were lost to a poor scan is still read; no field -> unreadable.
    return detection, shown_on


def _surest_page(pages: list[Page]) -> tuple[Detection, int]:
    """The type as the page that shows it most surely says (the earliest of equally sure pages), and that
    page's index: the title page need not come first (a cover or a letter before it), and a buku nikah
    spreads over two pages."""
    best, index = Detection(None, 0.0), 0
    for i, page in enumerate(pages):
        if page.words:
            found = classify_page(page)
            if found.document_type is not None and found.confidence > best.confidence:
                best, index = found, i
    return best, index
