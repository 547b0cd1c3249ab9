"""Renewal of archival timestamps: keep B-LTA documents provable after their TSA certificate expires.

`renew_timestamps` finds archived documents whose newest timestamp's TSA certificate expires within
`timestamp_renewal_days` (or the given window), and gives each a new document timestamp over the
old one plus its validation info (a new version of the archived object under retention; the old
version stays locked). Served on a daily schedule by `flows.serve` and `prefect.yaml`.
"""

from __future__ import annotations

from prefect import flow
from prefect.logging import get_run_logger

import casework
from flows._tasks import RESULTS, find_due, renew_one


@flow(name="renew-timestamps", log_prints=False, result_storage=RESULTS, persist_result=False)
def renew_timestamps(within_days: int | None = None) -> list[str]:
    """Renew the timestamp of every archived document whose protection expires within the window.
    Returns the application ids renewed."""
    window = within_days if within_days is not None else casework.services().settings.timestamp_renewal_days
    due = find_due(window)
    for application_id in due:
        renew_one(application_id)
    get_run_logger().info("%d document timestamp(s) renewed (window %d days)", len(due), window)
    return due
