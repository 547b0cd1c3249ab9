"""The ijazah of a private university or college under Kopertis / LLDIKTI (family `ijazah-swasta`).

What differs from the other university families: a portrait page on tinted guilloche paper in the
institution's colour, a double frame with corner ornaments; the foundation (`YAYASAN …`) above the
institution, its accreditation and founding decree below; until 2017 the private-college wording of
Kopertis (`KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX`), "Berdasarkan hasil ujian ... Rektor ...
bersama Koordinator Kopertis Wilayah IX menyatakan bahwa", the Koordinator co-signing; since 2018
`LEMBAGA LAYANAN PENDIDIKAN TINGGI WILAYAH IX` in the heading and the Dekan co-signing; the holder's name
large and centred; `Nomor Pokok Mahasiswa` (`N.P.M.`) for the NIM, the birth inside a sentence ("lahir di
Kendari tanggal 12 Maret 1990"), faculty and study programme as `Fakultas … Program Studi …` in a
sentence, the level as `Program Sarjana (Strata Satu)` or `Program Diploma Tiga (D-III)`; the degree on its
own line, without dots in the old style (`SARJANA EKONOMI (SE)`), with them since 2002; `Nomor Seri
Ijazah : 0123/UNSULTRA/S1/2004` top right before 2021 (the registration number of Kopertis beside it, not
the ijazah's), the 15-digit national number since; "Dikeluarkan di Kendari pada tanggal …" centred above
the two signatures; a photo box between them, the university's stamp half over the photo.
"""

from __future__ import annotations

import random
from typing import Any

from PIL import Image

from ._canvas import Page, date_long, title_case
from ._form import guilloche_paper
from ._kk import _nip
from ._marks import signature, stamp

PROGRAMMES = {
    # jenjang: (programme, faculty, degree in the old style, since 2002, programme code)
    "S1": (("Manajemen", "EKONOMI", "SARJANA EKONOMI (SE)", "SARJANA EKONOMI (S.E.)", "61201"),
           ("Ilmu Hukum", "HUKUM", "SARJANA HUKUM (SH)", "SARJANA HUKUM (S.H.)", "74201"),
           ("Agroteknologi", "PERTANIAN", "SARJANA PERTANIAN (SP)", "SARJANA PERTANIAN (S.P.)", "54211"),
           ("Ilmu Administrasi Negara", "ILMU SOSIAL DAN ILMU POLITIK", "SARJANA SOSIAL (S.SOS)",
            "SARJANA ILMU SOSIAL (S.SOS.)", "63201")),
    "D3": (("Kebidanan", "ILMU KESEHATAN", "AHLI MADYA KEBIDANAN (AMD.KEB)", "AHLI MADYA KEBIDANAN (A.MD.KEB.)",
            "15401"),
           ("Manajemen Informatika", "ILMU KOMPUTER", "AHLI MADYA (AMD)", "AHLI MADYA KOMPUTER (A.MD.KOM.)", "57401")),
}
_LEVELS = {"S1": "Program Sarjana (Strata Satu)", "D3": "Program Diploma Tiga (D-III)"}
_INSTITUTIONS = (
    # name, abbreviation, foundation, colour
    ("UNIVERSITAS SULAWESI TENGGARA", "UNSULTRA", "YAYASAN PENDIDIKAN SULAWESI TENGGARA", (30, 90, 60)),
    ("UNIVERSITAS LAKIDENDE", "UNILAKI", "YAYASAN PENDIDIKAN LAKIDENDE", (40, 60, 140)),
    ("UNIVERSITAS DAYANU IKSANUDDIN", "UNIDAYAN", "YAYASAN LA ODE MUHAMMAD IDRUS", (130, 60, 40)),
)
_RECTORS = ("Prof. Dr. H. LA ODE MUHAMMAD SYARIF, M.S.", "Dr. Ir. ANDI BASO MAPPATOBA, M.P.", "Drs. H. ABDUL RAZAK, M.Si.")
_KOPERTIS = ("Prof. Dr. H. BASRI WELLO, M.A.", "Prof. Dr. H. MUHAMMAD ASHARY, M.S.")
_DEANS = ("Dr. WA ODE SITI HAFSAH, S.E., M.Si.", "Dr. SYAMSUL BAHRI, S.H., M.H.", "Ir. HASAN BASRI, M.P.")
KOPERTIS_UNTIL = 2017
DOTTED_DEGREES_SINCE = 2002
NATIONAL_NUMBER_SINCE = 2021


def swasta_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as a private university prints them."""
    jenjang = values["jenjang"]
    prodi, faculty, old_degree, new_degree, code = rng.choice(PROGRAMMES[jenjang])
    name, abbr, foundation, colour = rng.choice(_INSTITUTIONS)
    year = int(values["tanggal_lulus"][:4])
    if year >= NATIONAL_NUMBER_SINCE:
        nomor = f"{code}{year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(d) for d in nomor) % 10)
    else:
        nomor = f"{rng.randint(1, 2999):04d}/{abbr}/{jenjang}/{year}"
    entry = year - (4 if jenjang == "S1" else 3) - rng.randint(0, 2)
    return {
        **values, "nama_satuan_pendidikan": name, "program_studi": prodi.upper(),
        "gelar": new_degree if year >= DOTTED_DEGREES_SINCE else old_degree, "nomor_ijazah": nomor,
        "nim": f"{entry % 100:02d}{code[2:]}{rng.randint(1, 399):04d}",
        "abbr": abbr, "foundation": foundation, "colour": colour, "faculty": faculty, "kopertis": year <= KOPERTIS_UNTIL,
    }


def swasta_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> Image.Image:
    """The certificate paper: a guilloche in the institution's colour."""
    return guilloche_paper(size, random.Random(f"swasta-paper-{seed}"), values["colour"], strength=0.1)


def _frame(page: Page, rng: random.Random) -> None:
    w, h = page.width, page.image.height
    m = 120 + rng.randint(-10, 10)
    page.rect((m, m, w - m, h - m), width=8)
    page.rect((m + 26, m + 26, w - m - 26, h - m - 26), width=2)
    for cx, cy in ((m + 26, m + 26), (w - m - 26, m + 26), (m + 26, h - m - 26), (w - m - 26, h - m - 26)):
        for r in (30, 50):
            page.rect((cx - r, cy - r, cx + r, cy + r), width=2)


def draw_swasta(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    g = page.style.geometry
    cx = page.width / 2
    _frame(page, rng)
    year = int(v["tanggal_lulus"][:4])
    label = "Nomor Ijazah Nasional" if year >= NATIONAL_NUMBER_SINCE else "Nomor Seri Ijazah"
    page.text((page.width - 260, 250), f"{label} : {v['nomor_ijazah']}", points=9.5, anchor="ra")
    if v["kopertis"]:
        page.text((260, 250), f"No. Reg. Kopertis : 09{rng.randint(100, 999)}/{year}", points=9)
    authority = ("KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX" if v["kopertis"]
                 else "LEMBAGA LAYANAN PENDIDIKAN TINGGI WILAYAH IX")
    page.text((cx, 360), authority, points=10, bold=True, anchor="mt")
    page.text((cx, 430), v["foundation"], points=11, anchor="mt")
    page.text((cx, 500), v["nama_satuan_pendidikan"], points=19 * g.title, bold=True, anchor="mt")
    decree = f"Terakreditasi {rng.choice('BC')} - SK Mendikbud No. 0{rng.randint(100, 999)}/O/19{rng.randint(81, 99)}"
    page.text((cx, 500 + page.pt(28 * g.title)), decree, points=8.5, anchor="mt")
    page.text((cx, 860), "IJAZAH", points=32 * g.title, bold=True, anchor="mt")
    pts = 11.5
    step = page.pt(pts) * max(1.75, min(page.style.spacing, 2.0))
    margin = 330 + g.indent // 2
    width = page.width - 2 * margin
    rector = f"Rektor {title_case(v['nama_satuan_pendidikan'])}"
    if v["kopertis"]:
        opening = ["Berdasarkan", "hasil", "ujian", "yang", "diselenggarakan", "menurut", "ketentuan", "yang", "berlaku,",
                   *rector.split(), "bersama", "Koordinator", "Kopertis", "Wilayah", "IX", "menyatakan", "bahwa:"]
    else:
        opening = [*rector.split(), "dengan", "ini", "menyatakan", "bahwa:"]
    y = 860 + page.pt(32 * g.title) * 1.8
    for line in page.wrap_chunks(opening, width=width, points=pts):
        page.text((cx, y), line, points=pts, anchor="mt")
        y += step
    y += step * 0.3
    page.text((cx, y), v["nama_lengkap"], points=20, bold=True, anchor="mt")
    y += page.pt(20) * 2.0
    npm = rng.choice(("Nomor Pokok Mahasiswa", "N.P.M."))
    faculty = title_case(v["faculty"]).replace(" Dan ", " dan ")
    chunks = [*npm.split(), f"{v['nim']},", "lahir", "di", title_case(v["tempat_lahir"]), "tanggal",
              f"{date_long(v['tanggal_lahir'])},", "telah", "menyelesaikan", "dengan", "baik", "seluruh", "persyaratan",
              "pendidikan", "pada", *_LEVELS[v["jenjang"]].split(), "Fakultas", faculty, "Program", "Studi",
              f"{title_case(v['program_studi'])},", "dan", "kepadanya", "diberikan", "gelar", "akademik:"]
    for line in page.wrap_chunks(chunks, width=width, points=pts):
        page.text((margin, y), line, points=pts)
        y += step
    y += step * 0.5
    page.text((cx, y), v["gelar"], points=17, bold=True, anchor="mt")
    y += page.pt(17) * 1.8
    page.text((cx, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=pts, anchor="mt")
    y += step * 1.8
    page.text((cx, y), f"Dikeluarkan di Kendari pada tanggal {date_long(v['tanggal_lulus'])}", points=pts, anchor="mt")
    y += step * 1.6
    left_x, right_x = page.width * 0.24, page.width * 0.76 + g.sign_dx / 4
    co_title = "Koordinator Kopertis Wilayah IX," if v["kopertis"] else f"Dekan Fakultas {faculty},"
    co_name = rng.choice(_KOPERTIS if v["kopertis"] else _DEANS)
    for x, title, name in ((left_x, co_title, co_name), (right_x, "Rektor,", rng.choice(_RECTORS))):
        lines = page.wrap_chunks(title.split(), width=page.width * 0.3, points=pts)
        for i, line in enumerate(lines):
            page.text((x, y + i * step), line, points=pts, anchor="mt")
        name_pts = pts - 1
        while name_pts > 7 and page.text_width(name, points=name_pts, bold=True) > page.width * 0.33:
            name_pts -= 0.5
        page.text((x, y + 480), name, points=name_pts, bold=True, anchor="mt")
        page.text((x, y + 480 + step), f"NIP. {_nip(rng)}" if x == left_x and v["kopertis"] else
                  f"NIDN. {rng.randint(9_000_000_00, 9_999_999_99)}", points=9.5, anchor="mt")
        if security:
            page.paste(signature(rng), (int(x - 200), int(y + step * len(lines) + 20)))
    photo = (cx - 150, y + 60, cx + 150, y + 460)
    page.rect(photo, width=2)
    page.text((cx, (photo[1] + photo[3]) / 2), "Foto 4 x 6", points=8, anchor="mm")
    seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre=v["abbr"], family="DejaVu Sans",
                 diameter=rng.randint(380, 440))
    page.paste(seal, (int(photo[2] - seal.width * rng.uniform(0.45, 0.65)), int(photo[3] - seal.height * 0.7)))
    return page
