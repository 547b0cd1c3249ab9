"""The held-out look draws only with its own font families and geometry, and leaves the default look's bytes alone."""

import hashlib
import json
from pathlib import Path

import pytest

import core
import synthetic
from capil import cli
from synthetic import _look

# SHA-256 of pages rendered before the held-out look existed (commit cda9f65). They pin the bytes of
# every corpus made with the default look: a change meant to alter them updates these on purpose.
DEFAULT_LOOK_SHA256 = {
    "kk_old_varied": "e100209af7186106aedd16bd417bc62d7366ca353e5eadf9bebeea3a486442cd",
    "kk_old_varied_pdf_text": "5034e36bae4bd9c3c569b2881b3ebc44205143b0c40c508a84b1c79b91455d4d",
    "ijazah_school_varied": "4ec791abba1d0c1d07e2e66e39bfdc162b989390a90c440026bab698d452607a",
    "ijazah_university_varied": "0ec89afa151d24a8bea624c547779e82ddaf9cbaa91fe724afba24801c176464",
    "buku_nikah_varied": "8f5a8a7572a77184d87ab011fb5d619db7e87d40b49efe8928fa8dc8880ba2b1",
    "kk_plain": "315d3d40ce58cd59c4795a6dec3d0640eb0b7023c412e21186b569fa229a6e42",
}


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


def _nikah(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> synthetic.Rendered:
    a, b = family.anggota[:2]
    return synthetic.render_buku_nikah(a, b, tanggal_nikah="2019-06-14", nomor_akta="0123/045/VI/2019",
                                       kua="KUA KECAMATAN KOLAKA", wali="ABDUL GANI", seed=seed, stamped=True,
                                       varied=varied, heldout=heldout)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_default_look_keeps_its_bytes(family):
    person = family.anggota[0]
    kk = synthetic.render_kk(family, seed=21, layout="old", varied=True)
    found = {
        "kk_old_varied": _sha(kk.png),
        "kk_old_varied_pdf_text": _sha(synthetic.degrade(kk, "pdf_text", seed=21).data),
        "ijazah_school_varied": _sha(synthetic.render_ijazah(person, jenjang="SMA", seed=22, security=True,
                                                              varied=True).png),
        "ijazah_university_varied": _sha(synthetic.render_ijazah(person, jenjang="S1", seed=25, varied=True).png),
        "buku_nikah_varied": _sha(_nikah(family, seed=23, varied=True).png),
        "kk_plain": _sha(synthetic.render_kk(family, seed=24).png),
    }
    assert found == DEFAULT_LOOK_SHA256


def test_heldout_families_are_disjoint_from_the_development_ones():
    assert not set(synthetic.HELDOUT_FAMILIES) & set(synthetic.FONT_FAMILIES)
    development_files = {path for pair in synthetic.FONT_FAMILIES.values() for path in pair}
    heldout_files = {path for regular, bold, _ in synthetic.HELDOUT_FAMILIES.values() for path in (regular, bold)}
    assert not {Path(p).name for p in development_files} & {Path(p).name for p in heldout_files}
    assert {synthetic.Style.heldout(seed).family for seed in range(200)} == set(synthetic.HELDOUT_FAMILIES)
    assert synthetic.Style.varied(7).geometry == synthetic.Geometry() == synthetic.Style.from_seed(7).geometry


def test_heldout_pages_draw_only_with_heldout_fonts(family):
    allowed = {str(_look.find_font(path)) for regular, bold, _ in synthetic.HELDOUT_FAMILIES.values()
               for path in (regular, bold)}
    person = family.anggota[0]
    pages = [
        synthetic.render_kk(family, seed=31, layout="old", heldout=True),
        synthetic.render_ijazah(person, jenjang="SMP", seed=32, security=True, heldout=True),
        synthetic.render_ijazah(person, jenjang="S1", seed=33, heldout=True),
        _nikah(family, seed=34, heldout=True),
    ]
    for page in pages:
        used = {op[4] for op in page.ops if op[0] == "text"}
        assert used and used <= allowed
    assert pages[0].truth == synthetic.render_kk(family, seed=31, layout="old", varied=True).truth


def test_heldout_geometry_differs_and_is_seeded():
    a, b = synthetic.Geometry.heldout(5), synthetic.Geometry.heldout(6)
    assert a == synthetic.Geometry.heldout(5) and a != b
    assert {"kk_margins", "kk_row_pt", "kk_widths", "colon_em", "fit_colon"} <= set(a.changes())
    assert synthetic.Geometry().changes() == {}


def test_vector_pdf_of_an_opentype_family_carries_its_text(family):
    seed = next(s for s in range(100) if synthetic.Style.heldout(s).family == "Nimbus Sans")
    rendered = synthetic.render_kk(family, seed=seed, heldout=True)
    pdf = synthetic.degrade(rendered, "pdf_text", seed=seed).data
    assert b"/FontFile" in pdf and b"NimbusSans-Regular" in pdf


def _synth(tmp_path, monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """`capil synth documents` in this process (so that monkeypatches hold): exit code and stderr."""
    population = tmp_path / "population.json"
    population.write_text(json.dumps(synthetic.population(families=3, seed=1)), encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["capil", "synth", "documents", "--population", str(population),
                                     "--out", str(tmp_path / "out"), "--count", "1", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    return int(exit_.value.code or 0), capsys.readouterr().err


def test_missing_heldout_fonts_fail_with_the_package_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(_look, "FONT_ROOTS", (tmp_path,))
    assert synthetic.missing_heldout_packages() == sorted(_look.HELDOUT_PACKAGES)
    code, err = _synth(tmp_path, monkeypatch, capsys, "--look", "heldout")
    assert code == core.ConfigurationError.exit_code
    assert "apt-get install fonts-crosextra-caladea" in err and "fonts-urw-base35" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_unknown_look_is_refused(tmp_path, monkeypatch, capsys):
    code, err = _synth(tmp_path, monkeypatch, capsys, "--look", "fancy")
    lines = err.strip().splitlines()  # a usage mistake: the usage line, the --help hint, the reason
    assert code == 2 and lines[0].startswith("Usage: capil synth documents")
    assert lines[-1].startswith("capil: ") and "heldout" in lines[-1] and len(lines) == 3
