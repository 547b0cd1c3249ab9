"""The family ijazah-bilingual (session 10, not a development default): deterministic pages with a canonical truth; each of the four label
arrangements prints what it says (read from the text layer); the truth holds the Indonesian value, never its
English twin; and one page read back by Tesseract gives the truth's person and programme."""

import pytest

import ocr
import synthetic
from tests.fixtures.layouts import assert_canonical, cached_renderer, sample_people

_render = cached_renderer(married="2015-06-01")
_ARRANGEMENTS = {"column": 1, "under": 3, "slash": 6, "english": 7}
"""A seed drawing each arrangement for the young sample person's S1 ijazah."""


@pytest.fixture(scope="module")
def people():
    return sample_people()


def test_bilingual_family_renders_deterministically_with_a_canonical_truth(people):
    assert "ijazah-bilingual" in synthetic.LAYOUT_FAMILIES and "ijazah-bilingual" not in synthetic.DEVELOPMENT_FAMILIES
    rendered = _render("ijazah-bilingual", people, 6)
    assert_canonical(rendered.truth)
    again = _render("ijazah-bilingual", people, 6, fresh=True)
    assert again.png == rendered.png and again.truth == rendered.truth


@pytest.mark.parametrize("arrangement", sorted(_ARRANGEMENTS))
def test_each_arrangement_prints_its_labels_and_the_truth_keeps_the_indonesian(people, arrangement):
    rendered = _render("ijazah-bilingual", people, _ARRANGEMENTS[arrangement])
    # What was drawn, in order (the text layer's strings, without writing the PDF).
    text, fields = " ".join(op[3] for op in rendered.ops if op[0] == "text"), rendered.truth["fields"]
    assert "IJAZAH" in text and ("DIPLOMA" in text or "CERTIFICATE" in text)
    has = {"slash": "Nama / Name" in text, "english": "Nomor Induk Mahasiswa" not in text,
           "paired": "Student Number" in text and "Place and Date of Birth" in text}
    assert has["paired"]
    assert has["slash"] == (arrangement == "slash") and has["english"] == (arrangement == "english")
    assert fields["program_studi"].title() in text and fields["program_studi"].isupper()
    assert " of " not in fields["gelar"].lower() and fields["gelar"].split(" (")[0] in text.upper()
    assert any(word in text for word in ("Bachelor of", "Associate Degree"))


def test_a_page_read_back_gives_the_truth(people):
    rendered = _render("ijazah-bilingual", people, 6)
    fields = ocr.extract(rendered.png).fields
    truth = rendered.truth["fields"]
    for name in ("nama_lengkap", "nim", "tanggal_lahir", "program_studi", "nama_satuan_pendidikan"):
        assert fields[name].value == truth[name], name


def test_isian_blanko_writes_every_value_by_hand_on_a_printed_form(people):
    """ijazah-isian: the form printed, the values written in the chancery hand (the face of each drawn text)."""
    assert "ijazah-isian" in synthetic.LAYOUT_FAMILIES and "ijazah-isian" not in synthetic.DEVELOPMENT_FAMILIES
    rendered = _render("ijazah-isian", people, 3)
    assert_canonical(rendered.truth)
    fields = rendered.truth["fields"]
    faces = {op[3]: op[4] for op in rendered.ops if op[0] == "text"}
    assert "IJAZAH" in faces and "Z003" not in faces["IJAZAH"]
    assert "Z003" in faces[fields["nama_lengkap"]] and "Z003" in faces[fields["nis"]]
    assert fields["nomor_ijazah"].startswith("DN-") and fields["jenjang"] == "SMA"
