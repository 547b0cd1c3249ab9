"""Kutipan Akta Nikah: number, date and KUA by label; SUAMI, ISTRI and WALI blocks between their headings.

Every value is read twice: once with the page (where it was found by its
label) and once more from its own crop of the page image (`_cells.reread`,
one Tesseract run for all crops; identity numbers also with a digit
whitelist). Page-wide segmentation glues short words (`LA YANI` read
`LAYANI`) and garbles digits that a line on its own reads well. The readings
are weighed in `_choose` (`_confidence.weigh`): agreeing readings may lift an
unsure one up to `DISPUTED`, readings that disagree give the page's unless
another is clearly surer, capped at `DISPUTED`, below the `SURE` band.
Facts printed twice settle the rest (`_settle_birth`, `_settle_marriage`):
a NIK's date digits and the printed birth date, the weekday and the date of
the marriage, the month and year inside the akta number and the date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import itertools
import re
import statistics

import core

from . import _normalize as norm
from ._buku_nikah_layout import WEEKDAYS, locate_pages
from ._cells import reread
from ._confidence import CONTRADICTED, CORROBORATED, DISPUTED, IN_SENTENCE, MENDED, SURE, agreed, weigh
from ._fields import (
    NOT_FOUND,
    Normalizer,
    all_fields,
    capped,
    corroborate,
    field_value,
    labels,
    reads_like_sentence,
    vocabulary,
)
from ._layout import Span, compact_key, lines, without_leading_noise
from ._leaders import without_leaders
from ._model import Page, Word
from ._sentences import date_in_words


def _citizenship(text: str | None) -> norm.Graded:
    """`Indonesia`, `WNI`, `Warga Negara Indonesia` -> WNI (the printed forms in `labels.toml`). A citizenship
    is words of letters: what holds none (a cell's specks read `0.` and `0` around `WNI`) is no part of it."""
    value = norm.name(" ".join(t for t in text.split() if any(c.isalpha() for c in t)) if text else text)
    if not value:
        return norm.Graded(None, 0.0)
    key = compact_key(value)
    for canonical, printed in vocabulary()["values"]["kewarganegaraan"].items():
        if key in {compact_key(p) for p in printed}:
            return norm.Graded(canonical, 1.0)
    return norm.vocabulary_graded("kewarganegaraan", value)


def _kua(text: str | None) -> str | None:
    """`Kantor Urusan Agama Kecamatan Kolaka` -> `KUA KECAMATAN KOLAKA`, `Kec. Kolaka` (after a label
    `Kantor Urusan Agama`) -> `KUA KECAMATAN KOLAKA`; `KUA KATOBU` as printed."""
    value = norm.name(text)
    if not value or reads_like_sentence(value, most_words=7):
        return None
    value = re.sub(r"\s*[:;]\s*", " ", value).strip()  # a crop read with the label: `KUA KECAMATAN : KATOBU`
    value = value.split(",", 1)[0].strip()  # the sentence goes on after the name: `KECAMATAN BETOAMBARI, ANTARA`
    # Marks a worn line leaves at a word's ends (`'KANTOR.`, `KANTOR. '`) are no part of the name.
    value = " ".join(w for w in (re.sub(r"^[^\w]+|[^\w.]+$", "", w) for w in value.split()) if w)
    value = re.sub(r"^KANTOR\.?\s+URUSAN\.?\s+AGAMA\b\.?", "KANTOR URUSAN AGAMA", value)
    value = re.sub(r"^KANTOR URUSAN AGAMA\b\s*", "KUA ", value).strip()
    value = re.sub(r"^(KUA\s+)?KEC(?:AMATAN\b|\.)\s*", "KUA KECAMATAN ", value).strip(" ,.")
    return value if value not in ("KUA", "KUA KECAMATAN") else None


_ADDRESS_MENDS = ((re.compile(r"\bNO[,;:]\s*(?=\d)"), "NO. "), (re.compile(r"^(?:IL|JI|J1|1L|JU)[.,]\s*"), "JL. "))
"""What a typed or worn address's punctuation and first letter are misread as: `NO, 66` (a period read as
a comma before a house number), `IL.`/`JI.`/`JU.` opening it (the street's `JL.`)."""


def _address(text: str | None) -> norm.Graded:
    """`norm.address_graded`, with the misreads of `_ADDRESS_MENDS` mended at `EDIT_FACTOR` each."""
    graded = norm.address_graded(text)
    if graded.value is None:
        return graded
    value, factor = graded.value, graded.factor
    for pattern, printed in _ADDRESS_MENDS:
        value, count = pattern.subn(printed, value)
        factor *= norm.EDIT_FACTOR ** count
    return norm.Graded(value, factor)


_KIN = re.compile(r"\s+[BH][I1L]N(?:T[I1L])?\s+\S.*$", re.IGNORECASE)


def _without_kin(text: str | None) -> str | None:
    """`LA ODE ARSYAD bin LA ODE SAFIUDDIN` (a letter's `Nama :`; `bin`/`binti` as OCR reads them too, `hinti`)
    -> the name without the father's."""
    return _KIN.sub("", text) if text else text


_ASIDE = re.compile(r"\s*[(\[].*$")
_KINSHIP = frozenset(compact_key(k) for k in labels("buku_nikah", "kinship", ""))
_SAID_AFTER = re.compile(r"^(?P<name>.*?\S)\s*[,.;]\s*(?P<said>[^,.;]+?)[\s.]*$")
_KINSHIP_LIKE = 0.85


def _without_aside(text: str | None) -> str | None:
    """`UJANG SOPANDI (AYAH KANDUNG)`, `BASO ARIFIN, Saudara Kandung`, `SUGENG RIYADI, Wali Hakim` -> the
    name without what is said of it after it, in brackets or after a comma: the wali's kinship to the bride,
    as `labels.toml` lists it (`[buku_nikah] kinship`; one slip in seven letters)."""
    if not text:
        return text
    text = _ASIDE.sub("", text)
    said = _SAID_AFTER.match(text)
    if said is not None:
        key = compact_key(said["said"])
        if key and any(difflib.SequenceMatcher(None, key, k).ratio() >= _KINSHIP_LIKE for k in _KINSHIP):
            return said["name"]
    return text


_LEADER_END = re.compile(r"[\s\-—–_.·]+$")
_GLUED_DOT = re.compile(r"(?<=\s)\.(?=[A-Z])")


def _name(text: str | None) -> norm.Graded:
    """A name on a dotted line: the leader's dashes read after it (`MAPPANYUKKI——`) are no part of it; a
    period glued to a word's start (`WA ODE .ASMAWATI`, a dot of the line) is dropped at `EDIT_FACTOR`."""
    value = norm.name(_LEADER_END.sub("", text) if text else text)
    if not value:
        return norm.Graded(None, 0.0)
    mended, count = _GLUED_DOT.subn("", value)
    return norm.Graded(mended, norm.EDIT_FACTOR ** count)


_PARTY_NORMALIZERS: dict[str, Normalizer] = {
    "nama_lengkap": lambda t: _name(_without_kin(t)),
    "nik": lambda t: norm.identity_number(t, core.nik_problems),
    "kewarganegaraan": _citizenship,
    "agama": lambda t: norm.vocabulary_graded("agama", t),
    "pekerjaan": lambda t: norm.vocabulary_graded("jenis_pekerjaan", t),
    "alamat": _address,
}
_DIGIT_FIELDS = {"nik": "0123456789", "nomor_akta": "0123456789/IVX"}
"""Values read a third time with only these characters allowed (by the last part of the field name)."""
_AGE_AT_MARRIAGE = (10, 100)
"""Years; a birth date outside this range before the marriage was misread."""


def extract_buku_nikah(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[()]]:
    pages = [without_leaders(page) or page for page in pages]  # values typed onto dotted lines
    spans, caps, limits, prose = locate_pages(pages)
    readings = _read_again(pages, spans, limits, prose)
    found: dict[str, core.FieldValue] = {}
    for key, normalize in _normalizers().items():
        found[key] = _choose([_part(span, key) for span in readings.get(_span_key(key), [])], normalize)
        cap = caps.get(key, caps.get(_span_key(key)))
        if cap is not None:
            found[key] = capped(found[key], cap)
    _settle_words(found, readings)
    _align_number(found, readings.get("nomor_akta", []))
    _settle_marriage(found, readings)
    married = _date(found.get("tanggal_nikah"))
    for role in ("suami", "istri"):
        _settle_birth(found, role, readings, married)
        _check_sex(found, role)
    return all_fields(core.BUKU_NIKAH_FIELDS, found), ()


_WOMAN_DAY = 40
"""A NIK's day of birth has 40 added for a woman."""
_PARTY_READ_WITH_NIK = ("nik", "tempat_lahir", "tanggal_lahir")


def _check_sex(found: dict[str, core.FieldValue], role: str) -> None:
    """A husband's NIK says a man (day of birth 1-31), a wife's a woman (41-71). A NIK of the other sex under a
    party's heading is the other party's, read into the wrong column (a card's labels between the columns, a
    skewed split): that NIK and the birth read beside it are never sure (`DISPUTED` at most), however well
    they agree."""
    nik = found.get(f"{role}.nik")
    if nik is None or nik.value is None or len(nik.value) != 16 or not nik.value.isdigit():
        return
    woman = int(nik.value[6:8]) > _WOMAN_DAY
    if woman == (role == "istri"):
        return
    for name in _PARTY_READ_WITH_NIK:
        key = f"{role}.{name}"
        if found.get(key) is not None and found[key].value is not None:
            found[key] = capped(found[key], DISPUTED)


def _normalizers() -> dict[str, Normalizer]:
    out: dict[str, Normalizer] = {"nomor_akta": _nomor_akta, "tanggal_nikah": norm.date_graded, "kua": _kua}
    for role in ("suami", "istri"):
        for name, normalize in _PARTY_NORMALIZERS.items():
            out[f"{role}.{name}"] = normalize
        out[f"{role}.tempat_lahir"] = lambda t: norm.place_and_date(t)[0]
        out[f"{role}.tanggal_lahir"] = norm.date_graded
    out["wali.nama_lengkap"] = lambda t: _name(_without_aside(t))
    return out


def _part(span: Span, field: str) -> Span:
    """For place or date of birth, only their own words of the shared `lahir` value (the date begins at
    the first word with a digit), so that each is as sure as its own words; a date, only the words up to its
    year; other fields: the span."""
    if field == "tanggal_nikah":
        return _date_only(span)
    if not field.endswith(("tempat_lahir", "tanggal_lahir")):
        return span
    span = _without_stray_colon(span)
    start = next((i for i, w in enumerate(span.words) if any(c.isdigit() for c in w.text)), 0)
    if start == 0:
        return span
    if field.endswith("tanggal_lahir"):
        return _date_only(Span(span.page, span.words[start:], span.factor))
    return Span(span.page, span.words[:start], span.factor)


_YEAR = re.compile(r"^\D{0,2}\d{4}\D{0,2}$")


def _date_only(span: Span) -> Span:
    """A date's own words, up to its year: what follows is no part of it (the same date in the other calendar,
    `24 Maret 2022 M / 20 Sya'ban 1443 H`; a leader's scraps), and is as sure as its own words only. The span
    as it is where the words up to the year do not give the date the whole does."""
    end = next((i for i, w in enumerate(span.words) if _YEAR.match(w.text)), None)
    if end is None or end == len(span.words) - 1:
        return span
    head = Span(span.page, span.words[:end + 1], span.factor)
    whole = norm.date_graded(span.text).value
    return head if whole is not None and norm.date_graded(head.text).value == whole else span


def _without_stray_colon(span: Span) -> Span:
    """`1 RAHA, 22-05-1998` (a colon read `"1`, its quote stripped): a short word without letters before a
    place that ends at its comma is the colon, not the value's start (a day before a month is no place)."""
    words = span.words
    comma = next((i for i, w in enumerate(words) if w.text.endswith(",")), None)
    if comma is None or comma < 1 or len(words[0].text) > 2 or any(c.isalpha() for c in words[0].text):
        return span
    if not all(any(c.isalpha() for c in w.text) for w in words[1:comma + 1]):
        return span
    return Span(span.page, words[1:], span.factor)


def _span_key(field: str) -> str:
    return field.replace("tempat_lahir", "lahir").replace("tanggal_lahir", "lahir")


def _read_again(pages: list[Page], spans: dict[str, Span | None], limits: dict[str, int],
                prose: frozenset[str] = frozenset()) -> dict[str, list[Span]]:
    """Per located value: the first reading, then its crop read again (and with a whitelist for numbers).
    A value cut out of a sentence (`prose`) is cropped to its own words, and not read again when it runs
    over two lines (a box around both would hold the sentence's other words)."""
    readings = {key: [span] for key, span in spans.items() if span is not None and span.words}
    by_number = {page.number: page for page in pages}
    for number, page in by_number.items():
        keys = [k for k, s in spans.items() if s is not None and s.page == number and s.bbox and s.words
                and (k not in prose or not _wrapped(s))]
        if page.image is None or not keys:
            continue
        # Values end where the value column ends: words the first reading lost at the end are in the crop.
        column_end = max((spans[k].bbox[2] for k in keys if k not in prose), default=0)  # type: ignore[index,union-attr]
        boxes = {k: _crop_box(spans[k], page, column_end, limits.get(k)) for k in keys  # type: ignore[arg-type]
                 if k not in prose}
        boxes.update({k: _prose_box(spans[k], page) for k in keys if k in prose})  # type: ignore[arg-type]
        for key, words in zip(keys, reread(page, [boxes[k] for k in keys], lang=page.lang), strict=True):
            _add_reading(readings[key], words, page)
        for kind, whitelist in _DIGIT_FIELDS.items():
            numeric = [k for k in keys if k.rsplit(".", 1)[-1] == kind]
            for key, words in zip(numeric, reread(page, [boxes[k] for k in numeric], lang=page.lang,
                                                  whitelist=whitelist), strict=True):
                before = len(readings[key])
                _add_reading(readings[key], words, page)
                if len(readings[key]) > before:
                    # Numbers are read with the language-neutral model (`_cells.NEUTRAL_LANG`), which reads a
                    # leading `7` that the page's `ind` reading makes `1`: that reading leads.
                    readings[key].insert(0, readings[key].pop())
    return readings


def _add_reading(readings: list[Span], words: tuple[Word, ...], page: Page) -> None:
    """A crop's words as another reading, without what lies left of the value (the colon, read `1`)."""
    first = readings[0]
    # A word that ends before the value begins is not part of it (the crop's margin reaches the colon),
    # nor is what a colon was read as (`1`, `:`) when the first reading's box began at the colon.
    height = statistics.median(w.height for w in first.words)
    start = min(w.x0 for w in first.words) + 0.1 * height
    # A wrapped value's crop holds two lines, whose words `reread` gives left to right: line by line instead.
    ordered = [w for ln in lines(page, words) for w in ln.words if w.x1 > start]
    kept = tuple(without_leading_noise(ordered, height))
    if kept:
        readings.append(Span(first.page, kept, first.factor))  # found by the same label


def _wrapped(span: Span) -> bool:
    """Whether the span's words stand on more than one line."""
    height = statistics.median(w.height for w in span.words)
    return max(w.cy for w in span.words) - min(w.cy for w in span.words) > 0.6 * height


def _prose_box(span: Span, page: Page) -> tuple[int, int, int, int]:
    """A value's box inside a sentence: halfway to the words before and after it on its line, no further."""
    x0, y0, x1, y1 = span.bbox  # type: ignore[misc]
    h = round(statistics.median(w.height for w in span.words))
    assert page.image is not None
    height, width = page.image.shape[:2]
    near = [w for w in page.words if abs(w.cy - (y0 + y1) / 2) < h / 2 and w not in span.words]
    before = [w.x1 for w in near if w.x1 <= x0]
    after = [w.x0 for w in near if w.x0 >= x1]
    left = max(x0 - h // 2, (max(before) + x0) // 2 if before else 0)
    right = min(x1 + h // 2, (min(after) + x1) // 2 if after else width)
    return (max(0, left), max(0, y0 - 3 * h // 5), min(width, right), min(height, y1 + 3 * h // 5))


def _crop_box(span: Span, page: Page, column_end: int, limit: int | None = None) -> tuple[int, int, int, int]:
    """The value's box with room around it (a lost first or last letter), to the column's end, on the page."""
    x0, y0, x1, y1 = span.bbox  # type: ignore[misc]
    h = round(statistics.median(w.height for w in span.words))
    assert page.image is not None
    height, width = page.image.shape[:2]
    # Left: short of the colon, whose sliver at the crop's edge is read into the first letter (`:7` as `1`);
    # halfway to the nearest word on the left of the same line at most.
    before = [w.x1 for w in page.words if w.x1 <= x0 and abs(w.cy - (y0 + y1) / 2) < h / 2]
    left = max(x0 - h // 4, (max(before) + x0) // 2 if before else 0)
    # Generous above, below and right: `reread` whitens rows and columns that are mostly ink (cell
    # rules), which a tight crop of a text line would make of its letters' stems and bars.
    right = min(width, max(x1, column_end) + 2 * h)
    if limit is not None:  # a table column: the next column's value is not this one's
        right = max(x1 + h // 2, min(right, limit))
    return (max(0, left), max(0, y0 - 3 * h // 5), right,
            min(height, y1 + 3 * h // 5))


def _choose(readings: list[Span], normalize: Normalizer) -> core.FieldValue:
    """The value the readings give: as `_confidence.weigh` weighs them, the first (the page's or, for
    numbers, the digits-only one) leading, except where they differ only where one has a word break the
    other lacks (`LAYANI`, `LA YANI`): then the one with the breaks, if its words stand apart by a space's
    width, at the lower of the two confidences and at most `DISPUTED`; readings that agree as `_confidence.agreed` says.
    """
    values = [field_value(span, normalize) for span in readings]
    if not values:
        return NOT_FOUND
    read = [(v, span) for v, span in zip(values, readings, strict=True) if v.value is not None]
    if len({v.value for v, _ in read}) > 1:
        spaced = _spaced(read)
        if spaced is not None:
            return spaced
    return agreed(weigh(values[0], values[1:]), [v for v, _ in read])


_SPACE = 0.2
"""A gap between words at least this share of their height is a space, not a gap inside a word."""


def _spaced(read: list[tuple[core.FieldValue, Span]]) -> core.FieldValue | None:
    """Of readings with the same letters, the one that splits words apart at real spaces; else None."""
    if len({str(v.value).replace(" ", "") for v, _ in read}) != 1:
        return None
    value, span = max(read, key=lambda r: str(r[0].value).count(" "))
    height = statistics.median(w.height for w in span.words)
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(span.words)]
    if gaps and min(gaps) < _SPACE * height:
        return None
    # Two readings of the same pixels that part the letters differently: which is right, neither says (a
    # break read inside `RUKMANA` stands as far apart as a space): never sure.
    return dataclasses.replace(value, confidence=min(DISPUTED, *(v.confidence for v, _ in read)))


def _candidates(readings: list[Span], normalize: Normalizer, chosen: core.FieldValue) -> list[core.FieldValue]:
    """Every distinct value the readings give: the one `_choose` chose first (as chosen), then surest first."""
    out: dict[str, core.FieldValue] = {chosen.value: chosen} if chosen.value is not None else {}
    for v in sorted((field_value(s, normalize) for s in readings), key=lambda v: -v.confidence):
        if v.value is not None and v.value not in out:
            out[v.value] = v
    return list(out.values())


def _date(value: core.FieldValue | None) -> dt.date | None:
    if value is None or value.value is None:
        return None
    try:
        return dt.date.fromisoformat(value.value)
    except ValueError:
        return None


def _plausible_birth(born: dt.date | None, married: dt.date | None) -> bool:
    """Born between 100 and 10 years before the marriage (or before today when its date is unread)."""
    if born is None:
        return False
    until = married or dt.date.today()
    youngest, oldest = _AGE_AT_MARRIAGE
    return until.year - oldest <= born.year <= until.year - youngest


def _with_century(date: str, yy: int, married: dt.date | None) -> str | None:
    """A birth date whose century was misread (`2602` for `2002`), mended when one century fits."""
    day = dt.date.fromisoformat(date)
    if day.year % 100 != yy or _plausible_birth(day, married):
        return None
    return _one_century(day, yy, married)


def _one_century(day: dt.date, yy: int, married: dt.date | None) -> str | None:
    """`day` in year 19yy or 20yy, whichever alone gives a plausible age at marriage."""
    fits = []
    for century in (1900, 2000):
        try:
            candidate = day.replace(year=century + yy)
        except ValueError:
            continue
        if _plausible_birth(candidate, married):
            fits.append(candidate.isoformat())
    return fits[0] if len(fits) == 1 else None


def _with_nik_year(date: str, yy: int, married: dt.date | None) -> str | None:
    """An impossible birth date (after the marriage) with the NIK's two-digit year, when one century fits."""
    day = dt.date.fromisoformat(date)
    if _plausible_birth(day, married):
        return None
    return _one_century(day, yy, married)


def _settle_birth(found: dict[str, core.FieldValue], role: str, readings: dict[str, list[Span]],
                  married: dt.date | None) -> None:
    """The NIK's date digits against the printed birth date of the same party, over every reading.

    A NIK and a date that agree, with a plausible age at marriage, raise the
    date (all of whose parts the NIK repeats) to `CORROBORATED`; a date whose
    century alone was misread is mended from the plausible one, at `DISPUTED`; a
    year taken from the NIK at `MENDED`. No agreeing pair: both capped at `CONTRADICTED`.
    """
    nik_key, born_key = f"{role}.nik", f"{role}.tanggal_lahir"
    niks = _candidates(readings.get(nik_key, []), _normalizers()[nik_key], found[nik_key])
    dates = _candidates(readings.get(f"{role}.lahir", []), norm.date_graded, found[born_key])
    if not dates:
        return
    plausible = [d for d in dates if _plausible_birth(_date(d), married)]
    if _date(found[born_key]) is not None and not _plausible_birth(_date(found[born_key]), married):
        # Born after (or a few years before) the marriage: misread. Another reading, or doubt.
        other, cap = (plausible[0], DISPUTED) if plausible else (found[born_key], CONTRADICTED)
        found[born_key] = capped(other, cap)
    if not niks:
        return
    for nik in niks:
        yy = int(nik.value[10:12])  # type: ignore[index]
        for date in dates:
            mended = _with_century(date.value, yy, married) or _with_nik_year(  # type: ignore[arg-type]
                date.value, yy, married)  # type: ignore[arg-type]
            value = mended or date.value
            if core.nik_problems(nik.value, tanggal_lahir=value):  # type: ignore[arg-type]
                continue
            if not _plausible_birth(dt.date.fromisoformat(value), married):  # type: ignore[arg-type]
                continue
            if nik.value != found[nik_key].value:
                found[nik_key] = capped(nik, DISPUTED)
            confidence = max(date.confidence, CORROBORATED) if not mended else (
                DISPUTED if mended[2:4] == date.value[2:4] else MENDED)  # type: ignore[index]
            found[born_key] = dataclasses.replace(date, value=value, confidence=confidence)
            return
    corroborate(found, (nik_key, born_key), agree=False)


def _settle_words(found: dict[str, core.FieldValue], readings: dict[str, list[Span]]) -> None:
    """The marriage date in digits against the same date written out in words (old typed books print both).

    Two printings of the date read alike are two witnesses: the date is raised
    to `CORROBORATED`. When they differ one was misread, and nothing says which:
    the digits stand, capped at `CONTRADICTED` (a person looks). Digits not
    read: the words give the date, capped at `IN_SENTENCE`.
    """
    spoken = [field_value(span, lambda t: date_in_words(t) if t else None) for span in readings.get("tanggal_nikah_words", [])]
    spoken = [v for v in spoken if v.value is not None]
    if not spoken:
        return
    words = max(spoken, key=lambda v: v.confidence)
    digits = found["tanggal_nikah"]
    if digits.value is None:
        found["tanggal_nikah"] = capped(words, IN_SENTENCE)
    elif digits.value in {v.value for v in spoken}:
        found["tanggal_nikah"] = dataclasses.replace(digits, confidence=max(digits.confidence, CORROBORATED))
    else:
        found["tanggal_nikah"] = capped(digits, CONTRADICTED)


def _align_number(found: dict[str, core.FieldValue], readings: list[Span]) -> None:
    """A 16-digit akta number no reading gave whole, from two readings that fail apart: one with a digit
    too many (a colon's sliver read `7`: `77471012112023086`), one with a digit misread as a sign
    (`7471C12112023086`). A digit dropped from the first that makes it the second wherever the second
    read a digit gives the number, at `MENDED` (two readings of the same pixels, mended: a person looks).
    Only when exactly one number comes out."""
    if found["nomor_akta"].value is not None and norm.digits(found["nomor_akta"].value, length=16):
        return
    texts = [(span, "".join(span.text.split()).strip(":;.,|/")) for span in readings]
    long = {t for _, t in texts if len(t) == 17 and t.isdigit()}
    near = [(span, t) for span, t in texts if len(t) == 16 and sum(not c.isdigit() for c in t) == 1]
    made = {c for t in long for c in (t[:i] + t[i + 1:] for i in range(17))}
    fits = {(c, id(span)): span for c in made for span, t in near
            if all(a == b for a, b in zip(c, t, strict=True) if b.isdigit())}
    numbers = {c for c, _ in fits}
    if len(numbers) != 1:
        return
    number = numbers.pop()
    span = next(iter(fits.values()))
    base = found["nomor_akta"] if found["nomor_akta"].bbox is not None else field_value(span, _nomor_akta)
    found["nomor_akta"] = dataclasses.replace(base, value=number, confidence=MENDED)


def _settle_marriage(found: dict[str, core.FieldValue], readings: dict[str, list[Span]]) -> None:
    """The marriage date against its printed weekday and the month and year in the akta number.

    A disagreement is acted on (a reading that agrees is preferred, else both
    are capped at `CONTRADICTED`). Agreement raises the date nothing: a
    weekday or a month and year leave other digits unchecked. It raises an
    unsure akta number only to `DISPUTED`, and only when the date is `SURE`,
    and every reading of the number that gives one gives the same: Tesseract
    is rarely sure of slashes and Roman numerals (`0984/016/VII/2020` read
    alike three times at 0.25-0.71), and the month and year are then
    checked by the date.
    """
    dates = _candidates(readings.get("tanggal_nikah", []), norm.date_graded, found["tanggal_nikah"])
    numbers = _candidates(readings.get("nomor_akta", []), _nomor_akta, found["nomor_akta"])
    weekdays = {_weekday(s.text) for s in readings.get("tanggal_nikah", [])} - {None}
    if not dates:
        return

    def fits(date: core.FieldValue, number: core.FieldValue | None) -> bool:
        day = dt.date.fromisoformat(date.value)  # type: ignore[arg-type]
        if weekdays and WEEKDAYS[day.weekday()] not in weekdays:
            return False
        return number is None or _akta_month_year(number.value) in (None, (day.month, day.year))

    options: list[core.FieldValue | None] = [*numbers] or [None]
    pairs = [(d, n) for n in options for d in dates]
    agreeing = next(((d, n) for d, n in pairs if fits(d, n)), None)
    if agreeing is None:
        corroborate(found, ("tanggal_nikah", "nomor_akta") if numbers else ("tanggal_nikah",), agree=False)
        return
    for key, value in zip(("tanggal_nikah", "nomor_akta"), agreeing, strict=False):
        if value is not None and value.value != found[key].value:
            found[key] = capped(value, DISPUTED)
    date, number = found["tanggal_nikah"], found["nomor_akta"]
    read_alike = len(numbers) == 1 and len(readings.get("nomor_akta", [])) >= 2
    if (read_alike and number.value is not None and _akta_month_year(number.value) is not None
            and date.confidence >= SURE and fits(date, number)):
        found["nomor_akta"] = dataclasses.replace(number, confidence=max(number.confidence, DISPUTED))


def _weekday(text: str) -> str | None:
    """The weekday a date is printed with (`Minggu, 14 Mei 2023`), spelling slips allowed."""
    first = compact_key(text.split(",", 1)[0]) if "," in text else ""
    close = difflib.get_close_matches(first, WEEKDAYS, n=1, cutoff=0.75)
    return close[0] if close else None


def _akta_month_year(number: str | None) -> tuple[int, int] | None:
    """(month, year) of the marriage inside an akta number, either format; None if it has none."""
    if not number:
        return None
    if number.isdigit() and len(number) == 16:
        return int(number[7:9]), int(number[9:13])
    parts = number.split("/")
    if len(parts) == 4 and parts[2] in _ROMAN and parts[3].isdigit():
        return _ROMAN.index(parts[2]) + 1, int(parts[3])
    return None


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_AS_ROMAN = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "Y": "V"})


def _nomor_akta(text: str | None) -> str | None:
    """16 digits since October 2022, else `serial/code/ROMAN-MONTH/year` (`1X` read for `IX` is mended)."""
    value = norm.code(text)
    if value is None:
        return None
    digits = norm.digits(value, length=16)
    if digits:
        return digits
    parts = value.split("/")
    if len(parts) == 4 and parts[2].translate(_AS_ROMAN) in _ROMAN:
        parts[2] = parts[2].translate(_AS_ROMAN)
    return "/".join(parts)

