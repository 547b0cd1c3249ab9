"""`MemoryObjectStore`: the `ObjectStore` fake beside `S3ObjectStore`, for unit tests of the rooms above.

Same methods, same errors, same versioning and lock rules (COMPLIANCE retention and
default retention refuse `delete_version`), no network. Buckets are always versioned;
`object_lock=False` buckets refuse retention like a real server would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass, field

import core

from ._store import ObjectRetention


@dataclass
class _Version:
    data: bytes
    sha256: str
    content_type: str
    metadata: dict[str, str]
    retain_until: dt.datetime | None
    legal_hold: bool = False


@dataclass
class _Bucket:
    object_lock: bool
    default_retention_days: int | None = None
    keys: dict[str, dict[str, _Version]] = field(default_factory=dict)


class MemoryObjectStore:
    """In-memory `ObjectStore`. `tamper` simulates bit rot for IntegrityAlarm tests."""

    endpoint = "memory"

    def __init__(self) -> None:
        self._buckets: dict[str, _Bucket] = {}
        self._ids = itertools.count(1)

    def ensure_bucket(
        self, bucket: str, *, object_lock: bool = True, default_retention_days: int | None = None
    ) -> None:
        if default_retention_days is not None and not object_lock:
            raise ValueError("default retention needs object lock")
        existing = self._buckets.setdefault(bucket, _Bucket(object_lock=object_lock))
        if object_lock and not existing.object_lock:
            raise core.ConfigurationError(f"bucket {bucket} exists without object lock")
        if default_retention_days is not None:
            existing.default_retention_days = default_retention_days

    def bucket_exists(self, bucket: str) -> bool:
        return bucket in self._buckets

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        retain_days: int | None = None,
        metadata: dict[str, str] | None = None,
    ) -> core.StoredObject:
        target = self._bucket(bucket)
        if metadata and "sha256" in {k.lower() for k in metadata}:
            raise ValueError("metadata key 'sha256' is reserved: the hash is computed here")
        days = retain_days if retain_days is not None else target.default_retention_days
        if days is not None and not target.object_lock:
            raise core.CapilError(f"S3 at memory refused an operation on {bucket}/{key} (InvalidRequest)")
        until = dt.datetime.now(dt.UTC) + dt.timedelta(days=days) if days is not None else None
        sha256 = hashlib.sha256(data).hexdigest()
        version_id = f"{next(self._ids):032x}"
        target.keys.setdefault(key, {})[version_id] = _Version(
            bytes(data), sha256, content_type, dict(metadata or {}), until
        )
        return core.StoredObject(bucket=bucket, key=key, version_id=version_id, sha256=sha256)

    def put_once(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        retain_days: int | None = None,
        metadata: dict[str, str] | None = None,
    ) -> core.StoredObject:
        existing = self.stat(bucket, key)
        if existing is not None:
            if existing.sha256 == hashlib.sha256(data).hexdigest():
                return existing
            raise core.Conflict(
                f"{bucket}/{key} already holds different bytes (version {existing.version_id})"
            )
        return self.put(
            bucket, key, data, content_type=content_type, retain_days=retain_days, metadata=metadata
        )

    def get(self, obj: core.StoredObject) -> bytes:
        data = self._version(obj).data
        actual = hashlib.sha256(data).hexdigest()
        if actual != obj.sha256:
            raise core.IntegrityAlarm(
                f"{obj.bucket}/{obj.key} version {obj.version_id}: sha256 {actual} does not match expected {obj.sha256}"
            )
        return data

    def stat(self, bucket: str, key: str) -> core.StoredObject | None:
        versions = self._bucket(bucket).keys.get(key)
        if not versions:
            return None
        version_id, version = next(reversed(versions.items()))
        return core.StoredObject(bucket=bucket, key=key, version_id=version_id, sha256=version.sha256)

    def retention(self, obj: core.StoredObject) -> ObjectRetention:
        until = self._version(obj).retain_until
        return ObjectRetention(mode="COMPLIANCE" if until else None, retain_until=until,
                               legal_hold=self._version(obj).legal_hold)

    def set_retention(self, obj: core.StoredObject, *, until: dt.datetime) -> None:
        version = self._version(obj)
        if version.retain_until is not None and until < version.retain_until:
            raise core.Conflict(f"{obj.bucket}/{obj.key}: S3 refused the change (AccessDenied): retention")
        version.retain_until = until

    def set_legal_hold(self, obj: core.StoredObject, *, on: bool) -> None:
        self._version(obj).legal_hold = on

    def delete_bucket(self, bucket: str) -> None:
        if any(self._bucket(bucket).keys.values()):
            raise core.Conflict(f"{bucket}: S3 refused the change (BucketNotEmpty)")
        del self._buckets[bucket]

    def delete_version(self, obj: core.StoredObject) -> None:
        version = self._version(obj)
        if version.legal_hold or (version.retain_until is not None and version.retain_until > dt.datetime.now(dt.UTC)):
            raise core.Conflict(f"{obj.bucket}/{obj.key}: S3 refused the delete (AccessDenied): retention")
        del self._buckets[obj.bucket].keys[obj.key][str(obj.version_id)]

    def presigned_get_url(self, obj: core.StoredObject, *, expires_seconds: int = 900) -> str:
        self._version(obj)
        return f"memory://{obj.bucket}/{obj.key}?versionId={obj.version_id}&expires={expires_seconds}"

    def tamper(self, obj: core.StoredObject, data: bytes) -> None:
        """Replace the stored bytes of that version behind the store's back."""
        self._version(obj).data = bytes(data)

    def _bucket(self, bucket: str) -> _Bucket:
        try:
            return self._buckets[bucket]
        except KeyError:
            raise core.NotFound(f"bucket {bucket} does not exist at memory") from None

    def _version(self, obj: core.StoredObject) -> _Version:
        versions = self._bucket(obj.bucket).keys.get(obj.key, {})
        version_id = obj.version_id or (next(reversed(versions)) if versions else "")
        try:
            return versions[version_id]
        except KeyError:
            raise core.NotFound(
                f"{obj.bucket}/{obj.key} version {obj.version_id} not found at memory"
            ) from None
