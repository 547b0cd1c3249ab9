"""Hostile uploads, made by code (no committed binaries): each class a few KB to a few MB of bytes.

    CLASSES              name -> () -> bytes, in the order reported
    pdf_bomb(inflated=)  a one-page PDF whose content stream inflates to `inflated` bytes
    normal_kk()          a rendered KK page (PNG), the read that must keep working meanwhile

Shared by tests/integration/test_hostile_uploads.py and benchmarks/hostile_uploads.py.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from functools import cache

import numpy as np
from PIL import Image

import core
import synthetic


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalog), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _deflate_of_repeats(chunk: bytes, times: int) -> bytes:
    """zlib data of `chunk` * `times`, made without compressing it all: after a full flush the
    compressor forgets its window, so every further chunk compresses to the same bytes."""
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    body = first + again * (times - 1)
    return body + tail[:-4] + struct.pack(">I", adler) if len(tail) >= 4 else body + struct.pack(">I", adler)


def pdf_bomb(inflated: int = 2 << 30) -> bytes:
    """One A4 page whose FlateDecode content stream inflates to `inflated` bytes (of spaces)."""
    chunk = b" " * (16 << 20)
    content = _deflate_of_repeats(chunk, max(1, inflated // len(chunk)))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 _stream(b"/Filter /FlateDecode", content)])


def pdf_image_bomb(side: int = 40_000) -> bytes:
    """One A4 page drawing a `side` x `side` grayscale image whose FlateDecode data (zeros) is ~1/1000
    of its size: no text, so the page is rasterized, and the image is inflated by pdfium."""
    chunk = b"\x00" * (16 << 20)
    data = _deflate_of_repeats(chunk, max(1, side * side // len(chunk)))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
                 _stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
                 _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 8 /Filter /FlateDecode" % (side, side), data)])


def pdf_pages(pages: int = 3000) -> bytes:
    """`pages` empty A4 pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                 _stream(b"", b"BT /F1 12 Tf 72 720 Td (x) Tj ET"), *[page] * pages])


def pdf_nested(depth: int = 200_000) -> bytes:
    """A page whose resources hold an array nested `depth` deep (a recursive parser's stack)."""
    nested = b"[" * depth + b"]" * depth
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 b"/Resources << /Properties << /Deep " + nested + b" >> >> >>",
                 _stream(b"", b"BT /F1 12 Tf 72 720 Td (KARTU KELUARGA) Tj ET " + nested)])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declared(width: int, height: int, *, rows: int = 1) -> bytes:
    """A grayscale PNG whose header says `width` x `height`; only `rows` rows of data follow."""
    raw = (b"\x00" + b"\xff" * width) * rows
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(raw, 9)) + _png_chunk(b"IEND", b""))


def jpeg_declared(width: int = 65_000, height: int = 65_000) -> bytes:
    """A baseline JPEG of a small image with its frame header (SOF0) rewritten to `width` x `height`."""
    out = io.BytesIO()
    Image.new("L", (64, 64), 255).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def jpeg_truncated() -> bytes:
    """A KK scan as JPEG, cut off after 40 % of its bytes."""
    image = Image.open(io.BytesIO(normal_kk())).convert("L")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    data = out.getvalue()
    return data[:int(len(data) * 0.4)]


def tiff_pages(pages: int = 2000) -> bytes:
    """A multi-page TIFF of `pages` small white pages."""
    frames = [Image.fromarray(np.full((64, 64), 255, np.uint8)) for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


@cache
def normal_kk() -> bytes:
    family = core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])
    return synthetic.render_kk(family, seed=1).png


CLASSES: dict[str, Callable[[], bytes]] = {
    "pdf_stream_bomb_2gb": lambda: pdf_bomb(2 << 30),
    "pdf_stream_bomb_200mb": lambda: pdf_bomb(200 << 20),
    "pdf_image_bomb_40kx40k": pdf_image_bomb,
    "png_pixel_bomb_100kx100k": lambda: png_declared(100_000, 100_000),
    "png_pixel_bomb_under_limit_8900x8900": lambda: png_declared(8_900, 8_900),
    "jpeg_pixel_bomb_65kx65k": jpeg_declared,
    "png_strip_200000x1": lambda: png_declared(200_000, 1),
    "pdf_3000_pages": pdf_pages,
    "pdf_nested_200k": pdf_nested,
    "jpeg_truncated": jpeg_truncated,
    "tiff_2000_pages": tiff_pages,
}
