"""Who may call which route: every route of the app, walked from `app.routes`, without a session, with each
role, and with an applicant's status token. A route added to the app without an entry in ACCESS fails here.

    open               anyone; never 401/403 or a redirect to the login
    staff              any staff account (API: 401 without)
    verifikator        verifikator or admin (API: 401 without an account, 403 with another role)
    arsip              arsip or admin
    applicant|staff    the status token of this application, or any staff account
    applicant|arsip    the status token of this application, or arsip or admin
    page:...           HTML: a redirect to /login without a session, a 403 page for another role
"""

from __future__ import annotations

import re

import pytest
from starlette.routing import Route

from api import app
from tests.fixtures.accounts import log_in, login_form_token, staff_token
from tests.fixtures.api import file_over_http, waiting_application

ACCESS = {
    ("GET", "/openapi.json"): "open",
    ("GET", "/docs"): "open",
    ("GET", "/static/{name}"): "open",
    ("GET", "/static/swagger/{name}"): "open",
    ("GET", "/health"): "open",
    ("GET", "/health/live"): "open",
    ("GET", "/health/ready"): "open",
    ("GET", "/metrics"): "admin",
    ("GET", "/"): "open",
    ("GET", "/login"): "open",
    ("POST", "/login"): "open",
    ("POST", "/logout"): "page:staff",
    ("POST", "/api/applications"): "open",
    ("GET", "/api/applications"): "staff",
    ("GET", "/api/applications/{application_id}"): "applicant|staff",
    ("POST", "/api/applications/{application_id}/decision"): "verifikator",
    ("GET", "/api/applications/{application_id}/document"): "applicant|arsip",
    ("GET", "/api/applications/{application_id}/pages/{document}/{number}.png"): "verifikator",
    ("POST", "/api/verify"): "open",
    ("GET", "/v/{application_id}"): "open",
    ("GET", "/api/archive/documents"): "arsip",
    ("GET", "/archive"): "page:arsip",
    ("GET", "/review"): "page:verifikator",
    ("GET", "/review/{application_id}"): "page:verifikator",
    ("POST", "/review/{application_id}"): "page:verifikator",
    ("GET", "/permohonan/{application_id}"): "applicant|staff",
}
ROLES = ("verifikator", "arsip", "admin")


@pytest.fixture
def svc(api_services):
    return api_services


@pytest.fixture
def client(api_client):
    return api_client


def _routes() -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        assert isinstance(route, Route), f"{route!r}: register routes on the app itself, so this test sees them"
        found += [(method, route.path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return found


ROUTES = _routes()


def test_every_route_of_the_app_has_an_access_rule():
    assert sorted(set(ROUTES) - set(ACCESS)) == [], "a new route: say in ACCESS who may call it"
    assert sorted(set(ACCESS) - set(ROUTES)) == [], "ACCESS names a route the app no longer has"


def _allowed(rule: str, role: str | None) -> bool:
    needed = rule.removeprefix("page:").removeprefix("applicant|")
    if needed == "open":
        return True
    if role is None:
        return False
    return needed == "staff" or role in (needed, "admin")


def _call(client, method: str, path: str, *, application_id: str, headers: dict | None = None,
          params: dict | None = None):
    url = path.format(application_id=application_id, document="kk", number="1", name="capil.css")
    kwargs: dict = {"headers": headers or {}, "params": params or {}, "follow_redirects": False}
    if (method, path) == ("POST", "/login"):
        kwargs["data"] = {"name": "tidak-ada", "password": "salah-salah-salah", "csrf_token": login_form_token(client)}
    elif (method, path) == ("POST", "/logout"):
        kwargs["data"] = {"csrf_token": client.headers.get("X-CSRF-Token", "")}
    elif path == "/api/applications" and method == "POST":
        kwargs["files"] = {"kk": ("kk.txt", b"not a scan", "text/plain")}
        kwargs["data"] = {"nik": "7401050102030003", "jenis_perubahan": "pendidikan"}
    elif path == "/api/verify":
        kwargs["files"] = {"file": ("x.pdf", b"%PDF-1.7 not really", "application/pdf")}
    elif (method, path) == ("POST", "/review/{application_id}"):
        kwargs["data"] = {"csrf_token": client.headers.get("X-CSRF-Token", ""), "keputusan": "tolak",
                          "alasan": "lainnya", "catatan": "uji", "yakin": "1"}
    elif path.endswith("/decision"):
        kwargs["json"] = {"approve": False, "note": "uji"}
    return client.request(method, url, **kwargs)


def _assert_refused(r, rule: str, *, authenticated: bool, what: str) -> None:
    if rule.startswith("page:"):
        if authenticated:
            assert r.status_code == 403 and "Akses ditolak" in r.text, what
        else:
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), what
        return
    expected = (403, "FORBIDDEN") if authenticated else (401, "UNAUTHENTICATED")
    assert (r.status_code, r.json()["code"]) == expected, (what, r.text)
    assert r.headers["content-type"] == "application/problem+json", what
    assert {"type", "title", "status", "detail", "code", "message"} <= set(r.json()) and r.json()["message"], what
    assert r.json()["status"] == r.status_code and r.json()["detail"] == r.json()["message"], what
    if not authenticated:
        assert r.headers["www-authenticate"].startswith("Bearer")


def _assert_let_through(r, what: str) -> None:
    assert r.status_code not in (401, 403), (what, r.status_code, r.text[:300])
    assert not (r.status_code in (302, 303, 307) and r.headers["location"].startswith("/login?next=")), what


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_without_a_session_only_open_routes_answer(client, svc, method, path):
    rule = ACCESS[(method, path)]
    for application_id in (waiting_application(svc), "tidak-ada"):
        r = _call(client, method, path, application_id=application_id)
        what = f"{method} {path} anonymous"
        if rule == "open":
            _assert_let_through(r, what)
        else:
            _assert_refused(r, rule, authenticated=False, what=what)
    # a cookie that is not a live session, or a bearer token that holds nothing, is no better
    client.cookies.set("capil_session", "css_" + "A" * 43)
    for bearer in ("cst_" + "A" * 43, "cap_" + "A" * 43, "rubbish"):
        r = _call(client, method, path, application_id="tidak-ada", headers={"Authorization": f"Bearer {bearer}"})
        if rule == "open":
            if not (bearer.startswith("cst_") and path == "/api/applications"):  # a staff token is checked
                _assert_let_through(r, f"{method} {path} {bearer[:4]}")
        else:
            _assert_refused(r, rule, authenticated=False, what=f"{method} {path} {bearer[:4]}")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_routes_by_session_and_by_token(client, svc, role):
    app_id = waiting_application(svc)
    log_in(client, svc, f"staf-{role}", role=role)
    token = staff_token(svc, f"mesin-{role}", role)
    for method, path in ROUTES:
        rule = ACCESS[(method, path)]
        for how, headers in (("session", {}), ("token", {"Authorization": f"Bearer {token}"})):
            if how == "token" and rule.startswith("page:"):
                continue  # pages are for browsers with a session
            what = f"{method} {path} as {role} by {how}"
            for application_id in (app_id, "tidak-ada"):
                r = _call(client, method, path, application_id=application_id, headers=headers)
                if _allowed(rule, role):
                    _assert_let_through(r, what)
                else:
                    _assert_refused(r, rule, authenticated=True, what=what)
                if (method, path) == ("POST", "/logout") and how == "session":
                    log_in(client, svc, f"staf-{role}")  # logged out: in again for the next routes


def test_an_applicant_token_opens_its_own_application_and_nothing_else(client, svc):
    mine = file_over_http(client)
    theirs = file_over_http(client, nik="7401055506850002")
    token = mine["status_token"]
    assert token.startswith("cap_") and re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", mine["tracking_code"])
    assert mine["status_url"] == f"/api/applications/{mine['id']}?token={token}"
    auth = {"Authorization": f"Bearer {token}"}

    own = client.get(f"/api/applications/{mine['id']}", headers=auth)
    assert own.status_code == 200
    assert set(own.json()) == {"id", "nik", "jenis_perubahan", "status", "requested", "findings", "document",
                               "timings"}  # the contract's fields: no storage keys, no staff names
    assert client.get(mine["status_url"]).json() == own.json()
    r = client.get(f"/api/applications/{mine['id']}/document", headers=auth)
    assert (r.status_code, r.json()["code"]) == (404, "NO_ARCHIVED_DOCUMENT")  # theirs to ask, not signed yet

    for app_id in (theirs["id"], "tidak-ada"):  # another's, or none at all: the same answer
        for path in (f"/api/applications/{app_id}", f"/api/applications/{app_id}/document"):
            r = client.get(path, headers=auth)
            assert (r.status_code, r.json()["code"]) == (403, "FORBIDDEN"), path
            assert client.get(path, params={"token": token}).status_code == 403
    for method, path in ROUTES:
        rule = ACCESS[(method, path)]
        if rule.startswith("applicant|") or rule == "open":
            continue
        r = _call(client, method, path, application_id=mine["id"], headers=auth)
        _assert_refused(r, rule, authenticated=False, what=f"{method} {path} with a status token")
    assert svc.access.filed_by(mine["id"]) is None


def test_a_status_token_in_the_access_log_is_masked():
    import logging

    from api._auth import RedactTokens

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1", "GET", "/api/applications/x?token=cap_secret&a=1", "1.1", 200), None)
    RedactTokens().filter(record)
    assert "cap_secret" not in record.getMessage() and "token=***&a=1" in record.getMessage()


def test_every_answer_carries_the_security_headers(client):
    """Pages cannot be framed, answers are not sniffed, and no page hands its URL (an applicant's
    status token) to another site."""
    from api.app import SECURITY_HEADERS

    for path in ("/", "/login", "/health", "/api/applications", "/v/tidak-ada"):
        r = client.get(path, follow_redirects=False)
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (path, name)
    assert "frame-ancestors 'none'" in SECURITY_HEADERS["Content-Security-Policy"]
