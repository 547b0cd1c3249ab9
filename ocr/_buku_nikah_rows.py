"""A buku nikah whose parties are the rows of one table: a role word begins each row (`1 SUAMI ...`,
`2 ISTRI ...`, `3 WALI ...`, `Pria`, `Mempelai Wanita`), the column headings above name the fields
(`Nama Lengkap`, `NIK`, `Tempat Lahir`, `Tanggal Lahir` over two lines, `Warga Negara` ...).

    party_rows(all_lines) -> (spans by field, x where each value's column ends), or None

Who a value belongs to comes from its row's role word, what it is from the heading of its column: two
witnesses, each matched fuzzily against the vocabularies of `labels.toml` (`[buku_nikah.fields]` and
`[buku_nikah.roles]`). Columns are told apart by their headings (words stacked in one cell are one
heading; a run of headings on one line is cut into the labels it reads as) and bounded by the widest
gap the rows' own words leave between two headings, so a value set left in a wide cell, or a long one
reaching under the next heading's first letters, stays in its column. A column whose heading is no
field (`No`, `Kedudukan`, `Keterangan`) is still a column: its words are no other column's.
"""

from __future__ import annotations

import difflib
import itertools
import statistics
from dataclasses import dataclass

from ._confidence import SPECK_WORD
from ._fields import labels
from ._layout import Line, Span, compact_key, label_factor
from ._model import Word

_FIELDS = ("nama_lengkap", "nik", "lahir", "tempat_lahir", "tanggal_lahir", "kewarganegaraan", "agama",
           "pekerjaan", "alamat")
_ROLES = ("suami", "istri", "wali", "saksi")
_LABEL_RATIO = 0.8
"""How alike (difflib, on compact keys) a heading must read to a label's wording."""
_ROLE_RATIO = 0.8
_ROLE_WORDS = 3
"""A role word stands among the first words of its row (after the row's number)."""
_HEADING_WORDS = 3
"""Most stacks of heading words one label is printed over (`Tanggal` / `Lahir` is one stack)."""
_HEADER_REACH = 4.0
"""Line heights between two heading lines, or between the headings and the first row, at most."""
_STACKED = 2.2
"""Line heights between the lines of a heading wrapped in its cell, at most."""
_CONTINUED = 1.6
"""A row's wrapped value continues on a line at most this many line heights below the row's last line."""
_SPECK = SPECK_WORD


@dataclass(frozen=True)
class _Column:
    field: str | None
    """The field its heading names, None for a heading of no field."""
    x0: float
    x1: float
    ratio: float


def _wordings() -> dict[str, tuple[str, ...]]:
    out = {name: labels("buku_nikah", name) for name in _FIELDS}
    out["others"] = labels("buku_nikah", "others")
    return out


def _role_keys() -> dict[str, tuple[str, ...]]:
    return {role: tuple(compact_key(w) for w in (*labels("buku_nikah", role, "sections"),
                                                 *labels("buku_nikah", role, "roles")))
            for role in _ROLES}


def party_rows(all_lines: list[Line]) -> tuple[dict[str, Span], dict[str, int]] | None:
    """The parties' values of a table whose rows are the parties, or None when the page prints none (fewer
    than two rows naming a role, none of them a spouse's, or fewer than three field headings above them)."""
    roles = _role_keys()
    all_lines = _joined(all_lines)
    found = [(i, _row_role(line, roles)) for i, line in enumerate(all_lines)]
    rows = [(i, role[0], role[1]) for i, role in found if role is not None]
    if len(rows) < 2 or not {role for _, role, _ in rows} & {"suami", "istri"}:
        return None
    first = rows[0][0]
    header = _header_lines(all_lines, first)
    if not header:
        return None
    columns = _columns(header)
    if sum(c.field is not None for c in columns) < 3:
        return None
    rows, row_words = _table_rows(all_lines, {i: (role, ratio) for i, role, ratio in rows})
    height = statistics.median(w.height for ws in row_words for w in ws)
    bounds = _bounds(columns, [w for ws in row_words for w in ws], height)
    spans: dict[str, Span] = {}
    limits: dict[str, int] = {}
    page = all_lines[first].page
    for (_, role, role_ratio), words in zip(rows, row_words, strict=True):
        if role == "saksi" or any(k.startswith(f"{role}.") for k in spans):
            continue  # a witness is no party; a role printed twice: its first row
        role_factor = label_factor(role_ratio)
        cells = _cells(columns, bounds, words)
        for column, (right, cell) in cells.items():
            if column.field is None or not cell:
                continue
            name = "lahir" if column.field in ("tempat_lahir", "tanggal_lahir") else column.field
            if role == "wali" and name != "nama_lengkap":
                continue
            key = f"{role}.{name}"
            factor = label_factor(column.ratio) * role_factor
            if name == "lahir" and key in spans:  # place and date in columns of their own: one `lahir`
                place_first = column.field == "tanggal_lahir"
                joined = (*spans[key].words, *cell) if place_first else (*cell, *spans[key].words)
                spans[key] = Span(page, joined, min(spans[key].factor, factor))
                limits[key] = max(limits[key], right)
                continue
            spans[key] = Span(page, tuple(cell), factor)
            limits[key] = right
    return (spans, limits) if any(k.startswith(("suami.", "istri.")) for k in spans) else None


_ORDER = ("suami", "istri", "wali", "saksi")
_BY_ORDER = 0.8
"""How alike a row's role word counts when the row has none and its place after the rows above names it
(`label_factor` 0.9: its values leave the 0.9 band unless another witness raises them)."""


def _table_rows(all_lines: list[Line], named: dict[int, tuple[str, float]]
                ) -> tuple[list[tuple[int, str, float]], list[list[Word]]]:
    """The table's rows from its first named row to its last: a line starts a row when it names a role or
    stands more than `_CONTINUED` line heights below the line above (else it continues that row). A row
    that names no role (its role word lost) takes the role that follows the row above's, when no row names
    that role itself."""
    first, last = min(named), max(named)
    end = last + 1
    while end < len(all_lines) and all_lines[end].y - all_lines[end - 1].y <= _CONTINUED * all_lines[end - 1].height:
        end += 1
    groups: list[tuple[int, list[Line]]] = []
    for i in range(first, end):
        line = all_lines[i]
        if i in named or not groups or line.y - groups[-1][1][-1].y > _CONTINUED * groups[-1][1][-1].height:
            groups.append((i, [line]))
        else:
            groups[-1][1].append(line)
    claimed = {role for role, _ in named.values()}
    rows: list[tuple[int, str, float]] = []
    words: list[list[Word]] = []
    previous: str | None = None
    for i, group in groups:
        if i in named:
            role, ratio = named[i]
        else:
            following = _ORDER[_ORDER.index(previous) + 1] if previous in _ORDER[:-1] else None
            if following is None or following in claimed:
                continue
            role, ratio = following, _BY_ORDER
            claimed.add(role)
        previous = role
        rows.append((i, role, ratio))
        words.append([w for line in group for w in line.words if not (w.confidence < _SPECK and len(w.text) <= 2)])
    return rows, words


def _joined(all_lines: list[Line]) -> list[Line]:
    """Lines at one height whose words do not overlap made one (a row's number and role read apart from its
    values: `1 SUAMI` and `ANDI MAPPANYUKKI 7404...`)."""
    out: list[Line] = []
    for line in all_lines:
        last = out[-1] if out else None
        if (last is not None and last.page == line.page and abs(line.y - last.y) < 0.5 * min(last.height, line.height)
                and not any(_overlap(a, b) for a in last.words for b in line.words)):
            out[-1] = Line(line.page, tuple(sorted((*last.words, *line.words), key=lambda w: w.x0)))
        else:
            out.append(line)
    return out


def _row_role(line: Line, roles: dict[str, tuple[str, ...]]) -> tuple[str, float] | None:
    """The role a row's first words name (after its number), fuzzily, and how alike they read; None if
    they name none."""
    words = [w for w in line.words if any(c.isalpha() for c in w.text)]
    if len(line.words) < 3:  # a heading on its own line is a section's, not a row's
        return None
    best = (0.0, "")
    for start in range(min(_ROLE_WORDS, len(words))):
        for size in (3, 2, 1):
            key = compact_key(" ".join(w.text for w in words[start:start + size]))
            if start + size > len(words) or len(key) < 3:
                continue
            best = max(best, *((_ratio(key, k), role) for role, keys in roles.items() for k in keys))
    return (best[1], best[0]) if best[0] >= _ROLE_RATIO else None


def _ratio(a: str, b: str) -> float:
    if not a or not b or abs(len(a) - len(b)) > max(2, len(b) // 4):
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _header_lines(all_lines: list[Line], first_row: int) -> list[Line]:
    """The heading lines above the first party row: the line right above it (within `_HEADER_REACH` line
    heights), and the lines of headings wrapped over two or three lines close above that (within
    `_STACKED`); none with a colon after its first word (a `label : value` line above the table)."""
    out: list[Line] = []
    below = all_lines[first_row]
    for line in reversed(all_lines[:first_row]):
        reach = _HEADER_REACH if not out else _STACKED
        if any(":" in w.text for w in line.words[1:]) or below.y - line.y > reach * line.height:
            break
        out.insert(0, line)
        below = line
    return out


def _columns(header: list[Line]) -> list[_Column]:
    """Heading stacks left to right (words of different lines over one another are one heading), cut into
    the labels their run reads as best (`_segments`); a stack no label reads as is a column of no field."""
    stacks: list[list[Word]] = []
    for line in header:
        for word in line.words:
            if (word.confidence < _SPECK and len(word.text) <= 2) or not any(c.isalpha() for c in word.text):
                continue
            home = next((s for s in stacks if all(abs(w.cy - word.cy) > 0.5 * w.height for w in s)
                         and any(_overlap(w, word) for w in s)), None)
            if home is None:
                stacks.append([word])
            else:
                home.append(word)
    stacks.sort(key=lambda s: min(w.x0 for w in s))
    texts = [" ".join(w.text for w in sorted(s, key=lambda w: w.cy)) for s in stacks]
    columns: list[_Column] = []
    i = 0
    for size, field, ratio in _segments(texts):
        words = [w for s in stacks[i:i + size] for w in s]
        columns.append(_Column(field if field != "others" else None, min(w.x0 for w in words),
                               max(w.x1 for w in words), ratio if field else 0.0))
        i += size
    return columns


def _segments(texts: list[str]) -> list[tuple[int, str | None, float]]:
    """The run of heading stacks cut into labels: (stacks, field or None, how alike), the cut whose labels
    read most alike in sum (a stack read as a label of its own is not swallowed by a neighbour's longer
    label: `Warga N` `gama` is no `Warga Negara` but `Agama`), with fewer, longer labels among equals
    (`Nama Lengkap`, not `Nama` and a stack of no field)."""
    wordings = _wordings()

    def match(i: int, size: int) -> tuple[float, str | None]:
        key = compact_key(" ".join(texts[i:i + size]))
        return max(((r, name) for name, printed in wordings.items() for label in printed
                    if (r := _ratio(key, compact_key(label))) >= _LABEL_RATIO), default=(0.0, None))

    best: list[tuple[float, int, list[tuple[int, str | None, float]]]] = [(0.0, 0, [])] * (len(texts) + 1)
    for i in range(len(texts) - 1, -1, -1):
        options = []
        for size in range(1, min(_HEADING_WORDS, len(texts) - i) + 1):
            ratio, field = match(i, size)
            if field is None and size > 1:
                continue
            score, count, rest = best[i + size]
            options.append((score + ratio, count - 1, [(size, field, ratio), *rest]))
        best[i] = max(options, key=lambda o: (round(o[0], 6), o[1]))
    return best[0][2]


def _overlap(a: Word, b: Word) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.3 * min(a.x1 - a.x0, b.x1 - b.x0)


def _bounds(columns: list[_Column], words: list[Word], height: float) -> list[float]:
    """Between each two neighbouring headings, the x that parts their columns: the middle of the widest
    stretch no row word covers near the gap between the headings (their middle when words cover it all). A
    word of strokes and signs only (`"|`, `—`) is a rule's remnant: it parts nothing."""
    covered = sorted((float(w.x0), float(w.x1)) for w in words if any(c.isalnum() for c in w.text))
    out = []
    for left, right in itertools.pairwise(columns):
        lo, hi = min(left.x1, right.x0) - height, max(left.x1, right.x0) + height
        lo = max(lo, (left.x0 + left.x1) / 2)
        hi = min(hi, (right.x0 + right.x1) / 2)
        middle = (left.x1 + right.x0) / 2
        a, b = max(_free(covered, lo, hi), key=lambda f: f[1] - f[0], default=(middle, middle))
        out.append((a + b) / 2)
    return out


def _free(covered: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """Stretches of [lo, hi] that no interval of `covered` (sorted) overlaps."""
    out = []
    at = lo
    for x0, x1 in covered:
        if x1 <= at:
            continue
        if x0 >= hi:
            break
        if x0 > at:
            out.append((at, x0))
        at = max(at, x1)
    if at < hi:
        out.append((at, hi))
    return out


def _cells(columns: list[_Column], bounds: list[float], words: list[Word]) -> dict[_Column, tuple[int, list[Word]]]:
    """Each column's words of a row (by their centre) and the x its column ends at."""
    edges = [float("-inf"), *bounds, float("inf")]
    out: dict[_Column, tuple[int, list[Word]]] = {}
    for k, column in enumerate(columns):
        cell = [w for w in words if edges[k] <= w.cx < edges[k + 1]]  # line by line, left to right
        right = edges[k + 1] if k + 1 < len(bounds) + 1 and edges[k + 1] != float("inf") else max(
            (w.x1 for w in cell), default=column.x1) + column.x1 - column.x0
        out[column] = (round(right), _trimmed(cell))
    return out


def _trimmed(words: list[Word]) -> list[Word]:
    """A cell without a rule read as a stroke at its ends (`|`, `—`)."""
    strokes = set("|—-_!")
    while words and set(words[0].text) <= strokes and len(words[0].text) <= 2 and len(words) > 1:
        words = words[1:]
    while words and set(words[-1].text) <= strokes and len(words[-1].text) <= 2 and len(words) > 1:
        words = words[:-1]
    return words
