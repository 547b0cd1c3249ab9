"""Several worker hosts on one Prefect: the production layout on one machine (issue #17).

    sudo .venv/bin/python benchmarks/multihost.py [--applications 40] [--per-host-limit 2]
                                                  [--out benchmarks/results/multihost]

Builds, as root, a bridge `capilbr0` (10.88.0.1/24) and two network namespaces, `capil-host-a`
(10.88.0.11) and `capil-host-b` (10.88.0.12), each with its own hostname (`unshare --uts`). On the
host side, bound to 10.88.0.1: one PostgreSQL (a database for the Prefect server, one for the
registry per phase), the Prefect server on PostgreSQL with its API credential, SeaweedFS and the
development PKI (TSA, OCSP, CRL). Then, as in production (docs/multihost.md): `prefect work-pool
create capil --type process`, `prefect deploy --all` from prefect.yaml, and one `prefect worker start
--pool capil` per namespace. Phases, each with a fresh registry database and its own buckets:
a warm-up on host a (not counted), N applications with host a only, the same N with hosts a and b.
Every application is filed directly (casework.file_application: a genuine S1 ijazah with the
family's KK), then all runs are created at once on the process-application deployment.

Reported per phase: runs per host (the worker's `prefect.worker.name` label on each flow run),
exactly-once checks (one process-application run per application, run once; an approved one has
exactly one record version made by it and one archived KK object version; others none), and the
throughput (applications / seconds from the first run created to the last run ended). Everything
started is torn down at the end, on failure too: processes, namespaces, bridge, temporary directory.
Ports 61000-61040 (PostgreSQL 61000, Prefect 61010, PKI 61020, SeaweedFS 61030-61037).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BRIDGE, BRIDGE_IP, PREFIX = "capilbr0", "10.88.0.1", 24
HOSTS = (("capil-host-a", "10.88.0.11"), ("capil-host-b", "10.88.0.12"))
PG_PORT, PREFECT_PORT, PKI_PORT, S3_PORT = 61000, 61010, 61020, 61030
POOL = "capil"
POOL_LIMIT = 8
"""Flow runs at once over all workers of the pool, as prefect.yaml's header sets it."""
PY = sys.executable
PG_USER = "capil"  # capil.postgres.USER
SEED = 17


# -- processes -----------------------------------------------------------------------------------

class Stack:
    """Everything started, in start order; `close` undoes it in reverse, each step on its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.undo: list[tuple[str, Callable[[], None]]] = []

    def on_close(self, what: str, fn: Callable[[], None]) -> None:
        self.undo.append((what, fn))

    def spawn(self, name: str, argv: list[str], *, env: dict[str, str] | None = None, user: str | None = None,
              leader_signal: int | None = None) -> subprocess.Popen[bytes]:
        """Start `argv` in its own session (as `user`); closing stops its group with SIGTERM, or sends
        `leader_signal` to the process alone when it stops its children itself (PostgreSQL's postmaster)."""
        log = (self.root / "logs" / f"{name}.log").open("ab")
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, start_new_session=True, cwd=REPO, user=user)
        log.close()
        self.on_close(name, lambda: _stop(proc, leader_signal=leader_signal))
        return proc

    def close(self) -> None:
        while self.undo:
            what, fn = self.undo.pop()
            try:
                fn()
            except Exception as e:  # keep tearing down the rest
                print(f"teardown of {what}: {type(e).__name__}: {e}", file=sys.stderr)


def _stop(proc: subprocess.Popen[bytes], *, grace: float = 20, leader_signal: int | None = None) -> None:
    with contextlib.suppress(ProcessLookupError):
        if leader_signal is not None:
            os.kill(proc.pid, leader_signal)
        else:
            os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def _run(argv: list[str], *, env: dict[str, str] | None = None, check: bool = True) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=REPO,
                          timeout=600)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} failed: {(done.stderr or done.stdout).strip()[-400:]}")
    return done.stdout


def _wait(what: str, probe: Callable[[], bool], *, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if probe():
                return
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not become ready within {timeout:.0f} s")


# -- network -------------------------------------------------------------------------------------

def network(stack: Stack) -> None:
    """The bridge on the host side and one namespace per worker host, joined by veth pairs."""
    _remove_network()  # leftovers of an interrupted run
    stack.on_close("network", _remove_network)
    _run(["ip", "link", "add", BRIDGE, "type", "bridge"])
    _run(["ip", "addr", "add", f"{BRIDGE_IP}/{PREFIX}", "dev", BRIDGE])
    _run(["ip", "link", "set", BRIDGE, "up"])
    for i, (ns, ip) in enumerate(HOSTS):
        veth = f"capilv{i}"
        _run(["ip", "netns", "add", ns])
        _run(["ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns])
        _run(["ip", "link", "set", veth, "master", BRIDGE, "up"])
        _run(["ip", "-n", ns, "addr", "add", f"{ip}/{PREFIX}", "dev", "eth0"])
        _run(["ip", "-n", ns, "link", "set", "eth0", "up"])
        _run(["ip", "-n", ns, "link", "set", "lo", "up"])


def _remove_network() -> None:
    for ns, _ in HOSTS:
        for pid in _run(["ip", "netns", "pids", ns], check=False).split():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
        _run(["ip", "netns", "del", ns], check=False)
    for i in range(len(HOSTS)):
        _run(["ip", "link", "del", f"capilv{i}"], check=False)
    _run(["ip", "link", "del", BRIDGE], check=False)


# -- services on the host side -------------------------------------------------------------------

def postgres(stack: Stack, secrets_dir: Path) -> str:
    """One PostgreSQL cluster on 127.0.0.1 and the bridge, password authentication, a database `prefect`
    (`capil.postgres`, as the local stack's); returns the password."""
    from capil import postgres as local_postgres

    password = secrets.token_urlsafe(24)
    _owner_only(secrets_dir / "postgres-password", password)
    pg = stack.root / "pg"
    local_postgres.init_cluster(pg, password=password, databases=("prefect",),
                           hba=(f"host all {PG_USER} {BRIDGE_IP.rsplit('.', 1)[0]}.0/{PREFIX} scram-sha-256",))
    stack.spawn("postgresql", local_postgres.server_argv(pg, port=PG_PORT, listen=f"127.0.0.1,{BRIDGE_IP}",
                                                    max_connections=300, durable=False),
                user=local_postgres.run_as(), leader_signal=signal.SIGINT)
    _wait("PostgreSQL", lambda: _psql(password, "SELECT 1") is None, timeout=60)
    return password


def _psql(password: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=PG_PORT, user=PG_USER, password=password, dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]  # our own constant statements


def _owner_only(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text + "\n")


def object_store_and_pki(stack: Stack, data_dir: Path) -> None:
    import signing
    import storage

    credentials = storage.ensure_s3_credentials(data_dir / "secrets")
    stack.spawn("seaweedfs", storage.seaweedfs_argv(data_dir / "seaweedfs", credentials=credentials,
                                                    s3_port=S3_PORT, host=BRIDGE_IP))
    signing.ensure_dev_pki(data_dir / "pki", port=PKI_PORT)
    stack.spawn("pki", signing.pki_service_argv(data_dir / "pki", host=BRIDGE_IP, port=PKI_PORT))
    _wait("SeaweedFS", lambda: storage.s3_healthy(f"{BRIDGE_IP}:{S3_PORT}"))
    _wait("PKI", lambda: signing.pki_service_healthy(host=BRIDGE_IP, port=PKI_PORT))


def prefect_server(stack: Stack, *, pg_password: str, auth: str) -> dict[str, str]:
    """The Prefect server on PostgreSQL; returns the client environment every host uses."""
    import httpx

    client_env = {
        "PREFECT_API_URL": f"http://{BRIDGE_IP}:{PREFECT_PORT}/api",
        "PREFECT_API_AUTH_STRING": auth,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_WORKER_QUERY_SECONDS": "2",
    }
    server_env = {
        **client_env,
        "PREFECT_HOME": str(stack.root / "prefect-server"),
        "PREFECT_SERVER_API_AUTH_STRING": auth,
        "PREFECT_SERVER_DATABASE_CONNECTION_URL":
            f"postgresql+asyncpg://{PG_USER}:{pg_password}@127.0.0.1:{PG_PORT}/prefect",
        "PREFECT_UI_ENABLED": "false",
    }
    stack.spawn("prefect-server", [PY, "-m", "prefect", "server", "start", "--host", BRIDGE_IP, "--port",
                                   str(PREFECT_PORT)], env=server_env)
    _wait("Prefect server", lambda: httpx.get(f"{client_env['PREFECT_API_URL']}/health", timeout=2).is_success,
          timeout=300)
    return client_env


def deploy(client_env: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """What an operator runs once (docs/multihost.md): the work pool, then every deployment of prefect.yaml."""
    env = {**client_env, "CAPIL_PROJECT_DIR": str(REPO)}
    _run([PY, "-m", "prefect", "work-pool", "create", POOL, "--type", "process"], env=env)
    _run([PY, "-m", "prefect", "work-pool", "set-concurrency-limit", POOL, str(POOL_LIMIT)], env=env)
    _run([PY, "-m", "prefect", "--no-prompt", "deploy", "--all"], env=env)
    from prefect import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        found = client.read_deployments(flow_filter=FlowFilter(name=FlowFilterName(any_=["process-application"])))
        pool = client.read_work_pool(POOL)
    if len(found) != 1:
        raise RuntimeError(f"prefect.yaml should deploy process-application once, found {len(found)}")
    gcl = found[0].global_concurrency_limit
    limits = {"work_pool": pool.concurrency_limit, "process_deployment": gcl.limit if gcl else None,
              "collision_strategy": str(found[0].concurrency_options.collision_strategy.value)
              if found[0].concurrency_options else None}
    return f"process-application/{found[0].name}", limits


# -- worker hosts --------------------------------------------------------------------------------

def start_worker(stack: Stack, ns: str, *, env: dict[str, str], limit: int, phase: str) -> None:
    """`prefect worker start` inside the namespace, under its own hostname (the worker's name too)."""
    def kill_rest() -> None:  # flow-run processes the stopped worker left behind, if any
        for pid in _run(["ip", "netns", "pids", ns], check=False).split():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
    stack.on_close(f"{ns} leftovers", kill_rest)
    Path(env["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    worker = [PY, "-m", "prefect", "worker", "start", "--pool", POOL, "--type", "process", "--name", ns,
              "--limit", str(limit)]
    proc = stack.spawn(f"worker-{ns}-{phase}", ["ip", "netns", "exec", ns, "unshare", "--uts", PY, __file__,
                                                "_host", "--hostname", ns, "--", *worker], env=env)
    _wait(f"worker {ns}", lambda: proc.poll() is None and _worker_online(ns), timeout=120)


def _worker_online(name: str) -> bool:
    from prefect import get_client

    with get_client(sync_client=True) as client:
        return any(w.name == name and str(w.status).endswith("ONLINE") for w in client.read_workers_for_work_pool(POOL))


def host_main(hostname: str, argv: list[str]) -> int:
    """Inside a namespace: set the hostname, forward the PKI port from loopback (the development
    certificates name http://127.0.0.1:PORT for OCSP and CRL, as a real CA names its own host), run
    the worker until it ends or is told to stop."""
    socket.sethostname(hostname)
    threading.Thread(target=lambda: asyncio.run(_forward(PKI_PORT)), daemon=True).start()
    # the host's reading service beside its worker, as on a production worker host (docs/multihost.md):
    # warm OCR cages its flow runs read in, on <data dir>/ocr/<hostname>.sock
    reading = subprocess.Popen([PY, "-m", "ocr.serve"], stdin=subprocess.DEVNULL)
    child = subprocess.Popen(argv)

    def stop(signum: int, _frame: Any) -> None:
        child.send_signal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        return child.wait()
    finally:
        reading.terminate()
        reading.wait(timeout=30)


async def _forward(port: int) -> None:
    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(BRIDGE_IP, port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer), return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


# -- applications and phases ---------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    nik: str
    files: dict[Any, bytes]


def applications(count: int) -> tuple[dict[str, Any], list[Case]]:
    """A synthetic population and `count` genuine pendidikan applications (S1 ijazah + the family's KK),
    one per family so that no two change the same KK."""
    import synthetic
    from core import DocumentType, Family, pendidikan_rank

    doc = synthetic.population(families=count + count // 2 + 4, seed=SEED)
    today = dt.date.today()
    cases = []
    for i, family in enumerate(Family.from_dict(f) for f in doc["keluarga"]):
        subject = next((p for p in family.anggota if (today - dt.date.fromisoformat(p.tanggal_lahir)).days >= 19 * 365
                        and pendidikan_rank(p.pendidikan) < pendidikan_rank("DIPLOMA IV/STRATA I")), None)
        if subject is None:
            continue
        cases.append(Case(subject.nik, {
            DocumentType.KK: synthetic.render_kk(family, seed=SEED + i).png,
            DocumentType.IJAZAH: synthetic.render_ijazah(subject, jenjang="S1", seed=SEED + i).png,
        }))
        if len(cases) == count:
            return doc, cases
    raise RuntimeError(f"the synthetic population has fewer than {count} suitable subjects")


@dataclass(frozen=True)
class Env:
    root: Path
    data_dir: Path
    pg_password: str
    client_env: dict[str, str]
    deployment: str
    limit: int
    duplicate: bool = False
    """Start the first application's run a second time: the exactly-once check must catch it."""


def phase(env: Env, name: str, hosts: list[str], population: dict[str, Any], cases: list[Case]) -> dict[str, Any]:
    """File the cases into a fresh registry, start the hosts' workers, run every case, check, stop the workers."""
    from casework import bootstrap, file_application
    from core import ChangeType, load_settings

    _psql(env.pg_password, f"CREATE DATABASE registry_{name}")
    capil_env = {
        "CAPIL_DATA_DIR": str(env.data_dir),
        "CAPIL_DATABASE_URL": f"postgresql+psycopg://{PG_USER}:{env.pg_password}@{BRIDGE_IP}:{PG_PORT}/registry_{name}",
        "CAPIL_S3_ENDPOINT": f"{BRIDGE_IP}:{S3_PORT}",
        "CAPIL_PKI_PORT": str(PKI_PORT),
        "CAPIL_TSA_URL": _tsa_url(env.data_dir),
        "CAPIL_PREFECT_PORT": str(PREFECT_PORT),
        "CAPIL_INTAKE_BUCKET": f"capil-mh-{name}-intake",
        "CAPIL_ARCHIVE_BUCKET": f"capil-mh-{name}-archive",
        "CAPIL_ARCHIVE_RETENTION_DAYS": "1",
        "CAPIL_PROJECT_DIR": str(REPO),
    }
    _run([str(Path(PY).parent / "capil"), "registry", "migrate"], env=capil_env)
    svc = bootstrap(load_settings(capil_env))
    svc.population.import_population(population)
    svc.ensure_buckets()
    ids = {file_application(svc, nik=c.nik, change=ChangeType.PENDIDIKAN, files=c.files, requested={}): c.nik
           for c in cases}
    workers = Stack(env.root)
    try:
        for ns in hosts:
            start_worker(workers, ns, env={**env.client_env, **capil_env,
                                           "PREFECT_HOME": str(env.root / "hosts" / ns)}, limit=env.limit, phase=name)
        load_before = os.getloadavg()
        runs, started = _run_all(env.deployment, list(ids))
        load_after = os.getloadavg()
        if env.duplicate:
            _run_all(env.deployment, list(ids)[:1])
    finally:
        workers.close()
    checks = _check(svc, ids, runs)
    svc.database.dispose()
    ends = [r["end"] for r in runs.values() if r["end"]]
    seconds = (max(ends) - started).total_seconds() if ends else float("nan")
    durations = sorted((r["end"] - r["start"]).total_seconds() for r in runs.values() if r["start"] and r["end"])
    return {
        "phase": name,
        "hosts": hosts,
        "applications": len(ids),
        "runs_per_host": dict(Counter(r["host"] for r in runs.values())),
        "most_runs_at_once_per_host": {h: _most_at_once([r for r in runs.values() if r["host"] == h])
                                       for h in sorted({r["host"] for r in runs.values()})},
        "statuses": dict(Counter(c["status"] for c in checks)),
        "exactly_once": all(c["ok"] for c in checks),
        "failed_checks": [c for c in checks if not c["ok"]],
        "seconds_first_created_to_last_ended": round(seconds, 1),
        "applications_per_minute": round(60 * len(ids) / seconds, 2),
        "run_seconds_median": round(durations[len(durations) // 2], 1) if durations else None,
        "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "runs": [{"application": a, "host": r["host"], "state": r["state"], "seconds":
                  round((r["end"] - r["start"]).total_seconds(), 1) if r["start"] and r["end"] else None}
                 for a, r in runs.items()],
    }


def _most_at_once(runs: list[dict[str, Any]]) -> int:
    """The most runs of the list that were running at the same moment (start/end times from Prefect)."""
    edges = sorted([(r["start"], 1) for r in runs if r["start"]] + [(r["end"], -1) for r in runs if r["end"]],
                   key=lambda e: (e[0], e[1]))
    most = now = 0
    for _, step in edges:
        now += step
        most = max(most, now)
    return most


def _tsa_url(data_dir: Path) -> str:
    import signing

    return signing.tsa_url(data_dir / "pki", host=BRIDGE_IP, port=PKI_PORT)


def _run_all(deployment: str, app_ids: list[str], *, timeout: float = 2400) -> tuple[dict[str, dict[str, Any]], dt.datetime]:
    """Create one run per application at once (as the API does), then wait until every run has ended."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.deployments import run_deployment

    started = dt.datetime.now(dt.UTC)
    run_ids = {}
    for app_id in app_ids:
        run = run_deployment(deployment, parameters={"application_id": app_id}, timeout=0, as_subflow=False)
        run_ids[run.id] = app_id  # type: ignore[union-attr]  # sync context: not a coroutine
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=list(run_ids))),
                                         limit=len(run_ids))
            if all(r.state is not None and r.state.is_final() for r in runs) and len(runs) == len(run_ids):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"runs not finished after {timeout:.0f} s")
            time.sleep(2)
    return {run_ids[r.id]: {"host": r.labels.get("prefect.worker.name", "?"), "state": r.state_name,
                            "completed": r.state is not None and r.state.is_completed(), "start": r.start_time, "end": r.end_time, "run_count": r.run_count,
                            "deployment_id": r.deployment_id} for r in runs}, started


def _check(svc: Any, ids: dict[str, str], runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per application: one run of process-application, run once, ended Completed; the application
    decided; approved → exactly one record version by it and one archived KK object version, else none."""
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    from core import Status

    deployment_id = next(iter(runs.values()))["deployment_id"]
    with get_client(sync_client=True) as client:
        every = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
                                      limit=200)
    runs_per_app = Counter(str(r.parameters.get("application_id")) for r in every)
    archive = svc.settings.archive_bucket
    objects = Counter(o.object_name.split("/")[1] for o in _archive_versions(svc, archive)
                      if o.object_name.endswith("/kartu-keluarga.pdf"))
    out = []
    for app_id, nik in ids.items():
        status = str(svc.applications.get(app_id).status)
        versions = sum(v["application_id"] == app_id for v in svc.population.history(nik))
        want = 1 if status == Status.APPROVED else 0
        run = runs[app_id]
        ok = (runs_per_app[app_id] == 1 and run["run_count"] == 1 and run["completed"]
              and status not in (Status.RECEIVED, Status.PROCESSING) and versions == want and objects[app_id] == want)
        out.append({"application": app_id, "status": status, "runs": runs_per_app[app_id],
                    "run_count": run["run_count"], "state": run["state"], "record_versions": versions,
                    "archived_kk_versions": objects[app_id], "ok": ok})
    return out


def _archive_versions(svc: Any, bucket: str) -> list[Any]:
    """Every object version in the archive bucket. The product's ObjectStore reads one version at a
    time by design; counting versions is this check's own business, so it asks S3 directly."""
    from minio import Minio

    import storage

    credentials = storage.ensure_s3_credentials(svc.settings.secrets_dir)
    client = Minio(svc.settings.s3_endpoint, access_key=credentials.access_key, secret_key=credentials.secret_key,
                   secure=False)
    return list(client.list_objects(bucket, prefix="documents/", recursive=True, include_version=True))


# -- report --------------------------------------------------------------------------------------

def report(results: list[dict[str, Any]], *, args: argparse.Namespace, deployment: str,
           limits: dict[str, Any]) -> dict[str, Any]:
    counted = {r["phase"]: r for r in results if r["phase"] != "warmup"}
    one, two = counted.get("one"), counted.get("two")
    commit = _run(["git", "rev-parse", "--short", "HEAD"], check=False).strip()
    return {
        "command": " ".join(["sudo", ".venv/bin/python", "benchmarks/multihost.py", *sys.argv[1:]]),
        "commit": commit,
        "uncommitted_files_in_tree": len(_run(["git", "status", "--porcelain"], check=False).splitlines()),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_average_at_end":
                    [round(x, 2) for x in os.getloadavg()]},
        "deployment": deployment,
        "per_host_limit": args.per_host_limit,
        "limits_on_server": limits,
        "speedup_two_hosts": round(two["applications_per_minute"] / one["applications_per_minute"], 2)
        if one is not None and two is not None else None,
        "all_exactly_once": all(r["exactly_once"] for r in results),
        "both_hosts_worked": two is not None and all(two["runs_per_host"].get(ns, 0) > 0 for ns, _ in HOSTS),
        "phases": results,
    }


def markdown(rep: dict[str, Any]) -> str:
    lines = [
        "# Several worker hosts on one Prefect (issue #17)",
        "",
        f"`{rep['command']}` at {rep['commit']}, {rep['when']}; {rep['machine']['cpus']} CPUs, "
        f"worker limit {rep['per_host_limit']} flow runs per host; deployment `{rep['deployment']}`; limits "
        f"read back from the server: {rep['limits_on_server']}; the tree had {rep['uncommitted_files_in_tree']} "
        "uncommitted files (the workers run the working tree).",
        "",
        "| phase | hosts | applications | runs per host | most at once per host | statuses | exactly once "
        "| seconds | per minute | median run s | load before/after |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rep["phases"]:
        lines.append(
            f"| {r['phase']} | {', '.join(r['hosts'])} | {r['applications']} | "
            f"{', '.join(f'{h}: {n}' for h, n in sorted(r['runs_per_host'].items()))} | "
            f"{', '.join(f'{h}: {n}' for h, n in r['most_runs_at_once_per_host'].items())} | "
            f"{', '.join(f'{s}: {n}' for s, n in sorted(r['statuses'].items()))} | "
            f"{'yes' if r['exactly_once'] else 'NO'} | {r['seconds_first_created_to_last_ended']} | "
            f"{r['applications_per_minute']} | {r['run_seconds_median']} | "
            f"{r['load_average_before_after'][0]} / {r['load_average_before_after'][1]} |")
    lines += ["", f"Two hosts against one: {rep['speedup_two_hosts']}× the applications per minute; both hosts "
              f"worked: {'yes' if rep['both_hosts_worked'] else 'NO'}; every application exactly once: "
              f"{'yes' if rep['all_exactly_once'] else 'NO'}.", ""]
    for r in rep["phases"]:
        for c in r["failed_checks"]:
            lines.append(f"- {r['phase']}: {c}")
    return "\n".join(lines) + "\n"


# -- main ----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_host"]:
        return host_main(argv[2], argv[4:])  # _host --hostname NAME -- WORKER ARGV
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=2, help="applications run first on host a, not counted")
    parser.add_argument("--per-host-limit", type=int, default=2, help="flow runs at once per worker (--limit)")
    parser.add_argument("--duplicate", action="store_true",
                        help="self-check: run one application twice; the report must say NO and exit 1")
    parser.add_argument("--out", default="benchmarks/results/multihost", help="writes OUT.json and OUT.md")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("multihost: needs root (network namespaces, PostgreSQL as the postgres user)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    root = Path(tempfile.mkdtemp(prefix="capil-multihost-"))
    os.chmod(root, 0o711)  # PostgreSQL (as postgres) keeps its cluster in root/pg
    (root / "logs").mkdir()
    stack = Stack(root)
    try:
        network(stack)
        data_dir = root / "data"
        data_dir.mkdir(mode=0o700)
        pg_password = postgres(stack, data_dir / "secrets")
        object_store_and_pki(stack, data_dir)
        auth = f"capil:{secrets.token_urlsafe(32)}"
        _owner_only(data_dir / "secrets" / "prefect-api-auth", auth)
        client_env = prefect_server(stack, pg_password=pg_password, auth=auth)
        os.environ.update({**client_env, "PREFECT_HOME": str(root / "prefect-client")})  # this process is a client
        deployment, limits = deploy(client_env)
        print(f"stack ready; deployment {deployment}", file=sys.stderr)
        population, cases = applications(args.applications)
        env = Env(root, data_dir, pg_password, client_env, deployment, args.per_host_limit, args.duplicate)
        a, b = (ns for ns, _ in HOSTS)
        results = []
        for name, hosts, batch in (("warmup", [a], cases[:args.warmup]), ("one", [a], cases),
                                   ("two", [a, b], cases)):
            if batch:
                results.append(phase(env, name, hosts, population, batch))
                r = results[-1]
                print(f"{name}: {r['applications_per_minute']} per minute, runs per host {r['runs_per_host']}, "
                      f"exactly once {r['exactly_once']}", file=sys.stderr)
        rep = report(results, args=args, deployment=deployment, limits=limits)
        out = REPO / args.out if not Path(args.out).is_absolute() else Path(args.out)
        out.with_suffix(".json").write_text(json.dumps(rep, indent=1, default=str) + "\n")
        out.with_suffix(".md").write_text(markdown(rep))
        print(markdown(rep))
        return 0 if rep["all_exactly_once"] and rep["both_hosts_worked"] else 1
    except BaseException:
        kept = Path(tempfile.gettempdir()) / f"capil-multihost-logs-{int(time.time())}"
        shutil.copytree(root / "logs", kept, dirs_exist_ok=True)
        print(f"multihost: failed; the logs are kept in {kept}", file=sys.stderr)
        raise
    finally:
        stack.close()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
