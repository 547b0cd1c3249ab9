"""An ijazah printed as a form of numbered captions over their values (issue #14 item 2: fields by meaning, not
by where one layout puts them): `1. Nama Peserta Didik` set small in a box, the value large under it, two
boxes to a row. Words in, fields out; no rendering."""

from __future__ import annotations

import core
import ocr
from ocr import Page, Word
from tests.fixtures.words import line_words

CAPTION, VALUE = 18, 34
"""Text heights of a caption and of the value written under it."""


def _form(*rows: list[tuple[int, str]] | str, values: dict[int, list[tuple[int, str]]] | None = None) -> Page:
    """A page of lines top to bottom: a plain string is a line of body text (30 px); a list of `(x, text)` is a
    row of captions (18 px), followed by the row of values `values[i]` (34 px) for the i-th row given."""
    words: list[Word] = []
    y = 100
    for i, row in enumerate(rows):
        if isinstance(row, str):
            words += line_words(row, 100, y, height=30)
            y += 70
            continue
        for x, text in row:
            words += line_words(text, x, y, height=CAPTION)
        y += CAPTION + 50
        for x, text in (values or {}).get(i, []):
            words += line_words(text, x, y, height=VALUE)
        y += VALUE + 30
    return Page(1, None, tuple(words), "ocr")


def _fields(page: Page) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([page])
    assert extraction.document_type == core.DocumentType.IJAZAH
    return extraction.fields


ROWS = ("DEPARTEMEN PENDIDIKAN DAN KEBUDAYAAN", "IJAZAH", "SEKOLAH MENENGAH PERTAMA",
        "Yang bertanda tangan di bawah ini, Kepala Sekolah, menerangkan bahwa:",
        [(100, "1. Nama Peserta Didik")],
        [(100, "2. Tempat Lahir"), (900, "3. Tanggal Lahir")],
        [(100, "4. Nama Orang Tua / Wali")],
        [(100, "5. Nomor Induk Siswa"), (900, "6. Nomor Induk Siswa Nasional")],
        [(100, "7. Nama Sekolah"), (900, "8. NPSN")],
        "dinyatakan LULUS dari satuan pendidikan tersebut berdasarkan kriteria kelulusan",
        "Raha, 9 Juni 1984")
VALUES = {4: [(100, "WA MUSDALIFEH")], 5: [(100, "Raha"), (900, "16 Januari 1969")], 6: [(100, "LA ODE IRWAN")],
          7: [(100, "77217"), (900, "-")], 8: [(100, "SMP NEGERI 2 RAHA"), (900, "-")]}


def test_captions_over_values_each_field_under_its_caption():
    page = _form(*ROWS, values=VALUES)
    # Dirt a few pixels high under the holder's phrase, read `Ma` at 0.0, is no line of text (no name).
    phrase_y = next(w.bbox[1] for w in page.words if w.text == "menerangkan")
    speck = Word("Ma", 0.0, (110, phrase_y + 42, 150, phrase_y + 45))
    got = _fields(Page(1, None, (*page.words, speck), "ocr"))
    assert {k: got[k].value for k in ("nama_lengkap", "tempat_lahir", "tanggal_lahir", "nama_orang_tua", "nis",
                                      "nisn", "nama_satuan_pendidikan", "npsn", "jenjang", "tanggal_lulus")} == {
        "nama_lengkap": "WA MUSDALIFEH", "tempat_lahir": "RAHA", "tanggal_lahir": "1969-01-16",
        "nama_orang_tua": "LA ODE IRWAN", "nis": "77217", "nisn": None, "nama_satuan_pendidikan": "SMP NEGERI 2 RAHA",
        "npsn": None, "jenjang": "SMP", "tanggal_lulus": "1984-06-09"}
    # Under its caption, a value's column is inferred from the layout: never above `UNDER` (0.95).
    assert got["nama_lengkap"].confidence <= 0.95


def test_a_caption_is_never_the_value_of_the_caption_or_phrase_before_it():
    """Without values under them (a page whose values went unread), the captions give nothing: not
    `1. NAMA PESERTA DIDIK` as the holder under `menerangkan bahwa`, not `8. NPSN` as the school after
    `Nama Sekolah`, not `6` (the next caption's number) as the NIS."""
    got = _fields(_form(*ROWS))
    assert {k: got[k].value for k in ("nama_lengkap", "nama_satuan_pendidikan", "nis", "nisn", "tempat_lahir")} == {
        "nama_lengkap": None, "nama_satuan_pendidikan": None, "nis": None, "nisn": None, "tempat_lahir": None}


def test_two_captions_set_a_column_apart_are_two_labels_even_without_their_numbers():
    """`Tempat Lahir        Tanggal Lahir` reads like the one label `Tempat Lahir/Tanggal Lahir` once the gap is
    ignored; a label's words are set close, so these are two, each with the value under it."""
    rows = [r if isinstance(r, str) else [(x, t.split(". ", 1)[-1]) for x, t in r] for r in ROWS]
    got = _fields(_form(*rows, values=VALUES))
    assert (got["tempat_lahir"].value, got["tanggal_lahir"].value) == ("RAHA", "1969-01-16")
    # ... and `Nomor Induk Siswa Nasional` over `-` gives the NISN nothing from the NIS's column.
    assert (got["nis"].value, got["nisn"].value) == ("77217", None)


def test_an_identifier_in_a_sentence_is_not_taken_from_a_row_of_captions():
    """`Nomor Induk Siswa Nasional` ending a row of captions, the NIS's value at the start of the next line: read
    as one stream, that is `Nomor Induk Siswa Nasional 77217`, but a row of labels is no sentence."""
    got = _fields(_form(*ROWS, values={7: [(100, "77217")]}))
    assert (got["nis"].value, got["nisn"].value) == ("77217", None)


def _abroad() -> Page:
    """A school abroad's ijazah: the school only as a heading (a kind no list names) and after its head's title,
    lower-case captions without colons over their values, the right column's captions set half a row lower,
    so that its first value stands between the left column's second caption and that caption's value."""
    words: list[Word] = []
    for y, text, height in ((100, "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN", 30), (170, "SEKOLAH INDONESIA RIYADH", 50),
                            (260, "IJAZAH", 60), (350, "SEKOLAH MENENGAH PERTAMA", 34),
                            (430, "Kepala Sekolah Indonesia Riyadh dengan ini menyatakan bahwa:", 30)):
        words += line_words(text, 100, y, height=height)
    words += line_words("nama peserta didik", 140, 500, height=CAPTION)
    words += line_words("WA MUSDALIFAH", 140, 530, height=VALUE)
    words += line_words("nomor induk peserta didik", 1500, 580, height=CAPTION)
    words += line_words("tempat dan tanggal lahir", 140, 600, height=CAPTION)
    words += line_words("68848", 1500, 625, height=VALUE)
    words += line_words("Raha, 16/01/1969", 140, 665, height=VALUE)
    words += line_words("nama orang tua / wali", 140, 770, height=CAPTION)
    words += line_words("LA ODE IRWAN", 140, 800, height=VALUE)
    for y, text in ((880, "telah menyelesaikan pendidikan dan dinyatakan LULUS dari Sekolah Menengah"),
                    (930, "Pertama pada Sekolah Indonesia Riyadh tahun pelajaran 1983/1984."),
                    (1010, "Riyadh, 17 Juni 1984")):
        words += line_words(text, 100, y, height=30)
    return Page(1, None, tuple(words), "ocr")


def test_captions_of_two_columns_set_apart_in_height_each_give_the_value_under_them():
    """The NIS's value, in the right column, stands between `tempat dan tanggal lahir` and the birth under it:
    a line under a label that begins in another column is passed over, not taken for an empty value."""
    got = _fields(_abroad())
    assert {k: got[k].value for k in ("nama_lengkap", "tempat_lahir", "tanggal_lahir", "nama_orang_tua", "nis")} == {
        "nama_lengkap": "WA MUSDALIFAH", "tempat_lahir": "RAHA", "tanggal_lahir": "1969-01-16",
        "nama_orang_tua": "LA ODE IRWAN", "nis": "68848"}


def test_a_school_of_no_listed_kind_named_twice_and_the_level_not_cut_by_a_line_end():
    """`SEKOLAH INDONESIA RIYADH` is a heading and the words after `Kepala` in the opening sentence: the school.
    `Sekolah Menengah` ending a line of the closing sentence reads like `SEKOLAH MENENGAH ATAS` cut short; the
    level printed in full (`SEKOLAH MENENGAH PERTAMA`) is the one read most alike."""
    got = _fields(_abroad())
    assert (got["nama_satuan_pendidikan"].value, got["jenjang"].value) == ("SEKOLAH INDONESIA RIYADH", "SMP")
    assert got["nama_satuan_pendidikan"].confidence < 0.9  # found without a label


def test_a_caption_over_its_value_beside_a_label_closed_by_its_colon():
    """`Nomor Ijazah` over its number, `Lahir di : Raha` and `Pada Tanggal : 2 November 1995` beside it and its
    value: the number is not the words of the next column (`LAHIRDI`), the date under `Lahir di` is the birth,
    whatever colon stands before `Pada Tanggal` (the number's column's), and a code read with a blank for its
    hyphen (`SILN SMP/...`) is joined but not sure."""
    words: list[Word] = []
    for x, y, text, height in ((100, 100, "UNIVERSITAS MUSLIM BUTON", 40), (100, 180, "IJAZAH", 60),
                               (100, 270, "Rektor Universitas Muslim Buton menyatakan bahwa:", 30),
                               (900, 340, "LA YANI", 40), (900, 420, "Stambuk : 13884645", 30),
                               (900, 480, "Lahir di : Raha", 30), (100, 490, "Nomor Ijazah", 24),
                               (100, 540, "354/UMB/FKIP/S1/2017 :", 30), (900, 540, "Pada Tanggal : 2 November 1995", 30),
                               (900, 600, "Program Studi : Pendidikan Matematika", 30),
                               (900, 660, "Jenjang : Strata Satu (S1)", 30), (1500, 760, "Baubau, 12 Juni 2017", 30)):
        words += line_words(text, x, y, height=height)
    got = _fields(Page(1, None, tuple(words), "ocr"))
    assert {k: got[k].value for k in ("nomor_ijazah", "tempat_lahir", "tanggal_lahir", "tanggal_lulus")} == {
        "nomor_ijazah": "354/UMB/FKIP/S1/2017", "tempat_lahir": "RAHA", "tanggal_lahir": "1995-11-02",
        "tanggal_lulus": "2017-06-12"}
    joined = ocr._ijazah._nomor_ijazah("SILN SMP/94/9850188")
    assert joined.value == "SILNSMP/94/9850188" and 0.95 * joined.factor < 0.9
