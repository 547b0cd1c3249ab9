"""OpenCV steps before Tesseract: dots inside zeros go, every other glyph stays as it was."""

import sys
from pathlib import Path

import cv2
import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw

import core
import ocr
from ocr import Page, Word, page_image
from ocr.tesseract import Pool, using_pool
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
    return page_image.binarize(np.asarray(page))


def _blobs_in_holes(binary: np.ndarray) -> int:
    """Ink blobs lying inside another blob's hole (depth 2 of the contour tree)."""
    _, hierarchy = cv2.findContours(255 - binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    links = hierarchy[0]
    return sum(1 for _, _, _, parent in links if parent >= 0 and links[parent][3] >= 0)


def test_the_dots_inside_monospaced_zeros_are_painted_out():
    binary = _printed("7471010807012908 2005", "Liberation Mono")
    assert _blobs_in_holes(binary) == 7  # one dot per zero

    cleaned = page_image.without_counter_dots(binary, glyph=page_image.text_height(binary))

    assert _blobs_in_holes(cleaned) == 0
    changed = cleaned != binary
    assert (binary[changed] == 0).all()  # only ink went, and only a dot's worth per zero
    assert 0 < changed.sum() < 0.05 * (binary == 0).sum()


@pytest.mark.parametrize("family", sorted(FONT_FAMILIES))
def test_letters_and_digits_with_counters_are_left_alone(family):
    dotted_zero = family == "Liberation Mono"
    binary = _printed("689 BDOPQR abdegopq @ &%" + ("" if dotted_zero else " 0"), family)
    assert (page_image.without_counter_dots(binary, glyph=page_image.text_height(binary)) == binary).all()


def test_text_inside_a_frame_is_not_a_dot():
    binary = _printed("AB 12", "DejaVu Sans", frame=True)
    assert _blobs_in_holes(binary) > 0  # the letters lie in the frame's hole

    cleaned = page_image.without_counter_dots(binary, glyph=page_image.text_height(binary))

    assert (cleaned == binary).all()


def test_a_tight_crop_keeps_its_stems_and_loses_the_rules_at_its_edges():
    glyphs = _printed("70", "DejaVu Sans", size=40)
    rows, cols = np.flatnonzero((glyphs == 0).any(axis=1)), np.flatnonzero((glyphs == 0).any(axis=0))
    tight = glyphs[rows[0] - 3:rows[-1] + 4, cols[0] - 3:cols[-1] + 4]  # as a cell's crop after the inset
    assert (page_image.clean_cell(tight) == tight).all()

    boxed = cv2.copyMakeBorder(tight, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    boxed[:, :2] = 0  # what is left of the cell's left rule
    boxed[-2:, :] = 0  # and of its bottom rule
    cleaned = page_image.clean_cell(boxed)
    assert (cleaned[:, :2] == 255).all() and (cleaned[-2:, :] == 255).all()
    assert (cleaned[4:-4, 4:-4] == tight).all()


def _ruled(text: str, *, at: float | None) -> tuple[np.ndarray, int]:
    """`text` in one line, binarized, with a 3-px rule across the whole line `at` that share of the text's
    height from its top (under it: `at` > 1; none: None), and the rule's first row."""
    face = font("DejaVu Sans", 34)
    width = int(face.getlength(text)) + 200
    page = Image.new("L", (width, 200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), text, font=face, fill=0)
    _, top, _, bottom = draw.textbbox((60, 60), text, font=face)
    y = int(top + (at or 0) * (bottom - top))
    if at is not None:
        draw.rectangle((0, y, width, y + 2), fill=0)
    return page_image.binarize(np.asarray(page)), y


def _blobs(binary: np.ndarray) -> int:
    return len(page_image.blob_boxes(255 - binary))


def test_a_rule_through_the_text_goes_and_the_strokes_it_crossed_stay():
    text = "ABDUL RAHIM 7471010807012908"
    plain, _ = _ruled(text, at=None)
    struck, y = _ruled(text, at=0.65)

    cleaned = page_image.without_rules(struck, glyph=page_image.text_height(plain))

    # Painted out whole, every letter's lower half was a blob of its own (59 blobs against 26); only the
    # bars lying along the rule (the 4's) may go.
    assert _blobs(plain) <= _blobs(cleaned) <= _blobs(plain) + 4
    ink = (plain == 0)[y:y + 3]
    kept = (cleaned == 0)[y:y + 3]
    assert kept[ink].mean() > 0.45  # the stems' pixels on the rule's rows
    assert (kept & ~ink).sum() < 0.1 * ink.sum()  # and next to nothing of the rule beside them


def test_a_rule_touching_the_text_from_one_side_goes_whole():
    for at in (1.0, -0.1):  # the feet rest on it; the tops hang from it
        struck, y = _ruled("ABDUL RAHIM 7471", at=at)
        cleaned = page_image.without_rules(struck, glyph=page_image.text_height(struck))
        assert (cleaned[y:y + 3] == 255).all()


def test_what_is_left_of_a_broken_column_rule_is_not_joined_across_a_row_rule():
    # A photocopy's column rule in pieces too short to be found as a rule: a lone tick crossing the row rule.
    binary = np.full((200, 900), 255, np.uint8)
    binary[99:102, 20:880] = 0  # the row rule
    binary[85:116, 300:303] = 0  # the tick, about a text height long

    cleaned = page_image.without_rules(binary, glyph=27)

    assert (cleaned[99:102] == 255).all()
    assert (cleaned[85:97, 300:303] == 0).all() and (cleaned[104:116, 300:303] == 0).all()  # the tick stays


def test_slivers_beside_a_column_rule_are_not_joined_across_a_row_rule():
    # A deskewed photo's column rule, found and painted out, leaves a pixel's sliver at either edge.
    binary = np.full((400, 900), 255, np.uint8)
    binary[199:202, 20:880] = 0  # the row rule
    binary[20:380, 400:403] = 0  # the column rule
    binary[186:216, 398] = binary[186:216, 405] = 0  # its slivers, just outside the painted band

    cleaned = page_image.without_rules(binary, glyph=27)

    assert (cleaned[199:202] == 255).all()


@pytest.fixture
def installed(monkeypatch):
    """`installed(*languages)`: the Tesseract `ocr.engine()` finds has these languages (its program faked)."""

    def install(*languages: str) -> None:
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", sys.executable)
        monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda: "5.3.0")
        monkeypatch.setattr(pytesseract, "get_languages", lambda config="": list(languages))
        ocr.engine.cache_clear()

    yield install
    ocr.engine.cache_clear()


@pytest.fixture
def asked():
    """(lang, whitelist) of every read the stand-in workers were asked for."""
    pool = Pool(lambda: [sys.executable, str(Path(__file__).with_name("tesseract_worker_fake.py"))], limit=1)
    real, requests = pool.call, []

    def call(request, pixels, **kwargs):
        requests.append((request["lang"], request["whitelist"] or None))
        return real(request, pixels, **kwargs)

    pool.call = call
    with using_pool(pool):
        yield requests
    pool.close()


_WHITE = np.full((1200, 2400), 255, np.uint8)


def _buku_nikah_read() -> None:
    words, y = [], 100
    for label, value in (("KUTIPAN AKTA NIKAH", ""), ("Nomor :", "0419/014/VII/2021"), ("SUAMI", ""),
                         ("Nama :", "LA ODE ALI"), ("NIK :", "7404010906022274")):
        x = 100
        for text in (*label.split(), *value.split()):
            words.append(Word(text, 0.95, (x, y, x + 18 * len(text), y + 30)))
            x += 18 * len(text) + 15 if text != ":" else 300
        y += 70
    ocr.extract_pages([Page(1, _WHITE, tuple(words), "ocr")], declared_type=core.DocumentType.BUKU_NIKAH)


def _kk_read() -> None:
    """A KK member row whose birth year is implausible (`1071`): its cell is read again, digits and `-` only."""
    xs, ys = (0, 500, 1000), (100, 150, 200)
    words = []
    for r, texts in enumerate((("NIK", "Tanggal Lahir"), ("7401011011626387", "21-08-1071"))):
        for c, text in enumerate(texts):
            x = xs[c] + 10
            for token in text.split():
                words.append(Word(token, 0.95, (x, ys[r] + 15, x + 12 * len(token), ys[r] + 35)))
                x += 12 * len(token) + 10
    ocr.extract_pages([Page(1, _WHITE, tuple(words), "ocr", (ocr.Grid(xs, ys),))], declared_type=core.DocumentType.KK)


@pytest.mark.parametrize(("whitelist", "lang"), [(None, "ind"), ("0123456789", "eng"), ("0123456789-", "eng"),
                                                  ("0123456789/IVX", "eng")])
def test_numbers_are_read_again_with_the_number_model(installed, asked, whitelist, lang):
    installed("ind", "eng", "osd")
    _buku_nikah_read()
    _kk_read()
    assert {lang_ for lang_, wl in asked if wl == whitelist} == {lang}


def test_without_the_neutral_model_numbers_are_read_again_with_the_pages_own(installed, asked):
    installed("ind", "osd")
    _buku_nikah_read()
    _kk_read()
    assert {wl for _, wl in asked} == {None, "0123456789", "0123456789/IVX", "0123456789-"}
    assert {lang for lang, _ in asked} == {"ind"}
