"""Real Tesseract reads the families opened in session 7 (held out before): the buku nikah worded as
sentences (nikah-kalimat: both wrapped addresses whole, the wali under `Wali :`, Warganegara, the KUA) and
the faculty's ijazah (ijazah-fakultas: the degree line, not `Program Sarjana (S1)`, the NIM, the programme)."""

import pytest

import core
import ocr
import synthetic

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


def test_buku_nikah_in_sentences_gives_wrapped_addresses_and_the_wali(family):
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(suami, istri, tanggal_nikah="2024-07-26", nomor_akta="7404053072024984",
                                           kua="KUA KECAMATAN POMALAA", wali="BASO ARIFIN", seed=7, layout="kalimat")
    extraction = ocr.extract(rendered.png)
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    for name in ("suami.alamat", "istri.alamat", "wali.nama_lengkap", "suami.kewarganegaraan", "kua",
                 "tanggal_nikah"):
        assert extraction.value(name) == rendered.truth["fields"][name], name


def test_faculty_ijazah_gives_the_degree_line_nim_and_programme(family):
    rendered = synthetic.render_ijazah(family.anggota[0], jenjang="S1", seed=9, layout="fakultas")
    extraction = ocr.extract(rendered.png)
    assert extraction.document_type == core.DocumentType.IJAZAH
    for name in ("gelar", "nim", "program_studi", "nama_lengkap", "jenjang"):
        assert extraction.value(name) == rendered.truth["fields"][name], name
