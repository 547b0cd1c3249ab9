"""The early SIAK KK printed by a kabupaten (family `kk-2000s`): another era's wording, order and rules.

What differs from the other KK families: the issuing office's letterhead top left (PEMERINTAH
KABUPATEN …, DINAS KEPENDUDUKAN DAN CATATAN SIPIL); `Nomor KK :` or `NOMOR :` under the title; the
header in two columns worded `Nama Kepala Keluarga`, `Alamat`, `RT / RW` (or `RT` and `RW` on lines
of their own), `Desa/Kelurahan`, `Kecamatan`, `Kabupaten`, `Kode Pos`, `Propinsi`, in one of two
arrangements; place and date of birth merged in one `Tempat / Tgl Lahir` cell (`KOLAKA, 27-09-1970`,
or, in a print of five higher rows, the two stacked in the cell); NIK before the name in half the prints;
the split between the tables moved (status perkawinan and golongan darah in table 1, no tanggal
perkawinan column at all: null in the truth); column headers wrapped over two or three lines in
narrow columns and numbered (1) … (17) straight through both tables; thin rules, and between member
rows dotted, partly missing or no rules; its own cell size and row height; eight (or five higher) or
more printed rows; the issue date either labelled `Dikeluarkan Tgl.` or unlabelled after the town above the
Kepala Dinas's signature; the copy note `LEMBAR I : …` at the foot.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, date_dmy, title_case
from ._kk import _lines, _nip
from ._marks import signature, stamp

MIN_ROWS = 8
Column = tuple[str, str | None, int]
"""(printed header, member field or a merged/row-number key, relative width)."""

TABLE_1: tuple[Column, ...] = (
    ("No", None, 70), ("Nama Lengkap", "nama_lengkap", 540), ("NIK", "nik", 400),
    ("Jenis Kelamin", "jenis_kelamin", 270), ("Tempat / Tgl Lahir", "tempat_tanggal", 470),
    ("Gol. Darah", "golongan_darah", 190), ("Agama", "agama", 210), ("Status Perkawinan", "status_perkawinan", 250),
    ("Pendidikan", "pendidikan", 420), ("Jenis Pekerjaan", "jenis_pekerjaan", 440),
)
TABLE_2: tuple[Column, ...] = (
    ("No", None, 70), ("Status Hubungan Dalam Keluarga", "status_hubungan", 240),
    ("Kewarga- negaraan", "kewarganegaraan", 190), ("No. Paspor", "no_paspor", 280),
    ("No. KITAS / KITAP", "no_kitap", 280), ("Ayah", "nama_ayah", 620), ("Ibu", "nama_ibu", 620),
)
GROUPS_2 = (("DOKUMEN IMIGRASI", 3, 5), ("NAMA ORANG TUA", 5, 7))
RULES = ("thin", "dotted", "partial", "open")
"""How member rows are separated: thin rules, dotted rules, some rules missing, none."""
_DINAS = ("Drs. H. LA ODE MUHAMMAD YASIN", "Ir. H. SYAHRUDDIN NUR, M.M.", "ABDUL HAMID LATIF, S.H.",
          "Dra. Hj. ST. MARYAM, M.Si.")


def draw_kk_2000s(page: Page, family: core.Family, rng: random.Random) -> None:
    g = page.style.geometry
    left = g.kk_margins[0] + rng.randint(-20, 30)
    right = page.width - g.kk_margins[1] + rng.randint(-30, 20)
    top = g.kk_margins[2] - 10 + rng.randint(-10, 10) - min(0, page.style.shift[1])
    kab = family.kabupaten_kota
    page.text((left, top), f"PEMERINTAH KABUPATEN {kab}", points=9, bold=True)
    page.text((left, top + page.pt(12)), "DINAS KEPENDUDUKAN DAN CATATAN SIPIL", points=8)
    page.line((left, top + page.pt(23), left + page.pt(180), top + page.pt(23)), width=2)
    title_top = top + page.pt(28)
    page.text((page.width / 2, title_top), "KARTU KELUARGA", points=17 * g.title, bold=True, anchor="mt")
    number = rng.choice(("Nomor KK : {}", "NOMOR : {}"))
    page.text((page.width / 2, title_top + page.pt(24 * g.title)), number.format(family.no_kk), points=11.5,
              bold=True, anchor="mt")
    y = _header(page, family, rng, left=left, right=right, top=title_top + page.pt(46 * g.title))
    nik_first = rng.random() < 0.5
    table_1 = TABLE_1
    if nik_first:
        table_1 = (TABLE_1[0], TABLE_1[2], TABLE_1[1], *TABLE_1[3:])
    cell_pt = rng.uniform(7.2, 9.2)
    head_pt = rng.uniform(7.0, 8.2)
    rules = rng.choice(RULES)
    room = A4_LANDSCAPE[1] - 50 - max(0, page.style.shift[1]) - y - (page.pt(46) + page.pt(38) + 2 * page.pt(10) + 60) \
        - page.pt(118)
    # Eight printed rows, fewer blank ones where a crowded page would not hold them at a readable height;
    # a print that stacks place over date in the birth cell has five higher rows.
    stacked = len(family.anggota) <= 6 and rng.random() < 0.4
    printed = 5 if stacked else MIN_ROWS
    rows = max(len(family.anggota), min(printed, int(room // (2 * page.pt(11)))))
    high = page.pt(rng.uniform(18, 24) if stacked else rng.uniform(13, 19))
    row_h = max(page.pt(6.5) + 6, min(high, int(room // (2 * rows))))
    cell_pt = min(cell_pt, 0.68 * row_h * 10 / page.pt(10))  # a long family gets lower rows and smaller text
    stacked = stacked and row_h >= 2.3 * page.pt(min(cell_pt, 7.5))
    if stacked:
        cell_pt = min(cell_pt, row_h * 10 / page.pt(10) / 2.3)
    spec = _Spec(cell_pt=cell_pt, head_pt=head_pt, row_h=row_h, rules=rules, stacked=stacked, rows=rows)
    y = _table(page, table_1, family, rng, spec, left=left, right=right, top=y + 25, first_number=1)
    y = _table(page, TABLE_2, family, rng, spec, left=left, right=right, top=y + 30,
               first_number=len(table_1) + 1, groups=GROUPS_2)
    _footer(page, family, rng, left=left, right=right, top=y + 30)


@dataclass(frozen=True)
class _Spec:
    """One print's table settings (shared by both tables)."""

    cell_pt: float
    head_pt: float
    row_h: int
    rules: str
    """One of RULES."""
    stacked: bool
    """Place and date of birth on two lines of their cell."""
    rows: int


def colon_past(page: Page, labels: tuple[str, ...], *, points: float, em: float) -> float:
    """A label block's colon (`Page.colon_at`), never over its widest label: a wide font (a monospace) moves
    it right, as a typist would."""
    widest = max(page.text_width(label, points=points) for label in labels)
    return max(page.colon_at(labels, points=points, em=em), widest + page.pt(points) * 0.6)


def labelled_columns(page: Page, columns: tuple[tuple[tuple[str, str], ...], ...], rng: random.Random, *,
                     x: float, top: int, step: int, points: float, em: float, left: int, right: int,
                     second_at: tuple[float, float]) -> None:
    """Header label blocks side by side (`label : value` a line), the second starting at a share of the
    page's width drawn from `second_at`, never over the first block's widest value."""
    for i, rows in enumerate(columns):
        colon = colon_past(page, tuple(label for label, _ in rows), points=points, em=em)
        for r, (label, value) in enumerate(rows):
            page.text((x, top + r * step), label, points=points)
            page.text((x + colon, top + r * step), ":", points=points)
            page.text((x + colon + page.pt(points) * 0.6, top + r * step), value, points=points)
        if i == 0:
            widest = max(page.text_width(v, points=points) for _, v in rows)
            x = round(max(left + (right - left) * rng.uniform(*second_at), x + colon + widest + page.pt(points) * 3))


def _header(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> int:
    head = family.kepala_keluarga
    name = head.nama_lengkap if head else "-"
    rt_rw: tuple[tuple[str, str], ...] = ((("RT / RW", f"{family.rt} / {family.rw}"),) if rng.random() < 0.6
                                          else (("RT", family.rt), ("RW", family.rw)))
    if rng.random() < 0.5:
        columns = (
            (("Nama Kepala Keluarga", name), ("Alamat", family.alamat), *rt_rw,
             ("Desa/Kelurahan", family.desa_kelurahan)),
            (("Kecamatan", family.kecamatan), ("Kabupaten", family.kabupaten_kota),
             ("Kode Pos", family.kode_pos or "-"), ("Propinsi", family.provinsi)),
        )
    else:
        columns = (
            (("Nama Kepala Keluarga", name), ("Alamat", family.alamat), *rt_rw, ("Kode Pos", family.kode_pos or "-")),
            (("Desa/Kelurahan", family.desa_kelurahan), ("Kecamatan", family.kecamatan),
             ("Kabupaten", family.kabupaten_kota), ("Propinsi", family.provinsi)),
        )
    pts = rng.uniform(9, 10.5)
    step = round(page.pt(pts) * min(page.style.spacing, 1.55))
    x = left + 10 + page.style.geometry.indent // 2
    labelled_columns(page, columns, rng, x=x, top=top, step=step, points=pts, em=11.5, left=left, right=right,
                     second_at=(0.52, 0.6))
    return top + max(len(c) for c in columns) * step


def _table(page: Page, columns: tuple[Column, ...], family: core.Family, rng: random.Random, spec: _Spec, *,
           left: int, right: int, top: int, first_number: int,
           groups: tuple[tuple[str, int, int], ...] = ()) -> int:
    total = sum(w for _, _, w in columns)
    xs = [left]
    for _, _, w in columns:
        xs.append(xs[-1] + round(w * (right - left) / total))
    xs[-1] = right
    header_h = page.pt(46 if groups else 38)
    number_h = page.pt(10)
    body = top + header_h + number_h
    bottom = body + spec.rows * spec.row_h
    split = round(top + header_h * 0.42)
    inner = {i for _, first, end in groups for i in range(first + 1, end)}
    thin = 1 if spec.rules != "thin" else 2
    page.line((left, top, right, top), width=2)
    page.line((left, top + header_h, right, top + header_h), width=thin)
    page.line((left, body, right, body), width=2)
    page.line((left, bottom, right, bottom), width=2)
    for i, x in enumerate(xs):
        page.line((x, split if i in inner else top, x, bottom), width=2 if i in (0, len(xs) - 1) else thin)
    for r in range(1, spec.rows):
        yy = body + r * spec.row_h
        if spec.rules == "thin" or (spec.rules == "partial" and rng.random() < 0.55):
            page.line((left, yy, right, yy), width=1)
        elif spec.rules == "dotted":
            for x0 in range(left, right, 24):
                page.line((x0, yy, min(x0 + 10, right), yy), width=1)
    grouped: dict[int, int] = {}
    for label, first, end in groups:
        page.line((xs[first], split, xs[end], split), width=thin)
        page.text(((xs[first] + xs[end]) / 2, (top + split) / 2), label, points=spec.head_pt, bold=True, anchor="mm")
        grouped.update({i: split for i in range(first, end)})
    for i, (label, _, _) in enumerate(columns):
        _header_cell(page, (xs[i], grouped.get(i, top), xs[i + 1], top + header_h), label, points=spec.head_pt)
        page.text_in_box((xs[i], top + header_h, xs[i + 1], body), f"({first_number + i})", points=6.5,
                         align="center")
    for r, person in enumerate(family.anggota):
        y0 = body + r * spec.row_h
        for i, (_, key, _) in enumerate(columns):
            box = (xs[i], y0, xs[i + 1], y0 + spec.row_h)
            if key == "tempat_tanggal" and spec.stacked:
                mid = y0 + spec.row_h // 2
                page.text_in_box((xs[i], y0, xs[i + 1], mid + 4), person.tempat_lahir or "-", points=spec.cell_pt)
                page.text_in_box((xs[i], mid - 4, xs[i + 1], y0 + spec.row_h), date_dmy(person.tanggal_lahir),
                                 points=spec.cell_pt)
                continue
            page.text_in_box(box, _cell(person, key, r), points=spec.cell_pt,
                             align="center" if key in (None, "jenis_kelamin", "golongan_darah") else "left")
    return bottom


def _header_cell(page: Page, box: tuple[int, int, int, int], text: str, *, points: float) -> None:
    """A header wrapped word by word to the column (narrow columns take two or three lines)."""
    x0, y0, x1, y1 = box
    while points > 5 and max(page.text_width(w, points=points, bold=True) for w in text.split()) > (x1 - x0) - 12:
        points -= 0.5
    lines = _lines(page, text, width=x1 - x0 + 8, points=points, bold=True)
    step = page.pt(points) * 1.15
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=True, anchor="mm")


def _cell(person: core.Person, key: str | None, row: int) -> str:
    if key is None:
        return str(row + 1)
    if key == "tempat_tanggal":
        return f"{person.tempat_lahir or '-'}, {date_dmy(person.tanggal_lahir)}"
    value = getattr(person, key)
    return value if value else "-"


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    head = family.kepala_keluarga
    kab = family.kabupaten_kota
    labelled = rng.random() < 0.5
    issued = date_dmy(family.tanggal_dikeluarkan)
    if labelled:
        page.text((left + 10, top), f"Dikeluarkan Tgl. : {issued}", points=9.5)
    head_x, dinas_x = left + (right - left) * 0.18, left + (right - left) * 0.78
    title_y = top + page.pt(16)
    if not labelled:
        page.text((dinas_x, top), f"{title_case(kab)}, {issued}", points=9.5, anchor="mt")
    page.text((head_x, title_y), "Kepala Keluarga", points=9, anchor="mt")
    page.paste(signature(rng, width=380, height=150), (int(head_x - 190), int(title_y + page.pt(14))))
    page.text((head_x, title_y + page.pt(58)), f"( {head.nama_lengkap if head else '-'} )", points=9, anchor="mt")
    for i, line in enumerate(("a.n. BUPATI " + kab, "KEPALA DINAS KEPENDUDUKAN", "DAN CATATAN SIPIL")):
        page.text((dinas_x, title_y + i * page.pt(11)), line, points=8.5, anchor="mt")
    page.paste(signature(rng, width=380, height=150), (int(dinas_x - 190), int(title_y + page.pt(30))))
    page.text((dinas_x, title_y + page.pt(66)), rng.choice(_DINAS), points=9, bold=True, anchor="mt")
    page.text((dinas_x, title_y + page.pt(77)), f"NIP. {_nip(rng)}", points=8.5, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN CATATAN SIPIL KAB. {kab}", centre=f"KABUPATEN\n{kab}",
                 family=page.style.family, diameter=page.pt(58))
    page.paste(seal, (int(dinas_x - seal.width * rng.uniform(0.85, 1.05)), int(title_y + page.pt(18))))
    page.text((left + 10, title_y + page.pt(92)), "LEMBAR I : Kepala Keluarga   LEMBAR II : RT   "
              "LEMBAR III : Desa/Kelurahan   LEMBAR IV : Kecamatan", points=6.5)


def truth(family: core.Family) -> dict[str, Any]:
    """What this print shows: every spec field but tanggal perkawinan, which it has no column for."""
    from ._kk import _truth

    shown = _truth(family)
    for row in shown["anggota"]:
        row["tanggal_perkawinan"] = None
    return shown
