"""benchmarks/ocr_compare.py: two `capil bench ocr` reports of one corpus, per family, before -> after."""

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "benchmarks" / "results"
spec = importlib.util.spec_from_file_location("ocr_compare", REPO / "benchmarks" / "ocr_compare.py")
assert spec and spec.loader
ocr_compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ocr_compare)


def _report(name: str) -> dict:
    return json.loads((RESULTS / name).read_text())


def test_each_family_and_the_whole_set_before_and_after() -> None:
    text = ocr_compare.table(_report("ocr-unseen-u14-baseline.json"), _report("ocr-unseen-u14-session14.json"))
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert "12.1 % → 16.4 %" in rows["nikah-u14e"]
    assert "46.7 % (15; 8 wrong) → 100.0 % (7; 0 wrong)" in rows["nikah-u14e"]
    assert "70.9 % → 71.2 %" in rows["**all** (3,854 fields)"]
    assert "(1,477; 32 wrong) → 98.4 % (1,470; 24 wrong)" in rows["**all** (3,854 fields)"]


def test_reports_of_two_corpora_are_refused() -> None:
    with pytest.raises(SystemExit, match="not of the same corpus"):
        ocr_compare.table(_report("ocr-unseen-u14-baseline.json"), _report("ocr-unseen-u13-baseline.json"))
