"""Staff accounts, login sessions, API tokens, the login lockout, and applicants' access to their application.

- `users`: login name (unique, lower case), role (`verifikator`, `arsip`, `admin`; CHECK), scrypt
  password hash with its parameters, disabled instead of deleted;
- `login_throttle`: failed logins per sha256 of the name tried, and until when it is locked;
- `sessions`: sha256 of the session cookie, its CSRF token, idle and absolute expiry;
- `api_tokens`: sha256 of each staff API token, revocable;
- `application_access`: the tracking code and the sha256 of the status token given at filing,
  and the staff account that filed (if any).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)
ROLES = ("verifikator", "arsip", "admin")


def upgrade() -> None:
    quoted = ", ".join(f"'{r}'" for r in ROLES)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("password_changed_at", _TZ, nullable=False),
        sa.Column("disabled_at", _TZ, nullable=True),
        sa.CheckConstraint(f"role IN ({quoted})", name="ck_users_role"),
        sa.CheckConstraint("name = lower(name)", name="ck_users_name_lower"),
    )
    op.create_table(
        "login_throttle",
        sa.Column("name_sha256", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _TZ, nullable=False),
        sa.Column("locked_until", _TZ, nullable=True),
    )
    op.create_table(
        "sessions",
        sa.Column("id_sha256", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("last_seen_at", _TZ, nullable=False),
        sa.Column("expires_at", _TZ, nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("last_used_at", _TZ, nullable=True),
        sa.Column("revoked_at", _TZ, nullable=True),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "application_access",
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), primary_key=True),
        sa.Column("tracking_code", sa.String(16), nullable=False, unique=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("filed_by", sa.Text(), nullable=True),
        sa.Column("created_at", _TZ, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("application_access")
    op.drop_table("api_tokens")
    op.drop_table("sessions")
    op.drop_table("login_throttle")
    op.drop_table("users")
