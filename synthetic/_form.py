"""Drawing helpers of the families drawn blind in round 8: a page that switches faces and inks mid-page
(a form pre-printed in one colour, its values typed afterwards), security paper with a guilloche in the
form's colour, filled bands and dotted lines.

    FormPage(size, style, paper=)       Page + `using(face=, ink=)`, `band(box, grey)`, `typed(...)`
    OWN_FACES                           faces of these families only (typewriter, condensed sans)
    guilloche_paper(size, rng, colour)  cream paper under fine interlaced waves and a rosette
    dotted(page, x0, x1, y)             the dotted line a value is typed on

The faces here are never in `FONT_FAMILIES` or `HELDOUT_FAMILIES`, so `Style.varied` and
`Style.heldout` draw exactly as before: the other families keep their bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import numpy as np
from PIL import Image, ImageFont

import core

from ._canvas import Page, Style
from ._look import find_font

OWN_FACES: dict[str, tuple[str, str]] = {
    # Typewriter and line-printer faces (fonts-freefont-ttf, fonts-dejavu-core, fonts-liberation2,
    # fonts-urw-base35: all installed by scripts/setup.sh).
    "FreeMono": ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
    "DejaVu Sans Mono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "Liberation Mono": ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
    "Nimbus Mono PS": ("opentype/urw-base35/NimbusMonoPS-Regular.otf", "opentype/urw-base35/NimbusMonoPS-Bold.otf"),
    # Small condensed sans faces of a recent office print.
    "Open Sans Condensed": ("open-sans/OpenSans-CondLight.ttf", "open-sans/OpenSans-CondBold.ttf"),
    "Nimbus Sans Narrow": ("opentype/urw-base35/NimbusSansNarrow-Regular.otf",
                           "opentype/urw-base35/NimbusSansNarrow-Bold.otf"),
    "Liberation Sans Narrow": ("liberation/LiberationSansNarrow-Regular.ttf",
                               "liberation/LiberationSansNarrow-Bold.ttf"),
    "DejaVu Sans Condensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    # Serif and sans faces for certificates and forms.
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "Nimbus Roman": ("opentype/urw-base35/NimbusRoman-Regular.otf", "opentype/urw-base35/NimbusRoman-Bold.otf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "Nimbus Sans": ("opentype/urw-base35/NimbusSans-Regular.otf", "opentype/urw-base35/NimbusSans-Bold.otf"),
    "URW Bookman": ("opentype/urw-base35/URWBookman-Light.otf", "opentype/urw-base35/URWBookman-Demi.otf"),
    # A chancery italic for what a pen adds (round 9: handwritten dates, initials and filled-in values).
    "Z003": ("opentype/urw-base35/Z003-MediumItalic.otf", "opentype/urw-base35/Z003-MediumItalic.otf"),
    # Italics for the English of a bilingual certificate (round 9).
    "Nimbus Roman Italic": ("opentype/urw-base35/NimbusRoman-Italic.otf", "opentype/urw-base35/NimbusRoman-BoldItalic.otf"),
    "Nimbus Sans Italic": ("opentype/urw-base35/NimbusSans-Italic.otf", "opentype/urw-base35/NimbusSans-BoldItalic.otf"),
}
TYPEWRITERS = ("FreeMono", "Nimbus Mono PS", "Liberation Mono", "DejaVu Sans Mono")


@cache
def own_font(face: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = find_font(OWN_FACES[face][1 if bold else 0])
    if path is None:
        raise core.ConfigurationError(f"font {OWN_FACES[face][1 if bold else 0]} not found: run scripts/setup.sh")
    return ImageFont.truetype(str(path), size)


class FormPage(Page):
    """A page whose text can switch to one of `OWN_FACES` and to another ink for a stretch of drawing."""

    def __init__(self, size: tuple[int, int], style: Style, *, face: str, paper: Image.Image | None = None) -> None:
        super().__init__(size, style, paper=paper)
        self.face = face

    def font(self, points: float, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        return own_font(self.face, self.pt(points), bold=bold)

    @contextmanager
    def using(self, *, face: str | None = None, ink: tuple[int, int, int] | None = None) -> Iterator[None]:
        """Draw the block with another face and/or ink, then go back."""
        saved_face, saved_style = self.face, self.style
        if face is not None:
            self.face = face
        if ink is not None:
            self.style = Style(family=saved_style.family, scale=saved_style.scale, spacing=saved_style.spacing,
                               ink=ink, shift=saved_style.shift, geometry=saved_style.geometry)
        try:
            yield
        finally:
            self.face, self.style = saved_face, saved_style

    def band(self, box: tuple[float, float, float, float], grey: int) -> None:
        """A filled grey band (row shading), drawn as an image so the vector PDF shows it too."""
        x0, y0, x1, y1 = (round(v) for v in box)
        self.paste(Image.new("L", (max(1, x1 - x0), max(1, y1 - y0)), grey), (x0, y0))

    def strike(self, xy: tuple[float, float], text: str, *, points: float, anchor: str = "lm",
               offset: tuple[int, int] = (1, 0)) -> None:
        """A typewriter's second impression a pixel or two off the first: on the raster only (the text
        layer has the value once)."""
        x, y = xy[0] + self.style.shift[0] + offset[0], xy[1] + self.style.shift[1] + offset[1]
        self.draw.text((x, y), text, fill=self.style.ink, font=self.font(points), anchor=anchor)

    def dot_matrix(self, box: tuple[float, float, float, float], rng: random.Random) -> None:
        """Break the strokes inside `box` into the dots of a 9-pin printer (raster only)."""
        dx, dy = self.style.shift
        x0, y0, x1, y1 = (max(0, round(v)) for v in (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy))
        x1, y1 = min(x1, self.image.width), min(y1, self.image.height)
        if x1 <= x0 or y1 <= y0:
            return
        pixels = np.asarray(self.image.crop((x0, y0, x1, y1))).astype(np.int16)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        pitch = rng.choice((3, 4))
        gaps = ((xx % pitch) == 0) | ((yy % pitch) == 0)
        dark = pixels.min(axis=2) < 110 if pixels.ndim == 3 else pixels < 110
        lift = gaps & dark
        if pixels.ndim == 3:
            pixels[lift] = pixels[lift] + (np.int16(150) - pixels[lift]) * 6 // 10
        else:
            pixels[lift] = pixels[lift] + (np.int16(150) - pixels[lift]) * 6 // 10
        self.image.paste(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), self.image.mode), (x0, y0))


def guilloche_paper(size: tuple[int, int], rng: random.Random, colour: tuple[int, int, int],
                    *, strength: float = 0.22) -> Image.Image:
    """Cream security paper under two families of fine interlaced waves and a central rosette, printed in
    `colour` at `strength` (light enough that a photocopy drops it)."""
    w, h = size
    y = np.arange(h, dtype=np.float32)[:, None]
    x = np.arange(w, dtype=np.float32)[None, :]
    k1, k2, a1 = rng.uniform(0.11, 0.16), rng.uniform(0.006, 0.011), rng.uniform(3.0, 6.0)
    ph = rng.uniform(0, 6.28)
    # cos(a + b) as outer products of a column and a row: the waves cost two multiplications a pixel.
    a = y * k1

    def wave(b: np.ndarray) -> np.ndarray:
        return np.cos(a) * np.cos(b) - np.sin(a) * np.sin(b)

    lines = (wave(a1 * np.sin(x * k2 + ph)) > 0.8) | (wave(-a1 * np.sin(x * k2 * 1.21 + ph / 2)) > 0.85)
    mask = lines.view(np.uint8) * np.uint8(255)
    cx, cy = w * rng.uniform(0.45, 0.55), h * rng.uniform(0.45, 0.55)
    radius = min(w, h) * 0.32
    x0, y0 = int(cx - radius), int(cy - radius)
    ry = np.arange(y0, y0 + 2 * int(radius), 2, dtype=np.float32)[:, None] - cy
    rx = np.arange(x0, x0 + 2 * int(radius), 2, dtype=np.float32)[None, :] - cx
    r = np.hypot(rx, ry)
    petals = rng.choice((6, 8, 12))
    rosette = ((np.cos(r * 0.09 + 5 * np.sin(petals * np.arctan2(ry, rx))) > 0.85) & (r < radius)).astype(np.uint8)
    big = np.asarray(Image.fromarray(rosette * 230).resize((rosette.shape[1] * 2, rosette.shape[0] * 2),
                                                           Image.Resampling.BILINEAR))
    region = mask[y0:y0 + big.shape[0], x0:x0 + big.shape[1]]
    np.maximum(region, big[:region.shape[0], :region.shape[1]], out=region)
    cream = rng.choice(((250, 248, 238), (248, 246, 240), (246, 248, 244)))
    # The pattern's ink over the cream at `strength`: PIL blends through the mask in one pass.
    weight = Image.fromarray(mask).point(lambda v: round(v * strength))
    return Image.composite(Image.new("RGB", size, colour), Image.new("RGB", size, cream), weight)


def dotted(page: Page, x0: float, x1: float, y: float, *, step: int = 14, width: int = 2) -> None:
    """A dotted line from x0 to x1 at height y (drawn as short dashes: one op each)."""
    x = x0
    while x < x1:
        page.line((x, y, min(x + 3, x1), y), width=width)
        x += step
