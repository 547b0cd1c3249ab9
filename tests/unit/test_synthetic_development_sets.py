"""The families held out in sessions 11 to 15 (development data since): each set is registered apart
from the development families under a neutral description and draws a page of each family with a truth
in the spec's canonical form that goes through a degradation; `capil synth documents --families` draws
every family of session 11, clean and degraded; and what sets a few of them apart."""

import io
import json

import pytest
from PIL import Image
from typer.testing import CliRunner

import synthetic
from capil.cli import app
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people

SETS = {
    11: ("kk-u11a", "kk-u11b", "ijazah-u11c", "ijazah-u11d", "nikah-u11e"),
    12: ("kk-u12a", "kk-u12b", "ijazah-u12c", "ijazah-u12d", "nikah-u12e", "nikah-u12f"),
    13: ("kk-u13a", "kk-u13b", "ijazah-u13c", "ijazah-u13d", "nikah-u13e", "nikah-u13f"),
    14: ("kk-u14a", "kk-u14b", "ijazah-u14c", "ijazah-u14d", "nikah-u14e", "nikah-u14f"),
    15: ("kk-u15a", "kk-u15b", "ijazah-u15c", "ijazah-u15d", "nikah-u15e", "nikah-u15f"),
}
"""Each session's families; the third and fourth are the school and the university ijazah."""
DEGRADED = {
    12: ("scan", "worn_scan", "pdf_image", "pdf_text", "pdf_text", "scan"),
    13: ("worn_scan", "scan", "pdf_text", "pdf_image", "scan", "pdf_text"),
    14: ("pdf_text", "pdf_image", "pdf_text", "pdf_image", "pdf_text", "pdf_image"),
    15: ("pdf_image", "pdf_text", "pdf_image", "pdf_text", "pdf_image", "pdf_text"),
}
"""The cheaper variants, one a family (the corpora of these sets draw every variant of every family)."""
render = cached_renderer(married="2016-03-12")


@pytest.fixture(scope="module")
def people():
    return sample_people()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Eight documents in session 11's five families (seed 6 draws each at least once), clean or scanned."""
    root = tmp_path_factory.mktemp("u11")
    population = root / "pop.json"
    population.write_text(json.dumps(synthetic.population(families=6, seed=3)))
    result = CliRunner().invoke(app, ["synth", "documents", "--population", str(population), "--out",
                                      str(root / "corpus"), "--seed", "6", "--count", "7", "--variants",
                                      "clean,scan", "--families", ",".join(SETS[11])])
    assert result.exit_code == 0, result.output
    return root / "corpus"


@pytest.mark.parametrize("session", sorted(SETS))
def test_registered_held_out_under_a_neutral_description(session):
    families = SETS[session]
    for name in families:
        assert synthetic.LAYOUT_FAMILIES[name].description == f"held out, session {session} (see its module)"
        assert name not in synthetic.DEVELOPMENT_FAMILIES
    assert {synthetic.LAYOUT_FAMILIES[n].levels for n in families[2:4]} == {"school", "university"}
    if session != 11:
        assert set(synthetic.resolve_families(",".join(families))) == set(families)


@pytest.mark.parametrize(("name", "variant"), [pair for session in sorted(DEGRADED)
                                               for pair in zip(SETS[session], DEGRADED[session], strict=True)])
def test_each_family_draws_a_canonical_truth_and_degrades(people, name, variant):
    rendered = render(name, people, 3)
    assert_canonical(rendered.truth)
    assert rendered.truth["document_type"] == synthetic.LAYOUT_FAMILIES[name].document_type
    assert min(Image.open(io.BytesIO(rendered.png)).size) > 2000
    degraded = synthetic.degrade(rendered, variant, seed=3)
    assert len(degraded.data) > 20_000
    assert degraded.extension in ("png", "jpg", "pdf")


def test_synth_documents_draws_each_family_clean_and_degraded_with_a_canonical_truth(corpus):
    manifest = json.loads((corpus / "manifest.json").read_text())
    documents = manifest["documents"]
    assert {doc["family"] for doc in documents} == set(SETS[11])
    assert {doc["variant"] for doc in documents} == {"clean", "scan"}
    for doc in documents:
        truth = json.loads((corpus / doc["truth"]).read_text())
        assert_canonical(truth)
        assert truth["document_type"] == synthetic.LAYOUT_FAMILIES[doc["family"]].document_type
        image = Image.open(io.BytesIO((corpus / doc["file"]).read_bytes()))
        assert min(image.size) > 1000


def test_the_book_has_niks_only_since_2011(people):
    old = render("nikah-u11e", people, 3, married="2003-06-07").truth["fields"]
    new = render("nikah-u11e", people, 3).truth["fields"]
    assert old["suami.nik"] is None and old["istri.nik"] is None
    assert new["suami.nik"] == people[0].anggota[0].nik and new["istri.nik"] == people[0].anggota[1].nik


@pytest.mark.parametrize("name", ["ijazah-u12c", "ijazah-u13c"])
def test_older_school_certificates_have_no_nisn_or_npsn(people, name):
    old = render(name, people, 3, person=people[2]).truth["fields"]
    new = render(name, people, 3).truth["fields"]
    assert old["nisn"] is None and old["npsn"] is None
    assert new["nisn"] and new["npsn"]


@pytest.mark.parametrize("name", ["ijazah-u13d", "ijazah-u14d", "ijazah-u15d"])
def test_the_d3_prints_its_own_level(people, name):
    fields = render(name, people, 3, jenjang="D3").truth["fields"]
    assert fields["jenjang"] == "D3" and fields["gelar"].startswith("AHLI MADYA")
