"""An upload is answered once filed even while Prefect is slow to create its run (its server answers 503 while
its SQLite is locked, and its client backs off for up to a minute): the start goes on in the background. A
Prefect that refuses at once is still the 503 it was."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from api import get_flow_starter
from api.app import app
from core import ServiceUnavailable, Status
from tests.fixtures.api import SUBJECT, RecordingStarter, png

app_module = importlib.import_module("api.app")  # the package's `api.app` is the FastAPI application


def _post(client: Any) -> Any:
    files = {"kk": ("kk.png", png(), "image/png"), "ijazah": ("ijazah.png", png(), "image/png")}
    return client.post("/api/applications", data={"nik": SUBJECT, "jenis_perubahan": "pendidikan"}, files=files)


class SlowStarter(RecordingStarter):
    """Creates the run only once `release` is set, as a Prefect client retrying 503s does."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def start(self, deployment: str, application_id: str) -> str:
        assert self.release.wait(30), "the test never released the start"
        return super().start(deployment, application_id)


class RefusingStarter(RecordingStarter):
    def start(self, deployment: str, application_id: str) -> str:
        raise ServiceUnavailable("Prefect did not answer (ConnectError); is `capil up` running?")


def test_a_slow_start_does_not_hold_the_upload_and_still_starts_the_run(api_client, api_services, monkeypatch):
    monkeypatch.setattr(app_module, "START_WAIT_S", 0.2)
    slow = SlowStarter()
    app.dependency_overrides[get_flow_starter] = lambda: slow
    r = _post(api_client)
    assert r.status_code == 202, r.text
    application_id = r.json()["id"]
    assert slow.started == [] and api_services.applications.get(application_id).status == Status.RECEIVED
    slow.release.set()
    for _ in range(300):  # the background start finishes once Prefect answers
        if slow.started:
            break
        threading.Event().wait(0.1)
    assert [run[1] for run in slow.started] == [application_id]


def test_a_start_refused_at_once_is_still_503(api_client, api_services):
    app.dependency_overrides[get_flow_starter] = RefusingStarter
    r = _post(api_client)
    assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json", r.text
    assert [a.status for a in api_services.applications.list()] == [Status.RECEIVED]  # filed; the reconciler starts it

