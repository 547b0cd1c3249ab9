"""From bytes to pages of words: sniff, limit, decode or take the text layer, normalize the page, Tesseract.

The normalized page image, which every word box and field box refers to, is
made from the upload in these steps, each adding to the page's `Transform`:

    find the sheet in a photo and flatten it (perspective)
    scale so that text is about `_TEXT_HEIGHT` pixels tall
    even the light, remove speckle (no geometry change)
    turn a page lying on its side upright (quarter turn)
    deskew (small rotation, canvas grown)
    upside down? (read looks like noise, and a sixth of it reads better turned over) -> half turn, read again
"""

from __future__ import annotations

import contextvars
import dataclasses
import itertools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np

from . import _geometry as geo
from . import _image, _pdf, _tesseract
from ._cells import reread
from ._model import Grid, Page, Word
from ._sniff import FileKind, sniff

PDF_DPI = 300
"""Image-only PDF pages are rasterized at this dpi; text-layer boxes are in pixels at this dpi."""
_INK_FRACTION_BLANK = 0.0005
"""Below this share of dark pixels a page is blank and not worth a Tesseract run."""
_TEXT_HEIGHT = (22, 48)
"""Median glyph height (pixels) kept within this range by rescaling: small text up, huge scans down."""
_MIN_SKEW = 0.1
"""Degrees; a smaller skew is left alone (rotating costs a resample; rules still line up within `_SLANT`)."""


def read_pages(data: bytes, *, lang: str, max_pixels: int, max_pages: int) -> list[Page]:
    """Every page of the file with its words and ruled tables (errors from core's tree); pages in parallel."""
    kind = sniff(data)
    if kind is FileKind.PDF:
        pdf_pages = _pdf.read_pdf(data, dpi=PDF_DPI, max_pages=max_pages, max_pixels=max_pixels)
        jobs = [(i + 1, p) for i, p in enumerate(pdf_pages)]
        return _map(lambda job: _pdf_page(job[0], job[1], lang=lang), jobs)
    grays = _image.decode_pages(data, max_pixels=max_pixels, max_pages=max_pages)
    return _map(lambda job: read_image(job[0], job[1], lang=lang), list(enumerate(grays, start=1)))


def _map(fn, jobs: list) -> list[Page]:  # type: ignore[type-arg]
    if len(jobs) == 1:
        return [fn(jobs[0])]
    # Tesseract runs as a subprocess, and OpenCV releases the GIL: threads give real parallelism.
    # Each page runs in a copy of the caller's context, so `tesseract_cpu()` meters see its reads.
    contexts = [contextvars.copy_context() for _ in jobs]
    with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda context, job: context.run(fn, job), contexts, jobs))


def _pdf_page(number: int, page: _pdf.PdfPage, *, lang: str) -> Page:
    if page.image is None:
        return Page(number, None, page.words, "text_layer", page.grids, lang=lang)
    return read_image(number, page.image, lang=lang)


@dataclass
class _Normalized:
    gray: np.ndarray
    binary: np.ndarray
    transform: geo.Transform
    glyph: float
    """Median glyph height on the normalized page, pixels."""


def normalize(gray: np.ndarray) -> _Normalized:
    """The upload made into the normalized page image (see the module docstring), with its transform."""
    transform = geo.Transform()
    corners = geo.find_sheet(gray)
    if corners is not None:
        gray, matrix = geo.unwarp(gray, corners)
        transform = transform.then(matrix)
    gray = _image.denoise(_image.even_light(gray))
    binary = _image.binarize(gray)
    glyph = _image.text_height(binary)
    gray, matrix, factor = _rescale(gray, glyph)
    if factor != 1.0:
        transform = transform.then(matrix)
        binary = _image.binarize(gray)
        glyph *= factor
    thumbnail = geo.ink_thumbnail(binary)
    if geo.runs_vertically(binary, thumbnail=thumbnail):
        gray, matrix = geo.quarter_turn(gray, 1)
        transform = transform.then(matrix)
        binary = _image.binarize(gray)
        thumbnail = geo.ink_thumbnail(binary)
    angle = geo.skew_angle(binary, thumbnail=thumbnail)
    if abs(angle) >= _MIN_SKEW:
        gray, matrix = geo.rotate(gray, angle)
        transform = transform.then(matrix)
        binary = _image.binarize(gray)
    return _Normalized(gray, binary, transform, glyph)


def _rescale(gray: np.ndarray, height: float) -> tuple[np.ndarray, np.ndarray, float]:
    low, high = _TEXT_HEIGHT
    factor = 1.0
    if height < low:
        factor = min(2.0, (low + 4) / height)
    elif height > high:
        factor = max(0.4, (high - 12) / height)
    if factor == 1.0:
        return gray, np.eye(3), 1.0
    resized = cv2.resize(gray, None, fx=factor, fy=factor,
                         interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    fx, fy = resized.shape[1] / gray.shape[1], resized.shape[0] / gray.shape[0]
    return resized, np.array([[fx, 0, 0], [0, fy, 0], [0, 0, 1]], dtype=np.float64), fx


def read_image(number: int, gray: np.ndarray, *, lang: str) -> Page:
    """One raster page: normalized, read, and turned over if what was read looks upside down."""
    norm = normalize(gray)
    if (norm.binary.size - cv2.countNonZero(norm.binary)) / norm.binary.size < _INK_FRACTION_BLANK:  # 0 or 255
        return Page(number, norm.gray, (), "ocr", (), norm.transform, lang)
    page, cleaned = _read_cleaned(number, norm.gray, norm.binary, norm.transform, glyph=norm.glyph, lang=lang)
    if _looks_like_noise(list(page.words)) and _reads_better_turned(cleaned, page, lang=lang):
        flipped, matrix = geo.quarter_turn(norm.gray, 2)
        turned = _read_normalized(number, flipped, _image.binarize(flipped), norm.transform.then(matrix),
                                  glyph=norm.glyph, lang=lang)
        if _quality(list(turned.words)) > _quality(list(page.words)):
            return turned
    return page


def _reads_better_turned(cleaned: np.ndarray, page: Page, *, lang: str) -> bool:
    """Whether the page's running text outside its tables reads better turned over: a probe before the page
    is read again upside down.

    A worn, faint or unruled page read upright can look like noise too (many words unsure or short: a
    table of numbers read as running text). Reading the whole page again turned over (2-4 CPU-s of
    Tesseract on a KK) only to keep the first reading was most of such a page's time. Turned over, text
    that was upright reads as noise and text that was upside down reads as words, and a part of the page
    shows which: of the page cut into `_PROBE_PARTS` (at blank rows), the part holding most of the words read
    outside the tables is read turned over and compared with what was read there upright. A page with no
    word outside its tables is read again whole, as before.
    """
    upright = [w for w in page.words
               if not any(g.bbox[0] <= w.cx <= g.bbox[2] and g.bbox[1] <= w.cy <= g.bbox[3] for g in page.grids)]
    if not upright:
        return True
    outside = cleaned.copy()
    for grid in page.grids:
        x0, y0, x1, y1 = (int(v) for v in grid.bbox)
        outside[y0:y1 + 1, x0:x1 + 1] = 255
    height = outside.shape[0]
    blank = np.flatnonzero(outside.min(axis=1) >= 128)
    within = height // (2 * _PROBE_PARTS)
    cuts = [0, *(_blank_row_near(blank, height * k // _PROBE_PARTS, within=within) for k in range(1, _PROBE_PARTS)),
            height]
    bands = [(top, bottom) for top, bottom in itertools.pairwise(cuts) if bottom > top]
    top, bottom = max(bands, key=lambda band: sum(band[0] <= w.cy < band[1] for w in upright))
    here = [w for w in upright if top <= w.cy < bottom]
    turned = _read_inked_bands(cv2.rotate(outside[top:bottom], cv2.ROTATE_180), lang=lang)
    return _quality(turned) > _quality(here)


_PROBE_PARTS = 6
"""The page is cut into this many parts of about equal height for the upside-down probe (a sixth of a KK
holds 15-25 words outside its tables)."""


def _blank_row_near(blank: np.ndarray, row: int, *, within: int) -> int:
    """The blank row (of sorted `blank`) nearest `row`, or `row` when none is `within` rows of it.

    A photocopy's specks or dark edge leave no row blank but a few at the top and bottom of
    the page: taken however far, those would make one part of nearly the whole page, and the probe would
    cost a second reading of it (2 CPU-s on a photocopied KK)."""
    if blank.size == 0:
        return row
    i = int(np.searchsorted(blank, row))
    nearest = int(min(blank[max(0, i - 1):i + 1], key=lambda b: abs(int(b) - row)))
    return nearest if abs(nearest - row) <= within else row


def _read_normalized(number: int, gray: np.ndarray, binary: np.ndarray, transform: geo.Transform, *,
                     glyph: float, lang: str) -> Page:
    return _read_cleaned(number, gray, binary, transform, glyph=glyph, lang=lang)[0]


def _read_cleaned(number: int, gray: np.ndarray, binary: np.ndarray, transform: geo.Transform, *,
                  glyph: float, lang: str) -> tuple[Page, np.ndarray]:
    """The page read (`_ocr`, then a second look at inked cells and lines it returned nothing for), and the
    image it was read from: rules, graphics and dots in zeros painted out."""
    masks = _image.rule_mask(binary, glyph=glyph)
    grids = tuple(_image.find_grids(binary, masks=masks))
    cleaned = _image.without_counter_dots(_image.without_graphics(_image.without_rules(binary, masks=masks)),
                                          glyph=glyph)
    words = _ocr(cleaned, grids, lang=lang)
    page = Page(number, gray, tuple(words), "ocr", grids, transform, lang)
    missed = [cell for grid in grids for cell in _inked_empty_cells(cleaned, grid, page)]
    missed += _unread_lines(cleaned, grids, words, glyph=glyph)
    extra = [w for cell_words in reread(page, missed, lang=lang) for w in cell_words if w.text.strip()]
    return (dataclasses.replace(page, words=page.words + tuple(extra)) if extra else page), cleaned


def _unread_lines(cleaned: np.ndarray, grids: tuple[Grid, ...], words: list[Word], *,
                  glyph: float) -> list[tuple[int, int, int, int]]:
    """Text lines outside the tables that the page read returned no word for.

    Tesseract's page layout analysis now and then drops a whole line (a
    footer line level with a QR code or a signature block). Ink is smeared
    along lines into line-shaped blobs; a blob of text height and at least a
    short word's width that no word touches is read again on its own.
    """
    _, ink = cv2.threshold(cleaned, 127, 1, cv2.THRESH_BINARY_INV)  # 1 where below 128
    for grid in grids:
        x0, y0, x1, y1 = (int(v) for v in grid.bbox)
        ink[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = 0
    g = max(8, round(glyph))
    smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (g, max(1, g // 4))))
    out = []
    for x, y, w, h in _image.blob_boxes(smeared).tolist():
        if not (0.6 * g <= h <= 2.5 * g and w >= 2 * g) or ink[y:y + h, x:x + w].sum() < _MIN_LINE_INK * g * g:
            continue
        if any(w_.x0 < x + w and x < w_.x1 and w_.bbox[1] < y + h and y < w_.bbox[3] for w_ in words):
            continue
        pad = g // 2
        out.append((max(0, x - pad), max(0, y - pad), min(cleaned.shape[1], x + w + pad),
                    min(cleaned.shape[0], y + h + pad)))
    return out


_MIN_LINE_INK = 0.6
"""Dark pixels a line-shaped blob needs, in glyph-height squares (a short word has several)."""


def _quality(words: list[Word]) -> float:
    """Share of words that read like words: three or more letters/digits at a decent confidence."""
    if not words:
        return 0.0
    good = sum(1 for w in words if w.confidence >= 0.7 and sum(c.isalnum() for c in w.text) >= 3)
    return good / len(words)


def _looks_like_noise(words: list[Word]) -> bool:
    return _quality(words) < 0.35


def _ocr(cleaned: np.ndarray, grids: tuple[Grid, ...], *, lang: str) -> list[Word]:
    """The page outside its tables read as running text, then the ruled tables read as sparse cells.

    Line-oriented segmentation merges the stacked two-line column headers of
    neighbouring cells into nonsense; sparse-text mode (psm 11) reads each cell
    on its own. The tables are blanked out of the first pass, so no region is
    read twice, and all tables of the page are stacked into one image and read
    in one Tesseract request: one sparse-text layout pass finds the cells of
    every table. A request of its own per table would not cost much more (the
    workers keep the model loaded; a request's overhead is about a
    millisecond), but the stacked reading is the one the cell rules and tests
    were tuned on.
    """
    outside = cleaned.copy()
    for grid in grids:
        x0, y0, x1, y1 = (int(v) for v in grid.bbox)
        outside[y0:y1 + 1, x0:x1 + 1] = 255
    words = _read_inked_bands(outside, lang=lang)
    if not grids:
        return words
    boxes = [tuple(int(v) for v in grid.bbox) for grid in grids]
    gap = _TABLE_GAP
    width = max(x1 - x0 for x0, _, x1, _ in boxes)
    stack = np.full((sum(y1 - y0 + gap for _, y0, _, y1 in boxes), width), 255, np.uint8)
    tops, top = [], 0
    for x0, y0, x1, y1 in boxes:
        stack[top:top + y1 - y0, :x1 - x0] = cleaned[y0:y1, x0:x1]
        tops.append(top)
        top += y1 - y0 + gap
    for w in _tesseract.read_words(stack, lang=lang, psm=11):
        index = max(i for i, t in enumerate(tops) if t <= w.cy or i == 0)
        dx, dy = boxes[index][0], boxes[index][1] - tops[index]
        a, b, c, d = w.bbox
        words.append(Word(w.text, w.confidence, (a + dx, b + dy, c + dx, d + dy)))
    return words


def _read_inked_bands(image: np.ndarray, *, lang: str) -> list[Word]:
    """Running text (psm 3) of the page with its tall white stretches cut out, boxes in page coordinates.

    With the tables blanked, most of a KK is white; Tesseract's layout
    analysis costs by the pixel, so the inked bands (with a margin of white
    around each) are read as one shorter image: about a third less time for
    the same words.
    """
    inked = image.min(axis=1) < 128
    if not inked.any():
        return []
    kept = np.flatnonzero(np.convolve(inked, np.ones(2 * _BAND_MARGIN + 1, dtype=bool), mode="same"))
    words = _tesseract.read_words(image[kept], lang=lang, psm=3)
    last = len(kept) - 1
    return [Word(w.text, w.confidence, (w.bbox[0], int(kept[min(w.bbox[1], last)]), w.bbox[2],
                                        int(kept[min(max(w.bbox[3] - 1, 0), last)]) + 1)) for w in words]


_BAND_MARGIN = 20
"""White rows kept above and below every inked row when blank stretches are cut out."""
_TABLE_GAP = 60
"""White pixels between stacked tables: more than a line of text, so no word straddles two tables."""


_MIN_CELL_INK = 25
"""Dark pixels a table cell needs before its emptiness is doubted (a single `A` at 200 dpi has ~150)."""


def _inked_empty_cells(cleaned: np.ndarray, grid: Grid, page: Page) -> list[tuple[int, int, int, int]]:
    """Cells with ink in them but no word read: sparse mode drops lone letters and short headers (`Agama`)."""
    out = []
    for row in range(grid.rows):
        for x0, y0, x1, y1 in grid.cells(row):
            inner = cleaned[y0 + 3:y1 - 2, x0 + 3:x1 - 2]
            if inner.size == 0 or int((inner < 128).sum()) < _MIN_CELL_INK:
                continue
            if not page.words_in((x0, y0, x1, y1)):
                out.append((x0, y0, x1, y1))
    return out
