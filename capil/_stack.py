"""The local stack: object storage, development PKI, Prefect server, flow runner, HTTP API.

Each part is a background process in its own session, with its log under
`data_dir/logs/` and its pid under `data_dir/run/`. `up` starts what is not
already running and returns when every part answers its health check; `down`
stops what `up` started.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

import ocr
import signing
import storage
from core import ConfigurationError, ServiceUnavailable, Settings
from flows import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT

from ._progress import progress
from .postgres import LocalPrefectDatabase, run_as


@dataclass(frozen=True)
class Part:
    name: str
    argv: list[str]
    ports: tuple[int, ...]
    """Every port the part binds; checked free before anything starts."""
    healthy: Callable[[], bool]
    url: str
    env: dict[str, str]
    user: str | None = None
    """The user the part runs as; None: ours."""


PREFECT_USER = "capil"


def prefect_env(settings: Settings) -> dict[str, str]:
    """Environment that points Prefect clients and server at the local stack, with the credential of
    its API (basic auth; the server refuses every call without it but its health check) once
    `capil up` has generated it."""
    env = {
        "PREFECT_HOME": str(settings.data_dir / "prefect"),
        "PREFECT_API_URL": settings.prefect_api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(settings.prefect_port),
        "PREFECT_UI_API_URL": settings.prefect_api_url,
        # Every new client asked for a CSRF token (refused: the server enforces none) and the server's
        # version: 6 of the ~39 requests per application (issue #17). Turn both on together with the
        # server's PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED.
        "PREFECT_CLIENT_CSRF_SUPPORT_ENABLED": "false",
        "PREFECT_CLIENT_SERVER_VERSION_CHECK_ENABLED": "false",
    }
    root_ca = settings.pki_dir / "certs" / "root.cert.pem"
    if settings.prefect_api_url.startswith("http://") and root_ca.exists():
        # Each Prefect client builds an SSL context for its API from certifi's ~140 roots (19 ms CPU; five
        # clients per flow run, one per upload: issue #17) though this API is plain HTTP on loopback, where
        # no certificate is ever checked: the local stack's own root is one certificate to read.
        env["PREFECT_API_SSL_CERT_FILE"] = str(root_ca)
    auth = _prefect_auth_file(settings)
    if auth.exists():
        env["PREFECT_API_AUTH_STRING"] = env["PREFECT_SERVER_API_AUTH_STRING"] = auth.read_text().strip()
    return env


def ensure_prefect_auth(settings: Settings) -> Path:
    """The local Prefect API's credential (`capil:<random>`), generated once, owner-only, under the
    secrets directory; returns its file (the Prefect UI asks for its content)."""
    path = _prefect_auth_file(settings)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"{PREFECT_USER}:{secrets.token_urlsafe(32)}\n")
    return path


def _prefect_auth_file(settings: Settings) -> Path:
    return settings.secrets_dir / "prefect-api-auth"


def _prefect_auth(settings: Settings) -> tuple[str, str] | None:
    auth = _prefect_auth_file(settings)
    if not auth.exists():
        return None
    user, _, password = auth.read_text().strip().partition(":")
    return user, password


def _http_ok(url: str) -> Callable[[], bool]:
    def probe() -> bool:
        try:
            return httpx.get(url, timeout=2).status_code < 500
        except httpx.HTTPError:
            return False
    return probe


def _deployments_ready(settings: Settings) -> Callable[[], bool]:
    def probe() -> bool:
        base = settings.prefect_api_url
        try:
            return all(
                httpx.get(f"{base}/deployments/name/{name}", timeout=2, auth=_prefect_auth(settings)).status_code
                == 200
                for name in (PROCESS_DEPLOYMENT, FINALIZE_DEPLOYMENT)
            )
        except httpx.HTTPError:
            return False
    return probe


def _runner_ready(settings: Settings) -> Callable[[], bool]:
    """The deployments registered, and the reading service the runner starts (`ocr.serve`) listening."""
    deployments = _deployments_ready(settings)
    service = ocr.ReadingClient(ocr.socket_path(settings.data_dir), fallback=None, wait_seconds=2, timeout_seconds=2)
    return lambda: deployments() and service.available()


def parts(settings: Settings) -> list[Part]:
    """The parts of the stack, in start order."""
    py = sys.executable
    d = settings.data_dir
    credentials = storage.ensure_s3_credentials(settings.secrets_dir)
    ensure_prefect_auth(settings)
    signing.ensure_dev_pki(settings.pki_dir, port=settings.pki_port)
    s3_port = int(settings.s3_endpoint.rsplit(":", 1)[1])
    penv = prefect_env(settings)
    database: list[Part] = []
    server_env = penv
    if settings.prefect_database == "postgresql":
        db = LocalPrefectDatabase(settings)
        database = [Part("prefect-database", db.argv(), (), db.healthy, f"postgresql:{db.root}", {}, run_as())]
        server_env = {**penv, **db.server_env()}
    return [
        Part("object-storage", storage.seaweedfs_argv(d / "seaweedfs", credentials=credentials, s3_port=s3_port),
             tuple(range(s3_port, s3_port + storage.PORT_SPAN)),
             lambda: storage.s3_healthy(settings.s3_endpoint), f"http://{settings.s3_endpoint}", {}),
        Part("pki", signing.pki_service_argv(settings.pki_dir, port=settings.pki_port), (settings.pki_port,),
             lambda: signing.pki_service_healthy(host="127.0.0.1", port=settings.pki_port),
             f"http://127.0.0.1:{settings.pki_port}", {}),
        *database,
        Part("prefect-server", [py, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(settings.prefect_port)],
             (settings.prefect_port,), _http_ok(f"{settings.prefect_api_url}/health"),
             f"http://127.0.0.1:{settings.prefect_port}", server_env),
        Part("flow-runner", [py, "-m", "flows.serve"], (), _runner_ready(settings),
             f"http://127.0.0.1:{settings.prefect_port}/deployments", penv),
        Part("api", [py, "-m", "uvicorn", "api.app:app", "--host", settings.api_host, "--port",
                     str(settings.api_port), "--workers", str(settings.api_workers)],
             (settings.api_port,), _http_ok(f"http://{settings.api_host}:{settings.api_port}/health"),
             settings.effective_public_base_url, penv),
    ]


def _pid_file(settings: Settings, name: str) -> Path:
    return settings.data_dir / "run" / f"{name}.pid"


def _running_pid(settings: Settings, name: str) -> int | None:
    """The part's pid when the process its pid file names still runs: not a zombie, and not another
    program that was given the same pid later (pids wrap at 32768 here: a machine busy with Tesseract
    reuses them within minutes), which would have started after the pid file was written."""
    path = _pid_file(settings, name)
    try:
        pid = int(path.read_text())
        os.kill(pid, 0)
        written = path.stat().st_mtime
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return None
    if stat[0] == "Z":
        return None
    started = _boot_time() + int(stat[19]) / os.sysconf("SC_CLK_TCK")
    return pid if started <= written + 1.0 else None


def _boot_time() -> float:
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    return 0.0


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def up(settings: Settings, *, timeout: float = 120, say: Callable[[str], None] = print) -> list[Part]:
    """Start every part that is not running; wait until all are healthy."""
    for sub in ("logs", "run"):
        (settings.data_dir / sub).mkdir(parents=True, exist_ok=True)
    postgres_as_other_user = settings.prefect_database == "postgresql" and run_as() is not None
    # PostgreSQL runs as its own user when we are root: it must reach its cluster's directory in here
    os.chmod(settings.data_dir, 0o711 if postgres_as_other_user else 0o700)
    if settings.prefect_database == "postgresql" and _running_pid(settings, "prefect-database") is None:
        with progress("prefect-database: preparing"):  # before `parts`: the server's URL holds its password
            LocalPrefectDatabase(settings).ensure()
    stack = parts(settings)
    to_start = {p.name for p in stack if _running_pid(settings, p.name) is None}
    for part in stack:  # every port first, so a clash starts nothing
        taken = [port for port in part.ports if part.name in to_start and not _port_free(port)]
        if taken:
            raise ConfigurationError(
                f"port {taken[0]} needed by {part.name} is in use by another program; "
                f"stop it or choose other ports (see `capil config show`)")
    for part in stack:
        if part.name in to_start:
            _start(settings, part)
        else:
            say(f"{part.name}: already running")
        with progress(f"{part.name}: starting"):
            _wait_healthy(settings, part, timeout=timeout)
        say(f"{part.name}: ready")
    return stack


def _start(settings: Settings, part: Part) -> None:
    # SeaweedFS lets WEED_* variables override its security.toml (JWT keys, TLS files): none is inherited.
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("WEED_")}, **part.env}
    try:
        with (settings.data_dir / "logs" / f"{part.name}.log").open("ab") as log:  # the child keeps its own
            proc = subprocess.Popen(part.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=True, cwd=Path(__file__).resolve().parents[1],
                                    user=part.user)
    except FileNotFoundError as e:
        raise ConfigurationError(f"{part.name}: cannot start {part.argv[0]}: not installed") from e
    _pid_file(settings, part.name).write_text(str(proc.pid))


def _wait_healthy(settings: Settings, part: Part, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if part.healthy():
            return
        if _running_pid(settings, part.name) is None:
            break
        time.sleep(0.5)
    log = settings.data_dir / "logs" / f"{part.name}.log"
    raise ServiceUnavailable(f"{part.name} did not become healthy; see {log}")


_STOP_GRACE_S = {"object-storage": 5.0}
"""Seconds a part gets between SIGTERM and SIGKILL when not 25. SeaweedFS (`weed server`) first waits a
fixed 15 s for its own S3 gateway's stream to close its filer's gRPC server, closing nothing meanwhile,
before it stops: everything it acknowledged is already written, and it comes back whole after kill -9
(tests/e2e/test_faults.py kills it mid-archive and after every part is killed)."""


def down(settings: Settings, *, say: Callable[[str], None] = print) -> None:
    """Stop the parts in reverse order (SIGTERM to the process group, SIGKILL after 25 s, or after the
    part's `_STOP_GRACE_S`)."""
    for part_name in reversed(_PART_NAMES):
        pid = _running_pid(settings, part_name)
        if pid is None:
            continue
        with contextlib.suppress(ProcessLookupError):
            if part_name in _STOP_LEADER_ONLY:
                os.kill(pid, _STOP_LEADER_ONLY[part_name])
            else:
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_GRACE_S.get(part_name, 25.0)
        with progress(f"{part_name}: stopping"):
            while time.monotonic() < deadline and _running_pid(settings, part_name) is not None:
                time.sleep(0.2)
        if _running_pid(settings, part_name) is not None:
            os.killpg(pid, signal.SIGKILL)
            if part_name == "object-storage":  # a killed SeaweedFS leaves its Unix sockets in /tmp
                s3_port = int(settings.s3_endpoint.rsplit(":", 1)[1])
                for path in storage.SeaweedFSPorts.from_s3_port(s3_port).unix_sockets():
                    path.unlink(missing_ok=True)
        _pid_file(settings, part_name).unlink(missing_ok=True)
        say(f"{part_name}: stopped")


@dataclass(frozen=True)
class PartStatus:
    name: str
    pid: int | None
    """The part's process (its session leader), or None when it is not running."""
    healthy: bool
    """Its health check answers (a running part may still be starting, or be stuck)."""
    url: str


def status(settings: Settings) -> list[PartStatus]:
    """Each part of the local stack: running (pid) and healthy. Starts nothing; on a data directory
    `capil up` never used, every part is reported stopped and nothing is created."""
    if not (settings.data_dir / "run").is_dir():
        return [PartStatus(name, None, False, "") for name in _PART_NAMES
                if name != "prefect-database" or settings.prefect_database == "postgresql"]
    report = []
    for part in parts(settings):
        pid = _running_pid(settings, part.name)
        report.append(PartStatus(part.name, pid, pid is not None and _answers(part), part.url))
    return report


_PART_NAMES = ("object-storage", "pki", "prefect-database", "prefect-server", "flow-runner", "api")
_STOP_LEADER_ONLY = {"prefect-database": signal.SIGINT}
"""Parts stopped by one signal to their leader, which stops its own children: PostgreSQL's postmaster
(SIGINT: a fast shutdown; SIGTERM to its whole group would end its background processes under it)."""


def _answers(part: Part) -> bool:
    try:
        return part.healthy()
    except Exception:  # a health check that cannot even ask is an unhealthy part
        return False
