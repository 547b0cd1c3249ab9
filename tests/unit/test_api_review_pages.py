"""The verifikator's queue and review page, the applicant's status page, the pages' static files and /docs."""

from __future__ import annotations

import re

import pytest

from api import words
from api.app import SECURITY_HEADERS
from core import Finding, Severity
from tests.fixtures.accounts import log_in
from tests.fixtures.api import OTHER, SUBJECT, file_over_http, waiting_application


@pytest.fixture
def verifikator(api_client, api_services):
    return log_in(api_client, api_services, "siti", role="verifikator")


def _waiting(svc, *findings: Finding, changes: dict, requested: dict | None = None) -> str:
    from core import ChangeType, Status, StoredObject

    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested=requested or {}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    svc.applications.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=findings, changes=changes,
                                     extractions={})
    return app_id


def _decide(client, app_id: str, **form: str):
    data = {"csrf_token": client.headers["X-CSRF-Token"], "yakin": "1", **form}
    return client.post(f"/review/{app_id}", data=data, follow_redirects=False)


def test_field_names_in_words():
    assert words.field_name("suami.nik") == "NIK suami"
    assert words.field_name("suami.nik/istri.nik") == "NIK suami atau NIK istri"
    assert words.field_name("anggota.nama_lengkap") == "Nama lengkap anggota keluarga"
    assert words.field_name("tanggal_lahir") == "Tanggal lahir"
    assert words.mask_nik("7401050102030003") == "740105••••••0003"


def test_marked_difference_marks_only_the_characters_that_differ():
    record, read = words.marked_difference("SAPUTRA", "SAPUTRAX")
    assert (str(record), str(read)) == ("SAPUTRA", "SAPUTRA<mark>X</mark>")
    record, read = words.marked_difference("A<B", "A>B")
    assert (str(record), str(read)) == ("A<mark>&lt;</mark>B", "A<mark>&gt;</mark>B")


def test_the_queue_is_oldest_first_filtered_and_paginated(verifikator, api_services):
    first = waiting_application(api_services)
    second = waiting_application(api_services, OTHER)
    page = verifikator.get("/review")
    assert page.status_code == 200 and page.headers["cache-control"] == "private, no-store"
    ids = re.findall(r'<tr data-id="([^"]+)"', page.text)
    assert ids == [first, second]
    assert "740105••••••0003" in page.text and SUBJECT not in page.text
    assert "LA ODE ARYA SAPUTRA" in page.text and "Pendidikan" in page.text and "menit" in page.text
    assert re.findall(r'<tr data-id="([^"]+)"', verifikator.get("/review?jenis=status_perkawinan").text) == []
    assert re.findall(r'<tr data-id="([^"]+)"', verifikator.get("/review?status=rejected").text) == []
    one = verifikator.get("/review?halaman=2&per_halaman=1")
    assert re.findall(r'<tr data-id="([^"]+)"', one.text) == [second]
    assert "Halaman 2 dari 2" in one.text and "halaman=1&amp;per_halaman=1" in one.text
    assert verifikator.get("/review?per_halaman=0").status_code == 422


def test_the_review_page_shows_who_what_changes_and_the_marked_difference(verifikator, api_services):
    finding = Finding(  # quoting both values, as the cross-check does
        code="NAME_MISMATCH", severity=Severity.MISMATCH, message="Nama pada dokumen berbeda dengan data "
        "kependudukan.", document="buku_nikah", field="suami.nama_lengkap", expected="LA ODE ARYA SAPUTRA",
        found="LA ODE ARYA SAPUTRO")
    app_id = _waiting(api_services, finding, changes={SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}})
    html = verifikator.get(f"/review/{app_id}").text
    assert "LA ODE ARYA SAPUTRA" in html and "740105••••••0003" in html and "WA ODE SITI AMINAH" in html
    assert "Yang akan berubah bila disetujui" in html
    assert re.search(r'<td>Pendidikan</td><td class="old">SLTA/SEDERAJAT</td><td>&rarr;</td>'
                     r'<td class="new">DIPLOMA IV/STRATA I</td>', html)
    assert "Nama lengkap suami" in html and "Buku nikah" in html and "suami.nama_lengkap" not in html
    assert "LA ODE ARYA SAPUTR<mark>A</mark>" in html and "LA ODE ARYA SAPUTR<mark>O</mark>" in html
    assert html.count('name="csrf_token" value="') == 3  # logout, approve, reject
    assert "<script>" not in html and '<script src="/static/review.js" defer>' in html


def test_a_rejection_needs_a_reason_and_the_applicant_reads_it(api_client, api_services):
    filed = file_over_http(api_client)  # by the applicant, before anyone logs in
    log_in(api_client, api_services, "siti", role="verifikator")
    app_id = filed["id"]
    from core import Status

    api_services.applications.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(), changes={},
                                              extractions={})
    r = _decide(api_client, app_id, keputusan="tolak", alasan="")
    assert r.status_code == 422 and "Penolakan memerlukan alasan" in r.text
    r = _decide(api_client, app_id, keputusan="tolak", alasan="lainnya", catatan="")
    assert r.status_code == 422
    bad = api_client.post(f"/review/{app_id}", data={"csrf_token": "salah", "keputusan": "tolak",
                                                      "alasan": "diubah", "yakin": "1"})
    assert bad.status_code == 403
    assert api_services.applications.get(app_id).status == "needs_review"
    r = _decide(api_client, app_id, keputusan="tolak", alasan="diubah", catatan="Cap sekolah tidak sesuai.")
    assert (r.status_code, r.headers.get("location")) == (303, f"/review/{app_id}"), re.findall(r"role=.alert.>([^<]*)", r.text)
    decided = api_services.applications.get(app_id)
    assert (decided.status, decided.decided_by) == ("rejected", "siti")
    assert decided.decision_note == "Dokumen diduga diubah atau tidak asli. Cap sekolah tidak sesuai."
    page = api_client.get(f"/review/{app_id}").text
    assert "Ditolak" in page and "Cap sekolah tidak sesuai." in page and "Riwayat keputusan" in page
    decided_list = api_client.get("/review?status=decided").text
    assert re.findall(r'<tr data-id="([^"]+)"', decided_list) == [app_id] and "diputus " in decided_list

    api_client.cookies.clear()
    api_client.headers.pop("X-CSRF-Token")
    status = api_client.get(filed["status_page_url"])
    assert status.status_code == 200, status.text
    assert "Ditolak" in status.text and "Dokumen diduga diubah atau tidak asli. Cap sekolah tidak sesuai." in status.text
    assert filed["tracking_code"] in status.text
    assert api_client.get(f"/permohonan/{app_id}").status_code == 401


def test_the_json_decision_refuses_a_rejection_without_a_note(verifikator, api_services):
    app_id = waiting_application(api_services)
    url = f"/api/applications/{app_id}/decision"
    r = verifikator.post(url, json={"approve": False, "note": "  "})
    assert (r.status_code, r.json()["code"]) == (422, "REASON_REQUIRED")
    assert r.headers["content-type"].startswith("application/problem+json") and "alasan" in r.json()["message"]
    assert api_services.applications.get(app_id).status == "needs_review"
    r = verifikator.post(url, json={"approve": False, "note": "Ijazah bukan milik pemohon."})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert verifikator.post(url, json={"approve": False}).status_code == 409  # decided: a conflict, as before


def test_an_approval_of_unread_evidence_shows_and_applies_the_requested_values(verifikator, api_services,
                                                                               flow_starter):
    unread = Finding(code="DOCUMENT_NOT_READ", severity=Severity.ERROR, message="Dokumen tidak terbaca jelas.",
                     document="ijazah")
    app_id = _waiting(api_services, unread, changes={}, requested={"pendidikan": "DIPLOMA III"})
    html = verifikator.get(f"/review/{app_id}").text
    assert "nilai yang <b>dimohonkan</b>" in html and '<td class="new">DIPLOMA III</td>' in html
    r = _decide(verifikator, app_id, keputusan="setujui")
    assert r.status_code == 303
    assert api_services.applications.get(app_id).changes == {SUBJECT: {"pendidikan": "DIPLOMA III"}}
    assert flow_starter.started[-1][1] == app_id
    assert "KK baru sedang ditandatangani" in verifikator.get(f"/review/{app_id}").text


def test_pages_load_scripts_from_files_only_and_docs_work_offline(api_client):
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for path in ("/", "/login", "/docs"):
        page = api_client.get(path)
        assert page.status_code == 200 and page.headers["content-security-policy"] == csp
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), path  # no inline script
        assert "cdn" not in page.text.lower(), path
    for path in ("/static/capil.css", "/static/upload.js", "/static/review.js", "/static/swagger-init.js",
                 "/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css"):
        assert api_client.get(path).status_code == 200, path
    for path in ("/static/nope.js", "/static/swagger/index.html", "/static/..%2Fapp.py"):
        assert api_client.get(path).status_code == 404, path


def test_an_approved_application_offers_the_applicant_its_signed_kk(api_client, api_services):
    from core import Status, StoredObject

    filed = file_over_http(api_client)
    app_id = filed["id"]
    page = api_client.get(filed["status_page_url"])
    assert page.status_code == 200 and "Diterima, menunggu pemeriksaan" in page.text
    assert '<meta http-equiv="refresh" content="10">' in page.text  # follows the processing by itself
    finding = Finding(code="NAME_MISMATCH", severity=Severity.MISMATCH, message="Nama pada dokumen berbeda.",
                      document="ijazah", field="nama_lengkap")
    api_services.applications.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(finding,),
                                              changes={SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}},
                                              extractions={"ijazah": {"source": "ocr", "fields": {
                                                  "nama_lengkap": {"value": "LA ODE ARYA", "confidence": 0.91}}}})
    page = api_client.get(filed["status_page_url"]).text
    assert "Menunggu verifikasi petugas" in page and "Nama pada dokumen berbeda." in page
    assert words.APPLICANT_ACTIONS["NAME_MISMATCH"] in page and "refresh" not in page

    log_in(api_client, api_services, "siti", role="verifikator")
    review = api_client.get(f"/review/{app_id}").text
    assert "Hasil baca sistem" in review and "LA ODE ARYA" in review and "91%" in review
    assert _decide(api_client, app_id, keputusan="setujui").status_code == 303
    api_services.applications.record_document(app_id, StoredObject("arsip", "kk.pdf", "v1", "00" * 32))
    api_client.cookies.clear()
    api_client.headers.pop("X-CSRF-Token")
    page = api_client.get(filed["status_page_url"]).text
    assert "Disetujui" in page
    assert f'href="/api/applications/{app_id}/document?token={filed["status_token"]}"' in page


def test_a_partner_finding_shows_every_recorded_partner_whole_and_an_unread_value_says_so(verifikator, api_services):
    """The NIK route's NAME_MISMATCH (the book's other spouse is none of the subject's recorded partners)
    quotes the partners as `A / B`; marking them letter by letter against one name would mark noise."""
    partners = Finding(code="NAME_MISMATCH", severity=Severity.MISMATCH, message="Nama pada dokumen berbeda.",
                       document="buku_nikah", field="istri.nama_lengkap", expected="SITI AMINAH / WA ODE RINA",
                       found="SITI AMINA")
    unread = Finding(code="FIELD_NOT_FOUND", severity=Severity.MISMATCH, message="Elemen tidak ditemukan.",
                     document="buku_nikah", field="istri.tanggal_lahir", expected="1990-02-01")
    html = verifikator.get(f"/review/{_waiting(api_services, partners, unread, changes={})}").text
    assert '<td class="expected">SITI AMINAH / WA ODE RINA</td><td class="found">SITI AMINA</td>' in html
    assert '<td class="expected">1990-02-01</td><td class="found"><span class="muted">(tidak terbaca)</span></td>' \
        in html
