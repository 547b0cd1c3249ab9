"""Held-out family `kk-u16b` (session 16): a laminated KK laid on a scanner, its column headers the SIAK
abbreviations.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: many families have their KK **laminated in clear plastic** at a photocopy kiosk, and bring it to the
office like that. The page here is the scan of such a card: the scanner's dark lid around it, the **plastic's
margin** (a few millimetres of pale, slightly bluish film with rounded corners) around the paper, the paper
itself a faint blue-grey, and **glare**: one or two soft, pale diagonal bands where the film threw the lamp's
light back (the print under them washed out, still legible). The KK under the film, landscape, in DejaVu Sans
Condensed or DejaVu Sans (one a page):

- `KARTU KELUARGA` at the top centre, `NO. <no_kk>` under it;
- the header in **three columns** of `LABEL : VALUE` in capitals: `NAMA KEPALA KELUARGA`, `ALAMAT`, `RT/RW` |
  `DESA/KELURAHAN`, `KECAMATAN`, `KABUPATEN/KOTA` | `PROVINSI`, `KODE POS`;
- the member tables in a full thin grid with headers **abbreviated as SIAK's data dictionary does**: table 1
  `NO` | `NIK` | `NAMA LENGKAP` | `JK` | `TMPT LHR` | `TGL LHR` | `AGAMA` | `PDDK AKHIR` | `PEKERJAAN` |
  `GOL DRH`; table 2 `NO` | `SHDK` | `STAT KWN` | `TGL KWN` | `KWRN` | `NO PASPOR` | `NO KITAS/KITAP` |
  `NAMA AYAH` | `NAMA IBU`; row numbers `01.`, `02.`;
- the sex as `LK` / `PR`; dates `DD/MM/YYYY`; absent values `-`;
- the foot: the regency and the issue date after it (`KOLAKA, 12/03/2015`), no label, over `KEPALA DINAS
  KEPENDUDUKAN DAN PENCATATAN SIPIL`, signature, stamp, name and NIP; `KEPALA KELUARGA` on the left.

Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style
from ._kk import _nip, _truth
from ._marks import signature, stamp

_OFFICIALS = ("Drs. H. MUHAMMAD ARSYAD, M.Si", "WA ODE HASNIA, S.Sos., M.AP", "Ir. HERMAN LAMBAU",
              "ABDUL RAZAK TOSEPU, SH., MH")
_SEX = {"LAKI-LAKI": "LK", "PEREMPUAN": "PR"}
TABLE_1 = (("NO", None, 60), ("NIK", "nik", 360), ("NAMA LENGKAP", "nama_lengkap", 540), ("JK", "jenis_kelamin", 80),
           ("TMPT LHR", "tempat_lahir", 300), ("TGL LHR", "tanggal_lahir", 210), ("AGAMA", "agama", 200),
           ("PDDK AKHIR", "pendidikan", 430), ("PEKERJAAN", "jenis_pekerjaan", 480), ("GOL DRH", "golongan_darah", 200))
TABLE_2 = (("NO", None, 60), ("SHDK", "status_hubungan", 300), ("STAT KWN", "status_perkawinan", 330),
           ("TGL KWN", "tanggal_perkawinan", 210), ("KWRN", "kewarganegaraan", 120), ("NO PASPOR", "no_paspor", 220),
           ("NO KITAS/KITAP", "no_kitap", 300), ("NAMA AYAH", "nama_ayah", 560), ("NAMA IBU", "nama_ibu", 560))


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return str(_SEX.get(value, value) if key == "jenis_kelamin" else value)


def _bed(rng: random.Random) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The scanner's lid, the film's margin with round corners, the tinted paper; returns it and the paper's box."""
    w, h = A4_LANDSCAPE
    bed = Image.new("RGB", (w, h), (rng.randint(52, 70),) * 3)
    draw = ImageDraw.Draw(bed)
    fx0, fy0 = rng.randint(25, 50), rng.randint(25, 50)
    draw.rounded_rectangle((fx0, fy0, w - rng.randint(25, 50), h - rng.randint(25, 50)), radius=70,
                           fill=(228, 236, 240))
    paper = (fx0 + 40, fy0 + 40, w - 90, h - 90)
    tint = (rng.randint(232, 240), rng.randint(238, 244), rng.randint(244, 250))
    draw.rectangle(paper, fill=tint)
    return bed, paper


def _glare(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Soft pale bands across the page where the film reflected the lamp (white, partly transparent)."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(rng.choice((1, 2))):
        x = rng.randint(size[0] // 5, size[0] * 4 // 5)
        spread, lean = rng.randint(90, 200), rng.randint(-700, 700)
        draw.polygon([(x, 0), (x + spread, 0), (x + spread + lean, size[1]), (x + lean, size[1])],
                     fill=rng.randint(95, 140))
    glare = Image.new("RGBA", size, (255, 255, 255, 0))
    glare.putalpha(mask.filter(ImageFilter.GaussianBlur(60)))
    return glare


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str | None, int], ...], *, left: float,
           right: float, top: float, head_h: float, row_h: float) -> float:
    total = sum(c[2] for c in columns)
    xs = [left]
    for *_, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    rows = max(len(family.anggota), 5)
    bottom = top + head_h + rows * row_h
    page.rect((left, top, right, bottom), width=2)
    page.line((left, top + head_h, right, top + head_h), width=2)
    for x in xs[1:-1]:
        page.line((x, top, x, bottom), width=1)
    for r in range(1, rows):
        page.line((left, top + head_h + r * row_h, right, top + head_h + r * row_h), width=1)
    for i, (label, key, _) in enumerate(columns):
        page.text(((xs[i] + xs[i + 1]) / 2, top + head_h / 2), label, points=8, bold=True, anchor="mm")
        for r, person in enumerate(family.anggota):
            y = top + head_h + r * row_h
            text = f"{r + 1:02d}." if key is None else _cell(person, key)
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=8,
                             align="center" if key in (None, "jenis_kelamin", "golongan_darah", "kewarganegaraan")
                             else "left")
    return bottom


def render_u16b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u16b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    bed, (px0, py0, px1, py1) = _bed(rng)
    page = Page(A4_LANDSCAPE, Style(family=rng.choice(("DejaVu Sans Condensed", "DejaVu Sans")), scale=1.0,
                                    spacing=1.4, ink=base.ink, shift=(rng.randint(-12, 12), rng.randint(-12, 12))),
                paper=bed)
    left, right = px0 + 90, px1 - 90
    top = py0 + 70
    cx = (left + right) / 2
    page.text((cx, top), "KARTU KELUARGA", points=19, bold=True, anchor="mt")
    page.text((cx, top + page.pt(25)), f"NO. {family.no_kk}", points=13, bold=True, anchor="mt")
    head = family.kepala_keluarga
    y: float = top + page.pt(50)
    third = (right - left) / 3
    columns = ([("NAMA KEPALA KELUARGA", head.nama_lengkap if head else "-"), ("ALAMAT", family.alamat),
                ("RT/RW", f"{family.rt}/{family.rw}")],
               [("DESA/KELURAHAN", family.desa_kelurahan), ("KECAMATAN", family.kecamatan),
                ("KABUPATEN/KOTA", family.kabupaten_kota)],
               [("PROVINSI", family.provinsi), ("KODE POS", family.kode_pos or "-")])
    for k, rows in enumerate(columns):
        labels = tuple(label for label, _ in rows)
        colon = max(page.text_width(label, points=8.5) for label in labels) + 16
        page.label_rows(list(rows), x=left + k * third, top=y, points=8.5, colon_at=colon)
    y += page.pt(8.5) * 1.4 * 3 + 40
    n = max(len(family.anggota), 5)
    head_h = page.pt(8) * 2.1
    row_h = min(page.pt(8) * 2.1, (py1 - y - 2 * head_h - 40 - 520) / (2 * n))
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, head_h=head_h, row_h=row_h)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 36, head_h=head_h, row_h=row_h)
    fy = y + 36
    sx = right - 520
    issued = family.tanggal_dikeluarkan
    when = f"{issued[8:10]}/{issued[5:7]}/{issued[:4]}" if issued else "-"
    regency = family.kabupaten_kota
    page.text((sx, fy), f"{regency}, {when}", points=9, anchor="mt")
    page.text((sx, fy + page.pt(12)), "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=9, anchor="mt")
    page.paste(signature(rng, width=380, height=140), (round(sx - 190), round(fy + page.pt(24))))
    page.text((sx, fy + page.pt(62)), rng.choice(_OFFICIALS), points=9, bold=True, anchor="mt")
    page.text((sx, fy + page.pt(74)), f"NIP. {_nip(rng)}", points=8.5, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {regency}"[:48], centre=regency,
                 family="DejaVu Sans", diameter=page.pt(56))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.05)), round(fy + page.pt(rng.uniform(6, 18)))))
    hx = left + 360
    page.text((hx, fy + page.pt(12)), "KEPALA KELUARGA", points=9, anchor="mt")
    page.paste(signature(rng, width=320, height=130), (round(hx - 160), round(fy + page.pt(24))))
    page.text((hx, fy + page.pt(62)), head.nama_lengkap if head else "-", points=9, bold=True, anchor="mt")
    page.paste(_glare(rng, A4_LANDSCAPE), (-page.style.shift[0], -page.style.shift[1]))
    return page.rendered(_truth(family))
