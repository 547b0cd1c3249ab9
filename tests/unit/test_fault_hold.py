"""The fault suite's hold seam (`casework.hold_point`): off unless asked, and it holds until released."""

from __future__ import annotations

import threading
import time

import casework
from core import load_settings


def _svc(tmp_path, folder: str) -> casework.Services:
    return casework.bootstrap(load_settings({}, data_dir=tmp_path / "data", fault_hold_dir=folder),
                              reader=lambda *a, **k: None)  # type: ignore[arg-type,return-value]


def test_without_the_setting_or_the_stage_file_nothing_waits(tmp_path):
    casework.hold_point(_svc(tmp_path, ""), "sign", "app-1")
    casework.hold_point(_svc(tmp_path, str(tmp_path)), "sign", "app-1")
    assert not list(tmp_path.glob("*.reached"))


def test_a_stage_file_holds_the_run_until_it_is_removed(tmp_path):
    svc = _svc(tmp_path, str(tmp_path))
    marker = tmp_path / "archive"
    marker.touch()
    done = threading.Event()
    worker = threading.Thread(target=lambda: (casework.hold_point(svc, "archive", "app-2"), done.set()),
                              daemon=True)  # a failed assertion must not leave pytest waiting on it
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "archive.reached").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / "archive.reached").read_text().split()[1] == "app-2"
        assert not done.wait(0.5)  # held
    finally:
        marker.unlink()
    assert done.wait(30)
    worker.join()
