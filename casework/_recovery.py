"""Recovery: no application stays `received` or `processing` longer than the settings allow.

A flow run can crash, be cancelled from the Prefect UI, or lose its process (`kill -9`, a host
that dies); Prefect may then show it RUNNING for ever. What each waiting application needs, decided
from the database alone and acted on by the `reconcile-applications` flow every
`reconcile_every_seconds` (which first asks Prefect whether a live run still holds it):

    received, older than the bound                 start its processing again
    processing and undecided, older than the bound  to a verifikator (`PROCESSING_FAILED`); a run
                                                    still alive cannot overwrite that decision
    processing and approved, the approval older     finalize again (every stage is idempotent: one
      than the bound                                record change, one archived document)

An approved application gets `finalize_max_attempts` finalize runs, its first and the restarts
together (each restart is an `application.finalize_restarted` audit entry). Then it is parked: one
`application.finalize_parked` entry, remedy `PARK`; it stays `processing`, the reconciler starts
nothing more for it and `watch-operations` alerts on it (`parked_applications`) until an operator
retries it (`retry_finalize`, `capil application retry-finalize`), which grants a fresh count.

An application waiting longer than `reconcile_every_seconds` is a candidate; one no live run holds
gets its remedy at once, one a run Prefect still calls live only when `overdue`, after
`recovery_after_minutes` (a run whose process was lost). Nothing waits longer than the bound plus
one period.

`hold_point` is a test seam (`Settings.fault_hold_dir`, empty in production): it holds a run at a
named stage so a fault test can strike inside it (`tests/e2e/test_faults.py`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core import Conflict, Status

from ._services import Services

log = logging.getLogger(__name__)


class Remedy(StrEnum):
    START_PROCESSING = "start_processing"
    SEND_TO_REVIEW = "send_to_review"
    START_FINALIZE = "start_finalize"
    PARK = "park"
    """Finalizing failed `finalize_max_attempts` times: left for operations, nothing started."""


FINALIZE_RESTARTED = "application.finalize_restarted"
FINALIZE_PARKED = "application.finalize_parked"
FINALIZE_RETRIED = "application.finalize_retried"
RECONCILER = "reconciler"
"""The audit log's actor of the reconciler's restarts and parkings."""


@dataclass(frozen=True)
class Stuck:
    application_id: str
    remedy: Remedy
    waiting_minutes: int
    overdue: bool = True
    """Waiting longer than `recovery_after_minutes`: recovered even if Prefect still shows a run live."""


def stuck_applications(svc: Services, *, now: dt.datetime | None = None) -> list[Stuck]:
    """Every application that has waited longer than `reconcile_every_seconds`, with its remedy."""
    now = now or dt.datetime.now(dt.UTC)
    grace = dt.timedelta(seconds=svc.settings.reconcile_every_seconds)
    bound = dt.timedelta(minutes=svc.settings.recovery_after_minutes)
    found = []
    for status in (Status.RECEIVED, Status.PROCESSING):
        for app in svc.applications.list(status=status, limit=10_000):
            since = app.decided_at or app.received_at
            waited = now - (since if since.tzinfo else since.replace(tzinfo=dt.UTC))
            if waited <= min(grace, bound):
                continue
            if app.status == Status.RECEIVED:
                remedy = Remedy.START_PROCESSING
            elif app.decided_at is None:
                remedy = Remedy.SEND_TO_REVIEW
            else:
                attempts = finalize_attempts(svc, app.id)
                if attempts.parked:
                    continue
                remedy = Remedy.START_FINALIZE if attempts.runs < _max_attempts(svc) else Remedy.PARK
            found.append(Stuck(app.id, remedy, int(waited.total_seconds() // 60), overdue=waited > bound))
    return found


@dataclass(frozen=True)
class FinalizeAttempts:
    runs: int
    """Finalize runs since the approval or the last explicit retry: the first one and each restart."""
    parked: bool
    """Left for operations since then."""


def finalize_attempts(svc: Services, application_id: str) -> FinalizeAttempts:
    """How often an approved application has been finalized, from the audit log."""
    runs, parked = 1, False
    for entry in svc.audit.entries(subject=application_id, limit=100_000):
        if entry["action"] == FINALIZE_RETRIED:
            runs, parked = 1, False
        elif entry["action"] == FINALIZE_RESTARTED:
            runs += 1
        elif entry["action"] == FINALIZE_PARKED:
            parked = True
    return FinalizeAttempts(runs, parked)


def note_finalize_restart(svc: Services, application_id: str) -> None:
    """Count one more finalize run of `application_id` (call before starting it)."""
    svc.audit.record(actor=RECONCILER, action=FINALIZE_RESTARTED, subject_type="application",
                     subject=application_id)


def park_finalize(svc: Services, application_id: str) -> None:
    """Leave an application whose finalize runs all failed for operations (no more restarts)."""
    runs = finalize_attempts(svc, application_id).runs
    svc.audit.record(actor=RECONCILER, action=FINALIZE_PARKED, subject_type="application",
                     subject=application_id, details={"runs": runs})
    log.error("application %s: finalizing failed %d times; left for operations "
              "(capil application retry-finalize)", application_id, runs)


def parked_applications(svc: Services) -> list[tuple[str, int]]:
    """(application id, finalize runs) of every application parked after failed finalize runs."""
    found = []
    for app in svc.applications.list(status=Status.PROCESSING, limit=10_000):
        if app.decided_at is not None and (attempts := finalize_attempts(svc, app.id)).parked:
            found.append((app.id, attempts.runs))
    return found


def retry_finalize(svc: Services, application_id: str, *, actor: str) -> None:
    """An operator's explicit retry of an approved application waiting for its document: a fresh count of
    `finalize_max_attempts` runs (the caller starts the first). Conflict for any other application."""
    app = svc.applications.get(application_id)
    if app.status != Status.PROCESSING or app.decided_at is None:
        raise Conflict(f"application {application_id} is {app.status}, not approved and waiting for its "
                       "document: nothing to finalize")
    svc.audit.record(actor=actor, action=FINALIZE_RETRIED, subject_type="application", subject=application_id,
                     details={"after_runs": finalize_attempts(svc, application_id).runs})


def _max_attempts(svc: Services) -> int:
    return max(1, svc.settings.finalize_max_attempts)


def hold_point(svc: Services, stage: str, application_id: str) -> None:
    """Test seam: with `fault_hold_dir` set and a file named `stage` in it, say so in `<stage>.reached`
    (this process's pid and the application) and wait while that file exists (at most 10 minutes)."""
    folder = svc.settings.fault_hold_dir
    if not folder or not (marker := Path(folder) / stage).exists():
        return
    reached = Path(folder) / f"{stage}.reached"
    partial = reached.with_suffix(".partial")
    partial.write_text(f"{os.getpid()} {application_id}\n")
    partial.replace(reached)  # whole or absent: the test reads it as soon as it exists
    log.warning("application %s: held at %s (fault_hold_dir is a test seam)", application_id, stage)
    deadline = time.monotonic() + 600
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
