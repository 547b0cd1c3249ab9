"""The `watch-operations` alerts on Prefect's test harness: a run that failed for good is alerted once,
an application waiting in `received` past the bound on every pass; each as an ERROR log line without
personal data, a Prefect artifact and a POST to the webhook."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from freezegun import freeze_time
from prefect import flow, get_client
from prefect.client.schemas.filters import ArtifactCollectionFilter, ArtifactCollectionFilterKey

import casework
import core
from core import ChangeType, StoredObject
from flows import watch_operations
from storage import MemoryObjectStore
from tests.fixtures.api import OTHER, SUBJECT
from tests.fixtures.population import population


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        _Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def webhook() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received = []
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


@pytest.fixture
def svc(tmp_path, webhook, prefect_server) -> Iterator[casework.Services]:
    settings = core.load_settings({}, data_dir=tmp_path, alert_received_after_minutes=30, alert_webhook_url=webhook)
    services = casework.bootstrap(settings, store=MemoryObjectStore(), reader=lambda *a, **k: None)  # type: ignore[arg-type]
    services.population.import_population(population())
    casework.use_services(services)
    yield services
    casework.use_services(None)
    services.database.dispose()


@flow(name="doomed", flow_run_name="process-watch-test")
def _doomed() -> None:
    raise RuntimeError("a stage broke for good")


def _received(svc: casework.Services, nik: str) -> str:
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=nik, jenis_perubahan=ChangeType.PENDIDIKAN, requested={},
                            uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    return app_id


def test_a_failed_run_is_alerted_once_and_a_waiting_application_every_pass(svc, caplog):
    failed = _doomed(return_state=True)
    assert failed.is_failed()
    with freeze_time(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=45)):
        stale = _received(svc, SUBJECT)
    fresh = _received(svc, OTHER)

    with caplog.at_level(logging.ERROR):
        first = watch_operations()
    ours = [a for a in first if a.kind == "application-waiting" or a.flow_run_id == str(failed.state_details.flow_run_id)]
    assert sorted((a.kind, a.subject) for a in ours) == [("application-waiting", stale),
                                                          ("run-failed", "process-watch-test")]
    assert fresh not in {a.subject for a in first}
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and "ALERT" in r.getMessage()]
    assert any(stale in m for m in errors) and any("process-watch-test" in m for m in errors)
    assert not any(nik in m for m in errors for nik in (SUBJECT, OTHER))
    posted = [a for body in _Hook.received for a in body["alerts"]]
    assert {"application-waiting", "run-failed"} <= {a["kind"] for a in posted}
    assert SUBJECT not in json.dumps(_Hook.received)
    with get_client(sync_client=True) as client:
        [table] = client.read_latest_artifacts(artifact_filter=ArtifactCollectionFilter(
            key=ArtifactCollectionFilterKey(any_=["capil-alerts"])))
    assert stale in str(table.data) and SUBJECT not in str(table.data)

    assert svc.settings.masked()["alert_webhook_url"] == "********"  # a hook URL often carries its secret

    second = watch_operations()
    assert [a.subject for a in second if a.flow_run_id == str(failed.state_details.flow_run_id)] == []
    assert [a.subject for a in second if a.kind == "application-waiting"] == [stale]
