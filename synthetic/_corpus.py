"""A corpus on disk: rendered documents in several variants, a truth file beside each, application sets.

    write_corpus(population_doc, out=DIR, seed=S, count=N, variants=VARIANTS, look="default",
                 families=None, on_document=None) -> manifest dict

Layout (`capil.synthetic-corpus/1`, described in the README's "Synthetic data"):

    DIR/manifest.json
    DIR/docs/0007-ijazah.jpg            the file an applicant would upload
    DIR/docs/0007-ijazah.truth.json     what is printed on it (extraction JSON without confidence/bbox)

`look="heldout"` renders with `Style.heldout` (fonts and page geometry the OCR was not developed
on); the manifest then says `"look": "heldout"` and each document's `look` has the geometry
that differs from the default.

`families` chooses the layout families (`_families.LAYOUT_FAMILIES`) documents are drawn in: by
default the development families, which render exactly the documents a corpus always held; `"all"`
adds the families the extractor was not developed on. Every document records its `family`, and the
manifest the `families` it was drawn from.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import core

from ._buku_nikah import akta_number, render_buku_nikah
from ._canvas import Rendered, Style
from ._cases import CASE_KINDS, CasePlan, CasePlanner, DocPlan
from ._degrade import ALL_VARIANTS, VARIANTS, degrade
from ._families import LayoutFamily, check_coverage, families_for, pick, resolve_families
from ._ijazah import render_ijazah
from ._kk import render_kk
from ._look import LOOKS, missing_heldout_packages

CORPUS_FORMAT = "capil.synthetic-corpus/1"
OLD_KK_SHARE = 0.35
SECURITY_IJAZAH_SHARE = 0.75
STAMPED_NIKAH_SHARE = 0.7
ROTATION = (*CASE_KINDS, "genuine_perkawinan")
"""Case kinds in the order they are planned; the extra marriage keeps buku nikah from being scarce."""


def write_corpus(population_doc: dict[str, Any], *, out: Path, seed: int, count: int,
                 variants: Sequence[str] = VARIANTS, look: str = "default",
                 families: str | Sequence[str] | None = None, on_document: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Render application sets until at least `count` documents exist; write files and the manifest.

    Case kinds rotate in `ROTATION` order; each document's variant rotates per
    document type through `variants`, so types and variants are balanced. `look`
    is one of `LOOKS`; `heldout` needs the fonts of `HELDOUT_FAMILIES` installed
    (`core.ConfigurationError` naming the Debian packages otherwise). `families` is `None` (the
    development families), `"all"` or names (`resolve_families`); they must print every document
    type and both school and university ijazah (ValueError otherwise). `on_document`
    is called with the number of documents written so far after each one (progress).
    """
    unknown = [v for v in variants if v not in ALL_VARIANTS]
    if unknown or not variants:
        raise ValueError(f"unknown variants {unknown}: use {', '.join(ALL_VARIANTS)}")
    chosen = resolve_families(families)
    check_coverage(chosen)
    if look not in LOOKS:
        raise ValueError(f"unknown look {look!r}: use {', '.join(LOOKS)}")
    if count < 1:
        raise ValueError("count must be >= 1")
    if population_doc.get("format") != "capil.population/1":
        raise ValueError("not a capil.population/1 document")
    heldout = look == "heldout"
    if heldout and (missing := missing_heldout_packages()):
        raise core.ConfigurationError("the held-out look's fonts are not installed: "
                                      f"apt-get install {' '.join(missing)}")
    kin = [core.Family.from_dict(f) for f in population_doc.get("keluarga", [])]
    rng = random.Random(f"corpus-{seed}")
    planner = CasePlanner(kin, rng)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    per_type: Counter[str] = Counter()
    documents: list[dict[str, Any]] = []
    applications: list[dict[str, Any]] = []
    while len(documents) < count:
        plan = planner.plan(ROTATION[len(applications) % len(ROTATION)])
        files = {}
        for doc in plan.documents:
            index = len(documents)
            variant = variants[(per_type[doc.kind] + seed) % len(variants)]
            per_type[doc.kind] += 1
            entry = _write_document(doc, index=index, variant=variant, seed=seed * 100_003 + index, docs_dir=docs_dir,
                                    heldout=heldout, families=chosen)
            documents.append(entry)
            files[doc.slot] = entry["file"]
            if on_document is not None:
                on_document(len(documents))
        applications.append(_application(plan, len(applications), files))
    manifest = {
        "format": CORPUS_FORMAT, "seed": seed, "count": count, "variants": list(variants),
        **({"look": look} if heldout else {}), "families": list(chosen), "documents": documents, "applications": applications,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _write_document(doc: DocPlan, *, index: int, variant: str, seed: int, docs_dir: Path,
                    heldout: bool, families: tuple[str, ...]) -> dict[str, Any]:
    rendered, look, family = _render(doc, seed, heldout=heldout, families=families)
    degraded = degrade(rendered, variant, seed=seed)
    stem = f"{index:04d}-{doc.kind}"
    (docs_dir / f"{stem}.{degraded.extension}").write_bytes(degraded.data)
    (docs_dir / f"{stem}.truth.json").write_text(json.dumps(rendered.truth, ensure_ascii=False, indent=1),
                                                 encoding="utf-8")
    style = Style.pick(seed, varied=True, heldout=heldout)
    look = {**look, "font": style.family, "scale": round(style.scale, 3), "spacing": round(style.spacing, 3)}
    if heldout:
        changes = style.geometry.changes()
        look = {"name": "heldout", **look, "geometry": {k: v for k, v in changes.items()
                                                        if doc.kind == "kk" or not k.startswith("kk_")}}
    return {
        "file": f"docs/{stem}.{degraded.extension}", "truth": f"docs/{stem}.truth.json",
        "document_type": rendered.truth["document_type"], "family": family.name, "variant": variant, "seed": seed,
        "look": look, "degradation": degraded.meta,
    }


def _render(doc: DocPlan, seed: int, *, heldout: bool,
            families: tuple[str, ...]) -> tuple[Rendered, dict[str, Any], LayoutFamily]:
    rng = random.Random(f"look-{seed}")
    a = doc.args
    if doc.kind == "kk":  # the draw that always chose the old layout (35 %) now chooses the family
        family = pick(families_for("kk", families), rng.random())
        rendered = render_kk(a["family"], seed=seed, layout=family.layout, varied=True, heldout=heldout)
        return rendered, {"layout": family.layout}, family
    # A separate generator: the look's draws stay those of a corpus without families.
    family = pick(families_for(doc.kind, families, jenjang=a.get("jenjang")), random.Random(f"family-{seed}").random())
    if doc.kind == "ijazah":
        security = rng.random() < SECURITY_IJAZAH_SHARE
        rendered = render_ijazah(a["person"], jenjang=a["jenjang"], seed=seed, security=security, varied=True,
                                 heldout=heldout, layout=family.layout, **a.get("overrides", {}))
        return rendered, {"jenjang": a["jenjang"], "security_paper": security}, family
    stamped = rng.random() < STAMPED_NIKAH_SHARE
    nomor = akta_number(a["tanggal_nikah"], kua_code=a["kua_code"], rng=rng)
    rendered = render_buku_nikah(a["suami"], a["istri"], tanggal_nikah=a["tanggal_nikah"], nomor_akta=nomor,
                                 kua=a["kua"], wali=a["wali"], seed=seed, overrides=a.get("overrides"),
                                 varied=True, stamped=stamped, heldout=heldout, layout=family.layout)
    return rendered, {"stamped": stamped, "akta_format": "new" if "/" not in nomor else "old"}, family


def _application(plan: CasePlan, index: int, files: dict[str, str]) -> dict[str, Any]:
    return {
        "id": f"case-{index:04d}", "kind": plan.kind, "note": plan.note, "nik": plan.subject.nik,
        "change": plan.change, "requested": plan.requested, "files": files,
        "known_persons": list(plan.known_persons),
        "expected": {"status": plan.status, "findings": list(plan.findings)},
    }
