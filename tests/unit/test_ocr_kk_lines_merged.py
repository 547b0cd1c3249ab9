"""How the KK's second reading by lines (`ocr.second_reading`) weighs what the first reading did not give alike
(issue #14, calibration-session16.md): a line crop may hold what a cell's crop left out (a column rule read as
a letter), so a name or date only the second reading gives stays below the sure band; a vocabulary word or a
NIK whose structure checks is borne out by its shape and keeps its confidence, unless another word of its list
holds it (a word or a letter lost at the crop's edge)."""

from __future__ import annotations

import numpy as np

import core
import ocr
from ocr import Page

_SURE = 0.95
_PAGE = [Page(1, np.full((40, 40), 255, dtype=np.uint8), (), "ocr", ())]
"""A blank page image: its reading by lines finds nothing; the second reading is the one given below."""


def _kk(row: dict[str, str | None]) -> core.Extraction:
    member = {f: core.FieldValue(v, _SURE if v else 0.0, 1) for f, v in row.items()}
    return core.Extraction(document_type=core.DocumentType.KK, pages=1, source="ocr",
                           fields={"no_kk": core.FieldValue("7471012312052818", _SURE, 1)}, anggota=(member,))


def test_what_only_the_reading_by_lines_gives_is_sure_only_when_its_shape_bears_it_out():
    nik = "7471016901667790"
    first = _kk({"nik": nik, "nama_lengkap": None, "tanggal_lahir": None, "agama": None, "status_hubungan": None,
                 "status_perkawinan": None, "pendidikan": None})
    second = _kk({"nik": nik, "nama_lengkap": "SITTI MARWAH", "tanggal_lahir": "1966-01-29", "agama": "ISLAM",
                  "status_hubungan": "ISTRI", "status_perkawinan": "KAWIN TERCATAT", "pendidikan": "STRATA II"})
    merged = ocr.second_reading(_PAGE, first, lambda pages: second)
    row = {name: value.confidence for name, value in merged.anggota[0].items()}
    assert row["agama"] == row["status_hubungan"] == _SURE  # words of the SIAK lists
    assert row["nik"] == _SURE  # given alike by both readings
    assert row["nama_lengkap"] < 0.9 and row["tanggal_lahir"] < 0.9  # `|ANDI` read `JANDI`: nothing bears it out
    # a crop cut short gives these from `KAWIN BELUM TERCATAT` and `STRATA III`: their shape bears out nothing
    assert row["status_perkawinan"] < 0.9 and row["pendidikan"] < 0.9
    assert merged.anggota[0]["nama_lengkap"].value == "SITTI MARWAH"
