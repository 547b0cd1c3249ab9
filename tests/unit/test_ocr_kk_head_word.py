"""A member-table header known by its head word (issue #14): headers are worded head first (`NAMA AYAH`,
`TANGGAL LAHIR`), so `NAMA ANGGOTA KELUARGA` is a name column (labelled `Nama` alone in `[kk.fields]`), not
`HUBUNGAN KELUARGA` for the word it shares with it; a column of the table without NIKs known by its head
word alone (`NAMA ATAN KANJUNY`, `AYAH KANDUNG` misread) holds a parent's name, not the member's.

Pages are built from words through the public seam `ocr.extract_pages`: no image, no Tesseract.
"""

from __future__ import annotations

import pytest

import core
import ocr
from ocr import Grid, Page
from tests.fixtures.words import put_words

MEMBERS = [("1", "LA ODE MUHAMMAD ALI", "7371010704677551", "MAKASSAR", "ISLAM"),
           ("2", "WA ODE ASMAWATI", "1271015207708651", "MEDAN", "ISLAM")]
PARENTS = [("1", "KAWIN TERCATAT", "LA ODE SAFIUDDIN", "WA ODE SITI AMINAH"),
           ("2", "KAWIN TERCATAT", "LA ODE RAHMAN", "WA RAHMA")]


def _page(name_header: str) -> Page:
    words = put_words("KARTU KELUARGA", 800, 20, centre=True) + put_words("No. KK : 7402011909052703", 800, 60,
                                                                          centre=True)
    xs1 = (40, 200, 600, 1000, 1250, 1450)
    for x, title in zip(xs1, ("NO URUT", name_header, "NOMOR INDUK KEPENDUDUKAN", "TEMPAT LAHIR", "AGAMA"),
                        strict=False):
        words += put_words(title, x + 10, 150)
    for r, member in enumerate(MEMBERS, start=1):
        words += [w for x, value in zip(xs1, member, strict=False) for w in put_words(value, x + 10, 150 + 50 * r)]
    xs2 = (40, 200, 500, 900, 1300)
    for x, title in zip(xs2, ("NO URUT", "STATUS PERKAWINAN", "NAMA ATAN KANJUNY", "NAMA IBU KANDUNG"), strict=False):
        words += put_words(title, x + 10, 400)
    for r, row in enumerate(PARENTS, start=1):
        words += [w for x, value in zip(xs2, row, strict=False) for w in put_words(value, x + 10, 400 + 50 * r)]
    grids = (Grid(xs1, (140, 185, 235, 285)), Grid(xs2, (390, 435, 485, 535)))
    return Page(1, None, tuple(words), "ocr", grids)


@pytest.mark.parametrize("name_header", ["NAMA ANGGOTA KELUARGA", "wa NAMA ANGGOTA KELUARGA"])
def test_a_name_header_worded_otherwise_is_known_by_its_head_word(name_header):
    # Before: `NAMA ANGGOTA KELUARGA` matched `HUBUNGAN KELUARGA` (difflib 0.6) and no member's name was read;
    # `wa` is a speck read before the header.
    extraction, _ = ocr.extract_pages([_page(name_header)], declared_type=core.DocumentType.KK)
    assert [row["nama_lengkap"].value for row in extraction.anggota] == [m[1] for m in MEMBERS]
    assert [row["nik"].value for row in extraction.anggota] == [m[2] for m in MEMBERS]
    # the parents' table: its misread `NAMA AYAH KANDUNG` names no member; the mother's column is read
    assert [row["nama_ibu"].value for row in extraction.anggota] == [p[3] for p in PARENTS]
    assert [row["status_hubungan"].value for row in extraction.anggota] == [None, None]
