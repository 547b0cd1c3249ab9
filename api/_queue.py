"""The verifikator's pages: the queue (`/review`) and one review page per application (`/review/{id}`).

The queue lists applications oldest first with how long each has waited, filtered by status and
change, a page at a time. The review page shows who the application is about, what an approval would
change (the proven `changes`, or the `requested` values when the evidence was not read: see
`registry.Applications.record_review`), each finding in words with the record's and the document's
values side by side (differing characters marked), and the scans with each finding's box. The
decision is a form post carrying the session's CSRF token; a rejection needs a reason from
`_words.REJECT_REASONS`. Afterwards, and for every decided application, the page shows the outcome
and the history of decisions.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from casework import Services, notify_in_background
from core import CapilError, ChangeType, InputError, Status
from flows import FINALIZE_DEPLOYMENT, FlowStarter

from . import _review, _templates, _words
from ._auth import Forbidden, Staff, Svc, page_role

PAGE_SIZE = 20
"""Applications per queue page unless `?per_halaman=` asks for another number (at most `MAX_PAGE_SIZE`)."""
MAX_PAGE_SIZE = 100
_STATUS_FILTERS: dict[str, tuple[str, tuple[Status, ...]]] = {
    "needs_review": ("Menunggu verifikasi", (Status.NEEDS_REVIEW,)),
    "decided": ("Sudah diputus", (Status.APPROVED, Status.REJECTED)),
    "approved": ("Disetujui", (Status.APPROVED,)),
    "rejected": ("Ditolak", (Status.REJECTED,)),
    "open": ("Belum selesai diproses", (Status.RECEIVED, Status.PROCESSING)),
    "all": ("Semua", ()),
}
_NO_STORE = {"Cache-Control": "private, no-store"}

ReviewPage = Annotated[Staff, Depends(page_role("verifikator"))]


def queue_page(svc: Svc, who: ReviewPage, status: str = "needs_review", jenis: str = "",
               halaman: int = 1, per_halaman: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE
               ) -> HTMLResponse:
    label_statuses = _STATUS_FILTERS.get(status) or _STATUS_FILTERS["needs_review"]
    status = status if status in _STATUS_FILTERS else "needs_review"
    change = ChangeType(jenis) if jenis in ChangeType._value2member_map_ else None
    page, size = max(1, halaman), per_halaman
    apps, total = svc.applications.queue(statuses=label_statuses[1], change=change,
                                         offset=(page - 1) * size, limit=size)
    svc.audit.record(actor=who.name, action="application.list", subject_type="applications", subject=None,
                     details={"status": status, "jenis": jenis or None, "page": page, "ids": [a.id for a in apps]})
    now = dt.datetime.now(dt.UTC)
    rows = [{"id": a.id, "nik": a.nik, "change": str(a.jenis_perubahan), "status": str(a.status),
             "name": _name_of(svc, a.nik), "received": _words.date(a.to_dict()["timings"]["received_at"]),
             "waiting": _waited(a, now)} for a in apps]

    def link(n: int) -> str:
        extra = {"per_halaman": size} if size != PAGE_SIZE else {}
        return "/review?" + urlencode({"status": status, "jenis": jenis, "halaman": n, **extra})

    html = _templates.render("queue.html", title="Antrean verifikasi", who=who, rows=rows, total=total,
                             status=status, jenis=jenis if change else "", page=page,
                             pages=max(1, math.ceil(total / size)), link=link,
                             status_options=[(k, v[0]) for k, v in _STATUS_FILTERS.items()])
    return HTMLResponse(html, headers=_NO_STORE)


def case_page(svc: Svc, who: ReviewPage, application_id: str) -> HTMLResponse:
    return _case_response(svc, who, application_id)


class ReasonRequired(InputError):
    """A rejection without a reason: the applicant reads the reason on their status page."""

    code = "REASON_REQUIRED"
    message_id = "Penolakan memerlukan alasan: isi kolom 'note' dengan alasan yang akan dibaca pemohon."


def require_reason(svc: Services, application_id: str, *, approve: bool, note: str) -> None:
    """A rejection of an application waiting for review carries a note (one already decided is left to
    `record_review`'s 409)."""
    if not approve and not note.strip() and svc.applications.get(application_id).status == Status.NEEDS_REVIEW:
        raise ReasonRequired("a rejection needs a note")


def decide_case(
    svc: Services,
    who: Staff,
    starter: FlowStarter,
    application_id: str,
    *,
    csrf_token: str,
    keputusan: str,
    alasan: str,
    catatan: str,
    yakin: str,
) -> Response:
    """Record the verifikator's decision from the review page's form, then show the page again."""
    if not who.csrf_token or not hmac.compare_digest(csrf_token, who.csrf_token):
        return _case_response(svc, who, application_id, status=403,
                              error="Token keamanan formulir tidak cocok. Muat ulang halaman lalu coba lagi.")
    approve = keputusan == "setujui"
    catatan = catatan.strip()
    if keputusan not in ("setujui", "tolak"):
        return _case_response(svc, who, application_id, status=422, error="Pilih setujui atau tolak.")
    if not yakin:
        return _case_response(svc, who, application_id, status=422,
                              error="Centang konfirmasi sebelum menyimpan keputusan.")
    if not approve and (alasan not in _words.REJECT_REASONS or (alasan == "lainnya" and not catatan)):
        return _case_response(svc, who, application_id, status=422,
                              error="Penolakan memerlukan alasan: pilih dari daftar (untuk \"Alasan lain\", "
                                    "tulis keterangannya).")
    if approve:
        note = catatan
    else:
        reason = _words.REJECT_REASONS[alasan] if alasan != "lainnya" else ""
        note = ". ".join(p for p in (reason, catatan) if p)
    try:
        if svc.access.filed_by(application_id) == who.name:
            raise Forbidden("a verifikator may not decide an application they filed",
                            message_id="Anda tidak dapat memutus permohonan yang Anda ajukan sendiri.")
        if approve:
            starter.check(FINALIZE_DEPLOYMENT)
        svc.applications.record_review(application_id, approve=approve, verifikator=who.name, note=note)
        if approve:
            starter.start(FINALIZE_DEPLOYMENT, application_id)
        else:
            notify_in_background(svc, application_id)  # an approval's notice goes out once its KK is archived
    except CapilError as e:
        if e.http_status == 404:
            raise
        return _case_response(svc, who, application_id, status=e.http_status, error=e.message_id)
    return RedirectResponse(f"/review/{application_id}", status_code=303)


def _case_response(svc: Services, who: Staff, application_id: str, *, status: int = 200,
                   error: str = "") -> HTMLResponse:
    app = svc.applications.get(application_id)  # 404 problem (as a page) when unknown
    svc.audit.record(actor=who.name, action="application.view", subject_type="application",
                     subject=application_id, details={"page": "review"})
    manifests = _review.page_manifests_of(svc, [app]).get(app.id, {})
    boxes = _review.finding_boxes(app.findings, app.extractions, manifests)
    boxed = {b.finding for b in boxes}
    findings = []
    for i, f in enumerate(app.findings):
        expected, found = _finding_cells(f.expected, f.found)
        findings.append({"index": i, "severity": str(f.severity), "code": f.code, "message": f.message,
                         "document": f.document, "field": f.field, "expected": expected, "found": found,
                         "boxed": i in boxed})
    person, family = _person_and_family(svc, app.nik)
    changes, from_request = _what_changes(svc, app)
    shown = app.to_dict()
    html = _templates.render(
        "review_case.html", title=f"Verifikasi {svc.access.tracking_code(app.id) or app.id}", who=who,
        app=shown | {"document": app.document, "decision_note": app.decision_note},
        tracking_code=svc.access.tracking_code(app.id), received=_words.date(shown["timings"]["received_at"]),
        person=person, family=family, changes=changes, from_request=from_request, findings=findings,
        scans=Markup(_review.pages_html(app.id, manifests, boxes)), reads=_what_was_read(app.extractions),
        history=list(app.decisions), error=error,
        scripts=("/static/review.js",))
    return HTMLResponse(html, status_code=status, headers=_NO_STORE)


def _finding_cells(expected: str | None, found: str | None) -> tuple[Markup, Markup]:
    """The record's value and the value read, as shown side by side: the characters that differ marked when
    there is one value on each side; a value expected but not read says so; several recorded values (a
    subject's recorded partners, `A / B`) are shown whole, since marking them against one name marks noise."""
    if expected and found is None:
        return Markup(escape(expected)), Markup('<span class="muted">(tidak terbaca)</span>')
    if expected and " / " in expected:
        return Markup(escape(expected)), Markup(escape(found or ""))
    return _words.marked_difference(expected, found)


def _what_changes(svc: Services, app: Any) -> tuple[list[dict[str, str]], bool]:
    """(field, current -> new) rows of what an approval writes, and whether they are the requested values."""
    proposed: dict[str, dict[str, Any]] = app.changes
    from_request = False
    if not proposed and app.requested and app.status == Status.NEEDS_REVIEW:
        proposed, from_request = {app.nik: dict(app.requested)}, True
    rows = []
    for nik, values in proposed.items():
        person, _ = _person_and_family(svc, nik)
        current = person.to_dict() if person else {}
        for name, value in values.items():
            rows.append({"name": person.nama_lengkap if person else _words.mask_nik(nik), "field": name,
                         "current": str(current.get(name) or "-"), "new": str(value)})
    return rows, from_request


def _what_was_read(extractions: dict[str, Any]) -> list[dict[str, Any]]:
    """Per document, what the OCR read: each field's value and confidence, and the KK's member rows."""
    reads = []
    for document, read in extractions.items():
        fields = [{"field": name, "value": v.get("value"), "confidence": round(100 * float(v.get("confidence") or 0))}
                  for name, v in (read.get("fields") or {}).items()]
        members = [{"nik": (r.get("nik") or {}).get("value"), "nama": (r.get("nama_lengkap") or {}).get("value")}
                   for r in read.get("anggota") or []]
        reads.append({"document": document, "source": read.get("source"), "fields": fields, "members": members})
    return reads


def _person_and_family(svc: Services, nik: str) -> tuple[Any, Any]:
    try:
        return svc.population.person(nik), svc.population.family_of(nik)
    except CapilError:
        return None, None


def _name_of(svc: Services, nik: str) -> str:
    person, _ = _person_and_family(svc, nik)
    return person.nama_lengkap if person else "-"


def _waited(app: Any, now: dt.datetime) -> str:
    """How long it has been waiting; for a decided application, when it was decided."""
    if app.status.is_final and app.decided_at is not None:
        return "diputus " + _words.date(_utc(app.decided_at).isoformat())
    return _words.waiting((now - _utc(app.received_at)).total_seconds())


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def get_flow_starter() -> FlowStarter:
    """Dependency so tests can run flows another way (the app's routes use it too)."""
    return FlowStarter()


Starter = Annotated[FlowStarter, Depends(get_flow_starter)]


def decide(svc: Svc, who: ReviewPage, starter: Starter, application_id: str,
           csrf_token: Annotated[str, Form(max_length=200)] = "",
           keputusan: Annotated[str, Form(max_length=20)] = "",
           alasan: Annotated[str, Form(max_length=40)] = "",
           catatan: Annotated[str, Form(max_length=1000)] = "",
           yakin: Annotated[str, Form(max_length=5)] = "") -> Response:
    return decide_case(svc, who, starter, application_id, csrf_token=csrf_token, keputusan=keputusan,
                       alasan=alasan, catatan=catatan, yakin=yakin)


def install(app: FastAPI) -> None:
    """Add the verifikator's pages to the app itself (the route table test walks `app.routes`)."""
    app.get("/review", response_class=HTMLResponse, include_in_schema=False)(queue_page)
    app.get("/review/{application_id}", response_class=HTMLResponse, include_in_schema=False)(case_page)
    app.post("/review/{application_id}", include_in_schema=False)(decide)
