"""Recovery: no application stays `received` or `processing` longer than the settings allow.

A flow run can crash, be cancelled from the Prefect UI, or lose its process (`kill -9`, a host
that dies); Prefect may then show it RUNNING for ever. What each stuck application needs, decided
from the database alone and acted on by the `reconcile-applications` flow every minute:

    received, older than the bound                 start its processing again
    processing and undecided, older than the bound  to a verifikator (`PROCESSING_FAILED`); a run
                                                    still alive cannot overwrite that decision
    processing and approved, the approval older     finalize again (every stage is idempotent: one
      than the bound                                record change, one archived document)

The bound is `recovery_after_minutes` after the application was received (or approved); with
the flow running every minute, nothing waits longer than the bound plus a minute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core import Status

from ._services import Services


class Remedy(StrEnum):
    START_PROCESSING = "start_processing"
    SEND_TO_REVIEW = "send_to_review"
    START_FINALIZE = "start_finalize"


@dataclass(frozen=True)
class Stuck:
    application_id: str
    remedy: Remedy
    waiting_minutes: int


def stuck_applications(svc: Services, *, now: dt.datetime | None = None) -> list[Stuck]:
    """Every application that has waited longer than `recovery_after_minutes`, with its remedy."""
    now = now or dt.datetime.now(dt.UTC)
    bound = dt.timedelta(minutes=svc.settings.recovery_after_minutes)
    found = []
    for status in (Status.RECEIVED, Status.PROCESSING):
        for app in svc.applications.list(status=status, limit=10_000):
            since = app.decided_at or app.received_at
            waited = now - (since if since.tzinfo else since.replace(tzinfo=dt.UTC))
            if waited <= bound:
                continue
            if app.status == Status.RECEIVED:
                remedy = Remedy.START_PROCESSING
            elif app.decided_at is None:
                remedy = Remedy.SEND_TO_REVIEW
            else:
                remedy = Remedy.START_FINALIZE
            found.append(Stuck(app.id, remedy, int(waited.total_seconds() // 60)))
    return found
