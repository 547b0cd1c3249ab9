"""A KK member table whose columns no longer pair up is not sure (issue #14, items 3 and 4): the policy's
`pairing` signal, through its public face `ocr.confidence.understood`, on readings built as values."""

from __future__ import annotations

import dataclasses

import core
from ocr.confidence import DISPUTED, SURE, understood

MEMBERS = [  # nama, NIK, sex, birth date, relation, father
    ("LA ODE HAMZAH", "7472011409632944", "LAKI-LAKI", "1963-09-14", "KEPALA KELUARGA", "LA ODE HAMZAH"),
    ("WA ODE NURLINA", "7472015907641454", "PEREMPUAN", "1964-07-19", "ISTRI", "LA RIDWAN"),
    ("LA ODE HASRUDDIN", "7472010105971915", "LAKI-LAKI", "1997-05-01", "ANAK", "LA ODE HAMZAH"),
    ("WA ODE RIDWANA", "7472016105013641", "PEREMPUAN", "2001-05-21", "ANAK", "LA ODE HAMZAH"),
]
FIELDS = ("nama_lengkap", "nik", "jenis_kelamin", "tanggal_lahir", "status_hubungan", "nama_ayah")


def _rows(members=MEMBERS) -> list[dict[str, core.FieldValue]]:
    return [{f: core.FieldValue(v, 0.95) for f, v in zip(FIELDS, m, strict=True)} for m in members]


def _header(head: str = "LA ODE HAMZAH") -> dict[str, core.FieldValue]:
    return {"no_kk": core.FieldValue("7472012301150001", 0.95), "nama_kepala_keluarga": core.FieldValue(head, 0.95)}


def _column(rows: list[dict[str, core.FieldValue]], field: str, shift: int) -> list[dict[str, core.FieldValue]]:
    """The rows with one column moved `shift` rows up (its first values lost, its last cells empty)."""
    values = [row[field] for row in rows][shift:] + [core.FieldValue(None)] * shift
    return [dict(row, **{field: value}) for row, value in zip(rows, values, strict=True)]


def _pairing(fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]]) -> set[str]:
    out_fields, out_rows, doubts = understood("kk", fields, rows)
    assert all(v.confidence <= DISPUTED for row in out_rows if any(d.signal == "pairing" for d in doubts)
               for v in row.values())
    assert out_fields["nama_kepala_keluarga"].confidence >= SURE  # the header is no member row
    return {d.key for d in doubts if d.signal == "pairing"}


def test_a_nik_column_shifted_by_a_row_beside_its_neighbours_birth_dates_is_not_sure():
    # From the third row on, the NIK column lost a row: the first two rows still pair up.
    rows = _rows()
    assert len(_pairing(_header(), rows[:2] + _column(rows[2:], "nik", 1))) == 6 * 4 - 1


def test_a_relation_column_shifted_by_a_row_makes_a_child_older_than_a_parent_and_is_not_sure():
    assert _pairing(_header(), _column(_rows(), "status_hubungan", 1))


def test_the_head_of_family_named_beside_another_relation_is_not_sure():
    rows = _rows()  # the relations of the first two rows crossed: the head the header names reads ISTRI
    rows[0]["status_hubungan"], rows[1]["status_hubungan"] = rows[1]["status_hubungan"], rows[0]["status_hubungan"]
    assert _pairing(_header(), rows)


def test_an_intact_table_a_son_named_as_his_father_and_a_misread_nik_digit_stay_sure():
    rows = _rows()
    rows[3]["nik"] = dataclasses.replace(rows[3]["nik"], value="7472016105023641")  # a year digit misread
    assert _pairing(_header(), rows) == set()
    _, out, _ = understood("kk", _header(), rows)
    assert all(row["nama_lengkap"].confidence >= SURE for row in out)


def test_a_childs_birth_year_misread_and_already_doubted_is_no_torn_table():
    rows = _rows()
    rows[2]["tanggal_lahir"] = core.FieldValue("1907-05-01", 0.6)  # `1997` misread, contradicted by its NIK
    assert _pairing(_header(), rows) == set()
