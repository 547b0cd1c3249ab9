"""Prefect tasks: each a thin wrapper over one call into a room. They pass ids and keys, never bytes."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from prefect import task
from prefect.client.schemas.objects import TaskRun
from prefect.logging import get_run_logger
from prefect.states import State

import crosscheck
import ocr
import signing
from core import (
    DocumentType,
    DocumentTypeMismatch,
    Extraction,
    InputError,
    IntegrityAlarm,
    ServiceUnavailable,
    Status,
    StoredObject,
    UnknownPerson,
)

from . import _issue
from ._pages_store import store_page_images
from ._services import services

_log = logging.getLogger(__name__)


def _retry_if_service_unavailable(_task: Any, _run: TaskRun, state: State) -> bool:
    """Retry only what a retry can fix: a service that did not answer."""
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, ServiceUnavailable)


_RETRIES = 3
_RETRY_DELAYS: list[float] = [2, 5, 15]


@task(name="mark-processing")
def mark_processing(application_id: str, flow_run_id: str | None) -> dict[str, Any]:
    app = services().applications.mark_processing(application_id, flow_run_id=flow_run_id)
    return {"jenis_perubahan": str(app.jenis_perubahan), "uploads": {k: v.to_dict() for k, v in app.uploads.items()}}


def send_failed_run_to_review(application_id: str) -> None:
    """An application whose automatic check failed for good goes before a verifikator, not left `processing`.

    Only one without a decision yet: after an automatic approval the record change and
    signing are the finalize flow's, which is idempotent and is run again instead.
    """
    svc = services()
    app = svc.applications.get(application_id)
    if app.status != Status.PROCESSING or app.decided_at is not None:
        return
    svc.applications.record_decision(
        application_id, status=Status.NEEDS_REVIEW, changes={}, extractions={},
        findings=(crosscheck.finding("PROCESSING_FAILED", document="application"),),
    )
    _log.warning("application %s: automatic check failed; sent to review", application_id)


@task(name="extract-document", retries=_RETRIES, retry_delay_seconds=_RETRY_DELAYS,
      retry_condition_fn=_retry_if_service_unavailable)
def extract_document(application_id: str, document_type: str, upload: dict[str, Any]) -> dict[str, Any]:
    """OCR one uploaded document and keep its page images for review (`flows._pages_store`).
    Returns the extraction JSON, or `{"error": code, ...}` for bad input."""
    svc = services()
    data = svc.store.get(StoredObject(**upload))
    try:
        reading = ocr.read(data, declared_type=DocumentType(document_type), lang=svc.settings.tesseract_lang,
                           max_pixels=svc.settings.max_pixels, max_pages=svc.settings.max_pages)
    except DocumentTypeMismatch as e:
        return {"error": "WRONG_DOCUMENT_TYPE", "reason": e.message}
    except InputError as e:
        return {"error": "DOCUMENT_UNREADABLE", "reason": e.message}
    extraction = reading.extraction
    store_page_images(svc, application_id, document_type, reading)
    get_run_logger().info("application %s: %s read, %d fields", application_id, document_type,
                          sum(1 for f in extraction.fields.values() if f.value is not None))
    return extraction.to_dict()


@task(name="cross-check")
def cross_check(application_id: str, extractions: dict[str, dict[str, Any]]) -> str:
    """Decide from the extractions and the record; store the decision. Returns the new status."""
    svc = services()
    app = svc.applications.get(application_id)
    unusable = tuple(
        crosscheck.finding(result["error"], document=doc_type, found=result.get("reason"))
        for doc_type, result in extractions.items() if "error" in result
    )
    if unusable:
        return str(svc.applications.reject(application_id, findings=unusable).status)

    parsed = {DocumentType(k): Extraction.from_dict(v) for k, v in extractions.items()}
    subject = svc.population.person(app.nik)
    decision = crosscheck.decide(
        change=app.jenis_perubahan,
        requested=app.requested,
        subject=subject,
        family=svc.population.family_of(app.nik),
        extractions=parsed,
        known_persons=_other_persons(parsed, exclude=app.nik),
        threshold=svc.settings.confidence_threshold,
    )
    stored = svc.applications.record_decision(
        application_id, status=decision.status, findings=decision.findings, changes=decision.changes,
        extractions=extractions,
    )
    get_run_logger().info("application %s: decision %s with %d finding(s)", application_id,
                          decision.status, len(decision.findings))
    return str(Status.APPROVED if decision.status == Status.APPROVED else stored.status)


def _other_persons(extractions: dict[DocumentType, Extraction], *, exclude: str) -> dict[str, Any]:
    """Records of the other persons a document names (the other spouse), where the record has them."""
    nikah = extractions.get(DocumentType.BUKU_NIKAH)
    if nikah is None:
        return {}
    found = {}
    population = services().population
    for role in ("suami", "istri"):
        nik = nikah.value(f"{role}.nik")
        if nik and nik != exclude:
            with contextlib.suppress(UnknownPerson):  # a spouse the record does not hold is not checked
                found[nik] = population.person(nik)
    return found


@task(name="apply-change")
def apply_change(application_id: str) -> bool:
    """Change the record as a new version (idempotent per application)."""
    svc = services()
    app = svc.applications.get(application_id)
    evidence = sorted(u.sha256 for u in app.uploads.values())
    return svc.population.apply_changes(app.changes, application_id=application_id, evidence_sha256=evidence)


@task(name="issue-document", retries=_RETRIES, retry_delay_seconds=_RETRY_DELAYS,
      retry_condition_fn=_retry_if_service_unavailable)
def issue_document(application_id: str) -> dict[str, Any]:
    """Render the updated KK, sign it, and archive it under object lock; once per application."""
    return _issue.issue_document(services(), application_id)


@task(name="check-archived-document")
def check_archived_document(application_id: str, issued: dict[str, Any]) -> None:
    """Read the archived object back: its hash and its signature must hold before we say approved."""
    svc = services()
    data = svc.store.get(StoredObject(**issued["document"]))
    verification = signing.verify_pdf(data, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    if not verification.valid:
        raise IntegrityAlarm(f"application {application_id}: archived document does not validate: "
                             + "; ".join(verification.problems))


@task(name="archive-evidence", retries=_RETRIES, retry_delay_seconds=_RETRY_DELAYS,
      retry_condition_fn=_retry_if_service_unavailable)
def archive_evidence(application_id: str, issued: dict[str, Any]) -> dict[str, Any]:
    """Write the evidence bundle (uploads, extractions, findings, decision, with sha256) once."""
    return _issue.archive_evidence(services(), application_id, issued)


@task(name="record-document")
def record_document(application_id: str, issued: dict[str, Any], evidence: dict[str, Any]) -> str:
    return _issue.record_issued(services(), application_id, issued, evidence)
