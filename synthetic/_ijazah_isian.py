"""A school ijazah on a pre-printed blanko, its values written in by hand (family `ijazah-isian`).

What the page shows: the form printed in one colour (dark blue or green) on cream paper, with the
ministry of its year (DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN before 2000, DEPARTEMEN PENDIDIKAN NASIONAL until
2009, KEMENTERIAN PENDIDIKAN NASIONAL since), the title IJAZAH over the printed level
(SEKOLAH MENENGAH ATAS ...) and a pre-printed serial in red (`DN-20 MU 0264731`, the truth's number);
then numbered items each with a dotted line, the value written on it in a chancery hand (URW Z003) in
black or blue-black ink, a little above or below the dots and a little tilted in size:

    Kepala .......... (the school) menerangkan bahwa:
    1. Nama : ...   2. Tempat dan Tanggal Lahir : ...   3. Nama Orang Tua/Wali : ...
    4. Nomor Induk : ...   5. Nomor Induk Siswa Nasional : ... (since 2007)
    Nomor Pokok Sekolah Nasional : ... (since 2007)
    LULUS dari satuan pendidikan ...... (the school again) Tahun Pelajaran ..../....
    Diberikan di ......  pada tanggal ......  (the date of issue written in)

The truth is what the hand wrote (canonical); NPSN and NISN are null before 2007 (the blanko had no line
for them).
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, Style, date_long, title_case
from ._form import FormPage, dotted, guilloche_paper
from ._kk import _nip
from ._marks import signature, stamp

_FORM_INKS = ((22, 40, 110), (20, 80, 60), (40, 40, 40))
_PEN_INKS = ((10, 10, 10), (25, 30, 80))
_SERIAL_INK = (170, 30, 30)
_LEVELS = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
           "SMK": "SEKOLAH MENENGAH KEJURUAN"}
_SERIES = {"SD": "DI", "SMP": "MP", "SMA": "MU", "SMK": "MK"}
_HEADS = ("Drs. LA ODE SAFIUDDIN", "Hj. SITTI AMINAH, S.Pd.", "MUHAMMAD ARSYAD, B.A.", "Dra. NURLINA")
HAND = "Z003"


def isian_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as the blanko and the clerk's hand give them."""
    year = int(values["tanggal_lulus"][:4])
    jenjang = values["jenjang"]
    serial = f"DN-{rng.randint(10, 29)} {_SERIES[jenjang]} {rng.randint(1, 9_999_999):07d}"
    recent = year >= 2007
    return {
        **values, "nomor_ijazah": serial.upper(), "printed_serial": serial,
        "npsn": values["npsn"] if recent else None, "nisn": values["nisn"] if recent else None,
        "form_ink": rng.choice(_FORM_INKS), "pen_ink": rng.choice(_PEN_INKS),
        "form_face": rng.choice(("Nimbus Roman", "DejaVu Serif", "FreeSerif")),
        "town": title_case(values["tempat_lahir"]) if rng.random() < 0.5 else "Kolaka",
        # Drawn apart from `rng`, so that every value drawn before this variety was added stays as it was.
        "date_form": random.Random(f"isian-date-{serial}").choices(_DATE_FORMS, weights=(5, 2, 2, 1))[0],
    }


_DATE_FORMS = ("long", "roman", "numeric", "short")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _written_date(iso: str, form: str) -> str:
    """How a clerk wrote a date: `9 Juni 1984`, `9 - VI - 1984`, `09-06-1984` or `9 Jun. 1984`."""
    year, month, day = (int(part) for part in iso.split("-"))
    if form == "roman":
        return f"{day} - {_ROMAN[month - 1]} - {year}"
    if form == "numeric":
        return f"{day:02d}-{month:02d}-{year}"
    if form == "short":
        return f"{day} {date_long(iso).split()[1][:3]}. {year}"
    return date_long(iso)


def isian_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> Any:
    return guilloche_paper(size, random.Random(f"isian-paper-{seed}"), values["form_ink"], strength=0.12)


def draw_isian(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    form = FormPage(page.image.size, Style(family=page.style.family, scale=page.style.scale,
                                           spacing=page.style.spacing, ink=v["form_ink"], shift=page.style.shift,
                                           geometry=page.style.geometry),
                    face=v["form_face"], paper=page.image if page.ops else None)
    year = int(v["tanggal_lulus"][:4])
    cx, left, right = form.width / 2, 260, form.width - 260
    form.rect((150, 150, form.width - 150, form.image.height - 150), width=4)
    with form.using(ink=_SERIAL_INK, face="Nimbus Mono PS"):
        form.text((right, 230), f"No. {v['printed_serial']}", points=12, anchor="ra", bold=True)
    ministry = ("DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN" if year < 2000 else "DEPARTEMEN PENDIDIKAN NASIONAL"
                if year < 2010 else "KEMENTERIAN PENDIDIKAN NASIONAL")
    form.text((cx, 420), "REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    form.text((cx, 490), ministry, points=12, bold=True, anchor="mt")
    form.text((cx, 640), "IJAZAH", points=30, bold=True, anchor="mt")
    form.text((cx, 800), _LEVELS[v["jenjang"]], points=14, bold=True, anchor="mt")
    pts = 11
    step = form.pt(pts) * 2.3
    y = 1000.0
    y = _blank(form, v, rng, y, left, right, "Kepala", v["nama_satuan_pendidikan"], after="menerangkan bahwa:", pts=pts)
    y += step * 0.3
    items: list[tuple[str, str | None]] = [
        ("Nama", v["nama_lengkap"]),
        ("Tempat dan Tanggal Lahir", f"{title_case(v['tempat_lahir'])}, {_written_date(v['tanggal_lahir'], v['date_form'])}"),
        ("Nama Orang Tua/Wali", v["nama_orang_tua"]), ("Nomor Induk", v["nis"])]
    if year >= 2007:
        items.append(("Nomor Induk Siswa Nasional", v["nisn"]))
    colon = left + 120 + max(form.text_width(label, points=pts) for label, _ in items) + 30
    for i, (label, value) in enumerate(items, start=1):
        form.text((left, y), f"{i}.", points=pts)
        form.text((left + 120, y), label, points=pts)
        form.text((colon, y), ":", points=pts)
        _written(form, v, rng, colon + 50, right, y, value or "-", pts=pts)
        y += step
    if year >= 2007:
        form.text((left, y), "Nomor Pokok Sekolah Nasional", points=pts)
        _written(form, v, rng, colon + 50, right, y, v["npsn"], pts=pts)
        y += step
    y += step * 0.3
    y = _blank(form, v, rng, y, left, right, "LULUS dari satuan pendidikan", v["nama_satuan_pendidikan"],
               after=None, pts=pts)
    form.text((left, y), "Tahun Pelajaran", points=pts)
    _written(form, v, rng, left + 420, left + 900, y, f"{year - 1}/{year}", pts=pts)
    y += step * 1.6
    sign_x = form.width * 0.68
    form.text((sign_x - 330, y), "Diberikan di", points=pts)
    _written(form, v, rng, sign_x - 20, right, y, v["town"], pts=pts)
    y += step
    form.text((sign_x - 330, y), "pada tanggal", points=pts)
    _written(form, v, rng, sign_x - 20, right, y, _written_date(v["tanggal_lulus"], v["date_form"]), pts=pts)
    y += step
    form.text((sign_x, y), "Kepala Sekolah,", points=pts, anchor="mt")
    form.rect((left + 100, y, left + 100 + 300, y + 400), width=2)  # the photo box
    with form.using(ink=(0, 0, 0)):
        form.text((sign_x, y + 330), rng.choice(_HEADS), points=pts, bold=True, anchor="mt")
        if year >= 2008:
            form.text((sign_x, y + 330 + form.pt(pts) * 1.5), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
    if security:
        form.paste(signature(rng), (int(sign_x - 200), int(y + 70)))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="KEPALA\nSEKOLAH", family=form.style.family,
                     diameter=rng.randint(380, 440))
        form.paste(seal, (int(sign_x + rng.uniform(-0.95, -0.5) * seal.width), int(y + rng.uniform(0, 100))))
    return form


def _blank(form: FormPage, v: dict[str, Any], rng: random.Random, y: float, left: float, right: float,
           before: str, value: str, *, after: str | None, pts: float) -> float:
    """`before ......value...... after` on one line (the value written in), or `after` on the next."""
    form.text((left, y), before, points=pts)
    start = left + form.text_width(before, points=pts) + 30
    end = right if after is None else right - form.text_width(after, points=pts) - 30
    _written(form, v, rng, start, end, y, value, pts=pts)
    if after is not None:
        form.text((right, y), after, points=pts, anchor="ra")
    return y + form.pt(pts) * 2.3


def _written(form: FormPage, v: dict[str, Any], rng: random.Random, x0: float, x1: float, y: float, value: str | None,
             *, pts: float) -> None:
    """The dotted line from x0 to x1 under the printed line's baseline, and `value` written on it by hand."""
    base = y + form.pt(pts) * 1.0
    dotted(form, x0, x1, base)
    if not value:
        return
    with form.using(face=HAND, ink=v["pen_ink"]):
        size = pts * rng.uniform(1.15, 1.35)
        form.text((x0 + rng.uniform(10, 60), base + rng.uniform(-14, 6)), value, points=size, anchor="ls")
