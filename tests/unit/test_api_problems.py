"""Every 4xx/5xx of the HTTP API is one RFC 9457 problem object with a stable `code` and an Indonesian
`message`; a browser asking for a page gets the same message as HTML."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import casework
import core
from api import app, get_flow_starter, get_services
from storage import MemoryObjectStore
from tests.fixtures.accounts import log_in, staff_token
from tests.fixtures.api import SUBJECT, RecordingStarter, png
from tests.fixtures.population import population

PROBLEM = "application/problem+json"
MEMBERS = {"type", "title", "status", "detail", "instance", "code", "message"}


def _problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert set(body) >= MEMBERS, body
    assert (body["status"], body["code"]) == (status, code)
    assert body["detail"] == body["message"] and body["message"] and body["title"]
    assert body["type"] == "about:blank" or body["type"] == "urn:capil:problem:" + code.lower().replace("_", "-")
    assert "?" not in (body["instance"] or "")
    return body


def _upload(kk: bytes = b"", **data: str) -> dict:
    return {"data": {"nik": SUBJECT, "jenis_perubahan": "pendidikan", **data},
            "files": {"kk": ("kk.png", kk or png(), "image/png"), "ijazah": ("ijazah.png", png(), "image/png")}}


def test_401_without_a_credential(api_client):
    body = _problem(api_client.get("/api/applications"), 401, "UNAUTHENTICATED")
    assert body["title"] == "Belum masuk" and body["instance"] == "/api/applications"
    assert api_client.get("/api/applications").headers["www-authenticate"].startswith("Bearer")


def test_403_for_a_role_that_may_not(api_client, api_services):
    token = staff_token(api_services, "arsip1", "arsip")
    r = api_client.post("/api/applications/x/decision", json={"approve": True},
                        headers={"Authorization": f"Bearer {token}"})
    _problem(r, 403, "FORBIDDEN")


def test_404_for_an_unknown_address_and_an_unknown_application(api_client, api_services):
    body = _problem(api_client.get("/api/tidak-ada"), 404, "NOT_FOUND")
    assert body["type"] == "about:blank" and body["message"] == "Alamat yang diminta tidak ditemukan."
    token = staff_token(api_services, "siti", "verifikator")
    r = api_client.get("/api/applications/tidak-ada", headers={"Authorization": f"Bearer {token}"})
    assert _problem(r, 404, "UNKNOWN_APPLICATION")["type"] == "urn:capil:problem:unknown-application"


def test_405_names_the_allowed_methods(api_client):
    r = api_client.delete("/api/applications")
    _problem(r, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in r.headers["allow"]


@pytest.fixture
def small_limit(tmp_path):
    """The API on services whose uploads may be at most 2,000 bytes; yields (client, services)."""
    svc = casework.bootstrap(core.load_settings({}, data_dir=tmp_path, max_upload_bytes=2000),
                             store=MemoryObjectStore())
    svc.ensure_buckets()
    svc.population.import_population(population())
    app.dependency_overrides[get_services] = lambda: svc
    app.dependency_overrides[get_flow_starter] = RecordingStarter
    try:
        with TestClient(app) as client:
            yield client, svc
    finally:
        app.dependency_overrides.clear()
        svc.database.dispose()


def test_413_for_an_upload_over_the_limit(small_limit):
    client, svc = small_limit
    r = client.post("/api/applications", **_upload(kk=png() + b"\0" * 5000))
    _problem(r, 413, "FILE_TOO_LARGE")
    assert svc.applications.list() == []


def test_415_for_a_file_that_is_no_document(api_client):
    _problem(api_client.post("/api/applications", **_upload(kk=b"just some text")), 415, "UNSUPPORTED_FILE")


def test_422_validation_lists_the_fields_in_indonesian(api_client, api_services):
    r = api_client.post("/api/applications", data={"jenis_perubahan": "pendidikan"},
                        files={"ijazah": ("i.png", png(), "image/png")})
    body = _problem(r, 422, "VALIDATION_FAILED")
    assert {"field": "nik", "in": "body", "message": "Wajib diisi."} in body["errors"]
    assert {"field": "kk", "in": "body", "message": "Wajib diisi."} in body["errors"]
    assert "nik" in body["message"] and "kk" in body["message"]

    token = staff_token(api_services, "siti", "verifikator")
    auth = {"Authorization": f"Bearer {token}"}
    body = _problem(api_client.get("/api/applications", params={"status": "entah"}, headers=auth),
                    422, "VALIDATION_FAILED")
    assert body["errors"][0]["field"] == "status" and body["errors"][0]["in"] == "query"
    assert body["errors"][0]["message"].startswith("Nilai tidak dikenal")
    r = api_client.post("/api/applications/x/decision", content=b"{not json", headers={
        **auth, "Content-Type": "application/json"})
    assert _problem(r, 422, "VALIDATION_FAILED")["errors"][0]["message"] == "Isi permintaan bukan JSON yang sah."


def test_422_from_the_service_layer_keeps_its_code(api_client):
    r = api_client.post("/api/applications", **_upload(jenis_perubahan="entah"))
    assert _problem(r, 422, "INVALID_INPUT")["message"] == "Jenis perubahan tidak dikenal."


def test_500_says_nothing_of_the_cause(api_services, caplog):
    def broken() -> casework.Services:
        raise RuntimeError("secret detail: /srv/capil/db.sqlite password=hunter2")

    app.dependency_overrides[get_services] = broken
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.post("/api/applications", **_upload())
    finally:
        app.dependency_overrides.clear()
    body = _problem(r, 500, "INTERNAL_ERROR")
    assert "secret" not in r.text and "hunter2" not in r.text and "RuntimeError" not in r.text
    assert body["message"].startswith("Terjadi kesalahan pada sistem")
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert "RuntimeError" in caplog.text  # the operators' log has it


def test_a_browser_asking_for_a_page_gets_html_and_the_api_never_does(api_client):
    r = api_client.get("/halaman-tidak-ada", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Alamat yang diminta tidak ditemukan." in r.text and '<html lang="id">' in r.text
    r = api_client.get("/api/tidak-ada", headers={"Accept": "text/html"})
    _problem(r, 404, "NOT_FOUND")
    _problem(api_client.get("/halaman-tidak-ada"), 404, "NOT_FOUND")


@pytest.mark.parametrize("key", [b"kunci dengan spasi", "kunci-ñ".encode()])
def test_a_malformed_idempotency_key_is_a_400(api_client, api_services, key):
    r = api_client.post("/api/applications", **_upload(), headers={"Idempotency-Key": key})  # type: ignore[dict-item]
    _problem(r, 400, "INVALID_IDEMPOTENCY_KEY")
    assert api_services.applications.list() == []


def test_the_openapi_document_describes_the_problem_schema(api_client):
    doc = api_client.get("/openapi.json").json()
    problem = doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code", "message", "errors"} <= set(problem["properties"])
    post = doc["paths"]["/api/applications"]["post"]
    assert PROBLEM in post["responses"]["422"]["content"] and PROBLEM in post["responses"]["4XX"]["content"]
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert any(p["name"] == "Idempotency-Key" for p in post.get("parameters", []))


def test_a_staff_page_shows_its_error_as_a_page(api_client, api_services):
    log_in(api_client, api_services, "arsip2", role="arsip")
    r = api_client.get("/archive", params={"nik": "7401050102030003", "no_kk": "7401051203080012"},
                       headers={"Accept": "text/html"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    # said in the form itself, which keeps what was typed
    assert re.search(r'<form method="get" action="/archive"[^>]*>\s*<p class="muted">[^<]*</p>\s*'
                     r'<p class="error" role="alert" id="archive-error">Isi salah satu saja: NIK, No. KK, atau '
                     r'nomor permohonan/kode pelacakan \(2 kolom terisi\).</p>', r.text)
    assert 'value="7401051203080012"' in r.text
    r = api_client.get("/archive", params={"nik": "74010501"})
    assert r.status_code == 422 and "NIK harus 16 angka." in r.text
    r = api_client.get("/archive", params={"application": "ZZZZZ-ZZZZZ"})
    assert r.status_code == 422 and "Nomor permohonan atau kode pelacakan tidak ditemukan." in r.text
    r = api_client.get("/api/archive/documents", params={"nik": "7401050102030003", "no_kk": "7401051203080012"},
                       headers={"Accept": "text/html"})
    _problem(r, 422, "INVALID_ARCHIVE_QUERY")


def test_413_before_reading_a_body_that_cannot_fit(small_limit):
    client, svc = small_limit
    r = client.post("/api/applications", **_upload(kk=png() + b"\0" * (2**20 + 10_000)))
    _problem(r, 413, "FILE_TOO_LARGE")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert svc.applications.list() == []
