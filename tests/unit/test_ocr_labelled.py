"""Labelled fields anywhere (`ocr.labelled`): words in, fields out. Labels beside or over their values,
repeated label blocks (a card per family member), and the pass that fills only what the layout readers left."""

from __future__ import annotations

import core
import ocr
from ocr.confidence import SURE, UNLABELLED
from ocr.labelled import fill_gaps, kk_member_fields, read_kk
from tests.fixtures.words import lines_page

HEAD_NIK, WIFE_NIK = "7404050708613216", "7404056711644346"
NO_KK = "7404050103055533"


def _card(name: str, tag: str, nik: str, sex: str, born: str, religion: str) -> list:
    return [
        [(100, name), (1500, tag)],
        [(100, "NIK"), (600, "Jenis Kelamin"), (1100, "Tanggal Lahir"), (1600, "Agama")],
        [(100, nik), (600, sex), (1100, born), (1600, religion)],
        [(100, "Nama Ayah"), (600, "Nama Ibu"), (1100, "Golongan Darah")],
        [(100, "ASEP SUNANDAR"), (600, "LILIS SURYANI"), (1100, "-")],
    ]


def _app_page(*cards: list) -> ocr.Page:
    return lines_page(
        "KARTU KELUARGA", "Nomor Kartu Keluarga", NO_KK,
        [(100, "Kepala Keluarga"), (900, "Alamat"), (1700, "RT/RW")],
        [(100, "DEDE KURNIA"), (900, "JL. PEMUDA NO. 113"), (1700, "007/001")],
        [(100, "Desa/Kelurahan"), (900, "Kecamatan"), (1700, "Kode Pos")],
        [(100, "DAWI-DAWI"), (900, "POMALAA"), (1700, "93562")],
        "Anggota Keluarga (2)",
        *[line for card in cards for line in card])


PAGE = _app_page(_card("DEDE KURNIA", "KEPALA KELUARGA", HEAD_NIK, "LAKI-LAKI", "07-08-1961", "ISLAM"),
                 _card("IIS SUMIATI", "ISTRI", WIFE_NIK, "PEREMPUAN", "27-11-1964", "KRISTEN"))


def test_header_label_over_value_and_beside_a_colon():
    header, _ = read_kk(PAGE)
    assert {k: v.value for k, v in header.items()} == {
        "no_kk": NO_KK, "nama_kepala_keluarga": "DEDE KURNIA", "alamat": "JL. PEMUDA NO. 113", "rt": "007",
        "rw": "001", "desa_kelurahan": "DAWI-DAWI", "kecamatan": "POMALAA", "kode_pos": "93562"}
    beside = lines_page("Kecamatan : POMALAA", "Kode Pos : 93562")
    assert {k: v.value for k, v in read_kk(beside)[0].items()} == {"kecamatan": "POMALAA",
                                                                              "kode_pos": "93562"}


def test_one_record_per_card_in_order_with_the_unlabelled_title_capped():
    _, members = read_kk(PAGE)
    assert [(m["nama_lengkap"].value, m["status_hubungan"].value, m["nik"].value, m["jenis_kelamin"].value,
             m["tanggal_lahir"].value, m["agama"].value, m["nama_ayah"].value, m["nama_ibu"].value,
             m["golongan_darah"].value) for m in members] == [
        ("DEDE KURNIA", "KEPALA KELUARGA", HEAD_NIK, "LAKI-LAKI", "1961-08-07", "ISLAM", "ASEP SUNANDAR",
         "LILIS SURYANI", None),
        ("IIS SUMIATI", "ISTRI", WIFE_NIK, "PEREMPUAN", "1964-11-27", "KRISTEN", "ASEP SUNANDAR",
         "LILIS SURYANI", None)]
    assert all(m["nama_lengkap"].confidence <= UNLABELLED for m in members)
    assert all(m["nik"].confidence >= SURE for m in members)


def test_the_longer_label_wins_and_a_value_of_the_wrong_shape_is_none():
    page = lines_page([(100, "Nama Ayah"), (700, "NIK")], [(100, "ASEP SUNANDAR"), (700, "BUDI")])
    found = kk_member_fields(page)
    assert {k: v.value for k, v in found.items()} == {"nama_ayah": "ASEP SUNANDAR"}


def test_no_records_when_the_page_prints_more_niks_than_blocks():
    card = _card("DEDE KURNIA", "KEPALA KELUARGA", HEAD_NIK, "LAKI-LAKI", "07-08-1961", "ISLAM")
    page = _app_page(card, [[(100, f"IIS SUMIATI {WIFE_NIK}")]])
    assert read_kk(page)[1] == []


def test_through_extract_pages_the_cards_are_the_members():
    extraction, _ = ocr.extract_pages([PAGE])
    assert extraction.document_type == core.DocumentType.KK
    assert [row["nik"].value for row in extraction.anggota] == [HEAD_NIK, WIFE_NIK]
    assert extraction.fields["kode_pos"].value == "93562"


def test_fill_gaps_never_overwrites_a_surer_value():
    sure = core.FieldValue("KOLAKA", 0.95)
    fields = {f: core.FieldValue(None) for f in core.KK_HEADER_FIELDS} | {"kecamatan": sure}
    filled, _ = fill_gaps(core.DocumentType.KK, [PAGE], fields, ())
    assert filled["kecamatan"].value == "KOLAKA"  # kept, not sure: the label reads otherwise (below)
    assert filled["kode_pos"].value == "93562"
    unsure = fields | {"kecamatan": core.FieldValue("PQMALAA", 0.5)}
    assert fill_gaps(core.DocumentType.KK, [PAGE], unsure, ())[0]["kecamatan"].value == "POMALAA"


def test_one_label_for_two_columns_gives_no_sure_value():
    # Two values of the field's shape beside one label, past a wide gap (two parties' or two members' columns):
    # which is the field's, the line does not say.
    shared = lines_page([(100, "Kecamatan :"), (500, "POMALAA"), (1400, "WUNDULAKO")], "Kode Pos : 93562")
    header, _ = read_kk(shared)
    assert header["kecamatan"].value == "POMALAA" and header["kecamatan"].confidence < SURE
    assert header["kode_pos"].confidence >= SURE
    alone = lines_page([(100, "Kecamatan :"), (500, "POMALAA"), (1400, "93562")])
    assert read_kk(alone)[0]["kecamatan"].confidence >= SURE  # what follows is of no name's shape


def test_a_field_labelled_twice_with_two_values_gives_no_sure_value():
    page = lines_page("Kode Pos : 93562", "Kecamatan : POMALAA", "Kode Pos : 93411")
    assert read_kk(page)[0]["kode_pos"].value == "93562"
    assert read_kk(page)[0]["kode_pos"].confidence < SURE
    again = lines_page("Kode Pos : 93562", "Kecamatan : POMALAA", "Kode Pos : 93562")
    assert read_kk(again)[0]["kode_pos"].confidence >= SURE


def test_a_sure_value_the_labelled_reading_contradicts_is_no_longer_sure():
    page = lines_page("Kecamatan : POMALAA", "Kode Pos : 93562")
    fields = {f: core.FieldValue(None) for f in core.KK_HEADER_FIELDS}
    read = fields | {"kecamatan": core.FieldValue("KOLAKA", 0.95), "kode_pos": core.FieldValue("93562", 0.95)}
    filled, _ = fill_gaps(core.DocumentType.KK, [page], read, ())
    assert filled["kecamatan"].value == "KOLAKA" and filled["kecamatan"].confidence < SURE
    assert filled["kode_pos"].confidence == 0.95  # the two readings agree
    part = read | {"kecamatan": core.FieldValue("POMALAA BARAT", 0.95)}  # a part of it read is no dispute
    assert fill_gaps(core.DocumentType.KK, [page], part, ())[0]["kecamatan"].confidence == 0.95


def test_a_labelled_value_its_field_s_shape_forbids_contradicts_nothing():
    page = lines_page("Kepala Keluarga : DEDE ISLAM")  # the next column's religion taken along
    fields = {f: core.FieldValue(None) for f in core.KK_HEADER_FIELDS}
    assert read_kk(page)[0]["nama_kepala_keluarga"].confidence >= SURE
    read = fields | {"nama_kepala_keluarga": core.FieldValue("DEDI KURNIA", 0.95)}
    assert fill_gaps(core.DocumentType.KK, [page], read, ())[0]["nama_kepala_keluarga"].confidence == 0.95
    shaped = lines_page("Kepala Keluarga : DEDE KURNIA")
    assert fill_gaps(core.DocumentType.KK, [shaped], read, ())[0]["nama_kepala_keluarga"].confidence < SURE


def test_a_card_without_a_valid_nik_is_no_one_s_for_sure():
    card = _card("DEDE KURNIA", "KEPALA KELUARGA", HEAD_NIK, "LAKI-LAKI", "07-08-1961", "ISLAM")
    other = _card("IIS SUMIATI", "ISTRI", "7404056711644346", "PEREMPUAN", "27-12-1964", "KRISTEN")  # NIK's date: 27-11
    _, members = read_kk(_app_page(card, other))
    assert members[0]["agama"].confidence >= SURE
    assert members[1]["agama"].value == "KRISTEN" and members[1]["agama"].confidence < SURE
