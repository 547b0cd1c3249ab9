"""Held-out family `ijazah-u11c` (session 11): a private school's ijazah with its grade list on the same page.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the school ijazah (SD, SMP, SMA, SMK) of a **private school run by a foundation** (Catholic,
Protestant, Muhammadiyah, PGRI, an Islamic integrated school), printed by the school's own computer on
the ministry's landscape blanko in the years of the national examination (Ujian Nasional), with the
**grade list on the same sheet**:

- landscape A4, a thin double frame; top left the ministry of the year (DEPARTEMEN PENDIDIKAN NASIONAL
  until 2009, KEMENTERIAN PENDIDIKAN NASIONAL 2010-2011, KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN since),
  under it the foundation (`YAYASAN PERGURUAN KATOLIK ...`) and the school with its accreditation; the
  blanko's serial **boxed top right** (`DN-28 Ma 0123456`: the ijazah's number, upper-cased in the truth);
- `IJAZAH` over the level's name and `TAHUN PELAJARAN 2008/2009`;
- the left half: "Kepala <school>, Nomor Pokok Sekolah Nasional <npsn> (since 2007; none before),
  menerangkan bahwa:" as one wrapped sentence, then labelled rows worded `Nama Peserta Didik`,
  `Tempat, Tanggal Lahir`, `Nama Orang Tua / Wali`, `Nomor Induk Sekolah` (the NIS), `Nomor Peserta Ujian`
  (**the exam number, a distractor**: `2-09-26-04-012-034-5`), `NISN` (since 2007), with leaders of dots
  between label and colon in half; "dinyatakan **LULUS** dari satuan pendidikan berdasarkan hasil Ujian
  Nasional dan Ujian Sekolah tahun pelajaran ...";
- the right half: **DAFTAR NILAI** in a ruled table (No, Mata Pelajaran, Nilai Ujian Sekolah, Nilai Ujian
  Nasional, Nilai Akhir) of six to nine subjects with decimal grades (`8,25`), the average under it;
- under the table, right: "`<Town>, 15 Juni 2009`" (the issue date, the truth's `tanggal_lulus`), `Kepala
  Sekolah,`, the head's name and `NIY.` (a foundation's staff number) or `NIP.`; the foundation's stamp
  over the signature when on security paper; at the left a photo box and a three-finger print box.

Truth: the school (as in its sentence), NPSN and NISN where printed (else null), the name, birth, parent,
NIS, the serial as the number, the date over the signature.
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_LEVEL_NAMES = {"SD": "SEKOLAH DASAR", "SMP": "SEKOLAH MENENGAH PERTAMA", "SMA": "SEKOLAH MENENGAH ATAS",
                "SMK": "SEKOLAH MENENGAH KEJURUAN"}
_SERIAL_CODES = {"SD": "Dd", "SMP": "Dl", "SMA": "Ma", "SMK": "Mk"}
_FOUNDATIONS = (
    # (foundation, school word, names)
    ("YAYASAN PERSEKOLAHAN KATOLIK KEUSKUPAN AGUNG MAKASSAR", "KATOLIK", ("SANTO PAULUS", "FRATER", "SANTA MARIA")),
    ("YAYASAN PENDIDIKAN KRISTEN SULAWESI TENGGARA", "KRISTEN", ("BETHEL", "IMANUEL", "KALAM KUDUS")),
    ("PIMPINAN DAERAH MUHAMMADIYAH", "MUHAMMADIYAH", ("1", "2", "3")),
    ("YAYASAN PEMBINA LEMBAGA PENDIDIKAN PGRI", "PGRI", ("1", "2")),
    ("YAYASAN AL-FATH", "ISLAM TERPADU", ("AL-FATH", "AL-MUHAJIRIN", "WAHDAH ISLAMIYAH")),
)
_TOWNS = ("KENDARI", "KOLAKA", "RAHA", "BAUBAU", "UNAAHA")
_SUBJECTS = {
    "SD": ("Pendidikan Agama", "Pendidikan Kewarganegaraan", "Bahasa Indonesia", "Matematika",
           "Ilmu Pengetahuan Alam", "Ilmu Pengetahuan Sosial", "Seni Budaya dan Keterampilan"),
    "SMP": ("Pendidikan Agama", "Pendidikan Kewarganegaraan", "Bahasa Indonesia", "Bahasa Inggris", "Matematika",
            "Ilmu Pengetahuan Alam", "Ilmu Pengetahuan Sosial", "Seni Budaya", "Penjasorkes"),
    "SMA": ("Pendidikan Agama", "Pendidikan Kewarganegaraan", "Bahasa Indonesia", "Bahasa Inggris", "Matematika",
            "Fisika", "Kimia", "Biologi", "Sejarah"),
    "SMK": ("Pendidikan Agama", "Pendidikan Kewarganegaraan", "Bahasa Indonesia", "Bahasa Inggris", "Matematika",
            "Kompetensi Kejuruan", "Kewirausahaan"),
}
_HEADS = ("Fr. YOHANES SAMBO, BHK, S.Pd.", "Drs. MUH. NASRUN ALI, M.Pd.", "MARTHA LINGGI, S.Th., M.Pd.",
          "Hj. ST. NURHAEDAH, S.Ag., M.Pd.I.", "YUSUF TANDIARRANG, S.Pd.")
NPSN_SINCE = 2007


def u11c_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as this school prints them."""
    jenjang = values["jenjang"]
    year = int(values["tanggal_lulus"][:4])
    foundation, word, names = rng.choice(_FOUNDATIONS)
    town = rng.choice(_TOWNS)
    school = f"{jenjang} {word} {rng.choice(names)} {town}"
    serial = f"DN-{rng.choice((20, 26, 28))} {_SERIAL_CODES[jenjang]} {rng.randint(1, 9_999_999):07d}"
    exam = (f"{rng.randint(1, 4)}-{year % 100:02d}-26-{rng.randint(1, 14):02d}-{rng.randint(1, 99):03d}-"
            f"{rng.randint(1, 300):03d}-{rng.randint(0, 9)}")
    grades = [round(rng.uniform(6.0, 9.6) * 4) / 4 for _ in _SUBJECTS[jenjang]]
    return {
        **values, "nama_satuan_pendidikan": school, "nomor_ijazah": serial.upper(), "serial": serial,
        "npsn": values["npsn"] if year >= NPSN_SINCE else None, "nisn": values["nisn"] if year >= NPSN_SINCE else None,
        "foundation": foundation, "town": town, "exam": exam, "grades": grades, "leaders": rng.random() < 0.5,
        "head": rng.choice(_HEADS),
    }


def draw_u11c(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w, h = page.width, page.image.height
    page.rect((70, 70, w - 70, h - 70), width=5)
    page.rect((90, 90, w - 90, h - 90), width=2)
    year = int(v["tanggal_lulus"][:4])
    ministry = ("DEPARTEMEN PENDIDIKAN NASIONAL" if year < 2010 else "KEMENTERIAN PENDIDIKAN NASIONAL" if year < 2012
                else "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN")
    left = 180
    page.text((left, 160), "REPUBLIK INDONESIA", points=9, bold=True)
    page.text((left, 160 + page.pt(13)), ministry, points=9, bold=True)
    page.text((left, 160 + page.pt(26)), v["foundation"], points=8.5)
    page.text((left, 160 + page.pt(38)), v["nama_satuan_pendidikan"], points=10, bold=True)
    page.text((left, 160 + page.pt(51)), f"Terakreditasi {rng.choice('AB')}", points=8)
    # The blanko's serial, boxed top right.
    serial_w = page.text_width(v["serial"], points=11, bold=True) + page.pt(16)
    page.rect((w - 180 - serial_w, 150, w - 180, 150 + page.pt(22)), width=3)
    page.text((w - 180 - serial_w / 2, 150 + page.pt(11)), v["serial"], points=11, bold=True, anchor="mm")
    page.text((w - 180 - serial_w - page.pt(6), 150 + page.pt(11)), "No.", points=10, anchor="rm")
    cx = w / 2
    page.text((cx, 430), "IJAZAH", points=28, bold=True, anchor="mt")
    page.text((cx, 430 + page.pt(36)), _LEVEL_NAMES[v["jenjang"]], points=13, bold=True, anchor="mt")
    page.text((cx, 430 + page.pt(56)), f"TAHUN PELAJARAN {year - 1}/{year}", points=10, anchor="mt")
    # Left half: the sentence and the labelled rows.
    x, half = left, w * 0.52
    y: float = 430 + page.pt(84)
    npsn = f", Nomor Pokok Sekolah Nasional {v['npsn']}," if v.get("npsn") else ""
    sentence = f"Kepala {v['nama_satuan_pendidikan']}{npsn} menerangkan bahwa:".split()
    for line in page.wrap_chunks(sentence, width=half - x, points=10.5):
        page.text((x, y), line, points=10.5)
        y += page.pt(10.5) * 1.5
    rows = [("Nama Peserta Didik", v["nama_lengkap"]),
            ("Tempat, Tanggal Lahir", f"{title_case(v['tempat_lahir'] or '')}, {date_long(v['tanggal_lahir'])}"),
            ("Nama Orang Tua / Wali", v["nama_orang_tua"]), ("Nomor Induk Sekolah", v["nis"]),
            ("Nomor Peserta Ujian", v["exam"])]
    if v.get("nisn"):
        rows.append(("NISN", v["nisn"]))
    colon = x + max(page.text_width(label, points=10.5) for label, _ in rows) + page.pt(10)
    y += page.pt(6)
    for label, value in rows:
        page.text((x, y), label, points=10.5)
        if v["leaders"]:
            lx = x + page.text_width(label, points=10.5) + page.pt(3)
            while lx < colon - page.pt(5):
                page.text((lx, y), ".", points=10.5)
                lx += page.pt(4)
        page.text((colon, y), ":", points=10.5)
        page.text((colon + page.pt(8), y), value or "-", points=10.5, bold=label == "Nama Peserta Didik")
        y += page.pt(10.5) * 1.7
    page.text((x, y + page.pt(4)), "dinyatakan", points=10.5)
    page.text((x + page.pt(70), y), "LULUS", points=16, bold=True)
    y += page.pt(26)
    closing = (f"dari satuan pendidikan berdasarkan hasil Ujian Nasional dan Ujian Sekolah tahun pelajaran "
               f"{year - 1}/{year}.").split()
    for line in page.wrap_chunks(closing, width=half - x, points=10.5):
        page.text((x, y), line, points=10.5)
        y += page.pt(10.5) * 1.5
    # Photo and finger-print boxes.
    box_top = max(y + page.pt(14), h - 170 - page.pt(110))
    page.rect((x, box_top, x + page.pt(80), box_top + page.pt(105)), width=2)
    page.text((x + page.pt(40), box_top + page.pt(52)), "Pas foto 3 x 4", points=7, anchor="mm")
    fx = x + page.pt(100)
    page.rect((fx, box_top + page.pt(40), fx + page.pt(130), box_top + page.pt(95)), width=2)
    page.text((fx + page.pt(65), box_top + page.pt(100)), "Cap tiga jari tengah kiri", points=7, anchor="mt")
    _grades(page, v, left=half + 40, right=w - 180, top=430 + page.pt(84))
    # Date and signature, right.
    sign_x = w - 180 - page.pt(120)
    sign_y = h - 170 - page.pt(120)
    page.text((sign_x, sign_y), f"{title_case(v['town'])}, {date_long(v['tanggal_lulus'])}", points=10.5,
              anchor="mt")
    page.text((sign_x, sign_y + page.pt(15)), "Kepala Sekolah,", points=10.5, anchor="mt")
    page.text((sign_x, sign_y + page.pt(80)), v["head"], points=10.5, bold=True, anchor="mt")
    staff = f"NIP. {_nip(rng)}" if "Drs." in v["head"] else f"NIY. {rng.randint(1, 99):02d}.{rng.randint(100, 999)}.{year - rng.randint(5, 20)}"
    page.text((sign_x, sign_y + page.pt(94)), staff, points=10, anchor="mt")
    if security:
        page.paste(signature(rng), (int(sign_x - 200), int(sign_y + page.pt(26))))
        seal = stamp(rng, ring=v["foundation"][:38], centre=f"{v['jenjang']}\n{title_case(v['town'])}",
                     family=page.style.family, diameter=rng.randint(360, 430))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.7, 0.95)), int(sign_y + page.pt(rng.uniform(14, 40)))))
    return page


def _grades(page: Page, v: dict[str, Any], *, left: float, right: float, top: float) -> None:
    page.text(((left + right) / 2, top), "DAFTAR NILAI", points=11, bold=True, anchor="mt")
    subjects = _SUBJECTS[v["jenjang"]]
    heads = ("No", "Mata Pelajaran", "Nilai US", "Nilai UN", "Nilai Akhir")
    weights = (60, 560, 170, 170, 190)
    xs = [left]
    for wgt in weights:
        xs.append(xs[-1] + wgt * (right - left) / sum(weights))
    row = page.pt(15)
    y0 = top + page.pt(20)
    rows = len(subjects) + 2
    for i in range(rows + 1):
        page.line((left, y0 + i * row, right, y0 + i * row), width=2)
    for x in xs:
        page.line((x, y0, x, y0 + rows * row), width=2)
    for i, head in enumerate(heads):
        page.text_in_box((round(xs[i]), round(y0), round(xs[i + 1]), round(y0 + row)), head, points=8.5, bold=True,
                         align="center")
    total = 0.0
    for r, (subject, grade) in enumerate(zip(subjects, v["grades"], strict=True)):
        y = y0 + (r + 1) * row
        us = min(9.8, grade + 0.25)
        final = round((us + grade) / 2, 2)
        total += final
        cells = (str(r + 1), subject, _comma(us), _comma(grade), _comma(final))
        for i, text in enumerate(cells):
            page.text_in_box((round(xs[i]), round(y), round(xs[i + 1]), round(y + row)), text, points=8.5,
                             align="left" if i == 1 else "center")
    y = y0 + (rows - 1) * row
    page.text_in_box((round(xs[0]), round(y), round(xs[4]), round(y + row)), "Rata-rata", points=8.5, bold=True)
    page.text_in_box((round(xs[4]), round(y), round(xs[5]), round(y + row)), _comma(total / len(subjects)),
                     points=8.5, bold=True, align="center")


def _comma(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")
