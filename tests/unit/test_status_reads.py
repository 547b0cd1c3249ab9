"""Status reads: an applicant's reads of their own application write nothing on the way and reach the
hash chain in batches (at the latest when the app shuts down); a staff read is its own chained entry,
appended before the answer."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import NoResultFound

from api.app import app
from casework import bootstrap
from core import ChangeType, StoredObject, load_settings
from registry import AuditLog, Database, StatusReads
from tests.fixtures.accounts import staff_token

SUBJECT = "7401050102030003"


@pytest.fixture
def svc(served_services):
    return served_services


def _filed(svc):
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    return app_id, svc.access.grant(app_id).token


def _seq(svc):
    entries = svc.audit.entries(after=0, limit=100_000)
    return entries[-1]["seq"] if entries else 0


def test_applicant_reads_write_nothing_until_shutdown_staff_reads_are_chained_at_once(svc):
    app_id, token = _filed(svc)
    other_id = svc.applications.new_id()
    svc.applications.create(application_id=other_id, nik=SUBJECT, jenis_perubahan=ChangeType.STATUS_PERKAWINAN,
                            requested={}, uploads={"kk": StoredObject("b", "k2", "v", "00" * 32)})
    other_token = svc.access.grant(other_id).token
    staff = staff_token(svc, "verifikator-7", "verifikator")
    before = _seq(svc)
    with TestClient(app) as client:
        for _ in range(3):
            assert client.get(f"/api/applications/{app_id}", params={"token": token}).status_code == 200
        assert client.get(f"/permohonan/{app_id}", params={"token": token}).status_code == 200
        assert client.get(f"/api/applications/{other_id}",
                          headers={"Authorization": f"Bearer {other_token}"}).status_code == 200
        assert _seq(svc) == before  # nothing written on an applicant's read
        assert svc.audit.status_reads.pending() == 5

        assert client.get(f"/api/applications/{app_id}",
                          headers={"Authorization": f"Bearer {staff}"}).status_code == 200
        staff_entries = svc.audit.entries(after=before)
        assert [(e["actor"], e["action"], e["subject"]) for e in staff_entries] == [
            ("verifikator-7", "application.view", app_id)]
    # the client's exit is the app's shutdown: the counts are appended to the chain
    batched = svc.audit.entries(after=staff_entries[-1]["seq"])
    assert [(e["actor"], e["action"], e["subject"]) for e in batched] == [
        ("pemohon", "application.status_reads", None)]
    assert batched[0]["details"]["reads"] == {app_id: 4, other_id: 1}
    assert svc.audit.status_reads.pending() == 0
    assert svc.audit.verify().ok


def test_the_background_thread_appends_and_a_failed_append_keeps_the_counts(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'capil.db'}")
    log = AuditLog(db)
    reads = StatusReads(db, interval=0.05)
    for app_id in ("APP-1", "APP-1", "APP-2"):
        reads.count(app_id)
    deadline = time.monotonic() + 10  # liveness bound only
    while reads.pending() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [e["details"]["reads"] for e in log.entries() if e["action"] == "application.status_reads"] == [
        {"APP-1": 2, "APP-2": 1}]

    with db.engine.begin() as c:  # a chain that cannot be appended to: the head is gone
        c.execute(text("DELETE FROM audit_head"))
    reads.count("APP-3")
    with pytest.raises(NoResultFound):
        reads.close()
    assert reads.pending() == 1
    db.dispose()


def test_staff_reads_recorded_at_once_are_each_committed_before_record_returns(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'capil.db'}")
    log = AuditLog(db)
    returned: dict[int, int] = {}
    errors: list[BaseException] = []

    def read(n: int) -> None:
        try:
            details = {"n": n} if n != 7 else {"n": object()}  # one entry that cannot be stored
            entry = log.record(actor=f"verifikator-{n}", action="application.view", subject_type="application",
                               subject=f"APP-{n}", details=details)
            assert log.entries(after=entry["seq"] - 1, limit=1)[0]["entry_hash"] == entry["entry_hash"]
            returned[n] = entry["seq"]
        except TypeError as e:
            errors.append(e)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(errors) == 1 and sorted(returned) == [n for n in range(40) if n != 7]
    assert sorted(returned.values()) == list(range(1, 40))
    assert log.verify().ok and log.verify().entries == 39
    db.dispose()


def test_the_flush_interval_is_a_setting(tmp_path):
    svc = bootstrap(load_settings({"CAPIL_STATUS_READS_FLUSH_SECONDS": "0.05"}, data_dir=tmp_path))
    svc.audit.status_reads.count("APP-1")
    deadline = time.monotonic() + 10  # liveness bound only (the default interval is 30 s)
    while svc.audit.status_reads.pending() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [e["details"]["reads"] for e in svc.audit.entries() if e["action"] == "application.status_reads"] == [
        {"APP-1": 1}]
    svc.audit.status_reads.close()
    svc.database.dispose()
