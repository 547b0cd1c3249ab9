"""Idempotency keys of filings: a retry with the same key and the same request gets the same application.

    claim(scope, key, fingerprint)
      ├── no row            → a pending row is written (unique per scope and key): file, then
      │                       `complete` (or `release` when filing failed, so the key can be used again)
      ├── another request   → IdempotencyKeyReused (422): never another request's application
      ├── completed         → the application it made, and its status token (a replay)
      ├── pending           → IdempotencyKeyInProgress (409, retryable): the first is still filing
      └── pending, stale    → the first died while filing: the row is dropped and claimed anew

The key is kept as its sha256 only. The status token, shown once at filing, is kept sealed with a pad
drawn from the key and the request's fingerprint (SHAKE-256, a different domain than the key's hash):
the database alone does not give it back, only a retry carrying the key and the same documents does.
Keys are scoped by who sent them (`pemohon`, or the staff account that filed) and kept for
`RETENTION`; older ones are pruned when a new key is claimed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core import Conflict, InputError

from ._database import Database
from ._schema import utcnow
from ._schema_accounts import IdempotencyKeyRow

RETENTION = dt.timedelta(hours=24)
"""How long a key keeps answering with its application."""
STALE_AFTER = dt.timedelta(minutes=10)
"""A filing still pending after this long died (a crash between claim and completion)."""
MAX_KEY_LENGTH = 255


class InvalidIdempotencyKey(InputError):
    code = "INVALID_IDEMPOTENCY_KEY"
    http_status = 400
    message_id = "Header Idempotency-Key tidak sah: gunakan 1–255 karakter ASCII yang terlihat."


class IdempotencyKeyReused(InputError):
    code = "IDEMPOTENCY_KEY_REUSED"
    message_id = ("Idempotency-Key ini sudah dipakai untuk permohonan dengan isi yang berbeda. "
                  "Gunakan kunci baru untuk permohonan baru.")


class IdempotencyKeyInProgress(Conflict):
    code = "IDEMPOTENCY_KEY_IN_PROGRESS"
    retryable = True
    message_id = "Permohonan dengan Idempotency-Key ini sedang diproses. Coba lagi sebentar lagi."


@dataclass(frozen=True)
class Claim:
    """A claimed key: `application_id` and `token` are set when it had made an application already."""

    row_id: int
    key: str
    fingerprint: str
    claimed_at: dt.datetime
    application_id: str | None = None
    token: str | None = None

    @property
    def replay(self) -> bool:
        return self.application_id is not None


def check_key(key: str) -> str:
    """The key as sent, or `InvalidIdempotencyKey`: 1–255 visible ASCII characters."""
    if not 0 < len(key) <= MAX_KEY_LENGTH or any(not 0x21 <= ord(c) <= 0x7E for c in key):
        raise InvalidIdempotencyKey("Idempotency-Key must be 1-255 visible ASCII characters")
    return key


def _key_digest(key: str) -> str:
    return hashlib.sha256(b"capil/idempotency/key\0" + key.encode("ascii")).hexdigest()


def _pad(key: str, fingerprint: str, length: int) -> bytes:
    return hashlib.shake_256(b"capil/idempotency/seal\0" + key.encode("ascii") + b"\0"
                             + fingerprint.encode("ascii")).digest(length)


def _seal(token: str, key: str, fingerprint: str) -> str:
    data = token.encode("utf-8")
    return base64.urlsafe_b64encode(bytes(a ^ b for a, b in zip(data, _pad(key, fingerprint, len(data)),
                                                                   strict=True))).decode("ascii")


def _unseal(sealed: str, key: str, fingerprint: str) -> str:
    data = base64.urlsafe_b64decode(sealed.encode("ascii"))
    return bytes(a ^ b for a, b in zip(data, _pad(key, fingerprint, len(data)), strict=True)).decode("utf-8")


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # SQLite gives naive UTC


def _still_held(claim: Claim) -> tuple[Any, ...]:
    """The claim's own pending row (a row id may be used again after a take-over)."""
    return (IdempotencyKeyRow.id == claim.row_id, IdempotencyKeyRow.application_id.is_(None),
            IdempotencyKeyRow.created_at == claim.claimed_at)


class IdempotencyKeys:
    """The idempotency keys of filings in `db`."""

    def __init__(self, db: Database, *, now: Callable[[], dt.datetime] = utcnow) -> None:
        self._db = db
        self.now = now

    def claim(self, *, scope: str, key: str, fingerprint: str) -> Claim:
        """Claim `key` for the request whose fingerprint is given (see the module's table)."""
        check_key(key)
        digest = _key_digest(key)
        self.prune()
        for _ in range(5):
            try:
                with self._db.session() as s:
                    row = s.scalar(select(IdempotencyKeyRow).where(IdempotencyKeyRow.scope == scope,
                                                                   IdempotencyKeyRow.key_sha256 == digest))
                    if row is None:
                        now = self.now()
                        row = IdempotencyKeyRow(scope=scope, key_sha256=digest, request_sha256=fingerprint,
                                                created_at=now)
                        s.add(row)
                        s.flush()
                        return Claim(row.id, key, fingerprint, now)
                    if row.request_sha256 != fingerprint:
                        raise IdempotencyKeyReused("Idempotency-Key reused with another request")
                    if row.application_id is not None and row.sealed_token is not None:
                        return Claim(row.id, key, fingerprint, _aware(row.created_at), row.application_id,
                                     _unseal(row.sealed_token, key, fingerprint))
                    if self.now() - _aware(row.created_at) < STALE_AFTER:
                        raise IdempotencyKeyInProgress("a request with this Idempotency-Key is still filing")
                    s.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.id == row.id,
                                                              IdempotencyKeyRow.application_id.is_(None)))
            except IntegrityError:
                pass  # another request claimed it between our read and our write: read again
        raise IdempotencyKeyInProgress("could not claim the Idempotency-Key")

    def complete(self, claim: Claim, *, application_id: str, token: str) -> bool:
        """Record what the claimed key made: later claims with it are replays. False when the claim
        was taken over meanwhile (it had looked dead): the key then stays with the new claim."""
        with self._db.session() as s:
            result = s.execute(update(IdempotencyKeyRow).where(*_still_held(claim)).values(
                application_id=application_id, sealed_token=_seal(token, claim.key, claim.fingerprint),
                completed_at=self.now()))
            return int(getattr(result, "rowcount", 0) or 0) == 1

    def release(self, claim: Claim) -> None:
        """Give a key back after its filing failed (nothing was made): it may be used again."""
        with self._db.session() as s:
            s.execute(delete(IdempotencyKeyRow).where(*_still_held(claim)))

    def prune(self, *, older_than: dt.timedelta = RETENTION) -> int:
        """Forget keys claimed longer ago than `older_than`; how many."""
        with self._db.session() as s:
            result = s.execute(delete(IdempotencyKeyRow)
                               .where(IdempotencyKeyRow.created_at < self.now() - older_than))
            return int(getattr(result, "rowcount", 0) or 0)
