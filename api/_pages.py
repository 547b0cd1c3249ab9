"""Small server-rendered pages in Bahasa Indonesia: the upload form, the login, messages (in the shared layout).
The verifikator's pages are `_queue`."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import _templates

if TYPE_CHECKING:
    from ._auth import Staff


def _page(title: str, body: str, *, who: Staff | None = None, scripts: tuple[str, ...] = ()) -> str:
    """A page in the shared layout (`templates/layout.html`); `body` is HTML already escaped."""
    return _templates.render("layout.html", title=title, body=Markup(body), who=who, scripts=scripts)


def login_page(*, csrf_token: str, next_url: str, message: str = "") -> str:
    shown = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    return _page("Masuk petugas", f"""
<h1>Masuk petugas</h1>
{shown}
<form method="post" action="/login">
 <input type="hidden" name="csrf_token" value="{escape(csrf_token)}">
 <input type="hidden" name="next" value="{escape(next_url)}">
 <label for="name">Nama pengguna</label><input id="name" name="name" autocomplete="username" required autofocus>
 <label for="password">Kata sandi</label>
 <input id="password" name="password" type="password" autocomplete="current-password" required>
 <button type="submit">Masuk</button>
</form>
<p>Halaman ini untuk petugas Dinas. Pemohon tidak perlu masuk: status permohonan dibuka dengan tautan yang
diberikan saat permohonan dikirim.</p>""")


def message_page(title: str, text: str, *, who: Staff | None = None) -> str:
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>", who=who)


def forbidden_page(who: Staff) -> str:
    role = _templates.ROLE_NAMES.get(who.user.role, who.user.role)
    return message_page("Akses ditolak", f"Akun {who.name} ({role}) tidak berwenang membuka halaman ini.", who=who)


def upload_page() -> str:
    return _page("Permohonan perubahan data kependudukan", """
<h1>Permohonan perubahan data kependudukan</h1>
<form id="f">
 <label for="nik">NIK</label><input id="nik" name="nik" required pattern="[0-9]{16}" inputmode="numeric">
 <label for="jp">Jenis perubahan</label>
 <select id="jp" name="jenis_perubahan">
  <option value="pendidikan">Pendidikan (dengan ijazah)</option>
  <option value="status_perkawinan">Status perkawinan (dengan buku nikah)</option>
  <option value="koreksi_biodata">Koreksi biodata (dengan ijazah)</option>
 </select>
 <label for="kk">Kartu Keluarga (pindaian atau PDF)</label><input id="kk" name="kk" type="file" required>
 <label for="ij">Ijazah</label><input id="ij" name="ijazah" type="file">
 <label for="bn">Buku nikah</label><input id="bn" name="buku_nikah" type="file">
 <button type="submit">Kirim permohonan</button>
</form>
<div id="out" role="status"></div>
""", scripts=("/static/upload.js",))
