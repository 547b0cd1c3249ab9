"""The QR page names the application by its tracking code, the code people quote, and the document by
the ID the signed KK prints in its footer ("ID Dokumen: ..."), so the paper and the page can be compared;
the JSON answer keeps the application id as `document_number` (the contract scripts read)."""

from __future__ import annotations

from core import IssueDetails, StoredObject
from registry import IssuedDocument
from tests.fixtures.api import waiting_application

NO_KK = "7401051203080012"


def _issued(app_id: str) -> IssuedDocument:
    details = IssueDetails(issued_at="2026-01-05T02:00:00+00:00", no_kk=NO_KK, record_versions={},
                           fingerprint="abc123", holder_masked="LA O** A*** S******", signer="KEPALA DINAS",
                           level="B-T", timestamp_expires_at=None)
    return IssuedDocument(application_id=app_id, nik="7401050102030003", no_kk=NO_KK,
                          issued_at=details.issued_at, status="active", superseded_at=None,
                          document=StoredObject("arsip", f"documents/{app_id}/kartu-keluarga.pdf", "v1", "00" * 32),
                          details=details)


def test_the_page_shows_the_tracking_code_and_the_json_keeps_the_id(api_client, api_services, monkeypatch):
    app_id = waiting_application(api_services)
    code = api_services.access.grant(app_id).tracking_code
    monkeypatch.setattr(api_services.issued, "get", lambda i: _issued(app_id) if i == app_id else None)

    html = api_client.get(f"/v/{app_id}", params={"h": "abc123"}, headers={"Accept": "text/html"}).text
    assert "ASLI &amp; BERLAKU" in html or "ASLI & BERLAKU" in html
    assert f'<td class="document-number">{code}</td>' in html
    assert f'<td class="muted document-id">{app_id}</td>' in html  # as the PDF's footer prints it
    assert "7401••••••••0012" in html
    answer = api_client.get(f"/v/{app_id}", params={"h": "abc123"}).json()
    assert answer["document_number"] == app_id and code not in str(answer)


def test_a_document_without_a_tracking_code_is_named_by_its_id(api_client, api_services, monkeypatch):
    monkeypatch.setattr(api_services.issued, "get", lambda i: _issued(i))
    html = api_client.get("/v/APP-LAMA-1", headers={"Accept": "text/html"}).text
    assert '<td class="muted document-id">APP-LAMA-1</td>' in html and "Kode permohonan" not in html
