"""The archive on real parts: issue once with evidence, reissue lookup and status, QR answers,
tamper alarms, timestamp renewal. Applications are decided directly (no OCR) to stay fast."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import update

import casework
import core
import signing
import synthetic
from casework import documents_due_for_renewal, fetch_verified_document, renew_document_timestamp
from core import ChangeType, Family, Status
from registry._schema import ApplicationRow
from tests.fixtures.accounts import log_in

pytestmark = pytest.mark.integration


@pytest.fixture
def family(pipeline) -> Family:
    doc = synthetic.population(families=1, seed=5)
    pipeline.population.import_population(doc)
    return pipeline.population.family(doc["keluarga"][0]["no_kk"])


def _approve_and_issue(svc, nik: str, changes: dict) -> str:
    app_id = svc.applications.new_id()
    upload = svc.store.put(svc.settings.intake_bucket, f"uploads/{app_id}/kk.png", b"scan " + app_id.encode())
    svc.applications.create(application_id=app_id, nik=nik, jenis_perubahan=ChangeType.PENDIDIKAN, requested={},
                            uploads={"kk": upload})
    svc.applications.record_decision(app_id, status=Status.APPROVED, findings=(), changes={nik: changes},
                                     extractions={"kk": {"document_type": "kk", "fields": {}}})
    casework.apply_change(svc, app_id)
    archived = casework.issue_document(svc, app_id)
    evidence = casework.archive_evidence(svc, app_id, archived)
    assert casework.record_issued(svc, app_id, archived, evidence) == "approved"
    return app_id


def test_issue_writes_document_and_evidence_once_under_lock(pipeline, family):
    person = family.anggota[0]
    app_id = _approve_and_issue(pipeline, person.nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    doc = pipeline.issued.get(app_id)
    assert doc is not None and doc.status == "active"
    d = doc.details
    assert d.record_versions == pipeline.issued.current_versions([p.nik for p in family.anggota])
    assert d.record_versions[person.nik] == 2 and d.no_kk == family.no_kk and d.level == "B-LTA"
    assert d.signer == pipeline.kepala_dinas[0]
    head = family.kepala_keluarga.nama_lengkap
    assert d.holder_masked != head and "*" in d.holder_masked
    # the QR's URL (also in the PDF's keywords) carries the fingerprint kept here
    pdf = fetch_verified_document(pipeline, app_id)
    assert f"/v/{app_id}?h={d.fingerprint}".encode() in pdf
    assert signing.fingerprint_in(pdf) == d.fingerprint
    # evidence bundle: every part with the sha256 of its content, under COMPLIANCE retention
    evidence = doc.evidence
    assert evidence is not None
    bundle = json.loads(pipeline.store.get(evidence))
    assert bundle["format"] == "capil.evidence/1" and bundle["document"] == doc.document.to_dict()
    for part in ("uploads", "extractions", "findings", "decision"):
        assert bundle[part]["sha256"] == casework.sha256_json(bundle[part]["content"])
    assert bundle["uploads"]["content"]["kk"]["sha256"]
    for obj in (doc.document, evidence):
        assert pipeline.store.retention(obj).mode == "COMPLIANCE"
        with pytest.raises(core.Conflict):
            pipeline.store.delete_version(obj)
    # a retried issue finds what is archived: no second document, no second bundle
    again = casework.issue_document(pipeline, app_id)
    assert again.document == doc.document and again.details == d
    assert casework.archive_evidence(pipeline, app_id, again) == evidence


def test_reissue_lookup_status_and_qr(pipeline, family, client):
    first_person, second_person = family.anggota[0], family.anggota[1]
    first = _approve_and_issue(pipeline, first_person.nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    second = _approve_and_issue(pipeline, second_person.nik, {"pendidikan": "STRATA II"})

    docs = {d.application_id: d for d in pipeline.issued.find(nik=first_person.nik)}
    assert set(docs) == {first, second}  # both KKs print the first person
    assert docs[second].status == "active"
    assert docs[first].status == "superseded" and docs[first].superseded_at is not None
    assert docs[first].superseded_at >= docs[first].issued_at
    assert (docs[first].superseded_by, docs[first].superseded_reason) == (second, "record_changed")
    assert client.get("/api/archive/documents", params={"no_kk": family.no_kk}).status_code == 401
    assert client.get(f"/api/applications/{first}/document").status_code == 401
    log_in(client, pipeline, "arsip-1", role="arsip")
    by_kk = client.get("/api/archive/documents", params={"no_kk": family.no_kk}).json()
    assert [d["document_number"] for d in by_kk] == [second, first]  # newest first
    by_app = client.get("/api/archive/documents", params={"application": second}).json()
    assert {d["document_number"] for d in by_app} == {first, second}
    assert client.get("/api/archive/documents").status_code == 422
    page = client.get("/archive", params={"nik": first_person.nik}).text
    assert "BERLAKU" in page and "TIDAK BERLAKU" in page and f"/api/applications/{first}/document" in page
    assert "data anggota keluarga diubah melalui permohonan" in page and first_person.nama_lengkap in page
    masked = first_person.nik[:6] + "••••••" + first_person.nik[-4:]
    assert page.count(first_person.nik) == 1 and masked in page  # typed in the form; masked in the rows
    assert family.no_kk not in page and family.no_kk[:4] + "••••••••" + family.no_kk[-4:] in page
    code = pipeline.access.grant(first).tracking_code  # as the upload page hands it out
    second_code = pipeline.access.grant(second).tracking_code
    by_code = client.get("/archive", params={"application": code.lower()}).text  # as a person may type it
    assert f"/api/applications/{first}/document" in by_code and f"{second_code} (pendidikan)" in by_code
    assert client.get(f"/api/applications/{first}/document").status_code == 200  # handed out again

    client.cookies.clear()  # the QR answer is public
    fingerprint = docs[first].details.fingerprint
    qr = client.get(f"/v/{first}", params={"h": fingerprint}).json()
    assert qr["status"] == "superseded" and qr["superseded_at"] and qr["document_number"] == first
    assert set(qr) == {"status", "verdict", "office", "document_number", "no_kk", "issued_at", "superseded_at",
                       "signer", "holder", "message"}
    assert qr["no_kk"] == family.no_kk[:4] + "••••••••" + family.no_kk[-4:]
    text = json.dumps(qr)
    assert all(p.nama_lengkap not in text and p.nik not in text for p in family.anggota)
    assert client.get(f"/v/{second}").json()["status"] == "active"
    assert client.get(f"/v/{second}", params={"h": "000000000000"}).json()["status"] == "unknown"
    assert client.get("/v/no-such-document").json()["status"] == "unknown"
    html = client.get(f"/v/{first}", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "ASLI, SUDAH DIGANTI" in html.text
    assert family.kepala_keluarga.nama_lengkap not in html.text


def test_database_hash_mismatch_is_an_alarm_not_a_download(pipeline, family, client, caplog):
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    with pipeline.database.session() as s:
        row = s.get(ApplicationRow, app_id)
        s.execute(update(ApplicationRow).where(ApplicationRow.id == app_id)
                  .values(document={**row.document, "sha256": "0" * 64}))
    with caplog.at_level(logging.ERROR), pytest.raises(core.IntegrityAlarm):
        fetch_verified_document(pipeline, app_id)
    alarms = [r for r in caplog.records if r.levelno == logging.ERROR and app_id in r.getMessage()]
    assert alarms and all(family.anggota[0].nik not in r.getMessage() for r in alarms)
    r = log_in(client, pipeline, "arsip-1", role="arsip").get(f"/api/applications/{app_id}/document")
    assert (r.status_code, r.json()["code"]) == (500, "INTEGRITY_ALARM")
    assert r.headers["content-type"] == "application/problem+json"


def test_timestamp_renewal_writes_a_new_version_and_keeps_the_old_locked(pipeline, family):
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    old = pipeline.issued.get(app_id)
    assert documents_due_for_renewal(pipeline, within_days=30) == []  # the dev TSA certificate lasts years
    assert documents_due_for_renewal(pipeline, within_days=365 * 11) == [app_id]

    new = renew_document_timestamp(pipeline, app_id)
    assert new.version_id != old.document.version_id and new.key == old.document.key
    renewed = fetch_verified_document(pipeline, app_id)  # the database now points at the new version
    assert renewed.startswith(pipeline.store.get(old.document))
    check = signing.verify_pdf(renewed, trust_roots=pipeline.trust_roots, required_level="B-LTA")
    assert check.valid and len(check.document_timestamps) == 2
    with pytest.raises(core.Conflict):
        pipeline.store.delete_version(old.document)
    assert pipeline.store.retention(new).mode == "COMPLIANCE"
    after = pipeline.issued.get(app_id)
    assert after.previous_versions[0]["version_id"] == old.document.version_id

    from flows.renew import renew_timestamps
    assert renew_timestamps(within_days=30) == []  # the flow, end to end, with nothing due
