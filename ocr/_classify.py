"""Which document a page is, from the words printed on it, with a confidence.

Two kinds of evidence: the title (`KARTU KELUARGA`, `KUTIPAN AKTA NIKAH`,
`IJAZAH`), the topmost one found deciding since a title heads its page; and
labels only one type prints (`Nama Kepala Keluarga`, `Wali Nikah`, `Nomor
Induk Siswa Nasional`...). A title misread beyond recognition (large display
type suffers most) is made up for by the labels; a page with neither is not
a supported document.
"""

from __future__ import annotations

from dataclasses import dataclass

import core

from ._layout import Line, compact_key, find_line

# Titles as printed.
TITLES: dict[core.DocumentType, tuple[str, ...]] = {
    core.DocumentType.KK: ("KARTU KELUARGA",),
    core.DocumentType.BUKU_NIKAH: ("KUTIPAN AKTA NIKAH", "AKTA NIKAH", "BUKU NIKAH"),
    core.DocumentType.IJAZAH: ("IJAZAH",),
}
# Labels and headings printed on one type only.
MARKS: dict[core.DocumentType, tuple[str, ...]] = {
    core.DocumentType.KK: ("Nama Kepala Keluarga", "Status Hubungan Dalam Keluarga", "Desa/Kelurahan",
                           "Golongan Darah", "Nama Ayah", "Nama Ibu", "Jenis Pekerjaan", "Status Perkawinan"),
    core.DocumentType.BUKU_NIKAH: ("Tanggal Nikah", "Wali Nikah", "Dicatat di", "Kementerian Agama",
                                   "Kantor Urusan Agama", "Mas Kawin"),
    core.DocumentType.IJAZAH: ("Nomor Induk Siswa Nasional", "Nomor Ijazah", "Program Studi",
                               "Nama Orang Tua/Wali", "Nama Satuan Pendidikan", "Gelar Akademik", "dinyatakan LULUS",
                               "Nomor Pokok Sekolah Nasional", "Nomor Induk Mahasiswa"),
}
_TITLE_RATIO = 0.85
_MARK_RATIO = 0.85


@dataclass(frozen=True)
class Detection:
    document_type: core.DocumentType | None
    confidence: float
    """0..1: 1.0 for a clear title backed by the type's labels; lower with only one kind of evidence."""


def detect(first_page_lines: list[Line]) -> core.DocumentType | None:
    """The document type, or None when neither a title nor enough labels are found."""
    return classify(first_page_lines).document_type


def classify(first_page_lines: list[Line]) -> Detection:
    titled = _title(first_page_lines)
    marks = {t: _marks(first_page_lines, labels) for t, labels in MARKS.items()}
    ranked = sorted(marks.items(), key=lambda item: item[1], reverse=True)
    (best, share), (_, second) = ranked[0], ranked[1]
    if titled is not None:
        support = marks[titled]
        contested = max(s for t, s in marks.items() if t != titled)
        confidence = 0.7 + 0.3 * max(0.0, support - contested)
        return Detection(titled, round(min(1.0, confidence), 3))
    # No title: the labels alone must point clearly at one type.
    if share >= 0.34 and share - second >= 0.25:
        return Detection(best, round(0.5 + 0.4 * (share - second), 3))
    return Detection(None, 0.0)


def _title(first_page_lines: list[Line]) -> core.DocumentType | None:
    best: tuple[float, core.DocumentType] | None = None
    for doc_type, titles in TITLES.items():
        for title in titles:
            line = find_line(first_page_lines, title, min_ratio=_TITLE_RATIO)
            # A title stands nearly alone on its line; a phrase inside a sentence or label is no title.
            if line is None or len(compact_key(line.text)) > 3 * len(compact_key(title)) + 6:
                continue
            if best is None or line.y < best[0]:
                best = (line.y, doc_type)
    return best[1] if best else None


def _marks(first_page_lines: list[Line], labels: tuple[str, ...]) -> float:
    """Share of the type's marks found on the page."""
    return sum(find_line(first_page_lines, label, min_ratio=_MARK_RATIO) is not None for label in labels) / len(labels)
