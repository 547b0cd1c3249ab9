"""Held-out family `ijazah-u11d` (session 11): a distance-learning university's S1, a health academy's D3.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

Two issuers nobody else draws, one per level:

**S1: UNIVERSITAS TERBUKA** (the state open university; the ijazah issued centrally, the student
enrolled through a regional unit, `UPBJJ-UT Kendari`). Landscape; `KEMENTERIAN ...` of the year (DEPARTEMEN
PENDIDIKAN NASIONAL before 2010) over `UNIVERSITAS TERBUKA` and `IJAZAH`; `Nomor Ijazah : 0012345/UN31/S1/2012`
top right before 2021, the 15-digit national number since; "Rektor Universitas Terbuka menyatakan bahwa"
then the **name large and centred without a label**; one centred line `NIM 012345678` (nine digits, no
colon in half) and one `lahir di Raha, 5 Juni 1985`; the **programme, faculty and degree all inside one
sentence**: "telah menyelesaikan program pendidikan pada Program Studi S1 Pendidikan Guru Sekolah Dasar
Fakultas Keguruan dan Ilmu Pendidikan melalui UPBJJ-UT Kendari, dan kepadanya diberikan gelar Sarjana
Pendidikan (S.Pd.) beserta segala hak dan kewajiban ..." (the degree in mixed case in the sentence; the
truth upper-cases it); "Tangerang Selatan, 20 Maret 2015" (Jakarta before 2008) over the Rektor.

**D3: an AKADEMI KEPERAWATAN / KEBIDANAN** of a regency government or a foundation (`AKADEMI KEPERAWATAN
PEMERINTAH KABUPATEN MUNA`, `AKADEMI KEBIDANAN PARAMATA RAHA`), portrait; the regency or foundation over
the academy; `IJAZAH`; `Nomor : 123/AKPER-MN/D.III/2008` (the 15-digit number since 2021); a **form with
dotted leaders** worded `Nama Mahasiswa`, `Nomor Pokok Mahasiswa`, `Tempat / Tanggal Lahir : RAHA /
05-06-1985` (**the date in digits**), `Program Pendidikan : Diploma III`, `Program Studi`, and before 2013
`Sebutan Profesional` (the D3 "degree" of that era) instead of `Gelar`: `Ahli Madya Keperawatan
(AMd.Kep.)`; "yang telah lulus Ujian Akhir Program pada tanggal 20 Juli 2008" (**the exam date, a
distractor**, before the issue date); "`Raha, 12 Agustus 2008`" over `Direktur,` and, for the regency's
academy, `a.n. BUPATI ...`.

Truth: the institution, name, birth, NIM, programme (without the `S1` prefix), degree upper-cased, the
number, the date over the signature.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ._canvas import A4_PORTRAIT, Page, date_dmy, date_long, title_case
from ._kk import _nip
from ._marks import security_paper, signature, stamp

_UT_PROGRAMMES = (
    # programme, faculty, degree, programme code
    ("Pendidikan Guru Sekolah Dasar", "Fakultas Keguruan dan Ilmu Pendidikan", "Sarjana Pendidikan (S.Pd.)", "86206"),
    ("Manajemen", "Fakultas Ekonomi", "Sarjana Ekonomi (S.E.)", "61201"),
    ("Ilmu Administrasi Negara", "Fakultas Ilmu Sosial dan Ilmu Politik", "Sarjana Sosial (S.Sos.)", "63201"),
    ("Pendidikan Bahasa Inggris", "Fakultas Keguruan dan Ilmu Pendidikan", "Sarjana Pendidikan (S.Pd.)", "88203"),
)
_ACADEMIES = (
    # name, short, patron line, director signs for a regent
    ("AKADEMI KEPERAWATAN PEMERINTAH KABUPATEN MUNA", "AKPER-MN", "PEMERINTAH KABUPATEN MUNA", True, "Keperawatan",
     "Ahli Madya Keperawatan (AMd.Kep.)", "RAHA"),
    ("AKADEMI KEBIDANAN PARAMATA RAHA", "AKBID-PR", "YAYASAN PENDIDIKAN PARAMATA", False, "Kebidanan",
     "Ahli Madya Kebidanan (AMd.Keb.)", "RAHA"),
    ("AKADEMI KEPERAWATAN BAHTERAMAS KENDARI", "AKPER-BK", "YAYASAN BAHTERAMAS", False, "Keperawatan",
     "Ahli Madya Keperawatan (AMd.Kep.)", "KENDARI"),
)
_RECTORS = ("Prof. Ir. TIAN BELAWATI, M.Ed., Ph.D.", "Prof. Dr. OJAT DAROJAT, M.Bus., Ph.D.",
            "Prof. Dr. Ir. ATWI SUPARMAN, M.Sc.")
_DIRECTORS = ("Ns. LA ODE SAFARUDDIN, S.Kep., M.Kes.", "Hj. WA ODE NURHAYATI, S.ST., M.Kes.",
              "YUSTINA PALULUN, S.Kp., M.Kes.")
NATIONAL_NUMBER_SINCE = 2021
SEBUTAN_UNTIL = 2012


def u11d_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as these two issuers print them."""
    jenjang = values["jenjang"]
    year = int(values["tanggal_lulus"][:4])
    if jenjang == "S1":
        prodi, faculty, degree, code = rng.choice(_UT_PROGRAMMES)
        name, town = "UNIVERSITAS TERBUKA", ("TANGERANG SELATAN" if year >= 2008 else "JAKARTA")
        extra = {"faculty": faculty, "degree": degree, "ut": True}
        nim = f"{rng.randint(1, 9)}{rng.randint(10_000_000, 99_999_999)}"
        old = f"{rng.randint(1, 99999):07d}/UN31/S1/{year}"
    else:
        name, short, patron, regent, prodi, degree, town = rng.choice(_ACADEMIES)
        code = "14401" if "Keperawatan" in prodi else "15401"
        extra = {"patron": patron, "regent": regent, "degree": degree, "ut": False, "short": short}
        nim = f"{year - 3 - rng.randint(0, 1)}{rng.randint(1, 199):03d}"
        old = f"{rng.randint(1, 400):03d}/{short}/D.III/{year}"
    if year >= NATIONAL_NUMBER_SINCE:
        number = f"{code}{year}{rng.randint(1, 99999):05d}"
        number += str(sum(int(d) for d in number) % 10)
    else:
        number = old
    lulus = dt.date.fromisoformat(values["tanggal_lulus"])
    return {
        **values, **extra, "nama_satuan_pendidikan": name, "program_studi": prodi.upper(), "gelar": degree.upper(),
        "nim": nim, "nomor_ijazah": number, "town": town, "exam": (lulus - dt.timedelta(days=rng.randint(20, 60))).isoformat(),
        "colon": rng.random() < 0.5, "head": rng.choice(_RECTORS if extra["ut"] else _DIRECTORS),
    }


def draw_u11d(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    if v["ut"]:
        return _draw_ut(page, v, rng, security=security)
    return _draw_academy(page, v, rng, security=security)


def _ministry(year: int) -> str:
    return ("DEPARTEMEN PENDIDIKAN NASIONAL" if year < 2010 else "KEMENTERIAN PENDIDIKAN NASIONAL" if year < 2012
            else "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN" if year < 2020
            else "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI")


def _centred(page: Page, lines: list[str], *, cx: float, top: float, points: float, width: float) -> float:
    y = top
    for line in page.wrap_chunks(" ".join(lines).split(), width=width, points=points):
        page.text((cx, y), line, points=points, anchor="mt")
        y += page.pt(points) * 1.55
    return y


def _draw_ut(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    w, h = page.width, page.image.height
    year = int(v["tanggal_lulus"][:4])
    page.rect((100, 100, w - 100, h - 100), width=4)
    cx = w / 2
    page.text((w - 200, 160), f"Nomor Ijazah : {v['nomor_ijazah']}", points=9.5, anchor="rt")
    page.text((cx, 260), _ministry(year), points=11, bold=True, anchor="mt")
    page.text((cx, 260 + page.pt(18)), v["nama_satuan_pendidikan"], points=22, bold=True, anchor="mt")
    page.text((cx, 260 + page.pt(58)), "IJAZAH", points=26, bold=True, anchor="mt")
    y = 260 + page.pt(100)
    page.text((cx, y), "Rektor Universitas Terbuka menyatakan bahwa", points=11.5, anchor="mt")
    page.text((cx, y + page.pt(26)), v["nama_lengkap"], points=20, bold=True, anchor="mt")
    nim = f"NIM : {v['nim']}" if v["colon"] else f"NIM {v['nim']}"
    page.text((cx, y + page.pt(56)), nim, points=11.5, anchor="mt")
    page.text((cx, y + page.pt(74)), f"lahir di {title_case(v['tempat_lahir'] or '')}, {date_long(v['tanggal_lahir'])}",
              points=11.5, anchor="mt")
    sentence = [f"telah menyelesaikan program pendidikan pada Program Studi S1 {title_case(v['program_studi'])}",
                f"{v['faculty']} melalui UPBJJ-UT Kendari, dan kepadanya diberikan gelar {v['degree']}",
                "beserta segala hak dan kewajiban yang melekat pada gelar tersebut."]
    below = _centred(page, sentence, cx=cx, top=y + page.pt(100), points=11.5, width=w - 700)
    sign_x, sign_y = w - 750, below + page.pt(24)
    page.text((sign_x, sign_y), f"{title_case(v['town'])}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, sign_y + page.pt(15)), "Rektor,", points=11, anchor="mt")
    page.text((sign_x, sign_y + page.pt(80)), v["head"], points=11, bold=True, anchor="mt")
    page.text((sign_x, sign_y + page.pt(94)), f"NIP {_nip(rng)}", points=10, anchor="mt")
    page.rect((400, sign_y, 400 + page.pt(80), sign_y + page.pt(105)), width=2)
    if security:
        _sign(page, rng, sign_x, sign_y, "UNIVERSITAS TERBUKA", "REKTOR")
    return page


def _draw_academy(landscape: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    """A portrait page of its own (the layout's page is the university's landscape one)."""
    paper = security_paper(A4_PORTRAIT, rng) if security else None
    page = Page(A4_PORTRAIT, landscape.style, paper=paper)
    w, h = page.width, page.image.height
    page.rect((110, 110, w - 110, h - 110), width=3)
    cx = w / 2
    page.text((cx, 230), v["patron"], points=12, bold=True, anchor="mt")
    page.text((cx, 230 + page.pt(18)), v["nama_satuan_pendidikan"], points=14, bold=True, anchor="mt")
    page.line((250, 230 + page.pt(40), w - 250, 230 + page.pt(40)), width=4)
    page.text((cx, 230 + page.pt(62)), "IJAZAH", points=26, bold=True, anchor="mt")
    page.text((cx, 230 + page.pt(96)), f"Nomor : {v['nomor_ijazah']}", points=10.5, anchor="mt")
    y = 230 + page.pt(126)
    x = 300
    page.text((x, y), f"Direktur {title_case(v['nama_satuan_pendidikan'])} menerangkan bahwa:", points=11)
    year = int(v["tanggal_lulus"][:4])
    degree_label = "Sebutan Profesional" if year <= SEBUTAN_UNTIL else "Gelar"
    rows = [("Nama Mahasiswa", v["nama_lengkap"]), ("Nomor Pokok Mahasiswa", v["nim"]),
            ("Tempat / Tanggal Lahir", f"{v['tempat_lahir']} / {date_dmy(v['tanggal_lahir'])}"),
            ("Program Pendidikan", "Diploma III"), ("Program Studi", title_case(v["program_studi"]))]
    y += page.pt(26)
    colon = x + page.pt(150)
    for label, value in rows:
        _leader_row(page, x, colon, y, label, value or "-", bold=label == "Nama Mahasiswa")
        y += page.pt(19)
    y += page.pt(8)
    exam = f"yang telah lulus Ujian Akhir Program pada tanggal {date_long(v['exam'])}, dan kepadanya diberikan"
    for line in page.wrap_chunks(exam.split(), width=w - 2 * x, points=11):
        page.text((x, y), line, points=11)
        y += page.pt(16)
    _leader_row(page, x, colon, y + page.pt(4), degree_label, v["degree"], bold=True)
    y += page.pt(26)
    closing = "beserta segala hak dan kewajiban yang melekat padanya."
    page.text((x, y), closing, points=11)
    sign_x, sign_y = w - 650, y + page.pt(40)
    page.text((sign_x, sign_y), f"{title_case(v['town'])}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    role = f"a.n. BUPATI {v['patron'].split()[-1]}" if v["regent"] else ""
    if role:
        page.text((sign_x, sign_y + page.pt(15)), role, points=10.5, anchor="mt")
    page.text((sign_x, sign_y + page.pt(30 if role else 15)), "Direktur,", points=11, anchor="mt")
    page.text((sign_x, sign_y + page.pt(92)), v["head"], points=11, bold=True, anchor="mt")
    page.text((sign_x, sign_y + page.pt(106)), f"NIP. {_nip(rng)}" if v["regent"] else f"NIDN. {rng.randint(900000000, 999999999)}",
              points=10, anchor="mt")
    page.rect((x, sign_y, x + page.pt(80), sign_y + page.pt(105)), width=2)
    page.text((x + page.pt(40), sign_y + page.pt(52)), "3 x 4", points=8, anchor="mm")
    if security:
        _sign(page, rng, sign_x, sign_y + page.pt(15), v["nama_satuan_pendidikan"], "DIREKTUR")
    return page


def _leader_row(page: Page, x: float, colon: float, y: float, label: str, value: str, *, bold: bool = False) -> None:
    page.text((x, y), label, points=11)
    lx = x + page.text_width(label, points=11) + page.pt(4)
    while lx < colon - page.pt(6):
        page.text((lx, y), ".", points=11)
        lx += page.pt(4.5)
    page.text((colon, y), ":", points=11)
    page.text((colon + page.pt(8), y), value, points=11, bold=bold)


def _sign(page: Page, rng: random.Random, x: float, y: float, issuer: str, centre: str) -> None:
    page.paste(signature(rng), (int(x - 200), int(y + page.pt(24))))
    seal = stamp(rng, ring=issuer, centre=centre, family=page.style.family, diameter=rng.randint(360, 440))
    page.paste(seal, (int(x - seal.width * rng.uniform(0.75, 1.0)), int(y + page.pt(rng.uniform(10, 40)))))
