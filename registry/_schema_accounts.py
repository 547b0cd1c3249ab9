"""Tables of staff accounts, their sessions and API tokens, and applicants' access to their application.

Made by migrations 0003, 0004 (idempotency keys) and 0005 (the applicant's e-mail). No secret is stored as itself: passwords as scrypt hashes
(`_passwords.py`), session ids and tokens as their sha256, names tried at a failed login as
their sha256 too (a password typed into the name field must not end up in the database).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ._schema import Base, utcnow


class UserRow(Base):
    """A staff account. Never deleted (the audit log names it): disabled instead."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    """Login name, lower case; the actor in the audit log and on decisions."""
    full_name: Mapped[str | None] = mapped_column(Text)
    """Name (and NIP) shown on pages."""
    role: Mapped[str] = mapped_column(String(16))
    """`verifikator`, `arsip` or `admin` (a CHECK constraint keeps it so)."""
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginThrottleRow(Base):
    """Failed logins by the name tried (known or not), for the lockout."""

    __tablename__ = "login_throttle"

    name_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A logged-in browser: the cookie's value is the secret, only its sha256 is kept."""

    __tablename__ = "sessions"

    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    """Sent back with every state-changing form or request of this session."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiTokenRow(Base):
    """A staff member's API token (a counter or partner system acting as that account)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ApplicationAccessRow(Base):
    """How the applicant reaches their own application: a tracking code and a secret status token."""

    __tablename__ = "application_access"

    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filed_by: Mapped[str | None] = mapped_column(Text)
    """The staff account that filed it (a counter's session or token), or None for an applicant."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    """Where the applicant asked to be told of the decision (migration 0005), or None."""


class IdempotencyKeyRow(Base):
    """An `Idempotency-Key` sent with a filing (migration 0004): which application it made.

    Neither the key nor the status token is kept as itself: the key as its sha256, the token sealed
    with a pad drawn from the key and the request's fingerprint (only a retry that sends both opens it).
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key_sha256", name="uq_idempotency_keys_scope_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(64))
    """Who sent the key: `pemohon` (anyone without an account) or the staff account that filed."""
    key_sha256: Mapped[str] = mapped_column(String(64))
    request_sha256: Mapped[str] = mapped_column(String(64))
    """Fingerprint of what was filed: NIK, change, requested values and each upload's sha256."""
    application_id: Mapped[str | None] = mapped_column(ForeignKey("applications.id"))
    """None while the first request is still filing."""
    sealed_token: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
