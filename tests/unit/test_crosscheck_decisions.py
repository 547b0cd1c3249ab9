"""Decision rules of session 10 (issue #14, item 5 and targets), on hand-made extractions: pure, no I/O.

- the No. KK: only another family's number read clearly is a KK_NUMBER_MISMATCH; any other difference
  is our reading's doubt (KK_NUMBER_UNCLEAR, review);
- a buku nikah of an era that printed no NIK: the spouse found by name and birth date read with
  confidence (`crosscheck/_spouse.py`), and each near miss of that proof not approved;
- old akta number formats the KUA used.
"""

from __future__ import annotations

import dataclasses

import pytest

from core import ChangeType, DocumentType, Extraction, Family, FieldValue, Person, Status
from crosscheck import decide
from tests.fixtures.population import population

FAMILY = Family.from_dict(population()["keluarga"][0])
UNRECORDED = "KAWIN BELUM TERCATAT"


def fv(value: str | None, confidence: float = 0.95) -> FieldValue:
    return FieldValue(value, confidence if value is not None else 0.0, 1, (0, 0, 10, 10))


def _couple() -> tuple[Family, Person, Person]:
    """The fixture's head and wife, married in 2005 and never recorded as such (they bring the old book)."""
    members = tuple(dataclasses.replace(p, status_perkawinan=UNRECORDED, tanggal_perkawinan=None,
                                        no_akta_perkawinan=None) if p.status_hubungan in ("KEPALA KELUARGA", "ISTRI")
                    else p for p in FAMILY.anggota)
    family = dataclasses.replace(FAMILY, anggota=members)
    head = next(p for p in members if p.status_hubungan == "KEPALA KELUARGA")
    wife = next(p for p in members if p.status_hubungan == "ISTRI")
    return family, head, wife


COUPLE, HUSBAND, WIFE = _couple()


def kk(family: Family = COUPLE, no_kk: FieldValue | None = None) -> Extraction:
    rows = tuple({"nik": fv(p.nik), "nama_lengkap": fv(p.nama_lengkap), "tanggal_lahir": fv(p.tanggal_lahir)}
                 for p in family.anggota)
    return Extraction(DocumentType.KK, 1, "ocr", {"no_kk": no_kk or fv(family.no_kk)}, rows)


def old_book(**override: str | FieldValue | None) -> Extraction:
    """A Model NA book of 2005: no NIK printed, the old akta number."""
    fields: dict[str, str | FieldValue | None] = {
        "nomor_akta": "0123/045/VI/2005", "tanggal_nikah": "2005-06-20", "kua": "KUA KECAMATAN KOLAKA",
        "suami.nama_lengkap": HUSBAND.nama_lengkap, "suami.tanggal_lahir": HUSBAND.tanggal_lahir,
        "istri.nama_lengkap": WIFE.nama_lengkap, "istri.tanggal_lahir": WIFE.tanggal_lahir,
    }
    fields.update(override)
    return Extraction(DocumentType.BUKU_NIKAH, 1, "ocr",
                      {k: v if isinstance(v, FieldValue) else fv(v) for k, v in fields.items()})


def marry(book: Extraction, *, subject: Person = WIFE, family: Family = COUPLE, kk_reading: Extraction | None = None):
    return decide(change=ChangeType.STATUS_PERKAWINAN, requested={"status_perkawinan": "KAWIN TERCATAT"},
                  subject=subject, family=family,
                  extractions={DocumentType.KK: kk_reading or kk(family), DocumentType.BUKU_NIKAH: book},
                  known_persons={}, threshold=0.8)


def codes(decision) -> list[str]:
    return sorted(f.code for f in decision.findings)


# --- the No. KK: doubt is not a mismatch ---------------------------------------------------------------

def _pendidikan(no_kk: FieldValue):
    son = next(p for p in FAMILY.anggota if p.status_hubungan == "ANAK")
    ijazah = Extraction(DocumentType.IJAZAH, 1, "ocr", {
        "jenjang": fv("S1"), "nama_lengkap": fv(son.nama_lengkap), "tempat_lahir": fv(son.tempat_lahir),
        "tanggal_lahir": fv(son.tanggal_lahir)})
    return decide(change=ChangeType.PENDIDIKAN, requested={}, subject=son, family=FAMILY,
                  extractions={DocumentType.KK: kk(FAMILY, no_kk), DocumentType.IJAZAH: ijazah}, threshold=0.8)


@pytest.mark.parametrize(
    ("number", "confidence", "why"),
    [
        ("7471020101150007", 0.40, "another number read below the threshold"),
        ("7401051203080042", 0.95, "one digit off, read with confidence: a likely misread"),
        ("7401051203080", 0.95, "13 digits: not a No. KK"),
        ("7401051203800001", 0.95, "the head's NIK taken for the No. KK"),
    ],
)
def test_a_no_kk_not_read_clearly_is_doubt_not_a_mismatch(number, confidence, why):
    decision = _pendidikan(fv(number, confidence))
    assert decision.status == Status.NEEDS_REVIEW, why
    assert "KK_NUMBER_UNCLEAR" in codes(decision), why
    assert "KK_NUMBER_MISMATCH" not in codes(decision), why
    unclear = next(f for f in decision.findings if f.code == "KK_NUMBER_UNCLEAR")
    assert (unclear.expected, unclear.found) == (FAMILY.no_kk, number)
    assert unclear.message.startswith("KK tidak terbaca jelas")


def test_only_another_familys_number_read_clearly_is_a_mismatch():
    decision = _pendidikan(fv("7471020101150007", 0.93))
    assert decision.status == Status.NEEDS_REVIEW
    assert "KK_NUMBER_MISMATCH" in codes(decision) and "KK_NUMBER_UNCLEAR" not in codes(decision)
    # read as the record holds it, even unsure: nothing to say
    assert _pendidikan(fv(FAMILY.no_kk, 0.3)).status == Status.APPROVED


# --- a spouse on a book of an era without NIKs -----------------------------------------------------------

@pytest.mark.parametrize("subject", [WIFE, HUSBAND], ids=["istri", "suami"])
def test_a_pre_2011_book_without_niks_finds_both_spouses_by_name_and_birth_date(subject):
    decision = marry(old_book(), subject=subject)
    assert decision.status == Status.APPROVED, codes(decision)
    assert "SPOUSE_FOUND_BY_NAME" in codes(decision)
    values = {"status_perkawinan": "KAWIN TERCATAT", "tanggal_perkawinan": "2005-06-20",
              "no_akta_perkawinan": "0123/045/VI/2005"}
    assert decision.changes == {HUSBAND.nik: values, WIFE.nik: values}


# The wife heads the KK alone: the husband the book names is on no KK of ours.
_HEAD_WIFE = dataclasses.replace(WIFE, status_hubungan="KEPALA KELUARGA")
ALONE = dataclasses.replace(COUPLE, anggota=tuple(_HEAD_WIFE if p.nik == WIFE.nik else p for p in COUPLE.anggota
                                                  if p.nik != HUSBAND.nik))


def test_the_other_spouse_outside_the_family_is_identified_by_the_book_alone():
    book = old_book(**{"suami.nama_lengkap": "ANDI IRFAN", "suami.tanggal_lahir": "1979-02-03"})
    decision = marry(book, subject=_HEAD_WIFE, family=ALONE)
    assert decision.status == Status.APPROVED, codes(decision)
    assert set(decision.changes) == {WIFE.nik}
    unread = marry(old_book(**{"suami.nama_lengkap": "ANDI IRFAN", "suami.tanggal_lahir": None}),
                   subject=_HEAD_WIFE, family=ALONE)
    assert unread.status == Status.NEEDS_REVIEW and "FIELD_NOT_FOUND" in codes(unread)


@pytest.mark.parametrize(
    ("override", "why"),
    [
        ({"suami.nama_lengkap": "ANDI IRFAN", "suami.tanggal_lahir": "1979-02-03"}, "another man"),
        ({"suami.nama_lengkap": HUSBAND.nama_lengkap.rsplit(" ", 1)[0]}, "the husband's name cut short"),
        ({"suami.nama_lengkap": fv(HUSBAND.nama_lengkap, 0.5)}, "the husband's name read unsure"),
        ({"suami.tanggal_lahir": "1980-03-13"}, "the husband's birth date a day off"),
        ({"suami.tanggal_lahir": None}, "the husband's birth date not read"),
    ],
)
def test_a_spouse_the_kk_records_must_be_the_one_the_book_names(override, why):
    # Approving the wife alone would leave her husband on the same KK unrecorded: half a marriage.
    decision = marry(old_book(**override))
    assert decision.status == Status.NEEDS_REVIEW, (why, codes(decision))
    assert HUSBAND.nik not in (decision.changes or {}), why


_TWIN = dataclasses.replace(WIFE, nik="7401055506850009", status_hubungan="FAMILI LAIN")


@pytest.mark.parametrize(
    ("override", "family", "why"),
    [
        ({"istri.tanggal_lahir": "1985-06-16"}, COUPLE, "the same name, another birth date"),
        ({"istri.nama_lengkap": "WA ODE SITI AMINA"}, COUPLE, "one letter off"),
        ({"istri.nama_lengkap": "W. ODE SITI AMINAH"}, COUPLE, "abbreviated"),
        ({"istri.nama_lengkap": fv(WIFE.nama_lengkap, 0.6)}, COUPLE, "name read unsure"),
        ({"istri.tanggal_lahir": fv(WIFE.tanggal_lahir, 0.6)}, COUPLE, "birth date read unsure"),
        ({"istri.tanggal_lahir": None}, COUPLE, "birth date not read"),
        ({"tanggal_nikah": "2012-06-20", "nomor_akta": "0123/045/VI/2012"}, COUPLE,
         "a book of 2012 prints NIKs: its NIK was not read"),
        ({"tanggal_nikah": fv("2005-06-20", 0.5)}, COUPLE, "the era not read clearly"),
        ({"tanggal_nikah": None}, COUPLE, "no marriage date"),
        ({"suami.nik": HUSBAND.nik}, COUPLE, "a NIK read on the book: not a book without NIKs"),
        ({"suami.nama_lengkap": WIFE.nama_lengkap, "suami.tanggal_lahir": WIFE.tanggal_lahir,
          "istri.nama_lengkap": "WA ODE HASNAH", "istri.tanggal_lahir": "1960-01-01"}, COUPLE,
         "the subject's name in the husband's place"),
        ({"nomor_akta": "0123/045/VII/2005"}, COUPLE, "the akta number of another month"),
        ({}, dataclasses.replace(COUPLE, anggota=(*COUPLE.anggota, _TWIN)),
         "someone else in the family has the same name and birth date"),
    ],
)
def test_a_near_miss_of_the_name_route_is_never_approved_nor_rejected(override, family, why):
    decision = marry(old_book(**override), family=family)
    assert decision.status == Status.NEEDS_REVIEW, (why, codes(decision))
    assert "SPOUSE_FOUND_BY_NAME" not in codes(decision) or "AKTA_NUMBER_MISMATCH" in codes(decision), why


def test_a_newer_book_whose_nik_was_not_read_shows_the_verifikator_the_name_that_matches():
    book = old_book(tanggal_nikah="2016-06-20", nomor_akta="0123/045/VI/2016", **{"suami.nik": HUSBAND.nik})
    decision = marry(book)
    assert decision.status == Status.NEEDS_REVIEW
    assert {"FIELD_NOT_FOUND", "SPOUSE_NIK_NOT_READ"} <= set(codes(decision))
    shown = next(f for f in decision.findings if f.code == "SPOUSE_NIK_NOT_READ")
    assert shown.field == "istri.nik" and WIFE.nama_lengkap in (shown.found or "")
    # a name that is not the subject's earns no such note
    other = marry(dataclasses.replace(book, fields={**book.fields, "istri.nama_lengkap": fv("WA ODE HASNAH")}))
    assert "SPOUSE_NIK_NOT_READ" not in codes(other) and other.status == Status.NEEDS_REVIEW


def test_a_nik_read_unsure_is_doubt_not_another_spouse():
    # b8 case-0023 (nikah-model-na photo): the wife's NIK read `7404926608004920` at 0.28 was reported as
    # SUBJECT_NOT_SPOUSE ("Pemohon tidak tercantum ..."): a misread of hers is as likely as another woman
    misread = WIFE.nik[:5] + "9" + WIFE.nik[6:]
    book = old_book(tanggal_nikah="2016-06-20", nomor_akta="0123/045/VI/2016",
                    **{"suami.nik": HUSBAND.nik, "istri.nik": fv(misread, 0.28)})
    decision = marry(book)
    assert decision.status == Status.NEEDS_REVIEW
    assert "SUBJECT_NOT_SPOUSE" not in codes(decision)
    assert {"LOW_CONFIDENCE", "SPOUSE_NIK_NOT_READ"} <= set(codes(decision))
    # the same number read clearly is another person's NIK: the subject is not that spouse
    clear = marry(old_book(tanggal_nikah="2016-06-20", nomor_akta="0123/045/VI/2016",
                           **{"suami.nik": HUSBAND.nik, "istri.nik": fv(misread, 0.95)}))
    assert clear.status == Status.NEEDS_REVIEW and "SUBJECT_NOT_SPOUSE" in codes(clear)


# --- several members the record could pair the subject with: no sure partner ------------------------------

# A second wife of the head on the same KK (a polygamous household recorded on one KK), also KAWIN: the record
# pairs the husband with two women.
_SECOND = dataclasses.replace(WIFE, nik="7401054408900005", nama_lengkap="WA ODE NURHAYATI", tanggal_lahir="1990-08-04",
                              status_perkawinan=UNRECORDED)
TWO_WIVES = dataclasses.replace(COUPLE, anggota=(*COUPLE.anggota, _SECOND))


def test_several_recorded_partners_and_the_book_naming_none_of_them_goes_to_review_saying_so():
    """The husband applies; the book's wife is none of the two recorded (another woman, or her name unread):
    the decision must not be taken against the first of the two, nor approved, nor rejected."""
    for override in ({"istri.nama_lengkap": "WA ODE HASNAH", "istri.tanggal_lahir": "1988-01-01"},
                     {"istri.nama_lengkap": fv(WIFE.nama_lengkap, 0.5)},
                     {"istri.nama_lengkap": None}):
        decision = marry(old_book(**override), subject=HUSBAND, family=TWO_WIVES)
        assert decision.status == Status.NEEDS_REVIEW, (override, codes(decision))
        assert "SPOUSE_AMBIGUOUS" in codes(decision), override
        ambiguous = next(f for f in decision.findings if f.code == "SPOUSE_AMBIGUOUS")
        assert ambiguous.severity.blocks_approval and "lebih dari satu" in ambiguous.message
        assert WIFE.nama_lengkap in (ambiguous.expected or "") and _SECOND.nama_lengkap in (ambiguous.expected or "")
        assert WIFE.nik not in decision.changes and _SECOND.nik not in decision.changes


@pytest.mark.parametrize("wife", [WIFE, _SECOND], ids=["first", "second"])
def test_several_recorded_partners_and_the_book_naming_one_clearly_decides_on_that_one(wife):
    book = old_book(**{"istri.nama_lengkap": wife.nama_lengkap, "istri.tanggal_lahir": wife.tanggal_lahir})
    decision = marry(book, subject=HUSBAND, family=TWO_WIVES)
    assert decision.status == Status.APPROVED, codes(decision)
    assert set(decision.changes) == {HUSBAND.nik, wife.nik}


def test_a_family_member_the_record_does_not_pair_the_subject_with_is_not_approved():
    """The book names, by name and birth date, a woman on the KK who is not the husband's recorded wife."""
    cousin = dataclasses.replace(_SECOND, status_hubungan="FAMILI LAIN", status_perkawinan="BELUM KAWIN")
    family = dataclasses.replace(COUPLE, anggota=(*COUPLE.anggota, cousin))
    book = old_book(**{"istri.nama_lengkap": cousin.nama_lengkap, "istri.tanggal_lahir": cousin.tanggal_lahir})
    decision = marry(book, subject=HUSBAND, family=family)
    assert decision.status == Status.NEEDS_REVIEW and "NAME_MISMATCH" in codes(decision), codes(decision)


def _newer_book(wife_nik: str, confidence: float = 0.95) -> Extraction:
    """A book of 2016, when NIKs are printed: the husband's NIK and a wife's, read with `confidence`."""
    niks: dict[str, str | FieldValue | None] = {"suami.nik": HUSBAND.nik, "istri.nik": fv(wife_nik, confidence)}
    return old_book(tanggal_nikah="2016-06-20", nomor_akta="0123/045/VI/2016", **niks)


def test_a_book_with_niks_must_name_the_spouse_the_kk_records():
    """The KK records the husband's wife (both KAWIN BELUM TERCATAT); his book names another woman by a NIK
    read clearly: not approved, and the verifikator is shown whom the record pairs him with."""
    assert marry(_newer_book(WIFE.nik), subject=HUSBAND).status == Status.APPROVED
    decision = marry(_newer_book(_SECOND.nik), subject=HUSBAND)
    assert decision.status == Status.NEEDS_REVIEW and "NAME_MISMATCH" in codes(decision), codes(decision)
    mismatch = next(f for f in decision.findings if f.code == "NAME_MISMATCH")
    assert mismatch.field == "istri.nama_lengkap" and mismatch.expected == WIFE.nama_lengkap
    assert mismatch.found == WIFE.nama_lengkap  # the name the book prints beside that NIK, for the verifikator
    # either recorded wife named by her NIK decides on her; a NIK read unsure is doubt, not another woman
    assert marry(_newer_book(_SECOND.nik), subject=HUSBAND, family=TWO_WIVES).status == Status.APPROVED
    unsure = marry(_newer_book(_SECOND.nik, 0.4), subject=HUSBAND)
    assert unsure.status == Status.NEEDS_REVIEW and "NAME_MISMATCH" not in codes(unsure), codes(unsure)


def test_record_partners_lists_every_candidate_and_none_outside_a_couple_role():
    from crosscheck import record_partners
    assert record_partners(HUSBAND, TWO_WIVES.anggota) == (WIFE, _SECOND)
    assert record_partners(WIFE, TWO_WIVES.anggota) == (HUSBAND,)
    son = next(p for p in FAMILY.anggota if p.status_hubungan == "ANAK")
    assert record_partners(son, TWO_WIVES.anggota) == ()


def test_every_recorded_spouse_is_a_parent_for_the_family_rule():
    child = dataclasses.replace(next(p for p in COUPLE.anggota if p.status_hubungan == "ANAK"),
                                nik="7401050505100006", nama_ayah="", nama_ibu=_SECOND.nama_lengkap)  # father unrecorded
    family = dataclasses.replace(TWO_WIVES, anggota=(*TWO_WIVES.anggota, child))
    decision = marry(old_book(), subject=WIFE, family=family)
    assert "FAMILY_PARENT_NAMES" not in codes(decision), codes(decision)


# --- the akta number: a format is judged on a number read clearly ------------------------------------------

@pytest.mark.parametrize(
    ("nomor", "tanggal", "expected"),
    [
        (fv("@123/045/VI/2005", 0.55), "2005-06-20", ["LOW_CONFIDENCE"]),  # a `0` read `@`, unsure: doubt
        (fv("@123/045/VI/2005", 0.95), "2005-06-20", ["AKTA_NUMBER_FORMAT"]),  # read clearly: no such format
        (fv("0123/045/VII/2005", 0.55), "2005-06-20", ["LOW_CONFIDENCE"]),
        (fv("0123/045/VII/2005", 0.95), "2005-06-20", ["AKTA_NUMBER_MISMATCH"]),
        (fv("0123/45/VI/2005", 0.95), "2005-06-20", []),  # the spec's old format, a two-digit KUA code
    ],
)
def test_the_akta_number_is_judged_only_when_read_clearly(nomor, tanggal, expected):
    decision = marry(old_book(nomor_akta=nomor, tanggal_nikah=tanggal))
    found = [c for c in codes(decision) if c in ("LOW_CONFIDENCE", "AKTA_NUMBER_FORMAT", "AKTA_NUMBER_MISMATCH")]
    assert found == expected
    assert decision.status == (Status.APPROVED if not expected else Status.NEEDS_REVIEW)
