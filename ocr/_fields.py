"""Turning a span of words plus a normalizer into a core.FieldValue."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import core

from ._layout import Span

NOT_FOUND = core.FieldValue(None)


def field_value(span: Span | None, normalize: Callable[[str | None], str | None]) -> core.FieldValue:
    """The normalized value with the span's confidence and box; value None (confidence 0) if unreadable."""
    if span is None or not span.words:
        return NOT_FOUND
    value = normalize(span.text)
    return core.FieldValue(value, span.confidence if value is not None else 0.0, span.page, span.bbox)


def all_fields(names: Iterable[str], found: dict[str, core.FieldValue]) -> dict[str, core.FieldValue]:
    """Every field of the type, in the documented order, NOT_FOUND where nothing was read."""
    return {name: found.get(name, NOT_FOUND) for name in names}
