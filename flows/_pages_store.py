"""The normalized page images of an application's uploads, kept for the verifikator's review.

Layout, in the intake bucket beside the uploads (`applications/{id}/{document}.{ext}`):

    applications/{id}/pages/{document}/{n}.png       page n (1-based), grayscale PNG (`GREY_LEVELS`
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

import cv2
import numpy as np

from core import Conflict, DocumentType, NotFound, StoredObject

from ._services import Services

log = logging.getLogger(__name__)

MAX_WIDTH = 1600
"""Stored page images are scaled down to this width (never up); the boxes are scaled alike when drawn."""

_MANIFEST = "pages.json"
GREY_LEVELS = 32
"""Stored pages keep 32 grey levels (black and white exact): no visible change to print, but a
scanner's grain then compresses (the synthetic KK "scan" page: 863 KB -> 211 KB at 1600 px)."""
_GREY_LEVELS = (np.arange(256) // (256 // GREY_LEVELS) * 255 // (GREY_LEVELS - 1)).astype(np.uint8)
"""Equal bins of 8 values; the top bin (paper, 248..255) becomes white, the bottom one black."""


class _Reading(Protocol):
    """What `ocr.Reading` offers here (kept structural so unit tests can hand in a stand-in)."""

    @property
    def transforms(self) -> tuple[Any, ...]: ...

    def page_image(self, number: int) -> bytes: ...


def page_key(application_id: str, document_type: str, number: int) -> str:
    return f"applications/{application_id}/pages/{document_type}/{int(number)}.png"


def manifest_key(application_id: str, document_type: str) -> str:
    return f"applications/{application_id}/pages/{document_type}/{_MANIFEST}"


def review_image(png: bytes, *, max_width: int = MAX_WIDTH) -> tuple[bytes, float, tuple[int, int], tuple[int, int]]:
    """The page as stored for review: grayscale, at most `max_width` wide, `GREY_LEVELS` levels, PNG.

    Returns (png, scale, (page_width, page_height), (stored_width, stored_height)).
    """
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ValueError("page image does not decode")
    height, width = image.shape[:2]
    scale = min(1.0, max_width / width)
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    image = cv2.LUT(image, _GREY_LEVELS)
    ok, encoded = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 6])
    if not ok:
        raise ValueError("page image cannot be encoded")
    stored_height, stored_width = image.shape[:2]
    return encoded.tobytes(), stored_width / width, (width, height), (stored_width, stored_height)


def store_page_images(svc: Services, application_id: str, document_type: str, reading: _Reading) -> dict[str, Any]:
    """Store every page of one read document and its manifest; returns the manifest."""
    bucket = svc.settings.intake_bucket
    pages = []
    for number, transform in enumerate(reading.transforms, start=1):
        png, scale, page_size, stored_size = review_image(reading.page_image(number))
        stored = _replace(svc, bucket, page_key(application_id, document_type, number), png, "image/png")
        matrix = np.asarray(getattr(transform, "matrix", np.eye(3)), dtype=float)
        pages.append({
            "page": number, **stored.to_dict(), "bytes": len(png), "width": stored_size[0], "height": stored_size[1],
            "page_width": page_size[0], "page_height": page_size[1], "scale": scale,
            "transform": [[round(float(v), 6) for v in row] for row in matrix],
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
