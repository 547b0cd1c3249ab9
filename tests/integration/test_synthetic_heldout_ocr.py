"""Real Tesseract reads the key fields of one held-out page per document type (fonts and layout it was not
developed on), and the text layer of a held-out vector PDF whose font is embedded as Type 1."""

import pytest

import core
import ocr
import synthetic

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


def _seed_drawn_in(family_name: str) -> int:
    return next(seed for seed in range(200) if synthetic.Style.heldout(seed).family == family_name)


@pytest.fixture(scope="module")
def nikah(family) -> synthetic.Rendered:
    suami, istri = family.anggota[:2]
    return synthetic.render_buku_nikah(suami, istri, tanggal_nikah="2019-06-14", nomor_akta="0123/045/VI/2019",
                                       kua="KUA KECAMATAN KOLAKA", wali="ABDUL GANI",
                                       seed=_seed_drawn_in("Nimbus Roman"), heldout=True)


def test_kk_in_a_heldout_font_gives_no_kk_and_every_nik(family):
    rendered = synthetic.render_kk(family, seed=_seed_drawn_in("Nimbus Mono PS"), heldout=True)
    extraction = ocr.extract(rendered.png, declared_type=core.DocumentType.KK)
    assert extraction.document_type == core.DocumentType.KK
    assert extraction.value("no_kk") == rendered.truth["fields"]["no_kk"]
    assert [row["nik"].value for row in extraction.anggota] == [p.nik for p in family.anggota]


def test_ijazah_in_a_heldout_font_gives_name_birth_date_and_number(family):
    rendered = synthetic.render_ijazah(family.anggota[0], jenjang="SMA", seed=_seed_drawn_in("Carlito"), heldout=True)
    extraction = ocr.extract(rendered.png, declared_type=core.DocumentType.IJAZAH)
    for name in ("nama_lengkap", "tanggal_lahir", "nomor_ijazah", "jenjang"):
        assert extraction.value(name) == rendered.truth["fields"][name], name


@pytest.mark.parametrize("variant", ["clean", "pdf_text"])
def test_buku_nikah_in_a_heldout_font_gives_both_niks(nikah, family, variant):
    data = synthetic.degrade(nikah, variant, seed=1).data
    extraction = ocr.extract(data, declared_type=core.DocumentType.BUKU_NIKAH)
    assert extraction.source == ("text_layer" if variant == "pdf_text" else "ocr")
    assert (extraction.value("suami.nik"), extraction.value("istri.nik")) == (family.anggota[0].nik,
                                                                           family.anggota[1].nik)
    assert extraction.value("nomor_akta") == "0123/045/VI/2019"
