"""Starting flow runs on the Prefect deployments: the API and the `capil` command use `FlowStarter`,
tests replace it. Prefect is imported on first use: most `capil` commands never need it."""

from __future__ import annotations

from core import ServiceUnavailable

PROCESS_DEPLOYMENT = "process-application/process"
FINALIZE_DEPLOYMENT = "finalize-application/finalize"


def application_tag(application_id: str) -> str:
    """The tag every run started for an application carries from its creation (a run's name says its
    application only once it runs): how `flows.reconcile` finds the runs still holding one."""
    return f"permohonan:{application_id}"


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
