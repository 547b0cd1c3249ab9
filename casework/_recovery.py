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

from core import Status

from ._services import Services

log = logging.getLogger(__name__)


class Remedy(StrEnum):
    START_PROCESSING = "start_processing"
    SEND_TO_REVIEW = "send_to_review"
    START_FINALIZE = "start_finalize"


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
                remedy = Remedy.START_FINALIZE
            found.append(Stuck(app.id, remedy, int(waited.total_seconds() // 60), overdue=waited > bound))
    return found


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
