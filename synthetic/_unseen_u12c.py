"""Held-out family `ijazah-u12c` (session 12): the education office's letter that replaces a lost or
damaged school ijazah.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the **SURAT KETERANGAN PENGGANTI IJAZAH** (STTB before 2003) a regency's Dinas Pendidikan
(SD and SMP, and SMA/SMK before 2017) or the province's (SMA/SMK since 2017) issues when the holder's
ijazah is lost or damaged (Permendikbud 29/2014 and its successors); the original's data come from the
school's register, not from the holder. Portrait A4 in an office face:

- the **kop surat**: the government (`PEMERINTAH KABUPATEN KOLAKA` / `PEMERINTAH PROVINSI SULAWESI
  TENGGARA`), `DINAS PENDIDIKAN DAN KEBUDAYAAN` (or `DINAS PENDIDIKAN`), its address, telephone and
  e-mail, a thick and a thin rule under it, the emblem's place at the left;
- the title underlined, the **letter's own number** under it (`Nomor : 421.3/0457/Disdik/2019`, a
  distractor);
- "Yang bertanda tangan di bawah ini, Kepala Dinas ... menerangkan bahwa berdasarkan buku induk dan
  daftar kelulusan <school>, yang tersebut di bawah ini:"
- a **ruled table of three columns** `No | Uraian | Keterangan` (or without the number column, or the
  `Uraian` column shaded) with the original's data: `Nama`, `Tempat, Tanggal Lahir`, `Nama Orang Tua /
  Wali`, `Nomor Induk Siswa`, `NISN` (since 2007; `-` before), `Nama Sekolah`, `NPSN` (since 2007; `-`),
  `Jenjang` (the level in words, `SEKOLAH MENENGAH ATAS`, its short name after it in half), `Nomor Seri Ijazah` (the lost ijazah's
  number, the truth's), `Tanggal Ijazah` (the date the ijazah was issued, the truth's `tanggal_lulus`,
  `12 Juni 2009` or `12-06-2009`), `Tahun Pelajaran`;
- "adalah benar lulusan dari satuan pendidikan tersebut. Ijazah yang bersangkutan **hilang** /
  **rusak** sesuai Surat Tanda Penerimaan Laporan Kepolisian Sektor ... Nomor: STPL/123/VI/2019/Sek.
  Kolaka (a distractor) ... Surat keterangan ini berkedudukan sama dengan ijazah ...";
- a **later date** over the head's signature (`Kolaka, 14 Agustus 2019`, a distractor), `KEPALA DINAS`,
  the name, `Pembina Utama Muda` and the 18-digit NIP, the office's stamp over it; a 3x4 photo box at the
  left with the stamp's edge on it in some.

Truth: the original ijazah's values as the table prints them; a `-` is null.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_LEVEL_NAMES = {"SD": "Sekolah Dasar", "SMP": "Sekolah Menengah Pertama", "SMA": "Sekolah Menengah Atas",
                "SMK": "Sekolah Menengah Kejuruan"}
_REGENCIES = (("KOLAKA", "Jl. Pemuda No. 12 Kolaka"), ("MUNA", "Jl. Gatot Subroto No. 3 Raha"),
              ("KONAWE", "Jl. Inolobunggadue No. 41 Unaaha"), ("BUTON", "Jl. Sultan Hasanuddin No. 7 Pasarwajo"))
_HEADS = ("Drs. H. MUSTAMIN RAUF, M.Pd.", "Dr. LA ODE MUHAMMAD ALI, M.Si.", "ASRUN LIO, S.Pd., M.M.",
          "Hj. WA ODE SITI MARLINA, S.Pd., M.Si.")
_RANKS = ("Pembina Utama Muda", "Pembina Tingkat I", "Pembina Utama Madya")
NISN_SINCE = 2007
PROVINCE_SINCE = 2017


def u12c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as the replacement letter prints them."""
    graduated = dt.date.fromisoformat(values["tanggal_lulus"])
    regency, address = rng.choice(_REGENCIES)
    issued = graduated + dt.timedelta(days=rng.randint(400, 5000))
    issued = min(issued, dt.date(2026, 11, 30))
    old = graduated.year < NISN_SINCE
    jenjang = values["jenjang"]
    return {
        **values, "npsn": None if old else values["npsn"], "nisn": None if old else values["nisn"],
        "regency": regency, "address": address, "issued": issued.isoformat(),
        "province": jenjang in ("SMA", "SMK") and issued.year >= PROVINCE_SINCE,
        "letter": f"421.{rng.randint(1, 5)}/{rng.randint(10, 2999):04d}/Disdik{'bud' * rng.randint(0, 1)}/{issued.year}",
        "police": f"STPL/{rng.randint(10, 400)}/{['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][issued.month - 1]}"
                  f"/{issued.year}/Sek. {title_case(regency)}",
        "lost": rng.random() < 0.7, "head": rng.choice(_HEADS), "rank": rng.choice(_RANKS),
        "digits": rng.random() < 0.4, "numbered": rng.random() < 0.6, "shaded": rng.random() < 0.4,
        "jenjang_words": rng.random() < 0.5,
    }


def u12c_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> None:
    """An office letter is printed on plain paper, never the certificate's security paper."""
    return None


def draw_u12c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w = page.width
    left, right = 230, w - 230
    year = int(v["tanggal_lulus"][:4])
    # The kop surat.
    government = "PEMERINTAH PROVINSI SULAWESI TENGGARA" if v["province"] else f"PEMERINTAH KABUPATEN {v['regency']}"
    office = rng.choice(("DINAS PENDIDIKAN DAN KEBUDAYAAN", "DINAS PENDIDIKAN"))
    cx = w / 2 + 90
    page.rect((left, 170, left + page.pt(52), 170 + page.pt(60)), width=3)
    page.text((left + page.pt(26), 170 + page.pt(30)), "LOGO", points=7, anchor="mm")
    page.text((cx, 170), government, points=13, bold=True, anchor="mt")
    page.text((cx, 170 + page.pt(18)), office, points=15, bold=True, anchor="mt")
    mail = f"  Email: disdik{v['regency'].lower()}@gmail.com" if v["issued"] >= "2008" else ""
    page.text((cx, 170 + page.pt(38)), f"{v['address']}  Telp. (0405) {rng.randint(21000, 23999)}{mail}",
              points=8.5, anchor="mt")
    rule = 170 + page.pt(56)
    page.line((left, rule, right, rule), width=9)
    page.line((left, rule + 16, right, rule + 16), width=3)
    y: float = rule + page.pt(30)
    title = "SURAT KETERANGAN PENGGANTI " + ("IJAZAH" if year >= 2003 else "STTB")
    page.text((w / 2, y), title, points=13, bold=True, anchor="mt")
    tw = page.text_width(title, points=13, bold=True)
    page.line((w / 2 - tw / 2, y + page.pt(17), w / 2 + tw / 2, y + page.pt(17)), width=3)
    page.text((w / 2, y + page.pt(22)), f"Nomor : {v['letter']}", points=10.5, anchor="mt")
    y += page.pt(50)
    school = v["nama_satuan_pendidikan"]
    head_of = "Kepala Dinas Pendidikan" + (" Provinsi Sulawesi Tenggara" if v["province"] else
                                           f" Kabupaten {title_case(v['regency'])}")
    opening = (f"Yang bertanda tangan di bawah ini, {head_of}, menerangkan bahwa berdasarkan buku induk dan daftar "
               f"kelulusan {school}, yang tersebut di bawah ini:")
    y = _paragraph(page, opening, left, right, y)
    y = _table(page, v, left=left, right=right, top=y + page.pt(8))
    reason = ("hilang sesuai Surat Tanda Penerimaan Laporan Kehilangan dari Kepolisian Sektor "
              f"{title_case(v['regency'])} Nomor: {v['police']}" if v["lost"] else
              "rusak dan tidak dapat dibaca lagi, sebagaimana diserahkan kembali oleh yang bersangkutan")
    closing = (f"adalah benar lulusan dari satuan pendidikan tersebut di atas. Ijazah yang bersangkutan {reason}. "
               "Surat keterangan ini berkedudukan sama dengan ijazah dan hanya diterbitkan satu kali.")
    y = _paragraph(page, closing, left, right, y + page.pt(10))
    y = _paragraph(page, "Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.", left,
                   right, y + page.pt(4))
    # Photo box left, the head's signature block right.
    sign_x = right - page.pt(120)
    top = y + page.pt(20)
    town = title_case("KENDARI" if v["province"] else v["regency"])
    page.text((sign_x, top), f"{town}, {date_long(v['issued'])}", points=10.5, anchor="mt")
    page.text((sign_x, top + page.pt(16)), "KEPALA DINAS,", points=10.5, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(80)), v["head"], points=10.5, bold=True, anchor="mt")
    nw = page.text_width(v["head"], points=10.5, bold=True)
    page.line((sign_x - nw / 2, top + page.pt(94), sign_x + nw / 2, top + page.pt(94)), width=2)
    page.text((sign_x, top + page.pt(97)), v["rank"], points=9.5, anchor="mt")
    page.text((sign_x, top + page.pt(110)), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
    photo = (left + page.pt(50), top + page.pt(10), left + page.pt(50) + 354, top + page.pt(10) + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    page.paste(signature(rng, width=460, height=190), (int(sign_x - 230), int(top + page.pt(28))))
    if security or rng.random() < 0.5:
        seal = stamp(rng, ring=f"{office} {'PROVINSI' if v['province'] else 'KABUPATEN ' + v['regency']}"[:48],
                     centre="KEPALA\nDINAS", family=page.style.family, diameter=rng.randint(380, 440))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.05)), int(top + page.pt(8))))
    return page


def _paragraph(page: Page, text: str, left: float, right: float, y: float, *, points: float = 10.5) -> float:
    for line in page.wrap_chunks(text.split(), width=right - left, points=points):
        page.text((left, y), line, points=points)
        y += page.pt(points) * 1.55
    return y


def _table(page: Page, v: dict[str, Any], *, left: float, right: float, top: float) -> float:
    born = (f"{v['tanggal_lahir'][8:]}-{v['tanggal_lahir'][5:7]}-{v['tanggal_lahir'][:4]}" if v["digits"]
            else date_long(v["tanggal_lahir"]))
    issued = (f"{v['tanggal_lulus'][8:]}-{v['tanggal_lulus'][5:7]}-{v['tanggal_lulus'][:4]}" if v["digits"]
              else date_long(v["tanggal_lulus"]))
    year = int(v["tanggal_lulus"][:4])
    level = _LEVEL_NAMES[v["jenjang"]].upper() + (f" ({v['jenjang']})" if v["jenjang_words"] else "")
    rows = [("Nama", v["nama_lengkap"]), ("Tempat, Tanggal Lahir", f"{title_case(v['tempat_lahir'])}, {born}"),
            ("Nama Orang Tua / Wali", v["nama_orang_tua"]), ("Nomor Induk Siswa", v["nis"]),
            ("NISN", v["nisn"]), ("Nama Sekolah", v["nama_satuan_pendidikan"]), ("NPSN", v["npsn"]),
            ("Jenjang", level), ("Nomor Seri Ijazah", v["nomor_ijazah"]), ("Tanggal Ijazah", issued),
            ("Tahun Pelajaran", f"{year - 1}/{year}")]
    numbered = v["numbered"]
    widths = (0.07, 0.33, 0.60) if numbered else (0.0, 0.36, 0.64)
    xs = [left]
    for share in widths:
        xs.append(xs[-1] + share * (right - left))
    row = page.pt(19)
    head = ["No", "Uraian", "Keterangan"]
    y = top
    for r in range(len(rows) + 1):
        if r and v["shaded"]:
            _shade(page, (xs[1], y, xs[2], y + row))
        for c in range(3):
            if not numbered and c == 0:
                continue
            text = head[c] if r == 0 else (str(r) if c == 0 else rows[r - 1][c - 1] or "-")
            page.text_in_box((round(xs[c]), round(y), round(xs[c + 1]), round(y + row)), text, points=10.5,
                             bold=r == 0, align="center" if r == 0 or c == 0 else "left")
        y += row
    page.rect((xs[0] if numbered else xs[1], top, xs[3], y), width=3)
    for x in xs[1 if numbered else 2:3]:
        page.line((x, top, x, y), width=2)
    for r in range(1, len(rows) + 1):
        page.line((xs[0] if numbered else xs[1], top + r * row, xs[3], top + r * row), width=3 if r == 1 else 1)
    return y


def _shade(page: Page, box: tuple[float, float, float, float]) -> None:
    x0, y0, x1, y1 = (round(c) for c in box)
    page.paste(Image.new("L", (x1 - x0, y1 - y0), 232), (x0, y0))
