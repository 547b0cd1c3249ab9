"""Filing an application: the one path shared by `capil submit` and the HTTP upload.

Checks come first (NIK known, the right documents, each file a supported image or
PDF within limits), then the uploads go to the intake bucket, then the
application row is written. Bad input therefore leaves nothing behind.

`file_with_access` does that and hands out the applicant's tracking code and status token; with an
`Idempotency-Key` a retry of the same request gets the same application, tracking code and token
back instead of a second application (`registry.IdempotencyKeys`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ocr
from core import (
    EVIDENCE_FOR_CHANGE,
    REQUESTABLE_FIELDS,
    ChangeType,
    DocumentType,
    FileTooLarge,
    InputError,
    StoredObject,
    canonical,
    date_problem,
    text_problem,
)
from registry import IdempotencyKeys

from ._notify import check_email
from ._services import Services

log = logging.getLogger(__name__)

_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff", "webp": "image/webp",
                  "pdf": "application/pdf"}
_VOCABULARY_FIELDS = ("pendidikan", "status_perkawinan")
_DATE_FIELDS = ("tanggal_lahir", "tanggal_perkawinan")
_FIELD_NAMES_ID = {"pendidikan": "pendidikan", "status_perkawinan": "status perkawinan",
                   "tanggal_perkawinan": "tanggal perkawinan", "no_akta_perkawinan": "nomor akta perkawinan",
                   "nama_lengkap": "nama lengkap", "tempat_lahir": "tempat lahir", "tanggal_lahir": "tanggal lahir"}


def parse_requested(pairs: dict[str, Any], change: ChangeType) -> dict[str, str]:
    """The new values an application asks for, checked and in canonical form (`InputError` with an
    Indonesian message otherwise): only the fields its change may set (`core.REQUESTABLE_FIELDS`),
    each a string; vocabulary values snapped onto SIAK's; dates real, ISO and not in the future;
    names and places upper case with single spaces, without control or bidi characters, of a
    sane length. Idempotent: canonical values pass unchanged."""
    allowed = REQUESTABLE_FIELDS[change]
    requested: dict[str, str] = {}
    for field, raw in pairs.items():
        label = _FIELD_NAMES_ID.get(field, str(field))
        if field not in allowed:
            raise InputError(f"--set {field}: not a field a {change} application can change "
                             f"(it can change: {', '.join(allowed)})",
                             message_id=f"Elemen data '{field}' tidak dapat diubah melalui permohonan ini.")
        if not isinstance(raw, str):
            raise InputError(f"--set {field}: the value must be text",
                             message_id=f"Nilai {label} harus berupa teks.")
        problem = text_problem(raw)
        if problem is not None:
            raise InputError(f"--set {field}: the value {problem}",
                             message_id=f"Nilai {label} tidak sah: terlalu panjang atau memuat karakter "
                                        "yang tidak diizinkan.")
        value = " ".join(raw.upper().split())
        if not value:
            raise InputError(f"--set {field}: the value is empty", message_id=f"Nilai {label} kosong.")
        if field in _VOCABULARY_FIELDS:
            snapped = canonical(field, value)
            if snapped is None:
                raise InputError(f"--set {field}: {raw!r} is not a SIAK value",
                                 message_id=f"Nilai '{raw}' bukan nilai SIAK yang sah untuk {label}.")
            value = snapped
        elif field in _DATE_FIELDS:
            problem = date_problem(value)
            if problem is not None:
                raise InputError(f"--set {field}: {raw!r} {problem}",
                                 message_id=f"Tanggal {label} '{raw}' tidak sah: gunakan tanggal yang benar "
                                            "dalam format TTTT-BB-HH, bukan tanggal yang akan datang.")
        requested[field] = value
    if change == ChangeType.KOREKSI_BIODATA and not requested:
        raise InputError("koreksi_biodata needs --set with the corrected element(s)",
                         message_id="Koreksi biodata memerlukan nilai yang dikoreksi.")
    return requested


def file_application(
    svc: Services,
    *,
    nik: str,
    change: ChangeType,
    files: dict[DocumentType, bytes],
    requested: dict[str, Any],
) -> str:
    """Check everything, then store the uploads and create the application; returns its id. Does not
    start processing. A second open application for the same person and change is a `Conflict`
    naming the first (checked again when the row is written, so two at once cannot both pass)."""
    svc.population.person(nik)  # UnknownPerson before anything is stored
    requested = parse_requested(requested, change)
    svc.applications.refuse_duplicate(nik, change)
    needed = {DocumentType.KK, EVIDENCE_FOR_CHANGE[change]}
    missing = sorted(str(d) for d in needed - set(files))
    if missing:
        raise InputError(f"missing document(s) for {change}: {', '.join(missing)}",
                         message_id="Dokumen wajib belum diunggah: " + ", ".join(missing) + ".")
    extra = sorted(str(d) for d in set(files) - needed)
    if extra:
        raise InputError(f"document(s) not used by {change}: {', '.join(extra)}",
                         message_id="Dokumen berikut tidak diperlukan untuk perubahan ini: " + ", ".join(extra) + ".")
    kinds = {}
    for doc_type, data in files.items():
        if len(data) > svc.settings.max_upload_bytes:
            raise FileTooLarge(f"{doc_type}: {len(data)} bytes, limit {svc.settings.max_upload_bytes}")
        kinds[doc_type] = ocr.check_upload(data, max_pixels=svc.settings.max_pixels,
                                           max_pages=svc.settings.max_pages)

    application_id = svc.applications.new_id()
    uploads: dict[str, StoredObject] = {}
    for doc_type, data in files.items():
        uploads[str(doc_type)] = svc.store.put_once(
            svc.settings.intake_bucket,
            f"applications/{application_id}/{doc_type}.{kinds[doc_type]}",
            data,
            content_type=_CONTENT_TYPES.get(kinds[doc_type], "application/octet-stream"),
        )
    svc.applications.create(application_id=application_id, nik=nik, jenis_perubahan=change,
                            requested=requested, uploads=uploads)
    log.info("application %s filed (%s)", application_id, change)
    return application_id


@dataclass(frozen=True)
class Filed:
    """A filed application as its filer is told: `token` is the secret status token."""

    application_id: str
    tracking_code: str
    token: str
    replayed: bool = False
    """True when an earlier request with the same Idempotency-Key had filed it."""


_ANONYMOUS = "pemohon"


def request_fingerprint(*, nik: str, change: ChangeType, files: dict[DocumentType, bytes],
                        requested: dict[str, str]) -> str:
    """sha256 of what a filing asks for (the uploads by their sha256): equal for a retry of it."""
    payload = {"nik": nik, "jenis_perubahan": str(change), "requested": requested,
               "files": {str(k): hashlib.sha256(v).hexdigest() for k, v in files.items()}}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def file_with_access(
    svc: Services,
    *,
    nik: str,
    change: ChangeType,
    files: dict[DocumentType, bytes],
    requested: dict[str, Any],
    filed_by: str | None = None,
    idempotency_key: str | None = None,
    before_filing: Callable[[], None] | None = None,
    email: str | None = None,
) -> Filed:
    """`file_application`, then the tracking code and status token (`filed_by`: the staff account
    that filed, if any). With `idempotency_key` (scoped to `filed_by`), a request carrying a key
    already used for the same request returns that application (`replayed`), one for another
    request is `IdempotencyKeyReused`, one still filing `IdempotencyKeyInProgress`.
    `before_filing` runs before anything is stored (not on a replay). `email`: where the applicant asks
    to be told of the decision (`notify_decision`), checked first."""
    email = check_email(email)
    requested = parse_requested(requested, change)
    keys = IdempotencyKeys(svc.database)
    claim = None
    if idempotency_key is not None:
        fingerprint = request_fingerprint(nik=nik, change=change, files=files, requested=requested)
        claim = keys.claim(scope=filed_by or _ANONYMOUS, key=idempotency_key, fingerprint=fingerprint)
        if claim.application_id is not None and claim.token is not None:
            code = svc.access.tracking_code(claim.application_id) or ""
            return Filed(claim.application_id, code, claim.token, replayed=True)
    try:
        if before_filing is not None:
            before_filing()
        application_id = file_application(svc, nik=nik, change=change, files=files, requested=requested)
        grant = svc.access.grant(application_id, filed_by=filed_by, email=email)
    except BaseException:
        if claim is not None:
            keys.release(claim)
        raise
    if claim is not None:
        keys.complete(claim, application_id=application_id, token=grant.token)
    return Filed(application_id, grant.tracking_code, grant.token)
