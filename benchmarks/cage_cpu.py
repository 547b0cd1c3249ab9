"""The OCR cage's own CPU per document, apart from Tesseract's: what a caged read costs besides the OCR.

    .venv/bin/python benchmarks/cage_cpu.py CORPUS_DIR [--profile FILE]

Reads every document of a `capil synth documents` corpus with its declared type, one at a time in this
process, as a cage process reads it (`ocr._cage._read_caged`: the upload's checks, `ocr.read`, a text-layer
page rendered for review), and prints per document this process's CPU (decoding, preprocessing,
classification, extraction, pdfplumber) and its Tesseract workers' (`ocr.tesseract_cpu`), then the totals.
The workers are started by a first, uncounted read. `--profile FILE` writes a cProfile of the reads, timed
in process CPU seconds (`pstats` reads it; the profiler inflates Python-heavy code, so compare totals
without it). Issue #17: the cage's CPU per application in `capil bench e2e` is this, per document.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import time
from pathlib import Path

import core
from ocr import _tesseract
from ocr._cage import _read_caged


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    documents = json.loads((args.corpus / "manifest.json").read_text())["documents"]

    def request(doc: dict[str, str]) -> dict[str, object]:
        return {"data": (args.corpus / doc["file"]).read_bytes(), "declared_type": core.DocumentType(doc["document_type"]),
                "lang": "ind", "max_pixels": 80_000_000, "max_pages": 10, "page_images": True}

    _read_caged(request(documents[0]))  # start the workers
    profile = cProfile.Profile(time.process_time) if args.profile else None
    own_total = ocr_total = 0.0
    for doc in documents:
        req = request(doc)
        start = _own_cpu()
        with _tesseract.tesseract_cpu() as tesseract:
            if profile:
                profile.enable()
            _read_caged(req)
            if profile:
                profile.disable()
        own = _own_cpu() - start
        own_total += own
        ocr_total += tesseract.seconds
        print(f"{doc['file']}\t{doc['document_type']}\t{doc['variant']}\tcage {own:.3f}\ttesseract {tesseract.seconds:.3f}")
    print(f"{len(documents)} documents: cage {own_total:.2f} CPU-s ({own_total / len(documents):.3f} a document), "
          f"tesseract {ocr_total:.2f}")
    if profile:
        profile.dump_stats(args.profile)


if __name__ == "__main__":
    main()
