"""Reads of a person's data over HTTP land in the audit log with the logged-in reader as the actor;
a header naming someone else changes nothing."""

import pytest
from fastapi.testclient import TestClient

from api.app import app
from core import ChangeType, StoredObject
from tests.fixtures.accounts import log_in, staff_token

SUBJECT = "7401050102030003"


@pytest.fixture
def svc(served_services):
    return served_services


def test_viewing_an_application_is_audited_with_the_reader(svc):
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    client = log_in(TestClient(app), svc, "verifikator-3", role="verifikator")
    assert client.get(f"/api/applications/{app_id}", headers={"X-Capil-User": "orang-lain"}).status_code == 200
    token = staff_token(svc, "loket-1", "arsip")
    client.cookies.clear()
    assert client.get("/api/applications?status=received", headers={"Authorization": f"Bearer {token}"}
                      ).status_code == 200
    entries = [e for e in svc.audit.entries() if e["action"].startswith("application.")]
    assert [(e["actor"], e["action"], e["subject"]) for e in entries[-2:]] == [
        ("verifikator-3", "application.view", app_id),
        ("loket-1", "application.list", None),
    ]
    assert entries[-1]["details"]["ids"] == [app_id]
    assert not svc.audit.entries(actor="orang-lain") and not svc.audit.entries(actor="anonim")
    assert svc.audit.verify().ok
