"""Object storage through the `minio` client: the only module that imports it.

Errors raised here (all from `core`):

    ServiceUnavailable    the S3 endpoint did not answer, or answered 5xx (retryable)
    ConfigurationError    S3 refused our credentials, or a bucket lacks versioning/object lock
    NotFound              the bucket, object or version does not exist
    Conflict              put_once found different bytes; a delete, a shorter retention or a bucket
                          removal refused by object lock
    IntegrityAlarm        fetched bytes do not hash to the sha256 the caller expects

Never log object contents; bucket, key and version id only, at DEBUG.
See `storage._seaweedfs` for what the local SeaweedFS does with object lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterator

import certifi
import urllib3
from minio import Minio
from minio.commonconfig import COMPLIANCE, ENABLED
from minio.error import InvalidResponseError, S3Error, ServerError
from minio.objectlockconfig import DAYS, ObjectLockConfig
from minio.retention import Retention as _MinioRetention
from minio.versioningconfig import VersioningConfig

import core

from ._credentials import S3Credentials
from ._store import ObjectRetention

log = logging.getLogger(__name__)

SHA256_META = "sha256"
"""User metadata name of the hex sha256 (sent as `x-amz-meta-sha256`)."""

_REGION = "us-east-1"
_MISSING_CODES = {"NoSuchKey", "NoSuchVersion", "NoSuchObject", "ResourceNotFound"}
_AUTH_CODES = {
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "AccessDenied",
    "InvalidToken",
    "AuthorizationHeaderMalformed",
    "ExpiredToken",
}
_LOCK_REFUSALS = {"AccessDenied", "ObjectLocked", "InvalidRequest", "BucketNotEmpty"}


def s3_healthy(endpoint: str, *, timeout_seconds: float = 1.0) -> bool:
    """Whether an S3 service answers HTTP at `endpoint` (`host:port` or a URL).

    Any answer below 500 counts, including 403 for an unsigned request: the probe checks
    that the gateway is up, not that our credentials work.
    """
    url = endpoint if "://" in endpoint else f"http://{endpoint}"
    try:
        with urllib3.PoolManager(cert_reqs="CERT_NONE") as pool:
            response = pool.request(
                "GET",
                url.rstrip("/") + "/",
                retries=False,
                preload_content=True,
                timeout=urllib3.Timeout(total=timeout_seconds),
            )
    except urllib3.exceptions.HTTPError:
        return False
    return response.status < 500


class S3ObjectStore:
    """`ObjectStore` on an S3 service with object lock (SeaweedFS locally, MinIO in production)."""

    def __init__(
        self,
        endpoint: str,
        credentials: S3Credentials,
        *,
        secure: bool = False,
        connect_timeout: float = 3.0,
        read_timeout: float = 60.0,
        retries: int = 2,
    ) -> None:
        """`endpoint` is `host:port`. Connection failures surface after `retries` quick retries."""
        self.endpoint = endpoint
        self._scheme = "https" if secure else "http"
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            maxsize=10,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            retries=urllib3.Retry(
                total=retries,
                connect=retries,
                read=retries,
                backoff_factor=0.1,
                status_forcelist=[500, 502, 503, 504],
            ),
        )
        self._client = Minio(
            endpoint,
            access_key=credentials.access_key,
            secret_key=credentials.secret_key,
            secure=secure,
            region=_REGION,
            http_client=http,
        )

    def __repr__(self) -> str:
        return f"S3ObjectStore({self._scheme}://{self.endpoint})"

    # -- buckets -----------------------------------------------------------------------

    def ensure_bucket(
        self, bucket: str, *, object_lock: bool = True, default_retention_days: int | None = None
    ) -> None:
        """Create `bucket` if missing (versioned; with object lock unless told otherwise).

        Idempotent. An existing bucket is checked: versioning must be Enabled, and with
        `object_lock` the bucket must have been created with it (it cannot be added later),
        else `core.ConfigurationError`. `default_retention_days` sets COMPLIANCE default
        retention for new versions (requires `object_lock`).
        """
        if default_retention_days is not None and not object_lock:
            raise ValueError("default retention needs object lock")
        with self._errors(bucket):
            if not self._client.bucket_exists(bucket):
                try:
                    self._client.make_bucket(bucket, object_lock=object_lock)
                    log.debug("created bucket %s (object lock %s)", bucket, object_lock)
                except S3Error as e:
                    if e.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                        raise
            if not object_lock:
                self._client.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
            status = self._client.get_bucket_versioning(bucket).status
            if status != ENABLED:
                raise core.ConfigurationError(
                    f"bucket {bucket} has versioning {status or 'off'}, expected Enabled"
                )
            if object_lock:
                self._check_object_lock(bucket)
                if default_retention_days is not None:
                    self._client.set_object_lock_config(
                        bucket, ObjectLockConfig(COMPLIANCE, default_retention_days, DAYS)
                    )

    def bucket_exists(self, bucket: str) -> bool:
        """Whether `bucket` exists (a HEAD on it); creates nothing."""
        with self._errors(bucket):
            return bool(self._client.bucket_exists(bucket))

    def _check_object_lock(self, bucket: str) -> None:
        try:
            self._client.get_object_lock_config(bucket)
        except S3Error as e:
            if e.code == "ObjectLockConfigurationNotFoundError":
                raise core.ConfigurationError(
                    f"bucket {bucket} exists without object lock; it can only be enabled when a bucket "
                    "is created, so recreate it"
                ) from e
            raise

    # -- objects -----------------------------------------------------------------------

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
        """Write a new version of `key`; its sha256 goes along as `x-amz-meta-sha256`.

        `retain_days` puts the version under COMPLIANCE retention until now + that many days:
        nobody, including us, can delete it or shorten the date before then.
        """
        sha256 = hashlib.sha256(data).hexdigest()
        meta: dict[str, str | list[str] | tuple[str]] = {k.lower(): v for k, v in (metadata or {}).items()}
        if SHA256_META in meta:
            raise ValueError("metadata key 'sha256' is reserved: the hash is computed here")
        meta[SHA256_META] = sha256
        retention = None
        if retain_days is not None:
            if retain_days < 1:
                raise ValueError("retain_days must be at least 1")
            until = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=retain_days)
            retention = _MinioRetention(COMPLIANCE, until)
        with self._errors(bucket, key):
            result = self._client.put_object(
                bucket,
                key,
                io.BytesIO(data),
                len(data),
                content_type=content_type,
                metadata=meta,
                retention=retention,
            )
        if not result.version_id:
            raise core.ConfigurationError(f"bucket {bucket} returned no version id: versioning is off")
        log.debug("put %s/%s version %s (%d bytes)", bucket, key, result.version_id, len(data))
        return core.StoredObject(bucket=bucket, key=key, version_id=result.version_id, sha256=sha256)

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
        """`put` for retried tasks: at most one version per content.

        If the current version of `key` has the same sha256, it is returned and nothing is
        written; if it holds other bytes, `core.Conflict`. Two writers racing on a new key
        may still both write (S3 has no conditional put here); the later version wins.
        """
        existing = self.stat(bucket, key)
        if existing is not None:
            if existing.sha256 == hashlib.sha256(data).hexdigest():
                log.debug(
                    "put_once %s/%s: same bytes already stored as version %s",
                    bucket,
                    key,
                    existing.version_id,
                )
                return existing
            raise core.Conflict(
                f"{bucket}/{key} already holds different bytes (version {existing.version_id})"
            )
        return self.put(
            bucket, key, data, content_type=content_type, retain_days=retain_days, metadata=metadata
        )

    def get(self, obj: core.StoredObject) -> bytes:
        """The bytes of that version, verified against `obj.sha256` (`core.IntegrityAlarm` if not)."""
        with self._errors(obj.bucket, obj.key):
            response = self._client.get_object(obj.bucket, obj.key, version_id=obj.version_id)
            try:
                data = response.read()
            finally:
                response.close()
                response.release_conn()
        actual = hashlib.sha256(data).hexdigest()
        if actual != obj.sha256:
            raise core.IntegrityAlarm(
                f"{obj.bucket}/{obj.key} version {obj.version_id}: sha256 {actual} does not match expected {obj.sha256}"
            )
        return data

    def stat(self, bucket: str, key: str) -> core.StoredObject | None:
        """The current version of `key`, or None if there is none (or it is a delete marker).

        The sha256 comes from the object's metadata; when it is absent (written by something
        else than this class) the object is fetched and hashed.
        """
        with self._errors(bucket, key):
            try:
                info = self._client.stat_object(bucket, key)
            except S3Error as e:
                if e.code in _MISSING_CODES or (e.code == "MethodNotAllowed" and _is_delete_marker(e)):
                    return None
                raise
        metadata = {k.lower(): v for k, v in (info.metadata or {}).items()}
        sha256 = metadata.get(f"x-amz-meta-{SHA256_META}")
        if sha256 is None:
            with self._errors(bucket, key):
                response = self._client.get_object(bucket, key, version_id=info.version_id)
                try:
                    sha256 = hashlib.sha256(response.read()).hexdigest()
                finally:
                    response.close()
                    response.release_conn()
        return core.StoredObject(bucket=bucket, key=key, version_id=info.version_id, sha256=sha256)

    def retention(self, obj: core.StoredObject) -> ObjectRetention:
        """The retention and legal hold of that version, as the server reports them."""
        with self._errors(obj.bucket, obj.key):
            info = self._client.stat_object(obj.bucket, obj.key, version_id=obj.version_id)
        headers = {k.lower(): v for k, v in (info.metadata or {}).items()}
        until = headers.get("x-amz-object-lock-retain-until-date")
        return ObjectRetention(
            mode=headers.get("x-amz-object-lock-mode") or None,
            retain_until=dt.datetime.fromisoformat(until.replace("Z", "+00:00")) if until else None,
            legal_hold=headers.get("x-amz-object-lock-legal-hold", "OFF").upper() == "ON",
        )

    def delete_version(self, obj: core.StoredObject) -> None:
        """Delete that version for good; `core.Conflict` while retention or a legal hold protects it."""
        if not obj.version_id:
            raise ValueError("delete_version needs a version id; without one S3 only adds a delete marker")
        with self._errors(obj.bucket, obj.key, lock_refusal=True):
            self._client.remove_object(obj.bucket, obj.key, version_id=obj.version_id)
        log.debug("deleted %s/%s version %s", obj.bucket, obj.key, obj.version_id)

    def set_retention(self, obj: core.StoredObject, *, until: dt.datetime) -> None:
        """Put that version under COMPLIANCE retention until `until`. Extending works; shortening or
        removing COMPLIANCE retention is refused by the server (`core.Conflict`)."""
        with self._errors(obj.bucket, obj.key, lock_refusal=True):
            self._client.set_object_retention(
                obj.bucket, obj.key, _MinioRetention(COMPLIANCE, until.astimezone(dt.UTC).replace(microsecond=0)),
                version_id=obj.version_id,
            )

    def set_legal_hold(self, obj: core.StoredObject, *, on: bool) -> None:
        """Place or lift a legal hold on that version: while on, nobody can delete it, whatever its
        retention (court orders, investigations)."""
        with self._errors(obj.bucket, obj.key, lock_refusal=True):
            if on:
                self._client.enable_object_legal_hold(obj.bucket, obj.key, version_id=obj.version_id)
            else:
                self._client.disable_object_legal_hold(obj.bucket, obj.key, version_id=obj.version_id)

    def delete_bucket(self, bucket: str) -> None:
        """Delete an empty bucket; one holding any version is refused (`core.Conflict`)."""
        with self._errors(bucket, lock_refusal=True):
            self._client.remove_bucket(bucket)

    def presigned_get_url(self, obj: core.StoredObject, *, expires_seconds: int = 900) -> str:
        """A time-limited GET link to that version (signed locally, no request to S3)."""
        with self._errors(obj.bucket, obj.key):
            return self._client.presigned_get_object(
                obj.bucket, obj.key, expires=dt.timedelta(seconds=expires_seconds), version_id=obj.version_id
            )

    # -- errors ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self, bucket: str, key: str | None = None, *, lock_refusal: bool = False) -> Iterator[None]:
        where = f"{bucket}/{key}" if key is not None else bucket
        url = f"{self._scheme}://{self.endpoint}"
        try:
            yield
        except S3Error as e:
            if lock_refusal and e.code in _LOCK_REFUSALS:
                raise core.Conflict(
                    f"{where}: S3 refused the change ({e.code}): retention, legal hold or versions kept"
                ) from e
            if e.code == "NoSuchBucket":
                raise core.NotFound(f"bucket {bucket} does not exist at {url}") from e
            if e.code in _MISSING_CODES:
                raise core.NotFound(f"{where} not found at {url} ({e.code})") from e
            if e.code in _AUTH_CODES:
                raise core.ConfigurationError(
                    f"S3 at {url} refused our credentials for {where} ({e.code}); "
                    "check the S3 access key and secret in the settings"
                ) from e
            if e.response is not None and e.response.status >= 500:
                raise core.ServiceUnavailable(f"S3 at {url} failed on {where} ({e.code})") from e
            raise core.CapilError(f"S3 at {url} refused an operation on {where} ({e.code})") from e
        except (ServerError, InvalidResponseError) as e:
            raise core.ServiceUnavailable(
                f"S3 at {url} gave an unusable answer on {where} ({type(e).__name__}); is it an S3 service?"
            ) from e
        except urllib3.exceptions.HTTPError as e:
            raise core.ServiceUnavailable(
                f"S3 at {url} did not answer ({type(e).__name__}); is `capil up` running?"
            ) from e


def _is_delete_marker(error: S3Error) -> bool:
    headers = error.response.headers if error.response is not None else {}
    return str(headers.get("x-amz-delete-marker", "")).lower() == "true"
