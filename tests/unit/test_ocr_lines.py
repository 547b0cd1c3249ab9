"""Words grouped into text lines: chained left to right by how much they overlap in height."""

from ocr._layout import lines, without_leading_noise
from ocr._model import Page, Word


def _page(*words: Word) -> Page:
    return Page(1, None, tuple(words), "ocr", ())


def _word(text: str, x: int, top: int, bottom: int) -> Word:
    return Word(text, 0.95, (x, top, x + 20 * len(text), bottom))


def _texts(page: Page) -> list[str]:
    return [line.text for line in lines(page)]


def test_descenders_and_a_colon_stay_on_their_line_beside_a_block_set_higher():
    # `Dikeluarkan Tanggal : 05-06-2022` left; an official's title 10 px higher far right.
    page = _page(
        _word("Dikeluarkan", 150, 1506, 1532), _word("Tanggal", 390, 1506, 1540), _word(":", 540, 1512, 1532),
        _word("05-06-2022", 570, 1506, 1532),
        _word("KEPALA", 2166, 1497, 1521), _word("DINAS", 2300, 1497, 1521),
    )
    assert _texts(page) == ["Dikeluarkan Tanggal : 05-06-2022 KEPALA DINAS"]


def test_a_line_drifting_down_a_skewed_page_stays_one_line():
    words = [_word(f"w{i}", 100 + 150 * i, 100 + 6 * i, 130 + 6 * i) for i in range(12)]  # 66 px of drift
    page = _page(*words, *(_word(f"v{i}", 100 + 150 * i, 150 + 6 * i, 180 + 6 * i) for i in range(12)))
    found = lines(page)
    assert [len(line.words) for line in found] == [12, 12]
    assert found[0].text.startswith("w0 w1")


def test_close_lines_are_not_merged():
    page = _page(_word("Nama", 100, 100, 130), _word("Alamat", 100, 134, 164), _word("LA", 400, 102, 131),
                 _word("JL.", 400, 135, 163))
    assert _texts(page) == ["Nama LA", "Alamat JL."]


def _spaced(*texts_and_gaps: str | int, confidence: float = 0.95) -> list[Word]:
    """Words 30 px tall, left to right; an int between two texts is the gap in pixels (else 10)."""
    words: list[Word] = []
    x, gap = 100, 10
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
    assert [w.text for w in without_leading_noise(_spaced("2.", 60, "JL.", "SAOSAO"), 30)] == ["JL.", "SAOSAO"]


def test_a_short_word_at_a_normal_space_stays():
    assert [w.text for w in without_leading_noise(_spaced("8", "November", "1966"), 30)] == ["8", "November", "1966"]
    assert [w.text for w in without_leading_noise(_spaced("I", 60, "WAYAN"), 30)] == ["I", "WAYAN"]  # a letter
