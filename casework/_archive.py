"""Retrieval from the archive, its audit, and renewal of archival timestamps.

A document leaves the archive only after its bytes hash to the sha256 the database holds and its
signature validates at the configured PAdES level; anything else is an alarm (error log with the
application id, `IntegrityAlarm`), never a download.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import signing
from core import IntegrityAlarm, NoArchivedDocument, NotFound, ServiceUnavailable, StoredObject

from ._issue import document_key
from ._services import Services

log = logging.getLogger(__name__)


def fetch_verified_document(svc: Services, application_id: str) -> bytes:
    """The signed PDF of an approved application, verified against the database hash and the trust roots."""
    app = svc.applications.get(application_id)
    if app.document is None:
        raise NoArchivedDocument(f"application {application_id} has no signed document (status {app.status})")
    try:
        data = svc.store.get(app.document)
    except IntegrityAlarm as e:
        log.error("INTEGRITY ALARM application %s: archived bytes do not match the database sha256 (%s)",
                  application_id, e.message)
        raise IntegrityAlarm(f"archived document of application {application_id} does not match its recorded "
                             "sha256; it was not handed out") from e
    except NotFound as e:  # the database says it was archived: its absence is an alarm, not a 404
        log.error("INTEGRITY ALARM application %s: archived document version %s is missing from the archive",
                  application_id, app.document.version_id)
        raise IntegrityAlarm(f"archived document of application {application_id} is missing from the "
                             "archive; it was not handed out") from e
    verification = signing.verify_pdf(data, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    if not verification.valid:
        log.error("INTEGRITY ALARM application %s: archived document failed verification: %s", application_id,
                  "; ".join(verification.problems))
        raise IntegrityAlarm(f"archived document of application {application_id} failed signature "
                             "verification; it was not handed out")
    return data


@dataclass(frozen=True)
class ArchiveProblem:
    application_id: str
    object: str
    """`document` or `evidence`."""
    problem: str
    """`missing` (the version the database names is not in the archive), `altered` (its bytes do not
    hash to the recorded sha256), `unlocked` (no COMPLIANCE retention), `unreadable` (the archive
    did not answer for it)."""


def audit_archive(svc: Services) -> tuple[int, list[ArchiveProblem]]:
    """Read back every archived document and evidence bundle the database names, by version: each
    must be there, hash to its recorded sha256 and be under COMPLIANCE retention. Returns how many
    objects were checked and every problem (each also logged as an integrity alarm)."""
    checked, problems = 0, []
    for doc in svc.issued.archived():
        for name, obj in (("document", doc.document), ("evidence", doc.evidence)):
            if obj is None:
                continue
            checked += 1
            problem = _object_problem(svc, obj)
            if problem is not None:
                problems.append(ArchiveProblem(doc.application_id, name, problem))
                log.error("INTEGRITY ALARM application %s: archived %s version %s is %s", doc.application_id,
                          name, obj.version_id, problem)
    return checked, problems


def _object_problem(svc: Services, obj: StoredObject) -> str | None:
    try:
        svc.store.get(obj)
        locked = svc.store.retention(obj).mode == "COMPLIANCE"
    except NotFound:
        return "missing"
    except IntegrityAlarm:
        return "altered"
    except ServiceUnavailable:
        return "unreadable"
    return None if locked else "unlocked"


def documents_due_for_renewal(svc: Services, *, within_days: int, now: dt.datetime | None = None) -> list[str]:
    """Application ids of archived B-LTA documents whose newest timestamp's TSA certificate expires
    within `within_days` (or whose expiry is unknown)."""
    horizon = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(days=within_days)
    due = []
    for doc in svc.issued.archived():
        if doc.details.level != str(signing.PadesLevel.B_LTA):
            continue
        expires = doc.details.timestamp_expires_at
        if expires is None or dt.datetime.fromisoformat(expires) <= horizon:
            due.append(doc.application_id)
    return due


def renew_document_timestamp(svc: Services, application_id: str) -> StoredObject:
    """Add a new document timestamp to the archived KK; write it as a new version under retention.

    The old version stays, locked until its own retain-until date. The new one is verified
    before it is written, and the database then points at it.
    """
    s = svc.settings
    pdf = fetch_verified_document(svc, application_id)
    renewed = signing.renew_timestamp(pdf, tsa_url=svc.signer.tsa_url or "", trust_roots=svc.trust_roots)
    verification = signing.verify_pdf(renewed, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    if not verification.valid:
        raise IntegrityAlarm(f"renewed document of application {application_id} does not validate: "
                             + "; ".join(verification.problems))
    stored = svc.store.put(s.archive_bucket, document_key(application_id), renewed,
                           content_type="application/pdf", retain_days=s.archive_retention_days)
    svc.issued.record_renewal(application_id, stored, expires_at=verification.timestamp_expires_at)
    log.info("application %s: document timestamp renewed, archive version %s", application_id, stored.version_id)
    return stored
