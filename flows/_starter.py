"""Starting flow runs on the Prefect deployments: the API and the `capil` command use `FlowStarter`,
tests replace it. Prefect is imported on first use: most `capil` commands never need it."""

from __future__ import annotations

import threading

from core import ServiceUnavailable

PROCESS_DEPLOYMENT = "process-application/process"
FINALIZE_DEPLOYMENT = "finalize-application/finalize"


def application_tag(application_id: str) -> str:
    """The tag every run started for an application carries from its creation (a run's name says its
    application only once it runs): how `flows.reconcile` finds the runs still holding one."""
    return f"permohonan:{application_id}"


_loading = threading.Lock()
_loaded = False


def load_client() -> None:
    """Import Prefect's client now, once per process (seconds on a busy machine; nothing after), so the
    first `FlowStarter` call spends its time on the call itself. The API does it as it starts; a caller
    while another thread loads waits for it."""
    global _loaded
    with _loading:
        if _loaded:
            return
        from prefect import get_client  # noqa: F401
        from prefect.deployments import run_deployment  # noqa: F401
        from prefect.exceptions import ObjectNotFound  # noqa: F401

        _loaded = True


class FlowStarter:
    """Starts flow runs on the Prefect deployments; the API and the CLI use it, tests replace it."""

    def check(self, deployment: str) -> None:
        """Raise ServiceUnavailable unless Prefect answers and knows the deployment (before filing)."""
        from prefect import get_client
        from prefect.exceptions import ObjectNotFound

        try:
            with get_client(sync_client=True) as client:
                client.read_deployment_by_name(deployment)
        except ObjectNotFound as e:
            raise ServiceUnavailable(f"Prefect has no deployment {deployment}; is the flow runner of "
                                     "`capil up` running?") from e
        except Exception as e:  # httpx errors of every kind: Prefect did not answer
            raise ServiceUnavailable(f"Prefect did not answer ({type(e).__name__}); is `capil up` running?") from e

    def start(self, deployment: str, application_id: str) -> str:
        """Create a flow run for the application and return its id at once (the runner executes it)."""
        from prefect.deployments import run_deployment

        try:
            flow_run = run_deployment(deployment, parameters={"application_id": application_id}, timeout=0,
                                      as_subflow=False, tags=[application_tag(application_id)])
        except Exception as e:
            raise ServiceUnavailable(f"could not start {deployment} for application {application_id}: "
                                     f"{type(e).__name__}") from e
        return str(flow_run.id)  # type: ignore[union-attr]  # sync context: not a coroutine
