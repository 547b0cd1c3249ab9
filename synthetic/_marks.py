"""What an office adds to a printed page: a round stamp, a wet signature, security-paper tint.

Each returns a PIL image (RGBA where it lets the page show through) that
`Page.paste` puts down; all randomness comes from the `random.Random` passed in.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ._canvas import font

_STAMP_INKS = ((72, 52, 160), (40, 70, 170), (120, 40, 120), (150, 40, 50))
_SIGNATURE_INKS = ((20, 30, 120), (15, 15, 25), (30, 40, 90))
_TINTS = ((236, 244, 230), (242, 236, 222), (228, 238, 246), (246, 234, 240))


def stamp(rng: random.Random, *, ring: str, centre: str, family: str, diameter: int = 420) -> Image.Image:
    """A round rubber stamp: two rings, `ring` text around, `centre` across, a little uneven."""
    ink = rng.choice(_STAMP_INKS)
    alpha = rng.randint(150, 215)
    size = diameter + 20
    layer = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(layer)
    c = size / 2
    r = diameter / 2
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=7)
    draw.ellipse((c - r * 0.66, c - r * 0.66, c + r * 0.66, c + r * 0.66), outline=255, width=4)
    face = font(family, max(18, int(diameter * 0.075)), bold=True)
    letters = ring.upper()
    span = math.radians(300)
    for i, ch in enumerate(letters):
        angle = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(letters)
        glyph = Image.new("L", (int(face.size * 2), int(face.size * 2)), 0)
        ImageDraw.Draw(glyph).text((face.size, face.size), ch, fill=255, font=face, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = c + r * 0.83 * math.cos(angle) - glyph.width / 2
        y = c + r * 0.83 * math.sin(angle) - glyph.height / 2
        layer.paste(255, (int(x), int(y)), glyph)
    small = font(family, max(14, int(diameter * 0.06)), bold=True)
    for j, word in enumerate(centre.upper().split("\n")):
        draw.text((c, c + (j - 0.5) * small.size * 1.3), word, fill=255, font=small, anchor="mm")
    # Rubber stamps print unevenly: blotches of weaker ink.
    noise = np.random.default_rng(rng.randrange(2**32)).uniform(0.55, 1.0, (size // 12 + 1, size // 12 + 1))
    patches = Image.fromarray((noise * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BILINEAR)
    mask = np.asarray(layer, dtype=np.float32) * np.asarray(patches, dtype=np.float32) / 255 * alpha / 255
    out = Image.new("RGBA", (size, size), (*ink, 0))
    out.putalpha(Image.fromarray(mask.astype(np.uint8)))
    return out.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)


def signature(rng: random.Random, *, width: int = 520, height: int = 220) -> Image.Image:
    """A wet-ink signature: a few loops and a flourish drawn as one pen stroke."""
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    points = []
    loops = rng.randint(3, 6)
    steps = 240
    amp = [rng.uniform(0.2, 0.45) * height for _ in range(loops)]
    for k in range(steps):
        t = k / (steps - 1)
        x = width * (0.05 + 0.8 * t) + 30 * math.sin(t * loops * 2 * math.pi * 1.5)
        y = height * 0.55 - amp[min(int(t * loops), loops - 1)] * math.sin(t * loops * 2 * math.pi)
        points.append((x, y))
    points += [(width * 0.85, height * 0.6), (width * 0.2, height * rng.uniform(0.7, 0.85))]
    draw.line(points, fill=255, width=rng.randint(4, 7), joint="curve")
    layer = layer.filter(ImageFilter.GaussianBlur(0.8))
    out = Image.new("RGBA", (width, height), (*rng.choice(_SIGNATURE_INKS), 0))
    out.putalpha(layer)
    return out


def security_paper(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Pale tinted paper with a guilloche of fine waves and a faint central emblem, opaque RGB."""
    w, h = size
    tint = np.array(rng.choice(_TINTS), dtype=np.float32)
    yy, xx = np.mgrid[0:h:4, 0:w:4].astype(np.float32)
    f1, f2, ph = rng.uniform(0.004, 0.009), rng.uniform(0.01, 0.02), rng.uniform(0, 6.28)
    waves = np.sin(xx * f1 + 40 * np.sin(yy * f2 + ph)) * np.sin(yy * f1 * 1.3 + 30 * np.sin(xx * f2))
    cy, cx = h / 2, w / 2
    emblem = np.exp(-(((xx - cx) / (w * 0.22)) ** 2 + ((yy - cy) / (h * 0.18)) ** 2))
    shade = 1 - 0.035 * (waves > 0.6) - 0.05 * emblem * (np.sin(np.hypot(xx - cx, yy - cy) * 0.08) > 0)
    pixels = np.clip(tint[None, None, :] * shade[..., None], 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB").resize(size, Image.Resampling.BILINEAR)
