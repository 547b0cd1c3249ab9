"""Small server-rendered pages in Bahasa Indonesia (templates in `api/templates`): the upload form, the login,
messages. The verifikator's pages are `_queue`, the applicant's status page `_status_page`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _templates

if TYPE_CHECKING:
    from ._auth import Staff


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
