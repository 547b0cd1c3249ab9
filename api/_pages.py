"""Small server-rendered pages in Bahasa Indonesia: the upload form, the login, the verifikator queue."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from . import _review

if TYPE_CHECKING:
    from ._auth import Staff

_ROLE_NAMES = {"verifikator": "verifikator", "arsip": "petugas arsip", "admin": "administrator"}

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input,select{font-size:1rem;padding:.3rem;width:100%;max-width:30rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-top:1rem;cursor:pointer}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}
.card{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.mismatch,.error{color:#a40000}.warning{color:#8a5a00}pre{background:#f4f4f4;padding:.8rem;overflow:auto}
nav.staff{display:flex;gap:1rem;align-items:center;justify-content:flex-end;border-bottom:1px solid #ccc;
padding-bottom:.5rem}nav.staff form{margin:0}nav.staff button{margin:0;padding:.2rem .8rem}
"""


def _page(title: str, body: str, *, who: Staff | None = None) -> str:
    csrf = f'<meta name="csrf-token" content="{escape(who.csrf_token)}">' if who and who.csrf_token else ""
    return (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">{csrf}<style>{_STYLE}</style>'
            f"</head><body>{staff_bar(who) if who else ''}{body}</body></html>")


def staff_bar(who: Staff) -> str:
    """Who is logged in, and the logout button (a form carrying the session's CSRF token)."""
    shown = who.user.full_name or who.name
    return (f'<nav class="staff"><span>Masuk sebagai <b>{escape(shown)}</b> '
            f"({escape(_ROLE_NAMES.get(who.user.role, who.user.role))})</span>"
            f'<form method="post" action="/logout"><input type="hidden" name="csrf_token" '
            f'value="{escape(who.csrf_token or "")}"><button type="submit">Keluar</button></form></nav>')


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
    role = _ROLE_NAMES.get(who.user.role, who.user.role)
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
<script>
const out = document.getElementById('out');
// one key per filled-in form: sending it again (a retry after a dropped connection) files once
let key = null;
document.getElementById('f').addEventListener('input', () => { key = null; });
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
                                (b) => b.toString(16).padStart(2, '0')).join('');
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  out.textContent = 'Mengirim…';
  key = key || newKey();
  const r = await fetch('/api/applications', {method: 'POST', body: new FormData(e.target),
                                              headers: {'Idempotency-Key': key}});
  const body = await r.json();
  if (!r.ok) { out.innerHTML = '<p class="error"></p>'; out.firstChild.textContent = body.message; return; }
  out.innerHTML = '<p>Permohonan diterima. Kode pelacakan: <b></b></p>' +
    '<p>Simpan tautan status ini; hanya tautan ini yang membuka permohonan Anda: <a id="link"></a></p><p id="st"></p>';
  out.querySelector('b').textContent = body.tracking_code;
  const link = out.querySelector('#link');
  link.href = body.status_url; link.textContent = location.origin + body.status_url;
  const poll = async () => {
    const a = await (await fetch('/api/applications/' + body.id,
                                 {headers: {'Authorization': 'Bearer ' + body.status_token}})).json();
    document.getElementById('st').textContent = 'Status: ' + a.status;
    if (a.status === 'received' || a.status === 'processing') setTimeout(poll, 2000);
  };
  poll();
});
</script>""")


def _finding_rows(findings: list[dict[str, Any]], *, application_id: str = "",
                  boxed: frozenset[int] = frozenset()) -> str:
    rows = "".join(
        f'<tr class="{escape(f["severity"])}"{_row_target(application_id, i, boxed)}><td>{_swatch(f["severity"])}'
        f'{escape(f["code"])}</td><td>{escape(str(f.get("document") or ""))}'
        f'</td><td>{escape(str(f.get("field") or ""))}</td><td>{escape(str(f.get("expected") or ""))}</td>'
        f'<td>{escape(str(f.get("found") or ""))}</td><td>{escape(f["message"])}</td></tr>'
        for i, f in enumerate(findings)
    )
    return ("<table><tr><th>Kode</th><th>Dokumen</th><th>Elemen</th><th>Data kependudukan</th>"
            f"<th>Terbaca</th><th>Keterangan</th></tr>{rows}</table>")


def _row_target(application_id: str, index: int, boxed: frozenset[int]) -> str:
    if index not in boxed:
        return ""
    return f' data-finding="{escape(application_id)}-{index}" tabindex="0" title="Klik untuk menandai di pindaian"'


def _swatch(severity: str) -> str:
    colour = _review.SEVERITY_COLOURS.get(severity, "#d50000")
    return f'<span class="swatch" style="border-color:{colour}" title="{escape(severity)}"></span>'


def review_page(applications: list[Any], pages: dict[str, dict[str, dict[str, Any]]] | None = None, *,
                who: Staff) -> str:
    """The verifikator queue. `pages`: per application id, its page-image manifests by document type
    (`casework.page_manifests`); each page is shown with a box over every field a finding names.
    Decisions are recorded in the name of `who`, the logged-in account (with its CSRF token)."""
    cards = "".join(_review_card(a, (pages or {}).get(a.id, {})) for a in applications
                    ) or "<p>Tidak ada permohonan yang menunggu verifikasi.</p>"
    return _page("Antrean verifikasi", f"""
<style>{_review.STYLE}</style>
<h1>Antrean verifikasi</h1>
<p>Keputusan dicatat atas nama <b>{escape(who.name)}</b>.</p>
{cards}
<script>
const csrf = document.querySelector('meta[name="csrf-token"]').content;
document.querySelectorAll('button[data-approve]').forEach(b => b.addEventListener('click', async () => {{
  const card = b.closest('.card');
  const r = await fetch('/api/applications/' + card.dataset.id + '/decision', {{method: 'POST',
    headers: {{'Content-Type': 'application/json', 'X-CSRF-Token': csrf}},
    body: JSON.stringify({{approve: b.dataset.approve === 'true', note: card.querySelector('.note').value}})}});
  if (r.status === 401) {{ location.href = '/login?next=/review'; return; }}
  const body = await r.json();
  const p = document.createElement('p');
  if (r.ok) {{ p.textContent = 'Keputusan tersimpan: ' + body.status; }}
  else {{ p.className = 'error'; p.textContent = body.message; }}
  card.replaceChildren(p);
}}));
{_review.SCRIPT}
</script>""", who=who)


def _review_card(a: Any, manifests: dict[str, dict[str, Any]]) -> str:
    boxes = _review.finding_boxes(a.findings, a.extractions, manifests)
    rows = _finding_rows([f.to_dict() for f in a.findings], application_id=a.id,
                         boxed=frozenset(b.finding for b in boxes))
    return (f'<div class="card" data-id="{escape(a.id)}"><h2>Permohonan {escape(a.id)}</h2>'
            f"<p>Jenis perubahan: <b>{escape(str(a.jenis_perubahan))}</b></p>"
            f"{_review.pages_html(a.id, manifests, boxes)}{rows}"
            f'<label>Catatan</label><input class="note">'
            f'<button data-approve="true">Setujui</button> <button data-approve="false">Tolak</button></div>')
