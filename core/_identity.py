"""Structure checks for NIK and No. KK (documents.md): they return reasons, not booleans."""

from __future__ import annotations

import datetime as dt
import re

_DIGITS16 = re.compile(r"\d{16}")

PROVINCE_CODES = frozenset((
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "93", "94", "95", "96",
))
"""Kemendagri province codes (since the 2022 Papua provinces): the first two digits of every NIK and No. KK."""


def _ddmmyy_exists(day: int, month: int, yy: int) -> bool:
    """Whether some year ending in `yy` (19yy or 20yy) has this day: 29-02 needs a leap year."""
    for year in (1900 + yy, 2000 + yy):
        try:
            dt.date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def nik_problems(nik: str, *, jenis_kelamin: str | None = None, tanggal_lahir: str | None = None) -> list[str]:
    """Reasons why `nik` is not a structurally valid NIK (for this sex and birth date, when given).

    An empty list means no problem was found. Reasons are English for logs and tests;
    the cross-check turns them into Indonesian findings.
    """
    if not _DIGITS16.fullmatch(nik or ""):
        return ["not 16 digits"]
    problems = []
    if nik[:2] not in PROVINCE_CODES:
        problems.append(f"region code: {nik[:2]} is not a province code")
    if nik[2:4] == "00" or nik[4:6] == "00":
        problems.append("region code contains 00")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    real_day = day - 40 if female else day
    if not _ddmmyy_exists(real_day, month, yy):
        problems.append("birth date part is not a date")
    if nik[12:] == "0000":
        problems.append("serial is 0000")
    if jenis_kelamin is not None:
        if female and jenis_kelamin == "LAKI-LAKI":
            problems.append("day > 40 marks a woman, record says LAKI-LAKI")
        if not female and jenis_kelamin == "PEREMPUAN":
            problems.append("day <= 40 marks a man, record says PEREMPUAN")
    if tanggal_lahir is not None:
        try:
            born = dt.date.fromisoformat(tanggal_lahir)
        except ValueError:
            problems.append("tanggal_lahir is not an ISO date")
        else:
            if (born.day, born.month, born.year % 100) != (real_day, month, yy):
                problems.append("birth date part does not match tanggal_lahir")
    return problems


def no_kk_problems(no_kk: str) -> list[str]:
    """Reasons why `no_kk` is not a structurally valid No. KK."""
    if not _DIGITS16.fullmatch(no_kk or ""):
        return ["not 16 digits"]
    problems = []
    if no_kk[:2] not in PROVINCE_CODES:
        problems.append(f"region code: {no_kk[:2]} is not a province code")
    if no_kk[2:4] == "00" or no_kk[4:6] == "00":
        problems.append("region code contains 00")
    day, month, yy = int(no_kk[6:8]), int(no_kk[8:10]), int(no_kk[10:12])
    if not _ddmmyy_exists(day, month, yy):
        problems.append("registration date part is not a date")
    if no_kk[12:] == "0000":
        problems.append("serial is 0000")
    return problems
