"""Kartu Keluarga: No. KK and header by label, member rows from the two ruled tables by column header."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import core

from . import _normalize as norm
from ._fields import NOT_FOUND, all_fields, field_value
from ._layout import Line, Span, grid_rows, labelled, lines
from ._model import Grid, Page

Normalizer = Callable[[str | None], str | None]

_HEADER_LABELS: dict[str, tuple[str, Normalizer]] = {
    "nama_kepala_keluarga": ("Nama Kepala Keluarga", norm.name),
    "alamat": ("Alamat", norm.text_upper),
    "desa_kelurahan": ("Desa/Kelurahan", norm.name),
    "kecamatan": ("Kecamatan", norm.name),
    "kabupaten_kota": ("Kabupaten/Kota", norm.name),
    "kode_pos": ("Kode Pos", lambda t: norm.digits(t, length=5)),
    "provinsi": ("Provinsi", norm.name),
}


_RIVALS = (*(label for label, _ in _HEADER_LABELS.values()), "RT/RW", "Dikeluarkan Tanggal")


def _vocab(kind: str) -> Normalizer:
    return lambda text: norm.vocabulary(kind, text)


# Column header as printed -> (field, normalizer).
_COLUMNS: dict[str, tuple[str, Normalizer]] = {
    "NAMA LENGKAP": ("nama_lengkap", norm.name),
    "NIK": ("nik", norm.nik),
    "JENIS KELAMIN": ("jenis_kelamin", _vocab("jenis_kelamin")),
    "TEMPAT LAHIR": ("tempat_lahir", norm.name),
    "TANGGAL LAHIR": ("tanggal_lahir", norm.date),
    "AGAMA": ("agama", _vocab("agama")),
    "PENDIDIKAN": ("pendidikan", _vocab("pendidikan")),
    "JENIS PEKERJAAN": ("jenis_pekerjaan", _vocab("jenis_pekerjaan")),
    "GOLONGAN DARAH": ("golongan_darah", _vocab("golongan_darah")),
    "STATUS PERKAWINAN": ("status_perkawinan", _vocab("status_perkawinan")),
    "TANGGAL PERKAWINAN": ("tanggal_perkawinan", norm.date),
    "STATUS HUBUNGAN DALAM KELUARGA": ("status_hubungan", _vocab("status_hubungan")),
    "KEWARGANEGARAAN": ("kewarganegaraan", _vocab("kewarganegaraan")),
    "NO. PASPOR": ("no_paspor", norm.code),
    "NO. KITAP": ("no_kitap", norm.code),
    "NAMA AYAH": ("nama_ayah", norm.name),
    "NAMA IBU": ("nama_ibu", norm.name),
}
_NUMBER_ROW = re.compile(r"^\(.{1,2}\)?$|^\d{1,2}\)$")


def extract_kk(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]:
    """Header fields and member rows (printed order) of a KK; the first page carries both tables."""
    page = pages[0]
    all_lines = lines(page)
    table_top = page.grids[0].ys[0] if page.grids else None
    table_bottom = page.grids[-1].ys[-1] if page.grids else None
    header = [ln for ln in all_lines if table_top is None or ln.y < table_top]
    footer = [ln for ln in all_lines if table_bottom is not None and ln.y > table_bottom]

    found = {name: field_value(labelled(header, label, rivals=_RIVALS), fn) for name, (label, fn) in _HEADER_LABELS.items()}
    found["no_kk"] = _no_kk(header)
    rt_rw = labelled(header, "RT/RW", rivals=_RIVALS)
    if rt_rw is not None:
        rt, rw = norm.rt_rw(rt_rw.text)
        found["rt"] = field_value(rt_rw, lambda _: rt)
        found["rw"] = field_value(rt_rw, lambda _: rw)
    found["tanggal_dikeluarkan"] = field_value(labelled(footer or all_lines, "Dikeluarkan Tanggal", rivals=_RIVALS), norm.date)
    return all_fields(core.KK_HEADER_FIELDS, found), _members(page)


def _no_kk(header: list[Line]) -> core.FieldValue:
    """The 16 digits after `No.` under the title; an 18-digit NIP or any other number does not qualify."""
    for line in header:
        words = line.words
        for i, word in enumerate(words):
            if re.fullmatch(r"No\.?:?", word.text, flags=re.IGNORECASE) and i + 1 < len(words):
                span = Span(line.page, (words[i + 1],))
                value = field_value(span, norm.nik)
                if value.value is not None:
                    return value
    return NOT_FOUND


def _members(page: Page) -> tuple[dict[str, core.FieldValue], ...]:
    """Table rows joined across the two tables by their position (the `No` column keeps them in step)."""
    merged: list[dict[str, core.FieldValue]] = []
    for grid in page.grids:
        rows = _table(page, grid)
        for i, row in enumerate(rows):
            if i == len(merged):
                merged.append({})
            merged[i].update(row)
    return tuple(all_fields(core.KK_MEMBER_FIELDS, row) for row in merged if any(v.value for v in row.values()))


def _table(page: Page, grid: Grid) -> list[dict[str, core.FieldValue]]:
    rows = grid_rows(page, grid)
    if not rows:
        return []
    columns = [_column(cell.text) for cell in rows[0]]
    if not any(columns):
        return []
    out = []
    for row in rows[1:]:
        texts = [cell.text.strip() for cell in row]
        filled = [t for t in texts if t]
        if not filled or sum(bool(_NUMBER_ROW.match(t)) for t in filled) * 2 >= len(filled):
            continue  # empty row, or the printed column numbers (1) (2) ... (some misread)
        values = {}
        for column, cell in zip(columns, row, strict=True):
            if column is not None:
                values[column[0]] = field_value(cell, column[1])
        out.append(values)
    return out


def _column(header_text: str) -> tuple[str, Normalizer] | None:
    """The field a column holds, from its printed header (`No` and unknown headers: None)."""
    key = " ".join(header_text.upper().split())
    if not key or key in ("NO", "NO."):
        return None
    match = difflib.get_close_matches(key, list(_COLUMNS), n=1, cutoff=0.6)
    return _COLUMNS[match[0]] if match else None
