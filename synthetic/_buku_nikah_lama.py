"""Two more buku nikah families: the older two-column book and the one worded as sentences.

`lama` (family `nikah-lama`): DEPARTEMEN AGAMA, AKTA NIKAH; `KUA Kecamatan : KOLAKA`;
`Hari / Tanggal : Rabu / 30 Oktober 2024`; one ruled table with the labels in the first column and
SUAMI | ISTERI side by side (`Nama Lengkap`, `Nomor Induk Kependudukan`, `Tempat/Tgl. Lahir`,
`Kewarganegaraan`, `Agama`, `Pekerjaan`, `Alamat`); `Wali Nikah`; Pegawai Pencatat Nikah signs.
Both put the official's signature and the KUA stamp over the signature block when `stamped`.

`kalimat` (family `nikah-kalimat`): the KUA named in the heading as `KANTOR URUSAN AGAMA KECAMATAN …`
and again as `Kantor Urusan Agama : KECAMATAN …`; "Pada hari Rabu tanggal 30 Oktober 2024 telah
dilangsungkan …"; `I. Suami` and `II. Istri`, each with `Nama`, `NIK`, `Tempat, Tanggal Lahir`, `Warganegara`, `Agama`,
`Pekerjaan`, `Tempat Tinggal` (a longer address, wrapped over two lines); `Wali`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_PPN = ("H. MUHAMMAD SALEH, S.Ag.", "Drs. LA ODE ABDUL MALIK", "ABDUL WAHID, S.H.I., M.H.")


def _district(kua: str | None) -> str:
    return (kua or "KUA KECAMATAN KOLAKA").removeprefix("KUA ").removeprefix("KECAMATAN ")


def long_address(address: str, rng: random.Random, kua: str | None) -> str:
    """The address a sentence-worded book prints: street, RT/RW and district (long enough to wrap)."""
    return f"{address} RT {rng.randint(1, 12):03d} RW {rng.randint(1, 6):03d} KECAMATAN {_district(kua)}"


def _marks(page: Page, rng: random.Random, *, x: float, top: float, district: str) -> None:
    """The official's ink signature under the title line and the KUA stamp half over it."""
    page.paste(signature(rng), (int(x - 220), int(top + 60)))
    seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}", centre="KUA", family=page.style.family,
                 diameter=rng.randint(360, 440))
    page.paste(seal, (int(x - seal.width * rng.uniform(0.75, 1.0)), int(top + 30)))


def draw_lama(page: Page, v: dict[str, Any], rng: random.Random, *, stamped: bool = False) -> None:
    g = page.style.geometry
    cx = page.width / 2
    m = 100 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=3 + g.frame[1])
    page.text((cx, 230), "DEPARTEMEN AGAMA REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((cx, 360), "AKTA NIKAH", points=24 * g.title, bold=True, anchor="mt")
    page.text((cx, 500), f"No. : {v['nomor_akta']}", points=12, anchor="mt")
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    x, pts = 240 + g.indent, 10.5
    colon = page.colon_at(("KUA Kecamatan", "Hari / Tanggal"), points=pts, em=10)
    y = page.label_rows([("KUA Kecamatan", _district(v["kua"])),
                         ("Hari / Tanggal", f"{_WEEKDAYS[married.weekday()]} / {date_long(v['tanggal_nikah'])}")],
                        x=x, top=640, points=pts, colon_at=colon)
    left, right = x - 40, page.width - x + 40
    xs = (left, left + 640, left + 640 + (right - left - 640) // 2, right)
    rows = (("Nama Lengkap", "nama_lengkap"), ("Nomor Induk Kependudukan", "nik"), ("Tempat/Tgl. Lahir", None),
            ("Kewarganegaraan", "kewarganegaraan"), ("Agama", "agama"), ("Pekerjaan", "pekerjaan"),
            ("Alamat", "alamat"))
    row_h = round(page.pt(pts) * 2.1)
    top = y + 60 * g.gap
    ys = [round(top) + i * row_h for i in range(len(rows) + 2)]
    for xx in xs:
        page.line((xx, ys[0], xx, ys[-1]), width=2)
    for yy in ys:
        page.line((left, yy, right, yy), width=2)
    for i, head in enumerate(("", "SUAMI", "ISTERI")):
        if head:
            page.text_in_box((xs[i], ys[0], xs[i + 1], ys[1]), head, points=11, bold=True, align="center")
    for r, (label, key) in enumerate(rows, start=1):
        page.text_in_box((xs[0], ys[r], xs[1], ys[r + 1]), label, points=pts)
        for c, role in enumerate(("suami", "istri"), start=1):
            if key is None:
                text = f"{title_case(v[f'{role}.tempat_lahir'] or '-')}, {date_long(v[f'{role}.tanggal_lahir'])}"
            elif key == "agama":
                text = title_case(v[f"{role}.agama"] or "-")
            else:
                text = v[f"{role}.{key}"] or "-"
            page.text_in_box((xs[c], ys[r], xs[c + 1], ys[r + 1]), text, points=pts)
    y = page.label_rows([("Wali Nikah", v["wali.nama_lengkap"])], x=x, top=ys[-1] + 80 * g.gap, points=pts,
                        colon_at=colon)
    sign_x = page.width - 700 + g.sign_dx
    page.text((sign_x, y + 120), f"{title_case(_district(v['kua']))}, {date_long(v['tanggal_nikah'])}", points=11,
              anchor="mt")
    page.text((sign_x, y + 190), "Pegawai Pencatat Nikah,", points=11, anchor="mt")
    page.text((sign_x, y + 460), rng.choice(_PPN), points=11, bold=True, anchor="mt")
    if stamped:
        _marks(page, rng, x=sign_x, top=y + 190, district=_district(v["kua"]))


def draw_kalimat(page: Page, v: dict[str, Any], rng: random.Random, *, stamped: bool = False) -> None:
    g = page.style.geometry
    cx = page.width / 2
    m = 90 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=5 + g.frame[1])
    district = _district(v["kua"])
    page.text((cx, 200), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    page.text((cx, 270), f"KANTOR URUSAN AGAMA KECAMATAN {district}", points=11, bold=True, anchor="mt")
    page.text((cx, 380), "BUKU NIKAH", points=22 * g.title, bold=True, anchor="mt")
    page.text((cx, 500), f"Nomor : {v['nomor_akta']}", points=11, anchor="mt")
    x, pts = 230 + g.indent, 10.5
    step = page.pt(pts) * page.style.spacing
    labels = ("Kantor Urusan Agama", "Nama", "NIK", "Tempat, Tanggal Lahir", "Warganegara", "Agama", "Pekerjaan",
              "Tempat Tinggal")
    colon = page.colon_at(labels, points=pts, em=15)
    y = page.label_rows([("Kantor Urusan Agama", f"KECAMATAN {district}")], x=x, top=610, points=pts,
                        colon_at=colon)
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    for line in (f"Pada hari {_WEEKDAYS[married.weekday()]} tanggal {date_long(v['tanggal_nikah'])} telah "
                 "dilangsungkan", "akad nikah menurut agama Islam antara:"):
        y += step
        page.text((x, y), line, points=pts)
    for role, joiner in (("suami", "I. Suami"), ("istri", "II. Istri")):
        y += step * 1.3
        page.text((x, y), joiner, points=pts, bold=True)
        y = page.label_rows([
            ("Nama", v[f"{role}.nama_lengkap"]), ("NIK", v[f"{role}.nik"]),
            ("Tempat, Tanggal Lahir", f"{title_case(v[f'{role}.tempat_lahir'] or '-')}, "
                                      f"{date_long(v[f'{role}.tanggal_lahir'])}"),
            ("Warganegara", v[f"{role}.kewarganegaraan"]), ("Agama", title_case(v[f"{role}.agama"] or "-")),
            ("Pekerjaan", v[f"{role}.pekerjaan"]),
        ], x=x, top=y + step, points=pts, colon_at=colon)
        first, rest = _wrap(v[f"{role}.alamat"] or "-")
        page.text((x, y), "Tempat Tinggal", points=pts)
        page.text((x + colon, y), ":", points=pts)
        page.text((x + colon + page.pt(pts), y), first, points=pts)
        if rest:
            y += step
            page.text((x + colon + page.pt(pts), y), rest, points=pts)
        y += step * 0.3
    y += step
    y = page.label_rows([("Wali", v["wali.nama_lengkap"])], x=x, top=y, points=pts, colon_at=colon)
    sign_x = page.width - 700 + g.sign_dx
    page.text((sign_x, y + 80), f"{title_case(district)}, {date_long(v['tanggal_nikah'])}", points=11, anchor="mt")
    page.text((sign_x, y + 150), "Kepala Kantor Urusan Agama,", points=11, anchor="mt")
    page.text((sign_x, y + 400), rng.choice(_PPN), points=11, bold=True, anchor="mt")
    if stamped:
        _marks(page, rng, x=sign_x, top=y + 150, district=district)


def _wrap(address: str) -> tuple[str, str]:
    """Street and number on the first line, RT/RW and district on the second."""
    at = address.find(" RT ")
    return (address, "") if at < 0 else (address[:at], address[at + 1:])
