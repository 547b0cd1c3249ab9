"""Printed text -> canonical values (documents.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocr import normalize as norm


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("12-03-1980", "1980-03-12"),
        ("12/03/1980", "1980-03-12"),
        ("12 Maret 2002", "2002-03-12"),
        ("Senin, 20 Juni 2005", "2005-06-20"),
        ("1 AGUSTUS 1999", "1999-08-01"),
        ("12 Marct 2002", "2002-03-12"),  # one OCR slip in the month
        ("2O-09-1965", "1965-09-20"),  # letter O for zero inside a number
        ("31-02-1990", None),  # not a date
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_date(printed, iso):
    assert norm.date(printed) == iso


def test_place_and_date():
    assert norm.place_and_date("KOLAKA, 12 Maret 2002") == ("KOLAKA", "2002-03-12")
    assert norm.place_and_date("Tana Toraja , 1 Januari 1990") == ("TANA TORAJA", "1990-01-01")
    assert norm.place_and_date("-") == (None, None)


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("wa ode  siti aminah", "WA ODE SITI AMINAH"),
        (": LA ODE RAHMAN.", "LA ODE RAHMAN"),
        ("Drs. H. ABDUL RAHIM, M.Si", "DRS. H. ABDUL RAHIM, M.SI"),
        ("-", None),
    ],
)
def test_name(printed, canonical):
    assert norm.name(printed) == canonical


@pytest.mark.parametrize(
    ("kind", "printed", "canonical"),
    [
        ("status_perkawinan", "KAWIN", "KAWIN TERCATAT"),
        ("status_perkawinan", "BELUM  KAWIN", "BELUM KAWIN"),
        ("agama", "Katolik", "KATHOLIK"),
        ("pendidikan", "SLTA/SEDERAJAT", "SLTA/SEDERAJAT"),
        ("pendidikan", "SLTA/SEDERAJAI", "SLTA/SEDERAJAT"),  # close OCR misread
        ("jenis_pekerjaan", "BELUM/TIDAK BEKERJA”", "BELUM/TIDAK BEKERJA"),
        ("status_hubungan", "KEPALA KELUARGA", "KEPALA KELUARGA"),
        ("golongan_darah", "ke)", None),
        ("agama", "-", None),
    ],
)
def test_vocabulary(kind, printed, canonical):
    assert norm.vocabulary(kind, printed) == canonical


@pytest.mark.parametrize(
    ("printed", "nik"),
    [
        ("7401054506850002", "7401054506850002"),
        ("74010545O685OOO2", "7401054506850002"),
        ("7401 0545 0685 0002", "7401054506850002"),
        ("74O1O545O6B5OOO2", "7401054506850002"),  # mended, and the result is a valid NIK
        ("74O1S4B5I6850002", None),  # mended digits that make no valid NIK (day 85) are not taken
        ("740105450685000", None),  # 15 digits
        ("196506141991101004", None),  # an 18-digit NIP is never a NIK
        ("74010545X6850002", None),  # X is not a known confusion
        ("LAKI-LAKI", None),
    ],
)
def test_nik(printed, nik):
    assert norm.nik(printed) == nik


def test_digits_fix_only_when_the_length_is_right():
    assert norm.digits("93S61", length=5) == "93561"
    assert norm.digits("93S61", length=6) is None


def test_rt_rw_are_zero_padded():
    assert norm.rt_rw("4/3") == ("004", "003")
    assert norm.rt_rw("004/003") == ("004", "003")
    assert norm.rt_rw("-") == (None, None)


def test_code_and_jenjang():
    assert norm.code("DN-74/M-SMA/13/ 0012345") == "DN-74/M-SMA/13/0012345"
    assert norm.jenjang("s1") == "S1"
    assert norm.jenjang("SMA") == "SMA"
    assert norm.jenjang("SMANEGERI") is None


@given(st.text(alphabet="ABIO01 /-", max_size=12), st.text(alphabet="ABIO01 /-", max_size=12), st.integers(0, 4))
def test_a_limited_edit_distance_is_exact_up_to_its_limit(a, b, limit):
    assert norm.edit_distance(a, b, limit=limit) == min(norm.edit_distance(a, b), limit + 1)


@pytest.mark.parametrize(("printed", "expected"), [
    ("009/001", ("009", "001")), ("0091001", ("009", "001")), ("009|001", ("009", "001")),
    ("12/3", ("012", "003")), ("1234567", (None, None)), ("0091", (None, None)),
])
def test_rt_rw_survives_a_slash_read_as_a_stroke(printed, expected):
    assert norm.rt_rw(printed) == expected


@pytest.mark.parametrize(("kind", "printed", "expected"), [
    ("jenis_kelamin", "LAKI - LAKI", "LAKI-LAKI"),
    ("jenis_pekerjaan", "NELAYAN/ PERIKANAN", "NELAYAN/PERIKANAN"),
    ("pendidikan", "SLTA /SEDERAJAT", "SLTA/SEDERAJAT"),
])
def test_spaces_around_a_hyphen_or_slash_are_not_part_of_a_vocabulary_value(kind, printed, expected):
    assert norm.vocabulary_graded(kind, printed) == norm.Graded(expected, 1.0)


@pytest.mark.parametrize("printed", ["KOLAKA /", "KOLAKA,", "KOLAKA -", "KOLAKA / 12-03-1990", "KOLAKA, 12 Maret 1990"])
def test_a_place_of_birth_loses_what_separated_it_from_the_date(printed):
    assert norm.place_and_date(printed)[0] == "KOLAKA"
