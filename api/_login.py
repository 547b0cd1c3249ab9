"""Staff login and logout (HTML forms, Indonesian).

The login form is protected against cross-site posting by a double-submit token: `GET /login`
sets a short-lived cookie (`capil_login`, path /login) and puts the same value in the form; the
post must carry both. A successful login starts a server-side session (`registry.Sessions`) and
sets its cookie: HttpOnly, SameSite=Strict, Secure when the browser talks HTTPS, for the session's
lifetime. Logout is a form post carrying the session's CSRF token.
"""

from __future__ import annotations

import hmac
import math
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from casework import Services
from registry import User

from . import _pages
from ._auth import SESSION_COOKIE, Cookie, Staff, Svc, is_https, page_role, safe_next

LOGIN_COOKIE = "capil_login"
_LOGIN_COOKIE_AGE = 3600
_HOME = {"verifikator": "/review", "arsip": "/archive", "admin": "/review"}


def home_of(user: User) -> str:
    return _HOME.get(user.role, "/review")


def _login_form(request: Request, svc: Services, *, next_url: str, message: str = "", status: int = 200,
                headers: dict[str, str] | None = None) -> HTMLResponse:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
    response = HTMLResponse(_pages.login_page(csrf_token=token, next_url=next_url, message=message),
                            status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})
    response.set_cookie(LOGIN_COOKIE, token, max_age=_LOGIN_COOKIE_AGE, path="/login", httponly=True,
                        samesite="strict", secure=is_https(request, svc))
    return response


def login_page(request: Request, svc: Svc, next: str = "", keluar: str = "") -> HTMLResponse:
    message = "Anda telah keluar." if keluar else ""
    return _login_form(request, svc, next_url=safe_next(next) or "", message=message)


def login(
    request: Request,
    svc: Svc,
    cookie: Cookie,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    next_url = safe_next(next) or ""
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not csrf_token or not hmac.compare_digest(expected, csrf_token):
        return _login_form(request, svc, next_url=next_url, status=403,
                           message="Formulir masuk sudah kedaluwarsa. Silakan coba lagi.")
    result = svc.accounts.authenticate(name, password)
    if result.locked_until is not None:
        wait = max(1, math.ceil((result.locked_until - svc.accounts.now()).total_seconds()))
        return _login_form(request, svc, next_url=next_url, status=429, headers={"Retry-After": str(wait)},
                           message="Terlalu banyak percobaan masuk yang gagal untuk nama ini. "
                                   f"Coba lagi dalam {math.ceil(wait / 60)} menit.")
    if result.user is None:
        return _login_form(request, svc, next_url=next_url,
                           message="Nama pengguna atau kata sandi salah.")  # the form again, as a page
    if cookie:
        svc.sessions.end(cookie)  # whatever session this browser had before is over
    started = svc.sessions.start(result.user)
    response = RedirectResponse(next_url or home_of(result.user), status_code=303)
    response.set_cookie(SESSION_COOKIE, started.cookie, max_age=started.max_age, path="/",
                        httponly=True, samesite="strict", secure=is_https(request, svc))
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def logout(
    svc: Svc,
    cookie: Cookie,
    who: Annotated[Staff, Depends(page_role())],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    if not who.csrf_token or not hmac.compare_digest(csrf_token, who.csrf_token):
        return HTMLResponse(_pages.message_page("Gagal keluar", "Token keamanan formulir tidak cocok. "
                                                "Muat ulang halaman lalu coba lagi."), status_code=403)
    if cookie:
        svc.sessions.end(cookie)
    response = RedirectResponse("/login?keluar=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def install(app: FastAPI) -> None:
    """Add the login routes to the app itself (not as an included router: the route table test
    walks `app.routes`)."""
    app.get("/login", response_class=HTMLResponse, include_in_schema=False)(login_page)
    app.post("/login", response_class=HTMLResponse, include_in_schema=False)(login)
    app.post("/logout", include_in_schema=False)(logout)
