"""A legalised photocopy of an older KK (family `kk-legalisir`): what applicants really bring.

What differs from the other KK families: the page is not an original but a black-and-white photocopy of
one of the older prints (`old`, `2010s`, `2000s` or `dua-baris`), the original laid a little crooked on
the glass (rotated up to about 1.3°) and off it on one side, so that a strip is cut off (the left margin
and part of the row numbers, the right margin, or the foot of the page, with the signature block and
there the issue date: null in the truth when the date is gone) and the lid shows as a dark band on the
other side; hard copier contrast, a grey cast and toner specks; two punch holes at the edge; a fold line
across the page (a crease that looks like one more rule); and over part of the header and the member
table the office's legalisation: a rectangular violet stamp `SALINAN SESUAI DENGAN ASLINYA` (or `FOTO
COPY SESUAI DENGAN ASLINYA`, `DILEGALISIR`) naming the Dinas and its official, with a handwritten date,
handwritten initials, a signature and the round stamp half over them. The values under the stamps are
still printed and stay in the truth.

The drawing ops (vector PDF, worn scans) follow the copy: every position is moved as the raster was, long
rules are cut into short pieces along their tilt, and what fell off the page is gone from them too.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from functools import cache
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import core

from ._canvas import Page, Rendered, Style, date_dmy, date_long, font, title_case
from ._form import own_font
from ._kk import _nip
from ._marks import signature, stamp

UNDERLYING = ("old", "2010s", "2000s", "dua-baris")
"""The prints a copy is made of (older KKs: the current one is printed from SIAK whenever needed)."""
SIDES = ("left", "right", "bottom")
_WORDINGS = ("SALINAN SESUAI DENGAN ASLINYA", "FOTO COPY SESUAI DENGAN ASLINYA", "DILEGALISIR")
_OFFICIALS = ("MUHAMMAD ARIFUDDIN, S.Sos.", "WA ODE SITTI MARLIA, S.E.", "ANDI IRWAN SYAH, S.STP.", "RUSDIN LAHAMA, S.H.")
_POSTS = ("Kabid Pelayanan Pendaftaran Penduduk", "Sekretaris Dinas", "Kasi Identitas Penduduk")
_STAMP_INKS = ((92, 52, 150), (60, 60, 160), (120, 50, 130))
_PEN = (25, 35, 120)
_SEGMENT = 160
"""Longest piece a tilted rule is cut into for the drawing ops (px): a worn scan damages each piece in a
band that stays on the rule."""


def render_kk_legalisir(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    from ._kk import render_kk

    rng = random.Random(f"kk-legalisir-{seed}")
    original = render_kk(family, seed=seed, layout=rng.choice(UNDERLYING), varied=varied, heldout=heldout)
    source = Image.open(io.BytesIO(original.png)).convert("L")
    size = source.size
    side = rng.choice(SIDES)
    truth: dict[str, Any] = {}
    ops: list[tuple[Any, ...]] = []
    for attempt in range(4):  # a cut that would take a value off the page is made smaller
        shrink = 1 - attempt / 3
        angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.3) * shrink
        cut = _cut(original.ops, side, size, rng) * shrink
        matrix = cv2.getRotationMatrix2D((size[0] / 2, size[1] / 2), angle, 1.0)
        matrix[0, 2] += {"left": -cut, "right": cut}.get(side, 0.0)
        matrix[1, 2] += cut if side == "bottom" else 0.0
        ops, dropped = _moved_ops(original.ops, matrix, size)
        lost = _lost_values(original, ops, dropped)
        if lost <= {"tanggal_dikeluarkan"}:
            truth = {**original.truth, "fields": dict(original.truth["fields"]),
                     "anggota": [dict(row) for row in original.truth["anggota"]]}
            for name in lost:
                truth["fields"][name] = None
            break
    else:  # pragma: no cover - the last attempt neither turns nor cuts
        raise AssertionError("a copy without a cut lost a value")
    lid = rng.choice((35, 60, 215))
    copy = _copier(source, matrix, lid=lid, rng=rng)
    page = Page(size, Style(family="DejaVu Sans", scale=1.0, spacing=1.5), paper=copy.convert("RGB"))
    page.ops.clear()  # the copy's raster is what the ops below describe, not a picture of its own
    _holes_and_fold(page, rng, side=side)
    _legalise(page, family, rng, issued=family.tanggal_dikeluarkan)
    return Rendered(page.png(), truth, tuple(ops) + tuple(page.ops))


def _text_box(op: tuple[Any, ...]) -> tuple[float, float, float, float]:
    _, x, y, text, path, px, _ = op
    left, top, right, bottom = _ttf(path, px).getbbox(text, anchor="ls")
    return x + left, y + top, x + right, y + bottom


@cache
def _ttf(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


def _cut(ops: tuple[tuple[Any, ...], ...], side: str, size: tuple[int, int], rng: random.Random) -> float:
    """How far the original hung off the glass: at most up to the first text that carries a value (row
    numbers and `No` headers may go), for the foot at most up to the member tables' last line."""
    w, h = size
    texts = [(op[3], _text_box(op)) for op in ops if op[0] == "text"]
    slop = w * math.sin(math.radians(1.4)) / 2 + 12
    if side == "left":
        room = min(box[0] for text, box in texts if len(text.strip()) > 3) - slop
    elif side == "right":
        room = w - max(box[2] for _, box in texts) - slop
    else:
        # The last line of the member tables: a NIK (16 digits) or a kewarganegaraan (WNI) in every layout.
        rows = [box[3] for text, box in texts if (text.isdigit() and len(text) == 16) or text == "WNI"]
        room = h - max(rows) - slop - 40
    return max(0.0, room) * rng.uniform(0.55, 0.95)


def _moved_ops(ops: tuple[tuple[Any, ...], ...], matrix: np.ndarray,
               size: tuple[int, int]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The ops where the copy put them, and the text ops that fell (partly) off the page."""
    w, h = size

    def at(x: float, y: float) -> tuple[float, float]:
        return (float(matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]),
                float(matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2]))

    def inside(x: float, y: float) -> bool:
        return 0 <= x <= w and 0 <= y <= h

    kept: list[tuple[Any, ...]] = []
    dropped: list[tuple[Any, ...]] = []
    for op in ops:
        if op[0] == "text":
            x0, y0, x1, y1 = _text_box(op)
            corners = [inside(*at(x, y)) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
            if all(corners):
                kept.append((op[0], *at(op[1], op[2]), *op[3:]))
            else:  # ("cut", ...): partly on the page, where a reader might still make it out
                dropped.append(("cut" if any(corners) else "gone", *op[1:]))
        elif op[0] in ("line", "rect"):
            x0, y0, x1, y1 = op[1]
            edges = [(x0, y0, x1, y1)] if op[0] == "line" else \
                [(x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)]
            for ex0, ey0, ex1, ey1 in edges:
                pieces = max(1, math.ceil(math.hypot(ex1 - ex0, ey1 - ey0) / _SEGMENT))
                for k in range(pieces):
                    a = at(ex0 + (ex1 - ex0) * k / pieces, ey0 + (ey1 - ey0) * k / pieces)
                    b = at(ex0 + (ex1 - ex0) * (k + 1) / pieces, ey0 + (ey1 - ey0) * (k + 1) / pieces)
                    if inside(*a) and inside(*b):
                        kept.append(("line", (*a, *b), op[2], op[3]))
        elif op[0] == "image":
            x, y = at(*op[1])
            if 0 <= x < w and 0 <= y < h:
                kept.append(("image", (round(x), round(y)), op[2]))
    return kept, dropped


def _forms(value: str) -> set[str]:
    forms = {value, title_case(value)}
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return forms
    return forms | {date_dmy(value), date_long(value), day.strftime("%d.%m.%Y")}


def _lost_values(original: Rendered, kept: list[tuple[Any, ...]], dropped: list[tuple[Any, ...]]) -> set[str]:
    """The truth fields some dropped text printed and no kept text still prints (`anggota.<field>` for a
    member's); a value cut through (half of it still on the page) counts as `cut` and is never accepted."""
    kept_texts = [op[3] for op in kept if op[0] == "text"]
    dropped_texts = [op[3] for op in dropped]
    halves = [op[3] for op in dropped if op[0] == "cut"]
    values = [(k, v) for k, v in original.truth["fields"].items() if v]
    values += [(f"anggota.{k}", v) for row in original.truth["anggota"] for k, v in row.items() if v]
    lost = set()
    for name, value in values:
        if len(value) < 3:
            continue
        forms = _forms(value)
        if any(f in t for f in forms for t in dropped_texts) and not any(f in t for f in forms for t in kept_texts):
            lost.add(name if not any(f in t for f in forms for t in halves) else "cut")
    return lost


def _copier(source: Image.Image, matrix: np.ndarray, *, lid: int, rng: random.Random) -> Image.Image:
    """The copy: turned and shifted as the original lay, the lid beyond its edge, hard contrast, grey cast,
    toner specks."""
    w, h = source.size
    pixels = cv2.warpAffine(np.asarray(source), matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(lid,))
    threshold, paper = rng.uniform(150, 185), rng.uniform(228, 242)
    levels = np.arange(256, dtype=np.float32)
    curve = 20 + (paper - 20) / (1 + np.exp(-(levels - threshold) / rng.uniform(12, 20)))
    values = curve.round().astype(np.uint8)[pixels]  # the copier's contrast as a lookup table
    noise = np.random.default_rng(rng.randrange(2**32))
    count = round(h * w * rng.uniform(0.0002, 0.0008))
    values[noise.integers(0, h, count), noise.integers(0, w, count)] = noise.integers(30, 110, count, dtype=np.uint8)
    image = Image.fromarray(values, "L")
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.7)))


def _holes_and_fold(page: Page, rng: random.Random, *, side: str) -> None:
    """Two punch holes on the edge the copy was filed by, a fold line across the page (the raster only:
    they are the sheet's, not printed)."""
    w, h = page.image.size
    draw = ImageDraw.Draw(page.image)
    radius = rng.randint(34, 42)
    edge = rng.randint(70, 110)
    if side == "left":  # the cut side lost its margin: the holes went into the other edge
        centres = [(w - edge, h / 2 - 480), (w - edge, h / 2 + 480)]
    else:
        centres = [(edge, h / 2 - 480), (edge, h / 2 + 480)]
    shade = rng.choice(((30, 30, 30), (70, 70, 70), (250, 250, 250)))
    for cx, cy in centres:
        cy += rng.randint(-20, 20)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=shade, outline=(90, 90, 90), width=3)
    pixels = np.asarray(page.image).astype(np.int16)
    if rng.random() < 0.6:  # folded in half or in three across the long side
        at = round(h * rng.choice((0.5, 0.33, 0.66)) + rng.randint(-40, 40))
        pixels[at - 1:at + 1, :, :] -= rng.randint(60, 110)
        pixels[at + 1:at + 7, :, :] += 12
        pixels[at - 6:at - 1, :, :] -= 14
    else:
        at = round(w * rng.uniform(0.45, 0.55))
        pixels[:, at - 1:at + 1, :] -= rng.randint(60, 110)
        pixels[:, at + 1:at + 7, :] += 12
    page.image.paste(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"))


def _legalise(page: Page, family: core.Family, rng: random.Random, *, issued: str | None) -> None:
    """The box stamp over part of the header and the member table, a handwritten date and initials, the
    official's signature and the round stamp half over them."""
    w, h = page.image.size
    kab = family.kabupaten_kota
    ink = rng.choice(_STAMP_INKS)
    official = rng.choice(_OFFICIALS)
    box = _box_stamp(rng, ink=ink, lines=(rng.choice(_WORDINGS), "a.n. KEPALA DINAS KEPENDUDUKAN DAN",
                                          f"PENCATATAN SIPIL KAB. {kab}", rng.choice(_POSTS)),
                     official=official, nip=_nip(rng))
    x = round(w * rng.uniform(0.42, 0.62))
    y = round(h * rng.uniform(0.2, 0.34))
    page.paste(box, (x, y))
    base = dt.date.fromisoformat(issued or "2015-01-01")
    when = base + dt.timedelta(days=rng.randint(30, 2500))
    page.paste(_handwriting(f"Tgl. {when.day}-{when.month}-{when.year}", rng), (x + 50, y + round(box.height * 0.5)))
    pen = signature(rng, width=340, height=140)
    pen.putalpha(pen.getchannel("A").point(lambda a: a * 3 // 4))  # a ballpoint's thin line, not a felt pen's
    page.paste(pen, (x + round(box.width * 0.5), y + round(box.height * 0.55)))
    initials = f"{rng.choice('ARMSHWN')}{rng.choice('abdhilmnrsuy')}{rng.choice(('.', '/', ''))}"
    page.paste(_handwriting(initials, rng, px=70), (x - 190, y + box.height - 90))
    page.paste(_handwriting(rng.choice(("ok", "Sdh dicek", "cocok")), rng, px=50), (x - 200, y + box.height + 10))
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. {kab}", centre=f"KABUPATEN\n{kab}",
                 family="DejaVu Sans", diameter=rng.randint(330, 400))
    page.paste(seal, (x + box.width // 2 - seal.width + rng.randint(-60, 60), y + box.height // 3))


def _box_stamp(rng: random.Random, *, ink: tuple[int, int, int], lines: tuple[str, ...], official: str,
               nip: str) -> Image.Image:
    """A rectangular rubber stamp: a double frame, its wording, room for the date and signature, the
    official's name and NIP; unevenly inked, slightly turned (a raster: a stamp is no printed text)."""
    width, height = 1050, 560
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    draw.rectangle((4, 4, width - 5, height - 5), outline=255, width=7)
    draw.rectangle((20, 20, width - 21, height - 21), outline=255, width=3)
    bold, plain = font("DejaVu Sans", 44, bold=True), font("DejaVu Sans", 31)
    draw.text((width / 2, 62), lines[0], fill=255, font=bold, anchor="mm")
    for i, line in enumerate(lines[1:]):
        draw.text((width / 2, 122 + i * 40), line, fill=255, font=plain, anchor="mm")
    draw.text((width / 2, height - 96), official, fill=255, font=font("DejaVu Sans", 32, bold=True), anchor="mm")
    draw.line((width / 2 - 300, height - 76, width / 2 + 300, height - 76), fill=255, width=2)
    draw.text((width / 2, height - 50), f"NIP. {nip}", fill=255, font=plain, anchor="mm")
    noise = np.random.default_rng(rng.randrange(2**32)).uniform(0.5, 1.0, (height // 14 + 1, width // 14 + 1))
    patches = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((width, height),
                                                                               Image.Resampling.BILINEAR))
    alpha = np.asarray(layer, dtype=np.float32) * patches / 255 * rng.uniform(0.6, 0.8)
    out = Image.new("RGBA", (width, height), (*ink, 0))
    out.putalpha(Image.fromarray(alpha.astype(np.uint8)))
    return out.rotate(rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC, expand=True)


def _handwriting(text: str, rng: random.Random, *, px: int = 64) -> Image.Image:
    """A few words in a pen's hand (a chancery italic, each letter a little off the line)."""
    face = own_font("Z003", px)
    width = round(face.getlength(text) + 60)
    height = round(face.size * 1.8)
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    x = 20.0
    for ch in text:
        draw.text((x, height * 0.62 + rng.uniform(-4, 4)), ch, fill=235, font=face, anchor="ls")
        x += face.getlength(ch) * rng.uniform(0.95, 1.05)
    out = Image.new("RGBA", (width, height), (*_PEN, 0))
    out.putalpha(layer.filter(ImageFilter.GaussianBlur(0.6)))
    return out.rotate(rng.uniform(-5, 5), resample=Image.Resampling.BICUBIC, expand=True)
