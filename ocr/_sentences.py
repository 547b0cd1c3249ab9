"""Values printed without a label: inside sentences, as headings, or on a line of their own.

    stream(all_lines) -> Stream: the page's text in reading order, a regex's groups mapped back to words
    after_phrase(all_lines, phrases) -> Span: the words after a phrase (`menyatakan bahwa`) or on the next line
    DATE: a regex for a printed date (`12 Maret 2002`, `12-03-2002`)

Each finder returns words; which field they are is inferred, so callers cap
the confidence (`_confidence.UNLABELLED`, `_confidence.IN_SENTENCE`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

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
        rest = [w for w in line.words[end:] if w.text.strip(":;,.")]
        if rest:
            candidate = Span(line.page, tuple(rest))
        else:
            below = [ln for ln in all_lines if ln.page == line.page and ln.y > line.y]
            if not below or below[0].y - line.y > 4 * max(line.height, below[0].height):
                continue
            candidate = Span(line.page, below[0].words)
        text = candidate.text
        if any(":" in w.text for w in candidate.words) or reads_like_sentence(text, most_words=most_words):
            continue
        letters = sum(c.isalpha() for c in text)
        if letters < 2 or sum(c.isdigit() for c in text) > 0.2 * letters:
            continue
        return candidate
    return None
