"""Issuing and archiving a KK: render, sign, write once under object lock, with its evidence bundle.

Plain functions over `Services`; the Prefect tasks in `_tasks.py` wrap them one call each.

Archive layout, keyed by application id so a retried write finds what is there instead of
writing a second document (`put_once`; and the key is checked before anything is rendered):

    documents/{application_id}/kartu-keluarga.pdf   the signed KK (new versions only on timestamp renewal)
    documents/{application_id}/evidence.json        the evidence bundle (`capil.evidence/1`)

Both under COMPLIANCE retention for `archive_retention_days`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from typing import Any

import registry
import signing
from core import StoredObject

from ._services import Services

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


def issue_document(svc: Services, application_id: str) -> dict[str, Any]:
    """The archived signed KK of an application and what it states; rendered and signed only once."""
    s = svc.settings
    existing = svc.store.stat(s.archive_bucket, document_key(application_id))
    if existing is not None:  # a retry after the write: describe what is archived
        return {"document": existing.to_dict(), "details": _details_of_archived(svc, application_id, existing)}
    app = svc.applications.get(application_id)
    family = svc.population.family_of(app.nik)
    now = dt.datetime.now(dt.UTC)
    fingerprint = signing.document_fingerprint(family, document_id=application_id, issued_on=now.date())
    name, nip = svc.kepala_dinas
    pdf = signing.render_kk_pdf(
        family, document_id=application_id, issued_on=now.date(), kepala_dinas=name, nip=nip,
        verify_url=signing.verification_url(s.effective_public_base_url, document_id=application_id,
                                            fingerprint=fingerprint),
    )
    signed = signing.sign_pdf(pdf, config=svc.signer, office=signing.office_title(family.kabupaten_kota))
    verification = signing.verify_pdf(signed, trust_roots=svc.trust_roots, required_level=svc.pades_level)
    stored = svc.store.put_once(s.archive_bucket, document_key(application_id), signed,
                                content_type="application/pdf", retain_days=s.archive_retention_days)
    details = {
        "issued_at": now.isoformat(),
        "no_kk": family.no_kk,
        "record_versions": registry.current_versions(svc.database, [p.nik for p in family.anggota]),
        "fingerprint": fingerprint,
        "holder_masked": mask_name(family.kepala_keluarga.nama_lengkap if family.kepala_keluarga else None),
        "signer": name,
        "level": verification.level,
        "timestamp_expires_at": verification.timestamp_expires_at,
    }
    return {"document": stored.to_dict(), "details": details}


def _details_of_archived(svc: Services, application_id: str, obj: StoredObject) -> dict[str, Any]:
    """What an already archived KK states, read back from it (the crash-between-steps path)."""
    bundle = svc.store.stat(svc.settings.archive_bucket, evidence_key(application_id))
    if bundle is not None:
        return json.loads(svc.store.get(bundle))["issue"]
    pdf = svc.store.get(obj)
    verification = signing.verify_pdf(pdf, trust_roots=svc.trust_roots, required_level="B-B")
    family = svc.population.family_of(svc.applications.get(application_id).nik)
    return {
        "issued_at": verification.signed_at,
        "no_kk": family.no_kk,
        "record_versions": registry.current_versions(svc.database, [p.nik for p in family.anggota]),
        "fingerprint": _fingerprint_in(pdf),
        "holder_masked": mask_name(family.kepala_keluarga.nama_lengkap if family.kepala_keluarga else None),
        "signer": verification.signer,
        "level": verification.level,
        "timestamp_expires_at": verification.timestamp_expires_at,
    }


def _fingerprint_in(pdf: bytes) -> str | None:
    from pyhanko.pdf_utils.reader import PdfFileReader  # only on the recovery path

    info = PdfFileReader(io.BytesIO(pdf), strict=False).trailer_view.get("/Info")
    keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    found = re.search(r"[?&]h=([0-9a-f]+)", keywords)
    return found.group(1) if found else None


def archive_evidence(svc: Services, application_id: str, issued: dict[str, Any]) -> dict[str, Any]:
    """Write the evidence bundle once (uploads, extractions, findings, decision, document, each with
    its sha256) under COMPLIANCE retention; returns its object."""
    s = svc.settings
    existing = svc.store.stat(s.archive_bucket, evidence_key(application_id))
    if existing is not None:
        return existing.to_dict()
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
        **{name: {"sha256": _sha256_json(value), "content": value} for name, value in parts.items()},
        "document": issued["document"],
        "issue": issued["details"],
    }
    data = json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    stored = svc.store.put_once(s.archive_bucket, evidence_key(application_id), data,
                                content_type="application/json", retain_days=s.archive_retention_days)
    return stored.to_dict()


def record_issued(svc: Services, application_id: str, issued: dict[str, Any], evidence: dict[str, Any]) -> str:
    """The application is approved with its document; what the document states is kept beside it."""
    app = svc.applications.record_document(application_id, StoredObject(**issued["document"]))
    registry.record_issue(svc.database, application_id, {**issued["details"], "evidence": evidence})
    return str(app.status)


def _sha256_json(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
