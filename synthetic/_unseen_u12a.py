"""Held-out family `kk-u12a` (session 12): a KK printed by a kecamatan's dot-matrix line printer on
continuous-form paper.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the KK of the years when a kecamatan ran the population program on one PC and a 136-column
9-pin printer (late 1990s to early 2010s), fed **continuous-form paper**: tractor-feed holes down both
edges behind a perforation, in half **green-bar** paper (pale green bands every few lines). The form is
not pre-printed: everything, rules included, comes out of the printer in **one monospaced face, upper
case**:

- `KARTU KELUARGA` in double-struck letters (the printer's bold), `NO. 7401...` under it, or on the same
  line after `NOMOR :`;
- the header as fixed-width lines, two columns of `LABEL ....: VALUE` (`NAMA KEPALA KELUARGA`,
  `ALAMAT`, `RT/RW` or `RT` and `RW` on one line, `DESA/KELURAHAN`, `KECAMATAN`, `KABUPATEN/KOTA`,
  `KODE POS`, `PROPINSI`), the colons aligned by spaces;
- the two member tables as **text**: rules made of `=` and `-` characters (or `+---+` corners and `|`
  between columns in half), column headers abbreviated and numbered `(1)` ... `(18)` on a second line
  (`NAMA LENGKAP`, `N I K`, `L/P` or `JK`, `TEMPAT LAHIR`, `TGL LAHIR`, `AGAMA`, `PENDIDIKAN`, `PEKERJAAN`,
  `GOL. DARAH`; `STATUS KAWIN`, `TGL KAWIN`, `STAT. HUB. KELUARGA`, `KEWARGA- NEGARAAN`, `PASPOR`, `KITAP`,
  `AYAH`, `IBU`), values left-aligned in fixed columns, sex as `LK`/`PR` or `L`/`P`, dates
  `DD-MM-YYYY` or `DD/MM/YYYY` (one style a page), absent values `-`;
- the dots of the pins visible in the strokes in half, a ribbon that fades towards the right in some;
- the foot: `DIKELUARKAN TANGGAL : 12-03-2004` (or `TGL. DIKELUARKAN`), the head of family's line and
  `CAMAT <KECAMATAN>` with the name and the official's 18-digit NIP, a stamp over it in some; the
  program's own line at the very bottom (`SIMDUK V2.1  CETAK: 12/03/2004 09:12  HAL. 1/1`), a later date.

Truth: the family's header and members (canonical); a value printed as `-` is null.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from PIL import Image, ImageChops, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, Rendered, Style
from ._form import TYPEWRITERS, FormPage
from ._kk import _nip, _truth
from ._marks import signature, stamp

_OFFICIALS = ("DRS. LA ODE MUH. YASIN", "H. ABDUL KADIR, SH", "MUHAMMAD ARIF, S.SOS", "ANDI MUSTAMIN, BA")
_TABLE_1 = (("NAMA LENGKAP", "nama_lengkap"), ("N I K", "nik"), ("L/P", "jenis_kelamin"),
            ("TEMPAT LAHIR", "tempat_lahir"), ("TGL LAHIR", "tanggal_lahir"), ("AGAMA", "agama"),
            ("PENDIDIKAN", "pendidikan"), ("PEKERJAAN", "jenis_pekerjaan"), ("GOL. DARAH", "golongan_darah"))
_TABLE_2 = (("STATUS KAWIN", "status_perkawinan"), ("TGL KAWIN", "tanggal_perkawinan"),
            ("STAT. HUB. KELUARGA", "status_hubungan"), ("KEWARGANEGARAAN", "kewarganegaraan"),
            ("PASPOR", "no_paspor"), ("KITAP", "no_kitap"), ("AYAH", "nama_ayah"), ("IBU", "nama_ibu"))
_SEX = {"LAKI-LAKI": ("LK", "L"), "PEREMPUAN": ("PR", "P")}


def render_u12a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u12a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    ink = rng.choice(((25, 25, 30), (40, 40, 60), (10, 10, 10)))
    style = Style(family=base.family, scale=1.0, spacing=base.spacing, ink=ink,
                  shift=(rng.randint(-15, 15), rng.randint(-20, 20)))
    page = FormPage(A4_LANDSCAPE, style, face=rng.choice(TYPEWRITERS), paper=_paper(rng))
    left = 250 + rng.randint(0, 40)
    usable = page.width - 2 * left
    pts = 9.0
    while pts > 6 and page.text_width("M" * 136, points=pts) > usable:
        pts -= 0.25
    lines_needed = 38 + 2 * len(family.anggota)  # title, header, both tables (wrapped headers), foot
    line_h = min(page.pt(pts) * rng.uniform(1.5, 1.75), (page.image.height - 380) / lines_needed)
    while pts > 6 and page.pt(pts) * 1.2 > line_h:
        pts -= 0.25
    sex_style = rng.randint(0, 1)
    slash = rng.random() < 0.5
    boxed = rng.random() < 0.5
    y: float = 150 + rng.randint(0, 40)

    def emit(text: str, *, bold: bool = False, centre: bool = False) -> None:
        nonlocal y
        x = left + (usable - page.text_width(text, points=pts)) / 2 if centre else left
        page.text((x, y), text, points=pts, anchor="ls")
        if bold:
            page.strike((x, y), text, points=pts, anchor="ls", offset=(2, 0))
        y += line_h

    emit("KARTU KELUARGA", bold=True, centre=True)
    if rng.random() < 0.5:
        emit(f"NO. {family.no_kk}", bold=True, centre=True)
    else:
        emit(f"NOMOR : {family.no_kk}", centre=True)
    y += line_h * 0.5
    for row in _header(family, rng):
        emit(row)
    y += line_h * 0.5
    for table in (_TABLE_1, _TABLE_2):
        first = table is _TABLE_1
        for row in _table(family, table, rng, numbered_from=2 if first else 11, sex_style=sex_style, slash=slash,
                          boxed=boxed):
            emit(row)
        y += line_h * 0.6
    issued = _date(family.tanggal_dikeluarkan, slash)
    y += line_h * 0.2
    emit(f"{rng.choice(('DIKELUARKAN TANGGAL', 'TGL. DIKELUARKAN'))} : {issued}")
    head = family.kepala_keluarga
    sign_y = y + line_h * 0.5
    page.text((left, sign_y), "KEPALA KELUARGA", points=pts, anchor="ls")
    page.text((left, sign_y + line_h * 5), f"( {head.nama_lengkap if head else '-'} )", points=pts, anchor="ls")
    cx = left + usable * 0.72
    page.text((cx, sign_y), f"CAMAT {family.kecamatan}", points=pts, anchor="ls")
    official = rng.choice(_OFFICIALS)
    page.text((cx, sign_y + line_h * 5), official, points=pts, anchor="ls")
    page.text((cx, sign_y + line_h * 6), f"NIP. {_nip(rng)}", points=pts, anchor="ls")
    page.paste(signature(rng, width=460, height=180), (int(cx + 40), int(sign_y + line_h * 0.8)))
    if rng.random() < 0.5:
        seal = stamp(rng, ring=f"PEMERINTAH {family.kabupaten_kota} KECAMATAN {family.kecamatan}"[:46],
                     centre="CAMAT", family=base.family, diameter=rng.randint(330, 400))
        page.paste(seal, (int(cx - seal.width * 0.5), int(sign_y)))
    printed = dt.date.fromisoformat(family.tanggal_dikeluarkan or "2005-01-01") + dt.timedelta(days=rng.randint(0, 3))
    program = rng.choice(('SIMDUK V2.1', 'SIMDUK-KEC') if printed.year < 2006 else ('SIAK V3.0', 'SIAK-KEC 5.1'))
    page.text((left, max(page.image.height - 170, sign_y + line_h * 7.5)), f"{program}   "
              f"CETAK: {printed.strftime('%d/%m/%Y')} {rng.randint(8, 15):02d}:{rng.randint(0, 59):02d}   HAL. 1/1",
              points=pts * 0.85, anchor="ls")
    if rng.random() < 0.5:
        page.dot_matrix((left - 20, 100, left + usable + 40, page.image.height - 120), rng)
    if rng.random() < 0.4:
        _fade_ribbon(page, rng)
    return page.rendered(_truth(family))


def _date(iso: str | None, slash: bool) -> str:
    if not iso:
        return "-"
    day = dt.date.fromisoformat(iso)
    return day.strftime("%d/%m/%Y" if slash else "%d-%m-%Y")


def _header(family: core.Family, rng: random.Random) -> list[str]:
    head = family.kepala_keluarga
    rt_rw = (["RT/RW", f"{family.rt}/{family.rw}"] if rng.random() < 0.6 else ["RT", f"{family.rt}   RW : {family.rw}"])
    left = [("NAMA KEPALA KELUARGA", head.nama_lengkap if head else "-"), ("ALAMAT", family.alamat),
            (rt_rw[0], rt_rw[1]), ("DESA/KELURAHAN", family.desa_kelurahan)]
    right = [("KECAMATAN", family.kecamatan), ("KABUPATEN/KOTA", family.kabupaten_kota),
             ("KODE POS", family.kode_pos or "-"), ("PROPINSI", family.provinsi)]
    lw = max(len(label) for label, _ in left) + 1
    rw = max(len(label) for label, _ in right) + 1
    dots = rng.random() < 0.5
    pad = "." if dots else " "
    split = max(len(label) + len(value) for label, value in left) + 6
    split = max(split, 68)
    rows = []
    for (l1, v1), (l2, v2) in zip(left, right, strict=True):
        a = f"{l1.ljust(lw, pad)}: {v1}"
        rows.append(f"{a.ljust(split)}{l2.ljust(rw, pad)}: {v2}")
    return rows


def _cell(person: core.Person, key: str, sex_style: int, slash: bool) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key == "jenis_kelamin":
        return _SEX.get(value, (value, value))[sex_style]
    if key.startswith("tanggal"):
        return _date(value, slash)
    return str(value)


def _table(family: core.Family, table: tuple[tuple[str, str], ...], rng: random.Random, *, numbered_from: int,
           sex_style: int, slash: bool, boxed: bool) -> list[str]:
    headers = [("NO", "(1)")] + [(label, f"({numbered_from + i})") for i, (label, _) in enumerate(table)]
    rows = [[str(i + 1)] + [_cell(p, key, sex_style, slash) for _, key in table]
            for i, p in enumerate(family.anggota)]
    widths = [max(len(headers[c][0]), len(headers[c][1]), *(len(r[c]) for r in rows)) for c in range(len(headers))]
    total = sum(widths) + 3 * (len(widths) - 1) + (4 if boxed else 0)
    if total > 136:  # too wide for the carriage: long header words wrap, the cells stay whole
        for c in range(len(headers)):
            widths[c] = max(len(headers[c][1]), *(len(r[c]) for r in rows),
                            *(len(w) for w in headers[c][0].split()))
    sep = " | " if boxed else "   "

    def line(cells: list[str]) -> str:
        text = sep.join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
        return f"| {text} |" if boxed else text

    rule_eq = "+" + "+".join("-" * (w + 2) for w in widths) + "+" if boxed else "=" * (sum(widths) + 3 * (len(widths) - 1))
    rule = rule_eq if boxed else "-" * len(rule_eq)
    head_lines = _wrapped_headers([h for h, _ in headers], widths)
    out = [rule_eq, *(line(h) for h in head_lines), line([n for _, n in headers]), rule]
    out += [line(r) for r in rows]
    out.append(rule_eq)
    return out


def _wrapped_headers(labels: list[str], widths: list[int]) -> list[list[str]]:
    """Header words wrapped into their columns' widths: one or two printed lines."""
    columns: list[list[str]] = []
    for label, width in zip(labels, widths, strict=True):
        parts: list[str] = []
        for word in label.split():
            if parts and len(parts[-1]) + 1 + len(word) <= width:
                parts[-1] += " " + word
            else:
                parts.append(word)
        columns.append(parts)
    depth = max(len(c) for c in columns)
    return [[c[i] if i < len(c) else "" for c in columns] for i in range(depth)]


def _paper(rng: random.Random) -> Image.Image:
    """Continuous-form paper: tractor holes down both edges behind perforations, green bars in half."""
    w, h = A4_LANDSCAPE
    paper = np.empty((h, w, 3), dtype=np.uint8)
    paper[:] = rng.choice(((252, 252, 248), (248, 248, 242), (250, 250, 250)))
    if rng.random() < 0.5:
        band = 100  # half an inch at 300 dpi
        green = np.array(rng.choice(((222, 240, 224), (228, 242, 230))), dtype=np.uint8)
        for top in range(rng.randint(0, band), h, 2 * band):
            paper[top:top + band, 170:w - 170] = green
    for cx in (75, w - 75):
        perf = 150 if cx < w / 2 else w - 150
        for py in range(0, h, 18):
            paper[py:py + 9, perf - 1:perf + 1] = (190, 190, 190)
    image = Image.fromarray(paper, "RGB")
    draw = ImageDraw.Draw(image)
    for cx in (75, w - 75):
        for cy in range(60, h, 150):
            draw.ellipse((cx - 24, cy - 24, cx + 24, cy + 24), fill=(70, 70, 74))
    return image


def _fade_ribbon(page: FormPage, rng: random.Random) -> None:
    """A tired ribbon: the print grows lighter towards the right edge (raster only)."""
    w, h = page.image.size
    ramp = np.linspace(0, 255 * rng.uniform(0.25, 0.4), w).astype(np.uint8)
    fade = Image.fromarray(np.broadcast_to(ramp, (8, w)).copy(), "L").resize((w, h))
    dark = page.image.convert("L").point(lambda p: 255 if p < 120 else 0)
    alpha = ImageChops.multiply(fade, dark)
    page.image.paste(Image.new("RGB", (w, h), (255, 255, 255)), (0, 0), alpha)
