"""Kartu Keluarga: No. KK and header by label, member rows from the two member tables by column header.

The tables are found from their text (`_tables`): a header of column names, one row per member
anchored on its NIK or its printed row number. A ruled table the text does not account for (its
header unread) is read by its rules, its rows split where one ruled row holds several rows' text
(`_tables.split_rows`); a row that still holds two members' NIKs or row numbers is left unread.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import re
from collections import Counter

import core

from . import _normalize as norm
from ._cells import neutral_lang, read_comb, reread
from ._confidence import DISPUTED, UNSEPARATED, faint, read_again, speck, weigh, weigh_identity
from ._fields import NOT_FOUND, all_fields, capped, corroborate, field_value
from ._kk_columns import (
    COLUMNS,
    MEMBER_TABLES,
    NUMBER_ROW,
    Columns,
    Normalizer,
    body_start,
    by_content,
    header_field,
    holds,
    lone_date_header,
    member_date,
    named_by_head,
    one_column_per_field,
    row_number,
    split_by_content,
)
from ._kk_header import beside, number_in_header
from ._kk_stacked import stacked
from ._layout import Line, Span, compact_key, find_line, first_labelled, grid_rows, lines, phrase_places
from ._model import Grid, Page, Word
from ._tables import split_rows, text_tables, without_drawn_rules, without_specks

_HEADER_LABELS: dict[str, tuple[tuple[str, ...], Normalizer]] = {
    # Printed label and the variants other printings and templates use, most specific first.
    "nama_kepala_keluarga": (("Nama Kepala Keluarga", "Kepala Keluarga", "Nama KK"), norm.name),
    "alamat": (("Alamat",), lambda t: _street(norm.text_upper(t))),
    "desa_kelurahan": (("Desa/Kelurahan", "Kelurahan/Desa", "Desa/Kel", "Kel/Desa", "Kelurahan", "Desa"), norm.name),
    "kecamatan": (("Kecamatan",), norm.name),
    "kabupaten_kota": (("Kabupaten/Kotamadya Dati II", "Kabupaten/Kota", "Kota/Kabupaten", "Kab/Kota", "Kabupaten",
                        "Kota"), norm.name),
    "kode_pos": (("Kode Pos",), lambda t: norm.digits(t, length=5)),
    "provinsi": (("Provinsi Dati I", "Propinsi Dati I", "Provinsi", "Propinsi"), norm.name),
}
_STREET_MISREAD = re.compile(r"^(?:[I1|]L|JL,)(?=[.,]?\s)[.,]?")
"""A street's `JL.` read with `I`, `1` or `|` for its J, or a comma for its dot (`IL. SAOSAO`): no address
begins with `IL`."""


def _street(value: str | None) -> str | norm.Graded | None:
    """The address, a misread `JL.` at its start mended at `EDIT_FACTOR` (its dot kept only if printed)."""
    if value and (found := _STREET_MISREAD.match(value)):
        mended = "JL." if found.group().endswith((".", ",")) else "JL"
        return norm.Graded(mended + value[found.end():], norm.EDIT_FACTOR)
    return value


_RT_RW = ("RT/RW", "RT / RW")  # the same label; the second is looked for as three words


_RIVALS = (*(label for labels, _ in _HEADER_LABELS.values() for label in labels), *_RT_RW,
           "Dikeluarkan Tanggal", "Tanggal Dikeluarkan")




def extract_kk(pages: list[Page]) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...]]:
    """Header fields and member rows (printed order) of a KK; the first page carries both tables."""
    page = pages[0]
    all_lines = lines(page)
    table_page = without_drawn_rules(page)
    grids = _member_grids(page)
    table_top = grids[0].ys[0] if grids else None
    table_bottom = grids[-1].ys[-1] if grids else None
    header = [ln for ln in all_lines if table_top is None or ln.y < table_top]
    title = find_line(header, "KARTU KELUARGA")
    if title is not None:  # the letterhead above it (`PEMERINTAH KABUPATEN KOTA KENDARI`) labels nothing
        header = [ln for ln in header if ln.y >= title.y]
    footer = [ln for ln in all_lines if table_bottom is not None and ln.y > table_bottom]

    spans = {name: _own_value(_first_labelled(header, labels)) for name, (labels, _) in _HEADER_LABELS.items()}
    found = {name: field_value(spans[name], fn) for name, (_, fn) in _HEADER_LABELS.items()}
    _off_the_line(header, spans, found)
    found["kode_pos"] = _short_number_again(page, spans["kode_pos"], found["kode_pos"], _HEADER_LABELS["kode_pos"][1])
    found["no_kk"] = _no_kk(page, header)
    rt_rw = _own_value(_first_labelled(header, _RT_RW))
    if rt_rw is None:
        rt_rw = _rt_rw_beside(header)
    if rt_rw is not None and None in norm.rt_rw(rt_rw.text):
        rt_rw = _shaped_word(rt_rw) or _closer(page, rt_rw, _DIGITS + "/") or rt_rw
    if rt_rw is not None:
        rt, rw = norm.rt_rw(rt_rw.text)
        found["rt"] = field_value(rt_rw, lambda _: rt)
        found["rw"] = field_value(rt_rw, lambda _: rw)
    else:  # RT and RW printed on lines of their own
        found["rt"] = field_value(_first_labelled(header, ("RT",)), _three_digits)
        found["rw"] = field_value(_first_labelled(header, ("RW",)), _three_digits)
    issued = _first_labelled(footer, _ISSUED) if footer else _first_labelled(all_lines, _ISSUED[:-1])
    found["tanggal_dikeluarkan"] = field_value(issued, norm.date_graded)
    if found["tanggal_dikeluarkan"].value is None and issued is not None:
        found["tanggal_dikeluarkan"] = _dated_word(issued)
    if found["tanggal_dikeluarkan"].value is None:
        found["tanggal_dikeluarkan"] = field_value(_place_dated(footer), norm.date_graded)
    if found["tanggal_dikeluarkan"].value is None and footer:  # typed off its label's line
        near = beside(footer, {"tanggal_dikeluarkan": _ISSUED, "": ("Dikeluarkan di",)}).get("tanggal_dikeluarkan")
        if near is not None:
            dated = field_value(near.span, norm.date_graded)
            found["tanggal_dikeluarkan"] = capped(dated, DISPUTED) if near.ambiguous else dated
    return all_fields(core.KK_HEADER_FIELDS, found), _members(without_specks(table_page, grids, MEMBER_TABLES), grids)


_ISSUED = ("Pada Tanggal", "Dikeluarkan Tanggal", "Tanggal Dikeluarkan", "Dikeluarkan Tgl", "Tanggal Terbit", "Tanggal")
"""`Tanggal` alone last: under `Dikeluarkan di` on older blanks; it is looked for below the tables only."""


def _dated_word(span: Span) -> core.FieldValue:
    """The one word of a labelled date's span that reads as a date alone (`07/07/2023` before a stamp's
    specks `. XX)`; `1311/2023`, a slash lost, at one edit's cost), else not found."""
    dated = [v for w in span.words if (v := field_value(Span(span.page, (w,), span.factor), member_date)).value]
    return dated[0] if len(dated) == 1 else NOT_FOUND


def _shaped_word(span: Span) -> Span | None:
    """The one word of an RT/RW's span that reads as both numbers alone (`012/001`), what the label's leader
    dots and colon were read as before it (`eno :`, `2.1`) left out; None when no or two words do."""
    shaped = [w for w in span.words if None not in norm.rt_rw(w.text)]
    return Span(span.page, (shaped[0],), span.factor) if len(shaped) == 1 else None


def _three_digits(text: str | None) -> str | None:
    """An RT or RW printed alone: one to three digits, zero-padded to three."""
    found = norm.digits(text)
    return found.zfill(3) if found and len(found) <= 3 else None


_PLACE_DATED = re.compile(r"^[A-Za-z][A-Za-z .'-]*,$")


def _place_dated(footer: list[Line]) -> Span | None:
    """The issue date printed unlabelled after the town (`Kota Kendari, 13-11-2023`): the words after a
    line's first word ending in a comma, when all before it are letters and they hold a date's digits."""
    for line in footer:
        words = line.words
        for i, word in enumerate(words[:-1]):
            if word.text.endswith(","):
                town = " ".join(w.text for w in words[:i + 1])
                date = words[i + 1:]
                if _PLACE_DATED.match(town) and sum(ch.isdigit() for w in date for ch in w.text) >= 6:
                    return Span(line.page, date)
                break
    return None


def _first_labelled(all_lines: list[Line], labels: tuple[str, ...]) -> Span | None:
    return first_labelled(all_lines, labels, rivals=_RIVALS)


def _closer(page: Page, span: Span | None, whitelist: str) -> Span | None:
    """The span's box read again on its own with a whitelist, or None when nothing came of it."""
    if span is None or span.bbox is None:
        return None
    x0, y0, x1, y1 = span.bbox
    pad = max(6, (y1 - y0) // 3)
    (words,) = reread(page, [(max(0, x0 - pad), max(0, y0 - pad), x1 + pad, y1 + pad)], lang=page.lang,
                      whitelist=whitelist)
    return Span(page.number, words) if words else None


def _short_number_again(page: Page, span: Span | None, first: core.FieldValue, fn: Normalizer) -> core.FieldValue:
    """A short number (the kode pos) read again from its crop, digits only, however surely the page read it:
    five digits have no check of their own, and a photo's `93411` read `99411` at 0.95 stood sure. A second
    reading that differs leaves it at `DISPUTED` at most (`_confidence.weigh`), and so does one only the second
    reading gave; a text layer is not read again."""
    if span is None:
        return first
    chosen = weigh(first, [field_value(_closer(page, span, _DIGITS), fn)])
    if first.value is None:
        return capped(chosen, DISPUTED)
    return dataclasses.replace(chosen, page=first.page, bbox=first.bbox)


def _no_kk(page: Page, header: list[Line]) -> core.FieldValue:
    """The 16 digits after `No.` under the title; an 18-digit NIP or any other number does not qualify.

    A number that does not read as a valid No. KK, or reads unsure, is read again on its own with the
    digits-only whitelist (and the language-neutral model, `_cells.NEUTRAL_LANG`: `ind` reads the leading `7`
    of some fonts as `71`) and the two readings weighed (`_confidence.weigh_identity`).
    """
    def no_kk(span: Span | None) -> core.FieldValue:
        return field_value(span, lambda t: norm.identity_number(t, core.no_kk_problems))

    for line in header:
        words = line.words
        for i, word in enumerate(words):
            if not re.fullmatch(r"No\.?:?|Nomor:?|NKK:?|No\.?KK:?", word.text, flags=re.IGNORECASE):
                continue
            after = list(itertools.dropwhile(lambda w: re.fullmatch(_NUMBER_NAMED, w.text, flags=re.IGNORECASE),
                                             words[i + 1:]))
            if not after:
                continue
            span = Span(line.page, (after[0],))
            first = no_kk(span)
            if not read_again(first):
                return first
            if sum(c.isdigit() for c in span.text) < 12 and len(span.text) < _COMB_READ:
                continue  # not a number, unless its rules read as letters too (`(7|lai7l2lolililslo…`)
            chosen = weigh_identity(first, _no_kk_again(page, span), core.no_kk_problems)
            if chosen.value is not None:
                return chosen
    number = number_in_header(header)  # boxed, combed, or after a label worded otherwise
    if number is None:
        return NOT_FOUND
    first = no_kk(number)
    if not read_again(first):
        return first
    return weigh_identity(first, _no_kk_again(page, number), core.no_kk_problems)


def _no_kk_again(page: Page, span: Span) -> core.FieldValue:
    """The No. KK's box read again, digits only: with a comb's rules whitened when it is printed in one
    (`_cells.read_comb`), else as it is."""
    if span.bbox is not None and (comb := read_comb(page, span.bbox, lang=page.lang, whitelist=_DIGITS)):
        combed = field_value(Span(span.page, comb), lambda t: norm.identity_number(t, core.no_kk_problems))
        if combed.value is not None:
            return combed
    return field_value(_closer(page, span, _DIGITS), lambda t: norm.identity_number(t, core.no_kk_problems))


_COMB_READ = 24
"""Characters of one word read from a comb of 16 boxes: its digits and, between them, its rules."""
_NUMBER_NAMED = r"KK|Kartu|Keluarga|:|KK:|Keluarga:|[|\[\]!]+"
"""Words between `No.` and the number: the rest of its label (`No. Kartu Keluarga`), a colon, a box's rule."""


def _own_value(span: Span | None) -> Span | None:
    """A label's value on its line, unless what follows the label is another label (`Nama Kepala Keluarga :`
    then, far right, `Kecamatan :` on a blank whose values were typed off the labels' line)."""
    if span is None:
        return None
    key = compact_key(span.text)
    if any(difflib.SequenceMatcher(None, key[:len(r)], r).ratio() >= 0.85 for r in _RIVAL_KEYS):
        return None
    return _before_next_label(span)


def _before_next_label(span: Span) -> Span:
    """The value without a next column's label read onto its end (`JL. DAYANU NO. 54 Kecamatan........ :
    KADIA`, the gap between the columns narrow): it ends before a word that begins another header label and
    is led to its value as a label is, by leader dots or a colon (glued on or the word after it)."""
    words = span.words
    for i in range(1, len(words)):
        for size in (1, 2, 3):
            run = words[i:i + size]
            led = run[-1].text.rstrip().endswith((":", "..")) or (
                i + size < len(words) and _LEADER.match(words[i + size].text) is not None)
            if led and compact_key(" ".join(w.text for w in run)) in _RIVAL_KEYS:
                return Span(span.page, words[:i], span.factor)
    return span


_LEADER = re.compile(r"^(?:\.{2,}|[.…]*:)$")


_RIVAL_KEYS = tuple(sorted({compact_key(r) for r in _RIVALS if len(compact_key(r)) >= 5}))


def _rt_rw_beside(header: list[Line]) -> Span | None:
    """The RT/RW typed off its label's line (`_off_the_line`), when it reads as two numbers."""
    near = beside(header, {**{name: labels for name, (labels, _) in _HEADER_LABELS.items()}, "rt_rw": _RT_RW})
    found = near.get("rt_rw")
    if found is None or None in norm.rt_rw(found.span.text):
        return None
    return found.span if not found.ambiguous else Span(found.span.page, found.span.words, min(found.span.factor, 0.9))


def _wraps(first: Span, whole: Span, header: list[Line]) -> bool:
    """Whether `whole` is `first` and the line it wraps onto: the words added begin where `first` began
    (the value's column), lie on one line, and nothing stands left of them in the label column (`RT : 002`
    under the address is the RT's value, its label too short to be looked for)."""
    if not {id(w) for w in first.words} < {id(w) for w in whole.words}:
        return False
    added = [w for w in whole.words if w not in first.words]
    height = max(w.height for w in first.words)
    cy = added[0].cy
    labelled = any(abs(w.cy - cy) < 0.5 * height and w.x1 < first.words[0].x0 - 0.5 * height
                   for line in header for w in line.words)
    return not labelled and abs(min(w.x0 for w in added) - first.words[0].x0) <= 1.5 * height and (
        max(w.cy for w in added) - min(w.cy for w in added) < 0.7 * height)


def _off_the_line(header: list[Line], spans: dict[str, Span | None], found: dict[str, core.FieldValue]) -> None:
    """Header values not printed after their label on its line, taken from beside the label (`_kk_header`):
    typed above or below it, wrapped over two lines around it, in the next cell of a boxed grid (an address
    read on its label's line gets the line it wraps onto too). A value another label lies about as near to
    is at most `DISPUTED`."""
    missing = {name: labels for name, (labels, _) in _HEADER_LABELS.items() if found[name].value is None}
    wrapped = spans["alamat"] is not None
    if not missing and not wrapped:
        return
    near = beside(header, {**{name: labels for name, (labels, _) in _HEADER_LABELS.items()}, "rt_rw": _RT_RW})
    address, first = near.get("alamat"), spans["alamat"]
    if address is not None and first is not None and _wraps(first, address.span, header):
        missing["alamat"] = ()  # an address wrapped onto a second line beside its label, the first read with it
    for name in missing:
        if name not in near:
            continue
        value = field_value(near[name].span, _HEADER_LABELS[name][1])
        spans[name] = near[name].span
        found[name] = capped(value, DISPUTED) if near[name].ambiguous else value


def _member_grids(page: Page) -> list[Grid]:
    """The member tables, top to bottom: as read from their text, and any ruled table the text missed."""
    found = text_tables(page, MEMBER_TABLES)
    page = without_drawn_rules(page)
    ruled = [split_rows(page, g, MEMBER_TABLES) for g in page.grids
             if not any(g.ys[0] < t.ys[-1] and t.ys[0] < g.ys[-1] for t in found) and not _header_grid(page, g)]
    return sorted(found + ruled, key=lambda g: g.ys[0])


_HEADER_GRID_LABELS = ("Kecamatan", "Provinsi", "Propinsi", "Kode Pos", "Alamat", "Kabupaten", "Kab/Kota", "RT/RW",
                       "Kelurahan", "Kel/Desa", "Desa/Kel")
"""Labels of the header that no member table prints: a ruled grid holding two of them is the header's."""


def _header_grid(page: Page, grid: Grid) -> bool:
    """Whether a ruled grid is a boxed header (label cells beside value cells), not a member table."""
    inside = lines(page, tuple(page.words_in((grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1]))))
    return sum(bool(phrase_places(inside, label, min_ratio=0.85)) for label in _HEADER_GRID_LABELS) >= 2


def _members(page: Page, grids: list[Grid]) -> tuple[dict[str, core.FieldValue], ...]:
    """Table rows joined across the two tables by position when they hold as many rows (both print the
    members in one order), else by their printed row number (position when it is unreadable). Tables
    whose rows hold two stacked lines are read by band (`_kk_stacked`)."""
    by_band = stacked(page, grids)
    rows = list(by_band) if by_band is not None else _one_line_members(page, grids)
    for row in rows:
        _check_nik(row)
        _check_marriage_date(row)
        _check_years(row)
    _check_spouses(rows)
    _doubt_structure(rows, niks=_nik_lines(page, grids))
    return tuple(rows)


def _one_line_members(page: Page, grids: list[Grid]) -> list[dict[str, core.FieldValue]]:
    merged: dict[int, dict[str, core.FieldValue]] = {}
    tables = [_table(page, grid) for grid in grids]
    same_count = len({len(table) for table in tables}) == 1
    for table in tables:
        keys, unsure = _row_keys([number for number, _ in table], same_count=same_count)
        for key, (_, row) in zip(keys, table, strict=True):
            into = merged.setdefault(key, {})
            # A field the other table read stays read: a column this table took for it holds nothing of it.
            into.update({f: capped(v, DISPUTED) if unsure else v for f, v in row.items()
                         if v.value is not None or f not in into})
    return [all_fields(core.KK_MEMBER_FIELDS, merged[k]) for k in sorted(merged)
            if any(v.value for v in merged[k].values())]


def _row_keys(numbers: list[int | None], *, same_count: bool) -> tuple[list[int], bool]:
    """Which member (1, 2, ...) each row of one table is, and whether that is in doubt.

    Printed numbers are trusted only when they read as a rising sequence; one misread `1` -> `4` would
    otherwise glue a row of table 2 onto the wrong member (and `5` -> `6` in one table only would make two
    members of one). Tables of as many rows are joined by position, unless a table's numbers all read, one
    after the other, from above 1: its first rows were lost (read into its header, or its top band unread),
    and each row is the member its number says. Any other table in which two or more rows read numbers
    off their positions by the same amount (`1, 3, 4, 5`) lost or gained a row: which member a row is cannot
    be told, so none of its values is sure; so too tables of unlike length joined by position (their numbers
    unread). One number off its position alone is a misread (`58` for `5`).
    """
    positions = list(range(1, len(numbers) + 1))
    read = [n for n in numbers if n is not None]
    rising = len(read) == len(numbers) and all(a < b for a, b in itertools.pairwise(read))
    if read and rising and (not same_count or (read[0] > 1 and read[-1] - read[0] == len(read) - 1)):
        return read, False
    offsets = Counter(n - p for n, p in zip(numbers, positions, strict=True) if n is not None and n != p)
    misplaced = any(count >= 2 for count in offsets.values())  # one number misread (`58` for 5) moves no row
    return positions, not same_count or misplaced


def _nik_lines(page: Page, grids: list[Grid]) -> int:
    """How many NIK-shaped numbers (15-17 digits: one lost or gained by OCR) the member tables print: one
    per member, whatever the rules made of the rows (two side by side on one line are two). The first
    table's rows are looked for two row pitches above it too: on a skewed scan its first member row may
    have gone with its header."""
    if not grids:
        return 0
    pitch = sorted(b - a for a, b in itertools.pairwise(grids[0].ys))[(len(grids[0].ys) - 1) // 2] \
        if len(grids[0].ys) > 1 else 0
    x0, y0 = min(g.xs[0] for g in grids), max(0, grids[0].ys[0] - 2 * pitch)
    x1, y1 = max(g.xs[-1] for g in grids), grids[-1].ys[-1]
    kept: list[Word] = []
    for w in page.words_in((x0, y0, x1, y1)):
        if _NIK_DIGITS[0] <= sum(c.isdigit() for c in w.text) <= _NIK_DIGITS[1] and not any(
                abs(w.cy - k.cy) <= 0.7 * max(w.height, k.height) and w.x0 < k.x1 and k.x0 < w.x1 for k in kept):
            kept.append(w)  # one number read twice, in two overlapping boxes, is one
    return len(kept)


_EXPECTED = 2 / 3
"""Share of the other rows that must hold a field for its absence in one row to count against that row."""


def _doubt_structure(rows: list[dict[str, core.FieldValue]], *, niks: int) -> None:
    """Rows whose structure the page does not bear out are never sure (at most `DISPUTED`).

    A member row is one row number and one NIK. When the rows found are fewer than the NIK-shaped numbers
    printed in the tables, some rows were merged or lost and no row's values are sure; when they are more,
    the rows without a NIK are in doubt.
    A row that lacks its NIK while the others have theirs, or two or more values most other rows have
    (`ISLAM`, `LAKI-LAKI`, a birth date), is what is left of rows run together or torn apart: its values
    are not sure either. Nothing is taken away or filled in; only the confidence moves.
    """
    if not rows:
        return
    lost = len(rows) < niks  # which rows hold two members, or which member went missing, cannot be told
    extra = 0 < niks < len(rows)  # the rows without a NIK are the ones in doubt (none printed: no NIK column)
    for i, row in enumerate(rows):
        others = [r for j, r in enumerate(rows) if j != i]
        missing = [f for f, v in row.items() if v.value is None and len(others) >= 2
                   and sum(o[f].value is not None for o in others) >= _EXPECTED * len(others)]
        if lost or (extra and row["nik"].value is None) or len(missing) >= 2 or "nik" in missing:
            for field, value in row.items():
                row[field] = capped(value, DISPUTED)


_COUPLE = frozenset({"KEPALA KELUARGA", "SUAMI", "ISTRI"})


def _check_spouses(rows: list[dict[str, core.FieldValue]]) -> None:
    """The head of family and the spouse married each other on one date: two dates doubt each other."""
    dates = [row for row in rows if row["status_hubungan"].value in _COUPLE and row["tanggal_perkawinan"].value]
    if len(dates) == 2 and dates[0]["tanggal_perkawinan"].value != dates[1]["tanggal_perkawinan"].value:
        for row in dates:
            corroborate(row, ("tanggal_perkawinan",), agree=False)


_MIN_AGE_AT_MARRIAGE = 10
"""Years; a marriage date earlier than this after the birth date is a misread of one of them."""


def _check_marriage_date(row: dict[str, core.FieldValue]) -> None:
    """A marriage before the member was old enough to marry doubts both dates (`1904` read for `1994`)."""
    born, married = row["tanggal_lahir"].value, row["tanggal_perkawinan"].value
    if born is None or married is None:
        return
    if int(married[:4]) - int(born[:4]) < _MIN_AGE_AT_MARRIAGE:
        corroborate(row, ("tanggal_lahir", "tanggal_perkawinan"), agree=False)


def _check_years(row: dict[str, core.FieldValue]) -> None:
    """A birth or marriage year no member can have (`6688`: a `19` misread) is a misread, never sure."""
    for field in ("tanggal_lahir", "tanggal_perkawinan"):
        value = row[field]
        if value.value is not None and not _plausible_year(value.value):
            row[field] = capped(value, UNSEPARATED)


def _check_nik(row: dict[str, core.FieldValue]) -> None:
    """A NIK carries the birth date and sex: agreeing with the row confirms them, disagreeing doubts all three."""
    nik, born, sex = (row[k].value for k in ("nik", "tanggal_lahir", "jenis_kelamin"))
    if nik is None or born is None or sex is None:
        return
    problems = core.nik_problems(nik, jenis_kelamin=sex, tanggal_lahir=born)
    if problems:
        corroborate(row, ("nik", "tanggal_lahir", "jenis_kelamin"), agree=False)
    else:
        corroborate(row, ("tanggal_lahir", "jenis_kelamin"), agree=True)


def _table(page: Page, grid: Grid) -> list[tuple[int | None, dict[str, core.FieldValue]]]:
    """(printed row number or None, fields) for every member row of one table (its grid found from the
    text, `_tables`, or from its rules)."""
    rows = grid_rows(page, grid)
    if not rows:
        return []
    columns = [header_field(cell.text) for cell in rows[0]]
    if not any(columns):
        return []
    number_column = next((i for i, cell in enumerate(rows[0]) if " ".join(cell.text.upper().split()) in ("NO", "NO.")),
                         None)
    one_column_per_field(columns, [[cell.text for cell in row] for row in rows[1:]])
    lone_date_header(columns, [cell.text for cell in rows[0]])
    # A place and date of birth printed in one cell is one column, not two fields side by side to split.
    taken = _BORN if any(_place_and_date_header(cell.text) for cell in rows[0]) else frozenset()
    grid, rows = _split_columns(page, grid, columns, rows, skip=number_column, taken=taken)
    by_content(columns, [[cell.text for cell in row] for row in rows[1:]], skip=number_column, taken=taken)
    if not any(column is not None and column[0] == "nik" for column in columns):
        # a member's own name is printed in the table of their NIK: a column of another table known only by
        # its head word `NAMA` (`NAMA ATAN KANJUNY`, `AYAH KANDUNG` misread) holds a parent's name
        columns = [None if column is not None and named_by_head(cell.text) else column
                   for column, cell in zip(columns, rows[0], strict=True)]
    born_in = _born_columns([cell.text for cell in rows[0]])
    if born_in:  # a place and date of birth printed in one cell: neither field is another column's
        columns = [None if c not in born_in and col is not None and col[0] in _BORN else col
                   for c, col in enumerate(columns)]
    spanned = {k for ks in born_in.values() for k in ks}
    unclaimed = _CELL_TAILS - {col[0] for c, col in enumerate(columns) if col is not None and c not in spanned}
    out = []
    doubtful: list[tuple[dict[str, core.FieldValue], int, int]] = []
    tall = _text_height(rows)
    body = body_start([[cell.text for cell in row] for row in rows[1:]], number_column)
    for r, row in enumerate(rows[1:], start=1):
        if r <= body:
            continue  # the header's rows down to its column numbers (upright words read as specks)
        texts = [cell.text.strip() for cell in row]
        filled = [t for t in texts if t]
        if not filled or sum(bool(NUMBER_ROW.match(t)) for t in filled) * 2 >= len(filled):
            continue  # empty row, or the printed column numbers (1) (2) ... (some misread)
        if _merged(row, number_column):
            continue  # two members' rows in one: which value is whose cannot be told, so none is taken
        row = _reregistered(row, columns)
        values: dict[str, core.FieldValue] = {}
        unsure = []
        stacked: list[tuple[str, int]] = []
        for c, (column, printed) in enumerate(zip(columns, row, strict=True)):
            if c in born_in:
                place, date, tail = _place_and_date(Span(printed.page, tuple(w for k in born_in[c] for w in row[k].words)),
                                                    unclaimed=unclaimed)
                for field, span in tail.items():
                    values.setdefault(field, field_value(span, _BY_FIELD_NORMALIZER[field]))
                if not place.words and c > 0:  # the place printed wider than its header, left of the column
                    left, moved = _comma_tail(row[c - 1], whole=columns[c - 1] is None and not rows[0][c - 1].text.strip())
                    place = Span(printed.page, moved)
                    if moved and columns[c - 1] is not None:
                        values[columns[c - 1][0]] = field_value(left, columns[c - 1][1])  # type: ignore[index]
                values["tempat_lahir"] = field_value(place, norm.name)
                values["tanggal_lahir"] = field_value(date, member_date)
                if _stacked(list(place.words)):
                    stacked.append(("tempat_lahir", _line_count(place.words)))
            elif column is not None and not any(c in ks for ks in born_in.values()):
                whole = column[0] == "golongan_darah" or (column[0] in _DATES and norm.date(printed.text) is not None)
                cell = Span(printed.page, _inked(printed.words if whole else _without_column_numbers(printed.words)))
                values[column[0]] = field_value(cell, column[1])
                if column[0] in _FREE_TEXT and _stacked(list(cell.words)):
                    stacked.append((column[0], _line_count(cell.words)))
                elif _doubtful(column[0], cell.text, values[column[0]]):
                    unsure.append((values, r, c))
        _doubt_stacked(values, stacked)
        _doubt_struck(page, values, tall=tall)
        if not any(values[f].value is not None for f in values if f in _STRUCTURED):
            continue  # nothing in it reads as a member's NIK, date or coded value: a stray header row
        doubtful += unsure
        number = norm.digits(texts[number_column]) if number_column is not None else None
        out.append((int(number) if number and len(number) <= 2 else None, values))
    _read_again(page, grid, columns, doubtful)
    return out


_BORN = frozenset({"tempat_lahir", "tanggal_lahir"})
_DATES = frozenset({"tanggal_lahir", "tanggal_perkawinan"})
"""Columns of dates, whose day printed before the month's name (`26 Mei 1988`) is no column number."""

_SHAPED = frozenset({"nik", "tanggal_lahir", "tanggal_perkawinan"})
"""Columns whose values have a shape of their own, by which a value typed across a column rule is known."""
_WHOLE_DATE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}$")


def _shaped(field: str, text: str, *, loose: bool = False) -> bool:
    """Whether a word has the shape of `field`'s value; `loose`: a date with look-alikes for its digits or
    its dashes lost (`U/-U8-1961`, `“41-11-1964`, `17111997`), which no word of a name or place has."""
    if field == "nik":
        return text.isdigit() and 15 <= len(text) <= 17  # `_NIK_DIGITS`
    if loose:
        return _LOOSE_DATE.match(text.strip(_QUOTES)) is not None
    return bool(_WHOLE_DATE.match(text))


_LOOSE_DATE = re.compile(r"^(?=(?:\D*\d){4})[0-9OoIlUu|/]{1,2}[-./,:]*[0-9OoIlUu|/]{1,2}[-./,:]*[0-9OoIlUu|]{4}$")
_QUOTES = "\"'‘’“”„,.`"


def _reregistered(row: list[Span], columns: list[tuple[str, Normalizer] | None]) -> list[Span]:
    """A row whose values were typed off their columns (a typewriter's or dot-matrix sheet fed askew, a
    print out of register with its form): a NIK or a date at the end of the cell left of its own column, or
    at the start of the cell right of it, goes back to its column when that column holds nothing of its
    shape. A date misread (look-alikes for its digits, its dashes lost) goes back too when its column holds
    no digit at all and the cell it lies at the end of is one of free text (a place: no place has four
    digits)."""
    row = list(row)
    for c, column in enumerate(columns):
        if column is None or column[0] not in _SHAPED:
            continue
        field = column[0]
        if any(_shaped(field, w.text) for w in row[c].words):
            continue
        if field != "nik" and _day_left_behind(row[c - 1] if c > 0 else None, row[c]):
            day = row[c - 1].words[-1]
            row[c - 1], row[c] = Span(row[c - 1].page, row[c - 1].words[:-1]), Span(row[c].page, (day, *row[c].words))
            continue
        left = columns[c - 1] if c > 0 else None
        ends_free_text = (field != "nik" and left is not None and len(row[c - 1].words) > 1
                          and left[0] in _FREE_TEXT and _shaped(field, row[c - 1].words[-1].text, loose=True)
                          and not any(ch.isdigit() for w in row[c].words for ch in w.text))
        if ends_free_text or (c > 0 and row[c - 1].words and _shaped(field, row[c - 1].words[-1].text)):
            moved = row[c - 1].words[-1]
            row[c - 1] = Span(row[c - 1].page, row[c - 1].words[:-1])
            row[c] = Span(row[c].page, (moved, *row[c].words))
        elif c + 1 < len(row) and row[c + 1].words and _shaped(field, row[c + 1].words[0].text):
            moved = row[c + 1].words[0]
            row[c + 1] = Span(row[c + 1].page, row[c + 1].words[1:])
            row[c] = Span(row[c].page, (*row[c].words, moved))
    return row


def _day_left_behind(left: Span | None, cell: Span) -> bool:
    """A date printed with its month's name (`26 Mei. 1988`) whose day stands at the end of the cell left of
    its column: the cell alone is no date, the day and the cell are."""
    if left is None or not left.words or not re.fullmatch(r"\d{1,2}[.,]?", left.words[-1].text):
        return False
    text = " ".join(w.text for w in cell.words)
    return norm.date(text) is None and norm.date(f"{left.words[-1].text} {text}") is not None


def _without_column_numbers(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """A cell without a lone number of one or two digits at either end, beside other words: the printed
    column number (`2`) of a row typed up into the band of the column numbers; no member value but a
    blood group (`0` for `O`) is such a number."""
    kept = words = tuple(words)
    while words and re.fullmatch(r"\(?\d{1,2}\)?", words[0].text):
        words = words[1:]
    while words and re.fullmatch(r"\(?\d{1,2}\)?", words[-1].text):
        words = words[:-1]
    return words or kept
_DATE_HEADER_WORDS = ("TGL", "TANGGAL")


def _born_columns(headers: list[str]) -> dict[int, tuple[int, ...]]:
    """Per column whose header names both the place and the date of birth, the columns its cell spans:
    itself, or itself and the next when the header's words were found apart (`Tempat` | `/ Tgl Lahir`)."""
    found: dict[int, tuple[int, ...]] = {}
    for c, text in enumerate(headers):
        if any(c in ks for ks in found.values()):
            continue
        if _place_and_date_header(text):
            found[c] = (c,)
        elif (c + 1 < len(headers) and text.strip() and not _place_and_date_header(headers[c + 1])
              and _place_and_date_header(f"{text} {headers[c + 1]}")):
            found[c] = (c, c + 1)
    return found


def _place_and_date_header(text: str) -> bool:
    """A column header naming both the place and the date of birth (`Tempat / Tgl Lahir`, `Tempat, Tanggal
    Lahir`, small slips allowed): one cell holds both values, side by side (`KENDARI, 13-02-1982`) or one
    over the other."""
    words = [compact_key(w).replace("/", "") for w in text.replace("/", " ").split()]
    def like(word: str, target: str) -> bool:
        return difflib.SequenceMatcher(None, word, target).ratio() >= (0.8 if len(target) > 3 else 0.66)
    return any(like(w, "TEMPAT") for w in words) and any(like(w, t) for w in words for t in _DATE_HEADER_WORDS)


_DATE_PART = re.compile(r"^[0-9OoIl|]{1,4}([-./][0-9OoIl|]{1,4}){0,2}[-./]?$")


def _place_and_date(cell: Span, *, unclaimed: frozenset[str] = frozenset()) -> tuple[Span, Span, dict[str, Span]]:
    """A merged birth cell split into the place (its words up to the date, the comma dropped) and the date
    (the words shaped as one, with at least two digits among them, or a date misread: `_shaped(loose=)`, or
    any word after the first with three digits: no place has them),
    and the values of `unclaimed` fields (no column of the table holds them) that end it: a column whose
    rule and header words went unseen runs into it (`KOLAKA 12-10-1990 ISLAM` under `Tempat Tanggal
    Agama`), and its unmistakable value (`holds`) is its field's, not the place's."""
    words = list(_inked(cell.words))
    tail: dict[str, Span] = {}
    for field in sorted(unclaimed & _CELL_TAILS):
        for k in (3, 2, 1):
            if len(words) > k and holds(field, " ".join(w.text for w in words[-k:])):
                tail[field] = Span(cell.page, tuple(words[-k:]))
                words = words[:-k]
                break
    dated = [w for i, w in enumerate(words) if (_DATE_PART.match(w.text.strip(",")) and sum(ch.isdigit() for ch in w.text) >= 2)
             or _shaped("tanggal_lahir", w.text, loose=True) or (i > 0 and sum(ch.isdigit() for ch in w.text) >= 3)]
    named = _month_named(words, dated)
    dated = [w for w in words if w in dated or w in named]
    place = [w for w in words if w not in dated]
    if place:
        place[-1] = _trimmed(place[-1], leading=False)
    return Span(cell.page, tuple(place)), Span(cell.page, tuple(dated)), tail


def _month_named(words: list[Word], dated: list[Word]) -> list[Word]:
    """The day and month words of dates printed with the month's name (`21 Okt. 1962`, `5 Mei 1990`) that
    `dated` left out: a month's name, the one- or two-digit day before it and the year after it, which no
    place's name has."""
    found: list[Word] = []
    for i in range(1, len(words) - 1):
        day, month, year = words[i - 1], words[i], words[i + 1]
        if (year in dated and re.fullmatch(r"\d{1,2}[.,]?", day.text) and month.text.strip(".,").isalpha()
                and norm.date(f"{day.text} {month.text} {year.text}") is not None):
            found += [w for w in (day, month) if w not in dated and w not in found]
    return found


_BY_FIELD_NORMALIZER: dict[str, Normalizer] = {field: fn for field, fn in COLUMNS.values()}
_CELL_TAILS = frozenset({"agama", "jenis_kelamin", "golongan_darah", "kewarganegaraan"})
"""Fields printed in short columns beside the birth cell whose values a place never ends with."""


def _comma_tail(cell: Span, *, whole: bool) -> tuple[Span, tuple[Word, ...]]:
    """A cell without its last words when they end in a comma and stand apart (a gap wider than two letters
    before them; all its words in a column headed by nothing, `whole`): a birth place printed left of a
    merged place/date column, caught by its neighbour."""
    words = _inked(cell.words)
    if whole and any(ch.isalpha() for w in words for ch in w.text):
        return Span(cell.page, ()), words
    if not words or not cell.words[-1].text.endswith(","):
        return cell, ()
    words = cell.words
    letter = sum(w.x1 - w.x0 for w in words) / max(1, sum(len(w.text) for w in words))
    gaps = [i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 > 2 * letter
            and abs(words[i].cy - words[i - 1].cy) < words[i].height]
    if not gaps:
        return cell, ()
    tail = list(cell.words[gaps[-1]:])
    tail[-1] = _trimmed(tail[-1], leading=False)
    return Span(cell.page, cell.words[:gaps[-1]]), tuple(tail)


def _split_columns(page: Page, grid: Grid, columns: Columns, rows: list[list[Span]], *,
                   skip: int | None, taken: frozenset[str]) -> tuple[Grid, list[list[Span]]]:
    """The grid with a boundary added wherever one column holds two fields' values side by side
    (`split_by_content`: a header read wrong left its values to a neighbour), and its rows."""
    for _ in range(len(columns)):
        found = split_by_content(columns, [[cell.words for cell in row] for row in rows[1:]], skip=skip, taken=taken)
        if found is None:
            break
        i, x = found
        grid = Grid((*grid.xs[:i + 1], x, *grid.xs[i + 1:]), grid.ys)
        rows = grid_rows(page, grid)
    return grid, rows


def _merged(row: list[Span], number_column: int | None) -> bool:
    """Whether a table row holds two members' NIKs or row numbers, one over the other (rows whose rule was
    lost and that the text could not split): its cells would join two members' values."""
    niks = [w for cell in row for w in cell.words if _NIK_DIGITS[0] <= sum(c.isdigit() for c in w.text) <= _NIK_DIGITS[1]]
    numbers = [] if number_column is None else [w for w in row[number_column].words if row_number(w.text)]
    return any(_stacked(words) for words in (niks, numbers)) or any(
        _stacked([w for w in cell.words if _DATE_WORD.search(w.text)]) for cell in row)


def _stacked(words: list[Word]) -> bool:
    """Whether two of the words lie one over the other (not side by side on one line: `2 1`, a speck and a
    number). The same text twice is one value read twice, and a word far flatter than the other is a rule
    read as text: neither is two members."""
    return any(abs(a.cy - b.cy) > 0.7 * max(a.height, b.height) and a.text != b.text
               and 2 * min(a.height, b.height) >= max(a.height, b.height)
               for a, b in itertools.combinations(words, 2))


_NIK_DIGITS = (15, 17)
_DATE_WORD = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


_FREE_TEXT = frozenset({"nama_lengkap", "tempat_lahir", "nama_ayah", "nama_ibu"})


def _doubt_stacked(values: dict[str, core.FieldValue], stacked: list[tuple[str, int]]) -> None:
    """Names put together from several lines: a long name wrapped onto a second line, or two rows' names
    run together where a rule was lost. Two lines beside one valid NIK are a wrapped name, not sure
    (`DISPUTED`); beside none, doubtful (`UNSEPARATED`); three or more lines are rows run together,
    and no name is taken. None of them is read again: the second reading would join the same lines."""
    nik = values.get("nik")
    one_member = nik is not None and nik.value is not None and not core.nik_problems(nik.value)
    for field, count in stacked:
        value = values[field]
        if count >= 3:
            values[field] = core.FieldValue(None, 0.0, value.page, value.bbox)
        else:
            values[field] = capped(value, DISPUTED if one_member else UNSEPARATED)


def _text_height(rows: list[list[Span]]) -> float:
    """The height of a table's text: nearly the tallest of its values' words (a rule across the text may
    have cut most rows' tops), but no taller than its header's words (specks glued on make a word tall)."""
    def words(cells: list[Span]) -> list[int]:
        return sorted(w.height for cell in cells for w in cell.words if sum(c.isalnum() for c in w.text) >= 3)

    body, header = [h for row in rows[1:] for h in words(row)], words(rows[0])
    if not body:
        return 0.0
    tall = float(sorted(body)[int(_TALL * (len(body) - 1))])
    return min(tall, header[len(header) // 2]) if header else tall


def _doubt_struck(page: Page, values: dict[str, core.FieldValue], *, tall: float) -> None:
    """Values a ruled line runs through are never sure (at most `DISPUTED`): a rule printed out of register
    across the text's tops or middle is erased with the strokes it covers (`KOLAKA` reads `KULAKA`, 0.93)."""
    rules = [(g.xs[0], g.xs[-1], y) for g in page.grids for y in g.ys]
    if not rules or not tall:
        return
    # A value whose tops (or feet) went with the rule is shorter than the table's words (`tall`, nearly
    # the tallest: a rule may have cut most rows): it is measured from the edge the rule left whole.
    for field, value in values.items():
        if value.value is None or value.bbox is None:
            continue
        x0, y0, x1, y1 = value.bbox
        top, bottom = min(y0, y1 - tall), max(y1, y0 + tall)
        inside = _STRUCK_INSIDE * tall
        if any(a <= x0 and x1 <= b and top + inside < y < bottom - inside for a, b, y in rules):
            values[field] = capped(value, DISPUTED)


_STRUCK_INSIDE = 0.0
"""Share of a value's height a rule must lie inside its box to run through its letters, not along them."""
_TALL = 0.9
"""Quantile of a table's word heights taken for the height of its text."""


def _line_count(words: tuple[Word, ...]) -> int:
    """Lines the words lie on, one over another (words far flatter than the rest, rules read as text, not counted)."""
    tall = max((w.height for w in words), default=0)
    ys = sorted(w.cy for w in words if 2 * w.height >= tall)
    return sum(1 for a, b in itertools.pairwise(ys) if b - a > 0.7 * tall) + (1 if ys else 0)


_STRUCTURED = frozenset({"nik", "jenis_kelamin", "tanggal_lahir", "agama", "pendidikan", "jenis_pekerjaan",
                         "status_perkawinan", "tanggal_perkawinan", "status_hubungan", "kewarganegaraan"})
"""Columns whose values must match a format or the vocabulary: one of them read marks a member row."""
_DIGITS = "0123456789"
_PLAUSIBLE_YEARS = (1900, 2100)
"""A member's birth or marriage year outside these is a misread digit (`1071`): read the cell again."""
_DASH = re.compile(r"^[-‐‑‒–—―_~.]{1,3}$")
_WHITELISTS = {"nik": _DIGITS, "tanggal_lahir": _DIGITS + "-", "tanggal_perkawinan": _DIGITS + "-"}


_READ_UNSURE_AGAIN = frozenset({"nama_lengkap", "no_paspor", "no_kitap"})
"""Free-text columns whose unsure readings are read again (nothing else can tell a misread: a passport
number whose first letter went unread in the page's reading comes back whole from its own cell)."""


def _doubtful(field: str, text: str, value: core.FieldValue) -> bool:
    """Printed but not understood, a name or document number read unsurely, or a NIK that breaks its own
    structure or was read unsurely."""
    if not text.strip() or _DASH.match(text.strip()):
        return False  # nothing printed, or the `-` a KK prints for nothing
    if value.value is None:
        return True
    if field in _READ_UNSURE_AGAIN:
        return read_again(value)
    if field in ("tanggal_lahir", "tanggal_perkawinan"):  # a dash mended (`member_date`): read again as before
        return not _plausible_year(value.value) or norm.date_graded(text).value is None
    return field == "nik" and (bool(core.nik_problems(value.value)) or read_again(value))


def _read_again(page: Page, grid: Grid, columns: list[tuple[str, Normalizer] | None],
                doubtful: list[tuple[dict[str, core.FieldValue], int, int]]) -> None:
    """Doubtful cells read once more, one Tesseract run per whitelist; a better value replaces the first.

    Blood groups still unread get a third try with the English model where it
    is installed: a lone `O` defeats the Indonesian one in some typefaces, and
    the values are plain Latin letters in any language.
    """
    groups: dict[str | None, list[tuple[dict[str, core.FieldValue], int, int]]] = {}
    for item in doubtful:
        field = columns[item[2]][0]  # type: ignore[index]
        groups.setdefault(_WHITELISTS.get(field), []).append(item)
    for whitelist, items in groups.items():
        _try(page, grid, columns, items, lang=page.lang, whitelist=whitelist)
    unread = [item for item in doubtful
              if columns[item[2]][0] in _LANGUAGE_NEUTRAL and item[0][columns[item[2]][0]].value is None]  # type: ignore[index]
    neutral = neutral_lang(page.lang)
    if unread and neutral != page.lang:
        _try(page, grid, columns, unread, lang=neutral, whitelist=None)
        unread = [item for item in unread if item[0][columns[item[2]][0]].value is None]  # type: ignore[index]
        if unread:  # a lone letter read alone, as one line
            _try(page, grid, columns, unread, lang=neutral, whitelist=None, one_by_one=True)


_LANGUAGE_NEUTRAL = frozenset({"golongan_darah"})


def _try(page: Page, grid: Grid, columns: list[tuple[str, Normalizer] | None],
         items: list[tuple[dict[str, core.FieldValue], int, int]], *, lang: str, whitelist: str | None,
         one_by_one: bool = False) -> None:
    cells = [grid.cells(r)[c] for _, r, c in items]
    found = reread(page, cells, lang=lang, whitelist=whitelist, one_by_one=one_by_one)
    for (values, _, c), words in zip(items, found, strict=True):
        field, normalize = columns[c]  # type: ignore[misc]
        second = field_value(Span(page.number, _inked(words)), normalize)
        values[field] = _weigh(field, values[field], second)


def _inked(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """A cell's words without the specks at either end (`—`, `'`, `|`: what is left of a rule or a
    smudge), which would join the value and lend it their low confidence; a lone `-` stays. Specks glued
    to the first or last word (`—RAHA`, `SAMBARA”———`, `“7402…`) are cut off it. Beside a word read surely,
    words of one or two letters read at near 0 at either end are specks too (`_speck_word`)."""
    letters = [i for i, w in enumerate(words) if any(c.isalnum() for c in w.text)]
    if not letters:
        return words
    sure = [i for i in letters if _sure_word(words[i])]
    dropped: list[Word] = []
    if sure:  # specks read as letters beside a value (`NN : LA ODE RIDWAN`, `LAODE HAMZAH : “5 z - - z`)
        while letters[0] < sure[0] and _speck_word(words[letters[0]]):
            dropped.append(words[letters.pop(0)])
        while letters[-1] > sure[-1] and _speck_word(words[letters[-1]]):
            dropped.append(words[letters.pop()])
    kept = list(words[letters[0]:letters[-1] + 1])
    kept[0] = _trimmed(kept[0], leading=True)
    kept[-1] = _trimmed(kept[-1], leading=False)
    if dropped:  # a speck may have been a letter of the value (`LA` of `LA ODE`): the value is no surer for it
        weakest = min(range(len(kept)), key=lambda i: kept[i].confidence)
        kept[weakest] = dataclasses.replace(kept[weakest], confidence=min(kept[weakest].confidence,
                                                                           max(w.confidence for w in dropped)))
    return tuple(kept)


def _sure_word(word: Word) -> bool:
    """A word of a value read well enough (not `faint`) to make the specks beside it no part of the value."""
    return not faint(word.confidence) and sum(c.isalnum() for c in word.text) >= 2


def _speck_word(word: Word) -> bool:
    """A word of one or two letters or digits read at near 0: a speck or a stain, not a value's word."""
    return speck(word.text, word.confidence)


_GLUED = "—–_~”“\"'‘’`|.,:;"
"""What a rule's stretch or a speck glued to a value's first or last word is read as (a `-` may be the
value's own: `LAKI-`)."""


def _trimmed(word: Word, *, leading: bool) -> Word:
    text = word.text.lstrip(_GLUED) if leading else word.text.rstrip(_GLUED)
    return word if text == word.text or not text else dataclasses.replace(word, text=text)


def _plausible_year(iso_date: str) -> bool:
    return _PLAUSIBLE_YEARS[0] <= int(iso_date[:4]) < _PLAUSIBLE_YEARS[1]


def _weigh(field: str, first: core.FieldValue, second: core.FieldValue) -> core.FieldValue:
    """The better of a cell's first reading and its closer second one (`_confidence`'s rules).

    A value beats no value. Names and document numbers are weighed as any
    reading (`weigh`), a NIK as an identity number (`weigh_identity`). A date
    whose year is implausible gives way to a second reading with a plausible
    one, capped at `DISPUTED`. Other fields keep the first reading.
    """
    if second.value is None:
        return first
    if first.value is None:
        return second
    if field in _READ_UNSURE_AGAIN:
        return weigh(first, [second])
    if field in ("tanggal_lahir", "tanggal_perkawinan"):
        plausible = _plausible_year(second.value) and not _plausible_year(first.value)
        return capped(second, DISPUTED) if plausible else first
    if field != "nik":
        return first
    return weigh_identity(first, second, core.nik_problems)
