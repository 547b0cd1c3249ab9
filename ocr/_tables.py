"""Tables read from their text: rows from text lines anchored on what every row prints once, columns
from the header words and the values under them. Ruled lines are only a hint.

    text_tables(page, spec) -> [Grid], top to bottom (row 0 of each its header)
    split_rows(page, grid, spec) -> Grid   a ruled table's merged rows split by their text
    TableSpec                  what a document type knows of its tables' printing
    Column                     a header cell as found from its words (`_table_columns`)

A table is found by its header: a block of text lines made mostly of column-header words. Its
columns come from the header's words and the values under them (`_table_columns`).

Its rows are the text lines below the header that anchor a row (for a KK member, the NIK or the row
number): one row per anchor. Every other line joins the nearest anchor's row (a name wrapped onto a
second line), unless it lies far from every anchor, when it is a row of its own (a row whose anchors
went unread). The row pitch is learned from the anchors and the lines across several columns. The
boundary between two rows is a horizontal rule found between them that cuts no word, or else the
middle of the white between them.

So a faint, broken or missing rule does not merge two rows or drop one, a doubled rule does not
split one, and a shaded header band whose lower rule vanished in binarization does not swallow the
first row. The result is a `Grid` like a ruled table's, read cell by cell as one.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._confidence import faint
from ._layout import Line, lines
from ._model import Grid, Page, Word
from ._table_columns import Column, column_bounds, header_columns

__all__ = ["Column", "TableSpec", "split_rows", "text_tables", "without_drawn_rules", "without_specks"]


@dataclass(frozen=True)
class TableSpec:
    """What a document type knows of how its tables are printed (words, not positions)."""

    header_word: Callable[[str], bool]
    """Whether a word reads as a word of some column header (`Kelamin`, `No.`), small slips allowed."""
    header: Callable[[str], bool]
    """Whether a phrase reads as one column's whole header (`Nama Ibu`, `No`)."""
    group_label: Callable[[str], bool]
    """Whether a phrase is a label printed over several columns (`DOKUMEN IMIGRASI`)."""
    anchor: Callable[[Line, Sequence[Column]], bool]
    """Whether a line, under these header columns, prints what a row prints once (a NIK, a row number)."""
    number_row: Callable[[Line], bool]
    """Whether a line is the column numbers printed under a header (`(1) (2) (3) ...`): a row, never a record."""


_HEADER_SHARE = 0.6
"""Share of a line's words that must be column-header words for the line to belong to a header."""
_MIN_HEADER_WORDS = 3
"""Distinct header words a block of header lines needs to be a table's header."""
_OWN_ROW = 0.6
"""Row pitches from every anchor beyond which a line is a row of its own."""
_MAX_ROW_GAP = 6.0
"""Line heights between two anchors beyond which the second is not in the table (a footer's number)."""
_GAP_ENDS = 2.5
"""Row pitches after the last anchor beyond which the next is not in the table (one row's anchors may go unread)."""
_ACROSS_GAP_ENDS = 1.5
"""The same, for rows found as lines across several columns (every row is one)."""
_ACROSS = 3
"""Columns a line's words must fall under for the line to be a row rather than a cell's second line."""
_WRAPPED = 1.5
"""Line heights from an anchor within which a line may be a cell's second line, not a row."""
_STACKED = 0.7
"""Line heights between two anchor lines beyond which they lie one over the other: two rows, not one."""
_PITCH_SLACK = 0.3
"""Share of the row pitch by which a row found without anchors may sit off the pitch."""


@dataclass
class _Row:
    lines: list[Line]

    @property
    def top(self) -> float:
        return min(_top(ln) for ln in self.lines)

    @property
    def bottom(self) -> float:
        return max(_bottom(ln) for ln in self.lines)

    @property
    def y(self) -> float:
        return self.lines[0].y


def text_tables(page: Page, spec: TableSpec) -> list[Grid]:
    """The page's tables whose header and rows were read, as grids, top to bottom (row 0 the header)."""
    bars = tuple(w for w in page.words if drawn_rule(w.text) and ("|" in w.text or "¦" in w.text))
    page = without_drawn_rules(page)
    all_lines = lines(page)
    if not all_lines:
        return []
    height = statistics.median(ln.height for ln in all_lines)
    blocks = _header_blocks(all_lines, spec.header_word, height)
    grids = []
    for i, block in enumerate(blocks):
        limit = min(_top(ln) for ln in blocks[i + 1]) if i + 1 < len(blocks) else float("inf")
        grid = _table(page, all_lines, block, limit=limit, spec=spec, bars=bars)
        if grid is not None:
            grids.append(grid)
    return grids


def _header_blocks(all_lines: list[Line], header_word: Callable[[str], bool], height: float) -> list[list[Line]]:
    """Runs of lines made mostly of header words, each holding enough distinct ones; plus any line inside one."""
    def counted(word: Word) -> bool:  # not a rule's stroke (`|`) nor a stain read unsurely as letters (`SD`)
        return any(c.isalnum() for c in word.text) and (not faint(word.confidence) or header_word(word.text))

    headerish = [ln for ln in all_lines if sum(header_word(w.text) for w in ln.words)
                 >= max(1.0, _HEADER_SHARE * sum(counted(w) for w in ln.words))]
    runs: list[list[Line]] = []
    for ln in headerish:
        if runs and _top(ln) - max(_bottom(x) for x in runs[-1]) <= 1.5 * height:
            runs[-1].append(ln)
        else:
            runs.append([ln])
    blocks = []
    for run in runs:
        distinct = {w.text.upper().strip(".:") for ln in run for w in ln.words if header_word(w.text)}
        if len(distinct) < _MIN_HEADER_WORDS:
            continue
        top, bottom = min(_top(ln) for ln in run), max(_bottom(ln) for ln in run)
        blocks.append([ln for ln in all_lines if ln in run or top <= ln.y <= bottom])
    return blocks


def _top(line: Line) -> float:
    """The line's top: its words' median (a speck or a tall misread column of digits does not count)."""
    return statistics.median(w.bbox[1] for w in line.words)


def _bottom(line: Line) -> float:
    return statistics.median(w.bbox[3] for w in line.words)


def _table(page: Page, all_lines: list[Line], block: list[Line], *, limit: float, spec: TableSpec,
           bars: tuple[Word, ...] = ()) -> Grid | None:
    height = statistics.median(ln.height for ln in block)
    header_top = min(_top(ln) for ln in block)
    header_bottom = max(_bottom(ln) for ln in block)
    hint = _hint(page, header_top, height)
    columns = header_columns(page, block, height, header_word=spec.header_word, header=spec.header,
                             group_label=spec.group_label, bars=bars, hint=hint)
    if not columns:
        return None
    below = [ln for ln in all_lines if header_bottom < ln.y < limit and ln not in block]
    bottom = hint.ys[-1] if hint is not None and hint.ys[-1] > header_bottom else float("inf")
    rows = _rows(below, columns, height, header_bottom=header_bottom, bottom=bottom, spec=spec)
    if not rows:
        return None
    body = [w for row in rows for ln in row.lines for w in ln.words]
    xs = column_bounds(columns, body, height, hint, rows=len(rows),
                       width=page.image.shape[1] if page.image is not None else None,
                       bars=_bar_columns(bars, top=header_top, bottom=rows[-1].bottom, height=height))
    if len(xs) < 3:
        return None
    return Grid(xs=tuple(xs), ys=tuple(_row_bounds(block, rows, height, hint)))


def _bar_columns(bars: tuple[Word, ...], *, top: float, bottom: float, height: float) -> tuple[int, ...]:
    """x of the vertical rules printed in characters within a table's rows: the `|` at one x (within half
    a line height) on at least two of its lines."""
    xs = sorted(round(b.cx) for b in bars if top - height <= b.cy <= bottom + height)
    runs: list[list[int]] = []
    for x in xs:
        if runs and x - runs[-1][-1] <= 0.5 * height:
            runs[-1].append(x)
        else:
            runs.append([x])
    return tuple(round(statistics.median(run)) for run in runs if len(run) >= _BAR_LINES)


_BAR_LINES = 2
"""Lines of a table on which a `|` must stand at one x to be a column rule, not a stray stroke."""


def _hint(page: Page, header_top: float, height: float) -> Grid | None:
    """The ruled grid, if any, that holds this header (its top within a few line heights above it)."""
    near = [g for g in page.grids if g.ys[0] - 3 * height <= header_top <= g.ys[-1]]
    return min(near, key=lambda g: abs(g.ys[0] - header_top), default=None)


def _rows(below: list[Line], columns: list[Column], height: float, *, header_bottom: float, bottom: float,
          spec: TableSpec) -> list[_Row]:
    """The rows under a header, top to bottom: one per anchor line (or printed column-number line).

    Anchors run on from the header with no gap wider than a few lines or rows (a number in a footer
    further down is not a row); with no anchor read at all, every line across several columns is
    one. A line far from every anchor is a row of its own; any other joins the nearest.
    """
    # What a dashed or dotted rule, or a stain, is read as (`Ba Sa un Na aa`, every word unsure) is no row.
    below = [ln for ln in below if not _specks(ln) or spec.number_row(ln) or spec.anchor(ln, columns)]
    marks = [ln for ln in below if spec.number_row(ln) or spec.anchor(ln, columns)]
    counted = [ln.y for ln in marks if spec.number_row(ln)]
    if counted:  # the column numbers are printed right under the header: what is above them is header
        marks = [ln for ln in marks if ln.y >= max(counted) or spec.number_row(ln)]
    kept = _run_on(marks, height, header_bottom=header_bottom, ends=_GAP_ENDS, number_row=spec.number_row,
                   bottom=bottom)
    if all(spec.number_row(ln) for ln in kept):
        marks = [ln for ln in below if spec.number_row(ln) or _across(ln, columns)]
        kept = _run_on(marks, height, header_bottom=header_bottom, ends=_ACROSS_GAP_ENDS, number_row=spec.number_row,
                       bottom=bottom)
    if all(spec.number_row(ln) for ln in kept):
        return []
    rows: list[_Row] = []
    for ln in kept:  # a NIK and a row number chained into two lines at one height are one row
        if rows and ln.y - rows[-1].y < 0.6 * height:
            rows[-1].lines.append(ln)
        else:
            rows.append(_Row([ln]))
    numbers = [r for r in rows if all(spec.number_row(ln) for ln in r.lines)]
    anchors = [r for r in rows if r not in numbers]
    # Lines across several columns clear of the anchors keep rows whose anchors went unread in the count.
    reach = min(bottom, anchors[-1].y + _MAX_ROW_GAP * height)
    spread = [ln.y for ln in below if ln not in kept and ln.y <= reach and not spec.number_row(ln)
              and _across(ln, columns) and all(abs(ln.y - r.y) > _WRAPPED * height for r in rows)]
    pitch = _pitch(sorted([r.y for r in anchors] + spread), floor=height) or 2.5 * height
    others = [ln for ln in below if ln not in kept and ln.y <= anchors[-1].y + _OWN_ROW * pitch]
    for ln in others:  # rows whose anchors went unread first, so that a wrapped line finds its own row
        if (_inked(ln) and all(abs(ln.y - r.y) > _OWN_ROW * pitch for r in rows if r not in numbers)
                and all(abs(ln.y - r.y) > 0.5 * height for r in numbers)):
            rows.append(_Row([ln]))
    rows.sort(key=lambda r: r.y)
    rows += _rows_after(rows[-1].y, [ln for ln in below if ln.y > anchors[-1].y + _OWN_ROW * pitch], columns,
                        pitch=pitch, bottom=bottom)
    for ln in others:
        if any(ln is r.lines[0] for r in rows):
            continue
        nearest = min((r for r in rows if r not in numbers), key=lambda r: abs(ln.y - r.y))
        if abs(ln.y - nearest.y) <= _OWN_ROW * pitch:
            nearest.lines.append(ln)
    return rows


def _run_on(marks: list[Line], height: float, *, header_bottom: float, ends: float,
            number_row: Callable[[Line], bool], bottom: float = float("inf")) -> list[Line]:
    """The marked lines that run on from the header without a gap wider than a few lines, or than `ends`
    row pitches once the pitch shows; inside a ruled table (above its `bottom` rule, as far as the rules were
    found) whatever the gaps (rows typed at uneven heights, a header of specks making the line height small)."""
    kept: list[Line] = []
    last = header_bottom
    for ln in sorted(marks, key=lambda x: x.y):
        steps = [x.y for x in kept if not number_row(x)]
        pitch = _pitch(steps, floor=height) if len(steps) >= 3 else None
        gap = ln.y - last > _MAX_ROW_GAP * height or (pitch is not None and ln.y - last > ends * pitch)
        if gap and (bottom == float("inf") or ln.y > bottom):
            break
        kept.append(ln)
        last = ln.y
    return kept


def _pitch(ys: list[float], *, floor: float) -> float | None:
    """The usual distance between consecutive rows: the gaps near the smallest (a row whose anchors went
    unread leaves a double gap) of those over `floor` (one text line: closer lines are one row)."""
    gaps = [b - a for a, b in itertools.pairwise(ys) if b - a > floor]
    if not gaps:
        return None
    return statistics.median(g for g in gaps if g <= 1.5 * min(gaps))


def _rows_after(last: float, after: list[Line], columns: Sequence[Column], *, pitch: float,
                bottom: float) -> list[_Row]:
    """Rows after the last anchor whose anchors went unread: lines across several columns, one row pitch
    after another (a footer further down, or past the table's bottom rule, is not one)."""
    rows = []
    for ln in after:
        if ln.y > bottom or ln.y - last > (1 + _PITCH_SLACK) * pitch:
            break
        if ln.y - last >= (1 - _PITCH_SLACK) * pitch and _across(ln, columns):
            rows.append(_Row([ln]))
            last = ln.y
    return rows


def _across(line: Line, columns: Sequence[Column]) -> bool:
    """Whether a line holds words under at least `_ACROSS` different headers (a row, not a wrapped cell)."""
    def nearest(word: Word) -> int:
        return min(range(len(columns)), key=lambda i: max(0.0, columns[i].x0 - word.cx, word.cx - columns[i].x1))

    return len({nearest(w) for w in line.words if any(c.isalnum() for c in w.text)}) >= _ACROSS


def _inked(line: Line) -> bool:
    """Whether a line holds a letter or digit (not only the specks and strokes a faint rule is read as)."""
    return any(c.isalnum() for w in line.words for c in w.text)


def without_drawn_rules(page: Page) -> Page:
    """The page without the rules a table prints in characters (a line printer's or a plain-text print's
    `+-----+-----+` and the `|` between cells, in its text layer or read off its image). They are rules,
    never values: left in, a `|` counts against a header line being one and splits or joins header cells,
    and a `+---+` line wider than the table lands in one cell of a row. A dash of an empty cell (`-`, `--`)
    stays."""
    kept = tuple(w for w in page.words if not drawn_rule(w.text))
    return page if len(kept) == len(page.words) else dataclasses.replace(page, words=kept)


_RULE_CHARACTERS = frozenset("|+-=_¦")
_CELL_DASHES = 3
"""Dashes an empty cell may print (`-`, `--`, `---`); a longer run of them is a rule."""


def drawn_rule(text: str) -> bool:
    """Whether a word is a rule printed in characters: `|`, `||`, `+------+---`, `=======`; read off a scan
    with a few specks among its dashes (`&------2-2n-------`, `#-----5--`), which no value prints."""
    text = text.strip()
    if not text:
        return False
    if set(text) <= _RULE_CHARACTERS:
        return "|" in text or "¦" in text or "+" in text or len(text) > _CELL_DASHES
    ruled = sum(c in _RULE_CHARACTERS for c in text)
    return _DASH_RUN.search(text) is not None and ruled >= _RULED_SHARE * len(text)


_DASH_RUN = re.compile(r"[-=_]{4}")
_RULED_SHARE = 0.6
"""Share of a word's characters that are a rule's for a word with a run of dashes to be a rule read with specks."""


def without_specks(page: Page, grids: Sequence[Grid], spec: TableSpec) -> Page:
    """The page without the lines inside the tables' rows that hold nothing read surely (`_specks`): a dashed
    row rule read as `Ba Sa un Na aa` across a row's cells would join every cell's value. Anchors (a NIK read
    unsurely) and the column-number row stay."""
    if not grids:
        return page
    dropped: set[int] = set()
    for grid in grids:
        if grid.rows < 2:
            continue
        x0, _, x1, y1 = grid.bbox
        words = page.words_in((x0, grid.ys[1], x1, y1))
        if not words:
            continue
        columns = [Column(a, b, ()) for a, b in itertools.pairwise(grid.xs)]
        for ln in lines(page, tuple(words)):
            if _specks(ln) and not spec.number_row(ln) and not spec.anchor(ln, columns):
                dropped.update(id(w) for w in ln.words)
    if not dropped:
        return page
    return dataclasses.replace(page, words=tuple(w for w in page.words if id(w) not in dropped))


def _specks(line: Line) -> bool:
    """Whether a line holds several words and nothing read surely: no word of two letters or digits (or a
    digit: a row number) read not faint (`confidence.faint`). One value alone on its line read unsurely (a blood
    group `O`, a `LAKI-LAKI` set off its row's baseline) is no speck. A broken rule, dashed or dotted, read
    as text comes back as short words read at near 0 (`Ba Sa un Na aa`)."""
    inked = [w for w in line.words if any(c.isalnum() for c in w.text)]
    return len(inked) >= _SPECK_WORDS and not any(
        not faint(w.confidence) and (sum(c.isalnum() for c in w.text) >= 2 or any(c.isdigit() for c in w.text))
        for w in inked)


_SPECK_WORDS = 3
"""Words a line of specks holds at least: a rule read as letters runs across several columns."""


def _row_bounds(block: list[Line], rows: list[_Row], height: float, hint: Grid | None) -> list[int]:
    """y of the header's top, of every boundary between header and rows and between rows, and of the last bottom."""
    rules = list(hint.ys) if hint is not None else []
    words = [w for ln in block for w in ln.words] + [w for r in rows for ln in r.lines for w in ln.words]

    def clear(y: int) -> bool:
        return not any(w.bbox[1] + 2 < y < w.bbox[3] - 2 and w.height < 2 * height for w in words)

    top = min(_top(ln) for ln in block)
    above = [y for y in rules if top - 2 * height <= y <= top and clear(y)]
    ys = [max(above) if above else round(top - 0.4 * height)]
    bands = [(top, max(_bottom(ln) for ln in block))] + [(r.top, r.bottom) for r in rows]
    for (_, upper), (lower, _) in itertools.pairwise(bands):
        middle = (upper + lower) / 2
        between = [y for y in rules if min(upper, middle) - 2 <= y <= max(lower, middle) + 2 and clear(y)]
        y = min(between, key=lambda v: abs(v - middle)) if between else round(middle)
        ys.append(max(y, ys[-1] + 1))
    gaps = [lower - upper for (_, upper), (lower, _) in itertools.pairwise(bands[1:])]
    last = bands[-1][1]
    reach = max(0.3 * height, statistics.median(gaps) / 2 if gaps else 0.5 * height)
    after = [y for y in rules if last - 2 <= y <= last + 2 * reach + height and clear(y)]
    ys.append(max(min(after) if after else round(last + reach), ys[-1] + 1))
    return ys


def split_rows(page: Page, grid: Grid, spec: TableSpec) -> Grid:
    """A ruled table (row 0 its header) with every ruled row that holds several rows' text split between them.

    A row rule faded, broken or never found leaves one ruled row over several printed ones. The rows are
    then taken from the text: each line that anchors a row (a NIK, a row number) is a row of its own;
    without anchors, each line across several columns that lies further from the last than a wrapped
    cell's second line. Each boundary is the middle between two such lines.
    """
    words = tuple(page.words_in(grid.bbox))
    if not words or grid.rows < 2:
        return grid
    found = lines(page, words)
    height = statistics.median(ln.height for ln in found)
    columns = [Column(x0, x1, tuple(page.words_in((x0, grid.ys[0], x1, grid.ys[1]))))
               for x0, x1 in itertools.pairwise(grid.xs)]
    ys = [grid.ys[0], grid.ys[1]]
    for top, bottom in itertools.pairwise(grid.ys[1:]):
        inside = [ln for ln in found if top < ln.y < bottom and _inked(ln) and not spec.number_row(ln)
                  and not (_specks(ln) and not spec.anchor(ln, columns))]
        marks = [ln.y for ln in inside if spec.anchor(ln, columns)]
        # Two anchors one over the other are two rows however close (a row prints its NIK once); lines
        # across several columns may be a wrapped cell's second line.
        apart = _STACKED * height
        if len(marks) < 2:
            marks = [ln.y for ln in inside if _across(ln, columns)]
            apart = _WRAPPED * height
        starts: list[float] = []
        for y in sorted(marks):
            if not starts or y - starts[-1] > apart:
                starts.append(y)
        ys += [round((a + b) / 2) for a, b in itertools.pairwise(starts)]
        ys.append(bottom)
    return grid if len(ys) == len(grid.ys) else Grid(xs=grid.xs, ys=tuple(ys))
