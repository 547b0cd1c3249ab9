"""Held-out family `nikah-u12f` (session 12): a certified copy of the KUA's marriage register entry.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the **SALINAN AKTA NIKAH**, the KUA's copy of the whole entry of its register (the Akta
Nikah, Model N), which a couple asks for when the booklet is not enough or lost. It carries far more
than the booklet: both spouses' parents, the wali's own identity, the witnesses, the dowry; every person
with a name, most with a NIK. Portrait A4 (F4 proportions), one or two columns of small type:

- top: `KEMENTERIAN AGAMA` (`DEPARTEMEN AGAMA` before 2010), `KANTOR URUSAN AGAMA KECAMATAN <X>` and
  the regency, `Model N` at the right; `SALINAN AKTA NIKAH` and `Nomor : <akta>`;
- **numbered items running through the whole page** (1 to about 40) grouped under Roman headings:
  `I. PERISTIWA NIKAH` (the weekday and date, the hour, the place: a mosque or the bride's house, `Dicatat
  di KUA Kecamatan <X>`), `II. SUAMI` and `III. ISTRI` (`Nama lengkap`, `NIK`, `Tempat dan tanggal lahir`,
  `Umur` in years, `Kewarganegaraan`, `Agama`, `Pekerjaan`, `Tempat tinggal`, `Status` jejaka/duda or
  perawan/janda), `IV. ORANG TUA SUAMI` and `V. ORANG TUA ISTRI` (names and NIKs of father and mother),
  `VI. WALI NIKAH` (`Nama`, `Bin`, `NIK`, `Tanggal lahir`, `Hubungan dengan istri`), `VII. SAKSI-SAKSI` (two names
  with NIKs), `VIII. MAHAR`; **other people's NIKs and dates of birth are distractors**;
- the items in **two columns** (I to III left, IV to VIII right) or one, labels followed by dotted
  leaders up to the colon in half, values in capitals;
- the foot: "Salinan ini sesuai dengan aslinya", the town and a **later date** of the copy, `Kepala
  KUA Kecamatan <X>` (or `Penghulu`), the name and the NIP, the KUA's stamp over it when stamped.

Truth: the book's values (canonical); the wali's name as item `Nama` under `VI. WALI NIKAH`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Rendered, Style, date_long, title_case
from ._form import FormPage
from ._kk import _nip
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_WITNESSES = ("LA ODE SAFIUDDIN", "MUHAMMAD YUSUF", "ABDUL RAHMAN", "SAHARUDDIN", "LA BAKU", "ANDI ILHAM")
_MOTHERS = ("WA ODE HASNAH", "SITI AMINAH", "NURHAYATI", "HADIJAH", "WA ASIA", "ST. RAHMA")
_HEADS = ("H. MUH. ARSYAD, S.Ag.", "Drs. LA ODE KAMALUDDIN", "ABD. RAHMAN TAMRIN, S.HI., M.H.")
_PLACES = ("Masjid Nurul Huda", "Masjid Al-Ikhlas", "Kantor Urusan Agama", "Rumah mempelai wanita")
_RELATIONS = (("AYAH KANDUNG", True), ("SAUDARA KANDUNG", False), ("PAMAN", False), ("WALI HAKIM", False))


def render_u12f(values: dict[str, Any], suami: core.Person, istri: core.Person, *, seed: int, varied: bool = False,
                heldout: bool = False, stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); the spouses give their parents' names."""
    rng = random.Random(f"nikah-u12f-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.95, 1.03), spacing=base.spacing, ink=base.ink,
                  shift=(rng.randint(-20, 20), rng.randint(-20, 20)))
    page = FormPage(A4_PORTRAIT, style, face=rng.choice(("Nimbus Sans", "Nimbus Roman", "DejaVu Sans Condensed",
                                                         "Liberation Sans Narrow", "FreeSerif")))
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    district = str(v["kua"]).removeprefix("KUA KECAMATAN ").strip()
    two_columns = rng.random() < 0.6
    leaders = rng.random() < 0.5
    w = page.width
    left, right = 190, w - 190
    # Head of the page.
    page.text((left, 170), "DEPARTEMEN AGAMA" if married.year < 2010 else "KEMENTERIAN AGAMA", points=10, bold=True)
    page.text((left, 170 + page.pt(13)), f"KANTOR URUSAN AGAMA KECAMATAN {district}", points=10, bold=True)
    page.text((right, 170), "Model N", points=10, anchor="ra")
    cx = w / 2
    page.text((cx, 170 + page.pt(40)), "SALINAN AKTA NIKAH", points=16, bold=True, anchor="mt")
    page.text((cx, 170 + page.pt(62)), f"Nomor : {v['nomor_akta']}", points=11, anchor="mt")
    y0 = 170 + page.pt(88)
    page.line((left, y0 - page.pt(6), right, y0 - page.pt(6)), width=3)
    sections = _sections(v, suami, istri, rng, married=married, district=district)
    points = 9.4 if two_columns else 8.4
    lines = (sum(len(items) + 2 for _, items in sections[:3]) + 3 if two_columns
             else sum(len(items) + 2 for _, items in sections) + 4)
    step = min(page.pt(points) * 1.6, (page.image.height - y0 - 560) / lines)
    if two_columns:
        gap = 60
        mid = (left + right) / 2
        cols = ((left, mid - gap / 2, sections[:3], 1),
                (mid + gap / 2, right, sections[3:], 1 + sum(len(items) for _, items in sections[:3])))
        bottom = max(_column(page, x0, x1, y0, group, points=points, step=step, leaders=leaders, first=first)
                     for x0, x1, group, first in cols)
    else:
        bottom = _column(page, left, right, y0, sections, points=points, step=step, leaders=leaders)
    _foot(page, v, rng, district=district, married=married, x=right - page.pt(120), top=bottom + page.pt(14),
          stamped=stamped)
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _other_nik(rng: random.Random, born: dt.date, *, woman: bool) -> str:
    """Someone else's NIK: a Sulawesi Tenggara district, their birth date, a serial."""
    day = born.day + (40 if woman else 0)
    return f"74{rng.randint(1, 12):02d}{rng.randint(1, 20):02d}{day:02d}{born.month:02d}{born.year % 100:02d}" \
           f"{rng.randint(1, 3000):04d}"


def _age(born: str | None, on: dt.date) -> str:
    if not born:
        return "-"
    b = dt.date.fromisoformat(born)
    return f"{on.year - b.year - ((on.month, on.day) < (b.month, b.day))} tahun"


def _sections(v: dict[str, Any], suami: core.Person, istri: core.Person, rng: random.Random, *, married: dt.date,
              district: str) -> list[tuple[str, list[tuple[str, str]]]]:
    def party(role: str, status: str) -> list[tuple[str, str]]:
        born = v[f"{role}.tanggal_lahir"]
        return [("Nama lengkap", v[f"{role}.nama_lengkap"] or "-"), ("NIK", v[f"{role}.nik"] or "-"),
                ("Tempat dan tanggal lahir",
                 f"{v[f'{role}.tempat_lahir']}, {date_long(born)}" if born else "-"),
                ("Umur", _age(born, married)), ("Kewarganegaraan", v[f"{role}.kewarganegaraan"] or "-"),
                ("Agama", v[f"{role}.agama"] or "-"), ("Pekerjaan", v[f"{role}.pekerjaan"] or "-"),
                ("Tempat tinggal", v[f"{role}.alamat"] or "-"), ("Status", status)]

    def parents(person: core.Person) -> list[tuple[str, str]]:
        born = dt.date.fromisoformat(person.tanggal_lahir)
        father_born = dt.date(born.year - rng.randint(22, 38), rng.randint(1, 12), rng.randint(1, 28))
        mother_born = dt.date(born.year - rng.randint(18, 32), rng.randint(1, 12), rng.randint(1, 28))
        return [("Nama ayah", person.nama_ayah or rng.choice(_WITNESSES)),
                ("NIK ayah", _other_nik(rng, father_born, woman=False)),
                ("Nama ibu", person.nama_ibu or rng.choice(_MOTHERS)),
                ("NIK ibu", _other_nik(rng, mother_born, woman=True))]

    relation, is_father = rng.choice(_RELATIONS)
    wali = v.get("wali.nama_lengkap") or "-"
    wali_born = dt.date(rng.randint(1940, 1975), rng.randint(1, 12), rng.randint(1, 28))
    hour = f"{rng.randint(8, 16):02d}.{rng.choice(('00', '15', '30'))} {rng.choice(('WITA', 'WITA', 'WIB'))}"
    witnesses = rng.sample(_WITNESSES, 2)
    return [
        ("I. PERISTIWA NIKAH", [
            ("Hari dan tanggal akad", f"{_WEEKDAYS[married.weekday()]}, {date_long(v['tanggal_nikah'])}"),
            ("Jam", hour), ("Tempat akad nikah", f"{rng.choice(_PLACES)}, Kec. {title_case(district)}"),
            ("Dicatat di", v["kua"])]),
        ("II. SUAMI", party("suami", rng.choice(("JEJAKA", "JEJAKA", "DUDA")))),
        ("III. ISTRI", party("istri", rng.choice(("PERAWAN", "PERAWAN", "JANDA")))),
        ("IV. ORANG TUA SUAMI", parents(suami)),
        ("V. ORANG TUA ISTRI", parents(istri)),
        ("VI. WALI NIKAH", [("Nama", wali), ("Bin", rng.choice(_WITNESSES)),
                            ("NIK", _other_nik(rng, wali_born, woman=False)),
                            ("Tanggal lahir", date_long(wali_born.isoformat())),
                            ("Hubungan dengan istri", relation if not is_father else "AYAH KANDUNG")]),
        ("VII. SAKSI-SAKSI", [("Saksi I", witnesses[0]),
                              ("NIK", _other_nik(rng, dt.date(rng.randint(1950, 1995), 5, 17), woman=False)),
                              ("Saksi II", witnesses[1]),
                              ("NIK", _other_nik(rng, dt.date(rng.randint(1950, 1995), 9, 3), woman=False))]),
        ("VIII. MAHAR", [("Mahar", rng.choice(("SEPERANGKAT ALAT SHOLAT", "UANG RP. 1.000.000,-", "EMAS 10 GRAM"))),
                         ("Dibayar", rng.choice(("TUNAI", "TUNAI", "HUTANG")))]),
    ]


def _column(page: FormPage, x0: float, x1: float, top: float, sections: list[tuple[str, list[tuple[str, str]]]], *,
            points: float, step: float, leaders: bool, first: int = 1) -> float:
    """The sections' numbered items from `top` between x0 and x1 (numbers from `first`); the y below them."""
    y = top
    n = first
    for heading, items in sections:
        page.text((x0, y), heading, points=points + 0.6, bold=True)
        y += step * 1.1
        widest = max(page.text_width(label, points=points) for _, items_ in sections for label, _ in items_)
        label_w = min((x1 - x0) * 0.5, widest + page.pt(30))
        for label, value in items:
            page.text((x0 + page.pt(4), y), f"{n}.", points=points)
            lx = x0 + page.pt(20)
            text = label
            if leaders:
                while page.text_width(text + " .", points=points) < label_w - page.pt(24):
                    text += " ."
            page.text((lx, y), text, points=points)
            page.text((x0 + label_w, y), ":", points=points)
            room = x1 - x0 - label_w - page.pt(10)
            if label in ("Tempat tinggal", "Tempat akad nikah"):  # places wrap; other values are narrowed to fit
                lines = page.wrap_chunks(value.split(), width=room, points=points)
                size = points
            else:
                lines, size = [value], points
                while size > 6 and page.text_width(value, points=size) > room:
                    size -= 0.25
            for j, line in enumerate(lines):
                page.text((x0 + label_w + page.pt(7), y + j * step), line, points=size)
            y += step * len(lines)
            n += 1
        y += step * 0.45
    return y


def _foot(page: FormPage, v: dict[str, Any], rng: random.Random, *, district: str, married: dt.date, x: float,
          top: float, stamped: bool) -> None:
    copied = married + dt.timedelta(days=rng.randint(200, 5000))
    copied = min(copied, dt.date(2026, 11, 30))
    page.text((190, top), "Salinan ini sesuai dengan aslinya.", points=9.5)
    page.text((x, top), f"{title_case(district)}, {date_long(copied.isoformat())}", points=10, anchor="mt")
    page.text((x, top + page.pt(14)), rng.choice((f"Kepala KUA Kecamatan {title_case(district)},", "Penghulu,")),
              points=10, anchor="mt")
    name = rng.choice(_HEADS)
    page.text((x, top + page.pt(70)), name, points=10, bold=True, anchor="mt")
    page.text((x, top + page.pt(84)), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
    page.paste(signature(rng, width=440, height=170), (int(x - 220), int(top + page.pt(26))))
    if stamped:
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}"[:44], centre="KUA",
                     family=page.style.family, diameter=rng.randint(320, 380))
        page.paste(seal, (int(x - seal.width * rng.uniform(0.75, 1.0)), int(top + page.pt(10))))
