"""A page that reads like noise is read again upside down only when its text outside the tables, turned
over, reads better than it read upright (`ocr.geometry.reads_better_turned`): a probe of one Tesseract run."""

import sys
from pathlib import Path

import numpy as np
import pytest

from ocr import Grid, Page, Word
from ocr.geometry import reads_better_turned
from ocr.tesseract import Pool, using_pool

FAKE = Path(__file__).with_name("tesseract_worker_fake.py")
TABLE = Grid(xs=(50, 550), ys=(200, 380))
CLEANED = np.full((400, 600), 255, np.uint8)
CLEANED[50:70, 100:300] = 0  # a line of text above the table
CLEANED[120:140, 100:300] = 0  # another, read as nothing
CLEANED[250:270, 100:300] = 0  # and a row inside it

SURE_WORDS = [Word("KARTU", 0.95, (100, 50, 190, 70)), Word("KELUARGA", 0.93, (200, 50, 300, 70))]
NOISE_WORDS = [Word("~i", 0.31, (100, 50, 130, 70)), Word("Vl:", 0.42, (140, 50, 180, 70))]
IN_TABLE = [Word("NIK", 0.96, (100, 250, 150, 270)), Word("NAMA", 0.97, (200, 250, 280, 270))]


def _tsv(words: list[Word]) -> str:
    rows = [f"5\t1\t1\t1\t1\t{i}\t{w.bbox[0]}\t{w.bbox[1]}\t{w.bbox[2] - w.bbox[0]}\t{w.bbox[3] - w.bbox[1]}\t"
            f"{round(w.confidence * 100)}\t{w.text}" for i, w in enumerate(words, start=1)]
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def _pool():
    """One stand-in worker for the module (started once), recording every request it is asked for."""
    pool = Pool(lambda: [sys.executable, str(FAKE)], limit=1)
    real, asked = pool.call, []

    def call(request, pixels, **kwargs):
        asked.append(request)
        return real(request, pixels, **kwargs)

    pool.call = call
    yield pool, asked
    pool.close()


@pytest.fixture
def probes(_pool):
    """The requests of this test."""
    pool, asked = _pool
    asked.clear()
    with using_pool(pool):
        yield asked


def _page(words: list[Word], *, turned_over_reads: list[Word]) -> Page:
    # The stand-in worker answers the request's language `tsv:T` with T: what the probe reads turned over.
    return Page(1, CLEANED, tuple(words), "ocr", (TABLE,), lang=f"tsv:{_tsv(turned_over_reads)}")


def test_an_upright_page_is_kept_when_its_text_turned_over_reads_as_noise(probes):
    page = _page([*SURE_WORDS, *NOISE_WORDS, *IN_TABLE], turned_over_reads=NOISE_WORDS)
    assert not reads_better_turned(CLEANED, page, lang=page.lang)
    # One probe of running text (psm 3), the table blanked out: the part of the page holding the words read
    # outside the table (cut at a blank row below them), not the other inked line.
    assert [(r["psm"], r["width"]) for r in probes] == [(3, 600)]
    assert probes[0]["height"] < 20 + 2 * 20


def test_a_page_whose_text_reads_better_turned_over_is_read_again(probes):
    # The table's words read surely either way; only the text outside it is compared.
    page = _page([*NOISE_WORDS, *IN_TABLE], turned_over_reads=SURE_WORDS)
    assert reads_better_turned(CLEANED, page, lang=page.lang)


def test_a_page_with_no_word_outside_its_tables_is_read_again_without_a_probe(probes):
    page = _page(IN_TABLE, turned_over_reads=NOISE_WORDS)
    assert reads_better_turned(CLEANED, page, lang=page.lang)
    assert probes == []


def test_a_page_with_a_dark_edge_is_probed_on_a_part_of_it(probes):
    # A photocopy's dark edge leaves only the first and last rows blank: the part probed is still about a
    # sixth of the page (cut where no blank row is near), not the whole page between those two rows.
    edged = CLEANED.copy()
    edged[2:-2, :4] = 0
    page = _page([*SURE_WORDS, *NOISE_WORDS, *IN_TABLE], turned_over_reads=NOISE_WORDS)
    assert not reads_better_turned(edged, page, lang=page.lang)
    assert [r["psm"] for r in probes] == [3]
    assert probes[0]["height"] <= 2 * 400 // 6
