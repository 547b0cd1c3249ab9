"""What an upload's headers tell, checked when it arrives, before it is stored or decoded."""

from __future__ import annotations

from ._image import image_size
from ._pdf import check_pdf
from ._read import PDF_DPI
from ._sniff import FileKind, sniff


def check_upload(data: bytes, *, max_pixels: int, max_pages: int) -> FileKind:
    """The file's kind, once its headers show it can be read within the limits.

    Raises (core's tree, each with a precise Indonesian message): `UnsupportedFile` (not PNG, JPEG,
    TIFF, WebP or PDF; an encrypted PDF; an image that is no page, like a 200000x1 strip),
    `FileTooLarge` (too many pages, a page over `max_pixels` at the PDF resolution or as drawn),
    `UnreadableDocument` (a PDF without pages). Nothing is decoded: image headers (Pillow) and the
    PDF's page tree (pdfium) only.
    """
    kind = sniff(data)
    if kind is FileKind.PDF:
        check_pdf(data, dpi=PDF_DPI, max_pages=max_pages, max_pixels=max_pixels)
    else:
        image_size(data, max_pixels=max_pixels, max_pages=max_pages)
    return kind
