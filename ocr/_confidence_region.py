"""The `region` signal of `_confidence_page.understood`: a KK's province, No. KK, kode pos and member NIKs
agree on one province whoever printed them.

    region_doubts(fields, rows) -> [(key, holder, name)]   values not of the province the page prints
"""

from __future__ import annotations

import core

from ._confidence import SURE

PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "11": ("ACEH", ("23", "24")), "12": ("SUMATERA UTARA", ("20", "21", "22")),
    "13": ("SUMATERA BARAT", ("25", "26", "27")), "14": ("RIAU", ("28", "29")), "15": ("JAMBI", ("36", "37")),
    "16": ("SUMATERA SELATAN", ("30", "31", "32")), "17": ("BENGKULU", ("38", "39")),
    "18": ("LAMPUNG", ("34", "35")), "19": ("KEPULAUAN BANGKA BELITUNG", ("33",)),
    "21": ("KEPULAUAN RIAU", ("29",)), "31": ("DKI JAKARTA", ("10", "11", "12", "13", "14")),
    "32": ("JAWA BARAT", ("16", "17", "40", "41", "42", "43", "44", "45", "46")),
    "33": ("JAWA TENGAH", ("50", "51", "52", "53", "54", "56", "57", "58", "59")),
    "34": ("DI YOGYAKARTA", ("55",)), "35": ("JAWA TIMUR", ("60", "61", "62", "63", "64", "65", "66", "67", "68", "69")),
    "36": ("BANTEN", ("15", "42")), "51": ("BALI", ("80", "81", "82")), "52": ("NUSA TENGGARA BARAT", ("83", "84")),
    "53": ("NUSA TENGGARA TIMUR", ("85", "86", "87")), "61": ("KALIMANTAN BARAT", ("78", "79")),
    "62": ("KALIMANTAN TENGAH", ("73", "74")), "63": ("KALIMANTAN SELATAN", ("70", "71", "72")),
    "64": ("KALIMANTAN TIMUR", ("75", "76", "77")), "65": ("KALIMANTAN UTARA", ("77",)),
    "71": ("SULAWESI UTARA", ("95",)), "72": ("SULAWESI TENGAH", ("94",)),
    "73": ("SULAWESI SELATAN", ("90", "91", "92")), "74": ("SULAWESI TENGGARA", ("93",)),
    "75": ("GORONTALO", ("96",)), "76": ("SULAWESI BARAT", ("91",)), "81": ("MALUKU", ("97",)),
    "82": ("MALUKU UTARA", ("97",)), "91": ("PAPUA", ("98", "99")), "92": ("PAPUA BARAT", ("98",)),
    "93": ("PAPUA SELATAN", ("99",)), "94": ("PAPUA TENGAH", ("98",)), "95": ("PAPUA PEGUNUNGAN", ("99",)),
    "96": ("PAPUA BARAT DAYA", ("98",)),
}
"""Kemendagri province code -> (name, the first two digits of its kode pos): what every KK's province,
No. KK, members' NIKs and kode pos agree on, whoever printed it."""
PROVINCE_BY_NAME = {name: code for code, (name, _) in PROVINCES.items()}


def region_doubts(fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]],
                   ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """A KK's No. KK and kode pos that are not of the province it prints (`1412…` for `7412…`, `99411` for
    `93411`), and member NIKs whose province is a look-alike of the printed one (or, none printed, the No.
    KK's) or of another member's surely read NIK."""
    province = PROVINCE_BY_NAME.get(" ".join((fields.get("provinsi", core.FieldValue(None)).value or "").split()))
    no_kk = fields.get("no_kk", core.FieldValue(None)).value
    kode_pos = fields.get("kode_pos", core.FieldValue(None)).value
    out: list[tuple[str, dict[str, core.FieldValue], str]] = []
    if province and no_kk and no_kk[:2] != province:
        out.append(("no_kk", fields, "no_kk"))
    if province and kode_pos and kode_pos[:2] not in PROVINCES[province][1]:
        out.append(("kode_pos", fields, "kode_pos"))
    home = province or (no_kk[:2] if no_kk else None)
    niks = [(i, row, nik) for i, row in enumerate(rows) if (nik := row.get("nik", core.FieldValue(None)).value)]
    for i, row, nik in niks:
        homes = {home} | {other[:2] for j, r, other in niks if j != i and r["nik"].confidence >= SURE} - {None}
        if nik[:2] != home and any(_misread_of(nik[:2], h) for h in homes if h):
            out.append((f"{i}.nik", row, "nik"))
    return out


_LOOKALIKE_DIGITS = frozenset({("1", "7"), ("3", "8"), ("0", "8"), ("5", "6"), ("6", "8"), ("0", "9")})


def _misread_of(code: str, home: str) -> bool:
    """Whether province `code` is `home` with one digit read as its look-alike (`14` for `74`): a member
    registered elsewhere keeps that province's code (a NIK never changes), so only a look-alike says misread."""
    diffs = [(a, b) for a, b in zip(code, home, strict=True) if a != b]
    return len(diffs) == 1 and (diffs[0] in _LOOKALIKE_DIGITS or diffs[0][::-1] in _LOOKALIKE_DIGITS)
