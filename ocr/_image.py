"""Bytes to page images, and the OpenCV steps before Tesseract: gray, binarize, find and drop ruled lines."""

from __future__ import annotations

import io
import warnings

import cv2
import numpy as np
from PIL import Image

import core

from ._model import Grid, row_rules

MAX_PIXELS = 80_000_000
"""Default per-page pixel limit (`Settings.max_pixels`); an A4 page at 600 dpi is 35 Mpx."""
MAX_PAGES = 10
"""Default page limit (`Settings.max_pages`)."""

# Pillow's own bomb guard, set explicitly: it raises on open (headers only) above twice this, and
# `image_size` compares every frame against the caller's limit anyway, so the global never decides.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# OpenCV's guard (CV_IO_MAX_IMAGE_PIXELS, 2**30 unless set in the environment before cv2 is
# imported) is never relied on: cv2.imdecode only runs after every frame's header has passed.


def image_size(data: bytes, *, max_pixels: int = MAX_PIXELS, max_pages: int = MAX_PAGES) -> tuple[int, int]:
    """(width, height) of the largest frame, from the file headers only.

    FileTooLarge over `max_pixels` for any frame or over `max_pages` frames
    (multi-page TIFF), before a single pixel is decoded.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                frames = getattr(img, "n_frames", 1)
                if frames > max_pages:
                    raise core.FileTooLarge(f"{frames} pages, limit {max_pages}",
                                            message_id=f"Berkas terlalu besar: {_id_number(frames)} halaman, "
                                                       f"paling banyak {max_pages}.")
                sizes = [img.size]
                for index in range(1, frames):
                    img.seek(index)
                    sizes.append(img.size)
    except Image.DecompressionBombError as e:
        raise core.FileTooLarge(
            f"image is over the pixel limit of {max_pixels} per page",
            message_id=f"Gambar terlalu besar: lebih dari {_id_number(max_pixels)} piksel per halaman. Pindai "
                       "ulang dengan resolusi 200–300 dpi.") from e
    except core.CapilError:
        raise
    except (OSError, ValueError, EOFError, SyntaxError) as e:
        raise core.UnsupportedFile("image header cannot be read") from e
    width, height = max(sizes, key=lambda wh: wh[0] * wh[1])
    if width * height > max_pixels:
        raise core.FileTooLarge(
            f"image has {width * height} pixels, limit {max_pixels} per page",
            message_id=f"Gambar terlalu besar: {width}×{height} piksel, paling banyak {_id_number(max_pixels)} "
                       "piksel per halaman. Pindai ulang dengan resolusi 200–300 dpi.")
    for w, h in sizes:
        if min(w, h) < MIN_SIDE or max(w, h) > MAX_ASPECT * min(w, h):
            raise core.UnsupportedFile(
                f"a {w}x{h} image is not a page",
                message_id=f"Gambar {w}×{h} piksel bukan pindaian halaman dokumen. Unggah pindaian atau foto "
                           "seluruh halaman.")
    return width, height


MIN_SIDE = 16
MAX_ASPECT = 20
"""A page image is at least `MIN_SIDE` pixels on each side and at most `MAX_ASPECT` times longer than
wide: anything else is not a page (and a 200000x1 strip crashed OpenCV's resize)."""


def _id_number(n: int) -> str:
    """`80000000` as Indonesians write it: `80.000.000`."""
    return f"{n:,}".replace(",", ".")


def decode_pages(data: bytes, *, max_pixels: int = MAX_PIXELS, max_pages: int = MAX_PAGES) -> list[np.ndarray]:
    """Every page of a raster file as an 8-bit grayscale array (TIFF may hold several); on a colour page,
    stamp and pen ink in compact patches is lifted to the paper (`without_stamp_ink`)."""
    image_size(data, max_pixels=max_pixels, max_pages=max_pages)
    buffer = np.frombuffer(data, dtype=np.uint8)
    ok, pages = cv2.imdecodemulti(buffer, cv2.IMREAD_GRAYSCALE)
    if not ok or not pages:
        single = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE)
        if single is None:
            raise core.UnsupportedFile("image data cannot be decoded")
        pages = [single]
    if len(pages) > max_pages:
        raise core.FileTooLarge(f"{len(pages)} pages, limit {max_pages}")
    for page in pages:
        if page.shape[0] * page.shape[1] > max_pixels:
            raise core.FileTooLarge(f"a page has over {max_pixels} pixels")
    if len(pages) == 1 and _in_colour(data):
        colour = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
        if colour is not None and colour.shape[:2] == pages[0].shape:
            pages = [without_stamp_ink(colour, pages[0])]
    return [np.ascontiguousarray(p) for p in pages]


def _in_colour(data: bytes) -> bool:
    """Whether a single-image file holds colour (three or four channels), from its header only."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            return img.mode in ("RGB", "RGBA", "YCbCr", "CMYK", "P")
    except (OSError, ValueError, EOFError, SyntaxError):
        return False


_CHROMA = 40
"""Spread between a pixel's strongest and weakest channel above which it is coloured ink, not print."""
_INK_LIGHT = 80
"""A coloured pixel whose strongest channel is below this is print seen through ink (or JPEG colour bleeding
onto a black stroke), and stays."""
_HUES = (100, 165)
"""OpenCV hues (half degrees) of stamp and pen ink: blue through violet to purple. Red and black print in
colour (a blanko's title and serial, a letterhead) is print, not legalisation, and stays."""
_OTHER_COLOUR = 0.0005
"""A page with more than this share of pixels coloured in other hues (a green or brown blanko, a red title or
serial, a coloured photo's surroundings) is printed in colour, and its blue ink may be print too: left alone."""
_LEAST_INK = 0.0005
"""A page with a smaller share of its pixels in stamp or pen ink has nothing to lift."""
_MAX_PATCHES = 8
"""More patches of coloured ink than this are a page printed in colour (labels, titles), not a legalisation."""
_PATCH = (0.6, 0.45, 0.15)
"""Coloured ink is a stamp or a pen's work when its patch (the ink joined over ~6 mm) spans at most these
shares of the page's width, height and area: a coloured form, security paper or a photo's table is page-wide
and stays."""


def without_stamp_ink(bgr: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """`gray` (the page's luminance) with coloured ink in compact patches lifted to the paper's level.

    Rubber-stamp and pen ink (blue, violet, purple) over black print: where the stamp's ink lies alone the
    pixel is strongly coloured and light in its strongest channel, so it becomes paper; where print shows
    through the ink the pixel is dark in every channel and stays. The stamp's box, ring and words and the
    signature drawn over a field no longer join its letters. Only a page whose coloured ink lies wholly in
    patches (a stamp, a signature, initials) is lifted: a form, a guilloche or a letterhead printed in
    colour spreads over the page, and such a page keeps its title and labels. An uncoloured page comes
    back unchanged.
    """
    b, g, r = cv2.split(bgr)
    top = cv2.max(cv2.max(b, g), r)
    chroma = cv2.subtract(top, cv2.min(cv2.min(b, g), r))  # never below 0: top is the largest
    coloured = (chroma > _CHROMA) & (top >= _INK_LIGHT)
    where = np.flatnonzero(coloured)
    if where.size / coloured.size < _LEAST_INK:  # ink is coloured: too little to lift (most pages)
        return gray
    # Hue of the coloured pixels only, laid out in one row as a page's are (HSV costs by the pixel).
    hue = cv2.cvtColor(np.ascontiguousarray(bgr.reshape(-1, 3)[where][None]), cv2.COLOR_BGR2HSV)[0, :, 0]
    inked = (hue >= _HUES[0]) & (hue <= _HUES[1])
    flat = np.zeros(coloured.size, dtype=bool)
    flat[where[inked]] = True
    ink = flat.reshape(coloured.shape)
    n_ink = int(inked.sum())
    if n_ink / ink.size < _LEAST_INK or (where.size - n_ink) / ink.size > _OTHER_COLOUR:  # colours of its own
        return gray
    h, w = gray.shape
    scale = 8
    small = cv2.resize(ink.astype(np.uint8) * 255, (max(1, w // scale), max(1, h // scale)), interpolation=cv2.INTER_AREA)
    joined = cv2.dilate((small > 20).astype(np.uint8), np.ones((9, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    sh, sw = joined.shape
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    keep = (widths <= _PATCH[0] * sw) & (heights <= _PATCH[1] * sh) & (widths * heights <= _PATCH[2] * sw * sh)
    keep[0] = False
    if not keep.any() or not keep[1:].all() or count - 1 > _MAX_PATCHES:  # printed in colour: leave it
        return gray
    patches = cv2.resize(keep[labels].astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST).astype(bool)
    lift = ink & patches
    out = gray.copy()
    out[lift] = np.clip(top[lift].astype(np.int16) + chroma[lift], 0, 255).astype(np.uint8)
    return out


def even_light(gray: np.ndarray) -> np.ndarray:
    """The page divided by its own background: uneven lamp light and grey paper become white.

    The background is the page with the text closed away (a grey closing on a
    downscaled copy, then smoothed), so strokes keep their contrast wherever
    they are. Dark ink stays dark; shading and tint go.
    """
    h, w = gray.shape
    scale = min(1.0, 600 / max(h, w))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    background = cv2.GaussianBlur(background, (0, 0), 5)
    background = cv2.resize(background, (w, h), interpolation=cv2.INTER_LINEAR)
    level = cv2.divide(gray, cv2.max(background, 1), scale=255)  # type: ignore[call-overload]  # max with a scalar
    return level


def denoise(gray: np.ndarray) -> np.ndarray:
    """Sensor and JPEG speckle away, edges kept (a 3x3 median)."""
    return cv2.medianBlur(gray, 3)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Black text on white: Otsu over a lightly smoothed page."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, binary = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def blank_gaps(gray: np.ndarray, box: tuple[int, int, int, int]) -> list[float]:
    """Widths of the ink-free column runs between the first and last ink inside `box` (x0, y0, x1, y1) of a
    page image, each as a share of the box's height, widest first: where the printed words break."""
    x0, y0, x1, y1 = (max(0, v) for v in box)
    crop = gray[y0:y1, x0:x1]
    if crop.size == 0 or y1 <= y0:
        return []
    _, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    blank = ink.sum(axis=0) <= max(1.0, _SPECK * (y1 - y0))
    inked = np.flatnonzero(~blank)
    if inked.size < 2:
        return []
    inside = blank[inked[0]:inked[-1] + 1].astype(np.int8)
    edges = np.diff(np.concatenate(([0], inside, [0])))
    runs = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return sorted((float(r) / (y1 - y0) for r in runs), reverse=True)


_SPECK = 0.04
"""A column with ink over less than this share of the box's height is blank (a speck, a stray dot)."""


def blob_boxes(mask: np.ndarray) -> np.ndarray:
    """(x, y, w, h) of every 8-connected blob of non-zero pixels, blobs inside others' holes included.

    The same boxes as `cv2.connectedComponentsWithStats`, several times
    faster: that call costs ~0.1 s on a 300-dpi A4 page, outer contours ~0.02 s.
    """
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return np.zeros((0, 4), dtype=np.int64)
    outer = [cv2.boundingRect(contours[i]) for i in np.flatnonzero(hierarchy[0][:, 3] == -1).tolist()]
    return np.array(outer, dtype=np.int64).reshape(-1, 4)


def text_height(binary: np.ndarray) -> float:
    """Median height of glyph-like blobs (black on white): the size of the body text in pixels."""
    boxes = blob_boxes(255 - binary)
    h, w = boxes[:, 3], boxes[:, 2]
    glyphs = h[(h >= 6) & (h < 200) & (w < 3 * h)]
    return float(np.median(glyphs)) if glyphs.size >= 20 else 25.0


def rule_mask(binary: np.ndarray, *, glyph: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Masks (white = rule) of long horizontal and vertical lines.

    A rule must be longer than any letter, titles in display type included:
    at least six body-text heights and a 35th of the page, so that the stems
    of a 30-point `IJAZAH` are never taken for table rules and erased.
    """
    ink = 255 - binary
    h, w = binary.shape
    glyph = glyph if glyph is not None else text_height(binary)
    least = max(40, round(6 * glyph))
    horizontal = _open_along(ink, max(least, w // 35), axis=1)
    vertical = _open_along(ink, max(least, h // 35), axis=0)
    return horizontal, vertical


def _open_along(ink: np.ndarray, length: int, *, axis: int) -> np.ndarray:
    """`cv2.morphologyEx(ink, MORPH_OPEN, <1 x length line along axis>)`, dilating only the lines the erosion left.

    With a kernel one pixel thick, the dilation treats every row (axis 1) or
    column (axis 0) on its own, and one the erosion emptied stays empty: on a
    page, nearly all of them.
    """
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if axis == 1 else (1, length))
    eroded = cv2.erode(ink, kernel)
    kept = np.flatnonzero(eroded.any(axis=axis))
    opened = np.zeros_like(ink)
    if not kept.size:
        return opened
    if axis == 1:
        opened[kept] = cv2.dilate(np.ascontiguousarray(eroded[kept]), kernel)
    else:
        opened[:, kept] = cv2.dilate(np.ascontiguousarray(eroded[:, kept]), kernel)
    return opened


_SLANT = 9
"""Pixels a ruled line may drift across the table after deskewing (0.15 degree over 3000 px is 8)."""


def find_grids(binary: np.ndarray, *, glyph: float | None = None,
               masks: tuple[np.ndarray, np.ndarray] | None = None) -> list[Grid]:
    """Ruled tables on the page, top to bottom; boxes and frames without inner rules are ignored."""
    horizontal, vertical = masks if masks is not None else rule_mask(binary, glyph=glyph)
    joined = _dilated_rules(horizontal, vertical, size=5)
    grids = []
    for x, y, w, h in blob_boxes(joined).tolist():
        if w < binary.shape[1] * 0.3 or h < 40:
            continue
        # Thickened across, so that a rule left a little aslant still fills one row (or column) of the profile.
        band = np.ones((_SLANT, 1), np.uint8)
        rules = cv2.dilate(horizontal[y:y + h, x:x + w], band) > 0
        ys = _rule_positions(rules.sum(axis=1), w * 0.5, y)
        xs = _rule_positions(cv2.dilate(vertical[y:y + h, x:x + w], band.T).sum(axis=0) / 255, h * 0.5, x)
        ys = row_rules(xs, ys, lambda yy, x0, x1: float(rules[yy - y, x0 - x:x1 - x].mean()))  # noqa: B023
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append(Grid(xs=tuple(xs), ys=tuple(ys)))
    return sorted(grids, key=lambda g: g.ys[0])


def _rule_positions(profile: np.ndarray, threshold: float, offset: int) -> list[int]:
    """Centres of the runs where a projection profile is above threshold."""
    positions, start = [], None
    for i, value in enumerate([*profile.tolist(), 0]):
        if value >= threshold and start is None:
            start = i
        elif value < threshold and start is not None:
            positions.append(int(offset + (start + i - 1) // 2))
            start = None
    return positions


def without_rules(binary: np.ndarray, *, glyph: float | None = None,
                  masks: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The page with long ruled lines painted white, so Tesseract sees only text.

    The strokes a row rule crosses stay: where the painted band has ink right
    above and right below it in a column (a letter's stem printed through the
    rule), that column of the band keeps its pixels. A rule struck through the
    text's lower half erased every stem's middle, and the rows read as nonsense.
    """
    glyph = glyph if glyph is not None else text_height(binary)
    horizontal, vertical = masks if masks is not None else rule_mask(binary, glyph=glyph)
    rules = _dilated_rules(horizontal, vertical, size=3)
    cleaned = cv2.bitwise_or(binary, rules)  # the masks are 0 or 255
    _bridge_strokes(cleaned, binary, rules, (horizontal, vertical), widest=max(3, round(_BRIDGED * glyph)),
                    longest=max(8, round(_STROKE * glyph)))
    return cleaned


_BRIDGED = 0.5
"""A painted band is bridged only where it is at most this many body-text heights tall (a rule, not a block)."""
_BESIDE = 4
"""Pixels either side of a vertical rule where no stroke is bridged (a deskewed photo's rule leaves slivers)."""
_STROKE = 1.5
"""A stroke crossing a rule is at most this many body-text heights long, the band included: a longer one is
a ruled line too short to be found as one (a photocopy's broken column rule), and joining its pieces
across the row rule changed how Tesseract cut a buku nikah's table (two NIKs lost)."""


def _bridge_strokes(cleaned: np.ndarray, binary: np.ndarray, rules: np.ndarray,
                    masks: tuple[np.ndarray, np.ndarray], *, widest: int, longest: int) -> None:
    """Put back, in place, the pixels of `rules` (the painted bands) in the columns where a run of them at most
    `widest` tall has ink of `cleaned` right above and right below it, and that ink with the run is a vertical
    stroke at most `longest` long: a letter's stem crossing a row rule. Only rows near a horizontal rule are
    looked at, and no column near a vertical rule (what its erasing left at its edges is no stroke)."""
    horizontal, vertical = masks
    height = cleaned.shape[0]
    beside = np.ones((1, 2 * _BESIDE + 1), np.uint8)
    for lo, hi in _runs_near(np.asarray(horizontal.any(axis=1)), reach=2):
        band = rules[lo:hi] > 0
        if not band.any():
            continue
        # The strip and `longest` rows either side of it: enough to tell a stroke from a longer line.
        top = max(0, lo - longest)
        ink = cleaned[top:min(height, hi + longest)] == 0
        rows = np.arange(hi - lo)[:, None]
        # For every pixel, the nearest row above (below) that is not painted, in its column: -1 (hi - lo) if none.
        above = np.maximum.accumulate(np.where(band, -1, rows), axis=0)
        below = np.minimum.accumulate(np.where(band, hi - lo, rows)[::-1], axis=0)[::-1]
        crossed = band & (above >= 0) & (below < hi - lo) & (below - above - 1 <= widest)
        a, b = np.clip(above, 0, None) + lo - top, np.clip(below, None, hi - lo - 1) + lo - top
        cols = np.arange(band.shape[1])[None, :]
        crossed &= ink[a, cols] & ink[b, cols]
        crossed &= ~np.asarray(cv2.dilate(vertical[top:min(height, hi + longest)], beside).any(axis=0))[None, :]
        some = np.flatnonzero(crossed.any(axis=0))
        if not some.size:
            continue
        down, up = _ink_runs(ink[:, some])
        at = np.arange(some.size)[None, :]
        crossed[:, some] &= down[a[:, some], at] + (b[:, some] - a[:, some] - 1) + up[b[:, some], at] <= longest
        crossed &= _among_others(np.asarray(crossed.any(axis=0)), reach=longest)[None, :]
        if crossed.any():
            strip = cleaned[lo:hi]
            strip[crossed] = binary[lo:hi][crossed]


def _among_others(columns: np.ndarray, *, reach: int) -> np.ndarray:
    """The set columns whose run of set columns has another run within `reach` columns: a word's letters cross
    a rule stem after stem, where a lone tick is what is left of a broken column rule."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.view(np.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    gaps = starts[1:] - ends[:-1]
    near = np.zeros(len(starts), dtype=bool)
    near[1:] |= gaps <= reach
    near[:-1] |= gaps <= reach
    out = np.zeros_like(columns)
    for start, end in zip(starts[near].tolist(), ends[near].tolist(), strict=True):
        out[start:end] = True
    return out


def _ink_runs(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every pixel, how many ink pixels run down to it from above and up to it from below in its column,
    itself included (0 on white)."""
    down = np.zeros(ink.shape, np.int32)
    up = np.zeros(ink.shape, np.int32)
    run = np.zeros(ink.shape[1], np.int32)
    for y in range(ink.shape[0]):
        run = (run + 1) * ink[y]
        down[y] = run
    run[:] = 0
    for y in range(ink.shape[0] - 1, -1, -1):
        run = (run + 1) * ink[y]
        up[y] = run
    return down, up


def _dilated_rules(horizontal: np.ndarray, vertical: np.ndarray, *, size: int) -> np.ndarray:
    """`cv2.dilate(horizontal | vertical, <size x size square>)`, worked out only near the rules.

    Dilation distributes over a union, and the square reaches `size // 2`
    pixels: only rows that near a row of `horizontal` holding a rule (and
    columns that near a column of `vertical` holding one) can be inked. Each
    run of such rows (columns) is dilated on its own; every rule row within
    reach of it lies inside it.
    """
    kernel = np.ones((size, size), np.uint8)
    out = np.zeros_like(horizontal)
    for mask, axis in ((horizontal, 1), (vertical, 0)):
        for lo, hi in _runs_near(np.asarray(mask.any(axis=axis)), reach=size // 2):
            if axis == 1:
                out[lo:hi] |= cv2.dilate(mask[lo:hi], kernel)
            else:
                out[:, lo:hi] |= cv2.dilate(mask[:, lo:hi], kernel)
    return out


def _runs_near(flags: np.ndarray, *, reach: int) -> list[tuple[int, int]]:
    """[lo, hi) runs of the indices within `reach` of a set flag."""
    near = np.convolve(flags, np.ones(2 * reach + 1, dtype=np.int64))[reach:reach + len(flags)] > 0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], near.view(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def without_counter_dots(binary: np.ndarray, *, glyph: float) -> np.ndarray:
    """The page with dots inside glyph counters painted white (the dotted zero of monospaced fonts).

    Tesseract reads a dotted `0` as `8`, `6` or `9`. No Latin letter or digit
    has ink floating inside its hole, so a small blob wholly inside the hole of
    a glyph-sized blob is a dot or speck and goes. Tables must be without
    their rules first: a cell is a hole of the grid, and the text in it is not
    a dot.
    """
    contours, hierarchy = cv2.findContours(255 - binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return binary
    links = hierarchy[0]
    holes = links[:, 3]
    # Blobs inside a hole that lies inside another blob, in contour order.
    inside = np.flatnonzero((holes >= 0) & (links[np.maximum(holes, 0), 3] >= 0)).tolist()
    cleaned = binary
    for i in inside:
        hole = int(holes[i])
        glyph_box = cv2.boundingRect(contours[links[hole][3]])
        if glyph_box[3] > _GLYPH_SIZED * glyph or glyph_box[2] > _GLYPH_SIZED * glyph:
            continue
        if cv2.contourArea(contours[i]) > _DOT_SHARE * cv2.contourArea(contours[hole]):
            continue
        if cleaned is binary:
            cleaned = binary.copy()
        cv2.drawContours(cleaned, contours, i, 255, thickness=cv2.FILLED)
    return cleaned


_GLYPH_SIZED = 2.5
"""A blob at most this many body-text heights tall and wide is a glyph (a bold header number is ~1.7;
a table or stamp frame is bigger)."""
_DOT_SHARE = 0.4
"""A blob inside a counter covering at most this share of it is a dot, not a nested glyph."""


def without_graphics(binary: np.ndarray, *, min_side: int = 150, min_density: float = 0.3) -> np.ndarray:
    """The page with dense blocks far taller than text (QR codes, photos, logos) painted white.

    Tesseract's layout analysis drops a whole text line when a QR code shares
    its height; nothing readable is lost, since text lines are never this tall
    and this dense. The dilation only joins touching modules and strokes; text
    stays in word-sized pieces however tight the line spacing.
    """
    ink = 255 - binary
    joined = cv2.dilate(ink, np.ones((5, 5), np.uint8))
    cleaned = binary.copy()
    for x, y, w, h in blob_boxes(joined).tolist():
        if w < min_side or h < min_side or max(w, h) > 3 * min(w, h):
            continue
        if (ink[y:y + h, x:x + w] > 0).mean() >= min_density:
            cleaned[y:y + h, x:x + w] = 255
    return cleaned
