"""Where a buku nikah prints its values: each party's block (headings one above the other, or SUAMI and
ISTRI side by side in one table), labels within their band, and values printed without a label (the KUA
in a heading, the marriage date inside a sentence).

    locate_pages(pages) -> locate's answer, each page of an opened booklet's spread (two pages side by side
        with the fold between) located apart, as the pages of a document are
    locate(all_lines) -> (spans by field, caps for values found without a label, x where table values end)
    PARTY_LABELS: per party field, its printed labels (`labels.toml`)
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import statistics

from ._buku_nikah_letter import akta_in_sentence, letter_number, spouses_in_prose, wali_in_sentence
from ._buku_nikah_names import names_side_by_side
from ._buku_nikah_rows import party_rows
from ._confidence import CONTRADICTED, IN_SENTENCE, SPECK_WORD, UNLABELLED, faint
from ._fields import labels, reads_like_sentence
from ._ijazah_frame import without_frame
from ._layout import (
    Line,
    Span,
    compact_key,
    continued,
    find_label,
    label_factor,
    labelled,
    lines,
    printed_words,
    value_after,
    without_leading_noise,
)
from ._model import Page, Word
from ._normalize import date_graded
from ._sentences import DATE, date_in_words, stream

PARTY_LABELS: dict[str, tuple[str, ...]] = {
    name: labels("buku_nikah", name)
    for name in ("nama_lengkap", "nik", "kewarganegaraan", "agama", "pekerjaan", "alamat")}
_BORN = labels("buku_nikah", "lahir")
_BORN_APART = (labels("buku_nikah", "tempat_lahir"), labels("buku_nikah", "tanggal_lahir"))
_PARTY_NAMES = {role: tuple(dict.fromkeys(w.rstrip(":") for w in labels("buku_nikah", role, "sections")
                                          if " " not in w.strip()))
                for role in ("suami", "istri")}
"""A party's name in one word as its block's heading prints it (`SUAMI`, `ISTRI`, `ISTERI`): a label may carry it
after its own words (`Nama Suami`, `Tempat Lahir Istri`, a registry system's printout), its value further on."""


def _party_named(all_lines: list[Line], role: str, wordings: tuple[str, ...], *, after_y: float | None,
                 before_y: float | None) -> Span | None:
    """The value after one of `wordings` followed by the party's name (`Nama Suami`, `Tempat Lahir Istri`), read
    as printed: where a label carries its party's name, `Nama` alone takes the name (`Suami`) for the value. Only
    read exactly (a fuzzy `Nama Istri` is `Nama : SRI`), and only where the label begins its line."""
    keys = {compact_key(f"{w} {name}") for w in wordings for name in _PARTY_NAMES[role]}
    longest = max((printed_words(w) for w in wordings), default=0) + 1
    for line in all_lines:
        if (after_y is not None and line.y <= after_y) or (before_y is not None and line.y >= before_y):
            continue
        for end in range(2, min(longest, len(line.words)) + 1):
            if compact_key(" ".join(w.text for w in line.words[:end])) in keys:
                span = value_after(line, end)
                if span is not None and not reads_like_sentence(span.text, most_words=_ADDRESS_WORDS):
                    return span
    return None
_RIVALS = (*(label for wordings in PARTY_LABELS.values() for label in wordings), *_BORN, *_BORN_APART[0],
           *_BORN_APART[1],
           *labels("buku_nikah", "nomor_akta"), *labels("buku_nikah", "tanggal_nikah"), *labels("buku_nikah", "kua"),
           *labels("buku_nikah", "wali"), *labels("buku_nikah", "others"))
_HEADINGS = tuple((role, tuple(compact_key(h) for h in labels("buku_nikah", role, "sections")))
                  for role in ("suami", "istri", "wali", "saksi"))


Located = tuple[dict[str, Span | None], dict[str, float], dict[str, int], frozenset[str]]
"""Spans by field, caps for values found without a label, x where table values end, and the fields cut out of
sentences (`_buku_nikah_letter`), whose crop ends at the value's own last word."""


def locate_pages(pages: list[Page]) -> Located:
    """`locate` over the pages' lines; a spread (one image or text layer holding two booklet pages side by
    side) is split at its fold first: lines of the two pages at one height are no line, and a party's
    block on the right page is no part of the band under the left page's heading.

    Each half is located apart; a value found by its label on either half wins over one found without,
    then the first half's. Values of a left half end at the fold (their crops never reach across it).
    """
    all_lines = [ln for page in pages for ln in _lines_of(page)]
    folds: list[tuple[float, float] | None] = [_spread(page) for page in pages]
    columns = _columns(all_lines)
    if all(f is None for f in folds) or (columns is not None and not any(
            _labels_both_sides(page, split[0], below=columns[0]) for page, split in zip(pages, folds, strict=True)
            if split)):
        return locate(all_lines)
    spans: dict[str, Span | None] = {}
    caps: dict[str, float] = {}
    limits: dict[str, int] = {}
    prose: set[str] = set()
    for page, split in zip(pages, folds, strict=True):
        fold, top = split if split is not None else (None, 0.0)
        # Above its columns (a form's heading, its number) the page is one: it goes with the left half.
        halves = [page.words] if fold is None else [tuple(w for w in page.words if w.cx < fold or w.cy < top),
                                                   tuple(w for w in page.words if w.cx >= fold and w.cy >= top)]
        for i, words in enumerate(halves):
            found, found_caps, found_limits, found_prose = locate(_lines_of(page, words))
            for key, span in found.items():
                if span is None or (spans.get(key) is not None and (key not in caps or key in found_caps)):
                    continue
                spans[key] = span
                prose.discard(key)
                if key in found_prose:
                    prose.add(key)
                caps.pop(key, None)
                if key in found_caps:
                    caps[key] = found_caps[key]
                limits.pop(key, None)
                if key in found_limits:
                    limits[key] = found_limits[key]
                if fold is not None and i == 0:
                    limits[key] = min(limits.get(key, round(fold)), round(fold))
            for key in found:
                spans.setdefault(key, None)
    if columns is not None and spans.get("suami.nama_lengkap") is None and spans.get("istri.nama_lengkap") is None:
        # A card's front photographed beside its back: the names on the half without the table.
        _unlabelled_names(all_lines, spans, caps, limits)
    return spans, caps, limits, frozenset(prose)


def _labels_both_sides(page: Page, fold: float, *, below: float) -> bool:
    """Whether both sides of a fold print the party labels under the SUAMI and ISTRI headings (at y `below`),
    each at the start of its lines: two booklet pages (the husband's and the wife's) side by side, not one
    table or card of both parties, whose labels stand once."""
    words = [w for w in page.words if not faint(w.confidence) and w.cy > below]
    if not words:
        return False
    height = statistics.median(w.height for w in words)
    left, right = min(w.x0 for w in words) - 1, max(w.x1 for w in words) + 1
    return all(_labels_beginning_lines(words, lo, hi, height) >= _FOLD_COLONS for lo, hi in ((left, fold),
                                                                                            (fold, right)))


def _spread(page: Page) -> tuple[float, float] | None:
    """Where a page is split in two, and from what height down: a spread's fold (the whole height), else the
    start of a form's second column of numbered items (from the first item line's top)."""
    fold = _fold(page)
    return (fold, 0.0) if fold is not None else _items_column(page)


def _lines_of(page: Page, words: tuple[Word, ...] | None = None) -> list[Line]:
    """The page's lines (of `words` only, if given) as the labels are looked for in: a label printed letter-spaced
    (`N I K`) made one word, and the scraps a fold's shadow or a border leaves down the page dropped."""
    return without_frame([_letters_joined(line) for line in lines(page, _without_dot_leaders(
        page.words if words is None else words))])


_DOTS = re.compile(r"^(?:\.|…)+:?$")
"""A word of a leader printed as text: periods (`.`, `. . .` read as words of one), or an ellipsis."""


def _without_dot_leaders(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words without a text layer's dotted leaders (`Nama lengkap . . . . . . : X`, the dots typed as
    periods): runs of three or more words of periods only, or one word of three or more; a colon closing the
    run stays (as a word of its own where the dots were)."""
    out: list[Word] = []
    run: list[Word] = []
    for word in (*words, None):
        if word is not None and _DOTS.match(word.text) and (not run or run[-1].cy == word.cy or
                                                             abs(run[-1].cy - word.cy) < word.height):
            run.append(word)
            continue
        if len(run) >= _LEADER_WORDS or (run and sum(c == "." for c in run[0].text) >= _LEADER_WORDS):
            if run[-1].text.endswith(":"):
                out.append(Word(":", run[-1].confidence, run[-1].bbox))
        else:
            out.extend(run)
        run = []
        if word is not None:
            if _DOTS.match(word.text):
                run = [word]
            else:
                out.append(word)
    return tuple(out)


_LEADER_WORDS = 3


def _letters_joined(line: Line) -> Line:
    """`N I K` -> `NIK`: runs of at least three single letters set less than a letter's height apart, as a
    letter-spaced label is read, become one word (box around them, the weakest confidence)."""
    out: list[Word] = []
    run: list[Word] = []
    for word in (*line.words, None):
        single = word is not None and len(word.text) == 1 and word.text.isalpha() and word.text.isupper()
        if single and (not run or word.x0 - run[-1].x1 < max(w.height for w in run)):  # type: ignore[union-attr]
            run.append(word)  # type: ignore[arg-type]
            continue
        if len(run) >= _SPACED_LETTERS:
            out.append(Word("".join(w.text for w in run), min(w.confidence for w in run),
                            (run[0].x0, min(w.bbox[1] for w in run), run[-1].x1, max(w.bbox[3] for w in run))))
        else:
            out.extend(run)
        run = [word] if single else []  # type: ignore[list-item]
        if word is not None and not single:
            out.append(word)
    return line if len(out) == len(line.words) else Line(line.page, tuple(out))


_SPACED_LETTERS = 3


_FOLD_GAP = 2.0
"""Line heights: the least width of the empty band down a spread between its two pages."""
_FOLD_SHARE = 0.25
"""The least share of a page's words on either side of a fold."""
_FOLD_COLONS = 3
"""The least number of `label : value` colons on either side of a fold."""


def _fold(page: Page) -> float | None:
    """The x of the fold of a spread: an empty vertical band, at least `_FOLD_GAP` line heights wide, in
    the middle 40 % of the words' width, with a fair share of the words on each side, each side reaching
    over most of the text's height; None on a single page (whose title or lines cross the middle). A lone
    letter or digit is no word here: the binding's stitches or marks down the fold are read as `t`, `i`, `1`."""
    words = [w for w in page.words if not faint(w.confidence) and sum(c.isalnum() for c in w.text) >= 2]
    if len(words) < 20:
        return None
    height = statistics.median(w.height for w in words)
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    gaps: list[tuple[float, float]] = []
    reach = left
    for w in sorted(words, key=lambda w: w.x0):
        if w.x0 - reach >= _FOLD_GAP * height:
            gaps.append((reach, w.x0))
        reach = max(reach, w.x1)
    width = right - left
    middle = [(a, b) for a, b in gaps if left + 0.3 * width <= (a + b) / 2 <= left + 0.7 * width]
    if not middle:
        return None
    a, b = max(middle, key=lambda g: g[1] - g[0])
    fold = (a + b) / 2
    sides = ([w for w in words if w.cx < fold], [w for w in words if w.cx >= fold])
    top, bottom = min(w.bbox[1] for w in words), max(w.bbox[3] for w in words)
    for side in sides:
        if len(side) < _FOLD_SHARE * len(words):
            return None
        if max(w.bbox[3] for w in side) - min(w.bbox[1] for w in side) < 0.6 * (bottom - top):
            return None
    # Each page holds labels and their values: colons with a value after them on the same side. A single
    # page's wide gap between its label column and its value column has every colon on one side. A print whose
    # colons were lost shows its pages by their label columns: lines that begin with a label's word on both sides
    # (a single page's value column begins none).
    spans_x = ((left - 1, fold), (fold, right + 1))
    if all(len(_valued_colons(page, words, lo, hi, height)) >= _FOLD_COLONS for lo, hi in spans_x):
        return fold
    if all(_labels_beginning_lines(words, lo, hi, height) >= _FOLD_COLONS for lo, hi in spans_x):
        return fold
    return None


_ITEM = re.compile(r"^(?:\d{1,2}|[IVX]{1,5})[.,)]$")
"""A form's item or section number standing as a word of its own (`27.`, `VI.`)."""
_ITEM_LINES = 3
"""The least number of lines on which a second column's item number stands at one x, after the first's value."""


def _items_column(page: Page) -> tuple[float, float] | None:
    """The x where a form's second column of numbered items begins (two columns of `27. Nama ayah ... : X`
    side by side, each with its own section headings, read as one line per height): item numbers standing
    at one x (within a line height) after other words on at least `_ITEM_LINES` lines, the words right
    of it no part of the left column's values, and `label : value` colons on both sides, as on a spread."""
    words = [w for w in page.words if not faint(w.confidence)]
    if len(words) < 20:
        return None
    height = statistics.median(w.height for w in words)
    starts: list[tuple[int, float]] = []
    for line in lines(page, tuple(words)):
        for before, word in itertools.pairwise(line.words):
            if _ITEM.match(word.text) and word.x0 - before.x1 >= height:
                starts.append((word.x0, word.bbox[1]))
                break
    if len(starts) < _ITEM_LINES:
        return None
    x = statistics.median(s for s, _ in starts)
    column = [(s, top) for s, top in starts if abs(s - x) <= height]  # headings stand a little left of items
    if len(column) < _ITEM_LINES:
        return None
    edge, top = min(s for s, _ in column) - height / 4, min(t for _, t in column) - height / 2
    body = [w for w in words if w.cy >= top]
    left, right = min(w.x0 for w in body), max(w.x1 for w in body)
    if any(w.x0 < edge < w.x1 for w in body):
        return None  # a word across it: one column's value runs over, or no column at all
    if all(len(_valued_colons(page, body, lo, hi, height)) >= _FOLD_COLONS
           for lo, hi in ((left - 1, edge), (edge, right + 1))):
        return edge, top
    return None


def _valued_colons(page: Page, words: list[Word], lo: float, hi: float, height: float) -> list[Word]:
    colons = [w for w in page.words if lo <= w.cx < hi and w.text.endswith((":", ";"))]
    return [c for c in colons if any(c.x1 <= w.x0 and w.cx < hi and abs(w.cy - c.cy) < height / 2
                                     and any(ch.isalnum() for ch in w.text) for w in words)]


def _labels_beginning_lines(words: list[Word], lo: float, hi: float, height: float) -> int:
    """How many lines between x `lo` and `hi` begin with a label's word (`Nama`, `Agama`, `Pekerjaan`), after
    the item's letter if any: a page's label column where a grey or worn print lost its colons."""
    side = [w for w in words if lo <= w.cx < hi]
    count = 0
    for word in side:
        if compact_key(word.text) not in _LABEL_WORDS:
            continue
        if not any(o.x1 <= word.x0 and abs(o.cy - word.cy) < height / 2 and not _ENUMERATOR.match(o.text + " ")
                   for o in side):
            count += 1
    return count


_LABEL_WORDS = frozenset(compact_key(w) for label in _RIVALS for w in label.split() if len(compact_key(w)) >= 3)
"""Words the party labels are printed in: a line a value begins with none of them."""


def locate(all_lines: list[Line]) -> Located:
    """Each value's words as found by its label (`<role>.lahir` holds place and date of birth), the most
    the values found without a label may claim, and where values in a table column end (x)."""
    all_lines = _typed_off_line(all_lines)
    bands = _sections(all_lines)
    first_section = min((top for top, _ in bands.values()), default=None)
    caps: dict[str, float] = {}
    limits: dict[str, int] = {}
    spans = {
        "nomor_akta": _labelled(all_lines, labels("buku_nikah", "nomor_akta"), before_y=first_section)
        or _number_without_colon(all_lines, before_y=first_section),
        # A date printed in both calendars (`Jum'at, 11 November 2022 M / 16 Rabiul Akhir 1444 H`) is 11 words.
        "tanggal_nikah": _labelled(all_lines, labels("buku_nikah", "tanggal_nikah"), most_words=_DATE_WORDS),
        "kua": _kua_labelled(all_lines),
    }
    if spans["tanggal_nikah"] is None:
        spans["tanggal_nikah"], on_its_weekday = _married_in_sentence(all_lines)
        if not on_its_weekday:
            caps["tanggal_nikah"] = IN_SENTENCE
    spans["tanggal_nikah_words"] = _married_in_words(all_lines, before_y=first_section)
    if spans["kua"] is None or _heading(all_lines, spans["kua"]):
        named = spans["kua"] is not None and compact_key(spans["kua"].text) not in ("KECAMATAN", "KEC")
        spans["kua"] = spans["kua"] if named else _kua_heading(all_lines) or spans["kua"]
        caps["kua"] = UNLABELLED  # a heading (`KANTOR URUSAN AGAMA KECAMATAN KOLAKA`), not a label's value
    columns = _columns(all_lines)
    if columns is not None:
        both, ends = _side_by_side(all_lines, columns, before_y=bands.get("wali", (None, None))[0])
        spans.update(both)
        limits.update(ends)
        # Headings side by side read as two lines (a slight skew) are no bands one above the other.
        bands = {role: band for role, band in bands.items() if role == "wali"}
    for role in ("suami", "istri"):
        if role not in bands:
            continue
        after_y, before_y = bands[role]
        for name, wordings in PARTY_LABELS.items():
            spans[f"{role}.{name}"] = _party_named(all_lines, role, wordings, after_y=after_y, before_y=before_y) \
                or _labelled(all_lines, wordings, after_y=after_y, before_y=before_y,
                             most_words=_ADDRESS_WORDS if name == "alamat" else 10)
        address = spans[f"{role}.alamat"]
        if address is not None:
            spans[f"{role}.alamat"] = continued(all_lines, address, before_y=before_y)
        # Not the combined wordings with the party's name: `Tempat/Tgl Lahir Suami` is too like `Tanggal Lahir
        # Suami` for the shared ending, and would take the date alone.
        spans[f"{role}.lahir"] = _labelled(all_lines, _BORN, after_y=after_y, before_y=before_y) or _born_apart(
            all_lines, role, after_y=after_y, before_y=before_y)
    spans["wali.nama_lengkap"] = _wali(all_lines, bands)
    table = party_rows(all_lines)
    if table is not None:  # the parties as rows of one table: a role word each, the fields by column heading
        by_row, ends = table
        spans.update(by_row)
        limits.update(ends)
    prose = in_prose(all_lines, spans, caps)
    if columns is not None and spans.get("suami.nama_lengkap") is None and spans.get("istri.nama_lengkap") is None:
        _unlabelled_names(all_lines, spans, caps, limits)
    return spans, caps, limits, prose


_NOT_NAMES = frozenset(compact_key(word) for wording in (
    *_RIVALS, *labels("buku_nikah", "titles", ""), *labels("buku_nikah", "issuers", ""),
    *labels("buku_nikah", "marks", ""),
    *(w for role in ("suami", "istri", "wali", "saksi") for group in ("sections", "roles")
      for w in labels("buku_nikah", role, group))) for word in wording.split() if len(compact_key(word)) >= 2)
"""Words of the buku nikah's labels, headings, titles and marks (`DATA`, `KARTU`, `NIKAH`): no name holds one."""


def _unlabelled_names(all_lines: list[Line], spans: dict[str, Span | None], caps: dict[str, float],
                      limits: dict[str, int]) -> None:
    """Both names printed without a label, side by side (`_buku_nikah_names`), at `UNLABELLED`; each
    name's crop ends short of what follows it (the husband's at the gap, the wife's a line's height on)."""
    pair = names_side_by_side(all_lines, _NOT_NAMES)
    if pair is None:
        return
    suami, istri = pair["suami"], pair["istri"]
    height = round(statistics.median(w.height for w in istri.words))
    limits["suami.nama_lengkap"] = (suami.words[-1].x1 + istri.words[0].x0) // 2
    limits["istri.nama_lengkap"] = istri.words[-1].x1 + height
    for role, span in pair.items():
        spans[f"{role}.nama_lengkap"] = span
        caps[f"{role}.nama_lengkap"] = UNLABELLED


_PARTY_FIELDS = ("nama_lengkap", "nik", "lahir", "kewarganegaraan", "agama", "pekerjaan", "alamat")


def in_prose(all_lines: list[Line], spans: dict[str, Span | None], caps: dict[str, float]) -> frozenset[str]:
    """A page written as a letter (`_buku_nikah_letter`): the akta's number found inside a sentence replaces
    a `Nomor :` that is the letter's own (or any number that is a letter's); each spouse's values and the
    wali's name no label gave, from their paragraphs and sentences, capped at `IN_SENTENCE` (at
    `CONTRADICTED` where the paragraph says it is the other spouse); the akta's number too when it has no
    akta number's shape. The fields so found."""
    found: set[str] = set()
    number = spans.get("nomor_akta")
    if number is not None and letter_number(number.text):
        spans["nomor_akta"] = None
    akta = akta_in_sentence(all_lines)
    if akta is not None and (spans.get("nomor_akta") is None or compact_key(akta.text) != compact_key(
            spans["nomor_akta"].text)):  # type: ignore[union-attr]
        spans["nomor_akta"] = akta  # the number the sentence says is the akta's, over a bare `Nomor :`
        caps.pop("nomor_akta", None)
        if not _AKTA_SHAPE.fullmatch("".join(akta.text.split()).strip(":;.,")):
            caps["nomor_akta"] = IN_SENTENCE  # cut short or misread: where it ends is a guess
        found.add("nomor_akta")
    missing = [f"{role}.{name}" for role in ("suami", "istri") for name in _PARTY_FIELDS
               if spans.get(f"{role}.{name}") is None]
    if missing:
        prose = spouses_in_prose(all_lines)
        for role, party in prose.parties.items():
            for name, span in party.spans.items():
                key = f"{role}.{name}"
                if key not in missing:
                    continue
                spans[key] = span
                caps[key] = CONTRADICTED if role in prose.contradicted else IN_SENTENCE
                found.add(key)
    if spans.get("wali.nama_lengkap") is None:
        wali = wali_in_sentence(all_lines)
        if wali is not None:
            spans["wali.nama_lengkap"] = wali
            caps["wali.nama_lengkap"] = IN_SENTENCE
            found.add("wali.nama_lengkap")
    return frozenset(found)


_AKTA_SHAPE = re.compile(r"\d{16}|[0-9A-Z]{1,6}/[0-9A-Z.]{1,8}/[IVXLl1|!Y]{1,5}/\d{4}")
"""An akta number, read as printed: 16 digits, or `serial/code/ROMAN-MONTH/year` (a Roman numeral's `I`
read `1`, `l`, `|`)."""


def _number_without_colon(all_lines: list[Line], *, before_y: float | None) -> Span | None:
    """The akta number after its label when no colon was read (`Nomor 7402015052023639`, the colon lost
    under the typed value): only a value of an akta number's shape, whole, is taken."""
    for label in labels("buku_nikah", "nomor_akta"):
        found = find_label(all_lines, label, before_y=before_y, rivals=_RIVALS, colon=False)
        if found is None:
            continue
        line, after, ratio = found
        kept = without_leading_noise(list(line.words[after:]), line.height)
        if kept and _AKTA_SHAPE.fullmatch("".join(w.text for w in kept).strip(":;.,")):
            return Span(line.page, tuple(kept), label_factor(ratio))
    return _number_glued(all_lines, before_y=before_y)


_GLUED = re.compile(r"(?P<label>N[oO0]m[oO0]r|N[oO0]\.)(?P<value>[^A-Za-z]\S{9,})")
"""`Nomor7402013062023367`, `Nomor?404021012024286`: the label and a typed value read as one word (the
colon under the value's first digit, that digit often misread)."""


def _number_glued(all_lines: list[Line], *, before_y: float | None) -> Span | None:
    """The akta number read glued to its `Nomor` label, as a word of its own whose box begins where the
    value's characters do (so that its crop, read again, holds the value and not the label)."""
    for line in all_lines:
        if before_y is not None and line.y >= before_y:
            break
        for i, word in enumerate(line.words):
            match = _GLUED.fullmatch(word.text.strip(":;.,"))
            if match is None or (i and compact_key(line.words[i - 1].text)):
                continue
            x0, y0, x1, y1 = word.bbox
            start = x0 + round((x1 - x0) * (match.start("value") - 0.5) / len(word.text))  # half a letter early
            value = Word(match["value"], word.confidence, (start, y0, x1, y1))
            return Span(line.page, (value, *line.words[i + 1:]), label_factor(0.9))
    return None


_OFF_LINE = 0.8
"""Line heights: the most a value typed onto a form sits above or below its label's line."""


def _typed_off_line(all_lines: list[Line]) -> list[Line]:
    """Lines with a value typed a little above or below its label (a typewriter's line off the form's)
    joined to the label's line: a line that ends in a label (or a colon) with no value after it takes the
    nearest line in height that lies wholly to its right, within `_OFF_LINE` line heights."""
    keys = {compact_key(label) for label in (*_RIVALS, "tanggal")} - {""}  # `Pada hari ... tanggal`
    out = list(all_lines)
    taken: set[int] = set()
    for i, line in enumerate(all_lines):
        key = compact_key(line.text)
        if not (line.words[-1].text.endswith((":", ";")) or any(key.endswith(k) for k in keys)):
            continue
        end = line.words[-1].x1
        # Wholly to its right, but for scraps of a rule or a frame left of the label's end (`1 |` before `WNI
        # WNI`, the row's values chained apart from its label by them): those are dropped.
        near = [(abs(other.y - line.y), j) for j, other in enumerate(all_lines)
                if j != i and j not in taken and other.page == line.page
                and any(w.x0 > end for w in other.words)
                and all(len(compact_key(w.text)) <= 1 for w in other.words if w.x0 <= end)
                and abs(other.y - line.y) < _OFF_LINE * max(line.height, other.height)]
        if not near:
            continue
        j = min(near)[1]
        taken.add(j)
        out[i] = Line(line.page, (*line.words, *(w for w in all_lines[j].words if w.x0 > end)))
    return [ln for j, ln in enumerate(out) if j not in taken]


_DATE_WORDS = 14
"""A date with its weekday, in the Gregorian and the Hijri calendars, and their marks (`M`, `/`, `H`)."""
_ADDRESS_WORDS = 18
"""An address on one line prints street, number, RT, RW, kelurahan and kecamatan: no sentence at 11 words."""


def _wali(all_lines: list[Line], bands: dict[str, tuple[float, float | None]]) -> Span | None:
    """The wali's name: under its own heading any of its labels (`Nama` too); elsewhere one that names the
    wali (`Wali Nikah :`, `Wali :`) and begins its line (not the end of `Hubungan Wali`)."""
    wordings = labels("buku_nikah", "wali")
    after_y, before_y = bands.get("wali", (None, None))
    if after_y is None:
        wordings = tuple(w for w in wordings if "WALI" in compact_key(w))
    for label in wordings:
        span = _labelled(all_lines, (label,), after_y=after_y, before_y=before_y)
        # By its last word: a first word stripped of a glued colon (`:BASO`) is in no line.
        line = next((ln for ln in all_lines if span is not None and span.words[-1] in ln.words), None)
        if span is None or line is None:
            continue
        before = compact_key(" ".join(w.text for w in line.words if w.x1 <= span.words[0].x0)).lstrip("0123456789")
        # A row number before it (`3. Wali :`) is no matter; a value that begins its line stands under its
        # caption (`Nama Wali` over `UJANG SOPANDI`).
        if before.startswith(compact_key(label)[:3]) or (not before and span.words[0] is line.words[0]):
            return span
    return None


def _born_apart(all_lines: list[Line], role: str, *, after_y: float | None, before_y: float | None) -> Span | None:
    """Place and date of birth under labels of their own, as one value: the place's words, then the date's."""
    place, date = (_party_named(all_lines, role, wordings, after_y=after_y, before_y=before_y)
                   or _labelled(all_lines, wordings, after_y=after_y, before_y=before_y) for wordings in _BORN_APART)
    if place is not None and date is not None and place.page == date.page \
            and not any(c.isdigit() for c in place.text):
        return Span(place.page, place.words + date.words, min(place.factor, date.factor))
    return date


def _columns(all_lines: list[Line]) -> tuple[float, float, float] | None:
    """SUAMI and ISTRI headings side by side (a table of both parties), on one line or at about the same
    height on two (a slight skew splits them): the heading's y and the x centres of the two headings."""
    suami = {h for role, hs in _HEADINGS if role == "suami" for h in hs}
    istri = {h for role, hs in _HEADINGS if role == "istri" for h in hs}
    found: dict[str, list[tuple[float, float, float]]] = {"suami": [], "istri": []}
    for line in all_lines:
        for word in line.words:
            key = compact_key(word.text)
            for role, names in (("suami", suami), ("istri", istri)):
                if key in names or any(_heading_like(key, n) for n in names):
                    found[role].append((line.y, word.cx, line.height))
    for y_s, x_s, h_s in found["suami"]:
        for y_i, x_i, h_i in found["istri"]:
            if x_s < x_i and abs(y_s - y_i) < 0.8 * max(h_s, h_i):
                return min(y_s, y_i), x_s, x_i
    return None


def _side_by_side(all_lines: list[Line], columns: tuple[float, float, float], *,
                  before_y: float | None) -> tuple[dict[str, Span | None], dict[str, int]]:
    """Both parties' values from one table: each label's line, its words split between the SUAMI and ISTRI
    columns at the middle between the two headings; and where each SUAMI value ends (that middle, or the
    label printed between the two values)."""
    out: dict[str, Span | None] = {}
    ends: dict[str, int] = {}
    # A garbled `Tempat/Tgl. Lahir` reads most like `Tempat Lahir`: that label's value is then both.
    fields = [*PARTY_LABELS.items(), ("lahir", _BORN + _BORN_APART[0])]
    for name, wordings in fields:
        found = _party_sides(all_lines, wordings, columns, before_y=before_y)
        if found is None:
            continue
        label, page, sides, factor, end = found
        if name == "lahir" and label in _BORN_APART[0]:
            # Place and date under labels of their own: the place's words, then the date's, per party.
            date = _party_sides(all_lines, _BORN_APART[1], columns, before_y=before_y)
            if date is not None and date[1] == page:
                sides = {role: words + date[2][role] for role, words in sides.items()}
                factor = min(factor, date[3])
        ends[f"suami.{name}"] = end
        for role, words in sides.items():
            out[f"{role}.{name}"] = Span(page, tuple(words), factor) if words else None
    return out, ends


def _party_sides(all_lines: list[Line], wordings: tuple[str, ...], columns: tuple[float, float, float], *,
                 before_y: float | None) -> tuple[str, int, dict[str, list[Word]], float, int] | None:
    """The first of `wordings` found in a table of both parties, and its values split between the SUAMI and
    ISTRI columns: (the label, the page, each party's words, what the label's slips cost, where the SUAMI
    value ends)."""
    top, x_suami, x_istri = columns
    middle = (x_suami + x_istri) / 2
    found = next(((label, f) for label in wordings if (f := find_label(
        all_lines, label, after_y=top, before_y=before_y, rivals=_RIVALS)) is not None), None)
    # In a table the columns say where a label ends: one printed close to its value without a colon
    # (`Nomor Induk Kependudukan 7404...`) still counts, unless it begins a longer label.
    found = found or next(((label, f) for label in wordings if (f := find_label(
        all_lines, label, after_y=top, before_y=before_y, rivals=_RIVALS, colon=False)) is not None
        and not _goes_on_into_rival(label, f[0].words[f[1]].text)), None)
    if found is None:
        return _under_captions(all_lines, wordings, columns, before_y=before_y)
    label, (line, after, ratio) = found
    height = line.height
    sides = {"suami": [w for w in line.words[after:] if w.cx < middle],
             "istri": [w for w in line.words[after:] if w.cx >= middle]}
    end = round(middle)
    start = _label_start(line, after, label)
    if start > 0 and x_suami < (line.words[start].x0 + line.words[after - 1].x1) / 2 < x_istri:
        # The labels in a column of their own between the parties' (a card's back): the husband's value
        # stands before the label, the wife's after it.
        sides = {"suami": list(line.words[:start]), "istri": list(line.words[after:])}
        end = line.words[start].x0 - round(height / 2)
    if not any(_printed(side) for side in sides.values()):
        # The row's values read as a line of their own at the label's height (a rule's scraps before the label
        # begin another chain of words): they are the label's.
        label_end = line.words[after - 1].x1 if after else line.words[0].x1
        level = sorted((w for ln in all_lines if ln is not line and ln.page == line.page
                        and abs(ln.y - line.y) < height / 2 for w in ln.words if w.x0 > label_end), key=lambda w: w.x0)
        if _printed(level):
            sides = {"suami": [w for w in level if w.cx < middle], "istri": [w for w in level if w.cx >= middle]}
    if all(not _printed(side) or _reads_as_label(side) for side in sides.values()):
        # Each column prints its own caption, the value under it (a card or a form of both parties):
        # what stands beside the label is the other column's caption, the values are on the line below.
        below = _line_under(all_lines, line, before_y=before_y)
        if below is None:
            return None
        height = below.height
        sides = {"suami": [w for w in below.words if w.cx < middle],
                 "istri": [w for w in below.words if w.cx >= middle]}
    kept = {role: without_leading_noise(_without_cell_specks(side), height) for role, side in sides.items()}
    return label, line.page, kept, label_factor(ratio), end


def _under_captions(all_lines: list[Line], wordings: tuple[str, ...], columns: tuple[float, float, float], *,
                    before_y: float | None) -> tuple[str, int, dict[str, list[Word]], float, int] | None:
    """`_party_sides` for a row of captions, one in each party's column and nothing else (`Tanggal Lahir`
    twice, one read `Tanggal Lalur`, the last with nothing after it to take for a value): the values on the line
    under it."""
    top, x_suami, x_istri = columns
    middle = (x_suami + x_istri) / 2
    for line in all_lines:
        if line.y <= top or (before_y is not None and line.y >= before_y):
            continue
        sides = [_printed([w for w in line.words if (w.cx < middle) == left]) for left in (True, False)]
        if not all(sides) or not all(_reads_as_label(side) for side in sides):
            continue
        keys = [compact_key(" ".join(w.text for w in side)) for side in sides]
        best = max(((difflib.SequenceMatcher(None, key, compact_key(label)).ratio(), label) for key in keys
                    for label in wordings), default=(0.0, ""))
        ratio, label = best
        if ratio < 1 - 1 / max(1, len(compact_key(label))) or any(
                difflib.SequenceMatcher(None, key, r).ratio() > ratio for key in keys for r in _RIVAL_KEYS
                if r != compact_key(label)):
            continue
        below = _line_under(all_lines, line, before_y=before_y)
        if below is None:
            return None
        kept = {role: without_leading_noise(_without_cell_specks([w for w in below.words if (w.cx < middle) == left]),
                                            below.height) for role, left in (("suami", True), ("istri", False))}
        return label, line.page, kept, label_factor(ratio), round(middle)
    return None


def _printed(words: list[Word]) -> list[Word]:
    """The words that hold a letter or a digit (a rule's `|`, a leader's `—` are none)."""
    return [w for w in words if any(c.isalnum() for c in w.text)]


def _reads_as_label(words: list[Word]) -> bool:
    """Whether words are one of the buku nikah's labels as printed (one slip in five letters; a label of fewer
    than four, `WN`, only as printed: `WNI` is a value)."""
    key = compact_key(" ".join(w.text for w in words))
    return bool(key) and any(key == k if len(k) < 4 else difflib.SequenceMatcher(None, key, k).ratio() >= _CAPTION
                             for k in _RIVAL_KEYS)


_CAPTION = 0.8
_RIVAL_KEYS = frozenset(compact_key(r) for r in _RIVALS) - {""}


def _line_under(all_lines: list[Line], line: Line, *, before_y: float | None) -> Line | None:
    """The line right under a line of captions that holds their values: the next line down, within `_BELOW`
    line heights of the taller text (a caption set small over a value set large), no caption itself."""
    below = next((ln for ln in all_lines if ln.page == line.page and ln.y > line.y + line.height / 2), None)
    if below is None or (before_y is not None and below.y >= before_y):
        return None
    if below.y - line.y > _BELOW * max(line.height, below.height) or _reads_as_label(list(below.words)):
        return None
    # Values of one row set in different sizes or a little off their line are read as lines of their own.
    level = [ln for ln in all_lines if ln.page == below.page and abs(ln.y - below.y) < below.height / 2]
    if len(level) == 1:
        return below
    return Line(below.page, tuple(sorted((w for ln in level for w in ln.words), key=lambda w: w.x0)))


def _label_start(line: Line, after: int, label: str) -> int:
    """The index of the first word of `label`, found on `line` ending before index `after` (its colon, if any,
    included): as many words back as the label's printed words, fewer where fewer were read."""
    end = after - 1 if after and _COLON_ONLY.match(line.words[after - 1].text) else after
    size = min(end, printed_words(label))
    key = compact_key(label)
    for n in range(size, 0, -1):
        if compact_key(" ".join(w.text for w in line.words[end - n:end])).startswith(key[:3]):
            return end - n
    return end - size


_COLON_ONLY = re.compile(r"^[:;]$")


def _without_cell_specks(words: list[Word]) -> list[Word]:
    """A table cell's words without the specks a tinted or dotted row is read as at the cell's ends (`Na`,
    `Ne`, `Ia` at confidence ~0.1 around `JL. GAJAH MADA NO. 119`): words of one or two characters read
    below `_SPECK`, while a word read surely stays in the cell (the value's own `LA` or `WA` are read surely)."""
    if all(_cell_speck(w) for w in words):
        return words
    first = next(i for i, w in enumerate(words) if not _cell_speck(w))
    last = max(i for i, w in enumerate(words) if not _cell_speck(w))
    return words[first:last + 1]


def _cell_speck(word: Word) -> bool:
    return word.confidence < _SPECK and len(word.text) <= _SPECK_LETTERS


_SPECK_LETTERS = 2


def _begins_rival(label: str) -> bool:
    """Whether another label begins with this one (`Nama` of `Nama Lengkap`, `Nama Ayah`)."""
    key = compact_key(label)
    return any(compact_key(r).startswith(key) and compact_key(r) != key for r in _RIVALS)


def _labelled(all_lines: list[Line], wordings: tuple[str, ...], *, after_y: float | None = None,
              before_y: float | None = None, most_words: int = 10) -> Span | None:
    """The value after the first of `wordings` found in the band; none that reads like a sentence (more
    than `most_words` words, or a word only sentences use), nor one that is the label's own last word (`Tempat
    dan Tanggal` taken for the label without its colon, `Lahir` for its value)."""
    for label in wordings:
        span = labelled(all_lines, label, after_y=after_y, before_y=before_y, rivals=_RIVALS)
        if (span is not None and not reads_like_sentence(span.text, most_words=most_words)
                and not compact_key(label).endswith(compact_key(span.text))):
            return span
    for find in (_colon_below, _colon_lost, _caption_over):
        for label in wordings:
            span = find(all_lines, label, after_y=after_y, before_y=before_y)
            if span is not None and not reads_like_sentence(span.text, most_words=most_words):
                return span
    return None


_BELOW = 2.5
"""Line heights from a label standing alone on its line to the line that holds its colon and value, at most."""


def _colon_below(all_lines: list[Line], label: str, *, after_y: float | None, before_y: float | None) -> Span | None:
    """The value of a label printed alone on its line (after its item's number: `1. Nama`) whose colon opens
    the line below, under the label (`: MUHAMMAD ASRUL`): a narrow page's form. Every word after the item's
    number must read as the label, and no rival reads more like them."""
    target = compact_key(label)
    floor = max(0.85, 1 - 1 / max(1, len(target)))
    for i, line in enumerate(all_lines):
        if (after_y is not None and line.y <= after_y) or (before_y is not None and line.y >= before_y):
            continue
        words = list(line.words)
        while words and _ENUMERATOR.match(words[0].text + " "):
            words = words[1:]
        if not words or any(":" in w.text for w in words):
            continue
        printed = compact_key(" ".join(w.text for w in words))
        ratio = difflib.SequenceMatcher(None, printed, target).ratio()
        if ratio < floor or any(difflib.SequenceMatcher(None, printed, compact_key(r)).ratio() > ratio
                                for r in _RIVALS if compact_key(r) != target):
            continue
        below = next((ln for ln in all_lines[i + 1:] if ln.y > line.y), None)
        if below is None or below.y - line.y > _BELOW * line.height or (before_y is not None and below.y >= before_y):
            continue
        first = below.words[0]
        if not first.text.startswith(":") or not words[0].x0 - line.height <= first.x0 <= words[-1].x1:
            continue
        rest = first.text.lstrip(":;").strip()
        value = ((Word(rest, first.confidence, first.bbox),) if rest else ()) + below.words[1:]
        if value:
            return Span(line.page, value, label_factor(ratio))
    return None


def _caption_over(all_lines: list[Line], label: str, *, after_y: float | None, before_y: float | None
                  ) -> Span | None:
    """The value of a caption printed over it, no colon anywhere (`Tanggal Akad Nikah` small, the date on the
    dotted line under it): the caption alone in its column (a gap of `_CAPTION_GAP` line heights or the line's
    end after it), every word of it reading as the label and no rival reading more like it; the value is the
    words of the line right under it (`_line_under`) that begin under the caption, up to the caption's column's
    end."""
    target = compact_key(label)
    # Alone in its column over a value: two slips in a long caption (`Nama Was` for `Nama Wali`), one in a short.
    floor = max(0.75, 1 - 2 / len(target)) if len(target) >= 8 else max(0.8, 1 - 1 / max(1, len(target)))
    for line in all_lines:
        if (after_y is not None and line.y <= after_y) or (before_y is not None and line.y >= before_y):
            continue
        words = list(line.words)
        while words and _ENUMERATOR.match(words[0].text + " "):
            words = words[1:]
        cut = next((i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 > _CAPTION_GAP * line.height),
                   len(words))
        caption, rest = words[:cut], words[cut:]
        if not caption or any(":" in w.text or ";" in w.text for w in caption):
            continue
        printed = compact_key(" ".join(w.text for w in caption))
        ratio = difflib.SequenceMatcher(None, printed, target).ratio()
        if ratio < floor or any(difflib.SequenceMatcher(None, printed, compact_key(r)).ratio() > ratio
                                for r in _RIVALS if compact_key(r) != target):
            continue
        below = _line_under(all_lines, line, before_y=before_y)
        if below is None:
            continue
        right = rest[0].x0 - line.height / 2 if rest else float("inf")
        value = [w for w in below.words if w.x1 > caption[0].x0 - line.height and w.cx < right]
        value = without_leading_noise(value, below.height)
        if not value or abs(value[0].x0 - caption[0].x0) > _CAPTION_GAP * below.height:
            continue
        taken = [value[0]]
        for word in value[1:]:
            if word.x0 - taken[-1].x1 > _CAPTION_GAP * below.height:
                break
            taken.append(word)
        return Span(line.page, tuple(taken), label_factor(ratio))
    return None


_CAPTION_GAP = 2.5
"""Line heights of gap that end a caption's column (the next caption of its row) or its value."""


def _colon_lost(all_lines: list[Line], label: str, *, after_y: float | None, before_y: float | None) -> Span | None:
    """The value after a label whose colon was lost that begins a longer label (`Tempat Kediaman` of `Tempat
    Kediaman Terakhir`, which `labelled` will not take without its colon): only where the label begins its line
    (after the item's letter or number, `g.`) and the words after it do not go on into the longer label."""
    if not _begins_rival(label):
        return None
    found = find_label(all_lines, label, after_y=after_y, before_y=before_y, rivals=_RIVALS, colon=False)
    if found is None:
        return None
    line, after, ratio = found
    if any(":" in w.text for w in line.words[:after + 1]):
        return None  # a colon read: the label is another one (`Nama : WA ODE` is no `Nama Wali` without its colon)
    before = compact_key(_ENUMERATOR.sub("", " ".join(w.text for w in line.words[:after])))
    if difflib.SequenceMatcher(None, before, compact_key(label)).ratio() < _COLON_LOST_LABEL:
        return None
    if _goes_on_into_rival(label, line.words[after].text):
        return None
    return value_after(line, after, ratio)


def _goes_on_into_rival(label: str, next_word: str) -> bool:
    """Whether a label read without its colon may be the start of a longer one: it begins a longer label and
    the word after it goes on into that label's rest (`Nama` `Lengkap`), or is no word at all. A label that
    begins no other is never such a start."""
    key, nxt = compact_key(label), compact_key(next_word)
    rests = [compact_key(r)[len(key):] for r in _RIVALS if compact_key(r).startswith(key) and compact_key(r) != key]
    if not rests:
        return False
    # A slip in the next word's first letters too (`Nama Was` for `Nama Wali`).
    return not nxt or any(rest.startswith(nxt[:3]) or nxt.startswith(rest[:3]) or _slipped_start(nxt, rest)
                          for rest in rests if rest)


def _slipped_start(word: str, rest: str) -> bool:
    """`WAS` for `WALI`: a word of three letters or more that begins like `rest` but for a slip."""
    return len(word) >= 3 and difflib.SequenceMatcher(None, word[:len(rest)], rest[:len(word)]).ratio() >= _SLIPPED_START


_SLIPPED_START = 0.66


_COLON_LOST_LABEL = 0.9
"""How alike the words before a value must be to a label whose colon was lost: the label and nothing else."""


_MARRIED = re.compile(rf"\b(?:pada\s*)?hari\s*(?P<weekday>[A-Za-z']+)\s*,?\s*(?:tanggal|tgl\.?)?\s*(?P<date>{DATE})"
                      rf"|\btanggal\s+(?P<date2>{DATE})", re.IGNORECASE)


def _married_in_sentence(all_lines: list[Line]) -> tuple[Span | None, bool]:
    """`Pada hari Rabu tanggal 30 Oktober 2024 telah dilangsungkan ...`: the date of a sentence about the
    marriage (one that names it, or begins with its weekday), and whether the sentence names the weekday the
    date falls on (`hari Jum'at tanggal 09/04/2021`): the sentence's own check of the date, the date then
    as sure as its reading (the date's shape says where it ends)."""
    phrases = {compact_key(p) for p in labels("buku_nikah", "married", "phrases")}
    text = stream(all_lines)
    for match in _MARRIED.finditer(text.text):
        around = compact_key(text.text[max(0, match.start() - 80):match.end() + 80])
        if match["date"] or any(p in around for p in phrases):
            span = text.group(match, "date" if match["date"] else "date2")
            return span, bool(match["date"]) and span is not None and _on_weekday(span.text, match["weekday"])
    return None, False


WEEKDAYS = ("SENIN", "SELASA", "RABU", "KAMIS", "JUMAT", "SABTU", "MINGGU")
_WEEKDAY_LIKE = 0.75


def _on_weekday(date: str, weekday: str) -> bool:
    """Whether `date` falls on `weekday` (`Jum'at`; spelling slips allowed)."""
    value = date_graded(date).value
    close = difflib.get_close_matches(compact_key(weekday), WEEKDAYS, n=1, cutoff=_WEEKDAY_LIKE)
    return value is not None and bool(close) and WEEKDAYS[dt.date.fromisoformat(value).weekday()] == close[0]


def _married_in_words(all_lines: list[Line], *, before_y: float | None) -> Span | None:
    """The marriage date written out in words (`( dua puluh satu Maret seribu sembilan ratus delapan puluh
    tujuh )`), on a line of its own or beside the digits, above the parties' blocks: a second printing of
    the date that the digits are checked against."""
    for i, line in enumerate(all_lines):
        if before_y is not None and line.y >= before_y:
            break
        if date_in_words(line.text) is not None:
            below = all_lines[i + 1] if i + 1 < len(all_lines) else None
            # Wrapped inside a sentence (`... April dua ribu dua` over `puluh empat) telah ...`): the year
            # goes on on the next line when the line ends in a number word and no bracket closes it.
            last = re.sub(r"[^a-z]", "", line.words[-1].text.lower())
            if below is not None and below.page == line.page and last in _NUMBER_WORDS \
                    and date_in_words(f"{line.text} {below.text}") is not None:
                return Span(line.page, (*line.words, *below.words))
            return Span(line.page, line.words)
    return None


_NUMBER_WORDS = frozenset({"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                           "sebelas", "belas", "puluh", "ratus", "seratus", "ribu", "seribu"})


def _kua_labelled(all_lines: list[Line]) -> Span | None:
    """The KUA by its label; a label that is the name's beginning (`KUA Kecamatan : KATOBU`) is part of it."""
    for label in labels("buku_nikah", "kua"):
        span = _labelled(all_lines, (label,))
        if span is not None:
            return _with_label(all_lines, span) if compact_key(label).startswith("KUA") else _with_district(
                all_lines, span)
    return None


def _with_district(all_lines: list[Line], span: Span) -> Span:
    """`span` with the `Kecamatan` (`Kec.`) printed right before it, its colon lost (`... Kantor Urusan Agama
    Kecamatan Betoambari`): the value is a district's KUA, not a bare place."""
    line = next((ln for ln in all_lines if span.words[0] in ln.words), None)
    if line is None:
        return span
    at = line.words.index(span.words[0])
    if at == 0 or compact_key(line.words[at - 1].text) not in ("KECAMATAN", "KEC"):
        return span
    return Span(span.page, (line.words[at - 1], *span.words), span.factor)


def _with_label(all_lines: list[Line], span: Span) -> Span:
    """`span` with the label words before it from the nearest `KUA` on (colons dropped), unless the value
    names the KUA in full itself."""
    line = next((ln for ln in all_lines if span.words[0] in ln.words), None)
    if line is None or compact_key(span.text).startswith(("KUA", "KANTORURUSANAGAMA")):
        return span
    end = line.words.index(span.words[0])
    if end == 0:
        # The value under its caption (`KUA Kecamatan` over `Katobu`): the caption is the name's beginning.
        above = [ln for ln in all_lines if ln.page == line.page and 0 < line.y - ln.y <= _BELOW * line.height
                 and compact_key(ln.text).startswith("KUA")]
        if above:
            label = [Word(w.text.strip(":;"), w.confidence, w.bbox) for w in above[-1].words if compact_key(w.text)]
            return Span(span.page, (*label, *span.words), span.factor)
    start = next((i for i in range(end - 1, max(-1, end - 5), -1) if compact_key(line.words[i].text) == "KUA"), None)
    if start is None:
        return _with_district(all_lines, span)
    label = [Word(w.text.strip(":;"), w.confidence, w.bbox) for w in line.words[start:end] if compact_key(w.text)]
    return Span(span.page, (*label, *span.words), span.factor)


def _heading(all_lines: list[Line], span: Span) -> bool:
    """Whether the value is the rest of a heading (`KANTOR URUSAN AGAMA KECAMATAN KOLAKA`, no colon) rather
    than a label's value (`Dicatat di : KUA ...`, its colon read or lost)."""
    line = next((ln for ln in all_lines if span.words[0] in ln.words), None)
    if line is None:
        return False
    # Up to the value's last word: a value that begins with its label (`KUA Kecamatan : KATOBU`) has its colon.
    before = line.words[:line.words.index(span.words[-1]) + 1] if span.words[-1] in line.words else ()
    return compact_key(line.text).startswith(("KANTORURUSANAGAMA", "KUA")) and not any(":" in w.text for w in before)


def _kua_heading(all_lines: list[Line]) -> Span | None:
    """The KUA named in a heading (`KANTOR URUSAN AGAMA KECAMATAN KOLAKA`), not a label's value; a heading
    that ends at `KECAMATAN` names it on the line below (a form's heading, the district typed under it)."""
    for i, line in enumerate(all_lines):
        key = compact_key(line.text)
        if not key.startswith(("KANTORURUSANAGAMAKEC", "KUAKEC")) or ":" in line.text:
            continue
        if key not in ("KANTORURUSANAGAMAKECAMATAN", "KUAKECAMATAN", "KANTORURUSANAGAMAKEC", "KUAKEC"):
            return Span(line.page, line.words)
        below = next((ln for ln in all_lines[i + 1:] if ln.page == line.page and ln.y > line.y), None)
        if below is not None and _names_district(line, below):
            return Span(line.page, (*line.words, *below.words))
        return Span(line.page, line.words)
    return None


def _names_district(heading: Line, below: Line) -> bool:
    """Whether the line under a heading that ends at `KECAMATAN` is the district's name: close under it,
    one to three words of letters, no colon, and no heading or title of its own (`KUTIPAN AKTA NIKAH`)."""
    if below.y - heading.y > 3 * max(heading.height, below.height) or not 1 <= len(below.words) <= 3:
        return False
    text = below.text
    if ":" in text or sum(c.isalpha() for c in text) < 3 or any(c.isdigit() for c in text):
        return False
    key = compact_key(text)
    return not any(compact_key(t) in key for t in labels("buku_nikah", "titles", ""))


def _sections(all_lines: list[Line]) -> dict[str, tuple[float, float | None]]:
    """Role -> (y of its heading, y of the next heading or None): the band its labels are in."""
    tops = []
    for role, headings in _HEADINGS:
        line = next((ln for ln in all_lines if _heading_key(ln) in headings), None) or next(
            (ln for ln in all_lines if any(_heading_like(_heading_key(ln), h) for h in headings)), None) or next(
            (ln for ln in all_lines if _without_specks(ln) in headings), None)
        if line is not None:
            tops.append((line.y, role))
    tops.sort()
    return {role: (y, tops[i + 1][0] if i + 1 < len(tops) else None) for i, (y, role) in enumerate(tops)}


def _heading_key(line: Line) -> str:
    """The line's compact text without the number a heading may be given (`III. WALI NIKAH`, `2. ISTRI`, `B.
    SUAMI`): a roman numeral, a number or a letter closed by a period or parenthesis."""
    return compact_key(_ENUMERATOR.sub("", line.text))


_ENUMERATOR = re.compile(r"^\s*(?:(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])[.)]|[^\w\s]+)(?:\s+[^\w\s]+)*\s+")
"""A heading's or item's number (`III.`, `2.`, `g)`), with any specks read beside it (`5. .`)."""


_SPECK = SPECK_WORD
"""A word read at less than this confidence beside a heading is a speck of the paper or the scan (`mani`)."""


def _without_specks(line: Line) -> str:
    """The line's compact text without the words Tesseract made of specks, if any was (else "")."""
    kept = [w.text for w in line.words if w.confidence >= _SPECK]
    return compact_key(" ".join(kept)) if 0 < len(kept) < len(line.words) else ""


def _heading_like(text: str, heading: str) -> bool:
    """A heading on its own line with an OCR slip or two (`ISTR!`, `|STRI`, `SUAMl`)."""
    if not text or abs(len(text) - len(heading)) > 2:
        return False
    return difflib.SequenceMatcher(None, text.translate(_AS_LETTERS), heading).ratio() >= 0.8


_AS_LETTERS = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "0": "O", "5": "S"})
