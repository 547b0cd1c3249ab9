"""The pre-printed KK blanko of the 1990s-2000s (family `kk-blanko`): a form printed in one colour on
security paper, its values typed in afterwards.

What differs from the other KK families: everything pre-printed (title, labels, dotted lines, the grid,
column headers, row numbers, the blank's own red serial number) is in one colour (blue, green,
red-brown or violet) over a guilloche and rosette in the same colour; the values are typed in black
by a typewriter (double impressions, each row placed by hand) or a 9-pin dot-matrix printer (broken
strokes, the whole sheet fed a few mm off), in a monospaced face, **misregistered**: shifted a few mm
against the grid, a row's values high or low in its band (some on or across a rule), the No. KK typed
into a comb of 16 boxes at a pitch that drifts from the boxes' or into one box of its own; the header
worded as then (`Nama Kepala Keluarga`, `Alamat`, `RT / RW`, `Desa / Kelurahan`, `Kecamatan`,
`Kabupaten / Kotamadya Dati II` or `Kabupaten / Kota`, `Propinsi Dati I` or `Propinsi`, `Kode Pos`) with
values on dotted lines; the columns `No. Urut`, `Nomor Induk Kependudukan`, `Pendidikan Terakhir`,
`Pekerjaan`, `Status Hub. Dlm Keluarga`, `Kewarga- negaraan`, `No. Paspor`, `No. KITAS / KITAP`; dates
typed `12-03-1980` or `12.03.1980`; RT/RW sometimes unpadded; ten pre-printed rows; `Dikeluarkan di`
and `Tanggal` typed on dotted lines; the head of family and the Camat sign, the Camat's stamp over his name.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style
from ._form import TYPEWRITERS, FormPage, dotted, guilloche_paper
from ._kk import _lines, _nip, _truth
from ._marks import signature, stamp

FORM_INKS = ((34, 78, 150), (24, 110, 70), (140, 52, 44), (92, 52, 128))
FORM_FACES = ("FreeSans", "Nimbus Sans", "DejaVu Serif", "Nimbus Roman", "Liberation Sans Narrow")
ROWS = 8
Column = tuple[str, str | None, int]

TABLE_1: tuple[Column, ...] = (
    ("No. Urut", None, 80), ("Nama Lengkap", "nama_lengkap", 540), ("Nomor Induk Kependudukan", "nik", 420),
    ("Jenis Kelamin", "jenis_kelamin", 250), ("Tempat Lahir", "tempat_lahir", 300),
    ("Tanggal Lahir", "tanggal_lahir", 240), ("Agama", "agama", 230), ("Pendidikan Terakhir", "pendidikan", 480),
    ("Pekerjaan", "jenis_pekerjaan", 460), ("Gol. Darah", "golongan_darah", 250),
)
TABLE_2: tuple[Column, ...] = (
    ("No. Urut", None, 80), ("Status Perkawinan", "status_perkawinan", 360),
    ("Tanggal Perkawinan", "tanggal_perkawinan", 260), ("Status Hub. Dlm Keluarga", "status_hubungan", 360),
    ("Kewarga- negaraan", "kewarganegaraan", 220), ("No. Paspor", "no_paspor", 230),
    ("No. KITAS / KITAP", "no_kitap", 230), ("Nama Ayah", "nama_ayah", 620), ("Nama Ibu", "nama_ibu", 620),
)
_DATES = {"tanggal_lahir", "tanggal_perkawinan"}
_CAMAT = ("Drs. LA ODE SAFIUDDIN", "H. MUHAMMAD ARSYAD, B.A.", "ANDI MAPPASESSU, S.Sos.", "Drs. YUSUF TAHIR")


@dataclass(frozen=True)
class _Typing:
    """How this sheet was typed: the device, its face and size, and how far off the grid it landed."""

    device: str
    """`typewriter` or `dotmatrix`."""
    face: str
    points: float
    dx: int
    dy: float
    """Shift of the whole typing against the form, in pixels; dy as a share of a row's height."""
    date_sep: str
    padded: bool
    """RT and RW typed with their leading zeros."""


def render_kk_blanko(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-blanko-{seed}")
    colour = rng.choice(FORM_INKS)
    paper = guilloche_paper(A4_LANDSCAPE, random.Random(f"kk-blanko-paper-{seed}"), colour,
                            strength=rng.uniform(0.14, 0.24))
    style = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=style.family, scale=rng.uniform(0.95, 1.04), spacing=style.spacing, ink=colour,
                  shift=(rng.randint(-30, 30), rng.randint(-25, 25)))
    page = FormPage(A4_LANDSCAPE, style, face=rng.choice(FORM_FACES), paper=paper)
    device = rng.choice(("typewriter", "dotmatrix"))
    typing = _Typing(device=device, face=rng.choice(TYPEWRITERS), points=rng.uniform(8.0, 9.2),
                     dx=rng.choice((-1, 1)) * rng.randint(8, 45), dy=rng.uniform(-0.3, 0.3),
                     date_sep=rng.choice(("-", "-", ".")), padded=rng.random() < 0.7)
    _draw(page, family, rng, typing)
    return page.rendered(_truth(family))


def _draw(page: FormPage, family: core.Family, rng: random.Random, typing: _Typing) -> None:
    left, right = 150 + rng.randint(-20, 20), page.width - 150 + rng.randint(-20, 20)
    top = 120 + rng.randint(-15, 15)
    cx = page.width / 2
    page.text((left, top), "REPUBLIK INDONESIA", points=9, bold=True)
    page.text((left, top + page.pt(12)), rng.choice(("DEPARTEMEN DALAM NEGERI", "PEMERINTAH DAERAH")), points=8)
    page.text((page.width - 150, top), "No. Seri", points=7.5, anchor="ra")
    with page.using(ink=(190, 30, 30), face="DejaVu Sans Mono"):
        page.text((page.width - 150, top + page.pt(11)),
                  f"{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')} {rng.randint(0, 9_999_999):07d}",
                  points=10, bold=True, anchor="ra")
    page.text((cx, top + 10), "KARTU KELUARGA", points=22, bold=True, anchor="mt")
    y: float = top + page.pt(40)
    typed: list[tuple[float, float, float, float]] = []
    y = _number(page, family, rng, typing, cx=cx, top=y, typed=typed)
    y = _header(page, family, rng, typing, left=left, right=right, top=y + page.pt(14), typed=typed)
    rows = max(ROWS, len(family.anggota))
    row_h = round(page.pt(rng.uniform(12.2, 13.6)) * ROWS / rows)
    y = _table(page, TABLE_1, family, rng, typing, left=left, right=right, top=y + page.pt(10), row_h=row_h,
               rows=rows, first=1, typed=typed)
    y = _table(page, TABLE_2, family, rng, typing, left=left, right=right, top=y + page.pt(12), row_h=row_h,
               rows=rows, first=len(TABLE_1) + 1, typed=typed)
    _footer(page, family, rng, typing, left=left, right=right, top=y + page.pt(10), typed=typed)
    if typing.device == "dotmatrix":
        for box in typed:
            page.dot_matrix(box, rng)


def _type(page: FormPage, typing: _Typing, xy: tuple[float, float], text: str, typed: list, *,
          points: float | None = None, rng: random.Random | None = None) -> None:
    """Type `text` with its left end at xy (vertical middle), in black, as this sheet's device does."""
    pts = points or typing.points
    with page.using(face=typing.face, ink=(22, 22, 26)):
        page.text(xy, text, points=pts, anchor="lm")
        if typing.device == "typewriter" and rng is not None and rng.random() < 0.6:
            page.strike(xy, text, points=pts, offset=(rng.choice((1, 2)), rng.choice((0, 1))))
        width = page.text_width(text, points=pts)
    h = page.pt(pts)
    typed.append((xy[0] - 4, xy[1] - h * 0.7, xy[0] + width + 4, xy[1] + h * 0.7))


def _date(iso: str | None, typing: _Typing) -> str:
    if not iso:
        return "-"
    return dt.date.fromisoformat(iso).strftime(f"%d{typing.date_sep}%m{typing.date_sep}%Y")


def _number(page: FormPage, family: core.Family, rng: random.Random, typing: _Typing, *, cx: float, top: float,
            typed: list) -> float:
    """`Nomor :` and a comb of 16 boxes, or one long box; the number typed into it off its marks."""
    label = rng.choice(("Nomor :", "No. :", "NOMOR KK :"))
    box_h = page.pt(17)
    pts = typing.points + 2.5
    with page.using(face=typing.face):
        advance = page.text_width("0", points=pts)
    comb = rng.random() < 0.6
    pitch = advance * rng.uniform(0.97, 1.05)  # the carriage's pitch is not quite the boxes'
    width = 16 * pitch if comb else page.pt(rng.uniform(190, 230))
    x0 = cx - width / 2 + page.pt(20)
    page.text((x0 - page.pt(8), top + box_h / 2), label, points=11, bold=True, anchor="rm")
    page.rect((x0, top, x0 + width, top + box_h), width=3)
    if comb:
        for i in range(1, 16):
            page.line((x0 + i * pitch, top + box_h * 0.35, x0 + i * pitch, top + box_h), width=2)
    mid = top + box_h / 2 + typing.dy * box_h * 0.8
    # The typist aims at the first box; the carriage's own pitch then drifts across the comb.
    start = x0 + typing.dx * 0.5 + (pitch * 0.2 if comb else page.pt(12))
    _type(page, typing, (start, mid), family.no_kk, typed, points=pts, rng=rng)
    return top + box_h


def _header(page: FormPage, family: core.Family, rng: random.Random, typing: _Typing, *, left: int, right: int,
            top: float, typed: list) -> float:
    head = family.kepala_keluarga
    older = rng.random() < 0.5
    rt, rw = (family.rt, family.rw) if typing.padded else (str(int(family.rt)), str(int(family.rw)))
    columns = (
        (("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
         ("RT / RW", f"{rt} / {rw}"), ("Desa / Kelurahan", family.desa_kelurahan)),
        (("Kecamatan", family.kecamatan),
         ("Kabupaten / Kotamadya Dati II" if older else "Kabupaten / Kota", family.kabupaten_kota),
         ("Kode Pos", family.kode_pos or "-"), ("Propinsi Dati I" if older else "Propinsi", family.provinsi)),
    )
    pts = 9.5
    step = page.pt(pts) * rng.uniform(1.65, 1.85)
    middle = left + (right - left) * rng.uniform(0.5, 0.55)
    row_dy = typing.dy * step * 0.5
    for c, rows in enumerate(columns):
        x = left + 10 if c == 0 else middle
        end = middle - page.pt(20) if c == 0 else right - 10
        colon = max(page.text_width(label, points=pts) for label, _ in rows) + page.pt(6)
        for r, (label, value) in enumerate(rows):
            yy = top + r * step
            page.text((x, yy), label, points=pts, anchor="ls")
            page.text((x + colon, yy), ":", points=pts, anchor="ls")
            dotted(page, x + colon + page.pt(6), end, yy + 2)
            jitter = rng.uniform(-4, 4) if typing.device == "typewriter" else 0
            _type(page, typing, (x + colon + page.pt(10) + typing.dx, yy - page.pt(3.5) + row_dy + jitter), value,
                  typed, rng=rng)
    return top + (len(columns[0]) - 1) * step + page.pt(4)


def _table(page: FormPage, columns: tuple[Column, ...], family: core.Family, rng: random.Random, typing: _Typing, *,
           left: int, right: int, top: float, row_h: int, rows: int, first: int, typed: list) -> float:
    total = sum(w for _, _, w in columns)
    xs = [float(left)]
    for _, _, w in columns:
        xs.append(xs[-1] + w * (right - left) / total)
    head_h, number_h = page.pt(26), page.pt(9)
    body = top + head_h + number_h
    bottom = body + rows * row_h
    page.rect((left, top, right, bottom), width=4)
    page.line((left, top + head_h, right, top + head_h), width=2)
    page.line((left, body, right, body), width=3)
    for x in xs[1:-1]:
        page.line((x, top, x, bottom), width=2)
    for r in range(1, rows):
        page.line((left, body + r * row_h, right, body + r * row_h), width=1)
    for i, (label, _, _) in enumerate(columns):
        _header_cell(page, (xs[i], top, xs[i + 1], top + head_h), label)
        page.text(((xs[i] + xs[i + 1]) / 2, top + head_h + number_h / 2), f"{first + i}", points=6.5, anchor="mm")
    for r in range(rows):  # the blank's own row numbers, printed whether a member fills the row or not
        page.text(((xs[0] + xs[1]) / 2, body + (r + 0.5) * row_h), str(r + 1), points=8, anchor="mm")
    drift = rng.uniform(-0.06, 0.06) if typing.device == "typewriter" else 0.0
    for r, person in enumerate(family.anggota):
        off = max(-0.48, min(0.48, typing.dy + drift * r + (rng.uniform(-0.08, 0.08)
                                                           if typing.device == "typewriter" else 0)))
        mid = body + (r + 0.5 + off) * row_h
        for i, (_, key, _) in enumerate(columns):
            if key is None:
                continue
            value = _value(person, key, typing)
            # Every value of the row is shifted alike: a long one may cross the next rule, never reach the next value.
            room = xs[i + 1] - xs[i] - page.pt(2)
            pts = typing.points
            with page.using(face=typing.face):
                while pts > 6 and page.text_width(value, points=pts) > room:
                    pts -= 0.25
            x = xs[i] + page.pt(3) + typing.dx * 0.6
            _type(page, typing, (x, mid), value, typed, points=pts, rng=rng)
    return bottom


def _value(person: core.Person, key: str, typing: _Typing) -> str:
    if key in _DATES:
        return _date(getattr(person, key), typing)
    value = getattr(person, key)
    return value if value else "-"


def _header_cell(page: Page, box: tuple[float, float, float, float], text: str) -> None:
    x0, y0, x1, y1 = box
    points = 7.5
    while points > 5 and max(page.text_width(w, points=points, bold=True) for w in text.split()) > (x1 - x0) - 10:
        points -= 0.5
    lines = _lines(page, text, width=round(x1 - x0) + 6, points=points, bold=True)
    step = page.pt(points) * 1.15
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=True, anchor="mm")


def _footer(page: FormPage, family: core.Family, rng: random.Random, typing: _Typing, *, left: int, right: int,
            top: float, typed: list) -> None:
    pts = 9
    head = family.kepala_keluarga
    sign_x = left + (right - left) * 0.8
    head_x = left + (right - left) * 0.2
    label_x = sign_x - page.pt(95)
    colon = page.text_width("Dikeluarkan di", points=pts) + page.pt(6)
    for r, (label, value) in enumerate((("Dikeluarkan di", family.kecamatan),
                                        ("Tanggal", _date(family.tanggal_dikeluarkan, typing)))):
        yy = top + page.pt(8) + r * page.pt(17)
        page.text((label_x, yy), label, points=pts, anchor="ls")
        page.text((label_x + colon, yy), ":", points=pts, anchor="ls")
        dotted(page, label_x + colon + page.pt(6), label_x + colon + page.pt(120), yy + 2)
        _type(page, typing, (label_x + colon + page.pt(10) + typing.dx, yy - page.pt(3.5)), value, typed, rng=rng)
    title_y = top + page.pt(40)
    page.text((head_x, title_y), "KEPALA KELUARGA", points=pts, anchor="mt")
    page.text((sign_x, title_y), f"CAMAT {family.kecamatan}", points=pts, anchor="mt")
    page.paste(signature(rng, width=380, height=150), (int(head_x - 190), int(title_y + page.pt(12))))
    page.paste(signature(rng, width=380, height=150), (int(sign_x - 190), int(title_y + page.pt(12))))
    name_y = title_y + page.pt(52)
    for x in (head_x, sign_x):
        dotted(page, x - page.pt(80), x + page.pt(80), name_y + page.pt(5))
    head_name = head.nama_lengkap if head else "-"
    with page.using(face=typing.face):
        head_w = page.text_width(head_name, points=typing.points)
    _type(page, typing, (head_x - head_w / 2 + typing.dx, name_y), head_name, typed, rng=rng)
    camat = rng.choice(_CAMAT)
    with page.using(face=typing.face):
        camat_w = page.text_width(camat, points=typing.points)
    _type(page, typing, (sign_x - camat_w / 2 + typing.dx, name_y), camat, typed, rng=rng)
    page.text((sign_x - page.pt(80), name_y + page.pt(12)), "NIP.", points=8)
    _type(page, typing, (sign_x - page.pt(64) + typing.dx, name_y + page.pt(9.5)), _nip(rng)[:9] if
          int((family.tanggal_dikeluarkan or '2000')[:4]) < 1999 else _nip(rng), typed, points=typing.points - 1, rng=rng)
    seal = stamp(rng, ring=f"KECAMATAN {family.kecamatan}", centre=f"CAMAT\n{family.kecamatan}",
                 family="DejaVu Sans", diameter=page.pt(62))
    page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.7, 1.0)), int(title_y + page.pt(rng.uniform(4, 20)))))


def truth(family: core.Family) -> dict[str, Any]:
    """Every spec field: this blank has a column for each, and the typed header prints every one."""
    return _truth(family)
