"""Variants of a clean rendered page: what a scanner, a phone camera or a PDF export makes of it.

    degrade(rendered, variant, seed=) -> Degraded(data, extension, meta)

`clean` (PNG, 300 dpi), `scan` (skew up to ±3°, 200–300 dpi, noise, blur, JPEG),
`photo` (the page in perspective on a background, uneven light, rotation up
to ±8°, JPEG), `pdf_text` (vector PDF whose text layer is the printed text),
`pdf_image` (image-only PDF of a 200–300 dpi raster). Two more, not in the default
`VARIANTS` (so a default corpus keeps its files): `worn_scan` (a scan whose ruled lines are faint,
broken, doubled or missing, from the page's drawing ops) and `photocopy` (high contrast, grey
background, toner speckle, 200–300 dpi JPEG). The ground truth does not change; the same seed gives
the same bytes.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageFilter

from ._canvas import DPI, Rendered
from ._pdf import image_pdf, vector_pdf

VARIANTS = ("clean", "scan", "photo", "pdf_text", "pdf_image")
"""The default corpus's variants."""
EXTRA_VARIANTS = ("worn_scan", "photocopy")
"""Variants a corpus has only when asked for (`--variants`)."""
ALL_VARIANTS = VARIANTS + EXTRA_VARIANTS
RULE_DAMAGE = ("faint", "broken", "doubled", "missing")


@dataclass(frozen=True)
class Degraded:
    """The file bytes of one variant, its extension, and what was done (angles, dpi, quality)."""

    data: bytes
    extension: str
    meta: dict[str, Any] = field(default_factory=dict)


def degrade(rendered: Rendered, variant: str, *, seed: int) -> Degraded:
    if variant not in ALL_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: use one of {', '.join(ALL_VARIANTS)}")
    rng = random.Random(f"{variant}-{seed}")
    if variant == "clean":
        return Degraded(rendered.png, "png", {"dpi": DPI})
    if variant == "pdf_text":
        size = Image.open(io.BytesIO(rendered.png)).size
        return Degraded(vector_pdf(rendered.ops, size=size, dpi=DPI), "pdf", {"dpi": DPI})
    page = Image.open(io.BytesIO(rendered.png)).convert("RGB")
    if variant == "scan":
        image, meta = _scan(page, rng)
        return Degraded(_jpeg(image, quality=meta["jpeg_quality"], dpi=meta["dpi"]), "jpg", meta)
    if variant == "photo":
        image, meta = _photo(page, rng)
        return Degraded(_jpeg(image, quality=meta["jpeg_quality"], dpi=None), "jpg", meta)
    if variant == "worn_scan":
        page, rules = _worn_rules(page, rendered.ops, rng)
        image, meta = _scan(page, rng)
        return Degraded(_jpeg(image, quality=meta["jpeg_quality"], dpi=meta["dpi"]), "jpg", {**meta, "rules": rules})
    if variant == "photocopy":
        image, meta = _photocopy(page, rng)
        return Degraded(_jpeg(image, quality=meta["jpeg_quality"], dpi=meta["dpi"]), "jpg", meta)
    dpi = rng.randint(200, 300)
    small = _resample(page, dpi)
    quality = rng.randint(70, 90)
    return Degraded(image_pdf(_jpeg(small, quality=quality, dpi=dpi), size=small.size, dpi=dpi), "pdf",
                    {"dpi": dpi, "jpeg_quality": quality})


def _resample(page: Image.Image, dpi: int) -> Image.Image:
    if dpi == DPI:
        return page
    size = (round(page.width * dpi / DPI), round(page.height * dpi / DPI))
    return page.resize(size, Image.Resampling.LANCZOS)


def _scan(page: Image.Image, rng: random.Random) -> tuple[Image.Image, dict[str, Any]]:
    dpi = rng.randint(200, 300)
    angle = rng.uniform(-3, 3)
    blur = rng.uniform(0.3, 1.1)
    sigma = rng.uniform(3, 10)
    quality = rng.randint(55, 90)
    gray = rng.random() < 0.5
    image = _resample(page, dpi)
    if gray:
        image = image.convert("L")
    pixels = np.asarray(image)
    h, w = pixels.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = (250,) * (1 if gray else 3)
    pixels = cv2.warpAffine(pixels, turn, (w, h), flags=cv2.INTER_CUBIC, borderValue=fill)
    pixels = cv2.GaussianBlur(pixels, (0, 0), blur * dpi / DPI)
    noise = np.random.default_rng(rng.randrange(2**32)).standard_normal((h, w), dtype=np.float32) * sigma
    if not gray:
        noise = noise[..., None]
    # A scanner lifts the blacks and dims the white a little.
    pixels = np.clip(pixels * np.float32(rng.uniform(0.88, 0.97)) + np.float32(rng.uniform(8, 25)) + noise, 0, 255)
    image = Image.fromarray(pixels.astype(np.uint8), "L" if gray else "RGB")
    return image, {"dpi": dpi, "angle": round(angle, 3), "blur": round(blur, 3), "noise_sigma": round(sigma, 2),
                   "jpeg_quality": quality, "gray": gray}


def _photo(page: Image.Image, rng: random.Random) -> tuple[Image.Image, dict[str, Any]]:
    """The page lying on a table, shot from a little off-axis, under a lamp."""
    long_side = rng.randint(2600, 3600)
    scale = long_side / max(page.size) * rng.uniform(0.78, 0.9)
    w, h = page.width * scale, page.height * scale
    out_w, out_h = (long_side, round(long_side * 0.75)) if page.width > page.height else \
        (round(long_side * 0.75), long_side)
    angle = math.radians(rng.uniform(-8, 8))
    cx, cy = out_w / 2 + rng.uniform(-0.04, 0.04) * out_w, out_h / 2 + rng.uniform(-0.04, 0.04) * out_h
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        # Perspective: each corner pulled in or out independently by up to 6 % of the page.
        x = sx * w / 2 * (1 + rng.uniform(-0.06, 0.03))
        y = sy * h / 2 * (1 + rng.uniform(-0.06, 0.03))
        corners.append((cx + x * math.cos(angle) - y * math.sin(angle), cy + x * math.sin(angle) + y * math.cos(angle)))
    src = np.array([(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, np.array(corners, dtype=np.float32))
    grain = np.random.default_rng(rng.randrange(2**32))
    table = np.array([rng.randint(60, 140), rng.randint(50, 110), rng.randint(30, 90)], dtype=np.float32)
    background = np.clip(table + grain.standard_normal((out_h, out_w, 1), dtype=np.float32) * 12, 0, 255)
    background = background.astype(np.uint8)
    warped = cv2.warpPerspective(np.asarray(page), matrix, (out_w, out_h), flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_TRANSPARENT, dst=background.copy())
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    lx, ly = rng.uniform(0, out_w), rng.uniform(0, out_h)
    light = 1.05 - 0.45 * np.hypot(xx - lx, yy - ly) / math.hypot(out_w, out_h)
    light *= 1 - rng.uniform(0.0, 0.15) * (xx / out_w if rng.random() < 0.5 else yy / out_h)
    warm = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.97)], dtype=np.float32)
    speckle = grain.standard_normal((out_h, out_w, 1), dtype=np.float32) * np.float32(rng.uniform(2, 6))
    pixels = warped.astype(np.float32) * light[..., None] * warm.astype(np.float32) + speckle
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    blur = rng.uniform(0.4, 1.2)
    image = image.filter(ImageFilter.GaussianBlur(blur))
    quality = rng.randint(60, 88)
    return image, {"size": [out_w, out_h], "angle": round(math.degrees(angle), 3), "blur": round(blur, 3),
                   "page_scale": round(scale, 4), "jpeg_quality": quality}


def _jpeg(image: Image.Image, *, quality: int, dpi: int | None) -> bytes:
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(out, format="JPEG", quality=quality, **extra)
    return out.getvalue()


def _worn_rules(page: Image.Image, ops: tuple[tuple[Any, ...], ...], rng: random.Random) -> tuple[Image.Image, dict[str, Any]]:
    """Ruled lines as a worn form or a poor scan shows them: each line faint, broken, doubled or gone
    (long horizontal rules between rows go most often), the rest as printed. The text is untouched."""
    pixels = np.asarray(page).copy()
    h, w = pixels.shape[:2]
    weights = [rng.uniform(0.1, 1.0) for _ in RULE_DAMAGE]
    counts = {name: 0 for name in RULE_DAMAGE}
    for op in ops:
        if op[0] != "line":
            continue
        x0, y0, x1, y1 = (round(v) for v in op[1])
        width = int(op[2])
        horizontal = abs(y1 - y0) < abs(x1 - x0)
        if rng.random() < 0.3:
            continue
        fate = rng.choices(RULE_DAMAGE, weights=weights)[0]
        if fate == "missing" and not (horizontal and abs(x1 - x0) > w * 0.4):
            fate = "faint"
        counts[fate] += 1
        pad = width // 2 + 2
        if horizontal:
            lo, hi = max(0, min(y0, y1) - pad), min(h, max(y0, y1) + pad + 1)
            xa, xb = max(0, min(x0, x1)), min(w, max(x0, x1) + 1)
            band, paper = (slice(lo, hi), slice(xa, xb)), (slice(max(0, lo - 3 * pad), max(0, lo - 3 * pad) + hi - lo),
                                                          slice(xa, xb))
        else:
            lo, hi = max(0, min(x0, x1) - pad), min(w, max(x0, x1) + pad + 1)
            ya, yb = max(0, min(y0, y1)), min(h, max(y0, y1) + 1)
            band, paper = (slice(ya, yb), slice(lo, hi)), (slice(ya, yb),
                                                          slice(max(0, lo - 3 * pad), max(0, lo - 3 * pad) + hi - lo))
        original = pixels[band].copy()
        blank = pixels[paper].copy()
        if blank.shape != original.shape:
            continue
        if fate == "missing":
            pixels[band] = blank
        elif fate == "faint":
            keep = np.float32(rng.uniform(0.15, 0.45))
            pixels[band] = (blank * (1 - keep) + original * keep).astype(np.uint8)
        elif fate == "broken":
            length = band[1 if horizontal else 0].stop - band[1 if horizontal else 0].start
            at = 0
            while at < length:
                gap = rng.randint(15, 140)
                start = at + rng.randint(40, 400)
                at = start + gap
                part = slice(start, min(at, length))
                if horizontal:
                    pixels[band[0], band[1].start + part.start:band[1].start + part.stop] = \
                        blank[:, part.start:part.stop]
                else:
                    pixels[band[0].start + part.start:band[0].start + part.stop, band[1]] = \
                        blank[part.start:part.stop, :]
        else:  # doubled: the rule printed twice, a few pixels apart
            dy, dx = (rng.randint(5, 10), 0) if horizontal else (0, rng.randint(5, 10))
            ys, xs = band
            target = (slice(min(h, ys.start + dy), min(h, ys.stop + dy)), slice(min(w, xs.start + dx), min(w, xs.stop + dx)))
            moved = pixels[target]
            pixels[target] = np.minimum(moved, original[:moved.shape[0], :moved.shape[1]])
    return Image.fromarray(pixels, page.mode), {k: v for k, v in counts.items() if v}


def _photocopy(page: Image.Image, rng: random.Random) -> tuple[Image.Image, dict[str, Any]]:
    """A photocopy: grey, hard contrast (thin strokes thicken or drop out), a grey cast over the paper,
    toner specks and streaks, a slight skew; 200–300 dpi JPEG."""
    dpi = rng.randint(200, 300)
    angle = rng.uniform(-1.5, 1.5)
    quality = rng.randint(55, 85)
    threshold = rng.uniform(120, 175)
    background = rng.uniform(195, 228)
    image = _resample(page.convert("L"), dpi)
    pixels: np.ndarray = np.asarray(image, dtype=np.float32)
    h, w = pixels.shape
    # Hard contrast around the threshold: ink goes black, paper goes to the grey of the copy.
    contrast = 1 / (1 + np.exp(-(pixels - threshold) / rng.uniform(6, 14)))
    pixels = 15 + contrast * (background - 15)
    noise = np.random.default_rng(rng.randrange(2**32))
    pixels += noise.standard_normal((h, w), dtype=np.float32) * rng.uniform(4, 9)
    specks = noise.random((h, w)) < rng.uniform(0.0004, 0.002)
    specks = cv2.dilate(specks.astype(np.uint8), np.ones((2, 2), np.uint8)).astype(bool)
    pixels[specks] = noise.uniform(10, 90, int(specks.sum()))
    for _ in range(rng.randint(0, 3)):  # a dirty drum draws a faint streak down the page
        x = rng.randrange(w)
        pixels[:, x:x + rng.randint(2, 6)] -= rng.uniform(20, 60)
    rows, cols = np.arange(h, dtype=np.int32), np.arange(w, dtype=np.int32)
    edge = np.minimum.outer(np.minimum(rows, rows[::-1]), np.minimum(cols, cols[::-1]))
    pixels -= np.clip(60 - edge, 0, 60).astype(np.float32) * rng.uniform(0.5, 1.5)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    pixels = cv2.warpAffine(np.clip(pixels, 0, 255).astype(np.uint8), turn, (w, h), flags=cv2.INTER_LINEAR,
                            borderValue=(int(background),))
    image = Image.fromarray(pixels, "L").filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    return image, {"dpi": dpi, "angle": round(angle, 3), "threshold": round(threshold, 1),
                   "background": round(background, 1), "jpeg_quality": quality}
