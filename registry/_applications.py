"""Applications: what was asked, what was uploaded, what was read, found and decided, and what was issued."""

from __future__ import annotations

import builtins
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from core import ChangeType, Conflict, Finding, Status, StoredObject

from . import _audit
from ._database import Database
from ._schema import ApplicationRow, DecisionRow, application_row, utcnow

SYSTEM = "sistem"
APPLICANT = "pemohon"


@dataclass(frozen=True)
class Application:
    id: str
    nik: str
    jenis_perubahan: ChangeType
    status: Status
    requested: dict[str, Any]
    uploads: dict[str, StoredObject]
    findings: tuple[Finding, ...]
    changes: dict[str, dict[str, Any]]
    extractions: dict[str, Any] = field(repr=False)
    document: StoredObject | None
    decided_by: str | None
    decision_note: str | None
    received_at: dt.datetime
    decided_at: dt.datetime | None
    archived_at: dt.datetime | None
    decisions: tuple[dict[str, Any], ...] = ()
    """Every decision, oldest first: the automatic one, then a verifikator's (see `Applications.decisions`)."""

    def to_dict(self) -> dict[str, Any]:
        """The application JSON of `interfaces.md` (plus `uploads`, `decision` and `decisions`)."""
        return {
            "id": self.id,
            "nik": self.nik,
            "jenis_perubahan": str(self.jenis_perubahan),
            "status": str(self.status),
            "requested": self.requested,
            "findings": [f.to_dict() for f in self.findings],
            "document": self.document.to_dict() if self.document else None,
            "uploads": {k: v.to_dict() for k, v in self.uploads.items()},
            "decision": {"by": self.decided_by, "note": self.decision_note},
            "decisions": list(self.decisions),
            "timings": {
                "received_at": _iso(self.received_at),
                "decided_at": _iso(self.decided_at),
                "archived_at": _iso(self.archived_at),
            },
        }


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive datetimes; we only ever store UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _decision(row: DecisionRow) -> dict[str, Any]:
    return {
        "application_id": row.application_id, "kind": row.kind, "status": row.status, "by": row.decided_by,
        "note": row.note, "finding_codes": row.finding_codes or [], "at": _iso(row.decided_at),
    }


def _decisions_of(s: Session, ids: list[str]) -> dict[str, tuple[dict[str, Any], ...]]:
    found: dict[str, list[dict[str, Any]]] = {}
    if ids:
        query = select(DecisionRow).where(DecisionRow.application_id.in_(ids)).order_by(DecisionRow.id)
        for row in s.scalars(query):
            found.setdefault(row.application_id, []).append(_decision(row))
    return {k: tuple(v) for k, v in found.items()}


def _application(row: ApplicationRow, s: Session | None = None,
                 decisions: tuple[dict[str, Any], ...] | None = None) -> Application:
    if decisions is None:
        decisions = _decisions_of(s, [row.id]).get(row.id, ()) if s is not None else ()
    return Application(
        id=row.id,
        nik=row.nik,
        jenis_perubahan=ChangeType(row.jenis_perubahan),
        status=Status(row.status),
        requested=row.requested or {},
        uploads={k: StoredObject(**v) for k, v in (row.uploads or {}).items()},
        findings=tuple(Finding.from_dict(f) for f in row.findings or []),
        changes=row.changes or {},
        extractions=row.extractions or {},
        # `document` may also carry what the issued KK states (registry/_issued.py): take the object keys
        document=StoredObject(**{k: row.document[k] for k in ("bucket", "key", "version_id", "sha256")})
        if row.document else None,
        decided_by=row.decided_by,
        decision_note=row.decision_note,
        received_at=row.received_at,
        decided_at=row.decided_at,
        archived_at=row.archived_at,
        decisions=decisions,
    )


class Applications:
    """The applications table, with the allowed status transitions; every write is in the audit log."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    def create(
        self,
        *,
        application_id: str,
        nik: str,
        jenis_perubahan: ChangeType,
        requested: dict[str, Any],
        uploads: dict[str, StoredObject],
        actor: str = APPLICANT,
    ) -> Application:
        with self._db.session() as s:
            _audit.lock(s)
            _refuse_duplicate(s, nik, jenis_perubahan)
            row = ApplicationRow(
                id=application_id, nik=nik, jenis_perubahan=str(jenis_perubahan), status=str(Status.RECEIVED),
                requested=requested, uploads={k: v.to_dict() for k, v in uploads.items()},
                extractions={}, findings=[], changes={},
            )
            s.add(row)
            s.flush()
            _audit.append(s, actor=actor, action="application.create", subject_type="application",
                          subject=application_id,
                          details={"nik": nik, "jenis_perubahan": str(jenis_perubahan),
                                   "uploads": {k: v.sha256 for k, v in uploads.items()}})
            return _application(row, s)

    def refuse_duplicate(self, nik: str, jenis_perubahan: ChangeType) -> None:
        """`Conflict` (naming it) when the person already has an open application for this change."""
        with self._db.session() as s:
            _refuse_duplicate(s, nik, jenis_perubahan)

    def get(self, application_id: str) -> Application:
        with self._db.session() as s:
            return _application(application_row(s, application_id), s)

    def list(self, *, status: Status | None = None, nik: str | None = None, limit: int = 200,
             offset: int = 0) -> list[Application]:
        """Newest first (ties by id, so that pages neither repeat nor skip one)."""
        query = (select(ApplicationRow).order_by(ApplicationRow.received_at.desc(), ApplicationRow.id)
                 .limit(limit).offset(offset))
        if status is not None:
            query = query.where(ApplicationRow.status == str(status))
        if nik is not None:
            query = query.where(ApplicationRow.nik == nik)
        with self._db.session() as s:
            rows = s.scalars(query).all()
            decisions = _decisions_of(s, [r.id for r in rows])
            return [_application(r, decisions=decisions.get(r.id, ())) for r in rows]

    def queue(self, *, statuses: tuple[Status, ...] = (), change: ChangeType | None = None, offset: int = 0,
              limit: int = 20) -> tuple[builtins.list[Application], int]:
        """One page of applications, oldest first (the verifikator's queue), and how many match in all."""
        where: builtins.list[ColumnElement[bool]] = []
        if statuses:
            where.append(ApplicationRow.status.in_([str(s) for s in statuses]))
        if change is not None:
            where.append(ApplicationRow.jenis_perubahan == str(change))
        query = (select(ApplicationRow).where(*where)
                 .order_by(ApplicationRow.received_at, ApplicationRow.id).offset(offset).limit(limit))
        with self._db.session() as s:
            total = s.scalar(select(func.count()).select_from(ApplicationRow).where(*where)) or 0
            rows = s.scalars(query).all()
            decisions = _decisions_of(s, [r.id for r in rows])
            return [_application(r, decisions=decisions.get(r.id, ())) for r in rows], int(total)

    def decisions(self, *, decided_by: str | None = None, kind: str | None = None,
                  since: dt.datetime | None = None, limit: int = 1000) -> builtins.list[dict[str, Any]]:
        """Decisions across applications, newest first: who decided what, when and why."""
        query = select(DecisionRow).order_by(DecisionRow.id.desc()).limit(limit)
        if decided_by is not None:
            query = query.where(DecisionRow.decided_by == decided_by)
        if kind is not None:
            query = query.where(DecisionRow.kind == kind)
        if since is not None:
            query = query.where(DecisionRow.decided_at >= since)
        with self._db.session() as s:
            return [_decision(r) for r in s.scalars(query)]

    def mark_processing(self, application_id: str, *, flow_run_id: str | None = None) -> Application:
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            if row.status == str(Status.RECEIVED):
                row.status = str(Status.PROCESSING)
                _audit.append(s, actor=SYSTEM, action="application.processing", subject_type="application",
                              subject=application_id, details={"flow_run_id": flow_run_id})
            if flow_run_id:
                row.flow_run_id = flow_run_id
            return _application(row, s)

    def record_decision(
        self,
        application_id: str,
        *,
        status: Status,
        findings: tuple[Finding, ...],
        changes: dict[str, dict[str, Any]],
        extractions: dict[str, Any],
    ) -> Application:
        """Store the automatic decision. `approved` is not stored here: it waits for the archive."""
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            if Status(row.status).is_final or row.status == str(Status.NEEDS_REVIEW):
                return _application(row, s)  # a retried flow run must not overwrite a decision
            row.findings = [f.to_dict() for f in findings]
            row.changes = changes
            row.extractions = extractions
            row.decided_at = utcnow()
            row.decided_by = SYSTEM
            row.status = str(Status.PROCESSING if status == Status.APPROVED else status)
            self._decide(s, row, kind="automatic", status=status, by=SYSTEM,
                         note=None, codes=[f.code for f in findings])
            return _application(row, s)

    def record_review(self, application_id: str, *, approve: bool, verifikator: str, note: str) -> Application:
        """A verifikator's decision on an application waiting for review.

        An approval applies the changes the evidence proved as read; where the evidence could not be
        read (no change proven), it applies the values the applicant asked for, which the verifikator
        has just checked against the scan. With neither, an approval would change nothing: `Conflict`.
        """
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            if row.status != str(Status.NEEDS_REVIEW):
                raise Conflict(
                    f"application is {row.status}, not needs_review",
                    message_id="Permohonan ini tidak sedang menunggu verifikasi.",
                )
            if approve and not row.changes:
                if not row.requested:
                    raise Conflict("nothing to approve: no change was proven or requested",
                                   message_id="Tidak ada perubahan yang terbaca atau dimohonkan; tolak permohonan "
                                              "ini atau minta pemohon mengajukan ulang dengan nilai yang dimohonkan.")
                row.changes = {row.nik: dict(row.requested)}
            row.decided_by = verifikator
            row.decision_note = note
            row.decided_at = utcnow()
            row.status = str(Status.PROCESSING if approve else Status.REJECTED)
            self._decide(s, row, kind="review", status=Status.APPROVED if approve else Status.REJECTED,
                         by=verifikator, note=note, codes=[f["code"] for f in row.findings or []])
            return _application(row, s)

    def record_document(self, application_id: str, document: StoredObject) -> Application:
        """The signed document is archived: the application is approved."""
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            if row.document is None:
                row.document = document.to_dict()
                row.archived_at = utcnow()
                _audit.append(s, actor=SYSTEM, action="application.archive", subject_type="application",
                              subject=application_id, details={"document": document.to_dict()})
            row.status = str(Status.APPROVED)
            return _application(row, s)

    def reject(self, application_id: str, *, findings: tuple[Finding, ...]) -> Application:
        """Reject without a cross-check (input that cannot be processed)."""
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            row.findings = [f.to_dict() for f in findings]
            row.status = str(Status.REJECTED)
            row.decided_at = utcnow()
            row.decided_by = SYSTEM
            self._decide(s, row, kind="automatic", status=Status.REJECTED, by=SYSTEM, note=None,
                         codes=[f.code for f in findings])
            return _application(row, s)

    @staticmethod
    def _decide(s: Session, row: ApplicationRow, *, kind: str, status: Status, by: str, note: str | None,
                codes: builtins.list[str]) -> None:
        s.add(DecisionRow(application_id=row.id, kind=kind, status=str(status), decided_by=by, note=note,
                          finding_codes=codes, decided_at=row.decided_at))
        _audit.append(s, actor=by, action=f"application.decide.{kind}", subject_type="application",
                      subject=row.id, details={"status": str(status), "note": note, "finding_codes": codes})


_OPEN = (str(Status.RECEIVED), str(Status.PROCESSING), str(Status.NEEDS_REVIEW))


def _refuse_duplicate(s: Session, nik: str, jenis_perubahan: ChangeType) -> None:
    first = s.scalar(select(ApplicationRow.id).where(
        ApplicationRow.nik == nik, ApplicationRow.jenis_perubahan == str(jenis_perubahan),
        ApplicationRow.status.in_(_OPEN)).order_by(ApplicationRow.received_at).limit(1))
    if first is not None:
        # The Indonesian message goes to whoever uploads, without an account: it names no application.
        raise Conflict(f"an application for this person and change is still open: {first}",
                       message_id="Permohonan perubahan yang sama untuk NIK ini masih diproses; tunggu hasilnya "
                                  "(lihat tautan status permohonan Anda) sebelum mengajukan lagi.")
