"""A kabupaten's SIAK print of the KK with every member on two stacked lines (family `kk-dua-baris`).

What differs from the other KK families: a folio (F4) landscape sheet under a kop surat (PEMERINTAH
KABUPATEN …, DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL, the office's street address, a double rule);
`NOMOR :` or `No. KK :` under the title; the header in a left and a right column worded in capitals
(`KEPALA KELUARGA`, `ALAMAT`, `RT/RW` with `KODE POS` on the same line, `DESA/KELURAHAN` | `KECAMATAN`,
`KABUPATEN/KOTA`, `PROVINSI`) or abbreviated (`Nama Kepala Kel.`, `Alamat Rumah`, `Kel./Desa`, `Kab./Kota`,
`Prop.`); ONE wide member table instead of two, each member one ruled row holding two stacked lines
(name above NIK, agama above golongan darah, pendidikan above pekerjaan, status kawin above its date,
hubungan above kewarganegaraan, passport above KITAP, father above mother), the birth as one cell
`RAHA, 21-07-1961`, the sex as `L`/`P` or `LK`/`PR`; each header cell two stacked labels, numbered
`(1)` … `(17)` under them, the two lines of a row split by a dotted hairline or nothing; the issue date
either `Dikeluarkan di : … / Tanggal : 13-10-2024` or after the town with the month in words
(`Kolaka, 13 Oktober 2024`), over `a.n. BUPATI …` and the Kepala Dinas with rank and NIP, the stamp over.
"""

from __future__ import annotations

import random
from typing import Any

import core

from ._canvas import Page, Rendered, Style, date_dmy, date_long, title_case
from ._kk import _nip, _truth
from ._marks import signature, stamp

F4_LANDSCAPE = (3898, 2539)
"""Folio 330 x 215 mm at 300 dpi: what a kabupaten office feeds its printer."""
Column = tuple[tuple[str, str], tuple[str | None, str | None], int]
"""(the two header labels, the two member fields (top, bottom line), relative width)."""
COLUMNS: tuple[Column, ...] = (
    (("No.", ""), (None, None), 70),
    (("Nama Lengkap", "NIK"), ("nama_lengkap", "nik"), 560),
    (("JK", ""), ("jenis_kelamin", None), 105),
    (("Tempat, Tgl Lahir", ""), ("tempat_tanggal", None), 470),
    (("Agama", "Gol. Darah"), ("agama", "golongan_darah"), 300),
    (("Pendidikan", "Pekerjaan"), ("pendidikan", "jenis_pekerjaan"), 560),
    (("Status Kawin", "Tgl. Kawin"), ("status_perkawinan", "tanggal_perkawinan"), 400),
    (("Hub. Keluarga", "Kewarganegaraan"), ("status_hubungan", "kewarganegaraan"), 380),
    (("No. Paspor", "No. KITAP"), ("no_paspor", "no_kitap"), 250),
    (("Nama Ayah", "Nama Ibu"), ("nama_ayah", "nama_ibu"), 560),
)
SEXES = ({"LAKI-LAKI": "L", "PEREMPUAN": "P"}, {"LAKI-LAKI": "LK", "PEREMPUAN": "PR"})
_RANKS = ("Pembina Tk. I", "Pembina", "Pembina Utama Muda")
_DINAS = ("Drs. H. MUHAMMAD YUSRAN, M.Si.", "LA ODE MUH. SYUKUR, S.Sos., M.AP.", "Hj. ANDI NURBAYA, S.E., M.Si.",
          "Ir. BAHARUDDIN LATIF, M.M.")
_STREETS = ("Jl. Pemuda No. 12", "Jl. Ahmad Yani No. 4", "Jl. Pramuka No. 27", "Kompleks Perkantoran Bupati")
MIN_ROWS = 6


def render_kk_dua_baris(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-dua-baris-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.96, 1.04), spacing=base.spacing, ink=base.ink,
                  shift=(rng.randint(-25, 25), rng.randint(-20, 20)))
    page = Page(F4_LANDSCAPE, style)
    left, right = 140 + rng.randint(-20, 20), page.width - 140 + rng.randint(-20, 20)
    y = _kop(page, family, rng, left=left, right=right, top=110 + rng.randint(-10, 15))
    y = _header(page, family, rng, left=left, right=right, top=y + page.pt(10))
    footer_h = page.pt(118)
    y = _table(page, family, rng, left=left, right=right, top=y + page.pt(12),
               room=F4_LANDSCAPE[1] - 40 - max(0, style.shift[1]) - footer_h)
    _footer(page, family, rng, left=left, right=right, top=y + page.pt(10))
    return page.rendered(_truth(family))


def _kop(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> float:
    cx = (left + right) / 2
    kab = family.kabupaten_kota
    page.text((cx, top), f"PEMERINTAH KABUPATEN {kab}", points=12, bold=True, anchor="mt")
    page.text((cx, top + page.pt(17)), "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=13, bold=True, anchor="mt")
    page.text((cx, top + page.pt(35)), f"{rng.choice(_STREETS)}, {title_case(kab)}  Telp. (0405) "
              f"{rng.randint(21000, 23999)}", points=8, anchor="mt")
    rule = top + page.pt(48)
    page.line((left, rule, right, rule), width=6)
    page.line((left, rule + 12, right, rule + 12), width=2)
    title = rule + page.pt(12)
    page.text((cx, title), "KARTU KELUARGA", points=18, bold=True, anchor="mt")
    label = rng.choice(("NOMOR : {}", "No. KK : {}", "NOMOR KK : {}"))
    page.text((cx, title + page.pt(25)), label.format(family.no_kk), points=12, bold=True, anchor="mt")
    return title + page.pt(42)


def _header(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: float) -> float:
    head = family.kepala_keluarga
    capitals = rng.random() < 0.5
    words = (("KEPALA KELUARGA", "ALAMAT", "RT/RW", "KODE POS", "DESA/KELURAHAN", "KECAMATAN", "KABUPATEN/KOTA",
              "PROVINSI") if capitals else
             ("Nama Kepala Kel.", "Alamat Rumah", "RT/RW", "Kode Pos", "Kel./Desa", "Kecamatan", "Kab./Kota", "Prop."))
    pts = rng.uniform(9.5, 10.5)
    step = page.pt(pts) * 1.55
    x_left = left + 20
    x_right = left + (right - left) * rng.uniform(0.56, 0.62)
    colon_l = max(page.text_width(w, points=pts) for w in words[:3]) + page.pt(pts) * 0.8
    colon_r = max(page.text_width(w, points=pts) for w in words[4:]) + page.pt(pts) * 0.8
    gap = page.pt(pts) * 0.7
    left_rows = ((words[0], head.nama_lengkap if head else "-"), (words[1], family.alamat))
    for r, (label, value) in enumerate(left_rows):
        _labelled(page, x_left, top + r * step, label, value, colon=colon_l, gap=gap, points=pts)
    y3 = top + 2 * step
    _labelled(page, x_left, y3, words[2], f"{family.rt}/{family.rw}", colon=colon_l, gap=gap, points=pts)
    post_x = x_left + colon_l + gap + page.text_width("000/000", points=pts) + page.pt(pts) * 3
    page.text((post_x, y3), f"{words[3]} : {family.kode_pos or '-'}", points=pts)
    right_rows = ((words[4], family.desa_kelurahan), (words[5], family.kecamatan), (words[6], family.kabupaten_kota),
                  (words[7], family.provinsi))
    for r, (label, value) in enumerate(right_rows):
        _labelled(page, x_right, top + r * step, label, value, colon=colon_r, gap=gap, points=pts)
    return top + 4 * step


def _labelled(page: Page, x: float, y: float, label: str, value: str, *, colon: float, gap: float,
              points: float) -> None:
    page.text((x, y), label, points=points)
    page.text((x + colon, y), ":", points=points)
    page.text((x + colon + gap, y), value, points=points)


def _table(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: float,
           room: float) -> float:
    total = sum(w for _, _, w in COLUMNS)
    xs = [float(left)]
    for _, _, w in COLUMNS:
        xs.append(xs[-1] + w * (right - left) / total)
    head_h, number_h = page.pt(30), page.pt(10)
    body = top + head_h + number_h
    rows = max(MIN_ROWS, len(family.anggota))
    row_h = min(page.pt(rng.uniform(25, 29)), (room - body) / rows)
    cell_pt = min(rng.uniform(7.6, 8.4), row_h / page.pt(1) / 2.55)
    bottom = body + rows * row_h
    hairline = rng.choice(("dotted", "dotted", "none"))
    sexes = rng.choice(SEXES)
    page.line((left, top, right, top), width=4)
    page.line((left, top + head_h, right, top + head_h), width=2)
    page.line((left, body, right, body), width=3)
    for r in range(1, rows + 1):
        page.line((left, body + r * row_h, right, body + r * row_h), width=3 if r == rows else 2)
    for x in xs:
        page.line((x, top, x, bottom), width=3 if x in (xs[0], xs[-1]) else 2)
    for i, ((upper, lower), _, _) in enumerate(COLUMNS):
        x0, x1 = xs[i], xs[i + 1]
        cx = (x0 + x1) / 2
        if lower:
            page.text((cx, top + head_h * 0.3), upper, points=7.6, bold=True, anchor="mm")
            page.line((x0 + 12, top + head_h / 2, x1 - 12, top + head_h / 2), width=1)
            page.text((cx, top + head_h * 0.72), lower, points=7.6, bold=True, anchor="mm")
        else:
            page.text((cx, top + head_h / 2), upper, points=7.6, bold=True, anchor="mm")
    number = 1
    for i, ((_, lower), _, _) in enumerate(COLUMNS):
        labels = f"({number})" if not lower else f"({number})/({number + 1})"
        page.text_in_box((round(xs[i]), round(top + head_h), round(xs[i + 1]), round(body)), labels, points=6.2,
                         align="center")
        number += 2 if lower else 1
    for r, person in enumerate(family.anggota):
        y0 = body + r * row_h
        mid = y0 + row_h / 2
        if hairline == "dotted":
            for x0 in range(round(xs[1]), right - 8, 22):
                page.line((x0, mid, x0 + 8, mid), width=1)
        for i, (_, (top_key, low_key), _) in enumerate(COLUMNS):
            box_top = (round(xs[i]), round(y0 + 2), round(xs[i + 1]), round(mid))
            box_low = (round(xs[i]), round(mid), round(xs[i + 1]), round(y0 + row_h - 2))
            if top_key is None:
                page.text_in_box((box_top[0], round(y0), box_top[2], round(y0 + row_h)), str(r + 1), points=cell_pt,
                                 align="center")
                continue
            centred = top_key in ("jenis_kelamin",)
            page.text_in_box(box_top, _value(person, top_key, sexes), points=cell_pt,
                             align="center" if centred else "left")
            if low_key is not None:
                page.text_in_box(box_low, _value(person, low_key, sexes), points=cell_pt)
    return bottom


def _value(person: core.Person, key: str, sexes: dict[str, str]) -> str:
    if key == "tempat_tanggal":
        return f"{person.tempat_lahir or '-'}, {date_dmy(person.tanggal_lahir)}"
    if key == "jenis_kelamin":
        return sexes.get(person.jenis_kelamin, "-")
    if key in ("tanggal_lahir", "tanggal_perkawinan"):
        return date_dmy(getattr(person, key))
    value = getattr(person, key)
    return value if value else "-"


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: float) -> None:
    head = family.kepala_keluarga
    kab = family.kabupaten_kota
    pts = 9.5
    head_x, dinas_x = left + (right - left) * 0.17, left + (right - left) * 0.76
    issued = family.tanggal_dikeluarkan
    if rng.random() < 0.5:
        label_x = dinas_x - page.pt(75)
        colon = page.text_width("Dikeluarkan di", points=pts) + page.pt(6)
        for r, (label, value) in enumerate((("Dikeluarkan di", kab), ("Tanggal", date_dmy(issued))),):
            page.text((label_x, top + r * page.pt(13)), label, points=pts)
            page.text((label_x + colon, top + r * page.pt(13)), f": {value}", points=pts)
        title_y = top + page.pt(30)
    else:
        page.text((dinas_x, top), f"{title_case(kab)}, {date_long(issued) if issued else '-'}", points=pts,
                  anchor="mt")
        title_y = top + page.pt(15)
    page.text((head_x, title_y), "KEPALA KELUARGA,", points=pts - 0.5, anchor="mt")
    page.paste(signature(rng, width=380, height=150), (int(head_x - 190), int(title_y + page.pt(14))))
    page.text((head_x, title_y + page.pt(58)), head.nama_lengkap if head else "-", points=pts, bold=True, anchor="mt")
    for i, line in enumerate((f"a.n. BUPATI {kab}", "KEPALA DINAS KEPENDUDUKAN", "DAN PENCATATAN SIPIL,")):
        page.text((dinas_x, title_y + i * page.pt(11)), line, points=pts - 1, anchor="mt")
    page.paste(signature(rng, width=400, height=150), (int(dinas_x - 200), int(title_y + page.pt(30))))
    page.text((dinas_x, title_y + page.pt(66)), rng.choice(_DINAS), points=pts, bold=True, anchor="mt")
    page.text((dinas_x, title_y + page.pt(77)), rng.choice(_RANKS), points=pts - 1, anchor="mt")
    page.text((dinas_x, title_y + page.pt(87)), f"NIP. {_nip(rng)}", points=pts - 1, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. {kab}", centre=f"KABUPATEN\n{kab}",
                 family="DejaVu Sans", diameter=page.pt(60))
    page.paste(seal, (int(dinas_x - seal.width * rng.uniform(0.85, 1.05)), int(title_y + page.pt(14))))


def truth(family: core.Family) -> dict[str, Any]:
    """Every spec field: the joined table has a line for each."""
    return _truth(family)
