"""The bilingual university ijazah (family `ijazah-dwibahasa`): every label, sentence, title and date in
Indonesian and in English.

What differs from the other university families: a state polytechnic (Diploma Tiga, or the Sarjana
Terapan of a Diploma Empat: `D4` in the truth, the same SIAK pendidikan as S1) or a state university prints
it; the ministry of its era in both languages (`KEMENTERIAN KESEHATAN REPUBLIK INDONESIA / MINISTRY OF
HEALTH …` for a health polytechnic); the institution's name in English under it (`STATE POLYTECHNIC OF
UJUNG PANDANG`); `IJAZAH` with `DIPLOMA` under it; the opening `Direktur … menyatakan bahwa / The Director …
certifies that`; labels either on one line (`Nama / Name`, `Tempat dan Tanggal Lahir / Place and Date of
Birth`, `Nomor Induk Mahasiswa / Student Identification Number`, `Program Studi / Study Program`) or the
English in italics under the Indonesian; the birth as `Makassar, 12 Maret 1990 / March 12, 1990`; the
study programme and department followed by their English names; `Jurusan / Department` or `Fakultas /
Faculty`; the degree or professional title on its own line with its English under it (`AHLI MADYA (A.Md.)` /
`Associate Degree in Civil Engineering`); `Nomor Ijazah / Certificate Number` top left in the institution's
own series before 2021 (`0123/PL10/DIII/2015`, `04321/UN4/S1/2012`), the 15-digit national number since
(`Nomor Ijazah Nasional / National Certificate Number`); the issue date after the town in both languages over
the head of department or dean and the director or rector, both with NIPs; a photo box between them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

import core

from ._canvas import Page, date_long, title_case
from ._form import FormPage
from ._kk import _nip
from ._marks import signature, stamp

FACES = (("Nimbus Roman", "Nimbus Roman Italic"), ("Nimbus Sans", "Nimbus Sans Italic"),
         ("FreeSerif", "Nimbus Roman Italic"))
"""(face, its italic for the English) of the certificate's print."""
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
_POLYTECHNICS = (
    # name, English, town, series code, ministry (health or education), programmes (D3, D4)
    ("POLITEKNIK NEGERI UJUNG PANDANG", "STATE POLYTECHNIC OF UJUNG PANDANG", "Makassar", "PL10", "education",
     {"D3": (("Konstruksi Gedung", "Building Construction", "Teknik Sipil", "Civil Engineering",
              "AHLI MADYA (A.Md.)", "Associate Degree in Civil Engineering", "33402"),
             ("Akuntansi", "Accounting", "Akuntansi", "Accounting", "AHLI MADYA (A.Md.)",
              "Associate Degree in Accounting", "62401")),
      "D4": (("Teknik Listrik", "Electrical Engineering", "Teknik Elektro", "Electrical Engineering",
              "SARJANA TERAPAN TEKNIK (S.Tr.T.)", "Bachelor of Applied Engineering", "20301"),)}),
    ("POLITEKNIK KESEHATAN KENDARI", "HEALTH POLYTECHNIC OF KENDARI", "Kendari", "PK.15", "health",
     {"D3": (("Keperawatan", "Nursing", "Keperawatan", "Nursing", "AHLI MADYA KEPERAWATAN (A.Md.Kep.)",
              "Associate Degree in Nursing", "14401"),
             ("Gizi", "Nutrition", "Gizi", "Nutrition", "AHLI MADYA GIZI (A.Md.Gz.)", "Associate Degree in Nutrition",
              "13411")),
      "D4": (("Kebidanan", "Midwifery", "Kebidanan", "Midwifery", "SARJANA TERAPAN KEBIDANAN (S.Tr.Keb.)",
              "Bachelor of Applied Midwifery", "15301"),)}),
)
_UNIVERSITIES = (
    ("UNIVERSITAS HASANUDDIN", "HASANUDDIN UNIVERSITY", "Makassar", "UN4",
     (("Teknik Informatika", "Informatics Engineering", "Teknik", "Engineering", "SARJANA TEKNIK (S.T.)",
       "Bachelor of Engineering", "55201"),
      ("Agribisnis", "Agribusiness", "Pertanian", "Agriculture", "SARJANA PERTANIAN (S.P.)", "Bachelor of Agriculture",
       "54201"))),
    ("UNIVERSITAS NEGERI MAKASSAR", "STATE UNIVERSITY OF MAKASSAR", "Makassar", "UN36",
     (("Pendidikan Bahasa Inggris", "English Education", "Bahasa dan Sastra", "Languages and Literature",
       "SARJANA PENDIDIKAN (S.Pd.)", "Bachelor of Education", "88203"),)),
)
_HEADS = ("Ir. H. MUHAMMAD ANSHAR, M.Si., Ph.D.", "Prof. Dr. Ir. ABDUL RAHMAN, M.Sc.", "Dr. Hj. ASKRENI, S.ST., M.Kes.",
          "Prof. Dr. Ir. HUSAIN SYAM, M.TP.")
_UNIT_HEADS = ("Dr. Eng. ANDI ZULKIFLI, S.T., M.T.", "NURNANINGSIH HERYA ULFAH, S.ST., M.Kes.", "Dr. RAHMAT, M.Pd.",
               "Ir. SUMARDI, M.Si.")


def dwibahasa_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as a bilingual print gives them."""
    year = int(values["tanggal_lulus"][:4])
    polytechnic = values["jenjang"] == "D3" or rng.random() < 0.4
    if polytechnic:
        name, english, town, series, ministry, offer = rng.choice(_POLYTECHNICS)
        jenjang = "D3" if values["jenjang"] == "D3" else "D4"
        prodi, prodi_en, unit, unit_en, gelar, gelar_en, code = rng.choice(offer[jenjang])
        head, head_en = "Direktur", "The Director"
        nim = f"{rng.randint(3, 4)}{rng.randint(1, 5)}{(year - (3 if jenjang == 'D3' else 4)) % 100:02d}" \
              f"{rng.randint(1, 120):03d}"
    else:
        name, english, town, series, programmes = rng.choice(_UNIVERSITIES)
        ministry, jenjang = "education", values["jenjang"]
        prodi, prodi_en, unit, unit_en, gelar, gelar_en, code = rng.choice(programmes)
        head, head_en = "Rektor", "The Rector"
        nim = f"{rng.choice('ABDEFGH')}{rng.randint(11, 99)}1{(year - 4) % 100:02d}{rng.randint(1, 299):03d}"
    if year >= 2021:
        nomor = f"{code}{year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(d) for d in nomor) % 10)
    elif polytechnic:
        nomor = f"{rng.randint(1, 2999):04d}/{series}/{'DIII' if jenjang == 'D3' else 'DIV'}/{year}"
    else:
        nomor = f"{rng.randint(1, 19999):05d}/{series}/{jenjang}/{year}"
    return {**values, "jenjang": jenjang, "nama_satuan_pendidikan": name, "program_studi": prodi.upper(),
            "gelar": gelar.upper(), "nomor_ijazah": nomor, "nim": nim,
            "printed_gelar": gelar, "gelar_en": gelar_en, "english": english, "town": town, "ministry": ministry,
            "prodi_en": prodi_en, "unit": unit, "unit_en": unit_en, "head": head, "head_en": head_en,
            "polytechnic": polytechnic}


def date_en(iso: str) -> str:
    """`2015-08-28` -> `August 28, 2015`."""
    day = dt.date.fromisoformat(iso)
    return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


def _ministry(v: dict[str, Any]) -> tuple[str, str]:
    year = int(v["tanggal_lulus"][:4])
    if v["ministry"] == "health":
        return "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA", "MINISTRY OF HEALTH OF THE REPUBLIC OF INDONESIA"
    if year >= 2021:
        return ("KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI",
                "MINISTRY OF EDUCATION, CULTURE, RESEARCH, AND TECHNOLOGY")
    if 2015 <= year <= 2019:
        return "KEMENTERIAN RISET, TEKNOLOGI, DAN PENDIDIKAN TINGGI", "MINISTRY OF RESEARCH, TECHNOLOGY AND HIGHER EDUCATION"
    if year >= 2012:
        return "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN", "MINISTRY OF EDUCATION AND CULTURE"
    return "KEMENTERIAN PENDIDIKAN NASIONAL", "MINISTRY OF NATIONAL EDUCATION"


def draw_dwibahasa(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    face, italic = rng.choice(FACES)
    # A certificate's type is set to its sheet: the corpus look's larger sizes would run it past the frame.
    style = dataclasses.replace(page.style, scale=min(page.style.scale, 0.95))
    out = FormPage(page.image.size, style, face=face, paper=page.image if page.ops else None)
    g = out.style.geometry
    w, h = out.width, out.image.height
    cx = w / 2
    m = 95 + g.frame[0]
    out.rect((m, m, w - m, h - m), width=3)
    out.rect((m + 14, m + 14, w - m - 14, h - m - 14), width=6 + g.frame[1])
    national = int(v["tanggal_lulus"][:4]) >= 2021
    label = ("Nomor Ijazah Nasional", "National Certificate Number") if national else ("Nomor Ijazah",
                                                                                        "Certificate Number")
    top = m + 45 + out.pt(9.5)
    out.text((m + 110, top), f"{label[0]} / ", points=9.5, anchor="ls")
    lead = out.text_width(f"{label[0]} / ", points=9.5)
    with out.using(face=italic):
        out.text((m + 110 + lead, top), label[1], points=9.5, anchor="ls")
        shift = lead + out.text_width(label[1], points=9.5)
    out.text((m + 110 + shift + out.pt(6), top), f": {v['nomor_ijazah']}", points=9.5, anchor="ls")
    ministry, ministry_en = _ministry(v)
    out.text((cx, 215), ministry, points=11, bold=True, anchor="mt")
    with out.using(face=italic):
        out.text((cx, 215 + out.pt(15)), ministry_en, points=9, anchor="mt")
    out.text((cx, 320), v["nama_satuan_pendidikan"], points=18 * g.title, bold=True, anchor="mt")
    with out.using(face=italic):
        out.text((cx, 320 + out.pt(25 * g.title)), v["english"], points=12, anchor="mt")
    out.text((cx, 500), "IJAZAH", points=28 * g.title, bold=True, anchor="mt")
    with out.using(face=italic):
        out.text((cx, 500 + out.pt(36 * g.title)), "DIPLOMA", points=15 * g.title, bold=True, anchor="mt")
    pts = 10.5
    step = out.pt(pts) * 1.45
    y: float = 500 + out.pt(36 * g.title) + out.pt(27)
    name_en = title_case(v["english"]).replace(" Of ", " of ")
    _both(out, italic, (cx, y), f"{v['head']} {title_case(v['nama_satuan_pendidikan'])} dengan ini menyatakan bahwa:",
          f"{v['head_en']} of {name_en} hereby certifies that:", points=pts, anchor="mt")
    y += step * 2.4
    unit_label = ("Jurusan", "Department") if v["polytechnic"] else ("Fakultas", "Faculty")
    level = {"D3": ("Diploma Tiga (D-III)", "Three-Year Diploma"), "D4": ("Diploma Empat (D-IV)", "Four-Year Diploma"),
             "S1": ("Sarjana (S-1)", "Bachelor")}[v["jenjang"]]
    born = dt.date.fromisoformat(v["tanggal_lahir"]).isoformat()
    rows = [(("Nama", "Name"), v["nama_lengkap"], None),
            (("Tempat dan Tanggal Lahir", "Place and Date of Birth"),
             f"{title_case(v['tempat_lahir'])}, {date_long(born)} / ", date_en(born)),
            (("Nomor Induk Mahasiswa", "Student Identification Number"), v["nim"], None),
            (("Program Pendidikan", "Education Program"), f"{level[0]} / ", level[1]),
            (unit_label, f"{v['unit']} / ", v["unit_en"]),
            (("Program Studi", "Study Program"), f"{title_case(v['program_studi'])} / ", v["prodi_en"])]
    stacked = rng.random() < 0.5
    x = 330 + g.indent
    labels = [f"{a} / {b}" for (a, b), _, _ in rows] if not stacked else [a for (a, _), _, _ in rows]
    with out.using(face=italic):
        widest = max(out.text_width(b, points=pts - 1) for (_, b), _, _ in rows) if stacked else 0.0
    colon = max(max(out.text_width(lab, points=pts) for lab in labels), widest) + out.pt(8)
    for (indo, english), value, value_en in rows:
        base = y + out.pt(pts)  # every piece of the row on one baseline, whatever its face's ascender
        if stacked:
            out.text((x, base), indo, points=pts, anchor="ls")
            with out.using(face=italic):
                out.text((x, base + out.pt(pts) * 1.05), english, points=pts - 1, anchor="ls")
        else:
            out.text((x, base), f"{indo} / ", points=pts, anchor="ls")
            with out.using(face=italic):
                out.text((x + out.text_width(f"{indo} / ", points=pts), base), english, points=pts, anchor="ls")
        out.text((x + colon, base), ":", points=pts, anchor="ls")
        vx = x + colon + out.pt(pts) * 0.8
        out.text((vx, base), value, points=pts, bold=indo == "Nama", anchor="ls")
        if value_en:
            with out.using(face=italic):
                out.text((vx + out.text_width(value, points=pts), base), value_en, points=pts, anchor="ls")
        y += step * (1.5 if stacked else 1.12)
    y += step * 0.3
    _both(out, italic, (cx, y), "telah menyelesaikan seluruh persyaratan pendidikan dan kepadanya diberikan "
          + ("sebutan profesional" if v["polytechnic"] else "gelar akademik"),
          "has fulfilled all the requirements and is therefore awarded the " +
          ("professional title" if v["polytechnic"] else "academic degree"), points=pts, anchor="mt")
    y += step * 2.3
    out.text((cx, y), v["printed_gelar"], points=16, bold=True, anchor="mt")
    with out.using(face=italic):
        out.text((cx, y + out.pt(21)), v["gelar_en"], points=12, anchor="mt")
    y += out.pt(21) + step * 1.6
    _both(out, italic, (cx, y), "beserta segala hak dan kewajiban yang melekat pada sebutan/gelar tersebut.",
          "with all the rights and obligations attached thereto.", points=pts, anchor="mt")
    y += step * 2.2
    issued = v["tanggal_lulus"]
    right_x, left_x = w * 0.74 + g.sign_dx / 3, w * 0.26
    _both(out, italic, (right_x, y), f"{v['town']}, {date_long(issued)}", f"{v['town']}, {date_en(issued)}",
          points=pts, anchor="mt")
    y += step * 1.8
    unit_head = ((f"Ketua Jurusan {v['unit']},", f"Head of {v['unit_en']} Department,") if v["polytechnic"] else
                 (f"Dekan Fakultas {v['unit']},", f"Dean of the Faculty of {v['unit_en']},"))
    for sx, (title, title_en), name in ((left_x, unit_head, rng.choice(_UNIT_HEADS)),
                                       (right_x, (f"{v['head']},", f"{v['head_en'].removeprefix('The ')},"),
                                        rng.choice(_HEADS))):
        _both(out, italic, (sx, y), title, title_en, points=pts, anchor="mt")
        out.text((sx, y + 280), name, points=pts, bold=True, anchor="mt")
        out.text((sx, y + 280 + step), f"NIP. {_nip(rng)}", points=pts - 1, anchor="mt")
        if security:
            out.paste(signature(rng), (int(sx - 200), int(y + step * 2)))
    photo = (cx - 130, y - 60, cx + 130, y + 280)
    out.rect(photo, width=2)
    out.text((cx, (photo[1] + photo[3]) / 2), "3 x 4", points=8, anchor="mm")
    if security:
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre=v["head"].upper(), family="DejaVu Serif",
                     diameter=rng.randint(360, 430))
        out.paste(seal, (int(right_x - seal.width * rng.uniform(0.7, 0.95)), int(y + rng.uniform(20, 120))))
    return out


def _both(page: FormPage, italic: str, xy: tuple[float, float], indonesian: str, english: str, *, points: float,
          anchor: str) -> None:
    """A line in Indonesian with its English in italics under it."""
    page.text(xy, indonesian, points=points, anchor=anchor)
    with page.using(face=italic):
        page.text((xy[0], xy[1] + page.pt(points) * 1.25), english, points=points - 0.5, anchor=anchor)


def truth_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values.get(name) for name in core.IJAZAH_FIELDS}
