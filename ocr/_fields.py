"""Turning a span of words plus a normalizer into a core.FieldValue."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import core

from ._confidence import CONTRADICTED, CORROBORATED, score
from ._layout import Span
from ._normalize import Graded

NOT_FOUND = core.FieldValue(None)
Normalizer = Callable[[str | None], "str | Graded | None"]


def field_value(span: Span | None, normalize: Normalizer) -> core.FieldValue:
    """The normalized value with its confidence and box; value None (confidence 0) if unreadable.

    `normalize` returns the canonical value, or a `Graded` value whose factor
    says how much the normalization had to change to get there.
    """
    if span is None or not span.words:
        return NOT_FOUND
    result = normalize(span.text)
    graded = result if isinstance(result, Graded) else Graded(result, 1.0 if result is not None else 0.0)
    if graded.value is None:
        return core.FieldValue(None, 0.0, span.page, span.bbox)
    return core.FieldValue(graded.value, score((w.confidence for w in span.words), graded.factor),
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
