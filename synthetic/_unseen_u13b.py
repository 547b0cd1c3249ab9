"""Held-out family `kk-u13b` (session 13): a KK laser-printed on the ministry's patterned blanko by a worn
printer.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the KK of about 2013-2019, printed by a regency's Dinas on the **security blanko** the ministry
sent (pale green or blue guilloche over the whole sheet, a large faint rosette in the middle), with a
laser printer past its service life:

- `KARTU KELUARGA` over `NO. <no_kk>`; the header in **three columns** of `LABEL : VALUE` in capitals
  (`NAMA KEPALA KELUARGA`, `ALAMAT`, `RT/RW` | `DESA/KELURAHAN`, `KECAMATAN`, `KABUPATEN/KOTA` |
  `KODE POS`, `PROVINSI`);
- two member tables, the columns numbered `(1)` ... under the headers; table 1 `NAMA LENGKAP`, `NIK`,
  `JENIS KELAMIN`, `TEMPAT LAHIR`, `TANGGAL LAHIR`, `AGAMA`, `PENDIDIKAN`, `JENIS PEKERJAAN`, `GOL. DARAH`;
  table 2 `STATUS PERKAWINAN`, `TANGGAL PERKAWINAN`, `STATUS HUBUNGAN DALAM KELUARGA`,
  `KEWARGANEGARAAN`, `PASPOR`, `KITAP`, `AYAH`, `IBU`; **double rules** under the headers and round the
  tables, single ones between rows;
- the worn printer: a **ghost** of the whole print a few millimetres below it (the drum's second
  image: every rule and letter doubled faintly), one or two **white vertical streaks** where the drum is
  scratched (cutting letters and rules), in half a grey cast of toner dust;
- the foot: `DIKELUARKAN TANGGAL : 12-03-2016` (or `TANGGAL DIKELUARKAN`), the head of family's line, and
  `KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL <KAB>` with a name and an 18-digit NIP, a wet
  signature and the Dinas stamp.

Truth: the family's header and members (canonical); a value printed as `-` is null.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageChops

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy
from ._form import guilloche_paper
from ._kk import _nip, _truth
from ._marks import signature, stamp
from ._unseen_u13a import draw_table

_OFFICIALS = ("Drs. H. MUH. ASRUN, M.Si", "IR. LA ODE SYAHRIR, M.M.", "HJ. ST. MARYAM, S.E., M.Si", "ABDUL MUIS, S.H.")


def render_u13b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u13b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    paper = guilloche_paper(A4_LANDSCAPE, rng, rng.choice(((60, 150, 90), (70, 120, 190), (90, 160, 150))),
                            strength=rng.uniform(0.14, 0.22))
    page = Page(A4_LANDSCAPE, Style(family=base.family, scale=1.0, spacing=1.5, ink=(20, 20, 20),
                                    shift=(rng.randint(-30, 30), rng.randint(-25, 25))), paper=paper)
    left, right = 140 + rng.randint(0, 40), page.width - 140 - rng.randint(0, 40)
    top = 110 + rng.randint(0, 30)
    page.text((page.width / 2, top), "KARTU KELUARGA", points=19, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(25)), f"NO. {family.no_kk}", points=13, bold=True, anchor="mt")
    head = family.kepala_keluarga
    columns = ((("NAMA KEPALA KELUARGA", head.nama_lengkap if head else "-"), ("ALAMAT", family.alamat),
                ("RT/RW", f"{family.rt}/{family.rw}")),
               (("DESA/KELURAHAN", family.desa_kelurahan), ("KECAMATAN", family.kecamatan),
                ("KABUPATEN/KOTA", family.kabupaten_kota)),
               (("KODE POS", family.kode_pos or "-"), ("PROVINSI", family.provinsi)))
    pts = 9
    hy = top + page.pt(52)
    widths = (0.42, 0.33, 0.25)
    x : float = left
    for share, rows in zip(widths, columns, strict=True):
        colon = max(page.text_width(label, points=pts) for label, _ in rows) + 20
        page.label_rows(list(rows), x=x, top=hy, points=pts, colon_at=colon)
        x += (right - left) * share
    y = hy + 3 * page.pt(pts) * 1.5 + 30
    n = len(family.anggota)
    available = page.image.height - y - 600
    row_h = min(page.pt(8) * 2.0, available / (2 * n + 7))
    head_h = row_h * 2.0
    table_1 = [("NO", None, 70), ("NAMA LENGKAP", "nama_lengkap", 560), ("NIK", "nik", 390),
               ("JENIS KELAMIN", "jenis_kelamin", 280), ("TEMPAT LAHIR", "tempat_lahir", 320),
               ("TANGGAL LAHIR", "tanggal_lahir", 260), ("AGAMA", "agama", 220), ("PENDIDIKAN", "pendidikan", 440),
               ("JENIS PEKERJAAN", "jenis_pekerjaan", 510), ("GOL. DARAH", "golongan_darah", 210)]
    table_2 = [("NO", None, 70), ("STATUS PERKAWINAN", "status_perkawinan", 370),
               ("TANGGAL PERKAWINAN", "tanggal_perkawinan", 290),
               ("STATUS HUBUNGAN DALAM KELUARGA", "status_hubungan", 410), ("KEWARGANEGARAAN", "kewarganegaraan", 330),
               ("PASPOR", "no_paspor", 220), ("KITAP", "no_kitap", 220), ("AYAH", "nama_ayah", 620),
               ("IBU", "nama_ibu", 620)]
    for table in (table_1, table_2):
        table_top = y
        y, rules = draw_table(page, family, table, left=left, right=right, top=y, row_h=row_h, head_h=head_h,
                              points=7.5, rng=rng, number_columns=True)
        for x0, y0, x1, y1 in rules:
            page.line((x0, y0, x1, y1), width=2)
        for edge in (table_top - 8, table_top + head_h + 8, y + 8):  # the double rules
            page.line((left, edge, right, edge), width=2)
        y += row_h * 1.1
    issued = date_dmy(family.tanggal_dikeluarkan)
    label = rng.choice(("DIKELUARKAN TANGGAL", "TANGGAL DIKELUARKAN"))
    page.text((right - 1000, y + 10), f"{label} : {issued}", points=9)
    sy = y + page.pt(9) * 2.2
    page.text((left + 380, sy), "KEPALA KELUARGA", points=9, anchor="mt")
    page.text((left + 380, sy + 320), head.nama_lengkap if head else "-", points=9, anchor="mt")
    sx = right - 620
    for i, line in enumerate(("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")):
        page.text((sx, sy + i * page.pt(9) * 1.3), line, points=9, anchor="mt")
    page.text((sx, sy + 340), rng.choice(_OFFICIALS), points=9, bold=True, anchor="mt")
    page.text((sx, sy + 340 + page.pt(9) * 1.4), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    page.paste(signature(rng, width=420, height=170), (int(sx - 200), int(sy + page.pt(9) * 2.6)))
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN CAPIL {family.kabupaten_kota}"[:44], centre="KEPALA",
                 family=base.family, diameter=rng.randint(330, 390))
    page.paste(seal, (int(sx - seal.width * 0.95), int(sy - 20)))
    _worn_drum(page, rng)
    return page.rendered(_truth(family))


def _worn_drum(page: Page, rng: random.Random) -> None:
    """The drum's ghost a few millimetres below, white streaks down the page, toner dust (raster only)."""
    w, h = page.image.size
    strength = rng.uniform(0.18, 0.32) * 0.8
    dark = page.image.convert("L").point(lambda p: round(max(0, 150 - p) / 150 * 255 * strength))
    ghost = Image.new("L", (w, h), 0)
    ghost.paste(dark, (0, rng.randint(25, 60)))
    keep = ImageChops.invert(ghost)
    page.image.paste(ImageChops.multiply(page.image, Image.merge("RGB", (keep, keep, keep))), (0, 0))
    for _ in range(rng.randint(1, 2)):
        x = rng.randint(int(w * 0.15), int(w * 0.85))
        strip = np.asarray(page.image.crop((x, 0, x + rng.randint(3, 8), h))).astype(np.int16)
        page.image.paste(Image.fromarray((strip + (250 - strip) * 85 // 100).astype(np.uint8), "RGB"), (x, 0))
    if rng.random() < 0.5:
        grey = rng.randint(228, 245)
        page.image.paste(ImageChops.multiply(page.image, Image.new("RGB", (w, h), (grey, grey, grey))), (0, 0))
