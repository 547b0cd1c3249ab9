"""Bulk upsert of a validated `capil.population/1` document: families by No. KK, persons by NIK.

Work goes in chunks of families: one SELECT for the existing families and persons of the chunk,
then multi-row INSERTs and primary-key UPDATEs, all inside the caller's single transaction, so
that a 100,000-person file is imported in seconds and a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from core import FAMILY_FIELDS, MEMBER_FIELDS

from ._schema import FamilyRow, PersonRow, PersonVersionRow, utcnow

_CHUNK = 500  # families per round trip


@dataclass
class Counts:
    families: int = 0
    persons: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def upsert_population(s: Session, families: list[dict[str, Any]], *, actor: str,
                      evidence_sha256: list[str]) -> Counts:
    counts = Counts()
    next_ordinal = (s.scalar(select(func.max(FamilyRow.ordinal))) or 0) + 1
    now = utcnow()
    for start in range(0, len(families), _CHUNK):
        chunk = families[start:start + _CHUNK]
        next_ordinal = _upsert_families(s, chunk, next_ordinal)
        _upsert_persons(s, chunk, counts, actor=actor, evidence=evidence_sha256, now=now)
        counts.families += len(chunk)
    return counts


def _upsert_families(s: Session, chunk: list[dict[str, Any]], next_ordinal: int) -> int:
    existing = {
        r.no_kk: r for r in s.execute(
            select(FamilyRow.__table__).where(FamilyRow.no_kk.in_([f["no_kk"] for f in chunk]))
        )
    }
    new, changed = [], []
    for family in chunk:
        values = {k: family.get(k) for k in FAMILY_FIELDS}
        row = existing.get(family["no_kk"])
        if row is None:
            new.append({**values, "ordinal": next_ordinal})
            next_ordinal += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            changed.append(values)
    if new:
        s.connection().execute(insert(FamilyRow), new)
    if changed:
        s.execute(update(FamilyRow), changed)
    return next_ordinal


def _upsert_persons(s: Session, chunk: list[dict[str, Any]], counts: Counts, *, actor: str,
                    evidence: list[str], now: dt.datetime) -> None:
    members = [(f["no_kk"], i, m) for f in chunk for i, m in enumerate(f["anggota"])]
    existing = {
        r.nik: r for r in s.execute(
            select(PersonRow.__table__).where(PersonRow.nik.in_([m["nik"] for _, _, m in members]))
        )
    }
    new, changed, placed, versions = [], [], [], []
    for no_kk, position, member in members:
        values = {k: member.get(k) for k in MEMBER_FIELDS}
        row = existing.get(values["nik"])
        counts.persons += 1
        if row is None:
            new.append({**values, "no_kk": no_kk, "position": position, "version": 1})
            versions.append(_version(values, 1, {}, actor, evidence, now))
            counts.created += 1
            continue
        diff = {k: [getattr(row, k), v] for k, v in values.items() if getattr(row, k) != v}
        if diff:
            changed.append({**values, "no_kk": no_kk, "position": position, "version": row.version + 1})
            versions.append(_version(values, row.version + 1, diff, actor, evidence, now))
            counts.updated += 1
        else:
            counts.unchanged += 1
            if (row.no_kk, row.position) != (no_kk, position):
                placed.append({"nik": row.nik, "no_kk": no_kk, "position": position})
    if new:  # Core executemany: the ORM's bulk insert is several times slower here
        s.connection().execute(insert(PersonRow), new)
    if changed:
        s.execute(update(PersonRow), changed)
    if placed:
        s.execute(update(PersonRow), placed)
    if versions:
        s.connection().execute(insert(PersonVersionRow), versions)


def _version(values: dict[str, Any], version: int, changed: dict[str, Any], actor: str,
             evidence: list[str], now: dt.datetime) -> dict[str, Any]:
    return {
        "nik": values["nik"], "version": version, "snapshot": values, "changed": changed, "source": "import",
        "application_id": None, "evidence_sha256": evidence, "actor": actor, "created_at": now,
    }
