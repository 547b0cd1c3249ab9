"""The ijazah extractor on hand-made pages through `ocr.extract_pages` (no Tesseract): label variants,
values by layout, normalization of ijazah values, and how second readings of a crop are weighed."""

import numpy as np
import pytest

import core
import ocr
from ocr import Page, Word, confidence
from ocr import normalize as norm

_COLON_X = 700
_WHITE = np.full((1400, 1600), 255, np.uint8)
"""A page image, so that unsure values are read again (by the `ocr.second_readings` given)."""


def _page(*rows: tuple[str, str] | str, confidence: float = 1.0, unsure: dict[str, float] | None = None,
          image: np.ndarray | None = None) -> Page:
    """`(label, value)` rows printed `label : value` with the colons aligned; plain strings as free lines.

    `unsure` gives some values' words their own confidence; with an `image` the page was read by OCR."""
    words, y = [], 100
    for row in rows:
        x = 100
        label, value = row if isinstance(row, tuple) else (row, None)
        for text in label.split():
            words.append(Word(text, confidence, (x, y, x + 16 * len(text), y + 30)))
            x += 16 * len(text) + 14
        if value is not None:
            words.append(Word(":", confidence, (_COLON_X, y, _COLON_X + 6, y + 30)))
            x = _COLON_X + 30
            sure = (unsure or {}).get(value, confidence)
            for text in value.split():
                words.append(Word(text, sure, (x, y, x + 16 * len(text), y + 30)))
                x += 16 * len(text) + 14
        y += 70
    return Page(1, image, tuple(words), "text_layer" if image is None else "ocr")


def _fields(*pages: Page) -> dict[str, core.FieldValue]:
    extraction, _ = ocr.extract_pages(pages, declared_type=core.DocumentType.IJAZAH)
    assert extraction.document_type == core.DocumentType.IJAZAH and extraction.anggota == ()
    assert list(extraction.fields) == list(core.IJAZAH_FIELDS)
    return extraction.fields


def _read(*rows: tuple[str, str] | str) -> dict[str, str | None]:
    return {name: value.value for name, value in _fields(_page(*rows)).items()}


def _second_reader(texts: dict[str, tuple[str, float]], asked: list[tuple[list, str | None]] | None = None):
    """Reads a crop again as `texts[what the page read there]`: (text, confidence); nothing for other crops."""

    def reader(page, boxes, *, lang, whitelist=None):
        if asked is not None:
            asked.append((boxes, whitelist))
        out = []
        for box in boxes:
            inside = " ".join(w.text for w in page.words_in(box) if w.text != ":")
            text, confidence = texts.get(inside, ("", 0.0))
            x, words = box[0] + 10, []
            for part in text.split():
                words.append(Word(part, confidence, (x, box[1] + 5, x + 16 * len(part), box[3] - 5)))
                x += 16 * len(part) + 14
            out.append(tuple(words))
        return out

    return reader


_SCHOOL_HEAD = ("IJAZAH", "SEKOLAH MENENGAH PERTAMA", ("Nomor Ijazah", "DN-74/M-SMP/13/0012345"),
                ("Nama Satuan Pendidikan", "SMP NEGERI 2 KOLAKA"), ("NPSN", "40401234"))


@pytest.mark.parametrize("label", ["Tempat dan Tanggal Lahir", "Tempat, Tanggal Lahir", "Tempat/Tgl. Lahir",
                                   "Tempat/Tanggal Lahir", "Tempat Tgl. Lahir"])
def test_birth_label_variants(label):
    got = _read(*_SCHOOL_HEAD, ("Nama", "WA ODE SITI AMINAH"), (label, "KOLAKA, 12 Maret 2002"),
                ("Nama Orang Tua/Wali", "LA ODE RAHMAN"), "Kolaka, 4 Mei 2017")
    assert (got["tempat_lahir"], got["tanggal_lahir"]) == ("KOLAKA", "2002-03-12")
    assert got["nama_lengkap"] == "WA ODE SITI AMINAH" and got["nama_orang_tua"] == "LA ODE RAHMAN"
    assert got["tanggal_lulus"] == "2017-05-04"


def test_school_fields_with_separate_birth_labels_and_numeric_dates():
    got = _read(*_SCHOOL_HEAD, ("Nama Lengkap", "NINYOMAN SRI ARTINI"), ("Tempat Lahir", "TANA TORAJA"),
                ("Tanggal Lahir", "01-07-2003"), ("Nomor Induk Siswa", "8032"),
                ("Nomor Induk Siswa Nasional", "0080214OO8"), "LULUS", "Makale, 2 Juni 2018", "Kepala Sekolah,")
    assert got["jenjang"] == "SMP" and got["npsn"] == "40401234" and got["nis"] == "8032"
    assert got["nisn"] == "0080214008"  # letter O for zero in a number
    assert got["nama_lengkap"] == "NI NYOMAN SRI ARTINI"  # a glued Balinese prefix split
    assert (got["tempat_lahir"], got["tanggal_lahir"]) == ("TANA TORAJA", "2003-07-01")
    assert got["nomor_ijazah"] == "DN-74/M-SMP/13/0012345"
    assert got["tanggal_lulus"] == "2018-06-02" and got["nim"] is None


@pytest.mark.parametrize("signed", ["Kolaka. 1 Juni 1978", "Kolaka 1 Juni 1978", "Kolaka, 1 Jun. 1978",
                                    "Kolaka, 01-06-1978", "Ditetapkan di Kolaka pada tanggal 1 Juni 1978"])
def test_date_of_issue_without_comma_or_spelled_out_month(signed):
    got = _read(*_SCHOOL_HEAD, ("Nama", "ANI"), ("Tempat dan Tanggal Lahir", "KOLAKA, 3 Maret 1965"), "LULUS",
                signed, "Kepala Sekolah,", "Drs. LA ODE HASIMU, M.Pd.")
    assert got["tanggal_lulus"] == "1978-06-01"


def test_date_of_issue_is_never_the_date_of_birth():
    got = _read(*_SCHOOL_HEAD, ("Nama", "ANI"), ("Tempat dan Tanggal Lahir", "KOLAKA, 3 Maret 1965"), "LULUS")
    assert got["tanggal_lahir"] == "1965-03-03" and got["tanggal_lulus"] is None
    # The birth line with its colon lost (no label found): still not the date of issue.
    lost = _read(*_SCHOOL_HEAD, ("Nama", "ANI"), "Tempat dan Tanggal Lahir KOLAKA, 3 Maret 1965", "LULUS")
    assert lost["tanggal_lulus"] is None
    labelled = _read(*_SCHOOL_HEAD, ("Tanggal Lulus", "20 Mei 1982"), ("Nama", "ANI"),
                     ("Tempat dan Tanggal Lahir", "KOLAKA, 3 Maret 1965"))
    assert labelled["tanggal_lulus"] == "1982-05-20"


@pytest.mark.parametrize(("programme", "jenjang"), [("Sarjana", "S1"), ("Diploma III", "D3"), ("D-III", "D3"),
                                                     ("Diploma Tiga", "D3"), ("Sarjana Terapan", "D4"),
                                                     ("Magister", "S2"), ("Strata Satu", "S1")])
def test_university_layout(programme, jenjang):
    got = _read(("Nomor Ijazah Nasional", "552012012249340"), "UNIVERSITAS HALU OLEO", "IJAZAH",
                ("Nama", "LA ODE RUSLAN"), ("Tempat, Tgl. Lahir", "SURABAYA / 23-04-1990"),
                ("NPM", "F1A12644"), ("Program Pendidikan", programme), ("Program Studi", "Teknik Informatika"),
                ("Gelar Akademik", "SARJANA KOMPUTER (S.KOM)"), "Kendari, 14 Juni 2012", "Rektor,")
    assert got["jenjang"] == jenjang and got["nama_satuan_pendidikan"] == "UNIVERSITAS HALU OLEO"
    assert (got["tempat_lahir"], got["tanggal_lahir"]) == ("SURABAYA", "1990-04-23")
    assert got["nim"] == "F1A12644" and got["program_studi"] == "TEKNIK INFORMATIKA"
    assert got["gelar"] == "SARJANA KOMPUTER (S.KOM.)" and got["nomor_ijazah"] == "552012012249340"
    assert got["tanggal_lulus"] == "2012-06-14" and got["npsn"] is None


def test_jenjang_from_the_degree_when_no_programme_is_printed():
    got = _read("UNIVERSITAS X", ("Nama", "ANI"), ("Gelar", "Ahli Madya Keperawatan (A.Md.Kep.)"))
    assert got["jenjang"] == "D3" and got["gelar"] == "AHLI MADYA KEPERAWATAN (A.MD.KEP.)"


@pytest.mark.parametrize(("printed", "canonical"), [
    ("SARJANA KOMPUTER (S.KOM)", "SARJANA KOMPUTER (S.KOM.)"),
    ("SARJANA HUKUM (S.H,)", "SARJANA HUKUM (S.H.)"),
    ("Sarjana Pendidikan (S.Pd.)", "SARJANA PENDIDIKAN (S.PD.)"),
    ("Ahli Madya (A.Md)", "AHLI MADYA (A.MD.)"),
    ("SARJANA KOMPUTER (S.KOM.))", "SARJANA KOMPUTER (S.KOM.)"),
    ("SARJANA EKONOMI", "SARJANA EKONOMI"),
    ("-", None),
])
def test_gelar_keeps_the_abbreviation_period(printed, canonical):
    assert _read(("Nama", "ANI"), ("Gelar Akademik", printed))["gelar"] == canonical


def _nomor(printed: str) -> core.FieldValue:
    return _fields(_page(("Nama", "ANI"), ("Nomor Ijazah", printed)))["nomor_ijazah"]


def test_nomor_ijazah_digits_mended_only_in_numbers_and_a_wrong_length_doubted():
    clean = _nomor("552012012249340")
    assert clean.value == "552012012249340" and clean.confidence == confidence.TEXT_LAYER
    mended = _nomor("S$2011988469794")
    assert mended.value == "552011988469794"
    assert mended.confidence == pytest.approx(clean.confidence * norm.EDIT_FACTOR ** 2, abs=1e-3)
    assert _nomor("5520120237271747").confidence == pytest.approx(clean.confidence * norm.INVALID_FACTOR,
                                                                   abs=1e-3)  # 16 digits
    code = _nomor("DN-74/M-SMA/13/0001234")
    assert (code.value, code.confidence) == ("DN-74/M-SMA/13/0001234", clean.confidence)
    assert _nomor("M-SMA/K13-3/OO12345").value == "M-SMA/K13-3/OO12345"  # a code: kept as read
    empty = _fields(_page(("Nama", "ANI"), ("Nomor Ijazah", "-")))["nomor_ijazah"]
    assert (empty.value, empty.confidence) == (None, 0.0)


def _nim_read_twice(first: tuple[str, float], second: tuple[str, float] | None, *,
                    field: tuple[str, str] = ("NIM", "nim")) -> core.FieldValue:
    """The NIM as the page read it (`first`: text, word confidence), its crop read again as `second`."""
    label, name = field
    page = _page(("Nama", "ANI"), (label, first[0]), unsure={first[0]: first[1]}, image=_WHITE)
    with ocr.second_readings(_second_reader({first[0]: second} if second else {})):
        return _fields(page)[name]


def test_two_readings_of_an_identifier_reconciled():
    # Letter against look-alike digit: the digit, below the automatic threshold either way.
    both = _nim_read_twice(("FIA88207", 0.85), ("F1A88207", 0.7))
    assert both.value == "F1A88207" and both.confidence <= 0.85
    mixed = _nim_read_twice(("F1AB8207", 0.85), ("FIA88207", 0.85))
    assert mixed.value == "F1A88207"  # each position takes its digit
    # Readings that differ otherwise: the surer one, capped as contradicted.
    differ = _nim_read_twice(("12345", 0.85), ("12845", 0.5))
    assert differ.value == "12345" and differ.confidence == pytest.approx(confidence.CONTRADICTED)
    # The page's reading gave no value (5 digits for a 10-digit NISN): the crop's.
    assert _nim_read_twice(("12345", 0.85), ("0080214008", 0.7), field=("NISN", "nisn")).value == "0080214008"
    alone = _nim_read_twice(("123", 0.85), None)
    assert alone.value == "123" and alone.confidence == confidence.score([0.85])  # the crop gave nothing
    assert _nim_read_twice(("123", 0.89), ("123", 0.5)).confidence == confidence.score([0.89])


def test_national_number_year_against_date_of_issue():
    found = _fields(_page(("Nomor Ijazah Nasional", "552012012249340"), ("Nama", "ANI"),
                          ("Tanggal Lulus", "14 Juni 2013")))
    assert found["nomor_ijazah"].value == "552012012249340" and found["tanggal_lulus"].value == "2013-06-14"
    assert found["nomor_ijazah"].confidence <= 0.6 and found["tanggal_lulus"].confidence <= 0.6
    agree = _fields(_page(("Nomor Ijazah Nasional", "552012012249340"), ("Nama", "ANI"),
                          ("Tanggal Lulus", "14 Juni 2012")))
    # Agreement proves little: left as read.
    assert agree["nomor_ijazah"].confidence == confidence.TEXT_LAYER
    assert agree["tanggal_lulus"].confidence == confidence.TEXT_LAYER


@pytest.mark.parametrize(("printed", "iso"), [
    ("1 Mej 1997", "1997-05-01"),  # one slip in a three-letter month
    ("12 Agt. 2002", "2002-08-12"), ("5 Sept 1999", "1999-09-05"), ("3 May 2001", "2001-05-03"),
    ("7-Juni-2004", "2004-06-07"), ("12 JUNL 2001", "2001-06-12"), ("KOLAKA, 12 Maret2002", "2002-03-12"),
    ("12 Septembfr 2001", "2001-09-12"),
    ("2 Jnui 2003", None),  # as close to Juni as to Juli: not guessed
    ("12 Ju 2001", None),
])
def test_month_names_abbreviated_and_misread(printed, iso):
    assert norm.date(printed) == iso


def test_misread_month_costs_confidence_and_abbreviation_does_not():
    assert norm.date_graded("1 Mej 1997").factor < 1
    assert norm.date_graded("12 Agt 2002").factor == 1.0


@pytest.mark.parametrize(("printed", "canonical", "mended"), [
    ("TRI HNDAYAN!", "TRI HNDAYANI", True),
    ("NINYOMAN SRI ARTINI", "NI NYOMAN SRI ARTINI", True),
    ("IWAYAN 5UDARMA", "I WAYAN SUDARMA", True),
    ("ni luh  putu", "NI LUH PUTU", False),
    ("NINA SARI", "NINA SARI", False),  # NI + NA is not a Balinese name
    ("Drs. H. ABDUL RAHIM, M.Si", "DRS. H. ABDUL RAHIM, M.SI", False),
    ("JALAN 17", "JALAN 17", False),  # a number is not mended into letters
    ("-", None, False),
])
def test_person_names(printed, canonical, mended):
    graded = norm.person_name_graded(printed)
    assert graded.value == canonical
    assert (graded.factor < 1) == mended or canonical is None


@pytest.mark.parametrize(("first", "second", "value", "confidence"), [
    (("IIS SUMIATI", 0.5), ("IIS SUMIATI", 0.97), "IIS SUMIATI", 0.85),  # agreement lifts, not into 0.9
    (("IIS SUMIATI", 0.5), ("IIS SUMIATI", 0.4), "IIS SUMIATI", None),  # never past the second reading
    (("TIS SUMIATI", 0.7), ("IIS SUMIATI", 0.7), "TIS SUMIATI", None),  # not clearly surer: first stands
    (("TIS SUMIATI", 0.6), ("IIS SUMIATI", 0.96), "IIS SUMIATI", 0.85),  # clearly surer, capped
])
def test_an_unsure_name_is_read_again_and_weighed(first, second, value, confidence):
    """`confidence` None: the page's reading keeps its own."""
    page = _page(("Nama", first[0]), ("NIM", "F1A12644"), unsure={first[0]: first[1]}, image=_WHITE)
    with ocr.second_readings(_second_reader({})):
        alone = _fields(page)["nama_lengkap"]
    asked: list[tuple[list, str | None]] = []
    with ocr.second_readings(_second_reader({first[0]: second}, asked)):
        found = _fields(page)
    assert len(asked) == 1 and len(asked[0][0]) == 1  # the unsure name alone was read again
    assert alone.value == first[0] and alone.confidence < 0.9
    assert (found["nama_lengkap"].value, found["nama_lengkap"].confidence) == (value, confidence or alone.confidence)
    assert found["nama_orang_tua"].value is None


def test_place_and_date_of_birth_are_each_as_sure_as_their_own_words():
    words = [Word("Tempat", 1.0, (100, 100, 196, 130)), Word("dan", 1.0, (210, 100, 258, 130)),
             Word("Tanggal", 1.0, (272, 100, 384, 130)), Word("Lahir", 1.0, (398, 100, 478, 130)),
             Word(":", 1.0, (500, 100, 506, 130)), Word("KOLAKA,", 0.96, (530, 100, 642, 130)),
             Word("12", 0.96, (656, 100, 688, 130)), Word("Maret", 0.5, (702, 100, 782, 130)),
             Word("2002", 0.96, (796, 100, 860, 130))]
    found = _fields(Page(1, None, tuple(words), "ocr"))
    assert found["tempat_lahir"].value == "KOLAKA" and found["tempat_lahir"].confidence > 0.9
    assert found["tanggal_lahir"].value == "2002-03-12" and found["tanggal_lahir"].confidence < 0.8


def test_an_unsure_place_of_birth_is_read_again_from_its_own_crop():
    page = _page(("Nama", "TRI HANDAYANI"), ("Tempat dan Tanggal Lahir", "TANA TORAJA, 8 November 1966"))
    unsure = tuple(Word(w.text, 0.5, w.bbox) if w.text == "TANA" else w for w in page.words)
    page = Page(1, _WHITE, unsure, "ocr")
    asked: list[list[tuple[int, int, int, int]]] = []

    def reread(page, boxes, *, lang, whitelist=None):
        asked.append(boxes)
        return [(Word("TANA", 0.92, box), Word("TORAJA,", 0.92, box)) for box in boxes]

    with ocr.second_readings(reread):
        fields = _fields(page)

    assert len(asked) == 1 and len(asked[0]) == 1  # the place alone: the date was sure
    place = fields["tempat_lahir"]
    assert (place.value, place.confidence) == ("TANA TORAJA", 0.85)  # agreement lifts, not into 0.9
    assert fields["tanggal_lahir"].value == "1966-11-08"


def test_a_colon_glued_to_the_birth_value_is_read_past():
    # A text layer printing the colon right against the value gives one word `:KOLAKA,`.
    texts = ["Tempat", "dan", "Tanggal", "Lahir", ":KOLAKA,", "20", "Maret", "2012"]
    words, x = [], 100
    for text in texts:
        words.append(Word(text, 1.0, (x, 300, x + 16 * len(text), 330)))
        x += 16 * len(text) + 14
    page = _page(("Nama", "BASO ARIFIN"))
    fields = _fields(Page(1, None, page.words + tuple(words), "text_layer"))
    assert (fields["tempat_lahir"].value, fields["tanggal_lahir"].value) == ("KOLAKA", "2012-03-20")
