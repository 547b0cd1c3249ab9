"""Synthetic variants, the corpus and its application sets, and `capil bench ocr` on a tiny corpus."""

import io
import json

import pdfplumber
import pytest
from PIL import Image
from typer.testing import CliRunner

import core
import crosscheck
import synthetic
from capil.cli import app

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def population():
    return synthetic.population(families=10, seed=5)


@pytest.fixture(scope="module")
def rendered(population):
    families = [core.Family.from_dict(f) for f in population["keluarga"]]
    family = families[0]
    suami, istri = family.anggota[:2]
    nomor = synthetic.akta_number("2019-06-14", kua_code="7404011", rng=__import__("random").Random(1))
    return {
        "kk": synthetic.render_kk(family, seed=3, layout="old", varied=True),
        "ijazah": synthetic.render_ijazah(family.anggota[0], jenjang="SMA", seed=4, security=True, varied=True),
        "buku_nikah": synthetic.render_buku_nikah(suami, istri, tanggal_nikah="2019-06-14", nomor_akta=nomor,
                                                  kua="KUA KECAMATAN KOLAKA", wali="ABDUL GANI", seed=5,
                                                  varied=True, stamped=True),
    }


def _printed_values(truth):
    values = [v for v in truth["fields"].values() if v and "-" not in v]  # dates print in another form
    return values + [row["nik"] for row in truth.get("anggota", [])]


@pytest.mark.parametrize("doc_type", ["kk", "ijazah", "buku_nikah"])
def test_every_variant_is_deterministic_and_plausible(rendered, doc_type):
    page = rendered[doc_type]
    clean = Image.open(io.BytesIO(page.png))
    assert clean.info["dpi"][0] == pytest.approx(300, abs=0.5) and max(clean.size) == 3508
    for variant in synthetic.VARIANTS:
        out = synthetic.degrade(page, variant, seed=11)
        if doc_type == "kk":  # determinism by seed, checked on one type to keep the test short
            assert synthetic.degrade(page, variant, seed=11).data == out.data, variant
            if variant in ("scan", "photo", "pdf_image"):
                assert synthetic.degrade(page, variant, seed=12).data != out.data, variant
        if out.extension == "pdf":
            with pdfplumber.open(io.BytesIO(out.data)) as pdf:
                (pdf_page,) = pdf.pages
                assert pdf_page.width == pytest.approx(clean.width * 72 / 300, rel=0.01)
                text = pdf_page.extract_text() or ""
            if variant == "pdf_text":
                for value in _printed_values(page.truth):
                    assert value.lower() in text.lower(), (variant, value)
            else:
                assert text.strip() == "" and len(pdf_page.images) == 1
            continue
        image = Image.open(io.BytesIO(out.data))
        if variant == "scan":
            dpi = out.meta["dpi"]
            assert 200 <= dpi <= 300 and abs(out.meta["angle"]) <= 3
            assert image.size == (round(clean.width * dpi / 300), round(clean.height * dpi / 300))
            assert image.format == "JPEG" and image.info["dpi"][0] == pytest.approx(dpi, abs=0.5)
        if variant == "photo":
            assert abs(out.meta["angle"]) <= 8 and image.format == "JPEG"
            assert 2000 <= max(image.size) <= 3600


def test_akta_numbers_agree_with_the_marriage_date():
    import random

    rng = random.Random(3)
    new = synthetic.akta_number("2023-02-11", kua_code="7404011", rng=rng)
    assert len(new) == 16 and new.isdigit() and new[:7] == "7404011" and new[7:13] == "022023"
    old = synthetic.akta_number("2019-06-14", kua_code="7404011", rng=rng)
    serial, code, month, year = old.split("/")
    assert (len(serial), code, month, year) == (4, "011", "VI", "2019")
    assert "/" in synthetic.akta_number("2024-01-05", kua_code="7404011", rng=rng, new_format=False)


def _as_extraction(truth):
    def values(d):
        return {k: core.FieldValue(v, 1.0, 1) for k, v in d.items()}

    return core.Extraction(core.DocumentType(truth["document_type"]), 1, "ocr", values(truth["fields"]),
                           tuple(values(row) for row in truth.get("anggota", [])))


@pytest.mark.parametrize("families", [None, "all"])
def test_corpus_cases_reach_their_expected_outcome_when_read_perfectly(population, tmp_path, families):
    kinds = len(synthetic.CASE_KINDS)
    manifest = synthetic.write_corpus(population, out=tmp_path, seed=2, count=2 * kinds, variants=["clean"],
                                      families=families)
    assert json.loads((tmp_path / "manifest.json").read_text()) == manifest
    assert {a["kind"] for a in manifest["applications"]} == set(synthetic.CASE_KINDS)
    people = {p["nik"]: core.Person.from_dict(p) for f in population["keluarga"] for p in f["anggota"]}
    family_of = {p["nik"]: core.Family.from_dict(f) for f in population["keluarga"] for p in f["anggota"]}
    for case in manifest["applications"]:
        expected = case["expected"]
        truths = {slot: json.loads((tmp_path / path.replace(".png", ".truth.json")).read_text())
                  for slot, path in case["files"].items()}
        if any(t["document_type"] != slot for slot, t in truths.items()):
            assert expected == {"status": "rejected", "findings": ["WRONG_DOCUMENT_TYPE"]}, case
            continue
        decision = crosscheck.decide(
            change=core.ChangeType(case["change"]), requested=case["requested"], subject=people[case["nik"]],
            family=family_of[case["nik"]],
            extractions={core.DocumentType(s): _as_extraction(t) for s, t in truths.items()},
            known_persons={n: people[n] for n in case["known_persons"]})
        codes = {f.code for f in decision.findings}
        assert str(decision.status) == expected["status"], (case["kind"], codes)
        assert set(expected["findings"]) <= codes, (case["kind"], codes)


def test_bench_ocr_on_a_tiny_corpus(population, tmp_path):
    pop_file = tmp_path / "pop.json"
    pop_file.write_text(json.dumps(population))
    runner = CliRunner()
    result = runner.invoke(app, ["synth", "documents", "--population", str(pop_file), "--out", str(tmp_path / "c"),
                                 "--seed", "9", "--count", "3", "--variants", "clean"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["bench", "ocr", "--data", str(tmp_path / "c"), "--jobs", "2", "--json",
                                 "--markdown", str(tmp_path / "summary.md")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "capil.bench-ocr/1" and report["jobs"] == 2
    assert report["documents"] == len(json.loads((tmp_path / "c" / "manifest.json").read_text())["documents"]) >= 3
    assert report["overall"]["field_accuracy"] > 0 and report["overall"]["detection_accuracy"] > 0
    assert report["overall"]["seconds_per_page"]["median"] > 0
    # Tesseract's own CPU time counts: a page costs far more than the Python around it.
    assert report["overall"]["cpu_seconds_per_page"]["median"] > 0.2
    group = report["by_type_variant"][0]
    assert {"document_type", "variant", "fields", "name_cer", "failures", "seconds_per_page"} <= set(group)
    assert all(f["total"] >= f["correct"] >= 0 for f in group["fields"].values())
    assert "| **all** |" in (tmp_path / "summary.md").read_text()
