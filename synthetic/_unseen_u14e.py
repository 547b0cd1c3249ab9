"""Held-out family `nikah-u14e` (session 14): the Kutipan Akta Nikah page of a recent booklet, scanned on its
own on an A4 scanner, the date in both calendars and every value under a small caption.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the one inner page of the small (A5) buku nikah of the 2010s-2020s that carries the marriage,
laid in the top left corner of a flatbed scanner's glass and saved as an A4 page: the booklet page on its
green or brown guilloche, a grey margin of glass and lid around it on two sides.

- on the booklet page: a circle for the emblem, `KUTIPAN AKTA NIKAH` and `Nomor : <nomor_akta>`;
- the form's own captions small, in the guilloche's colour, and the **values printed under them** in black
  on dotted lines, a caption above each value (no colons): `Tanggal Akad Nikah`, its value **in the
  Gregorian and the Hijri calendars** (`Sabtu, 12 Maret 2016 M / 2 Jumadil Akhir 1437 H`), `Dicatat di`
  (`Kantor Urusan Agama Kecamatan Latambaga`);
- `SUAMI` and `ISTRI` **side by side** in two columns, each with `Nama Lengkap`, `Nomor Induk
  Kependudukan`, `Tempat Lahir` and `Tanggal Lahir` apart (`3 Juni 1996`), `Warga Negara`, `Agama`,
  `Pekerjaan`, `Tempat Tinggal`;
- `WALI NIKAH`: `Nama Wali`; the foot: the town and the date of issue, `Kepala Kantor Urusan Agama` or
  `Penghulu`, a signature and the round stamp when stamped, the name.

Truth: the book's fields as printed (canonical: the KUA as `KUA KECAMATAN X`, the Gregorian date).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._form import dotted, guilloche_paper
from ._marks import signature, stamp
from ._unseen_u14c import hijri

_A5 = (1748, 2480)
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_HIJRI_MONTHS = ("Muharram", "Safar", "Rabiul Awal", "Rabiul Akhir", "Jumadil Awal", "Jumadil Akhir", "Rajab",
                 "Sya'ban", "Ramadhan", "Syawal", "Dzulqa'dah", "Dzulhijjah")
_HEADS = ("H. MUHAMMAD ILYAS, S.Ag., M.H.", "ABDUL RAHMAN, S.H.I.", "Drs. LA ODE MUSLIMIN", "H. SYAMSUDDIN, Lc.")
_COLOURS = ((40, 120, 70), (120, 80, 40), (30, 90, 110))


def render_u14e(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`)."""
    rng = random.Random(f"nikah-u14e-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    colour = rng.choice(_COLOURS)
    form_ink = tuple(min(255, round(c * 0.8)) for c in colour)
    bed = Image.new("RGB", A4_PORTRAIT, (rng.randint(232, 244),) * 3)
    ox, oy = rng.randint(40, 110), rng.randint(40, 110)
    bed.paste(guilloche_paper(_A5, rng, colour, strength=rng.uniform(0.12, 0.2)), (ox, oy))
    page = Page(A4_PORTRAIT, Style(family=base.family, scale=1.0, spacing=1.4, ink=(0, 0, 0)), paper=bed)
    plain = page.style
    form = Style(family=plain.family, scale=1.0, spacing=1.4, ink=form_ink)  # type: ignore[arg-type]
    left, right = ox + 120, ox + _A5[0] - 120
    cx = (left + right) / 2
    page.style = form
    page.rect((ox + 45, oy + 45, ox + _A5[0] - 45, oy + _A5[1] - 45), width=3)
    d = 170
    page.draw.ellipse((cx - d / 2, oy + 110, cx + d / 2, oy + 110 + d), outline=form_ink, width=3)
    y: float = oy + 110 + d + 30
    page.text((cx, y), "KUTIPAN AKTA NIKAH", points=14, bold=True, anchor="mt")
    y += page.pt(20)
    page.text((cx - 20, y), "Nomor :", points=9.5, anchor="rt")
    page.style = plain
    page.text((cx, y), v["nomor_akta"], points=10, bold=True)
    y += page.pt(26)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    hy, hm, hd = hijri(married)
    kua = v["kua"] or "KUA KECAMATAN -"
    district = kua.removeprefix("KUA KECAMATAN ").strip()
    akad = (f"{_WEEKDAYS[married.weekday()]}, {date_long(v['tanggal_nikah'])} M / "
            f"{hd} {_HIJRI_MONTHS[hm - 1]} {hy} H")
    y = _item(page, form, "Tanggal Akad Nikah", akad, left, right, y)
    y = _item(page, form, "Dicatat di", f"Kantor Urusan Agama Kecamatan {title_case(district)}", left, right, y)
    y += 20
    middle = cx
    column_y = y
    for role, heading, x0, x1 in (("suami", "SUAMI", left, middle - 30), ("istri", "ISTRI", middle + 30, right)):
        page.style = form
        page.text(((x0 + x1) / 2, column_y), heading, points=11, bold=True, anchor="mt")
        page.style = plain
        yy = column_y + page.pt(20)
        rows = (("Nama Lengkap", v[f"{role}.nama_lengkap"]), ("Nomor Induk Kependudukan", v[f"{role}.nik"]),
                ("Tempat Lahir", title_case(v[f"{role}.tempat_lahir"] or "-")),
                ("Tanggal Lahir", date_long(v[f"{role}.tanggal_lahir"]) if v[f"{role}.tanggal_lahir"] else "-"),
                ("Warga Negara", v[f"{role}.kewarganegaraan"]), ("Agama", title_case(v[f"{role}.agama"] or "-")),
                ("Pekerjaan", v[f"{role}.pekerjaan"]), ("Tempat Tinggal", v[f"{role}.alamat"]))
        for caption, value in rows:
            yy = _item(page, form, caption, value, x0, x1, yy)
        y = yy
    y += 20
    page.style = form
    page.text((left, y), "WALI NIKAH", points=11, bold=True)
    page.style = plain
    y = _item(page, form, "Nama Wali", v["wali.nama_lengkap"], left, middle - 30, y + page.pt(18))
    sign_x = right - 380
    town = title_case(district)
    issued = married + dt.timedelta(days=rng.randint(0, 3))
    page.text((sign_x, y + 10), f"{town}, {date_long(issued.isoformat())}", points=9.5, anchor="mt")
    page.style = form
    page.text((sign_x, y + 10 + page.pt(14)), rng.choice(("Kepala Kantor Urusan Agama,", "Penghulu,")), points=9.5,
              anchor="mt")
    page.style = plain
    page.text((sign_x, y + 10 + page.pt(64)), rng.choice(_HEADS), points=9.5, bold=True, anchor="mt")
    if stamped:
        page.paste(signature(rng, width=380, height=150), (round(sign_x - 190), round(y + 10 + page.pt(24))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}"[:44], centre="KUA", family=plain.family,
                     diameter=rng.randint(320, 380))
        page.paste(seal, (round(sign_x - seal.width * rng.uniform(0.8, 1.05)), round(y + 10 + page.pt(10))))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _item(page: Page, form: Style, caption: str, value: str | None, x0: float, x1: float, y: float) -> float:
    """A caption in the form's colour, the value under it on a dotted line; returns the next item's top."""
    plain = page.style
    page.style = form
    page.text((x0, y), caption, points=7)
    page.style = plain
    text = value or "-"
    points = 9.5
    while points > 6 and page.text_width(text, points=points) > x1 - x0 - 20:
        points -= 0.5
    base = y + page.pt(7) * 1.25 + page.pt(9.5)
    page.text((x0 + 14, base), text, points=points, anchor="ls")
    page.style = form
    dotted(page, x0, x1, base + 8, step=12, width=2)
    page.style = plain
    return base + page.pt(9.5) * 0.9
