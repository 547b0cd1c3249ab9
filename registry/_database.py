"""Engine and sessions: SQLite by default (WAL, foreign keys, busy timeout), PostgreSQL in production.

Opening a `Database` migrates it to the newest schema (`_migrate.py`); `migrate=False` leaves it
as it is (then `capil registry migrate` does it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from core import ConfigurationError, ServiceUnavailable

from . import _migrate


class Database:
    """One database: the population record, the applications, the audit log. Thread-safe; share one per process."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = _engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> tuple[str | None, str]:
        """Bring the schema to the newest revision: (revision before, revision now)."""
        try:
            return _migrate.upgrade(self.engine)
        except OperationalError as e:
            raise ServiceUnavailable(f"database {self.safe_url} is not reachable: {e.orig}") from e

    def revision(self) -> str | None:
        return _migrate.current_revision(self.engine)

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any exception."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    try:
        # hide_parameters: a failed statement's message must not carry NIKs or names into logs,
        # Prefect's stored failure states or HTTP 500 bodies.
        return create_engine(url, pool_pre_ping=not url.startswith("sqlite"), hide_parameters=True)
    except ImportError as e:  # e.g. postgresql+psycopg without psycopg installed
        raise ConfigurationError(f"database driver for {url.split(':', 1)[0]} is not installed: {e}") from e
    except Exception as e:  # malformed URL
        raise ConfigurationError(f"CAPIL_DATABASE_URL is not a valid SQLAlchemy URL: {type(e).__name__}") from e


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
