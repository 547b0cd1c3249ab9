"""The families drawn blind in round 8 (kk-blanko, kk-2024, ijazah-kesetaraan, nikah-model-na,
ijazah-swasta): each renders in every variant with a truth in the spec's canonical form, the same seed
gives the same bytes, each prints what sets it apart (read back from its text-layer PDF), and a corpus
of only these families plans every kind of application."""

import io
import re

import pytest
from PIL import Image

import core
import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people, text_layer

BLIND = ("ijazah-kesetaraan", "ijazah-swasta", "kk-2024", "kk-blanko", "nikah-model-na")
PHOTOGRAPHED = ("kk-blanko", "kk-2024")
"""A colour page (guilloche paper) and a grey one."""


@pytest.fixture(scope="module")
def people():
    return sample_people()


_render = cached_renderer(married="1987-03-21")
"""Each page drawn once per module for the same arguments (`fresh=True`: drawn again)."""


@pytest.mark.parametrize("name", BLIND)
def test_each_blind_family_renders_every_variant_deterministically(name, people):
    spec = synthetic.LAYOUT_FAMILIES[name]
    assert name not in synthetic.DEVELOPMENT_FAMILIES and spec.description
    rendered = _render(name, people, seed=61)
    assert_canonical(rendered.truth)
    assert _render(name, people, seed=61, fresh=True).png == rendered.png
    # The variants that read only the raster (not the drawing ops) run on the page at a third of its size:
    # the same mode and content for a fraction of the time; clean, pdf_text and worn_scan get the page itself.
    # `photo` draws a camera frame of fixed size whatever the page (about 1.4 s): it runs for one colour
    # page and one grey page (a corpus of these families, `--variants all`, has photos of each).
    page = Image.open(io.BytesIO(rendered.png))
    small = io.BytesIO()
    page.resize((page.width // 3, page.height // 3)).save(small, format="PNG")
    reduced = synthetic.Rendered(small.getvalue(), rendered.truth, rendered.ops)
    extensions = {}
    for variant in synthetic.ALL_VARIANTS:
        if variant == "photo" and name not in PHOTOGRAPHED:
            continue
        whole = variant in ("clean", "pdf_text", "worn_scan")
        out = synthetic.degrade(rendered if whole else reduced, variant, seed=7)
        assert out.data[:4] in (b"\x89PNG", b"%PDF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb"), variant
        extensions[variant] = out.extension
    expected = {"clean": "png", "scan": "jpg", "photo": "jpg", "pdf_text": "pdf", "pdf_image": "pdf",
                "worn_scan": "jpg", "photocopy": "jpg"}
    assert extensions == {v: e for v, e in expected.items() if v != "photo" or name in PHOTOGRAPHED}


def test_kk_blanko_is_a_coloured_form_with_typed_values(people):
    family = people[0]
    rendered = _render("kk-blanko", people, seed=61)
    text = text_layer(rendered)
    assert "Urut" in text and "Kependudukan" in text and "Terakhir" in text and "CAMAT" in text and "No. Seri" in text
    assert family.no_kk in text and rendered.truth["fields"]["no_kk"] == family.no_kk
    inks = {op[-1] for op in rendered.ops if op[0] == "text"}
    typed = {op[4] for op in rendered.ops if op[0] == "text" and family.no_kk in op[3]}
    assert len(inks) >= 3 and any("Mono" in path for path in typed)  # the form's colour, black type, red serial
    assert rendered.truth == synthetic.render_kk(family, seed=64, layout="blanko").truth


def test_kk_2024_is_portrait_with_shaded_rows_and_a_wrapped_address(people):
    family = people[0]
    rendered = _render("kk-2024", people, seed=61)
    text = text_layer(rendered)
    assert family.no_kk in text and re.search(r"NKK|No\. Kartu Keluarga|Nomor KK", text) and "Kel/Desa" in text
    assert re.search(r"(Diterbitkan Tanggal|Tanggal Terbit) : \d{2}-\d{2}-\d{4}", text) and "Dicetak" in text
    assert Image.open(io.BytesIO(rendered.png)).size == (2480, 3508)
    rules = [op for op in rendered.ops if op[0] == "line" and abs(op[1][1] - op[1][3]) < 1]
    assert len(rules) <= 2  # each table closed by one rule: rows are told apart by shading alone
    first = family.alamat.split()[0]
    texts = [op[3] for op in rendered.ops if op[0] == "text"]
    assert family.alamat not in texts and any(t.startswith(first) for t in texts)


def test_ijazah_kesetaraan_prints_the_paket_in_the_wording_of_its_era(people):
    old = people[2]
    new = _render("ijazah-kesetaraan", people, seed=61)  # the young person's SMA: a Paket C since 2008
    fields, text = new.truth["fields"], text_layer(new)
    assert fields["jenjang"] == "PAKET C" and "PROGRAM PAKET C SETARA SMA" in text and "IJAZAH" in text
    assert "menerangkan bahwa" in text and f"Nama {fields['nama_lengkap']}" not in text
    assert re.fullmatch(r"DN-PC \d{7}", fields["nomor_ijazah"]) and re.fullmatch(r"P\d{7}", fields["npsn"])
    assert f"NPSN {fields['npsn']}" in text and "Ditetapkan di" in text and "Pada tanggal" in text
    older = _render("ijazah-kesetaraan", people, seed=67, person=old, jenjang="SMP")
    fields, text = older.truth["fields"], text_layer(older)
    assert fields["jenjang"] == "PAKET B" and "SURAT TANDA TAMAT BELAJAR" in text and "KELOMPOK BELAJAR" in text
    assert int(fields["tanggal_lulus"][:4]) < 2008 and fields["npsn"] is None and fields["nisn"] is None
    assert core.pendidikan_for_jenjang(fields["jenjang"]) == "SLTP/SEDERAJAT"
    with pytest.raises(ValueError, match="school ijazah"):
        _render("ijazah-kesetaraan", people, seed=68, jenjang="S1")


def test_nikah_model_na_types_the_date_in_words_and_has_no_nik_before_2011(people):
    old = _render("nikah-model-na", people, seed=61)  # married 1987
    fields, text = old.truth["fields"], text_layer(old)
    assert "dua puluh satu Maret seribu sembilan ratus delapan puluh tujuh" in text and "21-03-1987" in text
    assert "Model NA" in text and "ISTERI" in text and "2. Binti" in text and "7. Tempat kediaman" in text
    assert fields["tanggal_nikah"] == "1987-03-21" and fields["suami.nik"] is None and fields["istri.nik"] is None
    assert "Nomor Induk Kependudukan" not in text and fields["kua"] == "KUA KECAMATAN LATAMBAGA" and "LATAMBAGA" in text
    new = _render("nikah-model-na", people, seed=70, married="2021-02-14")
    fields, text = new.truth["fields"], text_layer(new)
    assert "empat belas Februari dua ribu dua puluh satu" in text and fields["suami.nik"] in text
    assert fields["istri.nik"] == people[0].anggota[1].nik


def test_ijazah_swasta_prints_its_era_under_kopertis_or_lldikti(people):
    old = people[2]
    newer = _render("ijazah-swasta", people, seed=61)  # the young person's S1, since 2018
    fields, text = newer.truth["fields"], text_layer(newer)
    assert "LEMBAGA LAYANAN PENDIDIKAN TINGGI" in text and "Dekan Fakultas" in text and "Sarjana" in text
    assert fields["gelar"] in text and "." in fields["gelar"] and fields["nim"] in text
    assert f"Program Studi {fields['program_studi'].title()}" in text
    older = _render("ijazah-swasta", people, seed=71, person=old, jenjang="S1")
    fields, text = older.truth["fields"], text_layer(older)
    assert "KOORDINASI PERGURUAN TINGGI SWASTA" in text and "Koordinator Kopertis" in text
    assert re.fullmatch(r"SARJANA [A-Z ]+ \([A-Z.]+\)", fields["gelar"]) and "." not in fields["gelar"]
    assert re.fullmatch(r"\d{4}/[A-Z]+/S1/\d{4}", fields["nomor_ijazah"]) and fields["gelar"] in text
    with pytest.raises(ValueError, match="university ijazah"):
        _render("ijazah-swasta", people, seed=73, jenjang="SMA")


def test_a_corpus_of_only_the_blind_families_plans_every_application(tmp_path):
    population = synthetic.population(families=8, seed=4)
    manifest = synthetic.write_corpus(population, out=tmp_path, seed=5, count=4, variants=["clean"],
                                      families=",".join(BLIND))
    assert {doc["family"] for doc in manifest["documents"]} <= set(BLIND)
    assert {doc["document_type"] for doc in manifest["documents"]} == {"kk", "ijazah", "buku_nikah"}
    assert [app["kind"] for app in manifest["applications"]] == ["genuine_pendidikan", "genuine_perkawinan"]
    assert all((tmp_path / path).is_file() for app in manifest["applications"] for path in app["files"].values())
