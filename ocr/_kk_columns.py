"""A KK's member tables as printed: the column headers and the fields under them, and what finds the
tables from their text (`MEMBER_TABLES`, for `_tables.text_tables`).

    COLUMNS             printed column header -> (member field, normalizer)
    header_field(text)  the field a column holds, from its printed header
    MEMBER_TABLES       header words, group labels, row anchors (NIK, row number), the column-number row
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Sequence

import core

from . import _normalize as norm
from ._layout import Line, compact_key
from ._tables import Column, TableSpec

Normalizer = Callable[[str | None], "str | norm.Graded | None"]


def _vocab(kind: str) -> Normalizer:
    return lambda text: norm.vocabulary_graded(kind, text)


def _nik(text: str | None) -> norm.Graded:
    return norm.identity_number(text, core.nik_problems)


# Column header as printed -> (field, normalizer).
COLUMNS: dict[str, tuple[str, Normalizer]] = {
    "NAMA LENGKAP": ("nama_lengkap", norm.name),
    "NIK": ("nik", _nik),
    "JENIS KELAMIN": ("jenis_kelamin", _vocab("jenis_kelamin")),
    "TEMPAT LAHIR": ("tempat_lahir", norm.name),
    "TANGGAL LAHIR": ("tanggal_lahir", norm.date_graded),
    "AGAMA": ("agama", _vocab("agama")),
    "PENDIDIKAN": ("pendidikan", _vocab("pendidikan")),
    "JENIS PEKERJAAN": ("jenis_pekerjaan", _vocab("jenis_pekerjaan")),
    "GOLONGAN DARAH": ("golongan_darah", _vocab("golongan_darah")),
    "STATUS PERKAWINAN": ("status_perkawinan", _vocab("status_perkawinan")),
    "TANGGAL PERKAWINAN": ("tanggal_perkawinan", norm.date_graded),
    "STATUS HUBUNGAN DALAM KELUARGA": ("status_hubungan", _vocab("status_hubungan")),
    "KEWARGANEGARAAN": ("kewarganegaraan", _vocab("kewarganegaraan")),
    "NO. PASPOR": ("no_paspor", norm.code),
    "NO. KITAP": ("no_kitap", norm.code),
    "NAMA AYAH": ("nama_ayah", norm.name),
    "NAMA IBU": ("nama_ibu", norm.name),
    "AYAH": ("nama_ayah", norm.name),  # under a NAMA ORANG TUA group header
    "IBU": ("nama_ibu", norm.name),
}
NUMBER_ROW = re.compile(r"^\(.{1,2}\)?$|^\d{1,2}\)$")
"""A cell of the column-number row printed under a header: `(1)`, `(10`, `3)`."""


@functools.lru_cache(maxsize=1024)  # the same headers come back page after page
def header_field(header_text: str) -> tuple[str, Normalizer] | None:
    """The field a column holds, from its printed header (`No` and unknown headers: None).

    The whole header is matched first; failing that, its best run of words,
    since a grouped column carries its group's label too (`DOKUMEN` /
    `IMIGRASI`, `NAMA` / `ORANG TUA`) above its own (`No. Paspor`, `Ayah`).
    A run must read much closer than the whole header: `NAMA` alone is not
    `NAMA IBU`.
    """
    words = header_text.upper().split()
    key = " ".join(words)
    if not key or key in ("NO", "NO."):
        return None
    match = difflib.get_close_matches(key, list(COLUMNS), n=1, cutoff=0.6)
    if match and set(words) < set(match[0].split()):
        return None  # only part of a header (`NAMA`, `TANGGAL`): which column is anyone's guess
    if match:
        return COLUMNS[match[0]]
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    scored = [(difflib.SequenceMatcher(None, run, name).ratio(), name) for run in runs for name in COLUMNS]
    best = max(scored, default=(0.0, ""))
    return COLUMNS[best[1]] if best[0] >= 0.8 else None


_HEADER_WORDS = frozenset(compact_key(word) for header in (*COLUMNS, "DOKUMEN IMIGRASI", "NAMA ORANG TUA")
                          for word in header.split())


@functools.lru_cache(maxsize=4096)
def _header_word(text: str) -> bool:
    """A word of a member table's column headers (`Kelamin`, `No.`), small slips allowed in long ones."""
    key = compact_key(text)
    if len(key) < 4:
        return key in _HEADER_WORDS
    return any(difflib.SequenceMatcher(None, key, word).ratio() >= 0.8 for word in _HEADER_WORDS if len(word) >= 4)


_GROUP_LABELS = ("DOKUMENIMIGRASI", "NAMAORANGTUA")
_GROUP_WORDS = frozenset({"DOKUMEN", "IMIGRASI", "ORANG", "TUA"})


def _group_label(text: str) -> bool:
    """A label printed over several columns of table 2 (`DOKUMEN IMIGRASI`, `NAMA ORANG TUA`), or part of one."""
    key = compact_key(text)
    if any(difflib.SequenceMatcher(None, key, label).ratio() >= 0.8 for label in _GROUP_LABELS):
        return True
    words = [compact_key(w) for w in text.split()]
    return bool(words) and all(w in _GROUP_WORDS or w == "NAMA" for w in words) and any(w != "NAMA" for w in words)


_ROW_NUMBER = re.compile(r"^\d{1,2}[.,]?$")
_NIK_DIGITS = (15, 17)
"""Digits a word needs to be taken for a NIK when finding rows (one digit lost or gained by OCR allowed)."""


def _anchor(line: Line, columns: Sequence[Column]) -> bool:
    """A member row prints one NIK and one row number: a line holding either anchors a row."""
    for word in line.words:
        digits = sum(c.isdigit() for c in word.text)
        if _NIK_DIGITS[0] <= digits <= _NIK_DIGITS[1] and digits >= 0.8 * len(word.text):
            return True
    first = line.words[0]
    headed = [c.x0 for c in columns if compact_key(c.text) != "NO"]
    return bool(_ROW_NUMBER.match(first.text)) and bool(headed) and first.x1 <= min(headed)


def _number_row(line: Line) -> bool:
    """The printed column numbers `(1) (2) (3) ...` under a header (some misread: `TN)`, `(D4)`)."""
    def numbered(text: str) -> bool:
        return bool(NUMBER_ROW.match(text)) or (len(text) <= 4 and any(c in "()" for c in text))

    return len(line.words) >= 3 and 2 * sum(numbered(w.text) for w in line.words) >= len(line.words)


@functools.lru_cache(maxsize=4096)
def _header(text: str) -> bool:
    """A whole column header as printed (`Nama Ibu`, `Tempat Lanir`), or the row number's `No`; not a
    piece of one (`Nama`, `Paspor`), nor a piece run into its neighbour's (`No Nama`)."""
    key = " ".join(text.upper().split())
    return compact_key(key) == "NO" or any(difflib.SequenceMatcher(None, key, name).ratio() >= _WHOLE_HEADER
                                           for name in COLUMNS)


_WHOLE_HEADER = 0.8
"""How closely (difflib ratio) a phrase must read like a header's full text to be that header."""


MEMBER_TABLES = TableSpec(header_word=_header_word, header=_header, group_label=_group_label, anchor=_anchor,
                          number_row=_number_row)
