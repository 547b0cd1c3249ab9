"""Applicants' reads of their own application: counted in memory, appended to the audit log in batches.

An applicant opening their status page (or its JSON) with their secret status token reads nothing
but what they filed; it is not a user reading someone's data, the reads the audit log is for, and
it is by far the most frequent request (the page refreshes itself while the application is being
read). So it is not written on the request path. `count` adds one to the application's counter
(a dict under a lock: microseconds); every `interval` seconds a background thread appends what has
been counted to the hash chain as `application.status_reads` entries by `pemohon`, each naming up
to `CHUNK` application ids with their number of reads and the period:

    {"reads": {"<application id>": 3, ...}, "since": "<UTC ISO>", "until": "<UTC ISO>"}

`close` (the API's shutdown) stops the thread and appends what is left, so a graceful stop loses
nothing; a crash loses at most `interval` seconds of counts, which are counts, not reads of someone
else's data. A failed append (the database busy for longer than its timeout) keeps the counts for
the next one. Staff reads are not counted here: each is its own entry, appended before the data is
handed out (`AuditLog.record`). Each process counts its own; with several API workers each appends
its own entries.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections import Counter

from . import _audit
from ._applications import APPLICANT
from ._database import Database
from ._schema import utcnow

log = logging.getLogger(__name__)

ACTION = "application.status_reads"
CHUNK = 500
"""Application ids per audit entry, so that no entry grows without bound."""


class StatusReads:
    """Counters of applicants' status reads in one process, appended to the audit log of `db` in batches."""

    def __init__(self, db: Database, *, interval: float = 30.0) -> None:
        self._db = db
        self._interval = interval
        self._reset()

    def _reset(self) -> None:
        self._counts: Counter[str] = Counter()
        self._since: dt.datetime | None = None
        self._appending = 0
        self._lock = threading.Lock()
        self._flushing = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def count(self, application_id: str) -> None:
        """One read of `application_id` by its applicant (no I/O; the first starts the flushing thread)."""
        if self._pid != os.getpid():  # a fork: the parent's counts and thread are the parent's
            self._reset()
        with self._lock:
            if self._since is None:
                self._since = utcnow()
            self._counts[application_id] += 1
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, name="status-reads", daemon=True)
                self._thread.start()

    def pending(self) -> int:
        """Reads counted and not yet in the audit log."""
        with self._lock:
            return sum(self._counts.values()) + self._appending

    def flush(self) -> int:
        """Append what has been counted (one transaction); how many reads that was. On failure the
        counts stay for the next flush and the error propagates."""
        with self._flushing:
            with self._lock:
                counts, since = self._counts, self._since
                self._counts, self._since = Counter(), None
                self._appending = sum(counts.values())
            if not counts or since is None:
                return 0
            until = utcnow()
            ids = sorted(counts)
            try:
                with self._db.session() as s:
                    for start in range(0, len(ids), CHUNK):
                        _audit.append(s, actor=APPLICANT, action=ACTION, subject_type="applications", subject=None,
                               details={"reads": {i: counts[i] for i in ids[start:start + CHUNK]},
                                        "since": _iso(since), "until": _iso(until)})
            except BaseException:
                with self._lock:
                    self._counts.update(counts)
                    self._since = min(since, self._since) if self._since is not None else since
                raise
            finally:
                with self._lock:
                    self._appending = 0
            return sum(counts.values())

    def close(self) -> int:
        """Stop the flushing thread and append what is left; how many reads that was."""
        self._stop.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()
        with self._lock:
            self._thread = None
            self._stop.clear()  # counting after a close (a test's second app start) starts a new thread
        return self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.flush()
            except Exception as e:  # kept for the next flush; the type says enough (no ids in logs)
                log.warning("status reads not appended to the audit log yet: %s", type(e).__name__)


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")
