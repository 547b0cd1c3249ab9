"""How a KK header's address lines are compared with the record: on their canonical form.

documents.md writes places upper case with single spaces; KKs of other issuers and years print the same
address with customary abbreviations and, before some values, the field's own name. The canonical form of
a line, for one field:

- upper case, punctuation a space, then every space dropped (OCR glues and splits words); unlike a
  name's normalization nothing after a comma is dropped (`JL. PEMUDA, NO. 12` keeps its number);
- `alamat`: the street word `JALAN` / `JLN` / `JL` is `JL`, the number word `NOMOR` / `NO` is `NO`
  (whole words only: `JLN. PEMUDA NO. 12` is `JL. PEMUDA NO. 12`);
- `desa_kelurahan`: a leading `DESA` / `DS` / `KELURAHAN` / `KEL` (the field's name) is dropped;
- `kecamatan`: a leading `KECAMATAN` / `KEC`; `kabupaten_kota`: a leading `KABUPATEN` / `KAB` (a leading
  `KOTA` is kept: `KOTA BIMA` and `BIMA` are two regencies); `provinsi`: `PROVINSI` / `PROPINSI` / `PROV` /
  `PROP`.

Nothing else is equated: another street, house number, village or district, or one letter off, is another
address (a letter off is `near`, shown to the verifikator as ADDRESS_NEAR, never equal).
"""

from __future__ import annotations

import re

_WORDS = {"JALAN": "JL", "JLN": "JL", "NOMOR": "NO"}
_LEADING = {
    "desa_kelurahan": ("DESA", "DS", "KELURAHAN", "KEL"),
    "kecamatan": ("KECAMATAN", "KEC"),
    "kabupaten_kota": ("KABUPATEN", "KAB"),
    "provinsi": ("PROVINSI", "PROPINSI", "PROV", "PROP"),
}


def canonical(field: str, value: str | None) -> str:
    """The form two readings of an address line are compared on (module docstring)."""
    words = re.sub(r"[^A-Z0-9]+", " ", (value or "").upper()).split()
    if field == "alamat":
        words = [_WORDS.get(w, w) for w in words]
    leading = _LEADING.get(field, ())
    if len(words) > 1 and words[0] in leading:
        words = words[1:]
    return "".join(words)


def near(found: str, recorded: str) -> bool:
    """Canonical forms one OCR slip apart: one character replaced, dropped or added in a line of four or
    more (`IL.` for `JL.`), or one look-alike letter group read as its twin (`LIPU` read `UPU`)."""
    return ((min(len(found), len(recorded)) >= 4 and _one_edit_apart(found, recorded))
            or (len(recorded) >= 4 and _one_lookalike_apart(found, recorded)))


def _one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1: one character replaced, dropped or added."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]


_LOOKALIKES = (("LI", "U"), ("II", "H"), ("RN", "M"), ("VV", "W"))
"""Letter groups Tesseract reads as one letter, or one letter it reads as two (`LI` / `U`, `II` / `H`)."""


def _one_lookalike_apart(found: str, recorded: str) -> bool:
    """`found` is `recorded` with one look-alike group read as its twin (either way round), nothing else."""
    for a, b in (*_LOOKALIKES, *((y, x) for x, y in _LOOKALIKES)):
        start = recorded.find(a)
        while start >= 0:
            if recorded[:start] + b + recorded[start + len(a):] == found:
                return True
            start = recorded.find(a, start + 1)
    return False


