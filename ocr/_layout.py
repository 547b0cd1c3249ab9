"""Finding things by their printed labels rather than by pixel positions.

Words are grouped into text lines; a label is a run of words on a line that
reads like the label (small OCR slips allowed) and is followed by a colon; its
value is the words to the right of the colon up to the next wide gap, which is
where a second column of labels would start. Table cells are read through the
ruled grid found on the page image.
"""

from __future__ import annotations

import difflib
import functools
import re
import statistics
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ._model import BBox, Grid, Page, Word, union

# What a lone colon comes out of Tesseract as.
_COLON_ONLY = re.compile(r"^[:;.,'\"`=|]+$")
# ... and what it comes out as when Tesseract is unsure; only taken as a colon at low confidence.
_COLON_DOUBTFUL = frozenset("1lIi!|")
_DOUBT = 0.8
_TRANSLATION_WORDS = 7
"""Most words of a label's translation between it and its colon."""
_LABEL_GAP = 1.5
"""A label without a readable colon still counts when its value starts this many line heights away."""


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline, left to right."""

    page: int
    words: tuple[Word, ...]

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)

    @property
    def y(self) -> float:
        return statistics.median(w.cy for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class LabelRun:
    """A field's label printed on a line: words [start, end) of `line`."""

    field: str
    line: Line
    start: int
    end: int

    @property
    def x0(self) -> float:
        return self.line.words[self.start].x0

    @property
    def x1(self) -> float:
        return self.line.words[self.end - 1].x1


@dataclass(frozen=True)
class Span:
    """Some words read as one value: their text, the weakest confidence and the box around them."""

    page: int
    words: tuple[Word, ...]
    factor: float = 1.0
    """What the way the value was found costs its confidence: a label read with slips (`label_factor`)."""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)

    @property
    def bbox(self) -> BBox | None:
        return union([w.bbox for w in self.words])


def lines(page: Page, words: tuple[Word, ...] | None = None) -> list[Line]:
    """Text lines of a page (or of some of its words), top to bottom.

    Words are chained left to right: a word joins the line whose last words
    it overlaps most in height (at least half of the shorter one), so a line
    may drift a little across a slightly skewed page, and two blocks side by
    side at slightly different heights (a date left, an official's title
    right) do not pull each other's words apart.
    """
    chains: list[list[Word]] = []
    bands: list[tuple[float, float, float]] = []  # per chain: top, bottom, centre x of its last words
    for word in sorted(words if words is not None else page.words, key=lambda w: (w.x0, w.cy)):
        best, best_overlap = -1, 0.5
        word_top, word_bottom, word_cx = word.bbox[1], word.bbox[3], word.cx
        for i, (top, bottom, cx) in enumerate(bands):
            if cx >= word_cx or bottom <= word_top or top >= word_bottom:
                continue
            overlap = (min(bottom, word_bottom) - max(top, word_top)) / max(1, min(bottom - top, word_bottom - word_top))
            if overlap >= best_overlap:
                best, best_overlap = i, overlap
        if best < 0:
            chains.append([word])
            best = len(chains) - 1
            bands.append((0, 0, 0))
        else:
            chains[best].append(word)
        tail = chains[best][-3:]
        bands[best] = (sorted(w.bbox[1] for w in tail)[(len(tail) - 1) // 2],
                       sorted(w.bbox[3] for w in tail)[len(tail) // 2], word.cx)
    found = [Line(page.number, tuple(chain)) for chain in chains]
    return sorted(found, key=lambda line: line.y)


@functools.lru_cache(maxsize=8192)  # labels and rivals are keyed again on every search
def compact_key(text: str) -> str:
    return _NOT_KEY.sub("", text.upper())


_NOT_KEY = re.compile(r"[^A-Z0-9/]")


def _similar(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio, or 0.0 as soon as its cheap upper bounds show it cannot reach `floor`.

    `b` is a label compared against many candidates: its matcher (which
    indexes `b`, the costly part) is kept per thread and reused.
    """
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < floor:
        return 0.0
    matchers = _MATCHERS.__dict__.setdefault("by_label", {})
    matcher = matchers.get(b)
    if matcher is None:
        matcher = matchers[b] = difflib.SequenceMatcher(None, "", b)
    matcher.set_seq1(a)
    if matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


_MATCHERS = threading.local()


def find_label(all_lines: list[Line], label: str, *, after_y: float | None = None,
               before_y: float | None = None, min_ratio: float = 0.85,
               rivals: tuple[str, ...] = (), colon: bool = True) -> tuple[Line, int, float] | None:
    """The best line holding `label` followed by a colon, the index of the first word after the colon, and
    how alike the printed label and `label` are (1.0 alike but for case, spaces and punctuation).

    `after_y`/`before_y` restrict the search to a band of the page (a section
    such as SUAMI). The colon may be its own word, end the label's last word,
    start the value's first word, or be lost in a wide gap. `rivals` are the
    other labels of the document: words that read more like a rival (`Nomor
    Induk Siswa` against `Nomor Induk Mahasiswa`) are not taken for `label`.
    With `colon=False` the label may stand without any colon (its value starts
    at the next word).
    """
    target = compact_key(label)
    rival_keys = [compact_key(r) for r in rivals if compact_key(r) != target]
    # One misread character in a short label (`RI/RW`) costs more ratio than in a long one.
    if len(target) >= 4:
        min_ratio = min(min_ratio, 1 - 1 / len(target))
    sizes = range(max(1, len(label.split()) - 1), printed_words(label) + 2)
    best: tuple[float, Line, int] | None = None
    for line, start, size in _index(all_lines).runs_like(target, min_ratio, sizes=sizes, whole=True):
        if (after_y is not None and line.y <= after_y) or (before_y is not None and line.y >= before_y):
            continue
        words = line.words
        end = start + size
        if any(w.text.endswith(":") for w in words[start:end - 1]) or any(
                w.text.startswith(":") for w in words[start + 1:end]):
            continue  # a colon inside the run closes a label before it: `Kabupaten : KOTA` is no `Kabupaten/Kota`
        after = _after_colon(words, end)
        if after is None and not colon and end < len(words):
            after = end
        if after is None:
            continue
        printed = compact_key(" ".join(w.text for w in words[start:end]))
        ratio = _similar(printed, target, min_ratio)
        if ratio < min_ratio or any(_similar(printed, r, ratio) > ratio for r in rival_keys):
            continue
        if best is None or ratio > best[0]:
            best = (ratio, line, after)
    return (best[1], best[2], best[0]) if best else None


def printed_words(label: str) -> int:
    """How many words `label` may be printed as: `Hari/Tanggal` also as `Hari / Tanggal`, three words."""
    return len(_SEPARATOR.sub(" / ", label).split())


_SEPARATOR = re.compile(r"\s*[/&]\s*")


def _after_colon(words: tuple[Word, ...], end: int) -> int | None:
    """Index of the first value word if a colon closes the label ending at `end`, else None."""
    if words[end - 1].text.endswith(":"):
        return end
    if end < len(words) and (words[end - 1].text.endswith("/") or words[end].text.startswith(("/", "("))):
        # A label printed with its translation (`Nama / Name :`, `Gelar (Degree) :`): the colon follows that.
        for i in range(end, min(len(words), end + _TRANSLATION_WORDS)):
            if words[i].text.endswith(":") or _COLON_ONLY.match(words[i].text):
                return i + 1
    if end < len(words):
        nxt = words[end].text
        if _COLON_ONLY.match(nxt) or (nxt in _COLON_DOUBTFUL and words[end].confidence < _DOUBT
                                      and end + 1 < len(words)):
            return end + 1
        if nxt.startswith(":"):
            return end
        line_height = statistics.median(w.height for w in words)
        if words[end].x0 - words[end - 1].x1 > _LABEL_GAP * line_height:
            return end
    return None


def label_factor(ratio: float) -> float:
    """What a label read with slips costs its value (`ratio` from `find_label`): half the dissimilarity,
    so one slip in a five-letter label (0.8) keeps 0.9 of the value's confidence, in a long one (0.93) 0.965.
    A label read as printed costs nothing."""
    return round((1.0 + min(1.0, ratio)) / 2, 3)


def value_after(line: Line, index: int, ratio: float = 1.0, *, gap_factor: float = 2.5) -> Span | None:
    """Words from `index` rightwards until a gap wider than `gap_factor` line heights; `ratio` is how alike
    its label read (`find_label`), which the span's `factor` costs."""
    printed = list(line.words[index:])
    words = without_leading_noise(printed, line.height)
    if not words:
        return None
    limit = gap_factor * line.height
    if words[0] is not printed[0] and words[0].x0 - printed[0].x1 > limit:
        return None  # a lone `-` (nothing) was dropped; what follows belongs to the next column
    taken = [words[0]]
    for word in words[1:]:
        if word.x0 - taken[-1].x1 > limit:
            break
        taken.append(word)
    return Span(line.page, tuple(taken), label_factor(ratio))


_NOISE = re.compile(r"^[^0-9A-Za-z]+$")
_COLON_LOOKALIKES = frozenset("1li|!:;.,'\"`»«")
"""Not `I` or `L`: Balinese names begin with the letter `I` (`I WAYAN ...`)."""
_COLON_PREFIX = re.compile(r"^[1lI|!i]?[:;]+(?=\S)|^[!|»«'\"`‘’“”]+(?=[0-9A-Za-z])")


def without_leading_noise(words: list[Word], height: float) -> list[Word]:
    """Drop what a colon, a bullet or a smudge between label and value was read as.

    Punctuation-only words (`:`, `»`, `—`), a colon or a stroke glued to the
    value (`:LA`, `1:DN-74/...`, `!JL.`), and a narrow one- or two-character word of colon
    look-alikes (`1`, `l`, `|`, `1»`) read at low confidence when more
    words follow, and a narrow digit or mark set far apart from the words
    after it (a colon far from its value, read `2.`).
    """
    while words:
        first = words[0]
        if _NOISE.match(first.text):
            words = words[1:]
            continue
        glued = _COLON_PREFIX.match(first.text)
        if glued:
            words[0] = Word(first.text[glued.end():], first.confidence, first.bbox)
            break
        narrow = len(words) > 1 and len(first.text) <= 2 and first.x1 - first.x0 < 0.8 * height
        if narrow and first.confidence < 0.9 and all(c in _COLON_LOOKALIKES for c in first.text):
            words = words[1:]
            continue
        if narrow and not any(c.isalpha() for c in first.text) and words[1].x0 - first.x1 > _COLON_GAP * height:
            words = words[1:]  # a colon set far from its value, read as `2.`: no value has such a gap
            continue
        break
    return words


_COLON_GAP = 1.2
"""Text heights between a narrow leading word and the next beyond which the word is a stray colon."""


def labelled(all_lines: list[Line], label: str, *, after_y: float | None = None, before_y: float | None = None,
             rivals: tuple[str, ...] = ()) -> Span | None:
    """The value printed right of `label :`, or None when the label is not on the page.

    As a second choice the label is accepted with its colon lost, unless it
    begins a rival label (`Nama` before `Nama Orang Tua/Wali`), whose start it
    would swallow.
    """
    found = find_label(all_lines, label, after_y=after_y, before_y=before_y, rivals=rivals)
    key = compact_key(label)
    if found is None and not any(compact_key(r).startswith(key) and compact_key(r) != key for r in rivals):
        found = find_label(all_lines, label, after_y=after_y, before_y=before_y, rivals=rivals, colon=False)
    return value_after(*found) if found else None


def first_labelled(all_lines: list[Line], labels: tuple[str, ...], *, rivals: tuple[str, ...] = ()) -> Span | None:
    """The value after the first of `labels` (variants of one label, most specific first) on the page."""
    for label in labels:
        span = labelled(all_lines, label, rivals=rivals)
        if span is not None:
            return span
    return None


def find_line(all_lines: list[Line], phrase: str, *, min_ratio: float = 0.8) -> Line | None:
    """The first line (top to bottom) containing words that read like `phrase`."""
    target = compact_key(phrase)
    n = len(phrase.split())
    for line, start, _ in _index(all_lines).runs_like(target, min_ratio, sizes=(n,), whole=False):
        chunk = compact_key(" ".join(w.text for w in line.words[start:start + n]))
        if _similar(chunk, target, min_ratio) >= min_ratio:
            return line
    return None


class _Index:
    """The words of some lines as character counts, to rule out at once the runs that cannot read like a label.

    `_similar` is 0 below its floor unless difflib's `quick_ratio` (twice the
    characters two strings share, as multisets, over their total length)
    reaches the floor. That bound is computed here for every run of words in
    one numpy pass; only the few runs that pass it are compared one by one.
    A run's compact key is the concatenation of its words' compact keys
    (`upper` maps character by character, spaces are dropped), so its counts
    are differences of cumulative per-word counts.
    """

    def __init__(self, all_lines: list[Line]) -> None:
        self.lines = tuple(all_lines)
        self.words = [(line, i) for line in self.lines for i in range(len(line.words))]
        keys = [compact_key(line.words[i].text).encode("ascii") for line, i in self.words]
        codes = np.frombuffer(b"".join(keys), dtype=np.uint8)
        owner = np.repeat(np.arange(len(keys)), np.array([len(k) for k in keys], dtype=np.int64))
        counts = np.bincount(owner * 128 + codes, minlength=len(keys) * 128).reshape(len(keys), 128)
        self.cumulative = np.vstack([np.zeros((1, 128), np.int64), np.cumsum(counts, axis=0)])
        sizes = np.array([len(line.words) for line in self.lines], dtype=np.int64)
        self.stop = np.repeat(np.cumsum(sizes), sizes)
        """Per word: the index one past the last word of its line."""

    def runs_like(self, target: str, floor: float, *, sizes: Iterable[int],
                  whole: bool) -> list[tuple[Line, int, int]]:
        """(line, start word, size) of the runs of `sizes` words whose quick ratio to `target` may reach
        `floor`, in line, start, size order. `whole`: only runs of exactly `size` words (else runs cut
        short by the line's end count too)."""
        want = np.bincount(np.frombuffer(target.encode("ascii"), dtype=np.uint8), minlength=128)
        chars = np.flatnonzero(want)
        counts = self.cumulative[:, chars]
        lengths = self.cumulative.sum(axis=1)
        starts = np.arange(len(self.words))
        found = []
        for size in sizes:
            ends = starts + size if whole else np.minimum(starts + size, self.stop)
            ok = ends <= self.stop
            first, last = starts[ok], ends[ok]
            shared = np.minimum(counts[last] - counts[first], want[chars]).sum(axis=1)
            # Slack for rounding: a run kept in vain is only compared exactly.
            near = 2 * shared >= floor * (lengths[last] - lengths[first] + len(target)) - 1e-9
            found += [(int(s), size) for s in first[near]]
        return [(self.words[s][0], self.words[s][1], size) for s, size in sorted(found)]


def _index(all_lines: list[Line]) -> _Index:
    """The index of these very lines, kept per thread for the last few lists searched."""
    kept: list[_Index] = _INDEXES.__dict__.setdefault("recent", [])
    for index in kept:
        if len(index.lines) == len(all_lines) and all(a is b for a, b in zip(index.lines, all_lines, strict=True)):
            return index
    index = _Index(all_lines)
    kept.insert(0, index)
    del kept[_KEEP_INDEXES:]
    return index


_INDEXES = threading.local()
_KEEP_INDEXES = 4


def cell_words(page: Page, cell: BBox) -> tuple[Word, ...]:
    """Words whose centre lies inside a table cell, in reading order."""
    return tuple(w for line in lines(page, tuple(page.words_in(cell))) for w in line.words)


def grid_rows(page: Page, grid: Grid) -> list[list[Span]]:
    """Every row of a ruled table as one Span per cell (possibly with no words)."""
    return [[Span(page.number, cell_words(page, cell)) for cell in grid.cells(r)] for r in range(grid.rows)]


def find_phrase(all_lines: list[Line], phrase: str, *, min_ratio: float = 0.85,
                after_y: float | None = None) -> tuple[Line, int] | None:
    """The first line (top to bottom, below `after_y`) holding words that read like `phrase`, and the index
    of the first word after them. Unlike `find_label`, no colon is needed: for phrases inside sentences."""
    return next(iter(phrase_places(all_lines, phrase, min_ratio=min_ratio, after_y=after_y)), None)


def phrase_places(all_lines: list[Line], phrase: str, *, min_ratio: float = 0.85,
                  after_y: float | None = None) -> list[tuple[Line, int]]:
    """Every (line, index after the phrase) where words read like `phrase`, top to bottom."""
    target = compact_key(phrase)
    n = len(phrase.split())
    out: list[tuple[Line, int]] = []
    sizes = range(max(1, n - 1), printed_words(phrase) + 2)
    for line, start, size in _index(all_lines).runs_like(target, min_ratio, sizes=sizes, whole=True):
        if after_y is not None and line.y <= after_y:
            continue
        chunk = compact_key(" ".join(w.text for w in line.words[start:start + size]))
        if _similar(chunk, target, min_ratio) >= min_ratio and not any(ln is line for ln, _ in out):
            out.append((line, start + size))
    return sorted(out, key=lambda item: (item[0].page, item[0].y))


def continued(all_lines: list[Line], span: Span, *, before_y: float | None = None, most: int = 2) -> Span:
    """`span` with the lines that continue it (a wrapped address): up to `most` lines right below, each
    beginning where the value began (not at the label column), with no label of their own."""
    # By its last word: a first word stripped of a glued colon (`:JL.` -> `JL.`) is a new word, in no line.
    line = next((ln for ln in all_lines if ln.page == span.page and span.words[-1] in ln.words), None)
    if line is None:
        return span
    words, height, x0 = list(span.words), line.height, span.words[0].x0
    last_y = line.y
    below = [ln for ln in all_lines if ln.page == span.page and ln.y > line.y]
    # A wrapped line sits one line pitch below: on a page set wide apart (pitch 2.1 line heights) that is
    # the pitch of the label lines above, up to 2.6 heights.
    above = [ln.y for ln in all_lines if ln.page == span.page and ln.y < line.y]
    pitch = line.y - above[-1] if above else 0.0
    reach = max(1.9 * height, min(2.6 * height, 1.15 * pitch))
    for nxt in below[:most]:
        if (before_y is not None and nxt.y >= before_y) or nxt.y - last_y > reach:
            break
        first = nxt.words[0]
        if abs(first.x0 - x0) > 1.5 * height or any(":" in w.text for w in nxt.words) \
                or abs(nxt.height - height) > 0.35 * height:
            break
        words += nxt.words
        last_y = nxt.y
    return Span(span.page, tuple(words), span.factor)
