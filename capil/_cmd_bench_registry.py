"""`capil bench registry`: import a large synthetic population and look persons up by NIK.

Measures, on a fresh database (a temporary SQLite file by default, or an empty database named by
`--database-url`): generating the file is not counted; `import_s` is `import_population` of the
whole document (validation, upsert, versions, audit entry) in one transaction; lookups are
`PopulationRecord.person(nik)` for random NIKs, one transaction each, reported as p50/p95/max ms.
Goals from issue 3: import of 100,000 persons <= 60 s on SQLite, lookup p95 <= 5 ms.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ._progress import progress


def bench_registry(
    persons: Annotated[int, typer.Option(min=10, help="Persons to import.")] = 100_000,
    lookups: Annotated[int, typer.Option(min=1, help="NIK lookups to time.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic population.")] = 1,
    database_url: Annotated[str | None, typer.Option(help="An EMPTY database to use (default: temp SQLite).")] = None,
    out: Annotated[Path | None, typer.Option(help="Also write the report (JSON) here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write the report as one JSON document to stdout.")] = False,
) -> None:
    """Import PERSONS synthetic persons into a fresh database and time lookups by NIK."""
    with tempfile.TemporaryDirectory(prefix="capil-bench-") as tmp, progress("registry benchmark") as bar:
        report = run(persons=persons, lookups=lookups, seed=seed,
                     url=database_url or f"sqlite:///{Path(tmp) / 'bench.db'}", stage=bar.describe)
    text = json.dumps(report, indent=2)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    if as_json:
        sys.stdout.write(text + "\n")
    else:
        typer.echo(f"{report['dialect']}: imported {report['persons']} persons in {report['import_s']:.1f} s; "
                   f"lookup p50 {report['lookup_ms']['p50']:.2f} ms, p95 {report['lookup_ms']['p95']:.2f} ms")


def run(*, persons: int, lookups: int, seed: int, url: str,
        stage: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The report; `stage` hears which step is running (for progress)."""
    import synthetic
    from registry import Database, PopulationRecord

    stage(f"generating {persons} persons")
    doc = _population(synthetic, persons, seed)
    niks = [m["nik"] for f in doc["keluarga"] for m in f["anggota"]]
    db = Database(url)
    try:
        record = PopulationRecord(db)
        stage(f"importing {persons} persons")
        start = time.perf_counter()
        report = record.import_population(doc, actor="bench")
        import_s = time.perf_counter() - start
        del doc  # a server does not hold the import file: keep it out of the garbage collector's way
        gc.collect()
        rng = random.Random(seed)
        stage(f"{lookups} lookups by NIK")
        times = []
        for nik in (rng.choice(niks) for _ in range(lookups)):
            t0 = time.perf_counter()
            record.person(nik)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return {
            "benchmark": "registry", "date": dt.date.today().isoformat(), "dialect": db.dialect,
            "families": report.families, "persons": report.persons, "import_s": round(import_s, 2),
            "lookups": lookups,
            "lookup_ms": {"p50": round(statistics.median(times), 3),
                          "p95": round(times[int(0.95 * (len(times) - 1))], 3), "max": round(times[-1], 3)},
            "goals": {"import_s_max": 60, "lookup_p95_ms_max": 5},
            "machine": {"python": platform.python_version(), "cpus": _cpus(), "platform": platform.platform(),
                        "load_average_1m": round(_load(), 2)},
        }
    finally:
        db.dispose()


def _population(synthetic: Any, persons: int, seed: int) -> dict[str, Any]:
    """A synthetic population cut to exactly `persons` persons' worth of whole families (at least)."""
    doc = synthetic.population(families=max(1, persons * 10 // 25), seed=seed)  # ~3 persons per family
    while sum(len(f["anggota"]) for f in doc["keluarga"]) < persons:
        doc = synthetic.population(families=len(doc["keluarga"]) * 2, seed=seed)
    kept, count = [], 0
    for family in doc["keluarga"]:
        if count >= persons:
            break
        kept.append(family)
        count += len(family["anggota"])
    return {**doc, "keluarga": kept}


def _load() -> float:
    import os

    return os.getloadavg()[0]


def _cpus() -> int:
    import os

    return os.cpu_count() or 0
