"""What operations read from the API: /health/live, /health/ready and /metrics, on fakes at the seams
(in-memory object storage, a starter standing in for Prefect, a TSA address nothing listens on).
The same readiness on the real parts is in tests/integration/test_operations.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from freezegun import freeze_time
from prometheus_client.parser import text_string_to_metric_families

import casework
import core
from api import app, get_flow_starter, get_services
from core import ChangeType, Finding, ServiceUnavailable, Severity, Status, StoredObject
from storage import MemoryObjectStore
from tests.fixtures.accounts import staff_token
from tests.fixtures.api import RecordingStarter
from tests.fixtures.pki import free_port
from tests.fixtures.population import population

PEOPLE = ("7401050102030003", "7401055506850002")


class DownStarter(RecordingStarter):
    def check(self, deployment: str) -> None:
        raise ServiceUnavailable("Prefect did not answer (ConnectError); is `capil up` running?")


@pytest.fixture
def svc(tmp_path) -> Iterator[casework.Services]:
    settings = core.load_settings({}, data_dir=tmp_path, tsa_url=f"http://127.0.0.1:{free_port()}/tsa")
    services = casework.bootstrap(settings, store=MemoryObjectStore())
    services.ensure_buckets()
    services.population.import_population(population())
    yield services
    services.database.dispose()


@pytest.fixture
def client(svc) -> Iterator[TestClient]:
    app.dependency_overrides[get_services] = lambda: svc
    app.dependency_overrides[get_flow_starter] = RecordingStarter
    with TestClient(app) as c:
        yield c
    app.dependency_overrides.clear()


def _create(svc: casework.Services, nik: str, change: ChangeType) -> str:
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=nik, jenis_perubahan=change, requested={},
                            uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    return app_id


def test_live_answers_without_asking_anything(client):
    app.dependency_overrides[get_flow_starter] = DownStarter
    r = client.get("/health/live")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})


def test_ready_names_each_part_and_is_503_while_one_is_down(client, svc):
    r = client.get("/health/ready")
    assert r.status_code == 503
    parts = r.json()["parts"]
    assert set(parts) == {"database", "object_storage", "prefect", "tsa"}
    assert {k for k, v in parts.items() if not v["ok"]} == {"tsa"}, parts
    assert "did not answer" in parts["tsa"]["error"] and parts["database"]["error"] is None
    assert all(isinstance(v["ms"], float) for v in parts.values())

    app.dependency_overrides[get_flow_starter] = DownStarter
    svc.store.delete_bucket(svc.settings.archive_bucket)
    parts = client.get("/health/ready").json()["parts"]
    assert {k for k, v in parts.items() if not v["ok"]} == {"tsa", "prefect", "object_storage"}
    assert svc.settings.archive_bucket in parts["object_storage"]["error"]
    assert "Prefect did not answer" in parts["prefect"]["error"]


def test_ready_does_not_ask_a_tsa_when_documents_carry_no_timestamp(client, svc):
    unsigned = casework.bootstrap(dataclasses.replace(svc.settings, pades_level="B-B"), store=svc.store)
    app.dependency_overrides[get_services] = lambda: unsigned
    r = client.get("/health/ready")
    unsigned.database.dispose()
    assert r.status_code == 200 and r.json()["parts"]["tsa"]["ok"], r.text


def test_metrics_need_an_admin(client, svc):
    assert client.get("/metrics").status_code == 401
    for role in ("verifikator", "arsip"):
        r = client.get("/metrics", headers={"Authorization": f"Bearer {staff_token(svc, f'm-{role}', role)}"})
        assert (r.status_code, r.json()["code"]) == (403, "FORBIDDEN")


def test_metrics_parse_as_prometheus_text_and_count_what_the_database_holds(client, svc):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    with freeze_time(start) as clock:
        waiting = _create(svc, PEOPLE[0], ChangeType.PENDIDIKAN)  # received 3 hours ago, still waiting
        reviewed = _create(svc, PEOPLE[1], ChangeType.PENDIDIKAN)
        clock.tick(40)
        finding = Finding(code="NAME_MISMATCH", severity=Severity.MISMATCH, message="Nama berbeda")
        svc.applications.record_decision(reviewed, status=Status.NEEDS_REVIEW, findings=(finding,),
                                         changes={PEOPLE[1]: {"pendidikan": "DIPLOMA IV/STRATA I"}},
                                         extractions={"kk": {"document_type": "kk", "pages": 2, "fields": {}},
                                                      "ijazah": {"document_type": "ijazah", "pages": 1,
                                                                 "fields": {}}})
        clock.tick(600)
        svc.applications.record_review(reviewed, approve=False, verifikator="v", note="uji")
        third = _create(svc, PEOPLE[1], ChangeType.KOREKSI_BIODATA)
        svc.applications.mark_processing(third)

    token = staff_token(svc, "prometheus", "admin")
    r = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(r.text) for s in family.samples}

    by_status = {status: svc.applications.queue(statuses=(status,), limit=0)[1] for status in Status}
    assert by_status[Status.RECEIVED] == 1 and by_status[Status.REJECTED] == 1
    for status, count in by_status.items():
        assert samples[("capil_applications", (("status", str(status)),))] == count
    age = samples[("capil_queue_oldest_age_seconds", (("status", "received"),))]
    assert 3 * 3600 <= age < 3 * 3600 + 600
    assert samples[("capil_queue_oldest_age_seconds", (("status", "needs_review"),))] == 0
    assert samples[("capil_stage_seconds", (("quantile", "0.5"), ("stage", "decide")))] == 40
    assert samples[("capil_stage_seconds", (("quantile", "1"), ("stage", "review")))] == 600
    assert samples[("capil_stage_seconds_count", (("stage", "decide"),))] == 1
    assert math.isnan(samples[("capil_stage_seconds", (("quantile", "0.5"), ("stage", "issue")))])
    assert samples[("capil_ocr_pages_total", (("document", "kk"),))] == 2
    assert samples[("capil_ocr_pages_total", (("document", "ijazah"),))] == 1
    assert waiting not in r.text and PEOPLE[0] not in r.text and PEOPLE[1] not in r.text
