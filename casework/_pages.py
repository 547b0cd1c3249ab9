"""The normalized page images of an application's uploads, kept for the verifikator's review.

Layout, in the intake bucket beside the uploads (`applications/{id}/{document}.{ext}`):

    applications/{id}/pages/{document}/{n}.png       page n (1-based), grayscale PNG (`ocr.GREY_LEVELS`
                                                     levels), at most `MAX_WIDTH` px wide
    applications/{id}/pages/{document}/pages.json    per page: its key, version and sha256, the stored
                                                     size, the normalized page size, `scale` (stored px
                                                     per normalized-page px) and `transform` (upload px
                                                     -> normalized page px, a 3x3 homography)

A field's `bbox` is in normalized page pixels; times `scale` it lands on the stored PNG.
Page images are derived data (the upload they come from is kept), so they live in the intake
bucket, which has no retention: a retried or repeated extraction writes nothing when the bytes
are the same and otherwise replaces the object, deleting the version it replaced. In the archive
bucket every retry would leave another COMPLIANCE-locked copy for years.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any, Protocol

import ocr
from core import Conflict, DocumentType, NotFound, StoredObject

from ._services import Services

log = logging.getLogger(__name__)

MAX_WIDTH = 1600
"""Stored page images are scaled down to this width (never up); the boxes are scaled alike when drawn."""

_MANIFEST = "pages.json"


class _Reading(Protocol):
    """What `ocr.Reading` offers here (kept structural so unit tests can hand in a stand-in)."""

    @property
    def transforms(self) -> tuple[ocr.Transform, ...]: ...

    def page_image(self, number: int) -> bytes: ...


def page_key(application_id: str, document_type: str, number: int) -> str:
    return f"applications/{application_id}/pages/{document_type}/{int(number)}.png"


def manifest_key(application_id: str, document_type: str) -> str:
    return f"applications/{application_id}/pages/{document_type}/{_MANIFEST}"


def store_page_images(svc: Services, application_id: str, document_type: str, reading: _Reading) -> dict[str, Any]:
    """Store every page of one read document and its manifest; returns the manifest."""
    bucket = svc.settings.intake_bucket
    pages = []
    for number, transform in enumerate(reading.transforms, start=1):
        # A reading's pixels as they are; a page that is only PNG (an upload kept as it is) decoded
        page = reading.page_pixels(number) if isinstance(reading, ocr.Reading) else reading.page_image(number)
        image = ocr.review_image(page, max_width=MAX_WIDTH)
        stored = _replace(svc, bucket, page_key(application_id, document_type, number), image.png, "image/png")
        pages.append({
            "page": number, **stored.to_dict(), "bytes": len(image.png),
            "width": image.stored_size[0], "height": image.stored_size[1],
            "page_width": image.page_size[0], "page_height": image.page_size[1], "scale": image.scale,
            "transform": transform.rows(),
        })
    manifest = {"application_id": application_id, "document_type": document_type, "max_width": MAX_WIDTH,
                "pages": pages}
    _replace(svc, bucket, manifest_key(application_id, document_type),
             json.dumps(manifest, sort_keys=True).encode(), "application/json")
    log.info("application %s: %d page image(s) of %s stored (%d bytes)", application_id, len(pages),
             document_type, sum(p["bytes"] for p in pages))
    return manifest


def _replace(svc: Services, bucket: str, key: str, data: bytes, content_type: str) -> StoredObject:
    """Write `key` so that it holds `data` in one current version: same bytes -> nothing written;
    other bytes -> a new version, and the one it replaced is deleted (a retry leaves no copies)."""
    store = svc.store
    existing = store.stat(bucket, key)
    if existing is not None and existing.sha256 == hashlib.sha256(data).hexdigest():
        return existing
    stored = store.put(bucket, key, data, content_type=content_type)
    if existing is not None and existing.version_id and existing.version_id != stored.version_id:
        try:
            store.delete_version(existing)
        except Conflict:  # a bucket with default retention keeps it; the current version is still ours
            log.debug("kept replaced version %s of %s/%s (retention)", existing.version_id, bucket, key)
    return stored


def page_manifest(svc: Services, application_id: str, document_type: str) -> dict[str, Any] | None:
    """The stored manifest of one document's page images, or None when none were stored."""
    found = svc.store.stat(svc.settings.intake_bucket, manifest_key(application_id, document_type))
    if found is None:
        return None
    manifest: dict[str, Any] = json.loads(svc.store.get(found))
    return manifest


def page_manifests(svc: Services, application_id: str) -> dict[str, dict[str, Any]]:
    """Every document's manifest for one application, keyed by document type (KK first)."""
    out = {}
    for doc_type in DocumentType:
        manifest = page_manifest(svc, application_id, str(doc_type))
        if manifest is not None:
            out[str(doc_type)] = manifest
    return out


def page_image(svc: Services, application_id: str, document_type: str, number: int) -> bytes:
    """The stored PNG of one page; `NotFound` (Indonesian message) when there is none."""
    missing = NotFound(f"application {application_id}: no page image {document_type} {number}",
                       message_id="Gambar halaman dokumen tidak ditemukan.")
    if document_type not in {str(d) for d in DocumentType} or number < 1:
        raise missing
    found = svc.store.stat(svc.settings.intake_bucket, page_key(application_id, document_type, number))
    if found is None:
        raise missing
    return svc.store.get(found)
