"""How long one `/metrics` scrape takes as the applications table grows (SQLite, in process).

    .venv/bin/python benchmarks/metrics_scrape.py --applications 2000 --scrapes 10

Files `--applications` applications into a fresh SQLite file in a temporary directory through the
registry (each decided automatically, a third approved and archived, a third sent to review, a third
left received; KK and ijazah extractions of one page each), then asks the API (FastAPI's TestClient,
an admin's API token) for `/metrics` `--scrapes` times. Prints one JSON object: applications, wall
ms p50 / max per scrape, CPU ms per scrape (this process), the load average. Every scrape reads the
whole table for the counts and the OCR pages, and the last 24 hours for the stage latencies, so
the figure grows with the table: that is what it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

import casework
import core
from api import app, get_services
from core import ChangeType, Status, StoredObject
from storage import MemoryObjectStore

_EXTRACTIONS = {"kk": {"document_type": "kk", "pages": 1, "fields": {}},
                "ijazah": {"document_type": "ijazah", "pages": 1, "fields": {}}}


def _fill(svc: casework.Services, count: int) -> None:
    upload = StoredObject("b", "k", "v", "00" * 32)
    for i in range(count):
        app_id = svc.applications.new_id()
        nik = f"74010501{i:08d}"
        svc.applications.create(application_id=app_id, nik=nik, jenis_perubahan=ChangeType.PENDIDIKAN,
                                requested={}, uploads={"kk": upload, "ijazah": upload})
        if i % 3 == 0:
            continue  # stays received
        status = Status.APPROVED if i % 3 == 1 else Status.NEEDS_REVIEW
        svc.applications.record_decision(app_id, status=status, findings=(), changes={}, extractions=_EXTRACTIONS)
        if status == Status.APPROVED:
            svc.applications.record_document(app_id, upload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--scrapes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        svc = casework.bootstrap(core.load_settings({}, data_dir=Path(tmp)), store=MemoryObjectStore())
        started = time.perf_counter()
        _fill(svc, args.applications)
        fill_s = time.perf_counter() - started
        svc.accounts.add("prometheus", role="admin", password="kata-sandi-bench-123", actor="bench")
        token = svc.accounts.issue_token("prometheus", label="bench", actor="bench")
        app.dependency_overrides[get_services] = lambda: svc
        walls, cpus = [], []
        with TestClient(app) as client:
            for _ in range(args.scrapes):
                wall, cpu = time.perf_counter(), time.process_time()
                r = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                assert r.status_code == 200, r.text
        app.dependency_overrides.clear()
        svc.database.dispose()
    print(json.dumps({"applications": args.applications, "scrapes": args.scrapes, "fill_s": round(fill_s, 1),
                      "wall_ms_p50": round(statistics.median(walls), 1), "wall_ms_max": round(max(walls), 1),
                      "cpu_ms_p50": round(statistics.median(cpus), 1), "load_average": os.getloadavg()}))


if __name__ == "__main__":
    main()
