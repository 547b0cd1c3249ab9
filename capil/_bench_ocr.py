"""The OCR benchmark: run `ocr.extract` over a synthetic corpus and score it against the truth files.

    run(data_dir, jobs=N, lang=, families=None, holdout_family=None) -> report dict (format `capil.bench-ocr/1`)
    table(report) -> str, markdown(report) -> str

Every document is read with `declared_type=None`, so type detection is measured
too. Field accuracy is exact match on canonical values over the fields whose
truth is not null (a document that fails or is detected as another type scores
0 on its fields); KK member cells count as `anggota.<field>`, row by row in
printed order. Character error rate (CER) is edit distance over truth length,
summed over name fields. Seconds per page are measured around `ocr.extract` in
the worker process, with `jobs` workers running at once.

Every figure is also given per layout family (`by_family`, each with its variants): the family is
the manifest's `family` of each document (`synthetic.family_of_document` for corpora older than
families). `families` scores only those families' documents (the others are not read).
`holdout_family` names the family the extractor was not tuned on (leave-one-family-out): the report's
`holdout` gives its figures apart from those of every other family scored (`tuned`), and tables mark
it. The held-out figure is the one that predicts documents nobody has seen.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import ocr
from ocr.confidence import SURE

from ._progress import progress

REPORT_FORMAT = "capil.bench-ocr/1"
NAME_FIELDS = frozenset({
    "nama_lengkap", "nama_kepala_keluarga", "nama_orang_tua", "nama_ayah", "nama_ibu",
    "suami.nama_lengkap", "istri.nama_lengkap", "wali.nama_lengkap",
})


def run(data_dir: Path, *, jobs: int = 1, lang: str = "ind", families: list[str] | None = None,
        holdout_family: str | None = None) -> dict[str, Any]:
    """Read and score the corpus. `families` (names) limits the documents scored; `holdout_family` must
    be among the families scored. ValueError names the corpus's families when a name is not one of them."""
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    documents = _chosen_documents(manifest["documents"], families=families, holdout_family=holdout_family)
    tasks = [(str(data_dir / d["file"]), lang) for d in documents]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    results = []
    if jobs <= 1:
        with progress("reading documents", total=len(tasks)) as bar:
            for task in tasks:
                results.append(_read_one(task))
                bar.advance()
    else:
        # the workers are forked before the progress display starts, so none inherits it
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            with progress("reading documents", total=len(tasks)) as bar:
                for result in pool.imap(_read_one, tasks, chunksize=1):
                    results.append(result)
                    bar.advance()
            pool.close()  # workers exit on their own and close their Tesseract workers (terminate would orphan them)
            pool.join()
    wall = time.perf_counter() - started
    rows = []
    for doc, result in zip(documents, results, strict=True):
        truth = json.loads((data_dir / doc["truth"]).read_text(encoding="utf-8"))
        rows.append(_score(doc, truth, result))
    report = _report(rows, jobs=jobs, wall=wall, seed=manifest.get("seed"), holdout_family=holdout_family)
    # Other work on the machine slows every page down; the load average says how busy it was.
    report["machine"]["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return report


def _chosen_documents(documents: list[dict[str, Any]], *, families: list[str] | None,
                      holdout_family: str | None) -> list[dict[str, Any]]:
    """The manifest's documents with their `family` filled in, only those of `families` if given."""
    import synthetic

    documents = [{**d, "family": synthetic.family_of_document(d)} for d in documents]
    present = sorted({d["family"] for d in documents})
    wanted = set(families) if families else set(present)
    for name in sorted(wanted | ({holdout_family} if holdout_family else set())):
        if name not in present:
            raise ValueError(f"the corpus has no document of layout family {name!r}; it has {', '.join(present)}")
    if holdout_family and holdout_family not in wanted:
        raise ValueError(f"the held-out family {holdout_family!r} is not among the families scored")
    return [d for d in documents if d["family"] in wanted]


def _read_one(task: tuple[str, str]) -> dict[str, Any]:
    import ocr

    path, lang = task
    data = Path(path).read_bytes()
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    with ocr.tesseract_cpu() as tesseract:
        try:
            extraction = ocr.extract(data, declared_type=None, lang=lang)
        except Exception as e:  # every failure is a measurement, counted by type
            return {"error": type(e).__name__, "seconds": time.perf_counter() - start,
                    "cpu_seconds": _cpu_seconds() - cpu_start + tesseract.seconds, "pages": 1}
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start + tesseract.seconds
    out = extraction.to_dict()
    return {
        "error": None, "seconds": seconds, "cpu_seconds": cpu, "pages": extraction.pages, "document_type": out["document_type"],
        "source": out["source"], "fields": {k: v["value"] for k, v in out["fields"].items()},
        "anggota": [{k: v["value"] for k, v in row.items()} for row in out.get("anggota", [])],
        "sure": {k for k, v in out["fields"].items() if (v.get("confidence") or 0) >= SURE}
        | {f"{i}.{k}" for i, row in enumerate(out.get("anggota", [])) for k, v in row.items() if (v.get("confidence") or 0) >= SURE},
    }


def _cpu_seconds() -> float:
    """CPU time of this process; `_read_one` adds the Tesseract workers' (`ocr.tesseract_cpu`): the cost on one
    core, whatever else the machine is doing (wall seconds grow with load, CPU seconds much less). The workers
    live on between documents, so they never show up in the reaped children's time."""
    t = os.times()
    return t.user + t.system


def _pairs(truth: dict[str, Any], found: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(field, truth value, found value) for every non-null truth value, member cells included."""
    fields = found.get("fields", {})
    pairs = [(k, v, fields.get(k)) for k, v in truth["fields"].items() if v is not None]
    rows = found.get("anggota", [])
    for i, row in enumerate(truth.get("anggota", [])):
        got = rows[i] if i < len(rows) else {}
        pairs += [(f"anggota.{k}", v, got.get(k)) for k, v in row.items() if v is not None]
    return pairs


def _score(doc: dict[str, Any], truth: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    detected_right = result["error"] is None and result.get("document_type") == truth["document_type"]
    found = result if detected_right else {}
    fields = []
    edits = chars = 0
    sure, keys = found.get("sure", set()), _sure_keys(truth)
    sure_total = sure_right = 0
    for key, (name, want, got) in zip(keys, _pairs(truth, found), strict=True):
        fields.append((name, got == want))
        if key in sure:
            sure_total += 1
            sure_right += got == want
        if name.split(".", 1)[-1] in NAME_FIELDS or name in NAME_FIELDS:
            edits += ocr.edit_distance(str(got or ""), str(want))
            chars += len(str(want))
    return {
        "file": doc["file"], "type": truth["document_type"], "family": doc.get("family"), "variant": doc["variant"],
        "error": result["error"],
        "detected": result.get("document_type"), "detected_right": detected_right,
        "seconds_per_page": result["seconds"] / max(1, result["pages"]),
        "cpu_seconds_per_page": result["cpu_seconds"] / max(1, result["pages"]), "fields": fields,
        "name_edits": edits, "name_chars": chars, "sure_total": sure_total, "sure_right": sure_right,
    }


def _sure_keys(truth: dict[str, Any]) -> list[str]:
    """Per pair of `_pairs`, in its order, the key under which `_read_one` lists the value if it was read at
    >= SURE: the field's name, or `row.field` for a member cell."""
    keys = [k for k, v in truth["fields"].items() if v is not None]
    return keys + [f"{i}.{k}" for i, row in enumerate(truth.get("anggota", [])) for k, v in row.items()
                   if v is not None]


def _report(rows: list[dict[str, Any]], *, jobs: int, wall: float, seed: Any,
            holdout_family: str | None = None) -> dict[str, Any]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["type"], row["variant"])].append(row)
    by_group = []
    for (doc_type, variant), members in sorted(groups.items()):
        per_field: dict[str, list[bool]] = defaultdict(list)
        for row in members:
            for name, ok in row["fields"]:
                per_field[name].append(ok)
        right = sum(sum(v) for v in per_field.values())
        total = sum(len(v) for v in per_field.values())
        chars = sum(r["name_chars"] for r in members)
        by_group.append({
            "document_type": doc_type, "variant": variant, "documents": len(members),
            "detection_accuracy": _ratio(sum(r["detected_right"] for r in members), len(members)),
            "field_accuracy": _ratio(right, total), "fields_scored": total,
            "name_cer": _ratio(sum(r["name_edits"] for r in members), chars),
            "failures": dict(Counter(r["error"] for r in members if r["error"])),
            "seconds_per_page": _timing([r["seconds_per_page"] for r in members]),
            "cpu_seconds_per_page": _timing([r["cpu_seconds_per_page"] for r in members]), **_sure(members),
            "fields": {name: {"correct": sum(v), "total": len(v), "accuracy": _ratio(sum(v), len(v))}
                       for name, v in sorted(per_field.items())},
        })
    all_fields = [ok for r in rows for _, ok in r["fields"]]
    report = {
        "format": REPORT_FORMAT, "corpus_seed": seed, "documents": len(rows), "jobs": jobs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "tesseract": _tesseract_version()},
        "wall_seconds": round(wall, 2),
        "overall": {
            "detection_accuracy": _ratio(sum(r["detected_right"] for r in rows), len(rows)),
            "field_accuracy": _ratio(sum(all_fields), len(all_fields)), "fields_scored": len(all_fields),
            "name_cer": _ratio(sum(r["name_edits"] for r in rows), sum(r["name_chars"] for r in rows)),
            "failures": dict(Counter(r["error"] for r in rows if r["error"])),
            "seconds_per_page": _timing([r["seconds_per_page"] for r in rows]),
            "cpu_seconds_per_page": _timing([r["cpu_seconds_per_page"] for r in rows]),
            **_sure(rows),
        },
        "by_type_variant": by_group,
        "by_family": _by_family(rows, holdout_family),
    }
    if holdout_family:
        report["holdout"] = {
            "family": holdout_family,
            "held_out": _figures([r for r in rows if r["family"] == holdout_family]),
            "tuned": _figures([r for r in rows if r["family"] != holdout_family]),
            "tuned_families": sorted({r["family"] for r in rows if r["family"] != holdout_family}),
        }
    return report


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Documents, type detection, field accuracy, fields scored, name CER and failures of `rows`."""
    fields = [ok for r in rows for _, ok in r["fields"]]
    return {
        "documents": len(rows), "detection_accuracy": _ratio(sum(r["detected_right"] for r in rows), len(rows)),
        "field_accuracy": _ratio(sum(fields), len(fields)), "fields_scored": len(fields),
        "name_cer": _ratio(sum(r["name_edits"] for r in rows), sum(r["name_chars"] for r in rows)),
        "failures": dict(Counter(r["error"] for r in rows if r["error"])), **_sure(rows),
    }


def _sure(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Values read at confidence >= SURE (0.9): how many were scored and the share of them right."""
    total = sum(r.get("sure_total", 0) for r in rows)
    return {"sure_scored": total, "sure_accuracy": _ratio(sum(r.get("sure_right", 0) for r in rows), total)}


def _by_family(rows: list[dict[str, Any]], holdout_family: str | None) -> list[dict[str, Any]]:
    """One entry per layout family (sorted by document type, then name), with its variants."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["type"], row["family"] or "?")].append(row)
    out = []
    for (doc_type, family), members in sorted(groups.items()):
        variants: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in members:
            variants[row["variant"]].append(row)
        out.append({"family": family, "document_type": doc_type, "held_out": family == holdout_family,
                    **_figures(members),
                    "by_variant": [{"variant": v, **_figures(m)} for v, m in sorted(variants.items())]})
    return out


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def _timing(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "p95": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"median": round(statistics.median(ordered), 3), "p95": round(p95, 3)}


def _tesseract_version() -> str | None:
    try:
        import ocr

        return ocr.engine().version
    except Exception:
        return None


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def table(report: dict[str, Any]) -> str:
    """One line per document type × variant, then the overall line."""
    head = f"{'type':<11}{'variant':<10}{'docs':>5}{'detect':>8}{'fields':>8}{'name CER':>10}{'fail':>6}" \
           f"{'s/page med':>12}{'p95':>7}"
    lines = [head, "-" * len(head)]
    for g in report["by_type_variant"]:
        t = g["seconds_per_page"]
        lines.append(f"{g['document_type']:<11}{g['variant']:<10}{g['documents']:>5}{_pct(g['detection_accuracy']):>8}"
                     f"{_pct(g['field_accuracy']):>8}{_pct(g['name_cer']):>10}{sum(g['failures'].values()):>6}"
                     f"{t['median']:>12}{t['p95']:>7}")
    o = report["overall"]
    lines.append("-" * len(head))
    lines.append(f"{'all':<21}{report['documents']:>5}{_pct(o['detection_accuracy']):>8}{_pct(o['field_accuracy']):>8}"
                 f"{_pct(o['name_cer']):>10}{sum(o['failures'].values()):>6}"
                 f"{o['seconds_per_page']['median']:>12}{o['seconds_per_page']['p95']:>7}")
    lines.append(f"{report['jobs']} worker process(es), {report['wall_seconds']} s wall clock; "
                 f"failures: {o['failures'] or 'none'}")
    if report.get("by_family"):
        lines += ["", *_family_lines(report)]
    return "\n".join(lines)


def _family_lines(report: dict[str, Any]) -> list[str]:
    head = f"{'layout family':<22}{'type':<11}{'docs':>5}{'detect':>8}{'fields':>8}  fields by variant"
    lines = [head, "-" * len(head)]
    for f in report["by_family"]:
        variants = " ".join(f"{v['variant']} {_pct(v['field_accuracy'])}" for v in f["by_variant"])
        mark = "  HELD OUT" if f["held_out"] else ""
        lines.append(f"{f['family']:<22}{f['document_type']:<11}{f['documents']:>5}{_pct(f['detection_accuracy']):>8}"
                     f"{_pct(f['field_accuracy']):>8}  {variants}{mark}")
    if h := report.get("holdout"):
        held, tuned = h["held_out"], h["tuned"]
        lines.append(f"held out: {h['family']}: fields {_pct(held['field_accuracy'])} of {held['fields_scored']}, "
                     f"type detected {_pct(held['detection_accuracy'])}; the {len(h['tuned_families'])} families "
                     f"tuned on: fields {_pct(tuned['field_accuracy'])}, type {_pct(tuned['detection_accuracy'])}")
    return lines


def markdown(report: dict[str, Any]) -> str:
    """The same figures as a markdown table, for benchmarks/ (CPU seconds: process and Tesseract)."""
    out = ["| type | variant | docs | type detected | field accuracy | name CER | failures | s/page median | p95 "
           "| CPU s/page median | p95 |",
           "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for g in report["by_type_variant"]:
        t, c = g["seconds_per_page"], g["cpu_seconds_per_page"]
        fails = ", ".join(f"{k} {v}" for k, v in g["failures"].items()) or "0"
        out.append(f"| {g['document_type']} | {g['variant']} | {g['documents']} | {_pct(g['detection_accuracy'])} | "
                   f"{_pct(g['field_accuracy'])} | {_pct(g['name_cer'])} | {fails} | {t['median']} | {t['p95']} "
                   f"| {c['median']} | {c['p95']} |")
    o = report["overall"]
    t, c = o["seconds_per_page"], o["cpu_seconds_per_page"]
    fails = ", ".join(f"{k} {v}" for k, v in o["failures"].items()) or "0"
    out.append(f"| **all** | | {report['documents']} | {_pct(o['detection_accuracy'])} | "
               f"{_pct(o['field_accuracy'])} | {_pct(o['name_cer'])} | {fails} | "
               f"{t['median']} | {t['p95']} | {c['median']} | {c['p95']} |")
    if report.get("by_family"):
        out += ["", "| layout family | type | docs | type detected | field accuracy | fields | by variant (fields) |",
                "|---|---|---:|---:|---:|---:|---|"]
        for f in report["by_family"]:
            name = f"**{f['family']} (held out)**" if f["held_out"] else f["family"]
            variants = ", ".join(f"{v['variant']} {_pct(v['field_accuracy'])}" for v in f["by_variant"])
            out.append(f"| {name} | {f['document_type']} | {f['documents']} | {_pct(f['detection_accuracy'])} | "
                       f"{_pct(f['field_accuracy'])} | {f['fields_scored']} | {variants} |")
    if h := report.get("holdout"):
        held, tuned = h["held_out"], h["tuned"]
        out += ["", f"Held out: **{h['family']}**, fields right {_pct(held['field_accuracy'])} of "
                    f"{held['fields_scored']}, type detected {_pct(held['detection_accuracy'])} "
                    f"({held['documents']} documents). Families tuned on ({', '.join(h['tuned_families'])}): "
                    f"fields {_pct(tuned['field_accuracy'])}, type detected {_pct(tuned['detection_accuracy'])}."]
    return "\n".join(out) + "\n"
