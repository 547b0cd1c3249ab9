"""The confidence scale of `core.FieldValue.confidence`, as the extractors set it.

    score(word_confidences, factor=1.0) -> 0..1: a field's confidence from its words' (the weakest
        decides, calibrated on the corpus) and its normalization's factor (`ocr.normalize.Graded`)
    TEXT_LAYER    what a value taken from a PDF's own text gets
    CORROBORATED  what fields that agree with each other on the page are raised to (a NIK's birth date)
    CONTRADICTED  what fields that contradict each other are capped at

A value at >= 0.9 is meant to be right at least 99 % of the time on the corpus.
"""

from ._confidence import CONTRADICTED, CORROBORATED, TEXT_LAYER, score

__all__ = ["CONTRADICTED", "CORROBORATED", "TEXT_LAYER", "score"]
