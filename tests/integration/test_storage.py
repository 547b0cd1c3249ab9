"""storage against a real SeaweedFS: hashes, versions, idempotence, auth. Object lock: test_worm.py."""

from __future__ import annotations

import dataclasses
import hashlib
import socket
import time

import pytest
import urllib3

import core
import storage
from tests.fixtures.seaweed import ObjectStoreFixture, SeaweedServer, unique_bucket_name

# Harmless once tests/conftest.py registers the plugin too: pytest loads a plugin once.
pytest_plugins = ["tests.fixtures.seaweed"]
pytestmark = pytest.mark.integration

DATA = b"%PDF-1.7 synthetic test bytes"


def test_put_get_round_trip(object_store: ObjectStoreFixture) -> None:
    store, bucket = object_store.store, object_store.intake_bucket
    obj = store.put(
        bucket, "app-1/upload.pdf", DATA, content_type="application/pdf", metadata={"application-id": "app-1"}
    )

    assert obj.bucket == bucket and obj.key == "app-1/upload.pdf"
    assert obj.sha256 == hashlib.sha256(DATA).hexdigest()
    assert obj.version_id
    assert store.get(obj) == DATA
    assert store.stat(bucket, "app-1/upload.pdf") == obj


def test_versions_are_kept(object_store: ObjectStoreFixture) -> None:
    store, bucket = object_store.store, object_store.intake_bucket
    first = store.put(bucket, "k", b"one")
    second = store.put(bucket, "k", b"two")

    assert first.version_id != second.version_id
    assert store.get(first) == b"one" and store.get(second) == b"two"
    assert store.stat(bucket, "k") == second


def test_stat_of_missing_key_is_none(object_store: ObjectStoreFixture) -> None:
    assert object_store.store.stat(object_store.intake_bucket, "nothing-here") is None


def test_put_once_is_idempotent(object_store: ObjectStoreFixture) -> None:
    store, bucket = object_store.store, object_store.archive_bucket
    first = store.put_once(bucket, "app-2/kk.pdf", DATA, retain_days=1)
    again = store.put_once(bucket, "app-2/kk.pdf", DATA, retain_days=1)

    assert again == first


def test_put_once_with_other_bytes_is_a_conflict(object_store: ObjectStoreFixture) -> None:
    store, bucket = object_store.store, object_store.archive_bucket
    first = store.put_once(bucket, "app-3/kk.pdf", DATA)
    with pytest.raises(core.Conflict):
        store.put_once(bucket, "app-3/kk.pdf", DATA + b"changed")
    assert store.stat(bucket, "app-3/kk.pdf") == first


def test_wrong_expected_hash_raises_integrity_alarm(object_store: ObjectStoreFixture) -> None:
    obj = object_store.store.put(object_store.intake_bucket, "k", DATA)
    tampered = dataclasses.replace(obj, sha256=hashlib.sha256(b"something else").hexdigest())
    with pytest.raises(core.IntegrityAlarm):
        object_store.store.get(tampered)


def test_missing_version_is_not_found(object_store: ObjectStoreFixture) -> None:
    obj = core.StoredObject(object_store.intake_bucket, "absent", "0" * 32, "0" * 64)
    with pytest.raises(core.NotFound):
        object_store.store.get(obj)


def test_put_into_missing_bucket_is_not_found(object_store: ObjectStoreFixture) -> None:
    with pytest.raises(core.NotFound):
        object_store.store.put(unique_bucket_name("missing"), "k", DATA)


def test_ensure_bucket_is_idempotent_and_versioned(object_store: ObjectStoreFixture) -> None:
    store, bucket = object_store.store, object_store.archive_bucket
    first = store.put(bucket, "k-idempotent", b"first", retain_days=1)
    store.ensure_bucket(bucket)
    store.ensure_bucket(bucket)  # twice: nothing changes, nothing is lost
    second = store.put(bucket, "k-idempotent", b"second")
    assert first.version_id and second.version_id and first.version_id != second.version_id  # still versioned
    assert store.get(first) == b"first" and store.get(second) == b"second"
    assert store.retention(first).mode == "COMPLIANCE"  # still under object lock


def test_bucket_without_object_lock_is_refused_later(object_store: ObjectStoreFixture) -> None:
    plain = object_store.new_bucket("plain", object_lock=False)
    with pytest.raises(core.ConfigurationError, match="without object lock"):
        object_store.store.ensure_bucket(plain)


def test_wrong_secret_is_refused(s3_server: SeaweedServer, object_store: ObjectStoreFixture) -> None:
    wrong = storage.S3Credentials(s3_server.credentials.access_key, "not-the-secret")
    store = storage.S3ObjectStore(s3_server.endpoint, wrong)
    with pytest.raises(core.ConfigurationError, match="credentials"):
        store.stat(object_store.intake_bucket, "k")
    with pytest.raises(core.ConfigurationError):
        store.put(object_store.intake_bucket, "k", DATA)


def test_unknown_access_key_is_refused(s3_server: SeaweedServer, object_store: ObjectStoreFixture) -> None:
    store = storage.S3ObjectStore(s3_server.endpoint, storage.S3Credentials("AKIAUNKNOWN", "whatever"))
    with pytest.raises(core.ConfigurationError):
        store.ensure_bucket(unique_bucket_name())


def test_anonymous_read_is_refused_but_presigned_link_works(
    s3_server: SeaweedServer, object_store: ObjectStoreFixture
) -> None:
    obj = object_store.store.put(object_store.archive_bucket, "signed.pdf", DATA)
    http = urllib3.PoolManager()

    anonymous = http.request("GET", f"http://{s3_server.endpoint}/{obj.bucket}/{obj.key}")
    assert anonymous.status == 403

    url = object_store.store.presigned_get_url(obj, expires_seconds=60)
    response = http.request("GET", url)
    assert response.status == 200 and response.data == DATA








def test_unreachable_endpoint_fails_fast() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = storage.S3ObjectStore(f"127.0.0.1:{port}", storage.S3Credentials("a", "b"))
    started = time.monotonic()
    with pytest.raises(core.ServiceUnavailable, match="capil up") as excinfo:
        store.stat("bucket", "key")
    assert time.monotonic() - started < 3
    assert f"127.0.0.1:{port}" in excinfo.value.message
    assert excinfo.value.retryable
