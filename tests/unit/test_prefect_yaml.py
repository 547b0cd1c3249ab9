"""`prefect.yaml` (production) and `flows/serve.py` (the local stack) declare the same deployments:
every entrypoint is a flow of ours, every name is distinct, every deployment is limited, every task
of the flows has a timeout, and the API starts runs on names both declare."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOYMENTS = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]


def _decorated(path: Path, decorator: str) -> dict[str, ast.FunctionDef]:
    """Functions of `path` decorated with `@decorator(...)`, by Python name."""
    found = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            for d in node.decorator_list:
                call = d.func if isinstance(d, ast.Call) else d
                if isinstance(call, ast.Name) and call.id == decorator:
                    found[node.name] = node
    return found


def _flow_name(function: ast.FunctionDef) -> str:
    for d in function.decorator_list:
        if isinstance(d, ast.Call):
            for kw in d.keywords:
                if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                    return str(kw.value.value)
    return function.name.replace("_", "-")


def _entry_flows() -> dict[str, str]:
    """Deployment name → the flow name its entrypoint names (the entrypoint must be an @flow)."""
    out = {}
    for d in DEPLOYMENTS:
        file, function = d["entrypoint"].split(":")
        flows = _decorated(ROOT / file, "flow")
        assert function in flows, f"{d['name']}: {d['entrypoint']} is not a @flow"
        out[d["name"]] = _flow_name(flows[function])
    return out


def test_every_entrypoint_is_a_flow_and_every_name_is_distinct():
    names = [d["name"] for d in DEPLOYMENTS]
    assert len(names) == len(set(names)), names
    assert len(set(_entry_flows().values())) == len(names), "two deployments of one flow"


def test_every_deployment_is_on_the_work_pool_with_a_concurrency_limit():
    for d in DEPLOYMENTS:
        assert d["work_pool"]["name"] == "capil", d["name"]
        limit = d["concurrency_limit"]
        assert isinstance(limit["limit"], int) and limit["limit"] >= 1, d["name"]
        assert limit["collision_strategy"] in ("ENQUEUE", "CANCEL_NEW"), d["name"]


def test_the_local_stack_serves_the_same_deployments_and_the_api_starts_declared_ones():
    from flows import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT
    from flows.serve import DEPLOYMENT_NAMES

    declared = {f"{flow}/{name}" for name, flow in _entry_flows().items()}
    assert declared == {f"{flow}/{name}" for flow, name in DEPLOYMENT_NAMES.items()}
    assert {PROCESS_DEPLOYMENT, FINALIZE_DEPLOYMENT} <= declared


def test_every_task_of_the_flows_has_a_timeout():
    for path in (ROOT / "flows").glob("*.py"):
        for name, function in _decorated(path, "task").items():
            keywords = {kw.arg for d in function.decorator_list if isinstance(d, ast.Call) for kw in d.keywords}
            assert "timeout_seconds" in keywords, f"{path.name}: task {name} has no timeout"
