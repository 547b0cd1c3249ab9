"""Certificates of non-formal education (Paket A/B/C from a PKBM or SKB) and what other issuers print the
same way: the programme that says the jenjang (`PROGRAM PAKET C SETARA SMA`: PAKET C, not SMA), the centre
named after `Kepala` or only in the closing sentence, its NPSN `P` and seven digits, the learner's number in
parts (`Nomor Induk Warga Belajar 487/C/07`), older numbers with spaces (`DN-PC 0012345`, `12 PB 0012345`),
the holder's phrase wrapped over two lines, and the scraps a decorated frame leaves in the reading. Pages are
built from words (`ocr.extract_pages`)."""

import dataclasses

import numpy as np

import core
import ocr
from ocr import Page
from tests.fixtures.words import Column, lines_page


def _fields(page: Page) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([page])
    assert extraction.document_type == core.DocumentType.IJAZAH
    return extraction.fields


def _read(*lines: str | tuple[str, int] | list[Column]) -> dict[str, core.FieldValue]:
    return _fields(lines_page(*lines))


def _values(fields: dict[str, core.FieldValue]) -> dict[str, str | None]:
    return {k: v.value for k, v in fields.items()}


_HEADING = ("PEMERINTAH KABUPATEN BUTON", "DINAS PENDIDIKAN", "No. DN-PC 0012345", ("IJAZAH", 80),
            "PENDIDIKAN KESETARAAN", "PROGRAM PAKET C SETARA SMA")
_SENTENCE = ("putra/putri dari SUPARMAN HADI, lahir di Pasarwajo pada tanggal 3 Mei 1980,",
             "Nomor Induk Warga Belajar 112/C/14, Nomor Induk Siswa Nasional 0081234567,",
             "telah mengikuti dan dinyatakan LULUS Ujian Pendidikan Kesetaraan Program Paket C",
             "setara SMA/MA Tahun Pelajaran 2014/2015 pada Pkbm Harapan Bangsa Buton, NPSN P9971234.",
             "Ditetapkan di : Pasarwajo", "Pada tanggal : 22 Juni 2015")


def test_a_paket_c_certificate_from_a_community_learning_centre():
    """The jenjang is the programme (PAKET C, a vocab key of its own), not the level it is equal to; the
    centre comes after `Kepala`; its NPSN keeps its `P`; the learner's number keeps its parts."""
    got = _read(*_HEADING, "Yang bertanda tangan di bawah ini, Kepala Pkbm Harapan Bangsa Buton, menerangkan",
                "bahwa:", ("WA ODE SITI HALIMAH", 50), *_SENTENCE)
    assert _values(got) == {
        "jenjang": "PAKET C", "nama_satuan_pendidikan": "PKBM HARAPAN BANGSA BUTON", "npsn": "P9971234",
        "nama_lengkap": "WA ODE SITI HALIMAH", "tempat_lahir": "PASARWAJO", "tanggal_lahir": "1980-05-03",
        "nama_orang_tua": "SUPARMAN HADI", "nis": "112/C/14", "nisn": "0081234567", "nim": None, "program_studi": None,
        "gelar": None, "nomor_ijazah": "DN-PC 0012345", "tanggal_lulus": "2015-06-22"}
    assert core.jenjang_values().count(got["jenjang"].value) == 1


def test_the_centre_named_only_in_the_closing_sentence_is_doubted():
    """The Kepala Dinas signs the opening sentence: the centre is the one the closing sentence names after
    `pada`, up to its comma, and as a value cut out of a sentence it stays below the sure band."""
    got = _read(*_HEADING, "Yang bertanda tangan di bawah ini, Kepala Dinas Pendidikan Kabupaten Buton,",
                "menerangkan bahwa:", ("WA ODE SITI HALIMAH", 50), *_SENTENCE)
    school = got["nama_satuan_pendidikan"]
    assert school.value == "PKBM HARAPAN BANGSA BUTON"
    assert 0.8 <= school.confidence < 0.9


def test_an_older_paket_b_certificate_keeps_the_spaces_of_its_number():
    """`SURAT TANDA TAMAT BELAJAR` of a `KELOMPOK BELAJAR PAKET B` (no NPSN): PAKET B, the number as printed,
    the Sanggar Kegiatan Belajar named with its town in the closing sentence (not the bare one that signs)."""
    got = _values(_read(
        "PEMERINTAH KABUPATEN MUNA", "DINAS PENDIDIKAN NASIONAL", "No. 17 PB 0004567",
        ("SURAT TANDA TAMAT BELAJAR", 60), "KELOMPOK BELAJAR PAKET B", "SETARA SMP/MTs",
        "Yang bertanda tangan di bawah ini, Kepala Sanggar Kegiatan Belajar, menerangkan bahwa:",
        ("LA ODE KAIMUDDIN", 50),
        "anak dari LA ODE SAIDI, lahir di Raha pada tanggal 9 Januari 1979, Nomor Induk Warga Belajar",
        "045/B/97, telah mengikuti dan dinyatakan LULUS Ujian Pendidikan Kesetaraan Program Paket B setara",
        "SMP/MTs Tahun Pelajaran 1997/1998 pada Sanggar Kegiatan Belajar Raha.",
        "Ditetapkan di : Raha", "Pada tanggal : 20 Juni 1998", "Kepala Sanggar Kegiatan Belajar,"))
    assert got["jenjang"] == "PAKET B"
    assert got["nomor_ijazah"] == "17 PB 0004567"
    assert got["nama_satuan_pendidikan"] == "SANGGAR KEGIATAN BELAJAR RAHA"
    assert got["npsn"] is None


def test_two_programmes_named_leave_the_jenjang_doubted():
    got = _read(*_HEADING, "Yang bertanda tangan di bawah ini, Kepala Pkbm Harapan Bangsa Buton, menerangkan bahwa:",
                ("WA ODE SITI HALIMAH", 50), "telah dinyatakan LULUS Ujian Program Paket B setara SMP")
    assert got["jenjang"].value == "PAKET C"
    assert got["jenjang"].confidence < 0.9


def test_the_holders_phrase_wrapped_over_two_lines():
    """`... menyatakan` ends one line and `bahwa:` begins the next: the name under it is still the holder's."""
    got = _values(_read(
        "UNIVERSITAS LAKIDENDE", ("IJAZAH", 80),
        "Berdasarkan hasil ujian yang diselenggarakan menurut ketentuan yang berlaku, Rektor Universitas",
        "Lakidende menyatakan", "bahwa:", ("SITTI NURHAYATI", 50),
        "Nomor Pokok Mahasiswa 0412345, lahir di Unaaha tanggal 2 Maret 1986, telah menyelesaikan"))
    assert got["nama_lengkap"] == "SITTI NURHAYATI"
    assert got["nim"] == "0412345"


def _low(page: Page, texts: set[str], confidence: float) -> Page:
    """`page` with the words whose text is in `texts` read at `confidence`."""
    words = tuple(dataclasses.replace(w, confidence=confidence) if w.text in texts else w for w in page.words)
    return dataclasses.replace(page, words=words)


def test_a_decorated_frame_leaves_nothing_on_the_values():
    """A border's chain read as `OOPPOLLP...` at no confidence, and scraps (`Il`, `&`) standing one under
    the other at the page's edge, far from the text: gone before any value is read."""
    page = _low(lines_page(
        [(20, "OOPPOLOPLLOPOOLPPOL"), (400, "PEMERINTAH KABUPATEN BUTON")],
        [(20, "Il"), (1200, "No. DN-PC 0012345"), (1600, "OOOOOPLOLLCPLLLOLL")],
        ("IJAZAH", 80), "PROGRAM PAKET C SETARA SMA",
        [(20, "&"), (200, "Yang bertanda tangan di bawah ini, Kepala Pkbm Harapan Bangsa Buton, menerangkan bahwa:")],
        [(20, "Il"), (600, "WA ODE SITI HALIMAH"), (1900, "Il")],
        [(20, "Ie"), (200, "anak dari SUPARMAN HADI, lahir di Pasarwajo pada tanggal 3 Mei 1980,"), (1900, "&")],
        [(20, "Il"), (1900, "Ie")]),
        {"OOPPOLOPLLOPOOLPPOL", "OOOOOPLOLLCPLLLOLL"}, 0.0)
    page = _low(page, {"Il", "Ie"}, 0.45)
    got = _fields(page)
    assert got["nomor_ijazah"].value == "DN-PC 0012345"
    assert got["nama_lengkap"].value == "WA ODE SITI HALIMAH"
    assert got["nama_lengkap"].confidence >= 0.8


def test_a_short_word_apart_at_the_end_of_one_line_is_no_frame():
    """One short word set far right of its line, with no others under it, stays: a column of scraps makes a
    frame, not one."""
    page = lines_page(*_HEADING, "Yang bertanda tangan di bawah ini, Kepala Pkbm Harapan Bangsa Buton, menerangkan",
                      "bahwa:", [(600, "WA ODE SITI"), (1400, "Hj")], *_SENTENCE)
    assert _fields(_low(page, {"Hj"}, 0.5))["nama_lengkap"].value == "WA ODE SITI HJ"


def _band_reader(text: str, confidence: float):
    """Reads every crop that holds no word of the page as `text` (a line the page reading lost)."""

    def reader(page, boxes, *, lang, whitelist=None):
        out = []
        for box in boxes:
            x, words = box[0] + 10, []
            for part in ([] if page.words_in(box) else text.split()):
                words.append(ocr.Word(part, confidence, (x, box[1] + 5, x + 16 * len(part), box[3] - 5)))
                x += 16 * len(part) + 14
            out.append(tuple(words))
        return out

    return reader


def _imaged(page: Page) -> Page:
    return dataclasses.replace(page, image=np.full((1800, 2000), 255, np.uint8))


def test_a_name_set_so_large_the_page_reading_lost_it_is_read_from_the_band_under_the_phrase():
    page = _imaged(lines_page("UNIVERSITAS LAKIDENDE", ("IJAZAH", 80),
                              "Rektor Universitas Lakidende dengan ini menyatakan bahwa:", "", "", "",
                              "Nomor Pokok Mahasiswa 0412345, lahir di Unaaha tanggal 2 Maret 1986, telah"))
    with ocr.second_readings(_band_reader("SITTI NURHAYATI", 0.93)):
        name = _fields(page)["nama_lengkap"]
    assert name.value == "SITTI NURHAYATI"
    assert 0.8 <= name.confidence < 0.9


def test_a_date_of_issue_under_a_seal_is_read_from_the_band_under_the_place():
    """`Pada tanggal : 4 Mei 2010` lost under a seal: read again under `Ditetapkan di : Kendari`, the seal's
    ring read before the date left out, doubted."""
    page = _imaged(lines_page(*_HEADING[:4], "Yang bertanda tangan di bawah ini, Kepala Pkbm Harapan Bangsa Buton,",
                              "menerangkan bahwa:", ("WA ODE SITI HALIMAH", 50), _SENTENCE[0],
                              "Ditetapkan di : Kendari", "", "Kepala Dinas Pendidikan Kabupaten Buton,"))
    with ocr.second_readings(_band_reader("FANS AhORAN: 4 Mei 2010", 0.93)):
        issued = _fields(page)["tanggal_lulus"]
    assert issued.value == "2010-05-04"
    assert 0.8 <= issued.confidence < 0.9
