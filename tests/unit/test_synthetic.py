"""The synthetic population is deterministic and consistent with the spec's rules."""

import datetime as dt
import io

import pytest
from PIL import Image

import core
import synthetic


@pytest.fixture(scope="module")
def pop():
    return synthetic.population(families=8, seed=7)


def _families(pop):
    return [core.Family.from_dict(f) for f in pop["keluarga"]]


def test_public_face():
    assert set(synthetic.__all__) >= {"population", "render_kk", "render_ijazah", "render_buku_nikah", "Rendered"}


def test_population_is_deterministic_by_seed(pop):
    assert synthetic.population(families=8, seed=7) == pop
    assert synthetic.population(families=8, seed=8) != pop
    assert pop["format"] == "capil.population/1"
    assert len(pop["keluarga"]) == 8


def test_niks_are_unique_and_match_sex_and_birth_date(pop):
    people = [p for f in _families(pop) for p in f.anggota]
    assert len({p.nik for p in people}) == len(people)
    for p in people:
        assert core.nik_problems(p.nik, jenis_kelamin=p.jenis_kelamin, tanggal_lahir=p.tanggal_lahir) == [], p


def test_no_kk_is_valid_and_unique(pop):
    numbers = [f.no_kk for f in _families(pop)]
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        assert core.no_kk_problems(number) == []


def test_one_kepala_keluarga_per_family_and_children_name_their_parents(pop):
    for family in _families(pop):
        heads = [p for p in family.anggota if p.status_hubungan == "KEPALA KELUARGA"]
        assert len(heads) == 1
        wife = next((p for p in family.anggota if p.status_hubungan == "ISTRI"), None)
        for child in (p for p in family.anggota if p.status_hubungan == "ANAK"):
            assert child.status_perkawinan == "BELUM KAWIN"
            if wife is not None:
                assert (child.nama_ayah, child.nama_ibu) == (heads[0].nama_lengkap, wife.nama_lengkap)
        if wife is not None:
            assert wife.tanggal_perkawinan == heads[0].tanggal_perkawinan is not None


def test_values_are_canonical(pop):
    for family in _families(pop):
        assert family.rt.isdigit() and len(family.rt) == 3
        for person in family.anggota:
            for kind in core.VOCAB_KINDS:
                value = person.jenis_pekerjaan if kind == "jenis_pekerjaan" else getattr(person, kind)
                assert value in core.canonical_values(kind), (kind, value)
            dt.date.fromisoformat(person.tanggal_lahir)
            assert person.nama_lengkap == " ".join(person.nama_lengkap.upper().split())


def test_population_has_what_the_change_scenarios_need():
    people = [p for f in _families(synthetic.population(families=3, seed=1)) for p in f.anggota]
    below_s1 = [p for p in people if core.pendidikan_rank(p.pendidikan) < core.pendidikan_rank("DIPLOMA IV/STRATA I")]
    adult_single = [p for p in people if p.status_perkawinan == "BELUM KAWIN"
                    and p.tanggal_lahir <= (synthetic.REFERENCE_DAY.replace(year=synthetic.REFERENCE_DAY.year - 19)).isoformat()]
    assert below_s1
    assert adult_single


def test_render_kk_gives_a_300dpi_landscape_png_and_its_truth(pop):
    family = _families(pop)[0]
    rendered = synthetic.render_kk(family, seed=3)
    assert synthetic.render_kk(family, seed=3) == rendered
    image = Image.open(io.BytesIO(rendered.png))
    assert image.format == "PNG" and image.width > image.height > 2000
    assert rendered.truth["fields"]["no_kk"] == family.no_kk
    assert set(rendered.truth["fields"]) == set(core.KK_HEADER_FIELDS)
    assert [row["nik"] for row in rendered.truth["anggota"]] == [p.nik for p in family.anggota]


def test_render_ijazah_overrides_change_what_is_printed_and_the_truth(pop):
    person = _families(pop)[0].anggota[0]
    clean = synthetic.render_ijazah(person, jenjang="SMA", seed=1)
    tampered = synthetic.render_ijazah(person, jenjang="SMA", seed=1, nama_lengkap="NAMA LAIN")
    assert clean.truth["fields"]["nama_lengkap"] == person.nama_lengkap
    assert tampered.truth["fields"]["nama_lengkap"] == "NAMA LAIN"
    assert tampered.png != clean.png
    s1 = synthetic.render_ijazah(person, jenjang="S1", seed=1)
    assert s1.truth["fields"]["jenjang"] == "S1"
    assert len(s1.truth["fields"]["nomor_ijazah"]) == 15
    with pytest.raises(TypeError):
        synthetic.render_ijazah(person, jenjang="SMA", seed=1, warna="merah")
    with pytest.raises(ValueError):
        synthetic.render_ijazah(person, jenjang="PAUD", seed=1)


def test_render_buku_nikah_truth(pop):
    family = next(f for f in _families(pop) if len(f.anggota) > 1 and f.anggota[1].status_hubungan == "ISTRI")
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(
        suami, istri, tanggal_nikah=suami.tanggal_perkawinan, nomor_akta=suami.no_akta_perkawinan,
        kua="KUA KECAMATAN KOLAKA", wali="LA ODE SAFIUDDIN", seed=2)
    assert set(rendered.truth["fields"]) == set(core.BUKU_NIKAH_FIELDS)
    assert rendered.truth["fields"]["istri.nik"] == istri.nik



def test_render_options_change_the_page_not_the_truth(pop):
    family = _families(pop)[0]
    plain = synthetic.render_kk(family, seed=1)
    old = synthetic.render_kk(family, seed=1, layout="old", varied=True)
    assert old.png != plain.png and old.truth == plain.truth
    assert any(op[0] == "image" and op[2].mode == "RGBA" for op in old.ops)  # stamp and signatures
    with pytest.raises(ValueError):
        synthetic.render_kk(family, seed=1, layout="1990")
    person = family.anggota[0]
    secure = synthetic.render_ijazah(person, jenjang="SMP", seed=2, security=True)
    assert secure.truth == synthetic.render_ijazah(person, jenjang="SMP", seed=2).truth
    assert Image.open(io.BytesIO(secure.png)).mode == "RGB"  # tinted paper
