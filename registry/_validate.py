"""Validation of a `capil.population/1` document: every problem, by JSON path, before any write."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from core import (
    FAMILY_FIELDS,
    MEMBER_FIELDS,
    canonical_values,
    date_problem,
    nik_problems,
    no_kk_problems,
    text_problem,
)

FORMAT = "capil.population/1"

_VOCAB_FIELDS = (
    "jenis_kelamin", "agama", "pendidikan", "jenis_pekerjaan", "golongan_darah",
    "status_perkawinan", "status_hubungan", "kewarganegaraan",
)
_REQUIRED_MEMBER = (
    "nik", "nama_lengkap", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
    "pendidikan", "jenis_pekerjaan", "golongan_darah", "status_perkawinan",
    "status_hubungan", "kewarganegaraan",
)
_REQUIRED_FAMILY = ("no_kk", "alamat", "rt", "rw", "desa_kelurahan", "kecamatan", "kabupaten_kota", "provinsi")
_DATE_FIELDS = ("tanggal_lahir", "tanggal_perkawinan")
_RT_RW = re.compile(r"\d{3}")
_KODE_POS = re.compile(r"\d{5}")
_MEMBER_SET = frozenset(MEMBER_FIELDS)


def _date_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "is not a date in YYYY-MM-DD"
    return date_problem(value)


def population_problems(doc: Any) -> list[str]:
    """Every problem of a population document as `path: reason`; empty when it may be imported."""
    if not isinstance(doc, dict):
        return ["$: not a JSON object"]
    problems: list[str] = []
    if doc.get("format") != FORMAT:
        problems.append(f"$.format: must be {FORMAT!r}")
    families = doc.get("keluarga")
    if not isinstance(families, list):
        return [*problems, "$.keluarga: must be a list"]

    seen_nik: dict[str, str] = {}
    seen_kk: dict[str, str] = {}
    for i, family in enumerate(families):
        fpath = f"$.keluarga[{i}]"
        if not isinstance(family, dict):
            problems.append(f"{fpath}: not an object")
            continue
        problems += [f"{fpath}.{k}: unknown field" for k in family if k not in (*FAMILY_FIELDS, "anggota")]
        problems += [f"{fpath}.{k}: required" for k in _REQUIRED_FAMILY if not family.get(k)]
        no_kk = family.get("no_kk")
        if isinstance(no_kk, str):
            problems += [f"{fpath}.no_kk: {r}" for r in no_kk_problems(no_kk)]
            if no_kk in seen_kk:
                problems.append(f"{fpath}.no_kk: duplicate of {seen_kk[no_kk]}")
            seen_kk[no_kk] = fpath
        problems += [f"{fpath}.{k}: must be a string or null" for k in FAMILY_FIELDS
                     if family.get(k) is not None and not isinstance(family[k], str)]
        for k in ("rt", "rw"):
            if family.get(k) is not None and not _RT_RW.fullmatch(str(family[k])):
                problems.append(f"{fpath}.{k}: must be 3 digits")
        if family.get("kode_pos") is not None and not _KODE_POS.fullmatch(str(family["kode_pos"])):
            problems.append(f"{fpath}.kode_pos: must be 5 digits")
        if family.get("tanggal_dikeluarkan") is not None and (p := _date_problem(family["tanggal_dikeluarkan"])):
            problems.append(f"{fpath}.tanggal_dikeluarkan: {p}")

        members = family.get("anggota")
        if not isinstance(members, list) or not members:
            problems.append(f"{fpath}.anggota: must be a non-empty list")
            continue
        heads = sum(1 for m in members if isinstance(m, dict) and m.get("status_hubungan") == "KEPALA KELUARGA")
        if heads != 1:
            problems.append(f"{fpath}.anggota: must have exactly one KEPALA KELUARGA, has {heads}")
        for j, member in enumerate(members):
            problems += _member_problems(member, f"{fpath}.anggota[{j}]", seen_nik)
    return problems


def _member_problems(member: Any, path: str, seen_nik: dict[str, str]) -> list[str]:
    if not isinstance(member, dict):
        return [f"{path}: not an object"]
    problems: list[str] = []
    problems += [f"{path}.{k}: required" for k in _REQUIRED_MEMBER if not member.get(k)]
    problems += member_value_problems(member, path)
    nik = member.get("nik")
    if isinstance(nik, str):
        # Only structure: a corrected birth date or sex keeps its NIK (Permendagri 108/2019 Pasal 15(3)).
        problems += [f"{path}.nik: {r}" for r in nik_problems(nik)]
        if nik in seen_nik:
            problems.append(f"{path}.nik: duplicate of {seen_nik[nik]}")
        seen_nik[nik] = path
    return problems


@cache
def _vocab_sets() -> dict[str, frozenset[str]]:
    return {k: frozenset(canonical_values(k)) for k in _VOCAB_FIELDS}


def member_value_problems(values: dict[str, Any], path: str) -> list[str]:
    """Problems of the member fields present in `values` (types, vocabulary, dates); also for changes."""
    problems = [f"{path}.{k}: must be a string or null" for k, v in values.items()
                if k in _MEMBER_SET and v is not None and not isinstance(v, str)]
    vocab = _vocab_sets()
    for k in _VOCAB_FIELDS:
        value = values.get(k)
        if value is not None and value not in vocab[k]:
            problems.append(f"{path}.{k}: {value!r} is not a SIAK value")
    for k in _DATE_FIELDS:
        if values.get(k) is not None and (p := _date_problem(values[k])):
            problems.append(f"{path}.{k}: {p}")
    problems += [f"{path}.{k}: {p}" for k, v in values.items()
                 if k in _MEMBER_SET and isinstance(v, str) and (p := text_problem(v))]
    problems += [f"{path}.{k}: unknown field" for k in values if k not in _MEMBER_SET]
    return problems
