"""The held-out families kk-2000s, ijazah-madrasah, ijazah-ptkin and nikah-2020s: each renders in every variant with a
truth in the spec's canonical form, the same seed gives the same bytes, and each prints what sets it
apart (read back from its text-layer PDF)."""

import io
import re

import pytest
from PIL import Image

import synthetic
from tests.fixtures.layouts import assert_canonical, render_family, sample_people, text_layer

NEW = ("ijazah-madrasah", "ijazah-ptkin", "kk-2000s", "nikah-2020s")


@pytest.fixture(scope="module")
def people():
    return sample_people()


def _render(name, people, seed, *, person=None, jenjang=None, married="2024-10-30"):
    return render_family(name, people, seed, person=person, jenjang=jenjang, married=married)


@pytest.mark.parametrize("name", NEW)
def test_each_new_family_renders_every_variant_deterministically(name, people):
    spec = synthetic.LAYOUT_FAMILIES[name]
    assert name not in synthetic.DEVELOPMENT_FAMILIES and spec.description
    rendered = _render(name, people, seed=61)
    assert_canonical(rendered.truth)
    again = _render(name, people, seed=61)
    assert again.png == rendered.png and again.truth == rendered.truth
    assert _render(name, people, seed=62).png != rendered.png
    extensions = {}
    for variant in synthetic.ALL_VARIANTS:
        out = synthetic.degrade(rendered, variant, seed=7)
        assert out.data[:4] in (b"\x89PNG", b"%PDF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb"), variant
        extensions[variant] = out.extension
    assert extensions == {"clean": "png", "scan": "jpg", "photo": "jpg", "pdf_text": "pdf", "pdf_image": "pdf",
                          "worn_scan": "jpg", "photocopy": "jpg"}


def test_kk_2000s_merges_birth_cells_and_prints_no_marriage_date(people):
    family = people[0]
    rendered = _render("kk-2000s", people, seed=63)
    text = text_layer(rendered)
    assert "Tempat / Tgl" in text and "(17)" in text and "LEMBAR I" in text and "Propinsi" in text
    assert re.search(r"(Nomor KK|NOMOR) : " + family.no_kk, text)
    for person, row in zip(family.anggota, rendered.truth["anggota"], strict=True):
        assert f"{person.tempat_lahir}, " in text or person.tempat_lahir in text
        assert row["tanggal_perkawinan"] is None and row["nik"] == person.nik
    assert "Tanggal Perkawinan" not in text and "Tgl. Perkawinan" not in text


def test_ijazah_madrasah_prints_the_madrasah_and_its_era(people):
    _, young, old = people
    new = _render("ijazah-madrasah", people, seed=64, person=young, jenjang="SMA")
    fields, text = new.truth["fields"], text_layer(new)
    assert fields["jenjang"] == "MA" and fields["nama_satuan_pendidikan"].startswith("MADRASAH ALIYAH ")
    assert "IJAZAH MADRASAH ALIYAH" in text and "KEMENTERIAN AGAMA" in text and "NSM" in text
    assert fields["npsn"] and fields["nisn"] and "nomor induk siswa nasional" in text
    assert re.fullmatch(r"MA-26/\d{2}/\d{7}", fields["nomor_ijazah"])
    older = _render("ijazah-madrasah", people, seed=65, person=old, jenjang="SMP")
    fields, text = older.truth["fields"], text_layer(older)
    assert fields["jenjang"] == "MTS" and "DEPARTEMEN AGAMA" in text and "Nomor Statistik Madrasah" in text
    assert fields["npsn"] is None and fields["nisn"] is None and "Nama Siswa" in text and "Pada tanggal" in text
    assert re.fullmatch(r"\d{6}/MTS/26\.\d{2}/\d{4}", fields["nomor_ijazah"])
    with pytest.raises(ValueError, match="school ijazah"):
        _render("ijazah-madrasah", people, seed=66, jenjang="S1")


def test_nikah_2020s_is_a_booklet_spread(people):
    rendered = _render("nikah-2020s", people, seed=67, married="2021-03-14")
    fields, text = rendered.truth["fields"], text_layer(rendered)
    assert "BUKU NIKAH" in text and "Tanggal Akad" in text and "Binti" in text and "Saksi II" in text
    assert "KUA Kecamatan Latambaga" in text and fields["kua"] == "KUA KECAMATAN LATAMBAGA"
    assert re.fullmatch(r"\d{4}/041/III/2021", fields["nomor_akta"])  # the old format before October 2022
    suami = people[0].anggota[0]
    assert f"{suami.tempat_lahir}, {suami.tanggal_lahir[8:]}-{suami.tanggal_lahir[5:7]}-{suami.tanggal_lahir[:4]}" in text
    assert fields["suami.tanggal_lahir"] == suami.tanggal_lahir
    assert any(op[0] == "image" for op in rendered.ops)  # the QR code (and stamp, signature)
    assert Image.open(io.BytesIO(rendered.png)).size == (3508, 2480)


def test_ijazah_ptkin_prints_the_college_and_the_degree_of_its_era(people):
    _, young, old = people
    new = _render("ijazah-ptkin", people, seed=68, person=young, jenjang="S1")
    fields, text = new.truth["fields"], text_layer(new)
    assert fields["nama_satuan_pendidikan"] == "INSTITUT AGAMA ISLAM NEGERI KENDARI" and "Rektor Institut" in text
    assert "NIM" in text and re.fullmatch(r"\d{11}", fields["nim"]) and fields["nim"] in text
    assert fields["gelar"] in text and not fields["gelar"].startswith("SARJANA HUKUM ISLAM")
    assert fields["program_studi"] and fields["npsn"] is None and fields["nis"] is None
    older = _render("ijazah-ptkin", people, seed=69, person=old, jenjang="S1")
    fields, text = older.truth["fields"], text_layer(older)
    assert fields["nama_satuan_pendidikan"].startswith("SEKOLAH TINGGI AGAMA ISLAM NEGERI") and "Ketua" in text
    assert re.fullmatch(r"In\.23/PP\.00\.9/\d{4}/\d{4}", fields["nomor_ijazah"]) and "Jurusan" in text
    assert re.fullmatch(r"SARJANA \w+ ISLAM \(S\.\w+\.I\.\)", fields["gelar"]) and fields["gelar"] in text
    with pytest.raises(ValueError, match="university ijazah"):
        _render("ijazah-ptkin", people, seed=70, jenjang="SMA")
