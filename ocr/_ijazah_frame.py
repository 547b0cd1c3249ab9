"""What a certificate's decorated frame leaves in its reading, taken out before any field is looked for.

    framed_lines(pages) -> the pages' lines without the words Tesseract read from the frame

Diplomas are printed inside ornamented borders (chains of diamonds, guilloche bands). Tesseract reads an
ornament two ways: a long run of round and upright strokes at confidence near 0 (`OOPPOLOPPLPOOOLP...`),
and short scraps (`Il`, `Ie`, `&`, `6`) at the ends of text lines or on lines of their own, one under the
other where the border runs. Left in, they glue onto values (`28 PB 4562517 OOOOOOPLOLL...`, `6 MARIA BR
SIREGAR O`), and a chain standing several lines high pulls the words of two lines into one (`anak SMP/MTs
dari ...`), so chains go before words are grouped into lines. A scrap counts as the frame's only where several stand in one column, away from the text:
a short word at the end of one line is no border.
"""

from __future__ import annotations

import statistics

from ._layout import Line, lines
from ._model import Page, Word

_STROKES = frozenset("OLPCIQ0|1D")
"""Letters an ornament's round and upright strokes are read as."""
_CHAIN_LETTERS = 8
_CHAIN_SHARE = 0.6
_CHAIN_DOUBT = 0.3
"""A chain: at least `_CHAIN_LETTERS` characters, `_CHAIN_SHARE` of them strokes, read below `_CHAIN_DOUBT`."""
_SCRAP_LETTERS = 4
_SCRAP_DOUBT = 0.75
_GAP = 2.0
"""Line heights of blank between a scrap and the line's text."""
_COLUMN = 1.5
"""Line heights across which scraps stand in one column."""
_COLUMN_SCRAPS = 3


def framed_lines(pages: list[Page]) -> list[Line]:
    """The lines of `pages`, top to bottom, grouped without ornament chains and cleared of border scraps."""
    grouped = [ln for page in pages for ln in lines(page, tuple(w for w in page.words if not _chain(w)))]
    return without_frame(grouped, chains=[w for page in pages for w in page.words if _chain(w)])


def without_frame(all_lines: list[Line], *, chains: list[Word] | None = None) -> list[Line]:
    """`all_lines` without ornament chains and without the scraps that stand in a border's column (`chains`
    taken out before count as members of their column); lines left empty are dropped. A page without a
    frame comes back unchanged."""
    if not all_lines:
        return all_lines
    height = statistics.median(w.height for ln in all_lines for w in ln.words)
    scraps = [w for ln in all_lines for w in _edge_scraps(ln, height)]
    framed = {id(w) for w in _in_columns(scraps, [*scraps, *(chains or ())], height)}
    out = []
    for line in all_lines:
        kept = tuple(w for w in line.words if not _chain(w) and id(w) not in framed)
        if len(kept) == len(line.words):
            out.append(line)
        elif kept:
            out.append(Line(line.page, kept))
    return out


def _chain(word: Word) -> bool:
    text = word.text.upper()
    return len(text) >= _CHAIN_LETTERS and word.confidence < _CHAIN_DOUBT and \
        sum(c in _STROKES for c in text) >= _CHAIN_SHARE * len(text)


def _scrap(word: Word) -> bool:
    """A word that could be a piece of ornament: short and doubtful, or no letter or digit at all."""
    alnum = sum(c.isalnum() for c in word.text)
    return _chain(word) or alnum == 0 or (alnum <= _SCRAP_LETTERS and word.confidence < _SCRAP_DOUBT)


def _edge_scraps(line: Line, height: float) -> list[Word]:
    """The scraps at either end of `line` (or making up all of it) set apart from its other words."""
    words = list(line.words)
    out: list[Word] = []
    while words and _scrap(words[0]) and (len(words) == 1 or words[1].x0 - words[0].x1 > _GAP * height):
        out.append(words.pop(0))
    while words and _scrap(words[-1]) and (len(words) == 1 or words[-1].x0 - words[-2].x1 > _GAP * height):
        out.append(words.pop())
    return out


def _in_columns(scraps: list[Word], members: list[Word], height: float) -> list[Word]:
    """The scraps that stand with at least `_COLUMN_SCRAPS - 1` other `members` in one column (centres
    within `_COLUMN` line heights across): a border's run down the page."""
    reach = _COLUMN * height
    return [w for w in scraps if sum(abs(o.cx - w.cx) <= reach for o in members) >= _COLUMN_SCRAPS]
