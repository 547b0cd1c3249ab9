"""Labelled fields anywhere, per document type: each type's label vocabulary (`labels.toml`) and the shapes
of its values, and the one pass after every extractor that fills what the layout readers left.

    read_kk(page) -> (header, members)   a KK page's `[kk.fields]`: header fields, one record per member block
    kk_member_fields(page) -> {field: FieldValue}   the first value of each KK member field on the page
    read_ijazah(pages), read_buku_nikah(pages) -> {field: FieldValue}   `[ijazah.fields]` (and `.english`),
        `[buku_nikah.fields]` (a party's under its `[buku_nikah.sections]` heading)
    fill_gaps(doc_type, pages, fields, anggota) -> (fields, anggota)   after a type's extractor (`extract_pages`)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import core

from . import _normalize as norm
from ._buku_nikah import _normalizers as BUKU_NIKAH_NORMALIZERS
from ._confidence import DISPUTED, SURE, capped
from ._confidence_shape import misshapen
from ._fields import NOT_FOUND, Normalizer, labels, reads_like_sentence
from ._ijazah import _NORMALIZERS as IJAZAH_NORMALIZERS
from ._kk import _HEADER_LABELS as HEADER_LABELS
from ._kk_columns import COLUMNS
from ._labelled import (
    Shape,
    first_of_each,
    is_label,
    labelled_values,
    member_blocks,
    occurrences,
    read_fields,
)
from ._layout import Line, lines
from ._model import Page


def _number(problems: Callable[[str], list[str]]) -> Normalizer:
    return lambda text: norm.identity_number(text, problems)


def _three_digits(text: str | None) -> str | None:
    found = norm.digits(text)
    return found.zfill(3) if found and len(found) <= 3 else None


_NAME = Shape(norm.person_name_graded, letters=True)
_NUMBERS = frozenset({"npsn", "nis", "nisn", "nim", "nomor_ijazah", "nomor_akta", "no_paspor", "no_kitap"})
_DATE = Shape(norm.date_graded)
_LETTERS = frozenset({"nama_kepala_keluarga", "desa_kelurahan", "kecamatan", "kabupaten_kota", "provinsi",
                      "nama_lengkap", "tempat_lahir", "nama_ayah", "nama_ibu"})
# The KK readers' own normalizers (header labels, member columns), with the shapes they check.
KK_HEADER = {
    **{f: Shape(fn, letters=f in _LETTERS) for f, (_, fn) in HEADER_LABELS.items()},
    "no_kk": Shape(_number(core.no_kk_problems)),
    "rt_rw": Shape(norm.text_upper, parts=("rt", "rw"), split=norm.rt_rw),
    "rt": Shape(_three_digits), "rw": Shape(_three_digits), "tanggal_dikeluarkan": _DATE,
}
KK_MEMBER = {
    **{f: Shape(fn, letters=f in _LETTERS, digit=f in _NUMBERS) for f, fn in COLUMNS.values()},
    "lahir": Shape(norm.text_upper, parts=("tempat_lahir", "tanggal_lahir"), split=norm.place_and_date),
}


def _wordings(doc: str, keys: Sequence[str], groups: Sequence[str] = ("fields",)) -> dict[str, tuple[str, ...]]:
    """Each key's printed labels in `[doc.group]` for each group (an ijazah's English ones too)."""
    out = {key: tuple(w for group in groups for w in labels(doc, key, group)) for key in keys}
    return {key: wordings for key, wordings in out.items() if wordings}


def _nothing(_text: str | None) -> None:
    """Labels printed beside the fields but of no field (`others`): their words are no value."""
    return None


_PLACE = Shape(norm.name, letters=True)
_LAHIR = Shape(norm.text_upper, parts=("tempat_lahir", "tanggal_lahir"), split=norm.place_and_date)
IJAZAH = {
    **{f: Shape(fn, letters=f in ("nama_lengkap", "nama_orang_tua"), digit=f in _NUMBERS)
       for f, fn in IJAZAH_NORMALIZERS.items()},
    "lahir": _LAHIR, "tempat_lahir": _PLACE, "tanggal_lahir": _DATE, "tanggal_lulus": _DATE,
    "jenjang": Shape(norm.jenjang), "others": Shape(_nothing),
}
_NIKAH = BUKU_NIKAH_NORMALIZERS()
BUKU_NIKAH = {
    **{f: Shape(_NIKAH[f], digit=f in _NUMBERS) for f in ("nomor_akta", "tanggal_nikah", "kua")},
    **{f.removeprefix("suami."): Shape(fn, letters=f in ("suami.nama_lengkap", "suami.tempat_lahir"))
       for f, fn in _NIKAH.items() if f.startswith("suami.")},
    "lahir": _LAHIR, "wali": _NAME, "others": Shape(_nothing),
}
_PARTIES = ("suami", "istri", "wali", "saksi")


def read_ijazah(pages: Sequence[Page]) -> dict[str, core.FieldValue]:
    """An ijazah's fields by their labels (Indonesian or English) anywhere on its pages."""
    all_lines = [line for page in pages for line in lines(page)]
    found = first_of_each(labelled_values(all_lines, occurrences(
        all_lines, _wordings("ijazah", list(IJAZAH), ("fields", "english"))), IJAZAH))
    return {f: v for f, v in found.items() if f in core.IJAZAH_FIELDS}


def read_buku_nikah(pages: Sequence[Page]) -> dict[str, core.FieldValue]:
    """A buku nikah's fields by their labels: the marriage's anywhere, a party's under its section's heading
    (`SUAMI`, `ISTRI`, `WALI NIKAH`; a witness's block is no party's)."""
    all_lines = [line for page in pages for line in lines(page)]
    headings = [o for o in occurrences(all_lines, {p: labels("buku_nikah", p, "sections") for p in _PARTIES})
                if o.start == 0 and o.end >= len([w for w in o.line.words if any(c.isalnum() for c in w.text)])]
    columns = _side_by_side(all_lines)
    out: dict[str, core.FieldValue] = {}
    for item in labelled_values(all_lines, occurrences(all_lines, _wordings("buku_nikah", list(BUKU_NIKAH))),
                                BUKU_NIKAH):
        where = (item.occ.line.page, item.occ.line.y)
        section = next((h.field for h in reversed(headings) if (h.line.page, h.line.y) < where), None)
        for field, value in item.values.items():
            if field in ("nomor_akta", "tanggal_nikah", "kua"):
                out.setdefault(field, value)
            elif field == "wali" or (section == "wali" and field == "nama_lengkap"):
                out.setdefault("wali.nama_lengkap", value)
            elif columns is not None and section in (None, "suami", "istri") and _below(value, columns):
                # SUAMI and ISTRI side by side: the column a value stands in is its party's, not the heading
                # last printed above it; a value over both columns is neither's. One on another page or above
                # the headings is the section's, as on any page.
                party = _column_of(value, columns)
                if party is not None and f"{party}.{field}" in core.BUKU_NIKAH_FIELDS:
                    out.setdefault(f"{party}.{field}", value)
            elif section in ("suami", "istri") and f"{section}.{field}" in core.BUKU_NIKAH_FIELDS:
                out.setdefault(f"{section}.{field}", value)
    return out


def _side_by_side(all_lines: list[Line]) -> tuple[int, float, float] | None:
    """SUAMI and ISTRI headings printed side by side (a table of both parties, a card's back), at about one
    height even where a skew reads them as two lines: (their page, the y they stand at, the x between them)."""
    found = occurrences(all_lines, {p: labels("buku_nikah", p, "sections") for p in ("suami", "istri")})
    for s in (o for o in found if o.field == "suami"):
        for i in (o for o in found if o.field == "istri"):
            s_x = (s.line.words[s.start].x0 + s.line.words[s.end - 1].x1) / 2
            i_x = (i.line.words[i.start].x0 + i.line.words[i.end - 1].x1) / 2
            if s.line.page == i.line.page and s_x < i_x and abs(s.line.y - i.line.y) < _LEVEL * max(
                    s.line.height, i.line.height):
                return s.line.page, min(s.line.y, i.line.y), (s_x + i_x) / 2
    return None


_LEVEL = 0.8


def _below(value: core.FieldValue, columns: tuple[int, float, float]) -> bool:
    """Whether the value stands below the side-by-side headings, on their page."""
    page, top, _ = columns
    return value.bbox is not None and value.page == page and value.bbox[1] >= top


def _column_of(value: core.FieldValue, columns: tuple[int, float, float]) -> str | None:
    """The party whose column holds the whole value (one `_below` the headings), or None when it spans both."""
    if value.bbox is None:
        return None
    x0, _, x1, _ = value.bbox
    middle = columns[2]
    return "suami" if x1 < middle else "istri" if x0 >= middle else None


_NIK_SHAPED = re.compile(r"^\D{0,2}\d{15,17}\D{0,2}$")


def kk_member_fields(page: Page) -> dict[str, core.FieldValue]:
    """The first value of each KK member field that a label anywhere on the page names (one member's card)."""
    return read_fields(lines(page), KK_MEMBER, _wordings("kk", list(KK_MEMBER)))


def read_kk(page: Page) -> tuple[dict[str, core.FieldValue], list[dict[str, core.FieldValue]]]:
    """A KK page's header fields and member records found by their labels; no records when the blocks do
    not account for every NIK the page prints."""
    all_lines = lines(page)
    shapes = {**KK_HEADER, **KK_MEMBER}
    printed = occurrences(all_lines, _wordings("kk", list(shapes)))
    found = labelled_values(all_lines, printed, shapes)
    header = {f: v for f, v in first_of_each(found).items() if f in core.KK_HEADER_FIELDS}
    members = member_blocks(all_lines, [o for o in printed if o.field in KK_MEMBER],
                            [item for item in found if item.occ.field in KK_MEMBER],
                            title=(_NAME, "status_hubungan", KK_MEMBER["status_hubungan"]))
    members = [m for m in members if any(v.value for v in m.values())]
    numbers = {w.text for w in page.words if _NIK_SHAPED.match(w.text)}
    no_kk = header.get("no_kk")
    niks = {re.sub(r"\D", "", t) for t in numbers} - {no_kk.value if no_kk else None}
    if len(niks) > len(members):
        members = []
    return header, [_one_person({f: m.get(f, NOT_FOUND) for f in core.KK_MEMBER_FIELDS}) for m in members]


def _one_person(record: dict[str, core.FieldValue]) -> dict[str, core.FieldValue]:
    """A block's record as it stands when it shows a valid NIK its birth date (where read) agrees with: one
    person's; otherwise at most `DISPUTED` (whose values they are, nothing on the block bears out)."""
    nik, born = record["nik"].value, record["tanggal_lahir"].value
    if nik and not core.nik_problems(nik, tanggal_lahir=born):
        return record
    return {f: capped(v, DISPUTED) for f, v in record.items()}


def _fill(fields: dict[str, core.FieldValue], found: dict[str, core.FieldValue], *,
          unsure: bool = True) -> dict[str, core.FieldValue]:
    """`fields` with each value the layout reader left empty taken from `found`; with `unsure`, also one
    below `SURE` where `found`'s is surer (and not a part of it: a wrapped address read in full stands) or
    one read off a label (a label word is never a value)."""
    out = dict(fields)
    for name, value in found.items():
        current = out.get(name)
        if name not in out or value.value is None:
            continue
        if current is None or current.value is None or (unsure and (is_label(current.value) or (
                current.confidence < SURE and value.confidence > current.confidence
                and value.value not in current.value))):
            out[name] = value
        elif _disputes(name, current, value):
            out[name] = capped(current, DISPUTED)
    return out


def _disputes(name: str, current: core.FieldValue, labelled: core.FieldValue) -> bool:
    """Whether the labelled reading of a field, itself read surely, gives another value than the layout
    reader's (neither a part of the other: a wrapped line read in part is no dispute; a labelled value its
    field's shape forbids, or words of a sentence, is no witness): two readers of the page that disagree, of which neither is sure."""
    a, b = str(current.value), str(labelled.value)
    return (labelled.confidence >= SURE and a != b and a not in b and b not in a and not misshapen(name, b)
            and not reads_like_sentence(b))


Anggota = tuple[dict[str, core.FieldValue], ...]


def _niks(rows: Sequence[dict[str, core.FieldValue]]) -> int:
    """Member NIKs read: the reading that accounts for more of them gives the rows."""
    return sum(row["nik"].value is not None for row in rows)


def fill_gaps(doc_type: core.DocumentType, pages: Sequence[Page], fields: dict[str, core.FieldValue],
              anggota: Anggota) -> tuple[dict[str, core.FieldValue], Anggota]:
    """After a type's extractor: fields it left empty or unsure, from labels anywhere (a KK's first page, every
    page of the others). Runs only where something is missing (no member rows, a field not read or unsure)."""
    kk = doc_type == core.DocumentType.KK
    missing = [f for f, v in fields.items() if v.value is None or (kk and v.confidence < SURE)]
    if not pages or (not missing and (anggota or not kk)):
        return fields, anggota
    if doc_type == core.DocumentType.KK:
        header, members = read_kk(pages[0])
        return _fill(fields, header), tuple(members) if _niks(members) > _niks(anggota) else anggota
    # The ijazah and buku nikah readers keep some values below `SURE` on purpose (mended, disputed,
    # contradicted): only what they left empty is filled.
    if doc_type == core.DocumentType.IJAZAH:
        return _fill(fields, read_ijazah(pages), unsure=False), anggota
    return _fill(fields, read_buku_nikah(pages), unsure=False), anggota
