"""Held-out family `kk-u14a` (session 14): a regency's KK of the late 2000s whose narrow columns carry
their headers standing on end, inside double-ruled frames.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the landscape KK a kabupaten's Dinas printed from its own SIAK template between about 2006 and
2012, with the headers of the narrow columns **set vertically** (rotated a quarter turn, read from bottom
to top) so that sixteen columns fit, as several regencies did:

- `KARTU KELUARGA` centred; the number at the top right in a **comb of sixteen boxes** after `NO.`;
- the header in **three columns** of `Label` then dotted leaders then `: value` (`Nama Kepala Keluarga`,
  `Alamat`, `RT/RW` | `Desa/Kelurahan`, `Kecamatan`, `Kabupaten/Kota` | `Kode Pos`, `Propinsi`); RT/RW
  `002/005`;
- each table framed by a **double rule** (two thin lines a few pixels apart), a double rule under the
  header band too; column rules single; between member rows only a **dotted** line; column numbers
  `1` ... `10` (`11` ... `18` in table 2) under the headers;
- **table 1**: `No.` | `Nama Lengkap` | `N I K` | `Jenis Kelamin` (L/P) | `Tempat Lahir` | `Tanggal Lahir`
  | `Gol. Darah` | `Agama` | `Pendidikan` | `Pekerjaan` (blood group before religion); narrow headers
  vertical (one or two stacked lines), the name, NIK, place, education and occupation headers horizontal;
- **table 2**: `No.` | `Status Hubungan Dalam Keluarga` | `Kewarganegaraan` | `Status Perkawinan` |
  `Tanggal Perkawinan` | `Nama Ayah` | `Nama Ibu` | `No. Paspor` | `No. KITAS/KITAP` (relation first,
  parents before the immigration documents);
- dates printed `DD/MM/YYYY` with slashes; absent values `-`;
- the foot: `Dikeluarkan di : <regency>` over `Pada tanggal : 12/03/2009` on the left, the head of the
  family's signature in the middle, `KEPALA DINAS KEPENDUDUKAN / DAN CATATAN SIPIL` on the right with an
  ink signature, the round stamp half over it, the name underlined, `Pembina Tk. I` and the NIP.

Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style
from ._form import dotted
from ._kk import _nip, _truth
from ._marks import signature, stamp

_OFFICIALS = ("Drs. H. LA ODE MUH. ARIFIN, M.Si", "ANDI MAPPATOBA, SH., MH", "Ir. YUSUF TAMBUNAN", "H. MUSTAMIN, S.Sos")
_SEX = {"LAKI-LAKI": "L", "PEREMPUAN": "P"}
# (header, field or None for the row number, relative width, header set vertically)
TABLE_1 = (("No.", None, 60, False), ("Nama Lengkap", "nama_lengkap", 560, False), ("N I K", "nik", 380, False),
           ("Jenis Kelamin", "jenis_kelamin", 90, True), ("Tempat Lahir", "tempat_lahir", 330, False),
           ("Tanggal Lahir", "tanggal_lahir", 230, True), ("Gol. Darah", "golongan_darah", 210, True),
           ("Agama", "agama", 200, True), ("Pendidikan", "pendidikan", 460, False),
           ("Pekerjaan", "jenis_pekerjaan", 480, False))
TABLE_2 = (("No.", None, 60, False), ("Status Hubungan Dalam Keluarga", "status_hubungan", 330, True),
           ("Kewarganegaraan", "kewarganegaraan", 120, True), ("Status Perkawinan", "status_perkawinan", 330, True),
           ("Tanggal Perkawinan", "tanggal_perkawinan", 230, True), ("Nama Ayah", "nama_ayah", 560, False),
           ("Nama Ibu", "nama_ibu", 560, False), ("No. Paspor", "no_paspor", 220, True),
           ("No. KITAS/KITAP", "no_kitap", 220, True))


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return str(_SEX.get(value, value) if key == "jenis_kelamin" else value)


def _upright(page: Page, box: tuple[float, float, float, float], text: str, *, points: float) -> None:
    """A header turned a quarter turn (read bottom to top), on one or two lines, centred in `box`."""
    x0, y0, x1, y1 = box
    height, width = y1 - y0 - 16, x1 - x0 - 6
    words = text.split()
    lines = [text]
    pts = points
    while True:
        face = page.font(pts, bold=True)
        if page.draw.textlength(text, font=face) > height and len(words) > 1:
            half = max(range(1, len(words)), key=lambda k: -abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
            lines = [" ".join(words[:half]), " ".join(words[half:])]
        line_h = page.pt(pts) * 1.15
        if (max(page.draw.textlength(ln, font=face) for ln in lines) <= height and line_h * len(lines) <= width) \
                or pts <= 5:
            break
        pts -= 0.5
        lines = [text]
    face = page.font(pts, bold=True)
    line_h = round(page.pt(pts) * 1.15)
    strip = Image.new("RGBA", (round(height), line_h * len(lines) + 4), (255, 255, 255, 0))
    draw = ImageDraw.Draw(strip)
    for i, line in enumerate(lines):
        draw.text((strip.width / 2, i * line_h + line_h / 2 + 2), line, font=face, anchor="mm",
                  fill=(*page.style.ink, 255))
    turned = strip.rotate(90, expand=True)
    page.paste(turned, (round((x0 + x1) / 2 - turned.width / 2), round((y0 + y1) / 2 - turned.height / 2)))


def _comb_digits(page: Page, number: str, *, x: float, top: float, box: float) -> None:
    """One digit a box, drawn as an image; the text layer carries the number once, invisibly, as a
    searchable scan's would (a digit a box would read back as sixteen words)."""
    face = page.font(10.5)
    strip = Image.new("RGBA", (round(box * len(number)), round(box)), (255, 255, 255, 0))
    draw = ImageDraw.Draw(strip)
    for i, digit in enumerate(number):
        draw.text(((i + 0.5) * box, box / 2), digit, font=face, anchor="mm", fill=(*page.style.ink, 255))
    page.paste(strip, (round(x), round(top)))
    ascent = face.getmetrics()[0]
    page.ops.append(("text", x + page.style.shift[0] + 6, top + page.style.shift[1] + box / 2 + ascent / 2, number,
                     str(face.path), face.size, None))


def _double(page: Page, box: tuple[float, float, float, float]) -> None:
    x0, y0, x1, y1 = box
    page.rect((x0, y0, x1, y1), width=2)
    page.rect((x0 + 7, y0 + 7, x1 - 7, y1 - 7), width=2)


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str | None, int, bool], ...], *, left: float,
           right: float, top: float, head_h: float, row_h: float, first_number: int) -> float:
    total = sum(c[2] for c in columns)
    xs = [left]
    for _, _, w, _ in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    number_h = page.pt(9)
    rows = max(len(family.anggota), 4)
    body = top + head_h + number_h
    bottom = body + rows * row_h + 10
    _double(page, (left, top, right, bottom))
    page.line((left, top + head_h, right, top + head_h), width=2)
    page.line((left, top + head_h + 6, right, top + head_h + 6), width=2)
    page.line((left, body, right, body), width=2)
    for x in xs[1:-1]:
        page.line((x, top + 7, x, bottom - 7), width=2)
    for i, (label, _, _, upright) in enumerate(columns):
        box = (xs[i], top + 7, xs[i + 1], top + head_h)
        if upright:
            _upright(page, box, label, points=7.5)
        else:
            lines = page.wrap_chunks(label.split(), width=xs[i + 1] - xs[i] - 20, points=8.5)
            step = page.pt(8.5) * 1.2
            y0 = (box[1] + box[3]) / 2 - step * (len(lines) - 1) / 2
            for j, line in enumerate(lines):
                page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=8.5, bold=True, anchor="mm")
        page.text(((xs[i] + xs[i + 1]) / 2, top + head_h + 6 + number_h / 2), str(first_number + i), points=6.5,
                  anchor="mm")
    for r, person in enumerate(family.anggota):
        y = body + 5 + r * row_h
        for i, (_, key, _, _) in enumerate(columns):
            text = f"{r + 1}." if key is None else _cell(person, key)
            centred = key in (None, "jenis_kelamin", "golongan_darah", "tanggal_lahir", "tanggal_perkawinan")
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=8,
                             align="center" if centred else "left")
        if r < rows - 1:
            dotted(page, left + 10, right - 10, y + row_h, step=10, width=1)
    return bottom


def render_u14a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u14a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_LANDSCAPE, Style(family=base.family, scale=1.0, spacing=1.5, ink=base.ink,
                                    shift=(rng.randint(-20, 20), rng.randint(-15, 15))))
    left, right = 130 + rng.randint(0, 25), page.width - 130 - rng.randint(0, 25)
    top = 110 + rng.randint(0, 20)
    page.text((page.width / 2, top), "KARTU KELUARGA", points=19, bold=True, anchor="mt")
    box = page.pt(13)
    comb_x = right - 16 * box
    page.text((comb_x - 20, top + box / 2 + 8), "NO.", points=11, bold=True, anchor="rm")
    for i in range(16):
        page.rect((comb_x + i * box, top + 8, comb_x + (i + 1) * box, top + 8 + box), width=2)
    _comb_digits(page, family.no_kk, x=comb_x, top=top + 8, box=box)
    head = family.kepala_keluarga
    columns = ((("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
                ("RT/RW", f"{family.rt}/{family.rw}")),
               (("Desa/Kelurahan", family.desa_kelurahan), ("Kecamatan", family.kecamatan),
                ("Kabupaten/Kota", family.kabupaten_kota)),
               (("Kode Pos", family.kode_pos or "-"), ("Propinsi", family.provinsi)))
    pts = 9
    step = page.pt(pts) * 1.55
    hy = top + page.pt(34)
    widths = (0.38, 0.34, 0.28)
    x: float = left + 10
    for share, rows in zip(widths, columns, strict=True):
        colon = x + page.pt(pts) * (11.5 if share > 0.3 else 6.5)
        for i, (label, value) in enumerate(rows):
            y = hy + i * step
            page.text((x, y), label, points=pts)
            dotted(page, x + page.text_width(label, points=pts) + 12, colon - 12, y + page.pt(pts) * 0.85, step=12)
            page.text((colon, y), ":", points=pts)
            page.text((colon + page.pt(pts) * 0.8, y), value, points=pts)
        x += (right - left) * share
    y = hy + 3 * step + 30
    n = max(len(family.anggota), 4)
    head_h = page.pt(64)
    available = page.image.height - y - 2 * (head_h + page.pt(9) + 40) - 470
    row_h = min(page.pt(8) * 2.2, available / (2 * n))
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, head_h=head_h, row_h=row_h, first_number=1)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 35, head_h=head_h, row_h=row_h,
               first_number=len(TABLE_1) + 1)
    issued = family.tanggal_dikeluarkan
    fy = y + 45
    regency = family.kabupaten_kota
    page.label_rows([("Dikeluarkan di", regency),
                     ("Pada tanggal", f"{issued[8:10]}/{issued[5:7]}/{issued[:4]}" if issued else "-")],
                    x=left + 20, top=fy, points=9.5, colon_at=page.pt(9.5) * 7.5)
    mid = left + (right - left) * 0.45
    page.text((mid, fy), "Kepala Keluarga,", points=9.5, anchor="mt")
    page.paste(signature(rng, width=360, height=150), (round(mid - 180), round(fy + 60)))
    page.text((mid, fy + 280), head.nama_lengkap if head else "-", points=9.5, bold=True, anchor="mt")
    sx = right - 520
    page.text((sx, fy), "KEPALA DINAS KEPENDUDUKAN", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(12)), "DAN CATATAN SIPIL", points=9.5, anchor="mt")
    page.paste(signature(rng, width=400, height=160), (round(sx - 200), round(fy + 80)))
    official = rng.choice(_OFFICIALS)
    page.text((sx, fy + 280), official, points=9.5, bold=True, anchor="mt")
    width = page.text_width(official, points=9.5, bold=True)
    page.line((sx - width / 2, fy + 280 + page.pt(12), sx + width / 2, fy + 280 + page.pt(12)), width=2)
    page.text((sx, fy + 280 + page.pt(15)), "Pembina Tk. I", points=9, anchor="mt")
    page.text((sx, fy + 280 + page.pt(27)), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN CATATAN SIPIL {regency}", centre=f"KABUPATEN\n{regency}",
                 family=page.style.family, diameter=page.pt(64))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.05)), round(fy + rng.uniform(30, 90))))
    return page.rendered(_truth(family))
