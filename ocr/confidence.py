"""The confidence scale of `core.FieldValue.confidence`, as the extractors set it (the whole policy, with
how second readings are weighed, is in `ocr._confidence`'s docstring; what the page as a whole says, in
`ocr._confidence_page`'s).

    score(word_confidences, factor=1.0) -> 0..1: a field's confidence from its words' (the weakest
        decides, calibrated on the corpus) and its normalization's factor (`ocr.normalize.Graded`)
    TEXT_LAYER    what a value taken from a PDF's own text gets
    CORROBORATED  what fields that agree with each other on the page are raised to (a NIK's birth date)
    SURE          the band: a value at or above it stands without a second reading and counts as read
                  with confidence
    DISPUTED      the most readings that disagree, or agree from the same pixels, may claim (above the
                  review threshold, below SURE)
    MENDED        what a value mended from another field the page prints keeps at most (a birth year
                  taken from the NIK)
    CONTRADICTED  what fields that contradict each other are capped at
    UNLABELLED    the most a value found without its label may claim (a heading, a card's title line)
    FAINT_WORD    a word Tesseract read below it (raw, 0.5) is garbled: no evidence of a label, a column or a
                  value's end; faint(conf) -> bool
    SPECK_WORD    a word of two characters or fewer read below it (raw, 0.3) is a speck; speck(text, conf) -> bool
    lookalike_at_boundary(code) -> bool: a code mixing letters and digits with a look-alike where they
                  meet (`UN56` or `UNS6`), which the extractors never let reach SURE
    checked_identity(value) -> bool: a 16-digit NIK or No. KK whose structure checks
    weigh(first, seconds) -> FieldValue: one value from readings of the same pixels (agreement lifts to
                  DISPUTED at most, a `checked_identity` to SURE)

    understood(doc_type, fields, anggota) -> (fields, anggota, doubts): what the page as a whole says of
                  its values (field shape, date order, province, the member table, names printed twice),
                  applied after every extractor; `doubts` names the signal per value taken out of SURE
    found_share(doc_type, fields, anggota) -> 0..1: how much of the page was understood (measured only)
    Doubt         (key, signal) of one value `understood` took out of the SURE band

A value at >= SURE is meant to be right at least 99.5 % of the time on every corpus.
"""

from ._confidence import (
    CONTRADICTED,
    CORROBORATED,
    DISPUTED,
    FAINT_WORD,
    MENDED,
    SPECK_WORD,
    SURE,
    TEXT_LAYER,
    UNLABELLED,
    checked_identity,
    faint,
    lookalike_at_boundary,
    score,
    speck,
    weigh,
)
from ._confidence_page import Doubt, found_share, understood

__all__ = ["CONTRADICTED", "CORROBORATED", "DISPUTED", "FAINT_WORD", "MENDED", "SPECK_WORD", "SURE", "TEXT_LAYER", "UNLABELLED",
           "Doubt", "checked_identity", "faint", "found_share", "lookalike_at_boundary", "score", "speck",
           "understood", "weigh"]
