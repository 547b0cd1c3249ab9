"""The applicant's status page (`/permohonan/{id}?token=…`, the link handed out at filing): where the
application is, what the applicant can do about each finding, the verifikator's decision with its
reason, and the signed KK once approved. Staff may open it too (to see what the applicant sees)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from . import _templates, _words
from ._auth import Applicant, Staff, Svc, application_reader

Reader = Annotated[Staff | Applicant, Depends(application_reader())]


def status_page(svc: Svc, who: Reader, application_id: str, token: str = "") -> HTMLResponse:
    app = svc.applications.get(application_id)
    if isinstance(who, Staff):
        svc.audit.record(actor=who.name, action="application.view", subject_type="application",
                         subject=application_id, details={"page": "status"})
    shown = app.to_dict()
    review = next((d for d in reversed(app.decisions) if d["kind"] == "review"), None)
    automatic = next((d for d in reversed(app.decisions) if d["kind"] == "automatic"), None)
    decision = review or (automatic if app.status == "rejected" else None)
    html = _templates.render(
        "status.html", title="Status permohonan", app=shown, token=token if isinstance(who, Applicant) else "",
        tracking_code=svc.access.tracking_code(application_id), received=_words.date(shown["timings"]["received_at"]),
        decision=decision, findings=shown["findings"] if app.status != "approved" else [],
        refresh=10 if app.status in ("received", "processing") else None)
    return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})


def install(app: FastAPI) -> None:
    app.get("/permohonan/{application_id}", response_class=HTMLResponse, include_in_schema=False)(status_page)
