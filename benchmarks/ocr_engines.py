"""Would a second OCR engine pay? Tesseract against RapidOCR (PP-OCRv4 on onnxruntime), same page images.

Issue #14 item 7 asks whether a text *detector* with its own recognizer reads the pages Tesseract's
layout analysis misses. This compares the two engines on what they can be given alike: the normalized
page image the extractor works on (flattened, deskewed, evenly lit; `ocr.read(...).page_image(1)`).

    # 1. the normalized page images and the values printed on them
    .venv/bin/python benchmarks/ocr_engines.py export --data CORPUS --out /tmp/engines
    # 2. both engines on them (rapidocr-onnxruntime is a project dependency since the KK second reading,
    #    `ocr.SECOND_ENGINE`; benchmarks/results/ocr-engines-kk-fallback.md measures that use of it)
    .venv/bin/python benchmarks/ocr_engines.py compare --pages /tmp/engines [--threads 1]

The measure, per engine: the share of printed values (every truth field except dates, whose printed
form differs by document) found in the engine's text of the page, both compared upper case with
everything but letters and digits removed, so that spacing does not count (a line recognizer may join
words); and the CPU seconds per page (Tesseract: the child process; RapidOCR: this process, all
threads). Reading order and field assignment are not measured: this asks only whether the characters
are there to be found.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.upper())


def printed_values(truth: dict[str, Any]) -> list[str]:
    """Every non-date value of a truth file (header, member rows, spouses, wali), compacted."""
    values: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and not _DATE.match(node) and len(compact(node)) >= 2:
            values.append(compact(node))

    walk({k: v for k, v in truth.items() if k in ("fields", "anggota")})
    return values


def export(data: Path, out: Path) -> None:
    import ocr  # the project's venv

    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    index = []
    for doc in manifest["documents"]:
        if doc["variant"] == "pdf_text":
            continue  # a text layer needs no engine
        path = data / doc["file"]
        truth = json.loads((data / doc["truth"]).read_text(encoding="utf-8"))
        try:
            png = ocr.read(path.read_bytes()).page_image(1)
        except Exception as e:  # a page the extractor refuses is still a page for the engines
            print(f"{path.name}: {type(e).__name__}, skipped", file=sys.stderr)
            continue
        name = path.name.split(".")[0] + ".png"
        (out / name).write_bytes(png)
        index.append({"page": name, "type": doc["document_type"], "variant": doc["variant"],
                      "values": printed_values(truth)})
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    print(f"{len(index)} pages in {out}")


def _tesseract(png: Path, lang: str) -> tuple[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = subprocess.run(["tesseract", str(png), "-", "-l", lang], capture_output=True, text=True,
                          env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return text, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _rapidocr_reader(threads: int) -> Any:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)

    def read(png: Path) -> tuple[str, float]:
        start = time.process_time()
        result, _ = engine(str(png))
        return "\n".join(line[1] for line in result or []), time.process_time() - start

    return read


def compare(pages: Path, *, lang: str, threads: int) -> dict[str, Any]:
    index = json.loads((pages / "index.json").read_text(encoding="utf-8"))
    engines = {"tesseract": lambda p: _tesseract(p, lang), "rapidocr": _rapidocr_reader(threads)}
    found: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in index:
        for name, read in engines.items():
            text, seconds = read(pages / entry["page"])
            page_text = "\n".join(compact(line) for line in text.splitlines())
            hits = sum(value in page_text for value in entry["values"])
            for key in ((name, entry["type"], entry["variant"]), (name, entry["type"], "all"), (name, "all", "all")):
                found[key][0] += hits
                found[key][1] += len(entry["values"])
            cpu[(name, entry["type"])].append(seconds)
    return {
        "pages": len(index),
        "found": {" / ".join(k): round(h / n, 3) for k, (h, n) in sorted(found.items()) if n},
        "cpu_median_s": {" / ".join(k): round(statistics.median(v), 2) for k, v in sorted(cpu.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("--data", type=Path, required=True)
    ex.add_argument("--out", type=Path, required=True)
    co = sub.add_parser("compare")
    co.add_argument("--pages", type=Path, required=True)
    co.add_argument("--lang", default="ind")
    co.add_argument("--threads", type=int, default=1, help="onnxruntime threads (1 = like one Tesseract worker)")
    args = parser.parse_args()
    if args.command == "export":
        export(args.data, args.out)
    else:
        print(json.dumps(compare(args.pages, lang=args.lang, threads=args.threads), indent=1))


if __name__ == "__main__":
    main()
