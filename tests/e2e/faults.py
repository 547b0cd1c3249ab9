"""Helpers of the fault-injection suite (`test_faults.py`): a whole local stack started with `capil up`,
its processes found by pid file and process tree, the stages held with the `fault_hold_dir` test seam,
and what an application ended as, read from the stack's own database and archive.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

import casework
import core
import storage

PARTS = ("object-storage", "pki", "prefect-server", "flow-runner", "api")


@dataclass
class Stack:
    """A `capil up` stack in `root`, driven through the `capil` command in subprocesses."""

    root: Path
    env: dict[str, str]
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return Path(self.env["CAPIL_DATA_DIR"])

    @property
    def hold_dir(self) -> Path:
        return Path(self.env["CAPIL_FAULT_HOLD_DIR"])

    def capil(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "capil", *args], capture_output=True, text=True, env=self.env,
                              cwd=self.root, timeout=timeout, stdin=subprocess.DEVNULL)

    def up(self) -> None:
        r = self.capil("up", timeout=400)
        assert r.returncode == 0, r.stderr[-3000:]

    def services(self) -> casework.Services:
        """The stack's database and archive, read from the test process."""
        env = {k: v for k, v in self.env.items() if k.startswith("CAPIL_")}
        return casework.bootstrap(core.load_settings(env))

    # processes

    def part_pid(self, part: str) -> int:
        return int((self.data_dir / "run" / f"{part}.pid").read_text())

    def kill_part(self, part: str) -> None:
        """SIGKILL the part's whole process group (the part and everything it started)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.part_pid(part), signal.SIGKILL)
        wait_until(lambda: not _alive(self.part_pid(part)), 20, f"{part} to die")

    def flow_run_process(self, flow_run_id: str) -> int:
        """The flow-run process of the runner that executes `flow_run_id`: a descendant of the runner
        started with `-m prefect.engine` and that run's id in its environment."""
        runner = self.part_pid("flow-runner")
        for pid in descendants(runner):
            if "prefect.engine" in cmdline(pid) and environ(pid).get("PREFECT__FLOW_RUN_ID") == flow_run_id:
                return pid
        raise AssertionError(f"no flow-run process for {flow_run_id} under the runner {runner}")

    # the hold seam

    def hold(self, stage: str) -> None:
        (self.hold_dir / f"{stage}.reached").unlink(missing_ok=True)
        (self.hold_dir / stage).touch()

    def reached(self, stage: str, *, timeout: float = 240) -> tuple[int, str]:
        """Wait until a run is held at `stage`; its pid and application id."""
        path = self.hold_dir / f"{stage}.reached"
        wait_until(path.exists, timeout, f"a run held at {stage}")
        time.sleep(0.2)  # the file is written in one call, but may be read while it is
        pid, app_id = path.read_text().split()
        return int(pid), app_id

    def release(self, stage: str) -> None:
        (self.hold_dir / stage).unlink(missing_ok=True)

    # Prefect

    def prefect(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        user, _, password = (self.data_dir / "secrets" / "prefect-api-auth").read_text().strip().partition(":")
        url = f"http://127.0.0.1:{self.env['CAPIL_PREFECT_PORT']}/api{path}"
        return httpx.request(method, url, auth=(user, password), timeout=30, **kwargs)


def failed_run(stack: Stack, app_id: str) -> bool:
    """Whether a flow run of the application (its processing or a finalize run) has failed or crashed."""
    r = stack.prefect("POST", "/flow_runs/filter", json={
        "flow_runs": {"name": {"any_": [f"process-{app_id}", f"finalize-{app_id}"]},
                      "state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
        "limit": 1})
    return r.status_code == 200 and bool(r.json())


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(item.decode(errors="replace").partition("=")[::2] for item in raw.split(b"\0") if b"=" in item)


def peak_rss_mib(pid: int) -> float | None:
    """VmHWM of a live process, MiB."""
    with contextlib.suppress(OSError, StopIteration):
        line = next(ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines() if ln.startswith("VmHWM"))
        return round(int(line.split()[1]) / 1024, 1)
    return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone(pids: list[int], *, timeout: float) -> bool:
    with contextlib.suppress(AssertionError):
        wait_until(lambda: not any(_alive(p) for p in pids), timeout, "processes to exit")
        return True
    return False


def wait_until(ready: Any, timeout: float, what: str) -> None:
    """Poll `ready` until it is true; AssertionError after `timeout` seconds (a liveness bound)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.25)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")



@dataclass(frozen=True)
class Ending:
    """How one application ended, as its stack's database and archive say."""

    status: str
    findings: list[str]
    record_versions: int
    """Versions of the subject's record written by this application."""
    archived_versions: int
    """Object versions under documents/<id>/kartu-keluarga.pdf in the archive bucket."""
    evidence_versions: int


def settle(stack: Stack, app_id: str, *, timeout: float) -> tuple[float, Ending]:
    """Wait until the application is decided for good (approved with its document, in review, rejected);
    seconds waited and its ending."""
    svc = stack.services()
    start = time.monotonic()
    try:
        while True:
            app = svc.applications.get(app_id)
            done = app.status in (core.Status.NEEDS_REVIEW, core.Status.REJECTED) or (
                app.status == core.Status.APPROVED and app.document is not None)
            if done:
                break
            assert time.monotonic() - start < timeout, f"{app_id} still {app.status} after {timeout:.0f} s"
            time.sleep(0.5)
        waited = time.monotonic() - start
        versions = sum(1 for v in svc.population.history(app.nik) if v["application_id"] == app_id)
        return waited, Ending(str(app.status), [f.code for f in app.findings], versions,
                              archived_versions(stack, svc, casework.document_key(app_id)),
                              archived_versions(stack, svc, casework.evidence_key(app_id)))
    finally:
        svc.database.dispose()


def archived_versions(stack: Stack, svc: casework.Services, key: str) -> int:
    from minio import Minio

    credentials = storage.ensure_s3_credentials(svc.settings.secrets_dir)
    client = Minio(svc.settings.s3_endpoint, access_key=credentials.access_key, secret_key=credentials.secret_key,
                   secure=False)
    return sum(1 for o in client.list_objects(svc.settings.archive_bucket, prefix=key, include_version=True)
               if o.object_name == key and not o.is_delete_marker)


def submit(stack: Stack, *, nik: str, kk: Path, ijazah: Path) -> str:
    r = stack.capil("submit", "--nik", nik, "--change", "pendidikan", "--kk", str(kk), "--ijazah", str(ijazah),
                    "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    return str(json.loads(r.stdout)["id"])


def audit_verifies(stack: Stack) -> None:
    r = stack.capil("audit", "verify", "--json")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
