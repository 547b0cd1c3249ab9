"""Server-rendered archive pages in Bahasa Indonesia: reissue lookup for staff, and the public QR answer."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ._pages import _page

if TYPE_CHECKING:
    from ._auth import Staff

_STATUS_ID = {"active": "AKTIF", "superseded": "TIDAK BERLAKU (DIGANTI)", "unknown": "TIDAK DIKENAL"}


def _date(iso: str | None) -> str:
    if not iso:
        return "-"
    day = iso[:10]
    return f"{day[8:10]}-{day[5:7]}-{day[0:4]}" if len(day) == 10 else escape(iso)


def archive_page(documents: list[dict[str, Any]], *, query: dict[str, str], who: Staff) -> str:
    """Lookup by NIK, No. KK or application id; every document issued, its status, a download link."""
    form = "".join(
        f'<label for="{k}">{label}</label><input id="{k}" name="{k}" value="{escape(query.get(k, ""))}">'
        for k, label in (("nik", "NIK"), ("no_kk", "No. KK"), ("application", "Nomor permohonan"))
    )
    rows = "".join(
        f'<tr class="{escape(d["status"])}"><td>{escape(d["document_number"])}</td><td>{escape(d["no_kk"] or "-")}</td>'
        f'<td>{_date(d["issued_at"])}</td><td>{_STATUS_ID.get(d["status"], d["status"])}'
        f'{" sejak " + _date(d["superseded_at"]) if d["superseded_at"] else ""}</td>'
        f'<td>{escape(d.get("level") or "-")}</td>'
        f'<td><a href="/api/applications/{quote(d["application_id"])}/document">Unduh PDF</a></td></tr>'
        for d in documents
    )
    if any(query.values()):
        table = (f"<table><tr><th>Nomor dokumen</th><th>No. KK</th><th>Tanggal terbit</th><th>Status</th>"
                 f"<th>Tingkat PAdES</th><th></th></tr>{rows}</table>" if documents
                 else "<p>Tidak ada dokumen yang diterbitkan untuk pencarian ini.</p>")
    else:
        table = ""
    return _page("Arsip dokumen", f"""
<h1>Arsip dokumen terbit</h1>
<form method="get" action="/archive">{form}<button type="submit">Cari</button></form>
{table}
<p>Setiap unduhan diperiksa sidik (sha256) dan tanda tangan elektroniknya sebelum diberikan.</p>""", who=who)


def verification_page(answer: dict[str, Any]) -> str:
    """What a scanned QR code shows: status, document number, issue date, signer, masked holder."""
    status = answer["status"]
    if status == "unknown":
        body = "<p><b>Dokumen tidak dikenal.</b> Dokumen ini tidak tercatat sebagai terbitan kami.</p>"
    else:
        since = f" sejak {_date(answer.get('superseded_at'))}" if status == "superseded" else ""
        body = (
            f"<p>Status: <b>{_STATUS_ID[status]}{since}</b></p><table>"
            f"<tr><th>Nomor dokumen</th><td>{escape(answer['document_number'])}</td></tr>"
            f"<tr><th>Tanggal terbit</th><td>{_date(answer.get('issued_at'))}</td></tr>"
            f"<tr><th>Ditandatangani oleh</th><td>{escape(answer.get('signer') or '-')}</td></tr>"
            f"<tr><th>Kepala keluarga</th><td>{escape(answer.get('holder') or '-')}</td></tr></table>"
        )
    return _page("Verifikasi dokumen", f"<h1>Verifikasi Kartu Keluarga</h1>{body}"
                 f"<p>{escape(answer['message'])}</p>")
