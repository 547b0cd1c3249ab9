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

A fork does not run the runner's main module again (`python -m flows.serve`): multiprocessing has each
child of a fork server import its parent's `__main__` by name, and `runpy` executes a module anew every
time, so every flow run re-ran `flows.serve` and imported `flows.watch` with it (cProfile inside runs,
issue #17). Nothing a run unpickles lives in `__main__` (the flows and their hooks are `flows.process`'s).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
from collections.abc import Iterable, Iterator
from typing import Any, cast
from uuid import UUID

PRELOAD = [
    "flows.process", "flows.reconcile", "flows.renew", "flows.audit",
    "prefect.flow_engine", "prefect.task_engine", "prefect.artifacts",
    "ocr", "signing", "storage", "registry", "crosscheck",
    "prefect.utilities.visualization", "sqlalchemy.dialects.sqlite", "sqlite3",
    "anyio._backends._asyncio", "prefect._internal.pytz", "_strptime",
    "flows._prewarm",
]
"""Imported once by the fork server; a module that fails to import is imported by the run instead.
`flows._prewarm` fills the per-process caches a run would fill (signing's font and key, Prefect's client
models); Prefect imports `prefect.utilities.visualization` (and graphviz) on a run's first task call, the
registry's SQLite engine its dialect and `sqlite3` on first use, anyio its asyncio backend on a run's first
client call (2.6 % of a flow run's CPU, py-spy over 12 applications), Prefect `prefect._internal.pytz` when
it validates a schedule: each was imported in every run."""

PREFECT_MODEL_MODULES = (
    "prefect.client.schemas.objects", "prefect.client.schemas.actions", "prefect.client.schemas.responses",
    "prefect.client.schemas.filters", "prefect.events.filters", "prefect.events.schemas.events", "prefect.artifacts",
)
"""Modules whose pydantic models Prefect builds lazily, on their first use (`defer_build`): in a fork, every
run built `FlowRunUpdate`, `FlowRun`, `DeploymentResponse`, `ArtifactCreate` ... anew (3.7 % of a flow run's
CPU, py-spy over 12 applications, issue #17). `complete_prefect_models` builds them once in the fork server."""


def complete_prefect_models(modules: Iterable[str] = PREFECT_MODEL_MODULES) -> int:
    """Build the deferred pydantic models of `modules` now; returns how many were built. A model that
    cannot be built here (a forward reference not yet importable) is left to its first use, as before."""
    import importlib

    from pydantic import BaseModel

    built = 0
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for value in list(vars(module).values()):
            if (isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == name
                    and not value.__pydantic_complete__):
                with contextlib.suppress(Exception):
                    value.model_rebuild()
                    built += 1
    return built


@contextlib.contextmanager
def _no_suspension_observer(flow_run_id: UUID, suspension_request: Any, polling_interval: float = 10) -> Iterator[None]:
    yield


def without_suspension_observer() -> bool:
    """Flow runs of this process (and of its forks) start no flow-run suspension observer. Prefect 3.9
    starts one in every deployment's flow run: a thread with an event loop and a client of its own that
    reads the run and subscribes to the server's event stream over a websocket, waking 5 times a second,
    so that a run suspended from outside (`suspend_flow_run`) notices it. No Capil run is ever paused or
    suspended (runs are cancelled or crash; the runner kills those), and the observer cost 18 % of a flow
    run's CPU (py-spy over 12 applications) and the server a websocket subscriber and a request per run
    (issue #17). Returns False, changing nothing, when this Prefect has no such observer."""
    import prefect.flow_engine as engine

    if not callable(getattr(engine, "observe_flow_run_suspension", None)):
        return False
    engine.observe_flow_run_suspension = _no_suspension_observer  # type: ignore[assignment]
    return True


def run_flow_in_fork(flow: Any, flow_run: Any = None, *, env: dict[str, str | None] | None = None,
                     **kwargs: Any) -> multiprocessing.process.BaseProcess:
    """`prefect.flow_engine.run_flow_in_subprocess(flow, flow_run=, env=)`, the run's settings built once, from
    its environment. Prefect's child builds `Settings()` from the environment the runner hands it (the
    runner's explicitly set settings as variables, its own environment, the run's variables), then
    `hydrated_context` replaced them with a second build validated from the runner's serialized settings
    context: ~0.04 CPU-s per run (issue #17), and not the same values. That context holds only the settings
    the runner set, and a group of them it names (`logging`, for the runner's `PREFECT_LOGGING_LEVEL`) is
    rebuilt from those alone, Prefect's defaults for the rest, not the environment: every run took a
    `logging.to_api.batch_interval` of 2 s over the 15 s `flows.serve.FLOW_RUN_ENV` sets (session 16: that one
    of 226 settings differed; `tests/integration/test_warm_flow_runs.py`). Here the runner's
    context goes without its settings; the rest of it (flow run, tags, deployment) as before. A setting the
    runner set in code (`temporary_settings`) still reaches the run: Prefect hands the runner's set settings
    to the child as variables of its environment."""
    from prefect.context import serialize_context
    from prefect.flow_engine import run_flow_in_subprocess

    context = kwargs.pop("context", None) or serialize_context()
    context = {**context, "settings_context": {}}
    return run_flow_in_subprocess(flow, flow_run=flow_run, env=env, context=context, **kwargs)


class _WithoutMain:
    """`multiprocessing.spawn` as the fork server's `Popen` sees it: the preparation data it sends a new
    child names no main module to import again (see the module docstring)."""

    def __init__(self, spawn: Any) -> None:
        self._spawn = spawn

    def get_preparation_data(self, name: str) -> dict[str, Any]:
        data = dict(self._spawn.get_preparation_data(name))
        data.pop("init_main_from_name", None)
        data.pop("init_main_from_path", None)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._spawn, name)


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
    import multiprocessing.popen_forkserver as popen_forkserver

    import prefect.flow_engine as engine

    spawn = getattr(popen_forkserver, "spawn")  # noqa: B009 (the module's import, not in its stubs)
    if not isinstance(spawn, _WithoutMain):
        setattr(popen_forkserver, "spawn", _WithoutMain(spawn))  # noqa: B010
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD if preload is None else preload)
    engine.multiprocessing = _ForkServerOnly(context)  # type: ignore[assignment]
    multiprocessing.forkserver.ensure_running()


def start_runs_in_forks() -> None:
    """The runner's starter of a flow object's runs (`Runner.add_flow`'s, and `serve_warm`'s) calls
    `run_flow_in_fork` instead of Prefect's `run_flow_in_subprocess`."""
    import prefect.runner._starter_direct as starter

    if callable(getattr(starter, "run_flow_in_subprocess", None)):  # a Prefect that moved it: as before
        starter.run_flow_in_subprocess = run_flow_in_fork  # type: ignore[assignment]


def serve_warm(*deployments: Any, flows: Iterable[Any], limit: int, query_seconds: float) -> None:
    """`prefect.serve(*deployments, limit=, query_seconds=)`, each deployment's run started from its flow
    object (in `flows`, by name) in a fork of the warm server. Blocks until the runner stops."""
    import asyncio

    from prefect.exceptions import TerminationSignal
    from prefect.runner import Runner

    use_warm_processes()
    start_runs_in_forks()
    by_name = {flow.name: flow for flow in flows}
    runner = Runner(pause_on_shutdown=True, limit=limit, query_seconds=query_seconds)
    for deployment in deployments:
        deployment_id = cast(UUID, runner.add_deployment(deployment))  # sync context: not a coroutine
        flow = by_name.get(deployment.flow_name)
        if flow is not None:  # as Runner.add_flow registers it: runs start from the object, not its entrypoint
            runner._deployment_registry.register_flow(deployment_id, flow)
    with contextlib.suppress(KeyboardInterrupt, TerminationSignal):  # as prefect.serve: a stop is no error
        asyncio.run(runner.start())
