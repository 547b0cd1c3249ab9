"""The HTTP API: upload, status, verifikator decision, archive retrieval, verification.

It starts flow runs and never runs them inside a request. Every 4xx/5xx is an RFC 9457 problem
object (`application/problem+json`) with a stable `code` and an Indonesian `message` (`_problems`);
a browser asking for a page gets the same message as an HTML page.

Every route says who may call it (`_auth`): the upload, the QR and PDF verification and the
login are open; an applicant reads their own application and its signed KK with the status token
handed out at filing; everything else needs a staff account with the right role. The audit log
names the logged-in account for every read and decision.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, File, Form, Header, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import signing
from casework import (
    fetch_verified_document,
    file_with_access,
    notify_in_background,
    page_image,
)
from core import ChangeType, DocumentType, FileTooLarge, InputError, Status
from flows import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT

from . import _archive_pages, _health, _login, _pages, _problems, _queue, _schemas, _static, _status_page
from ._auth import (
    Applicant,
    Forbidden,
    LoginRequired,
    PageForbidden,
    Staff,
    Svc,
    application_reader,
    get_services,
    login_url,
    optional_staff,
    page_role,
    redact_access_log,
    role,
    staff,
)
from ._queue import Starter, get_flow_starter

log = logging.getLogger(__name__)

MAX_PAGE = 500
"""Most applications one page of `GET /api/applications` carries."""
redact_access_log()

app = FastAPI(
    title="Capil",
    version="0.1.0",
    description="Perubahan data kependudukan: unggah dokumen, pemeriksaan otomatis, KK bertanda tangan elektronik.",
    docs_url=None,  # served by _static from local files
    redoc_url=None,
)
_login.install(app)
_static.install(app)
_status_page.install(app)
_health.install(app)

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # status links carry the applicant's token in the query: never hand it to another site
    "Referrer-Policy": "no-referrer",
    # every script is a file of ours (api/static); styles stay open to the attributes the scans use
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'; object-src 'none'",
}


_UPLOAD_ROUTES = ("/api/applications", "/api/verify")


class _RefuseOversizedUploads:
    """A body whose declared length could not hold files within the limit (three uploads and 1 MiB of
    form) is refused with 413 before any of it is read or spooled to disk."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in _UPLOAD_ROUTES:
            request = Request(scope)
            length = request.headers.get("content-length", "")
            limit = 3 * app.dependency_overrides.get(get_services, get_services)().settings.max_upload_bytes + 2**20
            if length.isdigit() and int(length) > limit:
                await _problems.respond(request, 413, FileTooLarge.code, FileTooLarge.message_id)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _SecurityHeaders:
    """SECURITY_HEADERS on every answer that does not set its own. Pure ASGI, not `@app.middleware`:
    Starlette's BaseHTTPMiddleware costs about 0.3 ms of CPU per request each, a fifth of a status read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


app.add_middleware(_RefuseOversizedUploads)
app.add_middleware(_SecurityHeaders)  # added last: outermost, so the 413 above carries the headers too

__all__ = ["app", "get_flow_starter", "get_services"]


_queue.install(app)


AnyStaff = Annotated[Staff, Depends(staff)]
Verifikator = Annotated[Staff, Depends(role("verifikator"))]
Arsip = Annotated[Staff, Depends(role("arsip"))]
FilingStaff = Annotated[Staff | None, Depends(optional_staff)]
ApplicationReader = Annotated[Staff | Applicant, Depends(application_reader())]
DocumentReader = Annotated[Staff | Applicant, Depends(application_reader("arsip"))]
ArchivePage = Annotated[Staff, Depends(page_role("arsip"))]


_problems.install(app, headers=SECURITY_HEADERS)


def _openapi() -> dict[str, Any]:
    if app.openapi_schema is None:
        app.openapi_schema = _problems.describe(FastAPI.openapi(app))
    return app.openapi_schema


app.openapi = _openapi  # type: ignore[method-assign]


@app.exception_handler(LoginRequired)
async def _login_required(_request: Request, exc: LoginRequired) -> RedirectResponse:
    return RedirectResponse(login_url(exc.next_url), status_code=303)


@app.exception_handler(PageForbidden)
async def _page_forbidden(_request: Request, exc: PageForbidden) -> HTMLResponse:
    return HTMLResponse(_pages.forbidden_page(exc.staff), status_code=403)


@app.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/", response_class=HTMLResponse, include_in_schema=False)
def upload_page(svc: Svc) -> str:
    return _pages.upload_page(svc.settings)


@app.post("/api/applications", status_code=202, tags=["permohonan"],
          responses={202: {"model": _schemas.FiledApplicationOut}})
def create_application(
    svc: Svc,
    starter: Starter,
    filer: FilingStaff,
    response: Response,
    nik: Annotated[str, Form(description="NIK pemohon")],
    jenis_perubahan: Annotated[str, Form(description="pendidikan, status_perkawinan atau koreksi_biodata")],
    kk: Annotated[UploadFile, File(description="Pindaian Kartu Keluarga")],
    ijazah: Annotated[UploadFile | None, File(description="Pindaian ijazah")] = None,
    buku_nikah: Annotated[UploadFile | None, File(description="Pindaian buku nikah")] = None,
    requested: Annotated[str, Form(description='Nilai yang dimohonkan, JSON, mis. {"pendidikan": "..."}')] = "{}",
    email: Annotated[str, Form(max_length=254, description="E-mail pemohon untuk kabar keputusan (tidak wajib)")]
    = "",
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", max_length=255,
        description="Kunci acak dari klien (mis. UUID) untuk pengiriman ulang yang aman: permintaan yang sama "
                    "dengan kunci yang sama mendapat permohonan yang sama, bukan permohonan kedua.")] = None,
) -> dict[str, Any]:
    """File an application (multipart); open to anyone. Processing starts at once.

    The answer carries `tracking_code` (to quote at the counter) and `status_token`, a secret shown
    only here: sent as `Authorization: Bearer …` or as `?token=` (`status_url`), it opens this
    application's status and its signed KK, nothing else. A staff session or API token, when sent,
    is recorded as the filer (a verifikator may not decide an application they filed).

    With an `Idempotency-Key`, a retry of the same request (same fields, same files) answers 202
    with the same application, tracking code and status token and `Idempotent-Replayed: true`;
    the key with another request is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still
    filing, 409 `IDEMPOTENCY_KEY_IN_PROGRESS` (retry). Keys are kept 24 hours."""
    try:
        change = ChangeType(jenis_perubahan)
    except ValueError:
        raise InputError(f"unknown jenis_perubahan {jenis_perubahan!r}",
                         message_id="Jenis perubahan tidak dikenal.") from None
    try:
        pairs = json.loads(requested or "{}")
        if not isinstance(pairs, dict):
            raise ValueError
    except ValueError:
        raise InputError("requested is not a JSON object",
                         message_id="Kolom 'requested' harus berupa objek JSON.") from None
    limit = svc.settings.max_upload_bytes
    files = {}
    for doc_type, upload in ((DocumentType.KK, kk), (DocumentType.IJAZAH, ijazah),
                             (DocumentType.BUKU_NIKAH, buku_nikah)):
        if upload is not None and upload.filename:
            files[doc_type] = upload.file.read(limit + 1)
    filed = file_with_access(svc, nik=nik, change=change, files=files,
                             requested={k: str(v) for k, v in pairs.items()},
                             filed_by=filer.name if filer else None, idempotency_key=idempotency_key, email=email,
                             before_filing=lambda: starter.check(PROCESS_DEPLOYMENT))
    application_id = filed.application_id
    if filed.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    else:
        _start_soon(starter, application_id)
    response.headers["Location"] = f"/api/applications/{application_id}"
    return {**svc.applications.get(application_id).to_dict(), "tracking_code": filed.tracking_code,
            "status_token": filed.token, "status_url": f"/api/applications/{application_id}?token={filed.token}",
            "status_page_url": f"/permohonan/{application_id}?token={filed.token}"}


START_WAIT_S = 5.0
"""Longest an upload's answer waits for its run to be created. Prefect's server answers `503` while its
SQLite is locked and its client backs off 2, 4, 8, 16, 32 s: a filed application is answered `received`
after this wait while the start goes on (e2e-quiet-n200-c4.md: one upload waited past 60 s)."""


def _start_soon(starter: Any, application_id: str) -> None:
    """Start the application's run. A start that fails at once (Prefect down) is the `503` it always was; one
    still retrying after `START_WAIT_S` goes on in the background and the upload is answered. An application
    a start that failed in the end left `received` is started by `flows.reconcile`, as after any lost start."""
    done, lock = threading.Event(), threading.Lock()
    waiting, failed = [True], []

    def start() -> None:
        try:
            starter.start(PROCESS_DEPLOYMENT, application_id)
        except Exception as e:
            with lock:
                if waiting[0]:
                    failed.append(e)
                else:
                    log.warning("the run of application %s was not started (%s); the reconciler will start it",
                                application_id, type(e).__name__)
        finally:
            done.set()

    threading.Thread(target=start, name=f"start-{application_id}", daemon=True).start()
    done.wait(START_WAIT_S)
    with lock:
        waiting[0] = False
        if failed:
            raise failed[0]


@app.get("/api/applications", tags=["permohonan"],
         responses={200: {"model": list[_schemas.ApplicationOut]}})
def list_applications(svc: Svc, who: AnyStaff, response: Response, status: Status | None = None,
                      tracking_code: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Paling banyak per halaman")] = 100,
                      offset: Annotated[int, Query(ge=0, description="Lewati sebanyak ini")] = 0,
                      ) -> list[dict[str, Any]]:
    """Applications, newest first, a page at a time (`limit`, `offset`; a `Link: <…>; rel="next"`
    header while there are more). The verifikator queue is `?status=needs_review`; `?tracking_code=`
    finds the one an applicant quotes. Staff only; the read is audited."""
    if tracking_code is not None:
        found = svc.access.find(tracking_code)
        apps = [a for a in ([svc.applications.get(found)] if found else [])
                if status is None or a.status == status][offset:offset + limit]
    else:
        apps = svc.applications.list(status=status, limit=limit + 1, offset=offset)
        if len(apps) > limit:
            apps = apps[:limit]
            following = {"limit": limit, "offset": offset + limit, **({"status": str(status)} if status else {})}
            response.headers["Link"] = f'</api/applications?{urlencode(following)}>; rel="next"'
    svc.audit.record(actor=who.name, action="application.list", subject_type="applications", subject=None,
                     details={"status": str(status) if status else None, "ids": [a.id for a in apps]})
    return [a.to_dict() for a in apps]


_APPLICANT_FIELDS = ("id", "nik", "jenis_perubahan", "status", "requested", "findings", "document", "timings")


@app.get("/api/applications/{application_id}", tags=["permohonan"],
         responses={200: {"model": _schemas.ApplicationOut}})
def get_application(svc: Svc, who: ApplicationReader, application_id: str) -> dict[str, Any]:
    """One application. Staff see it whole (findings, decisions; the read is audited); the applicant,
    with the status token, sees the fields of the contract (no storage keys, no staff names; the read
    is counted and audited in batches, nothing is written on the way)."""
    app_ = svc.applications.get(application_id)
    if isinstance(who, Applicant):
        _status_page.count_read(svc, application_id)
        shown = app_.to_dict()
        return {k: shown[k] for k in _APPLICANT_FIELDS}
    svc.audit.record(actor=who.name, action="application.view", subject_type="application", subject=application_id)
    return {**app_.to_dict(), "tracking_code": svc.access.tracking_code(application_id)}


class ReviewDecision(BaseModel):
    approve: bool = Field(description="true: setujui, false: tolak")
    note: str = Field(default="", max_length=2000, description="Alasan keputusan")


@app.post("/api/applications/{application_id}/decision", tags=["verifikator"],
          responses={200: {"model": _schemas.ApplicationOut}})
def decide_application(svc: Svc, who: Verifikator, application_id: str, decision: ReviewDecision,
                       starter: Starter) -> dict[str, Any]:
    """A verifikator approves or rejects an application waiting for review, in the name of the logged-in
    account (a session also sends its CSRF token in `X-CSRF-Token`). Not an application they filed.
    A rejection needs a `note` (the reason the applicant reads): without one, 422 `REASON_REQUIRED`."""
    if svc.access.filed_by(application_id) == who.name:
        raise Forbidden("a verifikator may not decide an application they filed",
                        message_id="Anda tidak dapat memutus permohonan yang Anda ajukan sendiri.")
    _queue.require_reason(svc, application_id, approve=decision.approve, note=decision.note)
    if decision.approve:
        starter.check(FINALIZE_DEPLOYMENT)
    app_ = svc.applications.record_review(application_id, approve=decision.approve,
                                          verifikator=who.name, note=decision.note)
    if decision.approve:
        starter.start(FINALIZE_DEPLOYMENT, application_id)
    else:
        notify_in_background(svc, application_id)  # an approval's notice goes out once its KK is archived
    return app_.to_dict()


@app.get("/api/applications/{application_id}/document", tags=["arsip"],
         responses={200: {"content": {"application/pdf": {}}}})
def get_document(svc: Svc, who: DocumentReader, application_id: str) -> Response:
    """The signed KK from the archive, after its hash and signature were verified: for archive staff,
    or the applicant with the status token. The retrieval is audited."""
    data = fetch_verified_document(svc, application_id)
    svc.audit.record(actor=who.name, action="archive.get", subject_type="application", subject=application_id,
                     details={"by": "status_token"} if isinstance(who, Applicant) else None)
    return Response(content=data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="KK-{application_id}.pdf"',
                             "Cache-Control": "private, no-store"})


@app.get("/api/applications/{application_id}/pages/{document}/{number}.png", tags=["verifikator"],
         responses={200: {"content": {"image/png": {}}}})
def get_page_image(svc: Svc, who: Verifikator, application_id: str, document: str, number: str) -> Response:
    """A normalized page image of an upload (grayscale PNG, at most 1600 px wide), as the review page shows
    it under the finding boxes. 404 when the application has no such page. The read is audited."""
    svc.applications.get(application_id)
    page = int(number) if number.isdigit() and len(number) < 4 else 0  # not a page number: 404 below
    data = page_image(svc, application_id, document, page)
    svc.audit.record(actor=who.name, action="application.page_image", subject_type="application",
                     subject=application_id, details={"document": document, "page": page})
    return Response(content=data, media_type="image/png", headers={"Cache-Control": "private, no-store"})


@app.post("/api/verify", tags=["verifikasi"])
def verify_document(svc: Svc, file: Annotated[UploadFile, File(description="PDF bertanda tangan")]) -> dict:
    """Validate a signed PDF: integrity, signer, chain to the trust roots, timestamp. Open to anyone."""
    data = file.file.read(svc.settings.max_upload_bytes + 1)
    return signing.verify_pdf(data, trust_roots=svc.trust_roots).to_dict()


@app.get("/v/{application_id}", tags=["verifikasi"],
         responses={200: {"model": _schemas.QrAnswerOut, "content": {"text/html": {}}}})
def verify_qr(svc: Svc, application_id: str, h: str | None = None,
              accept: Annotated[str, Header()] = "") -> Any:
    """What the QR code on an issued KK points at, without login: `active`, `superseded` (with the date)
    or `unknown`; only the issuing office, the document number, the No. KK masked as printed, issue date,
    signer and a masked name. HTML for browsers (a coloured verdict: ASLI & BERLAKU, ASLI, SUDAH DIGANTI,
    TIDAK DIKENAL)."""
    issued = svc.issued.get(application_id)
    if issued is not None and h is not None and h != issued.details.fingerprint:
        issued = None
    answer = _archive_pages.qr_answer(issued, office=svc.settings.office_name)
    if "text/html" in accept:
        code = svc.access.tracking_code(issued.application_id) if issued is not None else None
        return HTMLResponse(_archive_pages.verification_page(answer, tracking_code=code))
    return answer


@app.get("/api/archive/documents", tags=["arsip"], responses={200: {"model": list[_schemas.IssuedDocumentOut]}})
def archive_documents(svc: Svc, who: Arsip, nik: str | None = None, no_kk: str | None = None,
                      application: str | None = None) -> list[dict[str, Any]]:
    """Every document issued to a person (NIK), a family (No. KK) or the person of an application (its
    id or tracking code), newest first, with status `active` or `superseded` (since when, why, by which
    application: `superseded_at`, `superseded_reason`, `superseded_by`). Exactly one of the three
    (422 `INVALID_ARCHIVE_QUERY` otherwise). The lookup is audited."""
    query = _archive_pages.parse_query(nik=nik, no_kk=no_kk, application=application)
    return [d.to_dict() for d in _archive_pages.lookup(svc, who.name, query)]


@app.get("/archive", response_class=HTMLResponse, include_in_schema=False)
def archive_page(svc: Svc, who: ArchivePage, nik: str = "", no_kk: str = "", application: str = "") -> HTMLResponse:
    shown = {"nik": nik.strip(), "no_kk": no_kk.strip(), "application": application.strip()}
    if not any(shown.values()):
        return HTMLResponse(_archive_pages.archive_page([], query=shown, who=who))
    try:
        query = _archive_pages.parse_query(**shown)
        rows = _archive_pages.archive_rows(svc, _archive_pages.lookup(svc, who.name, query))
    except _archive_pages.ArchiveQueryError as e:
        return HTMLResponse(_archive_pages.archive_page([], query=shown, who=who, error=e.message_id), status_code=422)
    return HTMLResponse(_archive_pages.archive_page(rows, query=shown, who=who),
                        headers={"Cache-Control": "private, no-store"})
