"""Layout families: the named printings of each document type the corpus can draw.

    LAYOUT_FAMILIES                 name -> LayoutFamily (document type, renderer layout, era, issuer)
    DEVELOPMENT_FAMILIES            the five families the extractor was developed on (the default corpus)
    families_for(doc_type, names, jenjang=) -> the chosen families that can print such a document
    resolve_families(spec)          "all", "development" or a comma-separated list -> sorted names
    family_of_document(entry)       a manifest entry's family (corpora older than families: from its look)

A family is an issuer's printing of one era: its own title, label wording, field order, unlabelled
and in-sentence values, table split and rules. The benchmark (`capil bench ocr --holdout-family`)
measures on a family the extractor was not tuned on; that figure is the one that predicts documents
nobody has seen. Each family has a weight: where several families can print a document, the corpus
draws one in proportion (the development KK weights keep the old 35 % share of the older layout, so a
default corpus keeps its bytes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SCHOOL, UNIVERSITY = "school", "university"


@dataclass(frozen=True)
class LayoutFamily:
    name: str
    document_type: str
    """`kk`, `ijazah` or `buku_nikah`."""
    layout: str
    """The renderer's `layout=` argument."""
    description: str
    weight: float = 1.0
    """Share among the chosen families that can print a document (normalised)."""
    levels: str | None = None
    """Ijazah only: `school` (SD/SMP/SMA/SMK) or `university` (D3/S1); None for a family printing both."""


LAYOUT_FAMILIES: dict[str, LayoutFamily] = {f.name: f for f in (
    LayoutFamily("kk-old", "kk", "old", "KK before 2020: wet signatures, office stamp, the official's NIP",
                 weight=0.35),
    LayoutFamily("kk-2020", "kk", "current", "KK after Permendagri 109/2019: landscape, QR code, "
                 "electronic signature", weight=0.65),
    LayoutFamily("kk-2010s", "kk", "2010s", "KK of the 2010s: one header column (Propinsi, Kelurahan/Desa), "
                 "abbreviated column headers, golongan darah moved to table 2, no rules between member rows, "
                 "Camat and Kepala Dinas signatures", weight=0.5),
    LayoutFamily("kk-2000s", "kk", "2000s", "early SIAK KK printed by a kabupaten: letterhead, 'Nomor KK', "
                 "place and date of birth merged in one cell, NIK before the name in half, status perkawinan and "
                 "golongan darah in table 1, no tanggal perkawinan, headers wrapped and numbered through both "
                 "tables, thin, dotted, partial or no row rules, issue date unlabelled after the town in half",
                 weight=0.5),
    LayoutFamily("kk-susun", "kk", "susun", "KK whose member rows hold two stacked lines: name over NIK or NIK over "
                 "name, birth in one cell or place over date, sex L/P, LK/PR or written, agama, golongan darah, "
                 "pendidikan, pekerjaan two to a cell, one wide table or two, headers in words, numbered or numbers "
                 "alone, a two-column header with other wordings (session 10, development)", weight=0.5),
    LayoutFamily("ijazah-sekolah", "ijazah", "current", "school ijazah after Persesjen 1/2022: Nomor Ijazah, "
                 "labelled fields, NPSN, NISN", levels=SCHOOL),
    LayoutFamily("ijazah-sekolah-lama", "ijazah", "lama", "older school certificate (SURAT TANDA TAMAT BELAJAR, "
                 "DEPARTEMEN PENDIDIKAN NASIONAL): school only in the heading, name centred without a label, "
                 "birth and issue dates inside sentences, old number format, no NPSN or NISN", levels=SCHOOL),
    LayoutFamily("ijazah-madrasah", "ijazah", "madrasah", "madrasah ijazah (MI, MTs, MA, MAK) under DEPARTEMEN "
                 "AGAMA before 2010 or KEMENTERIAN AGAMA since: 'IJAZAH MADRASAH ALIYAH', the madrasah named in "
                 "the head's sentence, Nomor Statistik Madrasah beside NPSN, lower-case labels or Nama Siswa / "
                 "Tempat Lahir / Tanggal Lahir apart, Nomor Seri or an old number format, Diberikan di / Pada "
                 "tanggal labelled in the older print", levels=SCHOOL),
    LayoutFamily("ijazah-universitas", "ijazah", "current", "university ijazah: Nomor Ijazah Nasional, "
                 "labelled fields, Rektor", levels=UNIVERSITY),
    LayoutFamily("ijazah-fakultas", "ijazah", "fakultas", "university ijazah issued by a faculty: Dekan and "
                 "Rektor, name centred, NIM spelled out, programme in a sentence, degree as a line of its own, "
                 "'Diberikan di X pada tanggal', old number format before 2021", levels=UNIVERSITY),
    LayoutFamily("ijazah-ptkin", "ijazah", "ptkin", "university ijazah of a state Islamic college (STAIN before "
                 "2014, IAIN since) under DEPARTEMEN / KEMENTERIAN AGAMA: the college in the opening sentence, short "
                 "labels in two columns (NIM, Tempat/Tgl. Lahir, Fakultas or Jurusan, Program Studi, Jenjang), "
                 "In.23/PP.00.9/… numbers before 2021, the degree of its era (S.H.I. before 2015) on its own line",
                 levels=UNIVERSITY),
    LayoutFamily("nikah-kutipan", "buku_nikah", "kutipan", "Kutipan Akta Nikah: label blocks per spouse, "
                 "Tanggal Nikah and Dicatat di"),
    LayoutFamily("nikah-lama", "buku_nikah", "lama", "older buku nikah: two columns SUAMI | ISTERI, "
                 "Nomor Induk Kependudukan, Tempat/Tgl. Lahir, Hari/Tanggal, Pegawai Pencatat Nikah"),
    LayoutFamily("nikah-2020s", "buku_nikah", "2020s", "SIMKAH buku nikah printed as an opened booklet (landscape, "
                 "one spouse a page, QR code): Nomor Akta Nikah beside the booklet's Nomor Seri, Tanggal Akad, "
                 "Dicatat di KUA Kecamatan, Mas Kawin, NIK, Bin/Binti, Tempat/Tgl. Lahir with the date as digits, "
                 "Warga Negara, Nama Wali, two witnesses, the address over two lines in half"),
    LayoutFamily("nikah-kalimat", "buku_nikah", "kalimat", "buku nikah worded as sentences: 'Pada hari Rabu "
                 "tanggal ... telah dilangsungkan', Kantor Urusan Agama, Warganegara, Tempat Tinggal over two lines"),
    LayoutFamily("nikah-surat", "buku_nikah", "surat", "a KUA's letter in paragraphs under its kop surat (SURAT "
                 "KETERANGAN TELAH MENIKAH / PENGGANTI KUTIPAN AKTA NIKAH, DUPLIKAT KUTIPAN AKTA NIKAH): the letter's "
                 "own number under the title, the akta's inside a sentence (Akta Nikah Nomor / Register Nomor), "
                 "spouses as paragraphs or short label lists, the police report's number, a later date and NIP "
                 "(session 10, development)"),
    # Drawn blind in round 8 (the extractor's authors have not seen them): see each module's docstring.
    LayoutFamily("kk-blanko", "kk", "blanko", "pre-printed KK blanko of the 1990s-2000s on security paper: form, "
                 "grid, headers and row numbers in one colour over a guilloche, values typed afterwards in black by "
                 "a typewriter or dot-matrix printer in a monospaced face, misregistered against the grid (shifted "
                 "a few mm, rows high or low in their bands, on or across rules), No. KK in a comb of boxes or a box "
                 "of its own, Kabupaten / Kotamadya Dati II and Propinsi Dati I, dates with dots in some, RT/RW "
                 "unpadded in some, the Camat signs", weight=0.5),
    LayoutFamily("kk-2024", "kk", "2024", "recent KK from another renderer: portrait A4, small condensed sans, "
                 "number boxed right of the title (NKK / No. Kartu Keluarga / Nomor KK), header in a boxed two-column "
                 "grid with shaded label cells (Kepala Keluarga, Kel/Desa, Kab/Kota, the address wrapped over two "
                 "lines), member rows in alternating grey bands without rules, eight to ten small rows, table 2 in "
                 "another column order (Hubungan Keluarga first, passport and KITAP last), Diterbitkan Tanggal or "
                 "Tanggal Terbit, a later Dicetak date at the foot", weight=0.5),
    LayoutFamily("ijazah-kesetaraan", "ijazah", "kesetaraan", "equivalency certificate of non-formal education "
                 "(Paket A/B/C, the truth's jenjang) from a PKBM or SKB under the regency's Dinas Pendidikan: SURAT "
                 "TANDA TAMAT BELAJAR / KELOMPOK BELAJAR PAKET B before 2008, IJAZAH / PENDIDIKAN KESETARAAN / PROGRAM "
                 "PAKET C SETARA SMA since; 'Yang bertanda tangan di bawah ini ... menerangkan bahwa', the name large "
                 "and centred, parent, birth, Nomor Induk Warga Belajar and NISN inside one wrapped sentence, the "
                 "centre and its P-NPSN in the closing sentence, DN-PC or '12 PB' numbers, Ditetapkan di / Pada "
                 "tanggal stacked, ornamented border, photo box, the Dinas seal over date and title",
                 levels=SCHOOL),
    LayoutFamily("nikah-model-na", "buku_nikah", "model-na", "typed Kutipan Akta Nikah on the old Model NA form: "
                 "serif form on tinted paper, DEPARTEMEN AGAMA, every value typed onto dotted lines a little off "
                 "them, the KUA typed after KANTOR URUSAN AGAMA KECAMATAN, the marriage date in the opening sentence "
                 "with the weekday, in digits and in words, SUAMI then ISTERI one under the other with numbered items "
                 "(1. Nama, 2. Bin/Binti, 3. Tempat dan tanggal lahir, 4. Warga negara, ..., 7. Tempat kediaman, "
                 "8. Nomor Induk Kependudukan only since 2011), wali, dowry and witnesses, DUPLIKAT prints with a "
                 "later reissue date, the Pegawai Pencatat Nikah signs"),
    LayoutFamily("ijazah-swasta", "ijazah", "swasta", "university ijazah of a private university under Kopertis "
                 "(until 2017, the Koordinator co-signing after 'Berdasarkan hasil ujian ...') or LLDIKTI (the Dekan "
                 "co-signing): portrait, guilloche paper and a cornered double frame, the foundation and the "
                 "accreditation decree in the heading, name large and centred, Nomor Pokok Mahasiswa / N.P.M., birth, "
                 "level, faculty and study programme inside one sentence, the degree on its own line without dots "
                 "before 2002 (SARJANA HUKUM (SH)), Nomor Seri Ijazah 0123/UNSULTRA/S1/2004 beside a Kopertis "
                 "registration number, 'Dikeluarkan di Kendari pada tanggal', photo box under the seal",
                 levels=UNIVERSITY),
    LayoutFamily("ijazah-bilingual", "ijazah", "bilingual", "bilingual university ijazah (S1/D3, state or private, some "
                 "international-class): Indonesian labels with English beside, under, in a column of their own or "
                 "English only; birth date, programme, degree and issue date with an English twin; IJAZAH with "
                 "DIPLOMA or CERTIFICATE", levels=UNIVERSITY),
    LayoutFamily("ijazah-isian", "ijazah", "isian", "school ijazah on a pre-printed blanko in one colour, a red serial "
                 "(DN-20 Mu 0264731), numbered items (1. Nama, 2. Tempat dan Tanggal Lahir, 3. Nama Orang Tua/Wali, "
                 "4. Nomor Induk, NISN and NPSN since 2007) and blanks, every value written in a chancery hand on "
                 "dotted lines a little off them, Diberikan di / pada tanggal written in (session 10); dates written 9 Juni 1984, "
                 "9 - VI - 1984, 09-06-1984 or 9 Jun. 1984 (session 11)", levels=SCHOOL),
    LayoutFamily("kk-salinan", "kk", "salinan", "a legalised black-and-white photocopy of a development KK print "
                 "(current, old, 2010s, 2000s, 2024 or susun): turned up to 1.3 degrees, hanging off the copier's glass on "
                 "the left (margin and row numbers), the right or the foot (signatures, issue date) and there cut off, "
                 "the lid's dark band opposite, hard contrast and grey cast, toner specks, two punch holes, a fold line "
                 "across, and in violet or blue over part of header and table a box stamp SALINAN / FOTO COPY SESUAI "
                 "DENGAN ASLINYA with a handwritten date and initials, the legaliser's name and NIP, a signature and the "
                 "office's round stamp; pdf_text is the scanner's searchable PDF (the copy's image, an invisible OCR "
                 "layer with the stamp's words) (session 11, development)", weight=0.5),
    LayoutFamily("ijazah-salinan", "ijazah", "salinan", "a legalised photocopy of a development ijazah print, school "
                 "(current, lama, kesetaraan, isian) or university (current, fakultas, ptkin, swasta, bilingual): copied "
                 "as kk-salinan (turned, one side cut off, lid band, specks, punch holes, fold) and legalised in violet "
                 "or blue by a TELAH DILEGALISIR / SESUAI DENGAN ASLINYA box stamp with a handwritten date, the "
                 "legaliser's name and 18-digit NIP, a signature and the round stamp, over the holder's data or the "
                 "signature block (session 11, development)"),
    # Drawn blind in round 9 (the extractor's authors have not seen them): see each module's docstring.
    LayoutFamily("kk-dua-baris", "kk", "dua-baris", "a kabupaten's SIAK print on folio landscape under a kop surat: "
                 "header in capitals or abbreviated (KEPALA KELUARGA, RT/RW with KODE POS on one line, Kel./Desa, "
                 "Kab./Kota, Prop.), ONE wide member table whose every row holds two stacked lines (name over NIK, "
                 "agama over golongan darah, pendidikan over pekerjaan, status kawin over its date, hubungan over "
                 "kewarganegaraan, paspor over KITAP, father over mother), birth as one cell 'RAHA, 21-07-1961', sex "
                 "L/P or LK/PR, stacked header labels numbered (1)/(2) ... (17), a dotted hairline or nothing between "
                 "the two lines, issue date labelled or after the town with the month in words, a.n. BUPATI",
                 weight=0.5),
    LayoutFamily("kk-legalisir", "kk", "legalisir", "a legalised black-and-white photocopy of an older KK (old, 2010s, "
                 "2000s or dua-baris print): the original turned up to 1.3 degrees and hanging off the glass on one "
                 "side (left margin and row numbers, right margin, or the foot with the signatures and there the "
                 "issue date cut off), the lid's dark band opposite, hard contrast, grey cast, toner specks, two punch "
                 "holes, a fold line across, and over part of header and table a violet SALINAN / FOTO COPY SESUAI "
                 "DENGAN ASLINYA box stamp with a handwritten date, initials, a signature and the round stamp",
                 weight=0.5),
    LayoutFamily("ijazah-dwibahasa", "ijazah", "dwibahasa", "bilingual ijazah of a state polytechnic (D3, or the "
                 "Sarjana Terapan of a D4 for an S1) or a state university: ministry, institution, title (IJAZAH / "
                 "DIPLOMA), opening, labels, birth date, programme, degree and issue date each in Indonesian and "
                 "English (italics), labels 'Nama / Name' on one line or the English under the Indonesian, 'Nomor "
                 "Induk Mahasiswa / Student Identification Number', 'Jurusan / Department' or 'Fakultas / Faculty', "
                 "'AHLI MADYA (A.Md.)' with 'Associate Degree in ...' under it, own number series before 2021 "
                 "(0123/PL10/DIII/2015), Direktur or Rektor and the unit's head sign, photo box between",
                 levels=UNIVERSITY),
    LayoutFamily("ijazah-tulis", "ijazah", "tulis", "school certificate on the ministry's blanko filled in by hand: "
                 "form in one colour on tinted paper, red pre-printed serial in the old series (No. 20 OC ob 0264731, "
                 "the ijazah's number), SURAT TANDA TAMAT BELAJAR before 2003 and IJAZAH since, SLTP / SMU names of "
                 "1994-2002, every value in a clerk's chancery hand on dotted lines a little off them (school after "
                 "'Kepala', Nomor Statistik Sekolah, 1. nama, 2. tempat dan tanggal lahir, 3. nama orang tua / wali, "
                 "4. nomor induk, the school again, the year), EBTANAS / UAN / Ujian Nasional wording, Diberikan di / "
                 "pada tanggal written in, 9-digit NIP before 2008, photo and three-finger print boxes",
                 levels=SCHOOL),
    LayoutFamily("nikah-duplikat", "buku_nikah", "duplikat", "DUPLIKAT KUTIPAN AKTA NIKAH issued by a KUA as an A4 "
                 "letter under its kop surat: the letter's own number (B-0123/Kua.27.04.03/PW.01/05/2023) under the "
                 "underlined title, everything else in sentences: 'berdasarkan Akta Nikah Nomor ...' (the akta's "
                 "number, the truth's), the KUA in words, 'pada hari Sabtu tanggal ... telah dilangsungkan "
                 "pernikahan antara:', each spouse one paragraph (name bin/binti father, NIK, 'lahir di X tanggal "
                 "...', 'warga negara Indonesia (WNI)', agama, pekerjaan, 'bertempat tinggal di ...'), the wali with "
                 "the relation, the reason (police report of loss with its own number, or damage), a later date over "
                 "the head's signature, two photo boxes"),
    # Drawn blind in session 11: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u11a", "kk", "u11a", "held out, session 11 (see its module)", weight=0.5),
    LayoutFamily("kk-u11b", "kk", "u11b", "held out, session 11 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u11c", "ijazah", "u11c", "held out, session 11 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u11d", "ijazah", "u11d", "held out, session 11 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u11e", "buku_nikah", "u11e", "held out, session 11 (see its module)"),
    # Drawn blind in session 12: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u12a", "kk", "u12a", "held out, session 12 (see its module)", weight=0.5),
    LayoutFamily("kk-u12b", "kk", "u12b", "held out, session 12 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u12c", "ijazah", "u12c", "held out, session 12 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u12d", "ijazah", "u12d", "held out, session 12 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u12e", "buku_nikah", "u12e", "held out, session 12 (see its module)"),
    LayoutFamily("nikah-u12f", "buku_nikah", "u12f", "held out, session 12 (see its module)"),
    # Drawn blind in session 13: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u13a", "kk", "u13a", "held out, session 13 (see its module)", weight=0.5),
    LayoutFamily("kk-u13b", "kk", "u13b", "held out, session 13 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u13c", "ijazah", "u13c", "held out, session 13 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u13d", "ijazah", "u13d", "held out, session 13 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u13e", "buku_nikah", "u13e", "held out, session 13 (see its module)"),
    LayoutFamily("nikah-u13f", "buku_nikah", "u13f", "held out, session 13 (see its module)"),
    # Drawn blind in session 14: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u14a", "kk", "u14a", "held out, session 14 (see its module)", weight=0.5),
    LayoutFamily("kk-u14b", "kk", "u14b", "held out, session 14 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u14c", "ijazah", "u14c", "held out, session 14 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u14d", "ijazah", "u14d", "held out, session 14 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u14e", "buku_nikah", "u14e", "held out, session 14 (see its module)"),
    LayoutFamily("nikah-u14f", "buku_nikah", "u14f", "held out, session 14 (see its module)"),
    # Drawn blind in session 15: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u15a", "kk", "u15a", "held out, session 15 (see its module)", weight=0.5),
    LayoutFamily("kk-u15b", "kk", "u15b", "held out, session 15 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u15c", "ijazah", "u15c", "held out, session 15 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u15d", "ijazah", "u15d", "held out, session 15 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u15e", "buku_nikah", "u15e", "held out, session 15 (see its module)"),
    LayoutFamily("nikah-u15f", "buku_nikah", "u15f", "held out, session 15 (see its module)"),
    # Drawn blind in session 16: only their author has opened them; see each module's docstring.
    LayoutFamily("kk-u16a", "kk", "u16a", "held out, session 16 (see its module)", weight=0.5),
    LayoutFamily("kk-u16b", "kk", "u16b", "held out, session 16 (see its module)", weight=0.5),
    LayoutFamily("ijazah-u16c", "ijazah", "u16c", "held out, session 16 (see its module)", levels=SCHOOL),
    LayoutFamily("ijazah-u16d", "ijazah", "u16d", "held out, session 16 (see its module)", levels=UNIVERSITY),
    LayoutFamily("nikah-u16e", "buku_nikah", "u16e", "held out, session 16 (see its module)"),
    LayoutFamily("nikah-u16f", "buku_nikah", "u16f", "held out, session 16 (see its module)"),
)}
DEVELOPMENT_FAMILIES = ("ijazah-sekolah", "ijazah-universitas", "kk-2020", "kk-old", "nikah-kutipan")
"""What the extractor was developed on, and what a corpus holds unless `families` says otherwise."""


def resolve_families(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """`None` or `development` -> DEVELOPMENT_FAMILIES; `all` -> every family; else the names given
    (comma-separated or repeated). Unknown names raise ValueError naming the known ones."""
    if spec is None:
        return DEVELOPMENT_FAMILIES
    items = [spec] if isinstance(spec, str) else list(spec)
    names = [n.strip() for item in items for n in item.split(",") if n.strip()]
    if names == ["all"]:
        return tuple(sorted(LAYOUT_FAMILIES))
    if names == ["development"]:
        return DEVELOPMENT_FAMILIES
    if unknown := [n for n in names if n not in LAYOUT_FAMILIES]:
        raise ValueError(f"unknown layout family {unknown[0]!r}: use all, development or "
                         f"{', '.join(sorted(LAYOUT_FAMILIES))}")
    if not names:
        raise ValueError("no layout family chosen")
    return tuple(sorted(set(names)))


def families_for(doc_type: str, names: Iterable[str], *, jenjang: str | None = None) -> list[LayoutFamily]:
    """The chosen families that can print a document of `doc_type` (and, for an ijazah, of `jenjang`),
    in a fixed order (older KK first: the order the default corpus has always drawn in)."""
    levels = None if jenjang is None else (UNIVERSITY if jenjang.upper() in ("D3", "S1", "S2", "S3", "D4")
                                           else SCHOOL)
    chosen = [LAYOUT_FAMILIES[n] for n in LAYOUT_FAMILIES if n in set(names)]
    return [f for f in chosen if f.document_type == doc_type and (levels is None or f.levels in (None, levels))]


def check_coverage(names: Iterable[str]) -> None:
    """Every document a corpus plans must have a family: a KK, a buku nikah, a school and a university
    ijazah. ValueError saying what is missing."""
    names = tuple(names)
    needs = (("kk", None, "KK"), ("ijazah", "SMA", "school ijazah"), ("ijazah", "S1", "university ijazah"),
             ("buku_nikah", None, "buku nikah"))
    missing = [what for doc_type, jenjang, what in needs if not families_for(doc_type, names, jenjang=jenjang)]
    if missing:
        options = {what: [f.name for f in LAYOUT_FAMILIES.values()
                          if f.document_type == doc_type and (jenjang is None or
                                                              f.levels == (UNIVERSITY if jenjang == "S1" else SCHOOL))]
                   for doc_type, jenjang, what in needs}
        raise ValueError("the families chosen print no " + ", no ".join(missing) + ": add "
                         + "; ".join(f"one of {', '.join(options[m])}" for m in missing))


def pick(candidates: list[LayoutFamily], u: float) -> LayoutFamily:
    """The family at `u` (0 ≤ u < 1) along the candidates' normalised weights."""
    total = sum(f.weight for f in candidates)
    edge = 0.0
    for family in candidates:
        edge += family.weight / total
        if u < edge:
            return family
    return candidates[-1]


def family_of_document(entry: dict[str, Any]) -> str:
    """The layout family of a corpus manifest's document entry. Corpora written before families existed
    hold only development families: the KK's `look.layout` and the ijazah's `look.jenjang` say which."""
    if entry.get("family"):
        return str(entry["family"])
    look = entry.get("look") or {}
    doc_type = entry.get("document_type")
    if doc_type == "kk":
        return "kk-old" if look.get("layout") == "old" else "kk-2020"
    if doc_type == "ijazah":
        jenjang = str(look.get("jenjang") or "")
        return "ijazah-universitas" if jenjang.upper() in ("D3", "D4", "S1", "S2", "S3") else "ijazah-sekolah"
    return "nikah-kutipan"
