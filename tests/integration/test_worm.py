"""WORM conformance of the object store we run on (the real SeaweedFS of the session).

Object lock has had bugs in S3 servers; these tests are what we trust. Each refusal is checked
together with its control (the same operation succeeds where no lock applies), and after every
refused operation the locked bytes are read back intact.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

import core
from tests.fixtures.seaweed import ObjectStoreFixture

pytestmark = pytest.mark.integration

DATA = b"%PDF-1.7 archived document bytes"


def _locked(object_store: ObjectStoreFixture, key: str = "documents/app-1/kartu-keluarga.pdf") -> core.StoredObject:
    return object_store.store.put(object_store.archive_bucket, key, DATA, retain_days=1)


def test_compliance_version_cannot_be_deleted(object_store: ObjectStoreFixture) -> None:
    store = object_store.store
    before = dt.datetime.now(dt.UTC)
    obj = _locked(object_store)

    lock = store.retention(obj)
    assert lock.mode == "COMPLIANCE"
    assert lock.retain_until is not None
    assert dt.timedelta(hours=23) < lock.retain_until - before <= dt.timedelta(days=1, seconds=5)
    with pytest.raises(core.Conflict, match="retention"):
        store.delete_version(obj)
    assert store.get(obj) == DATA


def test_unlocked_version_can_be_deleted(object_store: ObjectStoreFixture) -> None:
    """Control: the refusals above come from the lock, not from the delete being broken."""
    store = object_store.store
    obj = store.put(object_store.intake_bucket, "scratch", DATA)
    assert store.retention(obj).mode is None
    store.delete_version(obj)
    with pytest.raises(core.NotFound):
        store.get(obj)


def test_overwrite_adds_a_version_and_the_locked_bytes_stay(object_store: ObjectStoreFixture) -> None:
    store = object_store.store
    obj = _locked(object_store)
    newer = store.put(obj.bucket, obj.key, b"%PDF-1.7 forged replacement", retain_days=1)

    assert newer.version_id != obj.version_id
    assert store.stat(obj.bucket, obj.key) == newer
    old = store.get(obj)  # by version id: verified against the original sha256
    assert old == DATA and hashlib.sha256(old).hexdigest() == obj.sha256
    assert store.retention(obj).mode == "COMPLIANCE"
    with pytest.raises(core.Conflict):
        store.delete_version(obj)


def test_retention_can_be_extended_but_not_shortened(object_store: ObjectStoreFixture) -> None:
    store = object_store.store
    obj = _locked(object_store)
    until = store.retention(obj).retain_until
    assert until is not None

    later = until + dt.timedelta(days=2)
    store.set_retention(obj, until=later)
    assert store.retention(obj).retain_until == later.replace(microsecond=0)
    with pytest.raises(core.Conflict):
        store.set_retention(obj, until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))
    assert store.retention(obj).retain_until == later.replace(microsecond=0)
    with pytest.raises(core.Conflict):
        store.delete_version(obj)
    assert store.get(obj) == DATA


def test_default_retention_locks_every_new_version(object_store: ObjectStoreFixture) -> None:
    bucket = object_store.new_bucket("locked", default_retention_days=1)
    obj = object_store.store.put(bucket, "k", DATA)
    assert object_store.store.retention(obj).mode == "COMPLIANCE"
    with pytest.raises(core.Conflict):
        object_store.store.delete_version(obj)


def test_bucket_with_locked_versions_cannot_be_deleted(object_store: ObjectStoreFixture) -> None:
    store = object_store.store
    obj = _locked(object_store)
    with pytest.raises(core.Conflict):
        store.delete_bucket(object_store.archive_bucket)
    assert store.get(obj) == DATA

    empty = object_store.new_bucket("empty")  # control: an empty bucket goes
    store.delete_bucket(empty)
    with pytest.raises(core.NotFound):
        store.put(empty, "k", DATA)


def test_legal_hold_blocks_delete_until_lifted(object_store: ObjectStoreFixture) -> None:
    store = object_store.store
    obj = store.put(object_store.archive_bucket, "evidence/held.json", DATA)  # no retention
    store.set_legal_hold(obj, on=True)
    assert store.retention(obj).legal_hold is True
    with pytest.raises(core.Conflict):
        store.delete_version(obj)
    assert store.get(obj) == DATA

    store.set_legal_hold(obj, on=False)
    assert store.retention(obj).legal_hold is False
    store.delete_version(obj)
    with pytest.raises(core.NotFound):
        store.get(obj)
