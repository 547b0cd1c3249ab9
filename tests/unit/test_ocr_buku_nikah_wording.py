"""Buku nikah wordings the extractor was not written against: label synonyms across issue years, a wrapped
address, the KUA in the heading, the marriage date inside a sentence, and old headings (`ISTERI`)."""

import core
import ocr
from ocr import Page, Word

_VALUE_X = 700


def _page(*rows: tuple[str, str] | str | tuple[str, str, str]) -> Page:
    """`(label, value)` rows with aligned colons; `(label, value, more)` wraps the value onto a second line
    under its start; plain strings are lines of their own."""
    words, y = [], 100
    for row in rows:
        label, value, more = (row, None, None) if isinstance(row, str) else (*row, None)[:3]
        x = 100
        for part in label.split():
            words.append(Word(part, 0.96, (x, y, x + 16 * len(part), y + 30)))
            x += 16 * len(part) + 14
        for line in (value, more):
            if line is None:
                continue
            if line is value:
                words.append(Word(":", 0.96, (_VALUE_X - 30, y, _VALUE_X - 24, y + 30)))
            else:
                y += 50
            x = _VALUE_X
            for part in line.split():
                words.append(Word(part, 0.96, (x, y, x + 16 * len(part), y + 30)))
                x += 16 * len(part) + 14
        y += 70
    return Page(1, None, tuple(words), "ocr")


def _party(name: str, nik: str, born: str) -> list[tuple[str, str] | tuple[str, str, str]]:
    return [("Nama", name), ("NIK", nik), ("Tempat, Tanggal Lahir", born), ("Warganegara", "Indonesia"),
            ("Agama", "Islam"), ("Pekerjaan", "Wiraswasta"),
            ("Tempat Tinggal", "Jl. Pemuda No. 12 RT 002 RW 003", "Kelurahan Lalombaa Kecamatan Kolaka")]


_NEW = ["KEMENTERIAN AGAMA REPUBLIK INDONESIA", "KANTOR URUSAN AGAMA KECAMATAN KOLAKA", "KUTIPAN AKTA NIKAH",
        ("Nomor Akta Nikah", "7401010102024001"),
        "Pada hari Rabu tanggal 30 Oktober 2024 telah dilangsungkan akad nikah antara",
        "SUAMI", *_party("LA ODE SAHIDIN", "7401051203950001", "Kolaka, 12 Maret 1995"),
        "ISTERI", *_party("WA ODE NURLIA", "7401055507970002", "Raha, 15 Juli 1997"),
        "WALI NIKAH", ("Nama", "LA ODE MUHAMMAD")]


def _read(*rows) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages([_page(*rows)])
    assert extraction.document_type == core.DocumentType.BUKU_NIKAH
    return extraction.fields


def test_post_2022_wording_with_synonyms_wrapped_address_and_sentence_date():
    got = _read(*_NEW)
    values = {k: v.value for k, v in got.items()}
    assert values["nomor_akta"] == "7401010102024001"
    # The sentence names the weekday the date falls on (30 October 2024 was a Wednesday): sure.
    assert values["tanggal_nikah"] == "2024-10-30" and got["tanggal_nikah"].confidence >= 0.9
    assert values["kua"] == "KUA KECAMATAN KOLAKA" and got["kua"].confidence < 0.9
    for role, name in (("suami", "LA ODE SAHIDIN"), ("istri", "WA ODE NURLIA")):
        assert values[f"{role}.nama_lengkap"] == name
        assert values[f"{role}.kewarganegaraan"] == "WNI"
        assert values[f"{role}.alamat"] == "JL. PEMUDA NO. 12 RT 002 RW 003 KELURAHAN LALOMBAA KECAMATAN KOLAKA"
    assert values["suami.tanggal_lahir"] == "1995-03-12" and values["istri.tempat_lahir"] == "RAHA"
    assert values["wali.nama_lengkap"] == "LA ODE MUHAMMAD"


def test_old_book_with_kantor_urusan_agama_label():
    got = _read("DEPARTEMEN AGAMA", "KUTIPAN AKTA NIKAH", ("Nomor", "0123/045/VI/2019"),
                ("Tanggal Akad Nikah", "Minggu, 16 Juni 2019"), ("Kantor Urusan Agama", "Kecamatan Wolio"),
                "SUAMI", ("Nama", "LA BAHARI"), ("Kewarganegaraan", "WNI"), ("Alamat", "Jl. Betoambari No. 3"),
                "ISTRI", ("Nama", "WA SITI"), ("Warga Negara", "Warga Negara Indonesia"))
    values = {k: v.value for k, v in got.items()}
    assert values["nomor_akta"] == "0123/045/VI/2019" and values["tanggal_nikah"] == "2019-06-16"
    assert values["kua"] == "KUA KECAMATAN WOLIO"
    assert values["suami.kewarganegaraan"] == values["istri.kewarganegaraan"] == "WNI"
    assert values["suami.alamat"] == "JL. BETOAMBARI NO. 3"


def test_a_foreign_spouse():
    got = _read("KUTIPAN AKTA NIKAH", ("Nomor", "0123/045/VI/2019"), "SUAMI", ("Nama", "JOHN SMITH"),
                ("Kewarganegaraan", "Warga Negara Asing"), "ISTRI", ("Nama", "WA SITI"), ("Kewarganegaraan", "WNI"))
    assert (got["suami.kewarganegaraan"].value, got["istri.kewarganegaraan"].value) == ("WNA", "WNI")


def _table(*rows: tuple[str, str, str] | str) -> Page:
    """A table of both parties: label, `:` and the suami's value, `:` and the istri's value, side by side."""
    words, y = [], 100
    for row in rows:
        cells = [(100, row)] if isinstance(row, str) else [(100, row[0]), (600, row[1]), (1200, row[2])]
        for i, (x, text) in enumerate(cells):
            if i and isinstance(row, tuple):
                words.append(Word(":", 0.96, (x - 30, y, x - 24, y + 30)))
            for part in text.split():
                words.append(Word(part, 0.96, (x, y, x + 16 * len(part), y + 30)))
                x += 16 * len(part) + 14
        y += 70
    return Page(1, None, tuple(words), "ocr")


def test_both_parties_side_by_side():
    page = _table("KUTIPAN AKTA NIKAH", "Nomor : 0984/016/VII/2020", "Tanggal Nikah : Sabtu, 18 Juli 2020",
                  ("Keterangan", "SUAMI", "ISTRI"), ("Nama", "LA ODE SAHIDIN", "WA ODE NURLIA"),
                  ("NIK", "7401051203950001", "7401055507970002"),
                  ("Tempat/Tgl. Lahir", "Kolaka, 12 Maret 1995", "Raha, 15 Juli 1997"),
                  ("Warga Negara", "WNI", "WNI"), ("Agama", "Islam", "Islam"),
                  ("Pekerjaan", "Petani/Pekebun", "Mengurus Rumah Tangga"),
                  ("Alamat", "Jl. Pemuda No. 12", "Jl. Sudirman No. 4"), "Wali Nikah : LA ODE MUHAMMAD")
    extraction, _ = ocr.extract_pages([page])
    values = {k: v.value for k, v in extraction.fields.items()}
    assert (values["suami.nama_lengkap"], values["istri.nama_lengkap"]) == ("LA ODE SAHIDIN", "WA ODE NURLIA")
    assert (values["suami.nik"], values["istri.nik"]) == ("7401051203950001", "7401055507970002")
    assert (values["suami.tempat_lahir"], values["istri.tanggal_lahir"]) == ("KOLAKA", "1997-07-15")
    assert values["istri.pekerjaan"] == "MENGURUS RUMAH TANGGA" and values["suami.alamat"] == "JL. PEMUDA NO. 12"
    assert values["suami.kewarganegaraan"] == values["istri.kewarganegaraan"] == "WNI"
    assert values["wali.nama_lengkap"] == "LA ODE MUHAMMAD" and values["tanggal_nikah"] == "2020-07-18"


def test_place_and_date_of_birth_under_labels_of_their_own():
    got = _read("KUTIPAN AKTA NIKAH", ("Nomor", "0123/045/VI/2019"), ("Tanggal Nikah", "Minggu, 16 Juni 2019"),
                "SUAMI", ("Nama", "LA BAHARI"), ("Tempat Lahir", "Baubau"), ("Tanggal Lahir", "2 Mei 1990"),
                "ISTRI", ("Nama", "WA SITI"), ("Tempat Lahir", "Raha"), ("Tgl. Lahir", "7 Juli 1993"))
    values = {k: v.value for k, v in got.items()}
    assert (values["suami.tempat_lahir"], values["suami.tanggal_lahir"]) == ("BAUBAU", "1990-05-02")
    assert (values["istri.tempat_lahir"], values["istri.tanggal_lahir"]) == ("RAHA", "1993-07-07")
    assert values["tanggal_nikah"] == "2019-06-16"


def test_old_book_parents_are_not_the_party():
    got = _read("KUTIPAN AKTA NIKAH", ("Nomor", "0123/045/VI/2019"), "SUAMI", ("Nama Ayah", "LA ODE HAMID"),
                ("Nama", "LA BAHARI"), ("Bin", "LA ODE HAMID"), ("Agama", "Islam"), "ISTERI",
                ("Nama Ibu", "WA ODE HASNA"), ("Nama", "WA SITI"), "WALI NIKAH", ("Nama", "LA ODE HAMID"),
                ("Dilangsungkan pada Tanggal", "16 Juni 2019"))
    values = {k: v.value for k, v in got.items()}
    assert (values["suami.nama_lengkap"], values["istri.nama_lengkap"]) == ("LA BAHARI", "WA SITI")
    assert values["wali.nama_lengkap"] == "LA ODE HAMID" and values["tanggal_nikah"] == "2019-06-16"
