"""The real cage through the reading service (issue #17): a KK page read warm, a bomb over the memory
limit reaps only the cage that read it, a caller that waits too long for a busy service, a flow run
that hangs up mid-read, and the fallback to a cage of the caller's own when no service runs."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

import core
import ocr
import synthetic
from tests.integration import hostile

pytestmark = [pytest.mark.integration]

LIMITS: dict[str, Any] = dict(max_pixels=80_000_000, max_pages=10)


@pytest.fixture(scope="module")
def short_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="csi-") as d:  # socket paths: at most 107 bytes
        yield Path(d)


def _serve(cage: ocr.Cage, path: Path) -> tuple[ocr.ReadingService, threading.Thread]:
    service = ocr.ReadingService(cage, path)
    cage.start()
    thread = threading.Thread(target=service.serve_forever, daemon=True)
    thread.start()
    return service, thread


@pytest.fixture(scope="module")
def service(short_dir: Path) -> Iterator[ocr.ReadingService]:
    served, thread = _serve(ocr.Cage(ocr.CageLimits(memory_mb=800, cpu_seconds=30, timeout_seconds=60), processes=2),
                            ocr.socket_path(short_dir))
    yield served
    served.shutdown()
    served.close()
    thread.join(10)


def _client(path: Path, *, wait: float = 60) -> ocr.ReadingClient:
    return ocr.ReadingClient(path, fallback=None, wait_seconds=wait, timeout_seconds=60)


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    """A KK with a text layer: read without Tesseract, so quickly."""
    family = core.Family.from_dict(synthetic.population(families=1, seed=1)["keluarga"][0])
    return synthetic.degrade(synthetic.render_kk(family, seed=1), "pdf_text", seed=1).data


def _noise_png(side: int, seed: int) -> bytes:
    noise = np.random.default_rng(seed).integers(0, 256, (side, side), dtype=np.uint8)
    return cv2.imencode(".png", noise)[1].tobytes()


def test_a_kk_page_is_read_through_the_service_by_a_warm_cage(service: ocr.ReadingService) -> None:
    client = _client(service.path)
    run = client.run(hostile.normal_kk(), declared_type=core.DocumentType.KK, **LIMITS)
    assert run.error is None and run.reading is not None and not run.usage.fresh, run.error
    assert run.reading.extraction.document_type == core.DocumentType.KK
    assert run.reading.page_image(1).startswith(b"\x89PNG")
    assert client.upload_page(hostile.normal_kk(), **LIMITS).startswith(b"\x89PNG")
    with pytest.raises(core.UnsupportedFile):
        client.upload_page(hostile.jpeg_truncated(), **LIMITS)
    status = client.status()
    assert status["pid"] == os.getpid() and len(status["pids"]) == 2 and status["busy"] == []


def test_a_bomb_reaps_only_its_cage_and_the_next_read_works(service: ocr.ReadingService, text_pdf: bytes) -> None:
    client = _client(service.path)
    service.cage.start()
    before = client.status()["pids"]
    assert len(before) == 2
    lined = np.full((8_880, 8_880), 200, np.uint8)
    lined[::7] = 0  # 79 Mpx, within the pixel limit; normalizing it needs over 800 MiB
    run = client.run(cv2.imencode(".png", lined)[1].tobytes(), **LIMITS)
    assert isinstance(run.error, core.ResourceLimitExceeded) and run.error.limit == "memory", run.error
    assert "terlalu besar" in run.error.message_id
    after = client.status()["pids"]
    assert len(after) == 1 and set(after) < set(before), "not exactly the bomb's cage was reaped"
    (reaped,) = set(before) - set(after)
    assert not Path(f"/proc/{reaped}").exists() or "Z" in Path(f"/proc/{reaped}/stat").read_text().split()[2]
    reading = client.read(text_pdf, declared_type=core.DocumentType.KK, **LIMITS)
    assert reading.extraction.document_type == core.DocumentType.KK
    assert reaped not in client.status()["pids"]


def test_a_caller_waits_for_a_busy_service_only_as_long_as_it_said(short_dir: Path) -> None:
    served, thread = _serve(ocr.Cage(ocr.CageLimits(memory_mb=2048, cpu_seconds=60, timeout_seconds=60),
                                     processes=1), short_dir / "ocr" / "one.sock")
    try:
        # A flow run (here a child process) reads a page of noise: Tesseract spends long on it.
        child = subprocess.Popen([sys.executable, "-c", _READ_IN_CHILD, str(served.path)], stdin=subprocess.PIPE)
        assert child.stdin is not None
        child.stdin.write(_noise_png(3_000, 4))
        child.stdin.close()
        deadline = time.monotonic() + 60
        while not (busy_pids := _client(served.path).status()["busy"]) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert busy_pids, "the child's read never started"
        with pytest.raises(core.ServiceUnavailable, match="busy") as busy:
            _client(served.path, wait=0.2).read(hostile.normal_kk(), **LIMITS)
        assert busy.value.retryable and child.poll() is None, "the noise was read before the caller gave up"
        # The flow run is killed in the middle of its read: the service kills the cage that read for it.
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{busy_pids[0]}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{busy_pids[0]}").exists(), "the cage went on reading for a caller that is gone"
        assert _client(served.path).status()["busy"] == []
    finally:
        served.shutdown()
        served.close()
        thread.join(10)


_READ_IN_CHILD = """
import sys
from pathlib import Path
import ocr
client = ocr.ReadingClient(Path(sys.argv[1]), fallback=None, wait_seconds=60, timeout_seconds=60)
client.read(sys.stdin.buffer.read(), max_pixels=80_000_000, max_pages=10)
"""


def test_without_the_service_the_client_reads_in_its_own_cage_and_says_so(short_dir: Path, text_pdf: bytes,
                                                                          caplog) -> None:
    absent = short_dir / "ocr" / "nobody.sock"
    client = ocr.ReadingClient(absent, fallback=lambda: ocr.Cage(processes=1), wait_seconds=60, timeout_seconds=60)
    try:
        with caplog.at_level(logging.WARNING, logger="ocr._reading_client"):
            client.start()  # the local cage starts loading at once, as a run's own cage did
            reading = client.read(text_pdf, declared_type=core.DocumentType.KK, **LIMITS)
        assert reading.extraction.document_type == core.DocumentType.KK
        assert client._local is not None and len(client._local.pids()) == 1
        warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warned) == 1 and "nobody.sock" in warned[0] and "ocr.serve" in warned[0]
    finally:
        client.close()
