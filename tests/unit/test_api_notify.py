"""The applicant's optional e-mail: given at filing, sent on a decision through a real SMTP conversation
(a small SMTP sink on a free port, `tests.fixtures.smtp`), never holding up or undoing the decision."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import pytest

import casework
from core import Status
from tests.fixtures.accounts import log_in
from tests.fixtures.api import OTHER, SUBJECT, file_over_http
from tests.fixtures.smtp import SmtpSink, smtp_server


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    server = smtp_server()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def mail_on(api_services, smtp_sink, monkeypatch):
    port = smtp_sink.server_address[1]
    settings = dataclasses.replace(api_services.settings, smtp_host="127.0.0.1", smtp_port=port,
                                   smtp_from="dukcapil@example.go.id", office_name="Dinas Dukcapil Kabupaten Uji")
    monkeypatch.setattr(api_services, "settings", settings)
    return smtp_sink


def _file_with_email(client, nik: str, address: str) -> dict:
    from tests.fixtures.api import png

    files = {"kk": ("kk.png", png(), "image/png"), "ijazah": ("ijazah.png", png(), "image/png")}
    r = client.post("/api/applications", data={"nik": nik, "jenis_perubahan": "pendidikan", "email": address},
                    files=files)
    assert r.status_code == 202, r.text
    return r.json()


def test_a_rejection_is_mailed_to_the_address_given_at_filing(api_client, api_services, mail_on):
    filed = _file_with_email(api_client, SUBJECT, "  pemohon@contoh.id ")
    assert api_services.access.email(filed["id"]) == "pemohon@contoh.id"
    api_services.applications.record_decision(filed["id"], status=Status.NEEDS_REVIEW, findings=(), changes={},
                                              extractions={})
    log_in(api_client, api_services, "siti", role="verifikator")
    r = api_client.post(f"/api/applications/{filed['id']}/decision",
                        json={"approve": False, "note": "Ijazah bukan milik pemohon."})
    assert r.status_code == 200
    assert mail_on.arrived.wait(10), "no notice reached the SMTP server"
    (message,) = mail_on.received
    assert message["To"] == "pemohon@contoh.id" and message["From"] == "dukcapil@example.go.id"
    assert message["Subject"] == f"Permohonan {filed['tracking_code']} ditolak"
    text = message.get_payload(decode=True).decode("utf-8")
    assert "Alasan: Ijazah bukan milik pemohon." in text and "Dinas Dukcapil Kabupaten Uji" in text
    assert filed["status_token"] not in text and SUBJECT not in text  # the secret link is not in a mailbox


def test_waiting_for_review_is_mailed_and_no_address_means_no_mail(api_client, api_services, mail_on):
    filed = _file_with_email(api_client, SUBJECT, "pemohon@contoh.id")
    silent = file_over_http(api_client, OTHER)
    for app_id in (filed["id"], silent["id"]):
        api_services.applications.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(), changes={},
                                                  extractions={})
    assert casework.notify_decision(api_services, silent["id"]) is False
    assert casework.notify_decision(api_services, filed["id"]) is True
    (message,) = mail_on.received
    assert message["Subject"] == f"Permohonan {filed['tracking_code']} sedang diperiksa petugas"


def test_a_bad_address_is_refused_at_filing_and_nothing_is_filed(api_client, api_services):
    before = len(api_services.applications.list())
    from tests.fixtures.api import png

    r = api_client.post("/api/applications", data={"nik": SUBJECT, "jenis_perubahan": "pendidikan",
                                                   "email": "bukan alamat"},
                        files={"kk": ("kk.png", png(), "image/png"), "ijazah": ("i.png", png(), "image/png")})
    assert (r.status_code, r.json()["code"], r.json()["message"]) == (422, "INVALID_INPUT", "Alamat e-mail tidak sah.")
    assert len(api_services.applications.list()) == before


def test_an_smtp_server_that_is_down_does_not_stop_the_decision_and_logs_no_address(
        api_client, api_services, monkeypatch, caplog):
    from tests.fixtures.pki import free_port

    monkeypatch.setattr(api_services, "settings", dataclasses.replace(
        api_services.settings, smtp_host="127.0.0.1", smtp_port=free_port()))
    filed = _file_with_email(api_client, SUBJECT, "pemohon@contoh.id")
    api_services.applications.record_decision(filed["id"], status=Status.NEEDS_REVIEW, findings=(), changes={},
                                              extractions={})
    with caplog.at_level(logging.INFO, logger="casework"):
        assert casework.notify_decision(api_services, filed["id"]) is False
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("casework")]
    assert any("not sent (ConnectionRefusedError)" in line for line in lines), lines
    assert all("pemohon@contoh.id" not in line and SUBJECT not in line for line in lines)
    log_in(api_client, api_services, "siti", role="verifikator")
    r = api_client.post(f"/api/applications/{filed['id']}/decision", json={"approve": False, "note": "tidak sah"})
    assert r.status_code == 200 and api_services.applications.get(filed["id"]).status == "rejected"
