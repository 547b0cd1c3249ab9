"""Layout families: every family prints every truth value (read back from its text-layer PDF), corpora
record each document's family, and the extra variants (worn scans, photocopies) are deterministic."""

import datetime as dt
import io
import json
import random
import re

import pdfplumber
import pytest

import core
import synthetic

MONTHS = [m.capitalize() for m in core.MONTHS_ID]
LEVEL_NAMES = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
               "SMK": "SEKOLAH MENENGAH KEJURUAN", "S1": "Sarjana", "D3": "Diploma Tiga", "D4": "Diploma Empat",
               "MI": "MADRASAH IBTIDAIYAH", "MTS": "MADRASAH TSANAWIYAH", "MA": "MADRASAH ALIYAH",
               "MAK": "MADRASAH ALIYAH KEJURUAN", "PAKET A": "PAKET A", "PAKET B": "PAKET B", "PAKET C": "PAKET C"}
"""A jenjang is printed as its level's name."""


@pytest.fixture(scope="module")
def population():
    return synthetic.population(families=6, seed=3)


@pytest.fixture(scope="module")
def family(population):
    return max((core.Family.from_dict(f) for f in population["keluarga"]), key=lambda f: len(f.anggota))


def _render(name: str, family: core.Family, seed: int) -> synthetic.Rendered:
    spec = synthetic.LAYOUT_FAMILIES[name]
    person = family.anggota[0]
    if spec.document_type == "kk":
        return synthetic.render_kk(family, seed=seed, layout=spec.layout, varied=True)
    if spec.document_type == "ijazah":
        jenjang = "S1" if spec.levels == "university" else "SMP"
        return synthetic.render_ijazah(person, jenjang=jenjang, seed=seed, layout=spec.layout, varied=True,
                                       security=True)
    a, b = family.anggota[:2]
    nomor = synthetic.akta_number("2024-10-30", kua_code="7404011", rng=random.Random(seed))
    return synthetic.render_buku_nikah(a, b, tanggal_nikah="2024-10-30", nomor_akta=nomor,
                                       kua="KUA KECAMATAN KOLAKA UTARA", wali="ABDUL GANI", seed=seed, varied=True,
                                       layout=spec.layout)


def _text(rendered: synthetic.Rendered) -> str:
    pdf = synthetic.degrade(rendered, "pdf_text", seed=1).data
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text() or ""
    return re.sub(r"\s+", " ", text)


def _forms(name: str, value: str) -> set[str]:
    """How a canonical value may be printed: as is, capitalised word by word (places, religions); dates
    as DD-MM-YYYY or `12 Maret 2002`; a KUA by its district alone; a jenjang by its level's name."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = dt.date.fromisoformat(value)
        roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[day.month - 1]
        return {day.strftime("%d-%m-%Y"), day.strftime("%d.%m.%Y"), f"{day.day} {MONTHS[day.month - 1]} {day.year}",
                # written by hand: 5/6/1985, 5-6-1985, 9 - VI - 1984, 9 Jun. 1984
                day.strftime("%d/%m/%Y"), f"{day.day}-{day.month}-{day.year}", f"{day.day} - {roman} - {day.year}",
                f"{day.day} {MONTHS[day.month - 1][:3]}. {day.year}"}
    if name == "jenjang":
        return {LEVEL_NAMES[value]}
    if name.endswith("jenis_kelamin"):  # a SIAK print may abbreviate the sex
        return {value, *{"LAKI-LAKI": ("L", "LK"), "PEREMPUAN": ("P", "PR")}.get(value, ())}
    if name in ("rt", "rw"):  # a typed blank may drop the leading zeros
        return {value, str(int(value))}
    forms = {value, " ".join(w.capitalize() for w in value.split()),
             " ".join("-".join(p.capitalize() for p in w.split("-")) for w in value.split())}
    # capitalised across slashes too, abbreviations and roman numerals kept (Tamat SD/Sederajat)
    forms.add("/".join(" ".join(w if re.fullmatch(r"\W*[A-Z]{1,4}\W*", w) else w.capitalize() for w in part.split())
                       for part in value.split("/")))
    if name in ("gelar", "nomor_ijazah"):  # a degree inside a sentence, a blanko's serial (DN-28 Ma 0123456)
        forms |= {value.title(), " ".join(w if i == 0 or any(c.isdigit() for c in w) else w.capitalize()
                                          for i, w in enumerate(value.split()))}
    if name == "kua":
        district = value.removeprefix("KUA KECAMATAN ")
        forms |= {district, " ".join(w.capitalize() for w in district.split())}
    return forms


@pytest.mark.parametrize("name", sorted(synthetic.LAYOUT_FAMILIES))
def test_every_family_prints_every_truth_value(name, family):
    rendered = _render(name, family, seed=41)
    assert rendered.truth["document_type"] == synthetic.LAYOUT_FAMILIES[name].document_type
    text = _text(rendered)
    values = [(k, v) for k, v in rendered.truth["fields"].items() if v]
    values += [(f"anggota.{k}", v) for row in rendered.truth.get("anggota", []) for k, v in row.items() if v]
    missing = [(k, v) for k, v in values if not any(form in text for form in _forms(k, v))
               and not (k.endswith("alamat") and all(word in text for word in v.split()))]  # wrapped over two lines
    assert not missing, f"{name} does not print {missing}"


def test_new_families_print_what_the_brief_of_each_says(family):
    sekolah_lama = _render("ijazah-sekolah-lama", family, seed=42)
    text = _text(sekolah_lama)
    assert "SURAT TANDA TAMAT BELAJAR" in text and "Nama :" not in text and "Diberikan di" in text
    assert sekolah_lama.truth["fields"]["npsn"] is None and sekolah_lama.truth["fields"]["nisn"] is None
    fakultas = _render("ijazah-fakultas", family, seed=43)
    fields, text = fakultas.truth["fields"], _text(fakultas)
    assert "Nomor Induk Mahasiswa" in text and "Dekan" in text and "Rektor" in text
    assert fields["gelar"] in text and fields["nim"] and fields["program_studi"]
    assert re.fullmatch(r"\d{15}|\d{5}/U\w+/(S1|D3)/\d{4}", fields["nomor_ijazah"])
    kalimat = _text(_render("nikah-kalimat", family, seed=44))
    assert "Pada hari Rabu tanggal 30 Oktober 2024 telah dilangsungkan" in kalimat
    assert "Warganegara" in kalimat and "Tempat Tinggal" in kalimat and "Kantor Urusan Agama" in kalimat
    kk = _render("kk-2010s", family, seed=45)
    kk_lines = [op for op in kk.ops if op[0] == "line" and abs(op[1][1] - op[1][3]) < 1]
    current_lines = [op for op in _render("kk-2020", family, seed=45).ops if op[0] == "line" and
                     abs(op[1][1] - op[1][3]) < 1]
    assert len(kk_lines) < len(current_lines)  # no rules between member rows
    assert "Propinsi" in _text(kk)


def test_families_are_named_per_type_and_resolved():
    by_type = {}
    for spec in synthetic.LAYOUT_FAMILIES.values():
        by_type.setdefault(spec.document_type, []).append(spec.name)
    assert all(len(names) >= 3 for names in by_type.values())
    assert synthetic.resolve_families(None) == synthetic.DEVELOPMENT_FAMILIES
    assert synthetic.resolve_families("all") == tuple(sorted(synthetic.LAYOUT_FAMILIES))
    assert synthetic.resolve_families(["kk-2010s,nikah-lama", "kk-old"]) == ("kk-2010s", "kk-old", "nikah-lama")
    with pytest.raises(ValueError, match="unknown layout family 'kk-1990'"):
        synthetic.resolve_families("kk-1990")
    with pytest.raises(ValueError, match="print no university ijazah: add one of ijazah-universitas, ijazah-fakultas"):
        synthetic.check_family_coverage(("kk-2010s", "ijazah-sekolah-lama", "nikah-lama"))


def test_corpus_records_each_documents_family(population, tmp_path):
    manifest = synthetic.write_corpus(population, out=tmp_path / "all", seed=5, count=30, variants=["clean"],
                                      families="all")
    assert manifest["families"] == sorted(synthetic.LAYOUT_FAMILIES)
    seen = set()
    for doc in manifest["documents"]:
        spec = synthetic.LAYOUT_FAMILIES[doc["family"]]
        assert spec.document_type == doc["document_type"]
        seen.add(doc["family"])
    assert len(seen - set(synthetic.DEVELOPMENT_FAMILIES)) >= 3  # "all" draws beyond the development families
    written = json.loads((tmp_path / "all" / "manifest.json").read_text(encoding="utf-8"))
    assert [d["family"] for d in written["documents"]] == [d["family"] for d in manifest["documents"]]
    default = synthetic.write_corpus(population, out=tmp_path / "dev", seed=5, count=8, variants=["clean"])
    assert {d["family"] for d in default["documents"]} <= set(synthetic.DEVELOPMENT_FAMILIES)
    assert all(synthetic.family_of_document({k: v for k, v in d.items() if k != "family"}) == d["family"]
               for d in default["documents"])
    with pytest.raises(ValueError, match="print no"):
        synthetic.write_corpus(population, out=tmp_path / "none", seed=5, count=2, families="kk-2010s")


@pytest.mark.parametrize("variant", synthetic.EXTRA_VARIANTS)
def test_extra_variants_are_deterministic_jpegs(family, variant):
    rendered = _render("kk-2020", family, seed=46)
    out = synthetic.degrade(rendered, variant, seed=3)
    assert out.extension == "jpg" and 200 <= out.meta["dpi"] <= 300
    assert synthetic.degrade(rendered, variant, seed=3).data == out.data
    assert synthetic.degrade(rendered, variant, seed=4).data != out.data
    if variant == "worn_scan":
        assert out.meta["rules"] and set(out.meta["rules"]) <= {"faint", "broken", "doubled", "missing"}
    assert variant not in synthetic.VARIANTS and variant in synthetic.ALL_VARIANTS
