"""The `echo` signal of `_confidence_page.understood`: a person's name printed twice on the page that reads
otherwise in one place (letters lost at a cell's edge, a head of family's name a letter or two apart).

    echo_doubts(cells) -> [(key, holder, name)]
"""

from __future__ import annotations

import core

from ._confidence import SURE
from ._confidence_shape import PERSON_NAMES
from ._normalize import edit_distance

_NEAR = 2
"""Edits at most between two readings of one name that differ by a misread (farther: two people)."""


def echo_doubts(cells: list[tuple[str, dict[str, core.FieldValue], str]],
                 ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """Person names that are another name read surely on the page with letters lost at one end (`UHAMMAD
    ASRUL` beside `MUHAMMAD ASRUL`; whole words lost cannot be told from another person's name), and a KK's head of family
    whose name reads a letter or two otherwise in the header than in its member row (`VJANG SOPANDI`,
    `UJANG SOPANDI`; the first row, or one whose status says so; farther apart they are two people)."""
    names = [(key, holder, name) for key, holder, name in cells
             if name in PERSON_NAMES and holder[name].value]
    values = {holder[name].value for _, holder, name in names if holder[name].confidence >= SURE}
    out = []
    rows = [(key, holder) for key, holder, name in cells if name == "nama_lengkap" and key[0].isdigit()]
    heads = [(key, row) for i, (key, row) in enumerate(rows) if i == 0  # the head of family is listed first
             or row.get("status_hubungan", core.FieldValue(None)).value == "KEPALA KELUARGA"]
    printed = next((h for k, h, n in names if n == "nama_kepala_keluarga"), None)
    header = printed["nama_kepala_keluarga"].value if printed is not None else None
    near = [(key, row) for key, row in heads if row["nama_lengkap"].value and header
            and 0 < edit_distance(row["nama_lengkap"].value, header) <= _NEAR]
    if printed is not None and near and not any(row["nama_lengkap"].value == header for _, row in heads):
        out += [("nama_kepala_keluarga", printed, "nama_kepala_keluarga"),
                *((key, row, "nama_lengkap") for key, row in near)]
    for key, holder, name in names:
        value = holder[name].value or ""
        if any(other != value and len(value) >= 3 and (
                (other.endswith(value) and other[-len(value) - 1] != " ")
                or (other.startswith(value) and other[len(value)] != " "))
               for other in values if other):
            out.append((key, holder, name))
    return out
