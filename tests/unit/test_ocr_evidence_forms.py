"""Buku nikah and ijazah forms the readers had not met (issue #14 items 1 and 2; session 13): a form printed in
two columns of numbered items, its leaders typed as periods; a two-party table whose tinted rows are read as
specks, `WN` for kewarganegaraan and `Alamat` without its colon; a letter in place of a lost ijazah, which
lists the ijazah's date and dates itself. Words in, fields out."""

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import fields_read, line_words

_PITCH = 64
_RIGHT = 1300


def _form(left: list[str], right: list[tuple[int, str]], *, leaders: bool) -> list[Word]:
    """Lines of the left column from y=100 one pitch apart; the right column's lines at their own row index
    (`(row, text)`); `label : value` items with `. . . .` typed between label and colon when `leaders`."""
    words: list[Word] = []

    def put(text: str, x: int, y: int) -> None:
        if " : " in text and leaders:
            label, value = text.split(" : ", 1)
            text = f"{label} . . . . . . : {value}"
        words.extend(line_words(text, x, y))

    for i, text in enumerate(left):
        put(text, 200, 100 + i * _PITCH)
    for row, text in right:
        put(text, _RIGHT, 100 + row * _PITCH)
    return words


_LEFT = ["KEMENTERIAN AGAMA", "KANTOR URUSAN AGAMA KECAMATAN MANDONGA", "SALINAN AKTA NIKAH",
         "Nomor : 7471014012024403", "I. PERISTIWA NIKAH", "1. Hari dan tanggal akad : Rabu, 24 Januari 2024",
         "2. Dicatat di : KUA KECAMATAN MANDONGA", "II. SUAMI", "3. Nama lengkap : MUHAMMAD ASRUL",
         "4. NIK : 7471010510972305", "5. Tempat dan tanggal lahir : KENDARI, 5 Oktober 1997",
         "6. Kewarganegaraan : WNI", "7. Agama : ISLAM", "8. Pekerjaan : PELAJAR/MAHASISWA",
         "9. Tempat tinggal : JL. DAYANU NO. 92", "III. ISTRI", "10. Nama lengkap : ENDANG SUSILOWATI",
         "11. NIK : 7472016511050443", "12. Tempat dan tanggal lahir : BAUBAU, 25 November 2005",
         "13. Kewarganegaraan : WNI", "14. Agama : ISLAM", "15. Pekerjaan : KARYAWAN SWASTA",
         "16. Tempat tinggal : JL. SULTAN MURHUM NO. 62"]
# The right column: the parents, the wali and the witnesses, each row beside a left row.
_SECOND = [(4, "IV. ORANG TUA SUAMI"), (5, "17. Nama ayah : BASO ARIFIN"), (6, "18. NIK ayah : 7403071007591006"),
           (8, "V. WALI NIKAH"), (9, "19. Nama : EKO PRASETYO"), (10, "20. NIK : 7405061407660993"),
           (12, "VI. SAKSI-SAKSI"), (13, "21. Saksi I : LA ODE SAFIUDDIN"), (14, "22. NIK : 7412101705562266"),
           (15, "23. Saksi II : SAHARUDDIN"), (16, "24. NIK : 7411050309511689")]


def _nikah(words: list[Word]) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "text_layer")])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


def test_a_form_in_two_columns_of_numbered_items_is_read_column_by_column():
    """Rows of the two columns at one height are no line: the husband's block goes on under the wali's heading
    in the other column, and the wife's NIK is not a witness's."""
    for leaders in (False, True):
        got = {k: v.value for k, v in _nikah(_form(_LEFT, _SECOND, leaders=leaders)).items()}
        assert got["nomor_akta"] == "7471014012024403"
        assert got["suami.nama_lengkap"] == "MUHAMMAD ASRUL"
        assert got["suami.agama"] == "ISLAM"
        assert got["suami.alamat"] == "JL. DAYANU NO. 92"
        assert got["istri.nik"] == "7472016511050443"
        assert got["istri.pekerjaan"] == "KARYAWAN SWASTA"
        assert got["wali.nama_lengkap"] == "EKO PRASETYO"


def test_one_column_of_items_is_not_split():
    """A single column's value set far from its label is no second column: nothing is cut off its line."""
    one = _form([*_LEFT[:10], "6. Kewarganegaraan :"], [(10, "WNI")], leaders=False)
    got = _nikah(one)
    assert got["suami.nama_lengkap"].value == "MUHAMMAD ASRUL"
    assert got["suami.kewarganegaraan"].value == "WNI"


def _table_row(label: str, suami: str, istri: str, y: int, *, specks: bool) -> list[Word]:
    """A row of a SUAMI | ISTRI table, no colon; a tinted row read with specks at each cell's ends."""
    words = line_words(label, 200, y) + line_words(suami, 700, y) + line_words(istri, 1500, y)
    if specks:
        for x in (120, 640, 1300, 1440, 2100):
            words.append(Word("Na", 0.08, (x, y, x + 40, y + 4)))
    return words


def test_a_two_party_table_s_specks_wn_and_alamat_without_colon():
    words = line_words("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 200, 100) + line_words("KUTIPAN AKTA NIKAH", 200, 160)
    words += line_words("SUAMI", 900, 300) + line_words("ISTRI", 1700, 300)
    rows = [("NIK", "7402012205985630", "7404056007027233"), ("WN", "WNI", "WNI"), ("Agama", "ISLAM", "ISLAM"),
            ("Alamat", "JL. GAJAH MADA NO. 119", "JL. DR. SUTOMO NO. 9")]
    for i, (label, suami, istri) in enumerate(rows):
        words += _table_row(label, suami, istri, 380 + i * 80, specks=label in ("Agama", "Alamat"))
    got = {k: v.value for k, v in _nikah(words).items()}
    assert got["suami.kewarganegaraan"] == "WNI"
    assert got["istri.kewarganegaraan"] == "WNI"
    assert got["suami.agama"] == "ISLAM"
    assert got["suami.alamat"] == "JL. GAJAH MADA NO. 119"
    assert got["istri.alamat"] == "JL. DR. SUTOMO NO. 9"


_LETTER = ["PEMERINTAH KABUPATEN KONAWE", "DINAS PENDIDIKAN", ("SURAT KETERANGAN PENGGANTI STTB", 44),
           "Nomor : 421.5/2423/Disdik/2008",
           "Yang bertanda tangan di bawah ini, Kepala Dinas Pendidikan Kabupaten Konawe, menerangkan",
           "bahwa berdasarkan buku induk dan daftar kelulusan SMP NEGERI 3 KOLAKA, yang tersebut di bawah ini:",
           "No Uraian Keterangan", "1 Nama LA ODE HAMZAH", "2 Tempat, Tanggal Lahir Cilacap, 14-02-1985",
           "3 Nama Sekolah SMP NEGERI 3 KOLAKA", "4 Nomor Seri Ijazah DN-74/M-SMP/13/1371407"]
_SIGNED = ["adalah benar lulusan dari satuan pendidikan tersebut di atas.", "Konawe, 8 Oktober 2008",
           "KEPALA DINAS,", "Drs. H. MUSTAMIN RAUF, M.Pd."]


def test_a_letter_in_place_of_a_lost_ijazah_gives_the_ijazah_s_date_never_its_own():
    listed = fields_read(*_LETTER, "5 Tanggal Ijazah 25-05-1999", "6 Tahun Pelajaran 1998/1999", *_SIGNED,
                         expect=core.DocumentType.IJAZAH)
    assert listed["tanggal_lulus"].value == "1999-05-25"
    # The ijazah's date unread: the letter's own date above its signature is not it.
    unread = fields_read(*_LETTER, "6 Tahun Pelajaran 1998/1999", *_SIGNED, expect=core.DocumentType.IJAZAH)
    assert (unread["tanggal_lulus"].value, unread["tanggal_lulus"].confidence) != ("2008-10-08", 0.99)
    assert unread["tanggal_lulus"].value is None or unread["tanggal_lulus"].confidence < 0.9


def test_a_party_s_nik_of_the_other_sex_makes_its_birth_unsure():
    """The wife's NIK (day of birth + 40) and birth date read under the husband's heading agree with each other,
    but not with the heading: neither is sure."""
    words = line_words("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 200, 100) + line_words("KUTIPAN AKTA NIKAH", 200, 160)
    words += line_words("SUAMI", 900, 300) + line_words("ISTRI", 1700, 300)
    rows = [("NIK", "7402016704963890", "7402012606905274"),
            ("Tempat/Tgl. Lahir", "Raha, 27-04-1996", "Raha, 26-06-1990")]
    for i, (label, suami, istri) in enumerate(rows):
        words += _table_row(label, suami, istri, 380 + i * 80, specks=False)
    got = _nikah(words)
    assert got["suami.tanggal_lahir"].value == "1996-04-27"
    assert got["suami.tanggal_lahir"].confidence < 0.9 and got["suami.nik"].confidence < 0.9
    assert got["istri.tanggal_lahir"].confidence < 0.9


def test_a_degree_s_parentheses_and_a_programme_s_wrapped_label_slash():
    got = fields_read("UNIVERSITAS HASANUDDIN", ("IJAZAH", 90), "Nama : WA ODE HASNAH", "Jurusan",
                      "Program Studi : / Pendidikan Matematika", "Gelar Akademik : Sarjana Hukum (S.H. )",
                      "Makassar, 16 Mei 1990", expect=core.DocumentType.IJAZAH)
    assert got["gelar"].value == "SARJANA HUKUM (S.H.)"
    assert got["program_studi"].value == "PENDIDIKAN MATEMATIKA"


def test_birth_in_a_sentence_read_with_its_words_run_together():
    """`lahir di` read `lahirdi` or `lahrdi`, a colon before the place read `0.`, `pada tanggal` read as one word."""
    for born in ("lahrdi 0. Raha padatanggal 19 Februari 1974", "lahirdi | Raha pada tanggal 19 Februari 1974"):
        got = fields_read("UNIVERSITAS HASANUDDIN", ("IJAZAH", 90), "Rektor Universitas Hasanuddin menyatakan bahwa",
                          ("ANDI MAPPANYUKKI", 50), f"Nomor Stambuk 65392181 {born}",
                          "Diberikan di Makassar pada tanggal 16 Mei 1996", expect=core.DocumentType.IJAZAH)
        assert (got["tempat_lahir"].value, got["tanggal_lahir"].value) == ("RAHA", "1974-02-19")
        assert got["tanggal_lahir"].confidence < 0.9  # out of a sentence
