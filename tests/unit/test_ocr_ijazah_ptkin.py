"""Ijazah of an Islamic college (STAIN/IAIN) and what other issuers print the same way: short labels in two
columns set close together, the college named only in the opening sentence, Kemenag numbers with their
capitalized office code (`In.23/PP.00.9/...`), the degree of its era on a line of its own; and titles that
decide the type however they are set (split over two lines, `IJ` read as `U`), never refused for lack of a
label. Pages are built from words (`ocr.extract_pages`); one page image is read by Tesseract."""

import cv2
import numpy as np
import pytest

import core
import ocr
from tests.fixtures.words import Column, fields_read, lines_page


def _read(*lines: str | tuple[str, int] | list[Column]) -> dict[str, core.FieldValue]:
    return fields_read(*lines, expect=core.DocumentType.IJAZAH)


def _values(fields: dict[str, core.FieldValue]) -> dict[str, str | None]:
    return {k: v.value for k, v in fields.items()}


_OPENING = "Ketua Sekolah Tinggi Agama Islam Negeri Sultan Qaimuddin Kendari, dengan ini menyatakan bahwa:"
_CLOSING = ("telah menyelesaikan seluruh persyaratan akademik dan kepadanya diberikan gelar akademik",
            ("SARJANA HUKUM ISLAM (S.H.I.)", 40), "dengan segala hak dan kewajiban yang melekat pada gelar tersebut.",
            "Kendari, 16 Juni 2001", "Ketua,")


def test_two_columns_set_close_each_value_stops_at_the_next_label():
    """The right column's label follows the left value after one space: the value stops there, even where
    the label is read with a slip (`Jurusam`)."""
    got = _read("Nomor Ijazah : In.23/PP.00.9/2578/2001", ("IJAZAH", 90), _OPENING,
                "Nama : RATNA SERI Jurusam : Syariah",
                "NIM : 97032300258 Program Studi : Hukum Keluarga Islam",
                "Tempat/Tgl. Lahir : Baubau, 20 Juni 1979 Jenjang : Sarjana (S1)", *_CLOSING)
    values = _values(got)
    assert values["nama_lengkap"] == "RATNA SERI"
    assert values["nim"] == "97032300258"
    assert (values["tempat_lahir"], values["tanggal_lahir"]) == ("BAUBAU", "1979-06-20")
    assert values["program_studi"] == "HUKUM KELUARGA ISLAM"
    assert values["jenjang"] == "S1"
    for name in ("nama_lengkap", "nim", "tanggal_lahir"):
        assert got[name].confidence >= 0.9, name


def test_a_label_beside_no_field_ends_the_value_too():
    got = _read(("IJAZAH", 90), "Nama : ANDI SYAHRIR Fakultas : Syariah", "NIM : 19032300099 IPK : 3,51")
    assert _values(got)["nama_lengkap"] == "ANDI SYAHRIR"
    assert _values(got)["nim"] == "19032300099"


def test_college_named_only_in_the_opening_sentence_and_the_degree_of_its_era():
    got = _read(("IJAZAH", 90), _OPENING,
                [(100, "Nama : RATNA SERI"), (900, "Jurusan : Syariah")],
                [(100, "NIM : 97032300258"), (900, "Program Studi : Hukum Keluarga Islam")], *_CLOSING)
    values = _values(got)
    assert values["nama_satuan_pendidikan"] == "SEKOLAH TINGGI AGAMA ISLAM NEGERI SULTAN QAIMUDDIN KENDARI"
    assert values["gelar"] == "SARJANA HUKUM ISLAM (S.H.I.)"
    assert values["tanggal_lulus"] == "2001-06-16"
    # Cut out of a sentence, or a line taken for the degree: for review's band, never the sure one.
    for name in ("nama_satuan_pendidikan", "gelar"):
        assert 0.8 <= got[name].confidence < 0.9, name


def test_a_degree_whose_abbreviation_is_set_on_the_line_below():
    got = _read(("IJAZAH", 90), "Nama : RATNA SERI", "kepadanya diberikan gelar akademik",
                ("SARJANA PENDIDIKAN ISLAM", 40), ("(S.Pd.I.)", 40), "dengan segala hak dan kewajiban (pasal 3)",
                "Kendari, 16 Juni 2001")
    assert got["gelar"].value == "SARJANA PENDIDIKAN ISLAM (S.PD.I.)"
    assert 0.8 <= got["gelar"].confidence < 0.9


def test_a_school_level_in_a_programme_is_no_jenjang():
    """`Pendidikan Guru Madrasah Ibtidaiyah` (PGMI) on a university's diploma: the degree says S1, not MI."""
    got = _read(("IJAZAH", 90), "INSTITUT AGAMA ISLAM NEGERI KENDARI", "Nama : RATNA SERI", "NIM : 97032300258",
                "Program Studi : Pendidikan Guru Madrasah Ibtidaiyah", "kepadanya diberikan gelar akademik",
                ("SARJANA PENDIDIKAN (S.Pd.)", 40), "Kendari, 16 Juni 2001")
    assert got["jenjang"].value == "S1"
    assert got["jenjang"].confidence < 0.9
    no_degree = _read(("IJAZAH", 90), "UNIVERSITAS HALU OLEO", "Nama : RATNA SERI", "NIM : A1D197001",
                      "Program Studi : Pendidikan Guru Sekolah Dasar", "Kendari, 16 Juni 2001")
    assert no_degree["jenjang"].value is None


@pytest.mark.parametrize(("printed", "value"), [
    ("In.23/PP.00.9/2385/2013", "In.23/PP.00.9/2385/2013"),
    ("B-1234/Un.05/III/PP.00.9/2010", "B-1234/Un.05/III/PP.00.9/2010"),
    ("DN-74/M-SMA/13/4944891", "DN-74/M-SMA/13/4944891"),
])
def test_a_document_number_keeps_its_capitalized_office_code(printed, value):
    got = _read(("IJAZAH", 90), f"Nomor Ijazah : {printed}", "Nama : RATNA SERI")
    assert got["nomor_ijazah"].value == value
    assert got["nomor_ijazah"].confidence >= 0.9


def test_an_office_code_whose_capital_i_was_read_l_is_mended_and_doubted():
    got = _read(("IJAZAH", 90), "Nomor Ijazah : ln.23/PP.00.9/2385/2013", "Nama : RATNA SERI")
    assert got["nomor_ijazah"].value == "In.23/PP.00.9/2385/2013"
    assert got["nomor_ijazah"].confidence < 0.9


def test_an_unlabelled_number_by_its_shape_keeps_its_case():
    got = _read(("IJAZAH", 90), "In.23/PP.00.9/1795/2002", "Nama : RATNA SERI")
    assert got["nomor_ijazah"].value == "In.23/PP.00.9/1795/2002"
    assert got["nomor_ijazah"].confidence < 0.9


@pytest.mark.parametrize("title", [
    [("SURAT TANDA", 60), ("TAMAT BELAJAR", 60)],
    [("SURAT TANDA TAMAT", 60), ("BELAJAR", 60)],
    [("UAZAH", 90)],
    [("I J A Z A H", 90)],
    [("1JAZAII", 90)],
    [("UAZAII", 90)],
])
def test_a_title_however_set_decides_without_any_label(title):
    """Nothing on the page but the title and a name: an ijazah, not refused for missing labels."""
    extraction, _ = ocr.extract_pages([lines_page(*title, "ANDI SYAHRIR", "Kendari, 16 Juni 2001")])
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_two_lines_of_a_heading_are_no_split_title():
    with pytest.raises(core.UnreadableDocument):
        ocr.extract_pages([lines_page(("SURAT", 60), ("KETERANGAN", 60), "ANDI SYAHRIR")])


@pytest.mark.integration
def test_a_title_set_too_large_for_tesseract_is_read_from_a_smaller_copy():
    """`IJAZAH` 270 px high on a 300-dpi page: Tesseract reads it `ah ah`, and nothing else names the type."""
    image = np.full((1754, 2480), 255, np.uint8)
    font = cv2.FONT_HERSHEY_DUPLEX
    (width, height), _ = cv2.getTextSize("IJAZAH", font, 10, 22)
    cv2.putText(image, "IJAZAH", ((2480 - width) // 2, 200 + height), font, 10, 0, 22, cv2.LINE_AA)
    cv2.putText(image, "ANDI SYAHRIR", (900, 800), font, 2.0, 0, 3, cv2.LINE_AA)
    cv2.putText(image, "Kendari, 16 Juni 2001", (900, 1000), font, 1.4, 0, 2, cv2.LINE_AA)
    extraction = ocr.extract(cv2.imencode(".png", image)[1].tobytes())
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_a_label_inside_a_longer_heading_is_no_label_the_university_is_named_by_its_own_heading():
    """`PERGURUAN TINGGI` inside `KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX` (a private university's
    supervising body) labels nothing: the school is the university's own heading, not `SWASTA WILAYAH IX`."""
    got = _read("KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX", "UNIVERSITAS DAYANU IKSANUDDIN", ("IJAZAH", 90),
                "Rektor Universitas Dayanu Iksanuddin menyatakan bahwa:", ("ANDI MAPPANYUKKI", 40),
                "N.P.M. 022010218, lahir di Bone tanggal 8 Desember 1985, telah menyelesaikan", *_CLOSING)
    assert got["nama_satuan_pendidikan"].value == "UNIVERSITAS DAYANU IKSANUDDIN"


def test_a_value_in_a_sentence_ends_at_the_comma_after_which_the_sentence_goes_on():
    """`N.P.M. 022010218, lahir di Bone ...`: the number is the NIM, not `022010218,LAHIRDIBONETANGGAL`; a parent's
    name ends at its comma when the sentence goes on after it, and keeps a degree after its comma."""
    got = _read("UNIVERSITAS DAYANU IKSANUDDIN", ("IJAZAH", 90), "Rektor menyatakan bahwa:", ("ANDI MAPPANYUKKI", 40),
                "N.P.M. 022010218, lahir di Bone tanggal 8 Desember 1985, telah menyelesaikan",
                "Nama Orang Tua : LA ODE MUHAMMAD RAHMAN, lahir di Kolaka", *_CLOSING)
    assert got["nim"].value == "022010218"
    assert got["nama_orang_tua"].value == "LA ODE MUHAMMAD RAHMAN"
    degree = _read("UNIVERSITAS DAYANU IKSANUDDIN", ("IJAZAH", 90), "Nama : ANDI MAPPANYUKKI",
                   "Nama Orang Tua : H. LA ODE RAHMAN, S.Pd.", *_CLOSING)
    assert degree["nama_orang_tua"].value.startswith("H. LA ODE RAHMAN")
