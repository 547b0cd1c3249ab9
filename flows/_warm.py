"""Flow runs in warm processes: forked from one server that has imported Prefect and Capil once.

Prefect's runner (`serve`) starts every flow run in a new process with multiprocessing's *spawn*
method (`prefect.flow_engine.run_flow_in_subprocess`), so each run imports Prefect, casework, the
OCR, signing and storage packages anew before its first task: 3.5 s of CPU per run (`python -c
"import flows.process"`), on a 2-core machine most of the 5 s an application may take.

`use_warm_processes()` has the runner use the *forkserver* method instead: a server process, started
with the runner, imports `PRELOAD` once; each flow run is a fork of it, with those modules already
loaded. The rest is Prefect's own: one new process per flow run (its own pid, killed on cancellation,
crash hooks as before), the same payload, environment and control channel. The server imports
modules only: no thread, socket or database connection exists in it to be shared by its forks
(`casework.services()` is built in each run, on first use). Runs of other methods (the cage's
`python -I` subprocesses, the API's starts) are untouched.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
from typing import Any

PRELOAD = [
    "flows.process", "flows.reconcile", "flows.renew", "flows.audit",
    "prefect.flow_engine", "prefect.task_engine", "prefect.artifacts",
    "ocr", "signing", "storage", "registry", "crosscheck",
]
"""Imported once by the fork server; a module that fails to import is imported by the run instead."""


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
