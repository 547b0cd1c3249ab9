"""Small server-rendered pages in Bahasa Indonesia (templates in `api/templates`): the upload form, the login,
messages. The verifikator's pages are `_queue`, the applicant's status page `_status_page`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import _templates, _words

if TYPE_CHECKING:
    from core import Settings

    from ._auth import Staff


def login_page(*, csrf_token: str, next_url: str, message: str = "") -> str:
    return _templates.render("login.html", title="Masuk petugas", csrf_token=csrf_token, next_url=next_url,
                             message=message)


def message_page(title: str, text: str, *, who: Staff | None = None) -> str:
    return _templates.render("message.html", title=title, text=text, who=who)


def forbidden_page(who: Staff) -> str:
    role = _templates.ROLE_NAMES.get(who.user.role, who.user.role)
    return message_page("Akses ditolak", f"Akun {who.name} ({role}) tidak berwenang membuka halaman ini.", who=who)


ACCEPT = ".png,.jpg,.jpeg,.tif,.tiff,.webp,.pdf,image/png,image/jpeg,image/tiff,image/webp,application/pdf"
"""What the file pickers offer: the types filing accepts (`ocr.check_upload`)."""


def upload_page(settings: Settings) -> str:
    """The service standard (requirements per change, procedure, time, fee), then the form with only the
    upload slots the chosen change needs (`static/upload.js`)."""
    slots_for: dict[str, list[str]] = {}
    for change, slots in _words.EVIDENCE.items():
        for slot in slots:
            slots_for.setdefault(slot, []).append(change)
    return _templates.render("upload.html", title="Permohonan perubahan data kependudukan",
                             scripts=("/static/upload.js",), office=settings.office_name,
                             promise=settings.service_promise, max_bytes=settings.max_upload_bytes,
                             max_mb=max(1, settings.max_upload_bytes // 2**20), accept=ACCEPT,
                             slots_for=slots_for, today=dt.date.today().isoformat())
