"""The local runner's flow runs are forks of a warm process (`flows.use_warm_processes`): each run still
gets a process of its own, started the way Prefect starts them, with the preloaded modules in it."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest
from prefect import flow

import flows

pytestmark = pytest.mark.integration

_PRELOADED = "email.mime.multipart"
"""A module nothing here imports: in the run's process only if the fork server loaded it."""


@flow(name="warm-probe")
def warm_probe(out: str) -> None:
    Path(out).write_text(json.dumps({"pid": os.getpid(), "preloaded": _PRELOADED in sys.modules,
                                     "main": getattr(sys.modules["__main__"], "__file__", None)}))


def test_flow_runs_are_forks_of_the_warm_server_in_processes_of_their_own(tmp_path, prefect_server) -> None:
    import prefect.flow_engine as engine

    assert _PRELOADED not in sys.modules
    before = engine.multiprocessing
    try:
        flows.use_warm_processes(preload=[_PRELOADED])
        outs = [tmp_path / f"run{i}.json" for i in range(2)]
        runs = [engine.run_flow_in_subprocess(warm_probe, parameters={"out": str(out)}) for out in outs]
        for run in runs:
            run.join(timeout=300)
            assert run.exitcode == 0
        assert all(type(run).__name__ == "ForkServerProcess" for run in runs)
        seen = [json.loads(out.read_text()) for out in outs]
        assert all(s["preloaded"] for s in seen)
        assert [s["main"] for s in seen] == [None, None]  # the parent's main module (pytest) is not run again
        assert len({s["pid"] for s in seen} | {os.getpid()}) == 3  # a process per run, none of them this one
    finally:
        engine.multiprocessing = before  # type: ignore[assignment]
        multiprocessing.set_forkserver_preload([])
