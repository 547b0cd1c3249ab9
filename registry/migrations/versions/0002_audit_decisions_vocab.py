"""Audit log, decisions, who made each version, family order, and SIAK values enforced by the database.

- `audit_log` + `audit_head`: the hash-chained, append-only audit log (triggers refuse UPDATE and
  DELETE on `audit_log` on both SQLite and PostgreSQL);
- `decisions`: every decision on an application (automatic or by which verifikator, when, why),
  filled from the 0.1.0 columns for applications that were already decided;
- `person_versions.actor`, `families.ordinal`;
- CHECK constraints on the vocabulary columns of `persons`, with the values of `vocab.json` as
  of this revision (a later vocabulary change needs a migration; a test compares).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

VOCAB = {
    "jenis_kelamin": (
        'LAKI-LAKI', 'PEREMPUAN',
    ),
    "agama": (
        'ISLAM', 'KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN TERHADAP TUHAN YME',
    ),
    "pendidikan": (
        'TIDAK/BELUM SEKOLAH', 'BELUM TAMAT SD/SEDERAJAT', 'TAMAT SD/SEDERAJAT', 'SLTP/SEDERAJAT',
        'SLTA/SEDERAJAT', 'DIPLOMA I/II', 'AKADEMI/DIPLOMA III/S. MUDA', 'DIPLOMA IV/STRATA I',
        'STRATA II', 'STRATA III',
    ),
    "jenis_pekerjaan": (
        'BELUM/TIDAK BEKERJA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN',
        'APARATUR SIPIL NEGARA (ASN)', 'TENTARA NASIONAL INDONESIA (TNI)', 'KEPOLISIAN RI (POLRI)',
        'PERDAGANGAN', 'PETANI/PEKEBUN', 'PETERNAK', 'NELAYAN/PERIKANAN', 'INDUSTRI', 'KONSTRUKSI',
        'TRANSPORTASI', 'KARYAWAN SWASTA', 'KARYAWAN BUMN', 'KARYAWAN BUMD', 'KARYAWAN HONORER',
        'BURUH HARIAN LEPAS', 'BURUH TANI/PERKEBUNAN', 'BURUH NELAYAN/PERIKANAN', 'BURUH PETERNAKAN',
        'PEMBANTU RUMAH TANGGA', 'TUKANG CUKUR', 'TUKANG LISTRIK', 'TUKANG BATU', 'TUKANG KAYU',
        'TUKANG SOL SEPATU', 'TUKANG LAS/PANDAI BESI', 'TUKANG JAHIT', 'TUKANG GIGI', 'PENATA RIAS',
        'PENATA BUSANA', 'PENATA RAMBUT', 'MEKANIK', 'SENIMAN', 'TABIB', 'PARAJI', 'PERANCANG BUSANA',
        'PENTERJEMAH', 'IMAM MASJID', 'PENDETA', 'PASTOR', 'WARTAWAN', 'USTADZ/MUBALIGH', 'JURU MASAK',
        'PROMOTOR ACARA', 'ANGGOTA DPR-RI', 'ANGGOTA DPD', 'ANGGOTA BPK', 'PRESIDEN', 'WAKIL PRESIDEN',
        'ANGGOTA MAHKAMAH KONSTITUSI', 'ANGGOTA KABINET KEMENTERIAN', 'DUTA BESAR', 'GUBERNUR',
        'WAKIL GUBERNUR', 'BUPATI', 'WAKIL BUPATI', 'WALIKOTA', 'WAKIL WALIKOTA',
        'ANGGOTA DPRD PROVINSI', 'ANGGOTA DPRD KABUPATEN/KOTA', 'DOSEN', 'GURU', 'PILOT', 'PENGACARA',
        'NOTARIS', 'ARSITEK', 'AKUNTAN', 'KONSULTAN', 'DOKTER', 'BIDAN', 'PERAWAT', 'APOTEKER',
        'PSIKIATER/PSIKOLOG', 'PENYIAR TELEVISI', 'PENYIAR RADIO', 'PELAUT', 'PENELITI', 'SOPIR',
        'PIALANG', 'PARANORMAL', 'PEDAGANG', 'PERANGKAT DESA', 'KEPALA DESA', 'BIARAWATI', 'WIRASWASTA',
        'LAINNYA',
    ),
    "golongan_darah": (
        'A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'TIDAK TAHU',
    ),
    "status_perkawinan": (
        'BELUM KAWIN', 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT', 'CERAI HIDUP TERCATAT',
        'CERAI HIDUP TIDAK TERCATAT', 'CERAI MATI',
    ),
    "status_hubungan": (
        'KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG TUA', 'MERTUA',
        'FAMILI LAIN', 'PEMBANTU', 'LAINNYA',
    ),
    "kewarganegaraan": (
        'WNI', 'WNA',
    ),
}
"""Canonical SIAK values per column, frozen at this revision."""

_TZ = sa.DateTime(timezone=True)


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("finding_codes", sa.JSON(), nullable=False),
        sa.Column("decided_at", _TZ, nullable=False),
        sa.CheckConstraint("kind IN ('automatic', 'review')", name="ck_decisions_kind"),
    )
    op.create_index("ix_decisions_application_id", "decisions", ["application_id"])
    op.create_index("ix_decisions_decided_by", "decisions", ["decided_by"])
    op.execute(
        "INSERT INTO decisions (application_id, kind, status, decided_by, note, finding_codes, decided_at) "
        "SELECT id, CASE WHEN decided_by = 'sistem' THEN 'automatic' ELSE 'review' END, status, decided_by, "
        "decision_note, '[]', decided_at FROM applications WHERE decided_by IS NOT NULL AND decided_at IS NOT NULL"
    )

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject_type", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
    )
    op.execute(f"INSERT INTO audit_head (id, seq, entry_hash) VALUES (1, 0, '{GENESIS}')")
    _append_only_triggers()

    with op.batch_alter_table("families") as batch:
        batch.add_column(sa.Column("ordinal", sa.Integer(), nullable=True))
    with op.batch_alter_table("person_versions") as batch:
        batch.add_column(sa.Column("actor", sa.Text(), nullable=True))
    with op.batch_alter_table("persons") as batch:
        for column, values in VOCAB.items():
            batch.create_check_constraint(f"ck_persons_{column}", _in(column, values))


def _append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def downgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        for column in VOCAB:
            batch.drop_constraint(f"ck_persons_{column}", type_="check")
    with op.batch_alter_table("person_versions") as batch:
        batch.drop_column("actor")
    with op.batch_alter_table("families") as batch:
        batch.drop_column("ordinal")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    op.drop_table("audit_head")
    op.drop_table("audit_log")
    op.drop_table("decisions")
