"""Filing an application: the one path shared by `capil submit` and the HTTP upload.

Checks come first (NIK known, the right documents, each file a supported image or
PDF within limits), then the uploads go to the intake bucket, then the
application row is written. Bad input therefore leaves nothing behind.
"""

from __future__ import annotations

import logging
from typing import Any

import ocr
from core import (
    EVIDENCE_FOR_CHANGE,
    MEMBER_FIELDS,
    ChangeType,
    DocumentType,
    FileTooLarge,
    InputError,
    StoredObject,
    canonical,
)

from ._services import Services

log = logging.getLogger(__name__)

_CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff", "webp": "image/webp",
                  "pdf": "application/pdf"}
_SETTABLE = set(MEMBER_FIELDS) - {"nik"}


def parse_requested(pairs: dict[str, str], change: ChangeType) -> dict[str, Any]:
    """Check `--set FIELD=VALUE` pairs: known fields, canonical vocabulary values."""
    requested: dict[str, Any] = {}
    for field, raw in pairs.items():
        if field not in _SETTABLE:
            raise InputError(f"--set {field}: not a field that can be changed",
                             message_id=f"Elemen data '{field}' tidak dapat diubah melalui permohonan ini.")
        value = " ".join(raw.upper().split())
        if field in ("pendidikan", "status_perkawinan"):
            snapped = canonical(field, value)
            if snapped is None:
                raise InputError(f"--set {field}: {raw!r} is not a SIAK value",
                                 message_id=f"Nilai '{raw}' bukan nilai SIAK yang sah untuk {field}.")
            value = snapped
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
    """Store the uploads and create the application; returns its id. Does not start processing."""
    svc.population.person(nik)  # UnknownPerson before anything is stored
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
        kinds[doc_type] = ocr.sniff(data)

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
