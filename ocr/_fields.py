"""Turning a span of words plus a normalizer into a core.FieldValue; the label vocabulary (`labels.toml`).

    vocabulary() -> the parsed `labels.toml` (titles, issuers, marks, field labels per document type)
    labels(doc, key, group="fields") -> tuple of printed wordings
    capped(value, cap) -> the value with its confidence at most `cap` (`_confidence.capped`, the policy's;
        how it was found limits it: `UNLABELLED`, `IN_SENTENCE`)
    item_marker(text) -> whether a word is a form's item number (`1.`, `6.`, `b.`, `IV.`): part of the label
        it stands before, never a value
    widest_gap(words) -> the widest blank between words of a line, left to right (a speck inside a word's box
        leaves none)
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

import core

from ._confidence import CONTRADICTED, CORROBORATED, score
from ._confidence import capped as capped
from ._layout import Span
from ._model import Word
from ._normalize import Graded

NOT_FOUND = core.FieldValue(None)

Normalizer = Callable[[str | None], "str | Graded | None"]


def field_value(span: Span | None, normalize: Normalizer) -> core.FieldValue:
    """The normalized value with its confidence and box; value None (confidence 0) if unreadable.

    `normalize` returns the canonical value, or a `Graded` value whose factor
    says how much the normalization had to change to get there; the span's own
    factor (a label read with slips) costs the confidence too.
    """
    if span is None or not span.words:
        return NOT_FOUND
    result = normalize(span.text)
    graded = result if isinstance(result, Graded) else Graded(result, 1.0 if result is not None else 0.0)
    if graded.value is None:
        return core.FieldValue(None, 0.0, span.page, span.bbox)
    return core.FieldValue(graded.value, score((w.confidence for w in span.words), graded.factor * span.factor),
                           span.page, span.bbox)


def corroborate(values: dict[str, core.FieldValue], names: Iterable[str], *, agree: bool) -> None:
    """Raise (agree) or cap (disagree) the confidence of fields that were checked against each other."""
    for name in names:
        value = values.get(name)
        if value is None or value.value is None:
            continue
        confidence = max(value.confidence, CORROBORATED) if agree else min(value.confidence, CONTRADICTED)
        values[name] = dataclasses.replace(value, confidence=confidence)


def constant(value: str | None) -> Normalizer:
    """A normalizer that ignores the text: for values worked out before (a level, a split place)."""
    return lambda _text: value


def all_fields(names: Iterable[str], found: dict[str, core.FieldValue]) -> dict[str, core.FieldValue]:
    """Every field of the type, in the documented order, NOT_FOUND where nothing was read."""
    return {name: found.get(name, NOT_FOUND) for name in names}


@functools.cache
def vocabulary() -> dict[str, Any]:
    """`labels.toml`, parsed once."""
    with resources.files(__package__).joinpath("labels.toml").open("rb") as f:
        return tomllib.load(f)


def labels(doc: str, key: str, group: str = "fields") -> tuple[str, ...]:
    """The printed wordings of `key` in `[doc.group]` of `labels.toml` (`group=""`: `[doc]` itself)."""
    table = vocabulary()[doc]
    if group:
        table = table[group]
    return tuple(table.get(key, ()))


_SENTENCE_WORDS = frozenset({
    "YANG", "BERDASARKAN", "BAHWA", "TELAH", "DENGAN", "KEPADANYA", "SEBAGAI", "DINYATAKAN", "MENYATAKAN",
    "MENERANGKAN", "BERLAKU", "UNTUK", "TERSEBUT", "SELURUH", "KEPADA", "DIBERIKAN", "MENYELESAIKAN", "INI",
    "ADALAH", "OLEH", "AKAN", "DAPAT", "SESUAI", "PADA", "DARI",
})
"""Words that make a sentence, never a name of a person, school or place."""


def reads_like_sentence(text: str | None, *, most_words: int = 8) -> bool:
    """A value that reads like a sentence (`BERDASARKAN KRITERIA KELULUSAN YANG BERLAKU`) is no name:
    more than `most_words` words, or a word only sentences use."""
    if not text:
        return False
    words = [w.strip(".,:;()").upper() for w in text.split()]
    return len(words) > most_words or any(w in _SENTENCE_WORDS for w in words)


_ITEM_MARKER = re.compile(r"^(?:\d{1,2}|[a-z]|[IVX]{1,4})[.)]$")


def item_marker(text: str) -> bool:
    """A form's item number or letter (`1.`, `6.`, `b.`, `IV.`, `3)`): it stands before a label, belongs to
    the label's row, and is no value of the label before it (`5. Nomor Induk Siswa   6. Nomor Induk ...`)."""
    return bool(_ITEM_MARKER.match(text))


def widest_gap(words: Iterable[Word]) -> int:
    """The widest blank between the words, taken left to right, each measured from the furthest right any word
    before it reaches (a speck read inside a longer word's box, `Kabupaten Pp Kota`, opens no gap)."""
    widest, reach = 0, None
    for word in sorted(words, key=lambda w: w.x0):
        if reach is not None:
            widest = max(widest, word.x0 - reach)
        reach = word.x1 if reach is None else max(reach, word.x1)
    return widest
