"""`capil bench e2e`'s statistics and report (capil.e2e_report), from measurements made up here."""

from __future__ import annotations

from typing import Any

import pytest

from capil import e2e_report


def _app(i: int, latency: float, *, status: str = "approved", error: str | None = None) -> dict[str, Any]:
    return {"id": f"app-{i}", "status": status, "pages": 2, "latency_s": latency, "server_latency_s": latency - 0.1,
            "stages": {"upload": 0.2, "ocr kk": 1.5, "ocr ijazah": 0.5, "queued (runner poll)": 0.4},
            **({"error": error} if error else {})}


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([], 50, None), ([3.0], 95, 3.0), ([4, 1, 3, 2], 50, 2), ([4, 1, 3, 2], 95, 4),
    (list(range(1, 21)), 95, 19), (list(range(1, 21)), 100, 20),
])
def test_percentiles_are_nearest_rank(values, q, expected) -> None:
    assert e2e_report.percentile(values, q) == expected


def _report(apps: list[dict[str, Any]], **over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "wall": 60.0, "concurrency": 1, "cores": 2, "resources": {},
        "raw": {"pages": 8, "processes": 2, "lang": "ind", "wall_seconds": 6.0, "pages_per_minute": 80.0},
        "ocrmypdf": {"version": "14", "pages": 8, "jobs": 2, "wall_seconds": 32.0, "seconds_per_page": 4.0},
        "meta": {"seed": 1}, **over}
    return e2e_report.summarize(apps, **args)


def test_latency_throughput_ratios_and_targets() -> None:
    apps = [_app(i, latency) for i, latency in enumerate([3.0, 4.0, 4.5, 12.0])]
    report = _report(apps)
    assert report["latency_seconds"] == {"n": 4, "p50": 4.0, "p95": 12.0, "max": 12.0, "mean": 5.88}
    assert report["throughput"] == {"applications_per_hour": 240.0, "pages_per_minute": 8.0}
    assert report["ocr_seconds_per_page"] == 1.0  # (1.5 + 0.5) s over 2 pages, per application
    assert report["ratios"] == {"pipeline_over_raw_tesseract": 0.1, "ocrmypdf_over_ours_per_page": 4.0}
    assert report["targets"] == {"p50_le_5s": True, "p95_le_10s": False, "ge_75pct_of_raw_tesseract": False,
                                 "ocr_2x_faster_than_ocrmypdf": True, "no_failed_or_stuck_runs": True,
                                 "no_database_locked": True}
    assert list(report["stages_seconds"]) == ["upload", "queued (runner poll)", "ocr kk", "ocr ijazah"]
    assert report["stages_seconds"]["ocr kk"]["p50"] == 1.5


def test_failures_count_against_the_run_and_only_archived_applications_make_the_latency() -> None:
    apps = [_app(0, 3.0), _app(1, 9.0, status="needs_review"),
            {"id": "app-2", "status": "stuck", "pages": 2, "stages": {}, "error": "not archived within 600 s"},
            {"status": None, "pages": 2, "stages": {}, "error": "upload: HTTP 500 (sqlite3.OperationalError) "
                                                               "database is locked"}]
    report = _report(apps, raw=None, ocrmypdf={"skipped": "ocrmypdf not installed"})
    assert report["latency_seconds"]["n"] == 1 and report["archived"] == 1
    assert report["statuses"] == {"approved": 1, "needs_review": 1, "stuck": 1, "error": 1}
    assert report["targets"]["no_failed_or_stuck_runs"] is False
    assert report["targets"]["no_database_locked"] is False
    assert report["targets"]["ge_75pct_of_raw_tesseract"] is None  # not measured is not met, nor failed
    assert [f["id"] for f in report["failed"]] == ["app-2", None]
    text = e2e_report.markdown(report)
    assert "OCRmyPDF: ocrmypdf not installed." in text
    assert "| no_failed_or_stuck_runs | **no** |" in text


def test_the_markdown_report_names_each_stage_and_limit() -> None:
    text = e2e_report.markdown(_report([_app(0, 3.0), _app(1, 4.0)]))
    assert "| seen by the client | 2 | 3.00 | 4.00 | 4.00 |" in text
    assert "| ocr kk | 2 | 1.50 | 1.50 | 1.50 | 1.50 |" in text
    assert "8 pages in 6.0 s = 80.0 pages/minute; pipeline/raw = 0.05." in text
    assert "OCRmyPDF/ours per page = 4.00." in text
