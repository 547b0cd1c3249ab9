"""Held-out family `kk-u11b` (session 11): an electronic KK printed at home, shrunk to fit, then handled.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the landscape KK PDF of the electronic-signature era, sent to a printer with "fit to page" on
portrait A4 (or F4), so that the whole KK fills only the upper half or two thirds of the sheet at 60-72 %
of its size (cells about 5.5 pt), then carried around and brought to the office:

- the print shrunk and, in some, turned a quarter of a degree by the printer's feed;
- folded in four: a horizontal and a vertical **crease** with a shadow on one side, one of them across
  the member table;
- a **coffee or water ring** somewhere over the header or the table, in half;
- a **yellow highlighter** band over one member's row (usually the one the errand is about), in half;
- **ballpoint marks**: ticks beside some rows, the No. KK underlined, a handwritten note in the margin
  (`sdh dicek`, `asli ada`, `utk urus ijazah`, a phone number), in blue ink;
- a **dog-eared** or torn corner and a **staple** at the top left;
- the printer's own header and footer lines (file name, date, `1/1`) as a browser prints them.

The KK itself is the current printing (the same header and two member tables, QR code and the note of
the electronic signature). Truth: exactly the KK's values (canonical); nothing the marks cover is lost
from the truth (they lie over, never instead of, the print).
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_dmy
from ._form import own_font
from ._kk import TABLE_1, TABLE_2, TABLE_2_GROUPS, _header, _nip, _table, _truth

_PEN = ((25, 40, 140), (20, 30, 90))
_NOTES = ("sdh dicek", "asli ada", "utk urus ijazah", "cocok", "fc 2 lbr", "0812 4471 9023", "ok - lengkap")
_OFFICIALS = ("Dr. LA ODE MUHAMMAD AMIR, S.STP., M.Si.", "Hj. SITTI HASNAH, S.E., M.M.", "ANDI IRWAN SAPUTRA, S.H.")


def render_u11b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u11b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    scale = rng.uniform(0.6, 0.72)
    style = Style(family=base.family, scale=scale * base.scale, spacing=base.spacing, ink=base.ink,
                  shift=(rng.randint(-15, 15), rng.randint(-15, 15)), geometry=base.geometry)
    page = Page(A4_PORTRAIT, style)
    left, right = 95 + rng.randint(-10, 25), page.width - 95 + rng.randint(-25, 10)
    top = 190 + rng.randint(-10, 30)
    _browser_lines(page, family, rng, left=left, right=right)
    page.text((page.width / 2, top), "KARTU KELUARGA", points=20, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(30)), f"No. {family.no_kk}", points=14, bold=True, anchor="mt")
    number_y = top + page.pt(30) + page.pt(19)
    y = _header(page, family, left=left, right=right, top=top + page.pt(62))
    row_h = page.pt(14)
    table_top = y + page.pt(14)
    y = _table(page, TABLE_1, family, left=left, right=right, top=table_top, row_h=row_h)
    table_2_top = y + page.pt(16)
    y = _table(page, TABLE_2, family, left=left, right=right, top=table_2_top, row_h=row_h, groups=TABLE_2_GROUPS)
    _footer(page, family, rng, left=left, right=right, top=y + page.pt(18))
    rows_1 = table_top + page.pt(26) + page.pt(11)
    _handle(page, family, rng, left=left, right=right, number_y=number_y, rows_1=rows_1, row_h=row_h,
            bottom=y + page.pt(130))
    return page.rendered(_truth(family))


def _browser_lines(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int) -> None:
    if rng.random() < 0.4:
        return
    printed = dt.date.fromisoformat(family.tanggal_dikeluarkan or "2023-01-01") + dt.timedelta(days=rng.randint(5, 700))
    stamp = f"{printed.day}/{printed.month}/{printed.year % 100:02d}, {rng.randint(7, 22)}:{rng.randint(10, 59)}"
    name = rng.choice((f"KK_{family.no_kk}.pdf", "KK.pdf", f"kk {family.kepala_keluarga.nama_lengkap.split()[-1].lower() if family.kepala_keluarga else 'baru'}.pdf"))
    small = Style(family=page.style.family, scale=1.0, spacing=page.style.spacing, shift=page.style.shift)
    saved, page.style = page.style, small
    page.text((left - 40, 70), stamp, points=7)
    page.text((right + 40, 70), name, points=7, anchor="ra")
    page.text((right + 40, page.image.height - 90), "1/1", points=7, anchor="ra")
    page.style = saved


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: float) -> None:
    page.text((left + 15, top), f"Dikeluarkan Tanggal : {date_dmy(family.tanggal_dikeluarkan)}", points=10)
    sign_x = right - page.pt(10) * 26
    for i, line in enumerate(("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")):
        page.text((sign_x, top + i * page.pt(14)), line, points=9.5, anchor="mt")
    page.text((sign_x, top + page.pt(86)), rng.choice(_OFFICIALS), points=10, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(100)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    qr = page.pt(62)
    page.qr((int(right - qr - 10), int(top)), f"KK {family.no_kk} {family.tanggal_dikeluarkan}", size=qr)
    page.text((left + 15, top + page.pt(80)), "Dokumen ini telah ditandatangani secara elektronik menggunakan "
              "sertifikat elektronik yang diterbitkan oleh BSrE", points=7.5)


def _handle(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, number_y: float,
            rows_1: float, row_h: int, bottom: float) -> None:
    """What a month in a bag and a pen do to the sheet (the marks go over the print, as images)."""
    w, h = page.image.size
    pen = rng.choice(_PEN)
    # Ballpoint: the number underlined, ticks beside some member rows, a note in the margin.
    ink = _layer((w, h))
    draw = ImageDraw.Draw(ink)
    cx = w / 2
    half = page.text_width(f"No. {family.no_kk}", points=14, bold=True) / 2
    draw.line([(cx - half - 10, number_y + 8), (cx, number_y + rng.randint(4, 14)), (cx + half + 15, number_y + 6)],
              fill=255, width=4)
    for r in range(len(family.anggota)):
        if rng.random() < 0.6:
            x, y = left - 45 + rng.randint(-8, 8), rows_1 + r * row_h + row_h / 2
            draw.line([(x, y), (x + 12, y + 14), (x + 34, y - 18)], fill=255, width=4)
    if rng.random() < 0.8:
        hand = own_font("Z003", round(rng.uniform(16, 20) * 300 / 72))
        draw.text((right - 700 + rng.randint(-60, 60), min(h - 200, bottom + rng.uniform(30, 150))),
                  rng.choice(_NOTES), fill=255, font=hand)
    marks, corner_at = _inked(ink, pen)
    page.paste(marks, corner_at)
    # Highlighter over one member row.
    if rng.random() < 0.5 and family.anggota:
        r = rng.randrange(len(family.anggota))
        band = Image.new("RGBA", (int(right - left + 30), int(row_h * 0.9)), (250, 235, 60, rng.randint(80, 110)))
        page.paste(band, (left - 15, int(rows_1 + r * row_h + row_h * 0.05)))
    # A coffee ring.
    if rng.random() < 0.5:
        d = rng.randint(380, 520)
        ring = Image.new("L", (d + 20, d + 20), 0)
        ImageDraw.Draw(ring).ellipse((10, 10, d + 10, d + 10), outline=255, width=rng.randint(10, 18))
        ring = ring.filter(ImageFilter.GaussianBlur(4))
        stain = Image.new("RGBA", ring.size, (150, 105, 60, 0))
        stain.putalpha(ring.point(lambda v: v * 45 // 255))
        page.paste(stain, (rng.randint(left, right - d), int(rng.uniform(number_y, rows_1 + 3 * row_h))))
    # Folds: a horizontal crease across the sheet (often through the table) and a vertical one.
    for horizontal in (True, False):
        at = h * rng.uniform(0.45, 0.55) if horizontal else w * rng.uniform(0.47, 0.53)
        if horizontal and rng.random() < 0.5:
            at = rng.uniform(rows_1, rows_1 + 5 * row_h)
        crease = _crease(w if horizontal else h, rng)
        if horizontal:
            page.paste(crease, (0, int(at)))
        else:
            page.paste(crease.rotate(90, expand=True), (int(at), 0))
    # Staple top left, a dog-eared corner top right.
    staple = Image.new("RGBA", (70, 10), (120, 120, 125, 230))
    page.paste(staple.rotate(rng.uniform(30, 60), expand=True), (rng.randint(30, 60), rng.randint(30, 60)))
    corner = rng.randint(90, 160)
    fold = Image.new("RGBA", (corner, corner), (0, 0, 0, 0))
    ImageDraw.Draw(fold).polygon([(0, 0), (corner, 0), (corner, corner)], fill=(225, 225, 220, 255))
    ImageDraw.Draw(fold).line([(0, 0), (corner, corner)], fill=(160, 160, 160, 255), width=3)
    page.paste(fold, (w - corner - page.style.shift[0], -page.style.shift[1]))


def _layer(size: tuple[int, int]) -> Image.Image:
    return Image.new("L", size, 0)


def _inked(mask: Image.Image, ink: tuple[int, int, int]) -> tuple[Image.Image, tuple[int, int]]:
    """The pen's strokes as an RGBA image cut to what was drawn, and where it goes."""
    box = mask.getbbox() or (0, 0, 1, 1)
    out = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]), (*ink, 0))
    out.putalpha(mask.crop(box).filter(ImageFilter.GaussianBlur(0.7)))
    return out, (box[0], box[1])


def _crease(length: int, rng: random.Random) -> Image.Image:
    """A fold across the sheet: a thin dark line with a soft shadow on one side."""
    profile = np.zeros(24, dtype=np.float32)
    profile[10:12] = 90
    profile[12:24] = np.linspace(40, 0, 12)
    if rng.random() < 0.5:
        profile = profile[::-1].copy()
    wobble = np.random.default_rng(rng.randrange(2**32)).uniform(0.5, 1.0, length // 40 + 2)
    along = np.interp(np.arange(length), np.linspace(0, length, wobble.size), wobble)
    alpha = (profile[:, None] * along[None, :]).clip(0, 255).astype(np.uint8)
    out = Image.new("RGBA", (length, profile.size), (70, 70, 70, 0))
    out.putalpha(Image.fromarray(alpha))
    return out
