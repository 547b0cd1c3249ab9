"""Checking an application: read each upload, cross-check against the record, decide; apply an approved change.

Plain functions over `Services`; `flows` wraps each in a Prefect task, one call each.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

import crosscheck
import ocr
from core import (
    DocumentType,
    DocumentTypeMismatch,
    Extraction,
    InputError,
    Person,
    ResourceLimitExceeded,
    Status,
    UnknownPerson,
    Unreadable,
    UnreadableDocument,
)
from registry import Application

from ._pages import store_page_images
from ._recovery import hold_point
from ._services import Services

log = logging.getLogger(__name__)


def start_processing(svc: Services, application_id: str, *, flow_run_id: str | None) -> Application:
    """Mark the application `processing` (by this flow run); returns it. The reader's cage processes
    (`ocr.Cage.start`) start loading now, while the run goes on to fetch the uploads."""
    svc.reader.start()
    return svc.applications.mark_processing(application_id, flow_run_id=flow_run_id)


def read_document(svc: Services, application_id: str, document_type: DocumentType) -> Extraction | Unreadable:
    """OCR one uploaded document and keep its page images for review. A document that could not be
    used is `Unreadable` with the finding code that says why (`crosscheck._decide`, "Not read is not
    absent"): `WRONG_DOCUMENT_TYPE` only for another type detected with confidence,
    `DOCUMENT_UNREADABLE` only for a file that is no usable image or PDF at all, and
    `DOCUMENT_NOT_READ` (review) for a valid file whose type or content we could not read. A read the
    reader's cage stopped (`ResourceLimitExceeded`) says which limit: memory is `DOCUMENT_UNREADABLE`
    (a file too large to use), CPU or time `PROCESSING_FAILED` (`_stopped_at_a_limit`)."""
    s = svc.settings
    upload = svc.applications.get(application_id).uploads[str(document_type)]
    data = svc.store.get(upload)
    hold_point(svc, "read", application_id)
    try:
        reading = svc.reader(data, declared_type=document_type, lang=s.tesseract_lang,
                             max_pixels=s.max_pixels, max_pages=s.max_pages)
    except DocumentTypeMismatch as e:
        return _another_type(svc, application_id, document_type, data, e)
    except ResourceLimitExceeded as e:
        # Its pages are not decoded here either: that is what hit the limit.
        return _stopped_at_a_limit(document_type, e, e.message)
    except UnreadableDocument as e:
        # The file passed intake as an image or PDF; no text, title or field found, or Tesseract failing
        # on it, is our reading's failure: a verifikator may well read it.
        _keep_upload_for_review(svc, application_id, document_type, data)
        return Unreadable(document_type, "DOCUMENT_NOT_READ", e.message)
    except InputError as e:  # UnsupportedFile, FileTooLarge: the file itself cannot be used
        return Unreadable(document_type, "DOCUMENT_UNREADABLE", e.message)
    store_page_images(svc, application_id, str(document_type), reading)
    extraction = reading.extraction
    log.info("application %s: %s read, %d fields", application_id, document_type,
             sum(1 for f in extraction.fields.values() if f.value is not None))
    return extraction


def _stopped_at_a_limit(document_type: DocumentType, e: ResourceLimitExceeded, reason: str) -> Unreadable:
    """A read the reader's cage stopped. Over its memory the file is too large to use (a decompression or
    pixel bomb, past what the upload's headers showed): `DOCUMENT_UNREADABLE`, rejected. Over its CPU or
    wall-clock limit it is the office's reading that did not finish in time (a busy host, a slow page),
    nothing the file is shown to lack: `PROCESSING_FAILED`, which tells the applicant the automatic check
    failed on our side and a verifikator reads the document; never a rejection, never "unreadable"."""
    return Unreadable(document_type, "DOCUMENT_UNREADABLE" if e.limit == "memory" else "PROCESSING_FAILED", reason)


@dataclass(frozen=True)
class _UploadAsPage:
    """An image upload nothing could be read from, as its own single page (no transform: no boxes)."""

    data: bytes
    transforms: tuple[ocr.Transform, ...] = (ocr.Transform(),)

    def page_image(self, number: int) -> bytes:
        return self.data


def _keep_upload_for_review(svc: Services, application_id: str, document_type: DocumentType, data: bytes) -> None:
    """Keep an image upload the reader could not read as the page the verifikator looks at. A PDF's pages
    need the reader's rendering: none is kept, and the review page says so."""
    try:
        if ocr.sniff(data) != ocr.FileKind.PDF:
            store_page_images(svc, application_id, str(document_type), _UploadAsPage(_upload_page(svc, data)))
    except InputError as e:  # does not decode after all: the finding stands, without a page
        log.warning("application %s: %s kept without a page image: %s", application_id, document_type, e.message)


def _upload_page(svc: Services, data: bytes) -> bytes:
    """The upload's first page as PNG decoded by the reader's cage (`ocr.Cage.upload_page`), so this
    process decodes no upload."""
    return svc.reader.upload_page(data, max_pixels=svc.settings.max_pixels, max_pages=svc.settings.max_pages)


def _another_type(svc: Services, application_id: str, document_type: DocumentType, data: bytes,
                  mismatch: DocumentTypeMismatch) -> Unreadable:
    """A file that looks like another type: rejected only when that type was detected with confidence.

    The declared-type read stops at the mismatch without saying how sure the detection was, so the file
    is read once more without a declared type (only for mismatches, which genuine uploads rarely meet);
    its pages are kept, so the verifikator sees what was uploaded."""
    s = svc.settings
    try:
        reading = svc.reader(data, declared_type=None, lang=s.tesseract_lang, max_pixels=s.max_pixels,
                             max_pages=s.max_pages)
    except ResourceLimitExceeded as e:
        reason = f"{mismatch.message}; read again: {e.message}"
        if e.limit == "memory":  # the declared-type read got through: not shown to be too large, a person looks
            return Unreadable(document_type, "DOCUMENT_NOT_READ", reason)
        return _stopped_at_a_limit(document_type, e, reason)
    except InputError as e:
        _keep_upload_for_review(svc, application_id, document_type, data)
        return Unreadable(document_type, "DOCUMENT_NOT_READ", f"{mismatch.message}; read again: {e.message}")
    store_page_images(svc, application_id, str(document_type), reading)
    detected = reading.extraction.document_type
    if detected != document_type and reading.type_confidence >= s.confidence_threshold:
        return Unreadable(document_type, "WRONG_DOCUMENT_TYPE", mismatch.message)
    return Unreadable(document_type, "DOCUMENT_NOT_READ",
                      f"{mismatch.message}, type confidence {reading.type_confidence:.2f}")


def decide(svc: Services, application_id: str, readings: dict[DocumentType, Extraction | Unreadable]) -> Status:
    """Decide from the readings and the record, and store the decision; a document that could not be
    used is a finding (`crosscheck.decide` says which ones reject). Returns the application's status
    as stored (`approved` for an approval waiting for its document): a retried run never overwrites a
    decision already taken, and only a recorded approval leads on to the record change."""
    extractions = {doc_type: r for doc_type, r in readings.items() if isinstance(r, Extraction)}
    app = svc.applications.get(application_id)
    decision = crosscheck.decide(
        change=app.jenis_perubahan,
        requested=app.requested,
        subject=svc.population.person(app.nik),
        family=svc.population.family_of(app.nik),
        extractions=readings,
        known_persons=_other_persons(svc, extractions, exclude=app.nik),
        threshold=svc.settings.confidence_threshold,
    )
    stored = svc.applications.record_decision(
        application_id, status=decision.status, findings=decision.findings, changes=decision.changes,
        extractions={str(k): v.to_dict() for k, v in extractions.items()},
    )
    log.info("application %s: decision %s with %d finding(s)", application_id, decision.status,
             len(decision.findings))
    return _status(stored)


def _status(app: Application) -> Status:
    approved_waiting = app.status == Status.PROCESSING and app.decided_at is not None
    return Status.APPROVED if approved_waiting else Status(app.status)


def _other_persons(svc: Services, extractions: dict[DocumentType, Extraction], *, exclude: str) -> dict[str, Person]:
    """Records of the other persons a document names (the other spouse), where the record has them."""
    nikah = extractions.get(DocumentType.BUKU_NIKAH)
    if nikah is None:
        return {}
    found = {}
    for role in ("suami", "istri"):
        nik = nikah.value(f"{role}.nik")
        if nik and nik != exclude:
            with contextlib.suppress(UnknownPerson):  # a spouse the record does not hold is not checked
                found[nik] = svc.population.person(nik)
    return found


def apply_change(svc: Services, application_id: str) -> Status:
    """Change the record as a new version, only on the application's recorded approval (checked in
    the same transaction; otherwise `IntegrityAlarm` and nothing changes). Idempotent per application.

    Returns `processing` to go on to the signed KK, or `rejected` when the record already held every
    new value (the same change applied meanwhile by another application): nothing is written, no KK
    is issued, and the application ends rejected with NOTHING_TO_CHANGE beside its findings.
    """
    app = svc.applications.get(application_id)
    if app.status == Status.REJECTED and any(f.code == "NOTHING_TO_CHANGE" for f in app.findings):
        return Status.REJECTED  # a rerun of the run that found it so
    evidence = sorted(u.sha256 for u in app.uploads.values())
    if svc.population.apply_approved(application_id, evidence_sha256=evidence) or \
            svc.population.changed_by(application_id):
        return Status.PROCESSING
    nothing = crosscheck.finding("NOTHING_TO_CHANGE", document="application")
    svc.applications.reject(application_id, findings=(*app.findings, nothing))
    log.info("application %s: the record already held the approved values; nothing changed", application_id)
    return Status.REJECTED


def send_failed_run_to_review(svc: Services, application_id: str) -> None:
    """An application whose automatic check failed for good goes before a verifikator, not left `processing`.

    Only one without a decision yet: after an automatic approval the record change and
    signing are the finalize flow's, which is idempotent and is run again instead.
    """
    app = svc.applications.get(application_id)
    if app.status != Status.PROCESSING or app.decided_at is not None:
        return
    svc.applications.record_decision(
        application_id, status=Status.NEEDS_REVIEW, changes={}, extractions={},
        findings=(crosscheck.finding("PROCESSING_FAILED", document="application"),),
    )
    log.warning("application %s: automatic check failed; sent to review", application_id)

