"""Books of marriages before 2011 (no NIK printed): what the cross-check finds the spouses by (name, birth
date, the marriage date) must be read as surely as the page allows."""

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import line_words

_VALUE_X = 700


def _page(*rows: tuple[str, str] | str) -> Page:
    """`(label, value)` rows with aligned colons; plain strings are lines of their own."""
    words, y = [], 100
    for row in rows:
        label, value = (row, None) if isinstance(row, str) else row
        words += line_words(label, 100, y)
        if value is not None:
            words.append(Word(":", 0.96, (_VALUE_X - 30, y, _VALUE_X - 24, y + 30)))
            words += line_words(value, _VALUE_X, y)
        y += 70
    return Page(1, None, tuple(words), "ocr")


def _party(number: str, name: str, parent: str, born: str) -> list[tuple[str, str]]:
    return [("1. Nama", name), (f"2. {number}", parent), ("3. Tempat dan tanggal lahir", born),
            ("4. Warga negara", "WNI"), ("5. Agama", "ISLAM"), ("6. Pekerjaan", "PEDAGANG"),
            ("7. Tempat kediaman", "JL. SULTAN MURHUM NO. 68")]


def _model_na(weekday_line: str) -> list[tuple[str, str] | str]:
    return ["Model NA", "DEPARTEMEN AGAMA", "KANTOR URUSAN AGAMA KECAMATAN", "WUNDULAKO", "KUTIPAN AKTA NIKAH",
            ("Nomor", "0450/010/X/1984"), weekday_line,
            "( dua puluh lima Oktober seribu sembilan ratus delapan puluh empat )",
            "telah dilangsungkan akad nikah menurut agama Islam di hadapan Pegawai Pencatat Nikah",
            "yang mewilayahi Kantor Urusan Agama tersebut di atas, antara:",
            "SUAMI", *_party("Bin", "SUPARMAN", "SUPARMAN", "KOLAKA, 29-06-1956"),
            "ISTERI", *_party("Binti", "DWI LESTARI", "SLAMET RAHARJO", "CILACAP, 11-09-1963"),
            ("Wali nikah", "SLAMET RAHARJO")]


def _read(rows: list[tuple[str, str] | str]) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([_page(*rows)])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


def test_marriage_date_after_a_glued_pada_hari_is_found_and_corroborated_by_the_words():
    # Typed onto a blank, `Pada hari` is often read as one word: the date after it is still the marriage's,
    # and the same date written out in words on the next line vouches for it.
    for line in ("Pada hari Kamis tanggal 25-10-1984", "Padahari Kamis tanggal 25-10-1984",
                 "Pada hariKamis tanggal 25-10-1984"):
        got = _read(_model_na(line))
        assert got["tanggal_nikah"].value == "1984-10-25"
        assert got["tanggal_nikah"].confidence >= 0.9, line
        assert got["suami.nik"].value is None and got["istri.nik"].value is None


def test_digits_that_disagree_with_the_words_stay_unsure():
    got = _read(_model_na("Padahari Kamis tanggal 26-10-1984"))
    assert got["tanggal_nikah"].confidence < 0.8
