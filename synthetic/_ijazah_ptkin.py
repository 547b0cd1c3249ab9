"""The ijazah of a state Islamic college (family `ijazah-ptkin`): a university ijazah under the ministry of religion.

What differs from the other university families: the issuer is a PTKIN in Kendari, SEKOLAH TINGGI
AGAMA ISLAM NEGERI SULTAN QAIMUDDIN KENDARI before 2014 (its head the Ketua) and INSTITUT AGAMA ISLAM
NEGERI KENDARI since (the Rektor), under DEPARTEMEN AGAMA (before 2010) or KEMENTERIAN AGAMA;
the college named inside the opening sentence; `Nomor Ijazah :` top left, `In.23/PP.00.9/0123/2012`
before 2021 and the 15-digit national number since; short labels in two columns of their own
(`Nama`, `NIM`, `Tempat/Tgl. Lahir` on the left; `Fakultas` or `Jurusan`, `Program Studi`, `Jenjang`
on the right); an 11-digit NIM; the degree of its era on a line of its own (`SARJANA HUKUM ISLAM
(S.H.I.)` before 2015, `SARJANA HUKUM (S.H.)` since); the issue date after the town, over the head of
the faculty or department and the college's head, both with 18-digit NIPs.
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._kk_2000s import colon_past
from ._marks import signature, stamp

PROGRAMMES = {
    # jenjang: (study programme, faculty or department, degree before 2015, degree since, code)
    "S1": (("Hukum Keluarga Islam", "SYARIAH", "SARJANA HUKUM ISLAM (S.H.I.)", "SARJANA HUKUM (S.H.)", "74230"),
           ("Pendidikan Agama Islam", "TARBIYAH DAN ILMU KEGURUAN", "SARJANA PENDIDIKAN ISLAM (S.PD.I.)",
            "SARJANA PENDIDIKAN (S.PD.)", "86208"),
           ("Ekonomi Syariah", "EKONOMI DAN BISNIS ISLAM", "SARJANA EKONOMI ISLAM (S.E.I.)", "SARJANA EKONOMI (S.E.)",
            "60202")),
    "D3": (("Perbankan Syariah", "EKONOMI DAN BISNIS ISLAM", "AHLI MADYA (A.MD.)", "AHLI MADYA (A.MD.)", "61401"),),
}
_LEVEL = {"S1": "Sarjana (S1)", "D3": "Diploma Tiga (D3)"}
_HEADS = ("Prof. Dr. H. NUR ALIM, M.Pd.", "Dr. H. NASRUN, M.H.I.", "Prof. Dr. FAIZAH BINTI AWAD, M.Pd.")
_DEANS = ("Dr. KAMARUDDIN, S.Ag., S.H., M.H.", "Dr. Hj. St. KURAEDAH, M.Ag.", "Drs. ABDUL HALIM MUSA, M.Ag.")


def ptkin_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A university ijazah's values (`_university_values`) as the college prints them."""
    jenjang = values["jenjang"]
    prodi, faculty, old_degree, new_degree, code = rng.choice(PROGRAMMES[jenjang])
    year = int(values["tanggal_lulus"][:4])
    if year >= 2021:
        nomor = f"{code}{year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(d) for d in nomor) % 10)
    else:
        nomor = f"In.23/PP.00.9/{rng.randint(1, 2999):04d}/{year}"
    institute = year >= 2014
    entry = year - (4 if jenjang == "S1" else 3)
    return {
        **values, "program_studi": prodi.upper(), "gelar": new_degree if year >= 2015 else old_degree,
        "nomor_ijazah": nomor, "nim": f"{entry % 100:02d}{rng.randint(1, 4):02d}{code[-3:]}0{rng.randint(1, 299):03d}",
        "nama_satuan_pendidikan": "INSTITUT AGAMA ISLAM NEGERI KENDARI" if institute else
        "SEKOLAH TINGGI AGAMA ISLAM NEGERI SULTAN QAIMUDDIN KENDARI",
        "faculty": faculty, "institute": institute,
    }


def draw_ptkin(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    """The page; on security paper both heads sign in ink, the college's stamp half over the right one."""
    g = page.style.geometry
    cx = page.width / 2
    m = 100 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=2)
    page.rect((m + 22, m + 22, page.width - m - 22, page.image.height - m - 22), width=5 + g.frame[1])
    year = int(v["tanggal_lulus"][:4])
    page.text((m + 120, m + 80), f"Nomor Ijazah : {v['nomor_ijazah']}", points=9.5)
    ministry = "KEMENTERIAN AGAMA REPUBLIK INDONESIA" if year >= 2010 else "DEPARTEMEN AGAMA REPUBLIK INDONESIA"
    page.text((cx, 250), ministry, points=11, bold=True, anchor="mt")
    page.text((cx, 320), v["nama_satuan_pendidikan"], points=16 * g.title, bold=True, anchor="mt")
    page.text((cx, 470), "IJAZAH", points=28 * g.title, bold=True, anchor="mt")
    head_title = "Rektor" if v["institute"] else "Ketua"
    college = title_case(v["nama_satuan_pendidikan"])
    pts = 11
    step = page.pt(pts) * min(page.style.spacing, 1.6)
    y = 700.0
    page.text((cx, y), f"{head_title} {college}, dengan ini menyatakan bahwa:", points=pts, anchor="mt")
    y += step * 1.6
    left_x, right_x = 420 + g.indent, page.width / 2 + 180 + g.indent
    unit = "Fakultas" if v["institute"] else "Jurusan"
    left: list[tuple[str, str | None]] = [("Nama", v["nama_lengkap"]), ("NIM", v["nim"]),
            ("Tempat/Tgl. Lahir", f"{title_case(v['tempat_lahir'])}, {date_long(v['tanggal_lahir'])}")]
    faculty = title_case(v["faculty"]).replace(" Dan ", " dan ")
    right: list[tuple[str, str | None]] = [(unit, faculty), ("Program Studi", title_case(v["program_studi"])),
             ("Jenjang", _LEVEL[v["jenjang"]])]
    bold = frozenset({"Nama"}) if g.bold_name else frozenset()
    left_colon = colon_past(page, tuple(k for k, _ in left), points=pts, em=8.5)
    right_colon = colon_past(page, tuple(k for k, _ in right), points=pts, em=7.5)
    end = page.label_rows(left, x=left_x, top=y, points=pts, colon_at=left_colon, bold_values=bold)
    reach = left_x + left_colon + page.pt(pts) * (1 + g.value_em) + max(
        page.text_width(value or "-", points=pts, bold=True) for _, value in left)
    if reach < right_x - page.pt(pts):
        page.label_rows(right, x=right_x, top=y, points=pts, colon_at=right_colon)
    else:  # a long name or place: the second column goes under the first
        end = page.label_rows(right, x=left_x, top=end, points=pts, colon_at=max(left_colon, right_colon))
    y = end + step * 0.8
    page.text((cx, y), "telah menyelesaikan seluruh persyaratan akademik dan kepadanya diberikan gelar akademik",
              points=pts, anchor="mt")
    y += step + 20
    page.text((cx, y), v["gelar"], points=17, bold=True, anchor="mt")
    y += page.pt(17) * 1.7
    page.text((cx, y), "dengan segala hak dan kewajiban yang melekat pada gelar tersebut.", points=pts, anchor="mt")
    y += step * 1.8
    right_sign = page.width * 0.72 + g.sign_dx
    page.text((right_sign, y), f"Kendari, {date_long(v['tanggal_lulus'])}", points=pts, anchor="mt")
    y += step
    signers: list[float] = []
    unit_head = f"Dekan Fakultas {faculty}," if v["institute"] else "Ketua Jurusan,"
    for x, title, name in ((page.width * 0.28, unit_head, rng.choice(_DEANS)),
                           (right_sign, f"{head_title},", rng.choice(_HEADS))):
        page.text((x, y), title, points=pts, anchor="mt")
        page.text((x, y + 290), name, points=pts, bold=True, anchor="mt")
        page.text((x, y + 290 + step), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
        signers.append(x)
    if security:
        for x in signers:
            page.paste(signature(rng), (int(x - 200), int(y + 50)))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre=head_title.upper(), family=page.style.family,
                     diameter=rng.randint(400, 470))
        page.paste(seal, (int(right_sign + rng.uniform(-0.95, -0.5) * seal.width), int(y + rng.uniform(0, 120))))
    return page
