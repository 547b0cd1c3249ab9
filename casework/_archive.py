"""Retrieval from the archive, and renewal of archival timestamps.

A document leaves the archive only after its bytes hash to the sha256 the database holds and its
signature validates at the configured PAdES level; anything else is an alarm (error log with the
application id, `IntegrityAlarm`), never a download.
"""

from __future__ import annotations

import datetime as dt
import logging

import signing
from core import IntegrityAlarm, NoArchivedDocument, StoredObject

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
    verification = signing.verify_pdf(data, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    if not verification.valid:
        log.error("INTEGRITY ALARM application %s: archived document failed verification: %s", application_id,
                  "; ".join(verification.problems))
        raise IntegrityAlarm(f"archived document of application {application_id} failed signature "
                             "verification; it was not handed out")
    return data


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
