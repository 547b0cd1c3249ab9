"""Buku nikah rules on hand-made pages through `ocr.extract_pages` (no Tesseract): weighing a value's
readings (the page's and its crop's, given by `ocr.second_readings`), facts printed twice, sections."""

from collections.abc import Callable

import numpy as np
import pytest

import core
import ocr
from ocr import Page, Word
from ocr.confidence import CONTRADICTED, CORROBORATED, score

_DISAGREE = 0.85
"""The cap for a value whose readings disagree: above the review threshold (0.8), below the 0.9 band."""
_MENDED_FROM_NIK = 0.7
"""A birth year taken from the NIK because the printed one is impossible: for a person to see."""
_WHITE = np.full((2000, 1600), 255, np.uint8)
"""A page image, so that every value is read again (by the `ocr.second_readings` given)."""
_COLON_X, _VALUE_X = 700, 730
Row = tuple[str, str] | tuple[str, str, float] | str | tuple[Word, ...]


def _words(*texts: str, confidence: float, x: int, y: int, gap: int = 15) -> tuple[Word, ...]:
    """Words left to right from `x`, 30 px tall, `gap` pixels apart."""
    words = []
    for text in texts:
        width = 18 * len(text)
        words.append(Word(text, confidence, (x, y, x + width, y + 30)))
        x += width + gap
    return tuple(words)


def _page(*rows: Row, image: np.ndarray | None = None, confidence: float = 0.95) -> Page:
    """`(label, value[, the value's word confidence])` rows printed `label : value`, colons aligned;
    strings as headings; a tuple of words as a row of its own (moved to its place)."""
    words: list[Word] = []
    for i, row in enumerate(rows):
        y = 100 + 70 * i
        if isinstance(row, str):
            words += _words(*row.split(), confidence=confidence, x=100, y=y)
        elif isinstance(row[0], Word):
            words += [Word(w.text, w.confidence, (w.bbox[0], y, w.bbox[2], y + 30)) for w in row]  # type: ignore[union-attr]
        else:
            label, value, sure = (*row, confidence) if len(row) == 2 else row  # type: ignore[misc]
            words += _words(*label.split(), confidence=confidence, x=100, y=y)  # type: ignore[union-attr]
            words.append(Word(":", confidence, (_COLON_X, y, _COLON_X + 6, y + 30)))
            words += _words(*value.split(), confidence=sure, x=_VALUE_X, y=y)  # type: ignore[union-attr]
    return Page(1, image, tuple(words), "ocr")


def _fields(*rows: Row, image: np.ndarray | None = None) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([_page("KUTIPAN AKTA NIKAH", *rows, image=image)],
                                      declared_type=core.DocumentType.BUKU_NIKAH)
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


Again = Callable[[int, int], tuple[Word, ...]]
"""Where the page's reading of a value begins (x, y) -> the words a second reading of its crop gives."""


def _again(*texts: str, confidence: float, gap: int = 15, dx: int = 0) -> Again:
    return lambda x, y: _words(*texts, confidence=confidence, x=x + dx, y=y, gap=gap)


def _read_again(plain: dict[str, Again], digits_only: dict[str, Again] | None = None,
                asked: list[tuple[str, str | None]] | None = None) -> ocr.SecondReader:
    """Second readings by what the page read in the crop: `plain`, or `digits_only` (a whitelist reading)."""

    def reader(page, boxes, *, lang, whitelist=None):
        out = []
        for box in boxes:
            inside = [w for w in page.words_in(box) if w.text != ":"]
            text = " ".join(w.text for w in inside)
            if asked is not None:
                asked.append((text, whitelist))
            again = (digits_only or {}) if whitelist else plain
            out.append(again[text](min(w.x0 for w in inside), inside[0].bbox[1]) if text in again else ())
        return out

    return reader


def _read_twice(rows: list[Row], plain: dict[str, Again], digits_only: dict[str, Again] | None = None,
                asked: list[tuple[str, str | None]] | None = None) -> dict[str, core.FieldValue]:
    with ocr.second_readings(_read_again(plain, digits_only, asked)):
        return _fields(*rows, image=_WHITE)


def _alone(rows: list[Row]) -> dict[str, core.FieldValue]:
    """The page's readings only (its crops read as nothing)."""
    return _read_twice(rows, {})


# Weighing a value's readings.


def test_agreeing_readings_keep_the_first_reading_and_its_confidence():
    asked: list[tuple[str, str | None]] = []
    found = _read_twice(["SUAMI", ("Nama", "WA FATIMAH")], {"WA FATIMAH": _again("WA", "FATIMAH", confidence=0.7)},
                        asked=asked)
    assert ("WA FATIMAH", None) in asked
    assert found["suami.nama_lengkap"].value == "WA FATIMAH"
    assert found["suami.nama_lengkap"].confidence > 0.9


def test_agreeing_readings_lift_an_unsure_first_reading_into_the_high_band_only_when_one_is_sure():
    rows: list[Row] = ["SUAMI", ("Nama", "LA ODE ALI", 0.4)]
    lifted = _read_twice(rows, {"LA ODE ALI": _again("LA", "ODE", "ALI", confidence=0.97)})["suami.nama_lengkap"]
    assert lifted.value == "LA ODE ALI" and lifted.confidence == score([0.97]) > 0.9
    almost = _read_twice(rows, {"LA ODE ALI": _again("LA", "ODE", "ALI", confidence=0.85)})["suami.nama_lengkap"]
    assert almost.value == "LA ODE ALI" and almost.confidence == min(score([0.85]), _DISAGREE) < 0.9
    unsure = _read_twice(rows, {"LA ODE ALI": _again("LA", "ODE", "ALI", confidence=0.5)})["suami.nama_lengkap"]
    assert unsure.confidence == score([0.5]) > _alone(rows)["suami.nama_lengkap"].confidence


def test_two_sure_readings_that_agree_outweigh_an_unsure_one_that_does_not():
    rows: list[Row] = ["SUAMI", ("NIK", "7402010211959115")]
    found = _read_twice(rows, {"7402010211959115": _again("7402010211959115", confidence=0.95)},
                        {"7402010211959115": _again("1402010211959115", confidence=0.7)})["suami.nik"]
    assert found.value == "7402010211959115" and found.confidence > 0.9
    # A sure reading against them: neither is sure.
    found = _read_twice(rows, {"7402010211959115": _again("7402010211959115", confidence=0.95)},
                        {"7402010211959115": _again("1402010211959115", confidence=0.95)})["suami.nik"]
    assert found.confidence < 0.9


def test_a_reading_that_gives_nothing_does_not_count_against_one_that_does():
    asked: list[tuple[str, str | None]] = []
    found = _read_twice(["SUAMI", ("NIK", "7402010211959115")],
                        {"7402010211959115": _again("74020102119591155", confidence=0.95)}, asked=asked)
    assert ("7402010211959115", None) in asked
    assert found["suami.nik"].value == "7402010211959115" and found["suami.nik"].confidence > 0.9


def test_disagreeing_readings_give_the_surest_below_the_high_band():
    found = _read_twice([("Dicatat di", "KUA KATOBUL", 0.6)], {"KUA KATOBUL": _again("KUA", "KATOBU", confidence=0.95)})
    assert found["kua"].value == "KUA KATOBU"
    assert found["kua"].confidence == _DISAGREE < 0.9


def test_a_word_break_at_a_space_wide_gap_is_taken_from_the_reading_that_saw_it():
    rows: list[Row] = ["SUAMI", ("Nama", "LAYANI")]
    found = _read_twice(rows, {"LAYANI": _again("LA", "YANI", confidence=0.9, gap=12)})
    assert found["suami.nama_lengkap"].value == "LA YANI"
    # Not surer than the less sure of the two readings.
    assert found["suami.nama_lengkap"].confidence <= score([0.9]) < _alone(rows)["suami.nama_lengkap"].confidence


def test_a_word_break_without_a_gap_is_not_believed():
    found = _read_twice(["SUAMI", ("Nama", "MAPPANYUKKI")], {"MAPPANYUKKI": _again("MAPPA", "NYUKKI", confidence=0.95,
                                                                                   gap=2)})
    # Neither reading is taken at face value: the surer one, capped.
    assert found["suami.nama_lengkap"].value == "MAPPANYUKKI" and found["suami.nama_lengkap"].confidence == _DISAGREE


def test_the_page_reading_stands_against_second_readings_not_clearly_surer():
    second = {"7402012205985630": _again("1402012205985630", confidence=0.9)}
    found = _read_twice(["SUAMI", ("NIK", "7402012205985630", 0.87)], second)
    assert found["suami.nik"].value == "7402012205985630" and found["suami.nik"].confidence <= _DISAGREE
    found = _read_twice(["SUAMI", ("NIK", "7402012205985630", 0.5)], second)
    assert found["suami.nik"].value == "1402012205985630" and found["suami.nik"].confidence <= _DISAGREE


def test_what_a_second_reading_found_left_of_the_value_is_not_part_of_it():
    rows: list[Row] = ["SUAMI", ("Nama", "LA YANI"), ("Alamat", "JL. DR. SUTOMO", 0.5)]
    colon = Word("1", 0.6, (_VALUE_X - 40, 0, _VALUE_X - 32, 30))
    found = _read_twice(rows, {"JL. DR. SUTOMO": lambda x, y: (
        Word(colon.text, colon.confidence, (colon.bbox[0], y, colon.bbox[2], y + 30)),
        *_words("JL.", "DR.", "SUTOMO", confidence=0.97, x=x - 2, y=y))})
    # Read alike once the `1` is dropped: agreement with the sure second reading makes the unsure page
    # reading sure (kept, the surer second reading would have won with it).
    assert found["suami.alamat"].value == "JL. DR. SUTOMO"
    assert found["suami.alamat"].confidence > 0.9 > _alone(rows)["suami.alamat"].confidence


def test_a_colon_read_as_1_at_the_start_of_a_second_reading_is_dropped():
    # The first reading's box began at the colon (`1:JL.` read as one word, the colon cut off the text).
    glued = (*_words("Alamat", confidence=0.95, x=100, y=0), Word("JL.", 0.5, (_COLON_X, 0, _COLON_X + 60, 30)),
             *_words("DR.", "SUTOMO", confidence=0.5, x=_COLON_X + 75, y=0))
    rows: list[Row] = ["SUAMI", ("Nama", "LA YANI"), glued]
    found = _read_twice(rows, {"JL. DR. SUTOMO": lambda x, y: (
        Word("1", 0.6, (x + 2, y, x + 10, y + 30)), *_words("JL.", "DR.", "SUTOMO", confidence=0.97, x=x + 25, y=y))})
    assert found["suami.alamat"].value == "JL. DR. SUTOMO"
    assert found["suami.alamat"].confidence > 0.9 > _alone(rows)["suami.alamat"].confidence


def test_the_number_models_reading_of_a_nik_leads():
    # The page's `ind` reading makes the leading 7 a 1; the digits-only reading (number model) reads it right.
    asked: list[tuple[str, str | None]] = []
    with ocr.second_readings(_read_again({"1402012606905274": _again("1402012606905274", confidence=0.75)},
                                         {"1402012606905274": _again("7402012606905274", confidence=0.75)}, asked)):
        found = _fields("SUAMI", ("NIK", "1402012606905274", 0.7), image=_WHITE)
    assert ("1402012606905274", "0123456789") in asked
    assert found["suami.nik"].value == "7402012606905274"


# Facts printed twice: a NIK and its birth date; a marriage date, its weekday and the akta number.


def _born(nik: str | None, born: str, *, married: str = "25 Mei 2022", confidence: float = 0.95,
          image: np.ndarray | None = None, again: dict[str, Again] | None = None) -> dict[str, core.FieldValue]:
    rows: list[Row] = [("Tanggal Nikah", married), "SUAMI", ("Nama", "LA ODE ALI")]
    if nik is not None:
        rows.append(("NIK", nik, confidence))
    rows.append(("Tempat dan Tanggal Lahir", born, confidence))
    if image is None:
        return _fields(*rows)
    return _read_twice(rows, again or {})


@pytest.mark.parametrize(("born", "plausible"), [
    ("9 Juni 2002", True),
    ("9 Juni 2602", False),
    ("1 Januari 2016", False),  # six at the marriage
    ("1 Januari 1900", False),  # 122
    ("29 Oktober 2060", False),
])
def test_a_birth_date_must_come_a_plausible_age_before_the_marriage(born, plausible):
    # No NIK to mend it from: an impossible date is doubtful.
    found = _born(None, f"KOLAKA, {born}")["suami.tanggal_lahir"]
    assert found.value is not None
    assert (found.confidence > CONTRADICTED) is plausible


def test_a_nik_that_repeats_the_birth_date_corroborates_it():
    found = _born("7404010906022274", "KOLAKA, 9 Juni 2002", confidence=0.8)
    assert found["suami.tanggal_lahir"].value == "2002-06-09"
    assert found["suami.tanggal_lahir"].confidence == CORROBORATED


@pytest.mark.parametrize("printed", ["KOLAKA, 9 Juni 2602", "KOLAKA, 9 Juni 1802"])
def test_a_birth_year_with_a_misread_century_is_mended_but_not_corroborated(printed):
    found = _born("7404010906022274", printed)
    assert found["suami.tanggal_lahir"].value == "2002-06-09"
    assert found["suami.tanggal_lahir"].confidence == _DISAGREE


def test_a_century_is_not_mended_into_a_year_the_nik_does_not_carry():
    # `09` is not the NIK's `02`: not a misread century; the impossible year is the NIK's, for a person to see.
    found = _born("7404010906022274", "KOLAKA, 9 Juni 2609")
    assert found["suami.tanggal_lahir"].value == "2002-06-09"
    assert found["suami.tanggal_lahir"].confidence == _MENDED_FROM_NIK


def test_the_reading_that_agrees_with_the_other_field_is_taken():
    # The first reading of the NIK lost a digit's shape (9 read 0); the second agrees with the date.
    found = _born("7404010006022274", "KOLAKA, 9 Juni 2002", image=_WHITE,
                  again={"7404010006022274": _again("7404010906022274", confidence=0.95)})
    assert found["suami.nik"].value == "7404010906022274"
    assert found["suami.nik"].confidence <= _DISAGREE


def test_a_nik_and_a_birth_date_that_disagree_in_every_reading_are_both_doubtful():
    found = _born("7404010906022274", "KOLAKA, 9 Juni 2006")
    assert found["suami.nik"].confidence <= CONTRADICTED
    assert found["suami.tanggal_lahir"].confidence <= CONTRADICTED


def test_an_impossible_birth_year_is_taken_from_the_nik_but_left_for_a_person_to_see():
    found = _born("7402016608005018", "RAHA, 26 Agustus 2090", married="20 Desember 2023")
    assert found["suami.tanggal_lahir"].value == "2000-08-26"
    assert found["suami.tanggal_lahir"].confidence == _MENDED_FROM_NIK < 0.8
    # A possible (if wrong) year is not overruled by the NIK: both stay doubtful.
    found = _born("7402016608005018", "RAHA, 26 Agustus 2009", married="20 Desember 2023")
    assert found["suami.tanggal_lahir"].value == "2009-08-26"
    assert found["suami.tanggal_lahir"].confidence <= CONTRADICTED


def _marriage(date: str, number: str | None, *, again: dict[str, Again] | None = None,
              date_confidence: float = 0.95, number_confidence: float = 0.95) -> dict[str, core.FieldValue]:
    rows: list[Row] = [("Tanggal Nikah", date, date_confidence), "SUAMI", ("Nama", "LA ODE ALI")]
    if number is not None:
        rows.insert(0, ("Nomor", number, number_confidence))
    return _fields(*rows) if again is None else _read_twice(rows, again)


def test_the_weekday_and_the_akta_number_choose_between_readings_of_the_marriage_date():
    # 14 May 2023 was a Sunday; 11 May a Thursday.
    found = _marriage("Minggu, 11 Mei 2023", "7402016052023291",
                      again={"Minggu, 11 Mei 2023": _again("Minggu,", "14", "Mei", "2023", confidence=0.95)})
    assert found["tanggal_nikah"].value == "2023-05-14"
    assert found["tanggal_nikah"].confidence <= _DISAGREE


def test_a_marriage_date_that_fits_neither_weekday_nor_number_is_doubtful():
    found = _marriage("Minggu, 11 Mei 2023", "0419/014/VII/2021")
    assert found["tanggal_nikah"].confidence <= CONTRADICTED
    assert found["nomor_akta"].confidence <= CONTRADICTED


def test_agreement_with_the_weekday_raises_nothing():
    found = _marriage("Minggu, 14 Mei 2023", "7402016052023291", date_confidence=0.8, number_confidence=0.8)
    assert (found["tanggal_nikah"].value, found["tanggal_nikah"].confidence) == ("2023-05-14", score([0.8]))
    assert (found["nomor_akta"].value, found["nomor_akta"].confidence) == ("7402016052023291", score([0.8]))


@pytest.mark.parametrize(("number", "inside", "outside"), [
    ("7402016052023291", "Minggu, 14 Mei 2023", "Senin, 1 Maret 2021"),  # 16 digits: month 05, year 2023
    ("0419/014/VII/2021", "Selasa, 20 Juli 2021", "Senin, 1 Maret 2021"),
    ("0419/014/XIII/2021", None, "Senin, 1 Maret 2021"),  # no month XIII: no month and year in it
    (None, None, "Senin, 1 Maret 2021"),
])
def test_month_and_year_inside_an_akta_number(number, inside, outside):
    """`inside`: a date in the month and year the number carries (None: it carries none)."""
    if inside is not None:
        assert _marriage(inside, number)["tanggal_nikah"].confidence > CONTRADICTED
    doubted = _marriage(outside, number)["tanggal_nikah"].confidence <= CONTRADICTED
    assert doubted is (inside is not None)


@pytest.mark.parametrize(("printed", "a_day_later"), [
    ("Minggu, 14 Mei 2023", "Minggu, 15 Mei 2023"),
    ("Jum'at, 2 Juni 2023", "Jum'at, 3 Juni 2023"),
    ("Seiasa, 20 Juli 2021", "Seiasa, 21 Juli 2021"),
    ("14 Mei 2023", None),  # no weekday printed: nothing to check
])
def test_weekdays_are_read_with_spelling_slips(printed, a_day_later):
    assert _marriage(printed, None)["tanggal_nikah"].confidence > CONTRADICTED
    if a_day_later is not None:
        assert _marriage(a_day_later, None)["tanggal_nikah"].confidence <= CONTRADICTED
    else:
        assert _marriage("15 Mei 2023", None)["tanggal_nikah"].confidence > CONTRADICTED


def test_a_chosen_value_that_fits_is_not_swapped_for_a_surer_reading_that_fits_as_well():
    # Both numbers carry March 2024; the page's reading was chosen and stays.
    found = _marriage("Sabtu, 2 Maret 2024", "7404058032024081",
                      again={"7404058032024081": _again("1404058032024081", confidence=0.99)})
    assert found["nomor_akta"].value == "7404058032024081"
    found = _born("7402014709980702", "RAHA, 7 September 1998", married="1 Januari 2023", image=_WHITE,
                  again={"7402014709980702": _again("1402014709980702", confidence=0.99)})
    assert found["suami.nik"].value == "7402014709980702"


@pytest.mark.parametrize(("numbers", "date_confidence", "lifted"), [
    (["0984/016/VII/2020", "0984/016/VII/2020"], 0.95, True),  # read alike, month and year fit a sure date
    (["0984/016/VII/2020"], 0.95, False),  # one reading: nothing agrees with it
    (["0984/016/VII/2020", "0984/016/VI11/2020"], 0.95, False),  # the readings disagree
    (["0984/016/VII/2020", "0984/016/VII/2020"], 0.7, False),  # the date is unsure itself
])
def test_an_unsure_akta_number_read_alike_is_vouched_for_by_a_sure_date(numbers, date_confidence, lifted):
    again = {numbers[0]: _again(numbers[1], confidence=0.7)} if len(numbers) > 1 else {}
    found = _marriage("Rabu, 8 Juli 2020", numbers[0], again=again, date_confidence=date_confidence,
                      number_confidence=0.7)
    before = score([0.7])
    assert before < 0.8
    assert found["nomor_akta"].value == "0984/016/VII/2020"
    assert found["nomor_akta"].confidence == (_DISAGREE if lifted else before)


# Sections and shared values.


def test_sections_are_found_by_heading_even_misread():
    found = _fields("SUAMI", ("Nama", "LA YANI"), "|STRI", ("Nama", "WA ODE"), "WALI NIKAH", ("Nama", "LA ARSYAD"))
    assert found["suami.nama_lengkap"].value == "LA YANI"
    assert found["istri.nama_lengkap"].value == "WA ODE"
    assert found["wali.nama_lengkap"].value == "LA ARSYAD"


def test_place_and_date_of_birth_each_keep_only_their_own_words():
    unsure_date = (*_words("Tempat", "dan", "Tanggal", "Lahir", confidence=0.95, x=100, y=0),
                   Word(":", 0.95, (_COLON_X, 0, _COLON_X + 6, 30)),
                   *_words("KOLAKA", "/", confidence=0.95, x=_VALUE_X, y=0),
                   *_words("12-03-1990", confidence=0.5, x=_VALUE_X + 160, y=0))
    found = _fields("ISTRI", ("Nama", "WA ODE"), unsure_date)
    assert found["istri.tempat_lahir"].value == "KOLAKA" and found["istri.tempat_lahir"].confidence > 0.9
    assert found["istri.tanggal_lahir"].value == "1990-03-12" and found["istri.tanggal_lahir"].confidence < 0.6
    # No date: the whole value is both (and no date is read from a place).
    alone = _fields("ISTRI", ("Nama", "WA ODE"), ("Tempat dan Tanggal Lahir", "KOLAKA"))
    assert (alone["istri.tempat_lahir"].value, alone["istri.tanggal_lahir"].value) == ("KOLAKA", None)
