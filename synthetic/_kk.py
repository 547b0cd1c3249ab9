"""A clean Kartu Keluarga: the post-2020 layout (QR code, electronic signature) or the older one
(wet signatures of the head of family and the Kepala Dinas, the office stamp over the latter)."""

from __future__ import annotations

import random
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, DPI, Page, Rendered, Style, date_dmy
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
_NAME_FIELDS = {"nama_lengkap", "nama_ayah", "nama_ibu"}
_OFFICIALS = ("Drs. H. ABDUL RAHIM, M.Si", "MUHAMMAD NASIR, S.Sos., M.M.", "Ir. WA ODE NURLIA, M.Si",
              "ANDI SYAMSUL ALAM, S.H.")
MIN_ROWS = 5
KK_LAYOUTS = ("current", "old", "2010s", "2000s", "blanko", "2024", "dua-baris", "legalisir", "susun", "salinan")


def render_kk(family: core.Family, *, seed: int, layout: str = "current", varied: bool = False,
              heldout: bool = False) -> Rendered:
    """A clean scan-like PNG of `family`'s Kartu Keluarga and its ground truth.

    `layout` is `current` (QR code, electronic signature), `old` (wet signatures,
    stamp, no QR code), `2010s` (`_kk_2010s`: another printing's wording and table split), `2000s`
    (`_kk_2000s`: an early SIAK print of a kabupaten, merged birth cell, no tanggal perkawinan column)
    `blanko` (`_kk_blanko`: a pre-printed coloured form with typed, misregistered values) or `2024`
    (`_kk_2024`: a recent portrait print in a condensed sans, shaded rows, boxed header) or `dua-baris`
    (`_kk_dua_baris`: a folio print with each member on two stacked lines of one wide table) or `legalisir`
    (`_kk_legalisir`: a legalised photocopy of an older print, turned, cut on one side, punched, folded);
    `varied` draws with `Style.varied` (more fonts, sizes,
    spacing, inks, offsets) instead of the plain look; `heldout` with `Style.heldout`
    (other fonts and page geometry).
    """
    if layout in ("u11a", "u11b"):  # held out, session 11 (`_unseen_u11a`, `_unseen_u11b`)
        from ._unseen_u11a import render_u11a
        from ._unseen_u11b import render_u11b

        return (render_u11a if layout == "u11a" else render_u11b)(family, seed=seed, varied=varied, heldout=heldout)
    if layout in ("u12a", "u12b"):  # held out, session 12 (`_unseen_u12a`, `_unseen_u12b`)
        if layout == "u12a":
            from ._unseen_u12a import render_u12a

            return render_u12a(family, seed=seed, varied=varied, heldout=heldout)
        from ._unseen_u12b import render_u12b

        return render_u12b(family, seed=seed, varied=varied, heldout=heldout)
    if layout in ("u13a", "u13b"):  # held out, session 13 (`_unseen_u13a`, `_unseen_u13b`)
        from ._unseen_u13a import render_u13a
        from ._unseen_u13b import render_u13b

        return (render_u13a if layout == "u13a" else render_u13b)(family, seed=seed, varied=varied, heldout=heldout)
    if layout in ("u14a", "u14b"):  # held out, session 14 (`_unseen_u14a`, `_unseen_u14b`)
        if layout == "u14a":
            from ._unseen_u14a import render_u14a

            return render_u14a(family, seed=seed, varied=varied, heldout=heldout)
        from ._unseen_u14b import render_u14b

        return render_u14b(family, seed=seed, varied=varied, heldout=heldout)
    if layout in ("u15a", "u15b"):  # held out, session 15 (`_unseen_u15a`, `_unseen_u15b`)
        if layout == "u15a":
            from ._unseen_u15a import render_u15a

            return render_u15a(family, seed=seed, varied=varied, heldout=heldout)
        from ._unseen_u15b import render_u15b

        return render_u15b(family, seed=seed, varied=varied, heldout=heldout)
    if layout in ("u16a", "u16b"):  # held out, session 16 (`_unseen_u16a`, `_unseen_u16b`)
        if layout == "u16a":
            from ._unseen_u16a import render_u16a

            return render_u16a(family, seed=seed, varied=varied, heldout=heldout)
        from ._unseen_u16b import render_u16b

        return render_u16b(family, seed=seed, varied=varied, heldout=heldout)
    if layout not in KK_LAYOUTS:
        raise ValueError(f"no KK layout {layout!r}: use one of {KK_LAYOUTS}")
    if layout in ("blanko", "2024"):  # the families drawn blind have their own pages and random streams
        from ._kk_2024 import render_kk_2024
        from ._kk_blanko import render_kk_blanko

        render = render_kk_blanko if layout == "blanko" else render_kk_2024
        return render(family, seed=seed, varied=varied, heldout=heldout)
    if layout == "dua-baris":  # drawn blind in round 9
        from ._kk_dua_baris import render_kk_dua_baris

        return render_kk_dua_baris(family, seed=seed, varied=varied, heldout=heldout)
    if layout == "legalisir":
        from ._kk_legalisir import render_kk_legalisir

        return render_kk_legalisir(family, seed=seed, varied=varied, heldout=heldout)
    if layout == "salinan":  # `_kk_salinan`: a legalised photocopy of a development print
        from ._kk_salinan import render_kk_salinan

        return render_kk_salinan(family, seed=seed, varied=varied, heldout=heldout)
    rng = random.Random(f"kk-{seed}")
    page = Page(A4_LANDSCAPE, Style.pick(seed, varied=varied, heldout=heldout))
    if layout == "2010s":
        from ._kk_2010s import draw_kk_2010s

        draw_kk_2010s(page, family, rng)
        return page.rendered(_truth(family))
    if layout == "2000s":
        from . import _kk_2000s

        _kk_2000s.draw_kk_2000s(page, family, rng)
        return page.rendered(_kk_2000s.truth(family))
    if layout == "susun":  # `_kk_susun`: each member row two stacked lines
        from . import _kk_susun

        _kk_susun.draw_kk_susun(page, family, rng)
        return page.rendered(_kk_susun.truth(family))
    g = page.style.geometry
    left = g.kk_margins[0] + rng.randint(-15, 15)
    right = page.width - g.kk_margins[1] + rng.randint(-15, 15)
    top = g.kk_margins[2] + rng.randint(-15, 15)

    page.text((page.width / 2, top), "KARTU KELUARGA", points=20 * g.title, bold=True, anchor="mt")
    page.text((page.width / 2, top + page.pt(30 * g.title)), f"No. {family.no_kk}", points=14 * g.title,
              bold=True, anchor="mt")
    y = _header(page, family, left=left, right=right, top=top + page.pt(62 * g.title))
    row_h = _row_height(page, family, top=y, footer=layout)
    y = _table(page, TABLE_1, family, left=left, right=right, top=y + g.kk_gaps[0], row_h=row_h,
               widths=g.kk_widths[:len(TABLE_1)])
    table_2: tuple[tuple[str, str | None, int], ...] = TABLE_2
    if rng.random() < 0.5:
        table_2 = tuple((_SHORT_PARENT_HEADERS.get(name or "", label), name, w) for label, name, w in TABLE_2)
    y = _table(page, table_2, family, left=left, right=right, top=y + g.kk_gaps[1], row_h=row_h,
               widths=g.kk_widths[len(TABLE_1):], groups=TABLE_2_GROUPS)
    if layout == "current":
        _footer(page, family, rng, left=left, right=right, top=y + 60)
    else:
        _footer_old(page, family, rng, left=left, right=right, top=y + 50)
    return page.rendered(_truth(family))


def _row_height(page: Page, family: core.Family, *, top: float, footer: str) -> int:
    """The member rows' height: the geometry's, or lower when `kk_fit` and the page would not hold them."""
    g = page.style.geometry
    row_h = page.pt(g.kk_row_pt)
    if not g.kk_fit:
        return row_h
    rows = max(MIN_ROWS, len(family.anggota))
    fixed = sum(g.kk_gaps) + page.pt(g.kk_head_pt[0]) + page.pt(g.kk_head_pt[1]) + 2 * page.pt(11)
    below = (60 if footer == "current" else 50) + page.pt(112)
    room = A4_LANDSCAPE[1] - 40 - max(0, page.style.shift[1]) - top - fixed - below
    return max(page.pt(g.kk_cell_pt) + 8, min(row_h, int(room // (2 * rows))))


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
    g = page.style.geometry
    step = round(page.pt(10) * page.style.spacing)
    middle = left + (right - left) * g.kk_middle
    value_gap = page.pt(10) * 0.9 * g.value_em
    column_x: float = left + max(30 + g.indent, 15)
    if g.kk_fit:
        middle = _fit_middle(page, (rows_left, rows_right), first=column_x, middle=middle, right=right,
                             value_gap=value_gap)
    for rows in (rows_left, rows_right):
        colon_x = column_x + page.colon_at(tuple(label for label, _ in rows), points=10, em=13.5)
        for i, (label, value) in enumerate(rows):
            yy = top + i * step
            page.text((column_x, yy), label, points=10)
            page.text((colon_x, yy), ":", points=10)
            page.text((colon_x + value_gap, yy), value, points=10)
        column_x = middle
    return top + len(rows_left) * step


def _fit_middle(page: Page, columns: tuple[tuple[tuple[str, str], ...], ...], *, first: float, middle: float,
                right: int, value_gap: float) -> float:
    """The header's second column: clear of the first column's longest value, and its own values on the page."""
    def extent(rows: tuple[tuple[str, str], ...]) -> float:
        colon = page.colon_at(tuple(label for label, _ in rows), points=10, em=13.5)
        return colon + value_gap + max(page.text_width(value, points=10) for _, value in rows) + page.pt(10) * 2

    lowest, highest = first + extent(columns[0]), right - extent(columns[1])
    return max(lowest, min(middle, highest))


def _table(page: Page, columns: tuple, family: core.Family, *, left: int, right: int, top: int, row_h: int,
           widths: tuple[float, ...] = (), groups: tuple[tuple[str, int, int], ...] = (),
           row_rules: bool = True) -> int:
    """A ruled member table; `groups` print a label over several columns, whose own headers move below it.
    `widths` are factors on the columns' designed relative widths; without `row_rules` only the header's
    rules and the table's bottom are drawn across (member rows are separated by space alone)."""
    g = page.style.geometry
    weights = [w for _, _, w in columns]
    if widths:  # name columns never narrower than designed: a long name must still fit at 5 pt
        weights = [round(w * (max(f, 1.0) if name in _NAME_FIELDS else f))
                   for (_, name, w), f in zip(columns, widths, strict=True)]
    total = sum(weights)
    xs = [left]
    for w in weights:
        xs.append(xs[-1] + round(w * (right - left) / total))
    xs[-1] = right
    header_h, number_h = page.pt(g.kk_head_pt[1 if groups else 0]), page.pt(11)
    cell_pt = g.kk_cell_pt
    if g.kk_fit:  # text at most 70 % of a (possibly lowered) row's height
        cell_pt = min(cell_pt, 0.7 * row_h * 72 / (DPI * page.style.scale))
    rows = max(MIN_ROWS, len(family.anggota))
    bottom = top + header_h + number_h + rows * row_h
    ys = [top, top + header_h, top + header_h + number_h]
    ys += [ys[-1] + (i + 1) * row_h for i in range(rows)]
    split = round(top + header_h * 0.45)
    inner = {i for _, first, end in groups for i in range(first + 1, end)}
    for i, x in enumerate(xs):
        page.line((x, split if i in inner else top, x, bottom))
    for yy in ys if row_rules else (*ys[:3], ys[-1]):
        page.line((left, yy, right, yy))

    grouped: dict[int, int] = {}
    for label, first, end in groups:
        page.line((xs[first], split, xs[end], split))
        _wrapped(page, (xs[first], top, xs[end], split), label, points=8.5, bold=g.kk_head_bold, fit=g.kk_fit)
        grouped.update({i: split for i in range(first, end)})
    for i, (label, _, _) in enumerate(columns):
        _wrapped(page, (xs[i], grouped.get(i, top), xs[i + 1], top + header_h), label, points=8.5,
                 bold=g.kk_head_bold, fit=g.kk_fit)
        page.text_in_box((xs[i], ys[1], xs[i + 1], ys[2]), f"({i + 1})", points=7, align="center")
    for r, person in enumerate(family.anggota):
        cell_top = ys[2] + r * row_h
        for i, (_, name, _) in enumerate(columns):
            text = str(r + 1) if name is None else _cell(person, name)
            page.text_in_box((xs[i], cell_top, xs[i + 1], cell_top + row_h), text, points=cell_pt,
                             align="center" if name is None or name in g.kk_centred else "left")
    return bottom


def _wrapped(page: Page, box: tuple[int, int, int, int], text: str, *, points: float, bold: bool = True,
             fit: bool = False) -> None:
    """A column header, centred (bold unless the geometry says otherwise), on as many lines as its width
    needs; `fit` also makes it smaller until the lines fit the box's height."""
    x0, y0, x1, y1 = box
    while points > 5 and max(page.text_width(w, points=points, bold=bold) for w in text.split()) > (x1 - x0) - 16:
        points -= 0.5
    lines = _lines(page, text, width=x1 - x0, points=points, bold=bold)
    while fit and points > 5 and len(lines) * page.pt(points) * 1.2 > (y1 - y0) - 4:
        points -= 0.5
        lines = _lines(page, text, width=x1 - x0, points=points, bold=bold)
    step = page.pt(points) * 1.2
    first = (y0 + y1) / 2 - step * (len(lines) - 1) / 2
    for i, line in enumerate(lines):
        page.text(((x0 + x1) / 2, first + i * step), line, points=points, bold=bold, anchor="mm")


def _lines(page: Page, text: str, *, width: int, points: float, bold: bool) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and page.text_width(f"{lines[-1]} {word}", points=points, bold=bold) < width - 20:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _cell(person: core.Person, name: str) -> str:
    value = getattr(person, name)
    if name in _DATE_FIELDS:
        return date_dmy(value)
    return value if value else "-"


def _footer(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    g = page.style.geometry
    page.text((left + max(30 + g.indent, 15), top), f"Dikeluarkan Tanggal : {date_dmy(family.tanggal_dikeluarkan)}",
              points=10)
    sign_x = right - page.pt(10) * 26 + g.sign_dx
    lines = ("KEPALA DINAS KEPENDUDUKAN DAN", f"PENCATATAN SIPIL {family.kabupaten_kota}")
    for i, line in enumerate(lines):
        page.text((sign_x, top + i * page.pt(14)), line, points=9.5, anchor="mt")
    official = rng.choice(_OFFICIALS)
    page.text((sign_x, top + page.pt(86)), official, points=10, bold=True, anchor="mt")
    page.text((sign_x, top + page.pt(100)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    qr_size = page.pt(62)
    page.qr((right - qr_size - 10, top), f"KK {family.no_kk} {family.tanggal_dikeluarkan}", size=qr_size)
    page.text((left + max(30 + g.indent, 15), top + page.pt(80)), "Dokumen ini telah ditandatangani secara elektronik",
              points=7.5)


def _footer_old(page: Page, family: core.Family, rng: random.Random, *, left: int, right: int, top: int) -> None:
    """Before 2020: both signatures in ink, the office stamp half over the Kepala Dinas's name."""
    g = page.style.geometry
    page.text((left + max(30 + g.indent, 15), top), f"Dikeluarkan Tanggal : {date_dmy(family.tanggal_dikeluarkan)}",
              points=10)
    head_x = left + page.pt(10) * 22 + g.indent
    page.text((head_x, top + page.pt(22)), "KEPALA KELUARGA", points=9.5, anchor="mt")
    page.paste(signature(rng, width=420, height=170), (int(head_x - 200), int(top + page.pt(34))))
    head = family.kepala_keluarga
    page.text((head_x, top + page.pt(86)), head.nama_lengkap if head else "-", points=10, bold=True, anchor="mt")
    sign_x = right - page.pt(10) * 26 + g.sign_dx
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
