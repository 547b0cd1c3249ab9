"""Staff accounts: roles, passwords, the login lockout, API tokens.

    role          may
    verifikator   the review queue, page images, decisions
    arsip         the archive desk: lookups and signed documents
    admin         everything either may
    (any role)    lists and views of applications

Names are lower case (`[a-z0-9][a-z0-9._-]{1,63}`), never reused for another person: an account
is disabled, not deleted, because the audit log and the decisions name it. Disabling an account or
changing its password ends its sessions; disabling also revokes its API tokens.

Logins are throttled by the name tried, whether an account has it or not (so a lockout does not
tell which names exist): after `MAX_FAILURES` failures in a row the name is locked for `LOCKOUT`,
doubling with every further failure up to `MAX_LOCKOUT`; a success clears it, and failures older
than `FORGET_AFTER` are forgotten. While locked even the right password is refused. A login to a
name without an account checks a dummy hash, so it costs as much as a real one.

Every change to an account and every login, failed login and lockout is in the audit log.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core import Conflict, InputError, NotFound

from . import _audit, _passwords
from ._database import Database
from ._schema import utcnow
from ._schema_accounts import ApiTokenRow, LoginThrottleRow, SessionRow, UserRow

ROLES = ("verifikator", "arsip", "admin")
ADMIN = "admin"
RESERVED_NAMES = frozenset({"sistem", "pemohon", "anonim", "system", "root"})
"""Actors the audit log already uses for others."""
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
TOKEN_PREFIX = "cst_"
"""Staff API tokens start with this (applicants' status tokens with `_access.TOKEN_PREFIX`)."""

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MAX_LOCKOUT = dt.timedelta(hours=24)
FORGET_AFTER = dt.timedelta(hours=24)
_TOUCH_EVERY = dt.timedelta(minutes=1)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; we only ever store UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    full_name: str | None
    created_at: dt.datetime
    password_changed_at: dt.datetime
    disabled_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def has_role(self, *roles: str) -> bool:
        """Whether this account may do what any of `roles` may (admin may everything)."""
        return self.active and (self.role == ADMIN or self.role in roles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "role": self.role, "full_name": self.full_name, "active": self.active,
            "created_at": self.created_at.isoformat(), "password_changed_at": self.password_changed_at.isoformat(),
            "disabled_at": self.disabled_at.isoformat() if self.disabled_at else None,
        }


def user_of(row: UserRow) -> User:
    return User(id=row.id, name=row.name, role=row.role, full_name=row.full_name,
                created_at=aware(row.created_at), password_changed_at=aware(row.password_changed_at),
                disabled_at=aware(row.disabled_at) if row.disabled_at else None)


@dataclass(frozen=True)
class LoginResult:
    """The account logged in, or None; `locked_until` when the name is locked out."""

    user: User | None
    locked_until: dt.datetime | None = None


class UnknownUser(NotFound):
    code = "UNKNOWN_USER"
    message_id = "Pengguna tidak ditemukan."


def normalize_name(name: str) -> str:
    return name.strip().lower()


def _check_new_account(name: str, role: str) -> None:
    if not _NAME.fullmatch(name):
        raise InputError(f"{name!r} is not a valid user name: 2-64 of a-z, 0-9, '.', '_', '-', "
                         "starting with a letter or digit")
    if name in RESERVED_NAMES:
        raise InputError(f"{name!r} is reserved for the system's own entries in the audit log")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")


def _revoke_tokens(s: Session, user_id: int, now: dt.datetime) -> int:
    live = list(s.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user_id, ApiTokenRow.revoked_at.is_(None))))
    for token in live:
        token.revoked_at = now
    return len(live)


def _check_password(password: str, name: str) -> None:
    problem = _passwords.password_problem(password, name=name)
    if problem:
        raise InputError(problem)


class Accounts:
    """The staff accounts in `db`. `clock` gives the current UTC time (tests move it)."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    def now(self) -> dt.datetime:
        """The current time by this repository's clock."""
        return self._clock()

    # --- accounts --------------------------------------------------------------------------------

    def check_new(self, name: str, *, role: str) -> None:
        """What `add` would refuse about the name and role, before anyone types a password."""
        name = normalize_name(name)
        _check_new_account(name, role)
        with self._db.session() as s:
            if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
                raise Conflict(f"a user named {name!r} exists already")

    def add(self, name: str, *, role: str, password: str, full_name: str | None = None, actor: str) -> User:
        name = normalize_name(name)
        _check_new_account(name, role)
        _check_password(password, name)
        hashed = _passwords.hash_password(password)
        with self._db.session() as s:
            _audit.lock(s)
            if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
                raise Conflict(f"a user named {name!r} exists already")
            now = self._clock()
            row = UserRow(name=name, role=role, full_name=full_name or None, password_hash=hashed,
                          created_at=now, password_changed_at=now)
            s.add(row)
            s.flush()
            _audit.append(s, actor=actor, action="user.create", subject_type="user", subject=name,
                          details={"role": role})
            return user_of(row)

    def get(self, name: str) -> User:
        with self._db.session() as s:
            return user_of(self._row(s, name))

    def list(self) -> builtins.list[User]:
        with self._db.session() as s:
            return [user_of(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    def set_password(self, name: str, password: str, *, actor: str) -> User:
        """A new password; the account's sessions end."""
        name = normalize_name(name)
        _check_password(password, name)
        hashed = _passwords.hash_password(password)
        with self._db.session() as s:
            _audit.lock(s)
            row = self._row(s, name)
            row.password_hash = hashed
            row.password_changed_at = self._clock()
            s.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
            _audit.append(s, actor=actor, action="user.password", subject_type="user", subject=row.name)
            return user_of(row)

    def disable(self, name: str, *, actor: str) -> User:
        """The account can no longer log in; its sessions end and its API tokens are revoked."""
        with self._db.session() as s:
            _audit.lock(s)
            row = self._row(s, name)
            now = self._clock()
            if row.disabled_at is None:
                row.disabled_at = now
            s.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
            revoked = _revoke_tokens(s, row.id, now)
            _audit.append(s, actor=actor, action="user.disable", subject_type="user", subject=row.name,
                          details={"tokens_revoked": revoked})
            return user_of(row)

    def enable(self, name: str, *, actor: str) -> User:
        with self._db.session() as s:
            _audit.lock(s)
            row = self._row(s, name)
            row.disabled_at = None
            _audit.append(s, actor=actor, action="user.enable", subject_type="user", subject=row.name)
            return user_of(row)

    @staticmethod
    def _row(s: Session, name: str) -> UserRow:
        row = s.scalar(select(UserRow).where(UserRow.name == normalize_name(name)))
        if row is None:
            raise UnknownUser(f"no user named {normalize_name(name)!r}")
        return row

    # --- login -----------------------------------------------------------------------------------

    def authenticate(self, name: str, password: str) -> LoginResult:
        """Check a login. The password is checked outside any transaction (it takes a while)."""
        name = normalize_name(name)[:200]
        key = _passwords.digest(name)
        now = self._clock()
        with self._db.session() as s:
            throttle = s.get(LoginThrottleRow, key)
            locked_until = aware(throttle.locked_until) if throttle and throttle.locked_until else None
            row = s.scalar(select(UserRow).where(UserRow.name == name))
            stored = row.password_hash if row is not None else None
        if locked_until is not None and locked_until > now:
            self._log_locked(name, known=row is not None, locked_until=locked_until)
            return LoginResult(None, locked_until)
        ok = _passwords.verify_password(password, stored or _passwords.dummy_hash())
        if ok and row is not None and row.disabled_at is None:
            return LoginResult(self._succeeded(key, row.id, password, rehash=_passwords.needs_rehash(stored or "")))
        return LoginResult(None, self._failed(key, name, known=row is not None))

    def _succeeded(self, key: str, user_id: int, password: str, *, rehash: bool) -> User:
        hashed = _passwords.hash_password(password) if rehash else None
        with self._db.session() as s:
            _audit.lock(s)
            s.execute(delete(LoginThrottleRow).where(LoginThrottleRow.name_sha256 == key))
            row = s.get(UserRow, user_id)
            assert row is not None
            if hashed:
                row.password_hash = hashed
            _audit.append(s, actor=row.name, action="auth.login", subject_type="user", subject=row.name)
            return user_of(row)

    def _failed(self, key: str, name: str, *, known: bool) -> dt.datetime | None:
        """Count one failure; the time the name is locked until, if this failure locks it."""
        now = self._clock()
        with self._db.session() as s:
            _audit.lock(s)
            row = s.get(LoginThrottleRow, key)
            if row is None or now - aware(row.last_failure_at) > FORGET_AFTER:
                if row is not None:
                    s.delete(row)
                    s.flush()
                row = LoginThrottleRow(name_sha256=key, failures=0, last_failure_at=now)
                s.add(row)
            row.failures += 1
            row.last_failure_at = now
            locked_until = None
            if row.failures >= MAX_FAILURES:
                locked_until = now + min(LOCKOUT * 2 ** (row.failures - MAX_FAILURES), MAX_LOCKOUT)
                row.locked_until = locked_until
            _audit.append(s, actor="anonim", action="auth.login_failed", subject_type="user",
                          subject=name if known else None,
                          details={"failures": row.failures,
                                   "locked_until": locked_until.isoformat() if locked_until else None})
            return locked_until

    def _log_locked(self, name: str, *, known: bool, locked_until: dt.datetime) -> None:
        """A login to a locked name: refused without checking the password."""
        with self._db.session() as s:
            _audit.append(s, actor="anonim", action="auth.login_locked", subject_type="user",
                          subject=name if known else None, details={"locked_until": locked_until.isoformat()})

    # --- API tokens ------------------------------------------------------------------------------

    def issue_token(self, name: str, *, label: str | None = None, actor: str) -> str:
        """A new API token for the account; only its sha256 is kept, so it is shown this once."""
        token = _passwords.new_secret(TOKEN_PREFIX)
        with self._db.session() as s:
            _audit.lock(s)
            row = self._row(s, name)
            if row.disabled_at is not None:
                raise Conflict(f"user {row.name!r} is disabled")
            token_row = ApiTokenRow(user_id=row.id, token_sha256=_passwords.digest(token), label=label or None,
                                    created_at=self._clock())
            s.add(token_row)
            s.flush()
            _audit.append(s, actor=actor, action="user.token.create", subject_type="user", subject=row.name,
                          details={"token_id": token_row.id, "label": label or None})
        return token

    def revoke_tokens(self, name: str, *, actor: str) -> int:
        """Revoke every API token of the account; how many were in use."""
        with self._db.session() as s:
            _audit.lock(s)
            row = self._row(s, name)
            revoked = _revoke_tokens(s, row.id, self._clock())
            _audit.append(s, actor=actor, action="user.token.revoke", subject_type="user", subject=row.name,
                          details={"revoked": revoked})
            return revoked

    def tokens(self, name: str) -> builtins.list[dict[str, Any]]:
        """The account's tokens (never the secrets): id, label, created, last used, revoked."""
        with self._db.session() as s:
            row = self._row(s, name)
            rows = s.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == row.id).order_by(ApiTokenRow.id))
            return [{"id": t.id, "label": t.label, "created_at": aware(t.created_at).isoformat(),
                     "last_used_at": aware(t.last_used_at).isoformat() if t.last_used_at else None,
                     "revoked_at": aware(t.revoked_at).isoformat() if t.revoked_at else None} for t in rows]

    def user_for_token(self, token: str) -> User | None:
        """The active account an API token belongs to, or None (unknown, revoked, account disabled)."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        now = self._clock()
        with self._db.session() as s:
            found = s.execute(select(ApiTokenRow, UserRow).join(UserRow, UserRow.id == ApiTokenRow.user_id)
                              .where(ApiTokenRow.token_sha256 == _passwords.digest(token))).one_or_none()
            if found is None:
                return None
            token_row, user_row = found
            if token_row.revoked_at is not None or user_row.disabled_at is not None:
                return None
            if token_row.last_used_at is None or now - aware(token_row.last_used_at) > _TOUCH_EVERY:
                token_row.last_used_at = now
            return user_of(user_row)
