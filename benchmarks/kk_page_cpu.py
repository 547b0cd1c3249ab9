"""CPU seconds per page: the median over every raster KK of a corpus (issue #14's speed goal, one number),
and per document of every type, with what each reading was, to compare two commits field by field.

    .venv/bin/python benchmarks/kk_page_cpu.py CORPUS_DIR
    .venv/bin/python benchmarks/kk_page_cpu.py CORPUS_DIR --all --dump OUT.jsonl
    .venv/bin/python benchmarks/kk_page_cpu.py --attribute OUT.jsonl
    .venv/bin/python benchmarks/kk_page_cpu.py --compare BEFORE.jsonl AFTER.jsonl
    .venv/bin/python benchmarks/kk_page_cpu.py CORPUS_DIR --all --dump OUT.jsonl --files F1,F2 --no-second-engine

The first form reads every KK that is not a text-layer PDF, one at a time in this process, and counts the
same CPU `capil bench ocr` counts: this process's own plus its Tesseract workers' (`ocr.tesseract_cpu`). The
workers (and RapidOCR's sessions) are started by a first, uncounted read. `--all` reads every document
(type auto-detected, as `capil bench ocr` reads it) and prints median and p95 per type and variant.

`--dump` writes one JSON line per document: its CPU (own, Tesseract's), every Tesseract call made for it
(who asked, page segmentation mode, whitelist, image size, the worker's CPU), the second engine's
detector CPU, the extraction (every value with its confidence) and the truth. It runs on an older tree
too (`PYTHONPATH=OLD_TREE`), so two commits can be dumped over one corpus. `--attribute` tabulates a dump:
calls and CPU per page by caller, per type and variant. `--compare` lists every value whose reading or
confidence differs between two dumps (with whether each side is right) and the CPU per page before -> after.
`--files` reads only those documents (manifest paths); `--no-second-engine` reads without the second reading
by lines (`ocr.read(second_engine=False)`): compared with a dump of the same documents, what it brings.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ocr

SURE = 0.9


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _quantiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


class _Recorder:
    """Every Tesseract call and every line detection of a read, with its caller and CPU (patched in at the
    two seams the readers call through: `_tesseract.read_words` and `_rapid_kk.line_boxes`)."""

    def __init__(self) -> None:
        from ocr import _rapid_kk, _tesseract

        self.calls: list[dict[str, Any]] = []
        self.rapid = 0.0
        read_words, line_boxes = _tesseract.read_words, _rapid_kk.line_boxes

        def recorded_read(image: Any, **kwargs: Any) -> Any:
            with _tesseract.tesseract_cpu() as meter:
                words = read_words(image, **kwargs)
            self.calls.append({"caller": _caller(), "psm": kwargs.get("psm", 3), "whitelist": bool(kwargs.get("whitelist")),
                               "lang": kwargs.get("lang"), "height": int(image.shape[0]), "width": int(image.shape[1]),
                               "cpu": round(meter.seconds, 4)})
            return words

        def recorded_boxes(image: Any) -> Any:
            start = time.process_time()
            try:
                return line_boxes(image)
            finally:
                self.rapid += time.process_time() - start

        _tesseract.read_words, _rapid_kk.line_boxes = recorded_read, recorded_boxes


def _caller() -> str:
    """The two innermost `ocr` functions above the Tesseract seam, `outer<inner`."""
    names = []
    frame = sys._getframe(2)
    while frame is not None and len(names) < 2:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("ocr.") and module != "ocr._tesseract":
            names.append(f"{module.removeprefix('ocr.')}.{frame.f_code.co_name}")
        frame = frame.f_back
    return "<".join(reversed(names))


def _documents(corpus: Path, every: bool) -> list[dict[str, Any]]:
    manifest = json.loads((corpus / "manifest.json").read_text())
    return [d for d in manifest["documents"] if every or (d["document_type"] == "kk" and d["variant"] != "pdf_text")]


def _read(corpus: Path, doc: dict[str, Any], recorder: _Recorder | None, *, second_engine: bool = True,
          ) -> dict[str, Any]:
    data = (corpus / doc["file"]).read_bytes()
    if recorder:
        recorder.calls, recorder.rapid = [], 0.0
    start = _own_cpu()
    with ocr.tesseract_cpu() as tesseract:
        try:
            reading = ocr.read(data, second_engine=second_engine)
            extraction, error = reading.extraction.to_dict(), None
            pages, type_confidence = reading.extraction.pages, reading.type_confidence
        except Exception as e:  # every failure is a measurement
            extraction, error, pages, type_confidence = None, type(e).__name__, 1, None
    own = _own_cpu() - start
    return {"file": doc["file"], "type": doc["document_type"], "variant": doc["variant"], "pages": pages,
            "cpu": (own + tesseract.seconds) / max(1, pages), "own": own, "tesseract": tesseract.seconds,
            "rapid": recorder.rapid if recorder else None, "calls": recorder.calls if recorder else None,
            "error": error, "type_confidence": type_confidence, "extraction": extraction,
            "truth": json.loads((corpus / doc["truth"]).read_text()) if doc.get("truth") else None}


def measure(corpus: Path, *, every: bool, dump: Path | None, files: set[str] | None = None,
            second_engine: bool = True) -> None:
    documents = [d for d in _documents(corpus, every) if files is None or d["file"] in files]
    recorder = _Recorder() if dump else None
    ocr.extract((corpus / documents[0]["file"]).read_bytes())  # start the workers
    rows = []
    out = dump.open("w") if dump else None
    for doc in documents:
        row = _read(corpus, doc, recorder, second_engine=second_engine)
        rows.append(row)
        if out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
    if out:
        out.close()
    kk = [r["cpu"] for r in rows if r["type"] == "kk" and r["variant"] != "pdf_text"]
    if kk:
        median, p95 = _quantiles(kk)
        print(f"{len(kk)} KK raster pages: CPU s/page median {median:.3f}, p95 {p95:.3f}")
    if every:
        for (doc_type, variant), values in sorted(_groups(rows).items()):
            median, p95 = _quantiles(values)
            print(f"{doc_type:<11}{variant:<10}{len(values):>4}  median {median:.3f}  p95 {p95:.3f}")


def _groups(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[float]]:
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        groups[(row["type"], row["variant"])].append(row["cpu"])
    return groups


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def attribute(path: Path) -> None:
    """Per type and variant: CPU per page (median), of it Tesseract's and the detector's (mean), and the
    Tesseract calls per page and their CPU by caller."""
    rows = _load(path)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["type"], row["variant"])].append(row)
    for (doc_type, variant), members in sorted(groups.items()):
        pages = sum(r["pages"] for r in members)
        print(f"\n{doc_type} {variant}: {len(members)} documents, CPU s/page median "
              f"{statistics.median(r['cpu'] for r in members):.3f}; per page: own {sum(r['own'] for r in members) / pages:.3f} "
              f"(detector {sum(r['rapid'] or 0 for r in members) / pages:.3f}), tesseract "
              f"{sum(r['tesseract'] for r in members) / pages:.3f}; second engine on {sum(bool(r['rapid']) for r in members)}")
        by_caller: dict[str, list[float]] = defaultdict(list)
        for r in members:
            for call in r["calls"] or []:
                by_caller[f"{call['caller']} psm{call['psm']}{' wl' if call['whitelist'] else ''}"].append(call["cpu"])
        for caller, cpus in sorted(by_caller.items(), key=lambda item: -sum(item[1])):
            print(f"  {len(cpus) / pages:6.2f} calls/page {sum(cpus) / pages:6.3f} CPU-s/page  {caller}")


def _values(extraction: dict[str, Any] | None) -> Iterator[tuple[str, Any, float | None]]:
    if extraction is None:
        return
    for name, value in extraction["fields"].items():
        yield name, value["value"], value.get("confidence")
    for i, row in enumerate(extraction.get("anggota", [])):
        for name, value in row.items():
            yield f"anggota.{i}.{name}", value["value"], value.get("confidence")


def _truth_of(truth: dict[str, Any] | None, key: str) -> Any:
    if truth is None:
        return None
    if key.startswith("anggota."):
        _, index, name = key.split(".", 2)
        rows = truth.get("anggota", [])
        return rows[int(index)].get(name) if int(index) < len(rows) else None
    return truth["fields"].get(key)


def compare(before_path: Path, after_path: Path) -> None:
    before = {r["file"]: r for r in _load(before_path)}
    after = {r["file"]: r for r in _load(after_path)}
    changed = 0
    for file in sorted(before.keys() & after.keys()):
        b, a = before[file], after[file]
        diffs = _differences(b, a)
        changed += bool(diffs)
        for line in diffs:
            print(f"{file} ({b['type']} {b['variant']}): {line}")
    print(f"\n{len(before.keys() & after.keys())} documents in both, {changed} read differently")
    print(f"{'type':<11}{'variant':<10}{'n':>4}  CPU s/page median before -> after   p95 before -> after")
    both = sorted(before.keys() & after.keys())
    groups_b, groups_a = _groups([before[f] for f in both]), _groups([after[f] for f in both])
    for key in sorted(groups_b.keys() & groups_a.keys()):
        (mb, pb), (ma, pa) = _quantiles(groups_b[key]), _quantiles(groups_a[key])
        print(f"{key[0]:<11}{key[1]:<10}{len(groups_a[key]):>4}  {mb:6.3f} -> {ma:6.3f}              {pb:6.3f} -> {pa:6.3f}")


def _differences(b: dict[str, Any], a: dict[str, Any]) -> list[str]:
    if (b["error"], b["extraction"] and b["extraction"]["document_type"]) != \
            (a["error"], a["extraction"] and a["extraction"]["document_type"]):
        return [f"outcome {b['error'] or b['extraction']['document_type']} -> {a['error'] or a['extraction']['document_type']}"]
    out = []
    if b["type_confidence"] != a["type_confidence"]:
        out.append(f"type confidence {b['type_confidence']} -> {a['type_confidence']}")
    vb = {k: (v, c) for k, v, c in _values(b["extraction"])}
    va = {k: (v, c) for k, v, c in _values(a["extraction"])}
    for key in sorted(vb.keys() | va.keys()):
        old, new = vb.get(key, (None, None)), va.get(key, (None, None))
        if old != new:
            want = _truth_of(b["truth"], key)
            mark = ["-" if want is None else "right" if value == want else "wrong" for value in (old[0], new[0])]
            out.append(f"{key}: {old[0]!r} {old[1]} ({mark[0]}) -> {new[0]!r} {new[1]} ({mark[1]})"
                       f"{'  SURE BAND CHANGED' if ((old[1] or 0) >= SURE) != ((new[1] or 0) >= SURE) else ''}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--all", action="store_true", help="every document, not only raster KKs")
    parser.add_argument("--dump", type=Path, help="one JSON line per document")
    parser.add_argument("--files", help="only these documents (comma-separated manifest paths)")
    parser.add_argument("--no-second-engine", action="store_true", help="read without the second reading by lines")
    parser.add_argument("--attribute", type=Path, metavar="DUMP")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
    elif args.attribute:
        attribute(args.attribute)
    elif args.corpus:
        measure(args.corpus, every=args.all, dump=args.dump, files=set(args.files.split(",")) if args.files else None,
                second_engine=not args.no_second_engine)
    else:
        parser.error("CORPUS_DIR, --attribute or --compare")


if __name__ == "__main__":
    main()
