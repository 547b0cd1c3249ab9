"""Issued documents: what each archived KK reflects, and whether it is still the current one.

An application's `document` JSON holds the archived object (`bucket`, `key`, `version_id`,
`sha256`) and, from issue on, what the document states:

    issued_at             ISO 8601 UTC time of issue
    no_kk                 the family the KK is for
    record_versions       {nik: version} of every member as printed
    fingerprint           the short hash in the QR code's URL
    holder_masked         the head of family's name, masked (the only name the QR page shows)
    signer                the signing official's name
    level                 PAdES level it was issued at
    timestamp_expires_at  when the TSA certificate of its newest timestamp expires
    evidence              {bucket, key, version_id, sha256} of the evidence bundle
    previous_versions     [{version_id, sha256, replaced_at}] after timestamp renewals

A document is `active` while every member's record is at the version it printed, the family has
the same members, and no newer document was issued for the family; else `superseded`, since
the first of those changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import NoArchivedDocument, StoredObject, UnknownApplication

from ._database import Database
from ._schema import ApplicationRow, PersonRow, PersonVersionRow

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
    details: dict[str, Any]

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
            "signer": d.get("signer"),
            "level": d.get("level"),
            "record_versions": d.get("record_versions", {}),
            "timestamp_expires_at": d.get("timestamp_expires_at"),
            "document": self.document.to_dict(),
            "evidence": d.get("evidence"),
            "renewals": len(d.get("previous_versions", [])),
        }


def current_versions(db: Database, niks: list[str]) -> dict[str, int]:
    """{nik: version} of the current record of each NIK (unknown NIKs left out)."""
    with db.session() as s:
        rows = s.execute(select(PersonRow.nik, PersonRow.version).where(PersonRow.nik.in_(niks))).all()
    return {nik: version for nik, version in rows}


def record_issue(db: Database, application_id: str, details: dict[str, Any]) -> None:
    """Add what the archived document states to the application's `document` JSON (idempotent)."""
    with db.session() as s:
        row = _row(s, application_id)
        if not row.document:
            raise NoArchivedDocument(f"application {application_id} has no archived document")
        extra = {k: v for k, v in details.items() if k not in _OBJECT_KEYS}
        row.document = {**row.document, **extra}


def record_renewal(db: Database, application_id: str, new: StoredObject, *, expires_at: str | None) -> None:
    """The archived document now is version `new` (timestamp renewed); the old version is listed."""
    with db.session() as s:
        row = _row(s, application_id)
        if not row.document:
            raise NoArchivedDocument(f"application {application_id} has no archived document")
        doc = dict(row.document)
        if doc["version_id"] == new.version_id:
            return
        previous = [*doc.get("previous_versions", []), {
            "version_id": doc["version_id"], "sha256": doc["sha256"],
            "replaced_at": dt.datetime.now(dt.UTC).isoformat(),
        }]
        row.document = {**doc, "version_id": new.version_id, "sha256": new.sha256,
                        "previous_versions": previous, "timestamp_expires_at": expires_at}


def issued_documents(db: Database, *, nik: str | None = None, no_kk: str | None = None,
                     application_id: str | None = None) -> list[IssuedDocument]:
    """Every document issued to a person (by NIK), to a family (No. KK), or to the person of an
    application; newest first, each with its status."""
    with db.session() as s:
        if application_id is not None:
            nik = _row(s, application_id).nik
        rows = s.scalars(select(ApplicationRow).where(ApplicationRow.archived_at.is_not(None))).all()
        all_docs = [_issued(s, r) for r in rows if r.document]
        family_docs: dict[str | None, list[IssuedDocument]] = {}
        for d in all_docs:
            family_docs.setdefault(d.no_kk, []).append(d)
        chosen = [d for d in all_docs if _matches(d, nik=nik, no_kk=no_kk)]
        out = [_with_status(s, d, family_docs.get(d.no_kk, [])) for d in chosen]
    return sorted(out, key=lambda d: d.issued_at or "", reverse=True)


def archived_documents(db: Database) -> list[IssuedDocument]:
    """Every issued document, oldest first, without status (for batch work like timestamp renewal)."""
    with db.session() as s:
        rows = s.scalars(select(ApplicationRow).where(ApplicationRow.archived_at.is_not(None))
                         .order_by(ApplicationRow.archived_at)).all()
        return [_issued(s, r) for r in rows if r.document]


def issued_document(db: Database, application_id: str) -> IssuedDocument | None:
    """The document of one application with its status; None when it has none."""
    with db.session() as s:
        row = s.get(ApplicationRow, application_id)
        if row is None or not row.document:
            return None
        doc = _issued(s, row)
        if doc.no_kk is None:
            return _with_status(s, doc, [doc])
        rows = s.scalars(select(ApplicationRow).where(ApplicationRow.archived_at.is_not(None))).all()
        family = [d for d in (_issued(s, r) for r in rows if r.document) if d.no_kk == doc.no_kk]
        return _with_status(s, doc, family)


def _matches(d: IssuedDocument, *, nik: str | None, no_kk: str | None) -> bool:
    if nik is not None and (d.nik == nik or nik in d.details.get("record_versions", {})):
        return True
    return no_kk is not None and d.no_kk == no_kk


def _issued(s: Session, row: ApplicationRow) -> IssuedDocument:
    doc = dict(row.document or {})
    if "record_versions" not in doc:  # issued before issue details were kept: reconstruct
        doc.update(_legacy_details(s, row))
    issued_at = doc.get("issued_at") or _iso(row.archived_at)
    return IssuedDocument(
        application_id=row.id, nik=row.nik, no_kk=doc.get("no_kk"), issued_at=issued_at,
        status=ACTIVE, superseded_at=None,
        document=StoredObject(**{k: doc[k] for k in _OBJECT_KEYS}), details=doc,
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
    recorded: dict[str, int] = d.details.get("record_versions", {})
    changes: list[str] = []
    for nik, version in recorded.items():
        later = s.scalar(select(PersonVersionRow.created_at).where(
            PersonVersionRow.nik == nik, PersonVersionRow.version > version,
        ).order_by(PersonVersionRow.version).limit(1))
        if later is not None:
            changes.append(_iso(later) or "")
    members = set(s.scalars(select(PersonRow.nik).where(PersonRow.no_kk == d.no_kk)).all()) if d.no_kk else set()
    moved = bool(recorded) and members != set(recorded)
    newer = [f.issued_at for f in family if f.issued_at and d.issued_at and f.issued_at > d.issued_at]
    changes += [t for t in newer if t]
    if not changes and not moved:
        return d
    return IssuedDocument(**{**d.__dict__, "status": SUPERSEDED,
                             "superseded_at": min(changes) if changes else None})


def _row(s: Session, application_id: str) -> ApplicationRow:
    row = s.get(ApplicationRow, application_id)
    if row is None:
        raise UnknownApplication("no application with this id")
    return row


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()
