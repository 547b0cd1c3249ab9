"""A KK street line that holds RT/RW or another header field was not split by its labels: it never stands
at or above 0.9 (ocr.confidence.understood, the shape check), so the cross-check does not hold a
misread address against the applicant; a buku nikah's spouse's address, which prints them, is untouched."""

import pytest

import core
from ocr.confidence import SURE, understood


def _kk(alamat: str) -> core.FieldValue:
    fields = {"alamat": core.FieldValue(alamat, 0.95, 1, (0, 0, 10, 10)),
              "kecamatan": core.FieldValue("KOLAKA", 0.95, 1, (0, 20, 10, 30))}
    return understood("kk", fields, [])[0]["alamat"]


@pytest.mark.parametrize("alamat", [
    "JL. PEMUDA NO. 12 RT 002 RW 003",
    "JL. PEMUDA NO. 12 RT.002/RW.003",
    "JL. PEMUDA NO. 12 KEL. LALOMBAA",
    "JL. PEMUDA NO. 12 KELURAHAN LALOMBAA",
    "JL. PEMUDA NO. 12 KECAMATAN KOLAKA",
    "JL. PEMUDA NO. 12 KODE POS 93511",
    "JL. MUH. HATTA NO. SI",  # k_c4 0068 scan: `51` read as letters, at 0.85 (an ADDRESS_MISMATCH)
])
def test_a_street_line_with_another_header_field_glued_on_is_not_sure(alamat):
    assert _kk(alamat).confidence < SURE


@pytest.mark.parametrize("alamat", ["JL. PEMUDA NO. 12", "JL. DR. SUTOMO NO. 7", "JL. KONGGOASA NO. 120",
                                    "JL. PORTAL NO. 3", "JL. KELAPA NO. 3",
                                    "JL. PEMUDA NO. 12A", "JL. NOKO NO. 7"])
def test_a_street_line_alone_keeps_its_confidence(alamat):
    assert _kk(alamat).confidence == 0.95


def test_a_spouses_address_on_a_buku_nikah_may_print_rt_rw():
    fields = {"suami.alamat": core.FieldValue("JL. PEMUDA NO. 12 RT 002 RW 003 KEL. LALOMBAA", 0.95, 1, (0, 0, 10, 10))}
    assert understood("buku_nikah", fields, [])[0]["suami.alamat"].confidence == 0.95
