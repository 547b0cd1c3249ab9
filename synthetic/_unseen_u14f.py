"""Held-out family `nikah-u14f` (session 14): a Kutipan Akta Nikah recorded years after the wedding on a
religious court's isbat ruling, the spouses side by side in one ruled grid.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: when a marriage held before a religious official was never registered, the Pengadilan Agama
confirms it (isbat nikah) and the KUA then records it; the kutipan it issues says so and carries **more
numbers and dates than usual**:

- the KUA's heading (`KEMENTERIAN AGAMA REPUBLIK INDONESIA` / `KANTOR URUSAN AGAMA KECAMATAN <X>`), a
  double rule; `KUTIPAN AKTA NIKAH` and under it `(Pencatatan Nikah
  Berdasarkan Penetapan Isbat Nikah)`; `Nomor Akta Nikah : <nomor_akta>`;
- a paragraph: "Berdasarkan Penetapan Pengadilan Agama <Town> Nomor 0123/Pdt.P/2019/PA.Kdi tanggal <date>,
  Pegawai Pencatat Nikah ... telah mencatat pernikahan yang dilangsungkan pada tanggal <tanggal_nikah in
  words of the month> antara:" (the court's number and the ruling's date are not the akta's);
- **one ruled grid** of three columns, `URAIAN` | `SUAMI` | `ISTRI`, a row an attribute: `Nama Lengkap`,
  `Bin / Binti` (the fathers), `NIK`, `Tempat Lahir`, `Tanggal Lahir` (`DD-MM-YYYY`), `Kewarganegaraan`,
  `Agama`, `Pekerjaan`, `Tempat Tinggal` (long addresses wrapped in the cell); then rows spanning both
  spouses: `Wali Nikah` (name and relation), `Mas Kawin`;
- the foot: "Dikeluarkan di <District>, pada tanggal <the registration date, later>", `Kepala KUA Kecamatan
  <X>`, signature, the round stamp when stamped, name and NIP.

Truth: the book's fields (the marriage date, not the ruling's or the registration's).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_dmy, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_HEADS = ("H. ABD. RAZAK, S.Ag.", "MUHAMMAD TAUFIK, S.H.I., M.H.", "Drs. H. LA ODE SABARUDDIN", "AHMAD FAUZI, S.Sy.")
_COURTS = (("Kendari", "PA.Kdi"), ("Kolaka", "PA.Kla"), ("Raha", "PA.Rh"), ("Unaaha", "PA.Una"), ("Pasarwajo", "PA.Psw"))
_WALI = ("Ayah Kandung", "Saudara Laki-laki Kandung", "Kakek", "Wali Hakim")
_MAHAR = ("Seperangkat alat sholat dibayar tunai", "Emas 5 gram dibayar tunai", "Uang Rp 1.000.000,- tunai")


def render_u14f(values: dict[str, Any], suami: core.Person, istri: core.Person, *, seed: int, varied: bool = False,
                heldout: bool = False, stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); the spouses give their fathers' names."""
    rng = random.Random(f"nikah-u14f-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_PORTRAIT, Style(family=base.family, scale=1.0, spacing=1.4, ink=base.ink,
                                   shift=(rng.randint(-25, 25), rng.randint(-25, 25))))
    w = page.width
    left, right = 210 + rng.randint(0, 30), w - 210 - rng.randint(0, 30)
    cx = w / 2
    kua = v["kua"] or "KUA KECAMATAN -"
    district = kua.removeprefix("KUA KECAMATAN ").strip()
    court, court_code = rng.choice(_COURTS)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    latest = dt.date(2026, 11, 30)
    ruled = min(latest - dt.timedelta(days=30), married + dt.timedelta(days=rng.randint(200, 4000)))
    if ruled <= married:
        ruled = married + dt.timedelta(days=10)
    registered = ruled + dt.timedelta(days=rng.randint(7, 25))
    y: float = 200
    page.text((cx, y), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((cx, y + page.pt(16)), f"KANTOR URUSAN AGAMA KECAMATAN {district}", points=13, bold=True, anchor="mt")
    y += page.pt(38)
    page.line((left, y, right, y), width=5)
    page.line((left, y + 10, right, y + 10), width=2)
    y += page.pt(20)
    page.text((cx, y), "KUTIPAN AKTA NIKAH", points=18, bold=True, anchor="mt")
    y += page.pt(24)
    page.text((cx, y), "(Pencatatan Nikah Berdasarkan Penetapan Isbat Nikah)", points=10.5, anchor="mt")
    y += page.pt(22)
    page.text((cx, y), f"Nomor Akta Nikah : {v['nomor_akta']}", points=11.5, bold=True, anchor="mt")
    y += page.pt(32)
    ruling = f"{rng.randint(20, 480):04d}/Pdt.P/{ruled.year}/{court_code}"
    paragraph = (f"Berdasarkan Penetapan Pengadilan Agama {court} Nomor {ruling} tanggal {date_long(ruled.isoformat())}, "
                 f"Pegawai Pencatat Nikah pada Kantor Urusan Agama Kecamatan {title_case(district)} telah mencatat "
                 f"pernikahan yang dilangsungkan pada tanggal {date_long(v['tanggal_nikah'])} antara:")
    for line in page.wrap_chunks(paragraph.split(), width=right - left, points=11):
        page.text((left, y), line, points=11)
        y += page.pt(11) * 1.5
    y += page.pt(8)
    fathers = {"suami": suami.nama_ayah, "istri": istri.nama_ayah}
    rows: list[tuple[str, str | None, str | None]] = [("URAIAN", "SUAMI", "ISTRI")]
    for label, key in (("Nama Lengkap", "nama_lengkap"), ("Bin / Binti", None), ("NIK", "nik"),
                       ("Tempat Lahir", "tempat_lahir"), ("Tanggal Lahir", "tanggal_lahir"),
                       ("Kewarganegaraan", "kewarganegaraan"), ("Agama", "agama"), ("Pekerjaan", "pekerjaan"),
                       ("Tempat Tinggal", "alamat")):
        cells = []
        for role in ("suami", "istri"):
            if key is None:
                cells.append(fathers[role] or "-")
            elif key == "tanggal_lahir":
                cells.append(date_dmy(v[f"{role}.tanggal_lahir"]))
            else:
                cells.append(v[f"{role}.{key}"] or "-")
        rows.append((label, cells[0], cells[1]))
    xs = (left, left + (right - left) * 0.26, left + (right - left) * 0.63, right)
    row_h = page.pt(11) * 2.1
    for i, (label, a, b) in enumerate(rows):
        tall = 2 if label == "Tempat Tinggal" else 1
        y1 = y + row_h * tall
        for x0, x1, text in ((xs[0], xs[1], label), (xs[1], xs[2], a), (xs[2], xs[3], b)):
            page.rect((x0, y, x1, y1), width=2)
            _cell(page, (x0, y, x1, y1), text or "-", bold=i == 0, centre=i == 0)
        y = y1
    for label, value in (("Wali Nikah", f"{v['wali.nama_lengkap'] or '-'} ({rng.choice(_WALI)})"),
                         ("Mas Kawin", rng.choice(_MAHAR))):
        page.rect((xs[0], y, xs[1], y + row_h), width=2)
        page.rect((xs[1], y, xs[3], y + row_h), width=2)
        _cell(page, (xs[0], y, xs[1], y + row_h), label)
        _cell(page, (xs[1], y, xs[3], y + row_h), value)
        y += row_h
    y += page.pt(26)
    sign_x = right - page.pt(110)
    page.text((sign_x, y), f"Dikeluarkan di {title_case(district)},", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(15)), f"pada tanggal {date_long(registered.isoformat())}", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(30)), f"Kepala KUA Kecamatan {title_case(district)},", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(94)), rng.choice(_HEADS), points=11, bold=True, anchor="mt")
    page.text((sign_x, y + page.pt(108)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    if stamped:
        page.paste(signature(rng, width=420, height=170), (round(sign_x - 210), round(y + page.pt(40))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}"[:44], centre="KUA",
                     family=page.style.family, diameter=rng.randint(360, 420))
        page.paste(seal, (round(sign_x - seal.width * rng.uniform(0.85, 1.1)), round(y + page.pt(22))))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _cell(page: Page, box: tuple[float, float, float, float], text: str, *, bold: bool = False,
          centre: bool = False) -> None:
    """A cell's text, wrapped over as many lines as the cell holds, shrunk if it must."""
    x0, y0, x1, y1 = box
    points = 10.5
    while True:
        lines = page.wrap_chunks(text.split(), width=x1 - x0 - 36, points=points)
        if len(lines) * page.pt(points) * 1.25 <= y1 - y0 - 10 or points <= 6:
            break
        points -= 0.5
    step = page.pt(points) * 1.25
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        x = (x0 + x1) / 2 if centre else x0 + 18
        page.text((x, first + i * step), line, points=points, bold=bold, anchor="mm" if centre else "lm")
