"""The population record and the applications against it (SQLAlchemy; SQLite by default)."""

from ._applications import Application, Applications
from ._database import Database
from ._population import ImportReport, PopulationRecord
from ._validate import FORMAT as POPULATION_FORMAT
from ._validate import population_problems

__all__ = [
    "POPULATION_FORMAT",
    "Application",
    "Applications",
    "Database",
    "ImportReport",
    "PopulationRecord",
    "population_problems",
]
