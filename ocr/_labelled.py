"""Labelled fields anywhere on a page: every label the type's vocabulary (`labels.toml`) names, wherever it
stands, and its value beside it or under it, chosen by the field's value shape.

    occurrences(all_lines, wordings) -> [Occurrence]   every label printed on the lines (fuzzy; longest wins)
    read_fields(all_lines, shapes, wordings) -> {field: FieldValue}   the first label of each field with a
        value of its shape
    member_blocks(all_lines, printed, found, title=) -> [{field: FieldValue}]   repeated label blocks (a card
        per family member), one record per block, in printed order
    labelled_values(all_lines, printed, shapes) -> [Found]   each label with a value of its shape
    is_label(text) -> bool   a label's wording (no value is one)

Where it runs (`_labelled_docs`): once after every type's extractor, filling what the layout readers left.

Where a value is looked for: right of its label on the same line, after a colon or a wide gap (`Nama :
BUDI`), or, when the label stands in a row of labels (labels over values, as on cards, boxed forms and app
printouts), on the first line under it, within the label's column (from the label to the next label of its
row). A label's words are never a value. The value's shape decides among candidates: a NIK is 16 digits that
keep the NIK's structure, a date parses, a vocabulary field snaps onto `vocab.json`, a name is letters, a kode
pos five digits; a candidate of the wrong shape is no value.

Repeated records: member labels read top to bottom, left to right; a field already seen in the current block
starts the next one. A block's record is taken only if the page holds no more NIK-shaped numbers than there
are blocks (each printed member is accounted for). A block without a name label takes the line of letters
just above its first labels as the member's name (a card's title), with a status hubungan beside it, both
capped at `UNLABELLED`: which field they are is inferred from the layout.

Confidence: the words' calibrated confidence times the normalization's factor and `label_factor` (a label read
with slips), a value under its label capped at `UNDER`, and the pass fills only fields the layout readers
left empty or below `SURE`, never over a surer value.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import core

from . import _normalize as norm
from ._confidence import DISPUTED, UNLABELLED
from ._fields import (
    Normalizer,
    capped,
    constant,
    field_value,
    item_marker,
    reads_like_sentence,
    vocabulary,
    widest_gap,
)
from ._layout import (
    LabelRun,
    Line,
    Span,
    _index,
    _similar,
    compact_key,
    label_factor,
    printed_words,
    without_leading_noise,
)

UNDER = 0.95
"""Most a value found under its label may claim: which column it sits in is inferred from the layout."""
_WIDE_GAP = 1.5
"""Line heights between a label without a colon and its value on the same line."""
_VALUE_GAP = 2.5
"""Line heights of gap that end a value (the next column starts there)."""
_LABEL_ROW = 0.4
"""Share of a line's words that labels must cover for the line to be a row of labels (values under them)."""
_REACH = 3.0
"""Most line heights between a label and the line of its value under it."""
_SPECK = 0.5
"""Of the label's text height, what the words of a line under it must reach (their median) to be text, not specks."""
_TITLE_REACH = 5.0
"""Most line heights between a card's title (a member's name) and the card's first labels."""
_COLON = re.compile(r"^[:;]+$")


@dataclass(frozen=True)
class Shape:
    """How a field's value is checked and made canonical."""

    normalize: Normalizer
    letters: bool = False
    """A name or place: no digits, not a sentence."""
    digit: bool = False
    """A number or code: at least one digit."""
    parts: tuple[str, ...] = ()
    """A label of two fields (`Tempat/Tanggal Lahir`, `RT/RW`): the fields `split` gives, in order."""
    split: Callable[[str | None], tuple[str | None, ...]] | None = None


@dataclass(frozen=True)
class Occurrence(LabelRun):
    """A label printed on a line, and how it was matched."""

    ratio: float
    size: int
    """Characters of the wording matched (the longer label wins over one it contains)."""
    cut_short: bool = False
    """The wording begins another field's longer one, and an unknown word follows it closely (`Nama lo.i`):
    perhaps that longer label misread, so no label."""


def occurrences(all_lines: list[Line], wordings: dict[str, tuple[str, ...]]) -> list[Occurrence]:
    """Every printed label (fuzzy over OCR slips, case, spacing and punctuation), the longest first where two
    share words, then in reading order."""
    index = _index(all_lines)
    keys = {compact_key(w) for printed in wordings.values() for w in printed}
    prefixes = {k for k in keys if any(o != k and o.startswith(k) for o in keys)}
    found: list[Occurrence] = []
    for field, printed in wordings.items():
        for wording in printed:
            target = compact_key(wording)
            floor = _floor(target)
            sizes = range(max(1, len(wording.split()) - 1), printed_words(wording) + 1)
            for line, start, size in index.runs_like(target, floor, sizes=sizes, whole=True):
                # A word short of the wording (`IJAZAH` for `No. Ijazah`) must read all but alike.
                least = floor if size >= len(wording.split()) else max(floor, _SHORT_RUN)
                text = compact_key(" ".join(w.text for w in line.words[start:start + size]))
                # A form's item number inside the run begins the next label (`Tempat Lahir 3. Tanggal Lahir`).
                run = line.words[start:start + size]
                if not text or any(item_marker(w.text) for w in run[1:]) or \
                        widest_gap(run) > _VALUE_GAP * line.height:
                    continue  # ... and a label's words are set close: a column's gap parts two labels
                ratio = _similar(text, target, least)
                if ratio >= least:
                    found.append(Occurrence(field, line, start, start + size, ratio, len(target),
                                            target in prefixes))
    found.sort(key=lambda o: (-o.size, -o.ratio))
    taken: dict[int, set[int]] = {}
    kept = []
    for occ in found:
        used = taken.setdefault(id(occ.line), set())
        span = set(range(occ.start, occ.end))
        if used & span:
            continue
        used |= span
        kept.append(occ)
    kept = [o for o in kept if not (o.cut_short and _followed(o, taken[id(o.line)]))]
    return sorted(kept, key=lambda o: (o.line.page, o.line.y, o.x0))


def _followed(occ: Occurrence, taken: set[int]) -> bool:
    """Whether a word of no label follows the label closely on its line, with no colon between."""
    words = occ.line.words
    if occ.end >= len(words) or occ.end in taken or _colon_after(occ) is not None:
        return False
    return words[occ.end].x0 - words[occ.end - 1].x1 < _PHRASE_GAP * occ.line.height


_PHRASE_GAP = 1.0
"""Line heights between words of one label."""
_SHORT_RUN = 0.9
"""How alike a run of fewer words than its label must read."""


def _floor(target: str) -> float:
    """How alike printed words must read to be a label: one slip in a short label, two in a long one."""
    if len(target) < 4:
        return 1.0
    return max(0.75, 1 - 2 / len(target)) if len(target) >= 8 else min(0.85, 1 - 1 / len(target))


def _label_row(line: Line, on_line: list[Occurrence]) -> bool:
    words = [w for w in line.words if any(c.isalnum() for c in w.text)]
    covered = sum(o.end - o.start for o in on_line)
    return bool(words) and covered >= _LABEL_ROW * len(words)


def _colon_after(occ: Occurrence) -> int | None:
    """Index of the first word after the label's colon, if a colon closes it."""
    words = occ.line.words
    if words[occ.end - 1].text.endswith(":"):
        return occ.end
    if occ.end < len(words):
        if _COLON.match(words[occ.end].text):
            return occ.end + 1
        if words[occ.end].text.startswith(":"):
            return occ.end
    return None


def _beside(occ: Occurrence, start: int, stop: int) -> Span | None:
    """Words from `start` up to the next label (`stop`) or a wide gap."""
    line = occ.line
    printed = list(line.words[start:stop])
    words = without_leading_noise(printed, line.height)
    if not words:
        return None
    limit = _VALUE_GAP * line.height
    taken = [words[0]]
    for word in words[1:]:
        if word.x0 - taken[-1].x1 > limit:
            break
        taken.append(word)
    return Span(line.page, tuple(taken), label_factor(occ.ratio))


def _under(occ: Occurrence, y: float, left: float, right: float, below: list[tuple[float, Line]],
           label_words: set[int]) -> Span | None:
    """The words of the first line under the label (at `y`) within its column [left, right), none of them a
    label."""
    height = occ.line.height
    for line_y, line in below:
        # Reach in the taller of label and value: a caption set small over a value set large.
        if line_y - y > _REACH * max(height, *(w.height for w in line.words)) * 1.5:
            return None
        words = [w for w in line.words if left <= w.cx < right and w.x1 > occ.x0 - height]
        if not words or statistics.median(w.height for w in words) < _SPECK * height:
            continue  # nothing, or specks (a rule or dirt read `Hn nan` a few pixels high)
        if line_y - y > _REACH * max(height, line.height, statistics.median(w.height for w in words)):
            return None
        if any(id(w) in label_words for w in words):
            return None
        if len(words) > 1 and item_marker(words[0].text):
            words = words[1:]  # the next cell's item number, read on the value's line
        words = without_leading_noise(words, line.height)
        if words and words[0].x0 - occ.x0 > 3 * height and words[0].x0 > occ.line.words[occ.end - 1].x1 + height:
            continue  # another column's value, set between the label and its own (captions staggered by column)
        if not words or abs(words[0].x0 - occ.x0) > 3 * height:
            return None
        taken = [words[0]]
        for word in words[1:]:
            if word.x0 - taken[-1].x1 > _VALUE_GAP * line.height:
                break
            taken.append(word)
        return Span(line.page, tuple(taken), label_factor(occ.ratio))
    return None


def _another_beside(occ: Occurrence, span: Span, stop: int, shape: Shape) -> bool:
    """Whether the label's line holds, past the value's gap and before the next label, a second value of the
    field's shape: one label for two columns (two parties' or two members' values side by side), and which
    column is the field's the line does not say."""
    end = span.words[-1].x1
    rest = tuple(w for w in occ.line.words[occ.end:stop] if w.x0 >= end and any(c.isalnum() for c in w.text))
    if not rest:
        return False
    other = _shaped(occ.field, Span(occ.line.page, rest), shape)
    return other is not None and any(v.value is not None for v in other.values())


@dataclass(frozen=True)
class Found:
    occ: Occurrence
    values: dict[str, core.FieldValue]
    """The field's value (two for a label of two fields); value None for one printed as `-`."""
    bottom: float
    """The y of the lowest line the label or its value stands on."""


def labelled_values(all_lines: list[Line], found: list[Occurrence], shapes: dict[str, Shape]) -> list[Found]:
    """Each label with a value of its field's shape (labels without one are left out)."""
    label_words = {id(o.line.words[i]) for o in found for i in range(o.start, o.end)}
    by_line: dict[int, list[Occurrence]] = {}
    for occ in found:
        by_line.setdefault(id(occ.line), []).append(occ)
    place = {id(line): i for i, line in enumerate(all_lines)}
    ys = [line.y for line in all_lines]
    out = []
    for occ in found:
        row = by_line[id(occ.line)]
        nxt = next((o for o in row if o.x0 > occ.x0), None)
        prev = [o for o in row if o.x0 < occ.x0]
        stop = nxt.start if nxt else len(occ.line.words)
        if nxt and stop > occ.end and item_marker(occ.line.words[stop - 1].text):
            stop -= 1  # the next label's item number (`6.` of `6. Nomor Induk Siswa Nasional`) is no value
        after = _colon_after(occ)
        words = occ.line.words
        beside = None
        if after is not None:
            beside = _beside(occ, after, stop)
        elif occ.end < stop and words[occ.end].x0 - words[occ.end - 1].x1 > _WIDE_GAP * occ.line.height:
            beside = _beside(occ, occ.end, stop)
        left = (prev[-1].x1 + occ.x0) / 2 if prev else float("-inf")
        right = occ.line.words[stop].x0 - occ.line.height / 2 if nxt else float("inf")
        at = place[id(occ.line)]
        below = [(ys[i], ln) for i, ln in enumerate(all_lines[at + 1:], at + 1) if ln.page == occ.line.page]
        under = _under(occ, ys[at], left, right, below, label_words)
        # In a row of labels, what stands beside a label is more likely a label read too badly to be known.
        first_under = after is None and _label_row(occ.line, row)
        candidates = [(under, UNDER), (beside, 1.0)] if first_under else [(beside, 1.0), (under, UNDER)]
        for span, cap in candidates:
            if span is None:
                continue
            values = _shaped(occ.field, span, shapes[occ.field])
            if values is not None:
                if span is beside and _another_beside(occ, span, stop, shapes[occ.field]):
                    cap = min(cap, DISPUTED)
                bottom = max(occ.line.y, max(w.cy for w in span.words))
                out.append(Found(occ, {f: capped(v, cap) for f, v in values.items()}, bottom))
                break
    return out


_DIGIT = re.compile(r"\d")
_STROKE = re.compile(r"^[|!l1\[\]]$")


def _shaped(field: str, span: Span, shape: Shape) -> dict[str, core.FieldValue] | None:
    """The span as the field's value(s), or None when it is not of the field's shape (`-`: a value, none)."""
    text = span.text
    fields = shape.parts or (field,)
    if norm.clean(text) is None:
        return {f: core.FieldValue(None) for f in fields}
    if shape.split is not None:
        parts = shape.split(text)
        if None in parts:
            return None
        return {f: field_value(span, constant(v)) for f, v in zip(fields, parts, strict=True)}
    if shape.letters and (_DIGIT.search(text) or reads_like_sentence(text, most_words=6) or _like_label(text)):
        return None
    if shape.digit and not _DIGIT.search(text):
        return None
    value = field_value(span, shape.normalize)
    if any(_STROKE.match(w.text) for w in span.words):  # a rule, or the letter I (`RAHA I` read `RAHA |`)
        value = capped(value, DISPUTED)
    return {field: value} if value.value is not None else None


def _like_label(text: str) -> bool:
    """Whether words read like a label of any type (a label read too badly to be found as one is no value)."""
    return _key_like_label(compact_key(text))


@functools.lru_cache(maxsize=4096)
def _key_like_label(key: str) -> bool:
    return any(_similar(key, label, _LIKE_LABEL) >= _LIKE_LABEL for label in _all_labels())


_LIKE_LABEL = 0.75


def is_label(text: str) -> bool:
    """Whether a value is a label's wording (`RT`, `Alamat`) or reads like one."""
    key = compact_key(text)
    return key in _all_labels(shortest=1) or _like_label(text)


@functools.cache
def _all_labels(shortest: int = 5) -> tuple[str, ...]:
    """Every field label of every type, as compact keys of at least `shortest` characters."""
    keys = {compact_key(w) for doc in ("kk", "ijazah", "buku_nikah") for group in ("fields", "english")
            for wordings in vocabulary()[doc].get(group, {}).values() for w in wordings}
    return tuple(sorted(k for k in keys if len(k) >= shortest))


def read_fields(all_lines: list[Line], shapes: dict[str, Shape], wordings: dict[str, tuple[str, ...]],
                ) -> dict[str, core.FieldValue]:
    """The first (top-most) label of each field that has a value of its shape."""
    return first_of_each(labelled_values(all_lines, occurrences(all_lines, wordings), shapes))


def first_of_each(found: list[Found]) -> dict[str, core.FieldValue]:
    """The first value of each field; at most `DISPUTED` when another of the field's labels on the page
    holds another value (`Nomor` over a letter's number and `Nomor Seri Ijazah` over the ijazah's): which
    label is the field's, the page does not say."""
    out: dict[str, core.FieldValue] = {}
    for item in found:
        for field, value in item.values.items():
            first = out.setdefault(field, value)
            if value.value is not None and first.value is not None and value.value != first.value:
                out[field] = capped(first, DISPUTED)
    return out


def member_blocks(all_lines: list[Line], printed: list[Occurrence], found: list[Found], *,
                  title: tuple[Shape, str, Shape] | None = None) -> list[dict[str, core.FieldValue]]:
    """One record per repeated block of labels (`printed`, with their values `found`), in printed order: a
    line of labels naming a field the current block already holds starts the next block. `title`: the name's
    shape, the tag field and its shape, read off the line just above a block that labels no name (a card's
    title: the name, and a vocabulary tag beside it)."""
    # Rows of labels in reading order; a row naming a field the current block already has starts the next
    # block (so one label lost to a smudge does not merge two blocks).
    block_of: dict[int, int] = {}
    seen: set[str] = set()
    count = 0
    for line in dict.fromkeys(o.line for o in printed):
        fields = {o.field for o in printed if o.line is line}
        if not count or fields & seen:
            count += 1
            seen = set()
        seen |= fields
        block_of[id(line)] = count - 1
    blocks: list[list[Found]] = [[] for _ in range(count)]
    for item in found:
        if id(item.occ.line) in block_of:
            blocks[block_of[id(item.occ.line)]].append(item)
    records = []
    above = float("-inf")
    for block in (b for b in blocks if b):
        record = {f: v for item in block for f, v in item.values.items()}
        top = min(item.occ.line.y for item in block)
        if title is not None and "nama_lengkap" not in record:
            record.update(_title(all_lines, block[0].occ.line, above, top, title))
        records.append(record)
        above = max(item.bottom for item in block)
    return records


def _title(all_lines: list[Line], first: Line, above: float, top: float,
           title: tuple[Shape, str, Shape]) -> dict[str, core.FieldValue]:
    """The name (and a tag) on the line nearest above a block's first labels, capped at `UNLABELLED`."""
    height = first.height
    near = [ln for ln in all_lines if ln.page == first.page and above < ln.y < top]
    if not near or top - near[-1].y > _TITLE_REACH * height:
        return {}
    last = near[-1]
    merged = sorted((w for ln in near if abs(ln.y - last.y) < 0.75 * max(ln.height, last.height) for w in ln.words),
                    key=lambda w: w.x0)
    line = Line(last.page, tuple(w for w in merged if any(c.isalnum() for c in w.text)))
    words = list(line.words)
    if not words:
        return {}
    cut = next((i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 > _VALUE_GAP * line.height),
               len(words))
    shape, tag_field, tag_shape = title
    out = {}
    name = _shaped("nama_lengkap", Span(line.page, tuple(words[:cut])), shape)
    tagged = field_value(Span(line.page, tuple(words[:cut])), tag_shape.normalize).value is not None
    if name and name["nama_lengkap"].value and not tagged:
        out["nama_lengkap"] = capped(name["nama_lengkap"], UNLABELLED)
    if cut < len(words):
        tag = field_value(Span(line.page, tuple(words[cut:])), tag_shape.normalize)
        if tag.value is not None:
            out[tag_field] = capped(tag, UNLABELLED)
    return out
