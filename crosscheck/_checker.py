"""The comparison primitives every rule uses; they collect findings as they go."""

from __future__ import annotations

from typing import Any

from core import FieldValue, Finding

from ._findings import finding
from ._names import NameMatch, compare_names


class Checker:
    """Collects findings while the rules compare fields read off documents with the record."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.findings: list[Finding] = []

    def add(self, code: str, **kw: Any) -> None:
        self.findings.append(finding(code, **kw))

    def read(self, value: FieldValue, *, document: str, field: str, record_identity: str | None = None) -> str | None:
        """The value if it was read at all; records FIELD_NOT_FOUND or LOW_CONFIDENCE otherwise.

        `record_identity`: the 16-digit NIK or No. KK the record holds for this field. A reading
        equal to it digit for digit corroborates itself (a misread that lands exactly on the
        record's number is vanishingly unlikely), so no LOW_CONFIDENCE is raised for it.
        """
        if value.value is None:
            self.add("FIELD_NOT_FOUND", document=document, field=field)
            return None
        if value.confidence < self.threshold and not _is_identity(value.value, record_identity):
            self.add("LOW_CONFIDENCE", document=document, field=field, found=value.value,
                     expected=f">= {self.threshold:.2f}")
        return value.value

    def same(self, code: str, value: FieldValue, expected: str | None, *, document: str, field: str) -> bool:
        """Exact comparison (NIK, numbers, ISO dates)."""
        found = self.read(value, document=document, field=field, record_identity=expected)
        if found is None:
            return False
        if found != expected:
            self.add(code, document=document, field=field, expected=expected, found=found)
            return False
        return True

    def same_name(self, code: str, value: FieldValue, expected: str | None, *, document: str,
                  field: str) -> bool:
        """Name comparison after the documented normalization; abbreviations go to a human."""
        found = self.read(value, document=document, field=field)
        if found is None:
            return False
        match = compare_names(found, expected)
        if match == NameMatch.SAME:
            return True
        self.add("NAME_ABBREVIATED" if match == NameMatch.ABBREVIATED else code, document=document,
                 field=field, expected=expected, found=found)
        return False


def _is_identity(found: str, record_identity: str | None) -> bool:
    return record_identity is not None and found == record_identity and len(found) == 16 and found.isdigit()
