"""Ijazah mechanisms that hold on every layout (issue #14, session 15): a label's words inside a signer's title
or a centred heading are no label, a heading's name wrapped onto the next line goes on there, a Roman month
read with a `1` is mended. Words in, fields out."""

import dataclasses

import core
import ocr
from tests.fixtures.words import fields_read, lines_page


def _read(*lines: str | tuple[str, int] | list[tuple[int, str]]) -> dict[str, core.FieldValue]:
    return fields_read(*lines, expect=core.DocumentType.IJAZAH)


def _college(*signers: list[tuple[int, str]]) -> dict[str, core.FieldValue]:
    return _read(("SEKOLAH TINGGI ILMU EKONOMI SWADAYA", 60), ("KENDARI", 60),
                 "Terakreditasi BAN-PT Nomor 692/SK/BAN-PT/Akred/PT/IV/1994", ("IJAZAH", 90),
                 "dengan ini menyatakan bahwa", ("Andi Mappanyukki", 60), "NIM. 9296774",
                 "lahir di Raha pada tanggal 17 Januari 1974",
                 "telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada",
                 "Program Studi Akuntansi", "Jenjang Program Sarjana (S1)", "oleh sebab itu kepadanya diberikan gelar",
                 ("SARJANA EKONOMI (S.E.)", 45), "Diberikan di Kendari pada tanggal 26 Mei 1996", *signers)


def test_a_signer_s_title_is_no_label_and_a_wrapped_heading_goes_on():
    # `Ketua Program Studi,` over the left signature, `Ketua,` a column away: the gap is no lost colon.
    titled = _college([(300, "Ketua Program Studi,"), (1500, "Ketua,")],
                      [(200, "Dr. LA ODE MUH. JUFRI, S.E., M.Si."), (1400, "Hj. WA ODE SITTI NURHAYA, M.Kes.")])
    assert titled["program_studi"].value == "AKUNTANSI"
    assert titled["nama_satuan_pendidikan"].value == "SEKOLAH TINGGI ILMU EKONOMI SWADAYA KENDARI"
    assert titled["nama_satuan_pendidikan"].confidence < 0.9  # a heading, no label
    # ... and without its comma, the title's words after `Ketua` are no label either.
    bare = _college([(300, "Ketua Program Studi"), (1500, "Ketua")])
    assert bare["program_studi"].value == "AKUNTANSI"


def test_a_heading_is_not_joined_to_the_faculty_under_it():
    got = _read(("UNIVERSITAS HALU OLEO", 60), ("FAKULTAS HUKUM", 60), ("IJAZAH", 90), "Nama : ANDI BASO",
                "Program Studi : Ilmu Hukum", "Kendari, 1 Mei 2020")
    assert got["nama_satuan_pendidikan"].value == "UNIVERSITAS HALU OLEO"


def test_a_roman_month_read_with_a_one_is_mended_and_doubted():
    def number(printed: str) -> core.FieldValue:
        return _read(f"Nomor : {printed}", ("UNIVERSITAS HALU OLEO", 60), ("IJAZAH", 90), "Nama : ANDI BASO",
                     "NIM : 1339082", "Kendari, 1 Mei 1992")["nomor_ijazah"]

    mended, printed = number("160/STIE-SK/S1/V1/1992"), number("160/STIE-SK/S1/VI/1992")
    assert (mended.value, printed.value) == ("160/STIE-SK/S1/VI/1992", "160/STIE-SK/S1/VI/1992")
    assert mended.confidence < printed.confidence  # a character mended costs
    assert number("12/UN/X1/1992").value == "12/UN/XI/1992"
    assert number("0062477/UN31/S1/1992").value == "0062477/UN31/S1/1992"  # `S1` is no month


def test_a_label_s_words_in_a_centred_heading_are_no_label_where_the_labels_stand_in_a_column():
    """`SATUAN PENDIDIKAN MU'ADALAH ...` is a heading (its words begin a label without a colon, but away from the
    column of `Nama :` lines); the pesantren's name is the school's, and a santri's number the pupil's."""
    got = _read([(700, "KEMENTERIAN AGAMA REPUBLIK INDONESIA")], [(500, "PONDOK PESANTREN DARUL ISTIQAMAH")],
                [(900, "IJAZAH")], [(550, "SATUAN PENDIDIKAN MU'ADALAH TINGKAT TSANAWIYAH")],
                [(900, "(setara MADRASAH TSANAWIYAH)")], [(950, "Nomor : MDL.43/0522/2010")],
                "Pimpinan Pondok Pesantren dengan ini menerangkan bahwa:", "Nama : SITTI MARWAH",
                "Tempat, Tanggal Lahir : Raha, 11 Agustus 1995", "Nama Orang Tua : BASO ARIFIN",
                "Nomor Induk Santri : 7785", "NISN : 0045486293", "NPSN : 40407730", [(1500, "4 Mei 2010 M")])
    assert got["nama_satuan_pendidikan"].value == "PONDOK PESANTREN DARUL ISTIQAMAH"
    assert got["nis"].value == "7785"
    assert got["nisn"].value == "0045486293"


def test_the_title_is_no_label_and_an_unread_heading_is_no_school():
    """Arabic script read as letters: `IJAZAH : agus!` (the title and a colon) is no `No. Ijazah`, and a line of
    words Tesseract read below 0.5 (`MI GI MI aw`) is no madrasah's name."""
    page = lines_page([(800, "MI GI MI aw")], [(600, "KEMENTERIAN AGAMA REPUBLIK INDONESIA")],
                      [(500, "PONDOK PESANTREN NURUL HUDA")], [(650, "IJAZAH : agus!")],
                      [(600, "PENDIDIKAN DINIYAH FORMAL TINGKAT ULYA")], [(750, "Nomor : 006/PDF-Y/V/2021")],
                      "Pimpinan Pondok Pesantren dengan ini menerangkan bahwa:", "Nama : DEDE KURNIA",
                      "Tempat, Tanggal Lahir : Kolaka, 2 April 2003", "Nama Orang Tua : LA ODE RAHMAN",
                      "Nomor Induk Santri : 54086", "NISN : 0035486293", [(1500, "Raha, 4 Mei 2021")])
    unread = dataclasses.replace(page, words=tuple(
        dataclasses.replace(w, confidence=0.3) if w.bbox[1] == 100 else w for w in page.words))
    got = ocr.extract_pages([unread])[0].fields
    assert got["nomor_ijazah"].value == "006/PDF-Y/V/2021"
    assert got["nama_satuan_pendidikan"].value == "PONDOK PESANTREN NURUL HUDA"


def test_a_date_label_beginning_with_pada_goes_on_with_the_birth_label_above_it():
    """`Lahir di : Cilacap` / `Pada Tanggal : 8 April 1963` is `lahir di Cilacap pada tanggal ...`: the birth,
    not the day of issue (the university's number in a column of its own on the left)."""
    fields = _read(("UNIVERSITAS MUSLIM BUTON", 60), ("IJAZAH", 90), ("WA ASMAWATI", 50),
                   [(900, "Stambuk : 81372805")], [(100, "Nomor Ijazah"), (900, "Lahir di : Cilacap")],
                   [(100, "044/UMB/FT/S1/1985"), (900, "Pada Tanggal : 8 April 1963")],
                   [(900, "Program Studi : Teknik Informatika")], [(1500, "Baubau, 13 Juni 1985")])
    assert (fields["tempat_lahir"].value, fields["tanggal_lahir"].value) == ("CILACAP", "1963-04-08")
    assert fields["tanggal_lulus"].value == "1985-06-13"


def test_a_birth_date_read_as_a_line_of_its_own_beside_the_sentence_and_a_speck_in_it():
    """`lahir di Baubau pada tanggal` with the date typed in a little higher at the right, which Tesseract reads as
    a line of its own before the sentence's: the row is joined again. A speck read `j)` at 0.02 between `lahir
    di` and the place is no word of the sentence."""
    page = lines_page(("UNIVERSITAS HALUOLEO", 60), ("IJAZAH", 90), "dengan ini menyatakan bahwa", ("LA ODE RIDWAN", 50),
                      "Nomor Pokok Mahasiswa 17810541 lahir di j) Baubau pada tanggal",
                      "telah menyelesaikan dengan baik segala syarat pendidikan pada Program Sarjana (S1)",
                      "Diberikan di Kendari pada tanggal 4 Mei 2023")
    sentence = next(w for w in page.words if w.text == "tanggal")
    speck = next(w for w in page.words if w.text == "j)")
    date = ocr.Word("21-5-2001", 0.95, (sentence.x1 + 900, sentence.bbox[1] - 12, sentence.x1 + 1060, sentence.bbox[3] - 12))
    words = [dataclasses.replace(w, confidence=0.02) if w is speck else w for w in page.words]
    extraction, _ = ocr.extract_pages([dataclasses.replace(page, words=(date, *words))])
    got = extraction.fields
    assert (got["tempat_lahir"].value, got["tanggal_lahir"].value) == ("BAUBAU", "2001-05-21")
    assert got["tanggal_lahir"].confidence < 0.9  # cut out of a sentence


def test_a_birth_sentence_read_exactly_is_as_sure_as_a_label():
    """`lahir di Raha pada tanggal 17 Januari 1974`, every word as printed: the phrase says which values these are
    as surely as a label would, so they are not capped as words cut out of a sentence; `lahirdi` read glued (a
    slip) keeps the cap."""
    exact = _college()
    assert (exact["tempat_lahir"].value, exact["tanggal_lahir"].value) == ("RAHA", "1974-01-17")
    assert min(exact["tempat_lahir"].confidence, exact["tanggal_lahir"].confidence) >= 0.9
    glued = _read(("UNIVERSITAS HALUOLEO", 60), ("IJAZAH", 90), "dengan ini menyatakan bahwa", ("LA ODE RIDWAN", 50),
                  "NIM. 9296774 lahirdi Raha pada tanggal 17 Januari 1974", "Diberikan di Kendari pada tanggal 4 Mei 1996")
    assert glued["tanggal_lahir"].value == "1974-01-17" and glued["tanggal_lahir"].confidence < 0.9


def test_a_holder_s_name_of_a_name_s_shape_read_well_under_the_opening_is_sure():
    """`LA ODE RIDWAN` under `dengan ini menyatakan bahwa`, capitals only, every word read at 0.96: as sure as
    after `Nama :`; one word (`RIDWAN`) or a word read below 0.9 keeps the cap of a value found without a label."""
    lines = (("UNIVERSITAS HALUOLEO", 60), ("IJAZAH", 90), "dengan ini menyatakan bahwa", ("LA ODE RIDWAN", 50),
             "NIM. 9296774 lahir di Raha pada tanggal 17 Januari 1974", "Diberikan di Kendari pada tanggal 4 Mei 1996")
    named = _read(*lines)
    assert named["nama_lengkap"].value == "LA ODE RIDWAN" and named["nama_lengkap"].confidence >= 0.9
    page = lines_page(*lines)
    unsure = [dataclasses.replace(w, confidence=0.85) if w.text == "ODE" else w for w in page.words]
    extraction, _ = ocr.extract_pages([dataclasses.replace(page, words=tuple(unsure))])
    assert extraction.fields["nama_lengkap"].confidence < 0.9
    one_word = _read(*lines[:3], ("RIDWAN", 50), *lines[4:])
    assert one_word["nama_lengkap"].value == "RIDWAN" and one_word["nama_lengkap"].confidence < 0.9
