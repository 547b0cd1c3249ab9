"""A bilingual university ijazah (family `ijazah-bilingual`): Indonesian with English beside or under it.

What issuers print (a state or private university or institute, S1 or D3, some as an international-class
programme): the ministry (or the foundation) and the institution with their English names under them; the
title IJAZAH with DIPLOMA or CERTIFICATE beside it (`IJAZAH / DIPLOMA`) or under it in italics, the level under
it (`Program Sarjana / Undergraduate Programme`); the head's
opening in both languages; the labels in one of four arrangements drawn per document:

    slash     `Nama / Name : ...` on one line
    under     the English label in italics under the Indonesian, the colon and value on the Indonesian line
    column    the English label first in a column of its own (italics), the Indonesian after it
    english   labels only in English, as on a transcript's header (`Name`, `Student Number`, ...)

Values with an English twin: the birth date (`Kolaka, 5 Juni 1985 / June 5, 1985`, or the English under
it), the study programme (`Teknik Sipil / Civil Engineering`), the degree (`SARJANA TEKNIK (S.T.)` with
`Bachelor of Engineering` in italics under it, on a line of its own or as a labelled value) and the date
of issue. The truth is always the Indonesian value (documents.md); the English twin is a translation of
what the truth already holds, never a value of its own.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._form import FormPage
from ._kk import _nip
from ._marks import signature, stamp

PROGRAMMES = {
    # jenjang: (programme, its English, degree, the English degree, faculty, its English, code)
    "S1": (("Teknik Sipil", "Civil Engineering", "SARJANA TEKNIK (S.T.)", "Bachelor of Engineering",
            "Teknik", "Engineering", "22201"),
           ("Manajemen", "Management", "SARJANA EKONOMI (S.E.)", "Bachelor of Economics",
            "Ekonomi dan Bisnis", "Economics and Business", "61201"),
           ("Ilmu Komunikasi", "Communication Science", "SARJANA ILMU KOMUNIKASI (S.I.KOM.)",
            "Bachelor of Communication Science", "Ilmu Sosial dan Ilmu Politik", "Social and Political Sciences",
            "70201"),
           ("Teknik Informatika", "Informatics Engineering", "SARJANA KOMPUTER (S.KOM.)", "Bachelor of Computer Science",
            "Teknik", "Engineering", "55201"),
           ("Agribisnis", "Agribusiness", "SARJANA PERTANIAN (S.P.)", "Bachelor of Agriculture",
            "Pertanian", "Agriculture", "54201")),
    "D3": (("Akuntansi", "Accounting", "AHLI MADYA (A.MD.)", "Associate Degree in Accounting",
            "Ekonomi dan Bisnis", "Economics and Business", "62401"),
           ("Teknik Mesin", "Mechanical Engineering", "AHLI MADYA TEKNIK (A.MD.T.)", "Associate Degree in Engineering",
            "Teknik", "Engineering", "21401")),
}
_LEVEL = {"S1": ("Sarjana (S1)", "Bachelor"), "D3": ("Diploma Tiga (D3)", "Diploma III")}
_INSTITUTIONS = (
    # name, English name, town, private (a foundation above it), short code of its number series
    ("UNIVERSITAS HALU OLEO", "HALU OLEO UNIVERSITY", "Kendari", False, "UN29"),
    ("UNIVERSITAS SEMBILANBELAS NOVEMBER KOLAKA", "SEMBILANBELAS NOVEMBER UNIVERSITY OF KOLAKA", "Kolaka", False,
     "UN56"),
    ("INSTITUT TEKNOLOGI DAN BISNIS KENDARI", "KENDARI INSTITUTE OF TECHNOLOGY AND BUSINESS", "Kendari", True,
     "ITBK"),
    ("UNIVERSITAS LAKIDENDE UNAAHA", "LAKIDENDE UNIVERSITY OF UNAAHA", "Unaaha", True, "UNILAKI"),
)
_FACES = (("DejaVu Serif", "Nimbus Roman Italic"), ("FreeSerif", "Nimbus Roman Italic"),
          ("Nimbus Roman", "Nimbus Roman Italic"), ("FreeSans", "Nimbus Sans Italic"),
          ("Nimbus Sans", "Nimbus Sans Italic"))
ARRANGEMENTS = ("slash", "under", "column", "english")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_HEADS = ("Prof. Dr. Ir. MUHAMMAD ZAMRUN F., S.Si., M.Si., M.Sc.", "Dr. AZHAR BAHARUDDIN, S.T., M.T.",
          "Prof. Dr. SITI NURHALIZA, M.Pd.", "Dr. Ir. LA ODE SAFUAN, M.Si.")
_DEANS = ("Dr. Ir. ASMIN, M.T.", "Dr. WA ODE HASNIAH, S.E., M.Si.", "Prof. Dr. ANDI TENRI, M.Si.")


def date_english(iso: str, style: int) -> str:
    """`1985-06-05` as an English-language certificate prints it: `June 5, 1985` (0), `5th June 1985` (1)
    or `5 June 1985` (2)."""
    day = dt.date.fromisoformat(iso)
    month = _MONTHS_EN[day.month - 1]
    if style == 0:
        return f"{month} {day.day}, {day.year}"
    if style == 1:
        suffix = "th" if 10 < day.day % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
        return f"{day.day}{suffix} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def bilingual_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as a bilingual issuer prints them, with how."""
    jenjang = values["jenjang"]
    prodi, prodi_en, degree, degree_en, faculty, faculty_en, code = rng.choice(PROGRAMMES[jenjang])
    name, name_en, town, private, series = rng.choice(_INSTITUTIONS)
    year = int(values["tanggal_lulus"][:4])
    if year >= 2021:
        nomor = f"{code}{year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(d) for d in nomor) % 10)
    else:
        nomor = f"{rng.randint(1, 2999):04d}/{series}/{jenjang}/{year}"
    entry = year - (4 if jenjang == "S1" else 3)
    face, italic = rng.choice(_FACES)
    return {
        **values, "nama_satuan_pendidikan": name, "program_studi": prodi.upper(), "gelar": degree,
        "nomor_ijazah": nomor, "nim": f"{rng.choice('EFGH')}1{rng.choice('ABCD')}{entry % 100:02d}{rng.randint(1, 999):03d}",
        "prodi_en": prodi_en, "degree_en": degree_en, "faculty": faculty, "faculty_en": faculty_en,
        "institution_en": name_en, "town": town, "private": private, "face": face, "italic": italic,
        "arrangement": rng.choice(ARRANGEMENTS), "title": rng.choice(("beside", "under", "certificate")),
        "date_style": rng.randrange(3), "twin_under": rng.random() < 0.5, "degree_line": rng.random() < 0.6,
        "international": rng.random() < 0.3, "level_row": rng.random() < 0.5, "slash_issue": rng.random() < 0.5,
    }


def draw_bilingual(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    """The page; on security paper the head signs in ink and the institution's stamp sits half over it."""
    form = FormPage(page.image.size, page.style, face=v["face"], paper=page.image if page.ops else None)
    cx = form.width / 2
    g = form.style.geometry
    m = 110 + g.frame[0]
    form.rect((m, m, form.width - m, form.image.height - m), width=3)
    y = _heading(form, v, cx=cx, top=m + 90)
    y = _opening(form, v, cx=cx, top=y)
    y = _rows(form, v, top=y, x=420 + g.indent)
    y = _closing(form, v, cx=cx, top=y)
    _signatures(form, v, rng, top=y, security=security)
    return form


def _italic(form: FormPage, xy: tuple[float, float], text: str, v: dict[str, Any], *, points: float,
            anchor: str = "la", bold: bool = False) -> None:
    with form.using(face=v["italic"]):
        form.text(xy, text, points=points, anchor=anchor, bold=bold)


def _heading(form: FormPage, v: dict[str, Any], *, cx: float, top: float) -> float:
    year = int(v["tanggal_lulus"][:4])
    number_label = {"english": "Certificate Number", "slash": "Nomor Ijazah / Certificate Number"}.get(
        v["arrangement"], "Nomor Ijazah")
    if year >= 2021 and v["arrangement"] != "english":
        number_label = "Nomor Ijazah Nasional / National Certificate Number"
    form.text((form.width - 260, top - 10), f"{number_label} : {v['nomor_ijazah']}", points=9, anchor="ra")
    if v["private"]:
        ministry, ministry_en = "YAYASAN PENDIDIKAN SULAWESI TENGGARA", "SOUTHEAST SULAWESI EDUCATION FOUNDATION"
    elif year >= 2021:
        ministry = "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI"
        ministry_en = "MINISTRY OF EDUCATION, CULTURE, RESEARCH, AND TECHNOLOGY"
    elif year >= 2015:
        ministry, ministry_en = ("KEMENTERIAN RISET, TEKNOLOGI, DAN PENDIDIKAN TINGGI",
                                 "MINISTRY OF RESEARCH, TECHNOLOGY AND HIGHER EDUCATION")
    else:
        ministry, ministry_en = "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN", "MINISTRY OF EDUCATION AND CULTURE"
    y = top + 80
    form.text((cx, y), ministry, points=11, bold=True, anchor="mt")
    _italic(form, (cx, y + form.pt(11) * 1.3), ministry_en, v, points=9.5, anchor="mt")
    y += form.pt(11) * 2.9
    form.text((cx, y), v["nama_satuan_pendidikan"], points=16 * form.style.geometry.title, bold=True, anchor="mt")
    y += form.pt(16) * 1.35
    _italic(form, (cx, y), v["institution_en"], v, points=12, anchor="mt")
    y += form.pt(12) * 2.2
    title_pts = 26 * form.style.geometry.title
    if v["title"] == "beside":
        form.text((cx, y), "IJAZAH / DIPLOMA", points=title_pts, bold=True, anchor="mt")
        y += form.pt(title_pts) * 1.5
    else:
        form.text((cx, y), "IJAZAH", points=title_pts, bold=True, anchor="mt")
        y += form.pt(title_pts) * 1.2
        _italic(form, (cx, y), "DIPLOMA" if v["title"] == "under" else "CERTIFICATE", v, points=16, anchor="mt")
        y += form.pt(16) * 1.6
    level = {"S1": "Program Sarjana / Undergraduate Programme", "D3": "Program Diploma Tiga / Diploma III Programme"}
    form.text((cx, y), level[v["jenjang"]], points=11, anchor="mt")
    y += form.pt(11) * 1.7
    if v["international"]:
        form.text((cx, y), "Kelas Internasional / International Class", points=10, anchor="mt")
        y += form.pt(10) * 1.8
    return y


def _opening(form: FormPage, v: dict[str, Any], *, cx: float, top: float) -> float:
    institution = title_case(v["nama_satuan_pendidikan"])
    form.text((cx, top), f"Rektor {institution} dengan ini menyatakan bahwa:", points=11, anchor="mt")
    english = f"The Rector of {title_case(v['institution_en'])} hereby certifies that:"
    _italic(form, (cx, top + form.pt(11) * 1.3), english, v, points=10, anchor="mt")
    return top + form.pt(11) * 3.2


def _rows(form: FormPage, v: dict[str, Any], *, top: float, x: float) -> float:
    """The labelled block, in the document's arrangement; returns the y under it."""
    style = v["date_style"]
    born_id = f"{title_case(v['tempat_lahir'])}, {date_long(v['tanggal_lahir'])}"
    born_en = date_english(v["tanggal_lahir"], style)
    rows: list[tuple[str, str, str, str | None]] = [
        ("Nama", "Name", v["nama_lengkap"], None),
        ("Nomor Induk Mahasiswa", "Student Number", v["nim"], None),
        ("Tempat dan Tanggal Lahir", "Place and Date of Birth", born_id, born_en),
    ]
    if v["level_row"]:
        level, level_en = _LEVEL[v["jenjang"]]
        rows.append(("Program Pendidikan", "Education Program", level, level_en))
    rows.append(("Fakultas", "Faculty", v["faculty"], v["faculty_en"]))
    rows.append(("Program Studi", "Study Program", title_case(v["program_studi"]), v["prodi_en"]))
    if not v["degree_line"]:
        rows.append(("Gelar", "Degree", v["gelar"], v["degree_en"]))
    pts = 11
    line = form.pt(pts) * min(form.style.spacing, 1.6)
    arrangement = v["arrangement"]
    shown = [(_label(ind, eng, arrangement), ind, eng, value, twin) for ind, eng, value, twin in rows]
    widest = max(form.text_width(label, points=pts) for label, *_ in shown)
    en_width = max(form.text_width(eng, points=9.5) for _, _, eng, _, _ in shown)
    label_x = x + (en_width + form.pt(pts) * 1.5 if arrangement == "column" else 0)
    colon_x = label_x + (widest if arrangement != "column" else max(
        form.text_width(ind, points=pts) for _, ind, *_ in shown)) + form.pt(pts) * 0.8
    value_x = colon_x + form.pt(pts) * 1.2
    y = top
    for label, _ind, eng, value, twin in shown:
        if arrangement == "column":
            _italic(form, (x, y + form.pt(1)), eng, v, points=9.5)
        form.text((label_x, y), label, points=pts)
        form.text((colon_x, y), ":", points=pts)
        bold = label.startswith(("Nama", "Name"))
        if twin and not v["twin_under"] and form.text_width(f"{value} / {twin}", points=pts) < form.width - value_x - 400:
            form.text((value_x, y), f"{value} / {twin}", points=pts, bold=bold)
            twin = None
        else:
            form.text((value_x, y), value, points=pts, bold=bold)
        below = arrangement == "under" or twin is not None
        if arrangement == "under":
            _italic(form, (label_x, y + line * 0.85), eng, v, points=8.5)
        if twin is not None:
            _italic(form, (value_x, y + line * 0.85), twin, v, points=9.5)
        y += line * (1.8 if below else 1.0)
    return y + line * 0.6


def _label(indonesian: str, english: str, arrangement: str) -> str:
    if arrangement == "slash":
        return f"{indonesian} / {english}"
    return english if arrangement == "english" else indonesian


def _closing(form: FormPage, v: dict[str, Any], *, cx: float, top: float) -> float:
    pts = 11
    y = top
    if v["degree_line"]:
        form.text((cx, y), "telah memenuhi semua persyaratan akademik dan kepadanya diberikan gelar", points=pts,
                  anchor="mt")
        _italic(form, (cx, y + form.pt(pts) * 1.3), "has fulfilled all academic requirements and is awarded the degree",
                v, points=10, anchor="mt")
        y += form.pt(pts) * 3.2
        form.text((cx, y), v["gelar"], points=17, bold=True, anchor="mt")
        y += form.pt(17) * 1.4
        _italic(form, (cx, y), v["degree_en"], v, points=13, anchor="mt")
        y += form.pt(13) * 2.0
    else:
        form.text((cx, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=pts, anchor="mt")
        _italic(form, (cx, y + form.pt(pts) * 1.3), "with all the rights and obligations attached to the degree.",
                v, points=10, anchor="mt")
        y += form.pt(pts) * 3.2
    return y


def _signatures(form: FormPage, v: dict[str, Any], rng: random.Random, *, top: float, security: bool) -> None:
    pts = 11
    right = form.width * 0.72 + form.style.geometry.sign_dx
    issued, issued_en = date_long(v["tanggal_lulus"]), date_english(v["tanggal_lulus"], v["date_style"])
    y = top
    if v["slash_issue"]:
        form.text((right, y), f"{v['town']}, {issued} / {issued_en}", points=pts, anchor="mt")
        y += form.pt(pts) * 1.6
    else:
        form.text((right, y), f"{v['town']}, {issued}", points=pts, anchor="mt")
        _italic(form, (right, y + form.pt(pts) * 1.3), f"{v['town']}, {issued_en}", v, points=10, anchor="mt")
        y += form.pt(pts) * 2.8
    signers: list[float] = []
    faculty = f"Dekan Fakultas {v['faculty']}" if not v["private"] else "Wakil Rektor Bidang Akademik"
    for x, title, title_en, name in ((form.width * 0.28, faculty, "Dean" if not v["private"] else "Vice Rector",
                                      rng.choice(_DEANS)), (right, "Rektor", "Rector", rng.choice(_HEADS))):
        form.text((x, y), f"{title},", points=pts, anchor="mt")
        _italic(form, (x, y + form.pt(pts) * 1.3), title_en, v, points=9.5, anchor="mt")
        form.text((x, y + 330), name, points=pts, bold=True, anchor="mt")
        if not v["private"]:
            form.text((x, y + 330 + form.pt(pts) * 1.5), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
        signers.append(x)
    if security:
        for x in signers:
            form.paste(signature(rng), (int(x - 200), int(y + 90)))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="REKTOR", family=form.style.family,
                     diameter=rng.randint(400, 470))
        form.paste(seal, (int(right + rng.uniform(-0.95, -0.5) * seal.width), int(y + rng.uniform(0, 120))))
