"""`after_phrase` (ocr._sentences): what stands a column away from a phrase on its line (a seal or the frame read
as `nun` at 0.0) is not what the phrase introduces; the line under it is. Words in, fields out."""

import core
from tests.fixtures.words import fields_read


def test_a_speck_far_right_of_the_holder_s_phrase_is_not_the_holder():
    got = fields_read(("UNIVERSITAS HALU OLEO", 60), ("IJAZAH", 90),
                      [(700, "dengan ini menyatakan bahwa"), (2100, "nun")], ("La Ode Ruslan", 60), "NIM. 0785808",
                      "lahir di Makassar pada tanggal 16 November 1989", "Kendari, 1 Mei 2012",
                      expect=core.DocumentType.IJAZAH)
    assert got["nama_lengkap"].value == "LA ODE RUSLAN"
