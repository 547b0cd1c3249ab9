"""Which document a page is, from the words printed on it."""

from __future__ import annotations

import core

from ._layout import Line, find_line

# Titles as printed; the topmost one found decides, since a title heads its page.
TITLES: dict[core.DocumentType, tuple[str, ...]] = {
    core.DocumentType.KK: ("KARTU KELUARGA",),
    core.DocumentType.BUKU_NIKAH: ("KUTIPAN AKTA NIKAH", "AKTA NIKAH", "BUKU NIKAH"),
    core.DocumentType.IJAZAH: ("IJAZAH",),
}


def detect(first_page_lines: list[Line]) -> core.DocumentType | None:
    """The document type whose title appears highest on the page, or None."""
    best: tuple[float, core.DocumentType] | None = None
    for doc_type, titles in TITLES.items():
        for title in titles:
            line = find_line(first_page_lines, title, min_ratio=0.85)
            if line is not None and (best is None or line.y < best[0]):
                best = (line.y, doc_type)
    return best[1] if best else None
