"""Held-out family `ijazah-u15d` (session 15): a private university's landscape ijazah with a side band of
registry numbers, `Stambuk` for the student number and the birth on two labelled lines.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the S1 or D3 ijazah of a private university of the region (`UNIVERSITAS DAYANU IKHSANUDDIN`,
`UNIVERSITAS MUSLIM BUTON`, `UNIVERSITAS SULAWESI TENGGARA`, `UNIVERSITAS LAKIDENDE`), landscape A4 in Nimbus
Roman or Open Sans (one a page), in two parts side by side:

- a **left band** behind a vertical double rule: the photo box, then the numbers one under the other with
  their labels over them: since 2021 `PIN` (Penomoran Ijazah Nasional: the 15-digit national number, the
  ijazah's number) and `Nomor Registrasi Lulusan` (a registry number: a distractor); before 2021 `Nomor
  Ijazah` (`017/UDI/FT/S1/2016`) and the same registry number;
- the right part: the foundation (`YAYASAN ...`) over the university (the institution **only in the heading**),
  `IJAZAH`, then "Rektor Universitas ..., berdasarkan hasil yudisium tanggal 28 Agustus 2018, menyatakan bahwa:"
  (**the yudisium date: a distractor**, before the issue date), the holder's **name large and centred, no
  label**, then short labelled lines: `Stambuk` (the student number under its Sulawesi name), `Lahir di`
  (the place) and `Pada Tanggal` (the date in words) **on two lines**, `Program Studi`, `Jenjang` (`Strata
  Satu (S1)` / `Diploma Tiga (D3)`);
- "telah menyelesaikan seluruh persyaratan akademik dan berhak menyandang gelar Sarjana Komputer (S.Kom.)
  beserta segala hak dan kewajiban yang melekat padanya." (**the degree inside the sentence**, mixed case);
- the foot: the Dekan on the left, `<Town>, 20 Oktober 2018` over `Rektor,` on the right, both with an NIDN
  (a 10-digit lecturer number), the university's stamp.

Truth: the university, name, birth, student number, programme (upper case), degree (upper case), the PIN or
the old number, the date over the Rektor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._marks import signature, stamp

_UNIVERSITIES = (("UNIVERSITAS DAYANU IKHSANUDDIN", "UNIDAYAN", "BAUBAU", "YAYASAN PENDIDIKAN DAYANU IKHSANUDDIN"),
                 ("UNIVERSITAS MUSLIM BUTON", "UMB", "BAUBAU", "YAYASAN WAKAF MUSLIM BUTON"),
                 ("UNIVERSITAS SULAWESI TENGGARA", "UNSULTRA", "KENDARI", "YAYASAN PENDIDIKAN SULAWESI TENGGARA"),
                 ("UNIVERSITAS LAKIDENDE", "UNILAKI", "UNAAHA", "YAYASAN PENDIDIKAN LAKIDENDE"))
_FACULTY = {"TEKNIK INFORMATIKA": ("Fakultas Teknik", "FT"),
            "PENDIDIKAN MATEMATIKA": ("Fakultas Keguruan dan Ilmu Pendidikan", "FKIP"),
            "ILMU HUKUM": ("Fakultas Hukum", "FH"), "KEPERAWATAN": ("Fakultas Ilmu Kesehatan", "FIKES"),
            "AKUNTANSI": ("Fakultas Ekonomi", "FE")}
_LEVEL = {"S1": "Strata Satu (S1)", "D3": "Diploma Tiga (D3)"}
_PEOPLE = ("Dr. LA ODE MUSLIMIN, M.Si.", "Dr. Hj. WA ODE NURHAYATI, S.E., M.M.", "Ir. ARIFUDDIN, M.T.",
           "Prof. Dr. H. LA ODE ABDUL MUNAFI, M.Pd.", "Dr. SAHRIL BUCHORI, M.Kom.", "Dr. YUSRAN, S.H., M.H.")


def u15d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as this university prints them."""
    name, short, town, foundation = rng.choice(_UNIVERSITIES)
    year = int(values["tanggal_lulus"][:4])
    faculty, fac = _FACULTY.get(values["program_studi"], ("Fakultas Ilmu Sosial", "FISIP"))
    pin = year >= 2021
    number = values["nomor_ijazah"] if pin else f"{rng.randint(1, 480):03d}/{short}/{fac}/{values['jenjang']}/{year}"
    stambuk = f"{(year - 4) % 100:02d}{rng.randint(10, 99)}{rng.randint(1, 9999):04d}"
    issued = dt.date.fromisoformat(values["tanggal_lulus"])
    yudisium = issued - dt.timedelta(days=rng.randint(20, 75))
    return {**values, "nama_satuan_pendidikan": name, "nomor_ijazah": number, "nim": stambuk, "pin": pin,
            "town": town, "foundation": foundation, "faculty": faculty, "yudisium": yudisium.isoformat(),
            "registry": f"{year}{rng.randint(100, 999)}{rng.randint(10000, 99999)}",
            "dekan": rng.choice(_PEOPLE[:3]), "rektor": rng.choice(_PEOPLE[3:])}


def _mixed_degree(gelar: str) -> str:
    """`SARJANA KOMPUTER (S.KOM.)` as the sentence prints it: `Sarjana Komputer (S.Kom.)`."""
    words, _, short = gelar.partition(" (")
    short = short.rstrip(")")
    abbrev = ".".join(p.capitalize() if len(p) > 2 else p.upper() if p in ("S", "A") else p.capitalize()
                      for p in short.split("."))
    return f"{title_case(words)} ({abbrev})"


def draw_u15d(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    page.style = dataclasses.replace(page.style, family=rng.choice(("Nimbus Roman", "Open Sans")))
    w, h = page.width, page.image.height
    page.rect((90, 90, w - 90, h - 90), width=5)
    band = 820 + rng.randint(-20, 20)
    page.line((band, 130, band, h - 130), width=3)
    page.line((band + 10, 130, band + 10, h - 130), width=1)
    bx = 170
    photo = (bx + 60, 300, bx + 60 + 413, 300 + 531)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "4 x 6", points=9, anchor="mm")
    y: float = photo[3] + 120
    numbers = (("PIN", v["nomor_ijazah"]) if v["pin"] else ("Nomor Ijazah", v["nomor_ijazah"]),
               ("Nomor Registrasi Lulusan", v["registry"]))
    for label, value in numbers:
        page.text((bx, y), label, points=9)
        page.text((bx, y + page.pt(13)), value, points=10.5, bold=True)
        y += page.pt(44)
    left, right = band + 130, w - 170
    cx = (left + right) / 2
    y = 200
    page.text((cx, y), v["foundation"], points=11, anchor="mt")
    page.text((cx, y + page.pt(16)), v["nama_satuan_pendidikan"], points=20, bold=True, anchor="mt")
    y += page.pt(50)
    page.text((cx, y), "IJAZAH", points=28, bold=True, anchor="mt")
    y += page.pt(48)
    opening = (f"Rektor {title_case(v['nama_satuan_pendidikan'])}, berdasarkan hasil yudisium tanggal "
               f"{date_long(v['yudisium'])}, menyatakan bahwa:")
    for line in page.wrap_chunks(opening.split(), width=right - left, points=11.5):
        page.text((cx, y), line, points=11.5, anchor="mt")
        y += page.pt(11.5) * 1.5
    y += page.pt(10)
    page.text((cx, y), v["nama_lengkap"], points=20, bold=True, anchor="mt")
    y += page.pt(38)
    rows = [("Stambuk", v["nim"]), ("Lahir di", title_case(v["tempat_lahir"])),
            ("Pada Tanggal", date_long(v["tanggal_lahir"])), ("Program Studi", title_case(v["program_studi"])),
            ("Jenjang", _LEVEL[v["jenjang"]])]
    x = left + (right - left) * 0.22
    y = page.label_rows(rows, x=x, top=y, points=11.5, colon_at=page.pt(11.5) * 7.5)
    y += page.pt(8)
    before = f"telah menyelesaikan seluruh persyaratan akademik pada {v['faculty']} dan berhak menyandang gelar"
    after = "beserta segala hak dan kewajiban yang melekat padanya."
    closing = [*before.split(), _mixed_degree(v["gelar"]), *after.split()]
    for line in page.wrap_chunks(closing, width=right - left, points=11.5):
        page.text((cx, y), line, points=11.5, anchor="mt")
        y += page.pt(11.5) * 1.5
    y += page.pt(18)
    rx, dx = right - page.pt(95), left + page.pt(95)
    page.text((rx, y), f"{title_case(v['town'])}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((rx, y + page.pt(15)), "Rektor,", points=11, anchor="mt")
    page.text((dx, y + page.pt(15)), f"Dekan {v['faculty']},", points=11, anchor="mt")
    for sx, person in ((rx, v["rektor"]), (dx, v["dekan"])):
        page.text((sx, y + page.pt(78)), person, points=11, bold=True, anchor="mt")
        page.text((sx, y + page.pt(92)), f"NIDN. {rng.randint(9, 9)}{rng.randint(100_000_000, 999_999_999)}",
                  points=10, anchor="mt")
        if security:
            page.paste(signature(rng, width=400, height=160), (round(sx - 200), round(y + page.pt(26))))
    if security:
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="REKTOR", family="DejaVu Serif",
                     diameter=rng.randint(380, 430))
        page.paste(seal, (round(rx - seal.width * rng.uniform(0.9, 1.15)), round(y + page.pt(18))))
    return page
