"""Held-out family `nikah-u13e` (session 13): a legalised photocopy of the buku nikah's four inner pages on
one A4 sheet.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: what a KUA or the couple's kelurahan asks for and what people keep in their files: the small
booklet (pages of about A6) **laid open twice on the copier**, so that one portrait A4 holds **two
spreads one above the other**, each with the dark shadow of the spine down its middle and the booklet's
edge visible; black and white, hard contrast, a little turned; the KUA legalises it with a box stamp:

- spread 1, left page: `REPUBLIK INDONESIA`, `KEMENTERIAN AGAMA` (`DEPARTEMEN AGAMA` before 2010), the
  emblem's circle, `KUTIPAN AKTA NIKAH`, `Nomor : <akta>` and the booklet's serial (`Seri : JB 0123456`,
  a distractor); right page: "Pada hari ini, <weekday> tanggal <12 Maret 2016> ... telah dilangsungkan akad
  nikah ... sebagaimana tercatat dalam Akta Nikah di **Kantor Urusan Agama Kecamatan <X>** ..." (the KUA
  only in the sentence), then `Wali Nikah` and `Mas Kawin`;
- spread 2: the husband's page and the wife's page with **numbered items** `1. Nama`, `2. Nomor Induk
  Kependudukan`, `3. Tempat dan Tanggal Lahir`, `4. Kewarganegaraan`, `5. Agama`, `6. Pekerjaan`,
  `7. Tempat Tinggal` under `SUAMI` / `ISTRI`, small type, the long address wrapped;
- a violet or blue **box stamp** `FOTOKOPI SESUAI DENGAN ASLINYA` with a handwritten date, the head's
  initials and the KUA's round stamp, over a corner of one spread.

Truth: the book's values (canonical).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, font, title_case
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_PAGE = (1160, 1620)


def render_u13e(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    rng = random.Random(f"nikah-u13e-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=1.0, spacing=1.4, ink=(0, 0, 0), shift=(0, 0))
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    pages = [_cover(style, v, rng, married), _event(style, v, rng, married), _party(style, v, "suami"),
             _party(style, v, "istri")]
    scan = Page(A4_PORTRAIT, style, paper=Image.new("RGB", A4_PORTRAIT, (246, 246, 244)))
    top = 40
    for spread in (pages[:2], pages[2:]):
        x0 = (A4_PORTRAIT[0] - 2 * _PAGE[0]) // 2 + rng.randint(-30, 30)
        y0 = top + rng.randint(0, 40)
        angle = rng.uniform(-0.8, 0.8)
        _place(scan, spread, (x0, y0), angle)
        top += _PAGE[1] + 80
    _legalise(scan, v, rng)
    _copy(scan, rng)
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return Rendered(scan.png(), {"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields},
                    tuple(scan.ops))


def _booklet_page(style: Style) -> Page:
    page = Page(_PAGE, style, paper=Image.new("RGB", _PAGE, (235, 238, 232)))
    page.ops.clear()
    page.rect((50, 50, _PAGE[0] - 50, _PAGE[1] - 50), width=3)
    return page


def _centre(page: Page, y: float, text: str, *, points: float, bold: bool = False) -> float:
    page.text((_PAGE[0] / 2, y), text, points=points, bold=bold, anchor="mt")
    return y + page.pt(points) * 1.5


def _cover(style: Style, v: dict[str, Any], rng: random.Random, married: dt.date) -> Page:
    page = _booklet_page(style)
    y = _centre(page, 150, "REPUBLIK INDONESIA", points=9, bold=True)
    y = _centre(page, y, "KEMENTERIAN AGAMA" if married.year >= 2010 else "DEPARTEMEN AGAMA", points=9, bold=True)
    page.draw.ellipse((_PAGE[0] / 2 - 150, y + 30, _PAGE[0] / 2 + 150, y + 330), outline=(0, 0, 0), width=4)
    y = _centre(page, y + 420, "KUTIPAN", points=15, bold=True)
    y = _centre(page, y, "AKTA NIKAH", points=15, bold=True)
    y = _centre(page, y + 40, f"Nomor : {v['nomor_akta']}", points=9)
    letters = rng.choice(("JB", "KA", "DA", "LB"))
    _centre(page, _PAGE[1] - 260, f"Seri : {letters} {rng.randint(100000, 9999999):07d}", points=8)
    return page


def _wrap(page: Page, text: str, x: float, y: float, width: float, *, points: float) -> float:
    for line in page.wrap_chunks(text.split(), width=width, points=points):
        page.text((x, y), line, points=points)
        y += page.pt(points) * 1.5
    return y


def _event(style: Style, v: dict[str, Any], rng: random.Random, married: dt.date) -> Page:
    page = _booklet_page(style)
    x, width = 120, _PAGE[0] - 240
    district = title_case(v["kua"].removeprefix("KUA KECAMATAN ").strip())
    hour = f"{rng.randint(8, 15):02d}.{rng.choice(('00', '15', '30'))}"
    text = (f"Pada hari ini, {_WEEKDAYS[married.weekday()]} tanggal {date_long(v['tanggal_nikah'])} jam {hour} "
            f"telah dilangsungkan akad nikah menurut Undang-Undang Nomor 1 Tahun 1974 sebagaimana tercatat dalam "
            f"Akta Nikah di Kantor Urusan Agama Kecamatan {district}, antara seorang laki-laki dan seorang "
            f"perempuan yang identitasnya tersebut pada halaman berikut.")
    y = _wrap(page, text, x, 170, width, points=8.5)
    y += 60
    colon = page.text_width("Wali Nikah", points=8.5) + 40
    page.text((x, y), "Wali Nikah", points=8.5)
    page.text((x + colon, y), f": {v['wali.nama_lengkap']}", points=8.5)
    y += page.pt(8.5) * 1.7
    page.text((x, y), "Mas Kawin", points=8.5)
    dowry = rng.choice(("Seperangkat alat sholat", "Emas 5 gram", "Uang tunai Rp. 500.000,-"))
    _wrap(page, f": {dowry} dibayar tunai", x + colon, y, width - colon, points=8.5)
    page.text((_PAGE[0] - 380, _PAGE[1] - 470), "Pegawai Pencatat Nikah,", points=8, anchor="mt")
    page.paste(signature(rng, width=300, height=130), (_PAGE[0] - 530, _PAGE[1] - 420))
    page.text((_PAGE[0] - 380, _PAGE[1] - 230), rng.choice(("H. MUHAMMAD SALEH, S.Ag.", "ABD. RAHMAN, S.HI.")),
              points=8, bold=True, anchor="mt")
    return page


def _party(style: Style, v: dict[str, Any], role: str) -> Page:
    page = _booklet_page(style)
    x, width = 110, _PAGE[0] - 220
    _centre(page, 150, "SUAMI" if role == "suami" else "ISTRI", points=12, bold=True)
    items = [("Nama", v[f"{role}.nama_lengkap"]), ("Nomor Induk Kependudukan", v[f"{role}.nik"] or "-"),
             ("Tempat dan Tanggal Lahir",
              f"{title_case(v[f'{role}.tempat_lahir'])}, {date_long(v[f'{role}.tanggal_lahir'])}"),
             ("Kewarganegaraan", v[f"{role}.kewarganegaraan"]), ("Agama", title_case(v[f"{role}.agama"])),
             ("Pekerjaan", v[f"{role}.pekerjaan"]), ("Tempat Tinggal", v[f"{role}.alamat"])]
    y = 300.0
    for i, (label, value) in enumerate(items):
        page.text((x, y), f"{i + 1}. {label}", points=8)
        y = _wrap(page, f": {value}", x + 50, y + page.pt(8) * 1.4, width - 50, points=9)
        y += 30
    return page


def _place(scan: Page, spread: list[Page], xy: tuple[int, int], angle: float) -> None:
    """Two booklet pages side by side with the spine's shadow between them, turned a little; text ops
    moved with them (a scanner's searchable PDF layer)."""
    w, h = _PAGE
    image = Image.new("RGB", (2 * w, h), (0, 0, 0))
    for i, page in enumerate(spread):
        image.paste(page.image, (i * w, 0))
    shade = np.ones((h, 2 * w), dtype=np.float32)
    xs = np.arange(2 * w, dtype=np.float32)
    shade *= (1 - 0.55 * np.exp(-((xs - w) / 45) ** 2))[None, :]
    pixels = np.asarray(image).astype(np.float32) * shade[..., None]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB").convert("RGBA")
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    scan.paste(turned, xy)
    dx, dy = xy[0] + (turned.width - 2 * w) / 2, xy[1] + (turned.height - h) / 2
    for i, page in enumerate(spread):
        for op in page.ops:
            if op[0] == "text":
                scan.ops.append(("text", op[1] + dx + i * w, op[2] + dy, *op[3:6], None))


def _legalise(scan: Page, v: dict[str, Any], rng: random.Random) -> None:
    ink = rng.choice(((95, 40, 150), (40, 60, 160)))
    box = Image.new("RGBA", (900, 330), (0, 0, 0, 0))
    draw = ImageDraw.Draw(box)
    draw.rectangle((4, 4, 895, 325), outline=(*ink, 210), width=6)
    face = font(scan.style.family, 40, bold=True)
    draw.text((450, 40), "FOTOKOPI SESUAI", fill=(*ink, 210), font=face, anchor="mt")
    draw.text((450, 95), "DENGAN ASLINYA", fill=(*ink, 210), font=face, anchor="mt")
    hand = font(scan.style.family, 30)
    when = dt.date.fromisoformat(v["tanggal_nikah"]) + dt.timedelta(days=rng.randint(200, 3000))
    draw.text((40, 190), f"Tgl. {when.day}/{when.month}/{when.year}   Paraf:", fill=(*ink, 200), font=hand)
    spot = (rng.randint(1250, 1500), rng.choice((rng.randint(1200, 1380), rng.randint(2950, 3100))))
    scan.paste(box.rotate(rng.uniform(-4, 4), expand=True), spot)
    town = v["kua"].removeprefix("KUA KECAMATAN ")
    seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KEC. {town}"[:40], centre="KUA", family=scan.style.family,
                 diameter=rng.randint(330, 380))
    scan.paste(seal, (spot[0] + 600, spot[1] - 60))


def _copy(scan: Page, rng: random.Random) -> None:
    """Black and white copy: grey, hard contrast, toner specks (raster only)."""
    grey = np.asarray(scan.image.convert("L")).astype(np.float32)
    grey = np.clip((grey - 40) * rng.uniform(1.15, 1.35), 0, 255)
    specks = np.random.default_rng(rng.randrange(2**32)).random(grey.shape) < 0.0004
    grey[specks] = 30
    image = Image.fromarray(grey.astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))
    scan.image.paste(image.convert("RGB"), (0, 0))

