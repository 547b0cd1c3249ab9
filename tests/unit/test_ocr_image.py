"""OpenCV steps before Tesseract: dots inside zeros go, every other glyph stays as it was."""

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr import _cells, _image
from ocr._model import Page
from synthetic._canvas import FONT_FAMILIES, font


def _printed(text: str, family: str, *, size: int = 34, frame: bool = False) -> np.ndarray:
    """`text` in one line of `family`, binarized the way a page is, optionally boxed in by a cell's frame."""
    face = font(family, size)
    width = int(face.getlength(text)) + 80
    page = Image.new("L", (width, size * 3), 255)
    draw = ImageDraw.Draw(page)
    draw.text((40, size), text, font=face, fill=0)
    if frame:
        draw.rectangle((10, 8, width - 10, size * 3 - 8), outline=0, width=3)
    return _image.binarize(np.asarray(page))


def _blobs_in_holes(binary: np.ndarray) -> int:
    """Ink blobs lying inside another blob's hole (depth 2 of the contour tree)."""
    _, hierarchy = cv2.findContours(255 - binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    links = hierarchy[0]
    return sum(1 for _, _, _, parent in links if parent >= 0 and links[parent][3] >= 0)


def test_the_dots_inside_monospaced_zeros_are_painted_out():
    binary = _printed("7471010807012908 2005", "Liberation Mono")
    assert _blobs_in_holes(binary) == 7  # one dot per zero

    cleaned = _image.without_counter_dots(binary, glyph=_image.text_height(binary))

    assert _blobs_in_holes(cleaned) == 0
    changed = cleaned != binary
    assert (binary[changed] == 0).all()  # only ink went, and only a dot's worth per zero
    assert 0 < changed.sum() < 0.05 * (binary == 0).sum()


@pytest.mark.parametrize("family", sorted(FONT_FAMILIES))
def test_letters_and_digits_with_counters_are_left_alone(family):
    dotted_zero = family == "Liberation Mono"
    binary = _printed("689 BDOPQR abdegopq @ &%" + ("" if dotted_zero else " 0"), family)
    assert (_image.without_counter_dots(binary, glyph=_image.text_height(binary)) == binary).all()


def test_text_inside_a_frame_is_not_a_dot():
    binary = _printed("AB 12", "DejaVu Sans", frame=True)
    assert _blobs_in_holes(binary) > 0  # the letters lie in the frame's hole

    cleaned = _image.without_counter_dots(binary, glyph=_image.text_height(binary))

    assert (cleaned == binary).all()


def test_a_tight_crop_keeps_its_stems_and_loses_the_rules_at_its_edges():
    glyphs = _printed("70", "DejaVu Sans", size=40)
    rows, cols = np.flatnonzero((glyphs == 0).any(axis=1)), np.flatnonzero((glyphs == 0).any(axis=0))
    tight = glyphs[rows[0] - 3:rows[-1] + 4, cols[0] - 3:cols[-1] + 4]  # as a cell's crop after the inset
    assert (_cells._without_borders(tight) == tight).all()

    boxed = cv2.copyMakeBorder(tight, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    boxed[:, :2] = 0  # what is left of the cell's left rule
    boxed[-2:, :] = 0  # and of its bottom rule
    cleaned = _cells._without_borders(boxed)
    assert (cleaned[:, :2] == 255).all() and (cleaned[-2:, :] == 255).all()
    assert (cleaned[4:-4, 4:-4] == tight).all()


@pytest.mark.parametrize(("whitelist", "lang"), [(None, "ind"), ("0123456789", "eng"), ("0123456789-", "eng"),
                                                  ("0123456789/IVX", "eng")])
def test_numbers_are_read_again_with_the_number_model(monkeypatch, whitelist, lang):
    used = []
    monkeypatch.setattr(_cells._tesseract, "read_words", lambda image, *, lang, **kw: used.append(lang) or [])
    page = Page(1, np.full((200, 400), 255, np.uint8), (), "ocr")
    _cells.reread(page, [(10, 10, 200, 60)], lang="ind", whitelist=whitelist)
    assert used == [lang]


def test_without_the_neutral_model_numbers_are_read_again_with_the_pages_own(monkeypatch):
    used = []
    monkeypatch.setattr(_cells._tesseract, "read_words", lambda image, *, lang, **kw: used.append(lang) or [])
    monkeypatch.setattr(_cells._tesseract, "engine",
                        lambda: _cells._tesseract.Engine(version="5", languages=frozenset({"ind"})))
    page = Page(1, np.full((200, 400), 255, np.uint8), (), "ocr")
    _cells.reread(page, [(10, 10, 200, 60)], lang="ind", whitelist="0123456789")
    assert used == ["ind"]
