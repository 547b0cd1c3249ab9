"""Status reads against a running stack: requests per second and latency percentiles.

    . ./stack-env                 # CAPIL_DATA_DIR, CAPIL_API_PORT, ... of the stack `capil up` started
    .venv/bin/python benchmarks/status_reads.py setup --applications 300
    .venv/bin/python benchmarks/status_reads.py run --route json --clients 200 --seconds 20
    .venv/bin/python benchmarks/status_reads.py run --route json --rate 500 --clients 200 --seconds 20

`setup` imports a synthetic population and files `--applications` applications through `casework`
(a blank page as KK and ijazah: no flow is started, they stay `received`), adds a verifikator with an
API token, and keeps the status tokens in `$CAPIL_DATA_DIR/bench/status-reads.json` (owner-only: they
are secrets). Running it again reuses that file.

`run` sends status reads to the API as `capil up` runs it, spread over the applications:

    --route json    GET /api/applications/{id}?token=…   (the applicant's JSON status)
    --route page    GET /permohonan/{id}?token=…         (the applicant's status page)
    --route staff   GET /api/applications/{id}  with the verifikator's API token (audited)

Closed loop by default: `--clients` clients each send their next request as soon as the last one
answers (the most the server does, at whatever latency that costs). With `--rate R`, open loop:
requests start at R per second whatever the answers do (at most `--clients` in flight; a start
that finds none free waits, and its wait counts in its latency), which is how a queue of applicants
refreshing their page behaves; latency is measured from the scheduled start, so a server that
falls behind shows it. Prints one JSON object: requests, errors (by status), req/s, p50/p95/p99 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import itertools
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

_VERIFIKATOR = "bench-verifikator"


def _tokens_file(data_dir: Path) -> Path:
    return data_dir / "bench" / "status-reads.json"


def _blank_page() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(out, format="PNG")
    return out.getvalue()


def setup(applications: int, *, seed: int) -> Path:
    import secrets

    import synthetic
    from casework import file_with_access, services
    from core import ChangeType, DocumentType, NotFound

    svc = services()
    path = _tokens_file(svc.settings.data_dir)
    if path.exists():
        known = json.loads(path.read_text())
        if len(known["applications"]) >= applications:
            return path
    families = applications // 2 + 10
    svc.population.import_population(synthetic.population(families=families, seed=seed))
    people = [p["nik"] for f in synthetic.population(families=families, seed=seed)["keluarga"]
              for p in f["anggota"]]
    page = _blank_page()
    filed = []
    for nik in people[:applications]:
        result = file_with_access(svc, nik=nik, change=ChangeType.PENDIDIKAN,
                                  files={DocumentType.KK: page, DocumentType.IJAZAH: page},
                                  requested={"pendidikan": "STRATA II"})
        filed.append({"id": result.application_id, "token": result.token})
    try:
        svc.accounts.get(_VERIFIKATOR)
    except NotFound:
        svc.accounts.add(_VERIFIKATOR, role="verifikator", password=secrets.token_urlsafe(16), actor="bench")
    staff_token = svc.accounts.issue_token(_VERIFIKATOR, label="status-reads benchmark", actor="bench")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(json.dumps({"applications": filed, "staff_token": staff_token}))
    return path


def _request(route: str, app: dict[str, str], staff_token: str) -> tuple[str, dict[str, str], dict[str, str]]:
    if route == "json":
        return f"/api/applications/{app['id']}", {"token": app["token"]}, {}
    if route == "page":
        return f"/permohonan/{app['id']}", {"token": app["token"]}, {}
    return f"/api/applications/{app['id']}", {}, {"Authorization": f"Bearer {staff_token}"}


class _Connection:
    """One keep-alive HTTP/1.1 connection over asyncio streams: a request costs the client a few tens of
    microseconds, where httpx's pool costs milliseconds at 200 connections and would starve the
    server it measures of CPU on a 2-core machine."""

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str, headers: dict[str, str]) -> int:
        if self._streams is not None:
            try:
                return await self._exchange(target, headers)
            except (ConnectionError, asyncio.IncompleteReadError):
                pass  # the server closed the idle keep-alive connection: once more on a new one
        self._streams = await asyncio.open_connection(self._host, self._port)
        return await self._exchange(target, headers)

    async def _exchange(self, target: str, headers: dict[str, str]) -> int:
        assert self._streams is not None
        reader, writer = self._streams
        lines = [f"GET {target} HTTP/1.1", f"Host: {self._host}:{self._port}",
                 *(f"{k}: {v}" for k, v in headers.items()), "", ""]
        try:
            writer.write("\r\n".join(lines).encode("latin-1"))
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            if length is None:
                raise ConnectionError("answer without Content-Length")
            await reader.readexactly(int(length.group(1)))
            if re.search(rb"(?i)\r\nconnection:\s*close", head):
                await self.close()
            return status
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


async def _run(base_url: str, route: str, apps: list[dict[str, str]], staff_token: str, *, clients: int,
               seconds: float, rate: float | None) -> dict[str, Any]:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    url = urlsplit(base_url)
    idle = [_Connection(url.hostname or "127.0.0.1", url.port or 80) for _ in range(clients)]

    async def one(n: int, scheduled: float) -> None:
        path, params, headers = _request(route, apps[n % len(apps)], staff_token)
        connection = idle.pop()
        try:
            status = await connection.get(f"{path}?{urlencode(params)}" if params else path, headers)
            if status != 200:
                errors[str(status)] += 1
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            errors[type(e).__name__] += 1
        finally:
            idle.append(connection)
        latencies.append(time.perf_counter() - scheduled)

    slots = asyncio.Semaphore(clients)

    async def bounded(n: int, scheduled: float) -> None:
        async with slots:
            await one(n, scheduled)

    # open every connection and warm the server before measuring
    await asyncio.gather(*(bounded(n, time.perf_counter()) for n in range(clients)))
    latencies.clear()
    errors.clear()
    start = time.perf_counter()
    end = start + seconds
    if rate is None:
        counter = itertools.count()

        async def loop() -> None:
            while time.perf_counter() < end:
                await one(next(counter), time.perf_counter())

        await asyncio.gather(*(loop() for _ in range(clients)))
    else:
        tasks = []
        n = 0
        while (scheduled := start + n / rate) < end:
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(bounded(n, scheduled)))
            n += 1
        await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for connection in idle:
        await connection.close()
    ms = sorted(x * 1000 for x in latencies)

    def pct(q: float) -> float:
        return round(ms[min(len(ms) - 1, int(q * len(ms)))], 1) if ms else 0.0

    return {"route": route, "clients": clients, "rate": rate, "seconds": round(elapsed, 1),
            "requests": len(ms), "errors": dict(errors), "req_per_s": round(len(ms) / elapsed, 1),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup", help="file applications and keep their status tokens")
    s.add_argument("--applications", type=int, default=300)
    s.add_argument("--seed", type=int, default=16)
    r = sub.add_parser("run", help="send status reads and report")
    r.add_argument("--route", choices=("json", "page", "staff"), default="json")
    r.add_argument("--clients", type=int, default=200)
    r.add_argument("--seconds", type=float, default=20.0)
    r.add_argument("--rate", type=float, default=None, help="open loop: requests started per second")
    r.add_argument("--base-url", default=None, help="default: http://127.0.0.1:$CAPIL_API_PORT")
    args = parser.parse_args()
    if args.command == "setup":
        print(setup(args.applications, seed=args.seed), file=sys.stderr)
        return
    from core import load_settings

    settings = load_settings()
    known = json.loads(_tokens_file(settings.data_dir).read_text())
    base_url = args.base_url or f"http://127.0.0.1:{os.environ.get('CAPIL_API_PORT', settings.api_port)}"
    result = asyncio.run(_run(base_url, args.route, known["applications"], known["staff_token"],
                              clients=args.clients, seconds=args.seconds, rate=args.rate))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
