"""Serve the local deployments (`python -m flows.serve`), as `capil up` does.

Production uses `prefect deploy` with `prefect.yaml` and workers on a work pool;
locally one process both registers the deployments and runs their flow runs.
"""

from __future__ import annotations

from prefect import serve

from core import load_settings
from flows.audit import audit_archive
from flows.process import finalize_application, process_application
from flows.reconcile import crash_runs_left_running, reconcile_applications
from flows.renew import renew_timestamps

DEPLOYMENT_NAME = "capil-local"
RENEWAL_SCHEDULE = "17 2 * * *"  # daily, 02:17
AUDIT_SCHEDULE = "47 3 * * *"  # daily, 03:47


def main() -> None:
    crash_runs_left_running()  # this is the only runner: what its killed predecessor ran is lost
    deployments = [
        flow.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"])
        for flow in (process_application, finalize_application)
    ]
    deployments.append(renew_timestamps.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"], cron=RENEWAL_SCHEDULE))
    deployments.append(reconcile_applications.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"],
                                                            interval=load_settings().reconcile_every_seconds))
    deployments.append(audit_archive.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"], cron=AUDIT_SCHEDULE))
    serve(*deployments, limit=2)  # type: ignore[arg-type]  # sync context: not coroutines


if __name__ == "__main__":
    main()
