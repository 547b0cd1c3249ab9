"""Words grouped into text lines (chained left to right by how much they overlap in height), and what
a colon was read as dropped from a value: seen in the values of a KK's header, through `ocr.extract_pages`."""

import core
import ocr
from ocr import Page, Word

_TITLE = (Word("KARTU", 0.95, (900, 20, 1000, 50)), Word("KELUARGA", 0.95, (1015, 20, 1175, 50)))


def _kk(*words: Word) -> dict[str, str | None]:
    extraction, _ = ocr.extract_pages([Page(1, None, (*_TITLE, *words), "ocr", ())],
                                      declared_type=core.DocumentType.KK)
    return {name: value.value for name, value in extraction.fields.items()}


def _word(text: str, x: int, top: int, bottom: int) -> Word:
    return Word(text, 0.95, (x, top, x + 20 * len(text), bottom))


def test_descenders_and_a_colon_stay_on_their_line_beside_a_block_set_higher():
    # `Dikeluarkan Tanggal : 05-06-2022` left; an official's title 10 px higher far right.
    fields = _kk(
        _word("Dikeluarkan", 150, 1506, 1532), _word("Tanggal", 390, 1506, 1540), _word(":", 540, 1512, 1532),
        _word("05-06-2022", 570, 1506, 1532),
        _word("KEPALA", 2166, 1497, 1521), _word("DINAS", 2300, 1497, 1521),
    )
    assert fields["tanggal_dikeluarkan"] == "2022-06-05"


_WORDS = ("SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN", "SEPULUH")


def _drifting(label: str, top: int) -> list[Word]:
    """`label : ` and ten words, each 6 px lower than the one before (66 px of drift over the line)."""
    words, x = [], 100
    for i, text in enumerate((label, ":", *_WORDS)):
        words.append(_word(text, x, top + 6 * i, top + 30 + 6 * i))
        x += 20 * len(text) + 20
    return words


def test_a_line_drifting_down_a_skewed_page_stays_one_line():
    fields = _kk(*_drifting("Alamat", 100), *_drifting("Kecamatan", 150))
    assert fields["alamat"] == " ".join(_WORDS)
    assert fields["kecamatan"] == " ".join(_WORDS)


def test_close_lines_are_not_merged():
    fields = _kk(_word("Kecamatan", 100, 100, 130), _word("Alamat", 100, 134, 164), _word("KOLAKA", 400, 102, 131),
                 _word("POROS", 400, 135, 163))
    assert (fields["kecamatan"], fields["alamat"]) == ("KOLAKA", "POROS")


def _spaced(*texts_and_gaps: str | int, confidence: float = 0.95, x: int = 100) -> list[Word]:
    """Words 30 px tall, left to right; an int between two texts is the gap in pixels (else 10)."""
    words: list[Word] = []
    gap = 10
    for item in texts_and_gaps:
        if isinstance(item, int):
            gap = item
            continue
        x += gap if words else 0
        width = 8 * len(item) if len(item) <= 2 else 20 * len(item)
        words.append(Word(item, confidence, (x, 100, x + width, 130)))
        x, gap = x + width, 10
    return words


def test_a_colon_set_far_from_its_value_and_read_as_a_digit_is_dropped():
    assert _kk(*_spaced("Alamat", 40, "2.", 60, "JL.", "SAOSAO"))["alamat"] == "JL. SAOSAO"


def test_a_short_word_at_a_normal_space_stays():
    assert _kk(*_spaced("Dikeluarkan", "Tanggal", ":", "8", "November", "1966"))["tanggal_dikeluarkan"] == "1966-11-08"
    # A letter set far apart stays: Balinese names begin with `I`.
    assert _kk(*_spaced("Nama", "Kepala", "Keluarga", ":", "I", 60, "WAYAN"))["nama_kepala_keluarga"] == "I WAYAN"
