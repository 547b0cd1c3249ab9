"""The archive audit: every archived object the database names is read back, daily.

`audit_archive` (served by `capil up` at 03:47, declared in `prefect.yaml`) checks each signed KK and
evidence bundle: there, unaltered (its sha256), under COMPLIANCE retention. A problem fails the run,
so it is red in the Prefect UI, and each is logged as an integrity alarm with its application id.
"""

from __future__ import annotations

from prefect import flow, task
from prefect.logging import get_run_logger

import casework
from core import IntegrityAlarm
from flows._tasks import RESULTS


@task(name="read-back-archive", timeout_seconds=3600)
def read_back() -> tuple[int, list[casework.ArchiveProblem]]:
    return casework.audit_archive(casework.services())


@flow(name="audit-archive", log_prints=False, result_storage=RESULTS, persist_result=False)
def audit_archive() -> int:
    """Check every archived object; returns how many were checked, fails naming every problem."""
    checked, problems = read_back()
    if problems:
        raise IntegrityAlarm(f"{len(problems)} of {checked} archived object(s) failed the audit: " + "; ".join(
            f"{p.application_id} {p.object} {p.problem}" for p in problems))
    get_run_logger().info("archive audit: %d object(s) present, unaltered and locked", checked)
    return checked
