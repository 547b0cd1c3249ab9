"""A table's columns from its text: leaf header cells from the header's words, boundaries from the values.

    header_columns(page, header_lines, height, header_word=, header=, group_label=) -> [Column]
    column_bounds(columns, body_words, height, hint, rows=, width=) -> [x of every boundary]

Words on a header line close together are one phrase, unless it reads as two headers side by side;
phrases stacked over each other are one column's header; a phrase over two phrases that lie side by
side, or one the caller knows for one, is a group label over several columns and belongs to none.
Two pieces of a header read apart are one column when together they read as a header and apart
they do not.

Between two headers the left column's values end and the right one's begin: the boundary is a
vertical rule found there, or else the first stretch free of values after the left header.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._layout import Line, lines
from ._model import Grid, Page, Word

_PHRASE_GAP = 0.9
"""Line heights between two words of a header line beyond which they belong to different columns..."""
_SPACES = 1.8
"""... or this many of the header's usual spaces between words, if wider ..."""
_MAX_PHRASE_GAP = 2.5
"""... but never more line heights than this."""
_MIN_GUTTER = 0.4
"""Line heights a stretch free of values must span to separate two columns."""
_MIN_OUTER_GUTTER = 1.0
"""... and beyond the outermost headers, where no header says a column begins: a space between words is
narrower (`BR  NASUTION` at one x in every row of a family's mothers' names is no column of its own)."""
_WORD_LETTERS = 3
"""Letters or digits that make a word a value wherever it was read ..."""
_SURE_SPECK = 0.7
"""... and the confidence that makes a shorter one a value (a blood group `O`), not a speck."""
_RULE_REACH = 0.5
"""Line heights into a word within which a vertical rule still parts it from its neighbour."""
_EDGE_REACH = 3
"""Line heights beyond the outermost words within which a vertical rule is the table's edge."""


@dataclass(frozen=True)
class Column:
    """One leaf header cell as found from its words: its horizontal extent and its words, top to bottom."""

    x0: int
    x1: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def cy(self) -> float:
        return statistics.median(w.cy for w in self.words)


def header_columns(page: Page, header_lines: list[Line], height: float, *, header_word: Callable[[str], bool],
                   header: Callable[[str], bool], group_label: Callable[[str], bool],
                   bars: tuple[Word, ...] = (), hint: Grid | None = None) -> list[Column]:
    """The header's leaf cells, left to right (see the module docstring).

    A stack holding no header word at all is left out (specks, or a broken rule read as letters), unless
    it reads as a header whole (`N I K`, letters spaced out). `bars`:
    the `|` of rules printed in characters; two words a bar stands between on their line are two phrases,
    however narrow the gap (a monospaced print's `N I K | L/P | TEMPAT`). `hint`: the ruled grid around
    the header, if one was found; its vertical rules part two words in the same way, and two phrases whose
    middles lie on either side of one are never one column's stack (narrow columns' headers side by side,
    `Status` / `Tgl.` over `Perkawinan Perkawinan` read as one word across their rule).
    """
    inked = tuple(w for ln in header_lines for w in ln.words if any(c.isalnum() for c in w.text))
    rules = hint.xs if hint is not None else ()
    phrases = [part for phrase in _phrases(lines(page, inked), height)
               for barred in _between_bars(phrase, bars, rules, reach=_RULE_REACH * height)
               for part in _apart(barred, header)]
    spans = [(min(w.x0 for w in p), max(w.x1 for w in p), statistics.median(w.cy for w in p)) for p in phrases]

    def overlap(i: int, j: int) -> bool:
        (a0, a1, _), (b0, b1, _) = spans[i], spans[j]
        middles = sorted(((a0 + a1) / 2, (b0 + b1) / 2))
        if any(middles[0] < x < middles[1] for x in rules):
            return False
        return min(a1, b1) - max(a0, b0) > 0.25 * min(a1 - a0, b1 - b0)

    def over_several(i: int) -> bool:
        if group_label(" ".join(w.text for w in phrases[i])):
            return True
        under = [j for j in range(len(spans)) if spans[j][2] > spans[i][2] + 0.5 * height and overlap(i, j)]
        return any(not overlap(a, b) for a, b in itertools.combinations(under, 2))

    leaves = [i for i in range(len(spans)) if not over_several(i)]
    parent = {i: i for i in leaves}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(leaves, 2):
        if overlap(a, b):
            parent[find(a)] = find(b)
    stacks: dict[int, list[int]] = {}
    for i in leaves:
        stacks.setdefault(find(i), []).append(i)
    columns = []
    for members in stacks.values():
        words = tuple(w for i in sorted(members, key=lambda k: spans[k][2]) for w in phrases[i])
        if any(header_word(w.text) for w in words) or header(" ".join(w.text for w in words)):
            columns.append(_within_rules(Column(min(w.x0 for w in words), max(w.x1 for w in words), words), rules))
    return _rejoined(sorted(columns, key=lambda c: c.x0), height, header, rules)


def _phrases(header_lines: list[Line], height: float) -> list[tuple[Word, ...]]:
    """The words of each line in runs split at gaps wider than a phrase's (`_word_gap`)."""
    gap = _word_gap(header_lines, height)
    phrases = []
    for ln in header_lines:
        phrase = [ln.words[0]]
        for word in ln.words[1:]:
            if word.x0 - phrase[-1].x1 > gap:
                phrases.append(tuple(phrase))
                phrase = []
            phrase.append(word)
        phrases.append(tuple(phrase))
    return phrases


def _within_rules(column: Column, rules: tuple[int, ...]) -> Column:
    """A column no wider than the ruled cell its middle lies in (a word run over its cell's rule)."""
    middle = (column.x0 + column.x1) / 2
    lo = max((x for x in rules if x < middle), default=column.x0)
    hi = min((x for x in rules if x > middle), default=column.x1)
    return Column(max(column.x0, lo), min(column.x1, hi), column.words)


def _between_bars(phrase: tuple[Word, ...], bars: tuple[Word, ...], rules: tuple[int, ...] = (), *,
                  reach: float = 0.0) -> list[tuple[Word, ...]]:
    """A phrase split wherever a bar printed on its line, or a vertical rule, stands in the gap between two
    of its words, or within `reach` of it (a word's last letter run over its cell's rule); a rule through
    the middle of a word, printed out of register, splits nothing."""
    if len(phrase) < 2 or not (bars or rules):
        return [phrase]
    top, bottom = min(w.bbox[1] for w in phrase), max(w.bbox[3] for w in phrase)
    xs = [b.cx for b in bars if b.bbox[1] < bottom and top < b.bbox[3]] + list(rules)
    parts = [[phrase[0]]]
    for a, b in itertools.pairwise(phrase):
        if any(a.x1 - reach <= x <= b.x0 + reach for x in xs):
            parts.append([])
        parts[-1].append(b)
    return [tuple(p) for p in parts]


def _apart(phrase: tuple[Word, ...], header: Callable[[str], bool]) -> list[tuple[Word, ...]]:
    """A phrase that is two headers side by side (`No Status Perkawinan`, `No. Paspor No. KITAP`: a narrow
    gap between columns in a widely spaced typeface) in its headers."""
    for k in range(1, len(phrase)):
        left, right = phrase[:k], phrase[k:]
        if header(" ".join(w.text for w in left)) and header(" ".join(w.text for w in right)):
            return [left, *_apart(right, header)]
    return [phrase]


def _word_gap(header_lines: list[Line], height: float) -> float:
    """The widest gap between two words of one header phrase: some line heights, more in a widely spaced
    typeface (about twice its usual space between words)."""
    gaps = [b.x0 - a.x1 for ln in header_lines for a, b in itertools.pairwise(ln.words)]
    spaces = [g for g in gaps if 0 <= g < _MAX_PHRASE_GAP * height]
    usual = statistics.median(spaces) if spaces else 0.0
    return min(_MAX_PHRASE_GAP * height, max(_PHRASE_GAP * height, _SPACES * usual))


def _rejoined(columns: list[Column], height: float, header: Callable[[str], bool],
              rules: tuple[int, ...] = ()) -> list[Column]:
    """Neighbours on one line that are no header apart but one together (`Nama` + `Ibu`) made one column,
    unless a vertical rule stands between them."""
    out = columns[:1]
    for column in columns[1:]:
        last = out[-1]
        joined = f"{last.text} {column.text}"
        if (abs(last.cy - column.cy) < 0.5 * height and column.x0 - last.x1 < _MAX_PHRASE_GAP * height
                and not any((last.x0 + last.x1) / 2 < x < (column.x0 + column.x1) / 2 for x in rules)
                and not (header(last.text) and header(column.text)) and header(joined)):
            out[-1] = Column(last.x0, max(last.x1, column.x1), last.words + column.words)
        else:
            out.append(column)
    return out


def column_bounds(columns: list[Column], body: list[Word], height: float, hint: Grid | None, *, rows: int,
                  width: int | None, bars: tuple[int, ...] = ()) -> list[int]:
    """x of the table's left edge, of every boundary between columns, and of its right edge.

    A left-aligned value may start well before its own centred header, so the boundary between two
    headers is the first stretch free of values after the left one (unless it is a space between words
    of long values: the values after it start at one x in a few rows only, and a wider stretch after
    which they start at one x in nearly every row is the gutter); values of most rows running on
    unbroken from one header to the next make one column (its header read in pieces). Left of the
    first header and right of the last, a stretch with values beyond it, wider than a space between
    words, is the edge of a column whose header went unread. `bars`: x of the `|` of rules printed in
    characters, taken as vertical rules.
    """
    left = min([c.x0 for c in columns] + [w.x0 for w in body])
    right = max([c.x1 for c in columns] + [w.x1 for w in body])
    pad = round(0.5 * height)
    covered = _coverage(body, max(width or 0, right + pad) + 2)
    ruled = sorted({*(hint.xs if hint is not None else ()), *bars})
    rules = [x for x in ruled if 0 <= x < len(covered) and covered[x] <= 1]
    least = max(2, round(_MIN_GUTTER * height))
    outer = max(least, round(_MIN_OUTER_GUTTER * height))
    xs = [_edge(rules, left - pad, lambda x: x <= left, reach=_EDGE_REACH * height, first=True)]
    edges = [(left - pad, columns[0].x0), *((a.x1, b.x0) for a, b in itertools.pairwise(columns)),
             (columns[-1].x1, right + pad)]
    for k, (lo, hi) in enumerate(edges):
        inside = [x for x in rules if lo < x < hi]
        if inside:
            cuts = inside
        elif 0 < k < len(edges) - 1:
            free = [r for r in _free_runs(covered, lo, hi) if r[1] - r[0] >= least or r[0] <= lo + 1]
            first = free[0] if free else None
            if first is not None and not _starts_column(body, first[1], height):
                wider = [r for r in free if r[1] - r[0] >= _WIDER * (first[1] - first[0])]
                first = next((r for r in wider if _starts_column(body, r[1], height)), first)
            cuts = [round((first[0] + first[1]) / 2)] if first else _least_crossed(covered, lo, hi, rows)
        else:
            cuts = [round((a + b) / 2) for a, b in _free_runs(covered, lo, hi)
                    if b - a >= outer and lo + 1 < a and b < hi - 1]
        xs += [x for x in cuts if x > xs[-1]]
    end = _edge(rules, right + pad, lambda x: x >= right, reach=_EDGE_REACH * height, first=False)
    xs.append(max(end, xs[-1] + 1))
    return xs


def _starts_column(body: list[Word], x: int, height: float) -> bool:
    """Whether the values after x start at x in nearly every row that has one, as a left-aligned column's
    do; words after a space inside a value (`ANDREAS FRANSISKUS  SINAGA`) start there in a few rows only."""
    rows: dict[int, Word] = {}
    for w in body:
        if w.x0 >= x and sum(c.isalnum() for c in w.text) >= _WORD_LETTERS:  # not `(9)` under a header
            row = round(w.cy / height)
            if row not in rows or w.x0 < rows[row].x0:
                rows[row] = w
    starts = [w.x0 - x <= _ALIGNED * height for w in rows.values()]
    return len(starts) >= 2 and sum(starts) >= _ALIGNED_ROWS * len(starts)


_WIDER = 1.5
"""How much wider than the first stretch free of values a later one must be to be the gutter instead ..."""
_ALIGNED = 0.5
"""Line heights after a gutter within which a left-aligned column's values start ..."""
_ALIGNED_ROWS = 0.8
"""... in this share of the rows that have a value after it."""


def _coverage(body: list[Word], size: int) -> np.ndarray:
    """Per x, how many values cross it. A word of one or two letters read unsurely is a speck or what is
    left of a rule (`|`, `Nu`, `—`), and counts for nothing."""
    cover = np.zeros(size + 1, dtype=np.int32)
    for w in body:
        letters = sum(c.isalnum() for c in w.text)
        if letters >= _WORD_LETTERS or (letters and w.confidence >= _SURE_SPECK):
            cover[max(0, w.x0)] += 1
            cover[min(size, w.x1 + 1)] -= 1
    return np.cumsum(cover)[:size]


def _least_crossed(covered: np.ndarray, lo: float, hi: float, rows: int) -> list[int]:
    """Where fewest values cross between two headers; none when values of most rows run on from one
    header to the next."""
    a, b = max(0, int(np.ceil(lo))), min(len(covered), int(hi) + 1)
    if b <= a:
        return [round((lo + hi) / 2)]
    stretch = covered[a:b]
    least = int(stretch.min())
    if 2 * least > rows:
        return []
    at = np.flatnonzero(stretch == least)
    return [a + int(at[len(at) // 2])]


def _edge(rules: list[int], default: float, beyond: Callable[[int], bool], *, reach: float, first: bool) -> int:
    """The table's outer rule on one side if one lies just beyond its outermost words, else `default`."""
    near = [x for x in rules if beyond(x) and abs(x - default) <= reach]
    if not near:
        return round(default)
    return max(near) if first else min(near)


def _free_runs(covered: np.ndarray, lo: float, hi: float) -> list[tuple[int, int]]:
    """[start, end) stretches of x in [lo, hi] that no value covers, left to right."""
    a, b = max(0, int(np.ceil(lo))), min(len(covered), int(hi) + 1)
    if b <= a:
        return []
    free = np.concatenate(([False], covered[a:b] == 0, [False])).view(np.int8)
    edges = np.flatnonzero(np.diff(free))
    return [(a + int(s), a + int(e)) for s, e in zip(edges[::2], edges[1::2], strict=True)]
