"""Session 15's held-out families (kk-u15a, kk-u15b, ijazah-u15c, ijazah-u15d, nikah-u15e, nikah-u15f): registered
apart from the development families under a neutral description; each draws a page with a truth in the spec's
canonical form, and the page goes through a degradation."""

import io

import pytest
from PIL import Image

import core
import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people

FAMILIES = ("kk-u15a", "kk-u15b", "ijazah-u15c", "ijazah-u15d", "nikah-u15e", "nikah-u15f")
DEGRADED = ("pdf_image", "pdf_text", "pdf_image", "pdf_text", "pdf_image", "pdf_text")
"""One cheaper variant a family (the held-out corpus draws every variant of every family)."""
render = cached_renderer(married="2016-03-12")


@pytest.fixture(scope="module")
def people() -> tuple[core.Family, core.Person, core.Person]:
    return sample_people()


def test_registered_held_out_under_a_neutral_description() -> None:
    for name in FAMILIES:
        assert synthetic.LAYOUT_FAMILIES[name].description == "held out, session 15 (see its module)"
        assert name not in synthetic.DEVELOPMENT_FAMILIES
    assert {synthetic.LAYOUT_FAMILIES[n].levels for n in FAMILIES[2:4]} == {"school", "university"}
    assert set(synthetic.resolve_families(",".join(FAMILIES))) == set(FAMILIES)


@pytest.mark.parametrize(("name", "variant"), zip(FAMILIES, DEGRADED, strict=True))
def test_each_family_draws_a_canonical_truth_and_degrades(people: tuple[core.Family, core.Person, core.Person],
                                                          name: str, variant: str) -> None:
    rendered = render(name, people, 3)
    assert_canonical(rendered.truth)
    assert rendered.truth["document_type"] == synthetic.LAYOUT_FAMILIES[name].document_type
    assert min(Image.open(io.BytesIO(rendered.png)).size) > 2000
    degraded = synthetic.degrade(rendered, variant, seed=3)
    assert len(degraded.data) > 20_000
    assert degraded.extension in ("png", "jpg", "pdf")


def test_the_d3_prints_its_own_level(people: tuple[core.Family, core.Person, core.Person]) -> None:
    fields = render("ijazah-u15d", people, 3, jenjang="D3").truth["fields"]
    assert fields["jenjang"] == "D3" and fields["gelar"].startswith("AHLI MADYA")
