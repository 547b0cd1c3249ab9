"""Prefect flows of Capil: orchestration only, each task one call into `casework`.

    process_application(application_id)   read, cross-check, decide; finalize when approved
    finalize_application(application_id)  change the record, issue, archive, record (idempotent)
    renew_timestamps(within_days=None)    new document timestamps before TSA certificates expire
    reconcile_applications()              recover applications a crashed or lost run left waiting (every minute)
    watch_operations()                    alerts: runs failed for good, applications waiting in `received`,
                                          finalizations parked after failed runs
    audit_archive()                       read back every archived object (daily)
    FlowStarter                           starts runs on the deployments (API, CLI); tests replace it
    load_client()                         import Prefect's client ahead of the first FlowStarter call (API start)
    serve_warm(*deployments, flows=)      the local runner: flow runs start as forks of a warm process (`flows._warm`)
    use_warm_processes()                  flow runs started by `run_flow_in_subprocess` fork from the warm process
    complete_prefect_models(), without_suspension_observer()   what the warm process prepares for its forks
    run_flow_in_fork(flow, flow_run)     `run_flow_in_subprocess`, the run's settings built once, from its environment
    start_runs_in_forks()                 the runner's starter uses `run_flow_in_fork` (`serve_warm` calls it)

The flows are imported on first use: importing Prefect takes seconds, and most `capil` commands
never need it.
"""

from typing import Any

from ._starter import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, FlowStarter, load_client
from ._warm import (
    PREFECT_MODEL_MODULES,
    complete_prefect_models,
    run_flow_in_fork,
    serve_warm,
    start_runs_in_forks,
    use_warm_processes,
    without_suspension_observer,
)

__all__ = [
    "FINALIZE_DEPLOYMENT",
    "PREFECT_MODEL_MODULES",
    "PROCESS_DEPLOYMENT",
    "FlowStarter",
    "audit_archive",
    "complete_prefect_models",
    "finalize_application",
    "load_client",
    "process_application",
    "reconcile_applications",
    "renew_timestamps",
    "run_flow_in_fork",
    "serve_warm",
    "start_runs_in_forks",
    "use_warm_processes",
    "watch_operations",
    "without_suspension_observer",
]

_LAZY = {"process_application": "process", "finalize_application": "process", "renew_timestamps": "renew",
         "reconcile_applications": "reconcile", "audit_archive": "audit",
         "watch_operations": "watch"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"flows.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'flows' has no attribute {name!r}")
