"""KK extraction over cached page readings, scored like `capil bench ocr` (issue #14: guards in seconds).

    .venv/bin/python benchmarks/kk_cached.py cache CORPUS CACHE [FAMILIES]     # read each KK page once
    .venv/bin/python benchmarks/kk_cached.py score TREE CORPUS CACHE [FAMILIES] [--json OUT] [--docs]

`cache` pickles each KK document's pages as `ocr._read.read_pages` returns them (Tesseract's reading, the
slow part). `score` imports `ocr` from TREE (a `git archive` of the commit to measure), runs what `ocr.read`
runs after reading (`extract_pages`, `in_doubt`, `second_reading` and `understood`), caching each page's
reading by lines under CACHE/lines the first time it is needed, and scores with `capil._bench_ocr`'s
`_score` and `_figures`: fields right and the values read at >= 0.9, per family. On u15 at 5dc6181 it gives
`capil bench ocr`'s figures exactly. No CPU figure: the readings are cached.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any


def cache(corpus: str, out_dir: str, families: list[str] | None) -> None:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from ocr._image import MAX_PAGES, MAX_PIXELS
    from ocr._read import read_pages
    os.makedirs(out_dir, exist_ok=True)
    for doc in json.loads(Path(f"{corpus}/manifest.json").read_text())["documents"]:
        if doc["document_type"] != "kk" or (families and doc["family"] not in families):
            continue
        out = f"{out_dir}/{os.path.basename(doc['file'])}.pkl"
        if not os.path.exists(out):
            data = Path(f"{corpus}/{doc['file']}").read_bytes()
            pages = read_pages(data, lang="ind", max_pixels=MAX_PIXELS, max_pages=MAX_PAGES)
            Path(out).write_bytes(pickle.dumps(pages))
            print(doc["file"], doc["family"], doc["variant"], flush=True)


def score(tree: str, corpus: str, cache_dir: str, families: list[str] | None, *, docs: bool) -> list[dict[str, Any]]:
    sys.path.insert(0, tree)
    import core
    import ocr
    from capil import _bench_ocr as bench
    from ocr import _rapid_kk
    from ocr._confidence_page import understood

    current: dict[str, str] = {}
    lined = _rapid_kk.line_page

    def cached_line_page(page: Any) -> Any:
        path = f"{cache_dir}/lines/{current['file']}.pkl"
        if not os.path.exists(path):
            os.makedirs(f"{cache_dir}/lines", exist_ok=True)
            Path(path).write_bytes(pickle.dumps(lined(page)))
        return pickle.loads(Path(path).read_bytes())

    _rapid_kk.line_page = cached_line_page  # type: ignore[assignment]
    rows = []
    for doc in json.loads(Path(f"{corpus}/manifest.json").read_text())["documents"]:
        if doc["document_type"] != "kk" or (families and doc["family"] not in families):
            continue
        current["file"] = name = os.path.basename(doc["file"])
        pages = pickle.loads(Path(f"{cache_dir}/{name}.pkl").read_bytes())
        doubted = False
        try:
            extraction, _ = ocr.extract_pages(pages)
            if _rapid_kk.in_doubt(extraction, pages):
                doubted = True
                extraction = _rapid_kk.second_reading(
                    pages, extraction, lambda p: ocr.extract_pages(p, declared_type=core.DocumentType.KK)[0])
                fields, anggota, _ = understood(extraction.document_type, extraction.fields, extraction.anggota, pages)
                extraction = replace(extraction, fields=fields, anggota=anggota)
            out = extraction.to_dict()
            sure = ({k for k, v in out["fields"].items() if (v.get("confidence") or 0) >= bench.SURE}
                    | {f"{i}.{k}" for i, row in enumerate(out.get("anggota", [])) for k, v in row.items()
                       if (v.get("confidence") or 0) >= bench.SURE})
            result: dict[str, Any] = {
                "error": None, "seconds": 0.0, "cpu_seconds": 0.0, "pages": extraction.pages,
                "document_type": out["document_type"], "fields": {k: v["value"] for k, v in out["fields"].items()},
                "anggota": [{k: v["value"] for k, v in row.items()} for row in out.get("anggota", [])], "sure": sure}
        except Exception as e:  # a failure is a measurement, as in the bench
            result = {"error": type(e).__name__, "seconds": 0.0, "cpu_seconds": 0.0, "pages": 1}
        scored = bench._score(doc, json.loads(Path(f"{corpus}/{doc['truth']}").read_text()), result)
        scored["doubt"] = doubted
        rows.append(scored)
        if docs:
            print(name, doc["family"], doc["variant"], f"{sum(ok for _, ok in scored['fields'])}/{len(scored['fields'])}",
                  "sure", scored["sure_right"], "/", scored["sure_total"], "read again" if doubted else "", flush=True)
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_family[row["family"]].append(row)
    for family, members in sorted(by_family.items()):
        fig = bench._figures(members)
        wrong = fig["sure_scored"] - sum(r["sure_right"] for r in members)
        print(f"{family}: fields {100 * (fig['field_accuracy'] or 0):.2f} % of {fig['fields_scored']}; "
              f"sure {fig['sure_scored']} ({wrong} wrong); read again {sum(r['doubt'] for r in members)}/{len(members)}")
    return rows


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    if out in args:
        args.remove(out)
    if args[0] == "cache":
        cache(args[1], args[2], args[3].split(",") if len(args) > 3 else None)
    else:
        rows = score(args[1], args[2], args[3], args[4].split(",") if len(args) > 4 else None, docs="--docs" in sys.argv)
        if out:
            Path(out).write_text(json.dumps(rows, default=list))


if __name__ == "__main__":
    main()
