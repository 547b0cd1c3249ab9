"""Held-out family `nikah-u15e` (session 15): the marriage record as the ministry's online registry shows it,
printed from a browser.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: what a couple prints when the booklet is away or lost and the counter accepts the registry's own
record: the web page of the KUA registration system (SIMKAH) opened on a computer and printed on A4 portrait,
in Open Sans or Nimbus Sans (one a page):

- the **browser's own lines**: the date and time of printing and the page title at the top, the page's address
  (`https://simkah4.kemenag.go.id/...`) and `1/1` at the bottom;
- the site's bar: `KEMENTERIAN AGAMA REPUBLIK INDONESIA` / `Sistem Informasi Manajemen Nikah`, then a title
  `Detail Data Pernikahan` (no `KUTIPAN AKTA NIKAH`, no `BUKU NIKAH`);
- the record in **shaded section bars** (`Data Peristiwa Nikah`, `Data Suami`, `Data Istri`, `Data Wali`), each
  a two-column key-value list with alternating grey rows, no colons;
- the **role inside every label** (`Nama Suami`, `NIK Suami`, `Tempat Lahir Suami`, `Tanggal Lahir Suami`,
  `Kewarganegaraan Suami`, `Agama Suami`, `Pekerjaan Suami`, `Alamat Suami`; the same with `Istri`) rather than
  under a section title alone;
- the event: `Nomor Akta`, `Tanggal Akad` (`Sabtu, 12 Maret 2016`), `Lokasi Pencatatan` (`KUA Kecamatan
  Latambaga`: the KUA), `Status Pencatatan` (`Tercatat`), `No. Perforasi` (the booklet's serial: a distractor);
- birth dates as the site shows them (`12/03/1990`); names in capitals, the other values as the site shows them
  (`Islam`, `Wiraswasta`, `WNI`);
- `Nama Wali`, `Hubungan Wali` (`Ayah Kandung`); a QR code and "Dokumen ini dicetak dari SIMKAH" at the foot.

Truth: the book's flattened fields (canonical).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, title_case

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_WALI = ("Ayah Kandung", "Kakek", "Saudara Laki-laki Kandung", "Wali Hakim")
_KEEP = {"WNI", "WNA", "PNS", "TNI", "POLRI", "(ASN)", "I", "II", "III", "IV"}


def _site(value: str) -> str:
    return " ".join(w if w in _KEEP else "/".join(p.capitalize() for p in w.split("/")) for w in value.split())


def _slashed(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else "-"


def _band(page: Page, box: tuple[float, float, float, float], grey: int) -> None:
    x0, y0, x1, y1 = (round(c) for c in box)
    page.paste(Image.new("L", (x1 - x0, y1 - y0), grey), (x0, y0))


def _section(page: Page, title: str, rows: list[tuple[str, str]], *, left: float, right: float, top: float) -> float:
    bar = page.pt(10) * 2.0
    _band(page, (left, top, right, top + bar), 205)
    page.text((left + 24, top + bar / 2), title, points=10.5, bold=True, anchor="lm")
    y = top + bar
    row_h = page.pt(10) * 1.95
    split = left + (right - left) * 0.36
    for i, (label, value) in enumerate(rows):
        if i % 2 == 1:
            _band(page, (left, y, right, y + row_h), 240)
        page.text((left + 24, y + row_h / 2), label, points=10, anchor="lm")
        page.text_in_box((round(split), round(y), round(right - 10), round(y + row_h)), value or "-", points=10,
                         bold=label.startswith("Nama"))
        y += row_h
    return y + page.pt(14)


def render_u15e(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); `stamped` has no meaning for a print-out."""
    del stamped
    rng = random.Random(f"nikah-u15e-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_PORTRAIT, Style(family=rng.choice(("Open Sans", "Nimbus Sans")), scale=1.0, spacing=1.4,
                                   ink=base.ink, shift=(rng.randint(-15, 15), rng.randint(-15, 15))))
    w, h = page.width, page.image.height
    left, right = 150 + rng.randint(0, 20), w - 150 - rng.randint(0, 20)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    printed = married + dt.timedelta(days=rng.randint(60, 2500))
    printed = min(printed, dt.date(2026, 11, 30))
    page.text((70, 60), f"{printed.day}/{printed.month}/{printed.strftime('%y')}, {rng.randint(8, 16)}.{rng.randint(0, 59):02d}",
              points=7.5)
    page.text((w / 2, 60), "SIMKAH - Detail Data Pernikahan", points=7.5, anchor="mt")
    _band(page, (left, 170, right, 170 + page.pt(46)), 60)
    saved = page.style
    page.style = Style(family=saved.family, scale=1.0, spacing=1.4, ink=(255, 255, 255), shift=saved.shift)
    page.text((left + 40, 170 + page.pt(8)), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12, bold=True)
    page.text((left + 40, 170 + page.pt(26)), "Sistem Informasi Manajemen Nikah", points=10.5)
    page.style = saved
    y: float = 170 + page.pt(62)
    page.text((left, y), "Detail Data Pernikahan", points=16, bold=True)
    y += page.pt(30)
    kua = v["kua"] or "KUA KECAMATAN -"
    district = kua.removeprefix("KUA KECAMATAN ").strip()
    event = [("Nomor Akta", v["nomor_akta"] or "-"),
             ("Tanggal Akad", f"{_WEEKDAYS[married.weekday()]}, {date_long(v['tanggal_nikah'])}"),
             ("Lokasi Pencatatan", f"KUA Kecamatan {title_case(district)}"), ("Status Pencatatan", "Tercatat"),
             ("No. Perforasi", f"{rng.choice('ABCDEFGH')}{rng.randint(1000000, 9999999)}")]
    y = _section(page, "Data Peristiwa Nikah", event, left=left, right=right, top=y)
    for role, title in (("suami", "Suami"), ("istri", "Istri")):
        rows = [(f"Nama {title}", v[f"{role}.nama_lengkap"]), (f"NIK {title}", v[f"{role}.nik"]),
                (f"Tempat Lahir {title}", title_case(v[f"{role}.tempat_lahir"] or "-")),
                (f"Tanggal Lahir {title}", _slashed(v[f"{role}.tanggal_lahir"])),
                (f"Kewarganegaraan {title}", v[f"{role}.kewarganegaraan"]),
                (f"Agama {title}", _site(v[f"{role}.agama"] or "-")),
                (f"Pekerjaan {title}", _site(v[f"{role}.pekerjaan"] or "-")),
                (f"Alamat {title}", _site(v[f"{role}.alamat"] or "-"))]
        y = _section(page, f"Data {title}", rows, left=left, right=right, top=y)
    y = _section(page, "Data Wali", [("Nama Wali", v["wali.nama_lengkap"]), ("Hubungan Wali", rng.choice(_WALI))],
                 left=left, right=right, top=y)
    page.qr((round(left), round(y + 20)), f"https://simkah4.kemenag.go.id/verifikasi/{v['nomor_akta']}", size=220)
    page.text((left + 260, y + 130), "Dokumen ini dicetak dari SIMKAH, Kementerian Agama RI.", points=9)
    page.text((70, h - 90), f"https://simkah4.kemenag.go.id/pernikahan/detail/{rng.randint(10**7, 10**8 - 1)}",
              points=7.5)
    page.text((w - 70, h - 90), "1/1", points=7.5, anchor="ra")
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})
