"""The caged reader: every byte of an upload is parsed in a subprocess with resource limits.

    Cage(limits=CageLimits(...), processes=2, reads_per_process=200)
    cage.read(data, *, declared_type, lang, max_pixels, max_pages, page_images=True) -> Reading
    cage.upload_page(data, *, max_pixels, max_pages) -> PNG (an image upload's first page, decoded in the cage)
    cage.run(...) -> CageRun (the reading or the error, and what the read cost: wall, CPU, peak memory)
    cage.start()  (optional) start the processes now, ahead of the first read
    cage.close()

Page counting, PDF parsing (pdfplumber/pdfminer, pdfium), rasterizing, image
decoding (Pillow, OpenCV) and OCR all happen in a *cage process*: `python -I`
started in a session of its own (`start_new_session`: its own process group),
which before its first read sets

    RLIMIT_AS    `memory_mb`: a stream that inflates to gigabytes, a pixel bomb
                 or an allocation OpenCV cannot make fails there (MemoryError,
                 or the process dies) instead of growing the flow run
    RLIMIT_CPU   soft limit `cpu_seconds` above what it has used, set anew
                 before each read (the hard limit stays unlimited); past it
                 the kernel's SIGXCPU ends the process
    RLIMIT_CORE  0

and the parent kills the whole process group (the cage and the Tesseract
workers it started) when a read outlasts `timeout_seconds` of wall-clock time.
The cage gets only the environment a reader needs (`cage_environment`: the
search path, locale, time zone, temporary directory, Tesseract's data): none of
the service's settings, credentials or PINs reach code that parses uploads.
A process that hit a limit, died or timed out is reaped and never reused; the
next read gets a fresh one. Any of these is `core.ResourceLimitExceeded`
(`limit` = "memory", "cpu" or "time"): not retryable, refused with a message
that says the file is too large to read.

Warm, not cold: a cage process serves up to `reads_per_process` reads one
after another and keeps its Tesseract workers (each started by the cage, so
each inherits its address-space cap; its CPU limit is lifted, since the
worker's per-request timeout and the cage's wall clock bound it). Measured on
KK pages (`benchmarks/hostile_uploads.py --overhead`), a warm cage costs what
a read in-process costs (1.12 s CPU a page, +0.1 s wall); a fresh process per
read pays the imports and the Tesseract model load again: +0.6 s CPU, +1.5 s wall.

What comes back is the `Reading` (extraction, type confidence, transforms,
page images: a text-layer PDF page is rendered in the cage too, so the parent
never parses the upload) as a pickle over the cage's stdout, read with an
unpickler that only builds `ocr`, `core`, numpy and plain built-in types.
Errors come back by name (core's tree), message and Indonesian message.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import enum
import io
import os
import pickle
import resource
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
import weakref
from dataclasses import dataclass
from typing import IO, Any

import core

_FRAME = struct.Struct("<Q")
MAX_ANSWER = 1 << 30
"""Largest answer accepted from a cage (10 normalized pages at 300 dpi are ~150 MB)."""
_CLOSE_GRACE = 2.0
_MIB = 1024 * 1024


@dataclass(frozen=True)
class CageLimits:
    """What one caged read may use (from `Settings.cage_*`)."""

    memory_mb: int = 2048
    """Address space of the cage process, and of each Tesseract worker it starts (RLIMIT_AS)."""
    cpu_seconds: int = 120
    """CPU seconds of the cage process per read (RLIMIT_CPU, soft)."""
    timeout_seconds: float = 180
    """Wall-clock seconds per read; then the process group is killed."""


@dataclass(frozen=True)
class CageUsage:
    """What one caged read cost."""

    wall_seconds: float
    cpu_seconds: float
    """The cage process's CPU for this read plus its Tesseract workers' (as they report it)."""
    peak_rss_mb: float
    """The cage process's peak resident memory (its whole life, for a warm process)."""
    fresh: bool
    """Whether the read started a new cage process (its start-up is in `wall_seconds`, not in `cpu_seconds`)."""


@dataclass(frozen=True)
class CageRun:
    reading: Any | None
    """The `ocr.Reading`, or None when the read raised `error`."""
    error: core.CapilError | None
    usage: CageUsage


class _Lost(Exception):
    """The cage process died, or was killed, before it answered."""


_PASSED_ON = ("PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR", "HOME", "TESSDATA_PREFIX", "LD_LIBRARY_PATH")
"""What a cage inherits of its parent's environment, besides `LC_*`."""


def cage_environment(parent: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    """The environment of a cage process: what reading needs, nothing the service holds (`CAPIL_*`
    settings, object-store and database credentials, the signer's PIN, Prefect's API key)."""
    kept = {k: v for k, v in parent.items() if k in _PASSED_ON or k.startswith("LC_")}
    return {**kept, "MALLOC_ARENA_MAX": "2", "OMP_THREAD_LIMIT": "1"}


class _Process:
    """One cage process and its pipes; used by one thread at a time."""

    def __init__(self, limits: CageLimits) -> None:
        env = cage_environment(os.environ)
        command = [sys.executable, "-I", "-c", "from ocr._cage import serve; serve()",
                   str(limits.memory_mb), str(limits.cpu_seconds)]
        self.popen = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None,
                                      bufsize=0, env=env, start_new_session=True)
        self.reads = 0
        self._killing = threading.Lock()
        """The wall-clock timer's thread and the reading thread may both kill; one reaps."""
        self.usage: Any = None
        """`resource.struct_rusage` of the process once reaped after a kill or death."""

    def ask(self, request: dict[str, Any], *, timeout: float, cancel: threading.Event | None = None,
            ) -> dict[str, Any]:
        """One request and its answer. Past `timeout`, or once `cancel` is set (the caller went away),
        the process group is killed and `_Lost` raised ("time" or "cancelled")."""
        expired, finished = threading.Event(), threading.Event()
        stop = cancel if cancel is not None else threading.Event()

        def watch() -> None:
            if not stop.wait(timeout):
                expired.set()
            if not finished.is_set():
                self.kill()

        watcher = threading.Thread(target=watch, name="cage-watch", daemon=True)
        watcher.start()
        try:
            assert self.popen.stdin is not None and self.popen.stdout is not None
            _write(self.popen.stdin, pickle.dumps(request, protocol=5))
            answer = _SafeUnpickler(io.BytesIO(_read(self.popen.stdout, limit=MAX_ANSWER))).load()
        except (OSError, EOFError, ValueError, pickle.UnpicklingError) as e:
            self.kill()
            why = "time" if expired.is_set() else "cancelled" if stop.is_set() else _death(self.popen.returncode)
            raise _Lost(why) from e
        finally:
            finished.set()
            stop.set()
        self.reads += 1
        return dict(answer)

    def kill(self) -> None:
        """SIGKILL to the process group (the cage and its Tesseract workers), then reap the cage."""
        with self._killing:
            if self.popen.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self._reap()

    def _reap(self) -> None:
        try:
            _, status, self.usage = os.wait4(self.popen.pid, 0)
            self.popen.returncode = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            self.popen.returncode = self.popen.returncode if self.popen.returncode is not None else -1

    def close(self) -> None:
        """End of stdin: the cage closes its Tesseract workers and exits; killed after a grace period."""
        for stream in (self.popen.stdin, self.popen.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            self.popen.wait(timeout=_CLOSE_GRACE)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)  # a Tesseract worker left behind


def _death(returncode: int | None) -> str:
    if returncode is not None and returncode < 0 and -returncode == signal.SIGXCPU:
        return "cpu"
    return f"died:{returncode}"


class Cage:
    """Caged reads shared by the threads of one process (see the module docstring)."""

    def __init__(self, limits: CageLimits = CageLimits(), *, processes: int = 2, reads_per_process: int = 200) -> None:
        self.limits = limits
        self.processes = max(1, processes)
        self.reads_per_process = max(1, reads_per_process)
        self._slots = threading.Semaphore(self.processes)
        self._lock = threading.Lock()
        self._idle: list[_Process] = []
        self._busy: set[_Process] = set()
        self._pid = os.getpid()
        _cages.add(self)

    @classmethod
    def from_settings(cls, settings: core.Settings) -> Cage:
        return cls(CageLimits(memory_mb=settings.cage_memory_mb, cpu_seconds=settings.cage_cpu_seconds,
                              timeout_seconds=settings.cage_timeout_seconds),
                   processes=settings.cage_processes, reads_per_process=settings.cage_reads_per_process)

    def __call__(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
                 max_pixels: int, max_pages: int) -> Any:
        """`read` with the signature of `ocr.read` (casework's `Reader`)."""
        return self.read(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels, max_pages=max_pages)

    def read(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
             max_pixels: int, max_pages: int, page_images: bool = True, wait: float | None = None) -> Any:
        """`ocr.read` in a cage: the `Reading`, or the error (core's tree; `ResourceLimitExceeded` at a limit).

        With `page_images` False a text-layer PDF page is not rendered (its `page_image` then fails):
        for callers that want the extraction only.
        """
        run = self.run(data, declared_type=declared_type, lang=lang, max_pixels=max_pixels, max_pages=max_pages,
                       page_images=page_images, wait=wait)
        if run.error is not None:
            raise run.error
        return run.reading

    def run(self, data: bytes, *, declared_type: core.DocumentType | None = None, lang: str = "ind",
            max_pixels: int, max_pages: int, page_images: bool = True, wait: float | None = None,
            cancel: threading.Event | None = None) -> CageRun:
        """One caged read and what it cost; the error is returned, not raised.

        `wait`: seconds to wait for a free cage process when all `processes` are reading (None: as long
        as it takes); past it the error is `core.ServiceUnavailable`. `cancel`: an event that, once set,
        ends the read at once (its process is killed, never reused): a reading service sets it when
        the caller has gone away. The event is set when the read is over; pass a new one per read.
        """
        answer, error, usage = self._call({"op": "read", "data": data, "declared_type": declared_type, "lang": lang,
                                           "max_pixels": max_pixels, "max_pages": max_pages,
                                           "page_images": page_images}, wait=wait, cancel=cancel)
        return CageRun(answer.get("reading") if answer else None, error, usage)

    def upload_page(self, data: bytes, *, max_pixels: int, max_pages: int, wait: float | None = None,
                    cancel: threading.Event | None = None) -> bytes:
        """The first page of an image upload, decoded in the cage and encoded again as a grayscale PNG:
        what the service keeps for review when nothing could be read from it (the parent then decodes
        only PNG it made itself)."""
        answer, error, _ = self._call({"op": "page", "data": data, "max_pixels": max_pixels, "max_pages": max_pages},
                                      wait=wait, cancel=cancel)
        if error is not None:
            raise error
        assert answer is not None
        return bytes(answer["png"])

    def _call(self, request: dict[str, Any], *, wait: float | None = None, cancel: threading.Event | None = None,
              ) -> tuple[dict[str, Any] | None, core.CapilError | None, CageUsage]:
        queued = time.monotonic()
        if not self._slots.acquire(timeout=wait):
            return None, self._busy_error(wait), CageUsage(time.monotonic() - queued, 0.0, 0.0, False)
        try:
            if cancel is not None and cancel.is_set():
                return None, _gone(), CageUsage(time.monotonic() - queued, 0.0, 0.0, False)
            start = time.monotonic()
            process, fresh = self._take()
            try:
                answer = process.ask(request, timeout=self.limits.timeout_seconds, cancel=cancel)
            except _Lost as e:
                self._drop(process)
                lost: core.CapilError = _gone() if str(e) == "cancelled" else self._limit_error(str(e))
                return None, lost, _usage_of_killed(process, start, fresh)
            usage = CageUsage(time.monotonic() - start, float(answer["cpu"]), float(answer["peak_rss_kb"]) / 1024,
                              fresh)
            error = _error(answer) if not answer["ok"] else None
            if isinstance(error, core.ResourceLimitExceeded) or process.reads >= self.reads_per_process:
                self._drop(process, kill=isinstance(error, core.ResourceLimitExceeded))
            else:
                with self._lock:
                    self._busy.discard(process)
                    self._idle.append(process)
            return answer, error, usage
        finally:
            self._slots.release()

    def _busy_error(self, wait: float | None) -> core.ServiceUnavailable:
        return core.ServiceUnavailable(
            f"all {self.processes} reader processes stayed busy for {wait:g} s; try again later",
            message_id="Pembaca dokumen sedang sibuk. Silakan coba beberapa saat lagi.")

    def start(self) -> None:
        """Start the cage processes now, so that they load while the caller does other work (a flow run
        marks its application and fetches the upload meanwhile); reads then find them warm."""
        with self._lock:
            missing = self.processes - len(self._idle) - len(self._busy)
            self._idle += [_Process(self.limits) for _ in range(max(0, missing))]

    def _take(self) -> tuple[_Process, bool]:
        with self._lock:
            live = [p for p in self._idle if p.popen.poll() is None]
            dead = [p for p in self._idle if p not in live]
            process = live.pop() if live else None
            self._idle = live
        for p in dead:
            p.kill()
        fresh = process is None
        if process is None:
            process = _Process(self.limits)
        with self._lock:
            self._busy.add(process)
        return process, fresh

    def _drop(self, process: _Process, *, kill: bool = True) -> None:
        with self._lock:
            self._busy.discard(process)
        if kill:
            process.kill()
        else:
            process.close()

    def _limit_error(self, why: str) -> core.ResourceLimitExceeded:
        lim = self.limits
        if why == "time":
            return core.ResourceLimitExceeded(
                f"reading the file took over {lim.timeout_seconds:g} s; the reader was stopped", limit="time",
                message_id=f"Pembacaan otomatis dihentikan pada batas waktu sistem ({lim.timeout_seconds:g} detik); "
                           "ini kendala sistem, bukan tanda berkas rusak.")
        if why == "cpu":
            return core.ResourceLimitExceeded(
                f"reading the file took over {lim.cpu_seconds} s of CPU; the reader was stopped", limit="cpu",
                message_id=f"Pembacaan otomatis dihentikan pada batas waktu proses sistem ({lim.cpu_seconds} detik CPU); "
                           "ini kendala sistem, bukan tanda berkas rusak.")
        return core.ResourceLimitExceeded(
            f"the reader process ended ({why}) reading the file, most likely at its memory limit of "
            f"{lim.memory_mb} MiB: the file is too large to read", limit="memory",
            message_id=_memory_message(lim.memory_mb))

    def pids(self) -> list[int]:
        """Process ids of the live cage processes (tests, diagnostics)."""
        with self._lock:
            return [p.popen.pid for p in (*self._idle, *self._busy)]

    def busy_pids(self) -> list[int]:
        """Process ids of the cage processes reading now (tests, diagnostics)."""
        with self._lock:
            return [p.popen.pid for p in self._busy]

    def close(self) -> None:
        """End every cage process (and with it its Tesseract workers); only in the process that made them."""
        if os.getpid() != self._pid:
            return
        with self._lock:
            processes, self._idle = [*self._idle, *self._busy], []
            self._busy.clear()
        for p in processes:
            p.close()

    def __enter__(self) -> Cage:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _memory_message(memory_mb: int) -> str:
    return (f"Berkas terlalu besar untuk diproses: membacanya memerlukan lebih dari {memory_mb} MiB memori. "
            "Unggah pindaian biasa (200–300 dpi, paling banyak 10 halaman).")


def _gone() -> core.ServiceUnavailable:
    return core.ServiceUnavailable("the read was cancelled: its caller went away")


def _usage_of_killed(process: _Process, start: float, fresh: bool) -> CageUsage:
    u = process.usage
    cpu = (u.ru_utime + u.ru_stime) if u is not None else 0.0
    return CageUsage(time.monotonic() - start, cpu, (u.ru_maxrss / 1024) if u is not None else 0.0, fresh)


def _error(answer: dict[str, Any]) -> core.CapilError:
    cls = getattr(core, str(answer["error"]), None)
    message, message_id = str(answer["message"]), answer.get("message_id")
    if cls is core.ResourceLimitExceeded:
        return core.ResourceLimitExceeded(message, limit=str(answer.get("limit", "memory")), message_id=message_id)
    if not (isinstance(cls, type) and issubclass(cls, core.CapilError)) or cls is core.InvalidPopulation:
        return core.UnreadableDocument(message, message_id=message_id)
    return cls(message, message_id=message_id)


_cages: weakref.WeakSet[Cage] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for cage in list(_cages):
        cage.close()


# --- the frames and the unpickler -----------------------------------------------------------------

def _write(stream: IO[bytes], payload: bytes) -> None:
    for part in (memoryview(_FRAME.pack(len(payload))), memoryview(payload)):
        while part.nbytes:
            written = stream.write(part)
            part = part[written if written is not None else 0:]
    stream.flush()


def _read(stream: IO[bytes], *, limit: int) -> bytes:
    (length,) = _FRAME.unpack(_read_exactly(stream, _FRAME.size))
    if length > limit:
        raise ValueError(f"frame of {length} bytes")
    return _read_exactly(stream, length)


def _read_exactly(stream: IO[bytes], n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        part = stream.read(min(n - got, 1 << 24))
        if not part:
            raise EOFError(f"end of stream after {got} of {n} bytes")
        parts.append(part)
        got += len(part)
    return b"".join(parts)


_BUILTINS = frozenset({"tuple", "list", "dict", "set", "frozenset", "str", "bytes", "bytearray", "int", "float",
                       "bool", "complex", "slice", "range"})


class _SafeUnpickler(pickle.Unpickler):
    """Builds only Capil's own types, numpy arrays and plain values: a cage that was made to run code
    of an upload's choosing still cannot make its parent run any."""

    def find_class(self, module: str, name: str) -> Any:
        root = module.split(".")[0]
        if root in ("ocr", "core"):
            found = super().find_class(module, name)
            # Data only: a dataclass or an enum of ours (never, say, a class that starts a process).
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        elif (root == "numpy" and name in ("ndarray", "dtype", "_reconstruct", "scalar", "_frombuffer")) or (
                module == "builtins" and name in _BUILTINS):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not built from a cage's answer")


# --- inside the cage ------------------------------------------------------------------------------

def serve() -> None:
    """The cage process's main: limits set, then one read per request until stdin ends."""
    memory_mb, cpu_seconds = int(sys.argv[1]), int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * _MIB, memory_mb * _MIB))
    # Answers get a private copy of stdout; fd 1 then points at stderr, so nothing a library prints
    # can land in the middle of a frame.
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    from . import _tesseract_pool

    pool = _tesseract_pool.Pool(_unlimited_cpu_worker)
    pool.real = True
    with _tesseract_pool.in_use(pool):
        try:
            while True:
                try:
                    request = pickle.loads(_read(requests, limit=1 << 34))
                except (EOFError, OSError):
                    return
                used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
                resource.setrlimit(resource.RLIMIT_CPU, (int(used) + 1 + cpu_seconds, resource.RLIM_INFINITY))
                answer = _answer(request, used=used, memory_mb=memory_mb)
                try:
                    _write(answers, pickle.dumps(answer, protocol=5))
                except OSError:
                    return
        finally:
            pool.close()


def _unlimited_cpu_worker() -> list[str]:
    """The Tesseract worker, started with the cage's CPU limit lifted (its timeout and the cage's wall
    clock bound it; the cage's limit, set above the cage's own usage, would end a long-lived worker)."""
    from ._tesseract_pool import WORKER_SCRIPT

    boot = ("import resource, runpy, sys; r = resource.RLIM_INFINITY; resource.setrlimit(resource.RLIMIT_CPU, "
            "(r, r)); sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")
    return [sys.executable, "-I", "-c", boot, str(WORKER_SCRIPT)]


def _answer(request: dict[str, Any], *, used: float, memory_mb: int) -> dict[str, Any]:
    from . import _tesseract

    answer: dict[str, Any]
    _reset_peak_rss()
    with _tesseract.tesseract_cpu() as meter:
        try:
            if request.get("op") == "page":
                answer = {"ok": True, "png": _upload_page(request)}
            else:
                answer = {"ok": True, "reading": _read_caged(request)}
        except core.CapilError as e:
            name = next(c.__name__ for c in type(e).__mro__ if getattr(core, c.__name__, None) is c)
            answer = {"ok": False, "error": name, "message": e.message, "message_id": e.message_id,
                      "limit": getattr(e, "limit", None)}
        except MemoryError:
            answer = _over_memory(memory_mb)
        except Exception as e:  # any parser's failure on untrusted bytes is the file's
            if any(word in str(e).lower() for word in ("memory", "allocate", "bad_alloc")):  # cv2.error
                answer = _over_memory(memory_mb)
            else:
                traceback.print_exc(file=sys.stderr)
                answer = {"ok": False, "error": "UnreadableDocument", "message_id": None,
                          "message": f"the reader failed on this file ({type(e).__name__})"}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    answer["cpu"] = usage.ru_utime + usage.ru_stime - used + meter.seconds
    answer["peak_rss_kb"] = _peak_rss_kb() or usage.ru_maxrss
    return answer


def _reset_peak_rss() -> None:
    """Start this read's peak resident memory afresh (Linux: VmHWM), so a warm process reports per read."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak_rss_kb() -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _over_memory(memory_mb: int) -> dict[str, Any]:
    return {"ok": False, "error": "ResourceLimitExceeded", "limit": "memory",
            "message": f"reading the file needs more than the reader's memory limit of {memory_mb} MiB: "
                       "the file is too large to read", "message_id": _memory_message(memory_mb)}


def _read_caged(request: dict[str, Any]) -> Any:
    from . import Reading, read
    from ._limits import check_upload
    from ._pdf import render_page
    from ._read import PDF_DPI

    data = request["data"]
    # What the headers tell first, with its precise reasons (pages, pixels, encryption), as at upload.
    check_upload(data, max_pixels=request["max_pixels"], max_pages=request["max_pages"])
    reading = read(data, declared_type=request["declared_type"], lang=request["lang"],
                   max_pixels=request["max_pixels"], max_pages=request["max_pages"])
    pages = []
    for page in reading._pages:
        image = page.image
        if image is None and request["page_images"]:
            image = render_page(data, page.number, dpi=PDF_DPI)
        pages.append(dataclasses.replace(page, image=image, words=(), grids=()))
    return Reading(reading.extraction, reading.type_confidence, reading.transforms, tuple(pages), b"")


def _upload_page(request: dict[str, Any]) -> bytes:
    import cv2

    from ._image import decode_pages
    from ._limits import check_upload

    check_upload(request["data"], max_pixels=request["max_pixels"], max_pages=request["max_pages"])
    ok, png = cv2.imencode(".png", decode_pages(request["data"], max_pixels=request["max_pixels"],
                                                max_pages=request["max_pages"])[0])
    if not ok:
        raise core.UnreadableDocument("page image cannot be encoded")
    return bytes(png.tobytes())
