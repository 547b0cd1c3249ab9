"""Held-out family `kk-u16a` (session 16): a regency's KK printed portrait on folio paper in a narrow sans, its
member tables ruled only above and below, like a report.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the KK a regency's Dinas printed from a word-processor template of its own (about 2011-2016) when
the landscape blanko ran out: **F4 portrait** (215 x 330 mm), in Liberation Sans Narrow or Nimbus Sans Narrow
(one a page):

- a small kop at the top left (`PEMERINTAH KABUPATEN <X>` / `DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL`), a rule
  under it, `KARTU KELUARGA` centred and `Nomor KK : <no_kk>` at the right under the title;
- the header in **two columns of `Label : value` lines** in a narrow value column, so that the address **wraps
  over two lines**; `RT` and `RW` on **lines of their own**; `Kode Pos` before the place names (left:
  `Nama Kepala Keluarga`, `Alamat`, `RT`, `RW`, `Kode Pos`; right: `Desa/Kelurahan`, `Kecamatan`,
  `Kabupaten/Kota`, `Provinsi`);
- both member tables **one over the other, the whole width of a portrait page**: **no vertical rules and no
  rules between rows** (only a thick rule above the column headers, a thin one under them and a thick one
  under the last row: the columns are told apart by the space between them); column headers in mixed case,
  wrapped over up to three lines in their narrow columns (`Nomor Induk Kependudukan`, `Status Hubungan Dalam
  Keluarga`, `Kewarga- negaraan`); table 1 `No` | `Nama Lengkap` | `Nomor Induk Kependudukan` | `L/P` |
  `Tempat Lahir` | `Tanggal Lahir` | `Agama` | `Pendidikan` | `Jenis Pekerjaan`; table 2 `No` |
  `Status Perkawinan` | `Tanggal Perkawinan` | `Status Hubungan Dalam Keluarga` | `Kewarganegaraan` |
  `Gol. Darah` | `No. Paspor` | `No. KITAS/KITAP` | `Nama Ayah` | `Nama Ibu`;
- the sex as `L` / `P`; dates **without leading zeros** (`5-6-1985`); absent values `-`;
- the foot on the right: `Ditetapkan di : <KABUPATEN>` and `Pada tanggal : 5-6-2013` (the issue date) over the
  Kepala Dinas's title, ink signature, stamp, name and 18-digit NIP; the head of the family's signature on the
  left.

Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import random

import core

from ._canvas import Page, Rendered, Style
from ._kk import _nip, _truth
from ._marks import signature, stamp

F4_PORTRAIT = (2539, 3898)
_OFFICIALS = ("Drs. LA ODE MUHAMMAD TAUFIK, M.Si", "Hj. ANDI NURSIAH, SE., MM", "YUSUF LAMBOGO, S.Sos",
              "Ir. MARTEN PAKIDING, M.Si")
_SEX = {"LAKI-LAKI": "L", "PEREMPUAN": "P"}
# (printed header, field or None for the row number, relative width)
TABLE_1 = (("No", None, 55), ("Nama Lengkap", "nama_lengkap", 470), ("Nomor Induk Kependudukan", "nik", 330),
           ("L/P", "jenis_kelamin", 70), ("Tempat Lahir", "tempat_lahir", 250), ("Tanggal Lahir", "tanggal_lahir", 180),
           ("Agama", "agama", 170), ("Pendidikan", "pendidikan", 390), ("Jenis Pekerjaan", "jenis_pekerjaan", 420))
TABLE_2 = (("No", None, 55), ("Status Perkawinan", "status_perkawinan", 250),
           ("Tanggal Perkawinan", "tanggal_perkawinan", 180), ("Status Hubungan Dalam Keluarga", "status_hubungan", 230),
           ("Kewarga- negaraan", "kewarganegaraan", 130), ("Gol. Darah", "golongan_darah", 190),
           ("No. Paspor", "no_paspor", 160), ("No. KITAS/KITAP", "no_kitap", 160), ("Nama Ayah", "nama_ayah", 400),
           ("Nama Ibu", "nama_ibu", 400))
_CENTRED = {None, "jenis_kelamin", "golongan_darah", "kewarganegaraan", "tanggal_lahir", "tanggal_perkawinan"}


def _date(iso: str | None) -> str:
    return f"{int(iso[8:10])}-{int(iso[5:7])}-{iso[:4]}" if iso else "-"


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return _date(value)
    return str(_SEX.get(value, value) if key == "jenis_kelamin" else value)


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str | None, int], ...], *, left: float,
           right: float, top: float, row_h: float) -> float:
    total = sum(c[2] for c in columns)
    xs = [left]
    for *_, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    step = page.pt(7) * 1.2
    heads = [page.wrap_chunks(label.split(" ") if label.endswith("negaraan") else label.split(),
                              width=xs[i + 1] - xs[i] - 40, points=7) for i, (label, _, _) in enumerate(columns)]
    head_h = step * max(len(h) for h in heads) + page.pt(7) * 1.2
    page.line((left, top, right, top), width=5)
    for i, lines in enumerate(heads):
        y0 = top + head_h / 2 - step * (len(lines) - 1) / 2
        for j, line in enumerate(lines):
            page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=7, bold=True, anchor="mm")
    body = top + head_h
    page.line((left, body, right, body), width=2)
    for r, person in enumerate(family.anggota):
        y = body + r * row_h
        for i, (_, key, _) in enumerate(columns):
            text = str(r + 1) if key is None else _cell(person, key)
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=7.5,
                             align="center" if key in _CENTRED else "left")
    bottom = body + max(len(family.anggota), 5) * row_h
    page.line((left, bottom, right, bottom), width=5)
    return bottom


def _pairs(page: Page, rows: list[tuple[str, str]], *, x: float, top: float, colon: float, width: float) -> float:
    """`Label : value` lines, the address wrapped inside a narrow column; returns the y under the last one."""
    step = page.pt(9.5) * 1.45
    y = top
    for label, value in rows:
        page.text((x, y), label, points=9.5)
        page.text((x + colon, y), ":", points=9.5)
        lines = page.wrap_chunks(value.split(), width=width, points=9.5) if label == "Alamat" else [value]
        for line in lines:
            page.text((x + colon + page.pt(9.5) * 0.8, y), line, points=9.5, bold=label.startswith("Nama"))
            y += step
    return y


def render_u16a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u16a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(F4_PORTRAIT, Style(family=rng.choice(("Liberation Sans Narrow", "Nimbus Sans Narrow")), scale=1.0,
                                   spacing=1.45, ink=base.ink, shift=(rng.randint(-20, 20), rng.randint(-20, 20))))
    left, right = 130 + rng.randint(0, 25), page.width - 130 - rng.randint(0, 25)
    top = 130 + rng.randint(0, 25)
    regency = family.kabupaten_kota
    government = regency if regency.startswith("KOTA ") else f"KABUPATEN {regency}"
    page.text((left, top), f"PEMERINTAH {government}", points=9, bold=True)
    page.text((left, top + page.pt(13)), "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=9, bold=True)
    y: float = top + page.pt(30)
    page.line((left, y, right, y), width=2)
    cx = (left + right) / 2
    page.text((cx, y + page.pt(14)), "KARTU KELUARGA", points=19, bold=True, anchor="mt")
    page.text((right, y + page.pt(42)), f"Nomor KK : {family.no_kk}", points=11, bold=True, anchor="ra")
    y += page.pt(68)
    head = family.kepala_keluarga
    half = (right - left) / 2
    width = half - page.pt(9.5) * 11.5
    ly = _pairs(page, [("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
                       ("RT", family.rt or "-"), ("RW", family.rw or "-"), ("Kode Pos", family.kode_pos or "-")],
                x=left, top=y, colon=page.pt(9.5) * 10.5, width=min(width, page.pt(9.5) * 7.5))
    ry = _pairs(page, [("Desa/Kelurahan", family.desa_kelurahan), ("Kecamatan", family.kecamatan),
                       ("Kabupaten/Kota", family.kabupaten_kota), ("Provinsi", family.provinsi)],
                x=left + half + 40, top=y, colon=page.pt(9.5) * 8, width=half - page.pt(9.5) * 10)
    y = max(ly, ry) + 60
    n = max(len(family.anggota), 5)
    row_h = min(page.pt(7.5) * 2.6, (page.image.height - y - 2 * page.pt(7) * 4.8 - 120 - 700) / (2 * n))
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, row_h=row_h)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 70, row_h=row_h)
    fy = y + 70
    sx = right - 480
    issued = family.tanggal_dikeluarkan
    page.label_rows([("Ditetapkan di", regency), ("Pada tanggal", _date(issued))], x=sx - 330, top=fy, points=9.5,
                    colon_at=page.pt(9.5) * 6.5)
    fy += page.pt(9.5) * 1.45 * 2 + 20
    page.text((sx, fy), "KEPALA DINAS KEPENDUDUKAN DAN", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(13)), f"PENCATATAN SIPIL {government}", points=9.5, anchor="mt")
    page.paste(signature(rng, width=380, height=150), (round(sx - 190), round(fy + page.pt(28))))
    page.text((sx, fy + page.pt(72)), rng.choice(_OFFICIALS), points=9.5, bold=True, anchor="mt")
    page.text((sx, fy + page.pt(85)), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {regency}"[:48], centre=regency,
                 family="DejaVu Sans", diameter=page.pt(58))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.05)), round(fy + page.pt(rng.uniform(8, 20)))))
    hx = left + 330
    page.text((hx, fy), "KEPALA KELUARGA", points=9.5, anchor="mt")
    page.paste(signature(rng, width=340, height=140), (round(hx - 170), round(fy + page.pt(28))))
    page.text((hx, fy + page.pt(72)), head.nama_lengkap if head else "-", points=9.5, bold=True, anchor="mt")
    return page.rendered(_truth(family))
