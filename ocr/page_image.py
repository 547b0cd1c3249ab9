"""The OpenCV steps on a page image before Tesseract, and the ruled tables found on it, public.

Each step is a function from image to image (gray or binary: black ink, 0, on white, 255):

    even_light(gray) -> the page divided by its own background (lamp light, grey paper become white)
    binarize(gray) -> black text on white
    text_height(binary) -> the body text's height in pixels
    without_counter_dots(binary, *, glyph) -> dots inside glyph counters (a dotted `0`) painted white
    without_rules(binary, *, glyph) -> long ruled lines painted white, the strokes they cross kept
    blob_boxes(mask) -> (x, y, w, h) of every 8-connected blob, blobs inside others' holes included
    without_stamp_ink(bgr, gray) -> gray with coloured stamp and pen ink in compact patches lifted to paper
    clean_cell(gray_crop) -> a table cell's crop as it is read again: the rests of its rules at the
        edges and counter dots whitened, glyph stems kept

Ruled tables (`ocr.Grid`: the x of its vertical rules, the y of its row rules), top to bottom:

    find_grids(binary, *, glyph) -> from a raster page's rules
    grids_from_segments(segments) -> from line segments (x0, y0, x1, y1), as a PDF draws them
    vector_grids(pdf_page, *, scale) -> from a pdfplumber page's lines and rectangles (filled squares
        are no rules)
    row_rules(xs, ys, covered) -> which horizontal rules bound whole rows (not a group label's rule)
    scanned(pdf_page) -> whether a pdfplumber page is a scan under a scanner's OCR text layer (read as a scan)
"""

from ._cells import _cell_image as clean_cell
from ._image import (
           binarize,
           blob_boxes,
           even_light,
           find_grids,
           text_height,
           without_counter_dots,
           without_rules,
           without_stamp_ink,
)
from ._model import row_rules
from ._pdf import grids_from_segments, scanned, vector_grids

__all__ = ["binarize", "blob_boxes", "clean_cell", "even_light", "find_grids", "grids_from_segments",
           "row_rules", "scanned", "text_height", "vector_grids", "without_counter_dots",
           "without_rules", "without_stamp_ink"]
