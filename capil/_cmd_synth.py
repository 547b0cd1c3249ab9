"""`capil synth documents`: a corpus of rendered documents with ground truth and application sets."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from core import InputError

from ._progress import progress


def documents(
    population: Annotated[Path, typer.Option("--population", help="A capil.population/1 file.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for docs/ and manifest.json.")],
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 1,
    count: Annotated[int, typer.Option(min=1, help="At least this many documents (whole applications).")] = 30,
    variants: Annotated[list[str] | None, typer.Option("--variants", help="clean, scan, photo, pdf_text, "
                                                       "pdf_image, worn_scan, photocopy (repeatable or comma-separated; "
                                                       "default the first five; all: every one).")] = None,
    look: Annotated[str, typer.Option("--look", help="default (the development fonts and layouts) or heldout "
                                      "(other font families and page geometry, for an independent measure).")]
    = "default",
    families: Annotated[list[str] | None, typer.Option("--families", help="Layout families to draw documents in "
                                                       "(repeatable or comma-separated): development (default: the "
                                                       "five the OCR was developed on), all, or names such as kk-2010s, "
                                                       "ijazah-fakultas, nikah-kalimat.")] = None,
) -> None:
    """Render documents (files + truth JSON) and application sets with expected outcomes."""
    import synthetic

    chosen = [v.strip() for item in (variants or list(synthetic.VARIANTS)) for v in item.split(",") if v.strip()]
    if chosen == ["all"]:
        chosen = list(synthetic.ALL_VARIANTS)
    if unknown := [v for v in chosen if v not in synthetic.ALL_VARIANTS]:
        raise typer.BadParameter(f"{unknown[0]!r} is not one of {_quoted(synthetic.ALL_VARIANTS)}.",
                                 param_hint="'--variants'")
    try:
        layout_families = synthetic.resolve_families(families)
        synthetic.check_family_coverage(layout_families)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="'--families'") from e
    if look not in synthetic.LOOKS:
        raise typer.BadParameter(f"{look!r} is not one of {_quoted(synthetic.LOOKS)}.", param_hint="'--look'")
    try:
        doc = json.loads(population.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot read {population}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise InputError(f"{population} is not JSON: {e}") from e
    try:
        with progress("rendering documents", total=count) as bar:
            manifest = synthetic.write_corpus(doc, out=out, seed=seed, count=count, variants=chosen, look=look,
                                              families=layout_families,
                                              on_document=lambda n: bar.advance() if n <= count else None)
    except ValueError as e:
        raise InputError(str(e)) from e
    typer.echo(f"{len(manifest['documents'])} documents, {len(manifest['applications'])} applications "
               f"in {out} (manifest.json)", err=True)


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values)
