"""The confidence scale of `core.FieldValue.confidence`, as the extractors set it (the whole policy, with
how second readings are weighed, is in `ocr._confidence`'s docstring).

    score(word_confidences, factor=1.0) -> 0..1: a field's confidence from its words' (the weakest
        decides, calibrated on the corpus) and its normalization's factor (`ocr.normalize.Graded`)
    TEXT_LAYER    what a value taken from a PDF's own text gets
    CORROBORATED  what fields that agree with each other on the page are raised to (a NIK's birth date)
    SURE          the band: a value at or above it stands without a second reading and counts as read
                  with confidence
    DISPUTED      the most readings that disagree, or agree from the same pixels, may claim (above the
                  review threshold, below SURE)
    CONTRADICTED  what fields that contradict each other are capped at
    lookalike_at_boundary(code) -> bool: a code mixing letters and digits with a look-alike where they
                  meet (`UN56` or `UNS6`), which the extractors never let reach SURE

A value at >= SURE is meant to be right at least 99.5 % of the time on every corpus.
"""

from ._confidence import CONTRADICTED, CORROBORATED, DISPUTED, SURE, TEXT_LAYER, lookalike_at_boundary, score

__all__ = ["CONTRADICTED", "CORROBORATED", "DISPUTED", "SURE", "TEXT_LAYER", "lookalike_at_boundary", "score"]
