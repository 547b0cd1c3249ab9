"""The families drawn blind in round 9: each renders in every variant with a truth in the spec's canonical
form, the same seed gives the same bytes, each prints what sets it apart (read back from its text-layer
PDF), and a corpus of only these families plans every kind of application."""

import datetime as dt
import io
import re

import pytest
from PIL import Image

import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people, text_layer

BLIND9 = ("ijazah-dwibahasa", "ijazah-tulis", "kk-dua-baris", "kk-legalisir", "nikah-duplikat")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
PHOTOGRAPHED = ("nikah-duplikat",)
"""`photo` draws a camera frame of fixed size whatever the page (about a second): one family is enough."""


@pytest.fixture(scope="module")
def people():
    return sample_people()


_render = cached_renderer(married="2008-03-21")
"""Each page drawn once per module for the same arguments (`fresh=True`: drawn again)."""


@pytest.mark.parametrize("name", BLIND9)
def test_each_family_renders_every_variant_deterministically(name, people):
    spec = synthetic.LAYOUT_FAMILIES[name]
    assert name not in synthetic.DEVELOPMENT_FAMILIES and spec.description
    rendered = _render(name, people, seed=61)
    assert_canonical(rendered.truth)
    again = _render(name, people, seed=61, fresh=True)
    assert again.png == rendered.png and again.truth == rendered.truth
    # Variants that read only the raster run on the page at a third of its size (same mode and content, a
    # fraction of the time); clean, pdf_text and the copy's worn_scan (which damages the rules where its moved
    # drawing ops put them) get the page itself.
    page = Image.open(io.BytesIO(rendered.png))
    small = io.BytesIO()
    page.resize((page.width // 3, page.height // 3)).save(small, format="PNG")
    reduced = synthetic.Rendered(small.getvalue(), rendered.truth, rendered.ops)
    extensions = {}
    for variant in synthetic.ALL_VARIANTS:
        if variant == "photo" and name not in PHOTOGRAPHED:
            continue
        whole = variant in ("clean", "pdf_text") or (variant == "worn_scan" and name == "kk-legalisir")
        out = synthetic.degrade(rendered if whole else reduced, variant, seed=7)
        assert out.data[:4] in (b"\x89PNG", b"%PDF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb"), variant
        extensions[variant] = out.extension
    expected = {"clean": "png", "scan": "jpg", "photo": "jpg", "pdf_text": "pdf", "pdf_image": "pdf",
                "worn_scan": "jpg", "photocopy": "jpg"}
    assert extensions == {v: e for v, e in expected.items() if v != "photo" or name in PHOTOGRAPHED}


def test_kk_dua_baris_stacks_two_lines_in_each_member_row_of_one_table(people):
    family = people[0]
    rendered = _render("kk-dua-baris", people, seed=61)
    text = text_layer(rendered)
    assert family.no_kk in text and "(16)/(17)" in text and "Tempat, Tgl Lahir" in text and "a.n. BUPATI" in text
    assert re.search(r"(KEPALA KELUARGA|Nama Kepala Kel\.) :", text) and "Kode Pos :" in text.replace("KODE POS", "Kode Pos")
    texts = [(op[2], op[3]) for op in rendered.ops if op[0] == "text"]
    for person, row in zip(family.anggota, rendered.truth["anggota"], strict=True):
        nik_y = next(y for y, t in texts if t == person.nik)
        name_y = max(y for y, t in texts if t == person.nama_lengkap and y < nik_y)
        assert 0 < nik_y - name_y < 80  # the NIK on the line under the name, in the same row
        assert f"{person.tempat_lahir}, " in text and row == {k: getattr(person, k) for k in row}
    assert "KARTU KELUARGA" in text and len({round(y) for y, t in texts if t in ("L", "P", "LK", "PR")}) == \
        len(family.anggota)
    assert Image.open(io.BytesIO(rendered.png)).size == (3898, 2539)


def test_kk_legalisir_is_a_turned_cut_copy_whose_ops_follow_the_raster(people):
    family = people[0]
    rendered = _render("kk-legalisir", people, seed=61)
    text = text_layer(rendered)
    fields = rendered.truth["fields"]
    assert family.no_kk in text and fields["no_kk"] == family.no_kk and "SALINAN" not in text  # stamps are ink
    assert rendered.truth["anggota"] == [{k: getattr(p, k) for k in row} | {"tanggal_perkawinan": row[
        "tanggal_perkawinan"]} for p, row in zip(family.anggota, rendered.truth["anggota"], strict=True)]
    page = Image.open(io.BytesIO(rendered.png))
    width, height = page.size
    texts = [op for op in rendered.ops if op[0] == "text"]
    assert texts and all(0 <= op[1] <= width and 0 <= op[2] <= height for op in texts)
    rules = [op[1] for op in rendered.ops if op[0] == "line"]
    assert max(abs(x1 - x0) for x0, _, x1, _ in rules) <= 170  # long rules cut into pieces along the tilt
    tilted = [(y1 - y0) / (x1 - x0) for x0, y0, x1, y1 in rules if abs(x1 - x0) > 100]
    assert tilted and all(0.004 < abs(t) < 0.03 for t in tilted)
    grey = page.convert("L")
    assert max(grey.resize((60, 40)).getdata()) < 250  # the copy's paper is grey
    # A rule of the vector page lies on a dark line of the copy (ops and raster agree).
    x0, y0, x1, y1 = max(rules, key=lambda r: abs(r[2] - r[0]))
    mid = (round((x0 + x1) / 2), round((y0 + y1) / 2))
    assert min(grey.getpixel((mid[0], mid[1] + dy)) for dy in range(-4, 5)) < 120


def test_ijazah_dwibahasa_prints_labels_titles_and_dates_in_both_languages(people):
    _, young, _ = people
    d3 = _render("ijazah-dwibahasa", people, seed=63, jenjang="D3")
    fields, text = d3.truth["fields"], text_layer(d3)
    assert fields["jenjang"] == "D3" and fields["nama_satuan_pendidikan"].startswith("POLITEKNIK")
    assert "IJAZAH" in text and "DIPLOMA" in text and "Study Program" in text and "Place and Date of Birth" in text
    born = dt.date.fromisoformat(young.tanggal_lahir)
    english = f"{MONTHS_EN[born.month - 1]} {born.day}, {born.year}"
    assert english in text and fields["nim"] in text and fields["nomor_ijazah"] in text
    assert fields["gelar"].startswith("AHLI MADYA") and fields["gelar"] == fields["gelar"].upper()
    assert re.fullmatch(r"\d{4}/[A-Z0-9.]+/DIII/\d{4}|\d{15}", fields["nomor_ijazah"])
    s1 = _render("ijazah-dwibahasa", people, seed=61)
    assert s1.truth["fields"]["jenjang"] in ("S1", "D4") and "Name" in text_layer(s1)
    with pytest.raises(ValueError, match="university ijazah"):
        _render("ijazah-dwibahasa", people, seed=62, jenjang="SMA")


def test_ijazah_tulis_is_a_blanko_whose_values_are_written_by_hand(people):
    old = people[2]
    new = _render("ijazah-tulis", people, seed=61)  # the young person's SMA
    fields, text = new.truth["fields"], text_layer(new)
    assert fields["jenjang"] == "SMA" and "IJAZAH" in text and "Ujian Nasional" in text and "Cap tiga jari" in text
    assert re.fullmatch(r"2[015] OC [a-h]{2} \d{7}", fields["nomor_ijazah"]) and f"No. {fields['nomor_ijazah']}" in text
    assert fields["npsn"] is None and fields["nisn"] is None and "Nomor Statistik Sekolah" in text
    written = {op[3] for op in new.ops if op[0] == "text" and "Z003" in op[4]}
    assert {fields["nama_lengkap"], fields["nis"], fields["nama_satuan_pendidikan"], fields["nama_orang_tua"]} <= written
    older = _render("ijazah-tulis", people, seed=62, person=old, jenjang="SMP")
    fields, text = older.truth["fields"], text_layer(older)
    assert "SURAT TANDA TAMAT BELAJAR" in text and "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN" in text
    assert "Evaluasi Belajar Tahap Akhir Nasional" in text and "NIP." in text
    assert any(re.fullmatch(r"\d{9}", op[3]) for op in older.ops if op[0] == "text" and "Z003" in op[4])  # old NIP
    with pytest.raises(ValueError, match="school ijazah"):
        _render("ijazah-tulis", people, seed=63, jenjang="S1")


def test_nikah_duplikat_is_a_letter_whose_akta_number_is_the_truths(people):
    family = people[0]
    rendered = _render("nikah-duplikat", people, seed=61, married="2019-06-15")
    fields, text = rendered.truth["fields"], text_layer(rendered)
    assert "DUPLIKAT KUTIPAN AKTA NIKAH" in text and "Kantor Urusan Agama Kecamatan Latambaga" in text
    letter = re.search(r"Nomor : (B-\d{4}/Kua\.[\d.]+/PW\.01/\d{2}/\d{4})", text)
    assert letter and fields["nomor_akta"] != letter.group(1) and f"Akta Nikah Nomor {fields['nomor_akta']}" in text
    assert re.fullmatch(r"\d{4}/\d{3}/VI/2019", fields["nomor_akta"]) and fields["tanggal_nikah"] == "2019-06-15"
    assert "pada hari Sabtu tanggal 15 Juni 2019 telah dilangsungkan" in text and "Nama :" not in text
    suami, istri = family.anggota[:2]
    assert f"{suami.nama_lengkap} bin" in text and f"{istri.nama_lengkap} binti" in text and "(WNI)" in text
    assert fields["suami.nik"] == suami.nik and fields["istri.kewarganegaraan"] == "WNI"
    assert fields["kua"] == "KUA KECAMATAN LATAMBAGA" and fields["wali.nama_lengkap"] == "LA ODE HAMZAH"


def test_a_corpus_of_only_these_families_plans_every_application(tmp_path):
    population = synthetic.population(families=8, seed=4)
    manifest = synthetic.write_corpus(population, out=tmp_path, seed=5, count=4, variants=["clean"],
                                      families=",".join(BLIND9))
    assert {doc["family"] for doc in manifest["documents"]} <= set(BLIND9)
    assert {doc["document_type"] for doc in manifest["documents"]} == {"kk", "ijazah", "buku_nikah"}
    assert [app["kind"] for app in manifest["applications"]] == ["genuine_pendidikan", "genuine_perkawinan"]
    assert all((tmp_path / path).is_file() for app in manifest["applications"] for path in app["files"].values())
