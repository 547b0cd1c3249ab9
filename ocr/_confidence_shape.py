"""Field shape, the `shape` signal of `_confidence_page.understood`: a value that cannot be a reading of its
field, whatever the layout (a person's name with a digit, a school without a school's word).

    misshapen(name, value) -> bool
"""

from __future__ import annotations

import functools
import itertools
import re

import core

from ._confidence_region import PROVINCE_BY_NAME
from ._normalize import edit_distance

PERSON_NAMES = frozenset({
    "nama_lengkap", "nama_kepala_keluarga", "nama_orang_tua", "nama_ayah", "nama_ibu",
    "suami.nama_lengkap", "istri.nama_lengkap", "wali.nama_lengkap",
})
"""Fields that hold a person's name (a member cell's field name without its row)."""
PLACES = frozenset({
    "tempat_lahir", "suami.tempat_lahir", "istri.tempat_lahir", "desa_kelurahan", "kecamatan", "kabupaten_kota",
    "provinsi",
})
DATE_YEARS = (1900, 2100)
"""The years a date of birth, marriage, graduation or issue on these documents can have: `1799-05-20` is a
misread `1999` (its NIK's two-digit year may agree with it, and must not make it sure)."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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


_SENTENCE_WORDS = frozenset({
    "YANG", "BERDASARKAN", "BAHWA", "TELAH", "DENGAN", "KEPADANYA", "SEBAGAI", "DINYATAKAN", "MENYATAKAN",
    "MENERANGKAN", "BERLAKU", "UNTUK", "TERSEBUT", "SELURUH", "KEPADA", "DIBERIKAN", "MENYELESAIKAN", "INI",
    "ADALAH", "OLEH", "AKAN", "DAPAT", "SESUAI", "PADA", "DARI", "KRITERIA", "KELULUSAN", "ANTARA",
})


_NOT_NAME_CHARACTER = re.compile(r"[^A-Z .,'\-]")
"""Names of people and places are letters, spaces and `.,'-`: a digit or a sign (`$RI` for `SRI`) is a misread."""
_OTHER_FIELDS_VALUES = frozenset({
    "ISLAM", "KRISTEN", "KATOLIK", "KATHOLIK", "HINDU", "BUDDHA", "BUDHA", "KONGHUCU", "LAKI-LAKI", "PEREMPUAN",
    "WNI", "WNA",
})
"""Values of the member table's other columns: a name or place holding one ran into the next cell
(`MEDAN ISLAM`)."""
_OTHER_COLUMNS_PHRASES = tuple(sorted({
    f" {value} " for kind in ("pendidikan", "jenis_pekerjaan", "status_perkawinan", "status_hubungan")
    for value in core.canonical_values(kind) if " " in value or "/" in value}))
"""Values of the member table's other columns in two or more words (`KARYAWAN SWASTA`, `SLTA/SEDERAJAT`,
`BELUM KAWIN`): a name holding one was joined from two cells (two stacked lines of another column)."""
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
_SEX_CODES = frozenset({"L", "P", "LK", "PR"})
"""How a member table may print jenis kelamin: a place that begins with one ran into the sex column."""
_LABEL_WORDS = frozenset({
    "KABUPATEN", "KOTA", "KABUPATEN/KOTA", "PROPINSI", "PROVINSI", "KECAMATAN", "DESA", "KELURAHAN",
    "DESA/KELURAHAN", "KODE", "POS", "RT", "RW", "RT/RW", "ALAMAT", "NAMA", "", "-",
})
"""Words of the KK header's labels: a value made of nothing else is a label (`KABUPATEN / KOTA` read as the
address)."""


_GLUED_HEADER = re.compile(r"\b(?:RT|RW)\b\s*[.:/]?\s*\d|\b(?:KEL|KELURAHAN|KEC|KECAMATAN|KAB|KABUPATEN|PROVINSI|"
                           r"PROPINSI|KODE\s+POS)\b|:|\bNO\b\.?\s*[A-Z]{1,3}$")
"""On a KK (field `alamat`, not a buku nikah's spouse's address, which prints them): RT/RW with a number,
another header field's name, or a colon (`RUMAH : JL. ...`, the rest of a label `Alamat Rumah`) inside the
street line, or a house number of letters only (`NO. SI`: `51` read as look-alike letters)."""


_SHORTEST_CODE = 3
"""Characters (letters and digits) an identifier has at least (a NIS of four digits is the shortest printed)."""


_PARTICLES = frozenset({"LA", "WA", "ODE", "BR", "BIN", "BINTI"})
"""Words that join a person's name to a lineage or a parent's (`LA ODE`, `WA ODE`, `BR`, `BIN`): never a name
by themselves."""


def _particles_astray(words: list[str]) -> bool:
    """A name of particles only (`LA ODE`: the rest of a wrapped name went to the next column), one with a
    Buton/Muna `LA`/`WA` after a word of its own (`FAHRUL WA ODE RISNAWATI`, `IRWAN WA NURHAYATI`: two names
    run together, the particle only ever begins a name; a title such as `H.` may stand before it), or one
    that begins with `ODE` (`ODE HAMZAH`: the `LA`/`WA` before it, a short word, was lost), or one whose `ODE`
    after `LA`/`WA` was read with a look-alike (`LA ODT MUHAMMAD ALI`, `_ODE_MISREAD`)."""
    if words and all(w in _PARTICLES for w in words):
        return True
    if words and words[0] == "ODE":
        return True
    if any(a in ("LA", "WA") and _ODE_MISREAD.fullmatch(b) for a, b in itertools.pairwise(words)):
        return True
    return any(w in ("LA", "WA") and i >= 1 and words[i - 1] not in _TITLES for i, w in enumerate(words))


_ODE_MISREAD = re.compile(r"OD[^AEIOU]|[0QCDG]DE")
"""`ODE` with its last letter read as a consonant (`ODT`, `ODF`) or its `O` as a look-alike (`0DE`, `QDE`): a name
word after `LA`/`WA` such as `ADE` or `ODI` is a name, these are the particle misread."""


_TITLES = frozenset({"H", "HJ", "DRS", "DR", "IR", "PROF", "KH", "ST", "HAJI", "HAJJAH"})
"""Titles a name may begin with, before its `LA`/`WA` (`H. LA ODE ...`), with their dots stripped."""


@functools.cache
def _printed_label_words(every: bool = False) -> frozenset[str]:
    """Every word (letters only, three or more) of every field's label in `labels.toml` (with its English, the
    column headings and the parties' roles), of every type: a name, place or address made of nothing else is
    a label read as its value (`7. TEMPAT TINGGAL`, `LAHIR`). `every`: of every wording (titles, phrases
    too; not `[values]`): such a word beside a value is no part of it."""
    from ._fields import vocabulary  # labels.toml; imported late, `_fields` imports the policy

    def wordings(table: object, path: str) -> list[str]:
        if isinstance(table, dict):
            return [w for key, value in table.items() for w in wordings(value, f"{path}.{key}")]
        if isinstance(table, list):
            return [w for value in table for w in wordings(value, path)]
        labelled = path.split(".")[2:3] in (["fields"], ["english"], ["columns"], ["roles"])
        return [table] if isinstance(table, str) and (every or labelled) else []

    words = {w for section, table in vocabulary().items() if section != "values"
             for wording in wordings(table, f".{section}") for w in re.split(r"[^A-Z]+", wording.upper())
             if len(w) >= 3}
    return frozenset(words - _NAMES_IN_LABELS - (frozenset() if every else _PARTS_OF_NAMES_IN_LABELS))


_NAMES_IN_LABELS = frozenset({"NINA", "PUTRA", "PUTRI", "MAS"})
"""Label words that are also people's names (`NINA`, `PUTRI`): no sign of a label, in a value or beside it."""
_PARTS_OF_NAMES_IN_LABELS = frozenset({"ANAK", "WALI", "BIN", "BINTI"})
"""Label words a name may hold (`BIN`, `BINTI`) or be read with (`WALI`): a value holding them may still be a
name, though beside one they are a label's (`Nama Orang Tua/Wali`)."""


def label_word(word: str, *, every: bool = False, slip: bool = False) -> bool:
    """Whether `word` (upper case, letters only) is a word of a label (`_LABEL_WORDS`, `labels.toml`; `every`:
    of any wording there, a title's or a phrase's too; `slip`: or one letter off one of five letters or more,
    `JURUSAM`, as the readers match labels)."""
    if word in _LABEL_WORDS or word in _printed_label_words(every):
        return True
    return slip and len(word) >= 5 and any(abs(len(w) - len(word)) <= 1 and edit_distance(word, w) <= 1
                                           for w in _printed_label_words(every))


def _label_only(words: list[str]) -> bool:
    """Whether every word with letters is a label's (`_LABEL_WORDS`, `_printed_label_words`) or a party's name
    as labels carry it (`Nama Suami`: `SUAMI` taken for the name); a list number such as `7.` carries none."""
    lettered = [re.sub(r"[^A-Z]", "", w) for w in words]
    lettered = [w for w in lettered if w]
    return all(label_word(w) or w in _PARTY_WORDS for w in lettered)


_PARTY_WORDS = frozenset({"SUAMI", "ISTRI", "ISTERI", "PRIA", "WANITA"})
"""How a buku nikah names its parties in its labels and headings: no person's name, place or address."""


def misshapen(name: str, value: str | None) -> bool:
    """Whether `value` cannot be a reading of field `name`, whatever the layout."""
    if not value:
        return False
    words = value.upper().replace(",", " ").split()
    sentence = any(w.strip(".:;()") in _SENTENCE_WORDS for w in words)
    stripped = [w.strip(".:;()/") for w in words]
    if name in ("desa_kelurahan", "kecamatan", "kabupaten_kota") and " ".join(words) in PROVINCE_BY_NAME:
        return True  # the province's value, a line below its own label
    if name == "kabupaten_kota" and " ".join(words) in CITIES_ONLY:
        return True  # a city is written KOTA X (documents.md); bare, its KOTA was lost (`Kotamadya` read as a label)
    if name in PLACES and len(words) > 1 and ((len(words[0]) == 1 and words[0].isalpha()) or words[0] in _SEX_CODES):
        return True  # a lone letter or a sex code before a place (`L KENDARI`, `PR BANDUNG`): the next column's
    if name in PERSON_NAMES and _particles_astray(stripped):
        return True
    if name in PERSON_NAMES or name in PLACES:
        return (_NOT_NAME_CHARACTER.search(value.upper()) is not None or len(words) > MOST_NAME_WORDS or sentence
                or any(w in _OTHER_FIELDS_VALUES or w in _ENGLISH for w in stripped)
                or any(phrase in f" {' '.join(words)} " for phrase in _OTHER_COLUMNS_PHRASES)
                or (name in PERSON_NAMES and any(w in _NOT_A_NAME for w in stripped))
                or _label_only(stripped))
    if name in ("nama_satuan_pendidikan", "program_studi", "gelar") and any(w in _ENGLISH for w in stripped):
        return True
    if name == "alamat" and _GLUED_HEADER.search(value.upper()):
        return True  # a KK's street line holding RT/RW or another header field: its line was not split
    if name in ("alamat", "suami.alamat", "istri.alamat"):
        return _label_only(stripped)
    if name == "kua":
        # written `KUA KECAMATAN KOLAKA` (documents.md): no comma, no sentence's word (`..., ANTARA`)
        return words[0] != "KUA" or "," in value or sentence or _label_only(stripped)
    if name == "nama_satuan_pendidikan":
        return sentence or not any(w.strip(".:;()") in INSTITUTION_KINDS for w in words)
    if name in CODES:  # two characters or fewer are a stray mark or a crop's edge, no identifier
        return "," in value or re.search(r"[A-Za-z]{10,}|LAHIR|TANGGAL", value.upper()) is not None \
            or len(re.sub(r"[^A-Za-z0-9]", "", value)) < _SHORTEST_CODE \
            or (not any(c.isdigit() for c in value) and _label_only(stripped))  # `STAMBUK`: the next label
    if name == "kode_pos":
        return re.fullmatch(r"[1-9]\d{4}", value) is None
    if name.rpartition(".")[2].startswith("tanggal_") and _ISO_DATE.fullmatch(value):
        return not DATE_YEARS[0] <= int(value[:4]) < DATE_YEARS[1]  # `1799`: a `19` misread, whatever agrees
    return False
