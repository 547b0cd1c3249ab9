"""Held-out family `ijazah-u12d` (session 12): a university's pre-printed ijazah blanko, the graduate's data
typed or printed into its blanks.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the S1 or D3 ijazah of a university that orders its certificates as **blanko** from a
security printer: the whole wording, border and the university's name pre-printed in **one colour**
(maroon, dark blue or dark green) on cream card, landscape, the graduate's data put in afterwards, on
**typewriters** until the mid-1990s and by the faculty's printer since, in black and never quite on the
blank lines:

- a double border with corner ornaments; `REPUBLIK INDONESIA` and the ministry of the year
  (`DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN` before 1999, `DEPARTEMEN PENDIDIKAN NASIONAL` to 2009, then
  `KEMENTERIAN ...`), the university's name large, `I J A Z A H` letter-spaced;
- top right `Nomor :` with the number filled in (the university's own series before 2021,
  `0457/UH.H/PP.06/1991`; the 15-digit national number since), top left `No. Seri` pre-printed in red
  (the blanko's serial, a distractor);
- the body as **sentences with blanks**: "Rektor <university>, berdasarkan hasil ujian ..., dengan ini
  menyatakan bahwa" / the name filled in alone on a line / "Nomor Stambuk" or "Nomor Pokok Mahasiswa"
  and the number / "lahir di ____ pada tanggal ____" / "telah menyelesaikan dengan baik ... pada
  Program ____ (Sarjana (S1) or Diploma III (D3))" / "Jurusan / Program Studi ____ Fakultas ____" /
  "yang dinyatakan lulus pada tanggal ____" (the yudisium, **a distractor** before the issue date) /
  "dan kepadanya diberikan gelar ____" (the degree with its short form);
- "Diberikan di ____ pada tanggal ____" (the issue date, the truth's `tanggal_lulus`: `17 Agustus
  1991` or, typed, `17-8-1991`), `Dekan,` left and `Rektor,` right, names and NIPs filled in; a photo
  box between them with the university's dry seal over it in some.

Truth: the university, the graduate's name and birth, NIM, programme, degree, number and issue date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from PIL import Image

import core

from ._canvas import Page, Style, title_case
from ._form import TYPEWRITERS, FormPage, dotted
from ._kk import _nip
from ._marks import signature, stamp

_FORM_INKS = ((110, 25, 35), (25, 45, 110), (20, 80, 50))
_UNIVERSITIES = (("UNIVERSITAS HASANUDDIN", "MAKASSAR", "UH", True), ("UNIVERSITAS HALUOLEO", "KENDARI", "UNHALU", False),
                 ("UNIVERSITAS MUSLIM INDONESIA", "MAKASSAR", "UMI", True),
                 ("UNIVERSITAS DAYANU IKHSANUDDIN", "BAUBAU", "UNIDAYAN", False))
_FACULTIES = {"TEKNIK INFORMATIKA": "Teknik", "PENDIDIKAN MATEMATIKA": "Keguruan dan Ilmu Pendidikan",
              "ILMU HUKUM": "Hukum", "KEPERAWATAN": "Ilmu Kesehatan", "AKUNTANSI": "Ekonomi"}
_PROGRAMMES = {"S1": "Sarjana (S1)", "D3": "Diploma III (D3)"}
_NAMES = ("Prof. Dr. Ir. H. Radi A. Gany", "Prof. Dr. H. Mahmud Hamundu, M.Sc.", "Prof. Dr. Ir. Usman Rianse, M.S.",
          "Dr. H. La Ode Masihu Kamaluddin", "Drs. H. Abd. Kadir, M.S.", "Prof. Dr. Andi Pangerang Moenta, S.H.")
TYPED_UNTIL = 1996
NATIONAL_SINCE = 2021


def u12d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as this blanko carries them."""
    university, town, short, stambuk = rng.choice(_UNIVERSITIES)
    issued = dt.date.fromisoformat(values["tanggal_lulus"])
    yudisium = issued - dt.timedelta(days=rng.randint(20, 120))
    year = issued.year
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[issued.month - 1]
    number = (values["nomor_ijazah"] if year >= NATIONAL_SINCE else
              rng.choice((f"{rng.randint(1, 4999):04d}/{short}.{rng.choice('ABCDEFH')}/PP.06/{year}",
                          f"{rng.randint(1, 999)}/{short}/{values['jenjang']}/{roman}/{year}")))
    entry = year - (4 if values["jenjang"] == "S1" else 3) - rng.randint(0, 2)
    nim = (f"{rng.choice('ABCDEFGH')}{rng.randint(1, 9)}{rng.choice('1234')}{entry % 100:02d}{rng.randint(1, 999):03d}"
           if stambuk else f"{entry % 100:02d}{rng.randint(10, 99)}{rng.randint(1, 999):04d}")
    return {
        **values, "nama_satuan_pendidikan": university, "nomor_ijazah": number.upper(), "printed_number": number,
        "nim": nim, "town": town, "stambuk": stambuk, "yudisium": yudisium.isoformat(),
        "typed": year <= TYPED_UNTIL or rng.random() < 0.15, "serial": f"{short} {rng.randint(1, 99999):06d}",
        "faculty": _FACULTIES.get(values["program_studi"], "Ilmu Sosial dan Ilmu Politik"),
        "rektor": rng.choice(_NAMES), "dekan": rng.choice(_NAMES[3:]),
    }


def u12d_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> Image.Image:
    """Cream card, slightly mottled."""
    rng = np.random.default_rng(seed)
    w, h = size
    noise = rng.normal(0, 2.5, (h // 16 + 1, w // 16 + 1)).astype(np.float32)
    base = np.array((248, 243, 226), dtype=np.float32)
    small = np.clip(base[None, None, :] + noise[..., None], 0, 255).astype(np.uint8)
    return Image.fromarray(small, "RGB").resize(size, Image.Resampling.BILINEAR)


def _date(iso: str, typed: bool) -> str:
    day = dt.date.fromisoformat(iso)
    if typed and day.day % 3 == 0:
        return f"{day.day}-{day.month}-{day.year}"
    return f"{day.day} {core.MONTHS_ID[day.month - 1].capitalize()} {day.year}"


def draw_u12d(base: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    style = base.style
    form_ink = rng.choice(_FORM_INKS)
    page = FormPage(base.image.size, Style(family=style.family, scale=rng.uniform(0.96, 1.03), spacing=style.spacing,
                                           ink=form_ink, shift=style.shift),
                    face=rng.choice(("Nimbus Roman", "URW Bookman", "FreeSerif")), paper=base.image)
    fill_face = rng.choice(TYPEWRITERS) if v["typed"] else rng.choice(("Nimbus Sans", "Nimbus Roman", "FreeSans"))
    fill_ink = (20, 20, 24)
    w, h = page.width, page.image.height
    _border(page)
    cx = w / 2
    year = int(v["tanggal_lulus"][:4])
    ministry = ("DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN" if year < 1999 else "DEPARTEMEN PENDIDIKAN NASIONAL"
                if year < 2010 else "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN" if year < 2015 else
                "KEMENTERIAN RISET, TEKNOLOGI, DAN PENDIDIKAN TINGGI" if year < 2020 else
                "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI")
    page.text((cx, 250), "REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    page.text((cx, 250 + page.pt(15)), ministry, points=11, bold=True, anchor="mt")
    page.text((cx, 250 + page.pt(34)), v["nama_satuan_pendidikan"], points=22, bold=True, anchor="mt")
    page.text((cx, 250 + page.pt(68)), "I J A Z A H", points=30, bold=True, anchor="mt")
    with page.using(ink=(190, 30, 30), face="Nimbus Sans"):
        page.text((260, 240), f"No. Seri  {v['serial']}", points=10, bold=True)

    def fill(x0: float, x1: float, y: float, text: str, *, points: float = 12.5, centre: bool = False) -> None:
        dotted(page, x0, x1, y + page.pt(3), step=12, width=2)
        size = points
        with page.using(face=fill_face, ink=fill_ink):
            while size > 7 and page.text_width(text, points=size) > x1 - x0 - 20:
                size -= 0.25
            dy = rng.uniform(-page.pt(4), page.pt(1.5))
            if centre:
                page.text(((x0 + x1) / 2 + rng.uniform(-30, 30), y + dy), text, points=size, anchor="ms")
            else:
                page.text((x0 + rng.uniform(10, 50), y + dy), text, points=size, anchor="ls")

    def printed(x: float, y: float, text: str, *, points: float = 11.5) -> float:
        page.text((x, y), text, points=points, anchor="ls")
        return x + page.text_width(text, points=points) + 12

    x_num = w - 1250
    fill(printed(x_num, 250 + page.pt(6), "Nomor :"), w - 260, 250 + page.pt(6), v["printed_number"], points=11)
    left, right = 420, w - 420
    y = 250 + page.pt(118)
    opening = (f"Rektor {title_case(v['nama_satuan_pendidikan'])}, berdasarkan hasil ujian yang telah ditempuh dan "
               "keputusan panitia ujian, dengan ini menyatakan bahwa")
    for line in page.wrap_chunks(opening.split(), width=right - left, points=11.5):
        page.text((cx, y), line, points=11.5, anchor="ms")
        y += page.pt(17)
    y += page.pt(12)
    fill(cx - 900, cx + 900, y, v["nama_lengkap"], points=17, centre=True)
    y += page.pt(30)
    label = "Nomor Stambuk" if v["stambuk"] else "Nomor Pokok Mahasiswa"
    x = printed(left, y, label)
    fill(x, x + 560, y, v["nim"])
    x = printed(x + 600, y, "lahir di")
    fill(x, x + 520, y, title_case(v["tempat_lahir"]))
    x = printed(x + 540, y, "pada tanggal")
    fill(x, right, y, _date(v["tanggal_lahir"], v["typed"]))
    y += page.pt(25)
    x = printed(left, y, "telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada Program")
    fill(x, right, y, _PROGRAMMES[v["jenjang"]])
    y += page.pt(25)
    x = printed(left, y, "Jurusan / Program Studi")
    fill(x, x + 900, y, title_case(v["program_studi"]))
    x = printed(x + 920, y, "Fakultas")
    fill(x, right, y, v["faculty"])
    y += page.pt(25)
    x = printed(left, y, "yang dinyatakan lulus pada tanggal")
    fill(x, x + 640, y, _date(v["yudisium"], v["typed"]))
    y += page.pt(25)
    x = printed(left, y, "dan kepadanya diberikan gelar")
    fill(x, right, y, v["gelar"], points=13)
    y += page.pt(25)
    page.text((left, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=11.5, anchor="ls")
    y += page.pt(30)
    sx = right - 620
    x = printed(sx - 250, y, "Diberikan di")
    fill(x, x + 420, y, title_case(v["town"]))
    y += page.pt(21)
    x = printed(sx - 250, y, "pada tanggal")
    fill(x, right, y, _date(v["tanggal_lulus"], v["typed"]))
    y += page.pt(26)
    page.text((left + 380, y), "Dekan,", points=11.5, anchor="ms")
    page.text((sx + 150, y), "Rektor,", points=11.5, anchor="ms")
    box = (cx - 160, y - page.pt(10), cx + 160, y - page.pt(10) + 420)
    page.rect(box, width=2)
    name_y = min(h - 300, y + page.pt(72))
    for xc, who in ((left + 380, v["dekan"]), (sx + 150, v["rektor"])):
        page.paste(signature(rng, width=440, height=180), (int(xc - 220), int(y + page.pt(8))))
        fill(xc - 450, xc + 450, name_y, who, points=11.5, centre=True)
        with page.using(face=fill_face, ink=fill_ink):
            page.text((xc - 400, name_y + page.pt(16)), f"NIP. {_nip(rng)}", points=10, anchor="ls")
    if security:
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"][:40], centre="REKTOR", family=style.family,
                     diameter=rng.randint(380, 440))
        page.paste(seal, (int(sx + 150 - seal.width * rng.uniform(0.7, 1.0)), int(y - page.pt(6))))
    return page


def _border(page: FormPage) -> None:
    w, h = page.width, page.image.height
    page.rect((120, 120, w - 120, h - 120), width=8)
    page.rect((150, 150, w - 150, h - 150), width=2)
    for cx, cy in ((150, 150), (w - 150, 150), (150, h - 150), (w - 150, h - 150)):
        for r in (40, 60):
            page.draw.ellipse((cx - r + page.style.shift[0], cy - r + page.style.shift[1],
                               cx + r + page.style.shift[0], cy + r + page.style.shift[1]),
                              outline=page.style.ink, width=3)
