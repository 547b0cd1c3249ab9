"""Value shapes of a party's fields (`ocr/_buku_nikah.py`): a citizenship is words of letters, a street
address begins with `JL.` however its `L` is misread. Built from words (no rendering)."""

from __future__ import annotations

import pytest

import core
from tests.fixtures.words import fields_read


@pytest.mark.parametrize(("citizenship", "address", "want"), [
    ("WNI", "JL. MUH. HATTA NO. 18", ("WNI", "JL. MUH. HATTA NO. 18")),
    # A cell's specks around the value (read `0.` and `0`), the street's `JL.` read `JU.`.
    ("0. WNI 0", "JU. MUH. HATTA NO. 18", ("WNI", "JL. MUH. HATTA NO. 18")),
    # Nothing but specks: no citizenship.
    ("0. 0", "JL. MUH. HATTA NO. 18", (None, "JL. MUH. HATTA NO. 18")),
])
def test_a_citizenship_is_letters_and_a_street_begins_with_jl(citizenship: str, address: str,
                                                             want: tuple[str | None, str]) -> None:
    fields = fields_read("KUTIPAN AKTA NIKAH", "Nomor : 0177/015/VII/2021", "SUAMI", "Nama : LA ODE RIDWAN",
                         f"Kewarganegaraan : {citizenship}", f"Alamat : {address}", "ISTRI", "Nama : SRI WAHYUNI",
                         expect=core.DocumentType.BUKU_NIKAH)
    assert (fields["suami.kewarganegaraan"].value, fields["suami.alamat"].value) == want
