"""Who is asking, and whether they may: staff sessions, staff API tokens, applicants' status tokens.

    credential                           sent by                        stands for
    cookie `capil_session` (css_…)       a staff browser after /login   a staff account; unsafe requests
                                                                        also send its CSRF token
    Authorization: Bearer cst_…          a counter or partner system    a staff account (`capil users token`)
    Authorization: Bearer cap_…          the applicant                  one application: its status and
      or ?token=cap_… (a link)                                          signed KK, nothing else

Each route states what it needs with one of the dependencies below; the route table in
`tests/unit/test_api_access.py` checks every route of the app against it. The credential is
checked before anything about the application is read, so no answer tells whether it exists.

    NotAuthenticated   401 UNAUTHENTICATED  no credential, or one unknown, expired, revoked
    Forbidden          403 FORBIDDEN        a role that may not, a status token of another application
    CsrfFailed         403 CSRF_FAILED      a session's unsafe request without its CSRF token
    LoginRequired      303 to /login        an HTML page without a live session
    PageForbidden      403 (HTML)           an HTML page the account's role may not see

The API answers the first three as problem objects (`_problems`) with the code and an Indonesian message.
"""

from __future__ import annotations

import hmac
import logging
import re
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from casework import Services, services
from core import CapilError
from registry import STAFF_TOKEN_PREFIX, User

SESSION_COOKIE = "capil_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
APPLICANT = "pemohon"


class NotAuthenticated(CapilError):
    code = "UNAUTHENTICATED"
    http_status = 401
    message_id = "Silakan masuk terlebih dahulu: sesi atau token tidak ada, tidak sah, atau sudah berakhir."


class Forbidden(CapilError):
    code = "FORBIDDEN"
    http_status = 403
    message_id = "Anda tidak berwenang untuk permintaan ini."


class CsrfFailed(Forbidden):
    code = "CSRF_FAILED"
    message_id = "Token keamanan formulir tidak cocok. Muat ulang halaman lalu coba lagi."


class LoginRequired(Exception):
    """An HTML page asked for without a live session: the answer is a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class PageForbidden(Exception):
    """An HTML page the account's role may not see."""

    def __init__(self, staff: Staff) -> None:
        super().__init__(staff.name)
        self.staff = staff


@dataclass(frozen=True)
class Staff:
    """A staff account making this request, by session (with its CSRF token) or by API token."""

    user: User
    via: str
    """`session` or `token`."""
    csrf_token: str | None = None

    @property
    def name(self) -> str:
        return self.user.name


@dataclass(frozen=True)
class Applicant:
    """Whoever holds the status token of one application."""

    application_id: str
    name: str = APPLICANT


def get_services() -> Services:
    return services()


Svc = Annotated[Services, Depends(get_services)]
_bearer_scheme = HTTPBearer(auto_error=False, scheme_name="token",
                            description="Token API petugas (`cst_…`, dari `capil users token`) atau token status "
                                        "permohonan milik pemohon (`cap_…`).")
_cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, scheme_name="sesi",
                              description="Sesi petugas setelah masuk di /login.")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer_scheme)]
Cookie = Annotated[str | None, Depends(_cookie_scheme)]


def _staff_by_token(svc: Services, token: str) -> Staff:
    user = svc.accounts.user_for_token(token)
    if user is None:
        raise NotAuthenticated("unknown, revoked or disabled API token")
    return Staff(user, "token")


def _staff_by_cookie(svc: Services, cookie: str | None) -> Staff | None:
    if not cookie:
        return None
    live = svc.sessions.get(cookie)
    return Staff(live.user, "session", live.csrf_token) if live is not None else None


def optional_staff(svc: Svc, bearer: Bearer, cookie: Cookie) -> Staff | None:
    """The staff account behind the request, if any. A staff token that does not hold is refused
    even here; an applicant's token is not a staff credential and is ignored."""
    if bearer is not None and bearer.credentials.startswith(STAFF_TOKEN_PREFIX):
        return _staff_by_token(svc, bearer.credentials)
    return _staff_by_cookie(svc, cookie)


async def _check_csrf(request: Request, staff: Staff) -> None:
    """A session's unsafe request carries the session's CSRF token (header, or form field)."""
    if staff.via != "session" or request.method not in _UNSAFE:
        return
    sent = request.headers.get(CSRF_HEADER)
    if not sent and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not staff.csrf_token or not hmac.compare_digest(sent, staff.csrf_token):
        raise CsrfFailed("missing or wrong CSRF token")


async def staff(request: Request, found: Annotated[Staff | None, Depends(optional_staff)]) -> Staff:
    """Any staff account (401 without one)."""
    if found is None:
        raise NotAuthenticated("no session or API token")
    await _check_csrf(request, found)
    return found


def role(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency: a staff account that may do what one of `roles` may (admin may everything)."""

    def dependency(who: Annotated[Staff, Depends(staff)]) -> Staff:
        if not who.user.has_role(*roles):
            raise Forbidden(f"{who.name} ({who.user.role}) is not {' or '.join(roles)}")
        return who

    dependency.__name__ = f"role_{'_'.join(roles)}"
    return dependency


def application_reader(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency for one application's routes: its applicant (status token, header or `?token=`),
    or a staff account with one of `roles` (any staff account when none is named)."""

    async def dependency(request: Request, svc: Svc, application_id: str, bearer: Bearer, cookie: Cookie,
                         token: Annotated[str | None, Query(description="Token status dari pemohon "
                                                                        "(tautan yang diberikan saat pengajuan).")]
                         = None) -> Staff | Applicant:
        given = token or (bearer.credentials if bearer is not None else None)
        if given and not given.startswith(STAFF_TOKEN_PREFIX):
            opened = svc.access.application_for_token(given)
            if opened is None:
                raise NotAuthenticated("unknown status token")
            if opened != application_id:
                raise Forbidden("status token of another application")
            return Applicant(application_id)
        who = await staff(request, optional_staff(svc, bearer, cookie))
        if roles and not who.user.has_role(*roles):
            raise Forbidden(f"{who.name} ({who.user.role}) is not {' or '.join(roles)}")
        return who

    dependency.__name__ = f"application_reader_{'_'.join(roles) or 'staff'}"
    return dependency


def page_role(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency for HTML pages: a live session (else a redirect to the login page) whose account
    may do what one of `roles` may (any account when none is named)."""

    def dependency(request: Request, svc: Svc, cookie: Cookie) -> Staff:
        who = _staff_by_cookie(svc, cookie)
        if who is None:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise LoginRequired(target)
        if roles and not who.user.has_role(*roles):
            raise PageForbidden(who)
        return who

    dependency.__name__ = f"page_{'_'.join(roles) or 'staff'}"
    return dependency


def login_url(next_url: str) -> str:
    return "/login?next=" + quote(next_url, safe="/")


def safe_next(next_url: str | None) -> str | None:
    """A place on this site to go after login, or None (never another site: no `//`, no scheme)."""
    if not next_url or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        return None
    if any(ord(c) < 32 for c in next_url):
        return None
    return next_url


def is_https(request: Request, svc: Services) -> bool:
    """Whether the browser talks HTTPS to us (directly, or to the proxy named by the public URL)."""
    return request.url.scheme == "https" or svc.settings.effective_public_base_url.startswith("https://")


_TOKEN_IN_QUERY = re.compile(r"((?:^|[?&])token=)[^&\s\"]+")


class RedactTokens(logging.Filter):
    """Access-log lines keep the path but not a status token given in the query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN_IN_QUERY.sub(r"\1***", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def redact_access_log() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access.filters):
        access.addFilter(RedactTokens())
