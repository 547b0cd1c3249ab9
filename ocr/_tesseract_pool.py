"""Tesseract worker processes, kept and shared between threads.

    pool().call(request, pixels, timeout=, charge=) -> answer header (one worker, one request)
    in_use(stand_in) -> context manager: `pool()` is `stand_in` inside it (tests: stand-in workers)

A caller checks out an idle worker (one that has the language loaded first) or
starts one, at most `limit` at once (others wait for one to come back), and
returns it after its answer. A worker that does not answer within `timeout`
is killed; one that dies, or is killed, is reaped (no zombies) and never
reused, and the call raises `WorkerLost`. Every worker gets its own
environment with `OMP_THREAD_LIMIT=1` (`Popen(env=...)`), stdin and stdout
for frames (`_tesseract_worker`), stderr to /dev/null (Tesseract's warnings;
failures come back in the answer). At exit the pool closes the workers'
stdin and reaps them; a forked child starts a pool of its own and leaves the
parent's workers alone.
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ._tesseract_worker import FrameError, read_frame, write_frame

WORKER_SCRIPT = Path(__file__).with_name("_tesseract_worker.py")
WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}
_CLOSE_GRACE = 2.0
"""Seconds a worker gets to exit after its stdin closes before it is killed."""


class WorkerLost(Exception):
    """The worker died or was killed before answering."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def worker_command() -> list[str]:
    """The real worker: this interpreter, isolated (`-I`: no user site, no PYTHON* variables), on the script."""
    return [sys.executable, "-I", str(WORKER_SCRIPT)]


class Worker:
    """One worker process and its pipes, used by one thread at a time."""

    def __init__(self, command: Sequence[str]) -> None:
        # Unbuffered pipes: no buffer a forked child could flush into this worker's stdin.
        self.process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env={**os.environ, **WORKER_ENV}, bufsize=0)
        self.languages: set[str] = set()
        self.reported = 0.0
        """CPU seconds this worker's answers have reported so far."""
        self._expired = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, request: dict[str, Any], pixels: bytes | memoryview, *, timeout: float,
            charge: Callable[[float], None]) -> dict[str, Any]:
        """Send one request and wait for its answer; WorkerLost when the worker dies or `timeout` passes."""
        timer = threading.Timer(timeout, self._expire)
        timer.daemon = True
        timer.start()
        try:
            assert self.process.stdin is not None and self.process.stdout is not None
            write_frame(self.process.stdin, request, pixels)
            answer, _ = read_frame(self.process.stdout)
        except (FrameError, OSError, ValueError) as e:
            if self._expired:
                raise WorkerLost(f"no answer within {timeout:g} s", timed_out=True) from e
            raise WorkerLost(f"the worker ended: {e}", timed_out=False) from e
        finally:
            timer.cancel()
        cpu = float(answer.get("cpu", 0.0))
        self.reported += cpu
        charge(cpu)
        if answer.get("ok"):
            self.languages.add(str(request["lang"]))
        return answer

    def _expire(self) -> None:
        self._expired = True
        self._signal_kill()

    def _signal_kill(self) -> None:
        # os.kill, not Popen.kill: Popen polls first and would reap the worker, losing its CPU usage.
        if self.process.returncode is None:
            os.kill(self.process.pid, signal.SIGKILL)

    def close(self, *, kill: bool) -> float:
        """End the process (EOF on stdin; SIGKILL when `kill` or after a grace period) and reap it.

        Returns the CPU seconds a killed worker used and never reported (0 after a clean exit).
        """
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass  # flushing a pipe to a dead worker
        if not kill:
            try:
                self.process.wait(timeout=_CLOSE_GRACE)
                return 0.0
            except subprocess.TimeoutExpired:
                pass
        if self.process.returncode is not None:  # reaped already (`alive()` polls)
            return 0.0
        self._signal_kill()
        try:
            _, status, usage = os.wait4(self.process.pid, 0)
        except ChildProcessError:
            return 0.0
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return max(0.0, usage.ru_utime + usage.ru_stime - self.reported)


class Pool:
    """Workers shared by the threads of one process (see the module docstring)."""

    def __init__(self, command: Callable[[], Sequence[str]] = worker_command, *, limit: int | None = None) -> None:
        self.limit = limit or max(2, 2 * (os.cpu_count() or 1))
        self.real = command is worker_command
        """Whether its workers are the real worker script (then the installed Tesseract's languages are
        checked before a read); a stand-in's workers answer for themselves."""
        self._command = command
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(self.limit)
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._pid = os.getpid()

    def call(self, request: dict[str, Any], pixels: bytes | memoryview, *, timeout: float,
             charge: Callable[[float], None] = lambda seconds: None) -> dict[str, Any]:
        """One request answered by one worker; WorkerLost (worker killed and reaped) when it dies or times out."""
        with self._slots:
            worker = self._take(str(request.get("lang")))
            try:
                answer = worker.ask(request, pixels, timeout=timeout, charge=charge)
            except BaseException:
                with self._lock:
                    self._busy.discard(worker)
                charge(worker.close(kill=True))
                raise
            with self._lock:
                self._busy.discard(worker)
                self._idle.append(worker)
            return answer

    def _take(self, lang: str) -> Worker:
        dead = []
        with self._lock:
            live = [w for w in self._idle if w.alive()]
            dead = [w for w in self._idle if w not in live]
            ready = [w for w in live if lang in w.languages] or live
            worker = ready[-1] if ready else None
            self._idle = [w for w in live if w is not worker]
        for w in dead:
            w.close(kill=True)
        if worker is None:
            worker = Worker(self._command())
        with self._lock:
            self._busy.add(worker)
        return worker

    def pids(self) -> list[int]:
        """Process ids of the live workers, idle and busy (for tests and diagnostics)."""
        with self._lock:
            return [w.pid for w in (*self._idle, *self._busy)]

    def close(self) -> None:
        """End every worker (EOF, then SIGKILL after a grace period) and reap it; only in the process that made them."""
        if os.getpid() != self._pid:
            return
        with self._lock:
            workers, self._idle = [*self._idle, *self._busy], []
            self._busy.clear()
        for w in workers:
            w.close(kill=False)


_pool: Pool | None = None
_pool_lock = threading.Lock()
_inherited: list[Pool] = []
"""Pools a forked child got from its parent: kept referenced and never used, so that their pipes stay untouched."""


def pool() -> Pool:
    """This process's pool, made on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Pool()
        return _pool


@contextmanager
def in_use(stand_in: Pool) -> Iterator[None]:
    """Inside the block `pool()` is `stand_in` (a pool of stand-in workers, for tests); the pool before
    comes back after. A child forked inside the block starts a pool of its own, as from any pool."""
    global _pool
    with _pool_lock:
        before, _pool = _pool, stand_in
    try:
        yield
    finally:
        with _pool_lock:
            _pool = before


def _close_at_exit() -> None:
    if _pool is not None:
        _pool.close()


def _after_fork_in_child() -> None:
    global _pool, _pool_lock
    if _pool is not None:
        _inherited.append(_pool)
    _pool, _pool_lock = None, threading.Lock()
    # A multiprocessing child ends with os._exit (no atexit) but runs multiprocessing's finalizers.
    multiprocessing.util.Finalize(None, _close_at_exit, exitpriority=0)


atexit.register(_close_at_exit)
os.register_at_fork(after_in_child=_after_fork_in_child)
