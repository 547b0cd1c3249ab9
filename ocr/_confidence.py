"""How sure a field is, and what the extractors do about it: the one confidence policy of `ocr`.

    score(word_confidences, factor) -> 0..1              a value's confidence from its words
    read_again(value) -> bool                            whether a value is worth a second reading
    weigh(first, seconds, *, lead=CLEARLY_SURER)         one value from readings of the same pixels
    weigh_identity(first, second, problems)              the same for a number whose structure is checked
    lookalike_at_boundary(code) -> bool                  a code no reading can be sure of (`UN56`/`UNS6`)
    understood(doc_type, fields, anggota) -> (fields, anggota, doubts)
                                                         what the page as a whole says of its values, after
                                                         every extractor (`extract_pages`): field shape, date
                                                         order, province, the member table, names read twice
    found_share(doc_type, fields, anggota) -> 0..1       how much of the page was understood (measured only)

The scale (every figure a value can be given, highest first):

    TEXT_LAYER    0.99  a value taken from a PDF's own text
    CORROBORATED  0.98  a value another field on the page repeats and agrees with (a NIK's date and sex digits)
    CALIBRATION   ..0.97 a value read by Tesseract: its weakest word's confidence, calibrated
    SURE          0.9   the band: a value at or above it stands without a second reading, and counts as
                        read with confidence (right >= 99.5 % of the time is the aim)
    UNLABELLED    0.88  the most a value found without a label may claim
    DISPUTED      0.85  the most readings that disagree, or agree from the same pixels, may claim
    IN_SENTENCE   0.85  the most a value cut out of a sentence may claim
      -- the review threshold, 0.80 (`core.Settings.confidence_threshold`): below it a person looks --
    MENDED        0.7   a value mended from another field the page prints (a birth year from the NIK)
    CONTRADICTED  0.6   the most fields that contradict each other may keep
    UNSEPARATED   0.5   the most a name joined from two lines may keep when its row's NIK is not one member's

A value's confidence from its words (`score`): its weakest word's (Tesseract's `conf` / 100; 1.0 for
text-layer words) mapped through `CALIBRATION`, a monotone table measured on the synthetic corpus
(benchmarks/ocr_calibration.py prints the table it is read from), times the normalization's factor (a
vocabulary snap or a mended digit costs `EDIT_FACTOR` per edit; a NIK that breaks its own structure costs
`INVALID_FACTOR`, both in `_normalize`).

Checks on the page then move it (`_fields.corroborate`): fields that corroborate each other are raised to
`CORROBORATED`, fields that contradict each other capped at `CONTRADICTED`. How a value was found caps it
however well its words were read (`_fields.capped`): `UNLABELLED` for a heading or a line of its own,
`IN_SENTENCE` for words cut out of a sentence (`pada tanggal 21 Februari 1987`), `UNSEPARATED` for a
name joined from two table lines beside no valid NIK, `MENDED` for a value another field supplied. The
first two stay above the review threshold and out of the `SURE` band, which is kept for values whose
field the page names; the last two go to review.

Reading again. A value below `SURE` (`read_again`) is read a second time from its own crop of the page
image (`_cells.reread`, sometimes with a whitelist or the language-neutral model); the buku nikah reads
every value again. The second reading shares the first's pixels, so it is no independent witness:

- readings that agree may lift an unsure first reading up to `DISPUTED`, never past what the second
  reading is worth, never into the `SURE` band;
- readings that disagree: the first (the page's) reading stands unless another is `CLEARLY_SURER`, and
  whichever stands keeps at most `DISPUTED` (`weigh`);
- an identity number whose structure can be checked (NIK, No. KK): a reading that breaks the structure
  counts as none, and of two valid readings neither leads: the surer stands (`weigh_identity`);
- an ijazah identifier (`_ijazah._reconcile`): agreement lifts nothing; readings that differ only in
  look-alike letters and digits (`FIA88207`, `F1A88207`) take the digits at `DISPUTED` at most; any other
  disagreement keeps the surer at `CONTRADICTED`, for review;
- a KK member's birth or marriage date (`_kk._weigh`): a second reading with a plausible year replaces an
  implausible first one, at `DISPUTED` at most; otherwise the first stands.

A code that mixes letters and digits with a look-alike where they meet (`UN56` or `UNS6`, `F1A88207` or
`FIA88207`: `lookalike_at_boundary`) is capped at `DISPUTED` however surely it was read: Tesseract reads
either at 0.93, and only a convention the page does not print could tell them apart.

The ijazah decides whether to read an identifier again on its weakest word's raw confidence
(`Span.confidence >= SURE`), not on the calibrated value (`read_again`): raw 0.9 calibrates to 0.92, and
a mended digit's cost is not counted.

The aim: a value reported at >= `SURE` is right at least 99.5 % of the time on every corpus, and a right
value is rarely below the review threshold. Every cap above is about how a value was read and found;
`understood` adds what the page as a whole says (its checks are chosen on extractor versions meeting
families they were never tuned on: benchmarks/results/calibration-unseen-session10.md).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np

import core

from ._normalize import edit_distance

CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0), (0.3, 0.2), (0.5, 0.45), (0.7, 0.75), (0.8, 0.85), (0.9, 0.92), (0.95, 0.95), (1.0, 0.97),
)
"""(raw weakest-word confidence, calibrated confidence); linear in between."""
TEXT_LAYER = 0.99
"""A value taken from a PDF's own text: only the label/column assignment can be wrong."""
CORROBORATED = 0.98
"""What fields that agree with each other on the page are raised to (a NIK's birth date and sex digits
and the row's tanggal_lahir and jenis_kelamin)."""
SURE = 0.9
"""The band a value must reach to stand without a second reading, and to count as read with confidence
(a marriage date this sure may vouch for the month and year in the akta number)."""
UNLABELLED = 0.88
"""Most a value found without a label may claim: its words may be read well, but which field they are
is inferred from the layout."""
DISPUTED = 0.85
"""Most readings that disagree, or that agree from the same pixels, may claim: above the review
threshold (0.80), below `SURE`."""
IN_SENTENCE = 0.85
"""Most a value cut out of a sentence may claim: where it begins and ends is inferred too."""
MENDED = 0.7
"""A value mended from another field the page prints (a birth year taken from the NIK because the printed
one is impossible): likely right, but for a person to see."""
CONTRADICTED = 0.6
"""Most fields that contradict each other on the page may keep."""
UNSEPARATED = 0.5
"""Most a name put together from two table lines may keep when the row's NIK did not read as one
member's (two rows' names may have run together)."""
CLEARLY_SURER = 0.1
"""How much surer a second reading must be to overrule the first (the page's) reading."""


def calibrated(raw: float) -> float:
    xs, ys = zip(*CALIBRATION, strict=True)
    return float(np.interp(raw, xs, ys))


def score(word_confidences: Iterable[float], factor: float = 1.0) -> float:
    """The field's confidence from its words' confidences and its normalization factor."""
    confidences = list(word_confidences)
    if not confidences or factor <= 0:
        return 0.0
    weakest = min(confidences)
    base = TEXT_LAYER if weakest >= 1.0 else calibrated(weakest)
    return round(max(0.0, min(1.0, base * factor)), 3)


def read_again(value: core.FieldValue) -> bool:
    """Whether a value is worth a second reading of its pixels: nothing came of it, or it is below `SURE`."""
    return value.value is None or value.confidence < SURE


def weigh(first: core.FieldValue, seconds: Sequence[core.FieldValue], *,
          lead: float = CLEARLY_SURER) -> core.FieldValue:
    """One value from a first reading and second readings of the same pixels (those without a value are
    no evidence either way).

    All that give a value agree: the first of them, lifted by the surest other up to `DISPUTED` at most.
    They disagree: the surest, unless `first` gave a value and the surest is less than `lead` surer than
    it (then `first`), at `DISPUTED` at most. No reading gave a value: `first`.
    """
    read = [v for v in (first, *seconds) if v.value is not None]
    if not read:
        return first
    leader = read[0]
    if all(v.value == leader.value for v in read):
        others = max((v.confidence for v in read[1:]), default=0.0)
        return dataclasses.replace(leader, confidence=max(leader.confidence, min(others, DISPUTED)))
    best = max(read, key=lambda v: v.confidence)
    if first.value is not None and best.confidence < first.confidence + lead:
        best = first
    return dataclasses.replace(best, confidence=min(best.confidence, DISPUTED))


_LETTER_LOOKALIKES = frozenset("OIDSBZGL")
_DIGIT_LOOKALIKES = frozenset("015826")


def lookalike_at_boundary(code: str) -> bool:
    """Whether a code mixing letters and digits has a look-alike character where letters meet digits
    (`UN56` and `UNS6`, `F1A88207` and `FIA88207`): which of the two the page prints, the pixels barely
    tell, so a value such as this is never `SURE` (the caller caps it at `DISPUTED`)."""
    for part in re.split(r"[/.\-\s]+", code.upper()):
        for i in range(1, len(part) - 1):
            left, c, right = part[i - 1], part[i], part[i + 1]
            lookalike = c in _LETTER_LOOKALIKES if c.isalpha() else c in _DIGIT_LOOKALIKES
            kinds = {left.isdigit(), right.isdigit(), c.isdigit()}
            if lookalike and left.isalnum() and right.isalnum() and len(kinds) == 2:
                return True
    return False


def weigh_identity(first: core.FieldValue, second: core.FieldValue,
                   problems: Callable[[str], list[str]]) -> core.FieldValue:
    """Two readings of a NIK or No. KK: a reading that breaks the number's structure (`problems`) counts
    as none; of two valid ones neither leads (the second, digits-only reading is as good a witness as the
    page's), and they are weighed as `weigh` does."""
    if second.value is None or problems(second.value):
        return first
    if first.value is None or problems(first.value):
        return second
    return weigh(first, [second], lead=0.0)


# --- What the page as a whole says about its values (`understood`) -----------------------------------------

PERSON_NAMES = frozenset({
    "nama_lengkap", "nama_kepala_keluarga", "nama_orang_tua", "nama_ayah", "nama_ibu",
    "suami.nama_lengkap", "istri.nama_lengkap", "wali.nama_lengkap",
})
"""Fields that hold a person's name (a member cell's field name without its row)."""
PLACES = frozenset({
    "tempat_lahir", "suami.tempat_lahir", "istri.tempat_lahir", "desa_kelurahan", "kecamatan", "kabupaten_kota",
    "provinsi",
})
CODES = frozenset({"nim", "nis", "nisn", "npsn", "nomor_ijazah", "nomor_akta", "no_paspor", "no_kitap"})
"""Fields that hold an identifier printed as digits, letters and separators (never words of a sentence)."""
INSTITUTION_KINDS = frozenset({
    "UNIVERSITAS", "INSTITUT", "SEKOLAH", "POLITEKNIK", "AKADEMI", "STIKES", "STIE", "STKIP", "STMIK", "STAIN",
    "IAIN", "UIN", "MADRASAH", "PONDOK", "PESANTREN", "SD", "SDN", "SMP", "SMPN", "SMA", "SMAN", "SMK", "SMKN",
    "MI", "MIN", "MTS", "MTSN", "MA", "MAN", "MAK", "PKBM", "SKB", "SLB", "SMEA", "STM", "SPG", "SMEP", "SGO",
    "SMU", "SMPLB", "SMALB", "SDLB", "KURSUS", "LEMBAGA", "PUSAT", "SANGGAR", "KELOMPOK", "STT", "STIH", "STIA",
})
"""Words one of which every school's, madrasah's or higher-education institution's name carries, whoever
issues it: a `nama_satuan_pendidikan` without one is a fragment of something else (`SWASTA WILAYAH IX`,
cut from `KOORDINASI PERGURUAN TINGGI SWASTA WILAYAH IX`)."""
_NOT_A_NAME = frozenset({
    "REPUBLIK", "INDONESIA", "KEMENTERIAN", "DEPARTEMEN", "KEMENTRIAN", "DINAS", "PEMERINTAH", "KOORDINASI",
    "WILAYAH", "UNIVERSITAS", "INSTITUT", "SEKOLAH", "FAKULTAS", "KANTOR", "KEPALA", "REKTOR", "DEKAN", "NIP",
    "IJAZAH", "KARTU", "KELUARGA", "KUTIPAN", "AKTA", "NIKAH", "NOMOR", "TANGGAL", "LAHIR", "NAMA", "PROGRAM",
    "STUDI", "GELAR", "LULUS", "TAHUN", "KECAMATAN", "KABUPATEN", "PROVINSI", "DESA", "KELURAHAN", "ALAMAT",
    "AGAMA", "URUSAN", "SIPIL", "KEPENDUDUKAN", "PENCATATAN",
})
"""Words of headings and labels: a person's name holding one was cut from a heading or a label's line."""
MOST_NAME_WORDS = 5
"""A person's name of more words is names run together (a merged member row) or a line of text."""
_UNIVERSITY = frozenset({"nim", "program_studi", "gelar"})
_SCHOOL = frozenset({"npsn", "nama_orang_tua", "nis", "nisn"})
_YEARS_BEFORE = {"ijazah": 5, "buku_nikah": 12, "kk": 0}
"""How many years at least a holder's birth comes before the document's date (graduation, marriage, issue)."""


@dataclasses.dataclass(frozen=True)
class Doubt:
    """Why a value was kept out of the `SURE` band by `understood`: `signal` names the check."""

    key: str
    signal: str


def understood(doc_type: str, fields: dict[str, core.FieldValue], anggota: Sequence[dict[str, core.FieldValue]],
               ) -> tuple[dict[str, core.FieldValue], tuple[dict[str, core.FieldValue], ...], list[Doubt]]:
    """The values with what the page as a whole says applied: (fields, anggota, doubts).

    Signals any layout gives, whoever issued it (benchmarks/results/calibration-unseen-session10.md
    measures each on extractor versions that met families they were never tuned on):

    - `shape`: a value its field's shape forbids (a person's or place's name with a digit or a sign, another
      column's value such as `ISLAM`, an English word of a bilingual print, more than `MOST_NAME_WORDS` words,
      or a sentence's word; a programme, degree or school with an English word; a person's
      name with a heading's or label's word; a name or address made of label words only; a city without
      its `KOTA` (`CITIES_ONLY`); a school without an `INSTITUTION_KINDS` word; an
      identifier with a comma or a word in it) is at most `CONTRADICTED`: it is no reading of that field;
    - `order`: a birth date not before the document's own date (by `_YEARS_BEFORE`) contradicts one of the
      two: both at most `CONTRADICTED` (on a KK only the member's: the other members bear out the date of issue);
    - `table`: a KK member table none of whose rows shows a valid NIK (one its row's birth date, where
      read, agrees with) was not understood (a member row is one NIK): its cells are at most `DISPUTED`
      unless confirmed;
    - `region`: a KK's No. KK or kode pos not of the province it prints (`PROVINCES`), and a member's NIK
      whose province is the printed one's (or the No. KK's, or another member's) with one digit read as a
      look-alike (`14…` in SULAWESI TENGGARA, 74), are at most `DISPUTED`;
    - `echo`: a person's name printed twice that reads one way here and as a longer name ending or
      beginning alike there (`UHAMMAD ASRUL` beside `MUHAMMAD ASRUL`) lost letters at a cell's edge, and a head of
      family whose name the header and the member row read a letter or two apart: at most `DISPUTED`.

    Values only go down (never into `SURE` from below it); nothing is added or removed.
    """
    doubts: list[Doubt] = []
    fields = dict(fields)
    rows = [dict(r) for r in anggota]
    cells = [(k, fields, k) for k in fields] + [(f"{i}.{k}", row, k) for i, row in enumerate(rows) for k in row]
    for key, holder, name in cells:
        if _misshapen(name, holder[name].value):
            _cap(holder, name, CONTRADICTED, doubts, key, "shape")
    for key, holder, name in _order_doubts(doc_type, fields, rows):
        _cap(holder, name, CONTRADICTED, doubts, key, "order")
    if rows and not any(_member_identified(row) for row in rows):
        for key, holder, name in cells:
            if holder is not fields and not _confirmed(holder[name]):
                _cap(holder, name, DISPUTED, doubts, key, "table")
    for key, holder, name in _region_doubts(fields, rows):
        _cap(holder, name, DISPUTED, doubts, key, "region")
    for key, holder, name in _echo_doubts(cells):
        _cap(holder, name, DISPUTED, doubts, key, "echo")
    return fields, tuple(rows), doubts


def _member_identified(row: dict[str, core.FieldValue]) -> bool:
    """A member row with a valid NIK that its birth date, where read, agrees with."""
    nik = row.get("nik", core.FieldValue(None)).value
    born = row.get("tanggal_lahir", core.FieldValue(None)).value
    return bool(nik) and not core.nik_problems(nik, tanggal_lahir=born)  # type: ignore[arg-type]


def _confirmed(value: core.FieldValue) -> bool:
    """Raised by a check of two parts of the page against each other (`CORROBORATED`, below `TEXT_LAYER`)."""
    return value.value is not None and CORROBORATED <= value.confidence < TEXT_LAYER


PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "11": ("ACEH", ("23", "24")), "12": ("SUMATERA UTARA", ("20", "21", "22")),
    "13": ("SUMATERA BARAT", ("25", "26", "27")), "14": ("RIAU", ("28", "29")), "15": ("JAMBI", ("36", "37")),
    "16": ("SUMATERA SELATAN", ("30", "31", "32")), "17": ("BENGKULU", ("38", "39")),
    "18": ("LAMPUNG", ("34", "35")), "19": ("KEPULAUAN BANGKA BELITUNG", ("33",)),
    "21": ("KEPULAUAN RIAU", ("29",)), "31": ("DKI JAKARTA", ("10", "11", "12", "13", "14")),
    "32": ("JAWA BARAT", ("16", "17", "40", "41", "42", "43", "44", "45", "46")),
    "33": ("JAWA TENGAH", ("50", "51", "52", "53", "54", "56", "57", "58", "59")),
    "34": ("DI YOGYAKARTA", ("55",)), "35": ("JAWA TIMUR", ("60", "61", "62", "63", "64", "65", "66", "67", "68", "69")),
    "36": ("BANTEN", ("15", "42")), "51": ("BALI", ("80", "81", "82")), "52": ("NUSA TENGGARA BARAT", ("83", "84")),
    "53": ("NUSA TENGGARA TIMUR", ("85", "86", "87")), "61": ("KALIMANTAN BARAT", ("78", "79")),
    "62": ("KALIMANTAN TENGAH", ("73", "74")), "63": ("KALIMANTAN SELATAN", ("70", "71", "72")),
    "64": ("KALIMANTAN TIMUR", ("75", "76", "77")), "65": ("KALIMANTAN UTARA", ("77",)),
    "71": ("SULAWESI UTARA", ("95",)), "72": ("SULAWESI TENGAH", ("94",)),
    "73": ("SULAWESI SELATAN", ("90", "91", "92")), "74": ("SULAWESI TENGGARA", ("93",)),
    "75": ("GORONTALO", ("96",)), "76": ("SULAWESI BARAT", ("91",)), "81": ("MALUKU", ("97",)),
    "82": ("MALUKU UTARA", ("97",)), "91": ("PAPUA", ("98", "99")), "92": ("PAPUA BARAT", ("98",)),
    "93": ("PAPUA SELATAN", ("99",)), "94": ("PAPUA TENGAH", ("98",)), "95": ("PAPUA PEGUNUNGAN", ("99",)),
    "96": ("PAPUA BARAT DAYA", ("98",)),
}
"""Kemendagri province code -> (name, the first two digits of its kode pos): what every KK's province,
No. KK, members' NIKs and kode pos agree on, whoever printed it."""
_PROVINCE_BY_NAME = {name: code for code, (name, _) in PROVINCES.items()}


def _region_doubts(fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]],
                   ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """A KK's No. KK and kode pos that are not of the province it prints (`1412…` for `7412…`, `99411` for
    `93411`), and member NIKs whose province is a look-alike of the printed one (or, none printed, the No.
    KK's) or of another member's surely read NIK."""
    province = _PROVINCE_BY_NAME.get(" ".join((fields.get("provinsi", core.FieldValue(None)).value or "").split()))
    no_kk = fields.get("no_kk", core.FieldValue(None)).value
    kode_pos = fields.get("kode_pos", core.FieldValue(None)).value
    out: list[tuple[str, dict[str, core.FieldValue], str]] = []
    if province and no_kk and no_kk[:2] != province:
        out.append(("no_kk", fields, "no_kk"))
    if province and kode_pos and kode_pos[:2] not in PROVINCES[province][1]:
        out.append(("kode_pos", fields, "kode_pos"))
    home = province or (no_kk[:2] if no_kk else None)
    niks = [(i, row, nik) for i, row in enumerate(rows) if (nik := row.get("nik", core.FieldValue(None)).value)]
    for i, row, nik in niks:
        homes = {home} | {other[:2] for j, r, other in niks if j != i and r["nik"].confidence >= SURE} - {None}
        if nik[:2] != home and any(_misread_of(nik[:2], h) for h in homes if h):
            out.append((f"{i}.nik", row, "nik"))
    return out


_LOOKALIKE_DIGITS = frozenset({("1", "7"), ("3", "8"), ("0", "8"), ("5", "6"), ("6", "8"), ("0", "9")})


def _misread_of(code: str, home: str) -> bool:
    """Whether province `code` is `home` with one digit read as its look-alike (`14` for `74`): a member
    registered elsewhere keeps that province's code (a NIK never changes), so only a look-alike says misread."""
    diffs = [(a, b) for a, b in zip(code, home, strict=True) if a != b]
    return len(diffs) == 1 and (diffs[0] in _LOOKALIKE_DIGITS or diffs[0][::-1] in _LOOKALIKE_DIGITS)


def _cap(holder: dict[str, core.FieldValue], name: str, cap: float, doubts: list[Doubt], key: str,
         signal: str) -> None:
    value = holder[name]
    if value.value is not None and value.confidence > cap:
        if value.confidence >= SURE:
            doubts.append(Doubt(key, signal))
        holder[name] = dataclasses.replace(value, confidence=cap)


_SENTENCE_WORDS = frozenset({
    "YANG", "BERDASARKAN", "BAHWA", "TELAH", "DENGAN", "KEPADANYA", "SEBAGAI", "DINYATAKAN", "MENYATAKAN",
    "MENERANGKAN", "BERLAKU", "UNTUK", "TERSEBUT", "SELURUH", "KEPADA", "DIBERIKAN", "MENYELESAIKAN", "INI",
    "ADALAH", "OLEH", "AKAN", "DAPAT", "SESUAI", "PADA", "DARI", "KRITERIA", "KELULUSAN",
})


_NOT_NAME_CHARACTER = re.compile(r"[^A-Z .,'\-]")
"""Names of people and places are letters, spaces and `.,'-`: a digit or a sign (`$RI` for `SRI`) is a misread."""
_OTHER_FIELDS_VALUES = frozenset({
    "ISLAM", "KRISTEN", "KATOLIK", "KATHOLIK", "HINDU", "BUDDHA", "BUDHA", "KONGHUCU", "LAKI-LAKI", "PEREMPUAN",
    "WNI", "WNA",
})
"""Values of the member table's other columns: a name or place holding one ran into the next cell
(`MEDAN ISLAM`)."""
CITIES_ONLY = frozenset({
    "KENDARI", "BAUBAU", "MAKASSAR", "PAREPARE", "PALOPO", "MANADO", "BITUNG", "TOMOHON", "KOTAMOBAGU", "PALU",
    "SURABAYA", "YOGYAKARTA", "SURAKARTA", "SALATIGA", "DEPOK", "CIMAHI", "BATU", "CILEGON", "MEDAN", "PADANG",
    "PEKANBARU", "DUMAI", "PALEMBANG", "BENGKULU", "BANDAR LAMPUNG", "METRO", "PANGKALPINANG", "BATAM",
    "TANJUNGPINANG", "BANDA ACEH", "SABANG", "LHOKSEUMAWE", "LANGSA", "BINJAI", "SIBOLGA", "BUKITTINGGI",
    "PAYAKUMBUH", "SAWAHLUNTO", "LUBUKLINGGAU", "PRABUMULIH", "PONTIANAK", "SINGKAWANG", "PALANGKA RAYA",
    "BANJARMASIN", "BANJARBARU", "SAMARINDA", "BALIKPAPAN", "BONTANG", "TARAKAN", "DENPASAR", "MATARAM", "AMBON",
    "TERNATE",
})
"""Cities (kota) no regency (kabupaten) shares a name with: their `kabupaten_kota` is `KOTA <name>`."""
_ENGLISH = frozenset({
    "OF", "THE", "AND", "UNIVERSITY", "FACULTY", "BACHELOR", "MASTER", "DOCTOR", "DEGREE", "BIRTH", "PLACE",
    "DATE", "NAME", "NUMBER", "STUDY", "STUDENT", "GRADUATE", "GRADUATED", "ENGINEERING", "SCIENCE", "SCIENCES",
    "ARTS", "HAS", "BEEN", "AWARDED", "CERTIFY", "CERTIFIES", "THIS", "THAT", "WHO", "IN", "ON", "AT",
    "POLYTECHNIC", "STATE", "ISLAMIC", "INSTITUTE", "SCHOOL", "HIGH", "SENIOR", "JUNIOR", "REGISTRATION",
    "SERIAL", "APPLIED", "WITH", "ALL", "RIGHTS", "PRIVILEGES",
})
"""English words: a bilingual print's translation or label taken with an Indonesian value (the names of
people, places, institutions, programmes and degrees are read in Indonesian)."""
_LABEL_WORDS = frozenset({
    "KABUPATEN", "KOTA", "KABUPATEN/KOTA", "PROPINSI", "PROVINSI", "KECAMATAN", "DESA", "KELURAHAN",
    "DESA/KELURAHAN", "KODE", "POS", "RT", "RW", "RT/RW", "ALAMAT", "NAMA", "", "-",
})
"""Words of the KK header's labels: a value made of nothing else is a label (`KABUPATEN / KOTA` read as the
address)."""


def _misshapen(name: str, value: str | None) -> bool:
    """Whether `value` cannot be a reading of field `name`, whatever the layout."""
    if not value:
        return False
    words = value.upper().replace(",", " ").split()
    sentence = any(w.strip(".:;()") in _SENTENCE_WORDS for w in words)
    stripped = [w.strip(".:;()/") for w in words]
    if name in ("desa_kelurahan", "kecamatan", "kabupaten_kota") and " ".join(words) in _PROVINCE_BY_NAME:
        return True  # the province's value, a line below its own label
    if name == "kabupaten_kota" and " ".join(words) in CITIES_ONLY:
        return True  # a city is written KOTA X (documents.md); bare, its KOTA was lost (`Kotamadya` read as a label)
    if name in PERSON_NAMES or name in PLACES:
        return (_NOT_NAME_CHARACTER.search(value.upper()) is not None or len(words) > MOST_NAME_WORDS or sentence
                or any(w in _OTHER_FIELDS_VALUES or w in _ENGLISH for w in stripped)
                or (name in PERSON_NAMES and any(w in _NOT_A_NAME for w in stripped))
                or all(w in _LABEL_WORDS for w in stripped if w))
    if name in ("nama_satuan_pendidikan", "program_studi", "gelar") and any(w in _ENGLISH for w in stripped):
        return True
    if name in ("alamat", "suami.alamat", "istri.alamat"):
        return all(w in _LABEL_WORDS for w in stripped if w)
    if name == "nama_satuan_pendidikan":
        return sentence or not any(w.strip(".:;()") in INSTITUTION_KINDS for w in words)
    if name in CODES:
        return "," in value or re.search(r"[A-Za-z]{10,}|LAHIR|TANGGAL", value.upper()) is not None
    if name == "kode_pos":
        return re.fullmatch(r"[1-9]\d{4}", value) is None
    return False


def found_share(doc_type: str, fields: dict[str, core.FieldValue],
                 rows: Sequence[dict[str, core.FieldValue]]) -> float:
    """Share of the type's fields the page gave a value for (a KK's header, an ijazah's school or
    university fields by its `jenjang`, all a buku nikah's): how much of the page was understood. Measured
    as a signal (`benchmarks/ocr_calibration.py --by-signal`), not applied: on the extractor versions that
    met unseen families, pages that gave less than half their fields held no more confident misses than
    the others (calibration-unseen-session10.md)."""
    expected = set(fields)
    if doc_type == "ijazah":
        level = fields.get("jenjang", core.FieldValue(None)).value or ""
        expected -= _SCHOOL if level.startswith(("D", "S")) else _UNIVERSITY
    if not expected:
        return 1.0
    return sum(fields[k].value is not None for k in expected) / len(expected)


def _order_doubts(doc_type: str, fields: dict[str, core.FieldValue], rows: list[dict[str, core.FieldValue]],
                  ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """(key, holder, name) of each birth date and document date that contradict each other."""
    dated = {"kk": "tanggal_dikeluarkan", "ijazah": "tanggal_lulus", "buku_nikah": "tanggal_nikah"}.get(doc_type)
    if dated is None or not (day := fields.get(dated, core.FieldValue(None)).value):
        return []
    births = [(k, fields, k) for k in ("tanggal_lahir", "suami.tanggal_lahir", "istri.tanggal_lahir")
              if k in fields] + [(f"{i}.tanggal_lahir", row, "tanggal_lahir") for i, row in enumerate(rows)
                                 if "tanggal_lahir" in row]
    out = []
    for key, holder, name in births:
        born = holder[name].value
        if born and _years_between(born, day) < _YEARS_BEFORE[doc_type]:
            # a KK's date of issue is borne out by its other members' births; one holder's is not
            out += [(key, holder, name)] if holder is not fields else [(key, holder, name), (dated, fields, dated)]
    return out


def _years_between(earlier: str, later: str) -> float:
    try:
        return (int(later[:4]) - int(earlier[:4])) + (int(later[5:7]) - int(earlier[5:7])) / 12 \
            + (int(later[8:10]) - int(earlier[8:10])) / 365
    except ValueError:
        return 0.0


_NEAR = 2
"""Edits at most between two readings of one name that differ by a misread (farther: two people)."""


def _echo_doubts(cells: list[tuple[str, dict[str, core.FieldValue], str]],
                 ) -> list[tuple[str, dict[str, core.FieldValue], str]]:
    """Person names that are another name read surely on the page with letters lost at one end (`UHAMMAD
    ASRUL` beside `MUHAMMAD ASRUL`; whole words lost cannot be told from another person's name), and a KK's head of family
    whose name reads a letter or two otherwise in the header than in its member row (`VJANG SOPANDI`,
    `UJANG SOPANDI`; the first row, or one whose status says so; farther apart they are two people)."""
    names = [(key, holder, name) for key, holder, name in cells
             if name in PERSON_NAMES and holder[name].value]
    values = {holder[name].value for _, holder, name in names if holder[name].confidence >= SURE}
    out = []
    rows = [(key, holder) for key, holder, name in cells if name == "nama_lengkap" and key[0].isdigit()]
    heads = [(key, row) for i, (key, row) in enumerate(rows) if i == 0  # the head of family is listed first
             or row.get("status_hubungan", core.FieldValue(None)).value == "KEPALA KELUARGA"]
    printed = next((h for k, h, n in names if n == "nama_kepala_keluarga"), None)
    header = printed["nama_kepala_keluarga"].value if printed is not None else None
    near = [(key, row) for key, row in heads if row["nama_lengkap"].value and header
            and 0 < edit_distance(row["nama_lengkap"].value, header) <= _NEAR]
    if printed is not None and near and not any(row["nama_lengkap"].value == header for _, row in heads):
        out += [("nama_kepala_keluarga", printed, "nama_kepala_keluarga"),
                *((key, row, "nama_lengkap") for key, row in near)]
    for key, holder, name in names:
        value = holder[name].value or ""
        if any(other != value and len(value) >= 3 and (
                (other.endswith(value) and other[-len(value) - 1] != " ")
                or (other.startswith(value) and other[len(value)] != " "))
               for other in values if other):
            out.append((key, holder, name))
    return out
