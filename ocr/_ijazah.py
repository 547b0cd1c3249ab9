"""Ijazah, school and university layouts: the person block by label, jenjang from the printed level.

Labels are found by their wording, each with the variants diplomas print
(`Tempat dan Tanggal Lahir`, `Tempat, Tanggal Lahir`, `Tempat/Tgl. Lahir`, or
`Tempat Lahir` and `Tanggal Lahir` apart); values are the words right of the
colon. Identifiers (NIM, NISN, NPSN, NIS, nomor ijazah) read with doubt are
read again from their own crop, digits-only where the number is all digits,
and the two readings reconciled. The date of issue is the last date printed
below the person block, with or without a label.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import core

from . import _ijazah_bilingual as bilingual
from . import _ijazah_unlabelled as unlabelled
from . import _normalize as norm
from ._cells import reread
from ._confidence import (
    CONTRADICTED,
    DISPUTED,
    IN_SENTENCE,
    SURE,
    faint,
    lookalike_at_boundary,
    read_again,
    weigh,
)
from ._fields import (
    NOT_FOUND,
    all_fields,
    capped,
    constant,
    corroborate,
    field_value,
    item_marker,
    labels,
    reads_like_sentence,
    widest_gap,
)
from ._ijazah_frame import framed_lines
from ._layout import Line, Span, _similar, compact_key, find_label, find_line, printed_words, value_after
from ._leaders import without_leaders
from ._model import Page, Word

Normalizer = Callable[[str | None], "str | norm.Graded | None"]


def _wordings(name: str) -> tuple[str, ...]:
    """A field's labels: the Indonesian wordings first, then the English ones (a bilingual ijazah's)."""
    return (*labels("ijazah", name), *labels("ijazah", name, "english"))


_BIRTH = _wordings("lahir")
_PLACE = _wordings("tempat_lahir")
_BORN_ON = _wordings("tanggal_lahir")
_BORN_AT = "Lahir di"
"""The place of birth's label where the date's goes on from it (`Pada Tanggal`, `_date_continuing`)."""
_PROGRAMME = _wordings("jenjang")
_ISSUED = _wordings("tanggal_lulus")
_LEVEL_WORDS = "Tahun Pelajaran"


def _school(text: str | None) -> str | None:
    """`SMANEGERI 1 KOLAKA` (a space lost by OCR) -> `SMA NEGERI 1 KOLAKA`."""
    name = norm.text_upper(text)
    return _SCHOOL_GLUED.sub(r"\1 \2", name) if name else None


def _gelar(text: str | None) -> str | None:
    """A degree as printed; an abbreviation's closing period lost or read as a comma is put back, a doubled
    parenthesis made single, a space read inside the parentheses dropped.

    Indonesian degree abbreviations end with a period (`S.Kom.`, `A.Md.Kep.`,
    `S.H.`); Tesseract drops the one before a closing parenthesis.
    """
    value = norm.name(text)
    if not value:
        return None
    value = re.sub(r"([()])\1+", r"\1", value)  # a parenthesis read twice
    value = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", value))  # `(S.H. )`: a space read inside the brackets
    return _ABBREVIATION_END.sub(lambda m: m[1] + ".)", value)


def _nomor_ijazah(text: str | None) -> norm.Graded:
    """A document number without spaces; an all-digit (national) number with letter look-alikes mended.

    The national number since 2021 has 15 digits (documents.md): another
    length is kept but marked doubtful.
    """
    series = _SERIES.match(norm.clean(text) or "")
    if series:
        return norm.Graded(" ".join(g for g in series.groups() if g).upper(), 1.0)
    head, _, rest = (norm.clean(text) or "").partition(" ")
    as_digits = head.translate(_SERIES_DIGITS)
    series = _SERIES.match(f"{as_digits} {rest}") if as_digits.isdigit() and rest else None
    if series:  # `II PB 9529251`: the series' digits read as letters
        edits = sum(a != b for a, b in zip(head, as_digits, strict=True))
        return norm.Graded(" ".join(g for g in series.groups() if g).upper(), norm.EDIT_FACTOR ** edits)
    value = norm.code(text)
    if not value:
        return norm.Graded(None, 0.0)
    if not _digit_like(value):
        printed, mended = _LOWER_L.subn("I", norm.clean(text) or "")
        printed, month_mended = _roman_month(printed)
        # A space between two letters or digits of a code is a separator (`-`, `.`) read as a blank, or none:
        # the code joined there is a guess (`SILN SMP/94/...` for `SILN-SMP/94/...`).
        joined = len(_JOINED.findall(printed))
        return norm.Graded(_case_as_printed(printed, norm.code(printed) or value),
                           norm.EDIT_FACTOR ** (mended + month_mended + joined))
    fixed = norm.digits(value.replace("$", "5"))
    if fixed is None:
        return norm.Graded(value, norm.INVALID_FACTOR)
    factor = norm.EDIT_FACTOR ** sum(not c.isdigit() for c in re.sub(r"[\s.\-]", "", value))
    return norm.Graded(fixed, factor if len(fixed) == _NATIONAL_DIGITS else factor * norm.INVALID_FACTOR)


def _case_as_printed(text: str, upper: str) -> str:
    """`upper` (the code upper-cased) with each capitalized word part kept as printed: a Kemenag number's
    office code is `In.23`, `Un.05`, `Kw.21.1`, not `IN.23`. Any other letters stay upper-cased (a look-alike
    pair such as `c`/`C` can print either way, and most codes are capitals)."""
    printed = re.sub(r"\s+", "", norm.clean(text) or "")
    if len(printed) != len(upper):
        return upper
    out = list(upper)
    for match in _CAPITALIZED.finditer(printed):
        out[match.start():match.end()] = match[0]
    return "".join(out)


def _roman_month(text: str) -> tuple[str, int]:
    """A numbered letter's month in Roman numerals before its year (`160/STIE-SK/S1/V1/1992`: `VI`, its `I`
    read as `1`, `l` or `|`), mended, and how many characters were: Indonesian document numbers print the
    month of issue that way, and a part of V or X with upright strokes is no other number."""
    parts = text.split("/")
    edits = 0
    for i in range(len(parts) - 1):
        part, year = parts[i].strip(), parts[i + 1].strip()
        if not (_YEAR_PART.match(year) and _ROMAN_LIKE.match(part)) or part in _ROMAN_MONTHS:
            continue
        mended = part.translate(_ROMAN_ONE)
        if mended in _ROMAN_MONTHS:
            edits += sum(a != b for a, b in zip(part, mended, strict=True))
            parts[i] = parts[i].replace(part, mended)
    return "/".join(parts), edits


_ROMAN_MONTHS = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"})
_ROMAN_LIKE = re.compile(r"^(?=.*[VX])[IVX1l|]{2,4}$")
_ROMAN_ONE = str.maketrans({"1": "I", "l": "I", "|": "I"})
_YEAR_PART = re.compile(r"^(?:19|20)\d\d$")


_JOINED = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")
_LOWER_L = re.compile(r"(?<![A-Za-z0-9])l(?=[a-z]{1,3}(?![A-Za-z]))")
"""A capital `I` read as `l` at the head of a capitalized part (`ln.23` for `In.23`)."""
_SERIES_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})
_CAPITALIZED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{1,3}(?![A-Za-z])")


def _digits(length: int | None) -> Normalizer:
    return lambda text: norm.digits(text.replace("$", "5") if text else text, length=length)


def _npsn(text: str | None) -> str | None:
    """Eight digits; a non-formal centre's (PKBM, SKB) NPSN is `P` and seven digits (`P9963884`)."""
    compact = re.sub(r"[\s.\-]", "", norm.clean(text) or "")
    if compact[:1] in ("P", "p") and len(compact) == _NPSN_DIGITS:
        rest = norm.digits(compact[1:].replace("$", "5"), length=_NPSN_DIGITS - 1)
        return f"P{rest}" if rest else None
    return norm.digits(compact.replace("$", "5"), length=_NPSN_DIGITS)


def _nis(text: str | None) -> str | None:
    """A school's number for its pupil: digits, or a code in parts (`487/C/07`, a warga belajar's)."""
    value = norm.clean(text)
    if value and "/" in value:
        return norm.code(value)
    return norm.digits(value.replace("$", "5") if value else value)


_NPSN_DIGITS = 8


_NORMALIZERS: dict[str, Normalizer] = {
    "nama_satuan_pendidikan": _school, "npsn": _npsn, "nama_lengkap": norm.person_name_graded,
    "nama_orang_tua": norm.person_name_graded, "nis": _nis, "nisn": _digits(10), "nim": norm.code,
    "program_studi": unlabelled.programme_name, "gelar": _gelar, "nomor_ijazah": _nomor_ijazah,
}
_LABELS: dict[str, tuple[tuple[str, ...], Normalizer]] = {
    name: (_wordings(name), normalize) for name, normalize in _NORMALIZERS.items()}
_NAMES_NOT_SENTENCES = ("nama_satuan_pendidikan", "nama_lengkap", "nama_orang_tua", "program_studi", "gelar")
"""Fields whose value is a name: a labelled value that reads like a sentence is not theirs."""
_ALL_LABELS = (*(label for labels, _ in _LABELS.values() for label in labels),
               *_BIRTH, *_PLACE, *_BORN_ON, *_PROGRAMME, *_ISSUED, *_wordings("others"))
_LABEL_KEYS = frozenset(compact_key(label) for label in _ALL_LABELS)
_LABEL_WORDS = 5
"""Most words a label in the next column is printed in (`Tempat / Tgl. Lahir :`)."""
_LABEL_FIELDS = (*_NORMALIZERS, "lahir", "tempat_lahir", "tanggal_lahir", "jenjang", "tanggal_lulus", "others")
_INDONESIAN = {name: labels("ijazah", name) for name in _LABEL_FIELDS}
_ENGLISH = {name: labels("ijazah", name, "english") for name in _LABEL_FIELDS}
_IDENTIFIERS = ("nim", "nomor_ijazah", "nisn", "npsn", "nis")
_NATIONAL_DIGITS = 15
_SERIES = re.compile(r"^(?:([A-Za-z]{1,3}-[A-Za-z0-9]{1,3})\s+(?:([A-Za-z]{1,4})\s+)?"
                     r"|(\d{1,3})\s+([A-Za-z]{1,4})\s+)(\d{5,8})$")
"""The number of an older STTB or ijazah: a series code, a letter code and a serial (`DN-74 DII 1920647`,
`12 PB 0012345`), or a series code and a serial (`DN-PC 0012345`, a Paket C's), printed with spaces that
are part of it."""

# Printed level -> jenjang key of vocab.json; checked in this order.
_LEVELS = (
    ("SEKOLAH MENENGAH KEJURUAN", "SMK"), ("SEKOLAH MENENGAH ATAS", "SMA"),
    ("SEKOLAH MENENGAH PERTAMA", "SMP"), ("SEKOLAH DASAR", "SD"),
    ("MADRASAH ALIYAH", "MA"), ("MADRASAH TSANAWIYAH", "MTS"), ("MADRASAH IBTIDAIYAH", "MI"),
)
_PROGRAMMES = (("DIPLOMATIGA", "D3"), ("DIPLOMAIII", "D3"), ("DIII", "D3"), ("DIPLOMAEMPAT", "D4"),
               ("DIPLOMAIV", "D4"), ("DIV", "D4"), ("SARJANATERAPAN", "D4"), ("AHLIMADYA", "D3"),
               ("STRATASATU", "S1"), ("STRATADUA", "S2"), ("STRATATIGA", "S3"), ("SARJANA", "S1"),
               ("MAGISTER", "S2"), ("DOKTOR", "S3"), ("AHLIPRATAMA", "D1"), ("AHLIMUDA", "D2"),
               ("DIPLOMASATU", "D1"), ("DIPLOMADUA", "D2"))
_SCHOOL_GLUED = re.compile(r"^(SD|SMP|SMA|SMK|MI|MTS|MA|MAK)(NEGERI|SWASTA)\b")
_UNIVERSITY = re.compile(r"^(UNIVERSITAS|INSTITUT|SEKOLAH TINGGI|POLITEKNIK|AKADEMI)\b")
_ABBREVIATION_END = re.compile(r"(\b[A-Z]{1,4}(?:\.[A-Z]{1,5})+)[,]?\)")


def extract_ijazah(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[()]]:
    pages = [without_leaders(page) or page for page in pages]  # values written or typed onto dotted lines
    all_lines = _values_beside(bilingual.fold_translations(framed_lines(pages), _INDONESIAN, _ENGLISH))
    found: dict[str, core.FieldValue] = {}
    spans: dict[str, Span | None] = {}
    for name, (wordings, normalize) in _LABELS.items():
        span = _first_labelled(all_lines, wordings)
        if span is not None and (name in _IDENTIFIERS or name in _NAMES_NOT_SENTENCES):
            span = _before_sentence_goes_on(span, at_any_comma=name in _IDENTIFIERS)
        spans[name] = span
        if name in _NAMES_NOT_SENTENCES and spans[name] is not None \
                and reads_like_sentence(spans[name].text):  # type: ignore[union-attr]
            spans[name] = None
        found[name] = field_value(spans[name], normalize)
        if name in _IDENTIFIERS and not any(c.isdigit() for c in found[name].value or "0"):
            # No number or code is printed without a digit: words of the next column (`Nomor Ijazah` over its
            # value, `Lahir di : Raha` beside the caption) or a label (`STAMBUK`). The labels-anywhere pass
            # looks under the label.
            spans[name], found[name] = None, NOT_FOUND
    _read_identifiers_again(pages, found, spans)
    _read_names_again(pages, found, spans)
    born_line, birth_spans = _birth(all_lines, found)
    _read_again(pages, found, birth_spans, {"tempat_lahir": _place_name, "tanggal_lahir": norm.date_graded})
    _unlabelled(all_lines, found)
    _no_label_is_a_value(found)
    if found["nama_lengkap"].value is None:
        found["nama_lengkap"] = unlabelled.holder_in_band(pages, all_lines)
    if born_line is None and found["tanggal_lahir"].value is None:
        found["tempat_lahir"], found["tanggal_lahir"], born_line = unlabelled.birth(all_lines)
    found["jenjang"] = _jenjang(all_lines, found)
    found["tanggal_lulus"] = _date_of_issue(all_lines, after=born_line)
    if found["tanggal_lulus"].value is None:
        found["tanggal_lulus"] = _date_under_place_of_issue(pages, all_lines)
    if found["tanggal_lulus"].value is None:
        found["tanggal_lulus"] = bilingual.english_issue_date(all_lines, after=born_line)
    for name in ("tanggal_lahir", "tanggal_lulus"):
        bilingual.check_twin_date(all_lines, found, name)
    _check_national_number(found)
    for name in ("nim", "nomor_ijazah"):
        code = found[name].value
        if code and lookalike_at_boundary(code):
            found[name] = capped(found[name], DISPUTED)
    _no_label_is_a_value(found)
    return all_fields(core.IJAZAH_FIELDS, found), ()


_WORDED = (*_NAMES_NOT_SENTENCES, "tempat_lahir")


def _no_label_is_a_value(found: dict[str, core.FieldValue]) -> None:
    """A value that is a label's wording, with or without its item number (`1. NAMA PESERTA DIDIK`, `8. NPSN`:
    a form that prints its labels over the values, read as if the next label were the value), is no value:
    the field is left for the labels-anywhere pass, which reads a label's value under it."""
    for name in _WORDED:
        value = found.get(name, NOT_FOUND).value
        words = (value or "").split()
        if words and item_marker(words[0]):
            words = words[1:]
        if value and (not words or _is_label(compact_key(" ".join(words)))):
            found[name] = NOT_FOUND


def _values_beside(all_lines: list[Line]) -> list[Line]:
    """Each line that ends at a label's colon joined with the line just right of it at about its height: a
    value written in by hand on a blanko's dotted line sits lower and larger than the printed label, and a
    stroke of the dots before it (`-`) starts a line of its own."""
    out, taken = [], set()
    for i, line in enumerate(all_lines):
        if i in taken:
            continue
        if line.words[-1].text.endswith(":"):
            for j in range(i + 1, min(len(all_lines), i + _BESIDE_LINES + 1)):
                other = all_lines[j]
                if j not in taken and other.page == line.page and other.words[0].x0 > line.words[-1].x1 \
                        and abs(other.y - line.y) <= _BESIDE * max(line.height, other.height):
                    line = Line(line.page, line.words + other.words)
                    taken.add(j)
                    break
        out.append(line)
    return out


_BESIDE = 0.6
"""Most distance between the centres of a label and the value written beside it, in line heights."""
_BESIDE_LINES = 3
"""Lines below a label's (in top to bottom order) that may hold the value beside it."""


def _unlabelled(all_lines: list[Line], found: dict[str, core.FieldValue]) -> None:
    """Fields no label was found for, from headings, lines of their own and sentences (capped)."""
    if found["nama_satuan_pendidikan"].value is None:
        found["nama_satuan_pendidikan"] = _institution(all_lines)
    if found["nama_lengkap"].value is None:
        found["nama_lengkap"] = unlabelled.holder(all_lines)
    for name in ("npsn", "nisn", "nis", "nim"):
        if found[name].value is None:
            found[name] = unlabelled.identifier(all_lines, _LABELS[name][0])
    if found["gelar"].value is None:
        found["gelar"] = unlabelled.degree(all_lines, _gelar)
    if found["nomor_ijazah"].value is None:
        taken = {str(v.value).replace(" ", "") for v in found.values() if v.value}
        found["nomor_ijazah"] = unlabelled.number(all_lines, taken=taken, normalize=_nomor_ijazah)
    if found["program_studi"].value is None and _university(found):
        found["program_studi"] = unlabelled.programme(all_lines)


def _first_labelled(all_lines: list[Line], wordings: tuple[str, ...], *, in_phrase: bool = False) -> Span | None:
    """The value after the first of `wordings` found; a label whose colon is lost counts only where it
    begins its line (`... pada Program Studi Agribisnis Fakultas ...` is a sentence, not a label). A short label
    read with a slip (`NIP.` for `NIM`) is weak: a longer wording of the field read as printed comes first.
    `in_phrase`: the label's words inside a phrase count too (for a value whose shape the caller checks)."""
    weak: Span | None = None
    for label in wordings:
        found = _label_not_in_phrase(all_lines, label, colon=True, in_phrase=in_phrase)
        key = compact_key(label)
        if found is None and not any(compact_key(r).startswith(key) and compact_key(r) != key for r in _ALL_LABELS):
            found = _label_not_in_phrase(all_lines, label, colon=False, in_phrase=in_phrase)
            # Fewer words than the label has, and no colon, is a guess: the title `IJAZAH / DIPLOMA` is no
            # `No. Ijazah` whose value is `DIPLOMA`.
            if found is not None and (found[1] > printed_words(label) + 1 or found[1] < len(label.split()) or (
                    found[1] == printed_words(label) + 1 and _worded_before(found[0], label))
                    or _two_captions(found[0].words[:found[1]])):
                found = None
        if found is not None and _guessed(found, label):
            continue
        if found is not None:
            span = value_after(*found)
            if span is not None:
                value = _before_next_label(bilingual.without_twin(_without_colon_column(all_lines, span))[0])
                if found[2] >= 1.0 or len(compact_key(label)) > _SHORT_LABEL:
                    return value
                weak = weak or value
    return weak


_SHORT_LABEL = 4
"""Letters of a label (`NIM`, `NIS`, `NPM`) one slip makes another's (`NIP`)."""


def _label_not_in_phrase(all_lines: list[Line], label: str, *, colon: bool,
                         in_phrase: bool = False) -> tuple[Line, int, float] | None:
    """`find_label`, passing over the label's words where they are part of a phrase: a signer's title (`Ketua
    Program Studi,` over a signature, its comma read as the colon lost in the gap to the next signer's title)
    or words inside a sentence or a name. Such a place is no label on any layout; the next best one is looked for."""
    lines = all_lines
    for _ in range(_PHRASE_RETRIES):
        found = find_label(lines, label, rivals=_ALL_LABELS, colon=colon)
        if found is None or not ((not in_phrase and _in_phrase(found, label)) or _title(found, label)
                                 or (not colon and _off_label_column(all_lines, found[0]))):
            return found
        lines = [line for line in lines if line is not found[0]]
    return None


def _off_label_column(all_lines: list[Line], line: Line) -> bool:
    """Whether a line holding a label's words without a colon starts away from where the page's labels that
    keep their colon start (`SATUAN PENDIDIKAN MU'ADALAH ...`, a heading centred above `Nama :` lines): labels
    stand in a column, so a label whose colon was lost still begins at its left edge. Where the page's labels
    that keep their colon make no column (a centred `NIM. 9296774` under a lone `Nomor :`), any place will do."""
    starts = [other.words[0].x0 for other in all_lines if other.page == line.page and _colon_labelled(other)]
    slack = _COLUMN_SLACK * line.height
    column = [x for x in starts if sum(abs(x - other) <= slack for other in starts) >= _COLUMN_LINES]
    return bool(column) and all(abs(line.words[0].x0 - x) > slack for x in column)


_COLUMN_SLACK = 1.5
"""Line heights a label's start may stand off its column (an item number, a scan's slant)."""
_COLUMN_LINES = 3
"""Labelled lines that make a column (a lone `Nomor :` in a corner makes none)."""


def _colon_labelled(line: Line) -> bool:
    """A line beginning with one of the ijazah's labels closed by a printed colon (`Nama :`, `1. NISN:`)."""
    words = line.words[1:] if item_marker(line.words[0].text) else line.words
    for end in range(1, min(len(words), _LABEL_WORDS + 1) + 1):
        text = " ".join(w.text for w in words[:end])
        if ":" in text:
            return _is_label(compact_key(text.split(":")[0]))
    return False


_PHRASE_RETRIES = 3


def _title(found: tuple[Line, int, float], label: str) -> bool:
    """Whether the words taken for the label are the document's title (`IJAZAH :` before Arabic read as
    letters is no `No. Ijazah` with its `No.` lost): a title is never a label."""
    line, after, _ratio = found
    return compact_key(" ".join(w.text for w in line.words[_label_start(found, label):after])) in _TITLE_KEYS \
        and compact_key(label) not in _TITLE_KEYS


_TITLE_KEYS = frozenset(compact_key(title) for title in labels("ijazah", "titles", ""))


def _label_start(found: tuple[Line, int, float], label: str) -> int:
    """The index of the first word of the run `find_label` took for `label` (the run ends before `found[1]`)."""
    line, after, _ratio = found
    words, key = line.words, compact_key(label)
    lowest = max(0, after - printed_words(label) - 1)
    start = min(range(lowest, after), key=lambda i: (
        norm.edit_distance(compact_key(" ".join(w.text for w in words[i:after])), key, limit=len(key)), -i))
    # The word before makes the run another wording of a label (`Nomor Ijazah` taken for `No. Ijazah`): the
    # label begins there, not inside it.
    # A mark alone (the colon of the value to its left, `354/UMB/... : Pada Tanggal :`) adds no letter to it.
    return start - 1 if start > 0 and compact_key(words[start - 1].text) \
        and _is_label(compact_key(" ".join(w.text for w in words[start - 1:after]))) else start


def _in_phrase(found: tuple[Line, int, float], label: str) -> bool:
    """Whether the label's words found without a printed colon are inside a phrase: the last ends at a comma
    (a title or a list goes on: `Ketua Program Studi,`), or a word stands right before the first at a word's
    spacing (`Ketua Program Studi Ilmu Hukum`, `pada Program Studi ...`). A form's item number (`3.`) or a
    translation's slash before the label is no such word."""
    line, after, _ratio = found
    words = line.words
    if ":" in words[after - 1].text or (after < len(words) and words[after].text.startswith(":")):
        return False  # a printed colon: a label
    start = _label_start(found, label)
    if words[after - 1].text.endswith((",", ";")):
        return True
    if start == 0:
        return False
    before, first = words[start - 1], words[start]
    return (sum(c.isalpha() for c in before.text) >= 2 and not item_marker(before.text)
            and first.x0 - before.x1 <= _CAPTION_GAP * max(before.height, first.height))


_SENTENCE_GOES_ON = frozenset({"LAHIR", "TANGGAL", "TGL", "TEMPAT", "DI", "PADA", "TELAH", "DAN", "YANG"})
"""Words after a comma that carry the sentence on (`022010218, lahir di Bone tanggal ...`)."""


def _two_captions(run: tuple[Word, ...]) -> bool:
    """Whether the words read as a label without its colon are two captions of a form: an item number after the
    first word (`Lahir 3. Tanggal` is no `Lahir di/Tanggal`), or a column's gap between two words."""
    return any(item_marker(w.text) for w in run[1:]) or (
        len(run) > 1 and widest_gap(run) > _CAPTION_GAP * max(w.height for w in run))


_CAPTION_GAP = 2.5
"""Text heights between two words that part two captions (a label's words are set close)."""


def _worded_before(line: Line, label: str) -> bool:
    """A word of its own before a label without a colon (`KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX`): the
    label is part of a longer name, not a label; a number (`1.`) or the label's own first part split is no such word."""
    first = compact_key(line.words[0].text)
    return len(first) >= 3 and first.isalpha() and not compact_key(label).startswith(first)


def _before_sentence_goes_on(span: Span, *, at_any_comma: bool) -> Span:
    """The value up to a comma after which its sentence goes on (`N.P.M. 022010218, lahir di Bone ...`,
    `nama orang tua LA ODE RAHMAN, lahir di ...`): an identifier ends at any comma; a name only where the
    words after the comma are the sentence's (a degree after a name's comma stays: `H. LA ODE, S.Pd.`)."""
    words = span.words
    for i, word in enumerate(words[:-1]):
        if not word.text.endswith((",", ";")):
            continue
        rest = words[i + 1:]
        if at_any_comma or rest[0].text.strip(".,:;").upper() in _SENTENCE_GOES_ON \
                or reads_like_sentence(" ".join(w.text for w in rest)):
            last = dataclasses.replace(word, text=word.text.rstrip(",;"))
            return Span(span.page, (*words[:i], last), span.factor)
    return span


def _before_next_label(span: Span) -> Span | None:
    """The span up to where the next column's label begins on the same line (`Nama : RATNA SERI Jurusan :
    Syariah` set with a narrow gap): words that read as one of the ijazah's labels and end at a colon, or
    follow a form's item number (`6. Nomor Induk Siswa Nasional`); None when the label is all there is."""
    words = span.words
    # A value that begins with a label closed by its colon is the next column's (`Nomor Ijazah` over its value,
    # `Pada Tanggal : 13 Juni 1987` beside it): none beside this label.
    for end in range(1, min(len(words), _LABEL_WORDS) + 1):
        if (words[end - 1].text.endswith(":") or (end < len(words) and words[end].text.startswith(":"))) \
                and len(compact_key(" ".join(w.text for w in words[:end]))) >= _FUZZY_LABEL \
                and _is_label(compact_key(" ".join(w.text for w in words[:end]).rstrip(":"))):
            return None
    for start in range(0 if item_marker(words[0].text) else 1, len(words)):
        numbered = start + 1 < len(words) and item_marker(words[start].text)
        for end in range(start + 1, min(len(words), start + _LABEL_WORDS) + 1):
            last = words[end - 1].text
            closed = last.endswith(":") or (end < len(words) and words[end].text.startswith(":"))
            # A numbered item's label needs no colon (`5. Nomor Induk Siswa 6. Nomor Induk Siswa Nasional`).
            if numbered and end > start + 1 and _is_label(compact_key(" ".join(w.text for w in words[start + 1:end]))):
                return Span(span.page, words[:start], span.factor) if start else None
            if closed and _is_label(compact_key(" ".join(w.text for w in words[start:end]).rstrip(":"))):
                return Span(span.page, words[:start], span.factor)
    return span


def _is_label(key: str) -> bool:
    """One of the ijazah's labels, as printed or with one slip in a label of six letters or more."""
    return key in _LABEL_KEYS or (len(key) >= _FUZZY_LABEL and any(
        norm.edit_distance(key, label, limit=1) <= 1 for label in _LABEL_KEYS if len(label) >= _FUZZY_LABEL))


_FUZZY_LABEL = 6


def _guessed(found: tuple[Line, int, float], label: str) -> bool:
    """A label read with slips whose every word is `faint` is a guess (a garbled signature block read `naa X`,
    `NAN A Sa` like `Nama`), not a label. (One word at 0.0 is no sign: Tesseract gives `Tua Wali` of a well-read
    `Nama Orang Tua/Wali` 0.0.)"""
    line, after, ratio = found
    if ratio >= 1.0:
        return False
    printed = [w for w in line.words[:after] if compact_key(w.text)][-printed_words(label):]
    return not printed or faint(max(w.confidence for w in printed))


_COLON_LIKE = frozenset("1l|!:;\"'`")


def _without_colon_column(all_lines: list[Line], span: Span) -> Span:
    """The span without a first word that is the line's colon read as a letter or digit (`1` at 0.92 in
    `Nomor Induk Siswa 1 22173`): a word of colon look-alikes standing where other lines print their colon,
    or a short word of punctuation or lower case read unsurely there (a blanko's colon with the dotted line's
    first dots: `Lo.`, `po`, `2...`)."""
    first = span.words[0]
    look_alike = len(first.text) <= 2 and set(first.text) <= _COLON_LIKE
    # dots read as letters are lower case or punctuation (`Lo.`, `po`, `2...`); `ILMU KOMUNIKASI` keeps `ILMU`
    dotted = len(first.text) <= _DOTTED_COLON_LETTERS and first.confidence < _DOTTED_COLON_SURE and (
        not first.text.isalnum() or (len(first.text) <= 2 and not first.text.isupper()))
    if len(span.words) < 2 or not (look_alike or dotted):
        return span
    colons = [w for ln in all_lines if ln.page == span.page for w in ln.words if w.text == ":" and w is not first]
    reach = first.height / 4
    if any(first.x0 - reach <= w.cx <= first.x1 + reach for w in colons):
        return Span(span.page, span.words[1:], span.factor)
    return span


_DOTTED_COLON_LETTERS = 4
_DOTTED_COLON_SURE = 0.7
"""A word at the colon column this short, read below this confidence, is the colon with dots glued to it."""


def _birth(all_lines: list[Line], found: dict[str, core.FieldValue]) -> tuple[Line | None, dict[str, Span | None]]:
    """Place and date of birth from one combined label or two separate ones; the line they were on, and
    the words each was read from."""
    born = _first_labelled(all_lines, _BIRTH)
    if born is not None:
        place, _ = norm.place_and_date(born.text)
        # Each part is as sure as its own words: an unsure month does not doubt the place, nor the reverse.
        place_words, date_words = _split_place_and_date(born)
        found["tempat_lahir"] = field_value(place_words, constant(_place(place)))
        found["tanggal_lahir"] = field_value(born, norm.date_graded)
        if date_words is not None:
            own = field_value(date_words, norm.date_graded)
            if own.value is not None and own.value == found["tanggal_lahir"].value:
                found["tanggal_lahir"] = own
        english = bilingual.english_birth(born) if found["tanggal_lahir"].value is None else None
        if english is not None and english[0].words:
            place_words = english[0]
            found["tempat_lahir"] = field_value(place_words, _place_name)
            found["tanggal_lahir"] = capped(english[1], DISPUTED)
        return _line_of(all_lines, born), {"tempat_lahir": place_words, "tanggal_lahir": date_words}
    place_span, date_span = _first_labelled(all_lines, _PLACE), _first_labelled(all_lines, _BORN_ON)
    if place_span is None and date_span is None:  # `Lahir di : Cilacap` / `Pada Tanggal : 8 April 1963`
        born_at = find_label(all_lines, _BORN_AT, rivals=_ALL_LABELS)  # with its colon: `lahir di` begins sentences
        place_span = value_after(*born_at) if born_at is not None else None
        date_span = _date_continuing(all_lines, born_at[0]) if born_at is not None else None
        place_span = place_span if date_span is not None else None
    found["tempat_lahir"] = field_value(place_span, _place_name)
    found["tanggal_lahir"] = field_value(date_span, norm.date_graded)
    lowest = [_line_of(all_lines, s) for s in (place_span, date_span) if s is not None]
    line = max(lowest, key=lambda ln: (ln.page, ln.y)) if lowest else None
    return line, {"tempat_lahir": place_span, "tanggal_lahir": date_span}


def _date_continuing(all_lines: list[Line], line: Line) -> Span | None:
    """The date after `Pada Tanggal :` right under the `Lahir` of `line`: a label that begins with a preposition
    goes on with the phrase of the label above it (`Lahir di : Cilacap` / `Pada Tanggal : 8 April 1963` is
    `lahir di Cilacap pada tanggal ...`, the birth; under `Dikeluarkan di` it is the day of issue)."""
    for below in _lines_under(all_lines, line):
        found = _continuing_label(line, below)
        if found is not None:
            return value_after(*found)
    return None


def _continuing_label(above: Line, below: Line) -> tuple[Line, int, float] | None:
    """`Pada Tanggal :` in `below`, standing under the word `Lahir` of `above` (the label column)."""
    born = next((w for w in above.words if "LAHIR" in compact_key(w.text)), None)
    found = find_label([below], "Pada Tanggal")
    if born is None or found is None:
        return None
    first = below.words[_label_start(found, "Pada Tanggal")]
    return found if abs(first.x0 - born.x0) <= _COLUMN_SLACK * above.height else None


def _lines_under(all_lines: list[Line], line: Line) -> list[Line]:
    """The lines under `line` on its page within a few of its heights, nearest first."""
    return sorted((ln for ln in all_lines if ln.page == line.page and 0 < ln.y - line.y <= _NEXT_LINE * line.height),
                  key=lambda ln: ln.y)


_NEXT_LINE = 2.5


def _split_place_and_date(span: Span) -> tuple[Span, Span | None]:
    """`KOLAKA, 12 Maret 2002` as the place's words and the date's (from the first word with a digit)."""
    start = next((i for i, w in enumerate(span.words) if any(c.isdigit() for c in w.text)), None)
    if not start:
        return span, None
    return Span(span.page, span.words[:start], span.factor), Span(span.page, span.words[start:], span.factor)


def _place_name(text: str | None) -> str | None:
    return _place(norm.name(text))


def _place(text: str | None) -> str | None:
    """A place with what separated it from the date (`KOLAKA /`, `KOLAKA,`) dropped."""
    value = text.strip(" /,.-") if text else None
    return value or None


def _line_of(all_lines: list[Line], span: Span) -> Line:
    """The line the span was read from; a span made of words split off a glued one (`Lahir:KOLAKA`)
    is in none, and the line nearest its height stands in."""
    same_page = [ln for ln in all_lines if ln.page == span.page]
    found = next((ln for ln in same_page if span.words[0] in ln.words), None)
    return found or min(same_page, key=lambda ln: abs(ln.y - span.words[0].cy))


def _digit_like(value: str) -> bool:
    """Mostly digits, the rest letters that look like digits: a number, not a code like `DN-74/M-SMA/13/...`."""
    compact = re.sub(r"[\s.\-]", "", value)
    return bool(compact) and sum(c.isdigit() for c in compact) >= 0.8 * len(compact) and all(
        c.isdigit() or c in "OoDIl|SB$" for c in compact)


def _read_identifiers_again(pages: list[Page], found: dict[str, core.FieldValue],
                            spans: dict[str, Span | None]) -> None:
    """Doubtful identifiers read from their own crop (digits only for numbers); the readings reconciled.

    Doubtful: nothing read, or a word read below `SURE` (Tesseract's own figure, before calibration); and
    every number of `_LONG_NUMBER` digits or more.
    """
    by_page: dict[tuple[int, str | None], list[str]] = {}
    for name in _IDENTIFIERS:
        span = spans[name]
        long_number = (found[name].value or "").isdigit() and len(found[name].value or "") >= _LONG_NUMBER
        if span is None or span.bbox is None or (
                found[name].value is not None and span.confidence >= SURE and not long_number):
            continue
        whitelist = _DIGITS if name in ("nisn", "npsn", "nis") or _digit_like(span.text) else None
        by_page.setdefault((span.page, whitelist), []).append(name)
    for (number, whitelist), names in by_page.items():
        page = next(p for p in pages if p.number == number)
        boxes = [_padded(spans[n].bbox) for n in names]  # type: ignore[union-attr,arg-type]
        for name, words in zip(names, reread(page, boxes, lang=page.lang, whitelist=whitelist), strict=True):
            second = field_value(Span(number, words, spans[name].factor),  # type: ignore[union-attr]
                                 _LABELS[name][1]) if words else NOT_FOUND
            found[name] = _reconcile(found[name], second)


_DIGITS = "0123456789"
_LONG_NUMBER = 10
"""Digits from which an identifier without a check of its own (a NISN, the national ijazah number) is read
again however surely it was read: one digit misread at 0.93 (`...000163268` for `...000103268`) is otherwise
in the band, and a second reading that differs sends it to review (`_reconcile`)."""
_NAMES = ("nama_lengkap", "nama_orang_tua")


def _read_names_again(pages: list[Page], found: dict[str, core.FieldValue], spans: dict[str, Span | None]) -> None:
    _read_again(pages, found, {name: spans[name] for name in _NAMES}, {name: _LABELS[name][1] for name in _NAMES})


def _read_again(pages: list[Page], found: dict[str, core.FieldValue], spans: dict[str, Span | None],
                normalizers: dict[str, Normalizer]) -> None:
    """Unsure values read again from their own crop (one Tesseract run per page) and the readings weighed
    (`_confidence.weigh`); the value keeps the box it was found in on the page."""
    by_page: dict[int, list[str]] = {}
    for name, span in spans.items():
        if span is not None and span.bbox is not None and found[name].value is not None \
                and read_again(found[name]):
            by_page.setdefault(span.page, []).append(name)
    for number, names in by_page.items():
        page = next(p for p in pages if p.number == number)
        boxes = [_padded(spans[n].bbox) for n in names]  # type: ignore[union-attr,arg-type]
        for name, words in zip(names, reread(page, boxes, lang=page.lang), strict=True):
            second = field_value(Span(number, words, spans[name].factor),  # type: ignore[union-attr]
                                 normalizers[name]) if words else NOT_FOUND
            first = found[name]
            found[name] = dataclasses.replace(weigh(first, [second]), page=first.page, bbox=first.bbox)


def _padded(bbox: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = bbox
    pad = max(6, (y1 - y0) // 2)
    return max(0, x0 - pad), max(0, y0 - pad), x1 + pad, y1 + pad


_CONFUSED = {("I", "1"), ("L", "1"), ("O", "0"), ("D", "0"), ("S", "5"), ("B", "8"), ("Z", "2"), ("G", "6")}


def _reconcile(first: core.FieldValue, second: core.FieldValue) -> core.FieldValue:
    """One value from two readings of the same identifier.

    Agreeing readings keep the first. Where they differ only in letters and
    the digits those letters are mistaken for (`FIA88207` against `F1A88207`),
    the digit is taken: identifiers are mostly digits, and a closer reading of
    a crop resolves the look-alike better than a page read with its language
    model, but disputed (`DISPUTED`). Otherwise the surer reading wins, capped as contradicted.
    """
    if second.value is None or second.value == first.value:
        return first
    if first.value is None:
        return second
    a, b = first.value, second.value
    if len(a) == len(b) and all(x == y or (x, y) in _CONFUSED or (y, x) in _CONFUSED for x, y in zip(a, b, strict=True)):
        digits = "".join(y if y.isdigit() else x for x, y in zip(a, b, strict=True))
        chosen = second if digits == b else first if digits == a else core.FieldValue(digits, 0.0, first.page,
                                                                                          first.bbox)
        confidence = min(max(first.confidence, second.confidence), DISPUTED)
        return core.FieldValue(chosen.value, confidence, first.page, first.bbox)
    surer = first if first.confidence >= second.confidence else second
    return core.FieldValue(surer.value, min(surer.confidence, CONTRADICTED), first.page, first.bbox)


def _check_national_number(found: dict[str, core.FieldValue]) -> None:
    """The national number carries the graduation year (digits 6-9): a year other than the date of issue's
    makes both doubtful. (Agreement proves little about the other ten digits, so it raises nothing.)"""
    number, issued = found.get("nomor_ijazah", NOT_FOUND).value, found.get("tanggal_lulus", NOT_FOUND).value
    if number and issued and number.isdigit() and len(number) == _NATIONAL_DIGITS and number[5:9] != issued[:4]:
        corroborate(found, ("nomor_ijazah", "tanggal_lulus"), agree=False)


def _institution(all_lines: list[Line]) -> core.FieldValue:
    """A university prints its name as a heading rather than a labelled value; a school may too."""
    return unlabelled.institution(all_lines)


def _jenjang(all_lines: list[Line], found: dict[str, core.FieldValue]) -> core.FieldValue:
    # A level named after `Program` in a sentence (`... pada Program Sarjana (S1)`) has the shape of one.
    for programme in (_first_labelled(all_lines, _PROGRAMME), _first_labelled(all_lines, _PROGRAMME, in_phrase=True)):
        key = _programme(programme.text) if programme is not None else None
        if programme is not None and key:
            return field_value(programme, constant(key))
    paket = _paket(all_lines)
    if paket.value is not None:
        return paket
    gelar = found.get("gelar", NOT_FOUND)
    if _university(found):
        # A school's level printed on a university's diploma is a programme's (`Pendidikan Guru Madrasah
        # Ibtidaiyah`, `PGSD`): the degree conferred says the level.
        key = _programme(gelar.value)
        return core.FieldValue(key, gelar.confidence, gelar.page, gelar.bbox) if key else NOT_FOUND
    printed_level = _printed_level(all_lines)
    if printed_level is not None:
        line, key = printed_level
        return field_value(Span(line.page, line.words), constant(key))
    school = found.get("nama_satuan_pendidikan", NOT_FOUND)
    if school.value:
        kind = school.value.split()[0]
        # `SMAN 1 KOLAKA`, `MTSN ...`: the kind with its `N` (negeri) glued on.
        level = norm.jenjang(kind) or (norm.jenjang(kind[:-1]) if kind.endswith("N") else None)
        if level:
            return core.FieldValue(level, school.confidence, school.page, school.bbox)
    key = _programme(gelar.value)
    return core.FieldValue(key, gelar.confidence, gelar.page, gelar.bbox) if key else NOT_FOUND


def _printed_level(all_lines: list[Line]) -> tuple[Line, str] | None:
    """The school level the page prints (`SEKOLAH MENENGAH PERTAMA`) and its line: of the levels found, the one
    read most alike. A level's name cut by a line's end (`... LULUS dari Sekolah Menengah` above `Pertama pada
    ...`) reads like every level it begins, the full name of another only like itself."""
    best: tuple[float, Line, str] | None = None
    for printed, key in _LEVELS:
        line = find_line(all_lines, printed, min_ratio=0.85)
        if line is None:
            continue
        ratio = _best_run(line, printed)
        if best is None or ratio > best[0]:
            best = (ratio, line, key)
    return (best[1], best[2]) if best is not None else None


def _best_run(line: Line, phrase: str) -> float:
    """How alike the line's run of words most like `phrase` reads (runs cut short by the line's end count)."""
    target, size = compact_key(phrase), len(phrase.split())
    keys = [compact_key(w.text) for w in line.words]
    return max((_similar(compact_key("".join(keys[i:i + size])), target, 0.0) for i in range(len(keys))), default=0.0)


def _paket(all_lines: list[Line]) -> core.FieldValue:
    """The equivalency programme non-formal education certifies (`PROGRAM PAKET C SETARA SMA`, `KELOMPOK
    BELAJAR PAKET B`, `Ujian ... Program Paket C`): `PAKET A`, `B` or `C`, jenjang keys of their own (the
    level it is `SETARA` to is not the one it proves). Where the page names two programmes, disputed."""
    places: list[tuple[str, Span]] = []
    for line in all_lines:
        keys = [compact_key(w.text) for w in line.words]
        for i, key in enumerate(keys):
            glued = len(key) == len(_PAKET) + 1 and key[-1] in _PAKET_LETTERS
            word = key[:-1] if glued else key
            if len(word) != len(_PAKET) or norm.edit_distance(word, _PAKET, limit=1) > 1:
                continue
            letter = key[-1] if glued else keys[i + 1] if i + 1 < len(keys) else ""
            if letter in _PAKET_LETTERS:
                places.append((f"PAKET {letter}", Span(line.page, line.words[i:i + (1 if glued else 2)])))
    if not places:
        return NOT_FOUND
    key, span = places[0]
    value = field_value(span, constant(key))
    return capped(value, DISPUTED) if any(k != key for k, _ in places) else value


_PAKET, _PAKET_LETTERS = "PAKET", frozenset("ABC")


def _university(found: dict[str, core.FieldValue]) -> bool:
    """A university's diploma: a university, institute, college ... issued it, or it gives a NIM or a degree."""
    return bool(_UNIVERSITY.match(found["nama_satuan_pendidikan"].value or "") or any(
        found[n].value for n in ("gelar", "nim")))


def _programme(text: str | None) -> str | None:
    """`Sarjana`, `Diploma Tiga`, `D-III`, `Strata Satu`, `S1` -> a jenjang key."""
    if not text:
        return None
    compact = re.sub(r"[^A-Z0-9]", "", text.upper())
    direct = norm.jenjang(compact)
    if direct:
        return direct
    return next((key for printed, key in _PROGRAMMES if compact.startswith(printed) or printed in compact), None)


def _date_of_issue(all_lines: list[Line], *, after: Line | None) -> core.FieldValue:
    """`Kolaka, 4 Mei 2009` above the signature, labelled or not: the last date printed below the person block.

    A labelled date (`Tanggal Lulus :`) is taken first. Lines with other labels
    and the line of the date of birth (found by its label, or by `Lahir` where
    the label's colon was lost) are never taken.
    """
    labelled_date = _first_labelled(all_lines, _ISSUED)
    in_sentence = unlabelled.issued(all_lines)
    if labelled_date is not None and norm.date(labelled_date.text) and not _about_birth(all_lines, labelled_date) \
            and not (in_sentence.value is not None and _inside_sentence(all_lines, labelled_date)):
        return field_value(labelled_date, norm.date_graded)
    if in_sentence.value is not None:
        return in_sentence
    if _replacement_letter(all_lines):
        return NOT_FOUND  # the date above its signature is the letter's, years after the ijazah's
    for line in reversed(all_lines):
        if line is after or (after is not None and (line.page, line.y) <= (after.page, after.y)):
            break
        if (_has_label(line) and not _issue_label_end(line)) or _about_birth(all_lines, Span(line.page, line.words)):
            continue
        if norm.date(line.text) is not None:
            value = field_value(Span(line.page, line.words), norm.date_graded)
            # `Kolaka, 4 Mei 2009` is a line of its own; a date inside a longer line is inside a sentence.
            return capped(value, IN_SENTENCE) if len(line.words) > _DATE_LINE_WORDS else value
    return NOT_FOUND


_DATE_LINE_WORDS = 6


_ISSUED_WORDS = frozenset(compact_key(w) for label in _ISSUED for w in label.split())


def _inside_sentence(all_lines: list[Line], span: Span) -> bool:
    """Whether a date found after a label's wording stands inside a sentence (`yang dinyatakan lulus pada
    tanggal 5 April 1990`: the day of the examination, not of issue): a word before it on its line that is
    none of the labels' words and is written in lower case."""
    line = _line_of(all_lines, span)
    before = [w.text for w in line.words if w.x1 <= span.words[0].x0]
    return any(t.isalpha() and t.islower() and compact_key(t) not in _ISSUED_WORDS for t in before)


_REPLACEMENT = re.compile(r"^SURATKETERANGAN(?:PENGGANTI|\w{0,12}(?:HILANG|RUSAK))")
"""A letter standing in for a lost or ruined ijazah (`SURAT KETERANGAN PENGGANTI IJAZAH / STTB`)."""


def _replacement_letter(all_lines: list[Line]) -> bool:
    """Whether the document is a letter in place of the ijazah: it lists the ijazah's date among its fields
    and dates itself above its signature."""
    return any(_REPLACEMENT.match(compact_key(line.text)) for line in all_lines[:_TITLE_LINES])


_TITLE_LINES = 12
"""Lines from the top a title stands within (under a letterhead of up to ten lines)."""


def _date_under_place_of_issue(pages: list[Page], all_lines: list[Line]) -> core.FieldValue:
    """The date of issue from the band right under `Ditetapkan di : Kolaka`, read again from the page image,
    when the page reading lost the `Pada tanggal : ...` line under it (a seal pressed over it). Doubted:
    where the date was is inferred."""
    for line in reversed(all_lines):
        if not _PLACE_OF_ISSUE.match(line.text) or ":" not in line.text:
            continue
        page = next((p for p in pages if p.number == line.page), None)
        if page is None or page.image is None:
            return NOT_FOUND
        top = max(w.bbox[3] for w in line.words)
        box = (max(0, line.words[0].x0 - round(line.height)), top,
               page.image.shape[1], min(page.image.shape[0], round(top + _DATE_BAND * line.height)))
        words = reread(page, [box], lang=page.lang, one_by_one=True)[0]
        # The date's own words: what the seal's ring is read as stands before it (`FANS AhORAN: 4 Mei 2010`).
        start = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w.text)), None)
        date = words[start:start + _DATE_WORDS] if start is not None else ()
        value = field_value(Span(line.page, date), norm.date_graded) if date else NOT_FOUND
        return capped(value, DISPUTED) if value.value is not None else NOT_FOUND
    return NOT_FOUND


_PLACE_OF_ISSUE = re.compile(r"^(?:Ditetapkan|Dikeluarkan|Diberikan|Diterbitkan)\s+di\b", re.IGNORECASE)
_DATE_BAND = 3.0
_DATE_WORDS = 3
"""Line heights under the place of issue the date line stands in."""


def _issue_label_end(line: Line) -> bool:
    """A line labelled with the end of a date-of-issue label, its start lost (`tanggal : 20 Juni 1998` under
    a seal that covers `Pada`)."""
    colon = next((i for i, w in enumerate(line.words) if ":" in w.text), None)
    if not colon:
        return False
    key = compact_key(" ".join(w.text for w in line.words[:colon + 1]).split(":")[0])
    return len(key) >= _LABEL_END and any(compact_key(label).endswith(key) for label in _ISSUED)


_LABEL_END = 4


def _about_birth(all_lines: list[Line], span: Span) -> bool:
    """Whether the span's line is about the birth: it says `Lahir`, or its label goes on with a line above that
    does (`Lahir di : Cilacap` / `Pada Tanggal : 8 April 1963`)."""
    line = _line_of(all_lines, span)
    if "LAHIR" in compact_key(line.text):
        return True
    born = [above for above in all_lines if above.page == line.page and above.y < line.y
            and "LAHIR" in compact_key(above.text)]
    return any(line in _lines_under(all_lines, above) and _continuing_label(above, line) is not None
               for above in born)


def _has_label(line: Line) -> bool:
    """A `label : value` line: a colon after the first word (a time such as `10:00` does not count)."""
    return any(":" in w.text and not re.search(r"\d:\d", w.text) for w in line.words[1:])
