"""Which document a page is, from the words printed on it, with a confidence.

Three kinds of evidence, all wordings in `labels.toml`: the title (`KARTU
KELUARGA`, `KUTIPAN AKTA NIKAH`, `IJAZAH`, `SURAT TANDA TAMAT BELAJAR` ...),
the issuer (`KANTOR URUSAN AGAMA`, `UNIVERSITAS ...`), and labels or phrases
only one type prints (`Nama Kepala Keluarga`, `Wali Nikah`, `telah
menyelesaikan`). The title decides: it is matched by edit distance on the
line's compacted letters, so OCR slips, display type spaced out (`I J A Z A
H`) and look-alike marks (`1JAZAH`) still read as the title; a page whose
title reads is never refused for a label it lacks. Issuers and labels only
support a title, or, with no title, must point clearly at one type.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import itertools
import statistics
from dataclasses import dataclass

import cv2

import core

from . import _tesseract
from ._fields import labels, vocabulary
from ._layout import Line, compact_key, find_line, lines
from ._model import Page, Word

_DOC_KEYS = {core.DocumentType.KK: "kk", core.DocumentType.IJAZAH: "ijazah",
             core.DocumentType.BUKU_NIKAH: "buku_nikah"}
# Titles as printed.
TITLES: dict[core.DocumentType, tuple[str, ...]] = {t: labels(k, "titles", "") for t, k in _DOC_KEYS.items()}
ISSUERS: dict[core.DocumentType, tuple[str, ...]] = {t: labels(k, "issuers", "") for t, k in _DOC_KEYS.items()}
# Labels and headings printed on one type only.
MARKS: dict[core.DocumentType, tuple[str, ...]] = {t: labels(k, "marks", "") for t, k in _DOC_KEYS.items()}
# The headings of the type's sections (`[buku_nikah.sections]`) of more than one word (`DATA SUAMI`, `IDENTITAS
# ISTRI`; a lone `ISTRI` is a KK's value too): the vocabulary the reader finds a party's block by is evidence of
# the type as well, each section once however many of its wordings are found (a mark, `Wali Nikah`, not again).
SECTIONS: dict[core.DocumentType, tuple[tuple[str, ...], ...]] = {
    t: tuple(heads for heads in (tuple(w for w in ws if len(w.split()) > 1
                                       and compact_key(w) not in {compact_key(m) for m in MARKS[t]})
                                 for ws in vocabulary()[k].get("sections", {}).values()) if heads)
    for t, k in _DOC_KEYS.items()}
_MARK_RATIO = 0.85
_AS_LETTERS = str.maketrans({"1": "I", "|": "I", "!": "I", "0": "O", "5": "S", "8": "B", "4": "A", "2": "Z"})
_DISPLAY = 1.4
_DISPLAY_WORDS = 6
"""Most words a line read from the shrunk page may hold to be a title (`S U R A T  T A N D A` is ten, but
set that large it is read as words)."""
"""Words this many times the page's median height are display type: a title even with words beside it."""


@dataclass(frozen=True)
class Detection:
    document_type: core.DocumentType | None
    confidence: float
    """0..1: 1.0 for a clear title backed by the type's labels; lower with only one kind of evidence,
    or a title read only with slips."""


@dataclass(frozen=True)
class _Title:
    document_type: core.DocumentType
    edits: int
    y: float


def classify_page(page: Page) -> Detection:
    """The page's type from its words; where they show none and the page is an image, from its display type
    read again at a quarter of the size: Tesseract loses letters set very large (a title 200 px and more
    high at 300 dpi reads `J Z` or nothing), and the title is what decides."""
    found = classify(lines(page))
    if found.document_type is not None or page.image is None or min(page.image.shape) < _SHRINK * _SMALLEST:
        return found
    small = cv2.resize(page.image, None, fx=1 / _SHRINK, fy=1 / _SHRINK, interpolation=cv2.INTER_AREA)
    words = tuple(Word(w.text, w.confidence, tuple(_SHRINK * c for c in w.bbox))  # type: ignore[arg-type]
                  for w in _tesseract.read_words(small, lang=page.lang, psm=_SPARSE) if w.text.strip())
    if not words:
        return found
    title = _title(lines(page, words), display_only=True)
    if title is None:
        return found
    # Read from a small copy, on the title alone: as sure as a title read with slips.
    return Detection(title.document_type, 0.6)


_SHRINK = 4
_SMALLEST = 100
"""Pixels a page must measure across, shrunk, to be worth reading again for its display type."""
_SPARSE = 11
"""Tesseract's page segmentation for sparse text: a title is found wherever it stands."""


def detect(first_page_lines: list[Line]) -> core.DocumentType | None:
    """The document type, or None when neither a title nor enough labels are found."""
    return classify(first_page_lines).document_type


def classify(first_page_lines: list[Line]) -> Detection:
    title = _title(first_page_lines)
    support = {t: _evidence(first_page_lines, t) for t in _DOC_KEYS}
    if title is not None:
        contested = max(n for t, n in support.items() if t != title.document_type)
        own = support[title.document_type]
        base = 0.7 if title.edits == 0 else 0.6
        return Detection(title.document_type, round(min(1.0, base + 0.1 * max(0, own - contested)), 3))
    # No title: issuers and labels alone must point clearly at one type.
    ranked = sorted(support.items(), key=lambda item: item[1], reverse=True)
    (best, count), (_, second) = ranked[0], ranked[1]
    if count >= 2 and count >= 2 * second + 1:
        return Detection(best, round(min(0.85, 0.5 + 0.1 * (count - second)), 3))
    return Detection(None, 0.0)


def _title(first_page_lines: list[Line], *, display_only: bool = False) -> _Title | None:
    """The topmost title found: a title heads its page (a KK's column header `BUKU NIKAH` lies below
    `KARTU KELUARGA`, however that was misread). `display_only`: a title must stand alone on its line."""
    if not first_page_lines:
        return None
    median = statistics.median(w.height for ln in first_page_lines for w in ln.words)
    if display_only:
        first_page_lines = [ln for ln in first_page_lines if len(ln.words) <= _DISPLAY_WORDS]
    # Only the topmost title counts: a line below a title already found is not matched at all (most of a
    # page's lines, and most of classifying's CPU), which picks the same title.
    found: list[_Title] = []
    for line in first_page_lines:
        if not found or line.y <= min(t.y for t in found):
            found += _titles_on(line, median)
    found += _split_titles(first_page_lines, median, below=min((t.y for t in found), default=None))
    return min(found, key=lambda t: (t.y, t.edits)) if found else None


def _split_titles(first_page_lines: list[Line], median_height: float, *, below: float | None = None) -> list[_Title]:
    """A title of several words set over two lines (`SURAT TANDA` above `TAMAT BELAJAR`): two short lines,
    the second right below the first, read as one (none starting below `below`)."""
    out = []
    for upper, lower in itertools.pairwise(first_page_lines):
        if below is not None and upper.y > below:
            continue
        if upper.page != lower.page or lower.y - upper.y > _NEXT_LINE * max(upper.height, lower.height) \
                or len(upper.words) + len(lower.words) > _SPLIT_WORDS:
            continue
        joined = Line(upper.page, upper.words + lower.words)
        out += [dataclasses.replace(t, y=upper.y) for t in _titles_on(joined, median_height, several_words=True)]
    return out


_NEXT_LINE = 2.5
"""Line heights the second half of a split title may stand below the first (centre to centre)."""
_SPLIT_WORDS = 12
"""Most words two lines holding a split title print (a spaced `S U R A T  T A N D A` is ten)."""


def _titles_on(line: Line, median_height: float, *, several_words: bool = False) -> list[_Title]:
    """The titles `line` holds (`several_words`: only titles of more than one word)."""
    keys = [compact_key(w.text.translate(_AS_LETTERS)) for w in line.words]
    whole = "".join(keys)
    display = [w.height >= _DISPLAY * median_height for w in line.words]
    # A title stands nearly alone on its line, begins it, or is set in display type; a phrase inside a
    # sentence or a label (`Nomor Ijazah : ...`) is no title.
    labelled = any(":" in w.text for w in line.words)
    begins = len(whole) <= 40 and not labelled
    available = _available(whole)
    out = []
    for title in _TARGETS:
        if several_words and not title.several_words:
            continue
        # Each letter the title needs that the line cannot supply costs an edit, whatever the window.
        if sum(max(0, n - available.get(c, 0)) for c, n in _letters(title.key)) > title.allowed:
            continue
        alone = len(whole) <= 3 * len(title.key) + 6 and not labelled
        starts = [i for i in range(len(keys)) if alone or display[i] or (i == 0 and begins)]
        edits = min((_edits(keys, start, title.key, title.allowed) for start in starts), default=title.allowed + 1)
        if edits <= title.allowed:
            out.append(_Title(title.document_type, edits, line.y))
    return out


@dataclass(frozen=True)
class _Target:
    """A title as matched: its compact key and the slips it forgives."""

    document_type: core.DocumentType
    key: str
    allowed: int
    several_words: bool


def _available(whole: str) -> dict[str, int]:
    """The most of each letter any window of `whole` holds, read as it is or as `_edits`' variants read it
    (`II` as `H`, `U` as `IJ`): a bound, so that a title needing more of its letters than that by more
    than its allowed edits is ruled out before any edit distance, with the same decisions."""
    counts = collections.Counter(whole)
    counts["H"] += whole.count("II")
    counts["I"] += counts["U"]
    counts["J"] += counts["U"]
    return counts


def _edits(keys: list[str], start: int, target: str, allowed: int) -> int:
    """Fewest edits from `target` to the words from `start` on (as many as come close in length)."""
    best, text = allowed + 1, ""
    for key in keys[start:]:
        text += key
        if len(text) > len(target) + allowed:
            break
        if len(text) < len(target) - allowed:
            continue
        # `H` in display type is often read as two strokes, `II`; `IJ` set close as one letter, `U`.
        for variant in {text, text.replace("II", "H"), text.replace("U", "IJ"), text.replace("II", "H").replace("U", "IJ")}:
            # Each letter the title needs that the window lacks, and each letter too many, costs an edit at
            # least (as many too many as the window is longer): most windows end here, before any distance.
            counts = collections.Counter(variant)
            short = sum(max(0, n - counts[c]) for c, n in _letters(target))
            if short + max(0, len(variant) - len(target)) <= allowed:
                best = min(best, _distance(variant, target, allowed))
    return best


def _distance(a: str, b: str, k: int) -> int:
    """Levenshtein distance if at most `k`, else `k + 1`.

    Myers' bit-vector algorithm (Hyyro's form for whole strings): one column of the edit-distance table per
    letter of `a`, held as bits of `b`'s positions, so each letter costs a few integer operations instead of
    a row of cells; exactly the distance the table gives."""
    if abs(len(a) - len(b)) > k:
        return k + 1
    if not b:
        return min(len(a), k + 1)
    peq = _positions(b)
    full, top = (1 << len(b)) - 1, 1 << (len(b) - 1)
    pv, mv, score = full, 0, len(b)
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & full) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return min(score, k + 1)


@functools.cache
def _letters(target: str) -> tuple[tuple[str, int], ...]:
    """Each letter of `target` with how many times it holds it."""
    return tuple(collections.Counter(target).items())


@functools.cache
def _positions(b: str) -> dict[str, int]:
    """Per letter, the bits of `b`'s positions that hold it."""
    out: dict[str, int] = {}
    for i, c in enumerate(b):
        out[c] = out.get(c, 0) | (1 << i)
    return out


def _allowed_edits(target: str) -> int:
    """Slips forgiven in a title: none in a short one (`STTB`), then one per five letters."""
    return 0 if len(target) <= 4 else max(1, len(target) // 5)


def _evidence(first_page_lines: list[Line], doc_type: core.DocumentType) -> int:
    """How many of the type's issuers (at most one counted), marks and sections (one a section) the page prints."""
    def found(name: str) -> bool:
        return find_line(first_page_lines, name, min_ratio=_MARK_RATIO) is not None

    issuer = any(found(name) for name in ISSUERS[doc_type])
    marks = sum(found(mark) for mark in MARKS[doc_type])
    sections = sum(any(found(head) for head in heads) for heads in SECTIONS[doc_type])
    return int(issuer) + marks + sections


_TARGETS = tuple(_Target(doc_type, compact_key(title), _allowed_edits(compact_key(title)), " " in title)
                 for doc_type, titles in TITLES.items() for title in titles)
"""Every title, in `TITLES`' order, prepared once."""
