"""Graded normalization, confidence, label values and type detection, on hand-made words (no Tesseract):
`ocr.normalize`, `ocr.confidence`, and pages through `ocr.extract_pages`."""

import pytest

import core
import ocr
from ocr import Page, Word
from ocr import confidence as _confidence
from ocr import normalize as norm


def _line(*texts: str, confidence: float = 0.95, y: int = 100) -> tuple[Word, ...]:
    words, x = [], 10
    for text in texts:
        width = 18 * len(text)
        words.append(Word(text, confidence, (x, y, x + width, y + 30)))
        x += width + 15
    return tuple(words)


def test_vocabulary_snaps_within_the_edit_bound_and_costs_confidence():
    snapped = norm.vocabulary_graded("pendidikan", "DIPLOMA IV/STRATA |")
    assert snapped.value == "DIPLOMA IV/STRATA I" and snapped.factor < 1
    assert norm.vocabulary_graded("pendidikan", "SLTA/SEDERAJAT") == norm.Graded("SLTA/SEDERAJAT", 1.0)
    assert norm.vocabulary_graded("agama", "Katolik").value == "KATHOLIK"  # a listed variant: no cost
    assert norm.vocabulary_graded("agama", "Katolik").factor == 1.0
    assert norm.vocabulary_graded("agama", "KRISTIANI").value is None  # too far from any value
    assert norm.vocabulary_graded("kewarganegaraan", "WNX").value is None  # 3 letters: no edit tolerated


@pytest.mark.parametrize(("printed", "group"), [("Oo", "O"), ("0", "O"), ("8", "B"), ("AB", "AB"), ("ke)", None)])
def test_blood_group_confusions(printed, group):
    assert norm.vocabulary("golongan_darah", printed) == group


def test_identity_numbers_are_mended_only_into_valid_structure():
    assert norm.identity_number("7401054506850002", core.nik_problems) == norm.Graded("7401054506850002", 1.0)
    mended = norm.identity_number("74010545O685OOO2", core.nik_problems)
    assert mended.value == "7401054506850002" and mended.factor < 1
    # 16 digits as printed but no valid NIK (day 85): kept, at a much lower confidence.
    assert norm.identity_number("7401548516850002", core.nik_problems).factor == norm.INVALID_FACTOR
    assert norm.identity_number("196506141991101004", core.nik_problems).value is None  # an 18-digit NIP
    assert norm.no_kk("7401051203080012") == "7401051203080012"


def test_dates_cost_confidence_when_mended():
    assert norm.date_graded("12-03-1980") == norm.Graded("1980-03-12", 1.0)
    assert norm.date_graded("12 Maret 2002") == norm.Graded("2002-03-12", 1.0)
    assert norm.date_graded("12 Marct 2002").factor < 1
    assert norm.date_graded("2O-09-1965").value == "1965-09-20"


def test_confidence_is_monotone_and_bounded():
    scores = [_confidence.score([c]) for c in (0.2, 0.5, 0.7, 0.9, 0.99)]
    assert scores == sorted(scores) and scores[0] >= 0 and scores[-1] <= 1
    assert _confidence.score([0.95, 0.4]) == _confidence.score([0.4])  # the weakest word decides
    assert _confidence.score([0.95], 0.85) < _confidence.score([0.95])
    assert _confidence.score([1.0]) == _confidence.TEXT_LAYER
    assert _confidence.score([]) == 0.0


def _page(*rows: tuple[str, ...], confidence: float = 0.95) -> Page:
    words = tuple(w for i, row in enumerate(rows) for w in _line(*row, y=60 * i, confidence=confidence))
    return Page(1, None, words, "text_layer")


def _ijazah(*words: str, confidence: float = 0.95) -> dict[str, str | None]:
    extraction, _ = ocr.extract_pages([_page(("IJAZAH",), words, confidence=confidence)],
                                      declared_type=core.DocumentType.IJAZAH)
    return {name: value.value for name, value in extraction.fields.items()}


def test_a_labelled_value_drops_what_a_colon_was_read_as():
    assert _ijazah("Program", "Studi", "»", "TEKNIK", "SIPIL")["program_studi"] == "TEKNIK SIPIL"
    assert _ijazah("Nama", "1", "LA", "ODE", confidence=0.5)["nama_lengkap"] == "LA ODE"
    assert _ijazah("Nomor", "Ijazah", "1:DN-74/M-SMA")["nomor_ijazah"] == "DN-74/M-SMA"
    assert _ijazah("Program", "Studi", "!TEKNIK", "SIPIL")["program_studi"] == "TEKNIK SIPIL"
    # A Balinese name begins with the letter I: it stays.
    assert _ijazah("Nama", ":", "I", "WAYAN", confidence=0.5)["nama_lengkap"] == "I WAYAN"


def test_type_from_title_and_labels():
    page = _page(("KARTU", "KELUARGA"), ("Nama", "Kepala", "Keluarga", ":", "X"), ("Desa/Kelurahan", ":", "Y"))
    _, found = ocr.extract_pages([page])
    assert found.document_type == core.DocumentType.KK and found.confidence > 0.7


def test_type_from_labels_when_the_title_is_lost():
    page = _page(("AZA",), ("Nomor", "Ijazah", ":", "1"), ("Program", "Studi", ":", "X"),
                 ("Nomor", "Induk", "Mahasiswa", ":", "2"), ("Gelar", "Akademik", ":", "S.T."))
    extraction, found = ocr.extract_pages([page])
    assert found.document_type == core.DocumentType.IJAZAH and 0 < found.confidence < 0.9
    assert extraction.document_type == core.DocumentType.IJAZAH


def test_no_title_no_labels_no_type():
    with pytest.raises(core.UnreadableDocument, match="not a KK, ijazah or buku nikah"):
        ocr.extract_pages([_page(("Daftar", "belanja"), ("beras", "gula"))])
