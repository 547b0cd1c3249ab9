"""Words grouped into text lines: chained left to right by how much they overlap in height."""

from ocr._layout import lines
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
