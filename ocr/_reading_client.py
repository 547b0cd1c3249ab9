"""The client of the host's reading service (`_reading_service`): casework's `Reader` over a Unix socket.

    client = ReadingClient(socket_path(data_dir), fallback=lambda: Cage.from_settings(settings),
                           wait_seconds=180, timeout_seconds=180)
    client(data, *, declared_type, lang, max_pixels, max_pages) -> Reading     (as `ocr.read`)
    client.run(...) -> CageRun;  client.upload_page(...) -> PNG;  client.start();  client.close()
    client.available() -> bool;  client.status() -> {"processes", "pids", "busy", "pid"}

A read sends the upload's bytes and gets the `Reading` back, built by the cage's restricted
unpickler. Errors are core's, as from `Cage`: `ResourceLimitExceeded` at a cage's limit,
`ServiceUnavailable` when every reader process stayed busy for `wait_seconds`.

No service on the socket (a worker host started without it, a test): with a `fallback`, the client
reads in a `Cage` of this process, built on first need, with the same limits, and says so once in
the log (WARNING, with the socket it looked for). It does the same when the service goes away in
the middle of a read (the read is repeated locally: reading has no side effect). Without a
`fallback` it raises `ServiceUnavailable` naming the socket. The fallback is the default of the
services casework builds: a host without the service then works as before, only slower, whereas a
refusal would fail every application's run until someone starts the service.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import core

from ._cage import MAX_ANSWER, Cage, CageRun, CageUsage, _error, _read, _SafeUnpickler, _write

log = logging.getLogger(__name__)

_MARGIN_S = 30
"""Beyond the service's own bounds (queue wait + a read's wall clock) before the client gives up on it."""


class _NoService(Exception):
    """The service is not there, or went away before it answered."""


class ReadingClient:
    """Reads through the host's reading service (see the module docstring); thread-safe."""

    def __init__(self, path: Path, *, fallback: Callable[[], Cage] | None, wait_seconds: float,
                 timeout_seconds: float) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        """Longest wait for a free reader process of the service, per read."""
        self.timeout_seconds = timeout_seconds
        """The service's wall clock per read (its cage's `timeout_seconds`)."""
        self._fallback = fallback
        self._local: Cage | None = None
        self._lock = threading.Lock()
        self._warned = False

    @classmethod
    def from_settings(cls, settings: core.Settings, *, fallback: bool = True) -> ReadingClient:
        from ._reading_service import socket_path

        return cls(socket_path(settings.data_dir), fallback=(lambda: Cage.from_settings(settings)) if fallback
                   else None, wait_seconds=settings.cage_timeout_seconds,
                   timeout_seconds=settings.cage_timeout_seconds)

    def __call__(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
                 max_pixels: int, max_pages: int) -> Any:
        """`read` with the signature of `ocr.read` (casework's `Reader`)."""
        return self.read(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels, max_pages=max_pages)

    def read(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
             max_pixels: int, max_pages: int, page_images: bool = True) -> Any:
        run = self.run(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels, max_pages=max_pages,
                       page_images=page_images)
        if run.error is not None:
            raise run.error
        return run.reading

    def run(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
            max_pixels: int, max_pages: int, page_images: bool = True) -> CageRun:
        """One read and what it cost in the service's cage; the error is returned, not raised."""
        header = {"op": "read", "declared_type": str(declared_type) if declared_type is not None else None,
                  "lang": lang, "max_pixels": max_pixels, "max_pages": max_pages, "page_images": page_images}
        try:
            answer = self._ask(header, data)
        except _NoService as e:
            return self._cage(e).run(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels,
                                     max_pages=max_pages, page_images=page_images, wait=self.wait_seconds)
        usage = answer.get("usage") or CageUsage(0.0, 0.0, 0.0, False)
        if not answer["ok"]:
            return CageRun(None, _error(answer), usage)
        return CageRun(answer["reading"], None, usage)

    def upload_page(self, data: bytes, *, max_pixels: int, max_pages: int) -> bytes:
        """An image upload's first page as PNG, decoded in the service's cage."""
        try:
            answer = self._ask({"op": "page", "max_pixels": max_pixels, "max_pages": max_pages}, data)
        except _NoService as e:
            return self._cage(e).upload_page(data, max_pixels=max_pixels, max_pages=max_pages,
                                             wait=self.wait_seconds)
        if not answer["ok"]:
            raise _error(answer)
        return bytes(answer["png"])

    def start(self) -> None:
        """Nothing to start when the service answers (its processes are warm); otherwise the fallback
        cage's processes start loading now, as `Cage.start` does."""
        if not self.available() and self._fallback is not None:
            self._cage(_NoService(f"no reading service on {self.path}")).start()

    def available(self) -> bool:
        """Whether a service accepts connections on the socket now."""
        try:
            self._connect(timeout=5).close()
        except _NoService:
            return False
        return True

    def status(self) -> dict[str, Any]:
        """The service's reader processes: how many, their pids, which are reading, the service's pid."""
        try:
            answer = self._ask({"op": "status"}, b"")
        except _NoService as e:
            raise core.ServiceUnavailable(str(e)) from e
        return dict(answer["status"])

    def close(self) -> None:
        with self._lock:
            local, self._local = self._local, None
        if local is not None:
            local.close()

    def _ask(self, header: dict[str, Any], data: bytes) -> dict[str, Any]:
        header = {**header, "wait": self.wait_seconds}
        conn = self._connect(timeout=self.wait_seconds + self.timeout_seconds + _MARGIN_S)
        try:
            with conn, conn.makefile("rb") as rfile, conn.makefile("wb") as wfile:
                _write(wfile, json.dumps(header).encode())
                _write(wfile, data)
                payload = _read(rfile, limit=MAX_ANSWER)
        except TimeoutError as e:
            raise core.ServiceUnavailable(f"the reading service on {self.path} did not answer in time") from e
        except (OSError, EOFError, ValueError) as e:
            raise _NoService(f"the reading service on {self.path} went away during a read ({e})") from e
        return dict(_SafeUnpickler(io.BytesIO(payload)).load())

    def _connect(self, *, timeout: float) -> socket.socket:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(timeout)
        try:
            conn.connect(str(self.path))
        except OSError as e:  # absent, refused (a stale socket), path too long
            conn.close()
            raise _NoService(f"no reading service on {self.path} ({type(e).__name__})") from e
        return conn

    def _cage(self, why: _NoService) -> Cage:
        if self._fallback is None:
            raise core.ServiceUnavailable(f"{why}: start it on this host (`python -m ocr.serve`, or `capil up`)",
                                          message_id="Pembaca dokumen sedang tidak tersedia. Silakan coba lagi.")
        with self._lock:
            if not self._warned:
                log.warning("%s: reading in this process's own cage instead (cold: slower); start the service "
                            "with `python -m ocr.serve` (`capil up` does)", why)
                self._warned = True
            if self._local is None:
                self._local = self._fallback()
            return self._local
