"""The development family kk-susun: every variant renders from one deterministic page with a canonical truth,
and the page stacks two values in a member row's cells (read back from its text layer)."""

import re

import pytest

import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, render_family, sample_people, text_layer

_render = cached_renderer(married="2015-06-01")  # the two seeds' pages are drawn once for both tests below


@pytest.fixture(scope="module")
def people():
    return sample_people()


def test_kk_susun_renders_every_variant_deterministically(people):
    assert "kk-susun" in synthetic.LAYOUT_FAMILIES and "kk-susun" not in synthetic.DEVELOPMENT_FAMILIES
    rendered = render_family("kk-susun", people, 71, married="2015-06-01")
    assert_canonical(rendered.truth)
    again = render_family("kk-susun", people, 71, married="2015-06-01")
    assert again.png == rendered.png and again.truth == rendered.truth
    # Every variant is drawn by the corpus tests of all families; two here keep this file quick.
    assert [synthetic.degrade(rendered, v, seed=7).extension for v in ("photocopy", "pdf_text")] == ["jpg", "pdf"]


@pytest.mark.parametrize("seed", [1, 2])
def test_kk_susun_stacks_name_over_nik_and_prints_sex_as_codes(people, seed):
    family = people[0]
    rendered = _render("kk-susun", people, seed)
    placed: dict[str, list[tuple[float, float]]] = {}
    for op in rendered.ops:
        if op[0] == "text":
            placed.setdefault(op[3], []).append((op[1], op[2]))
    for person in family.anggota:
        (nik_x, nik_y), = placed[person.nik]
        # The name printed in the NIK's cell (a head of family's name is printed in the header and footer too).
        assert any(abs(nik_x - x) < 5 and 20 < abs(nik_y - y) < 120 for x, y in placed[person.nama_lengkap])
    text = text_layer(rendered)
    assert re.search(r"\b(LK|PR|L|P)\b", text) or "LAKI-LAKI" in text
    assert [row["nik"] for row in rendered.truth["anggota"]] == [p.nik for p in family.anggota]


@pytest.mark.parametrize(("seed", "mother_on_top"), [(1, False), (2, True)])
def test_kk_susun_prints_some_pairs_the_other_way_up(people, seed, mother_on_top):
    family = people[0]
    rendered = _render("kk-susun", people, seed)
    placed: dict[str, list[float]] = {}
    for op in rendered.ops:
        if op[0] == "text":
            placed.setdefault(op[3], []).append(op[2])
    person = next(p for p in family.anggota if p.nama_ayah and p.nama_ibu and p.nama_ibu not in
                  (q.nama_lengkap for q in family.anggota))
    mother, = placed[person.nama_ibu]
    # The father's name just above or below the mother's in the same row (he may be printed elsewhere too).
    father = min(placed[person.nama_ayah], key=lambda y: abs(y - mother))
    assert (mother < father) is mother_on_top and abs(mother - father) < 120
