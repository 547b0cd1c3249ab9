"""Statistics and report of `capil bench e2e`: pure functions over what the run measured.

    percentile(values, q)                    nearest-rank percentile (q in 0..100), None when empty
    stage_summary(applications)              per stage: count, median, p95, max seconds
    summarize(applications, wall=, ...)      the JSON report (latency, throughput, limits, ratios)
    cpu_by_role(processes, alive=)           CPU seconds per process kind from /proc samples
    count_requests(access_log_text)          the Prefect server's requests by method and path
    count_unavailable(access_log_text)       its `503` answers (database busy or locked) by method and path
    markdown(report) / table(report)         the report for people

An application is one dict as the run measured it: `status`, `pages`, `upload_s`, `latency_s` (202
to archived, seen by the client), `server_latency_s` (received to archived, as recorded), `stages`
({stage: seconds}, from Prefect's task and flow-run states) and `error` when it failed.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from typing import Any

TARGET_P50_S = 5.0
TARGET_P95_S = 10.0
TARGET_LIMIT_FRACTION = 0.75
TARGET_OCRMYPDF_RATIO = 2.0

STAGES = ("upload", "queued (runner poll)", "flow-run process start", "mark processing (cage start)",
          "ocr kk", "ocr ijazah", "ocr buku_nikah", "read documents (all)", "cross-check", "record change",
          "render+sign+archive KK", "archive evidence", "record document", "finish (artifacts, state)")
"""The stages in the order they run; `ocr …` per document type (the documents are read in parallel)."""


def percentile(values: Iterable[float], q: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least q % of the values at or below it."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _spread(values: list[float]) -> dict[str, float | int | None]:
    return {"n": len(values), "p50": _r(percentile(values, 50)), "p95": _r(percentile(values, 95)),
            "max": _r(max(values)) if values else None,
            "mean": _r(statistics.fmean(values)) if values else None}


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def stage_summary(applications: list[dict[str, Any]]) -> dict[str, dict[str, float | int | None]]:
    """Per stage, over the applications that went through it: n, p50, p95, max and mean seconds."""
    seen: dict[str, list[float]] = {}
    for app in applications:
        for stage, seconds in app.get("stages", {}).items():
            seen.setdefault(stage, []).append(seconds)
    order = {stage: i for i, stage in enumerate(STAGES)}
    return {stage: _spread(seen[stage]) for stage in sorted(seen, key=lambda s: (order.get(s, len(order)), s))}


def summarize(applications: list[dict[str, Any]], *, wall: float, concurrency: int, cores: int,
              raw: dict[str, Any] | None, ocrmypdf: dict[str, Any] | None, resources: dict[str, Any],
              meta: dict[str, Any], ours: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report: latency of the archived applications, throughput over the whole run, the limits
    measured on the same pages and the ratios to them, resources, and whether each target was met.

    `ours` is our reader measured as the limits are (the same pages, one process per core, wall / pages):
    the figure OCRmyPDF is compared with. `ocr_seconds_per_page` is the in-pipeline OCR stage (task wall
    time per page, the documents of one application read at once), a separate figure."""
    archived = [a for a in applications if a.get("status") == "approved" and a.get("latency_s") is not None]
    failed = [a for a in applications if a.get("error")]
    pages = sum(a.get("pages", 0) for a in applications)
    done_pages = sum(a.get("pages", 0) for a in applications if not a.get("error"))
    pages_per_minute = done_pages / wall * 60 if wall > 0 else 0.0
    latency = _spread([a["latency_s"] for a in archived])
    ocr_seconds = [s for a in applications for k, s in a.get("stages", {}).items() if k.startswith("ocr ")]
    ocr_per_page = (sum(ocr_seconds) / done_pages) if done_pages and ocr_seconds else None
    raw_ppm = raw.get("pages_per_minute") if raw else None
    ours_per_page = (ours or {}).get("seconds_per_page") or ocr_per_page
    omp_per_page = (ocrmypdf or {}).get("seconds_per_page")
    ratios: dict[str, float | None] = {
        "pipeline_over_raw_tesseract": _r(pages_per_minute / raw_ppm, 3) if raw_ppm else None,
        "ocrmypdf_over_ours_per_page": _r(omp_per_page / ours_per_page, 2) if omp_per_page and ours_per_page else None,
        "ocrmypdf_over_in_pipeline_ocr_per_page": (_r(omp_per_page / ocr_per_page, 2)
                                                   if omp_per_page and ocr_per_page else None),
    }
    targets: dict[str, bool | None] = {
        "p50_le_5s": None if latency["p50"] is None else latency["p50"] <= TARGET_P50_S,
        "p95_le_10s": None if latency["p95"] is None else latency["p95"] <= TARGET_P95_S,
        "ge_75pct_of_raw_tesseract": (None if ratios["pipeline_over_raw_tesseract"] is None
                                      else ratios["pipeline_over_raw_tesseract"] >= TARGET_LIMIT_FRACTION),
        "ocr_2x_faster_than_ocrmypdf": (None if ratios["ocrmypdf_over_ours_per_page"] is None
                                        else ratios["ocrmypdf_over_ours_per_page"] >= TARGET_OCRMYPDF_RATIO),
        "no_failed_or_stuck_runs": not failed,
        "no_database_locked": (not any("database is locked" in (a.get("error") or "") for a in applications)
                               and not (resources.get("prefect_unavailable") or {})),
    }
    statuses: dict[str, int] = {}
    for a in applications:
        statuses[a.get("status") or "error"] = statuses.get(a.get("status") or "error", 0) + 1
    return {
        **meta,
        "applications": len(applications),
        "concurrency": concurrency,
        "cores": cores,
        "statuses": statuses,
        "archived": len(archived),
        "failed": [{"id": a.get("id"), "error": a["error"]} for a in failed],
        "pages": pages,
        "wall_seconds": _r(wall, 1),
        "latency_seconds": latency,
        "server_latency_seconds": _spread([a["server_latency_s"] for a in archived
                                           if a.get("server_latency_s") is not None]),
        "stages_seconds": stage_summary(applications),
        "throughput": {"applications_per_hour": _r((len(applications) - len(failed)) / wall * 3600 if wall else 0.0, 1),
                       "pages_per_minute": _r(pages_per_minute, 1)},
        "ocr_seconds_per_page": _r(ocr_per_page, 2),
        "our_reader": ours,
        "cpu_per_application": cpu_per_application(resources, raw, applications=len(applications) - len(failed),
                                                   pages=done_pages, wall=wall),
        "prefect_requests_per_application": prefect_requests(resources.get("prefect_requests"),
                                                             applications=len(applications)),
        "prefect_unavailable": resources.get("prefect_unavailable"),
        "raw_tesseract": raw,
        "ocrmypdf": ocrmypdf,
        "ratios": ratios,
        "resources": resources,
        "targets": targets,
        "per_application": applications,
    }


RUNNER_POLL = "POST /api/deployments/get_scheduled_flow_runs"
"""The runner asks for due runs every few seconds whatever the load: reported apart from the runs' own."""


def cpu_per_application(resources: dict[str, Any], raw: dict[str, Any] | None, *, applications: int,
                        pages: int, wall: float = 0.0) -> dict[str, Any] | None:
    """The stack's CPU seconds per finished application by process kind, their total, what raw Tesseract
    spends on the same pages per application (the budget's unit), and the idle floor: what the stack
    spends with nothing to do (`idle_cpu_seconds_per_second`) over the run's wall time, per application
    (part of the total; it shrinks as throughput grows)."""
    by_process = resources.get("cpu_seconds_by_process")
    if not by_process or not applications:
        return None
    per_app = {role: round(seconds / applications, 2) for role, seconds in by_process.items()}
    total = sum(by_process.values()) / applications
    raw_cpu = raw.get("cpu_seconds_per_page") if raw else None
    raw_per_app = raw_cpu * pages / applications if raw_cpu is not None else None
    idle = resources.get("idle_cpu_seconds_per_second")
    idle_per_app = sum(idle.values()) * wall / applications if idle and wall else None
    return {"by_process": per_app, "total": round(total, 2),
            "idle_floor": _r(idle_per_app, 2),
            "raw_tesseract": _r(raw_per_app, 2),
            "total_over_raw_tesseract": _r(total / raw_per_app, 2) if raw_per_app else None}


def prefect_requests(counts: dict[str, int] | None, *, applications: int) -> dict[str, Any] | None:
    """Requests to the Prefect server per application, the runner's polling apart."""
    if not counts or not applications:
        return None
    runs = {k: v for k, v in counts.items() if k != RUNNER_POLL}
    return {"total": round(sum(runs.values()) / applications, 1),
            "runner_polls_in_run": counts.get(RUNNER_POLL, 0),
            "by_request": {k: round(v / applications, 1) for k, v in runs.items()}}


_ACCESS_LINE = re.compile(r'uvicorn\.access - \S+ - "(\w+) (\S+) HTTP')
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def count_requests(text: str) -> dict[str, int] | None:
    """{"METHOD /path": n}, ids as `{id}`, most frequent first; None when the text has no access line."""
    counts: dict[str, int] = {}
    for method, path in _ACCESS_LINE.findall(text):
        key = f"{method} {_ID.sub('{id}', path.split('?')[0])}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])) or None


_STATUS_LINE = re.compile(r'uvicorn\.access - \S+ - "(\w+) (\S+) HTTP/[\d.]+" (\d{3})')


def count_unavailable(text: str) -> dict[str, int] | None:
    """{"METHOD /path": n} of the Prefect server's `503` answers (its database busy: on SQLite, "database is
    locked"; the client backs off seconds and asks again), most frequent first; {} when the text has access
    lines and none is a 503, None when it has no access line (the count is unknown)."""
    counts: dict[str, int] = {}
    seen = False
    for method, path, status in _STATUS_LINE.findall(text):
        seen = True
        if status == "503":
            key = f"{method} {_ID.sub('{id}', path.split('?')[0])}"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])) if seen else None


def cpu_by_role(entries: list[dict[str, Any]], *, alive: set[tuple[int, int]]) -> dict[str, float]:
    """CPU seconds per role spent during the run: each process's own time sampled over the run, plus, per
    parent, the time its children spent that the samples missed.

    When a parent reaps a child, the child's whole time (its own and its reaped children's) is added to
    the parent's reaped-children time, so what a parent reaped during the run minus the last sampled
    times of its children that ended is what those children spent after their last sample, or in
    children never sampled at all. That remainder goes to the role of the ended children it was seen
    with (`<role> (unsampled children)` when none was seen)."""
    out: dict[str, float] = {}
    for e in entries:
        out[e["role"]] = out.get(e["role"], 0.0) + max(0.0, e["cpu"] - e["cpu0"])
    by_pid: dict[int, list[dict[str, Any]]] = {}
    for e in entries:
        by_pid.setdefault(e["pid"], []).append(e)
    children: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in entries:
        parent = max((p for p in by_pid.get(e["ppid"], []) if p["start"] <= e["start"]),
                     key=lambda p: p["start"], default=None)
        if parent is not None:
            children.setdefault((parent["pid"], parent["start"]), []).append(e)
    for p in entries:
        ended = [c for c in children.get((p["pid"], p["start"]), []) if (c["pid"], c["start"]) not in alive]
        missed = (p.get("reaped", p["reaped0"]) - p["reaped0"]) - sum(c["cpu"] + c.get("reaped", 0.0) for c in ended)
        if missed > 0.005:
            roles = [c["role"] for c in ended]
            role = max(set(roles), key=roles.count) if roles else f"{p['role']} (unsampled children)"
            out[role] = out.get(role, 0.0) + missed
    return out



def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def markdown(report: dict[str, Any]) -> str:
    lat = report["latency_seconds"]
    lines = [
        f"# capil bench e2e: {report['applications']} applications, concurrency {report['concurrency']}",
        "",
        f"Commit {report.get('commit', '?')}, {report.get('started_at', '?')}, {report['cores']} cores; "
        f"statuses {report['statuses']}; wall {report['wall_seconds']} s.",
        "",
        "| end to end (202 → archived) | n | p50 | p95 | max |",
        "|---|---|---|---|---|",
        f"| seen by the client | {lat['n']} | {_cell(lat['p50'])} | {_cell(lat['p95'])} | {_cell(lat['max'])} |",
        *(f"| recorded (received → archived) | {s['n']} | {_cell(s['p50'])} | {_cell(s['p95'])} | "
          f"{_cell(s['max'])} |" for s in [report["server_latency_seconds"]]),
        "",
        "| stage | n | p50 s | p95 s | max s | mean s |",
        "|---|---|---|---|---|---|",
        *(f"| {stage} | {s['n']} | {_cell(s['p50'])} | {_cell(s['p95'])} | {_cell(s['max'])} | {_cell(s['mean'])} |"
          for stage, s in report["stages_seconds"].items()),
        "",
        f"Throughput: {report['throughput']['applications_per_hour']} applications/hour, "
        f"{report['throughput']['pages_per_minute']} pages/minute ({report['pages']} pages); "
        f"OCR+extraction {_cell(report['ocr_seconds_per_page'])} s per page.",
    ]
    raw, omp, ours = report.get("raw_tesseract"), report.get("ocrmypdf"), report.get("our_reader")
    if raw:
        lines.append(f"Raw Tesseract ({raw['processes']} processes, `-l {raw['lang']}`, OMP_THREAD_LIMIT=1): "
                     f"{raw['pages']} pages in {raw['wall_seconds']} s = {raw['pages_per_minute']} pages/minute"
                     + (f", {raw['cpu_seconds_per_page']} CPU-s per page" if "cpu_seconds_per_page" in raw else "")
                     + f"; pipeline/raw = {_cell(report['ratios']['pipeline_over_raw_tesseract'])}.")
    if ours:
        lines.append(f"Our reader (`ocr.read` with extraction, {ours['processes']} processes): {ours['pages']} pages "
                     f"({ours['documents']} documents) in {ours['wall_seconds']} s = {ours['seconds_per_page']} s per "
                     f"page, {ours['cpu_seconds_per_page']} CPU-s per page"
                     + (f"; errors {', '.join(ours['errors'])}" if ours.get("errors") else "") + ".")
    if omp and omp.get("seconds_per_page"):
        lines.append(f"OCRmyPDF {omp['version']} (`--jobs {omp['jobs']}`): {omp['pages']} pages in "
                     f"{omp['wall_seconds']} s = {omp['seconds_per_page']} s per page; OCRmyPDF/ours per page = "
                     f"{_cell(report['ratios']['ocrmypdf_over_ours_per_page'])} (over the in-pipeline OCR stage: "
                     f"{_cell(report['ratios'].get('ocrmypdf_over_in_pipeline_ocr_per_page'))}).")
    elif omp:
        lines.append(f"OCRmyPDF: {omp.get('skipped', 'not measured')}.")
    cpu = report.get("cpu_per_application")
    if cpu:
        lines += ["", "| CPU-s per application | seconds |", "|---|---|",
                  *(f"| {role} | {_cell(float(s))} |" for role, s in cpu["by_process"].items()),
                  f"| **stack total** | **{_cell(float(cpu['total']))}** |",
                  f"| of which the idle stack's floor (idle CPU/s × wall) | {_cell(cpu.get('idle_floor'))} |",
                  f"| raw Tesseract, same pages | {_cell(cpu['raw_tesseract'])} |",
                  f"| stack / raw Tesseract | {_cell(cpu['total_over_raw_tesseract'])} |"]
    requests = report.get("prefect_requests_per_application")
    if requests:
        top = list(requests["by_request"].items())[:12]
        lines += ["", f"Prefect API requests per application: {requests['total']} (the runner's polls apart: "
                      f"{requests['runner_polls_in_run']} in the run).", "",
                  "| request | per application |", "|---|---|", *(f"| `{k}` | {v} |" for k, v in top)]
    unavailable = report.get("prefect_unavailable")
    if unavailable is not None:
        total = sum(unavailable.values())
        lines += ["", f"Prefect server answers `503` (its database busy or locked; the client backs off and asks "
                      f"again): {total}" + (" — " + ", ".join(f"`{k}` {v}" for k, v in unavailable.items())
                                            if unavailable else "") + "."]
    res = report.get("resources") or {}
    if res:
        lines += ["", f"CPU: stack {_cell(res.get('stack_cpu_utilisation'))} of {report['cores']} cores "
                      f"(machine {_cell(res.get('machine_cpu_utilisation'))}); idle stack memory "
                      f"{_cell(res.get('idle_stack_rss_mb'))} MB.", "",
                  "| process | count | peak RSS MB |", "|---|---|---|",
                  *(f"| {role} | {p['count']} | {_cell(p['peak_rss_mb'])} |"
                    for role, p in sorted(res.get("peak_by_process", {}).items()))]
    lines += ["", "| target | met |", "|---|---|",
              *(f"| {name} | {_cell(met)} |" for name, met in report["targets"].items())]
    if report["failed"]:
        lines += ["", "Failed: " + "; ".join(f"{f['id']}: {f['error']}" for f in report["failed"])]
    return "\n".join(lines) + "\n"


def table(report: dict[str, Any]) -> str:
    return markdown(report)
