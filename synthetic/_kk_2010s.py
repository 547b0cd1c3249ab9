"""The KK of the 2010s (family `kk-2010s`): another printing's wording, header order and table split.

What differs from the current and old layouts: `No. KK :` under the title; the header regrouped
(`RT / RW` and `Kode Pos` left, `Kelurahan/Desa` and `Propinsi` right); abbreviated and spelled-out
column headers (`N I K`, `Tgl. Lahir`, `Pendidikan Terakhir`, `Pekerjaan`, `Status Hub. Dlm Keluarga`,
`No. KITAS/KITAP`, `Gol. Darah`); golongan darah moved to the end of table 2; no rules between member
rows; the head of family, the Camat and the Kepala Dinas sign in ink.
"""

from __future__ import annotations

import random

import core

from ._canvas import A4_LANDSCAPE, Page, date_dmy
from ._kk import MIN_ROWS, _nip, _table
from ._marks import signature, stamp

TABLE_1 = (
    ("No", None, 80), ("Nama Lengkap", "nama_lengkap", 560), ("N I K", "nik", 400),
    ("Jenis Kelamin", "jenis_kelamin", 290), ("Tempat Lahir", "tempat_lahir", 330),
    ("Tgl. Lahir", "tanggal_lahir", 270), ("Agama", "agama", 240), ("Pendidikan Terakhir", "pendidikan", 470),
    ("Pekerjaan", "jenis_pekerjaan", 480),
)
TABLE_2 = (
    ("No", None, 80), ("Status Perkawinan", "status_perkawinan", 360),
    ("Tgl. Perkawinan", "tanggal_perkawinan", 290), ("Status Hub. Dlm Keluarga", "status_hubungan", 380),
    ("Kewarga- negaraan", "kewarganegaraan", 260), ("No. Paspor", "no_paspor", 220),
    ("No. KITAS/KITAP", "no_kitap", 240), ("Ayah", "nama_ayah", 600), ("Ibu", "nama_ibu", 600),
    ("Gol. Darah", "golongan_darah", 200),
)
GROUPS = (("DOKUMEN IMIGRASI", 5, 7), ("NAMA ORANG TUA", 7, 9))
_CAMAT = ("LA ODE MUHAMMAD ARIF, S.Sos.", "Drs. SUDIRMAN", "HASNAWATI, S.STP., M.Si.")
_DINAS = ("Drs. H. ABDUL RAHIM, M.Si", "Ir. WA ODE NURLIA, M.Si", "ANDI SYAMSUL ALAM, S.H.")


def draw_kk_2010s(page: Page, family: core.Family, rng: random.Random) -> None:
    g = page.style.geometry
    left = g.kk_margins[0] + rng.randint(-15, 15)
    right = page.width - g.kk_margins[1] + rng.randint(-15, 15)
    top = g.kk_margins[2] - 20 + rng.randint(-10, 10)
    page.text((page.width / 2, top), "KARTU KELUARGA", points=18 * g.title, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(26 * g.title)), f"No. KK : {family.no_kk}", points=12, anchor="mt")
    y = _header(page, family, left=left, right=right, top=top + page.pt(50 * g.title))
    rows = max(MIN_ROWS, len(family.anggota))
    room = A4_LANDSCAPE[1] - 60 - max(0, page.style.shift[1]) - y - page.pt(30) - page.pt(34) - 2 * page.pt(10) \
        - 60 - page.pt(108)
    row_h = max(page.pt(8.5) + 10, min(page.pt(13), int(room // (2 * rows))))
    y = _table(page, TABLE_1, family, left=left, right=right, top=y + 30, row_h=row_h, row_rules=False)
    y = _table(page, TABLE_2, family, left=left, right=right, top=y + 30, row_h=row_h, groups=GROUPS,
               row_rules=False)
    _footer(page, family, rng, left=left, right=right, top=y + 40)


def _header(page: Page, family: core.Family, *, left: int, right: int, top: int) -> int:
    head = family.kepala_keluarga
    columns = (
        (("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
         ("RT / RW", f"{family.rt} / {family.rw}"), ("Kode Pos", family.kode_pos or "-")),
        (("Kelurahan/Desa", family.desa_kelurahan), ("Kecamatan", family.kecamatan),
         ("Kabupaten/Kota", family.kabupaten_kota), ("Propinsi", family.provinsi)),
    )
    step = round(page.pt(10) * min(page.style.spacing, 1.6))
    x = left + 20 + page.style.geometry.indent
    for rows in columns:
        colon = page.colon_at(tuple(label for label, _ in rows), points=10, em=12)
        for i, (label, value) in enumerate(rows):
            page.text((x, top + i * step), label, points=10)
            page.text((x + colon, top + i * step), ":", points=10)
            page.text((x + colon + page.pt(10) * 0.7, top + i * step), value, points=10)
        x = round(left + (right - left) * 0.55)
    return top + len(columns[0]) * step


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    head = family.kepala_keluarga
    third = (right - left) / 3
    page.text((left + third / 2, top), f"Dikeluarkan tanggal {date_dmy(family.tanggal_dikeluarkan)}", points=9.5,
              anchor="mt")
    blocks = (
        (left + third / 2, ("Kepala Keluarga,",), head.nama_lengkap if head else "-", None),
        (left + 1.5 * third, (f"CAMAT {family.kecamatan}",), rng.choice(_CAMAT), _nip(rng)),
        (left + 2.5 * third, ("KEPALA DINAS KEPENDUDUKAN DAN CATATAN SIPIL", f"KABUPATEN {family.kabupaten_kota}"),
         rng.choice(_DINAS), _nip(rng)),
    )
    for x, titles, name, nip in blocks:
        for i, line in enumerate(titles):
            page.text((x, top + page.pt(16) + i * page.pt(13)), line, points=9, anchor="mt")
        page.paste(signature(rng, width=400, height=160), (int(x - 200), int(top + page.pt(40))))
        page.text((x, top + page.pt(84)), name, points=9.5, bold=True, anchor="mt")
        if nip:
            page.text((x, top + page.pt(97)), f"NIP. {nip}", points=9, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN CATATAN SIPIL {family.kabupaten_kota}",
                 centre=f"KABUPATEN\n{family.kabupaten_kota}", family=page.style.family, diameter=page.pt(62))
    page.paste(seal, (int(left + 2.5 * third - seal.width * rng.uniform(0.8, 1.0)), int(top + page.pt(24))))
