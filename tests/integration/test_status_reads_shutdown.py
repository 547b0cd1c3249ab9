"""The API as `capil up` runs it (uvicorn, two workers, SIGTERM to its process group on `capil down`):
applicants' status reads are not in the audit log while it serves them, and all of them are when it
has stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from casework import bootstrap
from core import ChangeType, StoredObject, load_settings
from tests.fixtures.population import population

pytestmark = pytest.mark.integration

SUBJECT = "7401050102030003"
READS = 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status_reads(svc) -> int:
    return sum(sum(e["details"]["reads"].values())
               for e in svc.audit.entries(limit=100_000) if e["action"] == "application.status_reads")


def test_status_reads_reach_the_chain_when_the_api_stops(tmp_path):
    svc = bootstrap(load_settings(environ={}, data_dir=tmp_path))
    svc.population.import_population(population())
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    token = svc.access.grant(app_id).token
    port = _free_port()
    env = {**os.environ, "CAPIL_DATA_DIR": str(tmp_path), "CAPIL_API_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1", "--port",
                               str(port), "--workers", "2"], env=env, start_new_session=True,
                              cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # liveness bound only
        while True:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the API did not start"
            time.sleep(0.3)
        with httpx.Client(base_url=base) as client:  # one connection, several: either worker may answer
            for n in range(READS):
                path = f"/api/applications/{app_id}" if n % 2 else f"/permohonan/{app_id}"
                assert client.get(path, params={"token": token}).status_code == 200
        assert _status_reads(svc) == 0  # nothing written while serving
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # as `capil down`
        server.wait(timeout=60)
    assert _status_reads(svc) == READS
    assert svc.audit.verify().ok
    svc.database.dispose()
