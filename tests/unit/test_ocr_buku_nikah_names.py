"""The parties' names printed without a label (`ocr/_buku_nikah_names.py`): a marriage card's front prints
both names side by side under the photos, its back a SUAMI | ISTRI table with no `Nama` row. Built from words
(no rendering)."""

from __future__ import annotations

import pytest

import core
from ocr.confidence import SURE
from tests.fixtures.words import Column, fields_read

_NIKS = ("7404012205985630", "7404056007027233")


def _card(names: list[Column] | None, *, name_row: bool = False) -> list[str | tuple[str, int] | list[Column]]:
    out: list[str | tuple[str, int] | list[Column]] = [
        "KEMENTERIAN AGAMA REPUBLIK INDONESIA", ("KARTU NIKAH", 40), [(1400, "No. Akta Nikah")],
        [(1400, "7404057082023485")], [(1400, "Tgl. Nikah")], [(1400, "02-08-2023")]]
    if names is not None:
        out.append(names)
    out += ["DATA PASANGAN", [(600, "SUAMI"), (1300, "ISTRI")]]
    if name_row:
        out.append([(100, "Nama"), (500, "ANDI SYAHRIR"), (1200, "SRI WAHYUNI")])
    out += [[(100, "NIK"), (500, _NIKS[0]), (1200, _NIKS[1])],
            [(100, "Agama"), (500, "ISLAM"), (1200, "ISLAM")],
            [(100, "Pekerjaan"), (500, "KARYAWAN SWASTA"), (1200, "PELAJAR/MAHASISWA")]]
    return out


@pytest.mark.parametrize(("names", "name_row", "want"), [
    # Under the photos, close together: the gap between the names is wider than any inside one.
    ([(100, "LA ODE ZAINAL ABIDIN"), (470, "WA ODE MUSDALIFAH")], False, ("LA ODE ZAINAL ABIDIN", "WA ODE MUSDALIFAH")),
    ([(300, "DEDE KURNIA"), (900, "NENG ROSMIATI")], False, ("DEDE KURNIA", "NENG ROSMIATI")),
    # A row of the table names them: that row's values, not the line above.
    ([(300, "DEDE KURNIA"), (900, "NENG ROSMIATI")], True, ("ANDI SYAHRIR", "SRI WAHYUNI")),
    # No line of two names: none (the card's `DATA PASANGAN`, two religions, two like words are none).
    (None, False, (None, None)),
    ([(300, "ISLAM"), (900, "ISLAM")], False, (None, None)),
    # Words of one name as far apart as the two names: where one ends is a guess.
    ([(300, "DEDE"), (500, "KURNIA"), (700, "NENG")], False, (None, None)),
])
def test_a_cards_names_side_by_side_are_the_parties_in_the_headings_order(
        names: list[Column] | None, name_row: bool, want: tuple[str | None, str | None]) -> None:
    fields = fields_read(*_card(names, name_row=name_row), expect=core.DocumentType.BUKU_NIKAH)
    assert (fields["suami.nama_lengkap"].value, fields["istri.nama_lengkap"].value) == want
    assert (fields["suami.nik"].value, fields["istri.nik"].value) == _NIKS
    if want[0] is not None and not name_row:
        # Found without a label: never sure on their own.
        assert max(fields[f"{role}.nama_lengkap"].confidence or 0 for role in ("suami", "istri")) < SURE


@pytest.mark.parametrize(("printed", "name"), [
    ("BASO ARIFIN, Saudara Kandung", "BASO ARIFIN"),
    ("SUGENG RIYADI, Wali Hakim", "SUGENG RIYADI"),
    ("UJANG SOPANDI (AYAH KANDUNG)", "UJANG SOPANDI"),
    # After a comma, what is no kinship stays (a title is part of how the name is printed).
    ("H. MUHAMMAD SALEH, S.Ag.", "H. MUHAMMAD SALEH, S.AG"),
])
def test_the_walis_kinship_after_the_name_is_no_part_of_it(printed: str, name: str) -> None:
    fields = fields_read("KUTIPAN AKTA NIKAH", "Nomor : 0177/015/VII/2021", "SUAMI", "Nama : LA ODE RIDWAN",
                         "ISTRI", "Nama : SRI WAHYUNI", "WALI NIKAH", f"Nama : {printed}",
                         expect=core.DocumentType.BUKU_NIKAH)
    assert fields["wali.nama_lengkap"].value == name


@pytest.mark.parametrize(("sentence", "sure"), [
    # 9 April 2021 was a Friday: the sentence checks its own date.
    ("Pada hari Jum'at tanggal 09/04/2021 telah dilangsungkan akad nikah antara:", True),
    # A weekday the date does not fall on: where the sentence went wrong, it does not say.
    ("Pada hari Senin tanggal 09/04/2021 telah dilangsungkan akad nikah antara:", False),
])
def test_a_marriage_date_in_a_sentence_is_sure_when_the_sentence_names_its_weekday(sentence: str, sure: bool) -> None:
    fields = fields_read("KUTIPAN AKTA NIKAH", "Nomor : 0699/011/IV/2021", sentence, "SUAMI",
                         "Nama : MUHAMMAD ASRUL", "ISTRI", "Nama : ANDI TENRI AJENG", expect=core.DocumentType.BUKU_NIKAH)
    date = fields["tanggal_nikah"]
    assert date.value == "2021-04-09"
    assert (date.confidence >= SURE) == sure
