"""What the page as a whole says of its values, applied after every extractor (`extract_pages`).

    understood(doc_type, fields, anggota, pages) -> (fields, anggota, doubts)
                                      field shape, date order, province, the member table, names read twice,
                                      values whose extent was guessed
    found_share(doc_type, fields, anggota) -> 0..1   how much of the page was understood (measured only)
    Doubt                             (key, signal) of one value `understood` took out of the `SURE` band

The checks of single values live beside it, one module per signal (`_confidence_shape`,
`_confidence_region`, `_confidence_echo`); the scale they cap to is `_confidence`'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import core

from ._confidence import CONTRADICTED, CORROBORATED, DISPUTED, MENDED, SURE, TEXT_LAYER, checked_identity
from ._confidence_abut import abutting, gapped
from ._confidence_echo import echo_doubts
from ._confidence_region import region_doubts
from ._confidence_shape import misshapen
from ._confidence_stray import strays
from ._confidence_table import unpaired
from ._model import Page

_UNIVERSITY = frozenset({"nim", "program_studi", "gelar"})
_SCHOOL = frozenset({"npsn", "nama_orang_tua", "nis", "nisn"})
_YEARS_BEFORE = {"ijazah": 5, "buku_nikah": 12, "kk": 0}
"""How many years at least a holder's birth comes before the document's date (graduation, marriage, issue)."""


@dataclasses.dataclass(frozen=True)
class Doubt:
    """Why a value was kept out of the `SURE` band by `understood`: `signal` names the check."""

    key: str
    signal: str


def understood(doc_type: str, fields: dict[str, core.FieldValue], anggota: Sequence[dict[str, core.FieldValue]],
               pages: Sequence[Page] = (),
               ) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...], list[Doubt]]:
    """The values with what the page as a whole says applied: (fields, anggota, doubts); `pages`, the words
    read (the `stray` signal looks at them; without them it is not checked).

    Signals any layout gives, whoever issued it (benchmarks/results/calibration-unseen-session10.md
    measures each on extractor versions that met families they were never tuned on):

    - `shape`: a value its field's shape forbids (a person's or place's name with a digit or a sign, another
      column's value such as `ISLAM`, an English word of a bilingual print, more than `MOST_NAME_WORDS` words,
      or a sentence's word; a programme, degree or school with an English word; a person's
      name with a heading's or label's word; a name or address made of label words only; a city without
      its `KOTA` (`CITIES_ONLY`); a school without an `INSTITUTION_KINDS` word; an
      identifier with a comma or a word in it) is at most `CONTRADICTED`: it is no reading of that field;
    - `order`: a birth date not before the document's own date (by `_YEARS_BEFORE`) contradicts one of the
      two: both at most `CONTRADICTED` (on a KK only the member's: the other members bear out the date of issue);
    - `table`: a KK member table none of whose rows shows a valid NIK (one its row's birth date, where
      read, agrees with) was not understood (a member row is one NIK): its cells are at most `DISPUTED`
      unless confirmed;
    - `pairing`: a KK member table whose columns no longer pair up (a NIK beside another row's birth date, a
      child born before a parent, the header's head of family beside another relation: `_confidence_table`)
      was torn and shifted: its cells are at most `DISPUTED` unless confirmed (a NIK, birth date and sex that
      agree are one person's, whichever row they sit in);
    - `region`: a KK's No. KK or kode pos not of the province it prints (`PROVINCES`), and a member's NIK
      whose province is the printed one's (or the No. KK's, or another member's) with one digit read as a
      look-alike (`14…` in SULAWESI TENGGARA, 74), are at most `DISPUTED`;
    - `one box`: the same field of two people (groom and bride, two member rows) read from the same words of
      the page: at most `DISPUTED` (whose it is, the reader did not tell);
    - `echo`: a person's name printed twice that reads one way here and as a longer name ending or
      beginning alike there (`UHAMMAD ASRUL` beside `MUHAMMAD ASRUL`) lost letters at a cell's edge, and a head of
      family whose name the header and the member row read a letter or two apart: at most `DISPUTED`;
    - `abut`: two free-text values (names, places, addresses) side by side on one line with no space's
      width between their boxes: where one ends and the other begins was guessed (`_confidence_abut`), both
      at most `DISPUTED`;
    - `stray`: a free-text value with a word a word space beside it on its line that no value and no label
      took: its extent was guessed, the rest of the name or the next cell's word (`_confidence_stray`), at
      most `DISPUTED`;
    - `gap`: a free-text value two of whose words on one line are more than two line heights apart: it ran
      across a column's gap into the next cell (`_confidence_abut.gapped`), at most `DISPUTED`.

    One signal raises (`witness`, `_witnessed`): a KK member's NIK that agrees with the row's birth date and
    sex confirms them (`CORROBORATED`, as `_kk` does for its rows, whichever reader read the table;
    calibration-session16.md), unless a signal above doubts the value or the NIK. Every other signal only
    lowers (never into `SURE` from below it); nothing is added or removed.
    """
    doubts: list[Doubt] = []
    fields = dict(fields)
    rows = [dict(r) for r in anggota]
    cells = [(k, fields, k) for k in fields] + [(f"{i}.{k}", row, k) for i, row in enumerate(rows) for k in row]
    witnessed = [(f"{i}.{name}", row, name) for i, row in enumerate(rows) for name in _witnessed(row)]
    held: set[str] = set()
    for key, holder, name in cells:
        if misshapen(name, holder[name].value):
            _cap(holder, name, CONTRADICTED, doubts, key, held, "shape")
    for key, holder, name in _order_doubts(doc_type, fields, rows):
        _cap(holder, name, CONTRADICTED, doubts, key, held, "order")
    if rows and not any(_member_identified(row) for row in rows):
        for key, holder, name in cells:
            if holder is not fields and not _confirmed(holder[name]):
                _cap(holder, name, DISPUTED, doubts, key, held, "table")
    if doc_type == "kk" and rows and unpaired(fields, rows) is not None:
        for key, holder, name in cells:  # a NIK its own row's date and sex bear out is one person's still
            if holder is not fields and not _confirmed(holder[name]):
                _cap(holder, name, DISPUTED, doubts, key, held, "pairing")
    for key, holder, name in _one_box_twice(cells):
        _cap(holder, name, DISPUTED, doubts, key, held, "one box")
    for key, holder, name in region_doubts(fields, rows):
        _cap(holder, name, DISPUTED, doubts, key, held, "region")
    for key, holder, name in echo_doubts(cells):
        _cap(holder, name, DISPUTED, doubts, key, held, "echo")
    for key, holder, name in abutting(cells):
        _cap(holder, name, DISPUTED, doubts, key, held, "abut")
    for key, holder, name in strays(cells, pages):
        _cap(holder, name, DISPUTED, doubts, key, held, "stray")
    for key, holder, name in gapped(cells, pages):
        _cap(holder, name, DISPUTED, doubts, key, held, "gap")
    for key, holder, name in witnessed:
        if key not in held and f"{key.partition('.')[0]}.nik" not in held:  # a doubted NIK witnesses nothing
            holder[name] = dataclasses.replace(holder[name], confidence=CORROBORATED)
    return fields, tuple(rows), doubts


def _witnessed(row: dict[str, core.FieldValue]) -> list[str]:
    """The birth date and sex of a KK member row that the digits of the row's NIK, read from other pixels of the
    page, bear out: they are raised to `CORROBORATED`, as `_kk` raises its own rows' (`_kk._check_nik`), whichever
    reader read the table. The NIK itself is not raised (its region and serial digits are borne out by nothing;
    raising a NIK read at `DISPUTED` let in a misread serial digit, calibration-session16.md). A value at
    `MENDED` or less stays so (a reader mended it or found it contradicted: a marriage before the age of ten),
    and so does one any signal of `understood` doubts (a torn table's rows may pair one person's NIK, date and
    sex with another's name). The buku nikah's reader weighs its parties' dates against their NIKs itself
    (a century mended from the NIK is no witness of it)."""
    nik, born, sex = (row.get(k, core.FieldValue(None)).value for k in ("nik", "tanggal_lahir", "jenis_kelamin"))
    if nik is None or born is None or not checked_identity(nik) \
            or core.nik_problems(nik, tanggal_lahir=born, jenis_kelamin=sex):
        return []
    return [name for name in ("tanggal_lahir", "jenis_kelamin")
            if (value := row.get(name)) is not None and value.value is not None
            and MENDED < value.confidence < CORROBORATED]


_OWN = frozenset({"nik", "nama_lengkap", "tanggal_lahir"})
"""A person's own fields: two people of one document never share a NIK, and rarely a name or a birth date."""


def _one_box_twice(cells: list[tuple[str, dict[str, core.FieldValue], str]],
                   ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """The same field of two people (a groom's and a bride's, two member rows') read from the same words of
    the page, of the fields no two people share (`_OWN`): the reader did not tell whose it is, so it is sure
    of neither (a religion or a place read once for both may well be both's)."""
    seen: dict[tuple[str, int | None, tuple[int, ...]], list[tuple[str, dict[str, core.FieldValue], str]]] = {}
    for key, holder, name in cells:
        value = holder[name]
        if value.value is not None and value.bbox is not None:
            field = name.rsplit(".", 1)[-1]
            if field not in _OWN:
                continue
            seen.setdefault((field, value.page, tuple(value.bbox)), []).append((key, holder, name))
    return [cell for same in seen.values() if len(same) > 1 for cell in same]


def _member_identified(row: dict[str, core.FieldValue]) -> bool:
    """A member row with a valid NIK that its birth date, where read, agrees with."""
    nik = row.get("nik", core.FieldValue(None)).value
    born = row.get("tanggal_lahir", core.FieldValue(None)).value
    return bool(nik) and not core.nik_problems(nik, tanggal_lahir=born)  # type: ignore[arg-type]


def _confirmed(value: core.FieldValue) -> bool:
    """Raised by a check of two parts of the page against each other (`CORROBORATED`, below `TEXT_LAYER`)."""
    return value.value is not None and CORROBORATED <= value.confidence < TEXT_LAYER


def _cap(holder: dict[str, core.FieldValue], name: str, cap: float, doubts: list[Doubt], key: str,
         held: set[str], signal: str) -> None:
    held.add(key)  # doubted, whether or not this lowers it: the witness raises it no more
    value = holder[name]
    if value.value is not None and value.confidence > cap:
        if value.confidence >= SURE:
            doubts.append(Doubt(key, signal))
        holder[name] = dataclasses.replace(value, confidence=cap)


def found_share(doc_type: str, fields: dict[str, core.FieldValue],
                 rows: Sequence[dict[str, core.FieldValue]]) -> float:
    """Share of the type's fields the page gave a value for (a KK's header, an ijazah's school or
    university fields by its `jenjang`, all a buku nikah's): how much of the page was understood. Measured
    as a signal (`benchmarks/ocr_calibration.py --by-signal`), not applied: on the extractor versions that
    met unseen families, pages that gave less than half their fields held no more confident misses than
    the others (calibration-unseen-session10.md)."""
    expected = set(fields)
    if doc_type == "ijazah":
        level = fields.get("jenjang", core.FieldValue(None)).value or ""
        expected -= _SCHOOL if level.startswith(("D", "S")) else _UNIVERSITY
    if not expected:
        return 1.0
    return sum(fields[k].value is not None for k in expected) / len(expected)


def _order_doubts(doc_type: str, fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]],
                  ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """(key, holder, name) of each birth date and document date that contradict each other."""
    dated = {"kk": "tanggal_dikeluarkan", "ijazah": "tanggal_lulus", "buku_nikah": "tanggal_nikah"}.get(doc_type)
    if dated is None or not (day := fields.get(dated, core.FieldValue(None)).value):
        return []
    births = [(k, fields, k) for k in ("tanggal_lahir", "suami.tanggal_lahir", "istri.tanggal_lahir")
              if k in fields] + [(f"{i}.tanggal_lahir", row, "tanggal_lahir") for i, row in enumerate(rows)
                                 if "tanggal_lahir" in row]
    out = []
    for key, holder, name in births:
        born = holder[name].value
        if born and _years_between(born, day) < _YEARS_BEFORE[doc_type]:
            # a KK's date of issue is borne out by its other members' births; one holder's is not
            out += [(key, holder, name)] if holder is not fields else [(key, holder, name), (dated, fields, dated)]
    return out


def _years_between(earlier: str, later: str) -> float:
    try:
        return (int(later[:4]) - int(earlier[:4])) + (int(later[5:7]) - int(earlier[5:7])) / 12 \
            + (int(later[8:10]) - int(earlier[8:10])) / 365
    except ValueError:
        return 0.0

