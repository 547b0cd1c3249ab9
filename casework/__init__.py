"""Casework: what the office does with an application, without Prefect.

    bootstrap(settings, *, store=, signer=, reader=) -> Services  the real objects, or fakes where given
    services() / use_services(svc)                  the process-wide Services (flow runs build their own)

    file_application(svc, nik=, change=, files=, requested=) -> application id  (checks first, then stores)
    file_with_access(svc, ..., filed_by=, idempotency_key=) -> Filed  the same, plus tracking code and
                                                    status token; a retry with the same key gets the same
    parse_requested(pairs, change)                  the requested new values, checked against the vocabulary
    start_processing / read_document / decide       checking an application, one document at a time
    send_failed_run_to_review(svc, id)              a run that failed for good goes to a verifikator
    apply_change(svc, id)                           the record changes (new version) on a recorded approval
    issue_document / archive_evidence / record_issued   render, sign, archive, verify, record
    prepare_signing(svc)                            signing's per-process caches filled (before forking runs)
    fetch_verified_document(svc, id)                the archived PDF, only when its hash and signature hold
    audit_archive(svc)                              every archived object there, unaltered, locked
    documents_due_for_renewal / renew_document_timestamp   keep B-LTA documents provable
    page_image / page_manifests / store_page_images the page images a verifikator reviews
    notify_decision(svc, id) / notify_in_background  the applicant's optional e-mail on a decision (never raises)
    check_email(address)                            an address given at filing, checked
    stuck_applications(svc)                         what each application waiting too long needs
    note_finalize_restart / park_finalize / retry_finalize / parked_applications   finalize runs counted:
                                                    after `finalize_max_attempts` left for operations
    hold_point(svc, stage, id)                      test seam: hold a run at a stage (`fault_hold_dir`)

`flows` wraps these in Prefect tasks, one call each; `api` and `capil` call them directly.
"""

from ._archive import (
    ArchiveProblem,
    audit_archive,
    documents_due_for_renewal,
    fetch_verified_document,
    renew_document_timestamp,
)
from ._checking import apply_change, decide, read_document, send_failed_run_to_review, start_processing
from ._intake import Filed, file_application, file_with_access, parse_requested
from ._issue import (
    EVIDENCE_FORMAT,
    archive_evidence,
    document_key,
    evidence_key,
    issue_document,
    mask_name,
    prepare_signing,
    record_issued,
    sha256_json,
)
from ._notify import Mailer, SmtpMailer, check_email, notify_decision, notify_in_background
from ._pages import MAX_WIDTH, page_image, page_key, page_manifest, page_manifests, store_page_images
from ._recovery import (
    FinalizeAttempts,
    Remedy,
    Stuck,
    finalize_attempts,
    hold_point,
    note_finalize_restart,
    park_finalize,
    parked_applications,
    retry_finalize,
    stuck_applications,
)
from ._services import Reader, Services, bootstrap, services, use_services

__all__ = [
    "ArchiveProblem",
    "EVIDENCE_FORMAT",
    "FinalizeAttempts",
    "Filed",
    "MAX_WIDTH",
    "Mailer",
    "Reader",
    "Remedy",
    "Services",
    "SmtpMailer",
    "Stuck",
    "apply_change",
    "archive_evidence",
    "audit_archive",
    "bootstrap",
    "check_email",
    "decide",
    "document_key",
    "documents_due_for_renewal",
    "evidence_key",
    "fetch_verified_document",
    "file_application",
    "file_with_access",
    "finalize_attempts",
    "hold_point",
    "issue_document",
    "mask_name",
    "note_finalize_restart",
    "notify_decision",
    "notify_in_background",
    "page_image",
    "page_key",
    "page_manifest",
    "page_manifests",
    "park_finalize",
    "parked_applications",
    "parse_requested",
    "prepare_signing",
    "read_document",
    "record_issued",
    "renew_document_timestamp",
    "retry_finalize",
    "send_failed_run_to_review",
    "services",
    "sha256_json",
    "start_processing",
    "store_page_images",
    "stuck_applications",
    "use_services",
]
