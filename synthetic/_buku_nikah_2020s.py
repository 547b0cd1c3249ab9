"""The newer Buku Nikah printed from SIMKAH (family `nikah-2020s`): an opened booklet, one spouse a page.

A landscape spread of two booklet pages with the fold between them. The left page: KEMENTERIAN AGAMA
REPUBLIK INDONESIA, BUKU NIKAH with "(Kutipan Akta Nikah)" under it, a QR code, `Nomor Akta Nikah`,
the booklet's own `Nomor Seri` (a number that is not the akta's), the akad block (`Tanggal Akad`,
`Pukul`, `Tempat Akad`, `Dicatat di : KUA Kecamatan …`, `Mas Kawin`, `Dibayar`) and the SUAMI block.
The right page: the ISTRI block, the wali (`Nama Wali`, `Hubungan Wali`, `Status Wali`), two
witnesses (`Saksi I`, `Saksi II`: names that are nobody's in the truth) and the Kepala KUA's
signature. Each spouse: `Nama`, `Bin` / `Binti` (the father's name: not a spec field), `NIK`,
`Tempat/Tgl. Lahir : KOLAKA, 27-09-1970` (the date as digits), `Warga Negara`, `Agama`, `Pekerjaan`,
`Status` (Jejaka, Perawan …), `Alamat` (half the books a longer one with RT/RW and district, wrapped
over two lines where the page is narrow).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import Page, date_dmy, date_long, title_case
from ._kk import _nip
from ._kk_2000s import colon_past
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_HEADS = ("H. ABDUL MUIS, S.Ag., M.H.", "LA ODE MUHAMMAD ZAKIR, S.H.I.", "Dr. H. SYAMSUL BAHRI, M.Ag.")
_WITNESSES = ("LA ODE HAMIRUDDIN", "MUHAMMAD YUSUF", "SAHRIR LATIF", "ANDI MUH. RUSDI", "ABDUL RAHMAN SAID",
              "H. SUKARDI", "WA ODE HASIMA", "ISMAIL BASRI")
_MAHAR = ("Seperangkat alat salat dan uang tunai Rp 500.000,-", "Emas 5 gram", "Uang tunai Rp 2.024.000,-",
          "Seperangkat alat salat dan emas 3 gram")


def draw_2020s(page: Page, v: dict[str, Any], parents: dict[str, str | None], rng: random.Random, *,
               stamped: bool = False) -> None:
    """`v` the flattened values (as `render_buku_nikah` holds them); `parents` the spouses' fathers (Bin/Binti)."""
    g = page.style.geometry
    half = page.width / 2
    m = 90 + g.frame[0] // 2
    for x0, x1 in ((m, half - 40), (half + 40, page.width - m)):
        page.rect((x0, m, x1, page.image.height - m), width=3 + max(-2, g.frame[1]))
    for y0 in range(m, page.image.height - m, 40):  # the fold
        page.line((half, y0, half, y0 + 18), width=2)
    district = (v["kua"] or "KUA KECAMATAN -").removeprefix("KUA ").removeprefix("KECAMATAN ")
    pts = 10
    step = page.pt(pts) * min(page.style.spacing, 1.5)
    labels = ("Nomor Akta Nikah", "Tempat/Tgl. Lahir", "Tempat Akad", "Warga Negara", "Pekerjaan")
    colon = colon_past(page, labels, points=pts, em=10.5)

    lx = m + 90 + g.indent // 2
    cx = (m + half - 40) / 2
    page.text((cx, m + 110), "KEMENTERIAN AGAMA", points=11, bold=True, anchor="mt")
    page.text((cx, m + 110 + page.pt(14)), "REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    page.text((cx, m + 330), "BUKU NIKAH", points=20 * g.title, bold=True, anchor="mt")
    page.text((cx, m + 330 + page.pt(26 * g.title)), "(Kutipan Akta Nikah)", points=10, anchor="mt")
    qr = page.pt(46)
    page.qr((int(half - 100 - qr), int(m + 60)), f"SIMKAH {v['nomor_akta']}", size=qr)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    y = page.label_rows([
        ("Nomor Akta Nikah", v["nomor_akta"]),
        ("Nomor Seri", f"{rng.choice(('DA', 'DB', 'DC', 'KN'))} {rng.randint(1, 9_999_999):07d}"),
    ], x=lx, top=m + 580, points=pts, colon_at=colon)
    y = page.label_rows([
        ("Tanggal Akad", f"{_WEEKDAYS[married.weekday()]}, {date_long(v['tanggal_nikah'])}"),
        ("Pukul", f"{rng.randint(8, 15):02d}.{rng.choice(('00', '15', '30'))} WITA"),
        ("Tempat Akad", rng.choice(("Kantor Urusan Agama", "Rumah Mempelai Wanita", "Masjid"))),
        ("Dicatat di", f"KUA Kecamatan {title_case(district)}"),
        ("Mas Kawin", rng.choice(_MAHAR)), ("Dibayar", "Tunai"),
    ], x=lx, top=y + step * 0.6, points=pts, colon_at=colon)
    y = _spouse(page, v, "suami", parents, x=lx, top=y + step * 0.8, colon=colon, right=half - 80)

    rx = half + 40 + 90 + g.indent // 2
    y = _spouse(page, v, "istri", parents, x=rx, top=m + 140, colon=colon, right=page.width - m - 40)
    page.text((rx, y + step * 0.8), "WALI NIKAH", points=11, bold=True)
    y = page.label_rows([
        ("Nama Wali", v["wali.nama_lengkap"]), ("Hubungan Wali", rng.choice(("Ayah Kandung", "Saudara Kandung",
                                                                            "Kakek"))),
        ("Status Wali", "Nasab"),
    ], x=rx, top=y + step * 2, points=pts, colon_at=colon)
    first, second = rng.sample(_WITNESSES, 2)
    page.text((rx, y + step * 0.5), "SAKSI", points=11, bold=True)
    y = page.label_rows([("Saksi I", first), ("Saksi II", second)], x=rx, top=y + step * 1.7, points=pts,
                        colon_at=colon)
    sign_x = page.width - m - 500 + g.sign_dx // 2
    top = y + 60
    page.text((sign_x, top), f"{title_case(district)}, {date_long(v['tanggal_nikah'])}", points=pts, anchor="mt")
    page.text((sign_x, top + step), "Kepala KUA,", points=pts, anchor="mt")
    page.text((sign_x, top + step + 260), rng.choice(_HEADS), points=pts, bold=True, anchor="mt")
    page.text((sign_x, top + 2 * step + 260), f"NIP. {_nip(rng)}", points=9, anchor="mt")
    if stamped:
        page.paste(signature(rng), (int(sign_x - 220), int(top + step + 60)))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}", centre="KUA", family=page.style.family,
                     diameter=rng.randint(340, 400))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.05)), int(top + step + 20)))
    page.text((rx, page.image.height - m - 70), "Dicetak melalui Sistem Informasi Manajemen Nikah (SIMKAH)",
              points=7)


def _spouse(page: Page, v: dict[str, Any], role: str, parents: dict[str, str | None], *, x: float, top: float,
            colon: float, right: float) -> float:
    pts = 10
    step = page.pt(pts) * min(page.style.spacing, 1.5)
    page.text((x, top), role.upper(), points=12, bold=True)
    place = v[f"{role}.tempat_lahir"] or "-"
    born = v[f"{role}.tanggal_lahir"]
    female = role == "istri"
    y = page.label_rows([
        ("Nama", v[f"{role}.nama_lengkap"]), ("Binti" if female else "Bin", parents.get(role) or "-"),
        ("NIK", v[f"{role}.nik"]), ("Tempat/Tgl. Lahir", f"{place}, {date_dmy(born)}"),
        ("Warga Negara", v[f"{role}.kewarganegaraan"]), ("Agama", title_case(v[f"{role}.agama"] or "-")),
        ("Pekerjaan", v[f"{role}.pekerjaan"]), ("Status", "Perawan" if female else "Jejaka"),
    ], x=x, top=top + step * 1.2, points=pts, colon_at=colon,
        bold_values=frozenset({"Nama"}) if page.style.geometry.bold_name else frozenset())
    address = v[f"{role}.alamat"] or "-"
    value_x = x + colon + page.pt(pts) * page.style.geometry.value_em
    lines = [address]
    if page.text_width(address, points=pts) > right - value_x and " RT " in address:
        at = address.find(" RT ")
        lines = [address[:at], address[at + 1:]]
    page.text((x, y), "Alamat", points=pts)
    page.text((x + colon, y), ":", points=pts)
    size = float(pts)
    while size > 7 and max(page.text_width(line, points=size) for line in lines) > right - value_x:
        size -= 0.5  # set a size smaller where even the wrapped line would cross the fold
    for i, line in enumerate(lines):
        page.text((value_x, y + i * step), line, points=size)
    return y + len(lines) * step


def values_2020s(values: dict[str, Any], seed: int) -> dict[str, Any]:
    """Half the books print the longer address (street, RT/RW, district)."""
    from ._buku_nikah_lama import long_address

    rng = random.Random(f"nikah-2020s-{seed}")
    out = dict(values)
    if rng.random() < 0.5:
        for role in ("suami", "istri"):
            out[f"{role}.alamat"] = long_address(out[f"{role}.alamat"], rng, values["kua"])
    return out


def parents_of(suami: core.Person, istri: core.Person) -> dict[str, str | None]:
    return {"suami": suami.nama_ayah, "istri": istri.nama_ayah}
