"""Median CPU seconds per KK page over every raster KK of a corpus (issue #5's speed goal, one number).

    .venv/bin/python benchmarks/kk_page_cpu.py CORPUS_DIR

`capil bench ocr` reports medians per type and variant; this reads every KK that is not a
text-layer PDF, one at a time in this process, and counts the same CPU the bench counts: this
process's own plus its Tesseract workers' (`ocr.tesseract_cpu`). The workers are started by a
first, uncounted read.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
from pathlib import Path

import ocr


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    files = [corpus / d["file"] for d in manifest["documents"]
             if d["document_type"] == "kk" and d["variant"] != "pdf_text"]
    ocr.extract(files[0].read_bytes())  # start the workers
    per_page = []
    for path in files:
        data = path.read_bytes()
        start = _own_cpu()
        with ocr.tesseract_cpu() as tesseract:
            extraction = ocr.extract(data)
        per_page.append((_own_cpu() - start + tesseract.seconds) / max(1, extraction.pages))
    per_page.sort()
    p95 = per_page[max(0, round(0.95 * len(per_page)) - 1)]
    print(f"{len(per_page)} KK raster pages: CPU s/page median {statistics.median(per_page):.3f}, p95 {p95:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
