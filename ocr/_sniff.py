"""What kind of file the bytes are, by their magic numbers (never by a name or a declared type)."""

from __future__ import annotations

from enum import StrEnum

import core


class FileKind(StrEnum):
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    WEBP = "webp"
    PDF = "pdf"


def sniff(data: bytes) -> FileKind:
    """The file kind, or core.UnsupportedFile for anything else (including empty files)."""
    if not data:
        raise core.UnsupportedFile("empty file")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return FileKind.TIFF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return FileKind.WEBP
    # PDF readers accept the header anywhere in the first KiB; so do we.
    if b"%PDF-" in data[:1024]:
        return FileKind.PDF
    raise core.UnsupportedFile("not a PNG, JPEG, TIFF, WebP or PDF file")
