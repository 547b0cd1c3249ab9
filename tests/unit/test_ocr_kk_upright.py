"""A KK whose column headers are set upright in narrow columns over several ruled rows (Tesseract reads them
as specks), its column numbers printed bare (`1 2 3 …`), its No. KK in a comb of boxes, its header values
led by dotted leaders read as letters (issue #14, session 15): table structure and value shapes, not a
layout's wording.

Pages built from words through the public seam `ocr.extract_pages`; the comb is drawn and read by Tesseract.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import core
import ocr
from ocr import Grid, Page, Word
from tests.fixtures.words import put_words

NO_KK = "7471042703053543"
XS = (100, 160, 480, 760, 820, 1020, 1220, 1340)
YS = (300, 340, 380, 420, 450, 490, 530)
MEMBERS = [("1.", "LA ODE RUSLAN", "7371011611897651", "L", "MAKASSAR", "16/11/1989", "ISLAM"),
           ("2.", "WA ODE FATIMAH", "7471044812932740", "P", "KENDARI", "08/12/1993", "ISLAM")]
HEADER_ROWS = [  # what the upright headers of columns 3, 5 and 6 are read as, row by row of the ruled header
    ["No.", "Nama Lengkap", "NIK", "z", "Tempat Lahir", "£", "c"],
    ["", "", "", "2", "", "(6)", "ki"],
    ["", "", "", "5", "", "", "8 A"],
]


def _cells(texts: list[str], top: int) -> list[Word]:
    out: list[Word] = []
    for x0, text in zip(XS, texts, strict=False):
        if text:
            out += put_words(text, x0 + 8, top + 10)
    return out


def _page(*, comb_word: str = NO_KK, image: np.ndarray | None = None) -> Page:
    words = [*put_words("KARTU KELUARGA", 300, 20), Word("NO.", 0.95, (900, 20, 942, 40)), Word(comb_word, 0.0, COMB)]
    words += put_words("Nama Kepala Keluarga", 100, 80) + put_words(": LA ODE RUSLAN", 420, 80)
    words += put_words("Alamat", 100, 120) + put_words(": JL. DAYANU NO. 54", 420, 120)
    words += [Word("Kecamatan........", 0.9, (750, 120, 990, 140)), *put_words(": KADIA", 1000, 120)]
    words += put_words("RT/RW", 100, 160) + put_words("eno : 006/001", 420, 160)
    for i, texts in enumerate(HEADER_ROWS):
        words += _cells(texts, YS[i])
    words += _cells([str(n) for n in range(1, 8)], YS[3])
    for member, top in zip(MEMBERS, YS[4:], strict=False):
        words += _cells(list(member), top)
    words += put_words("Dikeluarkan di : KOTA KENDARI", 100, 600) + put_words("Pada tanggal : 04/11/2022 . XX)", 100, 640)
    return Page(1, image, tuple(words), "ocr", (Grid(XS, YS),))


COMB = (960, 10, 1600, 50)
"""The comb's box: 16 boxes of 40 px, from x=960, y=10 to 50."""


def _comb_image() -> np.ndarray:
    """A white page with the No. KK printed in a comb of 16 ruled boxes, a digit in each."""
    image = Image.new("L", (1700, 720), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSerif.ttf", 26)
    x0, y0, x1, y1 = COMB
    draw.rectangle((x0, y0, x1, y1), outline=0, width=2)
    for i, digit in enumerate(NO_KK):
        left = x0 + 40 * i
        draw.line((left, y0, left, y1), fill=0, width=2)
        draw.text((left + 12, y0 + 5), digit, fill=0, font=font)
    return np.asarray(image, dtype=np.uint8).copy()


@functools.cache
def _read() -> core.Extraction:
    extraction, _ = ocr.extract_pages([_page()], declared_type=core.DocumentType.KK)
    return extraction


@pytest.mark.parametrize("field", ["jenis_kelamin", "tanggal_lahir", "agama", "nik", "tempat_lahir"])
def test_columns_under_upright_headers_are_known_by_their_values(field: str) -> None:
    expected = {"jenis_kelamin": ("LAKI-LAKI", "PEREMPUAN"), "tanggal_lahir": ("1989-11-16", "1993-12-08"),
                "agama": ("ISLAM", "ISLAM"), "nik": (MEMBERS[0][2], MEMBERS[1][2]),
                "tempat_lahir": ("MAKASSAR", "KENDARI")}[field]
    rows = _read().anggota
    assert len(rows) == 2  # the header's rows of specks and the column numbers are no members
    assert tuple(row[field].value for row in rows) == expected
    assert rows[0]["golongan_darah"].value is None  # the `A` of the header's specks is no member's blood group


def test_header_values_led_by_dotted_leaders_and_noise() -> None:
    fields = _read().fields
    assert fields["alamat"].value == "JL. DAYANU NO. 54"  # not `… Kecamatan........ : KADIA`
    assert fields["kecamatan"].value == "KADIA"
    assert (fields["rt"].value, fields["rw"].value) == ("006", "001")  # the leader read as `eno`
    assert fields["tanggal_dikeluarkan"].value == "2022-11-04"  # `Pada tanggal`, a stamp's specks after it


def test_a_no_kk_printed_in_a_comb_is_read_again_without_its_rules() -> None:
    page = _page(comb_word="7141711101412171013lo|5131514I3|", image=_comb_image())
    extraction, _ = ocr.extract_pages([page], declared_type=core.DocumentType.KK)
    assert extraction.fields["no_kk"].value == NO_KK
    assert extraction.fields["no_kk"].confidence >= 0.5  # with its rules, Tesseract is not sure of it at all (0.0)
