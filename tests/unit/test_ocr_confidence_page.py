"""What the page as a whole says of its values (`ocr.confidence.understood`, issue #14 item 4): a value that
its field's shape, the document's dates, its province or its member table contradict leaves the SURE band,
whatever the layout that gave it. Values and pages built by hand: no Tesseract."""

import itertools

import pytest

import core
import ocr
from ocr import Page, Word
from ocr.confidence import CONTRADICTED, CORROBORATED, MENDED, SURE, understood, weigh

_BOXES = itertools.count()


def _sure(value: str, confidence: float = 0.95, box: tuple[int, int, int, int] | None = None) -> core.FieldValue:
    """A value read surely, from words of its own (`box`: from those of another value)."""
    y = 20 * next(_BOXES)
    return core.FieldValue(value, confidence, 1, box or (0, y, 10, y + 10))


def _ijazah(**values: str) -> dict[str, core.FieldValue]:
    fields = {name: core.FieldValue(None) for name in core.IJAZAH_FIELDS}
    fields |= {"jenjang": _sure("S1"), "nama_lengkap": _sure("WA ASRIA"), "tanggal_lahir": _sure("1990-02-03"),
               "tempat_lahir": _sure("KOLAKA"), "nim": _sure("022010309"), "tanggal_lulus": _sure("2014-08-30"),
               "nama_satuan_pendidikan": _sure("UNIVERSITAS LAKIDENDE"), "program_studi": _sure("AGRONOMI"),
               "nomor_ijazah": _sure("1451/UNILAKI/S1/1996")}
    return fields | {k: _sure(v) for k, v in values.items()}


def _judged(fields: dict[str, core.FieldValue], doc_type: str = "ijazah",
            rows: tuple[dict[str, core.FieldValue], ...] = ()) -> tuple[dict[str, float], set[tuple[str, str]]]:
    out, anggota, doubts = understood(doc_type, fields, rows)
    confidences = {k: v.confidence for k, v in out.items()}
    confidences |= {f"{i}.{k}": v.confidence for i, row in enumerate(anggota) for k, v in row.items()}
    return confidences, {(d.key, d.signal) for d in doubts}


def test_a_page_that_reads_as_its_type_keeps_every_sure_value():
    confidences, doubts = _judged(_ijazah())
    assert doubts == set()
    assert all(confidences[k] == 0.95 for k in ("nama_satuan_pendidikan", "nim", "nomor_ijazah", "nama_lengkap"))


@pytest.mark.parametrize(("field", "value"), [
    ("nama_satuan_pendidikan", "SWASTA WILAYAH IX"),  # cut from KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX
    ("nama_satuan_pendidikan", "BERDASARKAN KRITERIA KELULUSAN YANG BERLAKU"),
    ("nim", "022010309,LAHIRDIBONETANGGAL"),  # N.P.M. 022010309, lahir di Bone tanggal …
    ("nama_lengkap", "LA ODE RIDWAN WA ODE NURLINA LA ODE"),  # names of a merged member row run together
    ("nama_lengkap", "4 LA ODE RIDWAN"),  # the row number taken with the name
    ("nama_lengkap", "KEPALA SEKOLAH"),
    ("nama_lengkap", "$RI WAHYUNI"),
    ("tempat_lahir", "MEDAN ISLAM"),  # the next column's value taken with the place
    ("nama_orang_tua", "AB KARYAWAN SWASTA"),  # two stacked lines of another column taken for a parent
    ("tempat_lahir", "KENDARI MENGURUS RUMAH TANGGA"),
    ("tempat_lahir", "L KENDARI"),  # the sex column's letter taken with the place
    ("tempat_lahir", "PR BANDUNG"),
    ("nama_orang_tua", "LA ODE"),  # the rest of a wrapped name went to the next column
    ("nama_orang_tua", "FAHRUL WA ODE RISNAWATI"),  # and ran into that column's name
    ("program_studi", "AGRONOMI / STUDY PROGRAM OF AGRONOMY"),  # a bilingual print's translation taken along
    ("nama_orang_tua", "ODE HAMZAH"),  # the LA before it lost
    ("nama_orang_tua", "LA ODT MUHAMMAD ALI"),  # the ODE after LA read a letter off
    ("nama_orang_tua", "IRWAN WA NURHAYATI"),  # the next column's name taken with the last word of this one
    ("tempat_lahir", "LAHIR"),  # the rest of the label `Tempat Lahir`
    ("nama_orang_tua", "NAMA ORANG TUA/WALI"),
    ("nis", "6"),  # a stray mark
    ("nama_lengkap", "SUAMI"),  # the party's name a label carries (`Nama Suami`), not the value after its gap
    ("tempat_lahir", "ISTRI ISTRI"),
    ("nomor_ijazah", "STAMBUK"),  # the next line's label (a student number's), no number
])
def test_a_value_its_field_cannot_hold_leaves_the_sure_band(field, value):
    confidences, doubts = _judged(_ijazah(**{field: value}))
    assert confidences[field] < SURE
    assert doubts == {(field, "shape")}


@pytest.mark.parametrize(("field", "value"), [
    ("nama_orang_tua", "H. LA ODE SALIM"), ("nama_orang_tua", "NINA PUTRI"), ("tempat_lahir", "KOTA BARU"),
    ("nis", "1234"), ("nama_orang_tua", "WA ODE NURLINA"), ("nama_orang_tua", "LA ODI"), ("nama_orang_tua", "LA ADE SAPUTRA"),
])
def test_a_value_of_its_field_s_shape_stays_sure(field, value):
    confidences, doubts = _judged(_ijazah(**{field: value}))
    assert doubts == set() and confidences[field] == 0.95


def test_a_kua_not_written_as_one_or_an_address_of_label_words_is_not_sure():
    fields = {name: core.FieldValue(None) for name in core.BUKU_NIKAH_FIELDS}
    fields |= {"kua": _sure("BETOAMBARI, ANTARA"), "istri.alamat": _sure("7. TEMPAT TINGGAL"),
               "suami.alamat": _sure("JL. SULTAN MURHUM NO. 50")}
    confidences, doubts = _judged(fields, "buku_nikah")
    assert doubts == {("kua", "shape"), ("istri.alamat", "shape")}
    assert confidences["kua"] < SURE and confidences["suami.alamat"] == 0.95
    fields |= {"kua": _sure("KUA KECAMATAN KATOBU, ANTARA")}  # the sentence after it taken along
    assert _judged(fields, "buku_nikah")[0]["kua"] < SURE
    fields |= {"kua": _sure("KUA KECAMATAN BETOAMBARI")}
    assert _judged(fields, "buku_nikah")[0]["kua"] == 0.95


def test_two_names_side_by_side_with_no_space_between_are_sure_of_neither():
    """A text layer joined two cells' words (`PANJAITANYOHANA`): where the father's name ends, nothing says."""
    row = {name: core.FieldValue(None) for name in core.KK_MEMBER_FIELDS}
    row |= {"nama_ayah": _sure("FRANSISKUS PANJAITANYOHANA", 0.99, (2809, 1153, 3161, 1189)),
            "nama_ibu": _sure("MAGDALENA BR PANJAITAN", 0.99, (3167, 1163, 3387, 1188)),
            "agama": _sure("KRISTEN", 0.99, (3392, 1163, 3500, 1188)),  # vocabulary: its end is no guess
            "nik": _sure("7402011409632944"), "tanggal_lahir": _sure("1963-09-14")}
    confidences, doubts = _judged(_kk_header(), "kk", (row,))
    assert doubts == {("0.nama_ayah", "abut"), ("0.nama_ibu", "abut")}
    assert confidences["0.nama_ibu"] < SURE and confidences["0.agama"] == 0.99
    row |= {"nama_ibu": _sure("MAGDALENA BR PANJAITAN", 0.99, (3180, 1163, 3387, 1188))}  # a space's width apart
    assert _judged(_kk_header(), "kk", (row,))[1] == set()


def test_a_name_with_an_unclaimed_word_a_word_space_before_it_is_not_sure():
    """`LA ODE HAMZAH` printed, the column's edge placed inside it: `HAMZAH` read, `LA ODE` left on the line."""
    row = {name: core.FieldValue(None) for name in core.KK_MEMBER_FIELDS}
    row |= {"nama_lengkap": _sure("HAMZAH", 0.93, (503, 941, 643, 968)),
            "nik": _sure("7402011409632944", 0.95, (1048, 941, 1428, 968)), "tanggal_lahir": _sure("1963-09-14")}
    words = (Word("4", 0.3, (232, 941, 250, 968)), Word("LA", 0.92, (336, 941, 380, 967)),
             Word("ODE", 0.9, (406, 941, 474, 967)), Word("HAMZAH", 0.91, (503, 941, 643, 968)),
             Word("7402011409632944", 0.87, (1048, 941, 1428, 968)))
    _, anggota, doubts = understood("kk", _kk_header(), (row,), [Page(1, None, words, "ocr")])
    assert {(d.key, d.signal) for d in doubts} == {("0.nama_lengkap", "stray")}
    assert anggota[0]["nama_lengkap"].confidence < SURE and anggota[0]["nik"].confidence == 0.95
    for label in ("Nama:", "Tua/Wali", "Jurusam"):  # a label's word beside it (read with a slip) is no part of it
        beside = (Word(label, 0.92, (336, 941, 470, 967)),)
        assert understood("kk", _kk_header(), (row,), [Page(1, None, (*beside, *words[3:]), "ocr")])[2] == []
    garbled = (Word("ptRtuPtAN", 0.0, (336, 941, 470, 967)),)  # nor a word Tesseract could not read
    assert understood("kk", _kk_header(), (row,), [Page(1, None, (*garbled, *words[3:]), "ocr")])[2] == []
    for left, doubted in ((650, True), (665, False)):  # a blot right after the last letter: the word runs on
        blot = (Word("0", 0.48, (left, 945, left + 30, 980)),)
        judged = understood("kk", _kk_header(), (row,), [Page(1, None, (*words[3:], *blot), "ocr")])[2]
        assert [d.signal for d in judged] == (["stray"] if doubted else [])


def test_a_name_that_runs_across_a_column_s_gap_is_not_sure():
    """`BASO ARIFIN` wrapped in the father's column, its `ARIFIN` taken with the mother's `NURHAEDAH` two column
    widths on: the mother's name holds a column's gap; the father's, a word space, stays sure."""
    row = {name: core.FieldValue(None) for name in core.KK_MEMBER_FIELDS}
    row |= {"nik": _sure("7402011409632944", 0.95, (1048, 941, 1428, 968)), "tanggal_lahir": _sure("1963-09-14"),
            "nama_ayah": _sure("BASO ARIFIN", 0.93, (2118, 1062, 2340, 1086)),
            "nama_ibu": _sure("ARIFIN NURHAEDAH", 0.93, (2219, 1109, 2586, 1133))}
    words = (Word("BASO", 0.92, (2118, 1062, 2197, 1085)), Word("ARIFIN", 0.96, (2219, 1062, 2340, 1086)),
             Word("ARIFIN", 0.96, (2219, 1109, 2340, 1133)), Word("—", 0.0, (2345, 1120, 2400, 1122)),
             Word("NURHAEDAH", 0.92, (2405, 1109, 2586, 1133)))
    _, anggota, doubts = understood("kk", _kk_header(), (row,), [Page(1, None, words, "ocr")])
    assert {(d.key, d.signal) for d in doubts} == {("0.nama_ibu", "gap")}
    assert anggota[0]["nama_ayah"].confidence == 0.93


@pytest.mark.parametrize(("text", "confidence", "faint", "speck"), [
    ("HAMZAH", 0.49, True, False), ("HAMZAH", 0.5, False, False), ("'.", 0.29, True, True), ("1", 0.3, True, False),
    ("ODE", 0.1, True, False),
])
def test_one_pair_of_thresholds_says_which_words_are_garbled_or_specks(text, confidence, faint, speck):
    """What every reader means by a word too faint to be evidence, or a speck (`ocr.confidence`)."""
    assert ocr.confidence.faint(confidence) is faint and ocr.confidence.speck(text, confidence) is speck
    row = {name: core.FieldValue(None) for name in core.KK_MEMBER_FIELDS}
    row |= {"nama_lengkap": _sure("HAMZAH", 0.93, (503, 941, 643, 968)),
            "nik": _sure("7402011409632944", 0.95, (1048, 941, 1428, 968)), "tanggal_lahir": _sure("1963-09-14")}
    beside = (Word("ODEH", confidence, (406, 941, 474, 967)), Word("HAMZAH", 0.91, (503, 941, 643, 968)))
    doubts = understood("kk", _kk_header(), (row,), [Page(1, None, beside, "ocr")])[2]
    assert [d.signal for d in doubts] == ([] if faint else ["stray"])  # a faint word beside a value is no evidence


def test_a_birth_date_not_well_before_graduation_doubts_both_dates():
    confidences, doubts = _judged(_ijazah(tanggal_lahir="2012-02-03"))
    assert confidences["tanggal_lahir"] < SURE and confidences["tanggal_lulus"] < SURE
    assert {s for _, s in doubts} == {"order"}


def _kk_header(**values: str) -> dict[str, core.FieldValue]:
    fields = {name: core.FieldValue(None) for name in core.KK_HEADER_FIELDS}
    fields |= {"no_kk": _sure("7402011806053719"), "nama_kepala_keluarga": _sure("LA ODE HAMZAH"),
               "alamat": _sure("JL. POROS KOLAKA"), "desa_kelurahan": _sure("LAMOKATO"), "kecamatan": _sure("KOLAKA"),
               "kabupaten_kota": _sure("KOLAKA"), "kode_pos": _sure("93511"), "provinsi": _sure("SULAWESI TENGGARA")}
    return fields | {k: _sure(v) for k, v in values.items()}


def _member(nik: str | None, born: str | None = None) -> dict[str, core.FieldValue]:
    row = {name: core.FieldValue(None) for name in core.KK_MEMBER_FIELDS}
    return row | {"nama_lengkap": _sure("LA ODE HAMZAH"), "agama": _sure("ISLAM"),
                  **({"nik": _sure(nik)} if nik else {}), **({"tanggal_lahir": _sure(born)} if born else {})}


def test_a_kk_whose_province_no_kk_kode_pos_and_niks_agree_keeps_them_sure():
    confidences, doubts = _judged(_kk_header(), "kk", (_member("7402011409632944", "1963-09-14"),))
    assert doubts == set()
    assert confidences["kode_pos"] == confidences["no_kk"] == confidences["0.nik"] == 0.95


def test_a_kode_pos_no_kk_or_nik_of_another_province_than_the_kk_prints_is_doubted():
    confidences, doubts = _judged(_kk_header(kode_pos="99511", no_kk="7102011806053719"), "kk",
                                  (_member("7402011409632944", "1963-09-14"), _member("1472015907641454")))
    assert doubts == {("kode_pos", "region"), ("no_kk", "region"), ("1.nik", "region")}
    assert confidences["0.nik"] == 0.95 and confidences["1.nik"] < SURE


def test_a_village_read_as_the_province_and_a_nik_a_look_alike_of_another_member_s_are_doubted():
    rows = (_member("7302011409632944", "1963-09-14"), _member("1302015907641454", "1964-07-19"))
    _, doubts = _judged(_kk_header(desa_kelurahan="SULAWESI TENGGARA"), "kk", rows)
    assert doubts == {("desa_kelurahan", "shape"), ("0.nik", "region"), ("1.nik", "region")}  # which, none says


def test_a_member_registered_in_another_province_keeps_a_sure_nik():
    """A NIK never changes: a head of family from Medan (12) keeps his in Sulawesi Tenggara (74)."""
    confidences, doubts = _judged(_kk_header(), "kk", (_member("1271010707645934", "1964-07-07"),))
    assert doubts == set() and confidences["0.nik"] == 0.95


def test_a_header_that_reads_a_label_as_a_value_and_the_head_of_family_otherwise_than_the_table_is_doubted():
    head = _member("7402011409632944", "1963-09-14") | {"nama_lengkap": _sure("UJANG SOPANDI")}
    confidences, doubts = _judged(_kk_header(alamat="KABUPATEN / KOTA", nama_kepala_keluarga="VJANG SOPANDI",
                                             kabupaten_kota="KENDARI"), "kk", (head,))  # the city is KOTA KENDARI
    assert doubts == {("alamat", "shape"), ("nama_kepala_keluarga", "echo"), ("0.nama_lengkap", "echo"),
                      ("kabupaten_kota", "shape")}
    assert confidences["desa_kelurahan"] == 0.95


def test_a_member_table_with_no_valid_nik_is_not_sure_of_any_cell():
    rows = (_member(None, "1963-09-14"), _member("7402011409632944", "1971-01-01"))  # the NIK says 1963-09-14
    confidences, doubts = _judged(_kk_header(), "kk", rows)
    assert confidences["0.nama_lengkap"] < SURE and confidences["1.agama"] < SURE
    assert {s for _, s in doubts} == {"table"}
    assert confidences["nama_kepala_keluarga"] == 0.95  # the header is judged apart
    confidences, _ = _judged(_kk_header(), "kk", (rows[0], _member("7402011409632944", "1963-09-14")))
    assert confidences["0.nama_lengkap"] == 0.95


def _header_page(kode_pos: str) -> Page:
    lines = ["KARTU KELUARGA", "No. 7401011801057350", "Nama Kepala Keluarga : LA ODE RAHIM",
             "Alamat : JL. POROS KOLAKA", "RT/RW : 002/003", "Desa/Kelurahan : LAMOKATO", "Kecamatan : KOLAKA",
             "Kabupaten/Kota : KOLAKA", f"Kode Pos : {kode_pos}", "Provinsi : SULAWESI TENGGARA"]
    words, y = [], 100
    for line in lines:
        x = 100
        for part in line.split():
            words.append(Word(part, 0.96, (x, y, x + 16 * len(part), y + 30)))
            x += 16 * len(part) + 14
        y += 60
    return Page(1, None, tuple(words), "text_layer")


def test_every_extractor_s_values_pass_the_page_s_judgement():
    """`93411` read `99411` at 0.95 on a photographed KK of Sulawesi Tenggara (issue #14)."""
    right, misread = (ocr.extract_pages([_header_page(k)])[0].fields["kode_pos"] for k in ("93411", "99411"))
    assert right.value == "93411" and right.confidence >= SURE
    assert misread.value == "99411" and misread.confidence < SURE


def test_two_people_s_own_field_read_from_the_same_words_is_sure_of_neither():
    fields = {name: core.FieldValue(None) for name in core.BUKU_NIKAH_FIELDS}
    box = (1875, 2327, 2040, 2358)
    fields |= {"suami.tanggal_lahir": _sure("1996-04-27", 0.98, box), "istri.tanggal_lahir": _sure("1996-04-27", 0.98, box),
               "suami.agama": _sure("ISLAM", 0.95, box), "istri.agama": _sure("ISLAM", 0.95, box),
               "suami.nik": _sure("7402012606905274"), "istri.nik": _sure("7402016704963890")}
    confidences, doubts = _judged(fields, "buku_nikah")
    assert doubts == {("suami.tanggal_lahir", "one box"), ("istri.tanggal_lahir", "one box")}
    assert confidences["suami.tanggal_lahir"] < SURE and confidences["istri.tanggal_lahir"] < SURE
    assert confidences["istri.agama"] == 0.95  # a religion read once may well be both's


@pytest.mark.parametrize(("first", "second", "confidence"), [
    ("7402011409632944", "7402011409632944", SURE),  # a NIK whose structure checks, read alike twice
    ("7402012411051274", "7402012411051274", SURE),  # a No. KK
    ("7402011409632944", "7402011409632994", 0.85),  # readings that differ: DISPUTED at most, as before
    ("7402019909632944", "7402019909632944", 0.85),  # alike, but no date in it: the structure caught nothing
    ("LA ODE HAMZAH", "LA ODE HAMZAH", 0.85),  # a name read alike from the same pixels is no surer for it
])
def test_two_readings_alike_of_an_identity_number_whose_structure_checks_reach_sure(first, second, confidence):
    weighed = weigh(core.FieldValue(first, 0.6, 1, (0, 0, 10, 10)), [core.FieldValue(second, 0.95)])
    assert weighed.confidence == confidence


def test_a_member_s_nik_that_bears_out_the_row_s_birth_date_and_sex_confirms_them_unless_doubted():
    row = _member("7402015907641454", "1964-07-19") | {"jenis_kelamin": _sure("PEREMPUAN", 0.85),
                                                      "tanggal_lahir": _sure("1964-07-19", 0.85),
                                                      "nik": _sure("7402015907641454", 0.85)}
    confidences, doubts = _judged(_kk_header(), "kk", (row,))
    assert confidences["0.tanggal_lahir"] == confidences["0.jenis_kelamin"] == CORROBORATED
    assert confidences["0.nik"] == 0.85 and doubts == set()  # the NIK's serial digits nothing bears out
    confidences, _ = _judged(_kk_header(), "kk", (row | {"jenis_kelamin": _sure("LAKI-LAKI", 0.85)},))
    assert confidences["0.tanggal_lahir"] == 0.85  # the sex digits say otherwise
    confidences, _ = _judged(_kk_header(), "kk", (row | {"tanggal_lahir": _sure("1964-07-19", CONTRADICTED)},))
    assert confidences["0.tanggal_lahir"] == CONTRADICTED  # a reader's contradiction stands
    confidences, _ = _judged(_kk_header(tanggal_dikeluarkan="1960-01-02"), "kk", (row,))
    assert confidences["0.tanggal_lahir"] == CONTRADICTED  # born after the KK was issued (`order`): no raise
    confidences, _ = _judged(_kk_header(), "kk", (row | {"tanggal_lahir": _sure("1964-07-19", MENDED)},))
    assert confidences["0.tanggal_lahir"] == MENDED  # nor a value mended (from the NIK itself, in a reader)
    lookalike = row | {"nik": _sure("1302015907641454", 0.85)}  # another member's NIK with a digit misread
    confidences, _ = _judged(_kk_header(), "kk", (_member("7302011409632944", "1963-09-14"), lookalike))
    assert confidences["1.tanggal_lahir"] == 0.85  # a NIK the page doubts (`region`) witnesses nothing
    confidences, _ = _judged(_kk_header(), "kk", (row | {"tanggal_lahir": _sure("1864-07-19", 0.85)},))
    assert confidences["0.tanggal_lahir"] == CONTRADICTED  # the NIK's 64 agrees, but 1864 is a misread (`shape`)
