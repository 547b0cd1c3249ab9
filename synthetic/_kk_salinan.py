"""A legalised photocopy of a KK (family `kk-salinan`), and the copy itself for `_ijazah_salinan`.

    render_kk_salinan(family, seed=, varied=, heldout=) -> Rendered
    legalised_copy(original, rng, stamp_over=, legaliser=) -> Rendered

What an applicant brings instead of the original: the printed page (any development KK print: current,
old, 2010s, 2000s, 2024, susun) laid on a copier's glass, turned up to 1.3 degrees, hanging off the glass on
one side so that a margin, the row numbers or the foot with the signatures is cut off, the lid's dark band
on the opposite side, hard contrast and a grey cast, toner specks, two punch holes, a fold line across.
Then, on the copy, an office legalises it in colour: a violet or blue box stamp "SALINAN / FOTO COPY SESUAI
DENGAN ASLINYA" with a handwritten date, the legaliser's initials, a signature and the office's round
stamp, placed over part of the header and the table.

The truth is what the copy still shows: a value whose printed text is cut off (even in part) is null;
values under the stamp's ink stay (rubber-stamp ink is translucent, the print shows through). The cut is
never deep enough to take a member-table value, only margins, labels, row numbers and the foot.

The `pdf_text` variant of a copy is what an office's scanner software writes for it: a searchable PDF, the
copy's image with an invisible text layer of the words its OCR found: the print's visible words where they
now lie (turned and shifted with the copy) and the stamp's printed words among them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

import core

from ._canvas import BASE_FAMILIES, Rendered
from ._form import own_font
from ._marks import signature, stamp

KK_PRINTS = ("current", "old", "2010s", "2000s", "2024", "susun")
"""The development prints a copy is made of."""
_STAMP_INKS = ((92, 48, 150), (60, 60, 170), (110, 50, 140), (40, 70, 175))
_SIDES = ("left", "right", "bottom")
_OFFICES = ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KANTOR KECAMATAN", "PEMERINTAH KELURAHAN")
_LEGALISERS = ("MUH. ARIFIN, S.Sos", "Hj. SITTI RAHMA, S.E.", "LA ODE MUSLIMIN, S.IP", "YULIANA PONGSIBANNE, S.H.")


def render_kk_salinan(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    """A legalised photocopy of `family`'s KK in one of `KK_PRINTS`, and what the copy still shows."""
    from ._kk import render_kk

    rng = random.Random(f"kk-salinan-{seed}")
    original = render_kk(family, seed=seed, layout=rng.choice(KK_PRINTS), varied=varied, heldout=heldout)
    return legalised_copy(original, rng, stamp_over="table", legaliser=legaliser_of(rng, kk=True))


def legaliser_of(rng: random.Random, *, kk: bool) -> dict[str, str]:
    """Who legalises the copy: the office (the round stamp's ring), a name and an 18-digit NIP."""
    office = rng.choice(_OFFICES) if kk else rng.choice(("KEPALA SEKOLAH", "DEKAN", "WAKIL REKTOR"))
    return {"office": office, "name": rng.choice(_LEGALISERS), "nip": _nip(rng)}


def _nip(rng: random.Random) -> str:
    born = dt.date(rng.randint(1965, 1985), rng.randint(1, 12), rng.randint(1, 28))
    hired = f"{born.year + rng.randint(22, 30)}{rng.randint(1, 12):02d}"
    return f"{born:%Y%m%d} {hired} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"


def legalised_copy(original: Rendered, rng: random.Random, *, stamp_over: str,
                   legaliser: dict[str, str]) -> Rendered:
    """`original` photocopied (turned, cut on one side, lid band, specks, holes, fold) and stamped in colour.

    `stamp_over` is `table` (a KK: over part of header and table), `holder` (an ijazah: over the holder's
    data) or `signature` (an ijazah: over the signature block).
    """
    page = Image.open(io.BytesIO(original.png)).convert("L")
    w, h = page.size
    texts = [_placed(op) for op in original.ops if op[0] == "text"]
    angle = rng.uniform(-1.3, 1.3)
    side = rng.choice(_SIDES)
    cut = _cut_depth(texts, original.truth, side=side, size=(w, h), rng=rng)
    copy, move = _copy(page, rng, angle=angle, side=side, cut=cut)
    kept = [(t, _moved_box(t[4], move)) for t in texts]
    lost = [t for t, box in kept if not _inside(box, (w, h))]
    colour, stamp_words = _legalise(copy, rng, texts=[(t, b) for t, b in kept if t not in lost],
                                    where=stamp_over, legaliser=legaliser)
    truth = _without_lost(original.truth, lost=[t[3] for t in lost],
                          seen=[t[3] for t, _ in kept if t not in lost])
    layer = [(*_moved_point(t[0], t[1], move), t[3], t[5], t[6]) for t, _ in kept if t not in lost] + stamp_words
    out = io.BytesIO()
    colour.save(out, format="PNG", dpi=(300, 300), compress_level=1)
    ops = (("image", (0, 0), colour, "scan"), *(("text", x, y, s, f, px, None) for x, y, s, f, px in layer))
    return Rendered(out.getvalue(), truth, ops)


def _placed(op: tuple[Any, ...]) -> tuple[Any, ...]:
    """A text op with its ink box: (x, y, _, text, box, font path, pixel size)."""
    _, x, y, text, path, px, _ink = op
    face = ImageFont.truetype(path, px)
    x0, y0, x1, y1 = face.getbbox(text, anchor="ls")
    return (x, y, None, text, (x + x0, y + y0, x + x1, y + y1), path, px)


def _cut_depth(texts: list[tuple[Any, ...]], truth: dict[str, Any], *, side: str, size: tuple[int, int],
               rng: random.Random) -> int:
    """How far the page hangs off the glass on `side`: a margin and more, never into a member's value."""
    w, h = size
    members = {str(v) for m in truth.get("anggota", []) for v in m.values() if v}
    members |= {_dmy(v) for v in members if _iso(v)}
    inner = [t[4] for t in texts if t[3] in members or any(v in t[3] for v in members if len(v) >= 4)]
    span = {"left": min((b[0] for b in inner), default=w // 3), "right": w - max((b[2] for b in inner), default=w),
            "bottom": h - max((b[3] for b in inner), default=h)}[side]
    return max(20, min(int(span) - 12, rng.randint(60, 260)))


def _copy(page: Image.Image, rng: random.Random, *, angle: float, side: str,
          cut: int) -> tuple[Image.Image, np.ndarray]:
    """The copier's image of `page` and the 2x3 matrix taking page pixels to copy pixels."""
    import cv2

    w, h = page.size
    threshold, paper = rng.uniform(125, 175), rng.uniform(200, 230)
    levels = np.arange(256, dtype=np.float32)
    curve = 18 + (paper - 18) / (1 + np.exp(-(levels - threshold) / rng.uniform(7, 14)))
    pixels = curve[np.asarray(page)]
    dx = {"left": -cut, "right": cut, "bottom": 0}[side]
    dy = {"left": 0, "right": 0, "bottom": cut}[side]
    move = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    move[0, 2] += dx
    move[1, 2] += dy
    band = float(rng.uniform(25, 80))
    copy: np.ndarray = cv2.warpAffine(pixels.astype(np.float32), move, (w, h), flags=cv2.INTER_LINEAR,
                                      borderValue=(band,))
    noise = np.random.default_rng(rng.randrange(2**32))
    copy += noise.standard_normal((h, w), dtype=np.float32) * rng.uniform(3, 8)
    specks = noise.random((h, w)) < rng.uniform(0.00005, 0.0004)
    specks = cv2.dilate(specks.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    copy[specks] = noise.uniform(10, 100, int(specks.sum()))
    _fold(copy, rng)
    _holes(copy, rng, side=side, cut=cut)
    return Image.fromarray(np.clip(copy, 0, 255).astype(np.uint8), "L"), move


def _fold(copy: np.ndarray, rng: random.Random) -> None:
    """A fold across the page: a thin dark crease with a soft shadow on one side."""
    h, w = copy.shape
    across = rng.random() < 0.6
    at = int((h if across else w) * rng.uniform(0.4, 0.6))
    depth = rng.uniform(50, 110)
    for k in range(-3, 18):
        weight = depth if k <= 0 else depth * 0.25 * math.exp(-k / 6)
        row = at + k
        if across and 0 <= row < h:
            copy[row] -= weight
        elif not across and 0 <= row < w:
            copy[:, row] -= weight


def _holes(copy: np.ndarray, rng: random.Random, *, side: str, cut: int) -> None:
    """Two punch holes of a ring binder, near the left edge (or the top when the left hangs off)."""
    import cv2

    h, w = copy.shape
    r = rng.randint(30, 38)
    shade = (float(rng.uniform(20, 60)),)
    if side != "left":
        x = rng.randint(60, 110) + (cut if side == "right" else 0)
        for y in (h // 2 - 472, h // 2 + 472):
            cv2.circle(copy, (x, y), r, shade, -1)
    else:
        y = rng.randint(60, 110)
        for x in (w // 2 - 472, w // 2 + 472):
            cv2.circle(copy, (x, y), r, shade, -1)


def _moved_box(box: tuple[float, ...], move: np.ndarray) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        xs.append(move[0, 0] * x + move[0, 1] * y + move[0, 2])
        ys.append(move[1, 0] * x + move[1, 1] * y + move[1, 2])
    return min(xs), min(ys), max(xs), max(ys)


def _inside(box: tuple[float, ...], size: tuple[int, int]) -> bool:
    w, h = size
    return box[0] >= 0 and box[1] >= 0 and box[2] <= w and box[3] <= h


def _moved_point(x: float, y: float, move: np.ndarray) -> tuple[float, float]:
    return (float(move[0, 0] * x + move[0, 1] * y + move[0, 2]), float(move[1, 0] * x + move[1, 1] * y + move[1, 2]))


def _iso(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()


def _dmy(iso: str) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}"


def _printed_forms(value: str) -> set[str]:
    forms = {value, value.upper()}
    if _iso(value):
        day, month, year = int(value[8:10]), int(value[5:7]), value[:4]
        forms |= {_dmy(value), f"{value[8:10]}/{value[5:7]}/{year}", f"{value[8:10]}.{value[5:7]}.{year}",
                  f"{day} {core.MONTHS_ID[month - 1]} {year}", f"{value[8:10]} {core.MONTHS_ID[month - 1]} {year}",
                  f"{day} {core.MONTHS_ID[month - 1][:3]} {year}"}
    return {f for f in forms if f}


def _without_lost(truth: dict[str, Any], *, lost: list[str], seen: list[str]) -> dict[str, Any]:
    """`truth` with every field value that is printed only in cut-off text set to null."""
    def gone(value: Any) -> bool:
        if not isinstance(value, str) or not value:
            return False
        forms = _printed_forms(value)
        return (any(f.upper() in t.upper() for f in forms for t in lost)
                and not any(f.upper() in t.upper() for f in forms for t in seen))

    out = {**truth, "fields": {k: None if gone(v) else v for k, v in truth["fields"].items()}}
    if "anggota" in truth:
        out["anggota"] = [dict(m) for m in truth["anggota"]]
    return out


def _legalise(copy: Image.Image, rng: random.Random, *, texts: list[tuple[Any, Any]], where: str,
              legaliser: dict[str, str]) -> tuple[Image.Image, list[tuple[float, float, str, str, int]]]:
    """The copy in colour with the legalisation on it; the stamp's printed words for the text layer."""
    page = copy.convert("RGB")
    w, h = page.size
    ink = rng.choice(_STAMP_INKS)
    box_w, box_h = rng.randint(820, 1000), rng.randint(300, 360)
    x, y = _stamp_place(texts, (w, h), (box_w, box_h), where=where, rng=rng)
    layer = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(layer)
    draw.rectangle((x, y, x + box_w, y + box_h), outline=255, width=6)
    words: list[tuple[float, float, str, str, int]] = []
    face = own_font("Nimbus Sans", 46, bold=True)
    small = own_font("Nimbus Sans", 34, bold=True)
    lines = (("SALINAN / FOTO COPY", face), ("SESUAI DENGAN ASLINYA", face),
             ("Tanggal :", small)) if where == "table" else (
             ("TELAH DILEGALISIR", face), ("SESUAI DENGAN ASLINYA", face), ("Tanggal :", small))
    ty: float = y + 22
    for text, f in lines:
        draw.text((x + 24, ty), text, fill=255, font=f)
        words.append((x + 24, ty + f.size * 0.8, text, str(f.path), int(f.size)))
        ty += f.size * 1.3
    hand = own_font("Z003", 52)
    day = dt.date(rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28))
    draw.text((x + 210, ty - small.size * 1.25), f"{day.day} - {day.month} - {day.year}", fill=255, font=hand)
    draw.text((x + box_w - 220, ty - small.size * 1.2), rng.choice(("ttd", "Paraf", "ar", "ms")), fill=255, font=hand)
    line2 = f"{legaliser['name']}   NIP. {legaliser['nip']}"
    draw.text((x + 24, y + box_h - 52), line2, fill=255, font=own_font("Nimbus Sans", 30))
    words.append((x + 24, y + box_h - 26, line2, str(own_font("Nimbus Sans", 30).path), 30))
    alpha = rng.uniform(0.65, 0.9)
    page = _ink(page, layer, ink, alpha)
    sign = signature(rng, width=rng.randint(380, 520), height=rng.randint(160, 220))
    sx, sy = int(x + box_w * rng.uniform(0.35, 0.6)), int(y + box_h * rng.uniform(0.2, 0.6))
    page.paste(sign, (sx, sy), sign)
    round_stamp = stamp(rng, ring=legaliser["office"], centre="LEGALISIR", family=BASE_FAMILIES[0],
                        diameter=rng.randint(330, 420))
    rx, ry = int(x - round_stamp.width * rng.uniform(0.3, 0.6)), int(y + box_h * rng.uniform(-0.2, 0.4))
    page.paste(round_stamp, (rx, ry), round_stamp)
    return page, words


def _stamp_place(texts: list[tuple[Any, Any]], size: tuple[int, int], box: tuple[int, int], *, where: str,
                 rng: random.Random) -> tuple[int, int]:
    """Top-left of the box stamp: over the first third of the text (header and table's top) for `table`,
    the middle for `holder`, the lower right for `signature`."""
    w, h = size
    if not texts:
        return w // 3, h // 3
    ys = sorted(b[1] for _, b in texts)
    xs = sorted(b[0] for _, b in texts)
    share = {"table": rng.uniform(0.2, 0.45), "holder": rng.uniform(0.35, 0.6), "signature": rng.uniform(0.8, 0.9)}[where]
    cy = ys[int(share * (len(ys) - 1))]
    cx = xs[len(xs) // 2] + rng.uniform(-0.25, 0.25) * w if where != "signature" else w * rng.uniform(0.55, 0.65)
    return (int(min(max(80, cx - box[0] / 2), w - box[0] - 80)),
            int(min(max(80, cy - box[1] / 2), h - box[1] - 80)))


def _ink(page: Image.Image, layer: Image.Image, ink: tuple[int, int, int], alpha: float) -> Image.Image:
    """Rubber-stamp ink over the page: multiplied, so the print shows through it."""
    box = layer.getbbox()
    if box is None:
        return page
    mask = np.asarray(layer.crop(box), dtype=np.float32)[..., None] / 255 * alpha
    pixels = np.asarray(page.crop(box), dtype=np.float32)
    tinted = pixels * (np.array(ink, dtype=np.float32) / 255)
    page.paste(Image.fromarray((pixels * (1 - mask) + tinted * mask).astype(np.uint8), "RGB"), box[:2])
    return page
