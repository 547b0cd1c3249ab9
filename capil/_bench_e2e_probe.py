"""CPU and memory of the local stack's processes, sampled from /proc while `capil bench e2e` runs.

Each part of the stack is the process tree under the pid `capil up` recorded (`data_dir/run/*.pid`):
flow-run processes are children of the flow runner, cage processes children of a flow run, Tesseract
workers children of a cage. Peak memory is each process's own high-water mark (VmHWM); CPU is the
user+system time the stack's processes spent while the bench ran, as a share of every core.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from core import Settings

from . import e2e_report

_TICK = os.sysconf("SC_CLK_TCK")
_PARTS = ("object-storage", "pki", "prefect-database", "prefect-server", "flow-runner", "api")


def stack_roots(settings: Settings) -> dict[int, str]:
    """{pid: part name} of the running parts."""
    roots = {}
    for name in _PARTS:
        try:
            pid = int((settings.data_dir / "run" / f"{name}.pid").read_text())
        except (OSError, ValueError):
            continue
        if Path(f"/proc/{pid}").exists():
            roots[pid] = name
    return roots


def _stat(pid: int) -> tuple[int, float, int, float] | None:
    """(ppid, own cpu seconds, start time in ticks, cpu seconds of its reaped children) of a process, or
    None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2:].split()
    return (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK, int(fields[19]),
            (int(fields[13]) + int(fields[14])) / _TICK)


def _memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB; zeros when the process is gone."""
    rss = hwm = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _role(pid: int, part: str, root: bool, parent: int) -> str:
    cmd = _command(pid)
    if "ocr._cage" in cmd:
        return "ocr cage"
    if "ocr.serve" in cmd:
        return "reading service"
    if "prefect.engine" in cmd:  # a run started cold (`python -m prefect.engine`), not forked warm
        return "flow run (cold)"
    if "tesseract" in cmd:
        return "tesseract worker"
    if part == "flow-runner" and "resource_tracker" in cmd:
        return "flow-runner (child)"
    if part == "flow-runner" and "forkserver" in cmd:  # a fork of the fork server is a flow run (flows._warm)
        return "flow run" if "forkserver" in _command(parent) else "fork server"
    if part == "flow-runner" and "multiprocessing" in cmd:
        return "flow run"
    return part if root else f"{part} (child)"


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


class StackSampler:
    """Samples the stack's process trees every `interval` seconds in a thread of its own."""

    def __init__(self, roots: dict[int, str], *, interval: float = 0.25) -> None:
        self.roots, self.interval = roots, interval
        self._seen: dict[tuple[int, int], dict[str, Any]] = {}
        """(pid, start time) → role, first and last CPU seconds, peak RSS kB."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="bench-e2e-sampler")
        self._machine: tuple[float, float] = (0.0, 0.0)
        self._seen_once = False
        self._alive: set[tuple[int, int]] = set()

    def _tree(self) -> dict[int, tuple[str, bool, int]]:
        parent: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                got = _stat(int(entry))
                if got is not None:
                    parent[int(entry)] = got[0]
        found: dict[int, tuple[str, bool, int]] = {}
        for pid in parent:
            chain, node = [pid], pid
            while node not in self.roots and node in parent and parent[node] > 1:
                node = parent[node]
                chain.append(node)
            if node in self.roots:
                found[pid] = (self.roots[node], pid == node, parent[pid])
        return found

    def sample(self) -> None:
        self._alive = set()
        for pid, (part, root, parent) in self._tree().items():
            got = _stat(pid)
            if got is None:
                continue
            _, cpu, start, reaped = got
            rss, hwm = _memory_kb(pid)
            entry = self._seen.get((pid, start))
            if entry is None:
                entry = self._seen[(pid, start)] = {"role": _role(pid, part, root, parent), "cpu0": cpu, "cpu": cpu,
                                                    "reaped0": reaped, "peak_kb": 0, "rss_kb": rss,
                                                    "new": bool(self._seen_once), "pid": pid, "start": start,
                                                    "ppid": parent}
                if entry["new"]:
                    entry["cpu0"] = entry["reaped0"] = 0.0  # started during the run: all its CPU is the run's
            if _command(pid):  # again: a fresh fork shows its parent's command until exec; a zombie shows none
                entry["role"] = _role(pid, part, root, parent)
            entry["cpu"] = cpu
            entry["reaped"] = reaped
            entry["rss_kb"] = rss
            entry["peak_kb"] = max(entry["peak_kb"], hwm, rss)
            self._alive.add((pid, start))
        self._seen_once = True

    def idle_cpu(self, seconds: float) -> dict[str, float]:
        """CPU seconds per second each kind of process spends with no application in flight (the Prefect
        server's services, the runner's polls, the reconciler): what a run's figures carry whatever it does."""
        def now() -> dict[tuple[int, int], tuple[str, float]]:
            found = {}
            for pid, (part, root, parent) in self._tree().items():
                got = _stat(pid)
                if got is not None:
                    found[(pid, got[2])] = (_role(pid, part, root, parent), got[1] + got[3])
            return found

        first = now()
        time.sleep(seconds)
        out: dict[str, float] = {}
        for key, (role, cpu) in now().items():
            if key in first:
                out[role] = out.get(role, 0.0) + (cpu - first[key][1]) / seconds
        return {role: round(v, 3) for role, v in sorted(out.items(), key=lambda kv: -kv[1]) if v > 0}

    def idle_rss_mb(self) -> float:
        """The whole stack's resident memory now (before the run)."""
        return round(sum(_memory_kb(pid)[0] for pid in self._tree()) / 1024, 1)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def start(self) -> None:
        self.sample()
        self._machine = _machine_busy()
        self._thread.start()

    def stop(self, *, wall: float) -> dict[str, Any]:
        self._stop.set()
        self._thread.join()
        self.sample()
        busy0, total0 = self._machine
        busy1, total1 = _machine_busy()
        cores = os.cpu_count() or 1
        by_role = e2e_report.cpu_by_role(list(self._seen.values()), alive=self._alive)
        cpu = sum(by_role.values())
        peaks: dict[str, dict[str, Any]] = {}
        for e in self._seen.values():
            p = peaks.setdefault(e["role"], {"count": 0, "peak_rss_mb": 0.0})
            p["count"] += 1
            p["peak_rss_mb"] = round(max(p["peak_rss_mb"], e["peak_kb"] / 1024), 1)
        return {
            "stack_cpu_seconds": round(cpu, 1),
            "cpu_seconds_by_process": {role: round(seconds, 2) for role, seconds in
                                       sorted(by_role.items(), key=lambda kv: -kv[1])},
            "stack_cpu_utilisation": round(cpu / (wall * cores), 3) if wall else None,
            "machine_cpu_utilisation": round((busy1 - busy0) / (total1 - total0), 3) if total1 > total0 else None,
            "peak_by_process": peaks,
            "note": "CPU: user+system of every process of the stack while the run lasted; what a process spent "
                    "after its last sample (0.25 s apart), and processes too short-lived to be sampled, are read "
                    "from their parent's reaped-children time and counted under the role of the children that "
                    "parent was seen with",
        }

