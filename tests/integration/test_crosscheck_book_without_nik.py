"""A pre-2011 buku nikah (the Model NA form prints no NIK) read by real Tesseract and decided by name and
birth date (`crosscheck/_spouse.py`, docs/review.md): the couple recording their old marriage now is
approved, both spouses' records change; a namesake born on another day is not approved. One page, read once."""

from __future__ import annotations

import dataclasses
import functools

import pytest

import core
import crosscheck
import ocr
import synthetic
from core import ChangeType, DocumentType, Extraction, FieldValue, Status

pytestmark = pytest.mark.integration


def _couple() -> tuple[core.Family, core.Person, core.Person]:
    """The first family of the seed-11 population whose head married before 2011, the marriage unrecorded."""
    for doc in synthetic.population(families=12, seed=11)["keluarga"]:
        family = core.Family.from_dict(doc)
        head = family.kepala_keluarga
        wife = next((p for p in family.anggota if p.status_hubungan == "ISTRI"), None)
        if head and wife and head.tanggal_perkawinan and head.tanggal_perkawinan < "2011-01-01":
            break
    else:
        raise AssertionError("no couple married before 2011 in the population")

    def unrecorded(p: core.Person) -> core.Person:
        if p.nik not in (head.nik, wife.nik):
            return p
        return dataclasses.replace(p, status_perkawinan="KAWIN BELUM TERCATAT", tanggal_perkawinan=None,
                                   no_akta_perkawinan=None)

    return dataclasses.replace(family, anggota=tuple(unrecorded(p) for p in family.anggota)), head, wife


FAMILY, HEAD, WIFE = _couple()


@functools.cache
def _book() -> Extraction:
    rendered = synthetic.render_buku_nikah(
        HEAD, WIFE, tanggal_nikah=HEAD.tanggal_perkawinan or "", nomor_akta=HEAD.no_akta_perkawinan or "",
        kua=f"KUA KECAMATAN {FAMILY.kecamatan}", wali=WIFE.nama_ayah or "-", seed=0, layout="model-na", varied=True)
    assert rendered.truth["fields"]["suami.nik"] is None  # the form of that era has no NIK line
    return ocr.extract(rendered.png)


def _decide(subject: core.Person, family: core.Family = FAMILY) -> core.Decision:
    kk = Extraction(DocumentType.KK, 1, "ocr", {"no_kk": FieldValue(family.no_kk, 0.95)},
                    tuple({"nik": FieldValue(p.nik, 0.95), "nama_lengkap": FieldValue(p.nama_lengkap, 0.95)}
                          for p in family.anggota))
    return crosscheck.decide(change=ChangeType.STATUS_PERKAWINAN, requested={"status_perkawinan": "KAWIN TERCATAT"},
                             subject=subject, family=family,
                             extractions={DocumentType.KK: kk, DocumentType.BUKU_NIKAH: _book()}, threshold=0.8)


def test_the_couple_on_an_old_book_is_approved_by_name_and_birth_date():
    wife = FAMILY.member(WIFE.nik)
    assert wife is not None
    decision = _decide(wife)
    assert decision.status == Status.APPROVED, [(f.code, f.field, f.found) for f in decision.findings]
    assert "SPOUSE_FOUND_BY_NAME" in {f.code for f in decision.findings}
    assert set(decision.changes) == {HEAD.nik, WIFE.nik}
    assert decision.changes[WIFE.nik]["no_akta_perkawinan"] == HEAD.no_akta_perkawinan


def test_a_namesake_born_on_another_day_is_not_approved():
    wife = FAMILY.member(WIFE.nik)
    assert wife is not None
    born = f"{int(wife.tanggal_lahir[:4]) + 1}{wife.tanggal_lahir[4:]}"
    namesake = dataclasses.replace(wife, tanggal_lahir=born)
    family = dataclasses.replace(FAMILY, anggota=tuple(namesake if p.nik == wife.nik else p for p in FAMILY.anggota))
    decision = _decide(namesake, family)
    assert decision.status == Status.NEEDS_REVIEW
    assert "SPOUSE_FOUND_BY_NAME" not in {f.code for f in decision.findings}
