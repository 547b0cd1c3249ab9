"""From extractions plus the population record to findings and a decision. Pure: no I/O.

The rule of the house: an application is approved only when every field the
decision relies on was read with enough confidence and agrees with the record,
and the evidence proves exactly the requested new values.

    rejected      an input that cannot be used at all, or evidence read with confidence that proves
                  the application wrong (the `REJECTING` codes; below)
    needs_review  any `mismatch` or `error` finding, LOW_CONFIDENCE, PENDIDIKAN_LOWER, or koreksi_biodata
    approved      otherwise

Not read is not absent (issue #14, item 5). Our reading fails far more often than
applicants bring the wrong papers, so a rejection needs positive evidence, read
with confidence (at or above `threshold`, the setting `confidence_threshold`):

- WRONG_DOCUMENT_TYPE: the file's type was detected as another supported type
  with a type confidence at or above the threshold (`casework` reads the file
  again without a declared type to learn that confidence).
- DOCUMENT_UNREADABLE: the file cannot be used at all: not a PNG, JPEG, TIFF,
  WebP or PDF, does not decode, or over the size limits (`UnsupportedFile`,
  `FileTooLarge`). "Cannot be used at all" is a property of the file, never of
  our reading: a valid image or PDF on which we found no text, no title, no
  field, or on which Tesseract failed, is DOCUMENT_NOT_READ (review), because a
  person may well read what we could not.
- SUBJECT_NOT_IN_KK: no row of the KK is the subject's (by NIK, a NIK within two
  digits, or the name), and either
    * the KK is another family's: its No. KK read clearly (16 digits, a valid
      No. KK structure, confidence at or above the threshold), more than two
      digits from the record's (closer is a likely misread of it) and not a NIK
      of the family or of a row (the extractor's confusion, not another family); or
    * the subject is positively absent: every member row was read (as many rows
      as the record's family has members; each with a name and a well-formed NIK
      read with confidence; no NIK twice and none equal to the No. KK, since a
      row read twice or a number from elsewhere could stand in for the subject's
      row). The record is used only to check that structure, never to supply or
      correct a value the page does not show.
  A dropped row, a merged row (all names joined, NIKs null), a blank cell or a
  NIK read below the threshold leaves the table not fully read: KK_NOT_READ
  (review). A KK of the family without the subject's row therefore goes to
  review too: on the page it cannot be told from a row our reading dropped.
- UNKNOWN_NIK, DOCUMENT_MISSING: the application as filed names no one or lacks
  a document (checked at intake; kept here for direct callers).
- NOTHING_TO_CHANGE: the applicant asks for the values the record already holds
  (a pendidikan or a correction filed again after it was applied): approving would
  write an empty version and issue a second KK for nothing. Judged on what was
  *asked*, never on what was read (a misread jenjang must not reject). A marriage
  already recorded is ALREADY_MARRIED (review): it may be another marriage.

Everything not read clearly goes to a verifikator: a No. KK not found (FIELD_NOT_FOUND)
or read otherwise than the record holds it without being another family's number read
clearly (below the threshold, a digit or two off, a wrong structure, a NIK of the family:
KK_NUMBER_UNCLEAR, doubt; only another family's number read clearly is a
KK_NUMBER_MISMATCH), an evidence field not read (FIELD_NOT_FOUND; a buku nikah
whose spouse NIK was not read is not SUBJECT_NOT_SPOUSE), a document whose type
or content could not be read (DOCUMENT_NOT_READ). None of these ever approves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core import ChangeType, Decision, DocumentType, Extraction, Family, Finding, Person, Status, Unreadable

from ._checker import Checker
from ._findings import finding
from ._rules import check_kk, check_koreksi, check_pendidikan, check_perkawinan, check_record

# Findings that reject: an input that cannot be used at all, or evidence read with confidence (docstring).
REJECTING = frozenset(
    {"DOCUMENT_MISSING", "SUBJECT_NOT_IN_KK", "UNKNOWN_NIK", "DOCUMENT_UNREADABLE", "WRONG_DOCUMENT_TYPE",
     "NOTHING_TO_CHANGE"}
)


def decide(
    *,
    change: ChangeType,
    requested: Mapping[str, Any],
    subject: Person,
    family: Family,
    extractions: Mapping[DocumentType, Extraction | Unreadable],
    known_persons: Mapping[str, Person] | None = None,
    threshold: float = 0.8,
) -> Decision:
    """Decide one application.

    `extractions` holds each document read, or its `Unreadable` (the finding code and the reason
    the reader gave): a rejecting code rejects at once with those findings alone; any other (a
    document not read clearly) is a finding for the verifikator, and the other documents are
    still checked. `known_persons` holds the record of every other person a document names (e.g.
    the other spouse of a buku nikah), looked up by the caller; missing ones are simply not checked.
    """
    unusable = tuple(finding(r.code, document=str(r.document_type), found=r.reason)
                     for r in extractions.values() if isinstance(r, Unreadable))
    if any(f.code in REJECTING for f in unusable):
        return Decision(status=Status.REJECTED, findings=tuple(f for f in unusable if f.code in REJECTING),
                        changes={})
    check = Checker(threshold)
    check_record(check, subject, family)
    kk = extractions.get(DocumentType.KK)
    if kk is None:
        check.add("DOCUMENT_MISSING", document="kk")
    elif isinstance(kk, Unreadable):
        check.add(kk.code, document="kk", found=kk.reason)
    else:
        check_kk(check, kk, subject, family)

    changes: dict[str, dict[str, Any]] = {}
    evidence_type = DocumentType.BUKU_NIKAH if change == ChangeType.STATUS_PERKAWINAN else DocumentType.IJAZAH
    evidence = extractions.get(evidence_type)
    if evidence is None:
        check.add("DOCUMENT_MISSING", document=str(evidence_type))
    elif isinstance(evidence, Unreadable):
        check.add(evidence.code, document=str(evidence_type), found=evidence.reason)
    elif change == ChangeType.PENDIDIKAN:
        changes = check_pendidikan(check, evidence, subject, requested)
    elif change == ChangeType.KOREKSI_BIODATA:
        changes = check_koreksi(check, evidence, subject, requested)
    else:
        changes = check_perkawinan(check, evidence, subject, requested, known_persons or {}, family=family)

    if change != ChangeType.STATUS_PERKAWINAN and _already_recorded(requested, subject):
        check.add("NOTHING_TO_CHANGE", document="application")
    findings = tuple(check.findings)
    if any(f.code in REJECTING for f in findings):
        status = Status.REJECTED
    elif unusable or change == ChangeType.KOREKSI_BIODATA or any(_needs_a_human(f) for f in findings):
        status = Status.NEEDS_REVIEW
    else:
        status = Status.APPROVED
    return Decision(status=status, findings=findings, changes=changes if status != Status.REJECTED else {})


def _already_recorded(requested: Mapping[str, Any], subject: Person) -> bool:
    """The applicant asks for nothing the record does not already hold."""
    return bool(requested) and all(getattr(subject, name, object()) == value for name, value in requested.items())


def _needs_a_human(f: Finding) -> bool:
    return f.severity.blocks_approval or f.code in ("LOW_CONFIDENCE", "PENDIDIKAN_LOWER", "KK_NUMBER_UNCLEAR")
