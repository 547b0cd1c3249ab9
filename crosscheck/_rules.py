"""The rules, one function per document or concern (documents.md, "Which document proves which change")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from core import (
    MISSING,
    Extraction,
    Family,
    FieldValue,
    Person,
    nik_problems,
    no_kk_problems,
    pendidikan_for_jenjang,
    pendidikan_rank,
)

from ._address import canonical, near
from ._checker import Checker
from ._names import NameMatch, compare_names, normalize_name
from ._spouse import (
    ROLES,
    named_but_nik_not_read,
    other_spouse_without_nik,
    record_partners,
    subject_role_without_nik,
)

Changes = dict[str, dict[str, Any]]

SCHOOL_JENJANG = {"SD", "MI", "SMP", "MTS", "SMA", "SMK", "MA", "MAK", "PAKET A", "PAKET B", "PAKET C"}
_ADDRESS_FIELDS = ("alamat", "rt", "rw", "desa_kelurahan", "kecamatan", "kabupaten_kota", "provinsi", "kode_pos")
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_OLD_AKTA = re.compile(r"^\d{1,5}/\d{1,4}/([IVX]+)/(\d{4})$")
_NEAR_DIGITS = 2
"""A 16-digit number this many digits or fewer from the record's may be a misread of it (as for a NIK)."""


def check_kk(check: Checker, kk: Extraction, subject: Person, family: Family) -> None:
    """The KK scan is the subject's family, the subject is on it, and its header matches the record."""
    _check_no_kk(check, kk, family)
    row = _subject_row(kk, subject)
    if row is None:
        _subject_not_found(check, kk, subject, family)
        return
    check.same("NIK_MISMATCH", row.get("nik", MISSING), subject.nik, document="kk", field="anggota.nik")
    printed_name = row.get("nama_lengkap", MISSING)
    if _corroborated(check, printed_name, nik=row.get("nik", MISSING).value, born=row.get("tanggal_lahir", MISSING),
                     person=subject):
        check.add("NAME_CORROBORATED", document="kk", field="anggota.nama_lengkap", expected=subject.nama_lengkap,
                  found=printed_name.value)
    else:
        check.same_name("NAME_MISMATCH", printed_name, subject.nama_lengkap, document="kk",
                        field="anggota.nama_lengkap")
    for name in _ADDRESS_FIELDS:
        printed = kk.fields.get(name, MISSING)
        if printed.value is None or printed.confidence < check.threshold:
            continue  # the header is corroboration; an unread line is not evidence against the applicant
        found, recorded = canonical(name, printed.value), canonical(name, getattr(family, name))
        if found != recorded:
            # One OCR slip of a letter in a line of four or more (`IL.` for `JL.`, `LIPU` read `UPU`, `NO. I2`):
            # the family is proven by the No. KK and the member rows, so it is shown, not held against them.
            # A digit read clearly otherwise (a house number, RT / RW, postcode) is another address.
            check.add("ADDRESS_NEAR" if near(found, recorded) else "ADDRESS_MISMATCH", document="kk", field=name,
                      expected=getattr(family, name), found=printed.value)


def _check_no_kk(check: Checker, kk: Extraction, family: Family) -> None:
    """The No. KK is the family's. Read as the record holds it, digit for digit, it needs no confidence
    (`Checker.read`). Only another family's number read clearly (`_another_familys_number`) is a
    KK_NUMBER_MISMATCH; any other difference (read below the threshold, a digit or two off, a wrong
    structure, a NIK taken for it) is our reading's doubt, KK_NUMBER_UNCLEAR: a verifikator compares the
    scan, and nothing is held against the applicant."""
    printed = kk.fields.get("no_kk", MISSING)
    if printed.value is None or printed.value == family.no_kk:
        check.read(printed, document="kk", field="no_kk", record_identity=family.no_kk)
        return
    check.add("KK_NUMBER_MISMATCH" if _another_familys_number(check, kk, family) else "KK_NUMBER_UNCLEAR",
              document="kk", field="no_kk", expected=family.no_kk, found=printed.value)


def _subject_not_found(check: Checker, kk: Extraction, subject: Person, family: Family) -> None:
    """No row is the subject's. That proves them absent only on evidence read with confidence
    (`_decide`'s docstring): the KK is clearly another family's, or every member row was read and
    none is theirs. Anything less is a KK that was not read clearly: a verifikator looks."""
    if _another_familys_number(check, kk, family) or _every_row_read(check, kk, family):
        check.add("SUBJECT_NOT_IN_KK", document="kk", field="anggota.nik", expected=subject.nik)
        return
    clear = sum(_clear_nik(check, r) is not None for r in kk.anggota)
    check.add("KK_NOT_READ", document="kk", field="anggota", expected=f"{len(family.anggota)} anggota",
              found=f"{len(kk.anggota)} baris, {clear} NIK terbaca jelas")


def _another_familys_number(check: Checker, kk: Extraction, family: Family) -> bool:
    """The No. KK was read clearly (16 digits, valid structure, confidence at or above the threshold) and
    is not a misread of the family's own: more than `_NEAR_DIGITS` digits differ, and it is no NIK of the
    family or of a row (a NIK taken for the No. KK is the extractor's mistake, not another family)."""
    printed = kk.fields.get("no_kk", MISSING)
    number = printed.value
    if number is None or printed.confidence < check.threshold or no_kk_problems(number):
        return False
    niks = {p.nik for p in family.anggota} | {r.get("nik", MISSING).value for r in kk.anggota}
    return _digits_apart(number, family.no_kk) > _NEAR_DIGITS and number not in niks


def _every_row_read(check: Checker, kk: Extraction, family: Family) -> bool:
    """Every member row was read: as many rows as the record's family has members (the record checks
    the structure; it never supplies a value), each with a name and a well-formed NIK read with
    confidence, no NIK twice and none the No. KK (a row read twice, or a number from elsewhere on
    the page, could be standing in for the subject's row)."""
    rows = kk.anggota
    niks = [_clear_nik(check, r) for r in rows]
    numbers = {family.no_kk, kk.fields.get("no_kk", MISSING).value}
    return (len(rows) == len(family.anggota) and None not in niks and len(set(niks)) == len(niks)
            and not numbers & set(niks) and all(r.get("nama_lengkap", MISSING).value is not None for r in rows))


def _clear_nik(check: Checker, row: Mapping[str, FieldValue]) -> str | None:
    nik = row.get("nik", MISSING)
    if nik.value is None or nik.confidence < check.threshold or nik_problems(nik.value):
        return None
    return nik.value


def _digits_apart(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))


def _subject_row(kk: Extraction, subject: Person) -> dict[str, FieldValue] | None:
    """The subject's row: by NIK, else the row that is probably theirs with a misread NIK.

    A row counts as probably theirs when its NIK differs from the subject's in at most two digits
    or its name is the subject's; the caller then reports NIK_MISMATCH for a human, so a digit
    misread by OCR sends the application to review instead of rejecting it.
    """
    rows = list(kk.anggota)
    exact = next((r for r in rows if r.get("nik", MISSING).value == subject.nik), None)
    if exact is not None:
        return exact

    def near(row: dict[str, FieldValue]) -> bool:
        nik = row.get("nik", MISSING).value or ""
        close = len(nik) == len(subject.nik) and _digits_apart(nik, subject.nik) <= _NEAR_DIGITS
        same_name = compare_names(row.get("nama_lengkap", MISSING).value, subject.nama_lengkap) == NameMatch.SAME
        return close or same_name

    return next((r for r in rows if near(r)), None)




def check_record(check: Checker, subject: Person, family: Family) -> None:
    """Structure of the subject's NIK and the family rules, on the record itself."""
    if nik_problems(subject.nik, jenis_kelamin=subject.jenis_kelamin, tanggal_lahir=subject.tanggal_lahir):
        check.add("NIK_STRUCTURE", document="record", field="nik", found=subject.nik,
                  expected=f"{subject.jenis_kelamin} {subject.tanggal_lahir}")
    heads = [p for p in family.anggota if p.status_hubungan == "KEPALA KELUARGA"]
    if len(heads) != 1:
        check.add("FAMILY_HEAD_COUNT", document="record", field="status_hubungan", found=str(len(heads)))
    for p in family.anggota:
        if p.status_hubungan in ("SUAMI", "ISTRI") and not p.status_perkawinan.startswith("KAWIN"):
            check.add("FAMILY_SPOUSE_NOT_MARRIED", document="record", field="status_perkawinan",
                      found=p.status_perkawinan)
    spouses = [p for p in family.anggota if p.status_hubungan in ("SUAMI", "ISTRI")]  # all, not the first
    parents = {normalize_name(p.nama_lengkap) for p in (*heads[:1], *spouses)}
    for child in (p for p in family.anggota if p.status_hubungan == "ANAK"):
        named = {normalize_name(child.nama_ayah), normalize_name(child.nama_ibu)} - {""}
        if parents and not named & parents:
            check.add("FAMILY_PARENT_NAMES", document="record", field="nama_ayah/nama_ibu")


def check_identity(check: Checker, doc: Extraction, person: Person, *, document: str, prefix: str = "",
                   skip: tuple[str, ...] = ()) -> None:
    """Name, date and (where the document prints it) place of birth of one person."""
    fields = doc.fields
    if "nama_lengkap" not in skip:
        check.same_name("NAME_MISMATCH", fields.get(prefix + "nama_lengkap", MISSING), person.nama_lengkap,
                        document=document, field=prefix + "nama_lengkap")
    if "tanggal_lahir" not in skip:
        check.same("BIRTH_DATE_MISMATCH", fields.get(prefix + "tanggal_lahir", MISSING), person.tanggal_lahir,
                   document=document, field=prefix + "tanggal_lahir")
    if "tempat_lahir" not in skip and document == "ijazah":
        check.same_name("BIRTH_PLACE_MISMATCH", fields.get(prefix + "tempat_lahir", MISSING), person.tempat_lahir,
                        document=document, field=prefix + "tempat_lahir")


def check_pendidikan(check: Checker, ijazah: Extraction, subject: Person, requested: Mapping[str, Any]) -> Changes:
    check_identity(check, ijazah, subject, document="ijazah")
    jenjang = check.read(ijazah.fields.get("jenjang", MISSING), document="ijazah", field="jenjang")
    if jenjang in SCHOOL_JENJANG:
        parent = check.read(ijazah.fields.get("nama_orang_tua", MISSING), document="ijazah", field="nama_orang_tua")
        parents = [p for p in (subject.nama_ayah, subject.nama_ibu) if p]
        if parent is not None and not any(compare_names(parent, p) == NameMatch.SAME for p in parents):
            check.add("PARENT_NAME_MISMATCH", document="ijazah", field="nama_orang_tua",
                      expected=" / ".join(p for p in (subject.nama_ayah, subject.nama_ibu) if p), found=parent)
    proven = pendidikan_for_jenjang(jenjang)
    if jenjang is not None and proven is None:
        check.add("UNKNOWN_JENJANG", document="ijazah", field="jenjang", found=jenjang)
    wanted = requested.get("pendidikan") or proven
    if proven is not None and wanted != proven:
        check.add("REQUESTED_NOT_PROVEN", document="ijazah", field="pendidikan", expected=wanted, found=proven)
    if proven is None:
        return {}
    if pendidikan_rank(proven) < pendidikan_rank(subject.pendidikan):
        check.add("PENDIDIKAN_LOWER", document="ijazah", field="pendidikan", expected=subject.pendidikan,
                  found=proven)
    return {subject.nik: {"pendidikan": proven}}


def check_koreksi(check: Checker, ijazah: Extraction, subject: Person, requested: Mapping[str, Any]) -> Changes:
    corrected = tuple(k for k in ("nama_lengkap", "tempat_lahir", "tanggal_lahir") if k in requested)
    check_identity(check, ijazah, subject, document="ijazah", skip=corrected)
    new_values: dict[str, Any] = {}
    for name in corrected:
        printed = check.read(ijazah.fields.get(name, MISSING), document="ijazah", field=name)
        wanted = requested[name]
        equal = printed == wanted if name == "tanggal_lahir" else normalize_name(printed) == normalize_name(wanted)
        if printed is not None and not equal:
            check.add("REQUESTED_NOT_PROVEN", document="ijazah", field=name, expected=wanted, found=printed)
        new_values[name] = wanted
    check.add("MANUAL_REVIEW_REQUIRED", document="ijazah")
    return {subject.nik: new_values} if new_values else {}


def check_perkawinan(check: Checker, nikah: Extraction, subject: Person, requested: Mapping[str, Any],
                     known: Mapping[str, Person], *, family: Family | None = None) -> Changes:
    """The subject is a spouse on the book (by NIK; on a book of an era without NIKs by name and birth
    date, `_spouse`), and the book proves the marriage; `family`, the subject's, is where the other
    spouse of such a book is looked for."""
    members = family.anggota if family is not None else ()
    role = next((r for r in ROLES if nikah.value(f"{r}.nik") == subject.nik), None)
    by_name = role is None and (role := subject_role_without_nik(check, nikah, subject, members)) is not None
    if role is None:
        _spouse_not_found(check, nikah, subject)
        return {}
    if by_name:
        check.add("SPOUSE_FOUND_BY_NAME", document="buku_nikah", field=f"{role}.nama_lengkap",
                  expected=f"{subject.nama_lengkap} {subject.tanggal_lahir}",
                  found=f"{nikah.value(f'{role}.nama_lengkap')} {nikah.value(f'{role}.tanggal_lahir')}")
        check_identity(check, nikah, subject, document="buku_nikah", prefix=f"{role}.")
    else:
        check.read(nikah.fields[f"{role}.nik"], document="buku_nikah", field=f"{role}.nik",
                   record_identity=subject.nik)
        _check_spouse(check, nikah, subject, prefix=f"{role}.")
    if subject.status_perkawinan == "KAWIN TERCATAT":
        check.add("ALREADY_MARRIED", document="buku_nikah", field="status_perkawinan",
                  found=subject.status_perkawinan)
    other_role = "istri" if role == "suami" else "suami"
    other = (_other_spouse_by_name(check, nikah, other_role, subject, members) if by_name
             else _other_spouse_by_nik(check, nikah, other_role, known, record_partners(subject, members)))
    if other is not None:
        _check_spouse(check, nikah, other, prefix=f"{other_role}.")
    tanggal = check.read(nikah.fields.get("tanggal_nikah", MISSING), document="buku_nikah", field="tanggal_nikah")
    nomor = check.read(nikah.fields.get("nomor_akta", MISSING), document="buku_nikah", field="nomor_akta")
    if tanggal is not None and nomor is not None and _clear(nikah, "tanggal_nikah", "nomor_akta", check=check):
        _check_akta_number(check, nomor, tanggal)
    wanted = requested.get("status_perkawinan", "KAWIN TERCATAT")
    if wanted != "KAWIN TERCATAT":
        check.add("REQUESTED_NOT_PROVEN", document="buku_nikah", field="status_perkawinan",
                  expected=wanted, found="KAWIN TERCATAT")
    if tanggal is None or nomor is None:
        return {}
    values = {"status_perkawinan": "KAWIN TERCATAT", "tanggal_perkawinan": tanggal, "no_akta_perkawinan": nomor}
    changes = {subject.nik: dict(values)}
    if other is not None:
        changes[other.nik] = dict(values)
    return changes


def _spouse_not_found(check: Checker, nikah: Extraction, subject: Person) -> None:
    """No spouse is the subject by NIK: a NIK not read, or read below the threshold (a misread of theirs
    is as likely as another person's), is said so (the subject may be that spouse: claim nothing, and show
    the verifikator a name and birth date that are theirs); NIKs read clearly and none theirs is
    SUBJECT_NOT_SPOUSE."""
    unread = [r for r in ROLES if nikah.value(f"{r}.nik") is None]
    unsure = [r for r in ROLES if r not in unread and nikah.fields[f"{r}.nik"].confidence < check.threshold]
    for r in unread:
        check.add("FIELD_NOT_FOUND", document="buku_nikah", field=f"{r}.nik", expected=subject.nik)
    for r in unsure:
        check.read(nikah.fields[f"{r}.nik"], document="buku_nikah", field=f"{r}.nik")
    unread += unsure
    if not unread:
        check.add("SUBJECT_NOT_SPOUSE", document="buku_nikah", field="suami.nik/istri.nik",
                  expected=subject.nik, found=" / ".join(str(nikah.value(f"{r}.nik")) for r in ROLES))
    elif (named := named_but_nik_not_read(check, nikah, subject)) is not None:
        check.add("SPOUSE_NIK_NOT_READ", document="buku_nikah", field=f"{named}.nik",
                  expected=f"{subject.nama_lengkap} {subject.tanggal_lahir}",
                  found=f"{nikah.value(f'{named}.nama_lengkap')} {nikah.value(f'{named}.tanggal_lahir')}")


def _other_spouse_by_nik(check: Checker, nikah: Extraction, other_role: str, known: Mapping[str, Person],
                         partners: tuple[Person, ...]) -> Person | None:
    """The other spouse's NIK must be read (or be a record's, digit for digit); their record, if any.

    When the KK records a spouse for the subject (`partners`, `record_partners`), the book must name one of
    them: a NIK read clearly that is none of theirs (another person, in the family or not) is NAME_MISMATCH
    (review), as on a book without NIKs; a NIK not read clearly is already doubt."""
    field = nikah.fields.get(f"{other_role}.nik", MISSING)
    printed = field.value
    other_nik = check.read(field, document="buku_nikah", field=f"{other_role}.nik",
                           record_identity=printed if printed in known else None)
    if other_nik is not None and nik_problems(other_nik):
        check.add("NIK_STRUCTURE", document="buku_nikah", field=f"{other_role}.nik", found=other_nik)
    if (partners and other_nik is not None and field.confidence >= check.threshold
            and all(p.nik != other_nik for p in partners)):
        check.add("NAME_MISMATCH", document="buku_nikah", field=f"{other_role}.nama_lengkap",
                  expected=" / ".join(p.nama_lengkap for p in partners),
                  found=nikah.value(f"{other_role}.nama_lengkap"))
    return known.get(other_nik) if other_nik else None


def _other_spouse_by_name(check: Checker, nikah: Extraction, other_role: str, subject: Person,
                          members: tuple[Person, ...]) -> Person | None:
    """On a book without NIKs: the other spouse in the subject's family by name and birth date, else their
    name and birth date must be read clearly (what the book identifies them by), their record untouched.
    A spouse the KK already records for the subject (`record_partners`) must be the one the book names;
    several recorded name no sure partner (SPOUSE_AMBIGUOUS) unless the book names one of them."""
    other = other_spouse_without_nik(check, nikah, other_role, subject, members)
    partners = record_partners(subject, members)
    if other is not None:
        if partners and other not in partners:  # the book names a member the record does not pair them with
            check.add("NAME_MISMATCH", document="buku_nikah", field=f"{other_role}.nama_lengkap",
                      expected=" / ".join(p.nama_lengkap for p in partners), found=other.nama_lengkap)
        return other
    if len(partners) == 1:
        partner = partners[0]
        before = len(check.findings)
        check_identity(check, nikah, partner, document="buku_nikah", prefix=f"{other_role}.")
        if len(check.findings) == before:  # read as theirs, yet not found as one person: a person looks
            check.add("NAME_MISMATCH", document="buku_nikah", field=f"{other_role}.nama_lengkap",
                      expected=partner.nama_lengkap, found=nikah.value(f"{other_role}.nama_lengkap"))
        return None
    if partners:  # several the record could pair the subject with, none named clearly: no sure partner
        check.add("SPOUSE_AMBIGUOUS", document="buku_nikah", field=f"{other_role}.nama_lengkap",
                  expected=" / ".join(p.nama_lengkap for p in partners),
                  found=nikah.value(f"{other_role}.nama_lengkap"))
    for name in ("nama_lengkap", "tanggal_lahir"):
        check.read(nikah.fields.get(f"{other_role}.{name}", MISSING), document="buku_nikah",
                   field=f"{other_role}.{name}")
    return None


def _corroborated(check: Checker, name: FieldValue, *, nik: str | None, born: FieldValue, person: Person) -> bool:
    """A name read below the threshold that need not hold the application up: its letters are the record's
    (`compare_names` SAME: spacing aside), and the same person's NIK on the same document is the record's
    digit for digit and their birth date there was read clearly and is the record's. Two identifiers say
    who the person is, and a misread landing on exactly the record's letters is as unlikely as one landing
    on the record's NIK. Used for names that only confirm whose row or whose record it is (the subject's
    KK row, a spouse on a buku nikah found by their NIK), never for a name that is the document's only
    identifier of the person (an ijazah, which prints no NIK; a buku nikah without NIKs)."""
    return (name.value is not None and name.confidence < check.threshold
            and compare_names(name.value, person.nama_lengkap) == NameMatch.SAME
            and nik == person.nik and born.value == person.tanggal_lahir and born.confidence >= check.threshold)


def _check_spouse(check: Checker, nikah: Extraction, other: Person, *, prefix: str) -> None:
    """A spouse found by a NIK read as the record holds it (the subject, or the other spouse): name and birth
    date checked, except that a name read unsure but `_corroborated` is shown (NAME_CORROBORATED), not held
    against them: the book proves the marriage of the person its NIK names, and documents.md asks that
    their name match the record, which letters equal to the record's do. A letter that differs, a birth
    date read unsure or different, or an unread name go to review as before."""
    name = nikah.fields.get(prefix + "nama_lengkap", MISSING)
    born = nikah.fields.get(prefix + "tanggal_lahir", MISSING)
    if not _corroborated(check, name, nik=other.nik, born=born, person=other):
        check_identity(check, nikah, other, document="buku_nikah", prefix=prefix)
        return
    check.add("NAME_CORROBORATED", document="buku_nikah", field=prefix + "nama_lengkap",
              expected=other.nama_lengkap, found=name.value)
    check_identity(check, nikah, other, document="buku_nikah", prefix=prefix, skip=("nama_lengkap",))


def _clear(doc: Extraction, *names: str, check: Checker) -> bool:
    return all(doc.fields.get(n, MISSING).confidence >= check.threshold for n in names)


def _check_akta_number(check: Checker, nomor: str, tanggal: str) -> None:
    """New format: KUA code (7) + month (2) + year (4) + serial (3); old: serial/code/ROMAN-MONTH/year.

    Only on a number and a date both read with confidence (the caller): a number read unsure in no known
    format (`@322/010/III/2021`, a `0` read `@`) or of another month is our reading's doubt, already
    LOW_CONFIDENCE, not a finding about the book."""
    try:
        married = dt.date.fromisoformat(tanggal)
    except ValueError:
        return  # the date itself is checked where it is read
    compact = nomor.replace(" ", "")
    if re.fullmatch(r"\d{16}", compact):
        month, year = int(compact[7:9]), int(compact[9:13])
    elif m := _OLD_AKTA.match(compact):
        if m.group(1) not in _ROMAN_MONTHS:
            check.add("AKTA_NUMBER_FORMAT", document="buku_nikah", field="nomor_akta", found=nomor)
            return
        month, year = _ROMAN_MONTHS.index(m.group(1)) + 1, int(m.group(2))
    else:
        check.add("AKTA_NUMBER_FORMAT", document="buku_nikah", field="nomor_akta", found=nomor)
        return
    if (month, year) != (married.month, married.year):
        check.add("AKTA_NUMBER_MISMATCH", document="buku_nikah", field="nomor_akta",
                  expected=f"{married.month:02d}/{married.year}", found=nomor)
