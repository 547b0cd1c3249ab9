"""Values printed without a label: inside sentences, as headings, or on a line of their own.

    stream(all_lines) -> Stream: the page's text in reading order, a regex's groups mapped back to words
    after_phrase(all_lines, phrases) -> Span: the words after a phrase (`menyatakan bahwa`) or on the next line
    DATE: a regex for a printed date (`12 Maret 2002`, `12-03-2002`)
    date_in_words(text) -> ISO date | None: a date written out in words (`dua puluh satu Maret seribu ...`)

Each finder returns words; which field they are is inferred, so callers cap
the confidence (`_confidence.UNLABELLED`, `_confidence.IN_SENTENCE`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from dataclasses import dataclass

import core

from ._fields import reads_like_sentence
from ._layout import Line, Span, find_phrase
from ._model import Word

DATE = r"\d{1,2}\s*[-.]?\s*[A-Za-z]{3,10}\.?\s*[-.,]?\s*\d{4}|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}"
"""A date as printed in a sentence: day, month name or number, four-digit year."""


@dataclass(frozen=True)
class Stream:
    """The text of some lines joined in reading order, each character's word known."""

    text: str
    _starts: tuple[int, ...]
    _words: tuple[tuple[int, Word], ...]
    """(page, word) per word, in text order."""

    def span(self, start: int, end: int) -> Span | None:
        """The words the characters [start, end) of `text` belong to."""
        if end <= start:
            return None
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_left(self._starts, end) - 1
        chosen = self._words[max(first, 0):last + 1]
        if not chosen:
            return None
        page = chosen[0][0]
        return Span(page, tuple(w for p, w in chosen if p == page))

    def group(self, match: re.Match[str], name: str) -> Span | None:
        return self.span(match.start(name), match.end(name)) if match[name] else None

    def word_before(self, start: int) -> Word | None:
        """The word printed just before character `start` (None at the start)."""
        at = bisect.bisect_right(self._starts, start) - 1
        if at >= 0 and self._starts[at] == start:
            at -= 1
        return self._words[at][1] if at >= 0 else None


def stream(all_lines: list[Line]) -> Stream:
    parts: list[str] = []
    starts: list[int] = []
    words: list[tuple[int, Word]] = []
    at = 0
    for line in all_lines:
        for word in line.words:
            starts.append(at)
            words.append((line.page, word))
            parts.append(word.text)
            at += len(word.text) + 1
    return Stream(" ".join(parts), tuple(starts), tuple(words))


def after_phrase(all_lines: list[Line], phrases: tuple[str, ...], *, most_words: int = 6) -> Span | None:
    """The words printed after the first of `phrases` found: the rest of its line, or else the line below
    (a name set large and centred under `dengan ini menyatakan bahwa`). Nothing that reads like a sentence
    or carries a label of its own."""
    for phrase in sorted(phrases, key=len, reverse=True):
        found = find_phrase(all_lines, phrase)
        if found is None:
            continue
        line, end = found
        rest = _before_column_gap([w for w in line.words[end:] if w.text.strip(":;,.")], line.words[end - 1])
        if rest:
            candidate = Span(line.page, tuple(rest))
        else:
            # Not a speck's line (a rule or dirt read as `Ma` at 0.0, a tenth of the text's height).
            below = [ln for ln in all_lines if ln.page == line.page and ln.y > line.y
                     and max(w.height for w in ln.words) >= _SPECK * line.height]
            if not below or below[0].y - line.y > 4 * max(line.height, below[0].height):
                continue
            candidate = Span(line.page, _under_phrase(below[0], line))
        text = candidate.text
        if any(":" in w.text for w in candidate.words) or reads_like_sentence(text, most_words=most_words):
            continue
        letters = sum(c.isalpha() for c in text)
        if letters < 2 or sum(c.isdigit() for c in text) > 0.2 * letters:
            continue
        return candidate
    return None


def _before_column_gap(rest: list[Word], last: Word) -> list[Word]:
    """The words after a phrase up to a column's gap: what stands far right of it on its line (a seal or the
    frame read as `nun` at 0.0) is no continuation of it."""
    kept, reach = [], last
    for word in rest:
        if word.x0 - reach.x1 > _COLUMN_GAP * max(reach.height, min(word.height, reach.height * 2)):
            break
        kept.append(word)
        reach = word
    return kept


_COLUMN_GAP = 4.0
"""Text heights of blank that part a column (or a speck far right) from the words before it."""


def _under_phrase(below: Line, phrase: Line) -> tuple[Word, ...]:
    """Of a line under a phrase, the blocks of words (parted from the others by a column's gap) that lie under
    the phrase's extent: a side panel's word beyond it at the same height (`IPDN   ANDI MAPPANYUKKI`) is not
    the name's."""
    blocks: list[list[Word]] = []
    for word in below.words:
        if blocks and word.x0 - blocks[-1][-1].x1 <= _BLOCK_GAP * below.height:
            blocks[-1].append(word)
        else:
            blocks.append([word])
    left, right = phrase.words[0].x0, phrase.words[-1].x1
    under = [w for block in blocks if min(right, block[-1].x1) > max(left, block[0].x0) for w in block]
    return tuple(under) or below.words


_BLOCK_GAP = 3.0
"""Text heights of blank that part two blocks of one line (words of a name are a space apart)."""
_SPECK = 0.5
"""Of the phrase's text height, what the tallest word of a line must reach to be a line of text."""


_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}
_SCALES = {"belas": 10, "puluh": 10, "ratus": 100, "ribu": 1000}
_WORDS = (*_NUMBER_WORDS, *_SCALES)


def date_in_words(text: str) -> str | None:
    """`dua puluh satu Maret seribu sembilan ratus delapan puluh tujuh` -> `1987-03-21`: a date written out
    in Indonesian words (as a registrar types it beside the digits), a misread letter or two in a word
    allowed; None unless day, month and year are all there and make a date."""
    tokens = [t for t in re.split(r"[^A-Za-z]+", text.lower()) if t]
    months = [m.lower() for m in core.MONTHS_ID]
    at = next((i for i, t in enumerate(tokens) if difflib.get_close_matches(t, months, n=1, cutoff=0.8)), None)
    if at is None:
        return None
    month = months.index(difflib.get_close_matches(tokens[at], months, n=1, cutoff=0.8)[0]) + 1
    day, year = _number(tokens[:at], last=True), _number(tokens[at + 1:], last=False)
    if day is None or year is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _number(tokens: list[str], *, last: bool) -> int | None:
    """The number the run of number words at the end (`last`) or the start of `tokens` spells."""
    words: list[str] = []
    for token in reversed(tokens) if last else tokens:
        close = difflib.get_close_matches(token, _WORDS, n=1, cutoff=0.8)
        if not close:
            break
        words.append(close[0])
    if last:
        words.reverse()
    if not words or words[0] in _SCALES:  # `belas`, `puluh` ... say what went before
        return None
    total = group = small = 0
    for word in words:
        if word in _NUMBER_WORDS and _NUMBER_WORDS[word] < 100:
            small += _NUMBER_WORDS[word]
        elif word == "belas":
            small += 10
        elif word == "puluh":
            small *= 10
        elif word in ("ratus", "seratus"):
            group, small = group + (small or 1) * 100, 0
        else:  # ribu, seribu
            total, group, small = total + (group + small or 1) * 1000, 0, 0
    return total + group + small or None
