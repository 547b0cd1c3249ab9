"""What operations watch: liveness, readiness of every part the API needs, and figures for Prometheus.

    GET /health          {"status": "ok"}: kept for `capil up` and older probes (same as live)
    GET /health/live     the process answers; checks nothing else (open)
    GET /health/ready    database, object storage, Prefect, TSA, each checked at once with a short
                         timeout; 200 when all are ok, else 503 (open: the answer holds no secret
                         and no personal data). Prefect's client is loaded as the app starts and
                         before the checks, never inside their timeout: the first call after
                         `capil up` reports the truth
    GET /metrics         Prometheus text format (role `admin`: a session, or an API token of an admin
                         account as the scraper's bearer token)

Readiness parts, each `{"ok", "ms", "error"}`:

    database        a query (the schema revision) that must equal the newest migration
    object_storage  both buckets exist (a HEAD on each)
    prefect         the Prefect API answers, authenticated, and knows the process-application deployment
    tsa             the time-stamping service answers HTTP (a GET, no timestamp is bought); not
                    asked at `pades_level` B-B, which needs none

Figures (`registry.Figures`): applications by status, the age of the oldest application waiting in
each open status, stage latencies of the applications received in the last 24 hours (from the times
the database records: arrival, automatic decision, a verifikator's decision, archiving) and the OCR
pages read. Only counts and seconds: no NIK, name or document value.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse

import flows
import registry
import signing
from casework import Services
from core import CapilError, DocumentType, Status
from flows import PROCESS_DEPLOYMENT

from ._auth import Staff, Svc, role
from ._queue import Starter

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 3.0
"""How long /health/ready waits for the slowest part; a part that has not answered by then is down."""
METRICS_WINDOW = dt.timedelta(hours=24)
"""Stage latencies cover the applications received within this window."""
QUANTILES = (0.5, 0.95, 1.0)
WAITING = (Status.RECEIVED, Status.PROCESSING, Status.NEEDS_REVIEW)
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"

Admin = Annotated[Staff, Depends(role("admin"))]


def install(app: FastAPI) -> None:
    app.add_api_route("/health/live", live, methods=["GET"], tags=["operasi"])
    app.add_api_route("/health/ready", ready, methods=["GET"], tags=["operasi"],
                      responses={503: {"description": "Satu bagian atau lebih tidak siap"}})
    app.add_api_route("/metrics", metrics, methods=["GET"], tags=["operasi"], response_class=PlainTextResponse,
                      responses={200: {"content": {PROMETHEUS_TEXT: {}}}})
    app.router.on_startup.append(warm_up)


def warm_up() -> None:
    """As the app starts: load Prefect's client in the background (seconds on a busy machine). Without
    it the first /health/ready spent its few seconds on the import and called Prefect down. Not a daemon
    thread: a process that exits while a daemon thread imports is aborted ("FATAL: exception not
    rethrown", exit 134: a short test run did), so exit waits for the import instead."""
    threading.Thread(target=_load_prefect_client, name="load-prefect-client").start()


def _load_prefect_client() -> None:
    try:
        flows.load_client()
    except Exception as e:  # the prefect check meets it and says so
        log.warning("Prefect's client did not load (%s)", type(e).__name__)


def live() -> dict[str, str]:
    """The API process answers. Nothing else is checked (a restart cannot fix a database)."""
    return {"status": "ok"}


def ready(svc: Svc, starter: Starter) -> JSONResponse:
    """Whether the API can serve: database, object storage, Prefect and the TSA, checked concurrently,
    each within a few seconds. 200 with every part ok, else 503 naming the parts that are not."""
    _load_prefect_client()  # at once when loaded; else waits for the loading (not part of a check's time)
    checks: dict[str, Callable[[], None]] = {
        "database": lambda: _database(svc),
        "object_storage": lambda: _object_storage(svc),
        "prefect": lambda: starter.check(PROCESS_DEPLOYMENT),
        "tsa": lambda: _tsa(svc),
    }
    parts = run_checks(checks, timeout=READY_TIMEOUT_S)
    ok = all(p["ok"] for p in parts.values())
    if not ok:
        log.warning("not ready: %s", ", ".join(f"{k}: {v['error']}" for k, v in parts.items() if not v["ok"]))
    return JSONResponse({"status": "ok" if ok else "unavailable", "parts": parts}, status_code=200 if ok else 503,
                        headers={"Cache-Control": "no-store"})


def run_checks(checks: dict[str, Callable[[], None]], *, timeout: float) -> dict[str, dict[str, Any]]:
    """Run every check at once; each gives {ok, ms, error}. A check still running after `timeout`
    seconds is reported down (its thread is left to finish on its own)."""
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}

    def timed(name: str, check: Callable[[], None]) -> None:
        t0 = time.perf_counter()
        error = None
        try:
            check()
        except CapilError as e:
            error = str(e)
        except Exception as e:  # any failure of a part is that part down, never a 500
            error = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}".rstrip(": ")
        results[name] = {"ok": error is None, "ms": round((time.perf_counter() - t0) * 1000, 1), "error": error}

    pool = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="ready")
    try:
        futures = [pool.submit(timed, name, check) for name, check in checks.items()]
        wait(futures, timeout=timeout)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    late = round((time.perf_counter() - started) * 1000, 1)
    return {name: dict(results.get(name) or {"ok": False, "ms": late, "error": f"no answer within {timeout:g} s"})
            for name in checks}


def _database(svc: Services) -> None:
    revision, head = svc.database.revision(), registry.head_revision()
    if revision != head:
        raise CapilError(f"database schema at {revision}, expected {head}: run `capil registry migrate`")


def _object_storage(svc: Services) -> None:
    s = svc.settings
    missing = [b for b in (s.intake_bucket, s.archive_bucket) if not svc.store.bucket_exists(b)]
    if missing:
        raise CapilError(f"bucket(s) missing at {svc.store.endpoint}: {', '.join(missing)}")


def tsa_url(svc: Services) -> str:
    s = svc.settings
    return s.tsa_url or signing.tsa_url(s.pki_dir, port=s.pki_port)


def _tsa(svc: Services) -> None:
    if svc.settings.pades_level.strip().upper() == "B-B":
        return  # documents without timestamps: no TSA is needed
    url = tsa_url(svc)
    try:
        answer = httpx.get(url, timeout=READY_TIMEOUT_S)
    except httpx.HTTPError as e:
        raise CapilError(f"TSA {url} did not answer ({type(e).__name__})") from e
    if answer.status_code >= 500 or answer.status_code == 404:
        raise CapilError(f"TSA {url} answered HTTP {answer.status_code}")


# --- /metrics --------------------------------------------------------------------------------------


def metrics(svc: Svc, _who: Admin) -> PlainTextResponse:
    """Figures for Prometheus (text format 0.0.4): applications by status, queue age, stage latencies,
    OCR pages. Staff with the role `admin` (a scraper uses an admin's API token)."""
    return PlainTextResponse(render_metrics(registry.Figures(svc.database)), media_type=PROMETHEUS_TEXT,
                             headers={"Cache-Control": "no-store"})


def render_metrics(figures: registry.Figures, *, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    out: list[str] = []
    _family(out, "capil_applications", "gauge", "Applications by status, now.",
            [({"status": str(s)}, n) for s, n in figures.counts_by_status().items()])
    oldest = figures.oldest_waiting(WAITING)
    _family(out, "capil_queue_oldest_age_seconds", "gauge",
            "Seconds the oldest application in each open status has waited since it arrived (0: none waits).",
            [({"status": str(s)}, (now - at).total_seconds() if at else 0.0) for s, at in oldest.items()])
    durations = stage_seconds(figures.stage_durations(since=now - METRICS_WINDOW))
    out += ["# HELP capil_stage_seconds Seconds each stage took, over the applications received in the last "
            "24 hours: decide (arrival to the automatic decision: read and cross-check), review (to a "
            "verifikator's decision), issue (approval to the signed KK archived), end_to_end (arrival to "
            "archived).",
            "# TYPE capil_stage_seconds summary"]
    for stage, values in durations.items():
        for q in QUANTILES:
            out.append(f'capil_stage_seconds{{stage="{stage}",quantile="{q:g}"}} {_num(_quantile(values, q))}')
        out.append(f'capil_stage_seconds_sum{{stage="{stage}"}} {_num(sum(values))}')
        out.append(f'capil_stage_seconds_count{{stage="{stage}"}} {len(values)}')
    pages = figures.ocr_pages(tuple(str(d) for d in DocumentType))
    _family(out, "capil_ocr_pages_total", "counter", "Pages read by the OCR, by document type.",
            [({"document": d}, n) for d, n in pages.items()])
    return "\n".join(out) + "\n"


STAGES = ("decide", "review", "issue", "end_to_end")


def stage_seconds(times: list[registry.StageTimes]) -> dict[str, list[float]]:
    """Per stage, the seconds it took for each application that went through it."""
    out: dict[str, list[float]] = {stage: [] for stage in STAGES}

    def add(stage: str, start: dt.datetime | None, end: dt.datetime | None) -> None:
        if start is not None and end is not None:
            out[stage].append(max(0.0, (end - start).total_seconds()))

    for t in times:
        add("decide", t.received_at, t.automatic_at)
        add("review", t.automatic_at, t.review_at)
        add("issue", t.review_at or t.automatic_at, t.archived_at)
        add("end_to_end", t.received_at, t.archived_at)
    return out


def _quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile; NaN for no values (Prometheus' convention for an empty summary)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _family(out: list[str], name: str, kind: str, help_text: str,
            samples: list[tuple[dict[str, str], float]]) -> None:
    out += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        text = ",".join(f'{k}="{v}"' for k, v in labels.items())
        out.append(f"{name}{{{text}}} {_num(value)}")


def _num(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"
