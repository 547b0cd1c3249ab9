"""Older buku nikah and STTB wordings (families nikah-lama and ijazah-sekolah-lama, tuned on): a table of
both parties whose labels stand close to their values without a colon, headings split over two lines, the
KUA's label that begins its name, `Hari / Tanggal` spaced out, `Nomor Induk` and a bare `No.` number."""

import numpy as np

import core
import ocr
from ocr import Page, Word


def _page(*rows: list[tuple[int, str]], dy: dict[int, int] | None = None) -> Page:
    """Each row a list of (x, text) runs; `dy` moves single runs (by their x) up or down."""
    words, y = [], 100
    for row in rows:
        for x0, text in row:
            x = x0
            shift = (dy or {}).get(x0, 0)
            for part in text.split():
                words.append(Word(part, 0.96, (x, y + shift, x + 16 * len(part), y + shift + 30)))
                x += 16 * len(part) + 14
        y += 70
    return Page(1, None, tuple(words), "ocr")


def _akta(heading: list[tuple[int, str]], *, dy: dict[int, int] | None = None) -> dict[str, core.FieldValue]:
    page = _page([(500, "AKTA NIKAH")], [(450, "No. : 0984/016/VII/2020")],
                 [(100, "KUA Kecamatan : MANDONGA")], [(100, "Hari / Tanggal : Rabu / 8 Juli 2020")],
                 heading,
                 [(100, "Nama Lengkap"), (700, "LA ODE HASRUDDIN"), (1300, "NURHAEDAH")],
                 [(100, "Nomor Induk Kependudukan 7404021808960078"), (1300, "7471016005990087")],
                 [(100, "Tempat/Tgl. Lahir"), (700, "Kolaka, 18 Agustus 1996"), (1300, "Kendari, 20 Mei 1999")],
                 [(100, "Agama"), (700, "Islam"), (1300, "Islam")],
                 [(100, "Wali Nikah : BASO ARIFIN")], dy=dy)
    extraction, _ = ocr.extract_pages([page])
    return extraction.fields


def test_old_akta_in_a_table_of_both_parties():
    fields = _akta([(800, "SUAMI"), (1400, "ISTERI")])
    assert fields["suami.nik"].value == "7404021808960078"
    assert fields["istri.nik"].value == "7471016005990087"
    assert fields["istri.nama_lengkap"].value == "NURHAEDAH"
    assert fields["tanggal_nikah"].value == "2020-07-08"
    assert fields["kua"].value == "KUA KECAMATAN MANDONGA"


def test_party_headings_a_little_apart_in_height_are_still_side_by_side():
    fields = _akta([(800, "SUAMI"), (1400, "ISTERI")], dy={1400: 22})
    assert fields["suami.nama_lengkap"].value == "LA ODE HASRUDDIN"
    assert fields["istri.nama_lengkap"].value == "NURHAEDAH"
    assert fields["istri.tanggal_lahir"].value == "1999-05-20"


def test_sttb_number_after_a_bare_no_and_nis_after_nomor_induk():
    page = _page([(200, "SURAT TANDA TAMAT BELAJAR")], [(300, "SMP NEGERI 6 MEDAN")],
                 [(800, "No. DN-74 DII 1920647")], [(300, "dengan ini menyatakan bahwa")], [(400, "RATNA SARI")],
                 [(250, "lahir di Medan pada tanggal 25 Mei 1967")], [(300, "Nomor Induk : 42317")],
                 [(500, "Diberikan di Medan pada tanggal 12 Juni 1982")])
    extraction, _ = ocr.extract_pages([page])
    assert extraction.fields["nis"].value == "42317"
    assert extraction.fields["nomor_ijazah"].value == "DN-74 DII 1920647"
    assert extraction.fields["nama_lengkap"].value == "RATNA SARI"


def test_the_kua_read_again_with_its_label_and_colon_agrees_with_the_page():
    page = _page([(500, "AKTA NIKAH")], [(450, "No. : 0984/016/VII/2020")], [(100, "KUA Kecamatan : MANDONGA")],
                 [(800, "SUAMI")], [(100, "Nama : LA ODE HASRUDDIN")])
    page = Page(1, np.full((800, 1600), 255, np.uint8), page.words, "ocr")

    def echo(page, boxes, *, lang, whitelist):  # each crop read as the page's words inside it
        return [tuple(w for w in page.words if x0 <= w.cx <= x1 and y0 <= w.cy <= y1) for x0, y0, x1, y1 in boxes]

    with ocr.second_readings(echo):
        extraction, _ = ocr.extract_pages([page])
    kua = extraction.fields["kua"]
    assert kua.value == "KUA KECAMATAN MANDONGA"
    assert kua.confidence >= 0.9  # the crop's reading, colon and all, agrees
