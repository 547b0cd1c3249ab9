"""Serve the local deployments (`python -m flows.serve`), as `capil up` does.

Production uses `prefect deploy` with `prefect.yaml` and workers on a work pool;
locally one process both registers the deployments and runs their flow runs. It also keeps the
host's reading service (`python -m ocr.serve`, warm OCR cages shared by the flow runs) running as
its child, started again when it ends; a production worker host runs that service beside its worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

from core import load_settings
from flows import serve_warm
from flows.audit import audit_archive
from flows.process import finalize_application, process_application
from flows.reconcile import crash_runs_left_running, reconcile_applications
from flows.renew import renew_timestamps
from flows.watch import watch_operations

DEPLOYMENT_NAMES = {  # flow -> deployment, the same names as in prefect.yaml
    "process-application": "process", "finalize-application": "finalize", "renew-timestamps": "renew",
    "reconcile-applications": "reconcile", "audit-archive": "audit", "watch-operations": "watch",
}
RENEWAL_SCHEDULE = "17 2 * * *"  # daily, 02:17
AUDIT_SCHEDULE = "47 3 * * *"  # daily, 03:47
RUNNER_POLL_S = 1  # how often the runner asks for runs to start (Prefect's default, 10 s, is the median wait)
WATCH_EVERY_S = 300
RUN_SLOTS = 4
"""Flow runs at once. A run spends most of its time waiting on the reading service's cages, not on a
core: with 2 slots on 2 cores, runs queued ~5 s while 18 % of the CPU idled (issue #17)."""
FLOW_RUN_ENV = {
    # Logs go to the Prefect server in one batch per run rather than every 2 s (a run takes seconds):
    # the engine still sends what is left as the run's process ends.
    "PREFECT_LOGGING_TO_API_BATCH_INTERVAL": "15",
    # A task run's state is on the run's page; its "Finished in state Completed()" line is not sent
    # (warnings and errors still are).
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "WARNING",
}
"""Settings of the flow-run processes (and of this runner, whose environment they inherit); one set in
the environment wins. Fewer requests to the Prefect server per application (issue #17)."""
READING_SERVICE = [sys.executable, "-m", "ocr.serve"]
READING_SERVICE_RESTART_S = 2


def _keep_reading_service() -> None:
    """Run the reading service as this process's child, again whenever it ends (it ends by itself
    when this process is gone: it watches its parent)."""
    def keep() -> None:
        while True:
            subprocess.run(READING_SERVICE, stdin=subprocess.DEVNULL, check=False)
            time.sleep(READING_SERVICE_RESTART_S)

    threading.Thread(target=keep, name="reading-service", daemon=True).start()


def _deployment(flow: Any, **schedule: Any) -> Any:
    return flow.to_deployment(name=DEPLOYMENT_NAMES[flow.name], tags=["capil"], **schedule)


def main() -> None:
    for key, value in FLOW_RUN_ENV.items():
        os.environ.setdefault(key, value)
    _keep_reading_service()  # its cages load while the deployments register
    crash_runs_left_running()  # this is the only runner: what its killed predecessor ran is lost
    deployments = [
        _deployment(flow)
        for flow in (process_application, finalize_application)
    ]
    deployments.append(_deployment(renew_timestamps, cron=RENEWAL_SCHEDULE))
    # one reconcile run at a time, a colliding one cancelled: overdue runs queued behind each other would
    # take both slots and starve the applications' runs (tests/e2e/test_faults.py)
    deployments.append(_deployment(reconcile_applications, interval=load_settings().reconcile_every_seconds,
                                   concurrency_limit=ConcurrencyLimitConfig(
                                       limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)))
    deployments.append(_deployment(audit_archive, cron=AUDIT_SCHEDULE))
    deployments.append(_deployment(watch_operations, interval=WATCH_EVERY_S))
    # as prefect.serve, each run a fork of a process that has imported Prefect and Capil (flows._warm)
    serve_warm(*deployments, limit=RUN_SLOTS, query_seconds=RUNNER_POLL_S, flows=(
        process_application, finalize_application, renew_timestamps, reconcile_applications, audit_archive,
        watch_operations))


if __name__ == "__main__":
    main()
