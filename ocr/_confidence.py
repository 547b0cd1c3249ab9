"""How sure a field is: Tesseract's word confidences, the normalization, and cross-checks on the page.

    score(word_confidences, factor) -> 0..1

A field's raw confidence is its weakest word's (Tesseract's `conf` / 100;
1.0 for text-layer words). That raw figure is mapped through `CALIBRATION`,
a monotone table measured on the synthetic corpus (benchmarks/ocr_calibration.py
prints the table it is read from), and multiplied by the normalization's
factor (a vocabulary snap or a mended digit costs `EDIT_FACTOR` per edit; a
NIK that breaks its own structure costs `INVALID_FACTOR`). Fields that
corroborate each other on the same page (a NIK whose date and sex digits
agree with the row's tanggal_lahir and jenis_kelamin) are raised to
`CORROBORATED`; fields that contradict each other are capped at `CONTRADICTED`.

How a value was found caps it too, however well its words were read: a value
without a label (a heading, a line of its own under `menyatakan bahwa`) at
`UNLABELLED`, a value cut out of a sentence (`pada tanggal 21 Februari 1987`)
at `IN_SENTENCE`. Both stay above the review threshold and out of the 0.9 band,
which is kept for values whose field the page names.

The aim: a value reported at >= 0.9 is right at least 99 % of the time on
the corpus, and a right value is rarely below the review threshold (0.80).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0), (0.3, 0.2), (0.5, 0.45), (0.7, 0.75), (0.8, 0.85), (0.9, 0.92), (0.95, 0.95), (1.0, 0.97),
)
"""(raw weakest-word confidence, calibrated confidence); linear in between."""
TEXT_LAYER = 0.99
"""A value taken from a PDF's own text: only the label/column assignment can be wrong."""
CORROBORATED = 0.98
CONTRADICTED = 0.6
UNLABELLED = 0.88
"""Most a value found without a label may claim: its words may be read well, but which field they are
is inferred from the layout."""
IN_SENTENCE = 0.85
"""Most a value cut out of a sentence may claim: where it begins and ends is inferred too."""


def calibrated(raw: float) -> float:
    xs, ys = zip(*CALIBRATION, strict=True)
    return float(np.interp(raw, xs, ys))


def score(word_confidences: Iterable[float], factor: float = 1.0) -> float:
    """The field's confidence from its words' confidences and its normalization factor."""
    confidences = list(word_confidences)
    if not confidences or factor <= 0:
        return 0.0
    weakest = min(confidences)
    base = TEXT_LAYER if weakest >= 1.0 else calibrated(weakest)
    return round(max(0.0, min(1.0, base * factor)), 3)
