"""Ijazah wordings met on layouts the extractor was not tuned on (issue #14 items 1, 2 and 5): the school's own
number as `Nomor Induk Sekolah`, a programme named after its level (`Program Studi S1 Pendidikan ...`), in a
sentence or after its label. Words in, fields out."""

import core
from tests.fixtures.words import fields_read


def _read(*lines: str | tuple[str, int]) -> dict[str, core.FieldValue]:
    return fields_read(*lines, expect=core.DocumentType.IJAZAH)


def test_nomor_induk_sekolah_is_the_pupil_s_number_not_the_ijazah_s():
    got = _read("DEPARTEMEN PENDIDIKAN NASIONAL", "SMA NEGERI 1 KOLAKA", ("IJAZAH", 90), "SEKOLAH MENENGAH ATAS",
                "Kepala SMA Negeri 1 Kolaka menerangkan bahwa:", "Nama Peserta Didik IIS SUMIATI",
                "Tempat, Tanggal Lahir Kolaka, 27 November 1964", "Nomor Induk Sekolah 60720",
                "Kolaka, 23 Juni 1982")
    assert got["nis"].value == "60720"
    # `Nomor Induk Sekolah 60720` begins with `Nomor` but is no document number.
    assert got["nomor_ijazah"].value is None


def test_a_programme_named_after_its_level_is_the_programme_alone():
    sentence = _read("UNIVERSITAS TERBUKA", ("IJAZAH", 90), "Nomor Ijazah : 0062477/UN31/S1/1985",
                     "Rektor Universitas Terbuka menyatakan bahwa", ("LA ODE HAMZAH", 50), "NIM 267920919",
                     "telah menyelesaikan program pendidikan pada Program Studi S1 Pendidikan Bahasa Inggris Fakultas",
                     "Keguruan dan Ilmu Pendidikan, dan kepadanya diberikan gelar Sarjana Pendidikan (S.Pd.)",
                     "Jakarta, 27 Mei 1985")
    assert sentence["program_studi"].value == "PENDIDIKAN BAHASA INGGRIS"
    assert sentence["program_studi"].confidence < 0.9  # cut out of a sentence
    labelled = _read("POLITEKNIK KESEHATAN KENDARI", ("IJAZAH", 90), "Nama : WA ODE SITI", "NIM : P00320017001",
                     "Program Studi : D-III Keperawatan", "Makassar, 30 September 2020")
    assert labelled["program_studi"].value == "KEPERAWATAN"
    # A programme whose name begins like a level keeps it (`Sistem Informasi`).
    assert _read("UNIVERSITAS HALU OLEO", ("IJAZAH", 90), "Nama : ANDI BASO", "Program Studi : Sistem Informasi",
                 "Kendari, 1 Mei 2020")["program_studi"].value == "SISTEM INFORMASI"


def test_a_number_in_the_top_right_corner_after_no_is_the_ijazah_s():
    """`No.` and a boxed series number at the right end of the heading's first line (its box's rule read `|`)."""
    got = _read([(100, "REPUBLIK INDONESIA"), (1500, "No. | DN-26 Ma 0878679")], "DEPARTEMEN PENDIDIKAN NASIONAL",
                "SMA PGRI 1 KOLAKA", ("IJAZAH", 90), "SEKOLAH MENENGAH ATAS",
                [(100, "Nama Peserta Didik : LA ODE AHMAD YANI"), (1200, "No Mata Pelajaran Nilai")],
                [(100, "Nomor Induk Sekolah : 29505"), (1200, "5 Matematika 8,00 7,75 7,88")], "Kolaka, 5 Mei 1992")
    assert got["nomor_ijazah"].value == "DN-26 MA 0878679"
    assert got["nomor_ijazah"].confidence < 0.9  # found without a label
    assert got["nis"].value == "29505"


def test_a_ministry_college_s_student_number_and_a_name_beside_a_side_panel():
    """`Nomor Pokok Praja` is the NIM (a college of a ministry numbers praja, not mahasiswa), and the signer's
    `NIP.` under it, one slip from `NIM`, does not stand in for it; the panel's `IPDN` level with the holder's
    name, a column away, is not part of the name."""
    got = _read([(600, "INSTITUT PEMERINTAHAN DALAM NEGERI")], [(600, "IJAZAH")],
                [(600, "Rektor Institut Pemerintahan Dalam Negeri, menyatakan bahwa:")],
                [(100, "IPDN"), (900, "LA ODE HASRUDDIN")], [(600, "Nomor Pokok Praja : 15.7374")],
                [(600, "lahir di Baubau pada tanggal 19 Mei 1997")], [(600, "SARJANA ILMU PEMERINTAHAN (S.IP.)")],
                [(1500, "Jatinangor, 20 Mei 2019")], [(1500, "KRESNO SEDIARSI, Ak.")],
                [(1500, "NIP. 197704122006021002")])
    assert got["nim"].value == "15.7374"
    assert got["nama_lengkap"].value == "LA ODE HASRUDDIN"
