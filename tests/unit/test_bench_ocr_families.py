"""`capil bench ocr` per layout family and leave-one-family-out, on a tiny corpus read by a fake extractor."""

import contextlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

import ocr
from capil import cli

# (file, family, variant, truth fields, what the fake reads: type and fields)
DOCS = (
    ("a1", "fam-a", "clean", {"x": "1", "y": "2"}, ("ijazah", {"x": "1", "y": "2"})),
    ("a2", "fam-a", "scan", {"x": "1", "y": "2"}, ("ijazah", {"x": "1", "y": "0"})),
    ("b1", "fam-b", "clean", {"x": "1", "y": "2"}, ("kk", {"x": "1", "y": "2"})),  # type misread: 0 fields
    ("b2", "fam-b", "scan", {"x": "1", "y": "2", "z": None}, ("ijazah", {"x": "1", "y": "2"})),
)


def _corpus(root: Path, *, with_family: bool = True) -> Path:
    (root / "docs").mkdir(parents=True)
    documents = []
    for name, family, variant, truth, (read_type, read) in DOCS:
        (root / "docs" / f"{name}.json").write_text(json.dumps({"type": read_type, "fields": read}))
        (root / "docs" / f"{name}.truth.json").write_text(json.dumps({"document_type": "ijazah", "fields": truth}))
        documents.append({"file": f"docs/{name}.json", "truth": f"docs/{name}.truth.json", "document_type": "ijazah",
                          "variant": variant, "look": {"jenjang": "SMA"}, **({"family": family} if with_family else {})})
    (root / "manifest.json").write_text(json.dumps({"format": "capil.synthetic-corpus/1", "seed": 1,
                                                    "documents": documents}))
    return root


def _fake_extract(data: bytes, *, declared_type=None, lang="ind"):
    read = json.loads(data)
    out = {"document_type": read["type"], "source": "fake", "fields": {k: {"value": v, "confidence": 0.95} for k, v in read["fields"].items()}}
    return SimpleNamespace(pages=1, to_dict=lambda: out)


@pytest.fixture
def bench(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(ocr, "extract", _fake_extract)
    monkeypatch.setattr(ocr, "tesseract_cpu", lambda: contextlib.nullcontext(SimpleNamespace(seconds=0.0)))

    def run(*args: str, with_family: bool = True) -> tuple[int, str, str]:
        data = _corpus(tmp_path / f"c{len(list(tmp_path.iterdir()))}", with_family=with_family)
        monkeypatch.setattr("sys.argv", ["capil", "bench", "ocr", "--data", str(data), *args])
        with pytest.raises(SystemExit) as exit_:
            cli.main()
        captured = capsys.readouterr()
        return int(exit_.value.code or 0), captured.out, captured.err

    return run


def test_figures_per_family_and_variant(bench):
    code, out, _ = bench("--json")
    assert code == 0
    report = json.loads(out)
    families = {f["family"]: f for f in report["by_family"]}
    assert set(families) == {"fam-a", "fam-b"} and "holdout" not in report
    assert (families["fam-a"]["field_accuracy"], families["fam-a"]["fields_scored"]) == (0.75, 4)
    assert families["fam-b"]["detection_accuracy"] == 0.5 and families["fam-b"]["field_accuracy"] == 0.5
    by_variant = {v["variant"]: v["field_accuracy"] for v in families["fam-a"]["by_variant"]}
    assert by_variant == {"clean": 1.0, "scan": 0.5}
    assert not any(f["held_out"] for f in report["by_family"])


def test_holdout_family_is_reported_apart_and_marked(bench, tmp_path):
    markdown = tmp_path / "summary.md"
    code, out, _ = bench("--json", "--holdout-family", "fam-b", "--markdown", str(markdown))
    assert code == 0
    report = json.loads(out)
    assert report["holdout"]["family"] == "fam-b" and report["holdout"]["tuned_families"] == ["fam-a"]
    assert report["holdout"]["held_out"]["field_accuracy"] == 0.5
    assert report["holdout"]["tuned"]["field_accuracy"] == 0.75
    assert [f["family"] for f in report["by_family"] if f["held_out"]] == ["fam-b"]
    text = markdown.read_text()
    assert "**fam-b (held out)**" in text and "Held out: **fam-b**, fields right 50.0% of 4" in text
    code, out, _ = bench("--holdout-family", "fam-b")
    assert code == 0 and "HELD OUT" in out and "held out: fam-b: fields 50.0%" in out


def test_families_limits_what_is_read_and_names_must_exist(bench):
    code, out, _ = bench("--json", "--families", "fam-a")
    assert code == 0
    report = json.loads(out)
    assert report["documents"] == 2 and [f["family"] for f in report["by_family"]] == ["fam-a"]
    code, _, err = bench("--holdout-family", "fam-c")
    assert code != 0 and "no document of layout family 'fam-c'" in err and "fam-a, fam-b" in err
    code, _, err = bench("--families", "fam-a", "--holdout-family", "fam-b")
    assert code != 0 and "not among the families scored" in err


def test_a_corpus_without_families_is_scored_by_its_development_family(bench):
    code, out, _ = bench("--json", with_family=False)
    assert code == 0
    assert [f["family"] for f in json.loads(out)["by_family"]] == ["ijazah-sekolah"]


def test_values_read_as_sure_and_how_many_of_them_are_right(bench):
    code, out, _ = bench("--json")
    assert code == 0
    overall = json.loads(out)["overall"]
    # All read at 0.95; the KK misread as a type scores none; a2's `y` is wrong.
    assert overall["sure_scored"] == 6
    assert overall["sure_accuracy"] == round(5 / 6, 4)
