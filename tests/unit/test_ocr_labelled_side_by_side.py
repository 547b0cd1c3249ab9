"""The labels-anywhere pass (`ocr.labelled.fill_gaps`) on a buku nikah whose SUAMI and ISTRI headings stand side by
side (a table of both parties, a card's back): a value goes to the party whose column it stands in, not to the
heading read last above it (a skew reads `ISTRI` a line above `SUAMI`). Built from words (no rendering)."""

from __future__ import annotations

import core
from ocr import Page
from ocr.labelled import fill_gaps
from tests.fixtures.words import line_words


def _card(*, wife_born: bool) -> Page:
    words = [*line_words("KARTU NIKAH", 100, 100), *line_words("ISTRI", 1300, 290), *line_words("SUAMI", 600, 305),
             *line_words("Tempat/Tgl. Lahir : Baubau, 14 Juni 2004", 100, 420)]
    if wife_born:
        words += line_words("Raha, 7 September 1998", 1250, 420)
    return Page(1, None, tuple(words), "ocr")


def test_a_value_in_the_husbands_column_is_the_husbands_under_headings_side_by_side() -> None:
    for wife_born in (False, True):
        empty = {name: core.FieldValue(None, 0.0) for name in core.BUKU_NIKAH_FIELDS}
        fields, _ = fill_gaps(core.DocumentType.BUKU_NIKAH, [_card(wife_born=wife_born)], empty, ())
        assert (fields["suami.tempat_lahir"].value, fields["suami.tanggal_lahir"].value) == ("BAUBAU", "2004-06-14")
        assert fields["istri.tempat_lahir"].value != "BAUBAU" and fields["istri.tanggal_lahir"].value != "2004-06-14"


def test_a_value_on_another_page_goes_to_the_heading_above_it_as_on_any_page() -> None:
    inside = Page(2, None, (*line_words("ISTRI", 100, 100),
                            *line_words("Tempat/Tgl. Lahir : Raha, 7 September 1998", 100, 220)), "ocr")
    empty = {name: core.FieldValue(None, 0.0) for name in core.BUKU_NIKAH_FIELDS}
    fields, _ = fill_gaps(core.DocumentType.BUKU_NIKAH, [_card(wife_born=False), inside], empty, ())
    assert (fields["istri.tempat_lahir"].value, fields["istri.tanggal_lahir"].value) == ("RAHA", "1998-09-07")
    assert fields["suami.tanggal_lahir"].value == "2004-06-14"
