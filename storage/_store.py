"""`ObjectStore`: what the rooms above need of object storage, whichever service is behind it.

Two implementations: `S3ObjectStore` (any S3 with object lock; SeaweedFS locally, MinIO in
production) and `MemoryObjectStore` (the fake for unit tests: same rules, no network).
Every object is addressed by a `core.StoredObject` (bucket, key, version id, sha256); reads
check the sha256. Errors, all from `core`:

    ServiceUnavailable    the service did not answer (retryable)
    ConfigurationError    credentials refused, or a bucket lacks versioning / object lock
    NotFound              the bucket, object or version does not exist
    Conflict              put_once found other bytes; object lock refused a delete or a shorter retention
    IntegrityAlarm        fetched bytes do not hash to the sha256 the caller expects
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

import core


@dataclass(frozen=True)
class ObjectRetention:
    """The lock on one object version, as the server reports it."""

    mode: str | None
    """`COMPLIANCE`, `GOVERNANCE`, or None when the version has no retention."""

    retain_until: dt.datetime | None
    """End of retention (UTC), or None."""

    legal_hold: bool
    """Whether a legal hold is on."""


class ObjectStore(Protocol):
    """Versioned buckets of hashed objects, under COMPLIANCE object lock where asked."""

    endpoint: str

    def ensure_bucket(self, bucket: str, *, object_lock: bool = True,
                      default_retention_days: int | None = None) -> None:
        """Create `bucket` (versioned; with object lock) or check an existing one. Idempotent."""

    def bucket_exists(self, bucket: str) -> bool:
        """Whether `bucket` exists (one cheap request; readiness checks). Creates nothing."""

    def put(self, bucket: str, key: str, data: bytes, *, content_type: str = "application/octet-stream",
            retain_days: int | None = None, metadata: dict[str, str] | None = None) -> core.StoredObject:
        """Write a new version of `key`; with `retain_days`, under COMPLIANCE retention that long."""

    def put_once(self, bucket: str, key: str, data: bytes, *, content_type: str = "application/octet-stream",
                 retain_days: int | None = None, metadata: dict[str, str] | None = None) -> core.StoredObject:
        """`put`, unless `key` already holds these bytes (then that version); other bytes: `Conflict`."""

    def get(self, obj: core.StoredObject) -> bytes:
        """The bytes of `obj`'s version, checked against `obj.sha256` (`IntegrityAlarm`)."""

    def stat(self, bucket: str, key: str) -> core.StoredObject | None:
        """The current version of `key`, or None when there is none."""

    def retention(self, obj: core.StoredObject) -> ObjectRetention:
        """The lock on `obj`'s version."""

    def delete_version(self, obj: core.StoredObject) -> None:
        """Delete `obj`'s version; `Conflict` while object lock protects it."""

    def set_retention(self, obj: core.StoredObject, *, until: dt.datetime) -> None:
        """Extend COMPLIANCE retention of `obj`'s version (a shorter one is refused: `Conflict`)."""

    def set_legal_hold(self, obj: core.StoredObject, *, on: bool) -> None:
        """Put a legal hold on `obj`'s version, or lift it."""

    def delete_bucket(self, bucket: str) -> None:
        """Remove an empty bucket."""

    def presigned_get_url(self, obj: core.StoredObject, *, expires_seconds: int = 900) -> str:
        """A time-limited URL to download `obj`'s version without credentials."""
