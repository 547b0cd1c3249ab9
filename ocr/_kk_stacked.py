"""KK member tables whose rows hold two stacked lines, read by band: one row number and one NIK a member.

Some prints save width by stacking two values in one cell of a member row: the name over the NIK (or the
NIK over the name), the place over the date of birth, agama over pendidikan, status kawin over its date,
the father over the mother; headers are stacked the same way, worded, numbered `(2) (3)`, or numbers only.
A reader that takes one text line for one row tears each member in two, and one that takes a ruled row for
one value joins the two lines into one.

    stacked(page, grids) -> member rows, or None when the tables print one line a member

A member is the band around one printed row number (its centre) or, where the number went unread, one
NIK; whatever lines the band holds are that member's. Each column's one or two slots (top, bottom) get a
field from their header when it reads as one (`Nama Lengkap` over `NIK`), else from what the slot holds in
most rows (a NIK, a date, a place with a date, a sex code, a vocabulary word); a value is taken by what it
is where that disagrees with its slot (a NIK above the name although the header said otherwise). A band with
no NIK or two is kept as a row whose values are in doubt (`DISPUTED`), never shifted onto its neighbour.
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence

import core

from . import _normalize as norm
from ._confidence import DISPUTED, SPECK_WORD, faint
from ._fields import NOT_FOUND, all_fields, capped, field_value
from ._kk_columns import COLUMNS, NUMBER_ROW, SEX_LETTERS, Normalizer, header_field, header_word
from ._layout import Span, lines
from ._model import Grid, Page, Word

_MORE_HEADERS: dict[str, str] = {header: field for header, (field, _) in COLUMNS.items()}
"""Wordings of stacked and abbreviated prints (`[kk.columns]` of `labels.toml`), looked up as printed."""
_NORMALIZER: dict[str, Normalizer] = {field: fn for field, fn in COLUMNS.values()}

_NIK_DIGITS = (15, 17)
_DATE = re.compile(r"^[0-9OoIl|]{1,2}[-./][0-9OoIl|]{1,2}[-./][0-9OoIl|]{2,4}[,.]?$")
_ROW_NUMBER = re.compile(r"^[(\[]?\d{1,2}[.,)]?$")
_SEX = SEX_LETTERS
_VOCABULARY = ("agama", "pendidikan", "jenis_pekerjaan", "golongan_darah", "status_perkawinan", "status_hubungan",
               "kewarganegaraan", "jenis_kelamin")
_NAMES = ("nama_lengkap", "nama_ayah", "nama_ibu")
_PARENTS = frozenset({"nama_ayah", "nama_ibu"})
_CHECKED = frozenset({"nik", *_VOCABULARY})
"""Fields whose values are known by what they are: a header naming one gives way to most of its values."""

Slot = tuple[int, int]
"""(column, 0 top / 1 bottom / 2 whole cell)."""


def _speck(word: Word) -> bool:
    """A smudge, a rule's end or a stamp's edge read as a short word at next to no confidence."""
    return word.confidence < 0.15 and len(word.text) <= 3


def _lettered(word: Word) -> bool:
    """A word of a value in letters (a name's), read with some confidence, not of a column header (`NIK`,
    `Nama`) over the NIK."""
    letters = sum(c.isalpha() for c in word.text)
    return (letters >= 2 and letters >= 0.7 * len(word.text) and word.confidence >= SPECK_WORD
            and not header_word(word.text))


def _nik_shaped(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    return _NIK_DIGITS[0] <= digits <= _NIK_DIGITS[1] and digits >= 0.8 * len(text)


def stacked(page: Page, grids: Sequence[Grid]) -> tuple[dict[str, core.FieldValue], ...] | None:
    """The member rows of tables whose NIK shares its cell with a line above or below it (the name), in
    printed order; None when no table prints its rows so (the one-line reader goes on)."""
    tables = [t for t in (_Table.of(page, g) for g in _ruled(page, grids) or _around_niks(page)) if t is not None]
    if not tables or not any(t.stacked for t in tables):
        return None
    merged: list[dict[str, core.FieldValue]] = []
    members = max((len(t.centres) for t in tables if t.niks), default=0)
    for table in tables:
        # A table without NIKs that finds another number of rows than the NIKs' lost or gained one: which of
        # its rows is whose cannot be told, so none of its values is sure (joined by position all the same).
        unsure = not table.niks and len(table.centres) != members
        for position, row in enumerate(table.rows()):
            if unsure:
                row = {f: capped(v, DISPUTED) for f, v in row.items()}
            if position == len(merged):
                merged.append({})
            merged[position].update({f: v for f, v in row.items() if v.value is not None or f not in merged[position]})
    return tuple(all_fields(core.KK_MEMBER_FIELDS, row) for row in merged
                 if any(v.value is not None for v in row.values()))


def _around_niks(page: Page) -> list[Grid]:
    """Where no table was found (its headers numbers only, its rules unread): the band of the page its
    NIK-shaped numbers lie in, three rows' height above the first (the header) and one below the last."""
    niks = [w for w in page.words if _nik_shaped(w.text)]
    if len(niks) < 2:
        return []
    ys = sorted(w.cy for w in niks)
    pitch = statistics.median(b - a for a, b in itertools.pairwise(ys)) or 3.0 * niks[0].height
    # A No. KK in the header is no member's: the table starts where the NIKs follow each other at one pitch.
    while len(ys) > 2 and ys[1] - ys[0] > 2.5 * pitch:
        ys = ys[1:]
    width = max(w.x1 for w in page.words)
    return [Grid(xs=(0, round(width)), ys=(round(ys[0] - 2.5 * pitch), round(ys[-1] + pitch)))]


def _along_niks(page: Page, grid: Grid) -> tuple[int, int, int, int]:
    """The table's box, reaching down to the NIKs that go on below it at the rows' pitch (a table found
    from its text may end where a row's anchor went unread)."""
    x0, y0, x1, y1 = grid.bbox
    niks = sorted((w.cy for w in page.words if _nik_shaped(w.text) and x0 - 60 <= w.cx <= x1 + 60
                   and w.cy >= y0), key=float)
    inside = [y for y in niks if y <= y1]
    if not inside:
        return x0, y0, x1, y1
    pitch = statistics.median(b - a for a, b in itertools.pairwise(inside)) if len(inside) > 1 else (y1 - y0) / 2
    last = inside[-1]
    for y in niks[len(inside):]:
        if y - last > 1.6 * pitch:
            break
        last = y
    return x0, y0, x1, max(y1, round(last + 0.75 * pitch))


def _ruled(page: Page, grids: Sequence[Grid]) -> list[Grid]:
    """The member tables' column rules: a ruled grid over each table found, when the page has one (its
    vertical rules bound the stacked cells; a table found from its text splits columns by header words)."""
    chosen = []
    for grid in grids:
        over = [g for g in page.grids if g.ys[0] <= grid.ys[0] + 40 and grid.ys[-1] <= g.ys[-1] + 40
                and len(g.xs) >= 4 and g.xs[0] <= grid.xs[0] + 40 and grid.xs[-1] <= g.xs[-1] + 40]
        pick = min(over, key=lambda g: g.ys[-1] - g.ys[0]) if over else grid
        if pick not in chosen:
            chosen.append(pick)
    return chosen


class _Table:
    """One member table: its columns, its header's slots, and one band a member."""

    def __init__(self, page: Page, grid: Grid, words: list[Word], body_top: float, centres: list[float],
                 niks: list[Word], *, either_way: bool = False, numbers: Sequence[Word] = ()) -> None:
        self.page, self.grid, self.words, self.body_top = page, grid, words, body_top
        self.centres, self.niks, self.numbers = centres, niks, numbers
        self.either_way = either_way
        """Whether only the last member told which way up the rows are (`_either_way`)."""
        self.pitch = statistics.median([b - a for a, b in itertools.pairwise(centres)]) \
            if len(centres) > 1 else 3.0 * statistics.median([w.height for w in words])
        self.stacked = self._nik_stacked()

    @classmethod
    def of(cls, page: Page, grid: Grid) -> _Table | None:
        x0, y0, x1, y1 = _along_niks(page, grid)
        words = [w for w in page.words_in((x0 - 60, y0 - 5, x1 + 60, y1 + 5)) if w.text.strip() and not _speck(w)]
        if not words:
            return None
        niks = [w for w in words if _nik_shaped(w.text)]
        left = min(w.x0 for w in words)
        numbers = [w for w in words if w.x0 <= left + 3 * w.height and _ROW_NUMBER.match(w.text)
                   and not NUMBER_ROW.match(w.text)]
        anchors = niks or numbers
        if not anchors:
            return None
        first = min(a.bbox[1] for a in anchors)
        # The column numbers `(1) (2)` under the header and the header itself lie above the first anchor
        # (or above the line its cell stacks over it: the first row's band).
        body_top = max(first - 0.6 * _line_step(words, first), y0 - 5)
        body = [w for w in words if w.bbox[1] >= body_top - 2]
        near = [w for w in words if w.bbox[1] >= body_top - 3 * _line_step(words, first)]
        shift = _partner_shift(niks, near)
        body_top = min(body_top, first + 2 * shift - 0.6 * _line_step(words, first))
        body = [w for w in words if w.bbox[1] >= body_top - 2]
        right = max(x1, *(w.x1 for w in words))
        xs = _gutters(body, left=min(x0, left), right=right)
        if grid in page.grids:  # the rules found, and the gutters between values where a rule went unfound
            xs = tuple(sorted({*grid.xs, *(x for x in xs[1:-1] if all(abs(x - r) > 30 for r in grid.xs))}))
        if len(xs) < 3:
            return None
        centres = _centres(numbers, niks, shift)
        if not centres:
            return None
        either_way = not _numbered(numbers, niks) and _either_way(niks, near)
        return cls(page, Grid(tuple(xs), grid.ys), words, body_top, centres, niks, either_way=either_way,
                   numbers=numbers)

    def _nik_stacked(self) -> bool:
        """Whether most NIKs (two at least) share their cell with a line of letters just above or below them,
        begun where the NIK begins (a speck, a stamp's letters or a header word is no such line)."""
        if not self.niks:
            return False
        height = statistics.median(w.height for w in self.words)
        def paired_line(nik: Word) -> bool:
            starts = [w for w in self.words if abs(w.x0 - nik.x0) < 1.5 * height and _lettered(w) and not faint(w.confidence)
                      and 0.6 * height < abs(w.cy - nik.cy) < 2.6 * height and w.bbox[1] >= self.body_top]
            # the line it begins, within the NIK's width: a name's letters, not a speck's two
            return any(sum(sum(c.isalpha() for c in v.text) for v in self.words if abs(v.cy - w.cy) < 0.5 * height
                           and w.x0 <= v.x0 <= nik.x1 and _lettered(v)) >= 4 for w in starts)

        paired = sum(paired_line(nik) for nik in self.niks)
        return 2 * paired > len(self.niks) and paired >= min(2, len(self.niks))

    def _column(self, x: float) -> int | None:
        for c in range(len(self.grid.xs) - 1):
            if self.grid.xs[c] <= x <= self.grid.xs[c + 1]:
                return c
        return None

    def _band(self, i: int) -> tuple[float, float]:
        c = self.centres[i]
        up = (c - self.centres[i - 1]) / 2 if i > 0 else self.pitch / 2
        down = (self.centres[i + 1] - c) / 2 if i + 1 < len(self.centres) else self.pitch / 2
        return c - up, c + down

    def _cell(self, i: int, col: int) -> tuple[list[Word], float]:
        top, bottom = self._band(i)
        left, right = self.grid.xs[col], self.grid.xs[col + 1]
        ws = [w for w in self.words if left <= w.cx <= right and top <= w.cy < bottom and w.bbox[1] >= self.body_top - 2]
        return ws, self.centres[i]

    def _header_fields(self) -> list[list[str]]:
        """Per column, the fields its header names, top to bottom (none for `No`, numbers or unread)."""
        out = []
        header = [w for w in self.words if w.cy < self.body_top and not NUMBER_ROW.match(w.text)]
        for col in range(len(self.grid.xs) - 1):
            ws = tuple(w for w in header if self.grid.xs[col] <= w.cx <= self.grid.xs[col + 1])
            rows = [ln.text for ln in lines(self.page, ws)] if ws else []
            out.append(_fields_named(tuple(rows)))
        return out

    def rows(self) -> list[dict[str, core.FieldValue]]:
        cols = len(self.grid.xs) - 1
        cells = [[self._cell(i, c) for c in range(cols)] for i in range(len(self.centres))]
        split = [[_split(ws, centre) for ws, centre in row] for row in cells]
        slots, guessed = _slots(self._header_fields(), split)
        out = []
        for i, row in enumerate(split):
            values: dict[str, core.FieldValue] = {}
            for c, parts in enumerate(row):
                named = {slots[(c, k)] for k in (0, 1, 2) if (c, k) in slots}
                for k, words in enumerate(parts):
                    slot = next((s for s in ((c, k if len(parts) == 2 else 2), (c, 2), (c, 0), (c, 1)) if s in slots),
                                None)
                    _take(values, slots[slot] if slot else None, words, self.page.number, named=named,
                          guessed=slot in guessed)
            _sex_and_birth_fixed(values)
            niks = sum(_nik_shaped(w.text) for ws, _ in cells[i] for w in ws)
            if niks != 1 and "nik" in slots.values():  # a member row has one NIK: this band is not one member
                values = {f: capped(v, DISPUTED) for f, v in values.items()}
            elif self.either_way:  # every value but the NIK may be the member's above or below
                values = {f: v if f == "nik" else capped(v, DISPUTED) for f, v in values.items()}
            out.append(values)
        if self._first_lost():  # every row sits one place or more above the member it is
            out = [{f: capped(v, DISPUTED) for f, v in values.items()} for values in out]
        return out

    def _first_lost(self) -> bool:
        """Whether the first band's printed row number reads more than 1 (and nowhere 1): the members above
        it were lost (their NIK and number unread), so no row is at its member's place."""
        if not self.centres:
            return False
        top, bottom = self._band(0)
        read = [n for w in self.numbers if top <= w.cy < bottom and (n := _number(w.text)) is not None]
        return bool(read) and min(read) > 1


def _number_offsets(numbers: list[Word], niks: list[Word]) -> list[float]:
    """How far each NIK lies below its printed row number (the number's value its place), where near."""
    numbers = sorted(numbers, key=lambda w: w.cy)
    niks = sorted(niks, key=lambda w: w.cy)
    if not numbers or not niks:
        return []
    height = statistics.median(n.height for n in niks)
    offsets = [n.cy - m.cy for k, n in enumerate(niks)
               for m in [min(numbers, key=lambda m: abs(m.cy - n.cy))] if _number(m.text) == k + 1]
    return [o for o in offsets if abs(o) < 2 * height]


def _numbered(numbers: list[Word], niks: list[Word]) -> bool:
    """Whether the printed row numbers place most NIKs in their rows."""
    return 2 * len(_number_offsets(numbers, niks)) > len(niks) > 0


def _either_way(niks: list[Word], body: list[Word]) -> bool:
    """Whether most NIKs have a line of letters as near above them as below (name, NIK, name, NIK ... evenly
    spaced, no rule read between rows): which of the two is the NIK's own row's then only the last member
    tells (`_partner_shift`), and a line or a rule lost or gained below it would move every member."""
    if len(niks) < 2 or not body:
        return False
    height = statistics.median(w.height for w in body)

    def nearest(nik: Word, sign: int) -> float | None:
        found = [sign * (w.cy - nik.cy) for w in body if abs(w.x0 - nik.x0) < 1.5 * height
                 and 0.6 * height < sign * (w.cy - nik.cy) < 2.6 * height and _lettered(w)]
        return min(found) if found else None

    even = 0
    for nik in niks:
        up, down = nearest(nik, -1), nearest(nik, 1)
        even += up is not None and down is not None and abs(up - down) < 0.25 * max(up, down)
    return 2 * even > len(niks)


def _centres(numbers: list[Word], niks: list[Word], shift: float) -> list[float]:
    """Each member's band centre: its printed row number (centred in the row), or, where numbers went
    unread, its NIK moved by `shift` (half the way to the line it shares its cell with)."""
    numbers = sorted(numbers, key=lambda w: w.cy)
    niks = sorted(niks, key=lambda w: w.cy)
    if not niks:
        return [w.cy for w in numbers]
    height = statistics.median(n.height for n in niks)
    if _numbered(numbers, niks):
        shift = -statistics.median(_number_offsets(numbers, niks))
    centres = [n.cy + shift for n in niks]
    # A number with no NIK beside it is a member row too (its NIK unread), unless it is a blank row's, or
    # a speck read as a digit: its value must be the place it would take.
    for m in numbers:
        if (all(abs(m.cy - c) > 1.5 * height for c in centres) and m.cy < max(centres) + 3 * height
                and _number(m.text) == 1 + sum(c < m.cy for c in centres)):
            centres.append(m.cy)
    return _gaps_filled(sorted(centres))


def _gaps_filled(centres: list[float]) -> list[float]:
    """A gap of two or more rows' pitch between two members is a member whose NIK and number both went
    unread: a band of its own (its values in doubt), never shared out to its neighbours."""
    if len(centres) < 3:
        return centres
    pitch = statistics.median(b - a for a, b in itertools.pairwise(centres))
    out = [centres[0]]
    for a, b in itertools.pairwise(centres):
        missing = round((b - a) / pitch) - 1 if pitch > 0 else 0
        out += [a + (b - a) * (k + 1) / (missing + 1) for k in range(max(0, min(missing, 3)))]
        out.append(b)
    return out


def _number(text: str) -> int | None:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else None


def _partner_shift(niks: list[Word], body: list[Word]) -> float:
    """Half the usual offset from a NIK to the line of letters its cell stacks with it (0: none).

    Lines may stand evenly spaced, the name as near to the NIK above as to the next row's name below; the
    last member tells which: a line under the last NIK is its own row's (NIK on top), else the name is above."""
    if not niks or not body:
        return 0.0
    height = statistics.median(w.height for w in body)

    def partners(nik: Word, sign: int) -> list[float]:
        return [w.cy - nik.cy for w in body if abs(w.x0 - nik.x0) < 1.5 * height
                and 0.6 * height < sign * (w.cy - nik.cy) < 2.6 * height and _lettered(w)]

    last = max(niks, key=lambda w: w.cy)
    sign = 1 if partners(last, 1) else -1
    offsets = [min(found, key=abs) for nik in niks if (found := partners(nik, sign))]
    return statistics.median(offsets) / 2 if 2 * len(offsets) > len(niks) else 0.0


def _gutters(words: list[Word], *, left: float, right: float) -> tuple[int, ...]:
    """Column edges of a table without rules read: the middles of the x ranges no body word covers, at
    least a line height wide (the space between two words of one value is narrower)."""
    inked = sorted((w.x0, w.x1) for w in words
                   if 2 * sum(c.isalnum() for c in w.text) >= len(w.text) and w.confidence > SPECK_WORD)
    if not inked:
        return ()
    gap = 0.9 * statistics.median(w.height for w in words)
    edges = [round(left) - 2]
    end = inked[0][1]
    for a, b in inked[1:]:
        if a - end >= gap:
            edges.append(round((a + end) / 2))
        end = max(end, b)
    edges.append(round(right) + 2)
    return tuple(edges)


def _line_step(words: list[Word], first: float) -> float:
    return statistics.median(w.height for w in words if abs(w.bbox[1] - first) < 200) * 1.6


def _split(words: list[Word], centre: float) -> list[tuple[Word, ...]]:
    """A cell's words as one line, or as (above the band's centre, below it) when it holds two lines."""
    ordered = sorted((w for w in words if any(c.isalnum() for c in w.text)), key=lambda w: (w.cy, w.x0))
    if not ordered:
        return [()]
    height = statistics.median(w.height for w in ordered)
    if max(w.cy for w in ordered) - min(w.cy for w in ordered) < 0.6 * height:
        return [tuple(sorted(ordered, key=lambda w: w.x0))]
    top = tuple(sorted((w for w in ordered if w.cy < centre), key=lambda w: (round(w.cy / height), w.x0)))
    bottom = tuple(sorted((w for w in ordered if w.cy >= centre), key=lambda w: (round(w.cy / height), w.x0)))
    return [top, bottom]


@functools.lru_cache(maxsize=1024)
def _fields_named(header_lines: tuple[str, ...]) -> list[str]:
    """The fields a stacked header names: one for the whole text, or two for its lines split in two."""
    text = " ".join(header_lines)
    if not text.strip() or " ".join(text.upper().split()) in ("NO", "NO."):
        return []
    best: list[str] = []
    for cut in range(1, len(header_lines)):
        top, bottom = _field_of(" ".join(header_lines[:cut])), _field_of(" ".join(header_lines[cut:]))
        if top and bottom and top != bottom:
            best = [top, bottom]
            break
    if best:
        return best
    whole = _field_of(text)
    return [whole] if whole else []


def _field_of(text: str) -> str | None:
    key = " ".join(text.upper().replace("TGL ", "TGL. ").split())
    if key in _MORE_HEADERS:
        return _MORE_HEADERS[key]
    if key.replace(" ", "") in ("NIK", "JK", "L/P", "SHDK"):
        return _MORE_HEADERS.get(key.replace(" ", ""), "nik")
    found = header_field(key)
    return found[0] if found else None


def _undashed(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Without the `-` of an empty neighbour run in (a column rule unread between them)."""
    kept = tuple(w for w in words if not _DASH.fullmatch(w.text))
    return kept or words


_DASH = re.compile(r"[-‐‑‒–—―_~.]{1,3}")


def _kind(words: tuple[Word, ...]) -> str | None:
    """What a cell line is by its text alone: a NIK, a date, a place with a date, a sex code, a vocabulary
    value (its field), a dash, or a name (letters)."""
    text = " ".join(w.text for w in _undashed(words)).strip()
    if not text:
        return None
    if re.fullmatch(r"[-‐‑‒–—―_~.]{1,3}", text):
        return "dash"
    if _nik_shaped(text.replace(" ", "")):
        return "nik"
    if _DATE.match(text):
        return "date"
    if len(words) >= 2 and _DATE.match(words[-1].text) and any(c.isalpha() for c in words[0].text):
        return "place_date"  # `RAHA, 10-08-1986`, the comma read as a period or lost
    upper = text.upper()
    if upper in _SEX or upper in ("LAKI-LAKI", "PEREMPUAN"):
        return "jenis_kelamin"
    for field in _VOCABULARY:
        if core.canonical(field, upper) is not None:
            return field
    if sum(c.isalpha() for c in text) >= 3 and not any(c.isdigit() for c in text):
        return "name"
    return None


def _slots(headed: list[list[str]], rows: list[list[list[tuple[Word, ...]]]]) -> tuple[dict[Slot, str], set[Slot]]:
    """Each slot's field: from its header where read, else from what most of its rows hold; and the slots
    whose field only the line's place tells (two names stacked under no header read: which is the father's
    is the print's convention, and prints stack them either way up)."""
    slots: dict[Slot, str] = {}
    kinds: dict[Slot, Counter[str]] = {}
    for row in rows:
        for c, parts in enumerate(row):
            for k, words in enumerate(parts):
                kind = _kind(words)
                if kind and kind != "dash":
                    kinds.setdefault((c, k if len(parts) == 2 else 2), Counter())[kind] += 1
    for c, fields in enumerate(headed):
        if len(fields) == 2:
            slots[(c, 0)], slots[(c, 1)] = fields
        elif len(fields) == 1:
            slots[(c, 2)] = fields[0]
            if fields[0] in ("tempat_lahir", "tanggal_lahir") and _mostly(kinds, c, "place_date"):
                slots[(c, 2)] = "place_date"
    for slot, field in list(slots.items()):  # a header misread (`JK` as `IK`, taken for `NIK`) yields to its values
        counter = kinds.get(slot)
        if counter and field in _CHECKED:
            kind, n = counter.most_common(1)[0]
            if kind != field and (kind == "nik" or kind in _VOCABULARY) and 2 * n > sum(counter.values()):
                slots[slot] = kind
    claimed = set(slots.values())
    guessed: set[Slot] = set()
    for slot, counter in sorted(kinds.items()):
        if slot in slots or (slot[1] != 2 and (slot[0], 2) in slots) or (slot[1] == 2 and (slot[0], 0) in slots):
            continue
        kind, n = counter.most_common(1)[0]
        if 2 * n < sum(counter.values()):
            continue
        voted = _field_by_kind(kind, slot, slots, kinds)
        if voted and voted not in claimed:
            slots[slot] = voted
            claimed.add(voted)
            if voted in _PARENTS:
                guessed.add(slot)
    return slots, guessed


def _mostly(kinds: dict[Slot, Counter[str]], col: int, kind: str) -> bool:
    counter = kinds.get((col, 2), Counter())
    return bool(counter) and 2 * counter[kind] > sum(counter.values())


def _field_by_kind(kind: str, slot: Slot, slots: dict[Slot, str], kinds: dict[Slot, Counter[str]]) -> str | None:
    c, k = slot
    if kind in ("nik", "place_date") or kind in _VOCABULARY:
        return kind
    partner = slots.get((c, 1 - k)) if k in (0, 1) else None
    partner_kind = kinds.get((c, 1 - k), Counter()).most_common(1)[0][0] if k in (0, 1) and kinds.get((c, 1 - k)) \
        else None
    if kind == "date":
        if partner == "status_perkawinan" or partner_kind == "status_perkawinan":
            return "tanggal_perkawinan"
        return "tanggal_lahir"
    if kind == "name":
        if partner_kind == "nik" or partner == "nik":
            return "nama_lengkap"
        if partner_kind == "date" or partner == "tanggal_lahir":
            return "tempat_lahir"
        if partner_kind == "name":
            return "nama_ayah" if k == 0 else "nama_ibu"
    return None


def _take(values: dict[str, core.FieldValue], field: str | None, words: tuple[Word, ...], page: int, *,
          named: set[str], guessed: bool = False) -> None:
    """The slot's words as its field's value; a NIK, a vocabulary word or a date where the slot says
    otherwise goes by what it is (`name over NIK` printed the other way up, a header read as one field over
    two lines). `named`: the fields the column's header or values name. A parent's name whose field only
    its line's place tells (`guessed`, or the second name under a header naming one parent) is never sure:
    it may be the other parent's."""
    words = _undashed(words)
    if not words or _DASH.fullmatch(" ".join(w.text for w in words)):
        return
    kind = _kind(words)
    if kind is not None and field != kind and (kind == "nik" or kind in _VOCABULARY) and kind not in values:
        field = kind  # by what it is: a NIK over the name where the header said otherwise, `LK` in any slot
    elif kind == "name" and field == "nik":
        field = "nama_lengkap"
    elif kind == "date" and field not in ("tanggal_lahir", "tanggal_perkawinan"):
        field = "tanggal_perkawinan" if "status_perkawinan" in named else "tanggal_lahir"
    elif kind == "name" and field == "nama_ayah" and values.get("nama_ayah", NOT_FOUND).value is not None:
        field = "nama_ibu"  # the second name under a header read as one: the mother's only by convention
        guessed = True
        values["nama_ayah"] = capped(values["nama_ayah"], DISPUTED)
    if field is None or (field in values and values[field].value is not None):
        return
    span = Span(page, tuple(words))
    if field == "place_date" or kind == "place_date":
        cut = next((i for i in range(len(words) - 1, 0, -1) if not _DATE.match(words[i].text)), 0) + 1
        if not _DATE.match(words[-1].text):
            cut = len(words)
        place = tuple(words[:cut])
        if place and place[-1].text[-1:] in ",.":
            last = place[-1]
            place = (*place[:-1], Word(last.text[:-1], last.confidence, last.bbox))
        values["tempat_lahir"] = field_value(Span(page, place), norm.name)
        values["tanggal_lahir"] = field_value(Span(page, tuple(words[cut:])), norm.date_graded)
        return
    if field == "jenis_kelamin":
        values[field] = field_value(span, _sex)
        return
    values[field] = field_value(span, _NORMALIZER.get(field, norm.name))
    if guessed and field in _PARENTS:
        values[field] = capped(values[field], DISPUTED)


def _sex(text: str | None) -> str | norm.Graded | None:
    key = (text or "").upper().strip(" .,|")
    if key in _SEX:
        return _SEX[key]
    return norm.vocabulary_graded("jenis_kelamin", text)


def _sex_and_birth_fixed(values: dict[str, core.FieldValue]) -> None:
    """A place read with the date's comma still on it."""
    place = values.get("tempat_lahir")
    if place is not None and place.value and place.value.endswith(","):
        values["tempat_lahir"] = core.FieldValue(place.value.rstrip(","), place.confidence, place.page, place.bbox)

