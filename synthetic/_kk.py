"""A clean Kartu Keluarga: the post-2020 layout (QR code, electronic signature) or the older one
(wet signatures of the head of family and the Kepala Dinas, the office stamp over the latter)."""

from __future__ import annotations

import random
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy
from ._marks import signature, stamp

# (printed header, field, relative width). The first column is the row number.
TABLE_1 = (
    ("No", None, 90), ("Nama Lengkap", "nama_lengkap", 540), ("NIK", "nik", 390),
    ("Jenis Kelamin", "jenis_kelamin", 290), ("Tempat Lahir", "tempat_lahir", 320),
    ("Tanggal Lahir", "tanggal_lahir", 260), ("Agama", "agama", 230), ("Pendidikan", "pendidikan", 440),
    ("Jenis Pekerjaan", "jenis_pekerjaan", 470), ("Golongan Darah", "golongan_darah", 238),
)
TABLE_2 = (
    ("No", None, 90), ("Status Perkawinan", "status_perkawinan", 380),
    ("Tanggal Perkawinan", "tanggal_perkawinan", 300), ("Status Hubungan Dalam Keluarga", "status_hubungan", 420),
    ("Kewarganegaraan", "kewarganegaraan", 340), ("No. Paspor", "no_paspor", 230), ("No. KITAP", "no_kitap", 230),
    ("Nama Ayah", "nama_ayah", 639), ("Nama Ibu", "nama_ibu", 639),
)
# Group headers printed over neighbouring columns of table 2: (label, first column, last column + 1).
TABLE_2_GROUPS = (("DOKUMEN IMIGRASI", 5, 7), ("NAMA ORANG TUA", 7, 9))
# Under NAMA ORANG TUA some printings repeat `Nama`, others say only `Ayah` / `Ibu`.
_SHORT_PARENT_HEADERS = {"nama_ayah": "Ayah", "nama_ibu": "Ibu"}
_DATE_FIELDS = {"tanggal_lahir", "tanggal_perkawinan"}
_OFFICIALS = ("Drs. H. ABDUL RAHIM, M.Si", "MUHAMMAD NASIR, S.Sos., M.M.", "Ir. WA ODE NURLIA, M.Si",
              "ANDI SYAMSUL ALAM, S.H.")
MIN_ROWS = 5
KK_LAYOUTS = ("current", "old")


def render_kk(family: core.Family, *, seed: int, layout: str = "current", varied: bool = False) -> Rendered:
    """A clean scan-like PNG of `family`'s Kartu Keluarga and its ground truth.

    `layout` is `current` (QR code, electronic signature) or `old` (wet signatures,
    stamp, no QR code); `varied` draws with `Style.varied` (more fonts, sizes,
    spacing, inks, offsets) instead of the plain look.
    """
    if layout not in KK_LAYOUTS:
        raise ValueError(f"no KK layout {layout!r}: use one of {KK_LAYOUTS}")
    rng = random.Random(f"kk-{seed}")
    page = Page(A4_LANDSCAPE, Style.varied(seed) if varied else Style.from_seed(seed))
    left = 120 + rng.randint(-15, 15)
    right = page.width - 120 + rng.randint(-15, 15)
    top = 110 + rng.randint(-15, 15)

    page.text((page.width / 2, top), "KARTU KELUARGA", points=20, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(30)), f"No. {family.no_kk}", points=14, bold=True, anchor="mt")
    y = _header(page, family, left=left, right=right, top=top + page.pt(62))
    y = _table(page, TABLE_1, family, left=left, right=right, top=y + 40)
    table_2: tuple[tuple[str, str | None, int], ...] = TABLE_2
    if rng.random() < 0.5:
        table_2 = tuple((_SHORT_PARENT_HEADERS.get(name or "", label), name, w) for label, name, w in TABLE_2)
    y = _table(page, table_2, family, left=left, right=right, top=y + 50, groups=TABLE_2_GROUPS)
    if layout == "current":
        _footer(page, family, rng, left=left, right=right, top=y + 60)
    else:
        _footer_old(page, family, rng, left=left, right=right, top=y + 50)
    return page.rendered(_truth(family))


def _header(page: Page, family: core.Family, *, left: int, right: int, top: int) -> int:
    head = family.kepala_keluarga
    rows_left = (
        ("Nama Kepala Keluarga", head.nama_lengkap if head else "-"), ("Alamat", family.alamat),
        ("RT/RW", f"{family.rt}/{family.rw}"), ("Desa/Kelurahan", family.desa_kelurahan),
    )
    rows_right = (
        ("Kecamatan", family.kecamatan), ("Kabupaten/Kota", family.kabupaten_kota),
        ("Kode Pos", family.kode_pos or "-"), ("Provinsi", family.provinsi),
    )
    step = round(page.pt(10) * page.style.spacing)
    middle = left + (right - left) * 0.58
    for column_x, rows in ((left + 30, rows_left), (middle, rows_right)):
        colon_x = column_x + page.pt(10) * 13.5
        for i, (label, value) in enumerate(rows):
            yy = top + i * step
            page.text((column_x, yy), label, points=10)
            page.text((colon_x, yy), ":", points=10)
            page.text((colon_x + page.pt(10) * 0.9, yy), value, points=10)
    return top + len(rows_left) * step


def _table(page: Page, columns: tuple, family: core.Family, *, left: int, right: int, top: int,
           groups: tuple[tuple[str, int, int], ...] = ()) -> int:
    """A ruled member table; `groups` print a label over several columns, whose own headers move below it."""
    total = sum(w for _, _, w in columns)
    xs = [left]
    for _, _, w in columns:
        xs.append(xs[-1] + round(w * (right - left) / total))
    xs[-1] = right
    header_h, number_h, row_h = page.pt(26 if not groups else 30), page.pt(11), page.pt(14)
    rows = max(MIN_ROWS, len(family.anggota))
    bottom = top + header_h + number_h + rows * row_h
    ys = [top, top + header_h, top + header_h + number_h]
    ys += [ys[-1] + (i + 1) * row_h for i in range(rows)]
    split = round(top + header_h * 0.45)
    inner = {i for _, first, end in groups for i in range(first + 1, end)}
    for i, x in enumerate(xs):
        page.line((x, split if i in inner else top, x, bottom))
    for yy in ys:
        page.line((left, yy, right, yy))

    grouped: dict[int, int] = {}
    for label, first, end in groups:
        page.line((xs[first], split, xs[end], split))
        _wrapped(page, (xs[first], top, xs[end], split), label, points=8.5)
        grouped.update({i: split for i in range(first, end)})
    for i, (label, _, _) in enumerate(columns):
        _wrapped(page, (xs[i], grouped.get(i, top), xs[i + 1], top + header_h), label, points=8.5)
        page.text_in_box((xs[i], ys[1], xs[i + 1], ys[2]), f"({i + 1})", points=7, align="center")
    for r, person in enumerate(family.anggota):
        cell_top = ys[2] + r * row_h
        for i, (_, name, _) in enumerate(columns):
            text = str(r + 1) if name is None else _cell(person, name)
            page.text_in_box((xs[i], cell_top, xs[i + 1], cell_top + row_h), text, points=8.5,
                             align="center" if name is None else "left")
    return bottom


def _wrapped(page: Page, box: tuple[int, int, int, int], text: str, *, points: float) -> None:
    """A column header, bold and centred, on as many lines as its width needs."""
    x0, y0, x1, y1 = box
    while points > 5 and max(page.text_width(w, points=points, bold=True) for w in text.split()) > (x1 - x0) - 16:
        points -= 0.5
    lines: list[str] = []
    for word in text.split():
        if lines and page.text_width(f"{lines[-1]} {word}", points=points, bold=True) < (x1 - x0) - 20:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    step = page.pt(points) * 1.2
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=True, anchor="mm")


def _cell(person: core.Person, name: str) -> str:
    value = getattr(person, name)
    if name in _DATE_FIELDS:
        return date_dmy(value)
    return value if value else "-"


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    page.text((left + 30, top), f"Dikeluarkan Tanggal : {date_dmy(family.tanggal_dikeluarkan)}", points=10)
    sign_x = right - page.pt(10) * 26
    lines = ("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")
    for i, line in enumerate(lines):
        page.text((sign_x, top + i * page.pt(14)), line, points=9.5, anchor="mt")
    official = rng.choice(_OFFICIALS)
    page.text((sign_x, top + page.pt(86)), official, points=10, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(100)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    qr_size = page.pt(62)
    page.qr((right - qr_size - 10, top), f"KK {family.no_kk} {family.tanggal_dikeluarkan}", size=qr_size)
    page.text((left + 30, top + page.pt(80)), "Dokumen ini telah ditandatangani secara elektronik", points=7.5)


def _footer_old(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    """Before 2020: both signatures in ink, the office stamp half over the Kepala Dinas's name."""
    page.text((left + 30, top), f"Dikeluarkan Tanggal : {date_dmy(family.tanggal_dikeluarkan)}", points=10)
    head_x = left + page.pt(10) * 22
    page.text((head_x, top + page.pt(22)), "KEPALA KELUARGA", points=9.5, anchor="mt")
    page.paste(signature(rng, width=420, height=170), (int(head_x - 200), int(top + page.pt(34))))
    head = family.kepala_keluarga
    page.text((head_x, top + page.pt(86)), head.nama_lengkap if head else "-", points=10, bold=True, anchor="mt")
    sign_x = right - page.pt(10) * 26
    lines = ("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")
    for i, line in enumerate(lines):
        page.text((sign_x, top + i * page.pt(14)), line, points=9.5, anchor="mt")
    page.paste(signature(rng), (int(sign_x - 180), int(top + page.pt(34))))
    official = rng.choice(_OFFICIALS)
    page.text((sign_x, top + page.pt(86)), official, points=10, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(100)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    seal = stamp(rng, ring=f"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {family.kabupaten_kota}",
                 centre=f"KABUPATEN\n{family.kabupaten_kota}", family=page.style.family, diameter=page.pt(70))
    page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.8, 1.0)), int(top + page.pt(rng.uniform(16, 34)))))


def _nip(rng: random.Random) -> str:
    """An 18-digit NIP: birth date, appointment month, sex, serial."""
    year = rng.randint(1965, 1980)
    born = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"{year + rng.randint(23, 30)}{rng.randint(1, 12):02d}"
    return f"{born}{appointed}{rng.randint(1, 2)}{rng.randint(1, 20):03d}"


def _truth(family: core.Family) -> dict[str, Any]:
    head = family.kepala_keluarga
    fields = {name: getattr(family, name, None) for name in core.KK_HEADER_FIELDS if name != "nama_kepala_keluarga"}
    fields["nama_kepala_keluarga"] = head.nama_lengkap if head else None
    return {
        "document_type": str(core.DocumentType.KK),
        "fields": {name: fields[name] for name in core.KK_HEADER_FIELDS},
        "anggota": [{name: getattr(p, name) for name in core.KK_MEMBER_FIELDS} for p in family.anggota],
    }
