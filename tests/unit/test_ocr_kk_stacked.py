"""KK member tables whose rows hold two stacked lines (issue #14, item 3), on pages built from words: a member
is the band around one row number and one NIK, its values known by their header's slot and by what they are."""

from __future__ import annotations

import pytest

import ocr
from ocr import Page, Word
from ocr.confidence import SURE
from tests.fixtures.words import put_words

MEMBERS = (  # name, NIK, sex as printed, canonical sex, birth cell, ISO birth date, agama, pendidikan
    ("ANDI MAPPANYUKKI", "7403182107610671", "LK", "LAKI-LAKI", "RAHA, 21-07-1961", "1961-07-21", "ISLAM",
     "DIPLOMA IV/STRATA I"),
    ("SITTI HAJRAH", "7403186202652170", "PR", "PEREMPUAN", "KOLAKA, 22-02-1965", "1965-02-22", "ISLAM",
     "TAMAT SD/SEDERAJAT"),
    ("LA TENRI", "7403181008863675", "L", "LAKI-LAKI", "RAHA, 10-08-1986", "1986-08-10", "KRISTEN",
     "SLTA/SEDERAJAT"),
)
_PITCH, _FIRST = 100, 400


PARENTS = (("LA ODE MUSTARI", "WA ODE SALMA"), ("LA BAKRI", "WA NURU"), ("ANDI MAPPANYUKKI", "SITTI HAJRAH"))
"""Each member's father and mother."""


def _page(*, name_first: bool, numbered_headers: bool, drop_nik: int | None = None,
          mother_first: bool | None = None, row_numbers: bool = True, gap: int = 40, skip_first: bool = False) -> Page:
    """A KK whose member table stacks name and NIK, and agama over pendidikan, in one row a member; with
    `mother_first` not None, a column of the parents' names stacked too (the mother's on top if True); `gap`
    between a row's two lines (the rows' pitch is 100)."""
    words: list[Word] = [*put_words("KARTU KELUARGA", 400, 60, height=40),
                         *put_words("Nama Kepala Keluarga : ANDI MAPPANYUKKI", 100, 150)]
    top, bottom = ("Nama Lengkap", "NIK") if name_first else ("NIK", "Nama Lengkap")
    headers = [(100, "No", None), (160, top, bottom), (520, "JK", None), (620, "Tempat, Tgl Lahir", None),
               (1000, "Agama", "Pendidikan")]
    if mother_first is not None:
        headers.append((1400, "Nama Ibu", "Nama Ayah") if mother_first else (1400, "Nama Ayah", "Nama Ibu"))
    number = 1
    for x, upper, lower in headers:
        labels = [upper] if lower is None else [upper, lower]
        if numbered_headers:
            labels = [f"({number + k})" for k in range(len(labels))]
        number += len(labels)
        for k, label in enumerate(labels):
            words += put_words(label, x, 300 + (15 if len(labels) == 1 else 30 * k))
    for i, (name, nik, sex, _, born, _, agama, pendidikan) in enumerate(MEMBERS):
        if skip_first and i == 0:
            continue  # the first member's band lost whole (NIK and number unread)
        y = _FIRST + i * _PITCH
        upper, lower = (name, nik) if name_first else (nik, name)
        words += put_words(sex, 520, y + gap // 2) + put_words(born, 620, y + gap // 2)
        if row_numbers:
            words += put_words(str(i + 1), 100, y + gap // 2)
        for text, at in ((upper, y), (lower, y + gap)):
            if not (text == nik and drop_nik == i):
                words += put_words(text, 160, at)
        words += put_words(agama, 1000, y) + put_words(pendidikan, 1000, y + gap)
        if mother_first is not None:
            father, mother = PARENTS[i]
            upper, lower = (mother, father) if mother_first else (father, mother)
            words += put_words(upper, 1400, y) + put_words(lower, 1400, y + gap)
    return Page(1, None, tuple(words), "text_layer")


@pytest.mark.parametrize(("name_first", "numbered_headers"), [(False, False), (True, True)])
def test_each_member_is_one_band_of_two_lines_whatever_way_up(name_first, numbered_headers):
    extraction, _ = ocr.extract_pages([_page(name_first=name_first, numbered_headers=numbered_headers)])
    rows = extraction.anggota
    assert len(rows) == len(MEMBERS)  # never one row of joined names, never two rows a member
    for row, (name, nik, _, sex, _, born, agama, pendidikan) in zip(rows, MEMBERS, strict=True):
        assert row["nama_lengkap"].value == name and row["nik"].value == nik
        assert (row["jenis_kelamin"].value, row["tanggal_lahir"].value) == (sex, born)  # `LK`, `PR`, `L`
        assert (row["agama"].value, row["pendidikan"].value) == (agama, pendidikan)
    assert [row["tempat_lahir"].value for row in rows] == ["RAHA", "KOLAKA", "RAHA"]


def test_a_band_whose_nik_went_unread_is_a_row_in_doubt_and_the_next_member_keeps_its_own():
    extraction, _ = ocr.extract_pages([_page(name_first=False, numbered_headers=False, drop_nik=1)])
    rows = extraction.anggota
    assert len(rows) == len(MEMBERS)
    assert rows[1]["nik"].value is None and rows[1]["nama_lengkap"].value == "SITTI HAJRAH"
    assert all(v.confidence < SURE for v in rows[1].values())
    assert (rows[2]["nama_lengkap"].value, rows[2]["nik"].value) == ("LA TENRI", MEMBERS[2][1])


@pytest.mark.parametrize("mother_first", [False, True])
def test_stacked_parents_are_read_by_their_header_whichever_way_up(mother_first):
    extraction, _ = ocr.extract_pages([_page(name_first=True, numbered_headers=False, mother_first=mother_first)])
    read = [(row["nama_ayah"].value, row["nama_ibu"].value) for row in extraction.anggota]
    assert read == list(PARENTS)
    assert all(row["nama_ayah"].confidence >= SURE for row in extraction.anggota)


@pytest.mark.parametrize("mother_first", [False, True])
def test_two_names_stacked_under_numbers_alone_are_never_sure_of_which_parent(mother_first):
    """Only the print's convention says which line is the father's, and prints stack them either way up."""
    extraction, _ = ocr.extract_pages([_page(name_first=True, numbered_headers=True, mother_first=mother_first)])
    rows = extraction.anggota
    assert len(rows) == len(MEMBERS) and [row["nik"].value for row in rows] == [m[1] for m in MEMBERS]
    parents = {frozenset((row["nama_ayah"].value, row["nama_ibu"].value)) for row in rows}
    assert parents == {frozenset(p) for p in PARENTS}  # both read, each on its member's row
    assert all(row[f].confidence < SURE for row in rows for f in ("nama_ayah", "nama_ibu"))
    assert all(row["nik"].confidence >= SURE for row in rows)  # the rest of the row is not in doubt for it


@pytest.mark.parametrize(("gap", "sure"), [(50, False), (35, True)])
def test_lines_evenly_spaced_with_no_row_number_read_leave_each_members_values_in_doubt(gap, sure):
    """Name, NIK, name, NIK ... at one spacing and no number read: only the last member says whether a name
    is the NIK's above or below it, so no value but the NIK is sure; a row's lines closer together than
    the rows say it themselves."""
    extraction, _ = ocr.extract_pages([_page(name_first=True, numbered_headers=False, row_numbers=False, gap=gap)])
    rows = extraction.anggota
    assert [(row["nama_lengkap"].value, row["nik"].value) for row in rows] == [(m[0], m[1]) for m in MEMBERS]
    assert all(row["nik"].confidence >= SURE for row in rows)
    assert all((row["nama_lengkap"].confidence >= SURE) is sure for row in rows)


def test_a_table_whose_first_band_is_numbered_2_lost_a_member_and_none_of_its_rows_is_sure():
    """The first member's band unread: the second member's row is first; its number says so. (Only a birth
    date and sex its own NIK agrees with stay sure: one person's, whichever row they sit in.)"""
    rows = ocr.extract_pages([_page(name_first=True, numbered_headers=False, skip_first=True)])[0].anggota
    assert [row["nik"].value for row in rows] == [m[1] for m in MEMBERS[1:]]
    assert all(v.confidence < SURE for row in rows for f, v in row.items()
               if f not in ("tanggal_lahir", "jenis_kelamin"))
