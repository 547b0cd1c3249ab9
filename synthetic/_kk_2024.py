"""A recent KK printed by another renderer (family `kk-2024`): portrait A4, a small condensed sans,
shaded rows instead of rules.

What differs from the other KK families: portrait A4; a small condensed sans-serif throughout; the
title left with the number in a box of its own on the right worded `NKK`, `No. Kartu Keluarga` or
`Nomor KK`; the header in a boxed grid of two columns, each cell a shaded label cell beside its value
cell, worded `Kepala Keluarga`, `Alamat` (the address wrapped over two lines of a tall cell),
`RT/RW` (or `RT` and `RW` in cells of their own), `Kel/Desa`, `Kecamatan`, `Kab/Kota`, `Provinsi`,
`Kode Pos`; member rows separated by alternating light grey bands, no rules between them, a dark header
band; eight to ten printed rows of small height; table 2 in another column order (`Hubungan Keluarga`
or `Status Hubungan Dalam Keluarga` first, `Status Kawin`, `Tgl. Perkawinan`, `Kewarganegaraan`, the
parents' names, then `No. Paspor` and `No. KITAP` last); `Diterbitkan Tanggal` or `Tanggal Terbit` for
the issue date, a `Dicetak` print stamp with a later date and time at the foot, a QR code and the
electronic signature's note on the left.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Rendered, Style, date_dmy
from ._form import FormPage
from ._kk import _nip, _truth

FACES = ("Open Sans Condensed", "Nimbus Sans Narrow", "Liberation Sans Narrow", "DejaVu Sans Condensed")
Column = tuple[str, str | None, int]
TABLE_1: tuple[Column, ...] = (
    ("No", None, 55), ("Nama Lengkap", "nama_lengkap", 480), ("NIK", "nik", 265),
    ("Jenis Kelamin", "jenis_kelamin", 180), ("Tempat Lahir", "tempat_lahir", 190),
    ("Tanggal Lahir", "tanggal_lahir", 150), ("Agama", "agama", 130), ("Pendidikan", "pendidikan", 350),
    ("Jenis Pekerjaan", "jenis_pekerjaan", 350), ("Gol. Darah", "golongan_darah", 165),
)
_HUBUNGAN = ("Hubungan Keluarga", "Status Hubungan Dalam Keluarga")
_KAWIN = ("Status Kawin", "Status Perkawinan")
_OFFICIALS = ("Dr. MUHAMMAD RIDWAN, S.STP., M.Si.", "LA ODE MUH. FAISAL, S.H., M.H.", "Hj. ANDI RISNAWATI, S.E., M.M.")


def table_2(rng: random.Random) -> tuple[Column, ...]:
    return (
        ("No", None, 55), (rng.choice(_HUBUNGAN), "status_hubungan", 300), (rng.choice(_KAWIN), "status_perkawinan", 300),
        ("Tgl. Perkawinan", "tanggal_perkawinan", 190), ("Kewarganegaraan", "kewarganegaraan", 190),
        ("Nama Ayah", "nama_ayah", 440), ("Nama Ibu", "nama_ibu", 440), ("No. Paspor", "no_paspor", 180),
        ("No. KITAP", "no_kitap", 180),
    )


def render_kk_2024(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-2024-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.95, 1.05), spacing=base.spacing,
                  shift=(rng.randint(-30, 30), rng.randint(-30, 30)))
    page = FormPage(A4_PORTRAIT, style, face=rng.choice(FACES))
    left, right = 110 + rng.randint(-20, 30), page.width - 110 + rng.randint(-30, 20)
    top = 120 + rng.randint(-10, 20)
    y = _title(page, family, rng, left=left, right=right, top=top)
    y = _header(page, family, rng, left=left, right=right, top=y + page.pt(12))
    rows = max(len(family.anggota), rng.randint(8, 10))
    row_h = page.pt(rng.uniform(12.5, 15.0))
    cell_pt = rng.uniform(7.4, 8.4)
    y = _table(page, TABLE_1, family, left=left, right=right, top=y + page.pt(16), rows=rows, row_h=row_h,
               cell_pt=cell_pt, shade=rng.randint(228, 240))
    y = _table(page, table_2(rng), family, left=left, right=right, top=y + page.pt(14), rows=rows, row_h=row_h,
               cell_pt=cell_pt, shade=rng.randint(228, 240))
    _footer(page, family, rng, left=left, right=right, top=y + page.pt(14))
    return page.rendered(_truth(family))


def _title(page: FormPage, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> float:
    page.text((left, top), "KARTU KELUARGA", points=20, bold=True)
    page.text((left, top + page.pt(26)), "REPUBLIK INDONESIA", points=8)
    label = rng.choice(("NKK", "No. Kartu Keluarga", "Nomor KK"))
    width = page.text_width(family.no_kk, points=13, bold=True) + page.pt(22)
    box = (right - width, top, right, top + page.pt(24))
    page.rect(box, width=3)
    page.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), family.no_kk, points=13, bold=True, anchor="mm")
    page.text((box[0] - page.pt(6), (box[1] + box[3]) / 2), label, points=9, anchor="rm")
    return top + page.pt(36)


def _split(address: str) -> tuple[str, str]:
    """The address over two lines: cut at the word nearest its middle."""
    words = address.split()
    if len(words) < 2:
        return address, ""
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(address) / 2))
    return " ".join(words[:cut]), " ".join(words[cut:])


def _header(page: FormPage, family: core.Family, rng: random.Random, *, left: int, right: int, top: float) -> float:
    head = family.kepala_keluarga
    apart = rng.random() < 0.4
    rt_rw: list[tuple[str, str]] = ([("RT", family.rt), ("RW", family.rw)] if apart
                                    else [("RT/RW", f"{family.rt}/{family.rw}")])
    cells_left = [("Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat), *rt_rw,
                  ("Kel/Desa", family.desa_kelurahan)]
    cells_right = [("Kecamatan", family.kecamatan), ("Kab/Kota", family.kabupaten_kota),
                   ("Provinsi", family.provinsi), ("Kode Pos", family.kode_pos or "-")]
    pts = rng.uniform(8.0, 9.0)
    cell_h = page.pt(pts) * 1.9
    gap = page.pt(10)
    half = (right - left - gap) / 2
    label_w = page.pt(rng.uniform(62, 74))
    bottom = top
    for c, cells in enumerate((cells_left, cells_right)):
        x0 = left + c * (half + gap)
        y = top
        for label, value in cells:
            lines = _split(value) if label == "Alamat" else (value, "")
            h = cell_h * (1.7 if lines[1] else 1)
            page.band((x0, y, x0 + label_w, y + h), 224)
            page.rect((x0, y, x0 + half, y + h), width=2)
            page.line((x0 + label_w, y, x0 + label_w, y + h), width=2)
            page.text((x0 + page.pt(4), y + h / 2), label, points=pts - 0.5, anchor="lm")
            if lines[1]:
                step = page.pt(pts) * 1.25
                page.text((x0 + label_w + page.pt(5), y + h / 2 - step / 2), lines[0], points=pts, anchor="lm")
                page.text((x0 + label_w + page.pt(5), y + h / 2 + step / 2), lines[1], points=pts, anchor="lm")
            else:
                page.text_in_box((round(x0 + label_w + page.pt(2)), round(y), round(x0 + half), round(y + h)), value,
                                 points=pts)
            y += h
        bottom = max(bottom, y)
    return bottom


def _table(page: FormPage, columns: tuple[Column, ...], family: core.Family, *, left: int, right: int, top: float,
           rows: int, row_h: int, cell_pt: float, shade: int) -> float:
    total = sum(w for _, _, w in columns)
    xs = [float(left)]
    for _, _, w in columns:
        xs.append(xs[-1] + w * (right - left) / total)
    head_h = page.pt(24)
    page.band((left, top, right, top + head_h), 200)
    for i, (label, _, _) in enumerate(columns):
        _head(page, (xs[i], top, xs[i + 1], top + head_h), label)
    body = top + head_h
    for r in range(rows):
        if r % 2:
            page.band((left, body + r * row_h, right, body + (r + 1) * row_h), shade)
    bottom = body + rows * row_h
    page.line((left, bottom, right, bottom), width=2)
    for r, person in enumerate(family.anggota):
        y0 = body + r * row_h
        for i, (_, key, _) in enumerate(columns):
            text = str(r + 1) if key is None else _cell(person, key)
            page.text_in_box((round(xs[i]), round(y0), round(xs[i + 1]), round(y0 + row_h)), text, points=cell_pt,
                             align="center" if key in (None, "jenis_kelamin", "golongan_darah", "kewarganegaraan")
                             else "left")
    return bottom


def _head(page: FormPage, box: tuple[float, float, float, float], text: str) -> None:
    x0, y0, x1, y1 = box
    points = 7.8
    words = text.split()
    lines = [text] if len(words) < 2 or page.text_width(text, points=points, bold=True) < (x1 - x0) - 10 else \
        [" ".join(words[:(len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2:])]
    while points > 5 and max(page.text_width(line, points=points, bold=True) for line in lines) > (x1 - x0) - 8:
        points -= 0.25
    step = page.pt(points) * 1.15
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=True, anchor="mm")


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if key in ("tanggal_lahir", "tanggal_perkawinan"):
        return date_dmy(value)
    return value if value else "-"


def _footer(page: FormPage, family: core.Family, rng: random.Random, *, left: int, right: int, top: float) -> None:
    pts = 8
    label = rng.choice(("Diterbitkan Tanggal", "Tanggal Terbit"))
    page.text((left, top), f"{label} : {date_dmy(family.tanggal_dikeluarkan)}", points=pts + 0.5)
    qr = page.pt(64)
    q_top = round(top + page.pt(18))
    page.qr((left, q_top), f"NKK {family.no_kk} {family.tanggal_dikeluarkan}", size=qr)
    note = ("Dokumen ini telah ditandatangani secara elektronik menggunakan", "sertifikat elektronik yang diterbitkan "
            "oleh BSrE", "Badan Siber dan Sandi Negara")
    for i, line in enumerate(note):
        page.text((left + qr + page.pt(8), q_top + page.pt(6) + i * page.pt(9)), line, points=6.5)
    sign_x = right - page.pt(95)
    lines = ("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")
    for i, line in enumerate(lines):
        page.text((sign_x, top + page.pt(14) + i * page.pt(11)), line, points=pts, anchor="mt")
    page.text((sign_x, top + page.pt(62)), rng.choice(_OFFICIALS), points=pts + 0.5, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(73)), f"NIP. {_nip(rng)}", points=pts, anchor="mt")
    issued = dt.date.fromisoformat(family.tanggal_dikeluarkan or "2024-01-01")
    printed = issued + dt.timedelta(days=rng.randint(0, 400))
    page.text((left, q_top + qr + page.pt(10)), f"Dicetak: {printed.strftime('%d/%m/%Y')} "
              f"{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d} WITA  |  Halaman 1 dari 1", points=6)


def truth(family: core.Family) -> dict[str, Any]:
    return _truth(family)
