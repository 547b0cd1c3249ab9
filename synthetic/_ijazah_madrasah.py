"""The madrasah ijazah (family `ijazah-madrasah`): MI, MTs, MA or MAK under the ministry of religion.

A school ijazah issued by a madrasah, in the print of its year. What differs from the other school
families: the jenjang is the madrasah's (`MI`, `MTS`, `MA`, `MAK` in the truth, for SD, SMP, SMA,
SMK); the school is a madrasah (`MADRASAH ALIYAH NEGERI 1 KOLAKA`, or a private one such as
`MADRASAH TSANAWIYAH AL-KHAIRAAT KOLAKA`), named inside the head's sentence ("Yang bertanda tangan
di bawah ini, Kepala Madrasah Aliyah Negeri 1 Kolaka"); its 12-digit Nomor Statistik Madrasah is
printed too (not a spec field: a number the reader must not take for another).

From 2010 (KEMENTERIAN AGAMA REPUBLIK INDONESIA, the province's Kantor Wilayah under it): the title
on one line, `IJAZAH MADRASAH ALIYAH`, and `TAHUN PELAJARAN 2018/2019`; `Nomor Seri : MA-26/04/0012345`
top right; `NSM : … NPSN : …` on one line; lower-case labels (`nama`, `tempat dan
tanggal lahir`, `nama orang tua/wali`, `nomor induk siswa`, `nomor induk siswa nasional`); LULUS;
`Kolaka, 5 Juni 2019` over `Kepala Madrasah,`, an 18-digit NIP; photo and thumbprint boxes.

Before 2010 (DEPARTEMEN AGAMA REPUBLIK INDONESIA): `IJAZAH` over the level's name; `No. :
012345/MTS/26.04/2003` top left; `Nomor Statistik Madrasah : …` labelled; "dengan ini menerangkan
bahwa :"; `Nama Siswa`, `Tempat Lahir` and `Tanggal Lahir` on lines of their own, `Nama Orang Tua`,
`Nomor Induk`; "telah mengikuti Ujian Akhir Madrasah dan dinyatakan LULUS"; `Diberikan di :` and
`Pada tanggal :` labelled; a 9-digit NIP (150…); no NPSN and no NISN (null in the truth).
"""

from __future__ import annotations

import random
from typing import Any

from ._canvas import Page, date_long, title_case
from ._kk import _nip
from ._kk_2000s import colon_past
from ._marks import signature, stamp

MADRASAH = {
    # school jenjang: (madrasah jenjang in the truth, as printed in a number, level name, NSM prefix)
    "SD": ("MI", "MI", "MADRASAH IBTIDAIYAH", "111"),
    "SMP": ("MTS", "MTS", "MADRASAH TSANAWIYAH", "121"),
    "SMA": ("MA", "MA", "MADRASAH ALIYAH", "131"),
    "SMK": ("MAK", "MAK", "MADRASAH ALIYAH KEJURUAN", "131"),
}
KEMENAG_SINCE = 2010
_FOUNDATIONS = ("AL-KHAIRAAT", "NURUL IMAN", "MUHAMMADIYAH", "AL-IKHLAS", "DARUL ULUM")
_HEADS = ("Drs. H. MUHAMMAD ARSYAD, M.Pd.I.", "Hj. SITTI AMINAH, S.Ag.", "LA ODE ABDUL RAUF, S.Pd.I., M.Pd.",
          "H. ABDUL LATIF, Lc.", "NURHAEDAH, S.Ag., M.Pd.")


def madrasah_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as a madrasah of the same level prints them."""
    jenjang, abbr, level, nsm_prefix = MADRASAH[values["jenjang"]]
    town = values["nama_satuan_pendidikan"].split(" ", 3)[3]
    year = int(values["tanggal_lulus"][:4])
    negeri = rng.random() < 0.6
    name = f"{level} NEGERI {rng.randint(1, 4)} {town}" if negeri else f"{level} {rng.choice(_FOUNDATIONS)} {town}"
    kab = rng.randint(1, 12)
    nsm = f"{nsm_prefix}{1 if negeri else 2}74{kab:02d}{rng.randint(1, 9999):04d}"
    serial = rng.randint(1, 9_999_999)
    kemenag = year >= KEMENAG_SINCE
    return {
        **values, "jenjang": jenjang, "nama_satuan_pendidikan": name,
        "npsn": f"60{rng.randint(700_000, 729_999)}" if kemenag else None,
        "nisn": values["nisn"] if kemenag else None,
        "nomor_ijazah": f"{abbr}-26/{kab:02d}/{serial:07d}" if kemenag else
        f"{serial % 1_000_000:06d}/{abbr}/26.{kab:02d}/{year}",
        "nsm": nsm, "level": level, "town": town,
    }


def draw_madrasah(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    """The page of the year's print, signed in ink under the madrasah's stamp on security paper."""
    if int(v["tanggal_lulus"][:4]) >= KEMENAG_SINCE:
        sign = _draw_kemenag(page, v, rng)
    else:
        sign = _draw_depag(page, v, rng)
    if security:
        x, top, name_y = sign
        page.paste(signature(rng), (int(x - 200), int(top + 50)))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="KEPALA\nMADRASAH", family=page.style.family,
                     diameter=rng.randint(380, 460))
        page.paste(seal, (int(x + rng.uniform(-0.95, -0.5) * seal.width),
                          int(top + (name_y - top) / 2 + rng.uniform(-0.35, 0.0) * seal.height)))
    return page


def _name_case(value: str) -> str:
    """`MADRASAH ALIYAH AL-KHAIRAAT KOLAKA` -> `Madrasah Aliyah Al-Khairaat Kolaka`."""
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in value.split())


def _draw_kemenag(page: Page, v: dict[str, Any], rng: random.Random) -> tuple[float, float, float]:
    g = page.style.geometry
    cx = page.width / 2
    m = 100 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=5 + g.frame[1])
    year = int(v["tanggal_lulus"][:4])
    town = title_case(v["town"])
    page.text((page.width - 260 + g.sign_dx // 4, 190), f"Nomor Seri : {v['nomor_ijazah']}", points=10, anchor="rt")
    page.text((cx, 300), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((cx, 370), "KANTOR WILAYAH PROVINSI SULAWESI TENGGARA", points=10, anchor="mt")
    page.text((cx, 520), f"IJAZAH {v['level']}", points=21 * g.title, bold=True, anchor="mt")
    page.text((cx, 650), f"TAHUN PELAJARAN {year - 1}/{year}", points=11, anchor="mt")
    x, pts = 250 + g.indent, 10.5
    step = page.pt(pts) * page.style.spacing
    y = 920.0
    head = "Kepala " + _name_case(v["nama_satuan_pendidikan"])
    opening = f"Yang bertanda tangan di bawah ini, {head}"
    for line in (opening,) if page.text_width(opening, points=pts) < page.width - 2 * x else (opening[:34], head):
        page.text((x, y), line, points=pts)
        y += step
    page.text((x, y), f"NSM : {v['nsm']}      NPSN : {v['npsn']}", points=pts)
    y += step
    page.text((x, y), "menerangkan bahwa:", points=pts)
    labels = ("nama", "tempat dan tanggal lahir", "nama orang tua/wali", "nomor induk siswa",
              "nomor induk siswa nasional")
    colon = colon_past(page, labels, points=pts, em=15)
    y = page.label_rows(list(zip(labels, (
        v["nama_lengkap"], f"{title_case(v['tempat_lahir'])}, {date_long(v['tanggal_lahir'])}",
        v["nama_orang_tua"], v["nis"], v["nisn"]), strict=True)), x=x + 60, top=y + step * 1.4, points=pts,
        colon_at=colon, bold_values=frozenset({"nama"}) if g.bold_name else frozenset())
    page.text((cx, y + 60 * g.gap), "LULUS", points=20 * g.title, bold=True, anchor="mt")
    y += 60 * g.gap + page.pt(20 * g.title) * 1.6
    for line in (f"dari {_name_case(v['nama_satuan_pendidikan'])} berdasarkan hasil Ujian Madrasah dan",
                 "kriteria kelulusan yang ditetapkan."):
        page.text((cx, y), line, points=pts, anchor="mt")
        y += step
    top = y + 200 * g.gap
    page.rect((330, top + 40, 330 + 354, top + 40 + 472), width=2)
    page.text((330 + 177, top + 276), "Pas Foto 3 x 4", points=8, anchor="mm")
    page.rect((760, top + 200, 760 + 420, top + 200 + 300), width=2)
    page.text((970, top + 530), "Cap tiga jari tengah", points=7.5, anchor="mt")
    page.text((970, top + 530 + page.pt(9)), "tangan kiri", points=7.5, anchor="mt")
    sign_x = page.width - 640 + g.sign_dx
    page.text((sign_x, top), f"{town}, {date_long(v['tanggal_lulus'])}", points=pts, anchor="mt")
    page.text((sign_x, top + step), "Kepala Madrasah,", points=pts, anchor="mt")
    name_y = top + step + 330
    page.text((sign_x, name_y), rng.choice(_HEADS), points=pts, bold=True, anchor="mt")
    page.text((sign_x, name_y + step), f"NIP. {_nip(rng)}", points=9.5, anchor="mt")
    return sign_x, top + step, name_y


def _draw_depag(page: Page, v: dict[str, Any], rng: random.Random) -> tuple[float, float, float]:
    g = page.style.geometry
    cx = page.width / 2
    m = 120 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=2)
    page.rect((m + 14, m + 14, page.width - m - 14, page.image.height - m - 14), width=4 + g.frame[1])
    year = int(v["tanggal_lulus"][:4])
    page.text((260 + g.indent // 2, 230), f"No. : {v['nomor_ijazah']}", points=10)
    page.text((cx, 330), "DEPARTEMEN AGAMA", points=13, bold=True, anchor="mt")
    page.text((cx, 400), "REPUBLIK INDONESIA", points=11, bold=True, anchor="mt")
    page.text((cx, 530), "IJAZAH", points=26 * g.title, bold=True, anchor="mt")
    page.text((cx, 680), v["level"], points=14 * g.title, bold=True, anchor="mt")
    x, pts = 270 + g.indent, 11
    step = page.pt(pts) * page.style.spacing
    y = 1000.0
    page.text((x, y), f"Kepala {_name_case(v['nama_satuan_pendidikan'])},", points=pts)
    labels = ("Nomor Statistik Madrasah", "Nama Siswa", "Tempat Lahir", "Tanggal Lahir", "Nama Orang Tua",
              "Nomor Induk")
    colon = colon_past(page, labels, points=pts, em=14)
    y = page.label_rows([("Nomor Statistik Madrasah", v["nsm"])], x=x, top=y + step, points=pts, colon_at=colon)
    page.text((x, y), "dengan ini menerangkan bahwa :", points=pts)
    y = page.label_rows([
        ("Nama Siswa", v["nama_lengkap"]), ("Tempat Lahir", title_case(v["tempat_lahir"])),
        ("Tanggal Lahir", date_long(v["tanggal_lahir"])), ("Nama Orang Tua", v["nama_orang_tua"]),
        ("Nomor Induk", v["nis"]),
    ], x=x, top=y + step * 1.3, points=pts, colon_at=colon,
        bold_values=frozenset({"Nama Siswa"}) if g.bold_name else frozenset())
    y += 30 * g.gap
    for line in ("telah mengikuti Ujian Akhir Madrasah dan dinyatakan", "L U L U S",
                 f"pada tahun pelajaran {year - 1}/{year}."):
        bold = line.startswith("L U")
        page.text((cx, y), line, points=16 if bold else pts, bold=bold, anchor="mt")
        y += page.pt(16) * 1.5 if bold else step
    sign_x = page.width - 760 + g.sign_dx
    place_colon = colon_past(page, ("Diberikan di", "Pada tanggal"), points=pts, em=7)
    label_x = sign_x - 300
    top = page.label_rows([("Diberikan di", title_case(v["town"])),
                           ("Pada tanggal", date_long(v["tanggal_lulus"]))], x=label_x, top=y + 220 * g.gap,
                          points=pts, colon_at=place_colon)
    page.text((sign_x, top + 20), "Kepala Madrasah,", points=pts, anchor="mt")
    name_y = top + 350
    page.text((sign_x, name_y), rng.choice(_HEADS), points=pts, bold=True, anchor="mt")
    page.text((sign_x, name_y + step), f"NIP. 150{rng.randint(100_000, 399_999)}", points=9.5, anchor="mt")
    page.rect((330, top - 120, 330 + 354, top - 120 + 472), width=2)
    page.text((330 + 177, top + 116), "Foto 3 x 4", points=8, anchor="mm")
    return sign_x, top + 20, name_y
