"""The population record: import, lookup, and changes that keep every old version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import FAMILY_FIELDS, MEMBER_FIELDS, Family, InvalidPopulation, Person, UnknownPerson

from ._database import Database
from ._schema import FamilyRow, PersonRow, PersonVersionRow
from ._validate import population_problems


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

    def import_population(self, doc: Any) -> ImportReport:
        """Upsert a `capil.population/1` document by No. KK and NIK; all or nothing."""
        problems = population_problems(doc)
        if problems:
            raise InvalidPopulation(problems)
        created = updated = unchanged = persons = 0
        with self._db.session() as s:
            for family in doc["keluarga"]:
                _upsert_family(s, family)
                for position, member in enumerate(family["anggota"]):
                    persons += 1
                    outcome = _upsert_person(s, member, no_kk=family["no_kk"], position=position)
                    created += outcome == "created"
                    updated += outcome == "updated"
                    unchanged += outcome == "unchanged"
        return ImportReport(len(doc["keluarga"]), persons, created, updated, unchanged)

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
        self, changes: dict[str, dict[str, Any]], *, application_id: str, evidence_sha256: list[str]
    ) -> bool:
        """Give each NIK in `changes` a new version with those fields changed, in one transaction.

        Idempotent: if this application already changed the record, nothing happens and False is
        returned. The old versions stay in `person_versions`.
        """
        with self._db.session() as s:
            done = s.scalar(select(PersonVersionRow.id).where(PersonVersionRow.application_id == application_id))
            if done is not None:
                return False
            for nik, fields in changes.items():
                row = s.get(PersonRow, nik, with_for_update=True)
                if row is None:
                    raise UnknownPerson("no person with this NIK")
                changed = {k: [getattr(row, k), v] for k, v in fields.items() if getattr(row, k) != v}
                for k, v in fields.items():
                    setattr(row, k, v)
                row.version += 1
                s.add(PersonVersionRow(
                    nik=nik, version=row.version, snapshot=_person(row).to_dict(), changed=changed,
                    source="application", application_id=application_id, evidence_sha256=evidence_sha256,
                ))
            return True

    def history(self, nik: str) -> list[dict[str, Any]]:
        """Every version of a person, oldest first."""
        with self._db.session() as s:
            rows = s.scalars(
                select(PersonVersionRow).where(PersonVersionRow.nik == nik).order_by(PersonVersionRow.version)
            ).all()
            if not rows:
                raise UnknownPerson("no person with this NIK")
            return [
                {
                    "version": r.version, "source": r.source, "application_id": r.application_id,
                    "changed": r.changed, "evidence_sha256": r.evidence_sha256,
                    "created_at": r.created_at.isoformat(),
                }
                for r in rows
            ]


def _upsert_family(s: Session, data: dict[str, Any]) -> None:
    row = s.get(FamilyRow, data["no_kk"])
    values = {k: data.get(k) for k in FAMILY_FIELDS}
    if row is None:
        s.add(FamilyRow(**values))
    else:
        for k, v in values.items():
            setattr(row, k, v)


def _upsert_person(s: Session, data: dict[str, Any], *, no_kk: str, position: int) -> str:
    values = {k: data.get(k) for k in MEMBER_FIELDS}
    row = s.get(PersonRow, values["nik"])
    if row is None:
        s.add(PersonRow(**values, no_kk=no_kk, position=position, version=1))
        s.add(PersonVersionRow(nik=values["nik"], version=1, snapshot=values, changed={}, source="import",
                               evidence_sha256=[]))
        return "created"
    changed = {k: [getattr(row, k), v] for k, v in values.items() if getattr(row, k) != v}
    row.no_kk, row.position = no_kk, position
    if not changed:
        return "unchanged"
    for k, v in values.items():
        setattr(row, k, v)
    row.version += 1
    s.add(PersonVersionRow(nik=row.nik, version=row.version, snapshot=values, changed=changed, source="import",
                           evidence_sha256=[]))
    return "updated"


def _person(row: PersonRow) -> Person:
    return Person(**{k: getattr(row, k) for k in MEMBER_FIELDS})


def _family(s: Session, no_kk: str) -> Family | None:
    row = s.get(FamilyRow, no_kk)
    if row is None:
        return None
    members = s.scalars(select(PersonRow).where(PersonRow.no_kk == no_kk).order_by(PersonRow.position)).all()
    return Family(**{k: getattr(row, k) for k in FAMILY_FIELDS}, anggota=tuple(_person(m) for m in members))
