"""Held-out family `ijazah-u16d` (session 16): a state university's portrait ijazah whose holder's data stand
two `Label : value` pairs to a line, the university's name in gold.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the S1 or D3 ijazah of a state university of eastern Indonesia outside the province
(`UNIVERSITAS NEGERI GORONTALO`, `UNIVERSITAS TADULAKO`, `UNIVERSITAS KHAIRUN`, `UNIVERSITAS NEGERI MANADO`),
portrait A4 in DejaVu Serif or FreeSerif (one a page):

- top: the ministry of the year (`DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN` before 2000, `DEPARTEMEN PENDIDIKAN
  NASIONAL` 2000-2009, `KEMENTERIAN PENDIDIKAN NASIONAL` 2010-2011, `KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN` 2012-2014 and 2020, `KEMENTERIAN RISET,
  TEKNOLOGI, DAN PENDIDIKAN TINGGI` 2015-2019, `KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI` since
  2021), then the university **in gold-brown ink**, large (**the institution only in the heading**), then
  `IJAZAH`;
- the number at the **top right**: before 2021 `Nomor Seri : UN47/FT/S1/0451/2016` (the university's code, the
  faculty, the level, a serial, the year); since 2021 `PIN : <15 digits>`;
- "dengan ini menyatakan bahwa:" then `Nama Lengkap : <NAME>` on a line of its own, then **two labelled pairs
  on each line**, the second pair starting in the page's middle: `Nomor Induk Mahasiswa` | `Angkatan` (the
  year of entry: a distractor); `Tempat Lahir` | `Tanggal Lahir` (`12-03-1990`, **in digits**); `Fakultas` |
  `Jurusan`; `Program Studi` | `Jenjang` (`Sarjana (S1)` / `Diploma Tiga (D3)`); `Tanggal Kelulusan` (the
  yudisium, **a date labelled as graduation that is not the issue date**: a distractor) | `IPK` (`3,45`);
- "telah menyelesaikan seluruh persyaratan pendidikan dan kepadanya diberikan" and `Gelar Akademik : Sarjana
  Komputer (S.Kom.)` (mixed case);
- the foot: `<Town>, 20 Oktober 2018` over `Rektor,` on the right (the truth's date), `Dekan,` on the left,
  both with 18-digit NIPs; a photo box between them; the university's stamp.

Truth: the university, name, birth, NIM, programme (upper case), degree (upper case), the number, the date over
the Rektor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_UNIVERSITIES = (("UNIVERSITAS NEGERI GORONTALO", "UN47", "GORONTALO"), ("UNIVERSITAS TADULAKO", "UN28", "PALU"),
                 ("UNIVERSITAS KHAIRUN", "UN44", "TERNATE"), ("UNIVERSITAS NEGERI MANADO", "UN41", "TONDANO"))
_FACULTY = {"TEKNIK INFORMATIKA": ("Teknik", "FT", "Teknik Elektro"),
            "PENDIDIKAN MATEMATIKA": ("Matematika dan IPA", "FMIPA", "Matematika"),
            "ILMU HUKUM": ("Hukum", "FH", "Hukum Pidana"), "KEPERAWATAN": ("Ilmu Kesehatan", "FIKES", "Keperawatan"),
            "AKUNTANSI": ("Ekonomi", "FE", "Akuntansi")}
_LEVEL = {"S1": "Sarjana (S1)", "D3": "Diploma Tiga (D3)"}
_PEOPLE = ("Prof. Dr. Ir. H. MUHAMMAD BASIR, SE., MS.", "Prof. Dr. ENI HANDAYANI, M.Pd.",
           "Dr. Ir. ROBERT TAMPUBOLON, M.T.", "Dr. NURHAYATI MOKOAGOW, S.H., M.H.", "Dr. HUSAIN AKBAR, M.Si.")
_GOLD = (150, 112, 38)


def _ministry(year: int) -> str:
    if year < 2000:
        return "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN"
    if year < 2010:
        return "DEPARTEMEN PENDIDIKAN NASIONAL"
    if year < 2012:
        return "KEMENTERIAN PENDIDIKAN NASIONAL"
    if 2015 <= year < 2020:
        return "KEMENTERIAN RISET, TEKNOLOGI, DAN PENDIDIKAN TINGGI"
    if year < 2021:
        return "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN"
    return "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI"


def u16d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as this university prints them."""
    name, code, town = rng.choice(_UNIVERSITIES)
    year = int(values["tanggal_lulus"][:4])
    faculty, fac, department = _FACULTY.get(values["program_studi"], ("Ilmu Sosial", "FIS", "Ilmu Sosial"))
    pin = year >= 2021
    number = values["nomor_ijazah"] if pin else \
        f"{code}/{fac}/{values['jenjang']}/{rng.randint(1, 2400):04d}/{year}"
    years = 4 if values["jenjang"] == "S1" else 3
    yudisium = dt.date.fromisoformat(values["tanggal_lulus"]) - dt.timedelta(days=rng.randint(25, 90))
    nim = f"{code[2:]}{(year - years) % 100:02d}{rng.randint(10, 99)}{rng.randint(1, 999):03d}"
    return {**values, "nama_satuan_pendidikan": name, "nomor_ijazah": number, "pin": pin, "nim": nim, "town": town,
            "faculty": faculty, "department": department, "entry": str(year - years),
            "yudisium": yudisium.isoformat(), "ipk": f"{rng.randint(280, 395) / 100:.2f}".replace(".", ","),
            "dekan": rng.choice(_PEOPLE[2:]), "rektor": rng.choice(_PEOPLE[:2])}


def _pairs(page: Page, rows: list[tuple[tuple[str, str], tuple[str, str]]], *, left: float, right: float,
           top: float, points: float) -> float:
    """Two `Label : value` pairs a line, each column with its own colons; returns the y under the last line."""
    step = page.pt(points) * 1.8
    gap = page.pt(points) * 0.8
    colons = [max(page.text_width(row[k][0], points=points) for row in rows) + page.pt(points) * 0.6 for k in (0, 1)]
    widest = max(page.text_width(row[0][1], points=points, bold=True) for row in rows)
    second = max(page.text_width(row[1][1], points=points, bold=True) for row in rows)
    middle = min(max((left + right) / 2 - 40, left + colons[0] + gap + widest + page.pt(points) * 2),
                 right - colons[1] - gap - second)
    for i, row in enumerate(rows):
        y = top + i * step
        for x, colon, (label, value) in zip((left, middle), colons, row, strict=True):
            page.text((x, y), label, points=points)
            page.text((x + colon, y), ":", points=points)
            page.text((x + colon + gap, y), value, points=points, bold=True)
    return top + len(rows) * step


def draw_u16d(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    page.style = dataclasses.replace(page.style, family=rng.choice(("DejaVu Serif", "FreeSerif")))
    w, h = page.width, page.image.height
    year = int(v["tanggal_lulus"][:4])
    page.rect((100, 100, w - 100, h - 100), width=3)
    left, right = 230 + rng.randint(-15, 15), w - 230 + rng.randint(-15, 15)
    cx = w / 2
    label = "PIN" if v["pin"] else "Nomor Seri"
    page.text((right, 190), f"{label} : {v['nomor_ijazah']}", points=9.5, anchor="ra")
    page.rect((cx - 130, 280, cx + 130, 540), width=3)
    page.text((cx, 410), "LOGO", points=9, anchor="mm")
    y: float = 600
    page.text((cx, y), _ministry(year), points=11.5, bold=True, anchor="mt")
    y += page.pt(20)
    ink = page.style.ink
    page.style = dataclasses.replace(page.style, ink=_GOLD)
    page.text((cx, y), v["nama_satuan_pendidikan"], points=22, bold=True, anchor="mt")
    page.style = dataclasses.replace(page.style, ink=ink)
    y += page.pt(46)
    page.text((cx, y), "IJAZAH", points=30, bold=True, anchor="mt")
    y += page.pt(54)
    page.text((left, y), "dengan ini menyatakan bahwa:", points=11.5)
    y += page.pt(26)
    name_colon = page.text_width("Nomor Induk Mahasiswa", points=11) + page.pt(11) * 0.6
    page.text((left, y), "Nama Lengkap", points=11)
    page.text((left + name_colon, y), ":", points=11)
    page.text((left + name_colon + page.pt(11) * 0.8, y - page.pt(2)), v["nama_lengkap"], points=14, bold=True)
    y += page.pt(11) * 2.2
    rows = [(("Nomor Induk Mahasiswa", v["nim"]), ("Angkatan", v["entry"])),
            (("Tempat Lahir", title_case(v["tempat_lahir"])),
             ("Tanggal Lahir", dt.date.fromisoformat(v["tanggal_lahir"]).strftime("%d-%m-%Y"))),
            (("Fakultas", v["faculty"]), ("Jurusan", v["department"])),
            (("Program Studi", title_case(v["program_studi"])), ("Jenjang", _LEVEL[v["jenjang"]])),
            (("Tanggal Kelulusan", date_long(v["yudisium"])), ("IPK", v["ipk"]))]
    y = _pairs(page, rows, left=left, right=right, top=y, points=10.5)
    y += page.pt(12)
    page.text((left, y), "telah menyelesaikan seluruh persyaratan pendidikan dan kepadanya diberikan", points=11.5)
    y += page.pt(26)
    page.text((left, y), "Gelar Akademik", points=11)
    page.text((left + name_colon, y), ":", points=11)
    page.text((left + name_colon + page.pt(11) * 0.8, y), v["gelar"].title(), points=12, bold=True)
    y += page.pt(20)
    page.text((left, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=11.5)
    y += page.pt(44)
    rx, dx = right - page.pt(80), left + page.pt(70)
    page.text((rx, y), f"{title_case(v['town'])}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((rx, y + page.pt(15)), "Rektor,", points=11, anchor="mt")
    page.text((dx, y + page.pt(15)), "Dekan,", points=11, anchor="mt")
    for sx, person in ((rx, v["rektor"]), (dx, v["dekan"])):
        page.text((sx, y + page.pt(80)), person, points=9.5, bold=True, anchor="mt")
        page.text((sx, y + page.pt(93)), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
        if security:
            page.paste(signature(rng, width=380, height=150), (round(sx - 190), round(y + page.pt(28))))
    photo = (cx - 150, y + page.pt(24), cx + 150, y + page.pt(24) + 400)
    page.rect(photo, width=2)
    page.text((cx, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    if security:
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="REKTOR", family="DejaVu Serif",
                     diameter=rng.randint(380, 430))
        page.paste(seal, (round(rx - seal.width * rng.uniform(0.9, 1.15)), round(y + page.pt(20))))
    return page
