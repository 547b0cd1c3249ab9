"""Printed text to the canonical values of documents.md, and how much a mend costs.

The normalization every extractor applies to a field's text, public because it
is a contract of its own (what `Extraction.fields` values look like):

    date(text) -> "YYYY-MM-DD" | None            date_graded(text) -> Graded
    member_date(text) -> Graded                  a KK member's DD-MM-YYYY, a lost dash mended at one edit's cost
    place_and_date(text) -> (place, date)        name(text), person_name_graded(text) -> Graded
    address_graded(text) -> Graded               an address, letters read for digits in its numbers mended
    vocabulary(kind, text), vocabulary_graded(kind, text) -> Graded   (kind: a SIAK list, e.g. "agama")
    nik(text), no_kk(text), identity_number(text, problems) -> Graded
    digits(text, *, length), rt_rw(text) -> (rt, rw), code(text), jenjang(text)
    edit_distance(a, b, *, limit)

A function returns None when the text is empty, printed as `-`, or cannot be
made canonical: None means "not read", never "guessed". A `Graded` value
carries the factor its confidence is multiplied by: 1.0 when taken as
printed, `EDIT_FACTOR` per edit (a vocabulary snap, a mended digit),
`INVALID_FACTOR` for a number kept although it breaks its own structure.
"""

from ._kk_columns import member_date
from ._normalize import (
    EDIT_FACTOR,
    INVALID_FACTOR,
    Graded,
    address_graded,
    code,
    date,
    date_graded,
    digits,
    edit_distance,
    identity_number,
    jenjang,
    name,
    nik,
    no_kk,
    person_name_graded,
    place_and_date,
    rt_rw,
    vocabulary,
    vocabulary_graded,
)

__all__ = ["EDIT_FACTOR", "INVALID_FACTOR", "Graded", "address_graded", "code", "date", "date_graded", "digits", "edit_distance",
           "identity_number", "jenjang", "member_date", "name", "nik", "no_kk", "person_name_graded", "place_and_date", "rt_rw",
           "vocabulary", "vocabulary_graded"]
