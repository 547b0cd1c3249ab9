"""A buku nikah printed as an opened booklet: two pages side by side with the fold between (the SIMKAH
print), one spouse a page, each page's lines level with the other's; `Bin`/`Binti`, the wali and the
witnesses beside the spouses' values; birth dates as digits; an address wrapped over two lines, and one
of eleven words on one line (no sentence)."""

import pytest

import core
import ocr
import synthetic
from ocr import Page, Word
from tests.fixtures.words import line_words

_LABEL_TO_VALUE = 600
_FOLD = 1400


def _column(x0: int, rows: list[tuple[str, ...] | str], y: int = 100) -> list[Word]:
    """`(label, value)` rows (`(label, value, more)` wraps onto a second line), strings as lines alone."""
    words: list[Word] = []
    for row in rows:
        if isinstance(row, str):
            words += line_words(row, x0, y)
            y += 60
            continue
        label, value, *more = row
        words += line_words(label, x0, y)
        words.append(Word(":", 0.96, (x0 + _LABEL_TO_VALUE - 30, y, x0 + _LABEL_TO_VALUE - 24, y + 30)))
        words += line_words(value, x0 + _LABEL_TO_VALUE, y)
        for line in more:
            y += 45
            words += line_words(line, x0 + _LABEL_TO_VALUE, y)
        y += 60
    return words


_LEFT = ["KEMENTERIAN AGAMA", "REPUBLIK INDONESIA", "BUKU NIKAH", "(Kutipan Akta Nikah)",
         ("Nomor Akta Nikah", "7404012062023652"), ("Nomor Seri", "DB 7395048"),
         ("Tanggal Akad", "Jumat, 9 Juni 2023"), ("Pukul", "08.15 WITA"), ("Tempat Akad", "Masjid"),
         ("Dicatat di", "KUA Kecamatan Kolaka"), ("Mas Kawin", "Emas 5 gram"), ("Dibayar", "Tunai"),
         "SUAMI", ("Nama", "MUHAMMAD ASRUL"), ("Bin", "ANDI SYAHRIR"), ("NIK", "7404010204040170"),
         ("Tempat/Tgl. Lahir", "KOLAKA, 02-04-2004"), ("Warga Negara", "WNI"), ("Agama", "Islam"),
         ("Pekerjaan", "KARYAWAN SWASTA"), ("Status", "Jejaka"),
         ("Alamat", "JL. DR. SUTOMO NO. 51", "RT 011 RW 002 KECAMATAN KOLAKA")]
_RIGHT = ["ISTRI", ("Nama", "WA ODE MUSDALIFAH"), ("Binti", "LA ODE IRWAN"), ("NIK", "7404056007027233"),
          ("Tempat/Tgl. Lahir", "RAHA, 20-07-2002"), ("Warga Negara", "WNI"), ("Agama", "Islam"),
          ("Pekerjaan", "PELAJAR/MAHASISWA"), ("Status", "Perawan"),
          ("Alamat", "JL. SULTAN MURHUM NO. 52 RT 003 RW 006 KECAMATAN KOLAKA"),  # 11 words, one line
          "WALI NIKAH", ("Nama Wali", "LA ODE IRWAN"), ("Hubungan Wali", "Saudara Kandung"),
          "SAKSI", ("Saksi I", "SAHRIR LATIF"), ("Saksi II", "ANDI MUH. RUSDI"),
          "Kolaka, 9 Juni 2023", "Kepala KUA,", "LA ODE MUHAMMAD ZAKIR, S.H.I."]


def _read(words: list[Word]) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "text_layer")])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


def test_a_spread_of_two_booklet_pages_is_read_page_by_page():
    got = _read(_column(100, _LEFT) + _column(_FOLD + 100, _RIGHT))
    values = {k: v.value for k, v in got.items()}
    assert values["nomor_akta"] == "7404012062023652"
    assert values["tanggal_nikah"] == "2023-06-09"
    assert values["kua"] == "KUA KECAMATAN KOLAKA"
    assert values["suami.nama_lengkap"] == "MUHAMMAD ASRUL"
    assert values["suami.tanggal_lahir"] == "2004-04-02" and values["suami.tempat_lahir"] == "KOLAKA"
    assert values["suami.alamat"] == "JL. DR. SUTOMO NO. 51 RT 011 RW 002 KECAMATAN KOLAKA"
    assert values["istri.nama_lengkap"] == "WA ODE MUSDALIFAH"
    assert values["istri.nik"] == "7404056007027233"
    assert values["istri.tanggal_lahir"] == "2002-07-20" and values["istri.tempat_lahir"] == "RAHA"
    assert values["istri.kewarganegaraan"] == "WNI" and values["istri.pekerjaan"] == "PELAJAR/MAHASISWA"
    assert values["istri.alamat"] == "JL. SULTAN MURHUM NO. 52 RT 003 RW 006 KECAMATAN KOLAKA"
    assert values["wali.nama_lengkap"] == "LA ODE IRWAN"
    # Bin, Binti and the witnesses never stand for a spouse or the wali.
    for key, value in values.items():
        assert value not in ("ANDI SYAHRIR", "SAHRIR LATIF", "ANDI MUH. RUSDI"), key



def test_a_colon_read_as_a_digit_before_the_birth_place_is_no_part_of_it():
    left = [("Tempat/Tgl. Lahir", '"1 RAHA, 22-05-1998') if row == ("Tempat/Tgl. Lahir", "KOLAKA, 02-04-2004")
            else row for row in _LEFT]
    got = _read(_column(100, left) + _column(_FOLD + 100, _RIGHT))
    assert got["suami.tempat_lahir"].value == "RAHA"
    assert got["suami.tanggal_lahir"].value == "1998-05-22"
    # A date alone, its day before the month, keeps its day.
    got = _read(_column(100, [("Tempat/Tgl. Lahir", "9 Juni 2002") if row[0] == "Tempat/Tgl. Lahir" else row
                              for row in _LEFT]) + _column(_FOLD + 100, _RIGHT))
    assert got["suami.tanggal_lahir"].value == "2002-06-09"


@pytest.mark.integration
def test_real_tesseract_reads_both_pages_of_a_rendered_spread():
    family = core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])
    suami, istri = family.anggota[:2]
    rendered = synthetic.render_buku_nikah(suami, istri, tanggal_nikah="2023-06-09", nomor_akta="7404012062023652",
                                           kua="KUA KECAMATAN KOLAKA", wali="LA ODE IRWAN", seed=5, layout="2020s")
    extraction = ocr.extract(rendered.png)
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    for name in ("suami.nama_lengkap", "suami.alamat", "istri.nama_lengkap", "istri.nik", "istri.tanggal_lahir",
                 "istri.alamat", "wali.nama_lengkap", "kua"):
        assert extraction.value(name) == rendered.truth["fields"][name], name


def test_a_witness_is_never_the_wali_or_a_spouse():
    """The wali's name unread, the witnesses' block below it gives no wali (its `Nama` is a witness's)."""
    right = [row for row in _RIGHT if not (isinstance(row, tuple) and row[0] == "Nama Wali")]
    right = [("Nama", "SAHRIR LATIF") if row == ("Saksi I", "SAHRIR LATIF") else row for row in right]
    got = _read(_column(100, _LEFT) + _column(_FOLD + 100, right))
    assert got["wali.nama_lengkap"].value is None
    assert got["istri.nama_lengkap"].value == "WA ODE MUSDALIFAH"
