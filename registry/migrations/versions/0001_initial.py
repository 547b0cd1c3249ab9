"""The schema of release 0.1.0, which `create_all` made: families, persons, person_versions, applications.

Databases created by 0.1.0 have these tables and no `alembic_version`; `registry._migrate`
stamps them at this revision before upgrading.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "families",
        sa.Column("no_kk", sa.String(16), primary_key=True),
        sa.Column("alamat", sa.Text(), nullable=False),
        sa.Column("rt", sa.String(3), nullable=False),
        sa.Column("rw", sa.String(3), nullable=False),
        sa.Column("desa_kelurahan", sa.Text(), nullable=False),
        sa.Column("kecamatan", sa.Text(), nullable=False),
        sa.Column("kabupaten_kota", sa.Text(), nullable=False),
        sa.Column("provinsi", sa.Text(), nullable=False),
        sa.Column("kode_pos", sa.String(5), nullable=True),
        sa.Column("tanggal_dikeluarkan", sa.String(10), nullable=True),
    )
    op.create_table(
        "persons",
        sa.Column("nik", sa.String(16), primary_key=True),
        sa.Column("no_kk", sa.String(16), sa.ForeignKey("families.no_kk"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("nama_lengkap", sa.Text(), nullable=False),
        sa.Column("jenis_kelamin", sa.Text(), nullable=False),
        sa.Column("tempat_lahir", sa.Text(), nullable=False),
        sa.Column("tanggal_lahir", sa.String(10), nullable=False),
        sa.Column("agama", sa.Text(), nullable=False),
        sa.Column("pendidikan", sa.Text(), nullable=False),
        sa.Column("jenis_pekerjaan", sa.Text(), nullable=False),
        sa.Column("golongan_darah", sa.Text(), nullable=False),
        sa.Column("status_perkawinan", sa.Text(), nullable=False),
        sa.Column("tanggal_perkawinan", sa.String(10), nullable=True),
        sa.Column("no_akta_perkawinan", sa.Text(), nullable=True),
        sa.Column("status_hubungan", sa.Text(), nullable=False),
        sa.Column("kewarganegaraan", sa.Text(), nullable=False),
        sa.Column("no_paspor", sa.Text(), nullable=True),
        sa.Column("no_kitap", sa.Text(), nullable=True),
        sa.Column("nama_ayah", sa.Text(), nullable=True),
        sa.Column("nama_ibu", sa.Text(), nullable=True),
    )
    op.create_index("ix_persons_no_kk", "persons", ["no_kk"])
    op.create_table(
        "person_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("changed", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("application_id", sa.String(36), nullable=True),
        sa.Column("evidence_sha256", sa.JSON(), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.UniqueConstraint("nik", "version"),
    )
    op.create_index("ix_person_versions_nik", "person_versions", ["nik"])
    op.create_index("ix_person_versions_application_id", "person_versions", ["application_id"])
    op.create_table(
        "applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("jenis_perubahan", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested", sa.JSON(), nullable=False),
        sa.Column("uploads", sa.JSON(), nullable=False),
        sa.Column("extractions", sa.JSON(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("flow_run_id", sa.String(36), nullable=True),
        sa.Column("received_at", _TZ, nullable=False),
        sa.Column("decided_at", _TZ, nullable=True),
        sa.Column("archived_at", _TZ, nullable=True),
    )
    op.create_index("ix_applications_nik", "applications", ["nik"])
    op.create_index("ix_applications_status", "applications", ["status"])
    op.create_index("ix_applications_received_at", "applications", ["received_at"])


def downgrade() -> None:
    for table in ("applications", "person_versions", "persons", "families"):
        op.drop_table(table)
