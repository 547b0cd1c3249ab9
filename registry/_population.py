"""The population record: import, export, lookup, and changes that keep every old version."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import (
    FAMILY_FIELDS,
    MEMBER_FIELDS,
    Family,
    IntegrityAlarm,
    InvalidPopulation,
    Person,
    Status,
    UnknownPerson,
)

from . import _audit
from ._database import Database
from ._import import upsert_population
from ._schema import ApplicationRow, DecisionRow, FamilyRow, PersonRow, PersonVersionRow, application_row
from ._validate import FORMAT, member_value_problems, population_problems

log = logging.getLogger(__name__)

SYSTEM = "sistem"
"""The actor of automatic work (flows, the cross-check)."""


@dataclass(frozen=True)
class ImportReport:
    families: int
    persons: int
    created: int
    updated: int
    unchanged: int

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


class PopulationRecord:
    """Families and persons, current state plus every past version of each person."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def import_population(self, doc: Any, *, actor: str = SYSTEM, source_sha256: str | None = None) -> ImportReport:
        """Upsert a `capil.population/1` document by No. KK and NIK; all or nothing.

        Refused whole (`InvalidPopulation` listing every JSON path) when any value is invalid.
        `source_sha256` (of the file) is recorded as the evidence of every version it creates.
        """
        problems = population_problems(doc)
        if problems:
            raise InvalidPopulation(problems)
        evidence = [source_sha256] if source_sha256 else []
        with self._db.session() as s:
            _audit.lock(s)
            counts = upsert_population(s, doc["keluarga"], actor=actor, evidence_sha256=evidence)
            report = ImportReport(counts.families, counts.persons, counts.created, counts.updated, counts.unchanged)
            _audit.append(s, actor=actor, action="population.import", subject_type="population_file",
                          subject=source_sha256, details=report.to_dict())
        return report

    def export(self) -> dict[str, Any]:
        """The whole record as a `capil.population/1` document (families in the order first imported)."""
        keluarga = []
        with self._db.session() as s:
            members: dict[str, list[dict[str, Any]]] = {}
            for row in s.execute(select(PersonRow.__table__).order_by(PersonRow.no_kk, PersonRow.position)):
                members.setdefault(row.no_kk, []).append({k: getattr(row, k) for k in MEMBER_FIELDS})
            for row in s.execute(select(FamilyRow.__table__).order_by(FamilyRow.ordinal, FamilyRow.no_kk)):
                family = {k: getattr(row, k) for k in FAMILY_FIELDS}
                keluarga.append({**family, "anggota": members.get(row.no_kk, [])})
        return {"format": FORMAT, "keluarga": keluarga}

    def person(self, nik: str) -> Person:
        with self._db.session() as s:
            row = s.get(PersonRow, nik)
            if row is None:
                raise UnknownPerson("no person with this NIK")
            return _person(row)

    def family(self, no_kk: str) -> Family | None:
        with self._db.session() as s:
            return _family(s, no_kk)

    def family_of(self, nik: str) -> Family:
        with self._db.session() as s:
            row = s.get(PersonRow, nik)
            if row is None:
                raise UnknownPerson("no person with this NIK")
            family = _family(s, row.no_kk)
            assert family is not None  # foreign key
            return family

    def apply_changes(
        self, changes: dict[str, dict[str, Any]], *, application_id: str, evidence_sha256: list[str],
        actor: str = SYSTEM,
    ) -> bool:
        """Give each NIK in `changes` a new version with those fields changed, in one transaction,
        without looking at any application (an import or a migration; applications go through
        `apply_approved`).

        Idempotent: if this application id already changed the record, nothing happens and False is
        returned. The old versions stay in `person_versions`; the change is in the audit log.
        """
        _check_values(changes)
        with self._db.session() as s:
            _audit.lock(s)
            return _apply(s, changes, application_id=application_id, evidence_sha256=evidence_sha256, actor=actor)

    def apply_approved(self, application_id: str, *, evidence_sha256: list[str]) -> bool:
        """Apply the changes an application's *recorded approval* carries, checked in the same
        transaction as the change: its newest decision must be `approved` (by the rules, or by a
        named verifikator) and it must not be final otherwise. The version is attributed to whoever
        approved. Idempotent (False when this application already changed the record). False too, and
        nothing written but an audit entry, when the record already holds every new value
        (`changed_by` tells the two apart).

        Anything else changes nothing, is audited as `application.apply.refused`, logged as an
        integrity alarm, and raises `IntegrityAlarm`.
        """
        with self._db.session() as s:
            _audit.lock(s)
            row = application_row(s, application_id)
            approval = s.scalars(select(DecisionRow).where(DecisionRow.application_id == application_id)
                                 .order_by(DecisionRow.id.desc()).limit(1)).first()
            refused = _refusal(row, approval)
            if refused is None and approval is not None:
                changes = dict(row.changes or {})
                _check_values(changes)
                return _apply(s, changes, application_id=application_id, evidence_sha256=evidence_sha256,
                              actor=approval.decided_by)
        with self._db.session() as s:
            _audit.append(s, actor=SYSTEM, action="application.apply.refused", subject_type="application",
                          subject=application_id, details={"reason": refused})
        log.error("INTEGRITY ALARM application %s: record change refused: %s", application_id, refused)
        raise IntegrityAlarm(f"application {application_id}: record change refused: {refused}")

    def changed_by(self, application_id: str) -> bool:
        """Whether this application wrote a version of anyone's record."""
        with self._db.session() as s:
            return s.scalar(select(PersonVersionRow.id).where(PersonVersionRow.application_id == application_id)
                            .limit(1)) is not None

    def history(self, nik: str) -> list[dict[str, Any]]:
        """Every version of a person, oldest first.

        Each: `version`, `source` (import | application), `application_id`, `actor`, `changed`
        (field → [old, new]; empty for the first version), `evidence_sha256`, `created_at`.
        """
        with self._db.session() as s:
            rows = s.scalars(
                select(PersonVersionRow).where(PersonVersionRow.nik == nik).order_by(PersonVersionRow.version)
            ).all()
            if not rows:
                raise UnknownPerson("no person with this NIK")
            return [
                {
                    "version": r.version, "source": r.source, "application_id": r.application_id,
                    "actor": r.actor, "changed": r.changed,
                    "evidence_sha256": r.evidence_sha256, "created_at": _iso(r.created_at),
                }
                for r in rows
            ]


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes; we only ever store UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _person(row: PersonRow) -> Person:
    return Person(**{k: getattr(row, k) for k in MEMBER_FIELDS})


def _family(s: Session, no_kk: str) -> Family | None:
    row = s.get(FamilyRow, no_kk)
    if row is None:
        return None
    members = s.scalars(select(PersonRow).where(PersonRow.no_kk == no_kk).order_by(PersonRow.position)).all()
    return Family(**{k: getattr(row, k) for k in FAMILY_FIELDS}, anggota=tuple(_person(m) for m in members))


def _refusal(row: ApplicationRow, approval: DecisionRow | None) -> str | None:
    """Why the record may not change for this application now; None when it may."""
    if approval is None:
        return "no decision is recorded"
    if approval.status != str(Status.APPROVED):
        return f"the recorded decision is {approval.status}, not approved"
    if row.status not in (str(Status.PROCESSING), str(Status.APPROVED)):
        return f"the application is {row.status}"
    return None


def _check_values(changes: dict[str, dict[str, Any]]) -> None:
    problems = [p for nik, fields in changes.items() for p in member_value_problems(fields, f"$[{nik!r}]")]
    if problems:
        raise InvalidPopulation(problems)


def _apply(s: Session, changes: dict[str, dict[str, Any]], *, application_id: str, evidence_sha256: list[str],
           actor: str) -> bool:
    done = s.scalar(select(PersonVersionRow.id).where(PersonVersionRow.application_id == application_id))
    if done is not None:
        return False
    rows = {nik: s.get(PersonRow, nik, with_for_update=True) for nik in changes}
    if any(row is None for row in rows.values()):
        raise UnknownPerson("no person with this NIK")
    if all(getattr(rows[nik], k) == v for nik, fields in changes.items() for k, v in fields.items()):
        # Applied meanwhile by another application (or filed twice): no empty version, no second KK.
        _audit.append(s, actor=actor, action="application.apply.nothing_to_change", subject_type="application",
                      subject=application_id, details={"fields": sorted({k for f in changes.values() for k in f})})
        return False
    for nik, fields in changes.items():
        row = rows[nik]
        assert row is not None
        changed = {k: [getattr(row, k), v] for k, v in fields.items() if getattr(row, k) != v}
        for k, v in fields.items():
            setattr(row, k, v)
        row.version += 1
        s.add(PersonVersionRow(
            nik=nik, version=row.version, snapshot=_person(row).to_dict(), changed=changed,
            source="application", application_id=application_id, evidence_sha256=evidence_sha256,
            actor=actor,
        ))
        _audit.append(s, actor=actor, action="person.change", subject_type="person", subject=nik,
                      details={"application_id": application_id, "version": row.version,
                               "fields": sorted(changed), "evidence_sha256": evidence_sha256})
    return True
