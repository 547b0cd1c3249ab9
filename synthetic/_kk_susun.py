"""A KK whose member rows each hold two stacked lines (family `kk-susun`), drawn for development.

Several kabupaten SIAK prints and older local templates save width by stacking two values in one cell
of one member row. What varies, drawn per document (none of it from any other family's module):

- name above NIK or NIK above name in one cell;
- birth as one cell `KOLAKA, 12-03-1985`, or place above date;
- sex as `L`/`P`, `LK`/`PR` or written out;
- agama / golongan darah / pendidikan / pekerjaan stacked two to a cell, in one of two pairings;
- status perkawinan over its date, hubungan over kewarganegaraan, paspor over KITAP, father over mother;
- on some prints, every stacked pair but the name and NIK the other way up (date over place, KITAP over
  paspor, mother over father ...), headers stacked the same way (session 12);
- one wide table carrying every member field, or the usual two tables, each with stacked rows;
- column headers in words, in words with a row of numbers `(1) (2)` under them, or numbers alone;
- a dotted hairline or nothing between a row's two lines; thin, partial or no rules between rows;
- a header block in two columns with other wordings (`KEPALA KELUARGA`, `Kel./Desa`, `Kab./Kota`, `Prop.`);
- the issue date labelled or after the town above the signature.

The truth is exactly what the page shows, in the spec's canonical form (`L` is `LAKI-LAKI`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, date_dmy, title_case
from ._kk import _lines, _nip, _truth
from ._kk_2000s import labelled_columns
from ._marks import signature, stamp

Column = tuple[str, str | None, str | None, str | None, int]
"""(top header, bottom header or None, top value key, bottom value key or None, relative width).
Keys are member fields, `no` (the row number) or `tempat_tanggal` (place and date in one line)."""

_SEX = {"LAKI-LAKI": ("L", "LK", "LAKI-LAKI"), "PEREMPUAN": ("P", "PR", "PEREMPUAN")}
_OFFICIALS = ("Drs. LA ODE ABDUL SALAM, M.Si.", "Hj. WA ODE SITTI ROHANI, S.Sos.", "ANDI MUH. ARSYAD, S.H., M.H.",
              "Ir. YUSUF TAMBING, M.M.")


@dataclass(frozen=True)
class _Print:
    """One document's drawn choices."""

    sex: int
    """0: L/P, 1: LK/PR, 2: written out."""
    headers: str
    """`words`, `numbered` (numbers under the words) or `numbers` (numbers alone)."""
    upper: bool
    between: str
    """`dotted` hairline between a row's two lines, or `none`."""
    rules: str
    """`thin`, `partial` or `open` between member rows."""
    cell_pt: float
    head_pt: float


def _columns(rng: random.Random) -> tuple[tuple[Column, ...], tuple[Column, ...] | None]:
    """The member table(s): one wide table, or two (the second None when one)."""
    name = ("Nama Lengkap", "nama_lengkap")
    nik = (rng.choice(("NIK", "No. Induk Kependudukan", "Nomor Induk Kependudukan")), "nik")
    top, bottom = (name, nik) if rng.random() < 0.5 else (nik, name)
    no: Column = ("No", None, "no", None, 55)
    person: Column = (top[0], bottom[0], top[1], bottom[1], 520)
    sex: Column = (rng.choice(("JK", "L/P", "Jenis Kelamin")), None, "jenis_kelamin", None, 130)
    if rng.random() < 0.5:
        birth: Column = (rng.choice(("Tempat, Tgl Lahir", "Tempat / Tanggal Lahir", "Tempat & Tgl. Lahir")), None,
                         "tempat_tanggal", None, 440)
    else:
        birth = ("Tempat Lahir", rng.choice(("Tanggal Lahir", "Tgl. Lahir")), "tempat_lahir", "tanggal_lahir", 330)
    job = rng.choice(("Pekerjaan", "Jenis Pekerjaan"))
    blood = rng.choice(("Gol. Darah", "Golongan Darah"))
    if rng.random() < 0.5:
        pair_1: Column = ("Agama", "Pendidikan", "agama", "pendidikan", 420)
        pair_2: Column = (job, blood, "jenis_pekerjaan", "golongan_darah", 440)
    else:
        pair_1 = ("Agama", blood, "agama", "golongan_darah", 260)
        pair_2 = ("Pendidikan", job, "pendidikan", "jenis_pekerjaan", 470)
    kawin: Column = (rng.choice(("Status Kawin", "Status Perkawinan")), rng.choice(("Tgl. Kawin", "Tanggal Perkawinan")),
                     "status_perkawinan", "tanggal_perkawinan", 330)
    hubungan: Column = (rng.choice(("Hubungan Keluarga", "Status Hubungan Dalam Keluarga", "SHDK")),
                        rng.choice(("Kewarganegaraan", "Kewarga- negaraan")), "status_hubungan", "kewarganegaraan", 330)
    papers: Column = ("No. Paspor", rng.choice(("No. KITAP", "No. KITAS/KITAP")), "no_paspor", "no_kitap", 250)
    parents: Column = (rng.choice(("Nama Ayah", "Ayah")), rng.choice(("Nama Ibu", "Ibu")), "nama_ayah", "nama_ibu", 540)
    # Drawn apart from the page's other choices, so that the prints drawn before keep every other choice.
    if random.Random(hash(rng.getstate()[1])).random() < 0.5:
        birth, pair_1, pair_2, kawin, hubungan, papers, parents = (
            _upside_down(c) for c in (birth, pair_1, pair_2, kawin, hubungan, papers, parents))
    if rng.random() < 0.5:
        return (no, person, sex, birth, pair_1, pair_2, kawin, hubungan, papers, parents), None
    return (no, person, sex, birth, pair_1, pair_2), (no, kawin, hubungan, papers, parents)


def _upside_down(column: Column) -> Column:
    """A stacked column with its two lines (and its header's) the other way up; a one-line column as it is."""
    top, bottom, key_top, key_bottom, width = column
    if bottom is None or key_bottom is None:
        return column
    return bottom, top, key_bottom, key_top, width


def draw_kk_susun(page: Page, family: core.Family, rng: random.Random) -> None:
    g = page.style.geometry
    left = g.kk_margins[0] + rng.randint(-20, 25)
    right = page.width - g.kk_margins[1] + rng.randint(-25, 20)
    top = g.kk_margins[2] - 10 + rng.randint(-10, 10) - min(0, page.style.shift[1])
    if rng.random() < 0.6:
        page.text((left, top), f"PEMERINTAH KABUPATEN {family.kabupaten_kota}", points=8.5, bold=True)
        page.text((left, top + page.pt(11)), "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=8)
    title_top = top + page.pt(26)
    page.text((page.width / 2, title_top), "KARTU KELUARGA", points=16 * g.title, bold=True, anchor="mt")
    number = rng.choice(("No. {}", "NOMOR KK : {}", "No. KK : {}"))
    page.text((page.width / 2, title_top + page.pt(22 * g.title)), number.format(family.no_kk), points=11.5,
              bold=True, anchor="mt")
    y = _header(page, family, rng, left=left, right=right, top=title_top + page.pt(44 * g.title))
    table_1, table_2 = _columns(rng)
    style = _Print(sex=rng.randrange(3), headers=rng.choice(("words", "numbered", "numbered", "numbers")),
                   upper=rng.random() < 0.4, between=rng.choice(("dotted", "none")),
                   rules=rng.choice(("thin", "partial", "open")), cell_pt=rng.uniform(7.0, 8.4),
                   head_pt=rng.uniform(6.8, 7.8))
    footer_h = page.pt(118)
    tables = 1 if table_2 is None else 2
    fixed = tables * (page.pt(34) + page.pt(10) + 30)
    room = A4_LANDSCAPE[1] - 50 - max(0, page.style.shift[1]) - y - footer_h - fixed
    rows = max(len(family.anggota), rng.randint(4, 7))
    row_h = min(page.pt(rng.uniform(22, 28)), int(room // (tables * rows)))
    row_h = max(row_h, page.pt(style.cell_pt) * 2 + 10)
    cell_pt = min(style.cell_pt, row_h * 10 / page.pt(10) / 2.4)
    style = _Print(**{**style.__dict__, "cell_pt": cell_pt})
    y = _table(page, table_1, family, rng, style, left=left, right=right, top=y + 22, rows=rows, row_h=row_h,
               first_number=1)
    if table_2 is not None:
        first = 1 + sum(2 if c[1] else 1 for c in table_1)
        y = _table(page, table_2, family, rng, style, left=left, right=right, top=y + 26, rows=rows, row_h=row_h,
                   first_number=first)
    _footer(page, family, rng, left=left, right=right, top=y + 24)


def _header(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> int:
    head = family.kepala_keluarga
    name = head.nama_lengkap if head else "-"
    short = rng.random() < 0.5
    upper = rng.random() < 0.4
    columns = (
        ((rng.choice(("Nama Kepala Keluarga", "Kepala Keluarga")), name), ("Alamat", family.alamat),
         ("RT/RW", f"{family.rt}/{family.rw}"), ("Kode Pos", family.kode_pos or "-")),
        (("Kel./Desa" if short else "Desa/Kelurahan", family.desa_kelurahan), ("Kecamatan", family.kecamatan),
         ("Kab./Kota" if short else "Kabupaten/Kota", family.kabupaten_kota),
         ("Prop." if short and rng.random() < 0.5 else "Provinsi", family.provinsi)),
    )
    pts = rng.uniform(9, 10.2)
    step = round(page.pt(pts) * min(page.style.spacing, 1.5))
    x = left + 10 + page.style.geometry.indent // 2
    cased = tuple(tuple((label.upper() if upper else label, value) for label, value in printed) for printed in columns)
    labelled_columns(page, cased, rng, x=x, top=top, step=step, points=pts, em=11, left=left, right=right,
                     second_at=(0.55, 0.62))
    return top + 4 * step


def _table(page: Page, columns: tuple[Column, ...], family: core.Family, rng: random.Random, style: _Print, *,
           left: int, right: int, top: int, rows: int, row_h: int, first_number: int) -> int:
    total = sum(c[4] for c in columns)
    xs = [left]
    for c in columns:
        xs.append(xs[-1] + round(c[4] * (right - left) / total))
    xs[-1] = right
    header_h = page.pt(34)
    number_h = page.pt(10) if style.headers == "numbered" else 0
    body = top + header_h + number_h
    bottom = body + rows * row_h
    page.line((left, top, right, top), width=2)
    page.line((left, top + header_h, right, top + header_h), width=1)
    if number_h:
        page.line((left, body, right, body), width=2)
    page.line((left, bottom, right, bottom), width=2)
    for i, x in enumerate(xs):
        page.line((x, top, x, bottom), width=2 if i in (0, len(xs) - 1) else 1)
    for r in range(1, rows):
        yy = body + r * row_h
        if style.rules == "thin" or (style.rules == "partial" and rng.random() < 0.5):
            page.line((left, yy, right, yy), width=1)
    number = first_number
    for i, (head_top, head_bottom, _, _, _) in enumerate(columns):
        labels = [head_top] if head_bottom is None else [head_top, head_bottom]
        numbers = [f"({number + k})" for k in range(len(labels))]
        number += len(labels)
        if i == 0:
            numbers = ["(1)"]
        box = (xs[i], top, xs[i + 1], top + header_h)
        if style.headers == "numbers":
            _stacked_header(page, box, numbers, points=style.head_pt + 0.5)
        else:
            _stacked_header(page, box, [t.upper() if style.upper else t for t in labels], points=style.head_pt)
        if number_h:
            page.text_in_box((xs[i], top + header_h, xs[i + 1], body), " ".join(numbers), points=6.5,
                             align="center")
    for r in range(rows):
        y0 = body + r * row_h
        mid = y0 + row_h // 2
        if style.between == "dotted":  # across the stacked cells only
            for i, column in enumerate(columns):
                if column[3] is not None:
                    for x0 in range(xs[i] + 4, xs[i + 1] - 4, 16):
                        page.line((x0, mid, min(x0 + 5, xs[i + 1] - 4), mid), width=1)
        if r >= len(family.anggota):
            continue
        person = family.anggota[r]
        for i, (_, _, key_top, key_bottom, _) in enumerate(columns):
            centre = key_top in ("no", "jenis_kelamin")
            if key_bottom is None:
                page.text_in_box((xs[i], y0, xs[i + 1], y0 + row_h), _value(person, key_top, r, style),
                                 points=style.cell_pt, align="center" if centre else "left")
                continue
            page.text_in_box((xs[i], y0 + 2, xs[i + 1], mid), _value(person, key_top, r, style), points=style.cell_pt)
            page.text_in_box((xs[i], mid, xs[i + 1], y0 + row_h - 2), _value(person, key_bottom, r, style),
                             points=style.cell_pt)
    return bottom


def _stacked_header(page: Page, box: tuple[int, int, int, int], labels: list[str], *, points: float) -> None:
    """One or two header labels one under the other, each wrapped to the column, centred in the box."""
    x0, y0, x1, y1 = box
    while points > 5 and max(page.text_width(w, points=points, bold=True)
                             for t in labels for w in t.split()) > (x1 - x0) - 10:
        points -= 0.5
    lines = [ln for t in labels for ln in _lines(page, t, width=x1 - x0 + 10, points=points, bold=True)]
    while points > 5 and len(lines) * page.pt(points) * 1.15 > (y1 - y0) - 4:
        points -= 0.5
        lines = [ln for t in labels for ln in _lines(page, t, width=x1 - x0 + 10, points=points, bold=True)]
    step = page.pt(points) * 1.15
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=True, anchor="mm")


def _value(person: core.Person, key: str | None, row: int, style: _Print) -> str:
    if key == "no":
        return str(row + 1)
    if key == "tempat_tanggal":
        return f"{person.tempat_lahir or '-'}, {date_dmy(person.tanggal_lahir)}"
    if key == "jenis_kelamin":
        return _SEX[person.jenis_kelamin][style.sex] if person.jenis_kelamin in _SEX else "-"
    value = getattr(person, str(key))
    if key in ("tanggal_lahir", "tanggal_perkawinan"):
        return date_dmy(value) if value else "-"
    return value if value else "-"


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    head = family.kepala_keluarga
    kab = family.kabupaten_kota
    issued = date_dmy(family.tanggal_dikeluarkan)
    head_x, dinas_x = left + (right - left) * 0.18, left + (right - left) * 0.78
    title_y = top + page.pt(16)
    if rng.random() < 0.5:
        page.text((left + 10, top), f"{rng.choice(('Dikeluarkan Tanggal', 'Tanggal Dikeluarkan'))} : {issued}",
                  points=9.5)
    else:
        page.text((dinas_x, top), f"{title_case(kab)}, {issued}", points=9.5, anchor="mt")
    page.text((head_x, title_y), "Kepala Keluarga", points=9, anchor="mt")
    page.paste(signature(rng, width=360, height=140), (int(head_x - 180), int(title_y + page.pt(14))))
    page.text((head_x, title_y + page.pt(56)), head.nama_lengkap if head else "-", points=9, anchor="mt")
    for i, line in enumerate((f"a.n. BUPATI {kab}", "KEPALA DINAS KEPENDUDUKAN", "DAN PENCATATAN SIPIL")):
        page.text((dinas_x, title_y + i * page.pt(11)), line, points=8.5, anchor="mt")
    page.paste(signature(rng, width=360, height=140), (int(dinas_x - 180), int(title_y + page.pt(30))))
    page.text((dinas_x, title_y + page.pt(66)), rng.choice(_OFFICIALS), points=9, bold=True, anchor="mt")
    page.text((dinas_x, title_y + page.pt(77)), f"NIP. {_nip(rng)}", points=8.5, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. {kab}", centre=f"KABUPATEN\n{kab}",
                 family=page.style.family, diameter=page.pt(56))
    page.paste(seal, (int(dinas_x - seal.width * rng.uniform(0.85, 1.05)), int(title_y + page.pt(18))))


def truth(family: core.Family) -> dict[str, Any]:
    """Every spec field: this print shows them all (a blank tanggal perkawinan as `-`)."""
    return _truth(family)
