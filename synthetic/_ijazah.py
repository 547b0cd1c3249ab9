"""Ijazah: a school layout (SD/SMP/SMA/SMK) and a university layout (D3/S1)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import core

from . import _ijazah_bilingual as bilingual
from . import _ijazah_dwibahasa as dwibahasa
from . import _ijazah_isian as isian
from . import _ijazah_kesetaraan as kesetaraan
from . import _ijazah_lama as lama
from . import _ijazah_madrasah as madrasah
from . import _ijazah_ptkin as ptkin
from . import _ijazah_swasta as swasta
from . import _ijazah_tulis as tulis
from . import _unseen_u11c as u11c
from . import _unseen_u11d as u11d
from . import _unseen_u12c as u12c
from . import _unseen_u12d as u12d
from . import _unseen_u13c as u13c
from . import _unseen_u13d as u13d
from . import _unseen_u14c as u14c
from . import _unseen_u14d as u14d
from . import _unseen_u15c as u15c
from . import _unseen_u15d as u15d
from . import _unseen_u16c as u16c
from . import _unseen_u16d as u16d
from ._canvas import A4_LANDSCAPE, A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._marks import security_paper, signature, stamp

SCHOOL_LEVELS = {
    "SD": ("SEKOLAH DASAR", "SD NEGERI", 12),
    "SMP": ("SEKOLAH MENENGAH PERTAMA", "SMP NEGERI", 15),
    "SMA": ("SEKOLAH MENENGAH ATAS", "SMA NEGERI", 18),
    "SMK": ("SEKOLAH MENENGAH KEJURUAN", "SMK NEGERI", 18),
}
UNIVERSITY_LEVELS = {
    "S1": ("Sarjana", 22, (("Teknik Informatika", "Sarjana Komputer (S.Kom.)", "55201"),
                           ("Pendidikan Matematika", "Sarjana Pendidikan (S.Pd.)", "84202"),
                           ("Ilmu Hukum", "Sarjana Hukum (S.H.)", "74201"))),
    "D3": ("Diploma Tiga", 21, (("Keperawatan", "Ahli Madya Keperawatan (A.Md.Kep.)", "14401"),
                                ("Akuntansi", "Ahli Madya (A.Md.)", "62401"))),
}
_UNIVERSITIES = ("UNIVERSITAS HALU OLEO", "UNIVERSITAS SEMBILANBELAS NOVEMBER KOLAKA", "UNIVERSITAS MUHAMMADIYAH KENDARI")
_SCHOOL_LABELS = ("Nomor Ijazah", "Nama Satuan Pendidikan", "Nomor Pokok Sekolah Nasional", "Nama",
                  "Tempat dan Tanggal Lahir", "Nama Orang Tua/Wali", "Nomor Induk Siswa", "Nomor Induk Siswa Nasional")
_UNIVERSITY_LABELS = ("Nama", "Tempat dan Tanggal Lahir", "Nomor Induk Mahasiswa", "Program Pendidikan",
                      "Program Studi", "Gelar Akademik")
_HEADS = ("Drs. LA ODE HASIMU, M.Pd.", "Hj. NURHAYATI, S.Pd., M.Pd.", "ANDI BAHTIAR, S.Pd.", "YOHANES PALILU, S.Pd.")


IJAZAH_LAYOUTS = ("current", "lama", "fakultas", "madrasah", "ptkin", "kesetaraan", "swasta", "dwibahasa", "tulis",
                  "bilingual", "isian", "salinan")


def render_ijazah(person: core.Person, *, jenjang: str, seed: int, security: bool = False, varied: bool = False,
                  heldout: bool = False, layout: str = "current", **overrides: str | None) -> Rendered:
    """An ijazah of `jenjang` for `person`; `overrides` replace printed values (canonical form).

    `layout` is `current` (the school or university layout of today), `lama` (the older school
    certificate, SURAT TANDA TAMAT BELAJAR), `fakultas` (a faculty-issued university ijazah; see
    `_ijazah_lama`), `madrasah` (the school ijazah of a madrasah: MI, MTs, MA or MAK in the truth's
    jenjang; see `_ijazah_madrasah`) or `ptkin` (a university ijazah of a state Islamic college; see
    `_ijazah_ptkin`), `kesetaraan` (a Paket A/B/C certificate of a PKBM; see `_ijazah_kesetaraan`) or
    `swasta` (a private university under Kopertis / LLDIKTI; see `_ijazah_swasta`), `dwibahasa` (a
    bilingual polytechnic or university ijazah; see `_ijazah_dwibahasa`) or `tulis` (a school blanko
    filled in by hand; see `_ijazah_tulis`).

    `security` prints on tinted security paper, signs in ink and puts the
    school's or university's stamp over the signature block, overlapping the
    date and the head's name; `varied` draws with `Style.varied`, `heldout` with
    `Style.heldout` (other fonts and page geometry).

    Override keys are ijazah field names (`nama_lengkap`, `tanggal_lahir`, ...);
    the ground truth follows what is printed, so a test can make a tampered
    document and know what the reader should see.
    """
    jenjang = jenjang.upper()
    unknown = set(overrides) - set(core.IJAZAH_FIELDS) - {"jenjang"}
    if unknown:
        raise TypeError(f"unknown ijazah fields: {sorted(unknown)}")
    if "jenjang" in overrides:
        raise TypeError("pass jenjang as the keyword argument, not an override")
    if layout not in IJAZAH_LAYOUTS:
        raise ValueError(f"no ijazah layout {layout!r}: use one of {IJAZAH_LAYOUTS}")
    if layout == "salinan":  # `_ijazah_salinan`: a legalised photocopy of a development print
        from ._ijazah_salinan import render_ijazah_salinan

        return render_ijazah_salinan(person, jenjang=jenjang, seed=seed, security=security, varied=varied,
                                     heldout=heldout, **overrides)
    rng = random.Random(f"ijazah-{seed}")
    style = Style.pick(seed, varied=varied, heldout=heldout)
    if layout != "current":
        return _render_older(person, jenjang=jenjang, layout=layout, rng=rng, style=style, security=security,
                             seed=seed, overrides=overrides)
    if jenjang in SCHOOL_LEVELS:
        values = {**_school_values(person, jenjang, rng), **overrides}
        page = _draw_school(_page(A4_PORTRAIT, style, security, seed), values, rng, security=security)
    elif jenjang in UNIVERSITY_LEVELS:
        values = {**_university_values(person, jenjang, rng), **overrides}
        page = _draw_university(_page(A4_LANDSCAPE, style, security, seed), values, rng, security=security)
    else:
        raise ValueError(f"no ijazah layout for jenjang {jenjang!r}")
    fields = {name: values.get(name) for name in core.IJAZAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.IJAZAH), "fields": fields})


@dataclass(frozen=True)
class _DrawnWhole:
    """A layout whose module draws the whole certificate, signatures included, from the values it derives."""

    university: bool
    size: tuple[int, int]
    values: Callable[[dict[str, Any], random.Random], dict[str, Any]]
    draw: Callable[..., Page]
    paper: Callable[[tuple[int, int], int, dict[str, Any]], Any] | None = None
    """The layout's own certificate paper (else the common security paper)."""


_DRAWN_WHOLE = {
    "kesetaraan": _DrawnWhole(False, A4_PORTRAIT, kesetaraan.kesetaraan_values, kesetaraan.draw_kesetaraan),
    "swasta": _DrawnWhole(True, A4_PORTRAIT, swasta.swasta_values, swasta.draw_swasta, paper=swasta.swasta_paper),
    "madrasah": _DrawnWhole(False, A4_PORTRAIT, madrasah.madrasah_values, madrasah.draw_madrasah),
    "ptkin": _DrawnWhole(True, A4_LANDSCAPE, ptkin.ptkin_values, ptkin.draw_ptkin),
    "dwibahasa": _DrawnWhole(True, A4_LANDSCAPE, dwibahasa.dwibahasa_values, dwibahasa.draw_dwibahasa),
    "tulis": _DrawnWhole(False, A4_PORTRAIT, tulis.tulis_values, tulis.draw_tulis, paper=tulis.tulis_paper),
    "bilingual": _DrawnWhole(True, A4_LANDSCAPE, bilingual.bilingual_values, bilingual.draw_bilingual),
    "isian": _DrawnWhole(False, A4_PORTRAIT, isian.isian_values, isian.draw_isian, paper=isian.isian_paper),
    # held out, session 11
    "u11c": _DrawnWhole(False, A4_LANDSCAPE, u11c.u11c_values, u11c.draw_u11c),
    "u11d": _DrawnWhole(True, A4_LANDSCAPE, u11d.u11d_values, u11d.draw_u11d),
    # held out, session 12
    "u12c": _DrawnWhole(False, A4_PORTRAIT, u12c.u12c_values, u12c.draw_u12c, paper=u12c.u12c_paper),
    "u12d": _DrawnWhole(True, A4_LANDSCAPE, u12d.u12d_values, u12d.draw_u12d, paper=u12d.u12d_paper),
    # held out, session 13
    "u13c": _DrawnWhole(False, A4_PORTRAIT, u13c.u13c_values, u13c.draw_u13c),
    "u13d": _DrawnWhole(True, A4_LANDSCAPE, u13d.u13d_values, u13d.draw_u13d),
    # held out, session 14
    "u14c": _DrawnWhole(False, A4_PORTRAIT, u14c.u14c_values, u14c.draw_u14c),
    "u14d": _DrawnWhole(True, A4_PORTRAIT, u14d.u14d_values, u14d.draw_u14d),
    # held out, session 15
    "u15c": _DrawnWhole(False, A4_PORTRAIT, u15c.u15c_values, u15c.draw_u15c),
    "u15d": _DrawnWhole(True, A4_LANDSCAPE, u15d.u15d_values, u15d.draw_u15d),
    # held out, session 16
    "u16c": _DrawnWhole(False, A4_PORTRAIT, u16c.u16c_values, u16c.draw_u16c),
    "u16d": _DrawnWhole(True, A4_PORTRAIT, u16d.u16d_values, u16d.draw_u16d),
}
# Held out, sessions 11 to 16: added here, apart from the tuple (whose inferred type is its first value's length).
IJAZAH_LAYOUTS = (*IJAZAH_LAYOUTS, "u11c", "u11d", "u12c", "u12d", "u13c", "u13d",  # type: ignore[assignment]
                  "u14c", "u14d", "u15c", "u15d", "u16c", "u16d")


def _render_older(person: core.Person, *, jenjang: str, layout: str, rng: random.Random, style: Style,
                  security: bool, seed: int, overrides: dict[str, str | None]) -> Rendered:
    printed = _DRAWN_WHOLE.get(layout)
    if printed is not None:
        levels = UNIVERSITY_LEVELS if printed.university else SCHOOL_LEVELS
        if jenjang not in levels:
            kind = "university" if printed.university else "school"
            raise ValueError(f"the {layout} layout is a {kind} ijazah, not for {jenjang}")
        base = (_university_values if printed.university else _school_values)(person, jenjang, rng)
        values = {**printed.values(base, rng), **overrides}
        if printed.paper is None:
            page = _page(printed.size, style, security, seed)
        else:
            page = Page(printed.size, style, paper=printed.paper(printed.size, seed, values) if security else None)
        page = printed.draw(page, values, rng, security=security)
        return page.rendered({"document_type": str(core.DocumentType.IJAZAH), "fields": lama.truth_fields(values)})
    if layout == "lama":
        if jenjang not in SCHOOL_LEVELS:
            raise ValueError(f"the lama layout is a school certificate, not for {jenjang}")
        values = {**lama.school_values(_school_values(person, jenjang, rng), rng), **overrides}
        page, signers = lama.draw_school_lama(_page(A4_PORTRAIT, style, security, seed), values, rng,
                                              level_name=SCHOOL_LEVELS[jenjang][0])
    else:
        if jenjang not in UNIVERSITY_LEVELS:
            raise ValueError(f"the fakultas layout is a university ijazah, not for {jenjang}")
        values = {**lama.faculty_values(_university_values(person, jenjang, rng), rng), **overrides}
        page, signers = lama.draw_fakultas(_page(A4_LANDSCAPE, style, security, seed), values, rng)
    for x, top, name_y, issuer in signers:
        _sign(page, rng, x=x, top=top, name_y=name_y, issuer=issuer, security=security)
    return page.rendered({"document_type": str(core.DocumentType.IJAZAH), "fields": lama.truth_fields(values)})


def _page(size: tuple[int, int], style: Style, security: bool, seed: int) -> Page:
    paper = security_paper(size, random.Random(f"paper-{seed}")) if security else None
    return Page(size, style, paper=paper)


def _sign(page: Page, rng: random.Random, *, x: float, top: float, name_y: float, issuer: str,
          security: bool) -> None:
    """Ink signature between the title line and the name; the stamp half over date, signature and name."""
    if not security:
        return
    page.paste(signature(rng), (int(x - 200), int(top + 40)))
    seal = stamp(rng, ring=issuer, centre="KEPALA\nSEKOLAH" if "UNIVERSITAS" not in issuer else "REKTOR",
                 family=page.style.family, diameter=rng.randint(380, 470))
    dx = rng.uniform(-0.95, -0.45) * seal.width
    dy = rng.uniform(-0.35, 0.05) * seal.height
    page.paste(seal, (int(x + dx), int(top + (name_y - top) / 2 + dy)))


def _graduation(person: core.Person, years: int, rng: random.Random) -> str:
    born = dt.date.fromisoformat(person.tanggal_lahir)
    return dt.date(born.year + years, rng.choice((5, 6)), rng.randint(1, 28)).isoformat()


def _school_values(person: core.Person, jenjang: str, rng: random.Random) -> dict[str, Any]:
    _, prefix, age = SCHOOL_LEVELS[jenjang]
    town = person.tempat_lahir if rng.random() < 0.5 else "KOLAKA"
    lulus = _graduation(person, age, rng)
    return {
        "jenjang": jenjang, "nama_satuan_pendidikan": f"{prefix} {rng.randint(1, 9)} {town}",
        "npsn": f"4040{rng.randint(1000, 9999)}", "nama_lengkap": person.nama_lengkap,
        "tempat_lahir": person.tempat_lahir, "tanggal_lahir": person.tanggal_lahir,
        "nama_orang_tua": person.nama_ayah or person.nama_ibu, "nis": f"{rng.randint(1000, 99999)}",
        "nisn": f"00{rng.randint(10_000_000, 99_999_999)}",
        "nomor_ijazah": f"DN-74/M-{jenjang}/13/{rng.randint(1, 9_999_999):07d}",
        "tanggal_lulus": lulus, "nim": None, "program_studi": None, "gelar": None,
    }


def _university_values(person: core.Person, jenjang: str, rng: random.Random) -> dict[str, Any]:
    _, age, programmes = UNIVERSITY_LEVELS[jenjang]
    prodi, gelar, code = rng.choice(programmes)
    lulus = _graduation(person, age, rng)
    nomor = f"{code}{lulus[:4]}{rng.randint(1, 99999):05d}"
    nomor += str(sum(int(d) for d in nomor) % 10)
    return {
        "jenjang": jenjang, "nama_satuan_pendidikan": rng.choice(_UNIVERSITIES), "npsn": None,
        "nama_lengkap": person.nama_lengkap, "tempat_lahir": person.tempat_lahir,
        "tanggal_lahir": person.tanggal_lahir, "nama_orang_tua": None, "nis": None, "nisn": None,
        "nim": f"F1A{lulus[2:4]}{rng.randint(1, 999):03d}", "program_studi": prodi.upper(),
        "gelar": gelar.upper().rstrip("."), "nomor_ijazah": nomor, "tanggal_lulus": lulus,
    }




def _born(values: dict[str, Any]) -> str:
    return f"{values['tempat_lahir']}, {date_long(values['tanggal_lahir'])}"


def _frame(page: Page, margin: int, width: int) -> None:
    dm, dw = page.style.geometry.frame
    m = margin + dm
    page.rect((m, m, page.width - m, page.image.height - m), width=width + dw)


def _draw_school(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    level_name = SCHOOL_LEVELS[v["jenjang"]][0]
    g = page.style.geometry
    cx = page.width / 2
    _frame(page, 90, 6)
    page.text((cx, 260), "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI", points=11, bold=True, anchor="mt")
    page.text((cx, 420), "IJAZAH", points=30 * g.title, bold=True, anchor="mt")
    page.text((cx, 600), level_name, points=15 * g.title, bold=True, anchor="mt")
    page.text((cx, 700), f"TAHUN PELAJARAN {int(v['tanggal_lulus'][:4]) - 1}/{v['tanggal_lulus'][:4]}",
              points=11, anchor="mt")
    x, colon = 260 + g.indent, page.colon_at(_SCHOOL_LABELS, points=11, em=17)
    bold = frozenset({"Nama"}) if g.bold_name else frozenset()
    y = page.label_rows([("Nomor Ijazah", v["nomor_ijazah"])], x=x, top=860, points=11, colon_at=colon)
    page.text((x, y + 40 * g.gap), "Yang bertanda tangan di bawah ini, Kepala Satuan Pendidikan:", points=11)
    y = page.label_rows([("Nama Satuan Pendidikan", v["nama_satuan_pendidikan"]),
                         ("Nomor Pokok Sekolah Nasional", v["npsn"])], x=x, top=y + 150 * g.gap, points=11,
                        colon_at=colon)
    page.text((x, y + 40 * g.gap), "menerangkan bahwa:", points=11)
    y = page.label_rows([
        ("Nama", v["nama_lengkap"]), ("Tempat dan Tanggal Lahir", _born(v)),
        ("Nama Orang Tua/Wali", v["nama_orang_tua"]), ("Nomor Induk Siswa", v["nis"]),
        ("Nomor Induk Siswa Nasional", v["nisn"]),
    ], x=x, top=y + 150 * g.gap, points=11, colon_at=colon, bold_values=bold)
    page.text((cx, y + 80 * g.gap), "LULUS", points=20 * g.title, bold=True, anchor="mt")
    page.text((cx, y + 250 * g.gap), "dari satuan pendidikan berdasarkan kriteria kelulusan yang berlaku.",
              points=10.5, anchor="mt")
    sign_x, sign_at = page.width - 700 + g.sign_dx, 420 * g.gap  # offsets summed first: same floats as before
    town = title_case(v["nama_satuan_pendidikan"].split()[-1])
    page.text((sign_x, y + sign_at), f"{town}, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 70)), "Kepala Sekolah,", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 360)), rng.choice(_HEADS), points=11, bold=True, anchor="mt")
    _sign(page, rng, x=sign_x, top=y + sign_at, name_y=y + (sign_at + 360),
          issuer=v["nama_satuan_pendidikan"] or "SEKOLAH", security=security)
    return page


def _draw_university(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    programme = UNIVERSITY_LEVELS[v["jenjang"]][0]
    g = page.style.geometry
    cx = page.width / 2
    _frame(page, 80, 5)
    page.text((page.width - 200 + g.sign_dx // 3, 170), f"Nomor Ijazah Nasional : {v['nomor_ijazah']}",
              points=10, anchor="rt")
    page.text((cx, 250), v["nama_satuan_pendidikan"], points=22 * g.title, bold=True, anchor="mt")
    page.text((cx, 430), "IJAZAH", points=30 * g.title, bold=True, anchor="mt")
    page.text((cx, 620), "Dengan ini menyatakan bahwa:", points=11, anchor="mt")
    x, colon = 700 + 2 * g.indent, page.colon_at(_UNIVERSITY_LABELS, points=11, em=16)
    y = page.label_rows([
        ("Nama", v["nama_lengkap"]), ("Tempat dan Tanggal Lahir", _born(v)),
        ("Nomor Induk Mahasiswa", v["nim"]), ("Program Pendidikan", programme),
        ("Program Studi", title_case(v["program_studi"])), ("Gelar Akademik", v["gelar"]),
    ], x=x, top=760, points=11, colon_at=colon, bold_values=frozenset({"Nama"}) if g.bold_name else frozenset())
    page.text((cx, y + 60 * g.gap), "telah menyelesaikan seluruh persyaratan pendidikan pada program tersebut.",
              points=11, anchor="mt")
    sign_x, sign_at = page.width - 800 + g.sign_dx, 200 * g.gap
    page.text((sign_x, y + sign_at), f"Kendari, {date_long(v['tanggal_lulus'])}", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 70)), "Rektor,", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 360)), rng.choice(_HEADS).replace("S.Pd.", "Ph.D."), points=11, bold=True,
              anchor="mt")
    _sign(page, rng, x=sign_x, top=y + sign_at, name_y=y + (sign_at + 360),
          issuer=v["nama_satuan_pendidikan"] or "UNIVERSITAS", security=security)
    return page
