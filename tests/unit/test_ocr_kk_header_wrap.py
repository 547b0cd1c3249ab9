"""KK header addresses read whole or not sure: a street line wrapped onto the next line under its value is
joined even when the first line holds a dash, and a label worded otherwise (`Alamat Rumah`) left in the
value never stands at or above 0.9."""

import core
import ocr
from ocr import Page
from tests.fixtures.words import line_words


def _header(alamat: str, wrapped: str | None, *, label: str = "Alamat") -> core.FieldValue:
    rows = [(0, [(100, "KARTU KELUARGA")]), (70, [(100, "No. 7401051203080042")]),
            (140, [(100, "Nama Kepala Keluarga : LA ODE MUHAMMAD"), (1100, "Desa/Kelurahan : LALOMBAA")]),
            (210, [(100, f"{label} : {alamat}"), (1100, "Kecamatan : KOLAKA")]),
            (300, [(100, "RT/RW : 002/003"), (1100, "Kabupaten/Kota : KOLAKA")]),
            (370, [(100, "Kode Pos : 93511"), (1100, "Provinsi : SULAWESI TENGGARA")])]
    words = [w for y, parts in rows for x, text in parts for w in line_words(text, x, 100 + y)]
    if wrapped is not None:  # under the value's first word, closer to it than to the next label
        first = next(w for w in words if w.text == alamat.split()[0])
        words += line_words(wrapped, first.x0, 100 + 250)
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")])
    assert extraction.document_type == core.DocumentType.KK
    return extraction.fields["alamat"]


def test_a_wrapped_address_is_joined():
    got = _header("JL. POROS KOLAKA UNAAHA KM. 12", "LORONG MAWAR NO. 7")
    assert got.value == "JL. POROS KOLAKA UNAAHA KM. 12 LORONG MAWAR NO. 7"


def test_a_wrapped_address_with_a_dash_is_joined_not_cut_at_its_first_line():
    got = _header("JL. POROS KOLAKA - UNAAHA KM. 12", "LORONG MAWAR NO. 7")
    assert got.value is not None and got.value.endswith("LORONG MAWAR NO. 7"), got
    assert "UNAAHA" in got.value


def test_a_dash_for_an_empty_wrapped_line_adds_nothing():
    assert _header("JL. PEMUDA NO. 12", "-").value == "JL. PEMUDA NO. 12"


def test_a_label_worded_otherwise_left_in_the_value_is_not_sure():
    got = _header("JL. PEMUDA NO. 12", None, label="Alamat Rumah")
    assert got.value is None or got.value == "JL. PEMUDA NO. 12" or got.confidence < 0.9, got
