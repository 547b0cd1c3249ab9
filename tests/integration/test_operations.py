"""/health/ready on the real parts: SeaweedFS, the PKI service's TSA, SQLite and a Prefect server that
knows the process-application deployment. Ready when all answer; 503 naming the part that does not."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from api import app, get_services
from casework import Services, bootstrap
from flows import PROCESS_DEPLOYMENT
from tests.fixtures.pki import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
def deployed(prefect_server) -> None:
    """The deployment the API starts runs on, registered with the test server (as `flows.serve` does)."""
    from flows import process_application

    process_application.to_deployment(name=PROCESS_DEPLOYMENT.split("/")[1]).apply()


def _returning(svc: Services) -> Callable[[], Services]:
    return lambda: svc


def _ready(client: TestClient) -> tuple[int, dict]:
    r = client.get("/health/ready")
    return r.status_code, r.json()["parts"]


def test_ready_when_every_part_answers_and_503_naming_the_one_that_does_not(client, pipeline, deployed):
    status, parts = _ready(client)
    assert status == 200, parts
    assert all(p["ok"] and p["error"] is None for p in parts.values())

    for part, change, said in (("object_storage", {"s3_endpoint": f"127.0.0.1:{free_port()}"}, "did not answer"),
                               ("object_storage", {"archive_bucket": "tidak-ada-" + uuid.uuid4().hex[:8]}, "missing"),
                               ("tsa", {"tsa_url": f"http://127.0.0.1:{free_port()}/tsa"}, "did not answer")):
        broken = bootstrap(dataclasses.replace(pipeline.settings, **change), signer=pipeline.signer)
        app.dependency_overrides[get_services] = _returning(broken)
        try:
            status, parts = _ready(client)
        finally:
            app.dependency_overrides[get_services] = lambda: pipeline
            broken.database.dispose()
        assert status == 503
        assert [name for name, p in parts.items() if not p["ok"]] == [part], parts
        assert said in parts[part]["error"]
