"""How sure a field is, and what the extractors do about it: the one confidence policy of `ocr`.

    score(word_confidences, factor) -> 0..1              a value's confidence from its words
    capped(value, cap) -> FieldValue                     the value with its confidence at most `cap` (every
                                                         cap below is applied with it)
    read_again(value) -> bool                            whether a value is worth a second reading
    weigh(first, seconds, *, lead=CLEARLY_SURER)         one value from readings of the same pixels
    weigh_identity(first, second, problems)              the same for a number whose structure is checked
    lookalike_at_boundary(code) -> bool                  a code no reading can be sure of (`UN56`/`UNS6`)

What the page as a whole says of its values, applied after every extractor (`extract_pages`), is in
`_confidence_page.understood`; its checks, one module per signal: `_confidence_shape` (a value its field's
shape forbids), `_confidence_region` (province, No. KK, kode pos and NIKs), `_confidence_echo` (names
read twice).

The scale (every figure a value can be given, highest first):

    TEXT_LAYER    0.99  a value taken from a PDF's own text
    CORROBORATED  0.98  a value another field on the page repeats and agrees with (a NIK's date and sex digits)
    CALIBRATION   ..0.97 a value read by Tesseract: its weakest word's confidence, calibrated
    SURE          0.9   the band: a value at or above it stands without a second reading, and counts as
                        read with confidence (right >= 99.5 % of the time is the aim)
    UNLABELLED    0.88  the most a value found without a label may claim
    DISPUTED      0.85  the most readings that disagree, or agree from the same pixels, may claim
    IN_SENTENCE   0.85  the most a value cut out of a sentence may claim
      -- the review threshold, 0.80 (`core.Settings.confidence_threshold`): below it a person looks --
    MENDED        0.7   a value mended from another field the page prints (a birth year from the NIK)
    CONTRADICTED  0.6   the most fields that contradict each other may keep
    UNSEPARATED   0.5   the most a name joined from two lines may keep when its row's NIK is not one member's

A value's confidence from its words (`score`): its weakest word's (Tesseract's `conf` / 100; 1.0 for
text-layer words) mapped through `CALIBRATION`, a monotone table measured on the synthetic corpus
(benchmarks/ocr_calibration.py prints the table it is read from), times the normalization's factor (a
vocabulary snap or a mended digit costs `EDIT_FACTOR` per edit; a NIK that breaks its own structure costs
`INVALID_FACTOR`, both in `_normalize`).

Checks on the page then move it (`_fields.corroborate`): fields that corroborate each other are raised to
`CORROBORATED`, fields that contradict each other capped at `CONTRADICTED`. How a value was found caps it
however well its words were read (`_fields.capped`): `UNLABELLED` for a heading or a line of its own,
`IN_SENTENCE` for words cut out of a sentence (`pada tanggal 21 Februari 1987`), `UNSEPARATED` for a
name joined from two table lines beside no valid NIK, `MENDED` for a value another field supplied. The
first two stay above the review threshold and out of the `SURE` band, which is kept for values whose
field the page names; the last two go to review.

Reading again. A value below `SURE` (`read_again`) is read a second time from its own crop of the page
image (`_cells.reread`, sometimes with a whitelist or the language-neutral model); the buku nikah reads
every value again. The second reading shares the first's pixels, so it is no independent witness:

- readings that agree may lift an unsure first reading up to `DISPUTED`, never past what the second
  reading is worth, never into the `SURE` band; an identity number whose structure checks
  (`checked_identity`) up to `SURE` (calibration-session16.md: no wrong NIK or No. KK let in on u12-u15);
- readings that disagree: the first (the page's) reading stands unless another is `CLEARLY_SURER`, and
  whichever stands keeps at most `DISPUTED` (`weigh`);
- the buku nikah, every value read twice: two readings alike, one of them sure, make the value sure when no
  reading gives another, or when every reading that does is unsure (`agreed`; 126 right values in, none wrong);
- an identity number whose structure can be checked (NIK, No. KK): a reading that breaks the structure
  counts as none, and of two valid readings neither leads: the surer stands (`weigh_identity`);
- an ijazah identifier (`_ijazah._reconcile`): agreement lifts nothing; readings that differ only in
  look-alike letters and digits (`FIA88207`, `F1A88207`) take the digits at `DISPUTED` at most; any other
  disagreement keeps the surer at `CONTRADICTED`, for review;
- a KK member's birth or marriage date (`_kk._weigh`): a second reading with a plausible year replaces an
  implausible first one, at `DISPUTED` at most; otherwise the first stands.

Single words, before any value is made of them, are judged on Tesseract's own confidence by one pair of
thresholds: a word read below `FAINT_WORD` (0.5) is garbled, no evidence of a label, a column or a value's
end (`faint`); a word of two characters or fewer read below `SPECK_WORD` (0.3) is a speck (`speck`).

A code that mixes letters and digits with a look-alike where they meet (`UN56` or `UNS6`, `F1A88207` or
`FIA88207`: `lookalike_at_boundary`) is capped at `DISPUTED` however surely it was read: Tesseract reads
either at 0.93, and only a convention the page does not print could tell them apart.

The ijazah decides whether to read an identifier again on its weakest word's raw confidence
(`Span.confidence >= SURE`), not on the calibrated value (`read_again`): raw 0.9 calibrates to 0.92, and
a mended digit's cost is not counted.

The aim: a value reported at >= `SURE` is right at least 99.5 % of the time on every corpus, and a right
value is rarely below the review threshold. Every cap above is about how a value was read and found;
`understood` adds what the page as a whole says (its checks are chosen on extractor versions meeting
families they were never tuned on: benchmarks/results/calibration-unseen-session10.md).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np

import core

CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0), (0.3, 0.2), (0.5, 0.45), (0.7, 0.75), (0.8, 0.85), (0.9, 0.92), (0.95, 0.95), (1.0, 0.97),
)
"""(raw weakest-word confidence, calibrated confidence); linear in between."""
TEXT_LAYER = 0.99
"""A value taken from a PDF's own text: only the label/column assignment can be wrong."""
CORROBORATED = 0.98
"""What fields that agree with each other on the page are raised to (a NIK's birth date and sex digits
and the row's tanggal_lahir and jenis_kelamin)."""
SURE = 0.9
"""The band a value must reach to stand without a second reading, and to count as read with confidence
(a marriage date this sure may vouch for the month and year in the akta number)."""
UNLABELLED = 0.88
"""Most a value found without a label may claim: its words may be read well, but which field they are
is inferred from the layout."""
DISPUTED = 0.85
"""Most readings that disagree, or that agree from the same pixels, may claim: above the review
threshold (0.80), below `SURE`."""
IN_SENTENCE = 0.85
"""Most a value cut out of a sentence may claim: where it begins and ends is inferred too."""
MENDED = 0.7
"""A value mended from another field the page prints (a birth year taken from the NIK because the printed
one is impossible): likely right, but for a person to see."""
CONTRADICTED = 0.6
"""Most fields that contradict each other on the page may keep."""
UNSEPARATED = 0.5
"""Most a name put together from two table lines may keep when the row's NIK did not read as one
member's (two rows' names may have run together)."""
CLEARLY_SURER = 0.1
"""How much surer a second reading must be to overrule the first (the page's) reading."""
FAINT_WORD = 0.5
"""Tesseract's own confidence (raw, 0..1) below which a word is garbled: no evidence of a label, a column's
start or where a value ends (`faint`)."""
SPECK_WORD = 0.3
"""Tesseract's confidence below which a word of `SPECK_CHARACTERS` letters and digits or fewer is a speck of
dirt or a stroke of the frame, no word (`speck`)."""
SPECK_CHARACTERS = 2


def faint(word_confidence: float) -> bool:
    """Whether a word read at `word_confidence` (Tesseract's, 0..1) is too garbled to be evidence of anything."""
    return word_confidence < FAINT_WORD


def speck(text: str, word_confidence: float) -> bool:
    """Whether a word is a speck: read below `SPECK_WORD`, of `SPECK_CHARACTERS` letters and digits or fewer."""
    return word_confidence < SPECK_WORD and sum(c.isalnum() for c in text) <= SPECK_CHARACTERS


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


def capped(value: core.FieldValue, cap: float) -> core.FieldValue:
    """`value` with its confidence at most `cap` (a value not read stays as it is)."""
    if value.value is None or value.confidence <= cap:
        return value
    return dataclasses.replace(value, confidence=cap)


def read_again(value: core.FieldValue) -> bool:
    """Whether a value is worth a second reading of its pixels: nothing came of it, or it is below `SURE`."""
    return value.value is None or value.confidence < SURE


def weigh(first: core.FieldValue, seconds: Sequence[core.FieldValue], *,
          lead: float = CLEARLY_SURER) -> core.FieldValue:
    """One value from a first reading and second readings of the same pixels (those without a value are
    no evidence either way).

    All that give a value agree: the first of them, lifted by the surest other up to `DISPUTED` at most,
    or up to `SURE` when the value is an identity number whose structure checks (`checked_identity`: its
    region, date and serial parts could each have caught a misread digit, and two readings made the same
    one). They disagree: the surest, unless `first` gave a value and the surest is less than `lead` surer
    than it (then `first`), at `DISPUTED` at most. No reading gave a value: `first`.
    """
    read = [v for v in (first, *seconds) if v.value is not None]
    if not read:
        return first
    leader = read[0]
    if all(v.value == leader.value for v in read):
        others = max((v.confidence for v in read[1:]), default=0.0)
        ceiling = SURE if checked_identity(leader.value) else DISPUTED
        return dataclasses.replace(leader, confidence=max(leader.confidence, min(others, ceiling)))
    best = max(read, key=lambda v: v.confidence)
    if first.value is not None and best.confidence < first.confidence + lead:
        best = first
    return dataclasses.replace(best, confidence=min(best.confidence, DISPUTED))


def agreed(chosen: core.FieldValue, read: Sequence[core.FieldValue]) -> core.FieldValue:
    """`weigh` keeps agreeing readings below `SURE` unless the first is sure, and any disagreement at
    `DISPUTED`. Two readings of the value's pixels that give the same value, one of them sure, are as good a
    witness as a sure first reading: the value at the surest one's confidence, when no other reading gives
    another value, or at the lower of two sure agreeing ones when the readings that disagree are all unsure
    (a digits-only reading's `1404...` at 0.75 against `7404...` read twice at 0.93). Measured on every
    development buku nikah (sessions 11-15 and seed 4; 1,660 values): 126 right values rose into `SURE`,
    no wrong one. Used by the buku nikah, which reads every value again (`_buku_nikah._choose`)."""
    if chosen.value is None or chosen.confidence >= SURE:
        return chosen
    same = sorted((v.confidence for v in read if v.value == chosen.value), reverse=True)
    others = [v.confidence for v in read if v.value != chosen.value]
    if len(same) < 2:
        return chosen
    if not others and same[0] >= SURE:
        return dataclasses.replace(chosen, confidence=same[0])
    if others and same[1] >= SURE and max(others) < SURE:
        return dataclasses.replace(chosen, confidence=same[1])
    return chosen


def checked_identity(value: str | None) -> bool:
    """Whether `value` is a 16-digit NIK or No. KK whose structure checks (`core.nik_problems`,
    `core.no_kk_problems`: a province code, no `00` region, a real date, a serial other than `0000`)."""
    return bool(value) and (not core.nik_problems(value) or not core.no_kk_problems(value))  # type: ignore[arg-type]


_LETTER_LOOKALIKES = frozenset("OIDSBZGL")
_DIGIT_LOOKALIKES = frozenset("015826")


def lookalike_at_boundary(code: str) -> bool:
    """Whether a code mixing letters and digits has a look-alike character where letters meet digits
    (`UN56` and `UNS6`, `F1A88207` and `FIA88207`): which of the two the page prints, the pixels barely
    tell, so a value such as this is never `SURE` (the caller caps it at `DISPUTED`)."""
    for part in re.split(r"[/.\-\s]+", code.upper()):
        for i in range(1, len(part) - 1):
            left, c, right = part[i - 1], part[i], part[i + 1]
            lookalike = c in _LETTER_LOOKALIKES if c.isalpha() else c in _DIGIT_LOOKALIKES
            kinds = {left.isdigit(), right.isdigit(), c.isdigit()}
            if lookalike and left.isalnum() and right.isalnum() and len(kinds) == 2:
                return True
    return False


def weigh_identity(first: core.FieldValue, second: core.FieldValue,
                   problems: Callable[[str], list[str]]) -> core.FieldValue:
    """Two readings of a NIK or No. KK: a reading that breaks the number's structure (`problems`) counts
    as none; of two valid ones neither leads (the second, digits-only reading is as good a witness as the
    page's), and they are weighed as `weigh` does."""
    if second.value is None or problems(second.value):
        return first
    if first.value is None or problems(first.value):
        return second
    return weigh(first, [second], lead=0.0)
