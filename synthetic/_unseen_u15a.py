"""Held-out family `kk-u15a` (session 15): a city's KK of the mid 2010s with captioned header cells, grouped
two-line column headers and row rules that fade and break.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the landscape KK a city's Dinas printed from its own template between about 2013 and 2018, on a
tired laser printer whose toner runs thin along the horizontal rules:

- `KARTU KELUARGA` at the **left**, and at the top right a small caption `NOMOR` over the number in large bold
  figures (no colon, no `No. KK`);
- the header as **two rows of boxed cells**, each cell a small caption in capitals at its top and the value
  under it, no colon (`NAMA KEPALA KELUARGA`, `ALAMAT`, `RT / RW` (`RT 002 / RW 005`), `KODE POS` |
  `DESA / KELURAHAN`, `KECAMATAN`, `KABUPATEN / KOTA`, `PROVINSI`);
- the member tables with **two-line headers**: group captions spanning two columns over short sub-captions.
  Table 1: `No` | `NIK` | `Nama Lengkap` (the NIK before the name) | `JK` (`LK`/`PR`) | `KELAHIRAN` over
  `Tempat` and `Tanggal` | `Gol. Darah` | `Agama` | `Pendidikan` | `Pekerjaan`. Table 2: `No` |
  `Hubungan Keluarga` | `PERKAWINAN` over `Status` and `Tanggal` | `Kewarganegaraan` | `DOKUMEN IMIGRASI`
  over `Paspor` and `KITAS/KITAP` | `ORANG TUA` over `Ayah` and `Ibu` (`Tanggal` twice, apart);
- dates printed `DD.MM.YYYY` with dots; absent values `-`;
- the column rules solid, the **row rules grey and broken** into pieces with gaps (the toner), the outer frame
  solid;
- the foot: a sentence `Diterbitkan di <KABUPATEN> pada tanggal DD.MM.YYYY` on the right over the Kepala
  Dinas's title, ink signature, stamp, name and NIP; the head of the family's signature on the left.

Fonts: Carlito or Open Sans (one a page). Truth: the family's header and members (canonical); `-` is null.
"""

from __future__ import annotations

import dataclasses
import random

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style
from ._kk import _nip, _truth
from ._marks import signature, stamp

_OFFICIALS = ("Dra. Hj. SITTI MARWAH, M.Si", "ASRUL SANI LAPUTA, S.STP., M.Si", "Ir. H. ALIMUDDIN, MM",
              "FRANSISKUS TANDI, SH")
_SEX = {"LAKI-LAKI": "LK", "PEREMPUAN": "PR"}
# (group caption or "", caption, field or None for the row number, relative width)
TABLE_1 = (("", "No", None, 50), ("", "NIK", "nik", 360), ("", "Nama Lengkap", "nama_lengkap", 560),
           ("", "JK", "jenis_kelamin", 90), ("KELAHIRAN", "Tempat", "tempat_lahir", 320),
           ("KELAHIRAN", "Tanggal", "tanggal_lahir", 220), ("", "Gol. Darah", "golongan_darah", 190),
           ("", "Agama", "agama", 220), ("", "Pendidikan", "pendidikan", 440), ("", "Pekerjaan", "jenis_pekerjaan", 460))
TABLE_2 = (("", "No", None, 50), ("", "Hubungan Keluarga", "status_hubungan", 330),
           ("PERKAWINAN", "Status", "status_perkawinan", 330), ("PERKAWINAN", "Tanggal", "tanggal_perkawinan", 220),
           ("", "Kewarganegaraan", "kewarganegaraan", 230), ("DOKUMEN IMIGRASI", "Paspor", "no_paspor", 210),
           ("DOKUMEN IMIGRASI", "KITAS/KITAP", "no_kitap", 210), ("ORANG TUA", "Ayah", "nama_ayah", 530),
           ("ORANG TUA", "Ibu", "nama_ibu", 530))


def _cell(person: core.Person, key: str) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key.startswith("tanggal"):
        return f"{value[8:10]}.{value[5:7]}.{value[:4]}"
    return str(_SEX.get(value, value) if key == "jenis_kelamin" else value)


def _broken(page: Page, x0: float, x1: float, y: float, rng: random.Random) -> None:
    """A row rule the toner left grey and in pieces."""
    saved = page.style
    page.style = dataclasses.replace(saved, ink=(rng.randint(120, 175),) * 3)
    x = x0
    while x < x1:
        piece = rng.uniform(60, 420)
        if rng.random() < 0.8:
            page.line((x, y, min(x + piece, x1), y), width=rng.choice((1, 2)))
        x += piece + rng.uniform(8, 90)
    page.style = saved


def _table(page: Page, family: core.Family, columns: tuple[tuple[str, str, str | None, int], ...], *,
           left: float, right: float, top: float, row_h: float, rng: random.Random) -> float:
    total = sum(c[3] for c in columns)
    xs = [left]
    for *_, w in columns:
        xs.append(xs[-1] + (right - left) * w / total)
    group_h, sub_h = page.pt(8) * 1.9, page.pt(8) * 1.9
    body = top + group_h + sub_h
    rows = max(len(family.anggota), 4)
    bottom = body + rows * row_h
    page.rect((left, top, right, bottom), width=3)
    page.line((left, body, right, body), width=3)
    i = 0
    while i < len(columns):
        group = columns[i][0]
        j = i + 1
        while group and j < len(columns) and columns[j][0] == group:
            j += 1
        if group:
            page.text(((xs[i] + xs[j]) / 2, top + group_h / 2), group, points=7.5, bold=True, anchor="mm")
            page.line((xs[i], top + group_h, xs[j], top + group_h), width=2)
            for k in range(i, j):
                page.text(((xs[k] + xs[k + 1]) / 2, top + group_h + sub_h / 2), columns[k][1], points=7.5,
                          bold=True, anchor="mm")
        else:
            page.text(((xs[i] + xs[i + 1]) / 2, top + (group_h + sub_h) / 2), columns[i][1], points=7.5,
                      bold=True, anchor="mm")
        i = j
    for k, x in enumerate(xs[1:-1], start=1):
        joined = columns[k - 1][0] and columns[k - 1][0] == columns[k][0]
        page.line((x, top + group_h if joined else top, x, bottom), width=2)
    for r, person in enumerate(family.anggota):
        y = body + r * row_h
        for k, (_, _, key, _) in enumerate(columns):
            text = str(r + 1) if key is None else _cell(person, key)
            centred = key in (None, "jenis_kelamin", "golongan_darah", "tanggal_lahir", "tanggal_perkawinan")
            page.text_in_box((round(xs[k]), round(y), round(xs[k + 1]), round(y + row_h)), text, points=8,
                             align="center" if centred else "left")
    for r in range(1, rows):
        _broken(page, left + 4, right - 4, body + r * row_h, rng)
    return bottom


def _captioned(page: Page, cells: tuple[tuple[str, str], ...], *, left: float, right: float, top: float,
               shares: tuple[float, ...], height: float) -> None:
    x = left
    for (caption, value), share in zip(cells, shares, strict=True):
        x1 = x + (right - left) * share
        page.rect((x, top, x1, top + height), width=2)
        page.text((x + 16, top + 12), caption, points=6.5)
        page.text_in_box((round(x), round(top + height * 0.42), round(x1), round(top + height - 4)), value,
                         points=9.5, bold=True)
        x = x1


def render_u15a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u15a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_LANDSCAPE, Style(family=rng.choice(("Carlito", "Open Sans")), scale=1.0, spacing=1.5,
                                    ink=base.ink, shift=(rng.randint(-20, 20), rng.randint(-15, 15))))
    left, right = 120 + rng.randint(0, 25), page.width - 120 - rng.randint(0, 25)
    top = 100 + rng.randint(0, 20)
    page.text((left, top), "KARTU KELUARGA", points=22, bold=True)
    page.text((right, top - 4), "NOMOR", points=7, anchor="rt")
    page.text((right, top + page.pt(9)), family.no_kk, points=15, bold=True, anchor="rt")
    head = family.kepala_keluarga
    y: float = top + page.pt(34)
    height = page.pt(24)
    _captioned(page, (("NAMA KEPALA KELUARGA", head.nama_lengkap if head else "-"), ("ALAMAT", family.alamat),
                      ("RT / RW", f"RT {family.rt} / RW {family.rw}"), ("KODE POS", family.kode_pos or "-")),
               left=left, right=right, top=y, shares=(0.3, 0.4, 0.17, 0.13), height=height)
    _captioned(page, (("DESA / KELURAHAN", family.desa_kelurahan), ("KECAMATAN", family.kecamatan),
                      ("KABUPATEN / KOTA", family.kabupaten_kota), ("PROVINSI", family.provinsi)),
               left=left, right=right, top=y + height, shares=(0.25, 0.25, 0.25, 0.25), height=height)
    y += 2 * height + 40
    n = max(len(family.anggota), 4)
    heads = 2 * (2 * page.pt(8) * 1.9)
    available = page.image.height - y - heads - 40 - 500
    row_h = min(page.pt(8) * 2.3, available / (2 * n))
    y = _table(page, family, TABLE_1, left=left, right=right, top=y, row_h=row_h, rng=rng)
    y = _table(page, family, TABLE_2, left=left, right=right, top=y + 40, row_h=row_h, rng=rng)
    issued = family.tanggal_dikeluarkan
    regency = family.kabupaten_kota
    fy = y + 40
    sx = right - 520
    when = f"{issued[8:10]}.{issued[5:7]}.{issued[:4]}" if issued else "-"
    page.text((sx, fy), f"Diterbitkan di {regency} pada tanggal {when}", points=9.5, anchor="mt")
    page.text((sx, fy + page.pt(13)), "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", points=9.5, anchor="mt")
    page.paste(signature(rng, width=400, height=150), (round(sx - 200), round(fy + page.pt(26))))
    official = rng.choice(_OFFICIALS)
    page.text((sx, fy + page.pt(68)), official, points=9.5, bold=True, anchor="mt")
    page.text((sx, fy + page.pt(81)), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {regency}"[:48], centre=regency,
                 family="DejaVu Sans", diameter=page.pt(60))
    page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.05)), round(fy + page.pt(rng.uniform(10, 22)))))
    hx = left + 380
    page.text((hx, fy + page.pt(13)), "KEPALA KELUARGA", points=9.5, anchor="mt")
    page.paste(signature(rng, width=340, height=140), (round(hx - 170), round(fy + page.pt(26))))
    page.text((hx, fy + page.pt(68)), head.nama_lengkap if head else "-", points=9.5, bold=True, anchor="mt")
    return page.rendered(_truth(family))
