"""What the OCR refuses before reading: wrong kinds of file, decompression bombs, too many pages."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

import core
import ocr


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels; its body is tiny and never decoded."""
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = b"IDAT" + zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(c) - 4) + c + struct.pack(">I", zlib.crc32(c)) for c in (ihdr, idat))


def _encoded(fmt: str, size=(64, 48), **kwargs) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full(size[::-1], 200, np.uint8)).save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", "png"), ("JPEG", "jpeg"), ("TIFF", "tiff"), ("WEBP", "webp"),
                                           ("PDF", "pdf")])
def test_kind_is_decided_by_content(fmt, kind):
    assert ocr.sniff(_encoded(fmt)) == kind


@pytest.mark.parametrize("data", [
    b"",
    b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    b"BM" + b"\x00" * 60,
    b"KARTU KELUARGA\nNo. 7401051203080012\n",
    b"PK\x03\x04" + b"\x00" * 40,  # a zip (or .docx) renamed to .png stays a zip
])
def test_other_files_are_refused(data):
    with pytest.raises(core.UnsupportedFile):
        ocr.extract(data)


def test_a_bomb_is_refused_from_its_header():
    with pytest.raises(core.FileTooLarge):
        ocr.extract(_png_header(20_000, 20_000))


def test_the_pixel_limit_is_the_callers():
    data = _encoded("PNG", size=(400, 300))
    with pytest.raises(core.FileTooLarge, match="limit 100000"):
        ocr.extract(data, max_pixels=100_000)
    with pytest.raises(core.FileTooLarge):
        ocr.check_upload(data, max_pixels=400 * 300 - 1, max_pages=1)
    assert ocr.check_upload(data, max_pixels=400 * 300, max_pages=1) == ocr.FileKind.PNG


def test_a_tiff_with_too_many_pages_is_refused_before_decoding():
    frames = [Image.fromarray(np.full((30, 40), 255, np.uint8)) for _ in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(core.FileTooLarge, match="4 pages"):
        ocr.extract(buffer.getvalue(), max_pages=3)


def test_a_truncated_image_is_unsupported():
    data = _encoded("PNG", size=(200, 100))
    with pytest.raises(core.UnsupportedFile):
        ocr.extract(data[:60])


def _pdf_pages(count: int, size=(200, 280)) -> bytes:
    frames = [Image.fromarray(np.full(size[::-1], 255, np.uint8)) for _ in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:], resolution=72)
    return buffer.getvalue()


def test_a_pdf_with_too_many_pages_is_refused():
    with pytest.raises(core.FileTooLarge, match="3 pages"):
        ocr.extract(_pdf_pages(3), max_pages=2)


def test_a_pdf_page_too_large_at_the_raster_dpi_is_refused():
    # 200 x 280 pt at 300 dpi (`ocr.PDF_DPI`) is 833 x 1167, about 0.97 Mpx.
    assert ocr.PDF_DPI == 300
    with pytest.raises(core.FileTooLarge):
        ocr.check_upload(_pdf_pages(1), max_pages=10, max_pixels=500_000)
    with pytest.raises(core.FileTooLarge):
        ocr.extract(_pdf_pages(1), max_pages=10, max_pixels=500_000)
    assert ocr.check_upload(_pdf_pages(1), max_pages=10, max_pixels=1_000_000) == ocr.FileKind.PDF


def test_a_broken_pdf_is_unsupported():
    with pytest.raises(core.UnsupportedFile):
        ocr.extract(b"%PDF-1.7\n" + b"\x00garbage" * 50)
