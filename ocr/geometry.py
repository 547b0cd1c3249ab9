"""Page geometry before Tesseract, public: find the sheet in a photo, straighten it, turn it upright.

    find_sheet(gray) -> the 4 corners of the document in a photo, or None (a scan filling the frame)
    unwarp(gray, corners) -> (the sheet as a flat rectangle, matrix); what the photo does not show is white
    skew_angle(binary) -> degrees to rotate by so that text lines are level
    rotate(gray, degrees) -> (rotated image, canvas grown to keep every pixel; matrix)
    quarter_turn(gray, turns) -> (image turned by 90 degrees `turns` times; matrix)
    runs_vertically(binary) -> whether text runs vertically (the page lies on its side)
    reads_better_turned(cleaned, page, *, lang) -> whether a page read as noise reads better upside down:
        a probe of the part of its text outside the tables, before the whole page is read again turned over
    Transform: the chain of matrices from the upload to the normalized page image (`to_source(box)`)

Every step returns the 3x3 homography from its input to its output, so the
chain is one `Transform`; `ocr.Reading.transforms` holds one per page.
"""

from ._geometry import Transform, find_sheet, quarter_turn, rotate, runs_vertically, skew_angle, unwarp
from ._read import _reads_better_turned as reads_better_turned

__all__ = ["Transform", "find_sheet", "quarter_turn", "reads_better_turned", "rotate", "runs_vertically", "skew_angle",
           "unwarp"]
