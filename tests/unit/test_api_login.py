"""Logging in and out over HTTP: the session cookie, the lockout, CSRF on every state-changing request,
sessions that end, and decisions in the name of the logged-in verifikator (never one they filed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

import casework
from core import Status
from flows import FINALIZE_DEPLOYMENT
from registry import Accounts, Sessions, _accounts, _sessions
from tests.fixtures.accounts import PASSWORD, add_staff, log_in, login_form_token, staff_token
from tests.fixtures.api import OTHER, SUBJECT, file_over_http, waiting_application


@pytest.fixture
def svc(api_services):
    return api_services


@pytest.fixture
def client(api_client):
    return api_client


@pytest.fixture
def starter(flow_starter):
    return flow_starter


def _post_login(client, name: str, password: str = PASSWORD, *, next_url: str = "", token: str | None = None):
    return client.post("/login", data={"name": name, "password": password, "next": next_url,
                                       "csrf_token": token if token is not None else login_form_token(client)},
                       follow_redirects=False)


def _cookie_header(r, name: str) -> str:
    found = [h for h in r.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert len(found) == 1, r.headers.get_list("set-cookie")
    return found[0]


def test_a_page_sends_to_the_login_and_back(client, svc):
    add_staff(svc, "siti", "verifikator", full_name="SITI RAHMA")
    r = client.get("/review?x=1", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/login?next=/review%3Fx%3D1")
    page = client.get(r.headers["location"])
    assert 'name="next" value="/review?x=1"' in page.text and "Kata sandi" in page.text
    assert page.headers["cache-control"] == "no-store"

    r = _post_login(client, "SITI", next_url="/review?x=1")
    assert (r.status_code, r.headers["location"]) == (303, "/review?x=1")
    cookie = _cookie_header(r, "capil_session")
    attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/", f"max-age={int(_sessions.LIFETIME.total_seconds())}"} <= attributes
    assert "secure" not in attributes  # plain http: a Secure cookie would never come back
    page = client.get("/review")
    assert page.status_code == 200 and "Masuk sebagai <b>SITI RAHMA</b>" in page.text
    assert re.search(r'<meta name="csrf-token" content="[^"]{20,}">', page.text)


def test_the_cookies_are_secure_when_the_site_is_served_over_https(api_client, svc):
    from fastapi.testclient import TestClient

    add_staff(svc, "siti", "verifikator")
    with TestClient(api_client.app, base_url="https://testserver") as client:
        r = _post_login(client, "siti")
        assert "secure" in {a.strip().lower() for a in _cookie_header(r, "capil_session").split(";")}
    # behind a proxy that ends TLS, the public URL says so
    svc.settings = dataclasses.replace(svc.settings, public_base_url="https://capil.example")
    page = api_client.get("/login")
    assert "secure" in {a.strip().lower() for a in _cookie_header(page, "capil_login").split(";")}


@pytest.mark.parametrize("next_url", ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:x"])
def test_after_login_the_browser_stays_on_this_site(client, svc, next_url):
    add_staff(svc, "budi", "arsip")
    r = _post_login(client, "budi", next_url=next_url)
    assert (r.status_code, r.headers["location"]) == (303, "/archive")


def test_wrong_password_and_unknown_name_look_the_same(client, svc):
    add_staff(svc, "siti", "verifikator")
    answers = [_post_login(client, name, "salah-salah-salah") for name in ("siti", "tidak-ada")]
    for r in answers:
        assert r.status_code == 200 and "Nama pengguna atau kata sandi salah." in r.text
        assert "capil_session=" not in r.headers.get("set-cookie", "")
    assert "capil_session" not in client.cookies


def test_repeated_failures_lock_the_login(client, svc):
    add_staff(svc, "siti", "verifikator")
    for _ in range(_accounts.MAX_FAILURES - 1):
        assert _post_login(client, "siti", "salah-salah-salah").status_code == 200
    locked = _post_login(client, "siti", "salah-salah-salah")
    assert locked.status_code == 429 and "Coba lagi dalam 15 menit" in locked.text
    assert int(locked.headers["retry-after"]) == int(_accounts.LOCKOUT.total_seconds())
    r = _post_login(client, "siti")  # the right password, while locked
    assert r.status_code == 429 and "capil_session" not in client.cookies
    # another name is not locked
    add_staff(svc, "budi", "arsip")
    assert _post_login(client, "budi").status_code == 303


def test_a_lock_ends(client, svc):
    now = [dt.datetime.now(dt.UTC)]
    svc.accounts = Accounts(svc.database, clock=lambda: now[0])
    add_staff(svc, "siti", "verifikator")
    for _ in range(_accounts.MAX_FAILURES):
        _post_login(client, "siti", "salah-salah-salah")
    assert _post_login(client, "siti").status_code == 429
    now[0] += _accounts.LOCKOUT + dt.timedelta(seconds=1)
    assert _post_login(client, "siti").status_code == 303


def test_the_login_form_must_come_from_this_site(client, svc):
    add_staff(svc, "siti", "verifikator")
    login_form_token(client)
    r = _post_login(client, "siti", token="forged")
    assert r.status_code == 403 and "kedaluwarsa" in r.text
    client.cookies.clear()
    r = client.post("/login", data={"name": "siti", "password": PASSWORD, "csrf_token": "x"}, follow_redirects=False)
    assert r.status_code == 403 and "capil_session" not in client.cookies


def test_state_changing_requests_of_a_session_need_its_csrf_token(client, svc):
    app_id = waiting_application(svc)
    log_in(client, svc, "siti", role="verifikator")
    csrf = client.headers.pop("X-CSRF-Token")
    url = f"/api/applications/{app_id}/decision"
    r = client.post(url, json={"approve": False})
    assert (r.status_code, r.json()["code"]) == (403, "CSRF_FAILED") and "Muat ulang" in r.json()["message"]
    r = client.post(url, json={"approve": False}, headers={"X-CSRF-Token": csrf[:-1] + "x"})
    assert r.json()["code"] == "CSRF_FAILED"
    # another session's token is no good either
    other = svc.sessions.start(svc.accounts.get("siti")).session.csrf_token
    assert client.post(url, json={"approve": False}, headers={"X-CSRF-Token": other}).status_code == 403
    assert svc.applications.get(app_id).status == "needs_review"
    r = client.post(url, json={"approve": False, "note": "ijazah palsu"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    # an API token is not sent by a browser on its own: no CSRF token needed
    token = staff_token(svc, "mesin", "verifikator")
    second = waiting_application(svc, OTHER)
    client.cookies.clear()
    r = client.post(f"/api/applications/{second}/decision", json={"approve": False, "note": "bukan pemohon"},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["decision"]["by"] == "mesin"


def test_logout_needs_the_token_and_ends_the_session_on_the_server(client, svc):
    log_in(client, svc, "siti", role="verifikator")
    cookie = client.cookies["capil_session"]
    r = client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403 and svc.sessions.get(cookie) is not None
    r = client.post("/logout", data={"csrf_token": client.headers["X-CSRF-Token"]}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/login?keluar=1")
    assert 'capil_session=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers["set-cookie"]
    assert "Anda telah keluar." in client.get("/login?keluar=1").text
    client.cookies.set("capil_session", cookie)  # the old cookie, kept by someone
    assert client.get("/api/applications").status_code == 401
    assert client.get("/review", follow_redirects=False).status_code == 303


def test_an_ended_session_is_asked_to_log_in_again(client, svc):
    now = [dt.datetime.now(dt.UTC)]
    svc.sessions = Sessions(svc.database, clock=lambda: now[0])
    log_in(client, svc, "siti", role="verifikator")
    assert client.get("/api/applications").status_code == 200
    now[0] += _sessions.IDLE + dt.timedelta(seconds=1)
    r = client.get("/api/applications")
    assert (r.status_code, r.json()["code"]) == (401, "UNAUTHENTICATED") and "Silakan masuk" in r.json()["message"]
    assert client.get("/review", follow_redirects=False).headers["location"] == "/login?next=/review"

    log_in(client, svc, "siti")
    svc.accounts.disable("siti", actor="test")
    assert client.get("/api/applications").status_code == 401


def test_a_decision_is_in_the_name_of_the_logged_in_verifikator_and_so_is_the_record_change(client, svc, starter):
    app_id = waiting_application(svc)
    log_in(client, svc, "siti", role="verifikator")
    r = client.post(f"/api/applications/{app_id}/decision",
                    json={"approve": True, "verifikator": "SESEORANG LAIN", "note": "dicek"})
    assert r.status_code == 200, r.text
    assert r.json()["decision"]["by"] == "siti" and starter.started[-1] == (FINALIZE_DEPLOYMENT, app_id)
    assert casework.apply_change(svc, app_id) == "processing"
    assert svc.population.history(SUBJECT)[-1]["actor"] == "siti"
    decided = [e for e in svc.audit.entries(subject=app_id) if e["action"] == "application.decide.review"]
    assert [e["actor"] for e in decided] == ["siti"]


def test_a_verifikator_cannot_decide_an_application_they_filed(client, svc):
    token = staff_token(svc, "loket-siti", "verifikator")
    filed = file_over_http(client, headers={"Authorization": f"Bearer {token}"})
    assert svc.access.filed_by(filed["id"]) == "loket-siti"
    svc.applications.record_decision(filed["id"], status=Status.NEEDS_REVIEW, findings=(), changes={}, extractions={})
    r = client.post(f"/api/applications/{filed['id']}/decision", json={"approve": False},
                    headers={"Authorization": f"Bearer {token}"})
    assert (r.status_code, r.json()["code"]) == (403, "FORBIDDEN") and "sendiri" in r.json()["message"]
    log_in(client, svc, "budi", role="verifikator")
    assert client.post(f"/api/applications/{filed['id']}/decision",
                       json={"approve": False, "note": "tidak sesuai"}).status_code == 200
    # filed in a counter's session, the same holds
    log_in(client, svc, "loket-budi", role="verifikator")
    filed = file_over_http(client, nik=OTHER)
    assert svc.access.filed_by(filed["id"]) == "loket-budi"


def test_staff_find_an_application_by_its_tracking_code(client, svc):
    filed = file_over_http(client)
    log_in(client, svc, "budi", role="arsip")
    code = filed["tracking_code"]
    found = client.get("/api/applications", params={"tracking_code": code.lower()}).json()
    assert [a["id"] for a in found] == [filed["id"]]
    assert client.get("/api/applications", params={"tracking_code": "AAAAA-AAAAA"}).json() == []
    shown = client.get(f"/api/applications/{filed['id']}").json()
    assert shown["tracking_code"] == code and "uploads" in shown
