"""`capil bench ocr|applications|e2e`: accuracy and speed of the extractor and of the whole pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from core import InputError, load_settings

from ._exit import Group

bench_app = typer.Typer(no_args_is_help=True, cls=Group, help="Benchmarks (accuracy and speed).")


@bench_app.command("ocr")
def bench_ocr(
    data: Annotated[Path, typer.Option("--data", help="A corpus from `capil synth documents` (manifest.json).")],
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes, each running one Tesseract at a time.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Write the report as one JSON document to stdout.")] = False,
    markdown: Annotated[Path | None, typer.Option(help="Also write the summary table as markdown here.")] = None,
    families: Annotated[list[str] | None, typer.Option(
        "--families", help="Score only these layout families (repeatable or comma-separated); default all the "
        "corpus has.")] = None,
    holdout_family: Annotated[str | None, typer.Option(
        "--holdout-family", help="The layout family not tuned on (leave-one-family-out): its figures are "
        "reported apart and marked held out.")] = None,
) -> None:
    """Run ocr.extract (type auto-detected) over every document and score it against the truth files,
    per document type and variant and per layout family."""
    from . import _bench_ocr

    if not (data / "manifest.json").is_file():
        raise InputError(f"{data} has no manifest.json: render one with `capil synth documents`")
    chosen = [n.strip() for item in families or [] for n in item.split(",") if n.strip()] or None
    try:
        report = _bench_ocr.run(data, jobs=jobs, lang=load_settings().tesseract_lang, families=chosen,
                                holdout_family=holdout_family)
    except ValueError as e:
        raise InputError(str(e)) from e
    if markdown is not None:
        markdown.write_text(_bench_ocr.markdown(report), encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        typer.echo(_bench_ocr.table(report))


@bench_app.command("applications")
def bench_applications(
    data: Annotated[Path, typer.Option("--data", help="A corpus from `capil synth documents` (manifest.json).")],
    population: Annotated[Path, typer.Option(help="The population file the corpus was rendered from.")],
    jobs: Annotated[int, typer.Option(min=1, help="Applications processed at once.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Write the report as one JSON document to stdout.")] = False,
) -> None:
    """File every application set of a corpus and decide it through the real pipeline (needs `capil up`)."""
    from . import _bench_applications

    if not (data / "manifest.json").is_file():
        raise InputError(f"{data} has no manifest.json: render one with `capil synth documents`")
    try:
        doc = json.loads(population.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"cannot read population file {population}: {e}") from e
    report = _bench_applications.run(data, doc, jobs=jobs)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        typer.echo(_bench_applications.table(report))


@bench_app.command("e2e")
def bench_e2e(
    applications: Annotated[int, typer.Option("--applications", min=1, help="Synthetic applications to file.")] = 8,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Applications in flight at once.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Write the report as one JSON document to stdout.")] = False,
    markdown: Annotated[Path | None, typer.Option(help="Also write the report as markdown here.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of the synthetic population; default a new one.")] = None,
    limit_applications: Annotated[int | None, typer.Option(
        "--limit-applications", min=1,
        help="Measure the raw-Tesseract, our-reader and OCRmyPDF limits on the first N applications' pages "
             "only (default: all).")] = None,
) -> None:
    """File synthetic applications through the running stack's HTTP API (`capil up`) and report each
    stage's time, latency from 202 to archived, throughput, and the raw-Tesseract and OCRmyPDF limits."""
    from . import _bench_e2e, e2e_report

    report = _bench_e2e.run(load_settings(), applications=applications, concurrency=concurrency, seed=seed,
                             limit_applications=limit_applications)
    if markdown is not None:
        markdown.write_text(e2e_report.markdown(report), encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        typer.echo(e2e_report.table(report))
