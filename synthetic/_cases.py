"""Application cases for the cross-check: who applies, for what, with which (possibly tampered) documents.

Each case is a plan: the subject, the change, what is requested, a list of
documents to render (type + arguments), and the outcome the cross-check should
reach if every document were read perfectly. `_corpus.py` renders the plans.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import core

from ._population import OLD_MARRIAGES, REFERENCE_DAY

CASE_KINDS = (
    "genuine_pendidikan", "genuine_perkawinan", "misspelled_name", "other_birth_date", "other_persons_ijazah",
    "spouse_nik_mismatch", "kk_of_other_family", "subject_missing_from_kk", "kk_as_ijazah",
    "requested_not_proven", "genuine_koreksi",
)
# The next ijazah up from a SIAK pendidikan, and the age at which it is earned.
_NEXT_JENJANG = {
    "TIDAK/BELUM SEKOLAH": ("SD", 12), "BELUM TAMAT SD/SEDERAJAT": ("SD", 12),
    "TAMAT SD/SEDERAJAT": ("SMP", 15), "SLTP/SEDERAJAT": ("SMA", 18), "SLTA/SEDERAJAT": ("S1", 22),
    "DIPLOMA I/II": ("D3", 21), "AKADEMI/DIPLOMA III/S. MUDA": ("S1", 22),
}
_VOWELS = "AEIOU"


@dataclass(frozen=True)
class DocPlan:
    """One file of an application: the slot it is uploaded in and how to render it."""

    slot: str
    """`kk`, `ijazah` or `buku_nikah`: what the applicant claims it is."""
    kind: str
    """What it really is (`kk`, `ijazah`, `buku_nikah`)."""
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CasePlan:
    kind: str
    subject: core.Person
    change: str
    requested: dict[str, str]
    documents: tuple[DocPlan, ...]
    status: str
    findings: tuple[str, ...]
    known_persons: tuple[str, ...] = ()
    note: str = ""


class CasePlanner:
    """Picks subjects and builds one `CasePlan` per kind, deterministically from `rng`."""

    def __init__(self, families: list[core.Family], rng: random.Random) -> None:
        if len(families) < 2:
            raise ValueError("the population needs at least two families")
        self.families = families
        self.rng = rng
        self.family_of = {p.nik: f for f in families for p in f.anggota}
        people = [p for f in families for p in f.anggota]
        self.learners = [p for p in people if p.pendidikan in _NEXT_JENJANG and _age(p) >= _NEXT_JENJANG[p.pendidikan][1]]
        self.singles = [p for p in people if p.status_perkawinan == "BELUM KAWIN" and _age(p) >= 19]
        # Couples married long ago and never recorded (`population(old_marriages=...)`): when the population
        # has any, they are the ones who bring a buku nikah, one of that era.
        self.unrecorded = [p for f in families for p in f.anggota if _partner_unrecorded(p, f) is not None]
        self.people = people
        if not self.learners:
            raise ValueError("the population has nobody old enough for a next ijazah")

    def plan(self, kind: str) -> CasePlan:
        if kind not in CASE_KINDS:
            raise ValueError(f"unknown case kind {kind!r}")
        return getattr(self, f"_{kind}")()

    # --- helpers ----------------------------------------------------------------------------
    def _learner(self) -> tuple[core.Person, str]:
        person = self.rng.choice(self.learners)
        return person, _NEXT_JENJANG[person.pendidikan][0]

    def _kk(self, person: core.Person, **args: Any) -> DocPlan:
        return DocPlan("kk", "kk", {"family": self.family_of[person.nik], **args})

    def _pendidikan(self, kind: str, *, ijazah_args: dict[str, Any] | None = None, status: str = "approved",
                    findings: tuple[str, ...] = (), requested: dict[str, str] | None = None,
                    kk: DocPlan | None = None, subject: core.Person | None = None, jenjang: str | None = None,
                    note: str = "") -> CasePlan:
        person, next_jenjang = self._learner() if subject is None else (subject, jenjang)
        args = {"person": person, "jenjang": next_jenjang, **(ijazah_args or {})}
        proven = core.pendidikan_for_jenjang(next_jenjang)
        return CasePlan(kind, person, "pendidikan", requested or {"pendidikan": str(proven)},
                        (kk or self._kk(person), DocPlan("ijazah", "ijazah", args)), status, findings, note=note)

    # --- the kinds ----------------------------------------------------------------------------
    def _genuine_pendidikan(self) -> CasePlan:
        return self._pendidikan("genuine_pendidikan", note="ijazah of the next level, everything matches")

    def _misspelled_name(self) -> CasePlan:
        person, jenjang = self._learner()
        return self._pendidikan("misspelled_name", subject=person, jenjang=jenjang,
                                ijazah_args={"overrides": {"nama_lengkap": misspell(person.nama_lengkap, self.rng)}},
                                status="needs_review", findings=("NAME_MISMATCH",),
                                note="one letter of the name changed on the ijazah")

    def _other_birth_date(self) -> CasePlan:
        person, jenjang = self._learner()
        born = dt.date.fromisoformat(person.tanggal_lahir) + dt.timedelta(days=self.rng.choice((-1, 1)) *
                                                                           self.rng.randint(1, 400))
        return self._pendidikan("other_birth_date", subject=person, jenjang=jenjang,
                                ijazah_args={"overrides": {"tanggal_lahir": born.isoformat()}},
                                status="needs_review", findings=("BIRTH_DATE_MISMATCH",),
                                note="the ijazah prints another birth date")

    def _other_persons_ijazah(self) -> CasePlan:
        person, jenjang = self._learner()
        other = self.rng.choice([p for p in self.people if p.nama_lengkap != person.nama_lengkap
                                 and p.tanggal_lahir != person.tanggal_lahir])
        plan = self._pendidikan("other_persons_ijazah", subject=person, jenjang=jenjang,
                                ijazah_args={"person": other}, status="needs_review",
                                findings=("NAME_MISMATCH", "BIRTH_DATE_MISMATCH"),
                                note="the ijazah of someone else, for the subject's next level")
        return plan

    def _kk_of_other_family(self) -> CasePlan:
        person, jenjang = self._learner()
        other = self.rng.choice([f for f in self.families if f is not self.family_of[person.nik]])
        return self._pendidikan("kk_of_other_family", subject=person, jenjang=jenjang,
                                kk=DocPlan("kk", "kk", {"family": other}), status="rejected",
                                findings=("KK_NUMBER_MISMATCH", "SUBJECT_NOT_IN_KK"),
                                note="the KK uploaded is another family's")

    def _subject_missing_from_kk(self) -> CasePlan:
        choices = [p for p in self.learners if len(self.family_of[p.nik].anggota) > 1]
        person = self.rng.choice(choices or self.learners)
        family = self.family_of[person.nik]
        cut = dataclasses.replace(family, anggota=tuple(p for p in family.anggota if p.nik != person.nik))
        return self._pendidikan("subject_missing_from_kk", subject=person, jenjang=_NEXT_JENJANG[person.pendidikan][0],
                                kk=DocPlan("kk", "kk", {"family": cut}), status="needs_review",
                                findings=("KK_NOT_READ",),
                                note="the family's KK without the subject's row: on the page it cannot be told from "
                                     "a row the reading dropped, so a verifikator looks (not read is not absent)")

    def _kk_as_ijazah(self) -> CasePlan:
        person, _ = self._learner()
        proven = core.pendidikan_for_jenjang(_NEXT_JENJANG[person.pendidikan][0])
        kk = self._kk(person)
        return CasePlan("kk_as_ijazah", person, "pendidikan", {"pendidikan": str(proven)},
                        (kk, DocPlan("ijazah", "kk", dict(kk.args))), "rejected", ("WRONG_DOCUMENT_TYPE",),
                        note="the KK uploaded again in the ijazah slot")

    def _requested_not_proven(self) -> CasePlan:
        person, jenjang = self._learner()
        proven = core.pendidikan_for_jenjang(jenjang)
        higher = "STRATA II" if proven != "STRATA II" else "STRATA III"
        return self._pendidikan("requested_not_proven", subject=person, jenjang=jenjang,
                                requested={"pendidikan": higher}, status="needs_review",
                                findings=("REQUESTED_NOT_PROVEN",), note=f"asks for {higher}, the ijazah proves {proven}")

    def _genuine_koreksi(self) -> CasePlan:
        person, jenjang = self._learner()
        corrected = dt.date.fromisoformat(person.tanggal_lahir) + dt.timedelta(days=self.rng.randint(1, 60))
        args = {"person": person, "jenjang": jenjang, "overrides": {"tanggal_lahir": corrected.isoformat()}}
        return CasePlan("genuine_koreksi", person, "koreksi_biodata", {"tanggal_lahir": corrected.isoformat()},
                        (self._kk(person), DocPlan("ijazah", "ijazah", args)), "needs_review",
                        ("MANUAL_REVIEW_REQUIRED",), note="birth date corrected to the one the ijazah prints")

    def _genuine_perkawinan(self) -> CasePlan:
        return self._perkawinan("genuine_perkawinan", tamper=False)

    def _spouse_nik_mismatch(self) -> CasePlan:
        return self._perkawinan("spouse_nik_mismatch", tamper=True)

    def _perkawinan(self, kind: str, *, tamper: bool) -> CasePlan:
        if self.unrecorded:
            return self._old_marriage(kind, tamper=tamper)
        if not self.singles:
            raise ValueError("the population has no unmarried adult")
        person = self.rng.choice(self.singles)
        female = person.jenis_kelamin == "PEREMPUAN"
        partners = [p for p in self.singles if p.jenis_kelamin != person.jenis_kelamin
                    and self.family_of[p.nik] is not self.family_of[person.nik]]
        partner = self.rng.choice(partners) if partners else _outsider(person, self.rng)
        suami, istri = (partner, person) if female else (person, partner)
        earliest = max(dt.date.fromisoformat(p.tanggal_lahir) for p in (suami, istri)).replace(month=1, day=1)
        earliest = max(earliest + dt.timedelta(days=19 * 366), REFERENCE_DAY - dt.timedelta(days=6 * 365))
        latest = REFERENCE_DAY - dt.timedelta(days=20)
        married = earliest + dt.timedelta(days=self.rng.randint(0, max(0, (latest - earliest).days)))
        family = self.family_of[person.nik]
        args: dict[str, Any] = {
            "suami": suami, "istri": istri, "tanggal_nikah": married.isoformat(),
            "kua": f"KUA KECAMATAN {family.kecamatan}", "kua_code": family.no_kk[:6] + str(self.rng.randint(0, 9)),
            "wali": istri.nama_ayah or "-", "overrides": {},
        }
        role = "istri" if female else "suami"
        findings: tuple[str, ...] = ()
        status = "approved"
        note = "the subject marries an unmarried adult" + (" of another family" if partners else " outside the record")
        if tamper:
            args["overrides"] = {f"{role}.nik": alter_nik(person.nik, self.rng)}
            status, findings = "needs_review", ("SUBJECT_NOT_SPOUSE",)
            note = f"the {role}'s NIK on the buku nikah differs from the subject's by one digit"
        known = (partner.nik,) if partners else ()
        return CasePlan(kind, person, "status_perkawinan", {"status_perkawinan": "KAWIN TERCATAT"},
                        (self._kk(person), DocPlan("buku_nikah", "buku_nikah", args)), status, findings,
                        known_persons=known, note=note)


    def _old_marriage(self, kind: str, *, tamper: bool) -> CasePlan:
        """A couple on the KK, married between 1975 and 2010, records the marriage with the book of that day.

        Tampered, the book names someone else with the subject's name: another NIK (where the book prints
        one) and another birth date (which every book prints): the subject is not that spouse."""
        person = self.rng.choice(self.unrecorded)
        family = self.family_of[person.nik]
        partner = _partner_unrecorded(person, family)
        assert partner is not None
        female = person.jenis_kelamin == "PEREMPUAN"
        suami, istri = (partner, person) if female else (person, partner)
        adult = max(dt.date.fromisoformat(p.tanggal_lahir) for p in (suami, istri)) + dt.timedelta(days=19 * 366)
        earliest = max(adult, OLD_MARRIAGES[0])
        births = [dt.date.fromisoformat(p.tanggal_lahir) for p in family.anggota if p.status_hubungan == "ANAK"]
        latest = min([OLD_MARRIAGES[1], *(b - dt.timedelta(days=280) for b in births)])
        married = earliest + dt.timedelta(days=self.rng.randint(0, max(0, (latest - earliest).days)))
        args: dict[str, Any] = {
            "suami": suami, "istri": istri, "tanggal_nikah": married.isoformat(),
            "kua": f"KUA KECAMATAN {family.kecamatan}", "kua_code": family.no_kk[:6] + str(self.rng.randint(0, 9)),
            "wali": istri.nama_ayah or "-", "overrides": {},
        }
        role = "istri" if female else "suami"
        status, findings = "approved", ()
        note = f"a couple married on {married.isoformat()}, not recorded, brings the book of that day"
        if tamper:
            born = dt.date.fromisoformat(person.tanggal_lahir) + dt.timedelta(
                days=self.rng.choice((-1, 1)) * self.rng.randint(1, 400))
            args["overrides"] = {f"{role}.nik": alter_nik(person.nik, self.rng), f"{role}.tanggal_lahir": born.isoformat()}
            status = "needs_review"
            note = f"the book's {role} has the subject's name, another NIK and another birth date: a namesake"
        return CasePlan(kind, person, "status_perkawinan", {"status_perkawinan": "KAWIN TERCATAT"},
                        (self._kk(person), DocPlan("buku_nikah", "buku_nikah", args)), status, findings,
                        known_persons=(partner.nik,), note=note)


def _partner_unrecorded(person: core.Person, family: core.Family) -> core.Person | None:
    """The other half of a couple on the KK whose marriage is not recorded (KAWIN BELUM TERCATAT), or None."""
    if person.status_perkawinan != "KAWIN BELUM TERCATAT" or person.status_hubungan not in (
            "KEPALA KELUARGA", "ISTRI", "SUAMI"):
        return None
    return next((p for p in family.anggota if p.nik != person.nik and p.status_perkawinan == "KAWIN BELUM TERCATAT"
                 and p.jenis_kelamin != person.jenis_kelamin
                 and p.status_hubungan in ("KEPALA KELUARGA", "ISTRI", "SUAMI")), None)


def misspell(name: str, rng: random.Random) -> str:
    """`name` with one letter replaced or dropped, so that normalized names differ."""
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()] or list(range(len(words)))
    i = rng.choice(long_words)
    word = words[i]
    pos = rng.randrange(1, len(word)) if len(word) > 1 else 0
    if word[pos] in _VOWELS and rng.random() < 0.6:
        new = word[:pos] + rng.choice([v for v in _VOWELS if v != word[pos]]) + word[pos + 1:]
    else:
        new = word[:pos] + word[pos + 1:] if len(word) > 3 else word + "H"
    words[i] = new
    return " ".join(words)


def alter_nik(nik: str, rng: random.Random) -> str:
    """One digit of the 4-digit serial changed: a NIK that still looks valid."""
    pos = rng.randrange(12, 16)
    digit = rng.choice([d for d in "0123456789" if d != nik[pos]])
    altered = nik[:pos] + digit + nik[pos + 1:]
    return altered if altered[12:] != "0000" else nik[:12] + "0001"


def _outsider(person: core.Person, rng: random.Random) -> core.Person:
    """A spouse who is not in the record (from another regency), of the other sex."""
    female = person.jenis_kelamin == "LAKI-LAKI"
    born = dt.date.fromisoformat(person.tanggal_lahir) + dt.timedelta(days=rng.randint(-900, 900))
    day = born.day + 40 if female else born.day
    nik = f"730101{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randint(1, 9999):04d}"
    name = rng.choice(("SITTI NURHALIZA", "RAHMAWATI", "ANDI ASRIANI") if female else
                      ("MUHAMMAD AKBAR", "ANDI IRFAN", "SYAHRUL RAMADHAN"))
    return dataclasses.replace(person, nik=nik, nama_lengkap=name, jenis_kelamin="PEREMPUAN" if female else "LAKI-LAKI",
                               tanggal_lahir=born.isoformat(), tempat_lahir="MAKASSAR",
                               nama_ayah="ABDUL HAMID", nama_ibu="SITTI HAWA")


def _age(person: core.Person) -> int:
    born = dt.date.fromisoformat(person.tanggal_lahir)
    return REFERENCE_DAY.year - born.year - ((REFERENCE_DAY.month, REFERENCE_DAY.day) < (born.month, born.day))
