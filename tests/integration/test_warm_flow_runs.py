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


@flow(name="settings-probe")
def settings_probe(out: str) -> None:
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    Path(out).write_text(json.dumps({"batch_interval": settings.logging.to_api.batch_interval,
                                     "api_url": settings.api.url}))


def test_a_runs_settings_are_its_environments(tmp_path, prefect_server, monkeypatch) -> None:
    """`flows.run_flow_in_fork`: a run builds its settings once, from the environment the runner hands it, so a
    variable the runner put in its environment after Prefect built its own settings (as `flows.serve`'s
    `FLOW_RUN_ENV`) reaches the run. With the runner's serialized settings it did not once the runner had any
    logging setting of its own (as `capil up`'s runner has `PREFECT_LOGGING_LEVEL`): the run's logging settings
    were then rebuilt from those alone, the rest Prefect's defaults (issue #17)."""
    import prefect.flow_engine as engine
    from prefect.settings import PREFECT_LOGGING_LEVEL, get_current_settings, temporary_settings

    before = engine.multiprocessing
    with temporary_settings(updates={PREFECT_LOGGING_LEVEL: "INFO"}):  # set in the runner, as the stack's is
        runner_api_url = get_current_settings().api.url  # the test harness's, set in code
        assert get_current_settings().logging.to_api.batch_interval != 7.0
        monkeypatch.setenv("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "7")
        try:
            flows.use_warm_processes(preload=[])
            out = tmp_path / "settings.json"
            run = flows.run_flow_in_fork(settings_probe, parameters={"out": str(out)})
            run.join(timeout=300)
            assert run.exitcode == 0
            assert json.loads(out.read_text()) == {"batch_interval": 7.0, "api_url": runner_api_url}
        finally:
            engine.multiprocessing = before  # type: ignore[assignment]
            multiprocessing.set_forkserver_preload([])
