"""Operational figures read from the applications, cheaply, for `/metrics` and the watch flow.

Only counts, ages and durations: never a NIK, a name or a value read from a document.

    counts_by_status()           status -> how many applications (one GROUP BY)
    oldest_waiting(statuses)     status -> when the oldest application in it arrived
    waiting_since(status, before) ids of applications in `status` that arrived before a time
    stage_durations(since)       per application received since then: the times its stages ended
    ocr_pages()                  document type -> pages read (from the recorded extractions)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from core import Status

from ._database import Database
from ._schema import ApplicationRow, DecisionRow


@dataclass(frozen=True)
class StageTimes:
    """When one application's stages ended (UTC; None where it has not reached that stage)."""

    received_at: dt.datetime
    automatic_at: dt.datetime | None
    """The automatic decision (read and cross-checked)."""
    automatic_status: str | None
    review_at: dt.datetime | None
    """A verifikator's decision, where there was one."""
    archived_at: dt.datetime | None
    """The signed KK archived (the application approved)."""


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


class Figures:
    """Read-only aggregates over the applications and their decisions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def counts_by_status(self) -> dict[Status, int]:
        """Every status with its number of applications (0 where there are none)."""
        query = select(ApplicationRow.status, func.count()).group_by(ApplicationRow.status)
        with self._db.session() as s:
            found = {row[0]: int(row[1]) for row in s.execute(query)}
        return {status: found.get(str(status), 0) for status in Status}

    def oldest_waiting(self, statuses: tuple[Status, ...]) -> dict[Status, dt.datetime | None]:
        """For each status, when its oldest application arrived (None when none is in it)."""
        query = (select(ApplicationRow.status, func.min(ApplicationRow.received_at))
                 .where(ApplicationRow.status.in_([str(s) for s in statuses])).group_by(ApplicationRow.status))
        with self._db.session() as s:
            found = {row[0]: _utc(row[1]) for row in s.execute(query)}
        return {status: found.get(str(status)) for status in statuses}

    def waiting_since(self, status: Status, *, before: dt.datetime, limit: int = 1000) -> list[str]:
        """Ids of applications in `status` that arrived before `before`, oldest first."""
        query = (select(ApplicationRow.id).where(ApplicationRow.status == str(status),
                                                 ApplicationRow.received_at < before)
                 .order_by(ApplicationRow.received_at).limit(limit))
        with self._db.session() as s:
            return list(s.scalars(query))

    def stage_durations(self, *, since: dt.datetime) -> list[StageTimes]:
        """The stage ends of every application received at or after `since` (oldest first)."""
        apps = (select(ApplicationRow.id, ApplicationRow.received_at, ApplicationRow.archived_at)
                .where(ApplicationRow.received_at >= since).order_by(ApplicationRow.received_at))
        with self._db.session() as s:
            rows = s.execute(apps).all()
            decisions = s.execute(
                select(DecisionRow.application_id, DecisionRow.kind, DecisionRow.status, DecisionRow.decided_at)
                .join(ApplicationRow, ApplicationRow.id == DecisionRow.application_id)
                .where(ApplicationRow.received_at >= since).order_by(DecisionRow.id)).all()
        automatic: dict[str, tuple[dt.datetime | None, str]] = {}
        review: dict[str, dt.datetime | None] = {}
        for app_id, kind, status, at in decisions:
            if kind == "automatic":
                automatic.setdefault(app_id, (_utc(at), status))
            else:
                review[app_id] = _utc(at)
        found = []
        for app_id, received_at, archived_at in rows:
            auto_at, auto_status = automatic.get(app_id, (None, None))
            found.append(StageTimes(received_at=_utc(received_at) or received_at, automatic_at=auto_at,
                                    automatic_status=auto_status, review_at=review.get(app_id),
                                    archived_at=_utc(archived_at)))
        return found

    def ocr_pages(self, document_types: tuple[str, ...]) -> dict[str, int]:
        """Pages read per document type, summed over the extractions recorded on applications."""
        out = {}
        with self._db.session() as s:
            for doc in document_types:
                pages = ApplicationRow.extractions[doc]["pages"].as_integer()
                out[doc] = int(s.scalar(select(func.coalesce(func.sum(pages), 0))) or 0)
        return out
