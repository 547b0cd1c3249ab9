"""What SeaweedFS's security configuration costs: start-up time and one S3 put + get, before/after.

    .venv/bin/python benchmarks/seaweedfs_security.py [--rounds 3] [--ops 50] [--s3-port 21333]

"after" is `storage.seaweedfs_argv` as `capil up` runs it (mutual TLS on gRPC, JWT on the
volume server, master/filer HTTP off); "before" is the same command line without `-config_dir`
and `-disableHttp`, i.e. the server as it ran before the security configuration. Rounds
alternate before/after, each on a fresh data directory. Start-up is measured twice: to the
first healthy S3 probe, and to the first successful bucket creation + put (the filer and
volume server are up). Then `--ops` sequential put + get of a 64 KiB object with retention,
timed per pair. Prints a table with medians and the load average; wall times on a shared
machine include waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import core
import storage

_PAYLOAD = os.urandom(64 * 1024)


def _argv(data_dir: Path, credentials: storage.S3Credentials, s3_port: int, *, secured: bool) -> list[str]:
    argv = storage.seaweedfs_argv(data_dir, credentials=credentials, s3_port=s3_port)
    if secured:
        return argv
    return [a for a in argv if not a.startswith("-config_dir=") and a != "-disableHttp"]


def _wait_ports_free(s3_port: int) -> None:
    """A killed server's ports can take a moment to be released; a round must not hit the last one."""
    deadline = time.monotonic() + 60
    for port in storage.SeaweedFSPorts.from_s3_port(s3_port).all():
        while True:
            with socket.socket() as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as weed binds: TIME_WAIT is fine
                try:
                    sock.bind(("127.0.0.1", port))
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"port {port} stays busy; is another SeaweedFS running there?") from None
                    time.sleep(0.2)


def _round(s3_port: int, *, secured: bool, ops: int) -> dict[str, float]:
    _wait_ports_free(s3_port)
    with tempfile.TemporaryDirectory(prefix="capil-bench-seaweed-") as tmp:
        root = Path(tmp)
        credentials = storage.ensure_s3_credentials(root / "secrets")
        argv = _argv(root / "s3", credentials, s3_port, secured=secured)
        endpoint = f"127.0.0.1:{s3_port}"
        started = time.monotonic()
        with open(root / "weed.log", "wb") as log:
            proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while not storage.s3_healthy(endpoint):
                if proc.poll() is not None or time.monotonic() - started > 120:
                    raise SystemExit(f"SeaweedFS did not start; see {root / 'weed.log'}")
                time.sleep(0.05)
            healthy = time.monotonic() - started
            store = storage.S3ObjectStore(endpoint, credentials)
            while True:
                try:
                    store.ensure_bucket("archive")
                    store.put("archive", "warm-up", b"x")
                    break
                except core.CapilError:
                    if time.monotonic() - started > 120:
                        raise
                    time.sleep(0.05)
            usable = time.monotonic() - started
            pairs = []
            for i in range(ops):
                t = time.monotonic()
                obj = store.put("archive", f"documents/app-{i}/kk.pdf", _PAYLOAD, retain_days=1)
                assert store.get(obj) == _PAYLOAD
                pairs.append(time.monotonic() - t)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            for path in storage.SeaweedFSPorts.from_s3_port(s3_port).unix_sockets():
                path.unlink(missing_ok=True)
    return {
        "healthy_s": healthy,
        "usable_s": usable,
        "put_get_median_ms": statistics.median(pairs) * 1000,
        "put_get_p90_ms": sorted(pairs)[int(0.9 * (len(pairs) - 1))] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ops", type=int, default=50)
    parser.add_argument("--s3-port", type=int, default=21333)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(args.rounds):
        for name in ("before", "after"):
            results[name].append(_round(args.s3_port, secured=name == "after", ops=args.ops))
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
          f"{args.rounds} rounds, {args.ops} put+get of {len(_PAYLOAD) // 1024} KiB per round")
    print("| | S3 healthy (s) | first put (s) | put+get median (ms) | put+get p90 (ms) |")
    print("|---|---|---|---|---|")
    for name, rounds in results.items():
        cells = [statistics.median(r[k] for r in rounds)
                 for k in ("healthy_s", "usable_s", "put_get_median_ms", "put_get_p90_ms")]
        print(f"| {name} | {cells[0]:.2f} | {cells[1]:.2f} | {cells[2]:.1f} | {cells[3]:.1f} |")


if __name__ == "__main__":
    main()
