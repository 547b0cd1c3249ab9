"""The applicant's status page (`/permohonan/{id}?token=…`, the link handed out at filing): where the
application is, what the applicant can do about each finding, the verifikator's decision with its
reason, and the signed KK once approved. Staff may open it too (to see what the applicant sees).

A staff read is audited before the page is handed out, like every staff read. The applicant's own
reads (this page, which refreshes itself while the application is read, and its JSON) are counted
in memory and appended to the audit log in batches (`registry.StatusReads`): nothing is written on
their way. What is counted is appended at the latest when the app shuts down (`install`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from casework import Services
from registry import StatusReads

from . import _templates, _words
from ._auth import Applicant, Staff, Svc, application_reader

Reader = Annotated[Staff | Applicant, Depends(application_reader())]

_counting: set[StatusReads] = set()


def count_read(svc: Services, application_id: str) -> None:
    """One read of `application_id` by its applicant, to be appended with the next batch."""
    reads = svc.audit.status_reads
    reads.count(application_id)
    _counting.add(reads)


def flush_reads() -> int:
    """Append every count not yet in the audit log (the app's shutdown); how many reads that was."""
    appended = 0
    while _counting:  # a counter read after this is added again and appended at the next shutdown
        appended += _counting.pop().close()
    return appended


def status_page(svc: Svc, who: Reader, application_id: str, token: str = "") -> HTMLResponse:
    app = svc.applications.get(application_id)
    if isinstance(who, Staff):
        svc.audit.record(actor=who.name, action="application.view", subject_type="application",
                         subject=application_id, details={"page": "status"})
    else:
        count_read(svc, application_id)
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
    app.router.on_shutdown.append(flush_reads)
