"""Page geometry before Tesseract: find the sheet in a photo, straighten it, turn it upright.

Every step returns the image it made and the 3x3 homography from its input
to its output, so the whole chain is one matrix (`Transform`) from the
uploaded image to the normalized page image. Words are read on, and field
boxes are reported in, the normalized page image; `Transform.to_source`
maps a box back onto the upload.

    find_sheet(gray)          -> 4 corners of the document in a photo, or None
    unwarp(gray, corners)     -> the sheet as a flat rectangle
    skew_angle(binary)        -> degrees to rotate by so text lines are level
    rotate(gray, degrees)     -> rotated image, canvas grown to keep every pixel
    runs_vertically(binary)   -> whether text runs vertically (page on its side)
    ink_thumbnail(binary)     -> the downscaled ink both estimates look at
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

BBox = tuple[int, int, int, int]
_WORK_SIDE = 1000
"""Long side of the downscaled copies the estimates are made on (speed; precision is ample)."""


@dataclass(frozen=True)
class Transform:
    """Homography from the uploaded image to the normalized page image."""

    matrix: np.ndarray = field(default_factory=lambda: np.eye(3))

    def then(self, matrix: np.ndarray) -> Transform:
        return Transform(matrix @ self.matrix)

    def to_source(self, bbox: BBox) -> BBox:
        """A box on the normalized page image as the axis-aligned box around it on the upload."""
        return map_bbox(bbox, np.linalg.inv(self.matrix))

    def to_page(self, bbox: BBox) -> BBox:
        """A box on the upload as the box around it on the normalized page image."""
        return map_bbox(bbox, self.matrix)

    @property
    def is_identity(self) -> bool:
        return bool(np.allclose(self.matrix, np.eye(3)))

    def rows(self, digits: int = 6) -> list[list[float]]:
        """The 3x3 matrix as nested lists of rounded floats (for JSON)."""
        return [[round(float(v), digits) for v in row] for row in self.matrix]


def map_bbox(bbox: BBox, matrix: np.ndarray) -> BBox:
    x0, y0, x1, y1 = bbox
    corners = np.array([[[x0, y0]], [[x1, y0]], [[x1, y1]], [[x0, y1]]], dtype=np.float32)
    mapped = cv2.perspectiveTransform(corners, np.asarray(matrix, dtype=np.float64)).reshape(-1, 2)
    return (math.floor(mapped[:, 0].min()), math.floor(mapped[:, 1].min()),
            math.ceil(mapped[:, 0].max()), math.ceil(mapped[:, 1].max()))


def _small(gray: np.ndarray) -> tuple[np.ndarray, float]:
    scale = min(1.0, _WORK_SIDE / max(gray.shape))
    if scale == 1.0:
        return gray, 1.0
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def find_sheet(gray: np.ndarray, *, min_area: float = 0.2, max_area: float = 0.97) -> np.ndarray | None:
    """Corners (tl, tr, br, bl; float32, full-size pixels) of a bright sheet on a darker background.

    None when no such quadrilateral stands out: a scan or a clean page fills
    the frame, and cropping it would only lose margin. The sheet is the largest
    bright blob after Otsu on a blurred copy; its outline is reduced to four
    corners by the convex hull's extreme points along the two diagonals.
    """
    small, scale = _small(gray)
    blurred = cv2.GaussianBlur(small, (7, 7), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close over the printed text so the sheet is one solid blob.
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    blob, blob_area = _sheet_blob(contours)
    area = blob_area / (small.shape[0] * small.shape[1])
    if not min_area <= area <= max_area:
        return None
    hull = cv2.convexHull(blob).reshape(-1, 2).astype(np.float32)
    if cv2.contourArea(hull) and blob_area / cv2.contourArea(hull) < 0.9:
        return None  # not a quadrilateral sheet (a hand, a fold, something lying across it)
    corners = _corners(hull)
    touching = _touching_frame(corners, small.shape)
    # Part of the sheet may lie outside the photo: its visible sides, extended, meet there.
    clipped = _clipped_corners(blob, hull, small.shape) if touching else None
    # A corner on the border may be the sheet's own; the extended sides decide only if they differ.
    if touching <= 1 and _is_quad(corners, hull) and (
            clipped is None or np.abs(clipped - corners).max() <= _SAME_CORNER):
        return corners / scale
    return clipped / scale if clipped is not None else None


def _sheet_blob(contours: Sequence[np.ndarray]) -> tuple[np.ndarray, float]:
    """The largest bright blob's outline and area; with the blob beside it when the two are the facing pages of
    an opened booklet (a buku nikah, a passport-sized ijazah), which the fold's shadow parts: about as large,
    side by side at the same height, a gutter apart. Taking one page alone would cut the other off the page."""
    ranked = sorted(contours, key=cv2.contourArea, reverse=True)
    blob, area = ranked[0], cv2.contourArea(ranked[0])
    if len(ranked) < 2 or cv2.contourArea(ranked[1]) < _FACING * area:
        return blob, area
    (x0, y0, w0, h0), (x1, y1, w1, h1) = cv2.boundingRect(blob), cv2.boundingRect(ranked[1])
    overlap = min(y0 + h0, y1 + h1) - max(y0, y1)
    gutter = max(x0, x1) - min(x0 + w0, x1 + w1)
    if overlap < _FACING * max(h0, h1) or not 0 <= gutter <= _GUTTER * max(w0, w1):
        return blob, area
    return np.concatenate([blob, ranked[1]]), area + cv2.contourArea(ranked[1])


_FACING = 0.8
"""Facing pages: the second blob's area, and the two blobs' shared height, at least this share of the first's."""
_GUTTER = 0.1
"""Most width between facing pages, as a share of a page's width (the fold's shadow)."""


_SAME_CORNER = 3.0
"""Pixels (on the downscaled copy) within which two estimates of a corner are the same corner."""
_PARALLEL = math.cos(math.radians(30))
"""Sides closer to parallel than this (|cos| above) are not two sides meeting at a corner."""
_BEYOND = 0.3
"""How far (share of the frame's size) a corner may lie outside the photo before the guess is not trusted."""


def _clipped_corners(blob: np.ndarray, hull: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """Corners of a sheet that runs out of the photo: its visible sides extended until they meet.

    The hull's outline is reduced to a polygon whose edges are either sheet
    sides or stretches of the photo's border. A border stretch between two
    sheet sides that meet at an angle stands for a corner cut off by the frame
    and is dropped (the two sides meet outside the photo); a border stretch
    between two near-parallel sides stands for a whole side outside the photo
    and is kept as that side. Four sides must remain. Each sheet side is
    refitted to the blob's outline points along it. None when the result is
    not a convex quadrilateral whose part inside the frame is the blob.
    """
    h, w = shape[:2]
    polygon = cv2.approxPolyDP(hull.reshape(-1, 1, 2), 0.003 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    sides = [(a.astype(np.float64), b.astype(np.float64)) for a, b in zip(polygon, np.roll(polygon, -1, axis=0),
                                                                          strict=True)]
    lines = [(*_side_line(blob.reshape(-1, 2), a, b), _on_border(a, b, shape)) for a, b in sides
             if np.linalg.norm(b - a) > 0.02 * max(h, w)]
    lines = _drop_cut_corners(lines)
    if len(lines) != 4:
        return None
    corners = []
    for i in range(4):
        corner = _intersection(lines[i - 1][0], lines[i - 1][1], lines[i][0], lines[i][1])
        if corner is None:
            return None
        corners.append(corner)
    quad = _corners(np.array(corners, dtype=np.float32))
    if not _plausible_clip(quad, blob, shape):
        return None
    return quad


def _side_line(outline: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(point, unit direction) of the line through the outline points along the middle of edge a-b."""
    direction = (b - a) / np.linalg.norm(b - a)
    normal = np.array([-direction[1], direction[0]])
    along = (outline - a) @ direction
    length = float(np.linalg.norm(b - a))
    near = outline[(np.abs((outline - a) @ normal) < 3) & (along > 0.1 * length) & (along < 0.9 * length)]
    if len(near) < 2:
        return a, direction
    vx, vy, x0, y0 = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    fitted = np.array([vx, vy], dtype=np.float64)
    return np.array([x0, y0], dtype=np.float64), fitted if fitted @ direction >= 0 else -fitted


def _on_border(a: np.ndarray, b: np.ndarray, shape: tuple[int, ...], margin: float = 2.5) -> bool:
    """Whether edge a-b runs along one side of the frame."""
    h, w = shape[:2]
    return bool(any(abs(a[i] - v) <= margin and abs(b[i] - v) <= margin for i, v in ((0, 0), (0, w - 1),
                                                                                       (1, 0), (1, h - 1))))


def _drop_cut_corners(lines: list[tuple[np.ndarray, np.ndarray, bool]]) -> list[tuple[np.ndarray, np.ndarray, bool]]:
    """Border stretches standing for a corner cut off by the frame left out; other runs merged."""
    kept = list(lines)
    changed = True
    while changed and len(kept) > 4:
        changed = False
        for i, (_, _, border) in enumerate(kept):
            before, after = kept[i - 1], kept[(i + 1) % len(kept)]
            if border and abs(float(before[1] @ after[1])) < _PARALLEL:
                del kept[i]
                changed = True
                break
    # Neighbouring sides in the same direction (a border stretch beside a side) are one side.
    merged: list[tuple[np.ndarray, np.ndarray, bool]] = []
    for line in kept:
        if merged and abs(float(merged[-1][1] @ line[1])) > math.cos(math.radians(5)):
            if merged[-1][2] and not line[2]:
                merged[-1] = line
            continue
        merged.append(line)
    if len(merged) > 1 and abs(float(merged[0][1] @ merged[-1][1])) > math.cos(math.radians(5)):
        merged = merged[1:] if merged[0][2] else merged[:-1]
    return merged


def _intersection(p1: np.ndarray, d1: np.ndarray, p2: np.ndarray, d2: np.ndarray) -> np.ndarray | None:
    cross = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(cross) < 1e-6:
        return None
    t = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / cross
    return p1 + t * d1


def _plausible_clip(quad: np.ndarray, blob: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Convex, corners not far outside the photo, and its part inside the frame covers the blob."""
    h, w = shape[:2]
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return False
    if (quad[:, 0] < -_BEYOND * w).any() or (quad[:, 0] > (1 + _BEYOND) * w).any() \
            or (quad[:, 1] < -_BEYOND * h).any() or (quad[:, 1] > (1 + _BEYOND) * h).any():
        return False
    frame = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    inside, _ = cv2.intersectConvexConvex(quad.astype(np.float32), frame)
    area = cv2.contourArea(blob)
    return bool(area > 0 and abs(inside - area) <= 0.03 * area)


def _corners(points: np.ndarray) -> np.ndarray:
    s, d = points.sum(axis=1), points[:, 0] - points[:, 1]
    return np.array([points[s.argmin()], points[d.argmax()], points[s.argmax()], points[d.argmin()]], dtype=np.float32)


def _touching_frame(corners: np.ndarray, shape: tuple[int, ...]) -> int:
    """How many of the corners lie on the photo's border."""
    h, w = shape[:2]
    margin = 2
    return int(((corners[:, 0] < margin) | (corners[:, 0] > w - 1 - margin)
                | (corners[:, 1] < margin) | (corners[:, 1] > h - 1 - margin)).sum())


def _is_quad(corners: np.ndarray, hull: np.ndarray) -> bool:
    """The four corners must cover nearly all of the hull (else the blob is not a sheet)."""
    return cv2.contourArea(corners) >= 0.95 * cv2.contourArea(hull)


def unwarp(gray: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sheet warped to a rectangle, sized so that no side is shrunk."""
    tl, tr, br, bl = corners
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.asarray(corners, dtype=np.float32), target)
    flat = cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=255)
    return flat, matrix


def ink_thumbnail(binary: np.ndarray) -> np.ndarray:
    """The ink (white on black) of a binarized page, downscaled: what `skew_angle` and `runs_vertically` look at.

    Both take it ready-made (`thumbnail=`), so a page that is not turned is
    downscaled once for the two.
    """
    # The mean as numpy takes it (an exact sum over the size), a few times faster.
    ink = (255 - binary) if cv2.sumElems(binary)[0] / binary.size > 127 else binary
    return _small(ink)[0]


def skew_angle(binary: np.ndarray, *, limit: float = 10.0, thumbnail: np.ndarray | None = None) -> float:
    """Degrees (counter-clockwise positive, as `rotate` takes them) that make the text lines level.

    Projection-profile search: the angle at which the row sums of ink are most
    sharply peaked, coarse then fine, on a downscaled copy.
    """
    small = thumbnail if thumbnail is not None else ink_thumbnail(binary)
    coarse_scale = 500 / max(small.shape)
    coarse = cv2.resize(small, None, fx=coarse_scale, fy=coarse_scale, interpolation=cv2.INTER_AREA)
    # A long ruled line peaks over a fraction of a degree only; thickening it lets a coarse step see it.
    coarse = cv2.dilate(coarse, np.ones((3, 1), np.uint8))
    best = _best_angle(coarse, np.arange(-limit, limit + 0.01, 0.25))
    best = _best_angle(small, np.arange(best - 0.3, best + 0.31, 0.1))
    return float(_best_angle(small, np.arange(best - 0.1, best + 0.11, 0.05)))


def _best_angle(ink: np.ndarray, angles: np.ndarray) -> float:
    h, w = ink.shape
    centre = (w / 2, h / 2)
    scores = []
    for angle in angles:
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        # Row sums (exact integers, as numpy's float64 sum gives them), several times faster.
        profile = cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
        scores.append(float(np.square(np.diff(profile)).sum()))
    return float(angles[int(np.argmax(scores))])


def rotate(gray: np.ndarray, degrees: float, *, fill: int = 255) -> tuple[np.ndarray, np.ndarray]:
    """The image turned counter-clockwise by `degrees`, canvas grown so nothing is cut off."""
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = math.ceil(h * sin + w * cos), math.ceil(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    turned = cv2.warpAffine(gray, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderValue=fill)
    return turned, np.vstack([matrix, [0, 0, 1]])


def quarter_turn(gray: np.ndarray, turns: int) -> tuple[np.ndarray, np.ndarray]:
    """The image turned by `turns` x 90 degrees clockwise, exactly (no resampling)."""
    turns %= 4
    h, w = gray.shape[:2]
    if turns == 0:
        return gray, np.eye(3)
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    matrices = {
        1: np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], dtype=np.float64),
        2: np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=np.float64),
        3: np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], dtype=np.float64),
    }
    return cv2.rotate(gray, codes[turns]), matrices[turns]


def runs_vertically(binary: np.ndarray, *, thumbnail: np.ndarray | None = None) -> bool:
    """Whether the text lines run top to bottom (the page lies on its side).

    Letters of a word sit closer to each other than to the lines above and
    below; so for most glyphs the nearest other glyph is to the left or right
    on an upright page, and above or below on a page turned by 90 degrees.
    """
    small = thumbnail if thumbnail is not None else ink_thumbnail(binary)
    _, thresholded = cv2.threshold(small, 127, 255, cv2.THRESH_BINARY)
    _, _, stats, centroids = cv2.connectedComponentsWithStats(thresholded)
    w, h = stats[1:, 2], stats[1:, 3]
    if len(h) < 20:
        return False
    size = np.maximum(w, h)
    typical = float(np.median(size[size >= 3])) if (size >= 3).any() else 0.0
    glyphs = centroids[1:][(size >= max(3.0, 0.5 * typical)) & (size <= 2.0 * typical)]
    if len(glyphs) < 20:
        return False
    # Some glyphs are asked for their nearest neighbour among all of them: thinning out the neighbours
    # too (every k-th glyph in scan order) takes a word's own letters away and leaves the lines above.
    asked = np.arange(0, len(glyphs), max(1, len(glyphs) // 600))
    x, y = glyphs[:, 0], glyphs[:, 1]
    nearest = _nearest(x, y, asked)
    horizontal = float((np.abs(x[asked] - x[nearest]) > np.abs(y[asked] - y[nearest])).mean())
    return horizontal < 0.35


def _nearest(x: np.ndarray, y: np.ndarray, asked: np.ndarray | None = None, *, block: int = 128) -> np.ndarray:
    """Per asked point (all by default), the index of the nearest other point (the first of equals), a block
    of asked points at a time."""
    asked = np.arange(len(x)) if asked is None else asked
    nearest = np.empty(len(asked), dtype=np.intp)
    for start in range(0, len(asked), block):
        rows = asked[start:start + block]
        distance = np.hypot(x[rows, None] - x[None, :], y[rows, None] - y[None, :])
        distance[np.arange(len(rows)), rows] = np.inf
        nearest[start:start + len(rows)] = distance.argmin(axis=1)
    return nearest
