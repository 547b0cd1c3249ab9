"""When is a KK's first reading of its member table complete and plausible enough to skip the closer second
reading (`ocr.in_doubt`, issue #14), and dates printed with the month's name in the member table.

No image is read here: the judgement is given readings built as values; the dates go through the public seam
`ocr.extract_pages` with pages built from words.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import core
import ocr
from ocr import Page
from tests.fixtures.words import put_words

_IMAGE = np.zeros((20, 20), dtype=np.uint8)
"""The judgement only weighs pages that have an image (a text layer is not read again)."""

_MEMBERS: list[dict[str, str | None]] = [
    {"nik": "7471012604635673", "nama_lengkap": "BASO ARIFIN", "jenis_kelamin": "LAKI-LAKI",
     "tempat_lahir": "KENDARI", "tanggal_lahir": "1963-04-26", "agama": "ISLAM", "status_perkawinan": "KAWIN",
     "tanggal_perkawinan": "1996-02-24", "status_hubungan": "KEPALA KELUARGA", "kewarganegaraan": "WNI",
     "nama_ayah": "AMIRUDDIN", "nama_ibu": "ANDI TENRI AJENG"},
    {"nik": "7471016901667790", "nama_lengkap": "SITTI MARWAH", "jenis_kelamin": "PEREMPUAN",
     "tempat_lahir": "KENDARI", "tanggal_lahir": "1966-01-29", "agama": "ISLAM", "status_perkawinan": "KAWIN",
     "tanggal_perkawinan": "1996-02-24", "status_hubungan": "ISTRI", "kewarganegaraan": "WNI",
     "nama_ayah": "BASO ARIFIN", "nama_ibu": "SITTI HAJRAH"},
    {"nik": "7471016005999887", "nama_lengkap": "NURHAEDAH", "jenis_kelamin": "PEREMPUAN",
     "tempat_lahir": "KENDARI", "tanggal_lahir": "1999-05-20", "agama": "ISLAM", "status_perkawinan": "BELUM KAWIN",
     "tanggal_perkawinan": None, "status_hubungan": "ANAK", "kewarganegaraan": "WNI",
     "nama_ayah": "BASO ARIFIN", "nama_ibu": "SITTI MARWAH"},
]


def _reading(members: list[dict[str, str | None]], *, issued: str = "2021-08-06") -> core.Extraction:
    sure = 0.95
    rows = tuple({f: core.FieldValue(v, sure if v else 0.0, 1) for f, v in m.items()} for m in members)
    fields = {"no_kk": core.FieldValue("7471012312052818", sure, 1),
              "tanggal_dikeluarkan": core.FieldValue(issued, sure, 1)}
    return core.Extraction(document_type=core.DocumentType.KK, pages=1, source="ocr", fields=fields, anggota=rows)


def _changed(**by_row: dict[str, str | None]) -> list[dict[str, str | None]]:
    return [{**m, **by_row.get(f"row{i}", {})} for i, m in enumerate(_MEMBERS)]


_PAGE = [Page(1, _IMAGE, tuple(w for m in _MEMBERS for w in put_words(str(m["nik"]), 100, 100)), "ocr", ())]


@pytest.mark.parametrize(("members", "issued", "doubted"), [
    (_MEMBERS, "2021-08-06", False),  # complete and plausible: the first reading stands
    # the parents' names lost in every row (a column of table 2 unread)
    (_changed(row0={"nama_ayah": None, "nama_ibu": None}, row1={"nama_ayah": None, "nama_ibu": None},
              row2={"nama_ayah": None, "nama_ibu": None}), "2021-08-06", True),
    # the couple's marriage date, a column of the other table, taken for both birth dates
    (_changed(row0={"tanggal_lahir": "1996-02-24", "tanggal_perkawinan": None},
              row1={"tanggal_lahir": "1996-02-24", "tanggal_perkawinan": None}), "2021-08-06", True),
    (_changed(row2={"tanggal_lahir": "1799-05-20"}), "2021-08-06", True),  # a year no member has
    (_MEMBERS, "1998-01-05", True),  # a member born after the card was issued
    (_changed(row1={"tanggal_lahir": "1997-01-29"}), "2021-08-06", True),  # born after her own marriage
    (_changed(row2={"tanggal_perkawinan": None}), "2021-08-06", False),  # blank for the unmarried: no doubt
])
def test_a_first_reading_is_read_again_when_incomplete_or_implausible(members, issued, doubted):
    assert ocr.in_doubt(_reading(members, issued=issued), _PAGE) is doubted


_XS = (0, 100, 600, 1000, 1300, 1600, 1900, 2200)
_HEADERS = ("No", "Nama Lengkap", "NIK", "Tempat Lahir", "Tgl. Lahir", "Agama", "Tgl. Kawin")


def test_dates_printed_with_the_months_name_are_read_whole_beside_their_place_and_neighbour():
    # `Tempat Lahir` and `Tgl. Lahir` found as one birth cell (`Cilacap 21 Okt. 1962`): the month's name is
    # the date's, not the place's; the day of `26 Mei. 1988` stands at the end of the column left of its own.
    rows = [("1", "LA ODE HASRUDDIN", "3301012110625634", "Cilacap", "21 Okt. 1962", "Islam 26", "Mei. 1988"),
            ("2", "WA ODE SITI", "3301016505700002", "Kolaka", "25 Mei 1970", "Islam 26", "Mei. 1988")]
    words = put_words("KARTU KELUARGA", 700, 40) + put_words("No. 7401052301150001", 640, 100)
    for (x0, _), title in zip(itertools.pairwise(_XS), _HEADERS, strict=True):
        words += put_words(title, x0 + 10, 315)
    for r, row in enumerate(rows):
        words += [w for x0, value in zip(_XS, row, strict=False) for w in put_words(value, x0 + 10, 354 + 50 * r)]
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr", ())], declared_type=core.DocumentType.KK)
    got = [(m["tempat_lahir"].value, m["tanggal_lahir"].value, m["agama"].value, m["tanggal_perkawinan"].value)
           for m in extraction.anggota]
    assert got == [("CILACAP", "1962-10-21", "ISLAM", "1988-05-26"), ("KOLAKA", "1970-05-25", "ISLAM", "1988-05-26")]
