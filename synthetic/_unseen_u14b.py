"""Held-out family `kk-u14b` (session 14): a KK as the office received it by fax.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: a KK the applicant's village office or a branch sent by fax (or a fax-to-mail service) and the
counter printed or saved. The page is what the fax line delivers, not the paper:

- the original: a regency print under a small kop (`PEMERINTAH KABUPATEN <X>` / `DINAS KEPENDUDUKAN DAN
  PENCATATAN SIPIL`), `KARTU KELUARGA` and `No. KK : <no_kk>` centred; the header in two columns with
  labels in CAPITALS (`NAMA KEPALA KELUARGA`, `ALAMAT`, `RT / RW`, `KELURAHAN / DESA` | `KECAMATAN`,
  `KABUPATEN / KOTA`, `KODE POS`, `PROVINSI`);
- **table 1** worded the older way: `NO URUT`, `NAMA ANGGOTA KELUARGA`, `NOMOR INDUK KEPENDUDUKAN (NIK)`,
  `JENIS KELAMIN`, `TEMPAT LAHIR`, `TANGGAL LAHIR`, `AGAMA`, `PENDIDIKAN TERAKHIR`, `MATA PENCAHARIAN`,
  `GOL DARAH`; **table 2**: `NO URUT`, `STATUS PERKAWINAN`, `TGL PERKAWINAN`, `HUBUNGAN DENGAN KEPALA
  KELUARGA`, `KEWARGANEGARAAN`, `NO. PASPOR`, `NO. KITAS/KITAP`, `NAMA AYAH KANDUNG`, `NAMA IBU KANDUNG`;
  header bands shaded grey, thin rules everywhere;
- the foot: `Dikeluarkan tanggal, <DD-MM-YYYY>` on the right over the Kepala Dinas's title, name and NIP;
  the head of family on the left;
- **the fax**: the page sampled at the fax's resolution (204 dpi across, 98 dpi down in standard mode,
  196 in fine), **one bit a pixel** (a hard threshold in text mode; error diffusion in halftone mode, where
  the shaded bands and the stamp turn into dot patterns), **lines lost in transmission** (white streaks or
  a line repeated), the page a little stretched or shrunk down its length, and the sender's **header line**
  across the top (date and time, the sender's name and number, `P.01`); blown back up to 300 dpi with
  square pixels. The text-layer variant is a fax-to-mail PDF: the received image under an invisible layer
  of the original's words.

Dates `DD-MM-YYYY`; absent values `-`. Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import datetime as dt
import io
import random

import numpy as np
from PIL import Image, ImageDraw

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy
from ._form import own_font
from ._kk import _nip, _truth
from ._marks import signature, stamp

_OFFICIALS = ("Drs. MUHAMMAD YAMIN, M.Si", "HJ. ST. RAHMAH, SE., MM", "LA ODE SAHIDIN, S.Sos", "ANDI AMIR, SH")
TABLE_1 = (("NO URUT", None, 80), ("NAMA ANGGOTA KELUARGA", "nama_lengkap", 560),
           ("NOMOR INDUK KEPENDUDUKAN (NIK)", "nik", 400), ("JENIS KELAMIN", "jenis_kelamin", 260),
           ("TEMPAT LAHIR", "tempat_lahir", 320), ("TANGGAL LAHIR", "tanggal_lahir", 250), ("AGAMA", "agama", 220),
           ("PENDIDIKAN TERAKHIR", "pendidikan", 440), ("MATA PENCAHARIAN", "jenis_pekerjaan", 460),
           ("GOL DARAH", "golongan_darah", 200))
TABLE_2 = (("NO URUT", None, 80), ("STATUS PERKAWINAN", "status_perkawinan", 360),
           ("TGL PERKAWINAN", "tanggal_perkawinan", 260), ("HUBUNGAN DENGAN KEPALA KELUARGA", "status_hubungan", 400),
           ("KEWARGANEGARAAN", "kewarganegaraan", 360), ("NO. PASPOR", "no_paspor", 220),
           ("NO. KITAS/KITAP", "no_kitap", 230), ("NAMA AYAH KANDUNG", "nama_ayah", 560),
           ("NAMA IBU KANDUNG", "nama_ibu", 560))


def _band(page: Page, box: tuple[float, float, float, float], grey: int) -> None:
    x0, y0, x1, y1 = (round(v) for v in box)
    page.paste(Image.new("L", (x1 - x0, y1 - y0), grey), (x0, y0))


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str | None, int], ...], *, left: float,
           right: float, top: float, head_h: float, row_h: float, grey: int) -> float:
    total = sum(c[2] for c in columns)
    xs = [left]
    for _, _, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    rows = max(len(family.anggota), 5)
    bottom = top + head_h + rows * row_h
    _band(page, (left, top, right, top + head_h), grey)
    for i, (label, _, _) in enumerate(columns):
        lines = page.wrap_chunks(label.split(), width=xs[i + 1] - xs[i] - 18, points=7.5)
        step = page.pt(7.5) * 1.2
        y0 = top + head_h / 2 - step * (len(lines) - 1) / 2
        for j, line in enumerate(lines):
            page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=7.5, bold=True, anchor="mm")
    for r in range(rows + 1):
        y = top + head_h + r * row_h
        page.line((left, y, right, y), width=2)
    page.line((left, top, right, top), width=2)
    for x in xs:
        page.line((x, top, x, bottom), width=2)
    for r, person in enumerate(family.anggota):
        y = top + head_h + r * row_h
        for i, (_, key, _) in enumerate(columns):
            value = str(r + 1) if key is None else getattr(person, key)
            text = date_dmy(value) if key and key.startswith("tanggal") else (value or "-")
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=8.5,
                             align="center" if key in (None, "golongan_darah", "tanggal_lahir") else "left")
    return bottom


def _original(family: core.Family, style: Style, rng: random.Random) -> Page:
    page = Page(A4_LANDSCAPE, style)
    left, right = 150 + rng.randint(0, 30), page.width - 150 - rng.randint(0, 30)
    top = 120 + rng.randint(0, 25)
    regency = family.kabupaten_kota
    page.text((left, top), f"PEMERINTAH KABUPATEN {regency}", points=10, bold=True)
    page.text((left, top + page.pt(13)), "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=10, bold=True)
    page.line((left, top + page.pt(28), left + page.pt(300), top + page.pt(28)), width=3)
    page.text((page.width / 2, top + page.pt(36)), "KARTU KELUARGA", points=18, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(60)), f"No. KK : {family.no_kk}", points=12, bold=True, anchor="mt")
    head = family.kepala_keluarga
    blocks = ((("NAMA KEPALA KELUARGA", head.nama_lengkap if head else "-"), ("ALAMAT", family.alamat),
               ("RT / RW", f"{family.rt} / {family.rw}"), ("KELURAHAN / DESA", family.desa_kelurahan)),
              (("KECAMATAN", family.kecamatan), ("KABUPATEN / KOTA", regency),
               ("KODE POS", family.kode_pos or "-"), ("PROVINSI", family.provinsi)))
    pts = 9.5
    hy = top + page.pt(84)
    for b, rows in enumerate(blocks):
        page.label_rows(list(rows), x=left + 20 + b * (right - left) * 0.52, top=hy, points=pts,
                        colon_at=page.pt(pts) * 14.5)
    y = hy + 4 * page.pt(pts) * 1.5 + 30
    n = max(len(family.anggota), 5)
    head_h = page.pt(26)
    available = page.image.height - y - 2 * head_h - 40 - 520
    row_h = min(page.pt(8.5) * 2.2, available / (2 * n))
    grey = rng.randint(195, 228)
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, head_h=head_h, row_h=row_h, grey=grey)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 40, head_h=head_h, row_h=row_h, grey=grey)
    fy = y + 40
    sx = right - 560
    page.text((sx, fy), f"Dikeluarkan tanggal, {date_dmy(family.tanggal_dikeluarkan)}", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(13)), "KEPALA DINAS KEPENDUDUKAN DAN", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(26)), f"PENCATATAN SIPIL KABUPATEN {regency}", points=9.5, anchor="mt")
    page.paste(signature(rng, width=400, height=160), (round(sx - 200), round(fy + page.pt(36))))
    page.text((sx, fy + page.pt(78)), rng.choice(_OFFICIALS), points=9.5, bold=True, anchor="mt")
    page.text((sx, fy + page.pt(91)), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {regency}", centre=f"KABUPATEN\n{regency}",
                 family=page.style.family, diameter=page.pt(62))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.1)), round(fy + page.pt(rng.uniform(8, 24)))))
    hx = left + 420
    page.text((hx, fy + page.pt(13)), "KEPALA KELUARGA", points=9.5, anchor="mt")
    page.text((hx, fy + page.pt(78)), head.nama_lengkap if head else "-", points=9.5, bold=True, anchor="mt")
    return page


def _fax(image: Image.Image, family: core.Family, rng: random.Random) -> tuple[Image.Image, float]:
    """What the receiving machine prints: 1 bit, fax resolution, lost lines, the sender's header line; and
    how much the page was stretched down its length."""
    w, h = image.size
    fine = rng.random() < 0.35
    fw = round(w * 204 / 300)
    fh = round(h * (196 if fine else 98) / 300 * rng.uniform(0.97, 1.03))
    small = image.convert("L").resize((fw, fh), Image.Resampling.BOX)
    if rng.random() < 0.5:  # halftone mode: error diffusion
        bits = np.asarray(small.convert("1")).astype(np.uint8) * 255
    else:  # text mode: a hard threshold
        bits = np.where(np.asarray(small) > rng.randint(140, 185), 255, 0).astype(np.uint8)
    for _ in range(rng.randint(2, 9)):  # lines lost or repeated on the line
        y0 = rng.randrange(20, fh - 4)
        span = rng.randint(1, 3 if not fine else 5)
        if rng.random() < 0.6:
            bits[y0:y0 + span] = 255
        else:
            bits[y0:y0 + span] = bits[y0 - 1]
    speck = np.random.default_rng(rng.randrange(2**32)).random(bits.shape) < rng.uniform(0.0005, 0.002)
    bits[speck] = 0
    fax = Image.fromarray(bits, "L")
    draw = ImageDraw.Draw(fax)
    issued = dt.date.fromisoformat(family.tanggal_dikeluarkan) if family.tanggal_dikeluarkan else dt.date(2015, 1, 5)
    sent = issued + dt.timedelta(days=rng.randint(3, 400))
    stamp_line = (f"{sent.strftime('%d-%m-%Y')} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}   "
                  f"FROM : KANTOR {rng.choice(('DESA', 'KELURAHAN', 'KECAMATAN'))} {family.desa_kelurahan[:14]}   "
                  f"TEL : 0{rng.randint(401, 405)} {rng.randint(21000, 39999)}        P.01")
    face = own_font("Nimbus Mono PS", 18 if not fine else 30)
    draw.text((30, 4), stamp_line, fill=0, font=face)
    back = fax.resize((w, round(fh * 300 / (196 if fine else 98))), Image.Resampling.NEAREST)
    out = Image.new("L", (w, h), 255)
    out.paste(back.crop((0, 0, w, min(h, back.height))), (0, 0))
    return out.convert("RGB"), back.height / h


def render_u14b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u14b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=1.0, spacing=1.5, ink=(0, 0, 0),
                  shift=(rng.randint(-30, 30), rng.randint(-20, 20)))
    original = _original(family, style, rng)
    fax, stretch = _fax(original.image, family, rng)
    out = io.BytesIO()
    fax.convert("L").save(out, format="PNG", dpi=(300, 300), compress_level=1)
    # A fax-to-mail service's PDF: the received image under the invisible words its OCR found.
    layer = [("text", x, y * stretch, text, path, px, None) for kind, x, y, text, path, px, _ in
             (op for op in original.ops if op[0] == "text") if y * stretch < fax.height - 10]
    return Rendered(out.getvalue(), _truth(family), (("image", (0, 0), fax, "scan"), *layer))
