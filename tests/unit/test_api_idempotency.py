"""Filing is idempotent with an `Idempotency-Key`: a retry of the same request gets the same application,
tracking code and status token; the key with another request is refused; two at once file once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

import casework
from core import ChangeType, DocumentType
from registry import IdempotencyKeyInProgress, IdempotencyKeyReused, IdempotencyKeys
from tests.fixtures.accounts import staff_token
from tests.fixtures.api import OTHER, SUBJECT, png

PROCESS = "process-application/process-application"


def _post(client, *, key: str | None = "kunci-uji-0001", nik: str = SUBJECT, kk: bytes | None = None,
          headers: dict | None = None):
    files = {"kk": ("kk.png", kk or png(), "image/png"), "ijazah": ("ijazah.png", png(), "image/png")}
    sent = {**({"Idempotency-Key": key} if key else {}), **(headers or {})}
    return client.post("/api/applications", data={"nik": nik, "jenis_perubahan": "pendidikan"}, files=files,
                       headers=sent)


def _count(svc: casework.Services, table: str) -> int:
    with svc.database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_retry_with_the_same_key_gets_the_same_application(api_client, api_services, flow_starter):
    first = _post(api_client)
    again = _post(api_client)
    assert (first.status_code, again.status_code) == (202, 202), again.text
    a, b = first.json(), again.json()
    assert a["id"] == b["id"] and a["tracking_code"] == b["tracking_code"] and a["status_token"] == b["status_token"]
    assert first.headers["location"] == again.headers["location"] == f"/api/applications/{a['id']}"
    assert "idempotent-replayed" not in first.headers and again.headers["idempotent-replayed"] == "true"
    assert len(api_services.applications.list()) == 1
    assert [run[1] for run in flow_starter.started] == [a["id"]]  # processing started once
    assert api_client.get(b["status_url"]).status_code == 200  # the token handed back again still opens it


def test_the_key_with_another_request_is_refused_and_files_nothing(api_client, api_services):
    assert _post(api_client).status_code == 202
    other_kk = png()[:-12] + b"\0" * 4 + png()[-12:]
    for r in (_post(api_client, nik=OTHER), _post(api_client, kk=other_kk)):
        body = r.json()
        assert (r.status_code, body["code"]) == (422, "IDEMPOTENCY_KEY_REUSED"), r.text
        assert r.headers["content-type"] == "application/problem+json" and "id" not in body
        assert "status_token" not in r.text
    assert len(api_services.applications.list()) == 1


def test_without_a_key_a_second_filing_is_a_conflict_not_a_replay(api_client):
    assert _post(api_client, key=None).status_code == 202
    r = _post(api_client, key=None)
    assert (r.status_code, r.json()["code"]) == (409, "CONFLICT")


def test_a_failed_filing_gives_the_key_back(api_client, api_services):
    r = _post(api_client, nik="7401059999999999")
    assert (r.status_code, r.json()["code"]) == (404, "UNKNOWN_NIK")
    assert _count(api_services, "idempotency_keys") == 0
    fixed = _post(api_client, nik="7401059999999999")  # the same mistake again: the same answer
    assert fixed.status_code == 404
    assert _post(api_client).status_code == 202  # the key, now with a request that can be filed


def test_keys_are_scoped_by_who_files(api_client, api_services):
    token = staff_token(api_services, "loket1", "verifikator")
    mine = _post(api_client, headers={"Authorization": f"Bearer {token}"})
    assert mine.status_code == 202
    theirs = _post(api_client, nik=OTHER)  # the same key from an applicant: another scope, its own filing
    assert theirs.status_code == 202 and theirs.json()["id"] != mine.json()["id"]


def test_neither_the_key_nor_the_status_token_is_stored_as_itself(api_client, api_services):
    key = "kunci-rahasia-yang-unik-12345"
    token = _post(api_client, key=key).json()["status_token"]
    with api_services.database.engine.connect() as conn:
        rows = [tuple(map(str, r)) for r in conn.execute(text("SELECT * FROM idempotency_keys"))]
    dump = repr(rows)
    assert len(rows) == 1 and key not in dump and token not in dump and token[4:] not in dump


def _files() -> dict[DocumentType, bytes]:
    return {DocumentType.KK: png(), DocumentType.IJAZAH: png()}


def test_two_requests_at_once_with_one_key_file_once(api_services):
    n = 6
    barrier = threading.Barrier(n)
    results: list[object] = []

    def file() -> None:
        barrier.wait()
        try:
            results.append(casework.file_with_access(api_services, nik=SUBJECT, change=ChangeType.PENDIDIKAN,
                                                     files=_files(), requested={}, idempotency_key="serentak-1"))
        except Exception as e:
            results.append(e)

    threads = [threading.Thread(target=file) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == n
    filed = [r for r in results if isinstance(r, casework.Filed)]
    others = [r for r in results if not isinstance(r, casework.Filed)]
    assert filed and all(isinstance(e, IdempotencyKeyInProgress) for e in others), others
    assert len({f.application_id for f in filed}) == 1 and len({f.token for f in filed}) == 1
    assert sum(not f.replayed for f in filed) == 1
    assert len(api_services.applications.list()) == 1 and _count(api_services, "application_access") == 1
    again = casework.file_with_access(api_services, nik=SUBJECT, change=ChangeType.PENDIDIKAN, files=_files(),
                                      requested={}, idempotency_key="serentak-1")
    assert again.replayed and again.application_id == filed[0].application_id


def test_the_database_refuses_a_second_row_for_one_key(api_services):
    keys = IdempotencyKeys(api_services.database)
    keys.claim(scope="pemohon", key="k-1", fingerprint="a" * 64)
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), api_services.database.engine.begin() as conn:
        conn.execute(text("INSERT INTO idempotency_keys (scope, key_sha256, request_sha256, created_at) "
                          "SELECT scope, key_sha256, request_sha256, created_at FROM idempotency_keys"))


def test_a_filing_that_died_is_taken_over_and_old_keys_are_pruned(api_services):
    clock = [dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)]
    keys = IdempotencyKeys(api_services.database, now=lambda: clock[0])
    first = keys.claim(scope="pemohon", key="k-2", fingerprint="b" * 64)
    with pytest.raises(IdempotencyKeyInProgress):
        keys.claim(scope="pemohon", key="k-2", fingerprint="b" * 64)
    with pytest.raises(IdempotencyKeyReused):
        keys.claim(scope="pemohon", key="k-2", fingerprint="c" * 64)
    clock[0] += dt.timedelta(minutes=11)  # the first filing never completed
    second = keys.claim(scope="pemohon", key="k-2", fingerprint="b" * 64)
    assert not second.replay
    keys.release(first)  # the first wakes up and fails: the key stays with the second
    with pytest.raises(IdempotencyKeyInProgress):
        keys.claim(scope="pemohon", key="k-2", fingerprint="b" * 64)
    assert keys.complete(first, application_id="x", token="cap_x") is False
    clock[0] += dt.timedelta(hours=25)
    assert keys.prune() == 1 and _count(api_services, "idempotency_keys") == 0


def test_concurrent_http_retries_file_once(api_client, api_services):
    n = 4
    barrier = threading.Barrier(n)
    answers: list = []

    def post() -> None:
        barrier.wait()
        answers.append(_post(api_client, key="serentak-http"))

    threads = [threading.Thread(target=post) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == n and {r.status_code for r in answers} <= {202, 409}, [r.text for r in answers]
    assert len({r.json()["id"] for r in answers if r.status_code == 202}) == 1
    for r in answers:
        if r.status_code == 409:
            assert r.json()["code"] == "IDEMPOTENCY_KEY_IN_PROGRESS" and r.headers["retry-after"] == "1"
    assert len(api_services.applications.list()) == 1
