"""From extractions plus the population record to findings and a decision. Pure: no I/O.

The rule of the house: an application is approved only when every field the
decision relies on was read with enough confidence and agrees with the record,
and the evidence proves exactly the requested new values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from core import (
    MISSING,
    ChangeType,
    Decision,
    DocumentType,
    Extraction,
    Family,
    FieldValue,
    Finding,
    Person,
    Status,
    pendidikan_for_jenjang,
    pendidikan_rank,
)

from ._findings import finding

_PUNCTUATION = re.compile(r"[.,'`\"]")


def normalize_name(name: str | None) -> str:
    """Upper case, punctuation dropped, single spaces. Abbreviations are *not* expanded: MUH. ≠ MUHAMMAD."""
    if not name:
        return ""
    return " ".join(_PUNCTUATION.sub(" ", name.upper()).split())


class _Checker:
    """Collects findings while the rules below compare fields."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.findings: list[Finding] = []

    def add(self, code: str, **kw: Any) -> None:
        self.findings.append(finding(code, **kw))

    def read(self, value: FieldValue, *, document: str, field: str) -> str | None:
        """The value if it was read with confidence; records why not otherwise."""
        if value.value is None:
            self.add("FIELD_NOT_FOUND", document=document, field=field)
            return None
        if value.confidence < self.threshold:
            self.add("LOW_CONFIDENCE", document=document, field=field, found=value.value,
                     expected=f">= {self.threshold:.2f}")
        return value.value

    def same(self, code: str, value: FieldValue, expected: str | None, *, document: str, field: str,
             names: bool = False) -> bool:
        found = self.read(value, document=document, field=field)
        if found is None:
            return False
        equal = normalize_name(found) == normalize_name(expected) if names else found == expected
        if not equal:
            self.add(code, document=document, field=field, expected=expected, found=found)
        return equal


def decide(
    *,
    change: ChangeType,
    requested: Mapping[str, Any],
    subject: Person,
    family: Family,
    extractions: Mapping[DocumentType, Extraction],
    known_persons: Mapping[str, Person] | None = None,
    threshold: float = 0.8,
) -> Decision:
    """Decide one application.

    `known_persons` holds the record of every other person a document names (e.g. the other
    spouse of a buku nikah), looked up by the caller; missing ones are simply not checked.
    """
    check = _Checker(threshold)
    kk = extractions.get(DocumentType.KK)
    if kk is None:
        check.add("DOCUMENT_MISSING", document="kk")
    else:
        _check_kk(check, kk, subject, family)

    changes: dict[str, dict[str, Any]] = {}
    if change in (ChangeType.PENDIDIKAN, ChangeType.KOREKSI_BIODATA):
        ijazah = extractions.get(DocumentType.IJAZAH)
        if ijazah is None:
            check.add("DOCUMENT_MISSING", document="ijazah")
        elif change == ChangeType.PENDIDIKAN:
            changes = _check_pendidikan(check, ijazah, subject, requested)
        else:
            changes = _check_koreksi(check, ijazah, subject, requested)
    elif change == ChangeType.STATUS_PERKAWINAN:
        nikah = extractions.get(DocumentType.BUKU_NIKAH)
        if nikah is None:
            check.add("DOCUMENT_MISSING", document="buku_nikah")
        else:
            changes = _check_perkawinan(check, nikah, subject, requested, known_persons or {})

    findings = tuple(check.findings)
    if any(f.code in _REJECTING for f in findings):
        status = Status.REJECTED
    elif change == ChangeType.KOREKSI_BIODATA or any(_needs_a_human(f) for f in findings):
        status = Status.NEEDS_REVIEW
    else:
        status = Status.APPROVED
    return Decision(status=status, findings=findings, changes=changes if status != Status.REJECTED else {})


def _needs_a_human(f: Finding) -> bool:
    return f.severity.blocks_approval or f.code in ("LOW_CONFIDENCE", "PENDIDIKAN_LOWER")


# Findings that mean the application cannot be processed as filed.
_REJECTING = {"DOCUMENT_MISSING", "SUBJECT_NOT_IN_KK", "UNKNOWN_NIK", "DOCUMENT_UNREADABLE", "WRONG_DOCUMENT_TYPE"}


def _check_kk(check: _Checker, kk: Extraction, subject: Person, family: Family) -> None:
    check.same("KK_NUMBER_MISMATCH", kk.fields.get("no_kk", MISSING), family.no_kk, document="kk", field="no_kk")
    row = next((r for r in kk.anggota if r.get("nik", MISSING).value == subject.nik), None)
    if row is None:
        check.add("SUBJECT_NOT_IN_KK", document="kk", field="anggota.nik", expected=subject.nik)
        return
    check.same("NIK_MISMATCH", row["nik"], subject.nik, document="kk", field="anggota.nik")
    check.same("NAME_MISMATCH", row.get("nama_lengkap", MISSING), subject.nama_lengkap, document="kk",
               field="anggota.nama_lengkap", names=True)


def _check_identity(check: _Checker, doc: Extraction, subject: Person, *, document: str, prefix: str = "",
                    skip: tuple[str, ...] = ()) -> None:
    fields = doc.fields
    if "nama_lengkap" not in skip:
        check.same("NAME_MISMATCH", fields.get(prefix + "nama_lengkap", MISSING), subject.nama_lengkap,
                   document=document, field=prefix + "nama_lengkap", names=True)
    if "tanggal_lahir" not in skip:
        check.same("BIRTH_DATE_MISMATCH", fields.get(prefix + "tanggal_lahir", MISSING), subject.tanggal_lahir,
                   document=document, field=prefix + "tanggal_lahir")
    if "tempat_lahir" not in skip and (prefix + "tempat_lahir") in fields and document == "ijazah":
        check.same("BIRTH_PLACE_MISMATCH", fields[prefix + "tempat_lahir"], subject.tempat_lahir,
                   document=document, field=prefix + "tempat_lahir", names=True)


def _check_pendidikan(check: _Checker, ijazah: Extraction, subject: Person,
                      requested: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    _check_identity(check, ijazah, subject, document="ijazah")
    parent = ijazah.fields.get("nama_orang_tua", MISSING)
    if parent.value is not None:
        parents = {normalize_name(subject.nama_ayah), normalize_name(subject.nama_ibu)}
        if normalize_name(parent.value) not in parents:
            check.add("PARENT_NAME_MISMATCH", document="ijazah", field="nama_orang_tua",
                      expected=" / ".join(p for p in (subject.nama_ayah, subject.nama_ibu) if p), found=parent.value)
    jenjang = check.read(ijazah.fields.get("jenjang", MISSING), document="ijazah", field="jenjang")
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


def _check_koreksi(check: _Checker, ijazah: Extraction, subject: Person,
                   requested: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    corrected = tuple(k for k in ("nama_lengkap", "tempat_lahir", "tanggal_lahir") if k in requested)
    _check_identity(check, ijazah, subject, document="ijazah", skip=corrected)
    new_values: dict[str, Any] = {}
    for name in corrected:
        printed = check.read(ijazah.fields.get(name, MISSING), document="ijazah", field=name)
        wanted = requested[name]
        equal = normalize_name(printed) == normalize_name(wanted) if name != "tanggal_lahir" else printed == wanted
        if printed is not None and not equal:
            check.add("REQUESTED_NOT_PROVEN", document="ijazah", field=name, expected=wanted, found=printed)
        new_values[name] = wanted
    check.add("MANUAL_REVIEW_REQUIRED", document="ijazah")
    return {subject.nik: new_values} if new_values else {}


def _check_perkawinan(check: _Checker, nikah: Extraction, subject: Person, requested: Mapping[str, Any],
                      known: Mapping[str, Person]) -> dict[str, dict[str, Any]]:
    role = next((r for r in ("suami", "istri") if nikah.value(f"{r}.nik") == subject.nik), None)
    if role is None:
        check.add("SUBJECT_NOT_SPOUSE", document="buku_nikah", field="suami.nik/istri.nik", expected=subject.nik,
                  found=" / ".join(str(nikah.value(f"{r}.nik")) for r in ("suami", "istri")))
        return {}
    check.read(nikah.fields[f"{role}.nik"], document="buku_nikah", field=f"{role}.nik")
    _check_identity(check, nikah, subject, document="buku_nikah", prefix=f"{role}.")
    if subject.status_perkawinan == "KAWIN TERCATAT":
        check.add("ALREADY_MARRIED", document="buku_nikah", field="status_perkawinan",
                  found=subject.status_perkawinan)
    other_role = "istri" if role == "suami" else "suami"
    other_nik = nikah.value(f"{other_role}.nik")
    other = known.get(other_nik) if other_nik else None
    if other is not None:
        _check_identity(check, nikah, other, document="buku_nikah", prefix=f"{other_role}.")
    tanggal = check.read(nikah.fields.get("tanggal_nikah", MISSING), document="buku_nikah", field="tanggal_nikah")
    nomor = check.read(nikah.fields.get("nomor_akta", MISSING), document="buku_nikah", field="nomor_akta")
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
