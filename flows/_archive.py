"""Retrieval from the archive: a document leaves only after its hash and signature check out."""

from __future__ import annotations

import logging

import signing
from core import IntegrityAlarm, NoArchivedDocument

from ._services import Services

log = logging.getLogger(__name__)


def fetch_verified_document(svc: Services, application_id: str) -> bytes:
    """The signed PDF of an approved application, verified against the database hash and the trust roots."""
    app = svc.applications.get(application_id)
    if app.document is None:
        raise NoArchivedDocument(f"application {application_id} has no signed document (status {app.status})")
    data = svc.store.get(app.document)  # IntegrityAlarm when the bytes do not hash to the recorded sha256
    verification = signing.verify_pdf(data, trust_roots=svc.trust_roots)
    if not verification.valid:
        log.error("application %s: archived document failed verification: %s", application_id,
                  "; ".join(verification.problems))
        raise IntegrityAlarm(f"archived document of application {application_id} failed signature "
                             "verification; it was not handed out")
    return data
