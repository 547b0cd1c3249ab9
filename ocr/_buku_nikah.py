"""Kutipan Akta Nikah: number, date and KUA by label; SUAMI, ISTRI and WALI blocks between their headings."""

from __future__ import annotations

import difflib

import core

from . import _normalize as norm
from ._fields import all_fields, constant, corroborate, field_value
from ._layout import Line, compact_key, labelled, lines
from ._model import Page

_PARTY_LABELS = {
    "nama_lengkap": ("Nama", norm.name),
    "nik": ("NIK", lambda t: norm.identity_number(t, core.nik_problems)),
    "kewarganegaraan": ("Kewarganegaraan", lambda t: norm.vocabulary_graded("kewarganegaraan", t)),
    "agama": ("Agama", lambda t: norm.vocabulary_graded("agama", t)),
    "pekerjaan": ("Pekerjaan", lambda t: norm.vocabulary_graded("jenis_pekerjaan", t)),
    "alamat": ("Alamat", norm.text_upper),
}
_RIVALS = (*(label for label, _ in _PARTY_LABELS.values()), "Tempat dan Tanggal Lahir", "Nomor",
           "Tanggal Nikah", "Dicatat di")
_HEADINGS = (("suami", "SUAMI"), ("istri", "ISTRI"), ("wali", "WALINIKAH"))


def extract_buku_nikah(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[()]]:
    all_lines = [ln for page in pages for ln in lines(page)]
    bands = _sections(all_lines)
    first_section = min((top for top, _ in bands.values()), default=None)
    found = {
        "nomor_akta": field_value(labelled(all_lines, "Nomor", before_y=first_section), _nomor_akta),
        "tanggal_nikah": field_value(labelled(all_lines, "Tanggal Nikah"), norm.date_graded),
        "kua": field_value(labelled(all_lines, "Dicatat di"), norm.name),
    }
    for role in ("suami", "istri"):
        if role not in bands:
            continue
        after_y, before_y = bands[role]
        for name, (label, normalize) in _PARTY_LABELS.items():
            found[f"{role}.{name}"] = field_value(
                labelled(all_lines, label, after_y=after_y, before_y=before_y, rivals=_RIVALS), normalize)
        born = labelled(all_lines, "Tempat dan Tanggal Lahir", after_y=after_y, before_y=before_y, rivals=_RIVALS)
        if born is not None:
            place, _ = norm.place_and_date(born.text)
            found[f"{role}.tempat_lahir"] = field_value(born, constant(place))
            found[f"{role}.tanggal_lahir"] = field_value(born, norm.date_graded)
        _check_nik(found, role)
    if "wali" in bands:
        found["wali.nama_lengkap"] = field_value(labelled(all_lines, "Nama", after_y=bands["wali"][0]), norm.name)
    return all_fields(core.BUKU_NIKAH_FIELDS, found), ()


def _check_nik(found: dict[str, core.FieldValue], role: str) -> None:
    """The NIK's date digits against the printed birth date of the same party."""
    nik, born = found.get(f"{role}.nik"), found.get(f"{role}.tanggal_lahir")
    if nik is None or born is None or nik.value is None or born.value is None:
        return
    agree = not core.nik_problems(nik.value, tanggal_lahir=born.value)
    corroborate(found, (f"{role}.tanggal_lahir",) if agree else (f"{role}.nik", f"{role}.tanggal_lahir"), agree=agree)


def _sections(all_lines: list[Line]) -> dict[str, tuple[float, float | None]]:
    """Role -> (y of its heading, y of the next heading or None): the band its labels are in."""
    tops = []
    for role, heading in _HEADINGS:
        line = next((ln for ln in all_lines if compact_key(ln.text) == heading), None) or next(
            (ln for ln in all_lines if _heading_like(compact_key(ln.text), heading)), None)
        if line is not None:
            tops.append((line.y, role))
    tops.sort()
    return {role: (y, tops[i + 1][0] if i + 1 < len(tops) else None) for i, (y, role) in enumerate(tops)}


def _heading_like(text: str, heading: str) -> bool:
    """A heading on its own line with an OCR slip or two (`ISTR!`, `|STRI`, `SUAMl`)."""
    if not text or abs(len(text) - len(heading)) > 2:
        return False
    return difflib.SequenceMatcher(None, text.translate(_AS_LETTERS), heading).ratio() >= 0.8


_AS_LETTERS = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "0": "O", "5": "S"})
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_AS_ROMAN = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "Y": "V"})


def _nomor_akta(text: str | None) -> str | None:
    """16 digits since October 2022, else `serial/code/ROMAN-MONTH/year` (`1X` read for `IX` is mended)."""
    value = norm.code(text)
    if value is None:
        return None
    digits = norm.digits(value, length=16)
    if digits:
        return digits
    parts = value.split("/")
    if len(parts) == 4 and parts[2].translate(_AS_ROMAN) in _ROMAN:
        parts[2] = parts[2].translate(_AS_ROMAN)
    return "/".join(parts)
