"""A newer version forged over an archived key (someone holding the S3 keys PUTs over
`documents/<id>/kartu-keluarga.pdf` or `evidence.json`; object lock keeps the old versions but lets a
new one be added) is never served: the archive desk download, `capil archive get` (both
`fetch_verified_document`), the QR answer, and a finalize run again over the application (a reconcile
restart or `capil application retry-finalize`) all use the version the registry recorded. Real
SeaweedFS, the PKI service's TSA, SQLite."""

from __future__ import annotations

import json

import pytest

import casework
from tests.fixtures.accounts import log_in
from tests.integration.test_archive import _approve_and_issue, family  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration


def test_a_forged_newer_version_is_not_served_nor_recorded(pipeline, family, client):  # noqa: F811
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    issued = pipeline.issued.get(app_id)
    assert issued is not None and issued.evidence is not None
    document, evidence = issued.document, issued.evidence
    genuine = pipeline.store.get(document)
    qr = client.get(f"/v/{app_id}").json()

    at = genuine.index(b"ReportLab PDF Library")  # a PDF whose signature no longer holds
    forged_pdf = pipeline.store.put(document.bucket, document.key, genuine[:at] + b"X" + genuine[at + 1:],
                                    content_type="application/pdf", retain_days=1)
    bundle = json.loads(pipeline.store.get(evidence))
    bundle["issue"] = {**bundle["issue"], "no_kk": "9999999999999999", "holder_masked": "P****** P*****"}
    forged_evidence = pipeline.store.put(evidence.bucket, evidence.key, json.dumps(bundle).encode(),
                                         content_type="application/json", retain_days=1)
    assert pipeline.store.stat(document.bucket, document.key) == forged_pdf  # "latest" is the forgery now
    assert pipeline.store.stat(evidence.bucket, evidence.key) == forged_evidence

    # finalize run again over the approved application, stage by stage as the flow does
    archived = casework.issue_document(pipeline, app_id)
    again = casework.archive_evidence(pipeline, app_id, archived)
    assert casework.record_issued(pipeline, app_id, archived, again) == "approved"
    assert (archived.document, again) == (document, evidence)
    after = pipeline.issued.get(app_id)
    assert after is not None and (after.document, after.evidence, after.details) == (document, evidence,
                                                                                        issued.details)

    assert casework.fetch_verified_document(pipeline, app_id) == genuine
    r = log_in(client, pipeline, "arsip-1", role="arsip").get(f"/api/applications/{app_id}/document")
    assert r.status_code == 200 and r.content == genuine
    client.cookies.clear()
    assert client.get(f"/v/{app_id}").json() == qr
