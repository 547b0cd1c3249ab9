"""Session 11's held-out families (kk-u11a, kk-u11b, ijazah-u11c, ijazah-u11d, nikah-u11e): registered apart from
the development families under a neutral description; `capil synth documents --families` draws every one of
them, clean and degraded, each with a truth in the spec's canonical form."""

import io
import json

import pytest
from PIL import Image
from typer.testing import CliRunner

import synthetic
from capil.cli import app
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people

FAMILIES = ("kk-u11a", "kk-u11b", "ijazah-u11c", "ijazah-u11d", "nikah-u11e")
render = cached_renderer(married="2016-03-12")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Eight documents in the five families (seed 6 draws each at least once), clean or scanned."""
    root = tmp_path_factory.mktemp("u11")
    population = root / "pop.json"
    population.write_text(json.dumps(synthetic.population(families=6, seed=3)))
    result = CliRunner().invoke(app, ["synth", "documents", "--population", str(population), "--out",
                                      str(root / "corpus"), "--seed", "6", "--count", "7", "--variants",
                                      "clean,scan", "--families", ",".join(FAMILIES)])
    assert result.exit_code == 0, result.output
    return root / "corpus"


def test_registered_held_out_under_a_neutral_description():
    for name in FAMILIES:
        assert synthetic.LAYOUT_FAMILIES[name].description == "held out, session 11 (see its module)"
        assert name not in synthetic.DEVELOPMENT_FAMILIES
    assert {synthetic.LAYOUT_FAMILIES[n].levels for n in FAMILIES[2:4]} == {"school", "university"}


def test_synth_documents_draws_each_family_clean_and_degraded_with_a_canonical_truth(corpus):
    manifest = json.loads((corpus / "manifest.json").read_text())
    documents = manifest["documents"]
    assert {doc["family"] for doc in documents} == set(FAMILIES)
    assert {doc["variant"] for doc in documents} == {"clean", "scan"}
    for doc in documents:
        truth = json.loads((corpus / doc["truth"]).read_text())
        assert_canonical(truth)
        assert truth["document_type"] == synthetic.LAYOUT_FAMILIES[doc["family"]].document_type
        image = Image.open(io.BytesIO((corpus / doc["file"]).read_bytes()))
        assert min(image.size) > 1000


def test_the_book_has_niks_only_since_2011():
    people = sample_people()
    old = render("nikah-u11e", people, 3, married="2003-06-07").truth["fields"]
    new = render("nikah-u11e", people, 3).truth["fields"]
    assert old["suami.nik"] is None and old["istri.nik"] is None
    assert new["suami.nik"] == people[0].anggota[0].nik and new["istri.nik"] == people[0].anggota[1].nik
