"""Bilingual ijazah: the English beside or under the Indonesian is a translation, never a value of its own.

    fold_translations(all_lines, indonesian, english) -> the lines with each label's translation taken out
    without_twin(span) -> the span up to the ` / ` after which its English twin stands
    english(text) -> whether text is English (a word only English uses, or an English date)
    english_date(text) -> a Graded ISO date of `June 5, 1985`, `5th June 1985`, `5 June 1985`
    check_twin_date(all_lines, found, name) -> the date checked against its English twin (in place)
    english_issue_date(all_lines, after=) -> the date of issue from its English twin, doubted

Issuers print a label with its translation in several arrangements: `Nama / Name :` on one line, the
English in italics under the Indonesian, the English first in a column of its own, or the English alone (a
transcript's header). A label and its translation are one label: the translation is taken out before
fields are looked for, so that a colon lost in a scan still leaves `Nama WA ODE` (a label and its value),
not `Nama / Name WA ODE`. English labels standing alone stay (they are labels of their own, `labels.toml`
`[ijazah.english]`). A value followed by its English twin (`Teknik Sipil / Civil Engineering`) keeps the
Indonesian; a date's twin is read too: it stands in for an unreadable Indonesian date, and disagreement
between the two is doubt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping

import core

from . import _normalize as norm
from ._confidence import DISPUTED, capped
from ._fields import field_value
from ._layout import Line, Span, compact_key
from ._model import Word

_MOST_LABEL_WORDS = 6
_FUZZY = 6
"""Letters from which a label run may differ from its wording by one slip."""
_SLASHES = frozenset({"/", "|", "\\"})
_UNDER = 2.2
"""Line heights below a label within which its translation stands in italics."""
_ALIGNED = 3.0
"""Line heights across which a translation's first word lines up with its label's."""

ENGLISH_WORDS = frozenset({
    "OF", "IN", "AND", "THE", "BACHELOR", "MASTER", "DOCTOR", "ASSOCIATE", "DEGREE", "ENGINEERING", "SCIENCE",
    "SCIENCES", "ARTS", "EDUCATION", "ECONOMICS", "MANAGEMENT", "ACCOUNTING", "AGRICULTURE", "AGRIBUSINESS",
    "COMMUNICATION", "INFORMATICS", "COMPUTER", "CIVIL", "MECHANICAL", "ELECTRICAL", "LAW", "LAWS", "BUSINESS",
    "FACULTY", "DEPARTMENT", "PROGRAM", "PROGRAMME", "STUDY", "UNIVERSITY", "INSTITUTE", "POLYTECHNIC", "SOCIAL",
    "POLITICAL", "APPLIED", "TECHNOLOGY", "HEALTH", "NURSING", "PUBLIC", "ADMINISTRATION", "TEACHER", "ISLAMIC",
    "UNDERGRADUATE", "GRADUATE", "DIPLOMA", "CERTIFICATE", "HEREBY", "CERTIFIES", "WITH", "ALL", "RIGHTS",
    "BACHELOR'S", "MATHEMATICS", "BIOLOGY", "CHEMISTRY", "PHYSICS", "MEDICINE", "PHARMACY", "FORESTRY",
})
"""Words of an English twin (`Civil Engineering`, `Bachelor of Engineering`) that Indonesian values lack."""

MONTHS_EN = ("JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
             "NOVEMBER", "DECEMBER")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[.,]?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|\s*-?\s*(?:st|nd|rd|th))?\s+(?:of\s+)?([A-Za-z]{3,10})\.?,?\s+(\d{4})\b")


@dataclasses.dataclass(frozen=True)
class _Run:
    start: int
    end: int
    field: str
    english: bool


def fold_translations(all_lines: list[Line], indonesian: Mapping[str, Iterable[str]],
                      english: Mapping[str, Iterable[str]]) -> list[Line]:
    """`all_lines` with each label's translation taken out: `Nama / Name :` -> `Nama :`; `Name Nama :` (the
    English in a column of its own) -> `Nama :`; an English label under a label of its field (italics) ->
    what follows it on that line (the value's twin), or no line. `indonesian` and `english` map a field to its
    wordings (`labels.toml`)."""
    keys = _keys(indonesian, english=False) | _keys(english, english=True)
    out: list[Line] = []
    for line in all_lines:
        runs = _label_runs(line.words, keys)
        if len(runs) >= 2 and runs[0].end <= runs[1].start <= runs[0].end + 1 and (
                runs[0].english != runs[1].english or runs[0].field == runs[1].field):
            out.append(_keep_one(line, runs[0], runs[1]))
            continue
        if runs and runs[0].english and runs[0].start == 0 and _under_its_label(line, runs[0], out, keys):
            rest = line.words[runs[0].end:]
            if rest:
                out.append(Line(line.page, rest))
            continue
        out.append(line)
    return out


def _keep_one(line: Line, first: _Run, second: _Run) -> Line:
    """The line with the English one of two adjacent runs (and the slash between them) taken out; a colon
    closing the dropped run closes the kept one."""
    words = line.words
    if first.english and not second.english:  # the English first, in a column of its own
        return Line(line.page, (*words[:first.start], *words[second.start:]))
    kept = list(words[:first.end])
    closing = words[second.end - 1].text.endswith(":")
    text = kept[-1].text.rstrip("/")
    if closing and not text.endswith(":"):
        text += ":"
    kept[-1] = dataclasses.replace(kept[-1], text=text)
    return Line(line.page, (*kept, *words[second.end:]))


def _under_its_label(line: Line, run: _Run, above: list[Line], keys: dict[str, tuple[str, bool]]) -> bool:
    """An English label that stands under a label of its field, lined up with it (the translation printed
    in italics under the Indonesian)."""
    first = line.words[run.start]
    for prior in reversed(above[-4:]):
        if prior.page != line.page:
            continue
        if line.y - prior.y > _UNDER * max(line.height, prior.height):
            return False
        prior_runs = _label_runs(prior.words, keys)
        for r in prior_runs:
            head = prior.words[r.start]
            if r.field == run.field and not r.english and abs(head.x0 - first.x0) <= _ALIGNED * line.height:
                return True
    return False


def _keys(wordings: Mapping[str, Iterable[str]], *, english: bool) -> dict[str, tuple[str, bool]]:
    return {_key(w): (field, english) for field, ws in wordings.items() for w in ws if len(_key(w)) >= 2}


def _key(text: str) -> str:
    return compact_key(text).replace("/", "")


def _label_runs(words: tuple[Word, ...], keys: dict[str, tuple[str, bool]]) -> list[_Run]:
    """Label runs from the line's start, each after the last (a slash between two allowed): where the
    labels of a line stand before its value."""
    runs: list[_Run] = []
    i = 0
    while i < len(words):
        run = _run_at(words, i, keys)
        if run is None:
            break
        runs.append(run)
        i = run.end
        if words[run.end - 1].text.endswith(":"):
            break
        if i < len(words) and words[i].text in _SLASHES:
            i += 1
    return runs


def _run_at(words: tuple[Word, ...], start: int, keys: dict[str, tuple[str, bool]]) -> _Run | None:
    for end in range(min(len(words), start + _MOST_LABEL_WORDS), start, -1):
        if any(w.text.rstrip(":").endswith(":") or w.text.endswith(":") for w in words[start:end - 1]):
            continue
        key = _key(" ".join(w.text for w in words[start:end]))
        hit = keys.get(key)
        if hit is None and len(key) >= _FUZZY:
            hit = next((v for k, v in keys.items() if len(k) >= _FUZZY and abs(len(k) - len(key)) <= 1
                        and norm.edit_distance(k, key, limit=1) <= 1), None)
        if hit is not None:
            return _Run(start, end, hit[0], hit[1])
    return None


def without_twin(span: Span) -> tuple[Span, Span | None]:
    """`Teknik Sipil / Civil Engineering` -> the Indonesian words and the English twin's; a span without a
    twin comes back whole (and None)."""
    words = span.words
    for i, word in enumerate(words):
        if i == 0:
            continue
        text = word.text
        if text in _SLASHES:
            head, tail = words[:i], words[i + 1:]
        elif text.startswith("/") and len(text) > 1:
            head, tail = words[:i], (dataclasses.replace(word, text=text[1:]), *words[i + 1:])
        elif text.endswith("/") and len(text) > 1 and i + 1 < len(words):
            head, tail = (*words[:i], dataclasses.replace(word, text=text[:-1])), words[i + 1:]
        else:
            continue
        if tail and english(" ".join(w.text for w in tail)):
            return Span(span.page, tuple(head), span.factor), Span(span.page, tuple(tail), span.factor)
    return span, None


def english(text: str) -> bool:
    """Text in English: one of its words only English uses, or an English date."""
    upper = {re.sub(r"[^A-Z']", "", w) for w in text.upper().split()}
    return bool(upper & ENGLISH_WORDS) or english_date(text).value is not None


def english_date(text: str | None) -> norm.Graded:
    """`June 5, 1985`, `5th June 1985`, `5 June 1985` -> ISO; a month with one slip (`Mav`) costs
    `EDIT_FACTOR`. An Indonesian month (`5 Juni 1985`) is no English date."""
    value = norm.clean(text) or ""
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy")):
        for match in pattern.finditer(value):
            month_text, day, year = (match[1], match[2], match[3]) if order == "mdy" else (match[2], match[1], match[3])
            month, factor = _month(month_text)
            if month is None:
                continue
            try:
                iso = f"{int(year):04d}-{month:02d}-{int(day):02d}"
                day_of = dt.date.fromisoformat(iso)
            except ValueError:
                continue
            return norm.Graded(day_of.isoformat(), factor)
    return norm.Graded(None, 0.0)


def _month(text: str) -> tuple[int | None, float]:
    """An English month's number; one slip forgiven where the word is no Indonesian month (`Juni`, `Juli`)."""
    word = text.upper().strip(".,")
    if word in MONTHS_EN:
        return MONTHS_EN.index(word) + 1, 1.0
    if len(word) >= 3 and word not in core.MONTHS_ID:
        near = [i for i, m in enumerate(MONTHS_EN) if norm.edit_distance(word, m, limit=1) <= 1]
        if len(near) == 1:
            return near[0] + 1, norm.EDIT_FACTOR
    return None, 0.0


def english_birth(span: Span) -> tuple[Span, core.FieldValue] | None:
    """`Kolaka, June 5, 1985` (a birth printed in English only) -> the place's words and the date; None
    where no English date is printed."""
    words = span.words
    for i, word in enumerate(words):
        if i == 0 or _month(word.text)[0] is None:
            continue
        start = i - 1 if words[i - 1].text[:1].isdigit() else i
        date = field_value(Span(span.page, words[start:], span.factor), english_date)
        if date.value is None:
            return None
        return Span(span.page, words[:start], span.factor), date
    return None


def english_issue_date(all_lines: list[Line], *, after: Line | None) -> core.FieldValue:
    """The date of issue from its English twin (`Kendari, August 12, 2015` under the Indonesian), the last
    English date below the person block, where no Indonesian one was read: doubted (`DISPUTED`)."""
    for line in reversed(all_lines):
        if after is not None and (line.page, line.y) <= (after.page, after.y):
            break
        value = _dated(Span(line.page, line.words))
        if value is not None:
            return capped(value, DISPUTED)
    return core.FieldValue(None)


def check_twin_date(all_lines: list[Line], found: dict[str, core.FieldValue], name: str) -> None:
    """The date `name` against its English twin, after a slash on its line or alone on the line under it:
    an unread Indonesian date is the twin's (doubted); two readings that differ are both doubt."""
    value = found.get(name)
    if value is None or value.bbox is None:
        return
    line = _line_at(all_lines, value)
    if line is None:
        return
    twin = _twin_date_on(line) or _twin_date_under(all_lines, line)
    if twin is None or twin.value is None:
        return
    if value.value is None:
        found[name] = capped(twin, DISPUTED)
    elif twin.value != value.value:
        found[name] = capped(value, DISPUTED)


def _line_at(all_lines: list[Line], value: core.FieldValue) -> Line | None:
    assert value.bbox is not None
    x0, y0, x1, y1 = value.bbox
    cy = (y0 + y1) / 2
    return next((ln for ln in all_lines if ln.page == value.page and abs(ln.y - cy) <= ln.height / 2
                 and any(x0 - 2 <= w.cx <= x1 + 2 for w in ln.words)), None)


def _twin_date_on(line: Line) -> core.FieldValue | None:
    _, twin = without_twin(Span(line.page, line.words))
    return _dated(twin) if twin is not None else None


def _twin_date_under(all_lines: list[Line], line: Line) -> core.FieldValue | None:
    below = [ln for ln in all_lines if ln.page == line.page and 0 < ln.y - line.y <= _UNDER * line.height]
    if not below:
        return None
    nearest = min(below, key=lambda ln: ln.y)
    if len(nearest.words) > _TWIN_LINE_WORDS:
        return None
    return _dated(Span(nearest.page, nearest.words))


_TWIN_LINE_WORDS = 6


def _dated(span: Span) -> core.FieldValue | None:
    value = field_value(span, english_date)
    return value if value.value is not None else None
