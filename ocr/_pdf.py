"""PDF input: the only module that imports pdfplumber (and pypdfium2, which it is built on).

A page with a real text layer is read from it: its words with their
positions, and its ruled tables from the vector lines, all converted to
pixels of the page rendered at `dpi` (the raster the service keeps for
review; `render_page` makes it on demand). Such a page is never rasterized
for reading, which keeps it well under a second. A page without text is
rasterized at `dpi` and handed back for OCR. The file is only read, never
written, so a signed PDF keeps its signature.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pdfminer.pdftypes
import pdfplumber
import pypdfium2
import pypdfium2.raw as pypdfium2_raw
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from pypdfium2 import PdfiumError

import core

from ._image import without_stamp_ink
from ._model import Grid, Word, row_rules

# pdfminer/pypdfium2 raise many unrelated types for a broken file; these are the ones seen in practice.
_PDF_ERRORS = (PdfminerException, PdfiumError, PDFSyntaxError, ValueError, KeyError, TypeError, OSError,
               AssertionError)
MIN_TEXT_WORDS = 5
"""Fewer text-layer words than this and the page is treated as a scan."""


MAX_STREAM_BYTES = 64 << 20
"""Most bytes one PDF stream may inflate to when pdfminer reads it (content streams, fonts, object and
xref streams: a KK page's content is well under 1 MB; scanned images are rasterized by pdfium, not
inflated here). A compressed-stream bomb stops at this bound with `StreamTooLarge`; pdfium's own
inflation is bounded by the cage's address space (`ocr.Cage`)."""


class StreamTooLarge(core.FileTooLarge):
    """A PDF stream that inflates past `MAX_STREAM_BYTES`."""

    def __init__(self) -> None:
        super().__init__(f"a PDF stream inflates to over {MAX_STREAM_BYTES >> 20} MiB: the file is too large to read",
                         message_id="Berkas terlalu besar: isi PDF mengembang melebihi "
                                    f"{MAX_STREAM_BYTES >> 20} MiB saat dibuka. Unggah PDF hasil pindaian biasa.")


class _BoundedInflater:
    """`zlib.decompressobj()` that refuses to give more than `MAX_STREAM_BYTES` in all."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj()
        self._given = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_STREAM_BYTES + 1 - self._given
        out = self._d.decompress(data, room if max_length <= 0 else min(max_length, room))
        self._given += len(out)
        if self._given > MAX_STREAM_BYTES:
            raise StreamTooLarge()
        return out

    def flush(self, *args: int) -> bytes:
        return self._d.flush(*args)

    @property
    def eof(self) -> bool:
        return self._d.eof


class _BoundedZlib:
    """What pdfminer's `pdftypes` module calls `zlib`: the same, with inflation bounded."""

    error = zlib.error

    @staticmethod
    def decompressobj() -> _BoundedInflater:
        return _BoundedInflater()

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedInflater()
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        return out


pdfminer.pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]


def _too_large(e: BaseException) -> core.FileTooLarge | None:
    """The bound (or the cage's memory limit) behind a parser error that wrapped it, if any."""
    seen: set[int] = set()
    stack: list[BaseException] = [e]
    while stack:
        error = stack.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, StreamTooLarge):
            return error
        if isinstance(error, MemoryError):
            return core.ResourceLimitExceeded("parsing the PDF ran out of memory: the file is too large to read",
                                              limit="memory")
        stack += [x for x in (error.__cause__, error.__context__, *error.args) if isinstance(x, BaseException)]
    return None


@dataclass(frozen=True)
class PdfPage:
    image: np.ndarray | None
    """Grayscale raster at `dpi` for image-only pages; None for text-layer pages (not needed to read them)."""
    words: tuple[Word, ...]
    """Text-layer words in raster pixels; empty for image-only pages."""
    grids: tuple[Grid, ...]
    """Ruled tables drawn as vector lines, in raster pixels (text-layer pages only)."""
    size: tuple[int, int]
    """(width, height) of the page raster at `dpi`."""


def read_pdf(data: bytes, *, dpi: int, max_pages: int, max_pixels: int) -> list[PdfPage]:
    """Every page of a PDF; FileTooLarge over the page or pixel limit, UnsupportedFile if it won't parse."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > max_pages:
                raise core.FileTooLarge(f"{len(pdf.pages)} pages, limit {max_pages}")
            if not pdf.pages:
                raise core.UnreadableDocument("PDF has no pages")
            for page in pdf.pages:
                _check_size(page, dpi=dpi, max_pixels=max_pixels)
            return [_page(page, dpi=dpi) for page in pdf.pages]
    except core.CapilError:
        raise
    except (*_PDF_ERRORS, MemoryError) as e:
        raise (_too_large(e) or core.UnsupportedFile("PDF cannot be parsed")) from e


def check_pdf(data: bytes, *, dpi: int, max_pages: int, max_pixels: int) -> int:
    """The page count of a PDF from its page tree (pdfium; nothing is drawn or decompressed but the
    tree): FileTooLarge over the page or pixel limit, UnsupportedFile when it is encrypted or will
    not open. For the upload, before the file is stored."""
    try:
        document = pypdfium2.PdfDocument(data)
    except PdfiumError as e:
        if "password" in str(e).lower():
            raise core.UnsupportedFile("PDF is encrypted", message_id="PDF terkunci dengan kata sandi. Unggah "
                                       "PDF tanpa kata sandi atau pindaian halamannya.") from e
        raise core.UnsupportedFile("PDF cannot be parsed") from e
    try:
        pages = len(document)
        if pages == 0:
            raise core.UnreadableDocument("PDF has no pages")
        if pages > max_pages:
            raise core.FileTooLarge(f"{pages} pages, limit {max_pages}",
                                    message_id=f"Berkas terlalu besar: {f'{pages:,}'.replace(',', '.')} "
                                               f"halaman, paling banyak {max_pages}.")
        scale = dpi / 72
        for index in range(pages):
            width, height = document.get_page_size(index)
            if width * height * scale * scale > max_pixels:
                raise core.FileTooLarge(f"PDF page {index + 1} at {dpi} dpi is over {max_pixels} pixels",
                                        message_id=f"Halaman {index + 1} PDF terlalu besar. Unggah dokumen "
                                                   "berukuran A4 atau F4.")
        return pages
    finally:
        document.close()


def render_page(data: bytes, number: int, *, dpi: int) -> np.ndarray:
    """Page `number` (1-based) as a grayscale raster at `dpi`: the image a text-layer page's boxes refer to."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return np.asarray(pdf.pages[number - 1].to_image(resolution=dpi).original.convert("L"))
    except core.CapilError:
        raise
    except (*_PDF_ERRORS, MemoryError) as e:
        raise (_too_large(e) or core.UnsupportedFile("PDF cannot be parsed")) from e


def _check_size(page: Any, *, dpi: int, max_pixels: int) -> None:
    scale = dpi / 72
    if page.width * page.height * scale * scale > max_pixels:
        raise core.FileTooLarge(f"a PDF page at {dpi} dpi is over {max_pixels} pixels")


def _page(page: Any, *, dpi: int) -> PdfPage:
    scale = dpi / 72
    size = (round(page.width * scale), round(page.height * scale))
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    words = tuple(
        Word(text=w["text"], confidence=1.0,
             bbox=(round(w["x0"] * scale), round(w["top"] * scale), round(w["x1"] * scale), round(w["bottom"] * scale)))
        for w in raw if w["text"].strip()
    )
    if len(words) >= MIN_TEXT_WORDS and not scanned(page):
        return PdfPage(image=None, words=words, grids=tuple(vector_grids(page, scale=scale)), size=size)
    raster = page.to_image(resolution=dpi).original
    image = np.asarray(raster.convert("L"))
    if raster.mode != "L":
        image = without_stamp_ink(np.asarray(raster.convert("RGB"))[..., ::-1], image)
    return PdfPage(image=image, words=(), grids=(), size=(image.shape[1], image.shape[0]))


_SCAN_FILTERS = {"DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode"}
"""Image encodings of a scanner: a page-covering image in one of them is the page itself."""
_SCAN_COVER = 0.9


def scanned(page: Any) -> bool:
    """A scanned page whose text layer a scanner's OCR wrote (a searchable PDF): its words are another
    engine's guesses, not the printed text, and the stamp's words lie among the fields'. Read as a scan.

    Such a page is a page-covering image in a scanner's encoding under text drawn invisible (render mode 3,
    as scanners and OCRmyPDF write it). A printed PDF may lie on a page-covering photo or guilloche too, but
    its text is visible, and it is read from its text layer as before."""
    area = float(page.width * page.height)
    for image in page.images:
        if (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) < _SCAN_COVER * area:
            continue
        try:
            filters = image["stream"].get_filters()
        except (AttributeError, *_PDF_ERRORS):
            continue
        if any(str(getattr(name, "name", name)).lstrip("/") in _SCAN_FILTERS for name, _ in filters):
            return _text_invisible(page)
    return False


_INVISIBLE = 0.8
"""Share of a page's text objects drawn invisible above which its text layer is an OCR layer."""


def _text_invisible(page: Any) -> bool:
    """Whether most of a pdfplumber page's text objects are drawn invisible (pdfium reads the render mode,
    which pdfminer does not keep)."""
    try:
        page.pdf.stream.seek(0)
        document = pypdfium2.PdfDocument(page.pdf.stream.read())
    except (*_PDF_ERRORS, AttributeError):
        return False
    try:
        texts = list(document[page.page_number - 1].get_objects(filter=[pypdfium2_raw.FPDF_PAGEOBJ_TEXT]))
        invisible = sum(pypdfium2_raw.FPDFTextObj_GetTextRenderMode(t.raw)
                        == pypdfium2_raw.FPDF_TEXTRENDERMODE_INVISIBLE for t in texts)
        return bool(texts) and invisible >= _INVISIBLE * len(texts)
    finally:
        document.close()


Segment = tuple[float, float, float, float]
_THIN = 6.0
"""Pixels (at the PDF dpi); a filled rectangle this thin is a rule drawn as a bar, as office suites draw them."""


def vector_grids(page: Any, *, scale: float) -> list[Grid]:
    """Ruled tables from the page's stroked lines and rectangles (no raster needed)."""
    segments: list[Segment] = []
    for line in page.lines:
        segments.append((line["x0"], line["top"], line["x1"], line["bottom"]))
    for rect in page.rects:
        x0, y0, x1, y1 = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke", True) or min(x1 - x0, y1 - y0) * scale <= _THIN:
            segments += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
        # else: a filled shape (a QR module, a logo block), not a rule
    return grids_from_segments([tuple(v * scale for v in s) for s in segments])  # type: ignore[misc]


def grids_from_segments(segments: list[Segment], *, tolerance: float = 4.0) -> list[Grid]:
    """Horizontal and vertical segments that touch, grouped into tables of >= 3 x 3 rules, top to bottom."""
    horizontal = [s for s in segments if abs(s[3] - s[1]) <= tolerance < abs(s[2] - s[0])]
    vertical = [s for s in segments if abs(s[2] - s[0]) <= tolerance < abs(s[3] - s[1])]
    items = horizontal + vertical
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical, start=len(horizontal)):
            if (min(h[0], h[2]) - tolerance <= v[0] <= max(h[0], h[2]) + tolerance
                    and min(v[1], v[3]) - tolerance <= h[1] <= max(v[1], v[3]) + tolerance):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    grids = []
    for members in groups.values():
        rules = [items[i] for i in members if i < len(horizontal)]
        ys = _distinct([(s[1] + s[3]) / 2 for s in rules], tolerance)
        xs = _distinct([(items[i][0] + items[i][2]) / 2 for i in members if i >= len(horizontal)], tolerance)
        ys = row_rules(xs, ys, lambda y, x0, x1: _covered(rules, y, x0, x1, tolerance))  # noqa: B023
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(Grid(xs=tuple(xs), ys=tuple(ys)))
    return sorted(grids, key=lambda g: g.ys[0])


def _covered(rules: list[Segment], y: float, x0: float, x1: float, tolerance: float) -> float:
    """Share of [x0, x1) under the horizontal segments lying at `y`."""
    inked = 0.0
    for a, top, b, bottom in rules:
        if abs((top + bottom) / 2 - y) <= tolerance:
            inked += max(0.0, min(max(a, b), x1) - max(min(a, b), x0))
    return min(1.0, inked / (x1 - x0)) if x1 > x0 else 0.0


def _distinct(values: list[float], tolerance: float) -> list[int]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return [round(v) for v in out]
