"""KK header values that do not follow their label on its line, and the No. KK wherever the header prints it.

Issuers print the header as label-value pairs, but not always on one line: a value typed onto a pre-printed
blank lands a little above or below its label's line (misregistered), a long address wraps over two lines
beside a label centred between them, a boxed header grid puts the label in one cell and the value in the
next. `beside` gives every label the unlabelled words nearest to it in its column, right of it; what two
labels lie about equally near is doubted. `number_in_header` finds a 16-digit number however it is printed
(after `No. KK`, `NKK`, `No. Kartu Keluarga`, in a box, in a comb of one box per digit whose rules read as
`|`), nearest to a label that names it.
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass

from ._layout import LabelRun, Line, Span, compact_key, phrase_places, printed_words
from ._model import Word


@dataclass(frozen=True)
class _Label(LabelRun):
    @property
    def cy(self) -> float:
        return statistics.median(w.cy for w in self.line.words[self.start:self.end])


def _places(header: list[Line], field: str, labels: tuple[str, ...], taken: set[int]) -> list[_Label]:
    """Where the first of `labels` (most specific first) that the header prints stands, with its words
    (none of them `taken` by another label already: `Dikeluarkan di` is no `Dikeluarkan Tgl`)."""
    for label in labels:
        if len(compact_key(label)) < 4:
            continue  # `Desa`, `Kota` alone would match values
        found = []
        for line, after in phrase_places(header, label, min_ratio=0.85):
            target = compact_key(label)
            starts = range(max(0, after - printed_words(label) - 1), after)
            start = max(starts, key=lambda s: (difflib.SequenceMatcher(  # the shortest run that reads as well
                None, compact_key(" ".join(w.text for w in line.words[s:after])), target).ratio(), s))
            end = after + 1 if after < len(line.words) and _COLON.match(line.words[after].text) else after
            if not any(id(w) in taken for w in line.words[start:after]):
                found.append(_Label(field, line, start, end))
        if found:
            return found
    return []


_COLON = re.compile(r"^[:;.]+$")
_RULE = re.compile(r"^[|\[\]!:;.,'\"`»«_~—–-]+$")
"""What a colon, a dotted line or a box's rule beside a value is read as."""

_REACH = 2.5
"""Line heights within which a value off its label's line is still that label's."""
_AMBIGUOUS = 1.5
"""A value is doubted when a second label lies within this factor of the nearest's distance."""


@dataclass(frozen=True)
class Beside:
    """A value found off its label's line, and whether another label lay about as near to its words."""

    span: Span
    ambiguous: bool


def beside(header: list[Line], labels: dict[str, tuple[str, ...]]) -> dict[str, Beside]:
    """Per field, the words nearest its label among the header's unlabelled words right of the label
    column (up to two lines: a wrapped address), for the labels found on the page.

    The header's words are cut into runs at labels and at wide gaps; a run belongs to the label column it
    starts in, and there to the label nearest it in height (within `_REACH` line heights). The labels of
    the No. KK take their words too, so that `NOMOR KK` under the title is no one's value (so do the
    labels given under the field name `""`).
    """
    places: list[_Label] = []
    taken: set[int] = set()
    for field, variants in sorted([*labels.items(), ("", _NUMBER_LABELS)], key=lambda item: bool(item[0])):
        for p in _places(header, field, variants, taken):
            places.append(p)
            taken |= {id(w) for w in p.line.words[p.start:p.end]}
    if not any(p.field for p in places):
        return {}
    height = statistics.median(w.height for ln in header for w in ln.words)
    starts: list[float] = []
    for x in sorted({p.x0 for p in places if p.field}):
        if not starts or x - starts[-1] > 3 * height:
            starts.append(x)
    owned: dict[str, list[Word]] = {}
    doubted: set[str] = set()
    for run in (r for line in header for r in _runs(line, taken, height)):
        first = run[0]
        column = max((s for s in starts if s <= first.x0 + height), default=None)
        if column is None:
            continue
        cy = statistics.median(w.cy for w in run)
        near = sorted((abs(cy - p.cy), p.field) for p in places if p.x1 <= first.x0 + height and (
            not p.field or column - height <= p.x0 < column + 3 * height))  # a number's label: in any column
        if not near or near[0][0] > _REACH * height or not near[0][1]:
            continue
        owned.setdefault(near[0][1], []).extend(run)
        if len(near) > 1 and near[1][1] != near[0][1] and near[1][0] <= _AMBIGUOUS * max(near[0][0], 0.3 * height):
            doubted.add(near[0][1])
    found = {}
    for field, words in owned.items():
        rows = _rows(words, height)
        if len(rows) > 2:
            continue
        found[field] = Beside(Span(header[0].page, tuple(w for row in rows for w in row)), field in doubted)
    return found


_NUMBER_LABELS = ("Nomor KK", "No. KK", "No. Kartu Keluarga", "Nomor Kartu Keluarga", "NKK")


_DASH = re.compile(r"^[-–—]$")
"""A dash standing alone: between two words of a value it is the value's (`JL. POROS KOLAKA - UNAAHA`)."""


def _runs(line: Line, taken: set[int], height: float) -> list[list[Word]]:
    """A line's words that are no label's, cut where a label stands or a gap wider than `_REACH` heights;
    what a colon, a dotted line or a box's rule is read as dropped, except a dash between two words (an
    address's dash dropped here made the address read on its label's line no part of the same address
    wrapped onto the next line, and the wrapped line was lost)."""
    runs: list[list[Word]] = [[]]
    for word in line.words:
        if id(word) in taken or (runs[-1] and word.x0 - runs[-1][-1].x1 > _REACH * height):
            runs.append([])
        if id(word) not in taken and (not _RULE.match(word.text) or _DASH.match(word.text)):
            runs[-1].append(word)
    return [r for r in (_inner_dashes_only(run) for run in runs) if r]


def _inner_dashes_only(run: list[Word]) -> list[Word]:
    """`run` without dashes at its ends (a rule or a `-` for an empty value), nor two in a row."""
    kept = [w for i, w in enumerate(run) if not _DASH.match(w.text) or (
        0 < i < len(run) - 1 and not _DASH.match(run[i - 1].text) and not _DASH.match(run[i + 1].text))]
    return kept


def _rows(words: list[Word], height: float) -> list[list[Word]]:
    """Words grouped into lines, top to bottom, each left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.cy):
        if rows and abs(word.cy - statistics.mean(w.cy for w in rows[-1])) < 0.6 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


_NUMBER_LABEL = re.compile(r"^(NO\.?|NOMOR|NKK|NOKK|NO\.KK)[:.]?$", re.IGNORECASE)
_NOT_OURS = re.compile(r"^(NIP|NIK|NIP\.|NIK\.|SERI)[:.]?$", re.IGNORECASE)
_DIGITISH = re.compile(r"^[0-9|\[\]!]+$")


def number_in_header(header: list[Line], *, length: int = 16) -> Span | None:
    """A number of `length` digits printed in the header, however it is boxed: the words of a run of
    digit-only words on one line (a comb prints one box per digit; its rules read as `|` between them,
    dropped), nearest to a word naming a number (`No.`, `Nomor`, `NKK`); none after `NIP` or `NIK`."""
    candidates: list[tuple[float, Span]] = []
    labels = [(ln, w) for ln in header for w in ln.words if _NUMBER_LABEL.match(w.text)]
    for line in header:
        run: list[Word] = []
        words = [*line.words, None]
        for i, word in enumerate(words):
            if word is not None and _DIGITISH.match(word.text):
                run.append(word)
                continue
            digits = [w for w in run if any(c.isdigit() for c in w.text)]
            if sum(c.isdigit() for w in digits for c in w.text) == length:
                before = line.words[i - len(run) - 1] if i - len(run) - 1 >= 0 else None
                if before is None or not _NOT_OURS.match(before.text):
                    first = digits[0]
                    distance = min((abs(first.cy - w.cy) + max(0.0, first.x0 - w.x1) + max(0.0, w.x0 - first.x0)
                                    for _, w in labels), default=float("inf"))
                    candidates.append((distance, Span(line.page, tuple(digits))))
            run = []
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]
