"""A label read with slips costs its value confidence; a label read as printed costs nothing."""

import core
import ocr
from ocr import Page, Word


def _page(*lines: str, confidence: float = 0.96) -> Page:
    words, y = [], 100
    for line in lines:
        x = 100
        for part in line.split():
            words.append(Word(part, confidence, (x, y, x + 16 * len(part), y + 30)))
            x += 16 * len(part) + 14
        y += 70
    return Page(1, None, tuple(words), "ocr")


def _religion(label: str) -> core.FieldValue:
    extraction, _ = ocr.extract_pages([_page("KUTIPAN AKTA NIKAH", "SUAMI", "Nama : LA ODE MUSA",
                                             f"{label} : Islam", "ISTRI", "Nama : WA ASRIA")])
    return extraction.fields["suami.agama"]


def test_a_label_read_with_a_slip_costs_its_value_confidence():
    printed, slipped = _religion("Agama"), _religion("Aqama")
    assert printed.value == slipped.value == "ISLAM"
    assert printed.confidence >= 0.9
    assert slipped.confidence < printed.confidence
    assert slipped.confidence < 0.9  # no longer in the band that stands without a look


def test_a_label_printed_with_other_spacing_and_punctuation_costs_nothing():
    extraction, _ = ocr.extract_pages([_page("KUTIPAN AKTA NIKAH", "Nomor : 0123/045/VII/2020",
                                             "Hari / Tanggal : Rabu, 8 Juli 2020", "SUAMI", "Nama : LA ODE")])
    married = extraction.fields["tanggal_nikah"]
    assert married.value == "2020-07-08"
    assert married.confidence >= 0.9
