"""Starting flow runs on the Prefect deployments: the API and the `capil` command use `FlowStarter`,
tests replace it. Prefect is imported on first use: most `capil` commands never need it.

A deployment's id is looked up by name once per process and kept (`_deployment_ids`): before, every
application cost two `GET /api/deployments/name/…` (the check before filing, and `run_deployment`'s own
look-up) on top of its `create_flow_run` (issue #17). The check before filing is answered from that
memory for `CHECK_FRESH_S` after Prefect last answered; a Prefect that stopped meanwhile is found by the
start, which raises `ServiceUnavailable` as before, and the application filed just before waits in
`received` for `flows.reconcile`. A deployment created again under its name (new id) is looked up again.
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from core import ServiceUnavailable

PROCESS_DEPLOYMENT = "process-application/process"
FINALIZE_DEPLOYMENT = "finalize-application/finalize"


def application_tag(application_id: str) -> str:
    """The tag every run started for an application carries from its creation (a run's name says its
    application only once it runs): how `flows.reconcile` finds the runs still holding one."""
    return f"permohonan:{application_id}"


CHECK_FRESH_S = 10.0
"""How long a deployment Prefect last confirmed counts as checked (`FlowStarter.check`)."""

_ids_lock = threading.Lock()
_deployment_ids: dict[str, tuple[uuid.UUID, float]] = {}
"""deployment name -> (id, monotonic time Prefect last confirmed it), for this process."""


def _known(deployment: str) -> tuple[uuid.UUID, float] | None:
    with _ids_lock:
        return _deployment_ids.get(deployment)


def _remember(deployment: str, deployment_id: uuid.UUID | None) -> None:
    with _ids_lock:
        if deployment_id is None:
            _deployment_ids.pop(deployment, None)
        else:
            _deployment_ids[deployment] = (deployment_id, time.monotonic())


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
        from prefect.exceptions import ObjectNotFound  # noqa: F401
        from prefect.states import Scheduled  # noqa: F401

        _loaded = True


class FlowStarter:
    """Starts flow runs on the Prefect deployments; the API and the CLI use it, tests replace it."""

    def check(self, deployment: str) -> None:
        """Raise ServiceUnavailable unless Prefect answers and knows the deployment (before filing); a
        deployment Prefect confirmed within `CHECK_FRESH_S` is not asked for again."""
        known = _known(deployment)
        if known is not None and time.monotonic() - known[1] < CHECK_FRESH_S:
            return
        self._look_up(deployment)

    def _look_up(self, deployment: str) -> uuid.UUID:
        from prefect import get_client
        from prefect.exceptions import ObjectNotFound

        try:
            with get_client(sync_client=True) as client:
                found = client.read_deployment_by_name(deployment).id
        except ObjectNotFound as e:
            _remember(deployment, None)
            raise ServiceUnavailable(f"Prefect has no deployment {deployment}; is the flow runner of "
                                     "`capil up` running?") from e
        except Exception as e:  # httpx errors of every kind: Prefect did not answer
            raise ServiceUnavailable(f"Prefect did not answer ({type(e).__name__}); is `capil up` running?") from e
        _remember(deployment, found)
        return found

    def start(self, deployment: str, application_id: str) -> str:
        """Create a flow run for the application and return its id at once (the runner executes it): one
        request to Prefect once the deployment's id is known (as `run_deployment` with `timeout=0` does,
        without looking the deployment up by name each time)."""
        from prefect import get_client
        from prefect.exceptions import ObjectNotFound, PrefectHTTPStatusError
        from prefect.states import Scheduled

        known = _known(deployment)
        try:
            deployment_id = known[0] if known is not None else self._look_up(deployment)
            with get_client(sync_client=True) as client:
                try:
                    flow_run = self._create(client, deployment_id, application_id, Scheduled())
                except (ObjectNotFound, PrefectHTTPStatusError) as e:
                    # a 404: the deployment was created again under its name (a new id)
                    if known is None or (isinstance(e, PrefectHTTPStatusError) and e.response.status_code != 404):
                        raise
                    _remember(deployment, None)
                    flow_run = self._create(client, self._look_up(deployment), application_id, Scheduled())
        except Exception as e:
            raise ServiceUnavailable(f"could not start {deployment} for application {application_id}: "
                                     f"{type(e).__name__}") from e
        _remember(deployment, flow_run.deployment_id)  # Prefect answered: as good as a check
        return str(flow_run.id)

    @staticmethod
    def _create(client: Any, deployment_id: uuid.UUID, application_id: str, state: Any) -> Any:
        return client.create_flow_run_from_deployment(
            deployment_id, parameters={"application_id": application_id}, state=state,
            tags=[application_tag(application_id)])
