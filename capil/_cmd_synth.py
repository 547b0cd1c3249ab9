"""`capil synth documents`: a corpus of rendered documents with ground truth and application sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from core import InputError


def documents(
    population: Annotated[Path, typer.Option("--population", help="A capil.population/1 file.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for docs/ and manifest.json.")],
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 1,
    count: Annotated[int, typer.Option(min=1, help="At least this many documents (whole applications).")] = 30,
    variants: Annotated[list[str] | None, typer.Option("--variants", help="clean, scan, photo, pdf_text, "
                                                       "pdf_image (repeatable or comma-separated; default all).")] = None,
    look: Annotated[str, typer.Option("--look", help="default (the development fonts and layouts) or heldout "
                                      "(other font families and page geometry, for an independent measure).")]
    = "default",
) -> None:
    """Render documents (files + truth JSON) and application sets with expected outcomes."""
    import synthetic

    try:
        doc = json.loads(population.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot read {population}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise InputError(f"{population} is not JSON: {e}") from e
    chosen = [v.strip() for item in (variants or list(synthetic.VARIANTS)) for v in item.split(",") if v.strip()]
    if look not in synthetic.LOOKS:
        raise InputError(f"unknown look {look!r}: use {', '.join(synthetic.LOOKS)}")
    try:
        manifest = synthetic.write_corpus(doc, out=out, seed=seed, count=count, variants=chosen, look=look)
    except ValueError as e:
        raise InputError(str(e)) from e
    typer.echo(f"{len(manifest['documents'])} documents, {len(manifest['applications'])} applications "
               f"in {out} (manifest.json)", err=True)
