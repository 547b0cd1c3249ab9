"""Recovery of applications whose run crashed, was cancelled or lost its process.

`reconcile_applications` runs every `reconcile_every_seconds` (`flows.serve`, `prefect.yaml`): it
asks casework which applications have waited longer than that (`casework.stuck_applications`
explains the remedies), leaves alone those a live run of theirs still holds (`live_runs`: a run
tagged with the application, `application_tag`, in a state of `LIVE_STATES`) until
they are overdue (`recovery_after_minutes`), and applies the remedy of the others. An approved
application whose finalize runs failed `finalize_max_attempts` times is parked instead of restarted
(`casework.park_finalize`): `watch-operations` alerts on it until an operator retries it. Runs are started on
the deployments, like the API starts them; nothing here reads a document.

Without the live-run check a recovery run still waiting for a slot, or still signing, would be
started again every period: two finalize runs racing to archive one document.
"""

from __future__ import annotations

import logging

from prefect import flow, get_client, task
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
    FlowRunFilterTags,
)
from prefect.client.schemas.objects import StateType
from prefect.logging import get_run_logger

import casework
from flows._starter import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, FlowStarter, application_tag
from flows._tasks import RESULTS

LIVE_STATES = [StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING, StateType.CANCELLING, StateType.PAUSED]
"""Run states that may still change an application."""


def live_runs(application_ids: list[str]) -> set[str]:
    """The applications among `application_ids` that a run in a `LIVE_STATES` state is tagged with."""
    live = set()
    with get_client(sync_client=True) as client:
        for app_id in application_ids:
            if client.read_flow_runs(limit=1, flow_run_filter=FlowRunFilter(
                    tags=FlowRunFilterTags(all_=[application_tag(app_id)]),
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=LIVE_STATES)))):
                live.add(app_id)
    return live


def crash_runs_left_running() -> int:
    """Mark Crashed every run Prefect still calls pending, running or cancelling: for the local stack's one
    runner (`flows.serve`), as it starts, no such run can still have a process (its predecessor was
    killed). The reconciler then recovers their applications within a period instead of the overdue
    bound. Returns how many runs were marked."""
    from prefect.states import Crashed

    lost = [StateType.PENDING, StateType.RUNNING, StateType.CANCELLING]
    try:
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=lost))))
            for run in runs:
                client.set_flow_run_state(
                    run.id, Crashed(message="the flow runner restarted: this run's process was lost"), force=True)
    except Exception as e:  # the runner must serve all the same: the overdue bound still recovers them
        logging.getLogger(__name__).warning("could not mark the runs left running as crashed (%s)", type(e).__name__)
        return 0
    if runs:
        logging.getLogger(__name__).warning("marked %d run(s) left running by a lost runner as crashed", len(runs))
    return len(runs)


@task(name="find-stuck-applications", timeout_seconds=60)
def find_stuck() -> list[casework.Stuck]:
    """The applications waiting too long that no live run holds, and the overdue ones."""
    waiting = casework.stuck_applications(casework.services())
    held = live_runs([s.application_id for s in waiting if not s.overdue])
    return [s for s in waiting if s.overdue or s.application_id not in held]


@task(name="recover-application", timeout_seconds=60)
def recover(stuck: casework.Stuck) -> str:
    if stuck.remedy == casework.Remedy.SEND_TO_REVIEW:
        casework.send_failed_run_to_review(casework.services(), stuck.application_id)
    elif stuck.remedy == casework.Remedy.PARK:
        casework.park_finalize(casework.services(), stuck.application_id)
    else:
        if stuck.remedy == casework.Remedy.START_FINALIZE:
            casework.note_finalize_restart(casework.services(), stuck.application_id)
        deployment = PROCESS_DEPLOYMENT if stuck.remedy == casework.Remedy.START_PROCESSING else FINALIZE_DEPLOYMENT
        FlowStarter().start(deployment, stuck.application_id)
    return str(stuck.remedy)


@flow(name="reconcile-applications", log_prints=False, result_storage=RESULTS, persist_result=False)
def reconcile_applications() -> dict[str, str]:
    """Apply the remedy of every application waiting too long; returns {application id: remedy}."""
    done = {stuck.application_id: recover(stuck) for stuck in find_stuck()}
    if done:
        get_run_logger().warning("recovered %d application(s) waiting too long: %s", len(done),
                                 ", ".join(f"{k} ({v})" for k, v in done.items()))
    return done
