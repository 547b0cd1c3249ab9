"""Server-rendered archive pages in Bahasa Indonesia: reissue lookup for staff, and the public QR answer
(templates `archive.html` and `verification.html`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _templates

if TYPE_CHECKING:
    from ._auth import Staff

_STATUS_ID = {"active": "AKTIF", "superseded": "TIDAK BERLAKU (DIGANTI)", "unknown": "TIDAK DIKENAL"}


def archive_page(documents: list[dict[str, Any]], *, query: dict[str, str], who: Staff) -> str:
    """Lookup by NIK, No. KK or application id; every document issued, its status, a download link."""
    return _templates.render("archive.html", title="Arsip dokumen", who=who, documents=documents, query=query,
                             searched=any(query.values()), status_names=_STATUS_ID)


def verification_page(answer: dict[str, Any]) -> str:
    """What a scanned QR code shows: status, document number, issue date, signer, masked holder."""
    return _templates.render("verification.html", title="Verifikasi dokumen", answer=answer,
                             status_names=_STATUS_ID)
