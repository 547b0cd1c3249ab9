"""Render a Kartu Keluarga as an A4 landscape PDF, in the layout of Permendagri 109/2019 (simplified).

The output is deterministic: same inputs, same bytes (reportlab `invariant=1`, the QR code drawn
as vector modules, no clock read). Printed text is Indonesian; dates print as DD-MM-YYYY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

import core

from ._qr import draw_qr

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 28.0
CONTENT_W = PAGE_W - 2 * MARGIN

# Where `sign_pdf` puts the visible signature (x1, y1, x2, y2 in points, page 1, origin bottom left).
SIGNATURE_BOX = (540, 61, 728, 125)
_QR_SIZE = 78.0

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
_FONT_FILES = {
    "KK-Regular": ("DejaVuSansCondensed.ttf", "LiberationSans-Regular.ttf"),
    "KK-Bold": ("DejaVuSansCondensed-Bold.ttf", "LiberationSans-Bold.ttf"),
}
REGULAR, BOLD = "KK-Regular", "KK-Bold"

_HEADER_FILL = Color(0.86, 0.89, 0.94)
_RULE = Color(0.25, 0.25, 0.25)

# (header, width in points, member field or None for the row number)
_TABLE_1: tuple[tuple[str, float, str | None], ...] = (
    ("No", 20, None),
    ("Nama Lengkap", 152, "nama_lengkap"),
    ("NIK", 92, "nik"),
    ("Jenis Kelamin", 62, "jenis_kelamin"),
    ("Tempat Lahir", 84, "tempat_lahir"),
    ("Tanggal Lahir", 60, "tanggal_lahir"),
    ("Agama", 58, "agama"),
    ("Pendidikan", 100, "pendidikan"),
    ("Jenis Pekerjaan", 106, "jenis_pekerjaan"),
    ("Golongan Darah", 52, "golongan_darah"),
)
_TABLE_2: tuple[tuple[str, float, str | None], ...] = (
    ("No", 20, None),
    ("Status Perkawinan", 92, "status_perkawinan"),
    ("Tanggal Perkawinan", 66, "tanggal_perkawinan"),
    ("Status Hubungan Dalam Keluarga", 96, "status_hubungan"),
    ("Kewarganegaraan", 74, "kewarganegaraan"),
    ("No. Paspor", 70, "no_paspor"),
    ("No. KITAP", 70, "no_kitap"),
    ("Nama Ayah", 149, "nama_ayah"),
    ("Nama Ibu", 149, "nama_ibu"),
)
# Group headers over neighbouring columns of table 2: (label, first column, last column + 1). The label
# sits in the upper part of a split header cell; the columns' own headers move below the rule under it.
_TABLE_2_GROUPS = (("DOKUMEN IMIGRASI", 5, 7), ("NAMA ORANG TUA", 7, 9))
_HEADER_H = 24.0
_GROUPED_HEADER_H = 30.0
_GROUP_LABEL_H = 11.0
_DATE_FIELDS = {"tanggal_lahir", "tanggal_perkawinan"}
# The printed form has ten rows per table, blank ones included; larger families get more, smaller rows.
_FORM_ROWS = 10


def render_kk_pdf(
    family: core.Family,
    *,
    document_id: str,
    issued_on: dt.date,
    verify_url: str,
    kepala_dinas: str,
    nip: str,
) -> bytes:
    """The KK of `family` as a one-page PDF, unsigned, with room for the visible signature.

    `document_id` is printed small at the foot of the page and set as the PDF subject;
    `verify_url` is encoded in the QR code at the bottom right.
    """
    _register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1, initialFontName=REGULAR)
    c.setTitle(f"KARTU KELUARGA {family.no_kk}")
    c.setSubject(document_id)
    c.setKeywords(verify_url)  # the QR code's URL, readable without decoding the QR
    c.setAuthor("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL")
    c.setCreator("Capil")

    y = _draw_title(c, family)
    y = _draw_header(c, family, y - 14)
    members = family.anggota
    footer_top = 160.0
    n_rows = max(_FORM_ROWS, len(members))
    row_h = _row_height(n_rows, y - footer_top)
    y = _draw_table(c, _TABLE_1, members, n_rows=n_rows, top=y - 10, row_h=row_h)
    y = _draw_table(c, _TABLE_2, members, n_rows=n_rows, top=y - 10, row_h=row_h, groups=_TABLE_2_GROUPS)
    _draw_footer(
        c,
        family,
        issued_on=issued_on,
        verify_url=verify_url,
        kepala_dinas=kepala_dinas,
        nip=nip,
        document_id=document_id,
    )
    c.showPage()
    c.save()
    return buf.getvalue()


def format_date(value: str | None) -> str:
    """ISO `YYYY-MM-DD` as printed on a KK (`DD-MM-YYYY`); `-` when absent; other text as is."""
    if not value:
        return "-"
    try:
        return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
    except ValueError:
        return value


# --- drawing --------------------------------------------------------------------------------------


def _draw_title(c: Canvas, family: core.Family) -> float:
    y = PAGE_H - MARGIN - 16
    c.setFont(BOLD, 18)
    c.drawCentredString(PAGE_W / 2, y, "KARTU KELUARGA")
    y -= 17
    c.setFont(BOLD, 12)
    c.drawCentredString(PAGE_W / 2, y, f"No. {family.no_kk}")
    return y


def _draw_header(c: Canvas, family: core.Family, top: float) -> float:
    kepala = family.kepala_keluarga
    left = (
        ("Nama Kepala Keluarga", kepala.nama_lengkap if kepala else "-"),
        ("Alamat", family.alamat),
        ("RT/RW", f"{family.rt or '-'}/{family.rw or '-'}"),
        ("Desa/Kelurahan", family.desa_kelurahan),
    )
    right = (
        ("Kecamatan", family.kecamatan),
        ("Kabupaten/Kota", family.kabupaten_kota),
        ("Kode Pos", family.kode_pos or "-"),
        ("Provinsi", family.provinsi),
    )
    line_h = 12.5
    for col_x, rows in ((MARGIN, left), (MARGIN + CONTENT_W * 0.60, right)):
        y = top
        for label, value in rows:
            c.setFont(REGULAR, 8.5)
            c.drawString(col_x, y, label)
            c.drawString(col_x + 100, y, ":")
            _fit_string(c, col_x + 108, y, value or "-", BOLD, 8.5, max_w=CONTENT_W * 0.60 - 120)
            y -= line_h
    return top - line_h * 3


def _row_height(n_rows: int, space: float) -> float:
    header_h = _HEADER_H + _GROUPED_HEADER_H
    gaps = 2 * 10.0
    return max(7.0, min(13.0, (space - header_h - gaps) / max(2 * n_rows, 1)))


def _draw_table(
    c: Canvas,
    columns: Sequence[tuple[str, float, str | None]],
    members: Sequence[core.Person],
    *,
    n_rows: int,
    top: float,
    row_h: float,
    groups: Sequence[tuple[str, int, int]] = (),
) -> float:
    """A ruled member table; `groups` print a label over several columns, whose own headers move below it."""
    header_h = _GROUPED_HEADER_H if groups else _HEADER_H
    widths = [w for _, w, _ in columns]
    total_w = sum(widths)
    x0 = MARGIN + (CONTENT_W - total_w) / 2
    xs = [x0 + sum(widths[:i]) for i in range(len(columns) + 1)]
    bottom = top - header_h - row_h * n_rows
    split = top - _GROUP_LABEL_H
    inner = {i for _, first, end in groups for i in range(first + 1, end)}
    cell_top = {i: split for _, first, end in groups for i in range(first, end)}

    c.setFillColor(_HEADER_FILL)
    c.rect(x0, top - header_h, total_w, header_h, stroke=0, fill=1)
    c.setFillColor(black)
    c.setStrokeColor(_RULE)
    c.setLineWidth(0.6)
    c.rect(x0, bottom, total_w, top - bottom, stroke=1, fill=0)
    c.setLineWidth(0.4)
    for i in range(1, len(columns)):
        c.line(xs[i], split if i in inner else top, xs[i], bottom)
    for label, first, end in groups:
        c.line(xs[first], split, xs[end], split)
        _draw_header_cell(c, label, xs[first], top, xs[end] - xs[first], top - split)
    for i, (title, width, _) in enumerate(columns):
        head_top = cell_top.get(i, top)
        _draw_header_cell(c, title, xs[i], head_top, width, head_top - (top - header_h))
    c.line(x0, top - header_h, x0 + total_w, top - header_h)
    for k in range(1, n_rows):
        c.line(x0, top - header_h - k * row_h, x0 + total_w, top - header_h - k * row_h)

    font_size = min(7.5, row_h * 0.62)
    y = top - header_h
    for i, person in enumerate(members, start=1):
        baseline = y - row_h + (row_h - font_size) / 2 + font_size * 0.18
        x = x0
        for _, width, field in columns:
            text = str(i) if field is None else _cell_value(person, field)
            if field is None or width < 70:
                _fit_centred(c, x + width / 2, baseline, text, REGULAR, font_size, max_w=width - 4)
            else:
                _fit_string(c, x + 3, baseline, text, REGULAR, font_size, max_w=width - 6)
            x += width
        y -= row_h
    return bottom


def _draw_header_cell(c: Canvas, title: str, x: float, top: float, width: float, height: float) -> None:
    size = 7.0
    lines = _wrap(title, BOLD, size, width - 4)
    line_h = size + 1.5
    first = top - height / 2 + (len(lines) - 1) * line_h / 2 - size * 0.35
    c.setFont(BOLD, size)
    for k, line in enumerate(lines):
        c.drawCentredString(x + width / 2, first - k * line_h, line)


def _draw_footer(
    c: Canvas,
    family: core.Family,
    *,
    issued_on: dt.date,
    verify_url: str,
    kepala_dinas: str,
    nip: str,
    document_id: str,
) -> None:
    top = 140.0
    c.setFont(REGULAR, 8.5)
    c.drawString(MARGIN, top, "Dikeluarkan Tanggal")
    c.drawString(MARGIN + 88, top, ":")
    c.setFont(BOLD, 8.5)
    c.drawString(MARGIN + 96, top, issued_on.strftime("%d-%m-%Y"))

    kepala = family.kepala_keluarga
    mid_x = MARGIN + 300
    c.setFont(REGULAR, 8.5)
    c.drawCentredString(mid_x, top, "KEPALA KELUARGA")
    c.setFont(BOLD, 8.5)
    c.drawCentredString(mid_x, 50, kepala.nama_lengkap if kepala else "-")
    c.setLineWidth(0.5)
    c.line(mid_x - 90, 47, mid_x + 90, 47)

    sx1, _, sx2, _ = SIGNATURE_BOX
    sig_x = (sx1 + sx2) / 2
    c.setFont(REGULAR, 8.5)
    c.drawCentredString(sig_x, top, "KEPALA DINAS KEPENDUDUKAN DAN")
    c.drawCentredString(sig_x, top - 11, f"PENCATATAN SIPIL {_region(family.kabupaten_kota)}")
    c.setFont(BOLD, 8.5)
    c.drawCentredString(sig_x, 50, kepala_dinas)
    c.line(sig_x - 90, 47, sig_x + 90, 47)
    c.setFont(REGULAR, 8.5)
    c.drawCentredString(sig_x, 37, f"NIP. {nip}")

    draw_qr(c, verify_url, x=PAGE_W - MARGIN - _QR_SIZE, y=37, size=_QR_SIZE)

    c.setFont(REGULAR, 6.5)
    c.setFillColor(Color(0.3, 0.3, 0.3))
    c.drawString(
        MARGIN,
        22,
        "Dokumen ini ditandatangani secara elektronik. Pindai kode QR untuk memeriksa "
        f"keaslian dokumen.    ID Dokumen: {document_id}",
    )
    c.setFillColor(black)


# --- text helpers ---------------------------------------------------------------------------------


def _cell_value(person: core.Person, field: str) -> str:
    value = getattr(person, field)
    if field in _DATE_FIELDS:
        return format_date(value)
    return value if value else "-"


def office_title(kabupaten_kota: str) -> str:
    """The signing head of office as the stamp names him: `Kepala Dinas Kependudukan dan Pencatatan
    Sipil Kabupaten Konawe` (the region as printed above the signature, in title case)."""
    return f"Kepala Dinas Kependudukan dan Pencatatan Sipil {_region(kabupaten_kota).title()}".strip()


def _region(kabupaten_kota: str) -> str:
    name = (kabupaten_kota or "").strip().upper()
    if name.startswith(("KOTA ", "KABUPATEN ", "KAB. ")):
        return name
    return f"KABUPATEN {name}" if name else ""


def _shrunk_size(text: str, font: str, size: float, max_w: float, *, floor: float = 4.5) -> float:
    width = pdfmetrics.stringWidth(text, font, size)
    if width <= max_w:
        return size
    return max(floor, size * max_w / width)


def _fit_string(c: Canvas, x: float, y: float, text: str, font: str, size: float, *, max_w: float) -> None:
    c.setFont(font, _shrunk_size(text, font, size, max_w))
    c.drawString(x, y, text)


def _fit_centred(c: Canvas, x: float, y: float, text: str, font: str, size: float, *, max_w: float) -> None:
    c.setFont(font, _shrunk_size(text, font, size, max_w))
    c.drawCentredString(x, y, text)


def _wrap(text: str, font: str, size: float, max_w: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and pdfmetrics.stringWidth(f"{lines[-1]} {word}", font, size) <= max_w:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def font_file(name: str) -> Path:
    """The TrueType file behind `KK-Regular` / `KK-Bold` (also embedded in the signature stamp)."""
    candidates = _FONT_FILES[name]
    path = next((d / f for f in candidates for d in _FONT_DIRS if (d / f).exists()), None)
    if path is None:
        raise core.ConfigurationError(
            f"no TrueType font for the KK found (looked for {', '.join(candidates)}); "
            "install fonts-dejavu-core or fonts-liberation2"
        )
    return path


def document_fingerprint(family: core.Family, *, document_id: str, issued_on: dt.date) -> str:
    """Short hash (12 hex digits) of what the document states: printed in the QR code's URL, kept
    with the archive record, and compared by the QR verification page."""
    canonical = json.dumps(
        {"document_id": document_id, "issued_on": issued_on.isoformat(), "family": family.to_dict()},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def verification_url(base_url: str, *, document_id: str, fingerprint: str) -> str:
    """The URL in the QR code: `{base}/v/{document_id}?h={fingerprint}`."""
    return f"{base_url.rstrip('/')}/v/{quote(document_id, safe='')}?h={fingerprint}"


def prepare() -> None:
    """The KK's fonts registered with reportlab, now (`signing.prepare`)."""
    _register_fonts()


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in _FONT_FILES:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
