"""Is the OCR's confidence calibrated? Reads a synthetic corpus and tabulates confidence against correctness.

    .venv/bin/python benchmarks/ocr_calibration.py --data CORPUS [--jobs 2] [--json OUT.json] [--markdown OUT.md]

The committed reports are benchmarks/results/calibration-<corpus>.{json,md} (see docs/benchmarks.md).

For every field with a non-null truth value (KK member cells included, as in
`capil bench ocr`), the extracted value's confidence and whether it equals the
truth. Reports accuracy per confidence band, the accuracy of everything at
>= 0.9 (target: >= 99 %), and how many right values fall below the review
threshold 0.80 (they cost a verifikator's time). Documents detected as the
wrong type or failing count as wrong at confidence 0; every wrong value at
>= 0.9 is listed in the JSON. Also reports CPU seconds per page (the worker's
own plus its Tesseract workers', `ocr.tesseract_cpu`), which unlike wall time does not grow when
other work shares the cores.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
from pathlib import Path
from typing import Any

BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.98), (0.98, 1.01))
THRESHOLD = 0.80


def _cpu() -> float:
    """This process's CPU time; `_read` adds the Tesseract workers' (`ocr.tesseract_cpu`: they live on between
    documents, so they never show up in RUSAGE_CHILDREN)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _read(task: tuple[str, str]) -> tuple[list[tuple[str, str, float, bool]], float]:
    import ocr

    path, truth_path = task
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    start = _cpu()
    with ocr.tesseract_cpu() as tesseract:
        try:
            extraction = ocr.extract(Path(path).read_bytes())
            out, pages = extraction.to_dict(), extraction.pages
        except Exception:  # a failure is a measurement: every field wrong at confidence 0
            out, pages = {"document_type": None, "fields": {}, "anggota": []}, 1
    cpu = (_cpu() - start + tesseract.seconds) / pages
    if out["document_type"] != truth["document_type"]:
        out = {"fields": {}, "anggota": []}
    records = []
    for name, want in truth["fields"].items():
        if want is not None:
            got = out["fields"].get(name, {})
            records.append((name, Path(path).name, float(got.get("confidence", 0.0)), got.get("value") == want))
    rows = out.get("anggota", [])
    for i, row in enumerate(truth.get("anggota", [])):
        found = rows[i] if i < len(rows) else {}
        for name, want in row.items():
            if want is not None:
                got = found.get(name, {})
                records.append((f"anggota.{name}", Path(path).name, float(got.get("confidence", 0.0)),
                                got.get("value") == want))
    return records, cpu


def run(data: Path, *, jobs: int) -> dict[str, Any]:
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    tasks = [(str(data / d["file"]), str(data / d["truth"])) for d in manifest["documents"]]
    variants = {str(data / d["file"]): d["variant"] for d in manifest["documents"]}
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_read, tasks, chunksize=1)
        pool.close()  # workers exit on their own and close their Tesseract workers (terminate would orphan them)
        pool.join()
    records = [(variants[t[0]], *r) for t, (rs, _) in zip(tasks, results, strict=True) for r in rs]
    cpu: dict[str, list[float]] = {}
    for doc, (_, seconds) in zip(manifest["documents"], results, strict=True):
        cpu.setdefault(f"{doc['document_type']} {doc['variant']}", []).append(seconds)
    rep = report(records)
    rep["cpu_seconds_per_page_median"] = {k: round(statistics.median(v), 2) for k, v in sorted(cpu.items())}
    return rep


def report(records: list[tuple[str, str, str, float, bool]]) -> dict[str, Any]:
    bands = []
    for low, high in BANDS:
        inside = [r for r in records if low <= r[3] < high]
        right = sum(r[4] for r in inside)
        bands.append({"band": f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}", "fields": len(inside),
                      "right": right, "accuracy": round(right / len(inside), 4) if inside else None})
    high = [r for r in records if r[3] >= 0.9]
    right_low = [r for r in records if r[4] and r[3] < THRESHOLD]
    wrong_high = [r for r in records if not r[4] and r[3] >= 0.9]
    return {
        "fields": len(records), "bands": bands,
        "at_or_above_0.9": {"fields": len(high), "accuracy": round(sum(r[4] for r in high) / len(high), 4)
                            if high else None},
        "right_but_below_threshold": {"fields": len(right_low),
                                      "share_of_right": round(len(right_low) / max(1, sum(r[4] for r in records)), 4)},
        "wrong_at_or_above_0.9": [{"variant": r[0], "field": r[1], "file": r[2], "confidence": r[3]}
                                  for r in wrong_high],
    }


def markdown(rep: dict[str, Any]) -> str:
    lines = ["| confidence | fields | right | accuracy |", "|---|---:|---:|---:|"]
    for b in rep["bands"]:
        acc = "—" if b["accuracy"] is None else f"{100 * b['accuracy']:.1f}%"
        lines.append(f"| {b['band']} | {b['fields']} | {b['right']} | {acc} |")
    hi = rep["at_or_above_0.9"]
    lo = rep["right_but_below_threshold"]
    acc = "—" if hi["accuracy"] is None else f"{100 * hi['accuracy']:.2f}%"
    lines += ["", f"Confidence >= 0.9: {hi['fields']} fields, {acc} right "
              f"({len(rep['wrong_at_or_above_0.9'])} wrong). Right values below the review threshold "
              f"{THRESHOLD}: {lo['fields']} ({100 * lo['share_of_right']:.1f}% of right values)."]
    if "cpu_seconds_per_page_median" in rep:
        lines += ["", "| type variant | CPU s/page (median; process + Tesseract children) |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in rep["cpu_seconds_per_page_median"].items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    rep = run(args.data, jobs=args.jobs)
    if args.json:
        args.json.write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown(rep), encoding="utf-8")
    print(markdown(rep))


if __name__ == "__main__":
    main()
