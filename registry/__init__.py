"""The population record, the applications against it, the documents issued, the audit log (SQLAlchemy + Alembic).

One repository class per table family, each over a `Database`: `PopulationRecord`, `Applications`,
`IssuedDocuments`, `AuditLog`.

SQLite in the data directory by default, PostgreSQL with `CAPIL_DATABASE_URL=postgresql+psycopg://…`;
the schema is the same on both and comes from the migrations in `registry/migrations/`.
"""

from ._applications import Application, Applications
from ._audit import AuditLog, AuditVerification
from ._database import Database
from ._issued import IssuedDocument, IssuedDocuments
from ._migrate import head_revision
from ._population import SYSTEM, ImportReport, PopulationRecord
from ._validate import FORMAT as POPULATION_FORMAT
from ._validate import population_problems

__all__ = [
    "POPULATION_FORMAT",
    "SYSTEM",
    "Application",
    "Applications",
    "AuditLog",
    "AuditVerification",
    "Database",
    "ImportReport",
    "IssuedDocument",
    "IssuedDocuments",
    "PopulationRecord",
    "head_revision",
    "population_problems",
]
