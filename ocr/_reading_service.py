"""The reading service of a worker host: warm cage processes shared by every flow run of the host.

    service = ReadingService(Cage.from_settings(settings), socket_path(settings.data_dir))
    service.serve_forever()           # `python -m ocr.serve`; `capil up` starts it as its part "reader"
    service.shutdown(); service.close()

Each flow run is a process of its own; with a `Cage` of its own, each run's first read would start
`python -I` cage processes that import OpenCV, pdfplumber and numpy and load the Tesseract model
(+0.6 CPU-s, +1.5 s wall per document). The service is one long-lived process per worker host that
owns one `Cage` (the same limits, the same restricted unpickling of the cages' answers, a cage that
hit a limit reaped and never reused) and lends its processes to the host's flow runs, which talk to
it with `ReadingClient` (`_reading_client`) over a Unix socket:

    <data_dir>/ocr/            0700, the service's user's own (refused when another user owns it)
    <data_dir>/ocr/<host>.sock 0600; a peer of another uid (SO_PEERCRED) is hung up on unanswered

The host name is in the socket's name because worker hosts may share a data directory (the multi-host
demonstration does): each host's runs then still use the service of their own host.

One request per connection, length-prefixed frames (`_cage._FRAME`):

    client -> service   JSON header {"op": "read" | "page" | "status", "declared_type", "lang",
                        "max_pixels", "max_pages", "page_images", "wait"}, then the upload's bytes
    service -> client   a pickle of {"ok": True, "reading" | "png" | "status": ..., "usage": CageUsage}
                        or {"ok": False, "error": <core class name>, "message", "message_id", "limit"}

The service never unpickles what a client sends (JSON and raw bytes); the client reads the answer
with the cage's restricted unpickler. As many reads run at once as the cage has processes; the
others wait for one, at most the request's `wait` seconds (then `ServiceUnavailable`). A client
that hangs up while its read runs (its flow run was killed or cancelled) has that read's cage
process killed at once: nobody would use the answer.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import select
import socket
import socketserver
import stat
import struct
import threading
import time
from pathlib import Path
from typing import Any

import core

from ._cage import Cage, _read, _write

log = logging.getLogger(__name__)

MAX_REQUEST = 1 << 30
"""Largest upload a client may send (intake refuses far smaller files)."""
_HEADER_LIMIT = 1 << 16
_UNIX_PATH_MAX = 107
_HANGUP_POLL_MS = 200


def socket_path(data_dir: Path) -> Path:
    """Where the reading service of this host listens, under `data_dir`."""
    return Path(data_dir) / "ocr" / f"{socket.gethostname()[:40] or 'host'}.sock"


class ReadingService(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """Reads in `cage` for clients of the same user on `path` (see the module docstring)."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, cage: Cage, path: Path) -> None:
        self.cage = cage
        self.path = Path(path)
        if len(os.fsencode(self.path)) > _UNIX_PATH_MAX:
            raise core.ConfigurationError(
                f"the reading service's socket path {self.path} is longer than {_UNIX_PATH_MAX} bytes: "
                "choose a shorter CAPIL_DATA_DIR")
        _owner_only_dir(self.path.parent)
        _remove_stale(self.path)
        old = os.umask(0o177)
        try:
            super().__init__(str(self.path), _Handler)
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        log.info("reading service on %s with %d reader processes", self.path, cage.processes)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        _, uid, _ = struct.unpack("3i", request.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                           struct.calcsize("3i")))
        if uid != os.getuid():
            log.warning("reading service: a process of uid %d was refused", uid)
            return False
        return True

    def server_close(self) -> None:
        super().server_close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """Stop listening, remove the socket and end the cage processes."""
        self.server_close()
        self.cage.close()


class _Handler(socketserver.BaseRequestHandler):
    server: ReadingService

    def handle(self) -> None:
        conn: socket.socket = self.request
        with conn.makefile("rb") as rfile, conn.makefile("wb") as wfile:
            try:
                if not rfile.peek(1):  # a probe (`ReadingClient.available`, a health check): connected, gone
                    return
                header = json.loads(_read(rfile, limit=_HEADER_LIMIT))
                data = _read(rfile, limit=MAX_REQUEST)
            except (OSError, EOFError, ValueError) as e:
                log.warning("reading service: a request could not be read (%s)", type(e).__name__)
                return
            started = time.monotonic()
            answer = self._answer(conn, header, data)
            log.debug("reading service: %s in %.2f s, %s", header.get("op"), time.monotonic() - started,
                      "ok" if answer["ok"] else answer["error"])
            try:
                _write(wfile, pickle.dumps(answer, protocol=5))
            except OSError:
                log.info("reading service: the caller went away before its answer")

    def _answer(self, conn: socket.socket, header: dict[str, Any], data: bytes) -> dict[str, Any]:
        cage = self.server.cage
        op = header.get("op")
        if op == "status":
            return {"ok": True, "status": {"processes": cage.processes, "pids": cage.pids(),
                                           "busy": cage.busy_pids(), "pid": os.getpid()}}
        try:
            request = _checked(header)
        except (ValueError, TypeError, KeyError) as e:
            return _failure(core.ConfigurationError(f"reading service: bad request ({e})"))
        cancel = threading.Event()
        watcher = threading.Thread(target=_watch_hangup, args=(conn, cancel), name="hangup-watch", daemon=True)
        watcher.start()
        try:
            if op == "page":
                try:
                    png = cage.upload_page(data, max_pixels=request["max_pixels"], max_pages=request["max_pages"],
                                           wait=request["wait"], cancel=cancel)
                except core.CapilError as e:
                    return _failure(e)
                return {"ok": True, "png": png}
            run = cage.run(data, declared_type=request["declared_type"], lang=request["lang"],
                           max_pixels=request["max_pixels"], max_pages=request["max_pages"],
                           page_images=request["page_images"], wait=request["wait"], cancel=cancel)
        finally:
            cancel.set()
        if isinstance(run.error, core.ResourceLimitExceeded):
            log.info("reading service: a read hit the reader's %s limit; its process was reaped", run.error.limit)
        if run.error is not None:
            return {**_failure(run.error), "usage": run.usage}
        return {"ok": True, "reading": run.reading, "usage": run.usage}


def _checked(header: dict[str, Any]) -> dict[str, Any]:
    if header["op"] not in ("read", "page"):
        raise ValueError(f"unknown op {header['op']!r}")
    declared = header.get("declared_type")
    wait = header.get("wait")
    return {
        "declared_type": core.DocumentType(declared) if declared is not None else None,
        "lang": str(header.get("lang", "ind")),
        "max_pixels": int(header["max_pixels"]),
        "max_pages": int(header["max_pages"]),
        "page_images": bool(header.get("page_images", True)),
        "wait": float(wait) if wait is not None else None,
    }


def _failure(error: core.CapilError) -> dict[str, Any]:
    name = next(c.__name__ for c in type(error).__mro__ if getattr(core, c.__name__, None) is c)
    return {"ok": False, "error": name, "message": error.message, "message_id": error.message_id,
            "limit": getattr(error, "limit", None)}


def _watch_hangup(conn: socket.socket, done: threading.Event) -> None:
    """Set `done` when the client hangs up before its answer; return once `done` is set."""
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN | select.POLLHUP | select.POLLERR | select.POLLRDHUP)
    while not done.is_set():
        try:
            if poller.poll(_HANGUP_POLL_MS):
                # The client sends nothing after its request: anything readable is its end of stream.
                if not conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT):
                    done.set()
                    return
                time.sleep(_HANGUP_POLL_MS / 1000)
        except BlockingIOError:
            continue
        except OSError:
            done.set()
            return


def _owner_only_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid != os.getuid():
        raise core.ConfigurationError(f"{path} belongs to uid {info.st_uid}, not to this user: the reading "
                                      "service keeps its socket only in a directory of its own user")
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)


def _remove_stale(path: Path) -> None:
    """Remove the socket a killed service left; refuse when a live service answers on it."""
    if not path.exists() and not path.is_symlink():
        return
    if not stat.S_ISSOCK(path.lstat().st_mode):
        raise core.ConfigurationError(f"{path} exists and is not a socket")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink()
            return
    raise core.ConfigurationError(f"a reading service already listens on {path}")

