"""The development families kk-salinan and ijazah-salinan: a legalised photocopy of a development print, grey
with the legalisation in colour, whose truth is what the copy still shows, and whose pdf_text variant is a
scanner's searchable PDF (the copy's image under an invisible text layer that holds the stamp's words too)."""

import io

import numpy as np
import pytest
from PIL import Image

import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people, text_layer

render = cached_renderer(married="2015-06-01")


@pytest.fixture(scope="module")
def people():
    return sample_people()


def _coloured(png: bytes) -> tuple[float, float]:
    """Share of pixels in violet or blue ink, and of the rest that are grey (no hue)."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    hue = rgb.max(axis=2) - rgb.min(axis=2)
    ink = (rgb[..., 2] - rgb[..., 1] > 40) & (hue > 40)
    return float(ink.mean()), float((hue[~ink] < 30).mean())


def test_families_are_registered_for_development_and_cover_both_ijazah_levels():
    for name in ("kk-salinan", "ijazah-salinan"):
        assert name in synthetic.LAYOUT_FAMILIES and name not in synthetic.DEVELOPMENT_FAMILIES
    synthetic.check_family_coverage(("kk-salinan", "ijazah-salinan", "nikah-kutipan"))  # school and university


def test_kk_copy_cut_at_the_foot_loses_the_issue_date_but_no_member(people):
    family = people[0]
    rendered = render("kk-salinan", people, 13)  # hangs off the glass at the foot
    assert_canonical(rendered.truth)
    assert rendered.truth["fields"]["tanggal_dikeluarkan"] is None
    assert rendered.truth["fields"]["no_kk"] == family.no_kk
    assert [row["nik"] for row in rendered.truth["anggota"]] == [p.nik for p in family.anggota]
    ink, grey = _coloured(rendered.png)
    assert 0.002 < ink < 0.2 and grey > 0.99
    again = render("kk-salinan", people, 13, fresh=True)
    assert again.png == rendered.png and again.truth == rendered.truth


def test_ijazah_copy_is_stamped_and_its_text_layer_holds_the_stamp_words(people):
    rendered = render("ijazah-salinan", people, 5, jenjang="S1")
    assert_canonical(rendered.truth)
    assert rendered.truth["fields"]["nama_lengkap"] == people[1].nama_lengkap
    text = text_layer(rendered)
    assert "TELAH DILEGALISIR" in text and "SESUAI DENGAN ASLINYA" in text and "NIP." in text
    assert people[1].nama_lengkap in text
    assert _coloured(rendered.png)[0] > 0.002
