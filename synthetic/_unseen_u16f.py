"""Held-out family `nikah-u16f` (session 16): an opened booklet whose printed form puts each caption **under**
its line, the values typed above the lines in a typewriter face.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the buku nikah booklet of the 1990s-2000s issued by a KUA, its pre-printed form filled in on an office
typewriter, scanned open as a landscape A4 spread (two A5 pages, the fold between them, cream paper):

- the form printed in **dark red-brown** in URW Bookman or P052; the typing in **black or blue-black** in Nimbus
  Mono PS or Liberation Mono (one each a page);
- each entry a thin ruled line with the **value typed on it** and the **caption printed small under it**, no
  colons (as on many government forms): `Nomor Akta Nikah`, `Hari`, `Tanggal akad nikah` (`12-3-2016`: **day
  and month without leading zeros**), `Jam`, `Kecamatan tempat pencatatan` (**the KUA given only by its
  district**, typed `LATAMBAGA`);
- left page: `DEPARTEMEN AGAMA` (before 2010) or `KEMENTERIAN AGAMA` / `REPUBLIK INDONESIA` and `KUTIPAN AKTA
  NIKAH` at its top, the entries above, then `SUAMI`: `Nama lengkap`, `Nomor Induk Kependudukan` (since 2011;
  else the line is typed `-`), `Tempat lahir` and `Tanggal lahir` **side by side on one line**, `Warganegara`
  and `Agama` side by side, `Pekerjaan`, `Tempat tinggal`;
- right page: `ISTERI` (the older spelling) with the same entries, then `WALI NIKAH` (`Nama wali`, `Hubungan`),
  and the foot: `Pegawai Pencatat Nikah`, a signature and the KUA's stamp when stamped, the typed name;
- values typed in capitals as the truth has them; the birth dates like the marriage date (`5-6-1990`).

Truth: the book's flattened fields (canonical).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style
from ._marks import signature, stamp

_WEEKDAYS = ("SENIN", "SELASA", "RABU", "KAMIS", "JUMAT", "SABTU", "MINGGU")
_FORM_INKS = ((120, 38, 30), (110, 50, 35), (95, 35, 45))
_TYPE_INKS = ((15, 15, 15), (25, 30, 70))
_HEADS = ("H. ABDUL MUIS, BA", "Drs. LA ODE KAIMUDDIN", "MUHAMMAD YUNUS, S.Ag.", "H. SAHARUDDIN LATIF")
_WALI = ("AYAH KANDUNG", "KAKEK", "SAUDARA KANDUNG", "WALI HAKIM")


def _dmy(iso: str | None) -> str:
    return f"{int(iso[8:10])}-{int(iso[5:7])}-{iso[:4]}" if iso else "-"


def _spread(rng: random.Random) -> Image.Image:
    """Two cream booklet pages on a grey scanner bed, the fold's shadow between them."""
    w, h = A4_LANDSCAPE
    bed = Image.new("RGB", (w, h), (rng.randint(200, 215),) * 3)
    draw = ImageDraw.Draw(bed)
    cream = (rng.randint(244, 250), rng.randint(238, 244), rng.randint(220, 230))
    draw.rectangle((110, 90, w - 110, h - 90), fill=cream)
    mid = w // 2
    for dx in range(-40, 41):
        shade = int(70 * (1 - abs(dx) / 40) ** 2)
        draw.line((mid + dx, 90, mid + dx, h - 90), fill=tuple(max(0, c - shade) for c in cream))
    return bed


class _Form:
    """Entries of a form: a line, the typed value on it, the caption printed under it."""

    def __init__(self, page: Page, form: Style, typed: Style) -> None:
        self.page, self.form, self.typed = page, form, typed

    def entry(self, x0: float, x1: float, y: float, value: str, caption: str, *, points: float = 11) -> None:
        page = self.page
        page.style = self.typed
        page.text((x0 + 14, y - 8), value, points=points, anchor="ls")
        page.style = self.form
        page.line((x0, y, x1, y), width=2)
        page.text((x0, y + 12), caption, points=7.5)

    def heading(self, x: float, y: float, text: str, *, points: float = 12, anchor: str = "mt") -> None:
        self.page.style = self.form
        self.page.text((x, y), text, points=points, bold=True, anchor=anchor)


def render_u16f(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`)."""
    rng = random.Random(f"nikah-u16f-{seed}")
    v = dict(values)
    del varied, heldout  # the booklet has its own faces and inks
    shift = (rng.randint(-20, 20), rng.randint(-15, 15))
    form = Style(family=rng.choice(("URW Bookman", "P052")), scale=1.0, spacing=1.4, ink=rng.choice(_FORM_INKS),
                 shift=shift)
    typed = Style(family=rng.choice(("Nimbus Mono PS", "Liberation Mono")), scale=1.0, spacing=1.4,
                  ink=rng.choice(_TYPE_INKS), shift=(shift[0] + rng.randint(-8, 8), shift[1] + rng.randint(-6, 6)))
    page = Page(A4_LANDSCAPE, form, paper=_spread(rng))
    f = _Form(page, form, typed)
    w = page.width
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    if married.year < 2011:  # the older booklet has no NIK line: typed `-`
        v["suami.nik"] = v["istri.nik"] = None
    district = (v["kua"] or "KUA KECAMATAN -").removeprefix("KUA KECAMATAN ").strip()
    pages = ((210, w // 2 - 120), (w // 2 + 120, w - 210))
    (l0, r0), (l1, r1) = pages
    gap = page.pt(42)
    # left page: the ministry, the title, the event, the husband
    c0 = (l0 + r0) / 2
    f.heading(c0, 170, "DEPARTEMEN AGAMA" if married.year < 2010 else "KEMENTERIAN AGAMA", points=11)
    f.heading(c0, 170 + page.pt(15), "REPUBLIK INDONESIA", points=11)
    f.heading(c0, 170 + page.pt(36), "KUTIPAN AKTA NIKAH", points=17)
    y: float = 170 + page.pt(80)
    f.entry(l0, r0, y, v["nomor_akta"] or "-", "Nomor Akta Nikah")
    y += gap
    third = (r0 - l0) / 3
    f.entry(l0, l0 + third - 30, y, _WEEKDAYS[married.weekday()], "Hari")
    f.entry(l0 + third, l0 + 2 * third - 30, y, _dmy(v["tanggal_nikah"]), "Tanggal akad nikah")
    f.entry(l0 + 2 * third, r0, y, f"{rng.randint(8, 15):02d}.{rng.choice(('00', '30'))} WITA", "Jam")
    y += gap
    f.entry(l0, r0, y, district, "Kecamatan tempat pencatatan")
    for (x0, x1), role, title in (((l0, r0), "suami", "SUAMI"), ((l1, r1), "istri", "ISTERI")):
        yy = y + page.pt(70) if role == "suami" else 170 + page.pt(40)
        f.heading((x0 + x1) / 2, yy - page.pt(22), title, points=13)
        yy += page.pt(14)
        half = (x1 - x0) / 2
        f.entry(x0, x1, yy, v[f"{role}.nama_lengkap"] or "-", "Nama lengkap")
        yy += gap
        f.entry(x0, x1, yy, v[f"{role}.nik"] or "-", "Nomor Induk Kependudukan")
        yy += gap
        f.entry(x0, x0 + half - 30, yy, v[f"{role}.tempat_lahir"] or "-", "Tempat lahir")
        f.entry(x0 + half, x1, yy, _dmy(v[f"{role}.tanggal_lahir"]), "Tanggal lahir")
        yy += gap
        f.entry(x0, x0 + half - 30, yy, v[f"{role}.kewarganegaraan"] or "-", "Warganegara")
        f.entry(x0 + half, x1, yy, v[f"{role}.agama"] or "-", "Agama")
        yy += gap
        f.entry(x0, x1, yy, v[f"{role}.pekerjaan"] or "-", "Pekerjaan")
        yy += gap
        f.entry(x0, x1, yy, v[f"{role}.alamat"] or "-", "Tempat tinggal")
        y_end = yy
    yy = y_end + page.pt(70)
    f.heading((l1 + r1) / 2, yy - page.pt(20), "WALI NIKAH", points=12)
    yy += page.pt(12)
    f.entry(l1, l1 + (r1 - l1) * 0.62, yy, v["wali.nama_lengkap"] or "-", "Nama wali")
    f.entry(l1 + (r1 - l1) * 0.66, r1, yy, rng.choice(_WALI), "Hubungan")
    sx = (l1 + r1) / 2 + (r1 - l1) / 4
    yy += page.pt(50)
    f.heading(sx, yy, "Pegawai Pencatat Nikah,", points=10)
    head = rng.choice(_HEADS)
    f.entry(sx - 330, sx + 330, yy + page.pt(62), head, "nama dan tanda tangan", points=10)
    if stamped:
        page.paste(signature(rng, width=380, height=140), (round(sx - 190), round(yy + page.pt(14))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KEC. {district}"[:40], centre="KUA", family="DejaVu Serif",
                     diameter=rng.randint(320, 380))
        page.paste(seal, (round(sx - seal.width * rng.uniform(0.9, 1.2)), round(yy + page.pt(4))))
    page.style = form
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})
