"""Recovery of applications whose run crashed, was cancelled or lost its process.

`reconcile_applications` runs every minute (`flows.serve`, `prefect.yaml`): it asks casework which
applications have waited longer than `recovery_after_minutes` and applies the remedy of each
(`casework.stuck_applications` explains them). Runs are started on the deployments, like the API
starts them; nothing here reads a document.
"""

from __future__ import annotations

from prefect import flow, task
from prefect.logging import get_run_logger

import casework
from flows._starter import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, FlowStarter


@task(name="find-stuck-applications", timeout_seconds=60)
def find_stuck() -> list[casework.Stuck]:
    return casework.stuck_applications(casework.services())


@task(name="recover-application", timeout_seconds=60)
def recover(stuck: casework.Stuck) -> str:
    if stuck.remedy == casework.Remedy.SEND_TO_REVIEW:
        casework.send_failed_run_to_review(casework.services(), stuck.application_id)
    else:
        deployment = PROCESS_DEPLOYMENT if stuck.remedy == casework.Remedy.START_PROCESSING else FINALIZE_DEPLOYMENT
        FlowStarter().start(deployment, stuck.application_id)
    return str(stuck.remedy)


@flow(name="reconcile-applications", log_prints=False)
def reconcile_applications() -> dict[str, str]:
    """Apply the remedy of every application waiting too long; returns {application id: remedy}."""
    done = {stuck.application_id: recover(stuck) for stuck in find_stuck()}
    if done:
        get_run_logger().warning("recovered %d application(s) waiting too long: %s", len(done),
                                 ", ".join(f"{k} ({v})" for k, v in done.items()))
    return done
