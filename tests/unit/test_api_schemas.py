"""The JSON answers are described in the OpenAPI document, real answers fit their descriptions, and
the application list comes a page at a time."""

from __future__ import annotations

from pydantic import TypeAdapter

from api import schemas
from tests.fixtures.accounts import staff_token
from tests.fixtures.api import OTHER, SUBJECT, file_over_http, waiting_application

NIKS = (SUBJECT, OTHER, "7401051203800001", "7471021507900004")


def _response_schema(doc: dict, method: str, path: str, status: str) -> dict:
    return doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]


def test_the_json_routes_name_their_answers_in_the_openapi_document(api_client):
    doc = api_client.get("/openapi.json").json()
    assert _response_schema(doc, "post", "/api/applications", "202")["$ref"].endswith("/FiledApplicationOut")
    assert _response_schema(doc, "get", "/api/applications/{application_id}", "200")["$ref"].endswith(
        "/ApplicationOut")
    assert _response_schema(doc, "get", "/api/applications", "200")["items"]["$ref"].endswith("/ApplicationOut")
    assert _response_schema(doc, "get", "/api/archive/documents", "200")["items"]["$ref"].endswith(
        "/IssuedDocumentOut")
    application = doc["components"]["schemas"]["ApplicationOut"]
    assert {"id", "nik", "jenis_perubahan", "status", "findings", "document", "timings"} <= set(
        application["required"])
    list_params = {p["name"] for p in doc["paths"]["/api/applications"]["get"]["parameters"]}
    assert {"limit", "offset"} <= list_params


def test_real_answers_fit_their_descriptions(api_client, api_services):
    filed = file_over_http(api_client)
    schemas.FiledApplicationOut.model_validate(filed)
    token = staff_token(api_services, "rina", "verifikator")
    shown = api_client.get(f"/api/applications/{filed['id']}", headers={"Authorization": f"Bearer {token}"})
    schemas.ApplicationOut.model_validate(shown.json())
    waiting_application(api_services, OTHER)
    listed = api_client.get("/api/applications", headers={"Authorization": f"Bearer {token}"}).json()
    assert len(TypeAdapter(list[schemas.ApplicationOut]).validate_python(listed)) == 2


def test_the_application_list_comes_a_page_at_a_time_without_repeats_or_gaps(api_client, api_services):
    made = {waiting_application(api_services, nik) for nik in NIKS}
    token = staff_token(api_services, "rina", "verifikator")
    seen: list[str] = []
    url: str | None = "/api/applications?limit=2"
    pages = 0
    while url is not None:
        r = api_client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.text
        assert len(r.json()) <= 2
        seen += [a["id"] for a in r.json()]
        link = r.headers.get("Link")
        url = link.split(">")[0].lstrip("<") if link else None
        pages += 1
    assert pages == 2
    assert len(seen) == len(set(seen)) == 4 and set(seen) == made


def test_a_page_larger_than_allowed_is_refused_with_a_problem(api_client, api_services):
    token = staff_token(api_services, "rina", "verifikator")
    r = api_client.get("/api/applications?limit=100000", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
