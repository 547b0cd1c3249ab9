"""A name read without a space its pixels show (`WA ASRIA` read `WAASRIA`) is kept out of the sure band."""

import cv2
import numpy as np
import pytest

import core
import ocr
from ocr import Page, Word


def _ijazah(printed: str, read_as: list[str]) -> core.FieldValue:
    """An ijazah page whose name is printed as `printed` (pixels) and was read as the words `read_as`.
    OpenCV's Hershey font sets a single space narrow (0.22 of the height): three make a plain gap."""
    image = np.full((400, 1400), 255, np.uint8)
    (_, height), _ = cv2.getTextSize(printed, cv2.FONT_HERSHEY_SIMPLEX, 1.2, 2)
    cv2.putText(image, printed, (400, 250), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    ink = np.flatnonzero((image[250 - height:252] < 128).any(axis=0))
    x0, x1 = int(ink[0]), int(ink[-1]) + 1
    words = [Word("IJAZAH", 0.96, (600, 60, 720, 100)), Word("Nama", 0.96, (100, 250 - height, 180, 250)),
             Word(":", 0.96, (300, 250 - height, 306, 250))]
    step = (x1 - x0) // len(read_as)
    words += [Word(w, 0.96, (x0 + i * step, 250 - height, x1 if i == len(read_as) - 1 else x0 + (i + 1) * step - 4,
                             250)) for i, w in enumerate(read_as)]
    extraction, _ = ocr.extract_pages([Page(1, image, tuple(words), "ocr")])
    return extraction.fields["nama_lengkap"]


def test_a_name_read_without_the_space_its_pixels_show_is_not_sure():
    name = _ijazah("WA   ASRIA", ["WAASRIA"])
    assert name.value == "WAASRIA"
    assert 0.8 <= name.confidence < 0.9


@pytest.mark.parametrize(("printed", "read_as"), [("WA   ASRIA", ["WA", "ASRIA"]), ("BUDIMAN", ["BUDIMAN"])])
def test_a_name_whose_spaces_match_its_pixels_stays_sure(printed, read_as):
    name = _ijazah(printed, read_as)
    assert name.value == " ".join(read_as)
    assert name.confidence >= 0.9


@pytest.mark.parametrize("read_as", [["LAARSYAD"], ["LAODE", "SAFIUDDIN"], ["WAODE", "HASNAH"]])
def test_a_name_particle_glued_to_the_next_word_is_not_sure_where_the_pixels_cannot_tell(read_as):
    name = _ijazah(" ".join(read_as), read_as)  # printed as read: the pixels show no missing break
    assert name.value == " ".join(read_as)
    assert 0.8 <= name.confidence < 0.9


@pytest.mark.parametrize("read_as", [["LA", "ODE", "SAFIUDDIN"], ["LAILA"], ["WAHYUNI"]])
def test_particles_read_apart_and_names_beginning_alike_stay_sure(read_as):
    assert _ijazah(" ".join(read_as), read_as).confidence >= 0.9
