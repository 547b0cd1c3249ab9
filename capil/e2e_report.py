"""Statistics and report of `capil bench e2e`: pure functions over what the run measured.

    percentile(values, q)                    nearest-rank percentile (q in 0..100), None when empty
    stage_summary(applications)              per stage: count, median, p95, max seconds
    summarize(applications, wall=, ...)      the JSON report (latency, throughput, limits, ratios)
    markdown(report) / table(report)         the report for people

An application is one dict as the run measured it: `status`, `pages`, `upload_s`, `latency_s` (202
to archived, seen by the client), `server_latency_s` (received to archived, as recorded), `stages`
({stage: seconds}, from Prefect's task and flow-run states) and `error` when it failed.
"""

from __future__ import annotations

import math
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
              meta: dict[str, Any]) -> dict[str, Any]:
    """The report: latency of the archived applications, throughput over the whole run, the limits
    measured on the same pages and the ratios to them, resources, and whether each target was met."""
    archived = [a for a in applications if a.get("status") == "approved" and a.get("latency_s") is not None]
    failed = [a for a in applications if a.get("error")]
    pages = sum(a.get("pages", 0) for a in applications)
    done_pages = sum(a.get("pages", 0) for a in applications if not a.get("error"))
    pages_per_minute = done_pages / wall * 60 if wall > 0 else 0.0
    latency = _spread([a["latency_s"] for a in archived])
    ocr_seconds = [s for a in applications for k, s in a.get("stages", {}).items() if k.startswith("ocr ")]
    ocr_per_page = (sum(ocr_seconds) / done_pages) if done_pages and ocr_seconds else None
    raw_ppm = raw.get("pages_per_minute") if raw else None
    ratios: dict[str, float | None] = {
        "pipeline_over_raw_tesseract": _r(pages_per_minute / raw_ppm, 3) if raw_ppm else None,
        "ocrmypdf_over_ours_per_page": (_r(ocrmypdf["seconds_per_page"] / ocr_per_page, 2)
                                        if ocrmypdf and ocrmypdf.get("seconds_per_page") and ocr_per_page else None),
    }
    targets: dict[str, bool | None] = {
        "p50_le_5s": None if latency["p50"] is None else latency["p50"] <= TARGET_P50_S,
        "p95_le_10s": None if latency["p95"] is None else latency["p95"] <= TARGET_P95_S,
        "ge_75pct_of_raw_tesseract": (None if ratios["pipeline_over_raw_tesseract"] is None
                                      else ratios["pipeline_over_raw_tesseract"] >= TARGET_LIMIT_FRACTION),
        "ocr_2x_faster_than_ocrmypdf": (None if ratios["ocrmypdf_over_ours_per_page"] is None
                                        else ratios["ocrmypdf_over_ours_per_page"] >= TARGET_OCRMYPDF_RATIO),
        "no_failed_or_stuck_runs": not failed,
        "no_database_locked": not any("database is locked" in (a.get("error") or "") for a in applications),
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
        "raw_tesseract": raw,
        "ocrmypdf": ocrmypdf,
        "ratios": ratios,
        "resources": resources,
        "targets": targets,
        "per_application": applications,
    }


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
    raw, omp = report.get("raw_tesseract"), report.get("ocrmypdf")
    if raw:
        lines.append(f"Raw Tesseract ({raw['processes']} processes, `-l {raw['lang']}`, OMP_THREAD_LIMIT=1): "
                     f"{raw['pages']} pages in {raw['wall_seconds']} s = {raw['pages_per_minute']} pages/minute; "
                     f"pipeline/raw = {_cell(report['ratios']['pipeline_over_raw_tesseract'])}.")
    if omp and omp.get("seconds_per_page"):
        lines.append(f"OCRmyPDF {omp['version']} (`--jobs {omp['jobs']}`): {omp['pages']} pages in "
                     f"{omp['wall_seconds']} s = {omp['seconds_per_page']} s per page; OCRmyPDF/ours per page = "
                     f"{_cell(report['ratios']['ocrmypdf_over_ours_per_page'])}.")
    elif omp:
        lines.append(f"OCRmyPDF: {omp.get('skipped', 'not measured')}.")
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
