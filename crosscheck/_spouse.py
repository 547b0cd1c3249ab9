"""Who on a buku nikah is the applicant when the book prints no NIK (docs/review.md, "A spouse without a NIK").

A book's spouse is normally found by NIK: the NIK printed as `suami` or `istri` is the subject's, digit
for digit. Books of marriages before `NIK_PRINTED_SINCE` print no NIK at all; on them the spouse is
found by what the book does print, each value read with confidence:

- the book is of that era: no NIK read for either spouse, and the marriage date read clearly and
  before `NIK_PRINTED_SINCE` (its month and year are further checked against the akta number);
- the subject is in the role of their sex (`suami` for LAKI-LAKI, `istri` for PEREMPUAN), with the
  record's name (normalized, `compare_names` SAME: an abbreviation or a letter off is no match) and the
  record's birth date, both read at or above the threshold;
- nobody else in the subject's family has that name and birth date (the record checks that the two
  pick out one person), and the other role is not also the subject.

The other spouse is then found the same way among the subject's family in the record (a couple
married long ago, both on the KK, recording the marriage now); otherwise their name and birth date
must be read clearly, as their NIK must be on a newer book, and their record is not changed. When the
record already gives the subject a spouse on the KK (`record_partners`: the subject and someone of the
other sex in couple roles, head, husband or wife, both KAWIN ...), the book must name that person: anyone
else, in the family or not, or their name or birth date not read as the record holds them, goes to
review (one half of a couple recorded married and the other not is a record a person must look at).
When the record gives several such members (two wives on one KK, a role or status entered wrongly),
there is no sure partner: unless the book names one of them by name and birth date read clearly, the
application goes to review with SPOUSE_AMBIGUOUS, never decided on a partner picked from the list.

A newer book whose NIK was not read stays in review; when its name and birth date are the subject's,
SPOUSE_NIK_NOT_READ tells the verifikator so (the NIK on the scan decides).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from core import Extraction, FieldValue, Person

from ._checker import Checker
from ._names import NameMatch, compare_names

NIK_PRINTED_SINCE = dt.date(2011, 1, 1)
"""Marriages from this day on have their spouses' NIKs printed on the book (the Model NA form added
`Nomor Induk Kependudukan` in 2011); a book of an earlier marriage prints none."""

ROLES = ("suami", "istri")


def role_of_sex(person: Person) -> str:
    return "suami" if person.jenis_kelamin == "LAKI-LAKI" else "istri"


def printed_without_nik(check: Checker, nikah: Extraction) -> bool:
    """A book of an era that printed no NIK: none read, its marriage date read clearly and before 2011."""
    if any(nikah.value(f"{r}.nik") is not None for r in ROLES):
        return False
    married = nikah.fields.get("tanggal_nikah", FieldValue(None))
    if married.value is None or married.confidence < check.threshold:
        return False
    try:
        return dt.date.fromisoformat(married.value) < NIK_PRINTED_SINCE
    except ValueError:
        return False


def named_as(check: Checker, nikah: Extraction, role: str, person: Person) -> bool:
    """The book names `person` in `role`: the record's name and birth date, both read with confidence."""
    name = nikah.fields.get(f"{role}.nama_lengkap", FieldValue(None))
    born = nikah.fields.get(f"{role}.tanggal_lahir", FieldValue(None))
    return (name.value is not None and name.confidence >= check.threshold
            and compare_names(name.value, person.nama_lengkap) == NameMatch.SAME
            and born.value == person.tanggal_lahir and born.confidence >= check.threshold)


def subject_role_without_nik(check: Checker, nikah: Extraction, subject: Person,
                             family: Iterable[Person]) -> str | None:
    """The subject's role on a book of an era without NIKs (module docstring), or None."""
    if not printed_without_nik(check, nikah):
        return None
    role = role_of_sex(subject)
    other_role = "istri" if role == "suami" else "suami"
    if not named_as(check, nikah, role, subject) or named_as(check, nikah, other_role, subject):
        return None
    if any(p.nik != subject.nik and named_as(check, nikah, role, p) for p in family):
        return None
    return role


def other_spouse_without_nik(check: Checker, nikah: Extraction, role: str, subject: Person,
                             family: Iterable[Person]) -> Person | None:
    """The other spouse among the subject's family, by the name and birth date the book prints for them."""
    found = [p for p in family if p.nik != subject.nik and role_of_sex(p) == role and named_as(check, nikah, role, p)]
    return found[0] if len(found) == 1 else None


_COUPLE = ("KEPALA KELUARGA", "SUAMI", "ISTRI")


def record_partners(subject: Person, family: Iterable[Person]) -> tuple[Person, ...]:
    """Who the KK records as the subject's spouse: when the subject is in a couple role (head, husband,
    wife) and married by status, every member of the other sex in a couple role, married by status.

    One is the subject's spouse as the record holds them. Several (two wives of one husband recorded on
    one KK, a record with a role or status entered wrongly) name no sure partner: the caller must not
    pick one, since a decision on a guessed partner could approve the marriage of the wrong person."""
    if subject.status_hubungan not in _COUPLE or not subject.status_perkawinan.startswith("KAWIN"):
        return ()
    return tuple(p for p in family if p.nik != subject.nik and p.status_hubungan in _COUPLE
                 and p.jenis_kelamin != subject.jenis_kelamin and p.status_perkawinan.startswith("KAWIN"))


def named_but_nik_not_read(check: Checker, nikah: Extraction, subject: Person) -> str | None:
    """On a book whose NIK in the subject's role was not read clearly, that role if its name and birth date
    are the subject's."""
    role = role_of_sex(subject)
    nik = nikah.fields.get(f"{role}.nik", FieldValue(None))
    if (nik.value is None or nik.confidence < check.threshold) and named_as(check, nikah, role, subject):
        return role
    return None
