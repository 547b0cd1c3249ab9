"""Frozen domain types shared by every room, with their JSON shapes from `interfaces.md`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DocumentType(StrEnum):
    KK = "kk"
    IJAZAH = "ijazah"
    BUKU_NIKAH = "buku_nikah"


class ChangeType(StrEnum):
    PENDIDIKAN = "pendidikan"
    STATUS_PERKAWINAN = "status_perkawinan"
    KOREKSI_BIODATA = "koreksi_biodata"


class Status(StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    APPROVED = "approved"
    NEEDS_REVIEW = "needs_review"
    REJECTED = "rejected"

    @property
    def is_final(self) -> bool:
        return self in (Status.APPROVED, Status.REJECTED)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    MISMATCH = "mismatch"
    ERROR = "error"

    @property
    def blocks_approval(self) -> bool:
        return self in (Severity.MISMATCH, Severity.ERROR)


# Which evidence each change needs besides the KK (documents.md, last table).
EVIDENCE_FOR_CHANGE: dict[ChangeType, DocumentType] = {
    ChangeType.PENDIDIKAN: DocumentType.IJAZAH,
    ChangeType.STATUS_PERKAWINAN: DocumentType.BUKU_NIKAH,
    ChangeType.KOREKSI_BIODATA: DocumentType.IJAZAH,
}

REQUESTABLE_FIELDS: dict[ChangeType, tuple[str, ...]] = {
    ChangeType.PENDIDIKAN: ("pendidikan",),
    ChangeType.STATUS_PERKAWINAN: ("status_perkawinan", "tanggal_perkawinan", "no_akta_perkawinan"),
    ChangeType.KOREKSI_BIODATA: ("nama_lengkap", "tempat_lahir", "tanggal_lahir"),
}
"""The member fields an application of each change may ask to set (documents.md, "Which document
proves which change")."""

FAMILY_FIELDS = (
    "no_kk", "alamat", "rt", "rw", "desa_kelurahan", "kecamatan",
    "kabupaten_kota", "provinsi", "kode_pos", "tanggal_dikeluarkan",
)

MEMBER_FIELDS = (
    "nik", "nama_lengkap", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
    "pendidikan", "jenis_pekerjaan", "golongan_darah", "status_perkawinan",
    "tanggal_perkawinan", "no_akta_perkawinan", "status_hubungan", "kewarganegaraan",
    "no_paspor", "no_kitap", "nama_ayah", "nama_ibu",
)

# Fields of each document as read by `capil extract` (documents.md).
KK_HEADER_FIELDS = (
    "no_kk", "nama_kepala_keluarga", "alamat", "rt", "rw", "desa_kelurahan", "kecamatan",
    "kabupaten_kota", "kode_pos", "provinsi", "tanggal_dikeluarkan",
)
KK_MEMBER_FIELDS = (
    "nama_lengkap", "nik", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
    "pendidikan", "jenis_pekerjaan", "golongan_darah", "status_perkawinan",
    "tanggal_perkawinan", "status_hubungan", "kewarganegaraan", "no_paspor", "no_kitap",
    "nama_ayah", "nama_ibu",
)
IJAZAH_FIELDS = (
    "jenjang", "nama_satuan_pendidikan", "npsn", "nama_lengkap", "tempat_lahir",
    "tanggal_lahir", "nama_orang_tua", "nis", "nisn", "nim", "program_studi", "gelar",
    "nomor_ijazah", "tanggal_lulus",
)
_PARTY_FIELDS = (
    "nama_lengkap", "nik", "tempat_lahir", "tanggal_lahir", "kewarganegaraan",
    "agama", "pekerjaan", "alamat",
)
BUKU_NIKAH_FIELDS = (
    "nomor_akta", "tanggal_nikah", "kua",
    *(f"suami.{f}" for f in _PARTY_FIELDS),
    *(f"istri.{f}" for f in _PARTY_FIELDS),
    "wali.nama_lengkap",
)
DOCUMENT_FIELDS: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.KK: KK_HEADER_FIELDS,
    DocumentType.IJAZAH: IJAZAH_FIELDS,
    DocumentType.BUKU_NIKAH: BUKU_NIKAH_FIELDS,
}


@dataclass(frozen=True)
class Person:
    """One member of a family as held in the population record (all values canonical)."""

    nik: str
    nama_lengkap: str
    jenis_kelamin: str
    tempat_lahir: str
    tanggal_lahir: str
    agama: str
    pendidikan: str
    jenis_pekerjaan: str
    golongan_darah: str
    status_perkawinan: str
    status_hubungan: str
    kewarganegaraan: str
    tanggal_perkawinan: str | None = None
    no_akta_perkawinan: str | None = None
    no_paspor: str | None = None
    no_kitap: str | None = None
    nama_ayah: str | None = None
    nama_ibu: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(**{k: data.get(k) for k in MEMBER_FIELDS})  # type: ignore[arg-type]  # validated upstream

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in MEMBER_FIELDS}

    def with_changes(self, changes: dict[str, Any]) -> Person:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Family:
    """A Kartu Keluarga as held in the population record."""

    no_kk: str
    alamat: str
    rt: str
    rw: str
    desa_kelurahan: str
    kecamatan: str
    kabupaten_kota: str
    provinsi: str
    kode_pos: str | None
    tanggal_dikeluarkan: str | None
    anggota: tuple[Person, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Family:
        header = {k: data.get(k) for k in FAMILY_FIELDS}
        members = tuple(Person.from_dict(p) for p in data.get("anggota", []))
        return cls(**header, anggota=members)  # type: ignore[arg-type]  # validated upstream

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in FAMILY_FIELDS}
        out["anggota"] = [p.to_dict() for p in self.anggota]
        return out

    def member(self, nik: str) -> Person | None:
        return next((p for p in self.anggota if p.nik == nik), None)

    @property
    def kepala_keluarga(self) -> Person | None:
        return next((p for p in self.anggota if p.status_hubungan == "KEPALA KELUARGA"), None)


@dataclass(frozen=True)
class FieldValue:
    """One value read off a document, with how sure we are and where it was."""

    value: str | None
    confidence: float = 0.0
    page: int | None = None
    bbox: tuple[int, int, int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "confidence": round(float(self.confidence), 3),
            "page": int(self.page) if self.page is not None else None,
            # plain ints: extractors often hand over numpy integers, which JSON cannot encode
            "bbox": [int(v) for v in self.bbox] if self.bbox is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FieldValue:
        bbox = data.get("bbox")
        return cls(
            value=data.get("value"),
            confidence=float(data.get("confidence") or 0.0),
            page=data.get("page"),
            bbox=tuple(bbox) if bbox else None,  # type: ignore[arg-type]
        )


MISSING = FieldValue(None)


@dataclass(frozen=True)
class Extraction:
    """What was read off one document (`capil extract --json`)."""

    document_type: DocumentType
    pages: int
    source: str  # "ocr" or "text_layer"
    fields: dict[str, FieldValue]
    anggota: tuple[dict[str, FieldValue], ...] = ()

    def value(self, name: str) -> str | None:
        return self.fields.get(name, MISSING).value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document_type": str(self.document_type),
            "pages": self.pages,
            "source": self.source,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
        }
        if self.document_type == DocumentType.KK:
            out["anggota"] = [{k: v.to_dict() for k, v in row.items()} for row in self.anggota]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            document_type=DocumentType(data["document_type"]),
            pages=int(data.get("pages", 1)),
            source=data.get("source", "ocr"),
            fields={k: FieldValue.from_dict(v) for k, v in data.get("fields", {}).items()},
            anggota=tuple(
                {k: FieldValue.from_dict(v) for k, v in row.items()} for row in data.get("anggota", [])
            ),
        )


@dataclass(frozen=True)
class Finding:
    """One thing the cross-check noticed; `message` is Indonesian, `code` is stable."""

    code: str
    severity: Severity
    message: str
    document: str | None = None
    field: str | None = None
    expected: str | None = None
    found: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "document": self.document,
            "field": self.field,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            message=data["message"],
            document=data.get("document"),
            field=data.get("field"),
            expected=data.get("expected"),
            found=data.get("found"),
        )


@dataclass(frozen=True)
class Decision:
    """The cross-check's verdict: a status and the findings that led to it."""

    status: Status
    findings: tuple[Finding, ...] = ()
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """NIK → {field: new value}: what the record gets if the application is approved."""


@dataclass(frozen=True)
class StoredObject:
    """Where an object lives in object storage, and the hash of its bytes."""

    bucket: str
    key: str
    version_id: str | None
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"bucket": self.bucket, "key": self.key, "version_id": self.version_id, "sha256": self.sha256}


@dataclass(frozen=True)
class Unreadable:
    """A document that could not be used, in place of its `Extraction`: the finding code that says
    why (`WRONG_DOCUMENT_TYPE`, `DOCUMENT_UNREADABLE`: rejected; `DOCUMENT_NOT_READ`: a valid file we
    could not read, for review; `PROCESSING_FAILED`: a read stopped at the reader's CPU or time limit,
    the office's failure, for review) and the reason, for the verifikator."""

    document_type: DocumentType
    code: str
    reason: str


@dataclass(frozen=True)
class IssueDetails:
    """What an issued KK states, kept beside its archived object (the application's `document` JSON)."""

    issued_at: str | None
    """ISO 8601 UTC time of issue."""
    no_kk: str | None
    """The family the KK is for."""
    record_versions: dict[str, int]
    """{nik: version} of every member as printed."""
    fingerprint: str | None
    """The short hash in the QR code's URL."""
    holder_masked: str
    """The head of family's name, masked (the only name the QR page shows)."""
    signer: str | None
    """The signing official's name."""
    level: str | None
    """PAdES level the archived document reaches (checked, not just present)."""
    timestamp_expires_at: str | None
    """When the TSA certificate of its newest timestamp expires."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IssueDetails:
        return cls(issued_at=data.get("issued_at"), no_kk=data.get("no_kk"),
                   record_versions=dict(data.get("record_versions") or {}), fingerprint=data.get("fingerprint"),
                   holder_masked=data.get("holder_masked") or "-", signer=data.get("signer"),
                   level=data.get("level"), timestamp_expires_at=data.get("timestamp_expires_at"))


@dataclass(frozen=True)
class ArchivedKk:
    """A signed KK written to the archive, verified as read back, and what it states."""

    document: StoredObject
    details: IssueDetails
