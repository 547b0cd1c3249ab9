"""Ijazah, school and university layouts: the person block by label, jenjang from the printed level."""

from __future__ import annotations

import re

import core

from . import _normalize as norm
from ._fields import NOT_FOUND, all_fields, constant, field_value
from ._layout import Line, Span, find_line, labelled, lines
from ._model import Page

_LABELS = {
    "nama_satuan_pendidikan": (("Nama Satuan Pendidikan",), lambda t: _school(norm.text_upper(t))),
    "npsn": (("Nomor Pokok Sekolah Nasional", "NPSN"), lambda t: norm.digits(t, length=8)),
    "nama_lengkap": (("Nama",), norm.name),
    "nama_orang_tua": (("Nama Orang Tua/Wali", "Nama Orang Tua"), norm.name),
    "nis": (("Nomor Induk Siswa", "NIS"), norm.digits),
    "nisn": (("Nomor Induk Siswa Nasional", "NISN"), lambda t: norm.digits(t, length=10)),
    "nim": (("Nomor Induk Mahasiswa", "NIM"), norm.code),
    "program_studi": (("Program Studi",), norm.text_upper),
    "gelar": (("Gelar Akademik", "Gelar"), norm.name),
    "nomor_ijazah": (("Nomor Ijazah Nasional", "Nomor Ijazah", "Nomor Seri Ijazah"), norm.code),
}
# Printed level -> jenjang key of vocab.json; checked in this order.
_LEVELS = (
    ("SEKOLAH MENENGAH KEJURUAN", "SMK"), ("SEKOLAH MENENGAH ATAS", "SMA"),
    ("SEKOLAH MENENGAH PERTAMA", "SMP"), ("SEKOLAH DASAR", "SD"),
    ("MADRASAH ALIYAH", "MA"), ("MADRASAH TSANAWIYAH", "MTS"), ("MADRASAH IBTIDAIYAH", "MI"),
)
_PROGRAMMES = (("DIPLOMA TIGA", "D3"), ("DIPLOMA EMPAT", "D4"), ("SARJANA TERAPAN", "D4"), ("SARJANA", "S1"),
               ("MAGISTER", "S2"), ("DOKTOR", "S3"))


_ALL_LABELS = (*(label for labels, _ in _LABELS.values() for label in labels),
               "Tempat dan Tanggal Lahir", "Program Pendidikan")


def extract_ijazah(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[()]]:
    all_lines = [ln for page in pages for ln in lines(page)]
    found: dict[str, core.FieldValue] = {}
    for name, (labels, normalize) in _LABELS.items():
        spans = (labelled(all_lines, label, rivals=_ALL_LABELS) for label in labels)
        found[name] = field_value(next((s for s in spans if s is not None), None), normalize)

    born = labelled(all_lines, "Tempat dan Tanggal Lahir", rivals=_ALL_LABELS)
    if born is not None:
        place, _ = norm.place_and_date(born.text)
        found["tempat_lahir"] = field_value(born, constant(place))
        found["tanggal_lahir"] = field_value(born, norm.date_graded)
    if found["nama_satuan_pendidikan"].value is None:
        found["nama_satuan_pendidikan"] = _institution(all_lines)
    found["jenjang"] = _jenjang(all_lines, found)
    found["tanggal_lulus"] = _date_of_issue(all_lines)
    return all_fields(core.IJAZAH_FIELDS, found), ()


_SCHOOL_GLUED = re.compile(r"^(SD|SMP|SMA|SMK|MI|MTS|MA|MAK)(NEGERI|SWASTA)\b")
_INSTITUTIONS = ("UNIVERSITAS", "INSTITUT", "SEKOLAH TINGGI", "POLITEKNIK", "AKADEMI")


def _school(name: str | None) -> str | None:
    """`SMANEGERI 1 KOLAKA` (a space lost by OCR) -> `SMA NEGERI 1 KOLAKA`."""
    return _SCHOOL_GLUED.sub(r"\1 \2", name) if name else None


def _institution(all_lines: list[Line]) -> core.FieldValue:
    """A university prints its name as a heading rather than a labelled value."""
    for line in all_lines:
        text = " ".join(line.text.upper().split())
        if text.startswith(_INSTITUTIONS) and ":" not in text:
            return field_value(Span(line.page, line.words), norm.text_upper)
    return NOT_FOUND


def _jenjang(all_lines: list[Line], found: dict[str, core.FieldValue]) -> core.FieldValue:
    programme = labelled(all_lines, "Program Pendidikan", rivals=_ALL_LABELS)
    if programme is not None:
        text = " ".join(programme.text.upper().split())
        for printed, key in _PROGRAMMES:
            if printed in text:
                return field_value(programme, constant(key))
    for printed, key in _LEVELS:
        line = find_line(all_lines, printed, min_ratio=0.85)
        if line is not None:
            return field_value(Span(line.page, line.words), constant(key))
    school = found.get("nama_satuan_pendidikan", NOT_FOUND)
    if school.value:
        level = norm.jenjang(school.value.split()[0])
        if level:
            return core.FieldValue(level, school.confidence, school.page, school.bbox)
    return NOT_FOUND


def _date_of_issue(all_lines: list[Line]) -> core.FieldValue:
    """`Kolaka, 4 Mei 2009` above the signature: the last unlabelled line that is a place and a date."""
    for line in reversed(all_lines):
        if ":" in line.text or "," not in line.text:
            continue
        _, day = norm.place_and_date(line.text)
        if day is not None:
            return field_value(Span(line.page, line.words), norm.date_graded)
    return NOT_FOUND
