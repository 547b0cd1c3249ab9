"""A bilingual ijazah read by class: a label with its translation is one label (the English half is no value,
whether beside, under or before the Indonesian, and a colon lost in a scan does not make it one); a value
followed by its English twin keeps the Indonesian; an English date stands in for an unreadable Indonesian one,
and two that disagree are doubt; English labels alone are labels. Pages are built from words."""

import pytest

import core
import ocr
from ocr import Page
from tests.fixtures.words import Column, fields_read, line_words, lines_page

_HEAD: tuple[str | tuple[str, int], ...] = ("KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN", "UNIVERSITAS HALU OLEO", "HALU OLEO UNIVERSITY",
         ("IJAZAH / DIPLOMA", 90), "Rektor Universitas Halu Oleo dengan ini menyatakan bahwa:",
         "The Rector of Halu Oleo University hereby certifies that:")
_FOOT: tuple[str | tuple[str, int], ...] = ("telah memenuhi semua persyaratan akademik dan kepadanya diberikan gelar",
         "has fulfilled all academic requirements and is awarded the degree",
         ("SARJANA TEKNIK (S.T.)", 40), "Bachelor of Engineering", "Kendari, 12 Agustus 2015 / August 12, 2015",
         "Rektor,")


def _read(*lines: str | tuple[str, int] | list[Column]) -> dict[str, core.FieldValue]:
    return fields_read(*lines, expect=core.DocumentType.IJAZAH)


def _values(fields: dict[str, core.FieldValue]) -> dict[str, str | None]:
    return {k: v.value for k, v in fields.items()}


_WANT = {"nama_lengkap": "WA ODE SITI AMINAH", "nim": "F1B03243", "tempat_lahir": "KOLAKA",
         "tanggal_lahir": "1985-06-05", "program_studi": "TEKNIK SIPIL", "gelar": "SARJANA TEKNIK (S.T.)",
         "tanggal_lulus": "2015-08-12", "jenjang": "S1", "nama_satuan_pendidikan": "UNIVERSITAS HALU OLEO"}


@pytest.mark.parametrize("colon", [" :", ""], ids=["colon", "colon-lost"])
def test_label_with_its_translation_on_one_line_is_one_label(colon: str) -> None:
    """`Nama / Name : X`, and the same with the colon lost in a scan (the English half once stood as the
    value at 0.95: `STUDENTNUMBER`, `PLACE AND DATE OF BIRTH`)."""
    got = _read(*_HEAD, f"Nama / Name{colon} WA ODE SITI AMINAH",
                f"Nomor Induk Mahasiswa / Student Number{colon} F1B03243",
                f"Tempat dan Tanggal Lahir / Place and Date of Birth{colon} Kolaka, 5 Juni 1985 / June 5, 1985",
                f"Fakultas / Faculty{colon} Teknik / Engineering",
                f"Program Studi / Study Program{colon} Teknik Sipil / Civil Engineering", *_FOOT)
    assert {k: v for k, v in _values(got).items() if k in _WANT} == _WANT
    assert got["program_studi"].confidence >= 0.9 and got["nama_lengkap"].confidence >= 0.9


def test_english_label_in_a_column_before_the_indonesian_is_no_value() -> None:
    got = _read(*_HEAD, [(100, "Name"), (500, "Nama : WA ODE SITI AMINAH")],
                [(100, "Student Number"), (500, "Nomor Induk Mahasiswa : F1B03243")],
                [(100, "Place and Date of Birth"), (500, "Tempat dan Tanggal Lahir : Kolaka, 5 Juni 1985")],
                [(100, "Study Program"), (500, "Program Studi : Teknik Sipil / Civil Engineering")], *_FOOT)
    assert {k: v for k, v in _values(got).items() if k in _WANT} == _WANT


def _under_page() -> Page:
    """The English label in italics under the Indonesian (26 px lower than a line's 30 px), the value's twin
    beside it; the colon of the NIM lost."""
    rows = (("Nama :", "WA ODE SITI AMINAH", "Name", None), ("Nomor Induk Mahasiswa", "F1B03243", "Student Number", None),
            ("Tempat dan Tanggal Lahir :", "Kolaka, 5 Juni 1985", "Place and Date of Birth", "June 5, 1985"),
            ("Program Studi :", "Teknik Sipil", "Study Program", "Civil Engineering"))
    words = [w for i, text in enumerate(_HEAD) for w in line_words(text if isinstance(text, str) else text[0],
                                                                      100, 100 + 70 * i)]
    y = 100 + 70 * len(_HEAD)
    for label, value, english, twin in rows:
        words += line_words(label, 100, y) + line_words(value, 900, y)
        words += line_words(english, 100, y + 40, height=24) + (line_words(twin, 900, y + 40, height=24) if twin else [])
        y += 110
    for text in _FOOT:
        words += line_words(text if isinstance(text, str) else text[0], 100, y)
        y += 70
    return Page(1, None, tuple(words), "ocr")


def test_english_label_under_the_indonesian_is_no_value() -> None:
    extraction, _ = ocr.extract_pages([_under_page()])
    values = _values(extraction.fields)
    assert {k: v for k, v in values.items() if k in _WANT} == _WANT


def test_labels_only_in_english_are_labels_and_an_english_date_is_a_date() -> None:
    got = _read(*_HEAD, "Name : WA ODE SITI AMINAH", "Student Number : F1B03243",
                "Place and Date of Birth : Kolaka, June 5, 1985", "Study Program : Teknik Sipil", *_FOOT)
    assert {k: v for k, v in _values(got).items() if k in _WANT} == _WANT
    # The English date stands in for the Indonesian: read, but doubted.
    assert got["tanggal_lahir"].confidence < 0.9


def test_an_english_twin_that_disagrees_is_doubt() -> None:
    got = _read(*_HEAD, "Nama / Name : WA ODE SITI AMINAH",
                "Tempat dan Tanggal Lahir / Place and Date of Birth : Kolaka, 5 Juni 1985 / June 8, 1985", *_FOOT)
    assert got["tanggal_lahir"].value == "1985-06-05" and got["tanggal_lahir"].confidence < 0.9


@pytest.mark.parametrize("printed", ["June 5, 1985", "5th June 1985", "5 June 1985", "Jume 5, 1985", "5 Juni 1985"])
def test_dates_in_english_read_as_dates(printed: str) -> None:
    got = _read(*_HEAD, "Name : WA ODE SITI AMINAH", f"Place and Date of Birth : Kolaka, {printed}", *_FOOT)
    assert (got["tempat_lahir"].value, got["tanggal_lahir"].value) == ("KOLAKA", "1985-06-05")


@pytest.mark.parametrize("title", [[("IJAZAH / DIPLOMA", 90)], [("IJAZAH", 90), ("CERTIFICATE", 50)],
                                   [("IJAZAH / CERTIFICATE", 90)]])
def test_type_by_title_with_diploma_or_certificate_beside_it(title: list[tuple[str, int]]) -> None:
    page = lines_page("UNIVERSITAS HALU OLEO", *title, "Name : WA ODE SITI AMINAH")
    extraction, _ = ocr.extract_pages([page])
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_the_name_under_a_bilingual_opening_is_the_holder_not_the_translation() -> None:
    """No `Nama :`: the name stands under the opening and its English; the English sentence is no name."""
    got = _read(*_HEAD, ("WA ODE SITI AMINAH", 40), "Nomor Induk Mahasiswa / Student Number : F1B03243", *_FOOT)
    assert got["nama_lengkap"].value == "WA ODE SITI AMINAH"


def test_english_labels_are_evidence_of_an_ijazah_whose_title_is_lost() -> None:
    page = lines_page("UNIVERSITAS HALU OLEO", "Name : WA ODE SITI AMINAH", "Student Number : F1B03243",
                      "Study Program : Teknik Sipil")
    extraction, _ = ocr.extract_pages([page])
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_a_ministry_heading_is_no_department_label() -> None:
    """`Department` is no programme label: `DEPARTEMEN PENDIDIKAN NASIONAL` read like it had given a school's
    ijazah the programme `PENDIDIKAN NASIONAL` at 0.90."""
    got = _read("REPUBLIK INDONESIA", "DEPARTEMEN PENDIDIKAN NASIONAL", ("IJAZAH", 90), "SEKOLAH MENENGAH ATAS",
                "Kepala SMA NEGERI 4 KOLAKA menerangkan bahwa:", "1. Nama : WA ODE SITI AMINAH",
                "2. Tempat dan Tanggal Lahir : Kolaka, 5 Juni 1985", "Diberikan di Kolaka", "pada tanggal 14 Mei 2003")
    assert got["program_studi"].value is None


def test_an_unread_date_of_issue_is_read_from_its_english_twin_in_doubt() -> None:
    got = _read(*_HEAD, "Nama / Name : WA ODE SITI AMINAH",
                "Tempat dan Tanggal Lahir / Place and Date of Birth : Kolaka, 5 Juni 1985", *_FOOT[:4],
                "Kendari, $ Agustus 2O15", "Kendari, August 12, 2015", "Rektor,")
    assert got["tanggal_lulus"].value == "2015-08-12" and got["tanggal_lulus"].confidence < 0.9
