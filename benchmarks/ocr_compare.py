"""Two `capil bench ocr --json` reports of the same corpus side by side, per layout family: fields right and the
values read at >= 0.9 (how many, how many wrong), before -> after (issue #14's held-out tables).

    .venv/bin/python benchmarks/ocr_compare.py BEFORE.json AFTER.json

Prints a Markdown table. The two reports must come from the same corpus (same seed and document count); a
family in only one of them shows a dash on the other side.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _load(path: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(Path(path).read_text())
    if report.get("format") != "capil.bench-ocr/1":
        raise SystemExit(f"{path}: not a `capil bench ocr --json` report")
    return report


def _fields(row: dict[str, Any] | None) -> str:
    if row is None:
        return "–"
    return f"{100 * row['field_accuracy']:.1f} %"


def _sure(row: dict[str, Any] | None) -> str:
    if row is None:
        return "–"
    scored = row.get("sure_scored") or 0
    if not scored:
        return "no values"
    wrong = round(scored * (1 - row["sure_accuracy"]))
    return f"{100 * row['sure_accuracy']:.1f} % ({scored:,}; {wrong} wrong)"


def table(before: dict[str, Any], after: dict[str, Any]) -> str:
    if (before.get("corpus_seed"), before.get("documents")) != (after.get("corpus_seed"), after.get("documents")):
        raise SystemExit("the two reports are not of the same corpus (seed or document count differ)")
    old = {row["family"]: row for row in before["by_family"]}
    new = {row["family"]: row for row in after["by_family"]}
    lines = ["| family | documents | fields right, before → after | right at ≥ 0.9 (values; wrong), before → after |",
             "|---|---|---|---|"]
    for family in sorted(old.keys() | new.keys()):
        a, b = old.get(family), new.get(family)
        documents = (b or a or {}).get("documents", "–")
        lines.append(f"| {family} | {documents} | {_fields(a)} → {_fields(b)} | {_sure(a)} → {_sure(b)} |")
    o, n = before["overall"], after["overall"]
    lines.append(f"| **all** ({o['fields_scored']:,} fields) | {after['documents']} | **{_fields(o)} → {_fields(n)}** "
                 f"| **{_sure(o)} → {_sure(n)}** |")
    cpu_a, cpu_b = o["cpu_seconds_per_page"], n["cpu_seconds_per_page"]
    lines.append("")
    lines.append(f"CPU per page, median / p95: {cpu_a['median']:.2f} / {cpu_a['p95']:.2f} s → "
                 f"{cpu_b['median']:.2f} / {cpu_b['p95']:.2f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(table(_load(sys.argv[1]), _load(sys.argv[2])))
