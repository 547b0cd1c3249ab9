"""Issuing and archiving a KK: render, sign, write once under object lock, with its evidence bundle.

Archive layout, keyed by application id so a retried write finds what is there instead of
writing a second document (`put_once`; and the key is checked before anything is rendered):

    documents/{application_id}/kartu-keluarga.pdf   the signed KK (new versions only on timestamp renewal)
    documents/{application_id}/evidence.json        the evidence bundle (`capil.evidence/1`)

Both under COMPLIANCE retention for `archive_retention_days`. The signed KK is verified once, as
read back from the archive: what was written is what is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

import signing
from core import ArchivedKk, Family, IntegrityAlarm, IssueDetails, StoredObject

from ._recovery import hold_point
from ._services import Services

log = logging.getLogger(__name__)

EVIDENCE_FORMAT = "capil.evidence/1"


def document_key(application_id: str) -> str:
    return f"documents/{application_id}/kartu-keluarga.pdf"


def evidence_key(application_id: str) -> str:
    return f"documents/{application_id}/evidence.json"


def mask_name(name: str | None) -> str:
    """`LA ODE MUHAMMAD RAHMAN` → `LA O** M******* R*****`: words of two letters stay, others keep
    their first letter."""
    if not name:
        return "-"
    return " ".join(w if len(w) <= 2 else w[0] + "*" * (len(w) - 1) for w in name.split())


def issue_document(svc: Services, application_id: str) -> ArchivedKk:
    """The archived signed KK of an application and what it states; rendered and signed only once.

    Raises `IntegrityAlarm` when the archived document does not read back whole or does not
    validate at the configured PAdES level."""
    s = svc.settings
    app = svc.applications.get(application_id)
    family = svc.population.family_of(app.nik)
    # once recorded, the recorded version: a newer one PUT over the key is not ours
    archived = app.document or svc.store.stat(s.archive_bucket, document_key(application_id))
    issued_at = fingerprint = None
    if archived is None:
        now = dt.datetime.now(dt.UTC)
        archived, fingerprint = _render_sign_and_archive(svc, application_id, family, now)
        issued_at = now.isoformat()
    pdf = svc.store.get(archived)  # the bytes must hash to what was written (IntegrityAlarm)
    verification = signing.verify_pdf(pdf, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    if not verification.valid:
        raise IntegrityAlarm(f"application {application_id}: archived document does not validate: "
                             + "; ".join(verification.problems))
    recorded = _recorded_details(svc, application_id)
    if recorded is not None:  # a retry after the evidence bundle was written: it states what was issued
        return ArchivedKk(archived, recorded)
    details = IssueDetails(
        issued_at=issued_at or verification.signed_at,
        no_kk=family.no_kk,
        record_versions=svc.issued.current_versions([p.nik for p in family.anggota]),
        fingerprint=fingerprint or signing.fingerprint_in(pdf),
        holder_masked=mask_name(family.kepala_keluarga.nama_lengkap if family.kepala_keluarga else None),
        signer=verification.signer,
        level=verification.level,
        timestamp_expires_at=verification.timestamp_expires_at,
    )
    return ArchivedKk(archived, details)


def prepare_signing(svc: Services) -> None:
    """Fill this process's signing caches for the configured signer (`signing.prepare`): what a fork
    server does once so that the runs it forks do not each repeat it."""
    signing.prepare(svc.signer)


def _render_sign_and_archive(svc: Services, application_id: str, family: Family,
                             now: dt.datetime) -> tuple[StoredObject, str]:
    s = svc.settings
    fingerprint = signing.document_fingerprint(family, document_id=application_id, issued_on=now.date())
    name, nip = svc.kepala_dinas
    pdf = signing.render_kk_pdf(
        family, document_id=application_id, issued_on=now.date(), kepala_dinas=name, nip=nip,
        verify_url=signing.verification_url(s.effective_public_base_url, document_id=application_id,
                                            fingerprint=fingerprint),
    )
    hold_point(svc, "sign", application_id)
    signed = signing.sign_pdf(pdf, config=svc.signer, office=signing.office_title(family.kabupaten_kota))
    hold_point(svc, "archive", application_id)
    stored = svc.store.put_once(s.archive_bucket, document_key(application_id), signed,
                                content_type="application/pdf", retain_days=s.archive_retention_days)
    log.info("application %s: signed KK archived (version %s)", application_id, stored.version_id)
    return stored, fingerprint


def _recorded_details(svc: Services, application_id: str) -> IssueDetails | None:
    bundle = _recorded_evidence(svc, application_id) or svc.store.stat(svc.settings.archive_bucket,
                                                                        evidence_key(application_id))
    if bundle is None:
        return None
    return IssueDetails.from_dict(json.loads(svc.store.get(bundle))["issue"])


def _recorded_evidence(svc: Services, application_id: str) -> StoredObject | None:
    issued = svc.issued.get(application_id)
    return issued.evidence if issued is not None else None


def archive_evidence(svc: Services, application_id: str, archived: ArchivedKk) -> StoredObject:
    """Write the evidence bundle once (uploads, extractions, findings, decision, document, each with
    its sha256) under COMPLIANCE retention; returns its object."""
    s = svc.settings
    existing = _recorded_evidence(svc, application_id) or svc.store.stat(s.archive_bucket,
                                                                          evidence_key(application_id))
    if existing is not None:
        return existing
    app = svc.applications.get(application_id)
    parts = {
        "uploads": {k: v.to_dict() for k, v in app.uploads.items()},
        "extractions": app.extractions,
        "findings": [f.to_dict() for f in app.findings],
        "decision": {"status": "approved", "by": app.decided_by, "note": app.decision_note,
                     "decided_at": app.to_dict()["timings"]["decided_at"]},
        "changes": app.changes,
    }
    bundle = {
        "format": EVIDENCE_FORMAT,
        "application_id": application_id,
        "jenis_perubahan": str(app.jenis_perubahan),
        **{name: {"sha256": sha256_json(value), "content": value} for name, value in parts.items()},
        "document": archived.document.to_dict(),
        "issue": archived.details.to_dict(),
    }
    data = json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return svc.store.put_once(s.archive_bucket, evidence_key(application_id), data,
                              content_type="application/json", retain_days=s.archive_retention_days)


def record_issued(svc: Services, application_id: str, archived: ArchivedKk, evidence: StoredObject) -> str:
    """The application is approved with its document; what the document states is kept beside it."""
    app = svc.applications.record_document(application_id, archived.document)
    svc.issued.record_issue(application_id, archived.details, evidence=evidence)
    return str(app.status)


def sha256_json(value: Any) -> str:
    """The sha256 of `value` as canonical JSON (sorted keys, no spaces): how the bundle hashes its parts."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
