"""Held-out family `ijazah-u16c` (session 16): a school ijazah of the regional-autonomy years whose holder's data
are one paragraph, the values set in bold inside it.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: after 2001 the regencies (and since 2017 the province, for SMA and SMK) printed the school
certificates of their schools under their own heading; this printing (SD, SMP, SMA, SMK) states everything in
prose, as a letter does. Portrait A4 in FreeSerif or DejaVu Serif Condensed (one a page):

- top: the government of the year (`DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN` before 2000, `DEPARTEMEN PENDIDIKAN
  NASIONAL` in 2000; `PEMERINTAH KABUPATEN <X>` / `DINAS PENDIDIKAN PEMUDA DAN OLAHRAGA` 2001-2012; `PEMERINTAH KABUPATEN <X>` / `DINAS PENDIDIKAN DAN
  KEBUDAYAAN` since 2013, `PEMERINTAH PROVINSI SULAWESI TENGGARA` for SMA and SMK since 2017), a thin and a thick
  rule, then the school in large capitals and `NPSN : 4040xxxx` (since 2007) under it: **the school only in
  the heading**;
- `IJAZAH`, the level's name, `TAHUN PELAJARAN 2015/2016`;
- **one paragraph, no labels**: "Yang bertanda tangan di bawah ini, Kepala Sekolah, menerangkan dengan
  sesungguhnya bahwa **<NAME>**, lahir di **<Place>** pada tanggal **<12 Maret 2001>**, anak dari **<PARENT>**,
  Nomor Induk **<nis>**, Nomor Induk Siswa Nasional **<nisn>** (since 2007), telah mengikuti ujian ... dan
  dinyatakan LULUS." (justified left, the values in bold, each value kept on one line);
- the number at the **bottom left** under the photo box: `No. Seri : 420/0123/SMP/2016` (the regency's
  filing code 420 for education, a serial, the level, the year);
- the foot on the right: `Ditetapkan di : <Town>` / `Pada tanggal : 12 Juni 2016` over `Kepala Sekolah,`,
  signature, stamp, name and NIP (nine digits before 2000, eighteen since).

Truth: the school (as in the heading), NPSN and NISN where printed (else null), name, birth, parent, NIS, the
series number, the date of `Pada tanggal`.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_LEVELS = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
           "SMK": "SEKOLAH MENENGAH KEJURUAN"}
_TOWNS = ("KONAWE", "KOLAKA", "MUNA", "BUTON", "BOMBANA", "WAKATOBI")
_SEATS = {"KONAWE": "UNAAHA", "KOLAKA": "KOLAKA", "MUNA": "RAHA", "BUTON": "PASARWAJO", "BOMBANA": "RUMBIA",
          "WAKATOBI": "WANGI-WANGI"}
_HEADS = ("LA ODE SAFARUDDIN, S.Pd., M.Pd.", "Dra. ST. HADIJAH", "YOSEP TANDIRERUNG, S.Pd.", "HASRIN TAMBURAKA, S.Pd.")


def _government(level: str, year: int, regency: str) -> tuple[str, str]:
    if year < 2000:
        return "REPUBLIK INDONESIA", "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN"
    if year < 2001:
        return "REPUBLIK INDONESIA", "DEPARTEMEN PENDIDIKAN NASIONAL"
    if level in ("SMA", "SMK") and year >= 2017:
        return "PEMERINTAH PROVINSI SULAWESI TENGGARA", "DINAS PENDIDIKAN DAN KEBUDAYAAN"
    office = "DINAS PENDIDIKAN PEMUDA DAN OLAHRAGA" if year < 2013 else "DINAS PENDIDIKAN DAN KEBUDAYAAN"
    return f"PEMERINTAH KABUPATEN {regency}", office


def u16c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as this printing has them."""
    level = values["jenjang"]
    regency = rng.choice(_TOWNS)
    year = int(values["tanggal_lulus"][:4])
    numbered = year >= 2007
    school = f"{level} NEGERI {rng.randint(1, 6)} {_SEATS[regency]}"
    return {**values, "nama_satuan_pendidikan": school, "regency": regency, "seat": _SEATS[regency],
            "npsn": f"4040{rng.randint(1000, 9999)}" if numbered else None,
            "nisn": values["nisn"] if numbered else None, "nis": f"{rng.randint(100, 9999)}",
            "nomor_ijazah": f"420/{rng.randint(1, 2999):04d}/{level}/{year}", "head": rng.choice(_HEADS)}


def _paragraph(page: Page, chunks: list[tuple[str, bool]], *, left: float, right: float, top: float,
               points: float) -> float:
    """Words and bold values set line by line; a value is never broken. Returns the y under the last line."""
    step = page.pt(points) * 1.75
    space = page.text_width(" ", points=points)
    x, y = left, top
    for text, bold in chunks:
        width = page.text_width(text, points=points, bold=bold)
        if x > left and x + width > right:
            x, y = left, y + step
        page.text((x, y), text, points=points, bold=bold)
        x += width + space
    return y + step


def draw_u16c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    page.style = dataclasses.replace(page.style, family=rng.choice(("FreeSerif", "DejaVu Serif Condensed")))
    w = page.width
    left, right = 250 + rng.randint(-15, 15), w - 250 + rng.randint(-15, 15)
    cx = w / 2
    level = v["jenjang"]
    year = int(v["tanggal_lulus"][:4])
    government, office = _government(level, year, v["regency"])
    page.rect((120, 120, w - 120, page.image.height - 120), width=2)
    page.rect((140, 140, w - 140, page.image.height - 140), width=6)
    y: float = 260
    page.text((cx, y), government, points=12, bold=True, anchor="mt")
    page.text((cx, y + page.pt(17)), office, points=12, bold=True, anchor="mt")
    y += page.pt(38)
    page.line((left, y, right, y), width=2)
    page.line((left, y + 10, right, y + 10), width=6)
    y += page.pt(16)
    page.text((cx, y), v["nama_satuan_pendidikan"], points=18, bold=True, anchor="mt")
    if v["npsn"]:
        page.text((cx, y + page.pt(24)), f"NPSN : {v['npsn']}", points=10.5, anchor="mt")
    y += page.pt(56)
    page.text((cx, y), "IJAZAH", points=32, bold=True, anchor="mt")
    page.text((cx, y + page.pt(42)), _LEVELS[level], points=14, bold=True, anchor="mt")
    page.text((cx, y + page.pt(62)), f"TAHUN PELAJARAN {year - 1}/{year}", points=11.5, anchor="mt")
    y += page.pt(96)
    opening = "Yang bertanda tangan di bawah ini, Kepala Sekolah, menerangkan dengan sesungguhnya bahwa"
    chunks: list[tuple[str, bool]] = [(word, False) for word in opening.split()]
    chunks += [(f"{v['nama_lengkap']},", True), ("lahir", False), ("di", False),
               (f"{title_case(v['tempat_lahir'])}", True), ("pada", False), ("tanggal", False),
               (f"{date_long(v['tanggal_lahir'])},", True), ("anak", False), ("dari", False),
               (f"{v['nama_orang_tua'] or '-'},", True), ("Nomor", False), ("Induk", False), (f"{v['nis']},", True)]
    if v["nisn"]:
        chunks += [("Nomor", False), ("Induk", False), ("Siswa", False), ("Nasional", False), (f"{v['nisn']},", True)]
    closing = (f"telah mengikuti ujian akhir pada satuan pendidikan tersebut tahun pelajaran {year - 1}/{year} dan "
               "berdasarkan kriteria kelulusan yang berlaku dinyatakan").split()
    chunks += [(word, False) for word in closing] + [("LULUS.", True)]
    y = _paragraph(page, chunks, left=left, right=right, top=y, points=12.5)
    y += page.pt(34)
    photo = (left + 60, y + page.pt(10), left + 60 + 354, y + page.pt(10) + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    page.text((left, photo[3] + page.pt(18)), f"No. Seri : {v['nomor_ijazah']}", points=10.5)
    sx = right - page.pt(100)
    page.label_rows([("Ditetapkan di", title_case(v["seat"])), ("Pada tanggal", date_long(v["tanggal_lulus"]))],
                    x=sx - page.pt(80), top=y, points=11.5, colon_at=page.pt(11.5) * 6.6)
    y += page.pt(11.5) * page.style.spacing * 2 + page.pt(8)
    page.text((sx, y), "Kepala Sekolah,", points=11.5, anchor="mt")
    page.text((sx, y + page.pt(70)), v["head"], points=11.5, bold=True, anchor="mt")
    nip = _nip(rng) if year >= 2000 else str(rng.randint(130_000_000, 131_999_999))
    page.text((sx, y + page.pt(84)), f"NIP. {nip}", points=10.5, anchor="mt")
    if security:
        page.paste(signature(rng, width=400, height=160), (round(sx - 200), round(y + page.pt(18))))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre=title_case(v["seat"]).upper(),
                     family="DejaVu Serif", diameter=rng.randint(380, 430))
        page.paste(seal, (round(sx - seal.width * rng.uniform(0.85, 1.1)), round(y + page.pt(6))))
    return page
