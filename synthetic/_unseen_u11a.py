"""Held-out family `kk-u11a` (session 11): the KK as a digital-identity app shows it, exported to a page.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the family card of the Dukcapil digital identity app (Identitas Kependudukan Digital) saved
or printed as a portrait page. No member table at all: every member is a **card** of its own.

- Optionally a phone's status bar (clock, signal, battery) and an app bar `<  Kartu Keluarga` on top.
- `KARTU KELUARGA` and the number as `No. KK` / `Nomor Kartu Keluarga` / `NKK` **with the label over the
  value**, not beside it.
- The header as a grid of two or three columns of **label over value** pairs (small grey label, the value
  bold under it, no colon): `Kepala Keluarga`, `Alamat`, `RT/RW` (or `RT` and `RW` apart), `Kelurahan/Desa`
  or `Desa/Kelurahan`, `Kecamatan`, `Kabupaten/Kota`, `Provinsi`, `Kode Pos`, `Tanggal Dikeluarkan` or
  `Tanggal Terbit`.
- `Anggota Keluarga (N)`, then one rounded-off card per member, in the family's order: the member's name in
  bold as the card's title **without a label**, `status hubungan` beside it as a tag, then the other
  fields as label-over-value pairs in four columns (`NIK`, `Jenis Kelamin`, `Tempat Lahir`, `Tanggal Lahir`,
  `Agama`, `Pendidikan`, `Pekerjaan`, `Golongan Darah`, `Status Perkawinan`, `Tanggal Perkawinan`,
  `Kewarganegaraan`, `No. Paspor`, `No. KITAP`, `Nama Ayah`, `Nama Ibu`), the order of the fields in a card
  varying between exports; absent values as `-`.
- Dates as `27-09-1970` or `27 September 1970` (one style a page), sex written out.
- Card borders or only grey separators; a coloured title band on the header; a footer with the export's
  time and a page number.

Truth: the family's header and members (canonical); a value printed as `-` is null.
"""

from __future__ import annotations

import datetime as dt
import random

import core

from ._canvas import A4_PORTRAIT, Rendered, Style, date_dmy, date_long
from ._form import FormPage
from ._kk import _truth

FACES = ("Nimbus Sans", "FreeSans", "DejaVu Sans Condensed", "Liberation Sans Narrow")
_GREY = (112, 112, 120)
_ACCENTS = ((18, 86, 160), (20, 110, 120), (150, 30, 40))
_CARD_FIELDS = (
    ("NIK", "nik"), ("Jenis Kelamin", "jenis_kelamin"), ("Tempat Lahir", "tempat_lahir"),
    ("Tanggal Lahir", "tanggal_lahir"), ("Agama", "agama"), ("Pendidikan", "pendidikan"),
    ("Pekerjaan", "jenis_pekerjaan"), ("Golongan Darah", "golongan_darah"),
    ("Status Perkawinan", "status_perkawinan"), ("Tanggal Perkawinan", "tanggal_perkawinan"),
    ("Kewarganegaraan", "kewarganegaraan"), ("No. Paspor", "no_paspor"), ("No. KITAP", "no_kitap"),
    ("Nama Ayah", "nama_ayah"), ("Nama Ibu", "nama_ibu"),
)


def render_u11a(family: core.Family, *, seed: int, varied: bool = False, heldout: bool = False) -> Rendered:
    rng = random.Random(f"kk-u11a-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=rng.uniform(0.95, 1.04), spacing=base.spacing,
                  shift=(rng.randint(-20, 20), rng.randint(-20, 20)))
    page = FormPage(A4_PORTRAIT, style, face=rng.choice(FACES))
    accent = rng.choice(_ACCENTS)
    long_dates = rng.random() < 0.5
    left, right = 120 + rng.randint(-20, 30), page.width - 120 + rng.randint(-30, 20)
    top = 110 + rng.randint(-10, 20)
    if rng.random() < 0.5:
        top = _phone_bars(page, rng, left=left, right=right, top=top)
    y = _title(page, family, rng, left=left, right=right, top=top, accent=accent)
    y = _header(page, family, rng, left=left, right=right, top=y + page.pt(10), long_dates=long_dates)
    n = len(family.anggota)
    with page.using(ink=accent):
        page.text((left, y + page.pt(12)), f"Anggota Keluarga ({n})", points=11, bold=True)
    y += page.pt(32)
    fields = list(_CARD_FIELDS)
    if rng.random() < 0.5:  # another export puts the parents and the dates first
        fields = [fields[0], fields[13], fields[14], *fields[1:13]]
    boxed = rng.random() < 0.6
    room = page.image.height - 150 - y
    card_h = min(page.pt(118), room / max(n, 1) - page.pt(8))
    for person in family.anggota:
        _card(page, person, fields, left=left, right=right, top=y, height=card_h, boxed=boxed,
              long_dates=long_dates, accent=accent)
        y += card_h + page.pt(8)
    exported = dt.date.fromisoformat(family.tanggal_dikeluarkan or "2023-01-01") + dt.timedelta(days=rng.randint(3, 600))
    with page.using(ink=_GREY):
        page.text((left, page.image.height - 110), f"Diunduh {exported.strftime('%d/%m/%Y')} "
                  f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}", points=7)
        page.text((right, page.image.height - 110), "1/1", points=7, anchor="ra")
    return page.rendered(_truth(family))


def _phone_bars(page: FormPage, rng: random.Random, *, left: int, right: int, top: int) -> int:
    page.text((left, top), f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}", points=9, bold=True)
    page.text((right, top), f"{rng.choice(('4G', 'LTE', '5G'))}  {rng.randint(12, 99)}%", points=8, anchor="ra")
    y = top + page.pt(24)
    page.text((left, y), "<", points=14, bold=True)
    page.text((left + page.pt(22), y + page.pt(1)), "Kartu Keluarga", points=12, bold=True)
    page.line((left - 40, y + page.pt(22), right + 40, y + page.pt(22)), width=2)
    return int(y + page.pt(34))


def _pair(page: FormPage, x: float, y: float, label: str, value: str, *, points: float, width: float) -> None:
    with page.using(ink=_GREY):
        page.text((x, y), label, points=points * 0.8)
    size = points
    while size > 5 and page.text_width(value, points=size, bold=True) > width - page.pt(6):
        size -= 0.25
    page.text((x, y + page.pt(points * 0.8) * 1.3), value, points=size, bold=True)


def _title(page: FormPage, family: core.Family, rng: random.Random, *, left: int, right: int, top: int,
           accent: tuple[int, int, int]) -> float:
    height = page.pt(58)
    if rng.random() < 0.6:
        page.band((left - 20, top, right + 20, top + height), 236)
    with page.using(ink=accent):
        page.text((left, top + page.pt(8)), "KARTU KELUARGA", points=17, bold=True)
    label = rng.choice(("No. KK", "Nomor Kartu Keluarga", "NKK"))
    with page.using(ink=_GREY):
        page.text((left, top + page.pt(32)), label, points=8)
    page.text((left, top + page.pt(43)), family.no_kk, points=12, bold=True)
    return top + height


def _header(page: FormPage, family: core.Family, rng: random.Random, *, left: int, right: int, top: float,
            long_dates: bool) -> float:
    head = family.kepala_keluarga
    rt_rw = ([("RT", family.rt), ("RW", family.rw)] if rng.random() < 0.4
             else [("RT/RW", f"{family.rt}/{family.rw}")])
    issued = family.tanggal_dikeluarkan
    pairs = [("Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat), *rt_rw,
             (rng.choice(("Kelurahan/Desa", "Desa/Kelurahan")), family.desa_kelurahan),
             ("Kecamatan", family.kecamatan), ("Kabupaten/Kota", family.kabupaten_kota),
             ("Provinsi", family.provinsi), ("Kode Pos", family.kode_pos or "-"),
             (rng.choice(("Tanggal Dikeluarkan", "Tanggal Terbit")),
              (date_long(issued).upper() if long_dates else date_dmy(issued)) if issued else "-")]
    columns = rng.choice((2, 3))
    width = (right - left) / columns
    step = page.pt(30)
    for i, (label, value) in enumerate(pairs):
        x = left + (i % columns) * width
        y = top + (i // columns) * step
        _pair(page, x, y, label, value, points=9.5, width=width)
    rows = (len(pairs) + columns - 1) // columns
    bottom = top + rows * step
    page.line((left, bottom, right, bottom), width=2)
    return bottom


def _card(page: FormPage, person: core.Person, fields: list[tuple[str, str]], *, left: int, right: int, top: float,
          height: float, boxed: bool, long_dates: bool, accent: tuple[int, int, int]) -> None:
    if boxed:
        page.rect((left, top, right, top + height), width=2)
    else:
        page.line((left, top + height, right, top + height), width=1)
    pad = page.pt(6)
    points = min(8.5, height / page.pt(1) / 14)
    page.text((left + pad, top + pad), person.nama_lengkap, points=points * 1.25, bold=True)
    tag = person.status_hubungan
    tag_w = page.text_width(tag, points=points * 0.9) + page.pt(10)
    with page.using(ink=accent):
        page.rect((right - pad - tag_w, top + pad - page.pt(2), right - pad, top + pad + page.pt(points * 1.3)), width=2)
        page.text((right - pad - tag_w / 2, top + pad + page.pt(points * 0.55)), tag, points=points * 0.9,
                  anchor="mm")
    col_w = (right - left - 2 * pad) / 4
    row_step = (height - pad - page.pt(points * 2.2)) / 4
    first = top + pad + page.pt(points * 2.1)
    for i, (label, key) in enumerate(fields):
        x = left + pad + (i % 4) * col_w
        y = first + (i // 4) * row_step
        _pair(page, x, y, label, _value(person, key, long_dates), points=points, width=col_w)


def _value(person: core.Person, key: str, long_dates: bool) -> str:
    value = getattr(person, key)
    if not value:
        return "-"
    if key in ("tanggal_lahir", "tanggal_perkawinan"):
        return date_long(value).upper() if long_dates else date_dmy(value)
    return str(value)
