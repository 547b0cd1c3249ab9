"""SIAK value lists from `vocab.json` (a copy of `shared/spec/vocab.json`), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

VOCAB_KINDS = (
    "jenis_kelamin",
    "agama",
    "pendidikan",
    "status_perkawinan",
    "status_hubungan",
    "golongan_darah",
    "kewarganegaraan",
    "jenis_pekerjaan",
)

MONTHS_ID = (
    "JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI",
    "JULI", "AGUSTUS", "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER",
)


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("core").joinpath("data/vocab.json").read_text(encoding="utf-8")
    return json.loads(text)


def canonical_values(kind: str) -> tuple[str, ...]:
    """The canonical values of one vocabulary, in SIAK code order."""
    return tuple(_raw()[kind]["values"].values())


def canonical(kind: str, value: str | None) -> str | None:
    """The canonical spelling of `value` in vocabulary `kind`, or None if it is not one of them."""
    if value is None:
        return None
    entry = _raw()[kind]
    key = " ".join(value.upper().split())
    if key in entry["values"].values():
        return key
    return entry.get("variants", {}).get(key)


def pendidikan_for_jenjang(jenjang: str | None) -> str | None:
    """The SIAK `pendidikan` an ijazah of this `jenjang` proves (None if the jenjang is unknown)."""
    if jenjang is None:
        return None
    table: dict[str, str] = _raw()["jenjang_ijazah_to_pendidikan"]
    return table.get(" ".join(jenjang.upper().split()))


def jenjang_values() -> tuple[str, ...]:
    return tuple(k for k in _raw()["jenjang_ijazah_to_pendidikan"] if not k.startswith("_"))


def pendidikan_rank(value: str) -> int:
    """Position of a `pendidikan` value in the ordered SIAK list (0 = lowest)."""
    return canonical_values("pendidikan").index(value)
