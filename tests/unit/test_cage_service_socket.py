"""The reading service's socket and its protocol, without reading anything: owner-only permissions,
a stale socket replaced, a live one refused, a bad request answered, a client without a service."""

from __future__ import annotations

import logging
import os
import socket
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import core
import ocr


@pytest.fixture
def short_dir() -> Iterator[Path]:
    # Unix socket paths are limited to 107 bytes: pytest's tmp_path can be longer.
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="cs-") as d:
        yield Path(d)


@pytest.fixture
def service(short_dir: Path) -> Iterator[ocr.ReadingService]:
    served = ocr.ReadingService(ocr.Cage(processes=3), ocr.socket_path(short_dir))
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.close()
    thread.join(5)


def _client(path: Path, **kwargs: object) -> ocr.ReadingClient:
    return ocr.ReadingClient(path, fallback=None, wait_seconds=5, timeout_seconds=5, **kwargs)  # type: ignore[arg-type]


def test_the_socket_is_the_owners_only(service: ocr.ReadingService) -> None:
    assert stat.S_IMODE(service.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(service.path.stat().st_mode) == 0o600
    assert service.path.parent.name == "ocr" and socket.gethostname()[:40] in service.path.name
    status = _client(service.path).status()
    assert status["processes"] == 3 and status["pid"] == os.getpid() and status["busy"] == []


@pytest.mark.skipif(os.getuid() != 0 or not Path("/usr/bin/python3").exists(),
                    reason="needs root to act as another user")
def test_another_user_cannot_connect(service: ocr.ReadingService) -> None:
    probe = ("import socket, sys; s = socket.socket(socket.AF_UNIX); s.settimeout(5)\n"
             "try:\n s.connect(sys.argv[1])\nexcept PermissionError:\n sys.exit(3)\n"
             "try:\n s.sendall(b'x'); got = s.recv(1)\nexcept (ConnectionResetError, BrokenPipeError):\n got = b''\n"
             "sys.exit(0 if got == b'' else 4)")
    python = "/usr/bin/python3"  # one another user may run (not the checkout's virtualenv)
    nobody = subprocess.run([python, "-I", "-c", probe, str(service.path)], user=65534, timeout=30, check=False)
    assert nobody.returncode == 3
    # Were the directory open to all, the service itself still hangs up on another uid (SO_PEERCRED).
    for d in (service.path.parent, service.path.parent.parent):
        os.chmod(d, 0o755)
    os.chmod(service.path, 0o666)
    try:
        nobody = subprocess.run([python, "-I", "-c", probe, str(service.path)], user=65534, timeout=30, check=False)
    finally:
        os.chmod(service.path.parent, 0o700)
        os.chmod(service.path, 0o600)
    assert nobody.returncode == 0


def test_a_live_service_is_not_replaced_and_a_stale_socket_is(service: ocr.ReadingService, short_dir: Path) -> None:
    with pytest.raises(core.ConfigurationError, match="already listens"):
        ocr.ReadingService(ocr.Cage(processes=1), service.path)
    stale = short_dir / "ocr" / "stale.sock"
    with socket.socket(socket.AF_UNIX) as left:  # a service killed with SIGKILL leaves its socket
        left.bind(str(stale))
    again = ocr.ReadingService(ocr.Cage(processes=1), stale)
    try:
        assert _client(stale).available()
    finally:
        again.close()
    assert not stale.exists()


def test_a_bad_request_is_answered_with_a_reason(service: ocr.ReadingService) -> None:
    with pytest.raises(core.ConfigurationError, match="bad request"):
        _client(service.path).upload_page(b"\x89PNG", max_pixels="many", max_pages=1)  # type: ignore[arg-type]


def test_without_a_service_the_client_says_where_it_looked(short_dir: Path) -> None:
    client = _client(short_dir / "ocr" / "absent.sock")
    assert not client.available()
    with pytest.raises(core.ServiceUnavailable, match=r"absent\.sock") as refused:
        client.read(b"\x89PNG", max_pixels=10, max_pages=1)
    assert refused.value.retryable and "ocr.serve" in refused.value.message


def test_a_probe_is_no_bad_request(service: ocr.ReadingService, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ocr._reading_service"):
        for _ in range(3):  # what `capil status` and every flow run's `start` do
            assert _client(service.path).available()
        _client(service.path).status()
        time.sleep(0.3)  # the probes' handler threads have long ended
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
