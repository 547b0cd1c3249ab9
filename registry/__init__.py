"""The population record, the applications against it, the documents issued, the audit log (SQLAlchemy + Alembic).

One repository class per table family, each over a `Database`: `PopulationRecord`, `Applications`,
`IssuedDocuments`, `AuditLog` (with the batched `StatusReads` of applicants); staff `Accounts`
(roles, passwords, lockout, API tokens), their login `Sessions`, `ApplicantAccess` (an applicant's
tracking code and status token), and the `IdempotencyKeys` of filings.

SQLite in the data directory by default, PostgreSQL with `CAPIL_DATABASE_URL=postgresql+psycopg://…`;
the schema is the same on both and comes from the migrations in `registry/migrations/`.
"""

from ._access import TOKEN_PREFIX as STATUS_TOKEN_PREFIX
from ._access import ApplicantAccess, Grant
from ._accounts import ROLES, Accounts, LoginResult, UnknownUser, User
from ._accounts import TOKEN_PREFIX as STAFF_TOKEN_PREFIX
from ._applications import Application, Applications
from ._audit import AuditLog, AuditVerification
from ._database import Database
from ._figures import Figures, StageTimes
from ._idempotency import (
    Claim,
    IdempotencyKeyInProgress,
    IdempotencyKeyReused,
    IdempotencyKeys,
    InvalidIdempotencyKey,
)
from ._issued import IssuedDocument, IssuedDocuments
from ._migrate import head_revision
from ._population import SYSTEM, ImportReport, PopulationRecord
from ._sessions import NewSession, Sessions, StaffSession
from ._status_reads import StatusReads
from ._validate import FORMAT as POPULATION_FORMAT
from ._validate import population_problems

__all__ = [
    "POPULATION_FORMAT",
    "ROLES",
    "STAFF_TOKEN_PREFIX",
    "STATUS_TOKEN_PREFIX",
    "SYSTEM",
    "Accounts",
    "ApplicantAccess",
    "Application",
    "Applications",
    "AuditLog",
    "AuditVerification",
    "Claim",
    "Database",
    "Figures",
    "Grant",
    "IdempotencyKeyInProgress",
    "IdempotencyKeyReused",
    "IdempotencyKeys",
    "ImportReport",
    "InvalidIdempotencyKey",
    "IssuedDocument",
    "IssuedDocuments",
    "LoginResult",
    "NewSession",
    "PopulationRecord",
    "Sessions",
    "StaffSession",
    "StatusReads",
    "StageTimes",
    "UnknownUser",
    "User",
    "head_revision",
    "population_problems",
]
