"""Held-out family `kk-u15b` (session 15): an early SIAK KK on folio paper that kept its pre-SIAK template's
column split, typed in mixed case in a book face.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the KK a regency's Dinas printed in the first SIAK years (about 2004-2009) from the template of its
older, kecamatan-made KK, on F4 (folio, 215 x 330 mm) landscape, in URW Bookman or P052 (one a page):

- `KARTU KELUARGA` centred with `NOMOR KARTU KELUARGA : <no_kk>` under it;
- the header as a **ruled grid of label cells and value cells**, two pairs a row: `Nama Kepala Keluarga`,
  `Alamat`, `RT / RW`, `Desa / Kelurahan` | `Kecamatan`, `Kabupaten` (without `/Kota`), `Kode Pos`, `Propinsi`;
- the members in two tables whose **split is not the ministry's**: table 1 `No.` | `Nama Lengkap` | `N.I.K.` |
  `Hub. dgn Kepala Keluarga` | `Jenis Kelamin` | `Tempat Lahir` | `Tgl. Lahir` | `Status Kawin` | `Agama` |
  `Pendidikan`; table 2 `No.` | `Pekerjaan` | `Gol. Darah` | `Tgl. Kawin` | `Kewarga- negaraan` (hyphenated
  over two lines) | `No. Paspor` | `No. KITAP` | `Nama Ayah` | `Nama Ibu` (no name in table 2: its rows are
  tied to table 1 by number only);
- values **typed in mixed case** (`Andi Mappanyukki`, `Laki-laki`, `Kawin Tercatat`, `SLTA/Sederajat`,
  `Diploma IV/Strata I`), blood groups and `WNI` in capitals; dates with the **month abbreviated**, a full
  stop after it (`12 Agu. 1985`, `3 Nov. 1990`); absent values `-`;
- a full thin grid; the column headers on a plain band between a double rule;
- the foot: `Dikeluarkan tgl. 12 Maret 2005` (the month written) on the right, over `a.n. BUPATI <X>` /
  `KEPALA DINAS KEPENDUDUKAN DAN CATATAN SIPIL`, ink signature, stamp, name, rank and a 9-digit NIP (the
  old form); the head of the family on the left.

Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import random

import core

from ._canvas import Page, Rendered, Style
from ._kk import _truth
from ._marks import signature, stamp

F4_LANDSCAPE = (3898, 2539)
_MONTHS_LONG = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                "November", "Desember")
_UPPER = {"I", "II", "III", "IV", "SD", "SLTP", "SLTA", "WNI", "WNA", "A", "B", "AB", "O", "(ASN)"}
_OFFICIALS = ("Drs. LA ODE RASYID", "H. MUH. YUSUF TOLLA, SH", "Ir. ANDI PATIROI", "Drs. YOHANIS PADANG")
TABLE_1 = (("No.", None, 60), ("Nama Lengkap", "nama_lengkap", 520), ("N.I.K.", "nik", 380),
           ("Hub. dgn Kepala Keluarga", "status_hubungan", 270), ("Jenis Kelamin", "jenis_kelamin", 220),
           ("Tempat Lahir", "tempat_lahir", 290), ("Tgl. Lahir", "tanggal_lahir", 210),
           ("Status Kawin", "status_perkawinan", 280), ("Agama", "agama", 180), ("Pendidikan", "pendidikan", 440))
TABLE_2 = (("No.", None, 60), ("Pekerjaan", "jenis_pekerjaan", 460), ("Gol. Darah", "golongan_darah", 160),
           ("Tgl. Kawin", "tanggal_perkawinan", 210), ("Kewarga- negaraan", "kewarganegaraan", 190),
           ("No. Paspor", "no_paspor", 220), ("No. KITAP", "no_kitap", 220), ("Nama Ayah", "nama_ayah", 520),
           ("Nama Ibu", "nama_ibu", 520))


def typed(value: str) -> str:
    """How the clerk typed it: words capitalised, numerals, abbreviations and blood groups kept in capitals."""
    words = []
    for word in value.split():
        parts = [p if p in _UPPER else p.capitalize() for p in word.split("/")]
        words.append("/".join(parts))
    return " ".join(words)


def _short_date(iso: str) -> str:
    return f"{int(iso[8:10])} {_MONTHS_LONG[int(iso[5:7]) - 1][:3]}. {iso[:4]}"


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return _short_date(value)
    if key in ("nik", "no_paspor", "no_kitap"):
        return str(value)
    return typed(str(value))


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str | None, int], ...], *, left: float,
           right: float, top: float, head_h: float, row_h: float) -> float:
    total = sum(c[2] for c in columns)
    xs = [left]
    for *_, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    rows = max(len(family.anggota), 5)
    bottom = top + head_h + rows * row_h
    page.rect((left, top, right, bottom), width=3)
    page.line((left, top + head_h - 8, right, top + head_h - 8), width=2)
    page.line((left, top + head_h, right, top + head_h), width=2)
    for x in xs[1:-1]:
        page.line((x, top, x, bottom), width=2)
    for r in range(1, rows):
        page.line((left, top + head_h + r * row_h, right, top + head_h + r * row_h), width=1)
    for i, (label, _, _) in enumerate(columns):
        lines = label.split(" ") if label.endswith("negaraan") else \
            page.wrap_chunks(label.split(), width=xs[i + 1] - xs[i] - 16, points=8)
        step = page.pt(8) * 1.2
        y0 = top + (head_h - 8) / 2 - step * (len(lines) - 1) / 2
        for j, line in enumerate(lines):
            page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=8, bold=True, anchor="mm")
    for r, person in enumerate(family.anggota):
        y = top + head_h + r * row_h
        for i, (_, key, _) in enumerate(columns):
            text = f"{r + 1}." if key is None else _cell(person, key)
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row_h)), text, points=8.5,
                             align="center" if key in (None, "golongan_darah") else "left")
    return bottom


def render_u15b(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u15b-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(F4_LANDSCAPE, Style(family=rng.choice(("URW Bookman", "P052")), scale=1.0, spacing=1.5,
                                    ink=base.ink, shift=(rng.randint(-25, 25), rng.randint(-20, 20))))
    left, right = 150 + rng.randint(0, 30), page.width - 150 - rng.randint(0, 30)
    top = 110 + rng.randint(0, 20)
    cx = (left + right) / 2
    page.text((cx, top), "KARTU KELUARGA", points=20, bold=True, anchor="mt")
    page.text((cx, top + page.pt(27)), f"NOMOR KARTU KELUARGA : {family.no_kk}", points=11.5, bold=True,
              anchor="mt")
    head = family.kepala_keluarga
    rows = ((("Nama Kepala Keluarga", typed(head.nama_lengkap) if head else "-"), ("Kecamatan", typed(family.kecamatan))),
            (("Alamat", typed(family.alamat)), ("Kabupaten", typed(family.kabupaten_kota))),
            (("RT / RW", f"{family.rt} / {family.rw}"), ("Kode Pos", family.kode_pos or "-")),
            (("Desa / Kelurahan", typed(family.desa_kelurahan)), ("Propinsi", typed(family.provinsi))))
    y: float = top + page.pt(52)
    cell_h = page.pt(9) * 1.9
    cuts = (left, left + (right - left) * 0.16, left + (right - left) * 0.55, left + (right - left) * 0.66, right)
    for r, pairs in enumerate(rows):
        yy = y + r * cell_h
        for k, (label, value) in enumerate(pairs):
            lx0, lx1, vx1 = cuts[2 * k], cuts[2 * k + 1], cuts[2 * k + 2]
            page.rect((lx0, yy, lx1, yy + cell_h), width=2)
            page.rect((lx1, yy, vx1, yy + cell_h), width=2)
            page.text_in_box((round(lx0), round(yy), round(lx1), round(yy + cell_h)), label, points=9)
            page.text_in_box((round(lx1), round(yy), round(vx1), round(yy + cell_h)), value, points=9.5)
    y += 4 * cell_h + 40
    n = max(len(family.anggota), 5)
    head_h = page.pt(8) * 3.4
    available = page.image.height - y - 2 * head_h - 40 - 520
    row_h = min(page.pt(8.5) * 2.2, available / (2 * n))
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, head_h=head_h, row_h=row_h)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 36, head_h=head_h, row_h=row_h)
    fy = y + 40
    sx = right - 560
    issued = family.tanggal_dikeluarkan
    when = f"{int(issued[8:10])} {_MONTHS_LONG[int(issued[5:7]) - 1]} {issued[:4]}" if issued else "-"
    regency = family.kabupaten_kota
    page.text((sx, fy), f"Dikeluarkan tgl. {when}", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(13)), f"a.n. BUPATI {regency}", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(26)), "KEPALA DINAS KEPENDUDUKAN DAN CATATAN SIPIL", points=9.5, anchor="mt")
    page.paste(signature(rng, width=420, height=160), (round(sx - 210), round(fy + page.pt(38))))
    page.text((sx, fy + page.pt(80)), rng.choice(_OFFICIALS), points=9.5, bold=True, anchor="mt")
    page.text((sx, fy + page.pt(93)), "Pembina", points=9, anchor="mt")
    page.text((sx, fy + page.pt(105)), f"NIP. {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
              points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN CATATAN SIPIL KAB. {regency}"[:46], centre=f"KABUPATEN\n{regency}",
                 family="DejaVu Serif", diameter=page.pt(60))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.9, 1.1)), round(fy + page.pt(rng.uniform(20, 34)))))
    hx = left + 420
    page.text((hx, fy + page.pt(26)), "Kepala Keluarga,", points=9.5, anchor="mt")
    page.paste(signature(rng, width=340, height=140), (round(hx - 170), round(fy + page.pt(38))))
    page.text((hx, fy + page.pt(80)), typed(head.nama_lengkap) if head else "-", points=9.5, bold=True, anchor="mt")
    return page.rendered(_truth(family))
