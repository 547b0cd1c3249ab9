"""Applicants' access to their own application: a tracking code and a secret status token.

At filing the applicant gets both. The tracking code (`XXXXX-XXXXX`, 50 random bits in Crockford's
base 32: no I, L, O, U) is what they quote at the counter; it opens nothing by itself. The status
token is a 256-bit secret, shown once and kept only as its sha256: it lets whoever holds it read
that one application's status and download its signed KK, nothing else. Who filed is kept too
(a staff account, when a counter filed for the applicant), so that a verifikator cannot decide an
application they filed themselves.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from core import Conflict

from . import _audit, _passwords
from ._applications import APPLICANT
from ._database import Database
from ._schema import utcnow
from ._schema_accounts import ApplicationAccessRow

TOKEN_PREFIX = "cap_"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class Grant:
    """What the applicant is handed at filing; `token` exists only here."""

    application_id: str
    tracking_code: str
    token: str


def new_tracking_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def normalize_tracking_code(code: str) -> str:
    """As typed by a person: case, spaces, and the letters Crockford reads as digits forgiven."""
    plain = "".join(code.upper().split()).replace("-", "")
    plain = plain.translate(str.maketrans("ILO", "110"))
    return f"{plain[:5]}-{plain[5:]}" if len(plain) == 10 else plain


class ApplicantAccess:
    """Tracking codes and status tokens of the applications in `db`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def grant(self, application_id: str, *, filed_by: str | None = None, email: str | None = None) -> Grant:
        """A tracking code and a status token for a newly filed application (once per application);
        `email`: where the applicant asked to be told of the decision."""
        token = _passwords.new_secret(TOKEN_PREFIX)
        with self._db.session() as s:
            _audit.lock(s)
            if s.get(ApplicationAccessRow, application_id) is not None:
                raise Conflict("the application has its tracking code already")
            code = new_tracking_code()
            while s.scalar(select(ApplicationAccessRow.application_id)
                           .where(ApplicationAccessRow.tracking_code == code)) is not None:
                code = new_tracking_code()
            s.add(ApplicationAccessRow(application_id=application_id, tracking_code=code,
                                       token_sha256=_passwords.digest(token), filed_by=filed_by,
                                       created_at=utcnow(), email=email or None))
            s.flush()
            _audit.append(s, actor=filed_by or APPLICANT, action="application.access", subject_type="application",
                          subject=application_id, details={"tracking_code": code, "filed_by": filed_by})
        return Grant(application_id, code, token)

    def application_for_token(self, token: str) -> str | None:
        """The id of the application a status token opens, or None."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self._db.session() as s:
            return s.scalar(select(ApplicationAccessRow.application_id)
                            .where(ApplicationAccessRow.token_sha256 == _passwords.digest(token)))

    def filed_by(self, application_id: str) -> str | None:
        """The staff account that filed the application, or None (the applicant, or filed before accounts)."""
        with self._db.session() as s:
            row = s.get(ApplicationAccessRow, application_id)
            return row.filed_by if row is not None else None

    def email(self, application_id: str) -> str | None:
        """The address the applicant gave for decision notices, or None."""
        with self._db.session() as s:
            row = s.get(ApplicationAccessRow, application_id)
            return row.email if row is not None else None

    def tracking_code(self, application_id: str) -> str | None:
        with self._db.session() as s:
            row = s.get(ApplicationAccessRow, application_id)
            return row.tracking_code if row is not None else None

    def find(self, tracking_code: str) -> str | None:
        """The application id of a tracking code (for staff at the counter), or None."""
        with self._db.session() as s:
            return s.scalar(select(ApplicationAccessRow.application_id)
                            .where(ApplicationAccessRow.tracking_code == normalize_tracking_code(tracking_code)))
