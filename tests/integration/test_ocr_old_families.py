"""Real Tesseract (and the text layer) reads the older buku nikah and STTB (families nikah-lama and
ijazah-sekolah-lama, tuned on in issue #14): both parties' NIKs from the two-column table, the KUA whose
label begins its name, the marriage date after `Hari / Tanggal`, the STTB's `Nomor Induk` and its number
after a bare `No.`."""

import pytest

import core
import ocr
import synthetic

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


@pytest.mark.parametrize("variant", ["clean", "pdf_text"])
def test_old_buku_nikah_gives_both_niks_kua_and_date(family, variant):
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(suami, istri, tanggal_nikah="2019-06-14", nomor_akta="0123/045/VI/2019",
                                           kua="KUA KECAMATAN KOLAKA", wali="ABDUL GANI", seed=3, layout="lama")
    data = rendered.png if variant == "clean" else synthetic.degrade(rendered, variant, seed=3).data
    extraction = ocr.extract(data)
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    for name in ("suami.nik", "istri.nik", "kua", "tanggal_nikah"):
        assert extraction.value(name) == rendered.truth["fields"][name], name


def test_sttb_gives_nis_and_number(family):
    rendered = synthetic.render_ijazah(family.anggota[0], jenjang="SMP", seed=5, layout="lama")
    extraction = ocr.extract(rendered.png)
    assert extraction.document_type == core.DocumentType.IJAZAH
    for name in ("nis", "nomor_ijazah", "nama_lengkap"):
        assert extraction.value(name) == rendered.truth["fields"][name], name
