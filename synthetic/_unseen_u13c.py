"""Held-out family `ijazah-u13c` (session 13): a school ijazah whose holder's data sit in a ruled grid of
captioned cells.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the school ijazah (SD, SMP, SMA, SMK) printed by a province's ordering of the ministry's blanko
in the years around the national examination, portrait, in which the data are not `Label : value` lines
but **boxes**, as on a form:

- top: `REPUBLIK INDONESIA` and the ministry of the year (`DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN` before 2000, `DEPARTEMEN PENDIDIKAN NASIONAL` to 2009,
  `KEMENTERIAN PENDIDIKAN NASIONAL` to 2011, `KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN` since), the emblem's
  circle, `IJAZAH`, the level's full name (`SEKOLAH MENENGAH ATAS`) and `TAHUN PELAJARAN 2008/2009`;
- "Yang bertanda tangan di bawah ini, Kepala Sekolah, menerangkan bahwa:";
- a **ruled grid**: each cell carries a **small caption in its top left corner** (numbered `1.` ... in
  half) and the value larger under it: one wide cell `Nama Peserta Didik`; `Tempat Lahir` | `Tanggal Lahir`
  (`12 Juni 1993`); `Nama Orang Tua / Wali`; `Nomor Induk Siswa` | `Nomor Induk Siswa Nasional` (the NISN
  **one digit to a box** of a comb, since 2007; `-` before); `Nama Sekolah` | `NPSN` (one digit to a box,
  since 2007; `-` before);
- "dinyatakan LULUS dari satuan pendidikan tersebut berdasarkan kriteria kelulusan ... tahun pelajaran
  ...";
- at the foot, right: "`<Town>, 15 Juni 2009`" (the truth's `tanggal_lulus`), `Kepala Sekolah,`, the name
  and NIP; left: the photo box; **the ijazah's number at the very bottom left** under a short rule:
  `No. Seri Ijazah : DN-74/M-SMA/13/0001234` (no other number on the page).

Truth: the level, school, NPSN and NISN where printed (else null), the name, birth, parent, NIS, number and
the date over the signature.
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_LEVELS = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
           "SMK": "SEKOLAH MENENGAH KEJURUAN"}
_HEADS = ("Drs. LA ODE MUH. SALEH", "Hj. SITTI NURBAYA, S.Pd., M.Pd.", "YOHANIS TANDI, S.Pd.", "ABDUL HARIS, S.Pd., M.Si.")
NISN_SINCE = 2007


def u13c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`): NISN and NPSN exist only since 2007."""
    old = int(values["tanggal_lulus"][:4]) < NISN_SINCE
    return {**values, "npsn": None if old else values["npsn"], "nisn": None if old else values["nisn"],
            "numbered": rng.random() < 0.5, "head": rng.choice(_HEADS)}


def u13c_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> None:
    """Printed on the common certificate paper when on security paper (None: the caller's default)."""
    return None


def _ministry(year: int) -> str:
    if year < 2000:
        return "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN"
    if year < 2010:
        return "DEPARTEMEN PENDIDIKAN NASIONAL"
    if year < 2012:
        return "KEMENTERIAN PENDIDIKAN NASIONAL"
    return "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN"


def draw_u13c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w = page.width
    left, right = 250 + rng.randint(-20, 20), w - 250 + rng.randint(-20, 20)
    year = int(v["tanggal_lulus"][:4])
    page.rect((150, 150, w - 150, page.image.height - 150), width=5)
    page.rect((175, 175, w - 175, page.image.height - 175), width=2)
    y : float = 300
    page.text((w / 2, y), "REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((w / 2, y + page.pt(17)), _ministry(year), points=12, bold=True, anchor="mt")
    d = page.pt(46)
    page.draw.ellipse((w / 2 - d / 2, y + page.pt(38), w / 2 + d / 2, y + page.pt(38) + d), outline=page.style.ink,
                      width=3)
    y += page.pt(38) + d + page.pt(10)
    page.text((w / 2, y), "IJAZAH", points=28, bold=True, anchor="mt")
    page.text((w / 2, y + page.pt(36)), _LEVELS[v["jenjang"]], points=14, bold=True, anchor="mt")
    page.text((w / 2, y + page.pt(56)), f"TAHUN PELAJARAN {year - 1}/{year}", points=11, anchor="mt")
    y += page.pt(84)
    page.text((left, y), "Yang bertanda tangan di bawah ini, Kepala Sekolah, menerangkan bahwa:", points=11)
    y += page.pt(24)
    numbered = v["numbered"]
    rows: list[list[tuple[str, str, str | None]]] = [
        [("Nama Peserta Didik", "text", v["nama_lengkap"])],
        [("Tempat Lahir", "text", title_case(v["tempat_lahir"])), ("Tanggal Lahir", "text", date_long(v["tanggal_lahir"]))],
        [("Nama Orang Tua / Wali", "text", v["nama_orang_tua"])],
        [("Nomor Induk Siswa", "text", v["nis"]), ("Nomor Induk Siswa Nasional", "comb", v["nisn"])],
        [("Nama Sekolah", "text", v["nama_satuan_pendidikan"]), ("NPSN", "comb", v["npsn"])],
    ]
    cell_h = page.pt(40)
    n = 0
    for row in rows:
        shares = (1.0,) if len(row) == 1 else (0.55, 0.45)
        x: float = left
        for share, (caption, kind, value) in zip(shares, row, strict=True):
            x1 = x + (right - left) * share
            page.rect((x, y, x1, y + cell_h), width=2)
            n += 1
            page.text((x + 14, y + 10), f"{n}. {caption}" if numbered else caption, points=7.5)
            if kind == "comb" and value:
                box = page.pt(15)
                for i, digit in enumerate(value):
                    bx = x + 20 + i * box
                    page.rect((bx, y + cell_h - box - 14, bx + box, y + cell_h - 14), width=1)
                    page.text((bx + box / 2, y + cell_h - 14 - box / 2), digit, points=11, anchor="mm")
            else:
                page.text((x + 24, y + cell_h - 22), value or "-", points=13, bold=kind == "text" and n == 1,
                          anchor="ls")
            x = x1
        y += cell_h
    y += page.pt(14)
    closing = (f"dinyatakan LULUS dari satuan pendidikan tersebut berdasarkan kriteria kelulusan yang berlaku "
               f"pada tahun pelajaran {year - 1}/{year}.")
    for line in page.wrap_chunks(closing.split(), width=right - left, points=11):
        page.text((left, y), line, points=11)
        y += page.pt(11) * 1.5
    sign_x = right - page.pt(100)
    top = y + page.pt(22)
    town = v["nama_satuan_pendidikan"].split()[-1]
    page.text((sign_x, top), f"{title_case(town)}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, top + page.pt(16)), "Kepala Sekolah,", points=11, anchor="mt")
    page.text((sign_x, top + page.pt(82)), v["head"], points=11, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(97)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    photo = (left + page.pt(30), top + page.pt(6), left + page.pt(30) + 354, top + page.pt(6) + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    if security:
        page.paste(signature(rng, width=440, height=180), (int(sign_x - 220), int(top + page.pt(26))))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"][:40], centre="KEPALA\nSEKOLAH", family=page.style.family,
                     diameter=rng.randint(380, 440))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.05)), int(top + page.pt(10))))
    foot = page.image.height - 330
    page.line((left, foot - page.pt(14), left + page.pt(150), foot - page.pt(14)), width=2)
    page.text((left, foot), f"No. Seri Ijazah : {v['nomor_ijazah']}", points=10, anchor="ls")
    return page

