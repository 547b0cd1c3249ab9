"""The equivalency certificate of non-formal education (family `ijazah-kesetaraan`): Paket A, B or C from
a PKBM or SKB under the regency's Dinas Pendidikan.

What differs from the other school families: the issuer is a community learning centre (`PKBM …`) or the
regency's `SANGGAR KEGIATAN BELAJAR`, under `PEMERINTAH KABUPATEN … / DINAS PENDIDIKAN`; the jenjang is
`PAKET A`, `PAKET B` or `PAKET C` (the truth's jenjang; SD, SMP and SMA/SMK equivalents); before 2008
the old wording, `SURAT TANDA TAMAT BELAJAR` for a `KELOMPOK BELAJAR PAKET B` (no NPSN, no NISN, an
old number `12 PB 0012345`), since then `IJAZAH` / `PENDIDIKAN KESETARAAN` / `PROGRAM PAKET C SETARA
SMA` with a `DN-PC 0012345` number, the centre's NPSN (`P…`) and NISN; the sentence "Yang bertanda
tangan di bawah ini, … menerangkan bahwa", the holder's name large and centred without a label; parent,
birth place and date, `Nomor Induk Warga Belajar` (the NIS) and NISN inside one sentence wrapped over
lines (a value never split); the centre named again in the closing sentence; `Ditetapkan di :` and `Pada
tanggal :` stacked over the Kepala Dinas's signature, the head of the centre signing on the left; an
ornamented border, a photo box, the Dinas's seal over the date and title.
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

PAKET = {
    # school jenjang: (truth jenjang, letter, equivalent printed, age at graduation offset)
    "SD": ("PAKET A", "A", "SD/MI"),
    "SMP": ("PAKET B", "B", "SMP/MTs"),
    "SMA": ("PAKET C", "C", "SMA/MA"),
    "SMK": ("PAKET C", "C", "SMA/MA"),
}
_CENTRES = ("PKBM TUNAS HARAPAN", "PKBM NUSANTARA", "PKBM BINA INSANI", "PKBM CAHAYA ILMU", "PKBM MEKAR SARI")
_DINAS = ("Drs. H. ABDUL MUIS, M.Pd.", "LA ODE MUHAMMAD AMIN, S.Pd., M.Si.", "Dra. Hj. WA ODE ZAHRA, M.M.")
_CHAIRS = ("SITTI RAHMAWATI, S.Pd.", "ASRUN LAPOTA, S.Sos.", "MUHAMMAD IKBAL, S.Pd.I.", "NURLINDA, A.Ma.")
NEW_WORDING_SINCE = 2008
_FIRST_YEAR = {"A": 1990, "B": 1996, "C": 2004}


def kesetaraan_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as a PKBM or SKB prints the equivalent Paket."""
    jenjang, letter, equivalent = PAKET[values["jenjang"]]
    town = values["nama_satuan_pendidikan"].split(" ", 3)[3]  # after "SMA NEGERI 3"
    # Learners of a Paket are often adults, and the programmes are younger than the school levels.
    year = int(values["tanggal_lulus"][:4]) + rng.randint(0, 9)
    year = min(max(year, _FIRST_YEAR[letter] + rng.randint(0, 6)), 2025)
    lulus = f"{year}{values['tanggal_lulus'][4:]}"
    skb = rng.random() < 0.3
    centre = f"SANGGAR KEGIATAN BELAJAR {town}" if skb else f"{rng.choice(_CENTRES)} {town}"
    new = year >= NEW_WORDING_SINCE
    serial = rng.randint(1, 9_999_999)
    return {
        **values, "jenjang": jenjang, "nama_satuan_pendidikan": centre, "tanggal_lulus": lulus,
        "npsn": f"P{rng.randint(9_960_000, 9_999_999)}" if new else None,
        "nisn": values["nisn"] if new and year >= 2012 else None,
        "nis": f"{rng.randint(1, 999):03d}/{letter}/{str(year - 1)[2:]}",
        "nomor_ijazah": f"DN-P{letter} {serial:07d}" if new else f"{rng.randint(10, 30)} P{letter} {serial:07d}",
        "letter": letter, "equivalent": equivalent, "town": town, "new": new, "skb": skb,
    }


def _border(page: Page, rng: random.Random) -> None:
    """A double frame with a chain of small diamonds between its rules."""
    w, h = page.width, page.image.height
    outer, inner = 115 + rng.randint(-10, 10), 175 + rng.randint(-10, 10)
    page.rect((outer, outer, w - outer, h - outer), width=6)
    page.rect((inner, inner, w - inner, h - inner), width=2)
    mid, r = (outer + inner) / 2, (inner - outer) / 2 - 8
    step = 2 * r + 10
    for horizontal, fixed in ((True, mid), (True, h - mid), (False, mid), (False, w - mid)):
        end = (w if horizontal else h) - mid
        at = mid + step
        while at < end - step / 2:
            cx, cy = (at, fixed) if horizontal else (fixed, at)
            for a, b in (((cx - r, cy), (cx, cy - r)), ((cx, cy - r), (cx + r, cy)), ((cx + r, cy), (cx, cy + r)),
                         ((cx, cy + r), (cx - r, cy))):
                page.line((a[0], a[1], b[0], b[1]), width=2)
            at += step


def draw_kesetaraan(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    g = page.style.geometry
    cx = page.width / 2
    _border(page, rng)
    kab = v["town"]
    year = int(v["tanggal_lulus"][:4])
    page.text((cx, 300), f"PEMERINTAH KABUPATEN {kab}", points=12, bold=True, anchor="mt")
    page.text((cx, 370), "DINAS PENDIDIKAN" if v["new"] else "DINAS PENDIDIKAN NASIONAL", points=12, bold=True,
              anchor="mt")
    page.text((page.width - 290, 480), f"No. {v['nomor_ijazah']}", points=10, anchor="rt")
    if v["new"]:
        titles = (("IJAZAH", 30), ("PENDIDIKAN KESETARAAN", 14),
                  (f"PROGRAM PAKET {v['letter']} SETARA {v['equivalent'].split('/')[0]}", 14))
    else:
        titles = (("SURAT TANDA TAMAT BELAJAR", 21), (f"KELOMPOK BELAJAR PAKET {v['letter']}", 14),
                  (f"SETARA {v['equivalent']}", 12))
    y = 600.0
    for text, size in titles:
        page.text((cx, y), text, points=size * g.title, bold=True, anchor="mt")
        y += page.pt(size * g.title) * 1.45
    pts = 12
    step = page.pt(pts) * max(1.6, min(page.style.spacing, 1.9))
    margin = 320 + g.indent // 2
    width = page.width - 2 * margin
    head = f"Kepala {title_case(v['nama_satuan_pendidikan'])}" if not v["skb"] else "Kepala Sanggar Kegiatan Belajar"
    if rng.random() < 0.5:
        head = f"Kepala Dinas Pendidikan Kabupaten {title_case(kab)}"
    y += step * 0.6
    for line in page.wrap_chunks(["Yang", "bertanda", "tangan", "di", "bawah", "ini,", *f"{head},".split(), "menerangkan",
                             "bahwa:"], width=width, points=pts):
        page.text((cx, y), line, points=pts, anchor="mt")
        y += step
    y += step * 0.4
    page.text((cx, y), v["nama_lengkap"], points=21, bold=True, anchor="mt")
    y += page.pt(21) * 2.2
    child = rng.choice(("anak dari", "putra/putri dari", "anak dari orang tua/wali"))
    parent = [*child.split(), f"{v['nama_orang_tua']},"] if v["nama_orang_tua"] else []
    chunks = [*parent, "lahir", "di", f"{title_case(v['tempat_lahir'])}", "pada",
              "tanggal", f"{date_long(v['tanggal_lahir'])},", "Nomor", "Induk", "Warga", "Belajar", f"{v['nis']}"]
    if v["nisn"]:
        chunks[-1] += ","
        chunks += ["Nomor", "Induk", "Siswa", "Nasional", v["nisn"]]
    chunks[-1] += ","
    tahun = f"{year - 1}/{year}"
    chunks += ["telah", "mengikuti", "dan", "dinyatakan", "LULUS", "Ujian", "Pendidikan", "Kesetaraan", "Program",
               "Paket", f"{v['letter']}", "setara", f"{v['equivalent']}", "Tahun", "Pelajaran", f"{tahun}", "pada",
               f"{title_case(v['nama_satuan_pendidikan'])}"]
    if v["npsn"]:
        chunks[-1] += ","
        chunks += ["NPSN", v["npsn"]]
    chunks[-1] += "."
    for line in page.wrap_chunks(chunks, width=width, points=pts):
        page.text((margin, y), line, points=pts)
        y += step
    y += step * 2
    photo = (margin + 40, y + step * 0.5, margin + 40 + 354, y + step * 0.5 + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2 - 30), "Pas Foto", points=8, anchor="mm")
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2 + 30), "3 x 4", points=8, anchor="mm")
    sign_x = page.width * 0.68 + g.sign_dx
    label_x = sign_x - page.pt(80)
    colon = page.text_width("Ditetapkan di", points=pts) + page.pt(6)
    for label, value in (("Ditetapkan di", title_case(kab)), ("Pada tanggal", date_long(v["tanggal_lulus"]))):
        page.text((label_x, y), label, points=pts)
        page.text((label_x + colon, y), f": {value}", points=pts)
        y += step
    page.line((label_x, y, label_x + page.pt(190), y), width=2)
    y += step * 0.4
    page.text((sign_x, y), f"Kepala Dinas Pendidikan Kabupaten {title_case(kab)},", points=pts, anchor="mt")
    name_y = y + 380
    page.text((sign_x, name_y), rng.choice(_DINAS), points=pts, bold=True, anchor="mt")
    page.text((sign_x, name_y + step), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    chair_x = page.width * 0.28
    chair_y = max(photo[3] + step * 1.5, name_y + step * 2.5)
    page.text((chair_x, chair_y), "Kepala Sanggar Kegiatan Belajar," if v["skb"] else "Ketua PKBM,", points=pts,
              anchor="mt")
    page.text((chair_x, chair_y + 340), rng.choice(_CHAIRS), points=pts, bold=True, anchor="mt")
    if security:
        page.paste(signature(rng), (int(sign_x - 200), int(y + 40)))
        page.paste(signature(rng, width=420, height=170), (int(chair_x - 200), int(chair_y + 70)))
    seal = stamp(rng, ring=f"DINAS PENDIDIKAN KABUPATEN {kab}", centre=f"KABUPATEN\n{kab}",
                 family="DejaVu Sans", diameter=rng.randint(380, 450))
    page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.75, 1.0)), int(y - rng.uniform(60, 160))))
    return page
