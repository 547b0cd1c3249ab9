"""Held-out family `nikah-u12e` (session 12): the marriage card, front and back scanned onto one page.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the **KARTU NIKAH** the Ministry of Religious Affairs issued from the end of 2018 beside the
booklet (printed by SIMKAH at the KUA, also on request for couples married earlier), a plastic card the
size of an identity card. People bring it as the applicant brings a KTP: **both sides scanned or copied
onto one A4 page**, enlarged (about 1.8 to 2.2 times), front above back, or side by side on a landscape
sheet, each card a little turned:

- front: a green or blue **band** across the top with `KEMENTERIAN AGAMA REPUBLIK INDONESIA` and
  `KARTU NIKAH` **in white on the colour**; a light patterned ground; two photo boxes with the husband's
  and the wife's **names under them without labels** (husband left); `No. Akta Nikah` / `Nomor Akta`
  with the number, `Tanggal Akad` / `Tgl. Nikah` with the date (`12 Maret 2016` or `12-03-2016`),
  `KUA Kecamatan <X>` or `Tempat Nikah : KUA Kec. <X>` (the truth's `KUA KECAMATAN X`), a QR code;
- back: a **grid of three columns, the labels in the middle or at the left** (`NIK`, `Tempat/Tgl. Lahir`,
  `Kewarganegaraan` or `WN`, `Agama`, `Pekerjaan`, `Alamat`) with the husband's and the wife's values
  in the other two under `SUAMI` and `ISTRI`; the address wrapped in its cell; `Wali Nikah` under the
  grid; a small print of terms, the card's own `Dicetak` date (a distractor, later) and the signature of
  the Kepala KUA printed.

Truth: the book's values (canonical); the card prints every one.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, A4_PORTRAIT, Rendered, Style, date_dmy, date_long, title_case
from ._form import FormPage
from ._marks import signature

_BANDS = ((0, 110, 70), (20, 80, 140), (0, 96, 100))
_HEADS = ("H. Muhammad Saleh, S.Ag.", "Drs. La Ode Abdul Malik", "Abdul Wahid, S.H.I., M.H.")


def render_u12e(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`)."""
    rng = random.Random(f"nikah-u12e-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    landscape = rng.random() < 0.3
    size = A4_LANDSCAPE if landscape else A4_PORTRAIT
    style = Style(family=base.family, scale=1.0, spacing=base.spacing, ink=(20, 20, 24), shift=(0, 0))
    scan = FormPage(size, style, face="Nimbus Sans")
    band = rng.choice(_BANDS)
    zoom = rng.uniform(1.8, 2.2) if not landscape else rng.uniform(1.55, 1.75)
    card = (round(1011 * zoom), round(638 * zoom))
    face = rng.choice(("Nimbus Sans", "FreeSans", "DejaVu Sans Condensed", "Nimbus Sans Narrow"))
    long_dates = rng.random() < 0.5
    printed = max(dt.date(2019, 1, 2), dt.date.fromisoformat(v["tanggal_nikah"])) + dt.timedelta(days=rng.randint(3, 900))
    front = _front(card, style, face, band, v, rng, long_dates=long_dates)
    back = _back(card, style, face, band, v, rng, long_dates=long_dates, printed=printed)
    if landscape:
        spots = ((int(size[0] * 0.25 - card[0] / 2), 300), (int(size[0] * 0.75 - card[0] / 2), 300))
    else:
        spots = ((int((size[0] - card[0]) / 2), 260), (int((size[0] - card[0]) / 2), 260 + card[1] + 280))
    for page, (x, y) in zip((front, back), spots, strict=True):
        dx, dy = rng.randint(-40, 40), rng.randint(-30, 30)
        _place(scan, page, (x + dx, y + dy), rng.uniform(-1.2, 1.2))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return scan.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _ground(card: tuple[int, int], band: tuple[int, int, int], rng: random.Random) -> Image.Image:
    """The card's printed ground: pale colour, a fine wave pattern, rounded corners (RGBA)."""
    w, h = card
    yy, xx = np.mgrid[0:h:2, 0:w:2].astype(np.float32)
    k = rng.uniform(0.02, 0.035)
    waves = (np.sin(xx * k + 6 * np.sin(yy * k * 0.7)) > 0.92).astype(np.float32)
    tint = np.array(band, dtype=np.float32)
    ground = 255 - (255 - tint) * (0.07 + 0.05 * waves)[..., None]
    image = Image.fromarray(np.clip(ground, 0, 255).astype(np.uint8), "RGB").resize(card, Image.Resampling.BILINEAR)
    image = image.convert("RGBA")
    mask = Image.new("L", card, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=int(h * 0.06), fill=255)
    image.putalpha(mask)
    return image


def _card_page(card: tuple[int, int], style: Style, face: str, band: tuple[int, int, int],
               rng: random.Random) -> FormPage:
    page = FormPage(card, style, face=face, paper=_ground(card, band, rng).convert("RGB"))
    page.paste(Image.new("RGB", (card[0], int(card[1] * 0.2)), band), (0, 0))
    scale = card[0] / 1011
    page.style = Style(family=style.family, scale=scale / 2.0, spacing=style.spacing, ink=style.ink, shift=(0, 0))
    return page


def _white(page: FormPage, xy: tuple[float, float], text: str, *, points: float, bold: bool = True,
           anchor: str = "la") -> None:
    with page.using(ink=(255, 255, 255)):
        page.text(xy, text, points=points, bold=bold, anchor=anchor)


def _front(card: tuple[int, int], style: Style, face: str, band: tuple[int, int, int], v: dict[str, Any],
           rng: random.Random, *, long_dates: bool) -> FormPage:
    page = _card_page(card, style, face, band, rng)
    w, h = card
    _white(page, (w * 0.04, h * 0.035), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=11)
    _white(page, (w * 0.04, h * 0.105), "KARTU NIKAH", points=17)
    photo_w, photo_h = w * 0.2, h * 0.36
    names_y = h * 0.23 + photo_h + page.pt(8)
    for i, role in enumerate(("suami", "istri")):
        x0 = w * (0.06 + i * 0.26)
        page.band((x0, h * 0.24, x0 + photo_w, h * 0.24 + photo_h), 205)
        words = page.wrap_chunks(v[f"{role}.nama_lengkap"].split(), width=w * 0.25, points=10.5)
        for j, line in enumerate(words[:2]):
            page.text((x0 + photo_w / 2, names_y + j * page.pt(13)), line, points=10.5, bold=True, anchor="mt")
    x = w * 0.6
    y = h * 0.27
    married = date_long(v["tanggal_nikah"]) if long_dates else date_dmy(v["tanggal_nikah"])
    district = title_case(str(v["kua"]).removeprefix("KUA KECAMATAN ").strip())
    rows = ((rng.choice(("No. Akta Nikah", "Nomor Akta")), v["nomor_akta"]),
            (rng.choice(("Tanggal Akad", "Tgl. Nikah")), married),
            ("Tempat Nikah", f"KUA Kec. {district}") if rng.random() < 0.5 else ("KUA Kecamatan", district))
    for label, value in rows:
        with page.using(ink=(90, 90, 96)):
            page.text((x, y), label, points=8.5)
        page.text((x, y + page.pt(11)), value, points=11, bold=True)
        y += page.pt(32)
    qr = int(h * 0.26)
    page.qr((int(w * 0.94 - qr), int(h * 0.7)), f"SIMKAH|{v['nomor_akta']}", size=qr)
    return page


def _back(card: tuple[int, int], style: Style, face: str, band: tuple[int, int, int], v: dict[str, Any],
          rng: random.Random, *, long_dates: bool, printed: dt.date) -> FormPage:
    page = _card_page(card, style, face, band, rng)
    w, h = card
    _white(page, (w * 0.04, h * 0.06), "DATA PASANGAN", points=13)
    _white(page, (w * 0.96, h * 0.075), f"No. {v['nomor_akta']}", points=9, bold=False, anchor="ra")
    middle = rng.random() < 0.5  # the labels between the spouses' columns, or at the left
    order = ("suami", "label", "istri") if middle else ("label", "suami", "istri")
    shares = {"label": 0.24, "suami": 0.37, "istri": 0.37}
    xs = [w * 0.02]
    for key in order:
        xs.append(xs[-1] + shares[key] * w * 0.96 / 0.98)
    heads = {"label": "", "suami": "SUAMI", "istri": "ISTRI"}

    def born(role: str) -> str:
        iso = v[f"{role}.tanggal_lahir"]
        day = date_long(iso) if long_dates else date_dmy(iso)
        return f"{title_case(v[f'{role}.tempat_lahir'])}, {day}"

    rows = [("NIK", lambda r: v[f"{r}.nik"] or "-"), ("Tempat/Tgl. Lahir", born),
            (rng.choice(("Kewarganegaraan", "WN")), lambda r: v[f"{r}.kewarganegaraan"] or "-"),
            ("Agama", lambda r: v[f"{r}.agama"] or "-"), ("Pekerjaan", lambda r: v[f"{r}.pekerjaan"] or "-"),
            ("Alamat", lambda r: v[f"{r}.alamat"] or "-")]
    top = h * 0.24
    row_h = page.pt(24)
    points = 9.5
    for c, key in enumerate(order):
        page.text(((xs[c] + xs[c + 1]) / 2, top), heads[key], points=10, bold=True, anchor="mt")
    y = top + page.pt(16)
    page.line((xs[0], y, xs[-1], y), width=2)
    for label, value in rows:
        for c, key in enumerate(order):
            text = label if key == "label" else value(key)
            lines = page.wrap_chunks(text.split(), width=xs[c + 1] - xs[c] - 16, points=points)
            step = page.pt(points) * 1.15
            first = y + row_h / 2 - (len(lines) - 1) * step / 2
            for j, line in enumerate(lines):
                ink = (90, 90, 96) if key == "label" else style.ink
                with page.using(ink=ink):
                    page.text(((xs[c] + xs[c + 1]) / 2, first + j * step), line, points=points,
                              bold=key != "label", anchor="mm")
        y += row_h
        page.line((xs[0], y, xs[-1], y), width=1)
    y += page.pt(10)
    page.text((w * 0.04, y), f"Wali Nikah : {v['wali.nama_lengkap']}", points=10, bold=True)
    with page.using(ink=(90, 90, 96)):
        page.text((w * 0.04, h * 0.9), f"Dicetak {printed.strftime('%d-%m-%Y')}  -  Kartu ini sah tanpa tanda tangan "
                  "basah", points=7)
    page.text((w * 0.8, y), "Kepala KUA", points=8, anchor="mt")
    page.paste(signature(rng, width=int(w * 0.18), height=int(h * 0.08)), (int(w * 0.71), int(y + page.pt(9))))
    page.text((w * 0.8, y + page.pt(34)), rng.choice(_HEADS), points=8, anchor="mt")
    return page


def _place(scan: FormPage, card: FormPage, xy: tuple[int, int], angle: float) -> None:
    """The card's image on the scan, turned a little, with its rounded corners; its text ops moved with it."""
    image = card.image.convert("RGBA")
    w, h = image.size
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=int(h * 0.06), fill=255)
    image.putalpha(mask)
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    scan.paste(turned, xy)
    # A scanner's searchable PDF: its invisible OCR layer over the card, where the straight card would hold it.
    dx, dy = xy[0] + (turned.width - w) / 2, xy[1] + (turned.height - h) / 2
    for op in card.ops:
        if op[0] == "text":
            scan.ops.append(("text", op[1] + dx, op[2] + dy, *op[3:6], None))
