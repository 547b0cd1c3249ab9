"""Held-out family `ijazah-u14c` (session 14): the ijazah of a pesantren's formal diniyah or mu'adalah school,
in Indonesian with Arabic beside it.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the certificate a pondok pesantren issues for its recognised formal programme under the
Kementerian Agama: `Pendidikan Diniyah Formal` (since 2015: tingkat Ula, Wustha, Ulya) or `Satuan
Pendidikan Mu'adalah` (tingkat Ibtidaiyah, Tsanawiyah, Aliyah / Mu'allimin), equivalent to MI, MTs and MA
(the truth's jenjang: `MI`, `MTS`, `MA` for SD, SMP, SMA/SMK). Portrait, bilingual **Indonesian and
Arabic** (the Arabic shaped right to left, in a naskh face):

- top: `بسم الله الرحمن الرحيم`, `KEMENTERIAN AGAMA REPUBLIK INDONESIA` with `وزارة الشؤون الدينية` under it,
  the pesantren's name large (`PONDOK PESANTREN DARUL ISTIQAMAH`), its town;
- `IJAZAH` and `الشهادة` side by side; the programme and level line, its equivalence under it
  (`(setara MADRASAH ALIYAH)`); `Nomor : 045/PDF-U/VI/2019` (the ijazah's number, the truth's);
- "Pimpinan Pondok Pesantren ... menerangkan bahwa:" then the holder's lines, **each with its Arabic label
  flush right on the same line**: `Nama` / `الاسم`, `Tempat, Tanggal Lahir` / `مكان وتاريخ الميلاد`
  (`Kendari, 12 Maret 2003`), `Nama Orang Tua` / `اسم الوالد`, `Nomor Induk Santri` / `رقم القيد`, `NISN`
  / `الرقم الوطني`;
- a sentence "telah menyelesaikan seluruh program pendidikan ... dan dinyatakan LULUS" with its Arabic
  twin under it;
- the school's own lines: `NPSN` and `NSPP` (the pesantren's 12-digit statistical number, not the NPSN);
- the date **in the Hijri and the Gregorian calendar**: `Kendari, 15 Dzulqa'dah 1440 H` over
  `18 Juli 2019 M` (the truth's `tanggal_lulus` is the Gregorian one), `Pimpinan,` / `Mudir`, signature,
  name, the pesantren's round stamp; a photo box at the left.

Truth: jenjang, the pesantren's name, NPSN, name, birth, parent, NIS, NISN, number, the Gregorian date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image, ImageDraw

from ._canvas import Page, date_long, title_case
from ._form import own_font
from ._marks import signature, stamp

_JENJANG = {"SD": "MI", "SMP": "MTS", "SMA": "MA", "SMK": "MA"}
_PDF_LEVEL = {"MI": ("ULA", "U"), "MTS": ("WUSTHA", "W"), "MA": ("ULYA", "Y")}
_EQUAL = {"MI": "MADRASAH IBTIDAIYAH", "MTS": "MADRASAH TSANAWIYAH", "MA": "MADRASAH ALIYAH"}
_MUADALAH_LEVEL = {"MI": "IBTIDAIYAH", "MTS": "TSANAWIYAH", "MA": "ALIYAH"}
_PESANTREN = ("DARUL ISTIQAMAH", "AL-MUHAJIRIN", "NURUL HUDA", "UMMUL QURA", "AS-SALAM", "HIDAYATULLAH")
_MUDIR = ("K.H. MUHAMMAD ARIF, Lc., M.A.", "Ust. ABDUL GHAFUR, S.Pd.I.", "K.H. AHMAD SYARIFUDDIN, M.Pd.I.",
          "Ust. HAMZAH LA ODE, Lc.")
_HIJRI_MONTHS = ("Muharram", "Safar", "Rabiul Awal", "Rabiul Akhir", "Jumadil Awal", "Jumadil Akhir", "Rajab",
                 "Sya'ban", "Ramadhan", "Syawal", "Dzulqa'dah", "Dzulhijjah")
ARABIC = "FreeSerif"


def hijri(day: dt.date) -> tuple[int, int, int]:
    """The tabular Islamic calendar's (year, month, day) for a Gregorian date (a day off at most)."""
    jd = day.toordinal() + 1721425
    days = jd - 1948440 + 10632
    n = (days - 1) // 10631
    days = days - 10631 * n + 354
    j = ((10985 - days) // 5316) * ((50 * days) // 17719) + (days // 5670) * ((43 * days) // 15238)
    days = days - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    month = (24 * days) // 709
    return 30 * n + j - 30, month, days - (709 * month) // 24


def u14c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as a pesantren's formal programme prints them."""
    jenjang = _JENJANG[values["jenjang"]]
    year = int(values["tanggal_lulus"][:4])
    pdf = year >= 2017 and rng.random() < 0.6
    name = f"PONDOK PESANTREN {rng.choice(_PESANTREN)}"
    if pdf:
        level, letter = _PDF_LEVEL[jenjang]
        programme = f"PENDIDIKAN DINIYAH FORMAL TINGKAT {level}"
        number = f"{rng.randint(1, 240):03d}/PDF-{letter}/{_roman(int(values['tanggal_lulus'][5:7]))}/{year}"
    else:
        programme = f"SATUAN PENDIDIKAN MU'ADALAH TINGKAT {_MUADALAH_LEVEL[jenjang]}"
        number = f"MDL.{rng.randint(10, 99)}/{rng.randint(1, 999):04d}/{year}"
    return {**values, "jenjang": jenjang, "nama_satuan_pendidikan": name, "nomor_ijazah": number,
            "programme": programme, "nis": f"{year - 3 - 2000 if year > 2003 else 1}{rng.randint(100, 999)}"
            if rng.random() < 0.5 else values["nis"], "nspp": f"5{rng.randint(10, 13)}0740{rng.randint(10000, 99999)}0"[:12],
            "town": rng.choice(("KENDARI", "KOLAKA", "BAUBAU", "RAHA", "UNAAHA")), "head": rng.choice(_MUDIR)}


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[n - 1]


def _arabic(page: Page, xy: tuple[float, float], text: str, *, points: float, anchor: str = "rs") -> None:
    """Arabic shaped right to left, pasted as an image (the text layer does not carry it)."""
    face = own_font(ARABIC, page.pt(points))
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    x0, y0, x1, y1 = probe.textbbox((0, 0), text, font=face, anchor="ls", direction="rtl")
    strip = Image.new("RGBA", (round(x1 - x0) + 8, round(y1 - y0) + 8), (255, 255, 255, 0))
    ImageDraw.Draw(strip).text((4 - x0, 4 - y0), text, font=face, anchor="ls", direction="rtl",
                               fill=(*page.style.ink, 255))
    x, y = xy
    if anchor[0] == "r":
        x -= strip.width
    elif anchor[0] == "m":
        x -= strip.width / 2
    baseline = 4 - y0
    page.paste(strip, (round(x), round(y - baseline if anchor[1] == "s" else y)))


def draw_u14c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w, h = page.width, page.image.height
    left, right = 240 + rng.randint(-15, 15), w - 240 + rng.randint(-15, 15)
    page.rect((120, 120, w - 120, h - 120), width=6)
    page.rect((150, 150, w - 150, h - 150), width=2)
    y: float = 260
    _arabic(page, (w / 2, y + page.pt(14)), "بسم الله الرحمن الرحيم", points=16, anchor="ms")
    y += page.pt(30)
    page.text((w / 2, y), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    _arabic(page, (w / 2, y + page.pt(30)), "وزارة الشؤون الدينية لجمهورية إندونيسيا", points=12, anchor="ms")
    y += page.pt(42)
    page.text((w / 2, y), v["nama_satuan_pendidikan"], points=17, bold=True, anchor="mt")
    page.text((w / 2, y + page.pt(22)), title_case(v["town"]), points=11, anchor="mt")
    y += page.pt(38)
    page.line((left, y, right, y), width=4)
    page.line((left, y + 9, right, y + 9), width=2)
    y += page.pt(16)
    page.text((w / 2 - page.pt(12), y), "IJAZAH", points=26, bold=True, anchor="rt")
    _arabic(page, (w / 2 + page.pt(12), y + page.pt(24)), "الشهادة", points=28, anchor="ls")
    y += page.pt(40)
    page.text((w / 2, y), v["programme"], points=11.5, bold=True, anchor="mt")
    page.text((w / 2, y + page.pt(17)), f"(setara {_EQUAL[v['jenjang']]})", points=10, anchor="mt")
    page.text((w / 2, y + page.pt(36)), f"Nomor : {v['nomor_ijazah']}", points=11, anchor="mt")
    y += page.pt(62)
    page.text((left, y), "Pimpinan Pondok Pesantren dengan ini menerangkan bahwa:", points=11)
    _arabic(page, (right, y + page.pt(30)), "يشهد مدير المعهد بأن", points=12)
    y += page.pt(44)
    colon = left + page.pt(11) * 12.5
    rows = (("Nama", v["nama_lengkap"], "الاسم"),
            ("Tempat, Tanggal Lahir", f"{title_case(v['tempat_lahir'])}, {date_long(v['tanggal_lahir'])}",
             "مكان وتاريخ الميلاد"),
            ("Nama Orang Tua", v["nama_orang_tua"], "اسم الوالد"),
            ("Nomor Induk Santri", v["nis"], "رقم القيد"),
            ("NISN", v["nisn"] or "-", "الرقم الوطني"))
    step = page.pt(11) * 1.9
    for i, (label, value, arabic) in enumerate(rows):
        yy = y + i * step
        page.text((left + 30, yy), label, points=11)
        page.text((colon, yy), ":", points=11)
        page.text((colon + page.pt(9), yy), value or "-", points=12 if i == 0 else 11, bold=i == 0)
        _arabic(page, (right, yy + page.pt(11)), arabic + " :", points=11.5)
    y += len(rows) * step + page.pt(8)
    closing = ("telah menyelesaikan seluruh program pendidikan pada pondok pesantren tersebut di atas dan "
               "dinyatakan LULUS.")
    for line in page.wrap_chunks(closing.split(), width=right - left, points=11):
        page.text((left, y), line, points=11)
        y += page.pt(11) * 1.5
    _arabic(page, (right, y + page.pt(16)), "قد أتم جميع البرامج الدراسية في هذا المعهد ونجح في الامتحان النهائي",
            points=11.5)
    y += page.pt(34)
    page.label_rows([("NPSN", v["npsn"]), ("NSPP", v["nspp"])], x=left + 30, top=y, points=10,
                    colon_at=page.pt(10) * 5)
    y += page.pt(10) * 3.4
    sign_x = right - page.pt(110)
    day = dt.date.fromisoformat(v["tanggal_lulus"])
    hy, hm, hd = hijri(day)
    page.text((sign_x, y), f"{title_case(v['town'])}, {hd} {_HIJRI_MONTHS[hm - 1]} {hy} H", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(15)), f"{date_long(v['tanggal_lulus'])} M", points=11, anchor="mt")
    page.line((sign_x - page.pt(80), y + page.pt(14), sign_x + page.pt(80), y + page.pt(14)), width=2)
    page.text((sign_x, y + page.pt(32)), "Pimpinan,", points=11, anchor="mt")
    page.text((sign_x, y + page.pt(98)), v["head"], points=11, bold=True, anchor="mt")
    photo = (left + page.pt(20), y + page.pt(10), left + page.pt(20) + 354, y + page.pt(10) + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "3 x 4", points=9, anchor="mm")
    if security:
        page.paste(signature(rng, width=420, height=170), (round(sign_x - 210), round(y + page.pt(42))))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"][:40], centre=v["town"], family=page.style.family,
                     diameter=rng.randint(380, 440))
        page.paste(seal, (round(sign_x - seal.width * rng.uniform(0.85, 1.1)), round(y + page.pt(24))))
    return page
