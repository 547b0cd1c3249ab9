"""Buku nikah rules on hand-made words (no Tesseract): weighing readings, facts printed twice, sections."""

import datetime as dt

import numpy as np
import pytest

import core
from ocr import _buku_nikah as bn
from ocr import _normalize as norm
from ocr._confidence import CONTRADICTED, CORROBORATED
from ocr._layout import Span, lines
from ocr._model import Page, Word


def _span(*texts: str, confidence: float = 0.95, gap: int = 15, y: int = 100, x: int = 10) -> Span:
    """Words left to right from `x`, 30 px tall, `gap` pixels apart."""
    words = []
    for text in texts:
        width = 18 * len(text)
        words.append(Word(text, confidence, (x, y, x + width, y + 30)))
        x += width + gap
    return Span(1, tuple(words))


def test_agreeing_readings_keep_the_first_reading_and_its_confidence():
    value = bn._choose([_span("WA", "FATIMAH", confidence=0.95), _span("WA", "FATIMAH", confidence=0.7)], norm.name)
    assert value.value == "WA FATIMAH"
    assert value.confidence > 0.9


def test_agreeing_readings_lift_an_unsure_first_reading_but_not_into_the_high_band():
    lifted = bn._choose([_span("LA", "ODE", "ALI", confidence=0.4), _span("LA", "ODE", "ALI", confidence=0.97)],
                        norm.name)
    assert lifted.value == "LA ODE ALI" and lifted.confidence == bn._DISAGREE
    unsure = bn._choose([_span("LA", "ODE", "ALI", confidence=0.4), _span("LA", "ODE", "ALI", confidence=0.5)],
                        norm.name)
    assert unsure.confidence == bn._choose([_span("LA", "ODE", "ALI", confidence=0.5)], norm.name).confidence


def test_a_reading_that_gives_nothing_does_not_count_against_one_that_does():
    nik = bn._normalizers()["suami.nik"]
    value = bn._choose([_span("7402010211959115"), _span("74020102119591155")], nik)
    assert value.value == "7402010211959115" and value.confidence > 0.9


def test_disagreeing_readings_give_the_surest_below_the_high_band():
    value = bn._choose([_span("KUA", "KATOBUL", confidence=0.6), _span("KUA", "KATOBU", confidence=0.95)], norm.name)
    assert value.value == "KUA KATOBU"
    assert value.confidence == bn._DISAGREE < 0.9


def test_a_word_break_at_a_space_wide_gap_is_taken_from_the_reading_that_saw_it():
    glued = _span("LAYANI", confidence=0.95)
    apart = _span("LA", "YANI", confidence=0.9, gap=12)
    value = bn._choose([glued, apart], norm.name)
    assert value.value == "LA YANI"
    # Not surer than the less sure of the two readings.
    assert value.confidence <= bn._choose([apart], norm.name).confidence


def test_a_word_break_without_a_gap_is_not_believed():
    value = bn._choose([_span("MAPPANYUKKI", confidence=0.95), _span("MAPPA", "NYUKKI", gap=2)], norm.name)
    # Neither reading is taken at face value: the surer one, capped.
    assert value.value == "MAPPANYUKKI" and value.confidence == bn._DISAGREE


@pytest.mark.parametrize(("born", "married", "plausible"), [
    ("2002-06-09", "2022-05-25", True),
    ("2602-06-09", "2022-05-25", False),
    ("2016-01-01", "2022-05-25", False),
    ("1900-01-01", "2022-05-25", False),
])
def test_a_birth_date_must_come_a_plausible_age_before_the_marriage(born, married, plausible):
    assert bn._plausible_birth(dt.date.fromisoformat(born), dt.date.fromisoformat(married)) is plausible


def test_a_misread_century_is_mended_only_when_one_century_fits():
    married = dt.date(2022, 5, 25)
    assert bn._with_century("2602-06-09", 2, married) == "2002-06-09"
    assert bn._with_century("1802-06-09", 2, married) == "2002-06-09"
    assert bn._with_century("2002-06-09", 2, married) is None  # nothing to mend
    assert bn._with_century("2609-06-09", 2, married) is None  # the NIK's year is not this date's


def _readings(nik: list[str], born: list[str], confidence: float = 0.95) -> dict[str, list[Span]]:
    return {"suami.nik": [_span(n, confidence=confidence) for n in nik],
            "suami.lahir": [_span(*b.split(), confidence=confidence) for b in born]}


def _found(readings: dict[str, list[Span]]) -> dict[str, core.FieldValue]:
    normalizers = bn._normalizers()
    return {"suami.nik": bn._choose(readings["suami.nik"], normalizers["suami.nik"]),
            "suami.tanggal_lahir": bn._choose(readings["suami.lahir"], norm.date_graded)}


def test_a_nik_that_repeats_the_birth_date_corroborates_it():
    readings = _readings(["7404010906022274"], ["KOLAKA, 9 Juni 2002"], confidence=0.8)
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2022, 5, 25))
    assert found["suami.tanggal_lahir"].value == "2002-06-09"
    assert found["suami.tanggal_lahir"].confidence == CORROBORATED


def test_a_birth_year_with_a_misread_century_is_mended_but_not_corroborated():
    readings = _readings(["7404010906022274"], ["KOLAKA, 9 Juni 2602"])
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2022, 5, 25))
    assert found["suami.tanggal_lahir"].value == "2002-06-09"
    assert found["suami.tanggal_lahir"].confidence == bn._DISAGREE


def test_the_reading_that_agrees_with_the_other_field_is_taken():
    # The first reading of the NIK lost a digit's shape (9 read 0); the second agrees with the date.
    readings = _readings(["7404010006022274", "7404010906022274"], ["KOLAKA, 9 Juni 2002"])
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2022, 5, 25))
    assert found["suami.nik"].value == "7404010906022274"
    assert found["suami.nik"].confidence <= bn._DISAGREE


def test_a_nik_and_a_birth_date_that_disagree_in_every_reading_are_both_doubtful():
    readings = _readings(["7404010906022274"], ["KOLAKA, 9 Juni 2006"])
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2022, 5, 25))
    assert found["suami.nik"].confidence <= CONTRADICTED
    assert found["suami.tanggal_lahir"].confidence <= CONTRADICTED


def test_an_impossible_birth_date_without_a_nik_is_doubtful():
    readings = {"suami.nik": [], "suami.lahir": [_span("KOLAKA,", "29", "Oktober", "2060")]}
    found = {"suami.nik": core.FieldValue(None), "suami.tanggal_lahir": bn._choose(readings["suami.lahir"],
                                                                                 norm.date_graded)}
    bn._settle_birth(found, "suami", readings, dt.date(2022, 5, 25))
    assert found["suami.tanggal_lahir"].confidence <= CONTRADICTED


def _marriage(dates: list[str], numbers: list[str]) -> tuple[dict[str, core.FieldValue], dict[str, list[Span]]]:
    readings = {"tanggal_nikah": [_span(*d.split()) for d in dates], "nomor_akta": [_span(n) for n in numbers]}
    found = {"tanggal_nikah": bn._choose(readings["tanggal_nikah"], norm.date_graded),
             "nomor_akta": bn._choose(readings["nomor_akta"], bn._nomor_akta)}
    return found, readings


def test_the_weekday_and_the_akta_number_choose_between_readings_of_the_marriage_date():
    # 14 May 2023 was a Sunday; 11 May a Thursday.
    found, readings = _marriage(["Minggu, 11 Mei 2023", "Minggu, 14 Mei 2023"], ["7402016052023291"])
    bn._settle_marriage(found, readings)
    assert found["tanggal_nikah"].value == "2023-05-14"
    assert found["tanggal_nikah"].confidence <= bn._DISAGREE


def test_a_marriage_date_that_fits_neither_weekday_nor_number_is_doubtful():
    found, readings = _marriage(["Minggu, 11 Mei 2023"], ["0419/014/VII/2021"])
    bn._settle_marriage(found, readings)
    assert found["tanggal_nikah"].confidence <= CONTRADICTED
    assert found["nomor_akta"].confidence <= CONTRADICTED


def test_agreement_with_the_weekday_raises_nothing():
    found, readings = _marriage(["Minggu, 14 Mei 2023"], ["7402016052023291"])
    before = dict(found)
    bn._settle_marriage(found, readings)
    assert found == before


@pytest.mark.parametrize(("number", "month_year"), [
    ("7402016052023291", (5, 2023)), ("0419/014/VII/2021", (7, 2021)), ("0419/014/XIII/2021", None), (None, None),
])
def test_month_and_year_inside_an_akta_number(number, month_year):
    assert bn._akta_month_year(number) == month_year


def test_weekdays_are_read_with_spelling_slips():
    assert bn._weekday("Minggu, 14 Mei 2023") == "MINGGU"
    assert bn._weekday("Jum'at, 2 Juni 2023") == "JUMAT"
    assert bn._weekday("Seiasa, 20 Juli 2021") == "SELASA"
    assert bn._weekday("14 Mei 2023") is None


def test_sections_are_found_by_heading_even_misread():
    rows = [("SUAMI",), ("Nama", ":", "LA", "YANI"), ("|STRI",), ("Nama", ":", "WA", "ODE"), ("WALI", "NIKAH",),
            ("Nama", ":", "LA", "ARSYAD")]
    words = tuple(w for i, row in enumerate(rows) for w in _span(*row, y=60 * i).words)
    bands = bn._sections(lines(Page(1, None, words, "text_layer")))
    assert list(bands) == ["suami", "istri", "wali"]
    assert bands["suami"][1] == bands["istri"][0] and bands["wali"][1] is None


def test_an_impossible_birth_year_is_taken_from_the_nik_but_left_for_a_person_to_see():
    readings = _readings(["7402016608005018"], ["RAHA, 26 Agustus 2090"])
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2023, 12, 20))
    assert found["suami.tanggal_lahir"].value == "2000-08-26"
    assert found["suami.tanggal_lahir"].confidence == bn._MENDED_FROM_NIK < 0.8
    # A possible (if wrong) year is not overruled by the NIK: both stay doubtful.
    readings = _readings(["7402016608005018"], ["RAHA, 26 Agustus 2009"])
    found = _found(readings)
    bn._settle_birth(found, "suami", readings, dt.date(2023, 12, 20))
    assert found["suami.tanggal_lahir"].value == "2009-08-26"
    assert found["suami.tanggal_lahir"].confidence <= CONTRADICTED


def test_what_a_second_reading_found_left_of_the_value_is_not_part_of_it():
    readings = [_span("JL.", "DR.", "SUTOMO", x=60)]
    colon = Word("1", 0.6, (20, 100, 28, 130))
    bn._add_reading(readings, (colon, *_span("JL.", "DR.", "SUTOMO", x=58).words))
    assert readings[1].text == "JL. DR. SUTOMO"


def test_the_page_reading_stands_against_second_readings_not_clearly_surer():
    nik = bn._normalizers()["suami.nik"]
    value = bn._choose([_span("7402012205985630", confidence=0.87), _span("1402012205985630", confidence=0.9),
                        _span("1402012205985630", confidence=0.9)], nik)
    assert value.value == "7402012205985630" and value.confidence <= bn._DISAGREE
    value = bn._choose([_span("7402012205985630", confidence=0.5), _span("1402012205985630", confidence=0.9)], nik)
    assert value.value == "1402012205985630" and value.confidence <= bn._DISAGREE


def test_a_colon_read_as_1_at_the_start_of_a_second_reading_is_dropped():
    # The first reading's box began at the colon (`1:JL.` read as one word, the colon cut off the text).
    readings = [Span(1, (Word("JL.", 0.9, (20, 100, 80, 130)), *_span("DR.", "SUTOMO", x=95).words))]
    bn._add_reading(readings, (Word("1", 0.6, (22, 100, 30, 130)), *_span("JL.", "DR.", "SUTOMO", x=45).words))
    assert readings[1].text == "JL. DR. SUTOMO"


def test_a_chosen_value_that_fits_is_not_swapped_for_a_surer_reading_that_fits_as_well():
    # Both numbers carry March 2024; the page's reading was chosen and stays.
    found, readings = _marriage(["Sabtu, 2 Maret 2024"], ["7404058032024081"])
    readings["nomor_akta"].append(_span("1404058032024081", confidence=0.99))
    bn._settle_marriage(found, readings)
    assert found["nomor_akta"].value == "7404058032024081"
    readings = _readings(["7402014709980702", "1402014709980702"], ["RAHA, 7 September 1998"])
    readings["suami.nik"][1] = _span("1402014709980702", confidence=0.99)
    found = _found(readings)
    found["suami.nik"] = bn._choose(readings["suami.nik"][:1], bn._normalizers()["suami.nik"])
    bn._settle_birth(found, "suami", readings, dt.date(2023, 1, 1))
    assert found["suami.nik"].value == "7402014709980702"


def test_place_and_date_of_birth_each_keep_only_their_own_words():
    lahir = _span("KOLAKA", "/", "12-03-1990")
    assert bn._part(lahir, "istri.tanggal_lahir").text == "12-03-1990"
    assert bn._part(lahir, "istri.tempat_lahir").text == "KOLAKA /"
    assert bn._normalizers()["istri.tempat_lahir"]("KOLAKA /") == "KOLAKA"
    assert bn._part(_span("KOLAKA"), "suami.tanggal_lahir").text == "KOLAKA"  # no date: the whole value
    assert bn._part(lahir, "istri.nama_lengkap") is lahir


def test_the_number_models_reading_of_a_nik_leads(monkeypatch):
    # The page's `ind` reading makes the leading 7 a 1; the digits-only reading (number model) reads it right.
    page = Page(1, np.full((400, 1200), 255, np.uint8), (), "ocr")
    first = _span("1402012606905274", confidence=0.7)

    def reread(page, boxes, *, lang, whitelist=None):
        text = "7402012606905274" if whitelist else "1402012606905274"
        return [(Word(text, 0.75, first.words[0].bbox),) for _ in boxes]

    monkeypatch.setattr(bn, "reread", reread)
    readings = bn._read_again([page], {"suami.nik": first})

    assert [s.text for s in readings["suami.nik"]] == ["7402012606905274", "1402012606905274", "1402012606905274"]
    assert bn._choose(readings["suami.nik"], norm.nik).value == "7402012606905274"


@pytest.mark.parametrize(("numbers", "date_confidence", "lifted"), [
    (["0984/016/VII/2020", "0984/016/VII/2020"], 0.95, True),  # read alike, month and year fit a sure date
    (["0984/016/VII/2020"], 0.95, False),  # one reading: nothing agrees with it
    (["0984/016/VII/2020", "0984/016/VI11/2020"], 0.95, False),  # the readings disagree
    (["0984/016/VII/2020", "0984/016/VII/2020"], 0.7, False),  # the date is unsure itself
])
def test_an_unsure_akta_number_read_alike_is_vouched_for_by_a_sure_date(numbers, date_confidence, lifted):
    readings = {"tanggal_nikah": [_span("Rabu,", "8", "Juli", "2020", confidence=date_confidence)],
                "nomor_akta": [_span(n, confidence=0.7) for n in numbers]}
    found = {"tanggal_nikah": bn._choose(readings["tanggal_nikah"], norm.date_graded),
             "nomor_akta": bn._choose(readings["nomor_akta"], bn._nomor_akta)}
    before = found["nomor_akta"].confidence
    assert before < 0.8
    bn._settle_marriage(found, readings)
    assert found["nomor_akta"].value == "0984/016/VII/2020"
    assert found["nomor_akta"].confidence == (bn._DISAGREE if lifted else before)
