"""A KK address whose `JL.` was read `IL.` (a J's hook lost on a photocopy, kk-2020 seed 11: `IL. SAOSAO NO.
69` at 0.93) is mended, out of the 0.9 band; no address begins with `IL`. Pages built from words, no image."""

import pytest

import core
import ocr
from ocr import Page, Word
from ocr.confidence import SURE
from tests.fixtures.words import line_words


def _alamat(printed: str) -> core.FieldValue:
    words = line_words("KARTU KELUARGA", 100, 100) + line_words("No. 7401011801057350", 100, 160)
    for y, (label, value) in enumerate((("Nama Kepala Keluarga", "LA ODE RAHIM"), ("Alamat", printed),
                                        ("Kecamatan", "KOLAKA")), start=4):
        words += [*line_words(label, 100, 60 * y), Word(":", 0.96, (600, 60 * y, 606, 60 * y + 30)),
                  *line_words(value, 630, 60 * y)]
    extraction, _ = ocr.extract_pages([Page(1, None, tuple(words), "ocr")], declared_type=core.DocumentType.KK)
    return extraction.fields["alamat"]


@pytest.mark.parametrize(("printed", "read", "sure"), [
    ("IL. SAOSAO NO. 69", "JL. SAOSAO NO. 69", False), ("IL, PEMUDA NO. 30", "JL. PEMUDA NO. 30", False),
    ("JL. SAOSAO NO. 69", "JL. SAOSAO NO. 69", True), ("ILIR BARAT NO. 2", "ILIR BARAT NO. 2", True)])
def test_a_street_read_il_is_mended_and_not_sure(printed, read, sure):
    alamat = _alamat(printed)
    assert (alamat.value, alamat.confidence >= SURE) == (read, sure)
