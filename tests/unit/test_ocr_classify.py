"""Document type by title and issuer, fuzzy over OCR slips; labels only as further evidence."""

import pytest

import core
import ocr
from ocr import Page, Word


def _page(*lines: str | tuple[str, int]) -> Page:
    """Each line printed left to right; `(text, height)` sets a line in display type (default height 30)."""
    words, y = [], 100
    for line in lines:
        text, height = line if isinstance(line, tuple) else (line, 30)
        x = 100
        for part in text.split():
            words.append(Word(part, 0.95, (x, y, x + 16 * len(part) * height // 30, y + height)))
            x += (16 * len(part) + 14) * height // 30
        y += height + 40
    return Page(1, None, tuple(words), "ocr")


def _detect(*lines: str | tuple[str, int]) -> ocr.Detection:
    _, detection = ocr.extract_pages([_page(*lines, "Nama : BUDI SANTOSO")])
    return detection


@pytest.mark.parametrize("title", ["IJAZAH", "I J A Z A H", "1JAZAH", "IJAZAII", "IJASAH", "IDJAZAH",
                                   "SURAT TANDA TAMAT BELAJAR", "SURAT TANDA TAMAT BEIAJAR", "STTB"])
def test_ijazah_by_its_title_alone_however_misread(title):
    found = _detect(title, "dengan ini menyatakan bahwa", "BUDI SANTOSO")
    assert found.document_type == core.DocumentType.IJAZAH
    assert found.confidence >= 0.6


@pytest.mark.parametrize("title", ["SURAT KETERANGAN PENGGANTI IJAZAH", "SURAT KETERANGAN LULU5",
                                   "SURAT KETERANGAN TAMAT BEIAJAR"])
def test_a_certificate_standing_in_for_an_ijazah_by_its_title_alone(title):
    """A `SURAT KETERANGAN ...` in place of a lost or not yet issued ijazah, read with slips and printing none
    of the ijazah's marks, is an ijazah: never refused."""
    _, detection = ocr.extract_pages([_page(title, "Nama : BUDI SANTOSO", "Tempat, Tanggal Lahir : Kolaka, 1 Mei 2001")])
    assert detection.document_type == core.DocumentType.IJAZAH


@pytest.mark.parametrize("title", ["KUTIPAN AKTA NIKAH", "KUTIPAN AKTA NIKAII", "K U T I P A N  A K T A  N I K A H",
                                   "BUKU NIKAH", "AKTA NIKAH"])
def test_buku_nikah_by_its_title(title):
    _, found = ocr.extract_pages([_page(title, "Nomor : 0123/045/VI/2019", "SUAMI", "Nama : LA ODE")])
    assert found.document_type == core.DocumentType.BUKU_NIKAH


def test_kk_by_its_title():
    assert _detect("KARTU KELUARGA", "No. 7401051234567890").document_type == core.DocumentType.KK


def test_a_large_title_with_words_beside_it_is_a_title():
    found = _detect(("IJAZAH SARJANA UNIVERSITAS UDAYANA DENPASAR BALI INDONESIA", 80),
                    "dengan ini menyatakan bahwa kepada yang tersebut di bawah ini", "BUDI SANTOSO",
                    "lahir di Kolaka pada tanggal 12 Maret 2002")
    assert found.document_type == core.DocumentType.IJAZAH


def test_a_clear_title_is_never_refused_for_missing_labels():
    extraction, found = ocr.extract_pages([_page("UNIVERSITAS UDAYANA", ("IJAZAH", 90), "dengan ini menyatakan bahwa",
                                                 ("I GUSTI AYU RAI", 50), "SARJANA PERTANIAN (S.P.)")])
    assert found.document_type == core.DocumentType.IJAZAH
    assert extraction.fields["nama_lengkap"].value == "I GUSTI AYU RAI"


def test_a_title_inside_a_sentence_or_a_label_is_no_title():
    page = _page("Daftar belanja", "fotokopi ijazah dan akta nikah untuk arsip kantor kelurahan besok pagi",
                 "Nomor Ijazah : 123")
    with pytest.raises(core.UnreadableDocument):
        ocr.extract_pages([page])


def test_issuer_and_labels_without_a_title():
    _, found = ocr.extract_pages([_page("KANTOR URUSAN AGAMA KECAMATAN KOLAKA", "Wali Nikah : LA ODE",
                                        "Mas Kawin : uang", "Nomor : 0123/045/VI/2019")])
    assert found.document_type == core.DocumentType.BUKU_NIKAH
    assert 0 < found.confidence < 0.9


def test_title_read_with_slips_is_less_sure_than_a_clear_one():
    clear, slipped = _detect("IJAZAH"), _detect("IJAZAK")
    assert clear.document_type == slipped.document_type == core.DocumentType.IJAZAH
    assert slipped.confidence < clear.confidence


def test_a_column_header_below_the_title_does_not_decide():
    found = _detect("KARTU KELUARGA", "No. 7401051234567890", "Nama Kepala Keluarga : LA ODE", "BUKU NIKAH",
                    "Status Perkawinan")
    assert found.document_type == core.DocumentType.KK


def test_the_title_on_a_second_page_decides_the_type():
    cover = _page("PEMERINTAH KABUPATEN KOLAKA", "Lampiran", "Nama : BUDI SANTOSO")
    title_page = Page(2, None, _page("IJAZAH", "dengan ini menyatakan bahwa", "Nama : BUDI SANTOSO").words, "ocr")
    extraction, found = ocr.extract_pages([cover, title_page])
    assert found.document_type == core.DocumentType.IJAZAH
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_a_buku_nikah_whose_title_page_follows_a_page_of_labels():
    labels_page = _page("SUAMI", "Nama : LA ODE", "Bin : LA ODE MUSA", "ISTERI", "Nama : WA ASRIA")
    title_page = Page(2, None, _page("KUTIPAN AKTA NIKAH", "Nomor : 0123/045/VI/2019").words, "ocr")
    _, found = ocr.extract_pages([labels_page, title_page])
    assert found.document_type == core.DocumentType.BUKU_NIKAH


def test_a_kk_after_a_cover_letter_is_read_from_its_own_page():
    from tests.unit.test_ocr_kk_rows import kk_page

    cover = _page("SURAT PENGANTAR", "Kepada Yth. Kepala Dinas", "Nama : BUDI SANTOSO")
    kk = kk_page()
    extraction, found = ocr.extract_pages([cover, Page(2, None, kk.words, "ocr", kk.grids)])
    assert found.document_type == core.DocumentType.KK
    assert [row["nik"].value for row in extraction.anggota][:2] == ["7401010101800001", "7401054506850002"]
    assert {row["nik"].page for row in extraction.anggota} == {2}


@pytest.mark.parametrize(("title", "expected"), [
    ("SURAT KETERANGAN PENGGANTI IJAZAH", core.DocumentType.IJAZAH),
    ("SURAT KETERANGAN PENGGANT1 IJASAH", core.DocumentType.IJAZAH),
    ("SURAT KETERANGAN PENGGANTI KUTIPAN AKTA NIKAH", core.DocumentType.BUKU_NIKAH),
    ("SURAT KETERANGAN PENGGANTl KUTIPAN AKTA NlKAII", core.DocumentType.BUKU_NIKAH),
    ("SURAT KETERANGAN PENGGANTI BUKU NIKAH", core.DocumentType.BUKU_NIKAH)])
def test_a_letter_in_place_of_an_ijazah_or_a_kutipan_is_typed_by_what_it_replaces(title, expected):
    """`SURAT KETERANGAN PENGGANTI IJAZAH` lies within the edits a title that long forgives of `SURAT
    KETERANGAN PENGGANTI KUTIPAN AKTA NIKAH`: each letter types as the document it replaces, slips and all,
    on a page printing none of either type's marks."""
    from tests.fixtures.words import lines_page

    page = lines_page("REPUBLIK INDONESIA", (title, 50), "Yang bertanda tangan di bawah ini menerangkan",
                      "Nomor : 0123/045/VI/2019", "Nama : LA ODE SAFIUDDIN")
    _, detection = ocr.extract_pages([page])
    assert detection.document_type == expected


@pytest.mark.parametrize("title", ["Detail Data Pernikahan", "Detail Data Pernikahari", "KARTU NIKAH"])
def test_a_ministry_record_of_a_marriage_is_a_buku_nikah_by_its_title(title):
    """A SIMKAH printout (the ministry's marriage system) prints no title of the book and none of its marks
    (`Tanggal Akad`, `Nama Suami`), and its issuer `KEMENTERIAN AGAMA` issues a madrasah's ijazah too: the
    record's own title, slips and all, types it (nikah-u15e, all 8 pages refused before)."""
    _, found = ocr.extract_pages([_page("KEMENTERIAN AGAMA REPUBLIK INDONESIA", "Sistem Informasi Manajemen Nikah",
                                        (title, 60), "Data Peristiwa Nikah", "Nomor Akta 7404011032024660",
                                        "Tanggal Akad Jumat, 29 Maret 2024", "Data Suami",
                                        "Nama Suami MUHAMMAD ASRUL", "NIK Suami 7404010204040173")])
    assert found.document_type == core.DocumentType.BUKU_NIKAH


def test_a_party_s_section_headings_are_evidence_of_a_buku_nikah_without_a_title():
    """No title read, and the issuer is the ministry's that a madrasah's ijazah prints too: the headings the
    reader finds each party's block by (`[buku_nikah.sections]`, more than one word) type the page."""
    _, found = ocr.extract_pages([_page("KEMENTERIAN AGAMA REPUBLIK INDONESIA", "Nomor Akta 7404011032024660",
                                        "Data Suami", "Nama Suami MUHAMMAD ASRUL", "Data Istri",
                                        "Nama Istri IIS SUMIATI", "Data Wali", "Nama Wali UJANG SOPANDI")])
    assert found.document_type == core.DocumentType.BUKU_NIKAH
    assert 0 < found.confidence < 0.9
