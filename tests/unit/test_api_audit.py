"""Reads of a person's data over HTTP land in the audit log with the reader from `X-Capil-User`."""

import pytest
from fastapi.testclient import TestClient

from api.app import app, get_services
from casework import bootstrap
from core import ChangeType, StoredObject, load_settings
from tests.fixtures.population import population

SUBJECT = "7401050102030003"


@pytest.fixture
def svc(tmp_path):
    services = bootstrap(load_settings(environ={}, data_dir=tmp_path))
    services.population.import_population(population())
    app.dependency_overrides[get_services] = lambda: services
    yield services
    app.dependency_overrides.clear()
    services.database.dispose()


def test_viewing_an_application_is_audited_with_the_reader(svc):
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    client = TestClient(app)
    assert client.get(f"/api/applications/{app_id}", headers={"X-Capil-User": "verifikator-3"}).status_code == 200
    assert client.get("/api/applications?status=received").status_code == 200
    entries = svc.audit.entries()
    assert [(e["actor"], e["action"], e["subject"]) for e in entries[-2:]] == [
        ("verifikator-3", "application.view", app_id),
        ("anonim", "application.list", None),
    ]
    assert entries[-1]["details"]["ids"] == [app_id]
    assert svc.audit.verify().ok
