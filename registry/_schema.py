"""Tables of the population record and of the applications against it.

Current state lives in `families` and `persons`; every version a person ever had
(including the first, from import) is a row of `person_versions`, so history is
complete and a change never overwrites what was there. Every decision on an
application is a row of `decisions`; every write and every read of a person's
data by a user is an entry of the hash-chained `audit_log` (see `_audit.py`).

The tables are created and changed by the Alembic migrations in `migrations/`,
never by `create_all`; a test checks that these models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from core import UnknownApplication


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class FamilyRow(Base):
    __tablename__ = "families"

    no_kk: Mapped[str] = mapped_column(String(16), primary_key=True)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    """Order of first import, so that an export lists families as they came."""
    alamat: Mapped[str] = mapped_column(Text)
    rt: Mapped[str] = mapped_column(String(3))
    rw: Mapped[str] = mapped_column(String(3))
    desa_kelurahan: Mapped[str] = mapped_column(Text)
    kecamatan: Mapped[str] = mapped_column(Text)
    kabupaten_kota: Mapped[str] = mapped_column(Text)
    provinsi: Mapped[str] = mapped_column(Text)
    kode_pos: Mapped[str | None] = mapped_column(String(5))
    tanggal_dikeluarkan: Mapped[str | None] = mapped_column(String(10))


class PersonRow(Base):
    __tablename__ = "persons"

    nik: Mapped[str] = mapped_column(String(16), primary_key=True)
    no_kk: Mapped[str] = mapped_column(ForeignKey("families.no_kk"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    """Row number on the KK (0-based), so members print in their order."""
    version: Mapped[int] = mapped_column(Integer)
    nama_lengkap: Mapped[str] = mapped_column(Text)
    jenis_kelamin: Mapped[str] = mapped_column(Text)
    tempat_lahir: Mapped[str] = mapped_column(Text)
    tanggal_lahir: Mapped[str] = mapped_column(String(10))
    agama: Mapped[str] = mapped_column(Text)
    pendidikan: Mapped[str] = mapped_column(Text)
    jenis_pekerjaan: Mapped[str] = mapped_column(Text)
    golongan_darah: Mapped[str] = mapped_column(Text)
    status_perkawinan: Mapped[str] = mapped_column(Text)
    tanggal_perkawinan: Mapped[str | None] = mapped_column(String(10))
    no_akta_perkawinan: Mapped[str | None] = mapped_column(Text)
    status_hubungan: Mapped[str] = mapped_column(Text)
    kewarganegaraan: Mapped[str] = mapped_column(Text)
    no_paspor: Mapped[str | None] = mapped_column(Text)
    no_kitap: Mapped[str | None] = mapped_column(Text)
    nama_ayah: Mapped[str | None] = mapped_column(Text)
    nama_ibu: Mapped[str | None] = mapped_column(Text)


class PersonVersionRow(Base):
    __tablename__ = "person_versions"
    __table_args__ = (UniqueConstraint("nik", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The whole person as of this version (member fields)."""
    changed: Mapped[dict[str, Any]] = mapped_column(JSON)
    """field → [old, new] for the fields this version changed (empty for the first)."""
    source: Mapped[str] = mapped_column(String(32))
    """`import` or `application`."""
    application_id: Mapped[str | None] = mapped_column(String(36), index=True)
    evidence_sha256: Mapped[list[Any]] = mapped_column(JSON, default=list)
    """sha256 of the evidence: the application's uploads, or the imported population file."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str | None] = mapped_column(Text)
    """Who made this version: `sistem`, a verifikator, or the operator who imported."""


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    jenis_perubahan: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    requested: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    uploads: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """document type → StoredObject dict of the original upload in the intake bucket."""
    extractions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """NIK → {field: new value} that approval applies."""
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(Text)
    decision_note: Mapped[str | None] = mapped_column(Text)
    flow_run_id: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class DecisionRow(Base):
    """One decision on an application: the automatic one, then a verifikator's where there was review."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    """`automatic` (the cross-check, or input that could not be processed) or `review` (a verifikator)."""
    status: Mapped[str] = mapped_column(String(16))
    """What was decided: approved, needs_review or rejected."""
    decided_by: Mapped[str] = mapped_column(Text, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    """Why: the verifikator's note, or the finding codes behind an automatic decision."""
    finding_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditRow(Base):
    """One entry of the append-only, hash-chained audit log."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    """ISO 8601 UTC, stored as the exact text that was hashed."""
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(Text, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHeadRow(Base):
    """The last entry of the audit log (one row): appends lock it, `verify` checks the chain ends here."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))


def application_row(s: Session, application_id: str) -> ApplicationRow:
    """The row of one application; `UnknownApplication` when there is none."""
    row = s.get(ApplicationRow, application_id)
    if row is None:
        raise UnknownApplication("no application with this id")
    return row
