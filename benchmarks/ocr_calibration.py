"""Is the OCR's confidence calibrated? Reads a synthetic corpus and tabulates confidence against correctness.

    .venv/bin/python benchmarks/ocr_calibration.py --data CORPUS [--jobs 2] [--json OUT.json] [--markdown OUT.md]
    .venv/bin/python benchmarks/ocr_calibration.py --data CORPUS --dump OUT.jsonl [--families A,B]
    .venv/bin/python benchmarks/ocr_calibration.py --replay OUT.jsonl [--by-signal]

`--dump` reads each document once (one at a time, as `capil bench ocr --jobs 1` does) and writes one JSON
line per document: the extraction with every value's confidence and box, the type's confidence, the
words of every page, the truth. It runs on an older tree too (`PYTHONPATH=OLD_TREE`), so the extractor
of a commit can be measured on families it never met. `--replay` scores such a dump as read, and again
with the page's understanding applied (`ocr.confidence.understood`, the current policy, on the dumped
words and values: no Tesseract); `--by-signal` tabulates right-at->=0.9 per signal.

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
    sure = [r for r in records if r[3] >= 0.9]
    right_low = [r for r in records if r[4] and r[3] < THRESHOLD]
    wrong_high = [r for r in records if not r[4] and r[3] >= 0.9]
    return {
        "fields": len(records), "bands": bands,
        "at_or_above_0.9": {"fields": len(sure), "accuracy": round(sum(r[4] for r in sure) / len(sure), 4)
                            if sure else None},
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


def dump(data: Path, out: Path, *, families: set[str] | None = None, every: int = 1) -> None:
    """One JSON line per document of `data` (of `families` if given; every `every`-th of them, a sample
    when the machine is busy) to `out`, read one at a time by
    whichever `ocr` is first on sys.path; a document already in `out` is not read again (a dump that was
    stopped goes on where it stopped)."""
    import ocr

    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    done = set()
    if out.exists():
        done = {json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines() if line}
    print(f"ocr from {Path(ocr.__file__).parent}", flush=True)
    chosen = [d for d in manifest["documents"] if not families or d.get("family") in families][::every]
    with out.open("a", encoding="utf-8") as sink:
        for doc in chosen:
            family = doc.get("family")
            if doc["file"] in done:
                continue
            truth = json.loads((data / doc["truth"]).read_text(encoding="utf-8"))
            line: dict[str, Any] = {"file": doc["file"], "family": family, "variant": doc["variant"], "truth": truth}
            try:
                reading = ocr.read((data / doc["file"]).read_bytes())
                line |= {"extraction": reading.extraction.to_dict(), "type_confidence": reading.type_confidence,
                         "pages": [_page_dict(p) for p in reading._pages]}
            except Exception as e:  # a failure is a measurement
                line |= {"error": type(e).__name__}
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            sink.flush()
            print(doc["file"], family, line.get("error", ""), flush=True)


def _page_dict(page: Any) -> dict[str, Any]:
    return {"number": page.number, "source": page.source,
            "words": [[w.text, round(float(w.confidence), 3), *(int(v) for v in w.bbox)] for w in page.words]}


def replay(dumps: list[Path], *, by_signal: bool = False) -> dict[str, Any]:
    """Score dumps as read and with `ocr.confidence.understood` applied: per family and overall, values
    right at >= 0.9, and the share of right values that stay >= 0.9 (what automatic approval lives on)."""
    from ocr.confidence import found_share, understood

    tally: dict[str, dict[str, int]] = {}
    signals: dict[str, dict[str, int]] = {}
    misses: list[dict[str, Any]] = []
    for path in dumps:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            got = doc.get("extraction")
            if not got or got["document_type"] != doc["truth"]["document_type"]:
                got = None
            after, doubts = got, {}
            if got:
                fields, rows, found = understood(got["document_type"], _values(got["fields"]),
                                                 [_values(r) for r in got.get("anggota", [])], _pages(doc))
                after = {"fields": _dicts(fields), "anggota": [_dicts(r) for r in rows]}
                doubts = {d.key: d.signal for d in found}
                share = found_share(got["document_type"], _values(got["fields"]),
                                    [_values(r) for r in got.get("anggota", [])])
                page = "page share < 0.5 (measured, not applied)" if share < 0.5 else \
                    "page share >= 0.5 (measured, not applied)"
            for family in (doc["family"], "all"):
                t = tally.setdefault(family, dict.fromkeys(
                    ("fields", "right", "sure", "sure_right", "sure_after", "sure_right_after"), 0))
                for (key, want, before), (_, _, now) in zip(_pairs(doc["truth"], got), _pairs(doc["truth"], after),
                                                             strict=True):
                    right = before.get("value") == want
                    t["fields"] += 1
                    t["right"] += right
                    for suffix, value in (("", before), ("_after", now)):
                        if value.get("confidence", 0.0) >= 0.9:
                            t["sure" + suffix] += 1
                            t["sure_right" + suffix] += right
                    if family == "all" and got and before.get("confidence", 0.0) >= 0.9:
                        s = signals.setdefault(page, {"taken_out": 0, "wrong": 0})
                        s["taken_out"] += 1
                        s["wrong"] += not right
                    if family == "all" and key in doubts:
                        s = signals.setdefault(doubts[key], {"taken_out": 0, "wrong": 0})
                        s["taken_out"] += 1
                        s["wrong"] += not right
                    if family == "all" and not right and now.get("confidence", 0.0) >= 0.9:
                        misses.append({"file": doc["file"], "family": doc["family"], "variant": doc["variant"],
                                       "field": key, "truth": want, "read": now.get("value"),
                                       "confidence": now.get("confidence")})
    out: dict[str, Any] = {"by_family": {f: _rates(t) for f, t in sorted(tally.items())}, "misses_after": misses}
    if by_signal:
        out["by_signal"] = signals
    return out


def _pages(doc: dict[str, Any]) -> list[Any]:
    """The dumped pages' words as `ocr.Page`s (no image: what `understood` looks at)."""
    from ocr import Page, Word

    return [Page(p["number"], None, tuple(Word(w[0], w[1], tuple(w[2:6])) for w in p["words"]), p["source"])
            for p in doc.get("pages", [])]


def _values(raw: dict[str, Any]) -> dict[str, Any]:
    import core

    return {k: core.FieldValue.from_dict(v) for k, v in raw.items()}


def _dicts(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.to_dict() for k, v in values.items()}


def _pairs(truth: dict[str, Any], got: dict[str, Any] | None) -> list[tuple[str, Any, dict[str, Any]]]:
    """(key, truth, read value dict) for every non-null truth value, as `capil bench ocr` pairs them."""
    got = got or {}
    fields = got.get("fields", {})
    out = [(k, v, fields.get(k) or {}) for k, v in truth["fields"].items() if v is not None]
    rows = got.get("anggota", [])
    for i, row in enumerate(truth.get("anggota", [])):
        found = rows[i] if i < len(rows) else {}
        out += [(f"{i}.{k}", v, found.get(k) or {}) for k, v in row.items() if v is not None]
    return out


def _rates(t: dict[str, int]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {**t, "field_accuracy": ratio(t["right"], t["fields"]),
            "sure_accuracy": ratio(t["sure_right"], t["sure"]),
            "sure_accuracy_after": ratio(t["sure_right_after"], t["sure_after"]),
            "right_kept_sure": ratio(t["sure_right"], t["right"]),
            "right_kept_sure_after": ratio(t["sure_right_after"], t["right"])}


def replay_markdown(rep: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "—" if v is None else f"{100 * v:.1f} %"

    lines = ["| family | values | right at >= 0.9 before | after | right values >= 0.9 before | after |",
             "|---|---:|---:|---:|---:|---:|"]
    for family, r in rep["by_family"].items():
        lines.append(f"| {family} | {r['fields']} | {pct(r['sure_accuracy'])} of {r['sure']} | "
                     f"{pct(r['sure_accuracy_after'])} of {r['sure_after']} | {pct(r['right_kept_sure'])} | "
                     f"{pct(r['right_kept_sure_after'])} |")
    if "by_signal" in rep:
        lines += ["", "| signal | sure values taken out (measured: on such pages) | of them wrong |",
                  "|---|---:|---:|"]
        lines += [f"| {k} | {v['taken_out']} | {v['wrong']} |" for k, v in sorted(rep["by_signal"].items())]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--families")
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--replay", type=Path, nargs="+")
    parser.add_argument("--by-signal", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    if args.replay:
        rep = replay(args.replay, by_signal=args.by_signal)
        if args.json:
            args.json.write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(replay_markdown(rep))
        return
    if args.dump:
        dump(args.data, args.dump, families=set(args.families.split(",")) if args.families else None,
             every=args.every)
        return
    rep = run(args.data, jobs=args.jobs)
    if args.json:
        args.json.write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown(rep), encoding="utf-8")
    print(markdown(rep))


if __name__ == "__main__":
    main()
