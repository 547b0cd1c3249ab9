"""Small server-rendered pages in Bahasa Indonesia: the upload form, the login, messages (in the shared layout).
The verifikator's pages are `_queue`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from . import _templates

if TYPE_CHECKING:
    from ._auth import Staff


def _page(title: str, body: str, *, who: Staff | None = None, scripts: tuple[str, ...] = ()) -> str:
    """A page in the shared layout (`templates/layout.html`) around HTML already escaped (the archive
    pages, `_archive_pages`, still build theirs in code)."""
    return _templates.render("layout.html", title=title, body=Markup(body), who=who, scripts=scripts)


def login_page(*, csrf_token: str, next_url: str, message: str = "") -> str:
    return _templates.render("login.html", title="Masuk petugas", csrf_token=csrf_token, next_url=next_url,
                             message=message)


def message_page(title: str, text: str, *, who: Staff | None = None) -> str:
    return _templates.render("message.html", title=title, text=text, who=who)


def forbidden_page(who: Staff) -> str:
    role = _templates.ROLE_NAMES.get(who.user.role, who.user.role)
    return message_page("Akses ditolak", f"Akun {who.name} ({role}) tidak berwenang membuka halaman ini.", who=who)


def upload_page() -> str:
    return _templates.render("upload.html", title="Permohonan perubahan data kependudukan",
                             scripts=("/static/upload.js",))
