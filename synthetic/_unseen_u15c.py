"""Held-out family `ijazah-u15c` (session 15): the school ijazah of an Indonesian school abroad, its holder's
data as captions over values.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the ijazah (SD, SMP, SMA, SMK) of a **Sekolah Indonesia Luar Negeri**, run under an embassy or
consulate and its education attaché (`SEKOLAH INDONESIA KUALA LUMPUR`, `SEKOLAH INDONESIA JEDDAH`, ...).
Portrait A4 in Caladea or C059 (one a page):

- top: `REPUBLIK INDONESIA`, the ministry of the year (`DEPARTEMEN PENDIDIKAN NASIONAL` before 2010,
  `KEMENTERIAN PENDIDIKAN NASIONAL` 2010-2011, `KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN` 2012-2020, since then
  `KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI`), `KEDUTAAN BESAR REPUBLIK INDONESIA DI <CITY>`
  (or `KONSULAT JENDERAL`), then the school in large capitals and `NPSN 699xxxxx` under it: **the school only in
  the heading**;
- `No. Seri : SILN-SMA/19/0001234` at the top left (the ijazah's number);
- `IJAZAH`, the level's name and `TAHUN PELAJARAN 2018/2019`;
- "Kepala Sekolah Indonesia Kuala Lumpur dengan ini menyatakan bahwa:", then the holder's data as **small
  lower-case captions, each over its value**, without colons, in two columns: `nama peserta didik` (the value
  large), `tempat dan tanggal lahir` (`Raha, 12/03/2001`: **the date in digits with slashes**), `nama orang
  tua / wali` | `nomor induk peserta didik` (the NIS under another name), `nomor induk siswa nasional`
  (since 2007; before that no NISN and no NPSN: null in the truth; the ministry `DEPARTEMEN PENDIDIKAN DAN
  KEBUDAYAAN` before 2000, the head's NIP nine digits);
- "telah menyelesaikan pendidikan dan dinyatakan LULUS dari <level> ... tahun pelajaran ...";
- the foot: `<City>, 12 Juni 2019` over `Kepala Sekolah,` with an 18-digit NIP on the right; `Mengetahui,` /
  `Atase Pendidikan dan Kebudayaan` / `KBRI <City>` with another NIP on the left; a photo box between them.

Truth: the school (as in the heading), its NPSN, name, birth, parent, NIS, NISN, the series number, the date
over the head's signature.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_POSTS = (("KUALA LUMPUR", "KEDUTAAN BESAR"), ("JEDDAH", "KONSULAT JENDERAL"), ("SINGAPURA", "KEDUTAAN BESAR"),
          ("KOTA KINABALU", "KONSULAT JENDERAL"), ("BANGKOK", "KEDUTAAN BESAR"), ("RIYADH", "KEDUTAAN BESAR"),
          ("DEN HAAG", "KEDUTAAN BESAR"))
_LEVELS = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
           "SMK": "SEKOLAH MENENGAH KEJURUAN"}
_HEADS = ("Drs. MUHAMMAD NUR, M.Pd.", "Hj. SRI WAHYUNI, S.Pd., M.M.", "AGUS SUPRIYANTO, M.Pd.",
          "Dr. RIZAL ANWAR, M.Si.")
_ATTACHES = ("Prof. Dr. AHMAD SETIAWAN", "Dr. IR. BUDI HARYANTO, M.Sc.", "Dr. SUKMAWATI, M.A.")


def _ministry(year: int) -> str:
    if year < 2000:
        return "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN"
    if year < 2010:
        return "DEPARTEMEN PENDIDIKAN NASIONAL"
    if year < 2012:
        return "KEMENTERIAN PENDIDIKAN NASIONAL"
    if year < 2021:
        return "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN"
    return "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI"


def u15c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as a school abroad prints them."""
    city, post = rng.choice(_POSTS)
    year = int(values["tanggal_lulus"][:4])
    numbered = year >= 2007  # NPSN and NISN exist since 2007
    return {**values, "nama_satuan_pendidikan": f"SEKOLAH INDONESIA {city}", "city": city, "post": post,
            "npsn": f"699{rng.randint(10000, 99999)}" if numbered else None,
            "nisn": values["nisn"] if numbered else None, "nis": f"{year % 100 - 3:02d}{rng.randint(1, 999):03d}"
            if year > 2005 else values["nis"],
            "nomor_ijazah": f"SILN-{values['jenjang']}/{year % 100:02d}/{rng.randint(1, 9_999_999):07d}",
            "head": rng.choice(_HEADS), "attache": rng.choice(_ATTACHES)}


def _caption(page: Page, x: float, y: float, caption: str, value: str, *, big: bool = False) -> float:
    page.text((x, y), caption, points=9)
    points = 15 if big else 12
    page.text((x, y + page.pt(12)), value, points=points, bold=big)
    return y + page.pt(12) + page.pt(points) * 1.9


def draw_u15c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    page.style = dataclasses.replace(page.style, family=rng.choice(("Caladea", "C059")))
    w, h = page.width, page.image.height
    left, right = 230 + rng.randint(-15, 15), w - 230 + rng.randint(-15, 15)
    cx = w / 2
    year = int(v["tanggal_lulus"][:4])
    page.rect((110, 110, w - 110, h - 110), width=4)
    page.text((left, 200), f"No. Seri : {v['nomor_ijazah']}", points=9.5)
    y: float = 330
    page.text((cx, y), "REPUBLIK INDONESIA", points=11, anchor="mt")
    page.text((cx, y + page.pt(15)), _ministry(year), points=11, bold=True, anchor="mt")
    page.text((cx, y + page.pt(30)), f"{v['post']} REPUBLIK INDONESIA DI {v['city']}", points=11, anchor="mt")
    y += page.pt(52)
    page.text((cx, y), v["nama_satuan_pendidikan"], points=19, bold=True, anchor="mt")
    if v["npsn"]:
        page.text((cx, y + page.pt(25)), f"NPSN {v['npsn']}", points=10, anchor="mt")
    y += page.pt(46)
    page.line((left, y, right, y), width=3)
    y += page.pt(22)
    page.text((cx, y), "IJAZAH", points=30, bold=True, anchor="mt")
    page.text((cx, y + page.pt(38)), _LEVELS[v["jenjang"]], points=14, bold=True, anchor="mt")
    page.text((cx, y + page.pt(58)), f"TAHUN PELAJARAN {year - 1}/{year}", points=11, anchor="mt")
    y += page.pt(88)
    school = title_case(v["nama_satuan_pendidikan"])
    page.text((left, y), f"Kepala {school} dengan ini menyatakan bahwa:", points=11.5)
    y += page.pt(30)
    born = f"{title_case(v['tempat_lahir'])}, {v['tanggal_lahir'][8:10]}/{v['tanggal_lahir'][5:7]}/{v['tanggal_lahir'][:4]}"
    indent = left + page.pt(14)
    yy = _caption(page, indent, y, "nama peserta didik", v["nama_lengkap"], big=True)
    yy = _caption(page, indent, yy, "tempat dan tanggal lahir", born)
    yy = _caption(page, indent, yy, "nama orang tua / wali", v["nama_orang_tua"] or "-")
    col = left + (right - left) * 0.6
    ry = _caption(page, col, y + page.pt(15 + 12) * 1.3, "nomor induk peserta didik", v["nis"] or "-")
    if v["nisn"]:
        _caption(page, col, ry, "nomor induk siswa nasional", v["nisn"])
    y = yy + page.pt(6)
    level = title_case(_LEVELS[v["jenjang"]])
    closing = (f"telah menyelesaikan pendidikan dan dinyatakan LULUS dari {level} pada {school} tahun pelajaran "
               f"{year - 1}/{year}.")
    for line in page.wrap_chunks(closing.split(), width=right - left, points=11.5):
        page.text((left, y), line, points=11.5)
        y += page.pt(11.5) * 1.6
    y += page.pt(30)
    sign_x = right - page.pt(95)
    page.text((sign_x, y), f"{title_case(v['city'])}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(15)), "Kepala Sekolah,", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(82)), v["head"], points=11, bold=True, anchor="mt")
    page.text((sign_x, y + page.pt(96)), f"NIP. {_nip(rng) if year >= 2000 else rng.randint(130_000_000, 131_999_999)}",
              points=10, anchor="mt")
    att_x = left + page.pt(95)
    page.text((att_x, y), "Mengetahui,", points=11, anchor="mt")
    page.text((att_x, y + page.pt(15)), "Atase Pendidikan dan Kebudayaan", points=11, anchor="mt")
    page.text((att_x, y + page.pt(29)), f"KBRI {title_case(v['city'])},", points=11, anchor="mt")
    page.text((att_x, y + page.pt(82)), v["attache"], points=11, bold=True, anchor="mt")
    page.text((att_x, y + page.pt(96)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    photo = (cx - 177, y + page.pt(20), cx + 177, y + page.pt(20) + 472)
    page.rect(photo, width=2)
    page.text((cx, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    if security:
        page.paste(signature(rng, width=400, height=160), (round(sign_x - 200), round(y + page.pt(30))))
        page.paste(signature(rng, width=380, height=150), (round(att_x - 190), round(y + page.pt(40))))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre=v["city"], family="DejaVu Serif",
                     diameter=rng.randint(380, 430))
        page.paste(seal, (round(sign_x - seal.width * rng.uniform(0.85, 1.1)), round(y + page.pt(20))))
    return page
