"""Login sessions of staff browsers, kept in the database.

The cookie carries a random 256-bit session id; the table keeps only its sha256, so a copy of the
database lets no one take over a session. Each session has its own CSRF token, which every
state-changing form or request of the session must send back. A session ends at logout, after
`IDLE` without a request, `LIFETIME` after login whatever happens, and when its account is
disabled or its password changes (`Accounts`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select

from . import _audit, _passwords
from ._accounts import User, aware, user_of
from ._database import Database
from ._schema import utcnow
from ._schema_accounts import SessionRow, UserRow

IDLE = dt.timedelta(minutes=30)
LIFETIME = dt.timedelta(hours=10)
_TOUCH_EVERY = dt.timedelta(minutes=1)
COOKIE_PREFIX = "css_"


@dataclass(frozen=True)
class StaffSession:
    """A live session: who, the CSRF token its forms carry, until when it can last."""

    user: User
    csrf_token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class NewSession:
    """A session just started: `cookie` is the secret the browser keeps (never stored)."""

    cookie: str
    session: StaffSession
    max_age: int
    """Seconds the cookie may live (the session's lifetime)."""


class Sessions:
    """Sessions in `db`. `clock` gives the current UTC time (tests move it)."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    def start(self, user: User) -> NewSession:
        """A new session for an account that has just logged in; expired sessions are cleared out."""
        cookie = _passwords.new_secret(COOKIE_PREFIX)
        now = self._clock()
        csrf = secrets.token_urlsafe(32)
        with self._db.session() as s:
            s.execute(delete(SessionRow).where(SessionRow.expires_at < now))
            s.add(SessionRow(id_sha256=_passwords.digest(cookie), user_id=user.id, csrf_token=csrf,
                             created_at=now, last_seen_at=now, expires_at=now + LIFETIME))
        return NewSession(cookie, StaffSession(user, csrf, now + LIFETIME), int(LIFETIME.total_seconds()))

    def get(self, cookie: str) -> StaffSession | None:
        """The live session of a cookie, or None (unknown, idle too long, expired, account disabled)."""
        if not cookie.startswith(COOKIE_PREFIX):
            return None
        now = self._clock()
        with self._db.session() as s:
            found = s.execute(select(SessionRow, UserRow).join(UserRow, UserRow.id == SessionRow.user_id)
                              .where(SessionRow.id_sha256 == _passwords.digest(cookie))).one_or_none()
            if found is None:
                return None
            row, user_row = found
            if aware(row.expires_at) <= now or now - aware(row.last_seen_at) > IDLE or user_row.disabled_at:
                s.delete(row)
                return None
            if now - aware(row.last_seen_at) > _TOUCH_EVERY:
                row.last_seen_at = now
            return StaffSession(user_of(user_row), row.csrf_token, aware(row.expires_at))

    def end(self, cookie: str) -> bool:
        """Log out: the session is gone. Whether there was one."""
        with self._db.session() as s:
            row = s.get(SessionRow, _passwords.digest(cookie))
            if row is None:
                return False
            user = s.get(UserRow, row.user_id)
            s.delete(row)
            _audit.append(s, actor=user.name if user else "anonim", action="auth.logout", subject_type="user",
                          subject=user.name if user else None)
            return True
