"""Held-out family `kk-u13a` (session 13): a kelurahan's KK printed on an office inkjet that is running dry.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the landscape KK of the 2010s that a city's kelurahan printed itself on plain paper with a
small ink-tank or cartridge inkjet (black made of the three colours when the black runs out), in a
regency template whose tables differ from the ministry's:

- `KARTU KELUARGA` and `No. <no_kk>` (or `NOMOR : <no_kk>`) centred; the header in two columns of
  `Label : value` (`Nama Kepala Keluarga`, `Alamat`, `RT / RW`, `Desa / Kelurahan` | `Kecamatan`,
  `Kabupaten / Kota`, `Kode Pos`, `Provinsi`);
- **table 1 in another column order and wording**: `No`, `NIK` (or `Nomor Induk Kependudukan`) **before**
  the name, `Nama Lengkap`, `L/P` or `Jenis Kelamin` (sex as `L`/`P` or written), `Tempat Lahir`,
  `Tgl. Lahir`, `Agama`, `Pendidikan Terakhir`, `Pekerjaan`, `Gol. Darah`;
- **table 2 starting with the relation**: `No`, `Hubungan Dalam Keluarga`, `Status Perkawinan`,
  `Tgl. Perkawinan`, `Warga Negara`, `No. Paspor`, `No. KITAS/KITAP`, `Nama Ayah`, `Nama Ibu`;
- rules drawn as grey hairlines; **the print starved of ink**: pale horizontal **banding** where nozzles
  skip (whole strips of rows lighter, some strokes broken), whole segments of rules and some column rules
  **missing**, the "black" a brownish or greenish composite grey in half;
- the foot: `Dikeluarkan Tanggal : 12-03-2014`, `Kepala Keluarga` left, `a.n. Kepala Dinas ... / Lurah` right
  with a name and an 18-digit NIP, no stamp.

Dates `DD-MM-YYYY`; absent values `-`. Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from PIL import Image

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy
from ._kk import _nip, _truth

_OFFICIALS = ("ANDI MUH. RIDWAN, S.STP", "HJ. NURLAELA, S.Sos., M.Si", "LA ODE ABD. HAMID, SE", "SUDIRMAN, S.IP")
_INKS = ((60, 48, 40), (40, 55, 48), (70, 70, 78), (35, 35, 35))
_SEX_SHORT = {"LAKI-LAKI": "L", "PEREMPUAN": "P"}


def member_cell(person: core.Person, key: str, *, short_sex: bool = False) -> str:
    """How a KK cell prints a member's value: dates DD-MM-YYYY, absent values `-`."""
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return date_dmy(value)
    if key == "jenis_kelamin" and short_sex:
        return _SEX_SHORT.get(value, value)
    return str(value)


def draw_table(page: Page, family: core.Family, columns: Sequence[tuple[str, str | None, float]], *, left: float,
               right: float, top: float, row_h: float, head_h: float, points: float, rng: random.Random,
               rule_width: int = 2, skip_columns: float = 0.0, short_sex: bool = False,
               number_columns: bool = False) -> tuple[float, list[tuple[float, float, float, float]]]:
    """A member table: wrapped headers, one row a member; returns its bottom and the rules it would draw
    (the caller draws them in its own manner). `columns` are (header, field or None for the row number,
    relative width)."""
    total = sum(w for _, _, w in columns)
    xs = [left]
    for _, _, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    rules: list[tuple[float, float, float, float]] = []
    bottom = top + head_h + row_h * len(family.anggota) + (row_h * 0.8 if number_columns else 0)
    for i, (label, _, _) in enumerate(columns):
        width = xs[i + 1] - xs[i] - page.pt(3)
        pts = points
        lines = page.wrap_chunks(label.split(), width=width, points=pts)
        while len(lines) > 3 and pts > 5:
            pts -= 0.5
            lines = page.wrap_chunks(label.split(), width=width, points=pts)
        step = page.pt(pts) * 1.15
        y0 = top + head_h / 2 - step * (len(lines) - 1) / 2
        for j, line in enumerate(lines):
            page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=pts, bold=True, anchor="mm")
    y = top + head_h
    if number_columns:
        for i in range(len(columns)):
            page.text(((xs[i] + xs[i + 1]) / 2, y + row_h * 0.4), f"({i + 1})", points=points * 0.85, anchor="mm")
        rules.append((left, y + row_h * 0.8, right, y + row_h * 0.8))
        rules.append((left, y, right, y))
        y += row_h * 0.8
    rules.append((left, top, right, top))
    rules.append((left, top + head_h, right, top + head_h))
    for n, person in enumerate(family.anggota):
        for i, (_, key, _) in enumerate(columns):
            text = str(n + 1) if key is None else member_cell(person, key, short_sex=short_sex)
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=points,
                             align="center" if key in (None, "jenis_kelamin", "golongan_darah") else "left")
        y += row_h
        rules.append((left, y, right, y))
    for i, x in enumerate(xs):
        if 0 < i < len(xs) - 1 and rng.random() < skip_columns:
            continue
        rules.append((x, top, x, bottom))
    return bottom, rules


def render_u13a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u13a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    ink = rng.choice(_INKS)
    page = Page(A4_LANDSCAPE, Style(family=base.family, scale=1.0, spacing=1.45, ink=ink,
                                    shift=(rng.randint(-25, 25), rng.randint(-20, 20))))
    left, right = 150 + rng.randint(0, 30), page.width - 150 - rng.randint(0, 30)
    top = 120 + rng.randint(0, 30)
    page.text((page.width / 2, top), "KARTU KELUARGA", points=18, bold=True, anchor="mt")
    number = f"No. {family.no_kk}" if rng.random() < 0.6 else f"NOMOR : {family.no_kk}"
    page.text((page.width / 2, top + page.pt(24)), number, points=13, bold=True, anchor="mt")
    head = family.kepala_keluarga
    rt_rw = f"{family.rt} / {family.rw}"
    blocks = ((("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
               ("RT / RW", rt_rw), ("Desa / Kelurahan", family.desa_kelurahan)),
              (("Kecamatan", family.kecamatan), ("Kabupaten / Kota", family.kabupaten_kota),
               ("Kode Pos", family.kode_pos or "-"), ("Provinsi", family.provinsi)))
    hy = top + page.pt(52)
    pts = 9.5
    for b, rows in enumerate(blocks):
        x = left + b * (right - left) * 0.55
        page.label_rows(list(rows), x=x, top=hy, points=pts, colon_at=page.pt(pts) * 10.5)
    y = hy + len(blocks[0]) * page.pt(pts) * 1.45 + 30
    n = len(family.anggota)
    available = page.image.height - y - 560
    row_h = min(page.pt(8) * 2.1, available / (2 * n + 6))
    head_h = row_h * 2.2
    short_sex = rng.random() < 0.5
    nik_label = rng.choice(("NIK", "Nomor Induk Kependudukan"))
    table_1 = [("No", None, 70), (nik_label, "nik", 380), ("Nama Lengkap", "nama_lengkap", 560),
               ("L/P" if short_sex else "Jenis Kelamin", "jenis_kelamin", 150 if short_sex else 270),
               ("Tempat Lahir", "tempat_lahir", 330), ("Tgl. Lahir", "tanggal_lahir", 250),
               ("Agama", "agama", 230), ("Pendidikan Terakhir", "pendidikan", 450),
               ("Pekerjaan", "jenis_pekerjaan", 520), ("Gol. Darah", "golongan_darah", 210)]
    table_2 = [("No", None, 70), ("Hubungan Dalam Keluarga", "status_hubungan", 380),
               ("Status Perkawinan", "status_perkawinan", 360), ("Tgl. Perkawinan", "tanggal_perkawinan", 270),
               ("Warga Negara", "kewarganegaraan", 220), ("No. Paspor", "no_paspor", 240),
               ("No. KITAS/KITAP", "no_kitap", 250), ("Nama Ayah", "nama_ayah", 600), ("Nama Ibu", "nama_ibu", 600)]
    rules: list[tuple[float, float, float, float]] = []
    for table in (table_1, table_2):
        y, drawn = draw_table(page, family, table, left=left, right=right, top=y, row_h=row_h, head_h=head_h,
                              points=8, rng=rng, skip_columns=0.25, short_sex=short_sex)
        rules += drawn
        y += row_h * 1.2
    r, g, b = (min(255, c + rng.randint(70, 110)) for c in ink)
    grey = (r, g, b)
    for x0, y0, x1, y1 in rules:
        _hairline(page, (x0, y0, x1, y1), grey, rng)
    issued = date_dmy(family.tanggal_dikeluarkan)
    page.text((right - 900, y + 10), f"Dikeluarkan Tanggal : {issued}", points=9.5)
    sy = y + page.pt(9.5) * 2.2
    page.text((left + 350, sy), "Kepala Keluarga", points=9.5, anchor="mt")
    page.text((left + 350, sy + 300), head.nama_lengkap if head else "-", points=9.5, anchor="mt")
    sx = right - 560
    for i, line in enumerate(("a.n. KEPALA DINAS KEPENDUDUKAN DAN", "PENCATATAN SIPIL", "LURAH " + family.desa_kelurahan)):
        page.text((sx, sy + i * page.pt(9.5) * 1.3), line, points=9.5, anchor="mt")
    page.text((sx, sy + 330), rng.choice(_OFFICIALS), points=9.5, bold=True, anchor="mt")
    page.text((sx, sy + 330 + page.pt(9.5) * 1.4), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
    _starve(page, rng)
    return page.rendered(_truth(family))


def _hairline(page: Page, box: tuple[float, float, float, float], grey: tuple[int, int, int],
              rng: random.Random) -> None:
    """A grey rule with segments the nozzles skipped."""
    x0, y0, x1, y1 = box
    saved = page.style
    page.style = Style(family=saved.family, scale=saved.scale, spacing=saved.spacing, ink=grey, shift=saved.shift)
    horizontal = abs(y1 - y0) < 1
    length = (x1 - x0) if horizontal else (y1 - y0)
    pos = 0.0
    while pos < length:
        seg = rng.uniform(0.15, 0.6) * length if rng.random() < 0.8 else rng.uniform(40, 200)
        gap = rng.uniform(20, 260) if rng.random() < 0.35 else 0.0
        end = min(length, pos + seg)
        if horizontal:
            page.line((x0 + pos, y0, x0 + end, y1), width=2)
        else:
            page.line((x0, y0 + pos, x1, y0 + end), width=2)
        pos = end + gap
    page.style = saved


def _starve(page: Page, rng: random.Random) -> None:
    """Horizontal bands where the head ran short of ink: the print lighter there, strokes broken (raster)."""
    w, h = page.image.size
    lift = np.full(h, rng.uniform(0.05, 0.18), dtype=np.float32)  # the whole page a little faint
    y = rng.randint(0, 60)
    while y < h:
        band = rng.randint(8, 40)
        lift[y:y + band] = rng.uniform(0.25, 0.6)
        y += band + rng.randint(30, 160)
    # Broken strokes: the lift varies along a band in short runs (noise at a quarter of the size).
    noise = np.random.default_rng(rng.randrange(2**32)).uniform(0.6, 1.2, (h // 4, w // 4)).astype(np.float32)
    small = np.clip(np.repeat(lift[::4][: h // 4, None], w // 4, axis=1) * noise, 0, 0.85)
    amount = Image.fromarray((small * 255).astype(np.uint8), "L").resize((w, h), Image.Resampling.NEAREST)
    page.image.paste(Image.composite(Image.new("RGB", (w, h), (255, 255, 255)), page.image, amount), (0, 0))
