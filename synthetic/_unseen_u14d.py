"""Held-out family `ijazah-u14d` (session 14): a private sekolah tinggi's or akademi's ijazah set as a centred
ceremonial page, the graduate's name in a script face.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the ijazah of a small private college (Sekolah Tinggi Ilmu Ekonomi, Sekolah Tinggi Ilmu
Kesehatan, Akademi Kebidanan / Farmasi) as the print shop that makes its blanks sets it: portrait, a wide
ornamental border, a pale seal in the middle of the page, and **every line centred**, with no `Label : value`
rows at all:

- the foundation (`YAYASAN PENDIDIKAN ...`) small, the college's name large (the truth's institution),
  `Terakreditasi` with a decree number, then `IJAZAH`;
- the number at the **top left** in small type, `Nomor : 012/STIE-SK/S1/VIII/2012` before 2021, since then
  `Nomor Ijazah Nasional : <15 digits>` with the college's own `No. Seri` at the top right;
- "dengan ini menyatakan bahwa", the **name in a chancery script, large, in title case** (`Andi Nurhayati`;
  the truth is the name in capitals), `NIM. 0912345` centred under it, then "lahir di Kendari pada tanggal
  3 Maret 1990";
- "telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada", `Program Studi Manajemen`
  (`Kebidanan`, ...), `Jenjang Program Sarjana (S1)` / `Program Diploma Tiga (D3)`, "oleh sebab itu
  kepadanya diberikan gelar", the degree on its own line (`SARJANA MANAJEMEN (S.M.)`, `AHLI MADYA
  KEBIDANAN (A.Md.Keb.)`), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.";
- "Diberikan di Kendari pada tanggal 25 Agustus 2014" (the truth's `tanggal_lulus`), two signatures:
  `Ketua Program Studi` (left) and `Ketua` or `Direktur` (right), names and NIDN; photo box between them.

Truth: jenjang, the college, name, birth, NIM, programme, degree, number, date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
from PIL import Image

from ._canvas import Page, date_long, title_case
from ._form import own_font
from ._marks import signature, stamp

_S1 = (("SEKOLAH TINGGI ILMU EKONOMI SWADAYA KENDARI", "STIE-SK", "Ketua", (
            ("MANAJEMEN", "SARJANA MANAJEMEN (S.M.)", "SARJANA EKONOMI (S.E.)"),
            ("AKUNTANSI", "SARJANA AKUNTANSI (S.Ak.)", "SARJANA EKONOMI (S.E.)"))),
       ("SEKOLAH TINGGI ILMU KESEHATAN MANDALA WALUYA", "STIKES-MW", "Ketua", (
            ("KESEHATAN MASYARAKAT", "SARJANA KESEHATAN MASYARAKAT (S.K.M.)", "SARJANA KESEHATAN MASYARAKAT (S.K.M.)"),
            ("ILMU KEPERAWATAN", "SARJANA KEPERAWATAN (S.Kep.)", "SARJANA KEPERAWATAN (S.Kep.)"))))
_D3 = (("AKADEMI KEBIDANAN PELITA IBU KENDARI", "AKBID-PI", "Direktur", (
            ("KEBIDANAN", "AHLI MADYA KEBIDANAN (A.Md.Keb.)", "AHLI MADYA KEBIDANAN (Amd.Keb.)"),)),
       ("AKADEMI FARMASI BINA HUSADA", "AKFAR-BH", "Direktur", (
            ("FARMASI", "AHLI MADYA FARMASI (A.Md.Farm.)", "AHLI MADYA FARMASI (Amd.Far.)"),)))
_NAMES = ("Dr. LA ODE MUH. JUFRI, S.E., M.Si.", "Hj. WA ODE SITTI NURHAYA, S.ST., M.Kes.",
          "ANDI HASRUL, S.E., M.M.", "YULIANA TANDIARRANG, S.Farm., M.Kes.", "MUHAMMAD NUR ALAM, S.K.M., M.Kes.")
SCRIPT = "Z003"
NATIONAL_SINCE = 2021


def u14d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as a small private college prints them."""
    jenjang = values["jenjang"]
    college, short, head, programmes = rng.choice(_S1 if jenjang == "S1" else _D3)
    prodi, gelar, older = rng.choice(programmes)
    lulus = dt.date.fromisoformat(values["tanggal_lulus"])
    degree = gelar if lulus.year >= 2019 else older  # degree names changed with the 2018 regulation
    if lulus.year >= NATIONAL_SINCE:
        number = values["nomor_ijazah"]
    else:
        roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[lulus.month - 1]
        number = f"{rng.randint(1, 480):03d}/{short}/{jenjang}/{roman}/{lulus.year}"
    nim = f"{str(lulus.year - (4 if jenjang == 'S1' else 3))[2:]}{rng.randint(1, 9)}{rng.randint(1000, 9999)}"
    return {**values, "nama_satuan_pendidikan": college, "program_studi": prodi, "gelar": degree.upper(),
            "printed_degree": degree, "nomor_ijazah": number, "nim": nim, "short": short, "head_title": head,
            "seri": f"{short}-{rng.randint(100000, 999999)}", "national": lulus.year >= NATIONAL_SINCE,
            "signers": rng.sample(_NAMES, 2), "town": "KENDARI" if "KENDARI" in college or rng.random() < 0.7
            else "KOLAKA"}


def _seal(page: Page, rng: random.Random) -> None:
    """A pale seal of rings and rays in the middle of the page, drawn on the paper (under the text)."""
    w, h = page.width, page.image.height
    d = int(w * 0.55)
    yy, xx = np.mgrid[0:d, 0:d].astype(np.float32) - d / 2
    r = np.hypot(xx, yy)
    rays = np.cos(np.arctan2(yy, xx) * rng.choice((24, 32, 40))) > 0.6
    mark = ((np.abs(r - d * 0.46) < 6) | (np.abs(r - d * 0.40) < 3) | (rays & (r < d * 0.36) & (r > d * 0.16)))
    alpha = Image.fromarray((mark * rng.randint(22, 40)).astype(np.uint8), "L")
    tint = Image.new("RGBA", (d, d), (150, 120, 60, 0))
    tint.putalpha(alpha)
    page.paste(tint, (round(w / 2 - d / 2), round(h * 0.47 - d / 2)))


def _border(page: Page, rng: random.Random) -> None:
    w, h = page.width, page.image.height
    page.rect((110, 110, w - 110, h - 110), width=8)
    page.rect((135, 135, w - 135, h - 135), width=2)
    step = rng.choice((36, 44))
    for x in range(160, w - 160, step):
        for y in (150, h - 150):
            page.draw.ellipse((x, y - 6, x + 12, y + 6), outline=page.style.ink, width=2)


def draw_u14d(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w = page.width
    cx = w / 2
    _seal(page, rng)
    _border(page, rng)
    if v["national"]:
        page.text((220, 210), f"Nomor Ijazah Nasional : {v['nomor_ijazah']}", points=9)
        page.text((w - 220, 210), f"No. Seri : {v['seri']}", points=9, anchor="ra")
    else:
        page.text((220, 210), f"Nomor : {v['nomor_ijazah']}", points=9)
    y: float = 330
    page.text((cx, y), f"YAYASAN PENDIDIKAN {v['short'].split('-')[1]} SULAWESI TENGGARA", points=10, anchor="mt")
    y += page.pt(18)
    lines = page.wrap_chunks(v["nama_satuan_pendidikan"].split(), width=w - 700, points=19)
    for line in lines:
        page.text((cx, y), line, points=19, bold=True, anchor="mt")
        y += page.pt(24)
    page.text((cx, y), f"Terakreditasi BAN-PT Nomor {rng.randint(100, 999)}/SK/BAN-PT/Akred/PT/{rng.choice(('XI', 'IV', 'VII'))}"
              f"/{int(v['tanggal_lulus'][:4]) - rng.randint(1, 4)}", points=9, anchor="mt")
    y += page.pt(34)
    page.text((cx, y), "IJAZAH", points=34, bold=True, anchor="mt")
    y += page.pt(56)
    page.text((cx, y), "dengan ini menyatakan bahwa", points=12, anchor="mt")
    y += page.pt(24)
    name = title_case(v["nama_lengkap"])
    size = 30.0
    while page.text_width(name, points=size) > w - 800 and size > 18:
        size -= 1
    face = own_font(SCRIPT, page.pt(size))
    page.draw.text((cx + page.style.shift[0], y + page.style.shift[1]), name, font=face, fill=page.style.ink,
                   anchor="mt")
    bx = page.draw.textbbox((cx, y), name, font=face, anchor="mt")
    page.ops.append(("text", bx[0] + page.style.shift[0], y + page.style.shift[1] + face.getmetrics()[0], name,
                     str(face.path), face.size, page.style.ink))
    y += page.pt(size) * 1.35
    page.text((cx, y), f"NIM. {v['nim']}", points=12, anchor="mt")
    y += page.pt(22)
    page.text((cx, y), f"lahir di {title_case(v['tempat_lahir'])} pada tanggal {date_long(v['tanggal_lahir'])}",
              points=12, anchor="mt")
    y += page.pt(30)
    page.text((cx, y), "telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada", points=12,
              anchor="mt")
    y += page.pt(22)
    page.text((cx, y), f"Program Studi {title_case(v['program_studi'])}", points=14, bold=True, anchor="mt")
    y += page.pt(22)
    level = "Jenjang Program Sarjana (S1)" if v["jenjang"] == "S1" else "Program Diploma Tiga (D3)"
    page.text((cx, y), level, points=12, anchor="mt")
    y += page.pt(28)
    page.text((cx, y), "oleh sebab itu kepadanya diberikan gelar", points=12, anchor="mt")
    y += page.pt(22)
    page.text((cx, y), v["printed_degree"], points=16, bold=True, anchor="mt")
    y += page.pt(28)
    page.text((cx, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=12, anchor="mt")
    y += page.pt(34)
    page.text((cx, y), f"Diberikan di {title_case(v['town'])} pada tanggal {date_long(v['tanggal_lulus'])}",
              points=12, anchor="mt")
    y += page.pt(26)
    xs = (w * 0.27, w * 0.73)
    titles = ("Ketua Program Studi,", f"{v['head_title']},")
    for x, title, signer in zip(xs, titles, v["signers"], strict=True):
        page.text((x, y), title, points=11, anchor="mt")
        page.text((x, y + page.pt(70)), signer, points=9.5, bold=True, anchor="mt")
        page.text((x, y + page.pt(84)), f"NIDN. {rng.randint(900000000, 999999999):010d}", points=10, anchor="mt")
        if security:
            page.paste(signature(rng, width=400, height=160), (round(x - 200), round(y + page.pt(16))))
    photo = (cx - 177, y + page.pt(6), cx + 177, y + page.pt(6) + 472)
    page.rect(photo, width=2)
    page.text((cx, (photo[1] + photo[3]) / 2), "4 x 6", points=9, anchor="mm")
    if security:
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"][:42], centre=v["head_title"].upper(),
                     family=page.style.family, diameter=rng.randint(380, 440))
        page.paste(seal, (round(xs[1] - seal.width * rng.uniform(0.8, 1.05)), round(y + page.pt(8))))
    return page
