"""Type detection over pages' words already read: which documents' first page `ocr._classify.classify` types
right, and which types or type confidences a change to the classifier moves (issue #14 item 1).

    .venv/bin/python benchmarks/type_guard.py dump CORPUS_DIR OUT.jsonl [FAMILY,...]   # read once (OCR)
    .venv/bin/python benchmarks/type_guard.py check DUMP.jsonl [DUMP.jsonl ...]        # no OCR: seconds

`dump` reads each document's pages as the pipeline does (`ocr._read.read_pages`) and writes one JSON line a
document with its words; `benchmarks/ocr_calibration.py`'s dumps (`pages` with `words`) are read as well.
`check` prints, per dump, the first pages typed right, each miss, and each page whose type or type
confidence differs with the section headings (`_classify.SECTIONS`) left out: the before/after of 6ff8937.
The first page only, and no shrunk re-read of display type: a guard for the classifier, not the pipeline.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ocr import _classify, _read  # noqa: E402
from ocr._layout import Line, lines  # noqa: E402
from ocr._model import Page, Word  # noqa: E402


def dump(corpus: Path, out: Path, families: set[str] | None) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    with out.open("a") as f:
        for doc in manifest["documents"]:
            if families and doc.get("family") not in families:
                continue
            pages = _read.read_pages((corpus / doc["file"]).read_bytes(), lang="ind", max_pixels=40_000_000,
                                     max_pages=4)
            f.write(json.dumps({
                "file": doc["file"], "family": doc.get("family"), "variant": doc.get("variant"),
                "truth": {"document_type": doc["document_type"]},
                "pages": [{"number": p.number, "source": p.source,
                           "words": [[w.text, w.confidence, *w.bbox] for w in p.words]} for p in pages]}) + "\n")
            f.flush()


def _first_page(record: dict) -> list[Line]:  # type: ignore[type-arg]
    page = record["pages"][0]
    words = tuple(Word(w[0], w[1], tuple(w[2:6])) for w in page["words"])
    return lines(Page(1, None, words, page.get("source", "ocr")))


def check(paths: list[Path]) -> int:
    misses = 0
    for path in paths:
        records = [json.loads(raw) for raw in path.read_text().splitlines() if raw.strip()]
        records = [r for r in records if r.get("pages")]
        pages = [_first_page(r) for r in records]
        after = [_classify.classify(ls) for ls in pages]
        kept = dict(_classify.SECTIONS)
        _classify.SECTIONS.update({t: () for t in kept})
        before = [_classify.classify(ls) for ls in pages]
        _classify.SECTIONS.update(kept)
        right, moved = 0, collections.Counter[str]()
        for record, old, new in zip(records, before, after, strict=True):
            want = record["truth"].get("document_type") or record["file"].rsplit("-", 1)[-1].split(".")[0]
            got = new.document_type.value if new.document_type else None
            if got == want:
                right += 1
            else:
                misses += 1
                print(f"MISS {path.name} {record['file']} {record.get('family')} {record.get('variant')}: {want} -> {got}")
            if old != new:
                moved[f"{record.get('family')} {old.document_type and old.document_type.value} {old.confidence}"
                      f" -> {new.document_type and new.document_type.value} {new.confidence}"] += 1
        print(f"{path.name}: {right} of {len(records)} typed right; without sections moved: {dict(moved) or 'none'}")
    return 1 if misses else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), Path(sys.argv[3]), set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None)
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check([Path(p) for p in sys.argv[2:]]))
    else:
        sys.exit(__doc__)
