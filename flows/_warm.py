"""Flow runs in warm processes: forked from one server that has imported Prefect and Capil once.

`prefect.serve` registers deployments by entrypoint, and its runner starts each of their flow runs as
`python -m prefect.engine`: a new interpreter that imports Prefect, casework, the OCR, signing and
storage packages anew before its first task, 3.5 s of CPU per run (`python -c "import flows.process"`),
on a 2-core machine most of the 5 s an application may take.

`serve_warm(*deployments, flows=…)` serves the same deployments, but registers each one's flow object
with the runner as `Runner.add_flow` does, so that the runner starts a run from that object with
`prefect.flow_engine.run_flow_in_subprocess`; and `use_warm_processes()` (which `serve_warm` calls) has
that function use multiprocessing's *forkserver* method instead of *spawn*: a server process, started
with the runner, imports `PRELOAD` once, and each flow run is a fork of it with those modules loaded.
The rest is Prefect's own: one new process per flow run (its own pid, killed on cancellation, crash
hooks run by the runner), the same payload, environment and control channel. The server imports
modules only: no thread, socket or database connection exists in it to be shared by its forks
(`casework.services()` is built in each run, on first use). The cage's `python -I` processes are
started by each run as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
from collections.abc import Iterable
from typing import Any, cast
from uuid import UUID

PRELOAD = [
    "flows.process", "flows.reconcile", "flows.renew", "flows.audit",
    "prefect.flow_engine", "prefect.task_engine", "prefect.artifacts",
    "ocr", "signing", "storage", "registry", "crosscheck",
    "flows._prewarm",
]
"""Imported once by the fork server; a module that fails to import is imported by the run instead.
`flows._prewarm` fills the per-process caches a run would fill (signing's font and key)."""


class _ForkServerOnly:
    """`multiprocessing` as `prefect.flow_engine` sees it: every context it asks for is the fork server's."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self._context = context

    def get_context(self, method: str | None = None) -> multiprocessing.context.BaseContext:
        return self._context

    def __getattr__(self, name: str) -> Any:
        return getattr(multiprocessing, name)


def use_warm_processes(*, preload: list[str] | None = None) -> None:
    """Start flow runs of this process's runner as forks of a fork server that has imported `preload`,
    and start that server now, so the first run finds it warm too."""
    import prefect.flow_engine as engine

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD if preload is None else preload)
    engine.multiprocessing = _ForkServerOnly(context)  # type: ignore[assignment]
    multiprocessing.forkserver.ensure_running()


def serve_warm(*deployments: Any, flows: Iterable[Any], limit: int, query_seconds: float) -> None:
    """`prefect.serve(*deployments, limit=, query_seconds=)`, each deployment's run started from its flow
    object (in `flows`, by name) in a fork of the warm server. Blocks until the runner stops."""
    import asyncio

    from prefect.exceptions import TerminationSignal
    from prefect.runner import Runner

    use_warm_processes()
    by_name = {flow.name: flow for flow in flows}
    runner = Runner(pause_on_shutdown=True, limit=limit, query_seconds=query_seconds)
    for deployment in deployments:
        deployment_id = cast(UUID, runner.add_deployment(deployment))  # sync context: not a coroutine
        flow = by_name.get(deployment.flow_name)
        if flow is not None:  # as Runner.add_flow registers it: runs start from the object, not its entrypoint
            runner._deployment_registry.register_flow(deployment_id, flow)
    with contextlib.suppress(KeyboardInterrupt, TerminationSignal):  # as prefect.serve: a stop is no error
        asyncio.run(runner.start())
