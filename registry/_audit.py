"""The audit log: append-only, hash-chained, in the same database as what it records.

Each entry holds `seq`, `at` (UTC, ISO 8601), `actor`, `action`, `subject_type`, `subject`,
`details`, `prev_hash` and `entry_hash` = sha256 of the canonical JSON of all the others
(`prev_hash` of the first entry is 64 zeros). The one row of `audit_head` names the last entry;
every append locks it first, so appends are serialized on SQLite and PostgreSQL alike.
Database triggers refuse UPDATE and DELETE on `audit_log`; `verify` detects what someone who
drops them changes anyway: an edited entry (its hash no longer matches), a deleted one (a gap
in `seq` or a broken link), entries cut off at the end (the head names a later entry). Whoever
can rewrite the whole chain and the head can forge it: keep the head hash that
`capil audit verify --json` prints somewhere else (a ticket, a signed report) and compare.

Writes are logged inside their own transaction (`append` with the caller's session). Reads of a
person's data by a user are logged by `record` before the data is handed out. An applicant's reads
of their own application with its status token are counted and appended in batches instead
(`status_reads`, see `_status_reads`): no write on that request path. The subject may be
a NIK: it is stored in the database, never written to a log file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ._database import Database
from ._schema import AuditHeadRow, AuditRow
from ._status_reads import StatusReads

GENESIS = "0" * 64
_BATCH = 5000
_GROUP = 200
"""Most entries `record` appends in one transaction."""
_IDLE_SECONDS = 2.0


def entry_hash(fields: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of an entry's fields (everything but `entry_hash`)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fields(row: AuditRow) -> dict[str, Any]:
    return {
        "seq": row.seq, "at": row.at, "actor": row.actor, "action": row.action,
        "subject_type": row.subject_type, "subject": row.subject, "details": row.details or {},
        "prev_hash": row.prev_hash,
    }


def lock(s: Session) -> None:
    """Take the audit head's lock now (first statement of a write transaction, to serialize it)."""
    s.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(seq=AuditHeadRow.seq))


def append(s: Session, *, actor: str, action: str, subject_type: str, subject: str | None,
           details: dict[str, Any] | None = None) -> AuditRow:
    """Append one entry in the caller's transaction; it commits or rolls back with what it records."""
    lock(s)
    head = s.execute(select(AuditHeadRow.seq, AuditHeadRow.entry_hash).where(AuditHeadRow.id == 1)).one()
    fields = {
        "seq": head.seq + 1, "at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor, "action": action, "subject_type": subject_type, "subject": subject,
        "details": details or {}, "prev_hash": head.entry_hash,
    }
    row = AuditRow(**fields, entry_hash=entry_hash(fields))
    s.add(row)
    s.flush()
    s.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(seq=row.seq, entry_hash=row.entry_hash))
    return row


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    entries: int
    head_hash: str
    first_broken: int | None
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class AuditLog:
    """Append, read and verify the audit log; `status_reads` counts applicants' reads of their own
    application and appends them in batches (`_status_reads`)."""

    def __init__(self, db: Database, *, status_reads_interval: float = 30.0) -> None:
        self._db = db
        self._writer = _GroupCommit(db)
        self.status_reads = StatusReads(db, interval=status_reads_interval)

    def record(self, *, actor: str, action: str, subject_type: str, subject: str | None,
               details: dict[str, Any] | None = None) -> dict[str, Any]:
        """Append one entry and return it once committed (reads by a user: call before handing data out).

        Entries recorded at the same time from several threads are appended by one writer thread in
        one transaction (group commit): each caller still returns only after its entry is committed,
        and the database sees one writer per process instead of one per request."""
        return self._writer.submit({"actor": actor, "action": action, "subject_type": subject_type,
                                    "subject": subject, "details": details})

    def entries(self, *, subject: str | None = None, actor: str | None = None, after: int = 0,
                limit: int = 1000) -> list[dict[str, Any]]:
        """Entries in order (`seq` > `after`), optionally only those about one subject or by one actor."""
        query = select(AuditRow).where(AuditRow.seq > after).order_by(AuditRow.seq).limit(limit)
        if subject is not None:
            query = query.where(AuditRow.subject == subject)
        if actor is not None:
            query = query.where(AuditRow.actor == actor)
        with self._db.session() as s:
            return [_entry(r) for r in s.scalars(query)]

    def verify(self) -> AuditVerification:
        """Walk the whole chain; the first entry that does not hold is named."""
        expected_seq, prev, count = 1, GENESIS, 0
        for row in self._rows():
            problem = None
            if row.seq != expected_seq:
                problem = (expected_seq, f"entry {expected_seq} is missing (next is {row.seq})")
            elif row.prev_hash != prev:
                problem = (row.seq, f"entry {row.seq} does not link to entry {row.seq - 1}")
            elif entry_hash(_fields(row)) != row.entry_hash:
                problem = (row.seq, f"entry {row.seq} was changed: its hash does not match")
            if problem:
                return AuditVerification(False, count, prev, problem[0], problem[1])
            expected_seq, prev, count = row.seq + 1, row.entry_hash, count + 1
        with self._db.session() as s:
            head = s.execute(select(AuditHeadRow.seq, AuditHeadRow.entry_hash)).one_or_none()
        if head is None:
            return AuditVerification(False, count, prev, None, "the audit head is missing")
        if (head.seq, head.entry_hash) != (count, prev):
            return AuditVerification(False, count, prev, count + 1,
                                     f"entries after {count} are missing: the head names entry {head.seq}")
        return AuditVerification(True, count, prev, None, None)

    def _rows(self) -> Iterator[AuditRow]:
        after = 0
        while True:
            with self._db.session() as s:
                batch = list(s.scalars(select(AuditRow).where(AuditRow.seq > after)
                                       .order_by(AuditRow.seq).limit(_BATCH)))
            yield from batch
            if len(batch) < _BATCH:
                return
            after = batch[-1].seq


class _Pending:
    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields
        self.done = threading.Event()
        self.entry: dict[str, Any] | None = None
        self.error: BaseException | None = None


class _GroupCommit:
    """One writer thread per audit log, started on demand and gone after `_IDLE_SECONDS` idle."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def submit(self, fields: dict[str, Any]) -> dict[str, Any]:
        pending = _Pending(fields)
        if self._pid != os.getpid():  # a fork: the parent's writer thread does not exist here
            self._queue, self._lock, self._thread, self._pid = queue.SimpleQueue(), threading.Lock(), None, os.getpid()
        self._queue.put(pending)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
                self._thread.start()
        pending.done.wait()
        if pending.error is not None:
            raise pending.error
        assert pending.entry is not None
        return pending.entry

    def _run(self) -> None:
        while True:
            try:
                batch = [self._queue.get(timeout=_IDLE_SECONDS)]
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():  # a submit after this sees no thread and starts one
                        self._thread = None
                        return
                continue
            while len(batch) < _GROUP:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._append(batch)

    def _append(self, batch: list[_Pending]) -> None:
        try:
            with self._db.session() as s:
                entries = [_entry(append(s, **p.fields)) for p in batch]
        except BaseException as e:
            if len(batch) > 1:  # one bad entry must not fail the others: each on its own
                for p in batch:
                    self._append([p])
                return
            batch[0].error = e
            batch[0].done.set()
            return
        for p, entry in zip(batch, entries, strict=True):
            p.entry = entry
            p.done.set()


def _entry(row: AuditRow) -> dict[str, Any]:
    return {**_fields(row), "entry_hash": row.entry_hash}
