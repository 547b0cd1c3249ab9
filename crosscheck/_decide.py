"""From extractions plus the population record to findings and a decision. Pure: no I/O.

The rule of the house: an application is approved only when every field the
decision relies on was read with enough confidence and agrees with the record,
and the evidence proves exactly the requested new values.

    rejected      a finding of an input problem (wrong or missing document, subject not on the KK)
    needs_review  any `mismatch` or `error` finding, LOW_CONFIDENCE, PENDIDIKAN_LOWER, or koreksi_biodata
    approved      otherwise
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core import ChangeType, Decision, DocumentType, Extraction, Family, Finding, Person, Status

from ._checker import Checker
from ._rules import check_kk, check_koreksi, check_pendidikan, check_perkawinan, check_record

# Findings that mean the application cannot be processed as filed.
REJECTING = frozenset(
    {"DOCUMENT_MISSING", "SUBJECT_NOT_IN_KK", "UNKNOWN_NIK", "DOCUMENT_UNREADABLE", "WRONG_DOCUMENT_TYPE"}
)


def decide(
    *,
    change: ChangeType,
    requested: Mapping[str, Any],
    subject: Person,
    family: Family,
    extractions: Mapping[DocumentType, Extraction],
    known_persons: Mapping[str, Person] | None = None,
    threshold: float = 0.8,
) -> Decision:
    """Decide one application.

    `known_persons` holds the record of every other person a document names (e.g. the other
    spouse of a buku nikah), looked up by the caller; missing ones are simply not checked.
    """
    check = Checker(threshold)
    check_record(check, subject, family)
    kk = extractions.get(DocumentType.KK)
    if kk is None:
        check.add("DOCUMENT_MISSING", document="kk")
    else:
        check_kk(check, kk, subject, family)

    changes: dict[str, dict[str, Any]] = {}
    evidence_type = DocumentType.BUKU_NIKAH if change == ChangeType.STATUS_PERKAWINAN else DocumentType.IJAZAH
    evidence = extractions.get(evidence_type)
    if evidence is None:
        check.add("DOCUMENT_MISSING", document=str(evidence_type))
    elif change == ChangeType.PENDIDIKAN:
        changes = check_pendidikan(check, evidence, subject, requested)
    elif change == ChangeType.KOREKSI_BIODATA:
        changes = check_koreksi(check, evidence, subject, requested)
    else:
        changes = check_perkawinan(check, evidence, subject, requested, known_persons or {})

    findings = tuple(check.findings)
    if any(f.code in REJECTING for f in findings):
        status = Status.REJECTED
    elif change == ChangeType.KOREKSI_BIODATA or any(_needs_a_human(f) for f in findings):
        status = Status.NEEDS_REVIEW
    else:
        status = Status.APPROVED
    return Decision(status=status, findings=findings, changes=changes if status != Status.REJECTED else {})


def _needs_a_human(f: Finding) -> bool:
    return f.severity.blocks_approval or f.code in ("LOW_CONFIDENCE", "PENDIDIKAN_LOWER")
