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
address. A line read with confidence that differs from the record's is ADDRESS_MISMATCH (a verifikator
looks), except one OCR slip of a letter, `near`: ADDRESS_NEAR, a warning shown to the verifikator that
does not hold an approval up (the family is proven by the No. KK and the member rows). What counts as
a slip is decided by what the characters are, since a number on a KK is the address itself:

- a letter replaced, dropped or added (`IL.` for `JL.`, `LAMOKAT` for `LAMOKATO`), or one look-alike
  letter group read as its twin (`LIPU` read `UPU`), in a line of four or more characters;
- a letter and the digit it looks like (`O`/`0`, `D`/`0`, `I`/`1`, `L`/`1`, `Z`/`2`, `S`/`5`, `G`/`6`,
  `B`/`8`) read one for the other (`NO. I2` for `NO. 12`);
- never a digit: one digit of a house number, an RT / RW or a postcode replaced, dropped or added
  (`NO. 13`, `NO. 1`, `NO. 112` for `NO. 12`), or a digit against a letter it does not look like, is
  another address: ADDRESS_MISMATCH. So is a letter right after a digit (`12A` / `12B`: the house
  number's own letter).

A digit whose reading was unsure is not held against the applicant: a line read below the confidence
threshold is not compared at all (`crosscheck._rules.check_kk`); the caller compares only lines read
clearly, where a different digit is a different number.
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
    """Canonical forms one OCR slip of a letter apart (module docstring): one letter replaced, dropped or
    added, or a letter read as its look-alike digit or back, in a line of four or more (`IL.` for `JL.`);
    or one look-alike letter group read as its twin (`LIPU` read `UPU`). A digit replaced, dropped or
    added is another number, never near."""
    return ((min(len(found), len(recorded)) >= 4 and _one_letter_slip(found, recorded))
            or (len(recorded) >= 4 and _one_lookalike_apart(found, recorded)))


_LOOKALIKE_DIGITS = {"O": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8"}
"""Letters Tesseract reads as the digit they look like, and back (`NO. I2` for `NO. 12`)."""


def _one_letter_slip(found: str, recorded: str) -> bool:
    """Levenshtein distance exactly 1, the one edit a letter's slip: a letter replaced by a letter or by its
    look-alike digit (or that digit by the letter), or a letter dropped or added; not where a digit is
    replaced, dropped or added, nor a letter right after a digit (a house number's own letter, `12A`)."""
    if abs(len(found) - len(recorded)) > 1 or found == recorded:
        return False
    i = next((k for k, (x, y) in enumerate(zip(found, recorded, strict=False)) if x != y),
             min(len(found), len(recorded)))
    if len(found) == len(recorded):
        if found[i + 1:] != recorded[i + 1:]:
            return False
        a, b = found[i], recorded[i]
        if a.isdigit() or b.isdigit():
            return _LOOKALIKE_DIGITS.get(a) == b or _LOOKALIKE_DIGITS.get(b) == a
        return not _after_a_digit(found, i) and not _after_a_digit(recorded, i)
    longer, shorter = (found, recorded) if len(found) > len(recorded) else (recorded, found)
    if longer[i + 1:] != shorter[i:]:
        return False
    return longer[i].isalpha() and not _after_a_digit(longer, i)


def _after_a_digit(line: str, i: int) -> bool:
    return i > 0 and line[i - 1].isdigit()


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


