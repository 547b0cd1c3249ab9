"""The school certificate on a ministry blanko filled in by hand (family `ijazah-tulis`).

What differs from the other school families: a form pre-printed in one colour (green, brown or blue) on
tinted security paper, with the ministry of its era (DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN until 1999,
DEPARTEMEN PENDIDIKAN NASIONAL until 2009, KEMENTERIAN … since) and its own red serial in the old series
format (`No. 20 OC ob 0264731`: province, level code, two letters of the print run, seven digits), which
is the certificate's number; `SURAT TANDA TAMAT BELAJAR` before 2003 and `IJAZAH` since, the level named
as in its era (`SEKOLAH LANJUTAN TINGKAT PERTAMA` and `SEKOLAH MENENGAH UMUM` from 1994 to 2002: the
truth's jenjang stays SMP / SMA); every value written by a school clerk's hand (a chancery italic, each
value a little off its dotted line, a little larger or smaller) into the form's sentences and numbered
lines: the school after `Kepala`, its Nomor Statistik Sekolah (not an NPSN), `1. nama`, `2. tempat dan
tanggal lahir`, `3. nama orang tua / wali`, `4. nomor induk`, the school again after `TAMAT BELAJAR pada`,
the year of the final examination of its era (EBTANAS until 2001, UAN until 2004, Ujian Nasional since);
`Diberikan di` / `pada tanggal` written in; the head's signature over the school's stamp, name and the
NIP of its era (nine digits before 2008, eighteen since); a photo box and the three-finger print box
(`Cap tiga jari tengah tangan kiri`) with smudged prints.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ._canvas import Page, date_long, title_case
from ._form import FormPage, dotted, guilloche_paper
from ._kk import _nip
from ._marks import signature, stamp

FORM_INKS = ((30, 100, 60), (120, 70, 40), (40, 70, 140))
FACES = ("Nimbus Roman", "URW Bookman", "DejaVu Serif", "FreeSerif")
HAND = "Z003"
_PENS = ((20, 30, 90), (15, 15, 30), (30, 45, 110))
_LEVELS = {
    # jenjang: (before 1994, 1994-2002, school prefix before 1994, 1994-2002, since 2003, level code, NSS head)
    "SD": ("SEKOLAH DASAR", "SEKOLAH DASAR", "SD NEGERI", "SD NEGERI", "SD NEGERI", "OA", "101"),
    "SMP": ("SEKOLAH MENENGAH PERTAMA", "SEKOLAH LANJUTAN TINGKAT PERTAMA", "SMP NEGERI", "SLTP NEGERI", "SMP NEGERI",
            "OB", "201"),
    "SMA": ("SEKOLAH MENENGAH ATAS", "SEKOLAH MENENGAH UMUM", "SMA NEGERI", "SMU NEGERI", "SMA NEGERI", "OC", "301"),
    "SMK": ("SEKOLAH MENENGAH KEJURUAN", "SEKOLAH MENENGAH KEJURUAN", "SMK NEGERI", "SMK NEGERI", "SMK NEGERI", "OD",
            "401"),
}
_HEADS = ("LA ODE MUHAMMAD SALEH", "Drs. ABDUL MAJID", "Hj. SITTI AMINAH, B.A.", "YAKOBUS PATANDIANAN, S.Pd.")


def tulis_values(values: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A school ijazah's values (`_school_values`) as a handwritten blanko of its era shows them."""
    jenjang = values["jenjang"]
    year = int(values["tanggal_lulus"][:4])
    era = 0 if year < 1994 else 1 if year < 2003 else 2
    names = _LEVELS[jenjang]
    code, nss = names[5], names[6]
    town = values["nama_satuan_pendidikan"].split(" ", 3)[3]  # after "SMA NEGERI 3"
    school = f"{names[2 + era]} {rng.randint(1, 6)} {town}"
    return {
        **values, "nama_satuan_pendidikan": school, "npsn": None, "nisn": None,
        "nis": f"{rng.randint(100, 9999)}",
        "nomor_ijazah": f"{rng.choice((20, 21, 25))} {code} {rng.choice('abcdefgh')}{rng.choice('abcdefgh')} "
                        f"{rng.randint(1, 9_999_999):07d}",
        "era": era, "level_name": names[1] if era == 1 else names[0], "town": town,
        "nss": f"{nss}{rng.randint(18, 19)}{rng.randint(10, 99)}{rng.randint(1, 99):02d}{rng.randint(1, 99):03d}"[:12],
        "ink": rng.choice(FORM_INKS),
    }


def tulis_paper(size: tuple[int, int], seed: int, values: dict[str, Any]) -> Image.Image:
    return guilloche_paper(size, random.Random(f"tulis-paper-{seed}"), values["ink"], strength=0.08)


class _Hand:
    """Writes values in a clerk's hand: a chancery italic in pen ink, each value a little off its line and
    a little larger or smaller than the last."""

    def __init__(self, page: FormPage, rng: random.Random) -> None:
        self.page, self.rng = page, rng
        self.ink = rng.choice(_PENS)
        self.points = rng.uniform(13, 15)
        self.lift = rng.uniform(-6, 2)

    def write(self, xy: tuple[float, float], text: str, *, anchor: str = "ls") -> float:
        pts = self.points * self.rng.uniform(0.94, 1.06)
        x, y = xy[0] + self.rng.uniform(-6, 10), xy[1] + self.lift + self.rng.uniform(-5, 3)
        with self.page.using(face=HAND, ink=self.ink):
            self.page.text((x, y), text, points=pts, anchor=anchor)
            return self.page.text_width(text, points=pts)


def draw_tulis(page: Page, v: dict[str, Any], rng: random.Random, *, security: bool) -> Page:
    style = dataclasses.replace(page.style, ink=v["ink"], scale=min(page.style.scale, 1.0), shift=(0, 0))
    out = FormPage(page.image.size, style, face=rng.choice(FACES), paper=page.image if page.ops else None)
    hand = _Hand(out, rng)
    w, h = out.width, out.image.height
    cx = w / 2
    for m, width in ((120, 7), (150, 2)):
        out.rect((m, m, w - m, h - m), width=width)
    year = int(v["tanggal_lulus"][:4])
    ministry = ("DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN" if year < 2000 else "DEPARTEMEN PENDIDIKAN NASIONAL"
                if year < 2010 else "KEMENTERIAN PENDIDIKAN NASIONAL" if year < 2012 else
                "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN")
    with out.using(ink=(190, 35, 35), face="DejaVu Sans Mono"):
        out.text((w - 260, 230), f"No. {v['nomor_ijazah']}", points=11, bold=True, anchor="ra")
    out.text((cx, 330), "REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    out.text((cx, 400), ministry, points=12, bold=True, anchor="mt")
    title = "SURAT TANDA TAMAT BELAJAR" if v["era"] < 2 else "IJAZAH"
    out.text((cx, 560), title, points=22 if v["era"] < 2 else 30, bold=True, anchor="mt")
    out.text((cx, 720), v["level_name"], points=14, bold=True, anchor="mt")
    pts = 11
    step = out.pt(pts) * 2.45
    left, right = 300, w - 300
    y = 930.0
    # The form's sentences, with dotted stretches the clerk writes on.
    out.text((left, y), "Yang bertanda tangan di bawah ini, Kepala", points=pts, anchor="ls")
    x = left + out.text_width("Yang bertanda tangan di bawah ini, Kepala ", points=pts)
    dotted(out, x, right, y + 6)
    hand.write((x + 20, y), v["nama_satuan_pendidikan"])
    y += step
    out.text((left, y), "Nomor Statistik Sekolah", points=pts, anchor="ls")
    x = left + out.text_width("Nomor Statistik Sekolah : ", points=pts)
    out.text((x - out.text_width(": ", points=pts), y), ":", points=pts, anchor="ls")
    dotted(out, x, x + out.pt(170), y + 6)
    hand.write((x + 20, y), v["nss"])
    y += step
    out.text((left, y), "menerangkan bahwa:", points=pts, anchor="ls")
    y += step
    born = f"{title_case(v['tempat_lahir'])}, {date_long(v['tanggal_lahir'])}"
    items = (("1.", "nama", v["nama_lengkap"]), ("2.", "tempat dan tanggal lahir", born),
             ("3.", "nama orang tua / wali", v["nama_orang_tua"] or "-"), ("4.", "nomor induk", v["nis"]))
    label_x = left + out.pt(26)
    colon = label_x + max(out.text_width(label, points=pts) for _, label, _ in items) + out.pt(10)
    for number, label, value in items:
        out.text((left + out.pt(6), y), number, points=pts, anchor="ls")
        out.text((label_x, y), label, points=pts, anchor="ls")
        out.text((colon, y), ":", points=pts, anchor="ls")
        dotted(out, colon + out.pt(10), right, y + 6)
        hand.write((colon + out.pt(16), y), value)
        y += step
    exam = "Evaluasi Belajar Tahap Akhir Nasional" if year <= 2001 else "Ujian Akhir Nasional" if year <= 2004 \
        else "Ujian Nasional"
    out.text((left, y), "telah TAMAT BELAJAR pada", points=pts, anchor="ls")
    x = left + out.text_width("telah TAMAT BELAJAR pada ", points=pts)
    dotted(out, x, right, y + 6)
    hand.write((x + 20, y), v["nama_satuan_pendidikan"])
    y += step
    out.text((left, y), f"dan dinyatakan LULUS {exam}", points=pts, anchor="ls")
    y += step
    out.text((left, y), "tahun pelajaran", points=pts, anchor="ls")
    x = left + out.text_width("tahun pelajaran ", points=pts)
    dotted(out, x, x + out.pt(120), y + 6)
    hand.write((x + 20, y), f"{year - 1}/{year}")
    y += step * 1.4
    _boxes(out, rng, top=y + 40, left=left)
    sign_x = w * 0.68
    date_x = sign_x - out.pt(95)
    colon = date_x + out.text_width("pada tanggal", points=pts) + out.pt(8)
    for label, value in (("Diberikan di", title_case(v["town"])), ("pada tanggal", date_long(v["tanggal_lulus"]))):
        out.text((date_x, y), label, points=pts, anchor="ls")
        out.text((colon, y), ":", points=pts, anchor="ls")
        dotted(out, colon + out.pt(8), right, y + 6)
        hand.write((colon + out.pt(14), y), value)
        y += step
    out.text((sign_x, y), "Kepala Sekolah,", points=pts, anchor="ms")
    name_y = y + 360
    dotted(out, sign_x - out.pt(95), sign_x + out.pt(95), name_y + 6)
    head = rng.choice(_HEADS)
    hand.write((sign_x - out.pt(80), name_y), head)
    nip = f"{rng.randint(130_000_000, 132_999_999)}" if year < 2008 else _nip(rng)
    out.text((sign_x - out.pt(95), name_y + step * 0.75), "NIP.", points=pts, anchor="ls")
    hand.write((sign_x - out.pt(70), name_y + step * 0.75), nip)
    if security:
        out.paste(signature(rng), (int(sign_x - 200), int(y + 50)))
        seal = stamp(rng, ring=v["nama_satuan_pendidikan"], centre="KEPALA\nSEKOLAH", family="DejaVu Serif",
                     diameter=rng.randint(360, 420))
        out.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.0)), int(y + rng.uniform(0, 120))))
    return out


def _boxes(page: FormPage, rng: random.Random, *, top: float, left: float) -> None:
    """The photo box and the three-finger print box under it, the prints smudged in grey."""
    photo = (left + 20, top, left + 20 + 354, top + 472)
    page.rect(photo, width=2)
    page.text(((photo[0] + photo[2]) / 2, (photo[1] + photo[3]) / 2), "Pas foto 3 x 4", points=8, anchor="mm")
    prints = (photo[2] + 60, top + 150, photo[2] + 60 + 420, top + 472)
    page.rect(prints, width=2)
    page.text(((prints[0] + prints[2]) / 2, prints[1] - 40), "Cap tiga jari tengah", points=8, anchor="mm")
    page.text(((prints[0] + prints[2]) / 2, prints[1] - 10), "tangan kiri", points=8, anchor="mm")
    layer = Image.new("L", (400, 300), 0)
    draw = ImageDraw.Draw(layer)
    for i in range(3):
        cx, cy = 80 + i * 120 + rng.randint(-10, 10), 150 + rng.randint(-20, 20)
        for r in range(10, 75, 9):  # the ridges of a fingertip, as rings
            draw.ellipse((cx - r * 0.7, cy - r, cx + r * 0.7, cy + r), outline=200, width=3)
    smudge = np.asarray(layer.filter(ImageFilter.GaussianBlur(2.2)), dtype=np.float32) * rng.uniform(0.5, 0.8)
    ink = Image.new("RGBA", layer.size, (40, 40, 60, 0))
    ink.putalpha(Image.fromarray(smudge.astype(np.uint8)))
    page.paste(ink, (int(prints[0] + 10), int(prints[1] + 10)))
