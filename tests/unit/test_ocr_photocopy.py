"""Legalised photocopies: the stamp's and the pen's coloured ink is lifted off the black print before
Tesseract (a coloured form keeps its labels), and a scanner's searchable PDF is known for one (its OCR layer
is read below the sure band)."""

import io

import cv2
import numpy as np
import pdfplumber
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from ocr import page_image

VIOLET = (150, 48, 92)  # BGR of a legalisation stamp's ink


def _print(size=(2400, 1800)) -> np.ndarray:
    """A grey copy's page: lines of black print on light grey paper (BGR)."""
    page = np.full((*size, 3), 214, np.uint8)
    for i in range(24):
        cv2.putText(page, f"NIK 74020{i:02d}1111743407 LA ODE AHMAD", (60, 120 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX,
                    1.3, (20, 20, 20), 3)
    return page


def _stamped(page: np.ndarray) -> np.ndarray:
    """The page with a violet box stamp and its words multiplied over the print, as rubber-stamp ink lies."""
    ink = np.zeros(page.shape[:2], np.uint8)
    cv2.rectangle(ink, (300, 250), (1100, 620), 255, 8)
    cv2.putText(ink, "SALINAN / FOTO COPY", (330, 340), cv2.FONT_HERSHEY_DUPLEX, 1.6, 255, 4)
    cv2.putText(ink, "SESUAI DENGAN ASLINYA", (330, 430), cv2.FONT_HERSHEY_DUPLEX, 1.6, 255, 4)
    cv2.ellipse(ink, (700, 540), (300, 50), 10, 0, 300, 255, 6)  # a signature's loop
    share = (ink.astype(np.float32) / 255 * 0.8)[..., None]
    tinted = page.astype(np.float32) * (np.array(VIOLET, np.float32) / 255)
    return (page * (1 - share) + tinted * share).astype(np.uint8)


def _gray(bgr: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def test_stamp_ink_goes_and_the_print_under_it_stays():
    clean = _print()
    stamped = _stamped(clean)
    lifted = page_image.without_stamp_ink(stamped, _gray(stamped))
    before, after, truth = (page_image.binarize(g)[250:630, 300:1110] == 0 for g in (_gray(stamped), lifted,
                                                                                      _gray(clean)))
    assert before.sum() > 1.5 * truth.sum()  # the stamp binarizes as ink, joined with the letters
    assert (after & ~truth).sum() < 0.02 * truth.sum()  # none of it is left
    assert (truth & ~after).sum() < 0.05 * truth.sum()  # and the print under it is whole


def test_a_form_printed_in_colour_and_an_uncoloured_page_are_left_alone():
    form = _print()
    for y in range(80, 2400, 90):  # a page-wide grid and labels in the form's blue
        cv2.line(form, (30, y), (1770, y), (160, 90, 40), 3)
        cv2.putText(form, "Nama Lengkap", (900, y - 20), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (170, 100, 40), 2)
    assert np.array_equal(page_image.without_stamp_ink(form, _gray(form)), _gray(form))
    plain = _print()
    assert np.array_equal(page_image.without_stamp_ink(plain, _gray(plain)), _gray(plain))


def _pdf(image: Image.Image, *, fmt: str, words: str, invisible: bool) -> bytes:
    """One page: `image` over the whole page (as JPEG or PNG), then `words` as text (invisible, as a
    scanner's OCR layer lies, or printed)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(image.width * 0.24, image.height * 0.24))
    encoded = io.BytesIO()
    image.save(encoded, format=fmt)
    pdf.drawImage(ImageReader(io.BytesIO(encoded.getvalue())), 0, 0, width=image.width * 0.24,
                  height=image.height * 0.24)
    text = pdf.beginText(20, image.height * 0.24 - 40)
    text.setTextRenderMode(3 if invisible else 0)
    text.setFont("Helvetica", 10)
    text.textLine(words)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_scanners_searchable_pdf_is_a_scan_and_a_printed_pdf_on_tinted_paper_or_a_photo_is_not():
    words = "KARTU KELUARGA No. 7402012411051274 SALINAN SESUAI DENGAN ASLINYA"
    copy = Image.fromarray(_stamped(_print((800, 600)))[..., ::-1])
    tint = Image.new("RGB", (600, 800), (236, 244, 230))
    with pdfplumber.open(io.BytesIO(_pdf(copy, fmt="JPEG", words=words, invisible=True))) as scan:
        assert len(scan.pages[0].extract_words()) >= 5 and page_image.scanned(scan.pages[0])
    with pdfplumber.open(io.BytesIO(_pdf(tint, fmt="PNG", words=words, invisible=False))) as printed:
        assert not page_image.scanned(printed.pages[0])
    # a printed PDF whose page lies on a JPEG (a guilloche, a photo): its visible text is the page's own
    with pdfplumber.open(io.BytesIO(_pdf(copy, fmt="JPEG", words=words, invisible=False))) as background:
        assert not page_image.scanned(background.pages[0])
