"""The second engine's lines as the extractor's words (`ocr.rapid.words_from_lines`): no model runs here."""

import itertools

from ocr import confidence
from ocr.rapid import SCORE_CAP, UNCLIP_RATIO, words_from_lines


def _quad(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def test_a_line_is_cut_at_its_spaces_in_order_inside_its_ink():
    text_height = 20
    grown = text_height * UNCLIP_RATIO / 2  # what the detector adds on every side
    box = _quad(100 - grown, 50 - grown, 400 + grown, 50 + text_height + grown)
    words = words_from_lines([(box, "WA ODE  ASMAWATI", 0.99)])
    assert [w.text for w in words] == ["WA", "ODE", "ASMAWATI"]
    assert [w.bbox[1] for w in words] == [50] * 3 and [w.bbox[3] for w in words] == [70] * 3
    assert words[0].x0 == 100 and words[-1].x1 == 400
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(words))
    # shared out by character widths: the eight letters of ASMAWATI take more than twice ODE's three
    assert words[2].x1 - words[2].x0 > 2 * (words[1].x1 - words[1].x0)


def test_a_words_confidence_is_the_lines_score_capped_below_the_sure_band():
    words = words_from_lines([(_quad(0, 0, 300, 40), "NIK", 0.999), (_quad(0, 50, 300, 90), "ISLAM", 0.4)])
    assert [w.confidence for w in words] == [SCORE_CAP, 0.4]
    assert confidence.score([words[0].confidence]) <= confidence.DISPUTED < confidence.SURE


def test_full_width_characters_and_empty_lines():
    words = words_from_lines([(_quad(0, 0, 200, 40), "No\uff1a 7402", 0.9), (_quad(0, 60, 200, 90), "  ", 0.9)])
    assert [w.text for w in words] == ["No:", "7402"]
