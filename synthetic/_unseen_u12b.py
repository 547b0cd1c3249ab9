"""Held-out family `kk-u12b` (session 12): a KK written by hand on a desa's printed form.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the KK as remote desa offices still issued it before the KK was printed by the regency's
system: a **blank form printed in black or dark grey** (folio landscape proportions on the A4 scan, the
paper off-white or faintly yellow) with **every value written in by the desa clerk in ballpoint**
(a chancery-like hand, blue or blue-black):

- top left `PEMERINTAH KABUPATEN <KAB>` / `KECAMATAN ....` / `DESA/KELURAHAN ....` with the names written
  on the dotted lines (these are header values too), centred `KARTU KELUARGA` and `No. ....` with the
  16-digit number written in;
- the rest of the header as a **numbered list** at the left or right: `1. Nama Kepala Keluarga`,
  `2. Alamat`, `3. RT / RW` (written `4 / 3` or `004/003`), `4. Kode Pos`, `5. Propinsi` on dotted
  lines;
- the members in **one ruled table of the whole width** (or two, one over the other, in half), whose
  narrow columns have **headers printed vertically** (turned 90 degrees: `Jenis Kelamin`, `Agama`,
  `Gol. Darah`, `Kewarganegaraan`, `Paspor`, `KITAP`), wider ones horizontally, all headers numbered;
  the cells written in mixed case as a clerk writes (`Andi Baso`, `Lk` / `Pr`, `Islam`, `Tamat SD`,
  `Petani/Pekebun`, `Kawin Tercatat`, `WNI`), dates without leading zeros (`7-3-1984` or `7/3/1984`),
  absent values as `-` or a short stroke;
- at the foot: `Dikeluarkan tanggal ....` written (`12 Maret 2004` or digits), `Kepala Keluarga` and
  `Kepala Desa` / `Lurah` with signatures and the names written, the desa stamp over it in some.

Truth: the family's header and members (canonical, upper case); a value written as `-` is null.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from PIL import Image, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, Rendered, Style, title_case
from ._form import FormPage, dotted, own_font
from ._kk import _truth
from ._marks import signature, stamp

HAND = "Z003"
_PENS = ((25, 40, 120), (20, 30, 80), (30, 50, 140))
_FORM_INKS = ((20, 20, 20), (50, 50, 55), (35, 35, 45))
_KEPT = {"SD", "SLTP", "SLTA", "I", "II", "III", "IV", "WNI", "WNA", "TNI", "POLRI", "PNS", "BUMN", "DPR", "RT", "RW"}
"""Words a clerk writes in capitals (abbreviations, roman numerals)."""
_SEX = {"LAKI-LAKI": "Lk", "PEREMPUAN": "Pr"}
# (header, field, relative width, vertical header)
_ALL_COLUMNS = (
    ("No", None, 55, False), ("Nama Lengkap", "nama_lengkap", 330, False), ("NIK", "nik", 330, False),
    ("Jenis Kelamin", "jenis_kelamin", 70, True), ("Tempat Lahir", "tempat_lahir", 170, False),
    ("Tanggal Lahir", "tanggal_lahir", 170, False), ("Agama", "agama", 110, True),
    ("Pendidikan", "pendidikan", 250, False), ("Pekerjaan", "jenis_pekerjaan", 260, False),
    ("Gol. Darah", "golongan_darah", 120, True), ("Status Perkawinan", "status_perkawinan", 190, False),
    ("Tgl. Perkawinan", "tanggal_perkawinan", 170, False), ("Status Hubungan Dalam Keluarga", "status_hubungan", 200, False),
    ("Kewarganegaraan", "kewarganegaraan", 70, True), ("Paspor", "no_paspor", 70, True),
    ("KITAP", "no_kitap", 70, True), ("Nama Ayah", "nama_ayah", 290, False), ("Nama Ibu", "nama_ibu", 290, False),
)


def render_u12b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u12b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.96, 1.03), spacing=base.spacing, ink=rng.choice(_FORM_INKS),
                  shift=(rng.randint(-20, 20), rng.randint(-20, 20)))
    page = FormPage(A4_LANDSCAPE, style, face=rng.choice(("Nimbus Sans", "FreeSans", "Nimbus Roman", "DejaVu Serif")),
                    paper=_paper(rng))
    pen = rng.choice(_PENS)
    slash = rng.random() < 0.5
    left, right = 140, page.width - 140
    y = _top(page, family, rng, pen, left=left, right=right)
    split = rng.random() < 0.5
    rows = max(len(family.anggota), 4 if split else 5)
    heads = page.pt(63) * (2 if split else 1) + page.pt(10) * split + page.pt(11)
    row_h = min(page.pt(24), (page.image.height - 400 - y - heads) / (rows * (2 if split else 1)))
    if split:
        y = _table(page, family, _ALL_COLUMNS[:10], rng, pen, left=left, right=right, top=y, slash=slash, first=2,
                   row_h=row_h)
        y = _table(page, family, (_ALL_COLUMNS[0], *_ALL_COLUMNS[10:]), rng, pen, left=left, right=right,
                   top=y + page.pt(10), slash=slash, first=11, row_h=row_h)
    else:
        y = _table(page, family, _ALL_COLUMNS, rng, pen, left=left, right=right, top=y, slash=slash, first=2,
                   row_h=row_h)
    _foot(page, family, rng, pen, left=left, right=right, top=y + page.pt(14), slash=slash)
    return page.rendered(_truth(family))


def _paper(rng: random.Random) -> Image.Image:
    w, h = A4_LANDSCAPE
    tone = np.array(rng.choice(((250, 248, 238), (247, 243, 226), (252, 251, 246))), dtype=np.float32)
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    edge = np.minimum(np.minimum(xx / w, 1 - xx / w) * 10, 1) * np.minimum(np.minimum(yy / h, 1 - yy / h) * 10, 1)
    shade = 0.94 + 0.06 * edge
    small = np.clip(tone[None, None, :] * shade[..., None], 0, 255).astype(np.uint8)
    return Image.fromarray(small, "RGB").resize((w, h), Image.Resampling.BILINEAR)


def _hand(page: FormPage, xy: tuple[float, float], text: str, rng: random.Random, pen: tuple[int, int, int], *,
          points: float, width: float, anchor: str = "ls") -> None:
    """`text` written by hand at `xy`, a little off the line, shrunk to `width`."""
    size = points
    with page.using(face=HAND, ink=pen):
        while size > 6 and page.text_width(text, points=size) > width:
            size -= 0.25
        page.text((xy[0], xy[1] + rng.uniform(-page.pt(1.5), page.pt(1))), text, points=size, anchor=anchor)


def _on_line(page: FormPage, x0: float, x1: float, y: float, text: str, rng: random.Random,
             pen: tuple[int, int, int], *, points: float = 12) -> None:
    dotted(page, x0, x1, y + page.pt(2), step=10, width=2)
    _hand(page, (x0 + rng.uniform(6, 30), y), text, rng, pen, points=points, width=x1 - x0 - 36)


def _written(value: str | None) -> str:
    """How the clerk writes a value: words capitalised, short codes and numbers kept."""
    if not value:
        return "-"
    if value.isdigit() or len(value) <= 2:
        return value
    return "/".join(" ".join(w if w.strip("().,") in _KEPT else title_case(w) for w in part.split())
                    for part in value.split("/"))


def _date(iso: str | None, slash: bool) -> str:
    if not iso:
        return "-"
    day = dt.date.fromisoformat(iso)
    return f"{day.day}{'/' if slash else '-'}{day.month}{'/' if slash else '-'}{day.year}"


def _top(page: FormPage, family: core.Family, rng: random.Random, pen: tuple[int, int, int], *, left: int,
         right: int) -> float:
    cx = page.width / 2
    page.text((cx, 150), "KARTU KELUARGA", points=20, bold=True, anchor="ms")
    page.text((cx - page.pt(120), 150 + page.pt(26)), "No.", points=12, anchor="ls")
    _on_line(page, cx - page.pt(100), cx + page.pt(120), 150 + page.pt(26), family.no_kk, rng, pen, points=14)
    y = top = 150.0 + page.pt(52)
    pts = 10.5
    for label, value in (("PEMERINTAH KABUPATEN", family.kabupaten_kota), ("KECAMATAN", family.kecamatan),
                         ("DESA/KELURAHAN", family.desa_kelurahan)):
        page.text((left, y), label, points=pts, bold=True, anchor="ls")
        x0 = left + page.pt(142)
        _on_line(page, x0, x0 + page.pt(190), y, _written(value), rng, pen)
        y += page.pt(21)
    head = family.kepala_keluarga
    rt, rw = (family.rt, family.rw) if rng.random() < 0.5 else (str(int(family.rt)), str(int(family.rw)))
    items = (("1.", "Nama Kepala Keluarga", _written(head.nama_lengkap if head else None)),
             ("2.", "Alamat", _written(family.alamat)), ("3.", "RT / RW", f"{rt} / {rw}"),
             ("4.", "Kode Pos", family.kode_pos or "-"), ("5.", "Propinsi", _written(family.provinsi)))
    x = right - page.pt(390) if rng.random() < 0.6 else left + page.pt(380)
    iy = top
    for num, label, value in items:
        col = x
        page.text((col, iy), num, points=pts, anchor="ls")
        page.text((col + page.pt(16), iy), label, points=pts, anchor="ls")
        page.text((col + page.pt(128), iy), ":", points=pts, anchor="ls")
        _on_line(page, col + page.pt(136), min(right, col + page.pt(390)), iy, value, rng, pen)
        iy += page.pt(19)
    return max(y, iy) + page.pt(6)


def _vertical(page: FormPage, box: tuple[float, float, float, float], text: str, points: float) -> None:
    """A header printed turned 90 degrees (read bottom to top), centred in its cell."""
    x0, y0, x1, y1 = box
    size = page.pt(points)
    face = own_font(page.face, size)
    while face.getlength(text) > (y1 - y0) - 16 and size > 12:
        size -= 1
        face = own_font(page.face, size)
    strip = Image.new("L", (int(face.getlength(text)) + 8, int(size * 1.4)), 0)
    ImageDraw.Draw(strip).text((4, size * 0.7), text, fill=255, font=face, anchor="lm")
    turned = strip.rotate(90, expand=True)
    layer = Image.new("RGBA", turned.size, (*page.style.ink, 0))
    layer.putalpha(turned)
    page.paste(layer, (int((x0 + x1 - turned.width) / 2), int((y0 + y1 - turned.height) / 2)))


def _table(page: FormPage, family: core.Family, columns: tuple[tuple[str, str | None, int, bool], ...],
           rng: random.Random, pen: tuple[int, int, int], *, left: int, right: int, top: float, slash: bool,
           first: int, row_h: float) -> float:
    total = sum(w for _, _, w, _ in columns)
    xs = [float(left)]
    for _, _, w, _ in columns:
        xs.append(xs[-1] + w * (right - left) / total)
    whole = len(columns) > 12
    head_h = page.pt(62 if whole else 52)
    number_h = page.pt(11)
    rows = max(len(family.anggota), 5 if whole else 4)
    page.rect((xs[0], top, xs[-1], top + head_h + number_h + rows * row_h), width=3)
    page.line((xs[0], top + head_h, xs[-1], top + head_h), width=2)
    page.line((xs[0], top + head_h + number_h, xs[-1], top + head_h + number_h), width=3)
    for i, (label, key, _, vertical) in enumerate(columns):
        x0, x1 = xs[i], xs[i + 1]
        if i:
            page.line((x0, top, x0, top + head_h + number_h + rows * row_h), width=2)
        if vertical:
            _vertical(page, (x0, top, x1, top + head_h), label, 7.5)
        else:
            words = page.wrap_chunks(label.split(), width=x1 - x0 - 12, points=8)
            for j, line in enumerate(words):
                page.text(((x0 + x1) / 2, top + head_h / 2 + (j - (len(words) - 1) / 2) * page.pt(10)), line,
                          points=8, anchor="mm")
        number = "1" if key is None else str(first + i - 1)
        page.text(((x0 + x1) / 2, top + head_h + number_h / 2), number, points=6.5, anchor="mm")
    body = top + head_h + number_h
    for r in range(1, rows):
        page.line((xs[0], body + r * row_h, xs[-1], body + r * row_h), width=1)
    for r, person in enumerate(family.anggota):
        base = body + (r + 0.72) * row_h
        for i, (_, key, _, _) in enumerate(columns):
            x0, x1 = xs[i], xs[i + 1]
            if key is None:
                text = str(r + 1)
            elif key == "jenis_kelamin":
                text = _SEX.get(person.jenis_kelamin, person.jenis_kelamin)
            elif key.startswith("tanggal"):
                text = _date(getattr(person, key), slash)
            else:
                text = _written(getattr(person, key))
            _hand(page, (x0 + page.pt(3) + rng.uniform(0, 8), base), text, rng, pen,
                  points=min(11.0, row_h / page.pt(1) * 0.5), width=x1 - x0 - page.pt(5))
    return body + rows * row_h


def _foot(page: FormPage, family: core.Family, rng: random.Random, pen: tuple[int, int, int], *, left: int,
          right: int, top: float, slash: bool) -> None:
    pts = 10
    issued = family.tanggal_dikeluarkan
    written = "-"
    if issued:
        day = dt.date.fromisoformat(issued)
        written = (f"{day.day} {core.MONTHS_ID[day.month - 1].capitalize()} {day.year}" if rng.random() < 0.5
                   else _date(issued, slash))
    x = right - page.pt(330)
    page.text((x, top + page.pt(6)), "Dikeluarkan tanggal", points=pts, anchor="ls")
    _on_line(page, x + page.pt(100), right, top + page.pt(6), written, rng, pen)
    sign_top = top + page.pt(26)
    head = family.kepala_keluarga
    page.text((left + page.pt(90), sign_top), "Kepala Keluarga", points=pts, anchor="ms")
    page.paste(signature(rng, width=380, height=150), (int(left + page.pt(40)), int(sign_top + page.pt(4))))
    _on_line(page, left + page.pt(20), left + page.pt(170), sign_top + page.pt(54),
             _written(head.nama_lengkap if head else None), rng, pen, points=11)
    cx = right - page.pt(160)
    office = rng.choice(("Kepala Desa", "Lurah"))
    page.text((cx, sign_top), f"{office} {title_case(family.desa_kelurahan)}", points=pts, anchor="ms")
    page.paste(signature(rng, width=380, height=150), (int(cx - page.pt(40)), int(sign_top + page.pt(4))))
    _on_line(page, cx - page.pt(80), cx + page.pt(90), sign_top + page.pt(54),
             rng.choice(("La Ode Hamiru", "Muh. Saleh", "Andi Patongai", "Wa Ode Rasina")), rng, pen, points=11)
    if rng.random() < 0.6:
        seal = stamp(rng, ring=f"PEMERINTAH DESA {family.desa_kelurahan}"[:40], centre=office.upper(),
                     family=page.style.family, diameter=rng.randint(300, 360))
        page.paste(seal, (int(cx - seal.width * rng.uniform(0.6, 0.9)), int(sign_top - page.pt(8))))
