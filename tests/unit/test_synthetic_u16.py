"""Session 16's held-out families (kk-u16a, kk-u16b, ijazah-u16c, ijazah-u16d, nikah-u16e, nikah-u16f): registered
apart from the development families under a neutral description; each draws a page with a truth in the spec's
canonical form that carries every spec field of its type, and the page goes through a degradation."""

import io

import pytest
from PIL import Image

import core
import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people

FAMILIES = ("kk-u16a", "kk-u16b", "ijazah-u16c", "ijazah-u16d", "nikah-u16e", "nikah-u16f")
DEGRADED = ("pdf_image", "pdf_text", "pdf_image", "pdf_text", "pdf_image", "pdf_text")
"""One cheaper variant a family (the held-out corpus draws every variant of every family)."""
SPEC_FIELDS = {"kk": core.KK_HEADER_FIELDS, "ijazah": core.IJAZAH_FIELDS, "buku_nikah": core.BUKU_NIKAH_FIELDS}
render = cached_renderer(married="2016-03-12")


@pytest.fixture(scope="module")
def people() -> tuple[core.Family, core.Person, core.Person]:
    return sample_people()


def test_registered_held_out_under_a_neutral_description() -> None:
    for name in FAMILIES:
        assert synthetic.LAYOUT_FAMILIES[name].description == "held out, session 16 (see its module)"
        assert name not in synthetic.DEVELOPMENT_FAMILIES
    assert {synthetic.LAYOUT_FAMILIES[n].levels for n in FAMILIES[2:4]} == {"school", "university"}
    assert {synthetic.LAYOUT_FAMILIES[n].weight for n in FAMILIES[:2]} == {0.5}
    assert set(synthetic.resolve_families(",".join(FAMILIES))) == set(FAMILIES)


@pytest.mark.parametrize(("name", "variant"), zip(FAMILIES, DEGRADED, strict=True))
def test_each_family_draws_every_spec_field_and_degrades(people: tuple[core.Family, core.Person, core.Person],
                                                         name: str, variant: str) -> None:
    rendered = render(name, people, 3)
    kind = synthetic.LAYOUT_FAMILIES[name].document_type
    assert rendered.truth["document_type"] == kind
    assert_canonical(rendered.truth)
    fields = rendered.truth["fields"]
    assert tuple(fields) == tuple(SPEC_FIELDS[kind])
    # every field the spec gives the type has a value here (the sample's people and dates have them all)
    applicable = dict(fields)
    if kind == "ijazah":
        school = fields["jenjang"] in ("SD", "SMP", "SMA", "SMK")
        for name_ in ("nim", "program_studi", "gelar") if school else ("npsn", "nama_orang_tua", "nis", "nisn"):
            del applicable[name_]
    assert all(applicable.values()), [k for k, v in applicable.items() if not v]
    if kind == "kk":
        assert len(rendered.truth["anggota"]) == len(people[0].anggota)
    assert min(Image.open(io.BytesIO(rendered.png)).size) > 2000
    degraded = synthetic.degrade(rendered, variant, seed=3)
    assert len(degraded.data) > 20_000
    assert degraded.extension in ("png", "jpg", "pdf")


def test_the_d3_prints_its_own_level(people: tuple[core.Family, core.Person, core.Person]) -> None:
    fields = render("ijazah-u16d", people, 3, jenjang="D3").truth["fields"]
    assert fields["jenjang"] == "D3" and fields["gelar"].startswith("AHLI MADYA")
