"""Faults against the whole local stack (`capil up`): each application ends exactly once, or in review.

One stack for the module, with the reconciler every `RECONCILE_S` seconds and the `fault_hold_dir`
test seam on: a file named after a stage (`read`, `sign`, `archive`) holds the run that reaches it, so
each fault strikes inside its window, not near it. After each fault the application must settle within
`SETTLE_S` — approved with exactly one new record version, one archived KK and one evidence bundle, or
in review with `PROCESSING_FAILED` and no record change nor document — and `capil audit verify` must pass.

Per-fault figures (seconds to settle, outcome, peak RSS of the flow-run process struck) are printed at
the end (`pytest -s`) and written to `<tmp>/faults.json`; benchmarks/results/faults.md keeps them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import ocr
import synthetic
from core import Family, Person
from tests.e2e.faults import (
    PARTS,
    Stack,
    audit_verifies,
    cmdline,
    descendants,
    failed_run,
    gone,
    peak_rss_mib,
    settle,
    submit,
    wait_until,
)
from tests.fixtures.stack import stack_env

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

RECONCILE_S = 15
SETTLE_S = 150
"""The bound: the reconciler's period, a flow run's start and a finalize run on a loaded machine, with margin."""
SEED = 11
CASES = ("cancel", "kill_ocr", "kill_sign", "kill_archive", "db_locked", "storage_down", "tsa_down", "kill_all")


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("faults")
    (root / "hold").mkdir()
    env = stack_env(root / "data", CAPIL_RECONCILE_EVERY_SECONDS=str(RECONCILE_S),
                    CAPIL_FAULT_HOLD_DIR=str(root / "hold"))
    stack = Stack(root, env)
    stack.up()
    try:
        yield stack
    finally:
        for stage in ("read", "sign", "archive"):
            stack.release(stage)
        down = stack.capil("down", timeout=200)
        (root / "faults.json").write_text(json.dumps(stack.figures, indent=1))
        print("\nfault            settle s  outcome                        peak RSS MiB (flow run)")
        for name, f in stack.figures.items():
            print(f"{name:<16} {f['settle_s']:>8.1f}  {f['outcome']:<30} {f.get('peak_rss_mib')}")
        assert down.returncode == 0, down.stderr


@pytest.fixture(autouse=True)
def _released(stack: Stack) -> Iterator[None]:
    """Whatever a case asserts, no run stays held after it (a held run keeps a runner slot)."""
    yield
    for stage in ("read", "sign", "archive"):
        stack.release(stage)


@pytest.fixture(scope="module")
def applicants(stack: Stack) -> dict[str, tuple[Person, Path, Path]]:
    """One subject per fault, each from its own family (a change to one member would make another's
    KK out of date), with their KK and ijazah: scans for the OCR fault, text PDFs for the others."""
    doc = synthetic.population(families=12, seed=SEED)
    (stack.root / "population.json").write_text(json.dumps(doc))
    r = stack.capil("registry", "import", str(stack.root / "population.json"), "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    found: dict[str, tuple[Person, Path, Path]] = {}
    families = (Family.from_dict(f) for f in doc["keluarga"])
    for case, family in zip(CASES, (f for f in families if _subject(f) is not None), strict=False):
        subject = _subject(family)
        assert subject is not None
        kk = synthetic.render_kk(family, seed=SEED)
        ijazah = synthetic.render_ijazah(subject, jenjang="S1", seed=SEED)
        files = []
        for name, rendered in (("kk", kk), ("ijazah", ijazah)):
            path = stack.root / f"{case}-{name}"
            if case == "kill_ocr":
                path = path.with_suffix(".png")
                path.write_bytes(rendered.png)
            else:
                path = path.with_suffix(".pdf")
                path.write_bytes(synthetic.degrade(rendered, "pdf_text", seed=SEED).data)
            files.append(path)
        found[case] = (subject, files[0], files[1])
    assert set(found) == set(CASES), "the synthetic population has too few families with an adult to graduate"
    return found


def _subject(family: Family) -> Person | None:
    return next((p for p in family.anggota if p.tanggal_lahir < "2003-01-01"
                 and p.pendidikan not in ("DIPLOMA IV/STRATA I", "STRATA II", "STRATA III")), None)


def _file(stack: Stack, applicants: dict[str, tuple[Person, Path, Path]], case: str) -> tuple[str, str]:
    subject, kk, ijazah = applicants[case]
    return submit(stack, nik=subject.nik, kk=kk, ijazah=ijazah), subject.nik


def _engine_process(stack: Stack, app_id: str, held_pid: int) -> tuple[int, str]:
    """The runner's flow-run process of the application's run, with its run id: the process the hold seam
    names (a warm flow run is a fork of the runner's fork server and keeps its command line and
    environment, so neither tells runs apart), checked to descend from the runner; the run is the one
    Prefect names `process-<id>` and calls RUNNING."""
    runner = stack.part_pid("flow-runner")
    assert held_pid in descendants(runner), f"the held process {held_pid} is not the runner's ({runner})"
    runs = stack.prefect("POST", "/flow_runs/filter", json={
        "flow_runs": {"name": {"any_": [f"process-{app_id}"]}, "state": {"type": {"any_": ["RUNNING"]}}},
        "limit": 5}).json()
    assert len(runs) == 1, runs
    return held_pid, runs[0]["id"]


def _record(stack: Stack, case: str, app_id: str, *, expect: str, peak: float | None, started: float) -> None:
    waited, ending = settle(stack, app_id, timeout=SETTLE_S)
    stack.figures[case] = {"settle_s": round(time.monotonic() - started, 1), "after_release_s": round(waited, 1),
                           "outcome": f"{ending.status} {','.join(ending.findings) or '-'}", "peak_rss_mib": peak}
    if expect == "approved":
        assert ending.status == "approved", ending
        assert (ending.record_versions, ending.archived_versions, ending.evidence_versions) == (1, 1, 1), ending
    else:
        assert ending.status == "needs_review" and "PROCESSING_FAILED" in ending.findings, ending
        assert (ending.record_versions, ending.archived_versions, ending.evidence_versions) == (0, 0, 0), ending
    audit_verifies(stack)


def test_cancelled_through_prefect_goes_to_review(stack, applicants):
    stack.hold("read")
    app_id, _ = _file(stack, applicants, "cancel")
    pid, held = stack.reached("read")
    assert held == app_id
    _, run_id = _engine_process(stack, app_id, pid)
    peak = peak_rss_mib(pid)
    r = stack.prefect("POST", f"/flow_runs/{run_id}/set_state",
                      json={"state": {"type": "CANCELLING", "name": "Cancelling"}, "force": True})
    assert r.status_code in (200, 201), r.text
    started = time.monotonic()
    stack.release("read")
    _record(stack, "cancel", app_id, expect="review", peak=peak, started=started)
    assert stack.prefect("GET", f"/flow_runs/{run_id}").json()["state"]["type"] == "CANCELLED"


def test_kill_during_ocr_goes_to_review_and_leaves_no_reader_behind(stack, applicants):
    stack.hold("read")
    app_id, _ = _file(stack, applicants, "kill_ocr")
    pid, held = stack.reached("read")
    assert held == app_id
    engine, _ = _engine_process(stack, app_id, pid)
    # The run reads through the host's reading service (ocr.serve, a child of the runner): its cage
    # process that reads for this run must not outlive the run, and the service must go on serving.
    service = ocr.ReadingClient(ocr.socket_path(stack.data_dir), fallback=None, wait_seconds=5, timeout_seconds=5)
    stack.release("read")
    # Kill as soon as a cage reads: the scans are being read then (a warm cage reads a KK in under two
    # seconds, so a fixed pause could land after the decision).
    deadline = time.monotonic() + 60
    readers: list[int] = []
    while not readers and time.monotonic() < deadline:
        readers = service.status()["busy"]
        time.sleep(0.02)
    assert readers, "no cage of the reading service read for the flow run"
    readers += [p for r in readers for p in descendants(r)]  # its Tesseract workers
    peak = peak_rss_mib(engine)
    started = time.monotonic()
    os.kill(engine, 9)
    _record(stack, "kill_ocr", app_id, expect="review", peak=peak, started=started)
    assert gone(readers, timeout=30), [cmdline(p) for p in readers if cmdline(p)]
    assert service.status()["busy"] == [], "the reading service did not survive the run's death"


@pytest.mark.parametrize(("case", "stage"), [("kill_sign", "sign"), ("kill_archive", "archive")])
def test_kill_while_issuing_ends_approved_once(stack, applicants, case, stage):
    stack.hold(stage)
    app_id, _ = _file(stack, applicants, case)
    pid, held = stack.reached(stage)
    assert held == app_id
    peak = peak_rss_mib(pid)
    os.kill(pid, 9)
    started = time.monotonic()
    stack.release(stage)
    _record(stack, case, app_id, expect="approved", peak=peak, started=started)


def test_database_locked_for_seconds_while_recording_ends_approved_once(stack, applicants):
    stack.hold("archive")
    app_id, _ = _file(stack, applicants, "db_locked")
    pid, _ = stack.reached("archive")
    peak = peak_rss_mib(pid)
    db = sqlite3.connect(stack.data_dir / "capil.db", timeout=30, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    stack.release("archive")
    # held until the run's next write has failed on it (after the 10 s busy wait, registry), not for a
    # fixed 25 s: the lock ends as soon as the fault has struck
    wait_until(lambda: failed_run(stack, app_id), SETTLE_S, "the run to fail on the locked database")
    db.execute("COMMIT")
    db.close()
    _record(stack, "db_locked", app_id, expect="approved", peak=peak, started=started)


@pytest.mark.parametrize(("case", "stage", "part"), [("storage_down", "archive", "object-storage"),
                                                     ("tsa_down", "sign", "pki")])
def test_a_service_down_while_issuing_and_back_ends_approved_once(stack, applicants, case, stage, part):
    stack.hold(stage)
    app_id, _ = _file(stack, applicants, case)
    pid, _ = stack.reached(stage)
    peak = peak_rss_mib(pid)
    stack.kill_part(part)
    started = time.monotonic()
    stack.release(stage)
    time.sleep(3)  # the run meets the service down
    stack.up()  # starts only what is not running
    _record(stack, case, app_id, expect="approved", peak=peak, started=started)


def test_kill_everything_and_up_again_ends_approved_once(stack, applicants):
    stack.hold("sign")
    app_id, _ = _file(stack, applicants, "kill_all")
    pid, _ = stack.reached("sign")
    peak = peak_rss_mib(pid)
    for part in PARTS:
        stack.kill_part(part)
    with contextlib.suppress(ProcessLookupError):  # the flow-run process, if it had a session of its own
        os.kill(pid, 9)
    started = time.monotonic()
    stack.release("sign")
    stack.up()
    _record(stack, "kill_all", app_id, expect="approved", peak=peak, started=started)
