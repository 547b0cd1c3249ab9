"""The first /health/ready of a freshly started API process tells the truth about Prefect: a Prefect
server that answers and knows the deployment is reported ok on that very first call (it was 503,
"no answer within 3 s", while Prefect's client was still being imported inside the check's time).

The app loads Prefect's client as it starts, before any request; a new Python process is needed for a cold start (this one has Prefect loaded): it builds the app over
its own SQLite database and in-memory object storage (B-B: no TSA asked) and the real FlowStarter
against the session's Prefect test server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows import PROCESS_DEPLOYMENT

pytestmark = pytest.mark.integration

_FIRST_CALL = """
import json, sys, time
from fastapi.testclient import TestClient
import casework, core
from api import app, get_services
from storage import MemoryObjectStore

cold = "prefect.client.orchestration" not in sys.modules
svc = casework.bootstrap(core.load_settings({}, data_dir=sys.argv[1], pades_level="B-B"), store=MemoryObjectStore())
svc.ensure_buckets()
app.dependency_overrides[get_services] = lambda: svc
with TestClient(app) as client:
    deadline = time.monotonic() + 120  # liveness bound only
    while "prefect.client.orchestration" not in sys.modules and time.monotonic() < deadline:
        time.sleep(0.1)
    loaded_at_start = "prefect.client.orchestration" in sys.modules  # no request made yet
    r = client.get("/health/ready")
print(json.dumps({"cold": cold, "loaded_at_start": loaded_at_start, "status": r.status_code,
                  "parts": r.json()["parts"]}))
"""


def test_the_first_ready_after_start_reports_a_prefect_that_answers(prefect_server, tmp_path: Path):
    from prefect.settings import PREFECT_API_URL

    from flows import process_application

    process_application.to_deployment(name=PROCESS_DEPLOYMENT.split("/")[1]).apply()
    env = {"PATH": "/usr/bin:/bin", "PREFECT_API_URL": str(PREFECT_API_URL.value()),
           "PREFECT_HOME": str(tmp_path / "prefect-home")}
    r = subprocess.run([sys.executable, "-c", _FIRST_CALL, str(tmp_path / "data")], capture_output=True, text=True,
                       env=env, cwd=Path(__file__).parents[2], timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    answer = json.loads(r.stdout.strip().splitlines()[-1])
    assert answer["cold"]  # Prefect's client was not loaded before the app started
    assert answer["loaded_at_start"]  # the app loads it as it starts, before anyone asks
    assert answer["status"] == 200, answer["parts"]
    assert answer["parts"]["prefect"]["ok"]
