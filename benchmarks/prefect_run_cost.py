"""What a flow run and a task run cost, in CPU-seconds, in the flow run's process, the Prefect server and its
database (issue #17): flows of 0 and 10 trivial tasks started as the local runner starts them (forks of the
warm fork server, `flows.use_warm_processes`), against a running stack's Prefect.

Run it with the flow runner's Prefect environment, while nothing else uses that stack:

    FR=$(cat $CAPIL_DATA_DIR/run/flow-runner.pid)
    env $(tr '\\0' '\\n' < /proc/$FR/environ | grep ^PREFECT_) PYTHONPATH=benchmarks:. .venv/bin/python \\
        benchmarks/prefect_run_cost.py $(cat $CAPIL_DATA_DIR/run/prefect-server.pid) \\
        $(cat $CAPIL_DATA_DIR/run/prefect-database.pid) --runs 5

`--deployment`: each run is a run of a deployment made for the probe flow (no runner serves it; the runs are
started here as above), as every Capil run is: Prefect's engine then does what it does for a deployment's run
only (its flow-run suspension observer, which `flows._prewarm` turns off: run this with `PYTHONPATH` at a tree
before and after that change to compare).

`--in-process`: the same runs, each run by Prefect's engine (`prefect.flow_engine.run_flow`) in a thread of this
one warm process instead of a fork: what a warm executor running many runs in one process would spend per run
(issue #17, session 16). Its CPU is this process's own (not its children's). `--threads N` runs N at a time.

Process CPU is read from /proc (user + system, with reaped children): the flow runs' from the fork server that
reaps them, the server's and the database's from their process trees (direct children).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows._tasks import RESULTS


@task(cache_policy=NO_CACHE, timeout_seconds=60)
def quick(i: int) -> int:
    return i


@flow(result_storage=RESULTS, persist_result=False)
def no_tasks() -> int:
    return 0


@flow(result_storage=RESULTS, persist_result=False)
def ten_tasks() -> int:
    return sum(quick(i) for i in range(10))


def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def _cpu(pid: int, *, children: bool) -> float:
    """CPU-seconds of `pid` (and its reaped children), plus its direct children's when `children`."""
    pids = [pid]
    if children:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(c) for c in f.read().split()]
    total = 0
    for p in pids:
        try:
            fields = _stat(p)
        except FileNotFoundError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return total / os.sysconf("SC_CLK_TCK")


def _deployment_runs(fl: Any) -> Callable[[], Any]:
    """Flow runs of a deployment of `fl` (created once here, named `run-cost-probe`), one per call, Scheduled."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        flow_id = client.create_flow(fl)
        deployment_id = client.create_deployment(flow_id=flow_id, name="run-cost-probe",
                                                 entrypoint=f"prefect_run_cost.py:{fl.name}")

    def make() -> Any:
        with get_client(sync_client=True) as client:
            return client.create_flow_run_from_deployment(deployment_id)

    return make


def _own_cpu() -> float:
    """This process's own CPU-seconds (user + system, not its children's)."""
    fields = _stat(os.getpid())
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _forked(fl: Any, runs: list[Any]) -> None:
    """As the runner starts them: `flows.run_flow_in_fork` where the tree has it (session 16), else Prefect's."""
    from prefect.flow_engine import run_flow_in_subprocess

    import flows

    start = getattr(flows, "run_flow_in_fork", run_flow_in_subprocess)
    for run in runs:
        start(fl, flow_run=run).join()


def _in_process(threads: int) -> Callable[[Any, list[Any]], None]:
    def start(fl: Any, runs: list[Any]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from prefect.flow_engine import run_flow

        with ThreadPoolExecutor(threads) as pool:
            for state in pool.map(lambda run: run_flow(fl, flow_run=run, return_type="state"), runs):
                assert not cast(Any, state).is_failed(), state

    return start


def main() -> None:
    import multiprocessing.forkserver

    from flows import use_warm_processes
    from flows.serve import FLOW_RUN_ENV

    for key, value in FLOW_RUN_ENV.items():  # as the runner's flow runs have them
        os.environ.setdefault(key, value)

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("server_pid", type=int)
    parser.add_argument("database_pid", type=int)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deployment", action="store_true", help="runs of a deployment, as Capil's runs are")
    parser.add_argument("--in-process", action="store_true", help="run each in a thread of this process")
    parser.add_argument("--threads", type=int, default=1, help="with --in-process: runs at a time")
    args = parser.parse_args()
    from flows._warm import PRELOAD

    # the runner's own preload (session 16: with only Prefect's engines preloaded, each fork imported
    # pydantic.v1 and graphviz, ~0.05 CPU-s a run the runner's forks do not pay), this module before the last
    use_warm_processes(preload=[*PRELOAD[:-1], "prefect_run_cost", PRELOAD[-1]])
    if args.in_process:  # as the fork server's runs: no suspension observer, the client models built
        from flows._warm import complete_prefect_models, without_suspension_observer

        complete_prefect_models()
        without_suspension_observer()
    fork_server = multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    makers = {fl: _deployment_runs(fl) if args.deployment else (lambda: None) for fl in (no_tasks, ten_tasks)}
    for name, fl in (("0 tasks", no_tasks), ("10 tasks", ten_tasks)) * 2:
        start = _in_process(args.threads) if args.in_process else _forked
        start(fl, [makers[fl]()])  # the first run of each pays its own first requests
        runs = [makers[fl]() for _ in range(args.runs)]  # created before the clock starts
        own = (lambda: _own_cpu()) if args.in_process else (lambda: _cpu(fork_server, children=False))
        before = (own(), _cpu(args.server_pid, children=True), _cpu(args.database_pid, children=True))
        start(fl, runs)
        time.sleep(3)  # the server records the last events
        after = (own(), _cpu(args.server_pid, children=True), _cpu(args.database_pid, children=True))
        run_s, server_s, db_s = ((b - a) / args.runs for a, b in zip(before, after, strict=True))
        kind = ("deployment's flow run" if args.deployment else "flow run") + (
            f" in this process ({args.threads} at a time)" if args.in_process else "")
        print(f"{kind} with {name}: CPU-s per run: its process {run_s:.3f}, Prefect server {server_s:.3f}, "
              f"database {db_s:.3f}", flush=True)


if __name__ == "__main__":
    main()
