"""Held-out family `nikah-u15f` (session 15): a Kutipan Akta Nikah whose labels stand in a middle column
between the husband's values on the left and the wife's on the right.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the kutipan of a KUA that printed its own A4 landscape sheet from a local template (the 2010s),
in C059 or Nimbus Roman (one a page):

- top centre `KEMENTERIAN AGAMA REPUBLIK INDONESIA` over `KUTIPAN AKTA NIKAH`, then one line `Akta Nikah No.
  <nomor_akta>` and one line `Dicatat di KUA Kec. Latambaga` (the KUA **abbreviated** `Kec.`);
- `Hari / Tanggal Akad : Ahad, 12-03-2016  Pukul 09.00 WITA` (**Ahad** for Sunday; the date in digits);
- the spouses in **one mirrored table**: the header `SUAMI` | `URAIAN` | `ISTRI`, the **labels in the middle
  column**, the husband's values **right-aligned** against it on the left, the wife's left-aligned on the right:
  `Nama`, `Bin / Binti` (the fathers: no spec field), `N I K`, `Tempat Lahir`, `Tanggal Lahir` (`21-07-1961`),
  `Warganegara`, `Agama`, `Pekerjaan`, `Tempat Tinggal` (a taller row, the address wrapped when long); only
  horizontal rules, thin, and the two rules of the middle column;
- under it `Wali Nikah : <name>, <relation>`, the dowry, two witnesses (`Saksi I`, `Saksi II`: nobody's names
  in the truth);
- the foot: `Dikutip sesuai aslinya, <town>, <a later date>` over `Kepala KUA,`, the head's name and an
  18-digit NIP, the KUA's stamp when stamped.

Truth: the book's flattened fields (canonical).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Ahad")
_HEADS = ("H. LA ODE MUHAMMAD SYUKUR, S.Ag.", "ANDI ISMAIL, S.H.I.", "Drs. H. ABDUL KADIR", "RAHMAT HIDAYAT, S.Sy.")
_WALI = ("Ayah Kandung", "Kakek", "Saudara Kandung", "Wali Hakim")
_WITNESSES = ("LA ODE MUSTARI", "H. BAHARUDDIN", "ANDI SYAMSUL", "MUHAMMAD RIDWAN", "LA HARUNA", "SAFRUDDIN")
_MAHAR = ("Seperangkat alat sholat, tunai", "Cincin emas 3 gram, tunai", "Uang Rp 2.500.000,-, tunai")


def _values(page: Page, box: tuple[float, float, float, float], text: str, *, align: str, bold: bool) -> None:
    """A value wrapped inside its cell, set against the middle column (right) or away from it (left)."""
    x0, y0, x1, y1 = box
    points = 11.0
    while True:
        lines = page.wrap_chunks(text.split(), width=x1 - x0 - 40, points=points)
        if len(lines) * page.pt(points) * 1.25 <= y1 - y0 - 8 or points <= 7:
            break
        points -= 0.5
    step = page.pt(points) * 1.25
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        x, anchor = (x1 - 24, "rm") if align == "right" else (x0 + 24, "lm")
        page.text((x, first + i * step), line, points=points, bold=bold, anchor=anchor)


def render_u15f(values: dict[str, Any], fathers: dict[str, str | None], *, seed: int, varied: bool = False,
                heldout: bool = False, stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); `fathers` the spouses' fathers' names."""
    rng = random.Random(f"nikah-u15f-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_LANDSCAPE, Style(family=rng.choice(("C059", "Nimbus Roman")), scale=1.0, spacing=1.4,
                                    ink=base.ink, shift=(rng.randint(-25, 25), rng.randint(-20, 20))))
    w = page.width
    left, right = 230 + rng.randint(0, 30), w - 230 - rng.randint(0, 30)
    cx = (left + right) / 2
    kua = v["kua"] or "KUA KECAMATAN -"
    district = kua.removeprefix("KUA KECAMATAN ").strip()
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    y: float = 150
    page.text((cx, y), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((cx, y + page.pt(20)), "KUTIPAN AKTA NIKAH", points=19, bold=True, anchor="mt")
    y += page.pt(50)
    page.text((cx, y), f"Akta Nikah No. {v['nomor_akta']}", points=11.5, anchor="mt")
    page.text((cx, y + page.pt(16)), f"Dicatat di KUA Kec. {title_case(district)}", points=11.5, anchor="mt")
    y += page.pt(40)
    akad = (f"Hari / Tanggal Akad : {_WEEKDAYS[married.weekday()]}, {date_dmy(v['tanggal_nikah'])}   Pukul "
            f"{rng.randint(8, 15):02d}.{rng.choice(('00', '15', '30'))} WITA")
    page.text((left, y), akad, points=11)
    y += page.pt(26)
    xs = (left, left + (right - left) * 0.4, left + (right - left) * 0.6, right)
    row_h = page.pt(11) * 1.85
    page.line((left, y, right, y), width=3)
    for x0, x1, head in ((xs[0], xs[1], "SUAMI"), (xs[1], xs[2], "URAIAN"), (xs[2], xs[3], "ISTRI")):
        page.text(((x0 + x1) / 2, y + row_h / 2), head, points=11, bold=True, anchor="mm")
    y += row_h
    page.line((left, y, right, y), width=3)
    top = y - row_h
    rows = (("Nama", "nama_lengkap"), ("Bin / Binti", None), ("N I K", "nik"), ("Tempat Lahir", "tempat_lahir"),
            ("Tanggal Lahir", "tanggal_lahir"), ("Warganegara", "kewarganegaraan"), ("Agama", "agama"),
            ("Pekerjaan", "pekerjaan"), ("Tempat Tinggal", "alamat"))
    for label, key in rows:
        tall = 2 if key == "alamat" else 1
        y1 = y + row_h * tall
        page.text(((xs[1] + xs[2]) / 2, (y + y1) / 2), label, points=10.5, anchor="mm")
        for role, (x0, x1), align in (("suami", (xs[0], xs[1]), "right"), ("istri", (xs[2], xs[3]), "left")):
            if key is None:
                text = fathers[role] or "-"
            elif key == "tanggal_lahir":
                text = date_dmy(v[f"{role}.tanggal_lahir"])
            elif key in ("agama", "pekerjaan"):
                text = title_case(v[f"{role}.{key}"] or "-")
            else:
                text = v[f"{role}.{key}"] or "-"
            _values(page, (x0, y, x1, y1), text, align=align, bold=key == "nama_lengkap")
        page.line((left, y1, right, y1), width=1)
        y = y1
    page.line((xs[1], top, xs[1], y), width=2)
    page.line((xs[2], top, xs[2], y), width=2)
    y += page.pt(16)
    w1, w2 = rng.sample(_WITNESSES, 2)
    page.label_rows([("Wali Nikah", f"{v['wali.nama_lengkap'] or '-'}, {rng.choice(_WALI)}"),
                     ("Mas Kawin", rng.choice(_MAHAR)), ("Saksi I", w1), ("Saksi II", w2)],
                    x=left, top=y, points=10.5, colon_at=page.pt(10.5) * 7)
    quoted = min(married + dt.timedelta(days=rng.randint(0, 20)), dt.date(2026, 11, 30))
    sx = right - page.pt(120)
    page.text((sx, y), f"Dikutip sesuai aslinya, {title_case(district)}, {date_long(quoted.isoformat())}", points=10.5,
              anchor="mt")
    page.text((sx, y + page.pt(15)), "Kepala KUA,", points=10.5, anchor="mt")
    page.text((sx, y + page.pt(74)), rng.choice(_HEADS), points=10.5, bold=True, anchor="mt")
    page.text((sx, y + page.pt(88)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    if stamped:
        page.paste(signature(rng, width=400, height=150), (round(sx - 200), round(y + page.pt(26))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}"[:44], centre="KUA",
                     family="DejaVu Serif", diameter=rng.randint(340, 400))
        page.paste(seal, (round(sx - seal.width * rng.uniform(0.9, 1.15)), round(y + page.pt(12))))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})
