"""Held-out family `ijazah-u13d` (session 13): the ijazah of a ministry's own college (sekolah kedinasan).

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the certificate of a college that a ministry runs for its future civil servants, whose
graduates are appointed straight into the service: the D3 of the finance ministry's college (`SEKOLAH
TINGGI AKUNTANSI NEGARA` until 2015, `POLITEKNIK KEUANGAN NEGARA STAN` since) and the S1 of the home
affairs ministry's (`SEKOLAH TINGGI PEMERINTAHAN DALAM NEGERI` until 2004, `INSTITUT PEMERINTAHAN DALAM
NEGERI` since). Landscape:

- a **coloured panel down the left third** (dark blue, maroon or dark green, the text in it white): the
  ministry, the emblem's circle, the college's short name, the photo box, and `Nomor Ijazah` with the
  number under it (the college's own series before 2021, `IPDN/S1/2015/00456` or `PKN-STAN/D3/2017/01234`;
  the 15-digit national number since);
- the right two thirds on white: `KEMENTERIAN KEUANGAN` / `KEMENTERIAN DALAM NEGERI` (`DEPARTEMEN ...`
  before 2010) over the college's name and `IJAZAH`; "Direktur / Rektor ..., berdasarkan hasil
  evaluasi akhir pendidikan, menyatakan bahwa:";
- the name large and centred without a label; under it a short list: `Nomor Pokok Praja` (IPDN, `NPP`
  like `22.0456`) or `Nomor Pokok Mahasiswa` (STAN, ten digits), "lahir di <Kota> pada tanggal
  <5 Juni 1990>" as one line, `Program Studi`, `Jenjang` (`Diploma III` or `Sarjana (S1)`);
- "telah menyelesaikan pendidikan dan dinyatakan lulus pada tanggal <date>" (**the yudisium, a
  distractor**, weeks before the issue) "serta berhak menyandang gelar" and the degree on its own line
  (`SARJANA ILMU PEMERINTAHAN (S.IP.)`, `AHLI MADYA (A.Md.)`);
- at the foot "`Jatinangor, 28 Juli 2015`" / "`Tangerang Selatan, ...`" (the issue date, the truth's
  `tanggal_lulus`) over the head (`Rektor,` / `Direktur,`) and, at the left of the white part, the
  minister's or the Kepala BPPK's co-signature (`MENTERI DALAM NEGERI`, `KEPALA BADAN PENDIDIKAN DAN
  PELATIHAN KEUANGAN`) with names and NIPs.

Truth: the college (its name of the year), name, birth, NPP/NPM as `nim`, programme, degree upper-cased,
number and issue date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image

from ._canvas import Page, Style, date_long
from ._kk import _nip
from ._marks import signature, stamp

_PANELS = ((20, 40, 100), (110, 25, 35), (15, 75, 50))
_D3 = (("AKUNTANSI", 62401), ("KEBENDAHARAAN NEGARA", 62402), ("PAJAK", 62403), ("KEPABEANAN DAN CUKAI", 62404))
_S1 = (("ILMU PEMERINTAHAN", 67201), ("MANAJEMEN PEMERINTAHAN", 67202))
_HEADS = ("Prof. Dr. ERMAYA SURADINATA, S.H., M.H., M.S.", "Dr. H. HADI PRABOWO, M.M.", "KRESNO SEDIARSI, Ak.",
          "RAHMADI MURWANTO, Ak., M.Acc.")
NATIONAL_SINCE = 2021


def u13d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as the ministry's college prints them."""
    lulus = dt.date.fromisoformat(values["tanggal_lulus"])
    d3 = values["jenjang"] == "D3"
    prodi, code = rng.choice(_D3 if d3 else _S1)
    if d3:
        college = "POLITEKNIK KEUANGAN NEGARA STAN" if lulus.year >= 2015 else "SEKOLAH TINGGI AKUNTANSI NEGARA"
        short = "PKN STAN" if lulus.year >= 2015 else "STAN"
        gelar = "AHLI MADYA (A.MD.)"
        printed_gelar = "Ahli Madya (A.Md.)"
        nim = f"{lulus.year - 3 - 2000:02d}{rng.randint(10_000_000, 99_999_999)}"
        nim_label = "Nomor Pokok Mahasiswa"
    else:
        college = "INSTITUT PEMERINTAHAN DALAM NEGERI" if lulus.year >= 2004 else "SEKOLAH TINGGI PEMERINTAHAN DALAM NEGERI"
        short = "IPDN" if lulus.year >= 2004 else "STPDN"
        gelar = printed_gelar = "SARJANA ILMU PEMERINTAHAN (S.IP.)"
        nim = f"{(lulus.year - 4) % 100:02d}.{rng.randint(1, 9999):04d}"
        nim_label = "Nomor Pokok Praja"
    if lulus.year >= NATIONAL_SINCE:
        nomor = f"{code}{lulus.year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(c) for c in nomor) % 10)
    else:
        nomor = f"{short.replace(' ', '-')}/{values['jenjang']}/{lulus.year}/{rng.randint(1, 9999):05d}"
    yudisium = lulus - dt.timedelta(days=rng.randint(10, 60))
    return {**values, "nama_satuan_pendidikan": college, "program_studi": prodi, "gelar": gelar, "nim": nim,
            "nomor_ijazah": nomor, "short": short, "printed_gelar": printed_gelar, "nim_label": nim_label,
            "yudisium": yudisium.isoformat(), "head": rng.choice(_HEADS), "panel": rng.choice(_PANELS)}


def u13d_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> Image.Image:
    """White card with the panel down the left third."""
    paper = Image.new("RGB", size, (252, 251, 247))
    paper.paste(Image.new("RGB", (int(size[0] * 0.3), size[1]), values["panel"]), (0, 0))
    return paper


def draw_u13d(base: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    page = Page(base.image.size, base.style, paper=u13d_paper(base.image.size, 0, v))
    w = page.width
    panel_w = w * 0.3
    d3 = v["jenjang"] == "D3"
    lulus = dt.date.fromisoformat(v["tanggal_lulus"])
    ministry = ("KEMENTERIAN" if lulus.year >= 2010 else "DEPARTEMEN") + (" KEUANGAN" if d3 else " DALAM NEGERI")
    saved = page.style
    page.style = Style(family=saved.family, scale=saved.scale, spacing=saved.spacing, ink=(250, 250, 250),
                       shift=saved.shift, geometry=saved.geometry)
    pc = panel_w / 2
    page.text((pc, 230), "REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    page.text((pc, 230 + page.pt(16)), ministry, points=10, anchor="mt")
    page.draw.ellipse((pc - 150, 420, pc + 150, 720), outline=(250, 250, 250), width=5)
    page.text((pc, 760), v["short"], points=22, bold=True, anchor="mt")
    page.rect((pc - 177, 960, pc + 177, 1432), width=3)
    page.text((pc, 1196), "3 x 4", points=9, anchor="mm")
    page.text((pc, 1560), "Nomor Ijazah", points=10, anchor="mt")
    page.text((pc, 1560 + page.pt(16)), v["nomor_ijazah"], points=11.5, bold=True, anchor="mt")
    page.style = saved
    left, right = panel_w + 150, w - 170
    cx = (left + right) / 2
    page.text((cx, 200), ministry, points=12, bold=True, anchor="mt")
    page.text((cx, 200 + page.pt(18)), v["nama_satuan_pendidikan"], points=15, bold=True, anchor="mt")
    page.text((cx, 200 + page.pt(44)), "IJAZAH", points=26, bold=True, anchor="mt")
    y: float = 200 + page.pt(86)
    head_title = "Direktur" if d3 else "Rektor"
    opening = f"{head_title} {v['nama_satuan_pendidikan'].title()}, berdasarkan hasil evaluasi akhir pendidikan, menyatakan bahwa:"
    for line in page.wrap_chunks(opening.split(), width=right - left, points=11):
        page.text((cx, y), line, points=11, anchor="mt")
        y += page.pt(11) * 1.5
    y += page.pt(6)
    page.text((cx, y), v["nama_lengkap"], points=18, bold=True, anchor="mt")
    y += page.pt(32)
    born = dt.date.fromisoformat(v["tanggal_lahir"])
    rows = [(v["nim_label"], v["nim"]), ("Tempat dan Tanggal Lahir", None),
            ("Program Studi", v["program_studi"].title()), ("Jenjang", "Diploma III" if d3 else "Sarjana (S1)")]
    colon = max(page.text_width(label, points=11) for label, _ in rows) + 30
    x = left + page.pt(60)
    for label, value in rows:
        if value is None:
            page.text((x, y), f"lahir di {v['tempat_lahir'].title()} pada tanggal {date_long(born.isoformat())}",
                      points=11)
        else:
            page.text((x, y), label, points=11)
            page.text((x + colon, y), f":  {value}", points=11)
        y += page.pt(11) * 1.6
    y += page.pt(4)
    middle = (f"telah menyelesaikan pendidikan dan dinyatakan lulus pada tanggal {date_long(v['yudisium'])} serta "
              "berhak menyandang gelar")
    for line in page.wrap_chunks(middle.split(), width=right - left, points=11):
        page.text((cx, y), line, points=11, anchor="mt")
        y += page.pt(11) * 1.5
    page.text((cx, y + page.pt(4)), v["printed_gelar"], points=15, bold=True, anchor="mt")
    y += page.pt(34)
    page.text((cx, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=11, anchor="mt")
    top = y + page.pt(26)
    town = "Tangerang Selatan" if d3 else ("Jatinangor" if lulus.year >= 1992 else "Bandung")
    sx = right - page.pt(110)
    page.text((sx, top), f"{town}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sx, top + page.pt(16)), f"{head_title},", points=11, anchor="mt")
    page.text((sx, top + page.pt(74)), v["head"], points=10.5, bold=True, anchor="mt")
    page.text((sx, top + page.pt(88)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    lx = left + page.pt(110)
    co = "KEPALA BADAN PENDIDIKAN DAN" if d3 else "MENTERI DALAM NEGERI"
    page.text((lx, top + page.pt(16)), co, points=10, anchor="mt")
    if d3:
        page.text((lx, top + page.pt(30)), "PELATIHAN KEUANGAN,", points=10, anchor="mt")
    page.text((lx, top + page.pt(74)), rng.choice(("TJAHJO KUMOLO, S.H.", "Drs. H. GAMAWAN FAUZI, S.H., M.M.",
                                                   "Dr. ANDIN HADIYANTO, M.Si.")), points=10.5, bold=True, anchor="mt")
    if security:
        page.paste(signature(rng, width=440, height=180), (int(sx - 220), int(top + page.pt(22))))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"][:44], centre=head_title.upper(), family=page.style.family,
                     diameter=rng.randint(380, 440))
        page.paste(seal, (int(sx - seal.width * rng.uniform(0.8, 1.05)), int(top + page.pt(6))))
    return page
