"""Alerts for operations: what needs a person, found every few minutes (`flows.serve`, `prefect.yaml`).

`watch_operations` raises an alert for

    run-failed           a flow run that ended Failed or Crashed (after its retries) in the last day,
                         once per run: the run gets the tag `capil:alerted`
    application-waiting  an application still `received` longer than `alert_received_after_minutes`,
                         on every pass while it waits
    finalize-parked      an approved application whose finalize runs failed `finalize_max_attempts`
                         times (the reconciler no longer restarts it), on every pass until an operator
                         runs `capil application retry-finalize`

and notifies each as one ERROR log line, a Prefect event (`capil.alert.<kind>`, which a Prefect
automation can turn into an e-mail or chat message: docs/production.md), the markdown artifact
`capil-alerts`, and, when `alert_webhook_url` is set, one JSON POST. An alert names a flow run or an
application id, never a NIK, a name or a document value.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

import httpx
from prefect import flow, get_client, task
from prefect.artifacts import create_markdown_artifact
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterEndTime,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.events import emit_event
from prefect.logging import get_run_logger

import casework
from core import Status
from flows._tasks import RESULTS

ALERTED_TAG = "capil:alerted"
LOOKBACK = dt.timedelta(days=1)
"""Failed runs older than this are not looked at (a watcher that was down for longer misses them)."""


@dataclass(frozen=True)
class Alert:
    kind: str
    """`run-failed`, `application-waiting` or `finalize-parked`."""
    subject: str
    """The flow run's name (`process-<application id>`, ...) or the application id."""
    detail: str
    """State of the run, or how long the application has waited (no personal data)."""
    flow_run_id: str | None = None


@task(name="find-failed-runs", timeout_seconds=60)
def find_failed_runs(now: dt.datetime) -> list[Alert]:
    """Flow runs that ended Failed or Crashed within the lookback and were not alerted yet."""
    ended = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(
        any_=[StateType.FAILED, StateType.CRASHED])),
        end_time=FlowRunFilterEndTime(after_=now - LOOKBACK))  # type: ignore[arg-type]  # pydantic coerces
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=ended, limit=200)
    return [Alert("run-failed", run.name, f"{run.state_name or run.state_type}", str(run.id))
            for run in runs if ALERTED_TAG not in (run.tags or [])]


@task(name="find-waiting-applications", timeout_seconds=60)
def find_waiting(now: dt.datetime) -> list[Alert]:
    """Applications still `received` longer than `alert_received_after_minutes`."""
    svc = casework.services()
    bound = dt.timedelta(minutes=svc.settings.alert_received_after_minutes)
    apps, _total = svc.applications.queue(statuses=(Status.RECEIVED,), limit=200)
    alerts = []
    for app in apps:  # oldest first
        received = app.received_at if app.received_at.tzinfo else app.received_at.replace(tzinfo=dt.UTC)
        waited = now - received
        if waited <= bound:
            break
        alerts.append(Alert("application-waiting", app.id, f"received {int(waited.total_seconds() // 60)} min ago"))
    return alerts


@task(name="find-parked-applications", timeout_seconds=60)
def find_parked() -> list[Alert]:
    """Approved applications left for operations after failed finalize runs."""
    return [Alert("finalize-parked", app_id, f"finalize failed {runs} times; capil application retry-finalize")
            for app_id, runs in casework.parked_applications(casework.services())]


@task(name="notify", timeout_seconds=60)
def notify(alerts: list[Alert]) -> None:
    """Log, emit, publish and (when set) POST the alerts; then tag the failed runs as alerted."""
    logger = get_run_logger()
    for alert in alerts:
        logger.error("ALERT %s: %s (%s)", alert.kind, alert.subject, alert.detail)
        resource = ({"prefect.resource.id": f"prefect.flow-run.{alert.flow_run_id}",
                     "prefect.resource.name": alert.subject} if alert.flow_run_id else
                    {"prefect.resource.id": f"capil.application.{alert.subject}"})
        emit_event(event=f"capil.alert.{alert.kind}", resource=resource, payload={"detail": alert.detail})
    rows = "\n".join(f"| {a.kind} | {a.subject} | {a.detail} |" for a in alerts)
    create_markdown_artifact(key="capil-alerts", markdown=f"| peringatan | subjek | keterangan |\n|---|---|---|\n{rows}\n",
                             description=f"{len(alerts)} peringatan operasi")
    url = casework.services().settings.alert_webhook_url
    if url:
        try:
            httpx.post(url, json={"source": "capil", "alerts": [asdict(a) for a in alerts]},
                       timeout=10).raise_for_status()
        except httpx.HTTPError as e:
            logger.error("alert webhook did not take the alerts (%s)", type(e).__name__)
    with get_client(sync_client=True) as client:
        for alert in alerts:
            if alert.flow_run_id:
                run = client.read_flow_run(uuid.UUID(alert.flow_run_id))
                client.update_flow_run(run.id, tags=sorted({*(run.tags or []), ALERTED_TAG}))


@flow(name="watch-operations", log_prints=False, result_storage=RESULTS, persist_result=False)
def watch_operations() -> list[Alert]:
    """Find what needs a person (failed runs, applications waiting in `received`, parked finalizations) and
    notify. Returns the alerts."""
    now = dt.datetime.now(dt.UTC)
    alerts = [*find_failed_runs(now), *find_waiting(now), *find_parked()]
    if alerts:
        notify(alerts)
    return alerts
