"""KK member tables on scans whose row rules are faint, erased, dashed, doubled or gone (issue #14, item 3).

    .venv/bin/python benchmarks/kk_rules.py [--pages 10] [--kinds scan,faint,...] [--seed 0] [--look plain] [--json OUT]

Renders `--pages` KKs (families of `synthetic.population(families=40, seed=SEED)` with three or more
members, alternately the current and the old layout), damages each page's rules by every kind of
`tests/integration/kk_damage.py` and scans it lightly (200-240 dpi, blur, JPEG 60-75), reads it with
`ocr.extract` (real Tesseract) and prints per kind: pages whose member rows all came back (count, and
every row's NIK and name right), member fields right (non-null truth values), wrong values at
confidence >= 0.9, and the median CPU seconds per page (this process plus its Tesseract workers,
`ocr.tesseract_cpu`: not wall time, which grows when others share the cores).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import core
import ocr
from tests.integration.kk_damage import KINDS, damage, rendered_kks

SURE = 0.9


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def score(extraction: core.Extraction, truth: dict[str, Any]) -> dict[str, int]:
    """Rows and member fields of one page against its truth, by printed position."""
    want = truth["anggota"]
    got = list(extraction.anggota)
    fields = right = sure_wrong = 0
    for i, row in enumerate(want):
        for name, value in row.items():
            if value is None:
                continue
            fields += 1
            read = got[i].get(name) if i < len(got) else None
            ok = read is not None and read.value == value
            right += ok
            sure_wrong += read is not None and not ok and read.value is not None and read.confidence >= SURE
    for row in got[len(want):]:  # rows that are not there
        sure_wrong += sum(v.value is not None and v.confidence >= SURE for v in row.values())
    rows_right = len(got) == len(want) and all(
        got[i]["nik"].value == r["nik"] and got[i]["nama_lengkap"].value == r["nama_lengkap"]
        for i, r in enumerate(want))
    return {"fields": fields, "right": right, "sure_wrong": sure_wrong, "rows_count": int(len(got) == len(want)),
            "rows_right": int(rows_right), "rows_got": len(got), "rows_want": len(want)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--look", choices=("plain", "varied", "heldout"), default="plain",
                        help="the renderer's look; heldout: fonts and geometry kept out of development")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    rendered = rendered_kks(args.pages, seed=args.seed, look=args.look)
    ocr.extract(damage(rendered[0][1].png, "scan", seed=0))  # start the workers, uncounted
    results: dict[str, list[dict[str, Any]]] = {}
    for kind in kinds:
        for i, (name, page) in enumerate(rendered):
            data = damage(page.png, kind, seed=args.seed * 1000 + i)
            start = _cpu()
            with ocr.tesseract_cpu() as tesseract:
                try:
                    extraction = ocr.extract(data, declared_type=core.DocumentType.KK)
                    result = score(extraction, page.truth)
                except core.CapilError as e:
                    result = {"fields": sum(v is not None for r in page.truth["anggota"] for v in r.values()),
                              "right": 0, "sure_wrong": 0, "rows_count": 0, "rows_right": 0, "rows_got": 0,
                              "rows_want": len(page.truth["anggota"]), "error": str(e)}
            result["cpu"] = _cpu() - start + tesseract.seconds
            result["page"] = name
            results.setdefault(kind, []).append(result)
            print(f"  {kind:9} {name:28} rows {result['rows_got']}/{result['rows_want']} "
                  f"fields {result['right']}/{result['fields']} sure-wrong {result['sure_wrong']} "
                  f"cpu {result['cpu']:.2f}", file=sys.stderr)
    print(f"{'damage':10} {'pages':>5} {'rows n':>7} {'rows ok':>8} {'fields':>7} {'>=0.9 wrong':>11} {'cpu med':>8}")
    every: list[dict[str, Any]] = []
    for kind, rs in results.items():
        every += rs
        _line(kind, rs)
    _line("all", every)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


def _line(kind: str, rs: list[dict[str, Any]]) -> None:
    fields = sum(r["fields"] for r in rs)
    print(f"{kind:10} {len(rs):5} {sum(r['rows_count'] for r in rs):7} {sum(r['rows_right'] for r in rs):8} "
          f"{sum(r['right'] for r in rs) / max(1, fields):7.3f} {sum(r['sure_wrong'] for r in rs):11} "
          f"{statistics.median(r['cpu'] for r in rs):8.2f}")


if __name__ == "__main__":
    main()
