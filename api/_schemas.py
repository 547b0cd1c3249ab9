"""What the JSON routes answer, as OpenAPI schemas (`/openapi.json`, `/docs`).

The routes build their answers from the rooms' `to_dict()`; these models only describe them
(`responses={200: {"model": …}}`), so the document a partner system reads says what arrives
without a second copy of the data filtering it. `tests/unit/test_api_schemas.py` checks that real
answers fit them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Described(BaseModel):
    model_config = ConfigDict(extra="allow")


class FindingOut(_Described):
    code: str = Field(description="Kode temuan yang tetap, untuk mesin (mis. NAME_MISMATCH)")
    severity: str = Field(description="info, mismatch atau error")
    document: str | None = Field(description="kk, ijazah, buku_nikah atau application")
    field: str | None = Field(description="Elemen data yang diperiksa")
    expected: Any = Field(description="Nilai pada data kependudukan")
    found: Any = Field(description="Nilai yang terbaca pada dokumen")
    message: str = Field(description="Penjelasan dalam bahasa Indonesia")


class StoredObjectOut(_Described):
    bucket: str
    key: str
    version_id: str | None
    sha256: str


class TimingsOut(_Described):
    received_at: str | None
    decided_at: str | None
    archived_at: str | None


class ApplicationOut(_Described):
    """The application of `interfaces.md`; staff also see `uploads`, `decision`, `decisions` and
    `tracking_code`."""

    id: str
    nik: str
    jenis_perubahan: str = Field(description="pendidikan, status_perkawinan atau koreksi_biodata")
    status: str = Field(description="received, processing, approved, needs_review atau rejected")
    requested: dict[str, Any] = Field(description="Nilai yang dimohonkan")
    findings: list[FindingOut]
    document: StoredObjectOut | None = Field(description="KK bertanda tangan di arsip, setelah disetujui")
    timings: TimingsOut


class FiledApplicationOut(ApplicationOut):
    """The answer to a filing: the application, its short tracking code and the applicant's secret
    status token (shown only here)."""

    tracking_code: str = Field(description="Kode lacak pendek, mis. KP-7F3K-9QX2")
    status_token: str = Field(description="Token rahasia pemohon: membuka status dan KK permohonan ini saja")
    status_url: str
    status_page_url: str


class IssuedDocumentOut(_Described):
    document_number: str
    application_id: str
    nik: str
    no_kk: str | None
    issued_at: str | None
    status: str = Field(description="active atau superseded")
    superseded_at: str | None
    superseded_by: str | None = Field(description="Permohonan yang menggantikannya")
    superseded_reason: str | None
    signer: str | None
    level: str | None = Field(description="Tingkat PAdES")
    document: StoredObjectOut


class QrAnswerOut(_Described):
    status: str = Field(description="active, superseded atau unknown")
    message: str
