"""Held-out family `nikah-u11e` (session 11): an older buku nikah whose entries the KUA clerk wrote by hand,
scanned as an opened booklet.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the small booklet (two A5 pages side by side on a landscape sheet, the fold and the stitching
between them, the paper yellowed towards the edges) of the KUA's Kutipan Akta Nikah before SIMKAH printed
them, **every value written by the clerk in ink** (a chancery hand, blue-black or black) on the dotted
lines of a form pre-printed in dark green or brown:

- left page: `DEPARTEMEN AGAMA` (before 2010) or `KEMENTERIAN AGAMA` / `REPUBLIK INDONESIA`, the emblem's
  circle, `KUTIPAN AKTA NIKAH`, `Nomor : ____` (the akta's number written in), `KANTOR URUSAN AGAMA
  KECAMATAN ____` (the district written in: the truth's `KUA KECAMATAN …`), "Pada hari ____ tanggal ____
  telah dilangsungkan akad nikah antara:" with the weekday and the date written (`12 Maret 1998`,
  `12-3-1998` or `12/03/1998`), then **I. SUAMI** with lettered items `a. Nama lengkap`, `b. Bin`
  (the father: no spec field), `c. Tempat / tgl. lahir` (the date written as on the top, or in words of
  the month), `d. Warganegara`, `e. Agama`, `f. Pekerjaan`, `g. Tempat kediaman`, and since 2011 `h. N I K`;
- right page: **II. ISTERI** with the same items (`b. Binti`), then `III. WALI NIKAH` (`Nama`, `Hubungan`),
  `Mas kawin`, and "Pegawai Pencatat Nikah," with a signature, the head's name written in, the KUA
  stamp over it when stamped.

Values are written in mixed case as a clerk writes them (`Jl. Poros Kolaka No. 12`, `Petani/Pekebun`,
`Islam`, `WNI`); the truth is canonical (upper case). Before 2011 the book has no NIK line: null.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from PIL import Image

import core

from ._canvas import A4_LANDSCAPE, Rendered, Style, title_case
from ._form import FormPage, dotted
from ._marks import signature, stamp

HAND = "Z003"
_FORM_INKS = ((30, 80, 50), (90, 60, 30), (40, 50, 90))
_PENS = ((20, 30, 80), (15, 15, 25), (30, 40, 110))
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_PPN = ("Drs. H. Muh. Arsyad", "La Ode Kamaluddin, BA", "H. Abd. Rahman, S.Ag.", "Hasanuddin Tamrin, S.HI")
NIK_SINCE = 2011


def render_u11e(values: dict[str, Any], fathers: dict[str, str | None], *, seed: int, varied: bool = False,
                heldout: bool = False, stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); `fathers` the spouses' fathers."""
    rng = random.Random(f"nikah-u11e-{seed}")
    v = dict(values)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    if married.year < NIK_SINCE:
        v["suami.nik"] = v["istri.nik"] = None
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.95, 1.05), spacing=base.spacing, ink=rng.choice(_FORM_INKS),
                  shift=(rng.randint(-25, 25), rng.randint(-25, 25)))
    page = FormPage(A4_LANDSCAPE, style, face=rng.choice(("Nimbus Roman", "FreeSerif", "DejaVu Serif")),
                    paper=_paper(rng))
    pen = rng.choice(_PENS)
    date_style = rng.choice(("long", "dash", "slash"))
    w = page.width
    mid = w / 2
    left_x, right_x = 200, mid + 130
    width = mid - 330
    y = _left_top(page, v, rng, pen, x=left_x, width=width, married=married, date_style=date_style)
    y = _party(page, v, "suami", "I. SUAMI", "Bin", fathers.get("suami"), rng, pen, x=left_x, width=width, top=y,
               date_style=date_style)
    y = _party(page, v, "istri", "II. ISTERI", "Binti", fathers.get("istri"), rng, pen, x=right_x, width=width,
               top=160, date_style=date_style)
    y = _wali(page, v, rng, pen, x=right_x, width=width, top=y + page.pt(8))
    _signer(page, v, rng, pen, x=right_x + width * 0.62, top=y + page.pt(10), stamped=stamped)
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _paper(rng: random.Random) -> Image.Image:
    """Two yellowed booklet pages, darker at the edges, the fold and its stitches in the middle."""
    w, h = A4_LANDSCAPE
    cream = np.array(rng.choice(((246, 240, 222), (242, 236, 214), (248, 244, 230))), dtype=np.float32)
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    half = w / 2
    local = np.where(xx < half, xx, xx - half) / half
    edge = np.minimum(np.minimum(local, 1 - local) * 6, 1) * np.minimum(np.minimum(yy / h, 1 - yy / h) * 8, 1)
    fold = np.exp(-((xx - half) / 18) ** 2)
    shade = 0.9 + 0.1 * edge - 0.25 * fold
    pixels = np.clip(cream[None, None, :] * shade[..., None], 0, 255).astype(np.uint8)
    paper = Image.fromarray(pixels, "RGB").resize((w, h), Image.Resampling.BILINEAR)
    stitches = np.asarray(paper).copy()
    for y in range(300, h - 300, 420):
        stitches[y:y + 60, int(half) - 2:int(half) + 2] = (80, 80, 80)
    return Image.fromarray(stitches, "RGB")


def _write(page: FormPage, x0: float, x1: float, y: float, value: str | None, rng: random.Random,
           pen: tuple[int, int, int], *, points: float = 13.0) -> None:
    """The dotted line from x0 to x1 under the print's baseline, `value` written on it by hand ('-' if none)."""
    dotted(page, x0, x1, y + page.pt(3), step=12, width=2)
    text = value if value else "-"
    size = points
    with page.using(face=HAND, ink=pen):
        while size > 8 and page.text_width(text, points=size) > (x1 - x0) - 20:
            size -= 0.5
        page.text((x0 + rng.uniform(8, 40), y + rng.uniform(-page.pt(3), page.pt(1.5))), text, points=size,
                  anchor="ls")


def _date(iso: str | None, style: str) -> str | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    if style == "dash":
        return f"{day.day}-{day.month}-{day.year}"
    if style == "slash":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {core.MONTHS_ID[day.month - 1].capitalize()} {day.year}"


def _left_top(page: FormPage, v: dict[str, Any], rng: random.Random, pen: tuple[int, int, int], *, x: float,
              width: float, married: dt.date, date_style: str) -> float:
    cx = x + width / 2
    top = 150
    r = page.pt(20)
    page.draw.ellipse((cx - r + page.style.shift[0], top + page.style.shift[1], cx + r + page.style.shift[0],
                       top + 2 * r + page.style.shift[1]), outline=page.style.ink, width=3)
    y = top + 2 * r + page.pt(8)
    page.text((cx, y), "REPUBLIK INDONESIA", points=9, bold=True, anchor="mt")
    page.text((cx, y + page.pt(12)), "DEPARTEMEN AGAMA" if married.year < 2010 else "KEMENTERIAN AGAMA", points=9,
              bold=True, anchor="mt")
    page.text((cx, y + page.pt(28)), "KUTIPAN AKTA NIKAH", points=15, bold=True, anchor="mt")
    y += page.pt(58)
    label = "Nomor :"
    page.text((x + width * 0.22, y), label, points=10.5, anchor="ls")
    _write(page, x + width * 0.22 + page.text_width(label, points=10.5) + 10, x + width * 0.8, y, v["nomor_akta"], rng,
           pen)
    y += page.pt(24)
    printed = "KANTOR URUSAN AGAMA KECAMATAN"
    page.text((x, y), printed, points=10, anchor="ls")
    district = str(v["kua"]).removeprefix("KUA KECAMATAN ").strip()
    _write(page, x + page.text_width(printed, points=10) + 10, x + width, y, title_case(district), rng, pen)
    y += page.pt(22)
    page.text((x, y), "Pada hari", points=10.5, anchor="ls")
    day_x = x + page.text_width("Pada hari", points=10.5) + 8
    _write(page, day_x, day_x + page.pt(60), y, _WEEKDAYS[married.weekday()], rng, pen)
    tx = day_x + page.pt(64)
    page.text((tx, y), "tanggal", points=10.5, anchor="ls")
    _write(page, tx + page.text_width("tanggal", points=10.5) + 8, x + width, y, _date(v["tanggal_nikah"], date_style),
           rng, pen)
    y += page.pt(18)
    page.text((x, y), "telah dilangsungkan akad nikah antara:", points=10.5, anchor="ls")
    return y + page.pt(22)


def _party(page: FormPage, v: dict[str, Any], role: str, heading: str, parent: str, father: str | None,
           rng: random.Random, pen: tuple[int, int, int], *, x: float, width: float, top: float,
           date_style: str) -> float:
    page.text((x, top), heading, points=11, bold=True, anchor="ls")
    born = v[f"{role}.tanggal_lahir"]
    place = title_case(v[f"{role}.tempat_lahir"] or "")
    items = [("a.", "Nama lengkap", title_case(v[f"{role}.nama_lengkap"] or "")), ("b.", parent, title_case(father or "")),
             ("c.", "Tempat / tgl. lahir", f"{place}, {_date(born, date_style)}" if born else None),
             ("d.", "Warganegara", v[f"{role}.kewarganegaraan"]),
             ("e.", "Agama", title_case(v[f"{role}.agama"] or "")),
             ("f.", "Pekerjaan", _mixed(v[f"{role}.pekerjaan"])),
             ("g.", "Tempat kediaman", _mixed(v[f"{role}.alamat"]))]
    if v.get(f"{role}.nik"):
        items.append(("h.", "N I K", v[f"{role}.nik"]))
    value_x = x + page.pt(118)
    y = top + page.pt(20)
    for letter, label, value in items:
        page.text((x + page.pt(10), y), letter, points=10, anchor="ls")
        page.text((x + page.pt(24), y), label, points=10, anchor="ls")
        page.text((value_x - page.pt(8), y), ":", points=10, anchor="ls")
        _write(page, value_x, x + width, y, value, rng, pen)
        y += page.pt(21)
    return y + page.pt(6)


def _mixed(value: str | None) -> str | None:
    """How a clerk writes a printed value: words capitalised, abbreviations kept."""
    if not value:
        return None
    return " ".join(word if any(c.isdigit() for c in word) or (len(word) <= 2 and word.endswith(".")) else
                    "/".join(part.capitalize() for part in word.split("/")) for word in value.split())


def _wali(page: FormPage, v: dict[str, Any], rng: random.Random, pen: tuple[int, int, int], *, x: float,
          width: float, top: float) -> float:
    page.text((x, top), "III. WALI NIKAH", points=11, bold=True, anchor="ls")
    value_x = x + page.pt(118)
    y = top + page.pt(20)
    relation = rng.choice(("Ayah kandung", "Saudara kandung", "Kakek", "Wali hakim"))
    for label, value in (("Nama", title_case(v.get("wali.nama_lengkap") or "")), ("Hubungan", relation),
                         ("Mas kawin", rng.choice(("Seperangkat alat sholat", "Uang Rp. 500.000,-",
                                                   "Emas 5 gram", "Al-Qur'an")))):
        page.text((x + page.pt(10), y), label, points=10, anchor="ls")
        page.text((value_x - page.pt(8), y), ":", points=10, anchor="ls")
        _write(page, value_x, x + width, y, value, rng, pen)
        y += page.pt(21)
    return y


def _signer(page: FormPage, v: dict[str, Any], rng: random.Random, pen: tuple[int, int, int], *, x: float, top: float,
            stamped: bool) -> None:
    page.text((x, top), "Pegawai Pencatat Nikah,", points=10, anchor="mt")
    page.paste(signature(rng, width=420, height=170), (int(x - 200), int(top + page.pt(14))))
    with page.using(face=HAND, ink=pen):
        page.text((x, top + page.pt(62)), rng.choice(_PPN), points=12, anchor="mt")
    if stamped:
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA {v['kua'].removeprefix('KUA ')}"[:44], centre="KUA",
                     family=page.style.family, diameter=rng.randint(300, 360))
        page.paste(seal, (int(x - seal.width * rng.uniform(0.7, 1.0)), int(top + page.pt(rng.uniform(0, 20)))))
