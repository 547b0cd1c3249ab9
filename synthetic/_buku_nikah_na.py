"""The typed Kutipan Akta Nikah on the old `Model NA` form (family `nikah-model-na`).

What differs from the other buku nikah families: a form pre-printed in a serif face on tinted paper
(`DEPARTEMEN AGAMA`, `Model NA` in the corner), every value typed afterwards with a typewriter onto
the form's dotted lines, a little off them; the KUA typed after `KANTOR URUSAN AGAMA KECAMATAN`; the
marriage date inside the opening sentence, in words ("dua puluh satu Maret seribu sembilan ratus
delapan puluh tujuh") and in digits (`21-03-1987`), with the weekday; the spouses one under the other
under `SUAMI` and `ISTERI`, each with numbered items `1. Nama`, `2. Bin` / `Binti` (the father, not a
spec field), `3. Tempat dan tanggal lahir` (typed `RAHA, 21-07-1961`), `4. Warga negara`, `5. Agama`,
`6. Pekerjaan`, `7. Tempat kediaman` (the address), and, for a marriage since 2011 only, `8. Nomor Induk
Kependudukan` (before that the form has no NIK: null in the truth); `Wali nikah` with the relation, the
dowry and two witnesses; in some a `DUPLIKAT` print, reissued later with its own date at the foot (not
the marriage date); the Pegawai Pencatat Nikah signs, the KUA stamp over the signature.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Rendered, Style, title_case
from ._form import TYPEWRITERS, FormPage, dotted, guilloche_paper
from ._marks import signature, stamp

NIK_ON_FORM_SINCE = dt.date(2011, 1, 1)
FACES = ("Nimbus Roman", "FreeSerif", "DejaVu Serif", "URW Bookman")
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_PPN = ("H. MUHAMMAD SALEH, B.A.", "Drs. LA ODE ABDUL MALIK", "ABDUL WAHID LATIF", "H. ANDI MUHAMMAD YUSUF, B.A.")
_WITNESSES = ("LA ODE SAIDI", "ABDUL RAHMAN", "MUHAMMAD TAHIR", "ANDI BAHRUDDIN", "SYAMSUDDIN", "LA MUDA")
_DOWRIES = ("Seperangkat alat sholat, dibayar tunai", "Uang Rp. 50.000,- tunai", "Emas 5 gram, tunai",
            "Al-Qur'an dan seperangkat alat sholat, tunai")


def terbilang(n: int) -> str:
    """A number in Indonesian words, as a registrar types a date: 1987 -> `seribu sembilan ratus delapan
    puluh tujuh`."""
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        return f"{_UNITS[n // 10]} puluh {terbilang(n % 10)}".strip()
    if n < 200:
        return f"seratus {terbilang(n - 100)}".strip()
    if n < 1000:
        return f"{_UNITS[n // 100]} ratus {terbilang(n % 100)}".strip()
    if n < 2000:
        return f"seribu {terbilang(n - 1000)}".strip()
    return f"{terbilang(n // 1000)} ribu {terbilang(n % 1000)}".strip()


def date_in_words(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{terbilang(day.day)} {core.MONTHS_ID[day.month - 1].capitalize()} {terbilang(day.year)}"


def render_nikah_na(values: dict[str, Any], fathers: dict[str, str | None], *, seed: int, varied: bool,
                    heldout: bool, stamped: bool) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); the truth drops the NIKs of a form
    printed before it had a line for them."""
    rng = random.Random(f"nikah-na-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.95, 1.04), spacing=base.spacing,
                  shift=(rng.randint(-30, 30), rng.randint(-30, 30)))
    paper = guilloche_paper(A4_PORTRAIT, random.Random(f"nikah-na-paper-{seed}"),
                            rng.choice(((40, 110, 60), (120, 90, 40), (60, 80, 130))), strength=rng.uniform(0.06, 0.11))
    page = FormPage(A4_PORTRAIT, style, face=rng.choice(FACES), paper=paper)
    with_nik = dt.date.fromisoformat(values["tanggal_nikah"]) >= NIK_ON_FORM_SINCE
    shown = dict(values)
    if not with_nik:
        shown["suami.nik"] = shown["istri.nik"] = None
    _draw(page, shown, fathers, rng, with_nik=with_nik, stamped=stamped)
    fields = {name: shown.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


class _Typist:
    """Types values in black with a typewriter face, each a few pixels off the line it is meant for."""

    def __init__(self, page: FormPage, rng: random.Random) -> None:
        self.page, self.rng = page, rng
        self.face = rng.choice(TYPEWRITERS)
        self.points = rng.uniform(9.5, 10.5)
        self.dx, self.dy = rng.randint(-25, 35), rng.randint(-14, 6)

    def type(self, xy: tuple[float, float], text: str, *, points: float | None = None) -> float:
        pts = points or self.points
        x, y = xy[0] + self.dx + self.rng.randint(-4, 4), xy[1] + self.dy + self.rng.randint(-3, 3)
        with self.page.using(face=self.face, ink=(20, 20, 24)):
            self.page.text((x, y), text, points=pts, anchor="ls")
            if self.rng.random() < 0.5:
                self.page.strike((x, y), text, points=pts, anchor="ls", offset=(1, 0))
            return self.page.text_width(text, points=pts)


def _field(page: FormPage, typist: _Typist, *, x: float, label_w: float, right: float, y: float, label: str,
           value: str | None, points: float) -> None:
    page.text((x, y), label, points=points, anchor="ls")
    page.text((x + label_w, y), ":", points=points, anchor="ls")
    dotted(page, x + label_w + page.pt(6), right, y + 4)
    typist.type((x + label_w + page.pt(10), y - 4), value or "-")


def _draw(page: FormPage, v: dict[str, Any], fathers: dict[str, str | None], rng: random.Random, *,
          with_nik: bool, stamped: bool) -> None:
    cx = page.width / 2
    left, right = 250 + rng.randint(-20, 20), page.width - 250 + rng.randint(-20, 20)
    typist = _Typist(page, rng)
    pts = 10
    step = page.pt(pts) * rng.uniform(1.6, 1.75)
    page.text((right, 170), "Model NA", points=9, anchor="ra")
    duplicate = rng.random() < 0.4
    if duplicate:
        with page.using(ink=(170, 30, 30)):
            page.rect((left - 20, 150, left + page.pt(105), 150 + page.pt(24)), width=5)
            page.text((left - 20 + page.pt(52), 150 + page.pt(12)), "DUPLIKAT", points=15, bold=True, anchor="mm")
    page.text((cx, 260), "DEPARTEMEN AGAMA", points=12, bold=True, anchor="mt")
    page.text((cx, 330), "KANTOR URUSAN AGAMA KECAMATAN", points=11, bold=True, anchor="mt")
    district = (v["kua"] or "KUA KECAMATAN -").removeprefix("KUA KECAMATAN ")
    dotted(page, cx - page.pt(110), cx + page.pt(110), 330 + page.pt(30))
    with page.using(face=typist.face):
        width = page.text_width(district, points=typist.points)
    typist.type((cx - width / 2, 330 + page.pt(27)), district)
    page.text((cx, 560), "KUTIPAN AKTA NIKAH", points=21, bold=True, anchor="mt")
    page.text((cx - page.pt(70), 560 + page.pt(40)), "Nomor :", points=pts, anchor="ls")
    dotted(page, cx - page.pt(40), cx + page.pt(110), 560 + page.pt(40) + 4)
    typist.type((cx - page.pt(36), 560 + page.pt(40) - 4), v["nomor_akta"] or "-")
    y = 560 + page.pt(40) + step * 1.6
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    # The opening sentence: pre-printed words, typed values on dotted stretches.
    page.text((left, y), "Pada hari", points=pts, anchor="ls")
    x = left + page.text_width("Pada hari ", points=pts)
    dotted(page, x, x + page.pt(70), y + 4)
    typist.type((x + page.pt(4), y - 4), _WEEKDAYS[married.weekday()])
    x += page.pt(76)
    page.text((x, y), "tanggal", points=pts, anchor="ls")
    x += page.text_width("tanggal ", points=pts)
    dotted(page, x, right, y + 4)
    typist.type((x + page.pt(4), y - 4), married.strftime("%d-%m-%Y"))
    y += step
    dotted(page, left, right - page.pt(12), y + 4)
    typist.type((left + page.pt(4), y - 4), f"( {date_in_words(v['tanggal_nikah'])} )")
    y += step
    for line in ("telah dilangsungkan akad nikah menurut agama Islam di hadapan Pegawai Pencatat Nikah",
                 "yang mewilayahi Kantor Urusan Agama tersebut di atas, antara:"):
        page.text((left, y), line, points=pts, anchor="ls")
        y += step
    label_w = max(page.text_width(s, points=pts) for s in ("8. Nomor Induk Kependudukan", "3. Tempat dan tanggal lahir"))
    label_w += page.pt(8)
    for role, heading, kin in (("suami", "SUAMI", "Bin"), ("istri", "ISTERI", "Binti")):
        y += step * 0.4
        page.text((left, y), heading, points=12, bold=True, anchor="ls")
        y += step
        born = v[f"{role}.tanggal_lahir"]
        rows = [("1. Nama", v[f"{role}.nama_lengkap"]), (f"2. {kin}", fathers.get(role)),
                ("3. Tempat dan tanggal lahir",
                 f"{v[f'{role}.tempat_lahir'] or '-'}, {dt.date.fromisoformat(born).strftime('%d-%m-%Y')}" if born
                 else None),
                ("4. Warga negara", v[f"{role}.kewarganegaraan"]), ("5. Agama", v[f"{role}.agama"]),
                ("6. Pekerjaan", v[f"{role}.pekerjaan"]), ("7. Tempat kediaman", v[f"{role}.alamat"])]
        if with_nik:
            rows.append(("8. Nomor Induk Kependudukan", v[f"{role}.nik"]))
        for label, value in rows:
            _field(page, typist, x=left + page.pt(14), label_w=label_w, right=right, y=y, label=label, value=value,
                   points=pts)
            y += step
    y += step * 0.4
    witnesses = rng.sample(_WITNESSES, 2)
    for label, value in (("Wali nikah", v["wali.nama_lengkap"]), ("Hubungan wali", "AYAH KANDUNG"),
                         ("Mas kawin", rng.choice(_DOWRIES)), ("Saksi-saksi", f"1. {witnesses[0]}"),
                         ("", f"2. {witnesses[1]}")):
        if label:
            _field(page, typist, x=left, label_w=label_w + page.pt(14), right=right, y=y, label=label, value=value,
                   points=pts)
        else:
            dotted(page, left + label_w + page.pt(20), right, y + 4)
            typist.type((left + label_w + page.pt(24), y - 4), value)
        y += step
    sign_x = right - page.pt(90)
    y += step * 0.5
    if duplicate:
        reissued = married + dt.timedelta(days=rng.randint(400, 9000))
        page.text((left, y), "Duplikat ini dikeluarkan sebagai pengganti kutipan yang hilang,", points=9, anchor="ls")
        page.text((left, y + page.pt(13)), f"pada tanggal {reissued.strftime('%d-%m-%Y')}", points=9, anchor="ls")
    page.text((sign_x, y), f"{title_case(district)},", points=pts, anchor="ms")
    page.text((sign_x, y + step), "Pegawai Pencatat Nikah,", points=pts, anchor="ms")
    name_y = y + step + 300
    dotted(page, sign_x - page.pt(90), sign_x + page.pt(90), name_y + 6)
    name = rng.choice(_PPN)
    with page.using(face=typist.face):
        width = page.text_width(name, points=typist.points)
    typist.type((sign_x - width / 2, name_y - 2), name)
    if stamped:
        page.paste(signature(rng), (int(sign_x - 220), int(y + step + 60)))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}", centre="KUA", family="DejaVu Serif",
                     diameter=rng.randint(360, 430))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.05)), int(y + step * rng.uniform(0.2, 1.2))))
