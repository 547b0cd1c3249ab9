"""Two more ijazah families: the older school certificate and the faculty-issued university ijazah.

`lama` (family `ijazah-sekolah-lama`): SURAT TANDA TAMAT BELAJAR under DEPARTEMEN PENDIDIKAN …; the
school named only in the heading; the holder's name centred under "dengan ini menyatakan bahwa" with
no label; "lahir di X pada tanggal …" and "anak dari …" as sentences; `Nomor Induk` for the NIS; an
old number (`DN-20 DI 0012345`); no NPSN and no NISN; "Diberikan di X pada tanggal …" over the
head's name and NIP; a photo box.

`fakultas` (family `ijazah-fakultas`): university and faculty in the heading, `Nomor :` top left (the
15-digit national number from 2021, `06336/UN29/S1/1987` before); name centred; `Nomor Induk
Mahasiswa`; programme and study programme inside a sentence; the degree as a line of its own
("SARJANA PERTANIAN (S.P.)"); "Diberikan di Kendari pada tanggal …"; Dekan and Rektor sign.

On security paper (`security`) each head signs in ink under a stamp, as on the current layouts.
"""

from __future__ import annotations

import random
from typing import Any

import core

from ._canvas import Page, date_long, title_case

_LEVEL_CODES = {"SD": "DI", "SMP": "DII", "SMA": "MU", "SMK": "MK"}
FACULTY_PROGRAMMES = {
    "S1": (("Agribisnis", "SARJANA PERTANIAN (S.P.)", "54211", "PERTANIAN"),
           ("Manajemen", "SARJANA EKONOMI (S.E.)", "61201", "EKONOMI"),
           ("Pendidikan Bahasa Indonesia", "SARJANA PENDIDIKAN (S.PD.)", "88201", "KEGURUAN DAN ILMU PENDIDIKAN")),
    "D3": (("Kebidanan", "AHLI MADYA KEBIDANAN (A.MD.KEB.)", "15401", "ILMU KESEHATAN"),
           ("Teknik Sipil", "AHLI MADYA TEKNIK (A.MD.T.)", "22401", "TEKNIK")),
}
_PROGRAMMES = {"S1": "Sarjana (S1)", "D3": "Diploma Tiga (D3)"}
_CODES = {"UNIVERSITAS HALU OLEO": "UN29", "UNIVERSITAS SEMBILANBELAS NOVEMBER KOLAKA": "UN56",
          "UNIVERSITAS MUHAMMADIYAH KENDARI": "UMK"}
_DEANS = ("Prof. Dr. Ir. LA ODE SAFUAN, M.Si.", "Dr. HJ. SITTI RAHMAH, S.E., M.M.", "Drs. ABDUL KADIR, M.Pd.")
_RECTORS = ("Prof. Dr. Ir. MUHAMMAD ZAMRUN F., M.Si.", "Prof. Dr. H. USMAN RIANSE, M.S.")
_HEADS = ("Drs. LA ODE HASIMU", "Hj. NURHAYATI, B.A.", "ANDI BAHTIAR, S.Pd.")


def school_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """An older certificate prints no NPSN or NISN and numbers itself the old way."""
    code = _LEVEL_CODES[values["jenjang"]]
    return {**values, "npsn": None, "nisn": None,
            "nomor_ijazah": f"DN-{rng.choice(('20', '74'))} {code} {rng.randint(1, 9_999_999):07d}"}


def faculty_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    prodi, gelar, code, faculty = rng.choice(FACULTY_PROGRAMMES[values["jenjang"]])
    year = values["tanggal_lulus"][:4]
    if int(year) >= 2021:
        nomor = f"{code}{year}{rng.randint(1, 99999):05d}"
        nomor += str(sum(int(d) for d in nomor) % 10)
    else:
        university_code = _CODES.get(values["nama_satuan_pendidikan"], "UN29")
        nomor = f"{rng.randint(1, 19999):05d}/{university_code}/{values['jenjang']}/{year}"
    nim = f"{rng.choice('ABDEFGJ')}1{rng.choice('ABCD')}{year[2:]}{rng.randint(1, 199):03d}"
    return {**values, "program_studi": prodi.upper(), "gelar": gelar, "nomor_ijazah": nomor, "nim": nim,
            "faculty": faculty}


Signer = tuple[float, float, float, str]
"""Where a head signs: x of the block's centre, y of its title line, y of the name, the issuer (stamp ring)."""


def draw_school_lama(page: Page, v: dict[str, Any], rng: random.Random, *, level_name: str
                     ) -> tuple[Page, list[Signer]]:
    g = page.style.geometry
    cx = page.width / 2
    m = 110 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=3 + g.frame[1])
    page.rect((m + 18, m + 18, page.width - m - 18, page.image.height - m - 18), width=2)
    year = int(v["tanggal_lulus"][:4])
    ministry = "DEPARTEMEN PENDIDIKAN NASIONAL" if year >= 2000 else "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN"
    page.text((cx, 250), ministry, points=12, bold=True, anchor="mt")
    page.text((cx, 320), "REPUBLIK INDONESIA", points=11, anchor="mt")
    page.text((cx, 470), "SURAT TANDA TAMAT BELAJAR", points=22 * g.title, bold=True, anchor="mt")
    page.text((cx, 600), level_name, points=13 * g.title, bold=True, anchor="mt")
    page.text((cx, 690), v["nama_satuan_pendidikan"], points=13, bold=True, anchor="mt")
    page.text((page.width - 300, 800), f"No. {v['nomor_ijazah']}", points=11, anchor="rt")
    step = page.pt(11) * page.style.spacing
    y = 960.0
    for line in ("Yang bertanda tangan di bawah ini, Kepala Sekolah,", "dengan ini menyatakan bahwa"):
        page.text((cx, y), line, points=11, anchor="mt")
        y += step
    y += 40 * g.gap
    page.text((cx, y), v["nama_lengkap"], points=17, bold=True, anchor="mt")
    y += page.pt(17) * 1.9
    page.text((cx, y), f"lahir di {title_case(v['tempat_lahir'])} pada tanggal {date_long(v['tanggal_lahir'])}",
              points=11, anchor="mt")
    y += step
    page.text((cx, y), f"anak dari {v['nama_orang_tua']}", points=11, anchor="mt")
    y += step
    page.text((cx, y), f"Nomor Induk : {v['nis']}", points=11, anchor="mt")
    y += step + 60 * g.gap
    for line in ("telah TAMAT BELAJAR pada sekolah tersebut dan lulus ujian akhir",
                 f"tahun pelajaran {year - 1}/{year}."):
        page.text((cx, y), line, points=11, anchor="mt")
        y += step
    photo_top = y + 160
    page.rect((400, photo_top, 400 + 354, photo_top + 472), width=2)
    page.text((400 + 177, photo_top + 236), "Pas foto 3x4", points=8, anchor="mm")
    sign_x = page.width - 720 + g.sign_dx
    town = title_case(v["nama_satuan_pendidikan"].split()[-1])
    page.text((sign_x, y + 120), f"Diberikan di {town}", points=11, anchor="mt")
    page.text((sign_x, y + 120 + step), f"pada tanggal {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, y + 140 + 2 * step), "Kepala Sekolah,", points=11, anchor="mt")
    page.text((sign_x, y + 520), rng.choice(_HEADS), points=11, bold=True, anchor="mt")
    page.text((sign_x, y + 520 + step), f"NIP. {rng.randint(130_000_000, 131_999_999)}", points=10, anchor="mt")
    return page, [(sign_x, y + 140 + 2 * step, y + 520, v["nama_satuan_pendidikan"] or "SEKOLAH")]


def draw_fakultas(page: Page, v: dict[str, Any], rng: random.Random) -> tuple[Page, list[Signer]]:
    g = page.style.geometry
    cx = page.width / 2
    m = 80 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=4 + g.frame[1])
    page.text((260, 180), f"Nomor : {v['nomor_ijazah']}", points=10, anchor="lt")
    year = int(v["tanggal_lulus"][:4])
    ministry = ("KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI" if year >= 2021 else
                "DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN" if year < 2005 else "KEMENTERIAN PENDIDIKAN NASIONAL")
    page.text((cx, 260), ministry, points=11, anchor="mt")
    page.text((cx, 330), v["nama_satuan_pendidikan"], points=20 * g.title, bold=True, anchor="mt")
    page.text((cx, 450), f"FAKULTAS {v['faculty']}", points=14 * g.title, bold=True, anchor="mt")
    page.text((cx, 570), "IJAZAH", points=26 * g.title, bold=True, anchor="mt")
    step = page.pt(11) * page.style.spacing
    y = 760.0
    page.text((cx, y), "Dengan ini menyatakan bahwa", points=11, anchor="mt")
    y += step + 20
    page.text((cx, y), v["nama_lengkap"], points=18, bold=True, anchor="mt")
    y += page.pt(18) * 1.8
    page.text((cx, y), f"Nomor Induk Mahasiswa : {v['nim']}", points=11, anchor="mt")
    y += step
    page.text((cx, y), f"lahir di {title_case(v['tempat_lahir'])} pada tanggal {date_long(v['tanggal_lahir'])}",
              points=11, anchor="mt")
    y += step
    page.text((cx, y), f"telah menyelesaikan dengan baik dan memenuhi segala syarat pendidikan pada Program "
              f"{_PROGRAMMES[v['jenjang']]}", points=11, anchor="mt")
    y += step
    page.text((cx, y), f"Program Studi {title_case(v['program_studi'])}, sehingga kepadanya diberikan gelar",
              points=11, anchor="mt")
    y += step + 30
    page.text((cx, y), v["gelar"], points=16, bold=True, anchor="mt")
    y += page.pt(16) * 1.8
    page.text((cx, y), "beserta segala hak dan kewajiban yang melekat pada gelar tersebut.", points=11, anchor="mt")
    y += step + 40
    page.text((cx, y), f"Diberikan di Kendari pada tanggal {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    y += step + 30
    signers: list[Signer] = []
    for x, title, name in ((page.width * 0.27, "Dekan,", rng.choice(_DEANS)),
                           (page.width * 0.73 + g.sign_dx, "Rektor,", rng.choice(_RECTORS))):
        page.text((x, y), title, points=11, anchor="mt")
        page.text((x, y + 300), name, points=11, bold=True, anchor="mt")
        page.text((x, y + 300 + step), f"NIP. {rng.randint(195_000_000, 197_999_999)}{rng.randint(0, 999_999_999):09d}",
                  points=10, anchor="mt")
        signers.append((x, y, y + 300, v["nama_satuan_pendidikan"] or "UNIVERSITAS"))
    return page, signers


def truth_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values.get(name) for name in core.IJAZAH_FIELDS}
