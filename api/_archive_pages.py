"""Server-rendered archive pages in Bahasa Indonesia: the archive desk for staff (`archive.html`) and the
public answer of an issued KK's QR code (`verification.html`).

The archive desk finds every KK issued to a person (NIK), a family (No. KK) or the person of one
application (its id or the tracking code the applicant quotes). Each row names the holder (full name,
masked NIK, masked No. KK), whether the KK is still the one in force and, when it is not, since when, why and by
which application (its tracking code and change). A mistake in the form is said on the page, in the
form, never as an error page. The JSON twin is `GET /api/archive/documents`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core import CapilError, InputError

from . import _templates, _words

if TYPE_CHECKING:
    import registry
    from casework import Services

    from ._auth import Staff

_STATUS_ID = {"active": "BERLAKU", "superseded": "TIDAK BERLAKU (DIGANTI)", "unknown": "TIDAK DIKENAL"}
VERDICTS = {"active": "ASLI & BERLAKU", "superseded": "ASLI, SUDAH DIGANTI", "unknown": "TIDAK DIKENAL"}
"""The QR page's verdict in a word, on its coloured block."""
_REASONS = {
    "record_changed": "data anggota keluarga diubah melalui permohonan",
    "newer_document": "KK baru diterbitkan untuk keluarga ini melalui permohonan",
    "record_imported": "data kependudukan diperbarui dari SIAK",
    "members_changed": "susunan anggota keluarga berubah",
}
"""Why an issued KK is no longer the one in force."""
_SIXTEEN_DIGITS = re.compile(r"^[0-9]{16}$")
_TRACKING_CODE = re.compile(r"^[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}$")


class ArchiveQueryError(InputError):
    """The archive desk's form was filled in a way no lookup can answer."""

    code = "INVALID_ARCHIVE_QUERY"
    message_id = "Isi tepat satu dari NIK, No. KK atau nomor permohonan/kode pelacakan."


@dataclass(frozen=True)
class Query:
    """One archive lookup: exactly one of the three is set."""

    nik: str | None = None
    no_kk: str | None = None
    application: str | None = None
    """An application id, or the tracking code the applicant was given."""


def parse_query(*, nik: str | None, no_kk: str | None, application: str | None) -> Query:
    """The lookup the form or the API asks for, checked (`ArchiveQueryError` with an Indonesian message)."""
    given = {k: v.strip() for k, v in (("nik", nik), ("no_kk", no_kk), ("application", application))
             if v is not None and v.strip()}
    if len(given) != 1:
        raise ArchiveQueryError(f"{len(given)} lookup fields given",
                                message_id="Isi salah satu saja: NIK, No. KK, atau nomor permohonan/kode pelacakan "
                                           f"({len(given)} kolom terisi)." if given else
                                           "Isi salah satu: NIK, No. KK, atau nomor permohonan/kode pelacakan.")
    (field, value), = given.items()
    if field in ("nik", "no_kk") and not _SIXTEEN_DIGITS.match(value):
        name = "NIK" if field == "nik" else "No. KK"
        raise ArchiveQueryError(f"{field} is not 16 digits", message_id=f"{name} harus 16 angka.")
    return Query(**{field: value})


def lookup(svc: Services, actor: str, query: Query) -> list[registry.IssuedDocument]:
    """Every document issued for the query, newest first; the lookup is audited. An application id or a
    tracking code that names no application is `ArchiveQueryError` (422)."""
    application = query.application
    if application is not None and _TRACKING_CODE.match(application):
        application = svc.access.find(application) or application
    try:
        docs = svc.issued.find(nik=query.nik, no_kk=query.no_kk, application_id=application)
    except CapilError as e:
        if e.http_status != 404:
            raise
        raise ArchiveQueryError(f"no application {query.application!r}",
                                message_id="Nomor permohonan atau kode pelacakan tidak ditemukan.") from None
    svc.audit.record(actor=actor, action="archive.list", subject_type="archive",
                     subject=query.nik or query.no_kk or query.application,
                     details={"ids": [d.application_id for d in docs]})
    return docs


def archive_rows(svc: Services, docs: list[registry.IssuedDocument]) -> list[dict[str, Any]]:
    """Each document as the desk shows it: holder, status, and what superseded it."""
    rows = []
    for d in docs:
        row = d.to_dict()
        row["holder_name"] = _name(svc, d.nik)
        row["holder_nik"] = _words.mask_nik(d.nik)
        row["no_kk"] = _words.mask_no_kk(d.no_kk)  # as the QR answer shows it; the PDF is one click away
        row["tracking_code"] = svc.access.tracking_code(d.application_id)
        row["why"] = _REASONS.get(d.superseded_reason or "", "")
        if d.superseded_by:
            row["by_code"] = svc.access.tracking_code(d.superseded_by) or d.superseded_by
            try:
                row["by_change"] = _words.CHANGE.get(str(svc.applications.get(d.superseded_by).jenis_perubahan), "")
            except CapilError:
                row["by_change"] = ""
        rows.append(row)
    return rows


def archive_page(rows: list[dict[str, Any]], *, query: dict[str, str], who: Staff, error: str = "") -> str:
    """The lookup form (with `error` said in it) and every document found."""
    return _templates.render("archive.html", title="Arsip dokumen", who=who, documents=rows, query=query,
                             searched=any(query.values()) and not error, status_names=_STATUS_ID, error=error)


def qr_answer(issued: registry.IssuedDocument | None, *, office: str) -> dict[str, Any]:
    """The public answer about one issued KK (None: not ours, or a QR whose fingerprint does not match)."""
    if issued is None:
        return {"status": "unknown", "office": office, "verdict": VERDICTS["unknown"],
                "message": "Dokumen ini tidak tercatat sebagai terbitan kami. Jangan menerimanya sebagai KK yang sah."}
    messages = {
        "active": f"Dokumen ini asli, diterbitkan oleh {office}, dan masih berlaku.",
        "superseded": f"Dokumen ini asli, diterbitkan oleh {office}, tetapi sudah diganti dengan KK yang lebih "
                      "baru karena data keluarga berubah. Mintalah KK yang terbaru.",
    }
    return {
        "status": issued.status,
        "verdict": VERDICTS[issued.status],
        "office": office,
        "document_number": issued.application_id,
        "no_kk": _words.mask_no_kk(issued.no_kk),
        "issued_at": issued.issued_at,
        "superseded_at": issued.superseded_at,
        "signer": issued.details.signer,
        "holder": issued.details.holder_masked,
        "message": messages[issued.status],
    }


def verification_page(answer: dict[str, Any], *, tracking_code: str | None = None) -> str:
    """What a scanned QR code shows: the verdict on a coloured block, then the office, the No. KK (masked),
    issue date, signer, the application's tracking code (the code people quote; left out when it has none)
    and the document's ID as the signed KK prints it in its footer (`document_number` of the JSON answer),
    so the paper and the page can be compared."""
    return _templates.render("verification.html", title="Verifikasi dokumen", answer=answer,
                             number=tracking_code or answer.get("document_number"))


def _name(svc: Services, nik: str) -> str:
    try:
        return str(svc.population.person(nik).nama_lengkap)
    except CapilError:
        return "-"
