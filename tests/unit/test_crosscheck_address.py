"""KK header addresses compared on their canonical form (crosscheck/_address.py): the abbreviations and
field names issuers print are the same address; another street, number or village never is."""

from __future__ import annotations

import dataclasses

import pytest

from core import ChangeType, DocumentType, Status
from crosscheck import decide
from tests.unit.test_crosscheck import FAMILY, SON, fv, ijazah, kk_extraction

_RECORD = {"alamat": "JL. PEMUDA NO. 12", "desa_kelurahan": "LALOMBAA", "kecamatan": "KOLAKA",
           "kabupaten_kota": "KOLAKA", "provinsi": "SULAWESI TENGGARA"}


def _findings(field: str, printed: str) -> tuple[list[str], Status]:
    family = dataclasses.replace(FAMILY, **_RECORD)  # type: ignore[arg-type]
    kk = kk_extraction(family)
    read = dataclasses.replace(kk, fields={**kk.fields, field: fv(printed)})
    decision = decide(change=ChangeType.PENDIDIKAN, requested={}, subject=SON, family=family,
                      extractions={DocumentType.KK: read, DocumentType.IJAZAH: ijazah()}, threshold=0.8)
    return [f.code for f in decision.findings], decision.status


@pytest.mark.parametrize(("field", "printed"), [
    ("alamat", "JLN. PEMUDA NO. 12"),
    ("alamat", "JALAN PEMUDA NOMOR 12"),
    ("alamat", "JL PEMUDA NO 12"),
    ("desa_kelurahan", "KEL. LALOMBAA"),
    ("desa_kelurahan", "DESA LALOMBAA"),
    ("desa_kelurahan", "DS. LALOMBAA"),
    ("kecamatan", "KEC. KOLAKA"),
    ("kabupaten_kota", "KAB. KOLAKA"),
    ("provinsi", "PROV. SULAWESI TENGGARA"),
])
def test_the_same_address_printed_with_abbreviations_or_its_field_name_is_the_same(field, printed):
    assert _findings(field, printed) == ([], Status.APPROVED)


@pytest.mark.parametrize(("field", "printed"), [
    ("alamat", "JL. PEMUDA NO. 21"),  # another house
    ("alamat", "JL. PEMUDA BARU NO. 12"),  # another street
    ("alamat", "JLN. PEMUDA NO. 21"),  # the abbreviation does not excuse another number
    ("alamat", "GANG PEMUDA NO. 12"),  # a gang is not a jalan
    ("desa_kelurahan", "KEL. LALOMBAA BARU"),
    ("desa_kelurahan", "KELURAHAN"),  # the label alone is no village
    ("kabupaten_kota", "KOTA KOLAKA"),  # a city is not the regency of the same name
    ("kecamatan", "KEC. LATAMBAGA"),
    ("alamat", "JL. PEMUDA, NO. 99"),  # what follows a comma is part of an address (a name drops titles there)
])
def test_another_address_is_still_a_mismatch(field, printed):
    assert _findings(field, printed) == (["ADDRESS_MISMATCH"], Status.NEEDS_REVIEW)


def test_one_slip_after_the_abbreviation_is_near_not_equal():
    # one letter is an OCR slip (shown, as before the canonical form); the abbreviation is no second one
    assert _findings("alamat", "JLN. PEMUDA NO, 12") == ([], Status.APPROVED)  # punctuation is no letter
    assert _findings("alamat", "IL. PEMUDA NO. 12") == (["ADDRESS_NEAR"], Status.APPROVED)
    assert _findings("alamat", "JLN. PEMUDA NO. I2") == (["ADDRESS_NEAR"], Status.APPROVED)


@pytest.mark.parametrize(("field", "printed", "code"), [
    # a digit replaced, dropped or added, read clearly, is another number: another address
    ("alamat", "JLN. PEMUDA NO. 13", "ADDRESS_MISMATCH"),
    ("alamat", "JL. PEMUDA NO. 1", "ADDRESS_MISMATCH"),
    ("alamat", "JL. PEMUDA NO. 112", "ADDRESS_MISMATCH"),
    ("alamat", "JL. PEMUDA NO. 1A", "ADDRESS_MISMATCH"),  # a digit against a letter it does not look like
    ("alamat", "JL. PEMUDA NO. 12A", "ADDRESS_MISMATCH"),  # a house number's own letter
    ("kode_pos", "93512", "ADDRESS_MISMATCH"),  # the postcode is compared too, digit for digit
    ("kode_pos", "9351", "ADDRESS_MISMATCH"),
    ("rt", "012", "ADDRESS_MISMATCH"),
    # a letter and the digit it looks like, either way round, is a slip of the reading
    ("alamat", "JL. PEMUDA NO. 1Z", "ADDRESS_NEAR"),
    ("kode_pos", "935I1", "ADDRESS_NEAR"),
    ("kode_pos", "9351I", "ADDRESS_NEAR"),
    ("desa_kelurahan", "LAL0MBAA", "ADDRESS_NEAR"),
    ("desa_kelurahan", "LAL8MBAA", "ADDRESS_MISMATCH"),  # `8` looks like `B`, not `O`
    ("kecamatan", "K0LAKA", "ADDRESS_NEAR"),
])
def test_a_digit_is_never_a_letters_slip(field, printed, code):
    status = Status.APPROVED if code == "ADDRESS_NEAR" else Status.NEEDS_REVIEW
    assert _findings(field, printed) == ([code], status)


def test_a_digit_read_unsure_is_not_held_against_the_applicant():
    family = dataclasses.replace(FAMILY, **_RECORD)  # type: ignore[arg-type]
    kk = kk_extraction(family)
    for field, printed in (("alamat", "JL. PEMUDA NO. 13"), ("kode_pos", "93512")):
        read = dataclasses.replace(kk, fields={**kk.fields, field: fv(printed, 0.6)})
        decision = decide(change=ChangeType.PENDIDIKAN, requested={}, subject=SON, family=family,
                          extractions={DocumentType.KK: read, DocumentType.IJAZAH: ijazah()}, threshold=0.8)
        assert decision.status == Status.APPROVED and not decision.findings, field
