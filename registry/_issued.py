"""Issued documents: what each archived KK reflects, and whether it is still the current one.

An application's `document` JSON holds the archived object (`bucket`, `key`, `version_id`,
`sha256`), from issue on what the document states (`core.IssueDetails`: issued_at, no_kk,
record_versions, fingerprint, holder_masked, signer, level, timestamp_expires_at), the
`evidence` bundle's object, and after timestamp renewals `previous_versions`
([{version_id, sha256, replaced_at}]).

A document is `active` while every member's record is at the version it printed, the family has
the same members, and no newer document was issued for the family; else `superseded`, since
the first of those changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import IssueDetails, NoArchivedDocument, StoredObject

from ._database import Database
from ._schema import ApplicationRow, PersonRow, PersonVersionRow, application_row

_OBJECT_KEYS = ("bucket", "key", "version_id", "sha256")
ACTIVE, SUPERSEDED = "active", "superseded"


@dataclass(frozen=True)
class IssuedDocument:
    """One issued KK as archive staff and the QR page see it."""

    application_id: str
    nik: str
    no_kk: str | None
    issued_at: str | None
    status: str
    superseded_at: str | None
    document: StoredObject
    details: IssueDetails
    evidence: StoredObject | None = None
    previous_versions: tuple[dict[str, Any], ...] = ()
    superseded_by: str | None = None
    """The application whose change or newer document superseded this one (None: active, or superseded
    by an import of the record or a change of the family's members)."""
    superseded_reason: str | None = None
    """Why it is superseded: `record_changed` (a member's record changed by an application),
    `record_imported`, `newer_document` (a newer KK issued for the family), `members_changed`."""

    def to_dict(self) -> dict[str, Any]:
        d = self.details
        return {
            "document_number": self.application_id,
            "application_id": self.application_id,
            "nik": self.nik,
            "no_kk": self.no_kk,
            "issued_at": self.issued_at,
            "status": self.status,
            "superseded_at": self.superseded_at,
            "superseded_by": self.superseded_by,
            "superseded_reason": self.superseded_reason,
            "signer": d.signer,
            "level": d.level,
            "record_versions": d.record_versions,
            "timestamp_expires_at": d.timestamp_expires_at,
            "document": self.document.to_dict(),
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "renewals": len(self.previous_versions),
        }


class IssuedDocuments:
    """The issued documents of the applications in `db`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def current_versions(self, niks: list[str]) -> dict[str, int]:
        """{nik: version} of the current record of each NIK (unknown NIKs left out)."""
        with self._db.session() as s:
            rows = s.execute(select(PersonRow.nik, PersonRow.version).where(PersonRow.nik.in_(niks))).all()
        return {nik: version for nik, version in rows}

    def record_issue(self, application_id: str, details: IssueDetails, *, evidence: StoredObject) -> None:
        """Keep what the archived document states, and its evidence bundle, beside it (idempotent)."""
        with self._db.session() as s:
            row = _archived_row(s, application_id)
            row.document = {**(row.document or {}), **details.to_dict(), "evidence": evidence.to_dict()}

    def record_renewal(self, application_id: str, new: StoredObject, *, expires_at: str | None) -> None:
        """The archived document now is version `new` (timestamp renewed); the old version is listed."""
        with self._db.session() as s:
            row = _archived_row(s, application_id)
            doc = dict(row.document or {})
            if doc["version_id"] == new.version_id:
                return
            previous = [*doc.get("previous_versions", []), {
                "version_id": doc["version_id"], "sha256": doc["sha256"],
                "replaced_at": dt.datetime.now(dt.UTC).isoformat(),
            }]
            row.document = {**doc, "version_id": new.version_id, "sha256": new.sha256,
                            "previous_versions": previous, "timestamp_expires_at": expires_at}

    def find(self, *, nik: str | None = None, no_kk: str | None = None,
             application_id: str | None = None) -> list[IssuedDocument]:
        """Every document issued to a person (by NIK), to a family (No. KK), or to the person of an
        application; newest first, each with its status."""
        with self._db.session() as s:
            if application_id is not None:
                nik = application_row(s, application_id).nik
            all_docs = _all_issued(s)
            family_docs: dict[str | None, list[IssuedDocument]] = {}
            for d in all_docs:
                family_docs.setdefault(d.no_kk, []).append(d)
            chosen = [d for d in all_docs if _matches(d, nik=nik, no_kk=no_kk)]
            out = [_with_status(s, d, family_docs.get(d.no_kk, [])) for d in chosen]
        return sorted(out, key=lambda d: d.issued_at or "", reverse=True)

    def archived(self) -> list[IssuedDocument]:
        """Every issued document, oldest first, without status (for batch work like timestamp renewal)."""
        with self._db.session() as s:
            rows = s.scalars(select(ApplicationRow).where(ApplicationRow.archived_at.is_not(None))
                             .order_by(ApplicationRow.archived_at)).all()
            return [_issued(s, r) for r in rows if r.document]

    def get(self, application_id: str) -> IssuedDocument | None:
        """The document of one application with its status; None when it has none."""
        with self._db.session() as s:
            row = s.get(ApplicationRow, application_id)
            if row is None or not row.document:
                return None
            doc = _issued(s, row)
            family = [d for d in _all_issued(s) if d.no_kk == doc.no_kk] if doc.no_kk is not None else [doc]
            return _with_status(s, doc, family)


def _all_issued(s: Session) -> list[IssuedDocument]:
    rows = s.scalars(select(ApplicationRow).where(ApplicationRow.archived_at.is_not(None))).all()
    return [_issued(s, r) for r in rows if r.document]


def _archived_row(s: Session, application_id: str) -> ApplicationRow:
    row = application_row(s, application_id)
    if not row.document:
        raise NoArchivedDocument(f"application {application_id} has no archived document")
    return row


def _matches(d: IssuedDocument, *, nik: str | None, no_kk: str | None) -> bool:
    if nik is not None and (d.nik == nik or nik in d.details.record_versions):
        return True
    return no_kk is not None and d.no_kk == no_kk


def _issued(s: Session, row: ApplicationRow) -> IssuedDocument:
    doc = dict(row.document or {})
    if "record_versions" not in doc:  # issued before issue details were kept: reconstruct
        doc.update(_legacy_details(s, row))
    details = IssueDetails.from_dict({**doc, "issued_at": doc.get("issued_at") or _iso(row.archived_at)})
    evidence = doc.get("evidence")
    return IssuedDocument(
        application_id=row.id, nik=row.nik, no_kk=details.no_kk, issued_at=details.issued_at,
        status=ACTIVE, superseded_at=None,
        document=StoredObject(**{k: doc[k] for k in _OBJECT_KEYS}), details=details,
        evidence=StoredObject(**{k: evidence[k] for k in _OBJECT_KEYS}) if evidence else None,
        previous_versions=tuple(doc.get("previous_versions", ())),
    )


def _legacy_details(s: Session, row: ApplicationRow) -> dict[str, Any]:
    person = s.get(PersonRow, row.nik)
    if person is None:
        return {"record_versions": {}}
    members = s.scalars(select(PersonRow.nik).where(PersonRow.no_kk == person.no_kk)).all()
    versions: dict[str, int] = {}
    for member in members:
        v = s.scalar(select(PersonVersionRow.version).where(
            PersonVersionRow.nik == member, PersonVersionRow.created_at <= row.archived_at,
        ).order_by(PersonVersionRow.version.desc()).limit(1))
        if v is not None:
            versions[member] = v
    return {"no_kk": person.no_kk, "record_versions": versions}


def _with_status(s: Session, d: IssuedDocument, family: list[IssuedDocument]) -> IssuedDocument:
    recorded = d.details.record_versions
    events: list[tuple[str, str | None, str]] = []  # (when, by which application, why)
    for nik, version in recorded.items():
        later = s.execute(select(PersonVersionRow.created_at, PersonVersionRow.application_id,
                                 PersonVersionRow.source).where(
            PersonVersionRow.nik == nik, PersonVersionRow.version > version,
        ).order_by(PersonVersionRow.version).limit(1)).first()
        if later is not None:
            by = later.application_id if later.source == "application" else None
            events.append((_iso(later.created_at) or "", by, "record_changed" if by else "record_imported"))
    members = set(s.scalars(select(PersonRow.nik).where(PersonRow.no_kk == d.no_kk)).all()) if d.no_kk else set()
    moved = bool(recorded) and members != set(recorded)
    events += [(f.issued_at, f.application_id, "newer_document") for f in family
               if f.issued_at and d.issued_at and f.issued_at > d.issued_at]
    if not events and not moved:
        return d
    if not events:
        return dataclasses.replace(d, status=SUPERSEDED, superseded_at=None, superseded_reason="members_changed")
    when, by, why = min(events, key=lambda e: (e[0], e[2] != "record_changed"))
    return dataclasses.replace(d, status=SUPERSEDED, superseded_at=when, superseded_by=by, superseded_reason=why)


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()
