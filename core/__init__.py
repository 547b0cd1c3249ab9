"""The shared vocabulary of Capil: domain types, SIAK values, errors and settings."""

from ._errors import (
    CapilError,
    ConfigurationError,
    Conflict,
    DocumentTypeMismatch,
    FileTooLarge,
    InputError,
    IntegrityAlarm,
    InvalidPopulation,
    NoArchivedDocument,
    NotFound,
    ResourceLimitExceeded,
    ServiceUnavailable,
    UnknownApplication,
    UnknownPerson,
    UnreadableDocument,
    UnsupportedFile,
)
from ._identity import nik_problems, no_kk_problems
from ._settings import Settings, load_settings
from ._text import MAX_TEXT, date_problem, text_problem
from ._types import (
    BUKU_NIKAH_FIELDS,
    DOCUMENT_FIELDS,
    EVIDENCE_FOR_CHANGE,
    FAMILY_FIELDS,
    IJAZAH_FIELDS,
    KK_HEADER_FIELDS,
    KK_MEMBER_FIELDS,
    MEMBER_FIELDS,
    MISSING,
    REQUESTABLE_FIELDS,
    ArchivedKk,
    ChangeType,
    Decision,
    DocumentType,
    Extraction,
    Family,
    FieldValue,
    Finding,
    IssueDetails,
    Person,
    Severity,
    Status,
    StoredObject,
    Unreadable,
)
from ._vocab import (
    MONTHS_ID,
    VOCAB_KINDS,
    canonical,
    canonical_values,
    jenjang_values,
    pendidikan_for_jenjang,
    pendidikan_rank,
)

__all__ = [
    "BUKU_NIKAH_FIELDS", "DOCUMENT_FIELDS", "EVIDENCE_FOR_CHANGE", "FAMILY_FIELDS",
    "IJAZAH_FIELDS", "KK_HEADER_FIELDS", "KK_MEMBER_FIELDS", "MEMBER_FIELDS", "MISSING",
    "MAX_TEXT", "MONTHS_ID", "REQUESTABLE_FIELDS", "VOCAB_KINDS",
    "ArchivedKk", "CapilError", "ChangeType", "ConfigurationError", "Conflict", "Decision", "DocumentType",
    "DocumentTypeMismatch", "Extraction", "Family", "FieldValue", "FileTooLarge", "Finding",
    "InputError", "IntegrityAlarm", "IssueDetails", "InvalidPopulation", "NoArchivedDocument", "NotFound",
    "Person", "ResourceLimitExceeded", "ServiceUnavailable", "Settings", "Severity", "Status", "StoredObject",
    "UnknownApplication", "UnknownPerson", "Unreadable", "UnreadableDocument", "UnsupportedFile",
    "canonical", "canonical_values", "date_problem", "jenjang_values", "load_settings", "nik_problems",
    "no_kk_problems", "pendidikan_for_jenjang", "pendidikan_rank", "text_problem",
]
