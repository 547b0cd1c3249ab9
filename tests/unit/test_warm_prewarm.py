"""What the flow runner's fork server prepares for its forks (`flows._warm`, `flows._prewarm`, issue #17):
Prefect's deferred client models built once, and no flow-run suspension observer in a run."""

from __future__ import annotations

import importlib
import sys
import types
import uuid
from typing import ClassVar

import pytest
from prefect import flow
from prefect.client.schemas.objects import FlowRun
from pydantic import BaseModel, ConfigDict

import flows


@flow(name="suspension-probe")
def _probe() -> None:
    pass


class _Observer:
    """Prefect's `FlowRunSuspendingObserver` as a run would start it, recording that it was."""

    started: ClassVar[list[object]] = []

    def __init__(self, **_: object) -> None:
        _Observer.started.append(self)

    async def __aenter__(self) -> _Observer:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def watch_flow_run_id(self, _id: object) -> None:
        return None


def test_a_flow_run_of_a_deployment_starts_no_suspension_observer(monkeypatch: pytest.MonkeyPatch) -> None:
    import prefect._internal.observers as observers
    import prefect.flow_engine as engine

    monkeypatch.setattr(engine, "observe_flow_run_suspension", engine.observe_flow_run_suspension)  # restored after
    monkeypatch.setattr(observers, "FlowRunSuspendingObserver", _Observer)
    _Observer.started.clear()
    assert flows.without_suspension_observer()
    run = FlowRun(flow_id=uuid.uuid4(), deployment_id=uuid.uuid4(), name="probe")  # a deployment's run
    with engine.FlowRunEngine(flow=_probe, flow_run=run).setup_flow_run_suspension_request() as request:
        assert not request.is_requested()
    assert _Observer.started == []


def test_deferred_models_are_built_once_and_prefects_model_modules_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("capil_probe_models")

    class Deferred(BaseModel):
        model_config = ConfigDict(defer_build=True)
        value: int

    Deferred.__module__ = module.__name__
    module.Deferred = Deferred  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    assert not Deferred.__pydantic_complete__
    assert flows.complete_prefect_models([module.__name__]) == 1
    assert Deferred.__pydantic_complete__
    assert flows.complete_prefect_models([module.__name__]) == 0  # nothing left to build
    for name in flows.PREFECT_MODEL_MODULES:  # a Prefect that moved one would silently build nothing
        importlib.import_module(name)


def test_the_runners_starter_runs_a_flow_object_by_run_flow_in_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve_warm`'s runs settle their settings once (`flows.run_flow_in_fork`); a Prefect that moved the
    starter's `run_flow_in_subprocess` would silently start them as before."""
    import prefect.runner._starter_direct as starter

    monkeypatch.setattr(starter, "run_flow_in_subprocess", starter.run_flow_in_subprocess)  # restored after
    flows.start_runs_in_forks()
    assert starter.run_flow_in_subprocess is flows.run_flow_in_fork
