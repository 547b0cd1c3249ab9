"""KK prints nobody tuned on (issue #14, items 2-4), by class: values typed off their label's line on a
pre-printed blank, a boxed header grid with other label wordings, the No. KK in a box, in a comb or after
`NKK`/`No. Kartu Keluarga`. Pages built from words (a text layer: nothing is read again)."""

from __future__ import annotations

import pytest

import core
import ocr
from ocr import Grid, Page, Word
from ocr.confidence import SURE
from ocr.normalize import member_date

_NO_KK = "7404021711053601"


def _put(text: str, x: int, y: int, *, height: int = 24) -> list[Word]:
    out = []
    for token in text.split():
        width = 14 * len(token) * height // 24
        out.append(Word(token, 0.97, (x, y, x + width, y + height)))
        x += width + 12
    return out


def _members(y: int) -> list[Word]:
    """A member table read from its text: a header of column names and one member row."""
    return [*_put("No", 100, y), *_put("Nama Lengkap", 200, y), *_put("NIK", 600, y),
            *_put("Jenis Kelamin", 1000, y), *_put("Agama", 1300, y),
            *_put("1", 100, y + 50), *_put("LA ABIDIN", 200, y + 50), *_put("7404020707713661", 600, y + 50),
            *_put("LAKI-LAKI", 1000, y + 50), *_put("ISLAM", 1300, y + 50)]


def _page(words: list[Word], grids: tuple[Grid, ...] = ()) -> Page:
    return Page(1, None, tuple(words), "text_layer", grids)


def _read(page: Page) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([page])
    return extraction.fields


def _blank(*, shift: int) -> list[Word]:
    """A pre-printed blank: `label :` in two columns, each value typed `shift` px off its label's line."""
    words = [*_put("KARTU KELUARGA", 900, 60, height=40), *_put("NOMOR KK :", 700, 150), *_put(_NO_KK, 900, 150 + shift)]
    rows = [(("Nama Kepala Keluarga", "LA ABIDIN"), ("Kecamatan", "WUNDULAKO")),
            (("Alamat", "JL. KONGGOASA NO. 47"), ("Kabupaten / Kota", "KOLAKA")),
            (("RT / RW", "008 / 005"), ("Kode Pos", "93561")),
            (("Desa / Kelurahan", "SABILAMBO"), ("Propinsi", "SULAWESI TENGGARA"))]
    y = 240
    for (left, left_value), (right, right_value) in rows:
        words += [*_put(left, 100, y), *_put(":", 420, y), *_put(left_value, 440, y + shift),
                  *_put(right, 1200, y), *_put(":", 1460, y), *_put(right_value, 1480, y + shift)]
        y += 70
    return words


@pytest.mark.parametrize("shift", [-22, 0, 20])
def test_values_typed_off_their_labels_line_are_their_labels(shift):
    fields = _read(_page([*_blank(shift=shift), *_members(600)]))
    want = {"nama_kepala_keluarga": "LA ABIDIN", "alamat": "JL. KONGGOASA NO. 47", "rt": "008", "rw": "005",
            "desa_kelurahan": "SABILAMBO", "kecamatan": "WUNDULAKO", "kabupaten_kota": "KOLAKA",
            "kode_pos": "93561", "provinsi": "SULAWESI TENGGARA", "no_kk": _NO_KK}
    assert {k: fields[k].value for k in want} == want


def test_the_next_label_far_along_the_line_is_no_value():
    """`Nama Kepala Keluarga :` followed, far right, by `Kecamatan :` (the values typed elsewhere, here not
    at all): nothing is read, least of all `KECAMATAN` surely."""
    words = [w for w in _blank(shift=-22) if w.text not in ("LA", "ABIDIN", "WUNDULAKO")]
    fields = _read(_page([*words, *_members(600)]))
    assert fields["nama_kepala_keluarga"].value is None
    assert fields["kecamatan"].value is None


def test_a_value_as_near_to_two_labels_is_doubted():
    """Typed half-way between two labels' lines: whose it is cannot be told, so it is not sure."""
    fields = _read(_page([*_blank(shift=35), *_members(600)]))
    assert fields["nama_kepala_keluarga"].confidence < SURE


def _boxed_header() -> tuple[list[Word], tuple[Grid, ...]]:
    """A header printed as a boxed grid: label cells beside value cells, no colons, the address wrapped
    over two lines around its label, the No. KK after `No. Kartu Keluarga` in a box of its own."""
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("No. Kartu Keluarga", 900, 60),
             *_put(_NO_KK, 1200, 60),
             *_put("Kepala Keluarga", 110, 160), *_put("LA ABIDIN", 360, 160),
             *_put("JL. KONGGOASA", 360, 205), *_put("Alamat", 110, 225), *_put("NO. 47", 360, 245),
             *_put("RT/RW", 110, 300), *_put("008/005", 360, 300), *_put("Kel/Desa", 110, 350), *_put("SABILAMBO", 360, 350),
             *_put("Kecamatan", 800, 160), *_put("WUNDULAKO", 1050, 160), *_put("Kab/Kota", 800, 210),
             *_put("KOLAKA", 1050, 210), *_put("Provinsi", 800, 260), *_put("SULAWESI TENGGARA", 1050, 260),
             *_put("Kode Pos", 800, 310), *_put("93561", 1050, 310)]
    grids = (Grid((100, 340, 760), (150, 195, 290, 340, 390)), Grid((790, 1040, 1460), (150, 200, 250, 300, 350)))
    return words, grids


def test_a_boxed_header_grid_is_the_header_not_a_member_table():
    words, grids = _boxed_header()
    fields = _read(_page([*words, *_members(500)], grids))
    want = {"no_kk": _NO_KK, "nama_kepala_keluarga": "LA ABIDIN", "alamat": "JL. KONGGOASA NO. 47",
            "rt": "008", "rw": "005", "desa_kelurahan": "SABILAMBO", "kecamatan": "WUNDULAKO",
            "kabupaten_kota": "KOLAKA", "provinsi": "SULAWESI TENGGARA", "kode_pos": "93561"}
    assert {k: fields[k].value for k in want} == want


@pytest.mark.parametrize("printed", [
    ["NKK", _NO_KK],
    ["NKK:", _NO_KK],
    ["No.", "KK", ":", "|", _NO_KK, "|"],  # a box's rules read as `|`
    ["NOMOR", "KK", ":", *"|".join(_NO_KK)],  # a comb: one box per digit, the rules read as `|`
    ["NOMOR", "KK", ":", *_NO_KK],  # a comb whose rules were not read
])
def test_the_no_kk_is_read_however_it_is_labelled_and_boxed(printed):
    words = [*_put("KARTU KELUARGA", 100, 60, height=40)]
    x = 100
    for token in printed:
        words += _put(token, x, 150)
        x = words[-1].x1 + 12
    words += [*_put("Nama Kepala Keluarga : LA ABIDIN", 100, 220), *_put("NIP. 197711192007091011", 900, 220)]
    fields = _read(_page([*words, *_members(400)]))
    assert fields["no_kk"].value == _NO_KK
    assert fields["no_kk"].confidence >= SURE


def test_an_eighteen_digit_nip_or_a_number_after_nik_is_no_no_kk():
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("NIK", 100, 150), *_put(_NO_KK, 200, 150),
             *_put("NIP. 197711192007091011", 900, 150), *_put("Nama Kepala Keluarga : LA ABIDIN", 100, 220)]
    assert _read(_page([*words, *_members(400)]))["no_kk"].value is None


def test_the_issue_date_typed_above_its_label_under_the_tables():
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga : LA ABIDIN", 100, 150),
             *_members(300), *_put("Dikeluarkan di :", 1000, 520), *_put("KOLAKA", 1240, 500),
             *_put("Tanggal :", 1000, 590), *_put("12-07-2022", 1240, 570)]
    assert _read(_page(words))["tanggal_dikeluarkan"].value == "2022-07-12"


@pytest.mark.parametrize(("printed", "sure"), [("03-03-6688", False), ("03-03-1988", True)])
def test_a_birth_year_no_member_can_have_is_never_sure(printed, sure):
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga : SITTI HAJRAH", 100, 150),
             *_put("No", 100, 300), *_put("Nama Lengkap", 200, 300), *_put("NIK", 600, 300),
             *_put("Jenis Kelamin", 1000, 300), *_put("Tanggal Lahir", 1300, 300),
             *_put("1", 100, 350), *_put("SITTI HAJRAH", 200, 350), *_put("7472014303884322", 600, 350),
             *_put("PEREMPUAN", 1000, 350), *_put(printed, 1300, 350)]
    extraction, _ = ocr.extract_pages([_page(words)])
    born = extraction.anggota[0]["tanggal_lahir"]
    assert born.value is not None and (born.confidence >= SURE) is sure


def _table_page(row: list[tuple[int, str]]) -> Page:
    header = [(100, "No"), (200, "Nama Lengkap"), (600, "NIK"), (1000, "Jenis Kelamin"), (1300, "Tempat Lahir"),
              (1700, "Tanggal Lahir"), (2000, "Agama")]
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga : SITTI HAJRAH", 100, 150)]
    for x, text in header:
        words += _put(text, x, 300)
    for x, text in row:
        words += _put(text, x, 350)
    return _page(words)


def test_the_printed_column_numbers_beside_a_row_typed_into_their_band_are_no_part_of_its_values():
    page = _table_page([(100, "1"), (200, "SITTI HAJRAH"), (500, "2"), (600, "7472014303884322"), (900, "3"),
                        (1000, "PEREMPUAN"), (1200, "4"), (1300, "BAUBAU"), (1600, "5"), (1700, "03-03-1988"),
                        (2000, "ISLAM"), (2200, "7")])
    extraction, _ = ocr.extract_pages([page])
    member = extraction.anggota[0]
    assert (member["nama_lengkap"].value, member["nik"].value) == ("SITTI HAJRAH", "7472014303884322")



@pytest.mark.parametrize("misread", ["U/-U8-1961", "“03-03-1988", "03031988"])
def test_a_misread_date_run_into_the_place_column_is_no_part_of_the_place(misread):
    """A print out of register with its form (or a rule between the columns lost) puts the date at the end
    of the place's cell; misread (look-alikes, a speck, its dashes lost) it has no date's shape, but no
    place has four digits: the place is read alone, and no wrong date is sure."""
    page = _table_page([(100, "1"), (200, "SITTI HAJRAH"), (600, "7472014303884322"), (1000, "PEREMPUAN"),
                        (1300, f"BAUBAU {misread}"), (2000, "ISLAM")])
    member = ocr.extract_pages([page])[0].anggota[0]
    assert member["tempat_lahir"].value == "BAUBAU"
    born = member["tanggal_lahir"]
    assert born.value in (None, "1988-03-03") or born.confidence < SURE  # a speck off a right date is fine



@pytest.mark.parametrize("printed", ["03-03 1988", "0303-1988", "03031988"])
def test_a_member_date_with_a_dash_lost_is_read_at_one_edits_cost(printed):
    page = _table_page([(100, "1"), (200, "SITTI HAJRAH"), (600, "7472014303884322"), (1000, "PEREMPUAN"),
                        (1300, "BAUBAU"), (1700, printed), (2000, "ISLAM")])
    assert ocr.extract_pages([page])[0].anggota[0]["tanggal_lahir"].value == "1988-03-03"
    assert member_date(printed).factor < 1 and member_date("03-03-1988").factor == 1  # an edit, mended

def test_a_column_run_into_a_merged_birth_cell_under_one_header_keeps_its_value():
    """`Tempat Tanggal Agama` read as one header over one cell (the rules and gutters between the three
    columns unseen): the agama at the cell's end is the agama, not part of the place."""
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga : SITTI HAJRAH", 100, 150)]
    for x, text in [(100, "No"), (200, "Nama Lengkap"), (600, "NIK"), (1000, "Jenis Kelamin"),
                    (1300, "Tempat Tanggal Agama"), (1900, "Pendidikan")]:
        words += _put(text, x, 300)
    for x, text in [(100, "1"), (200, "SITTI HAJRAH"), (600, "7472014303884322"), (1000, "PEREMPUAN"),
                    (1300, "BAUBAU 03-03-1988 ISLAM"), (1900, "SLTA/SEDERAJAT")]:
        words += _put(text, x, 350)
    member = ocr.extract_pages([_page(words)])[0].anggota[0]
    assert {f: member[f].value for f in ("tempat_lahir", "tanggal_lahir", "agama", "pendidikan")} == {
        "tempat_lahir": "BAUBAU", "tanggal_lahir": "1988-03-03", "agama": "ISLAM", "pendidikan": "SLTA/SEDERAJAT"}

def test_older_labels_with_their_region_level_are_labels_whole():
    """`Propinsi Dati I :` and `Kabupaten / Kotamadya Dati II :`: `DATI I` is the label's, not the province."""
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga : LA ABIDIN", 100, 150),
             *_put("Kabupaten / Kotamadya Dati II", 100, 200), *_put(":", 520, 200), *_put("KOLAKA", 540, 200),
             *_put("Propinsi Dati I", 100, 250), *_put(":", 520, 250), *_put("SULAWESI TENGGARA", 540, 250),
             *_members(400)]
    fields = _read(_page(words))
    assert (fields["provinsi"].value, fields["kabupaten_kota"].value) == ("SULAWESI TENGGARA", "KOLAKA")


def test_an_address_read_on_its_labels_line_gets_the_line_it_wraps_onto():
    words, grids = _boxed_header()
    words = [w for w in words if w.text != "Alamat"] + _put("Alamat", 110, 205)  # read with the first line
    fields = _read(_page([*words, *_members(500)], grids))
    assert fields["alamat"].value == "JL. KONGGOASA NO. 47"


def test_a_short_labelled_line_under_the_address_is_not_its_wrapped_line():
    """`RT : 002` under `Alamat : ...`, its value in the address's column: the RT's, not the address's."""
    words = [*_put("KARTU KELUARGA", 100, 60, height=40), *_put("Nama Kepala Keluarga", 100, 150),
             *_put(":", 420, 150), *_put("LA ABIDIN", 440, 150), *_put("Alamat", 100, 190), *_put(":", 420, 190),
             *_put("JL. PEMUDA NO. 101", 440, 190), *_put("RT", 100, 230), *_put(":", 420, 230),
             *_put("002", 440, 230), *_members(400)]
    assert _read(_page(words))["alamat"].value == "JL. PEMUDA NO. 101"
