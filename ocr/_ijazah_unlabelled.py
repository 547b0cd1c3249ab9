"""Ijazah values printed without a label, found by what they say rather than where one layout puts them.

    holder(all_lines) -> the name under `dengan ini menyatakan bahwa` (no `Nama :`)
    degree(all_lines) -> the degree line (`SARJANA PERTANIAN (S.P.)`, `... diberikan gelar Sarjana Hukum (S.H.)`)
    institution(all_lines) -> the university or school named in a heading or after `Kepala`/`Rektor`
    programme(all_lines) -> the programme named in a sentence (`pada Program Studi Agribisnis Fakultas ...`)
    birth(all_lines) -> place and date from `lahir di Kolaka pada tanggal 12 Maret 2002`
    issued(all_lines) -> the date in `Diberikan di Denpasar pada tanggal 21 Februari 1987`
    number(all_lines) -> a document number by its shape (`06336/UN14/S1/1987`, 15 digits)

Every value is capped: `UNLABELLED` for a line of its own, `IN_SENTENCE` for words cut out of a sentence.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable

import core

from . import _normalize as norm
from ._cells import reread
from ._confidence import IN_SENTENCE, UNLABELLED, faint
from ._fields import NOT_FOUND, capped, field_value, item_marker, labels, reads_like_sentence, vocabulary
from ._ijazah_bilingual import english
from ._layout import Line, Span, _similar, compact_key, find_phrase, phrase_places, without_leading_noise
from ._model import Page, Word
from ._sentences import DATE, after_phrase, stream

_SCHOOL_KIND = re.compile(
    r"^(?:SDN?|SMPN?|SMAN?|SMKN?|SMUN?|SLTPN?|SLTAN?|MIN?|MTSN?|MTS\.?N?|MAN?|MAK|"
    r"SEKOLAH DASAR|SEKOLAH MENENGAH (?:PERTAMA|ATAS|KEJURUAN|UMUM)|"
    r"MADRASAH (?:IBTIDAIYAH|TSANAWIYAH|ALIYAH)|"
    r"PKBM|SKB|PUSAT KEGIATAN BELAJAR MASYARAKAT|SANGGAR KEGIATAN BELAJAR|PONDOK PESANTREN)\b(?:\s+\S+)+")
"""A school's name by its kind, with at least one word after it: formal schools and madrasah, and the
centres of non-formal education that issue Paket A/B/C (`PKBM TUNAS HARAPAN`, `SANGGAR KEGIATAN BELAJAR ...`), and
the pesantren that certify their own pupils (mu'adalah, pendidikan diniyah formal)."""
_INSTITUTION_KIND = re.compile(r"\b(?:UNIVERSITAS|INSTITUT|SEKOLAH TINGGI|POLITEKNIK|AKADEMI)\b.*")
_HEADS_OF_INSTITUTION = re.compile(r"^(?:REKTOR|DIREKTUR|KETUA|DEKAN)\b")
_BIRTH = re.compile(r"\blah[i1l]?r\s*di\s+(?:[^\sA-Za-z]{1,2}\s+)?(?P<place>[A-Za-z][A-Za-z .'\-]{1,40}?)\s*"
                    r"(?:,|\bpada\s*(?=tanggal)|\bpada\b|\btanggal\b|\btgl\b)"
                    rf"\s*(?:pada\s+)?(?:tanggal\s+|tgl\.?\s+)?(?P<date>{DATE})", re.IGNORECASE)
_BORN_ON_AT = re.compile(rf"\blahir\s+(?:pada\s+)?(?:tanggal|tgl\.?)\s+(?P<date>{DATE})\s*,?\s+di\s+"
                         r"(?P<place>[A-Za-z][A-Za-z'\-]*(?:\s+(?!telah\b|dan\b|yang\b)[A-Z][A-Za-z'\-]*){0,3})",
                         re.IGNORECASE)
"""`lahir pada tanggal 3 April 1962 di Tabanan`: the place after the date, capitalized words only. (`_BIRTH`,
the place first, takes `lahir di` read as one word or with a letter lost, `lahirdi`, `lahrdi`, a stroke or
colon read before the place, `| Raha`, `0. Raha`, and `padatanggal`.)"""
_ISSUED = re.compile(r"\b(?:diberikan|dikeluarkan|ditetapkan|diterbitkan)\s+di\s+[A-Za-z][A-Za-z .'\-]{1,40}?"
                     rf"\s*(?:,|\bpada\b|\btanggal\b|\btgl\b)\s*(?:pada\s+)?(?:tanggal\s+|tgl\.?\s+)?(?P<date>{DATE})",
                     re.IGNORECASE)
_NUMBER = re.compile(r"^[A-Z0-9.\-]{1,12}(?:/[A-Z0-9.\-]{1,12}){2,6}$")
_DATE_LIKE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")
_NATIONAL = re.compile(r"^\d{15}$")
_NUMBER_WORDS = frozenset({"NO", "NOMOR", "NOMER"})
_NUMBER_DIGITS = 5
"""Digits a value after a bare `No.` must hold to be the document's number."""


def holder(all_lines: list[Line]) -> core.FieldValue:
    phrases = labels("ijazah", "holder", "phrases")
    span = after_phrase(all_lines, phrases, most_words=6) or _after_wrapped_phrase(all_lines, phrases)
    if span is None or english(span.text):  # the opening's translation under it: the name follows that
        span = after_phrase(all_lines, labels("ijazah", "holder_english", "phrases"), most_words=6)
        span = None if span is not None and english(span.text) else span
    # A name's shape read well (two to five words of capitals only, each read at 0.9 or more) under the opening
    # says whose ijazah it is as surely as `Nama :` would; anything else stays capped as found without a label.
    value = field_value(span, norm.person_name_graded)
    shaped = span is not None and _NAME_WORDS_LEAST <= len(span.words) <= _NAME_WORDS_MOST and all(
        w.text.isalpha() and w.text.isupper() and w.confidence >= _NAME_READ_WELL for w in span.words)
    return capped(value, _NAME_SHAPED if shaped else UNLABELLED)


_NAME_WORDS_LEAST, _NAME_WORDS_MOST = 2, 5
_NAME_READ_WELL = 0.9
_NAME_SHAPED = 0.95


def holder_in_band(pages: list[Page], all_lines: list[Line]) -> core.FieldValue:
    """The name in the blank band under the holder's phrase, read again from the page image: Tesseract's page
    reading loses a line set very large and bold, and leaves the band empty where the name stands."""
    for phrase in labels("ijazah", "holder", "phrases"):
        for line, _end in phrase_places(all_lines, phrase):
            below = [ln for ln in all_lines if ln.page == line.page and ln.y > line.y]
            page = next((p for p in pages if p.number == line.page), None)
            if not below or page is None or page.image is None:
                continue
            top = max(w.bbox[3] for w in line.words)
            bottom = min(w.bbox[1] for w in below[0].words)
            if bottom - top < _BAND * line.height:
                continue
            words = reread(page, [(0, top, page.image.shape[1], bottom)], lang=page.lang, one_by_one=True)[0]
            text = " ".join(w.text for w in words)
            letters = sum(c.isalpha() for c in text)
            if words and ":" not in text and letters >= 2 and not reads_like_sentence(text, most_words=6) \
                    and sum(c.isdigit() for c in text) <= 0.2 * letters:
                return capped(field_value(Span(line.page, words), norm.person_name_graded), UNLABELLED)
            return NOT_FOUND
    return NOT_FOUND


_BAND = 2.5
"""Line heights of blank under the holder's phrase where a name set large may have been lost."""


def _after_wrapped_phrase(all_lines: list[Line], phrases: tuple[str, ...]) -> Span | None:
    """`after_phrase` for a phrase the sentence wrapped over two lines (`... menyatakan` above `bahwa:`): the
    two lines read as one, then what follows it."""
    for i, (upper, lower) in enumerate(itertools.pairwise(all_lines)):
        if upper.page != lower.page or lower.y - upper.y > _NEXT_LINE * max(upper.height, lower.height):
            continue
        tail = compact_key(" ".join(w.text for w in upper.words[-_WRAPPED_WORDS:]))
        head = compact_key(" ".join(w.text for w in lower.words[:_WRAPPED_WORDS]))
        if not any(_split_between(compact_key(p), tail, head) for p in phrases):
            continue
        # The phrase's first part moved down onto the second line, so that what follows is measured from there.
        moved = tuple(dataclasses.replace(w, bbox=(w.x0, lower.words[0].bbox[1], w.x1, lower.words[0].bbox[3]))
                      for w in upper.words[-_WRAPPED_WORDS:])
        span = after_phrase([Line(lower.page, moved + lower.words), *all_lines[i + 2:]], phrases, most_words=6)
        if span is not None:
            return span
    return None


_WRAPPED_WORDS = 4
"""Most words of a holder phrase on either side of the break."""


def _split_between(phrase: str, tail: str, head: str) -> bool:
    """Whether `phrase` (compacted) begins at the end of `tail` and ends at the start of `head`."""
    return any(tail.endswith(phrase[:k]) and head.startswith(phrase[k:]) for k in range(3, len(phrase) - 2))


def degree(all_lines: list[Line], gelar: Callable[[str | None], str | None]) -> core.FieldValue:
    """A line that begins with a degree (`SARJANA PERTANIAN (S.P.)`), or a degree with its abbreviation
    in parentheses inside a sentence (`kepadanya diberikan gelar Sarjana Hukum (S.H.)`)."""
    starts = tuple(compact_key(d) for d in labels("ijazah", "degrees", "phrases"))
    in_sentence = NOT_FOUND
    for line in all_lines:
        if any(":" in w.text for w in line.words):
            continue
        for i in range(len(line.words)):
            head = compact_key(" ".join(w.text for w in line.words[i:i + 2]))
            if not head.startswith(starts):
                continue
            if i > 0 and compact_key(line.words[i - 1].text) in _LEVEL_WORDS:
                continue  # `pada Program Sarjana (S1)`: the level of study, not the degree conferred
            closing = next((j for j in range(i, len(line.words)) if ")" in line.words[j].text), None)
            if closing is not None:
                words = line.words[i:closing + 1]
            elif i == 0 and len(line.words) <= 5:
                words = line.words + _abbreviation_below(all_lines, line)
            else:
                break
            text = " ".join(w.text for w in words)
            if reads_like_sentence(text, most_words=7) or _LEVEL_CODE.search(text):
                break
            if i == 0:  # a line of its own is the degree; one inside a sentence only if there is none
                return capped(field_value(Span(line.page, tuple(words)), gelar), UNLABELLED)
            if in_sentence.value is None:
                in_sentence = capped(field_value(Span(line.page, tuple(words)), gelar), IN_SENTENCE)
            break
    return in_sentence


def _abbreviation_below(all_lines: list[Line], line: Line) -> tuple[Word, ...]:
    """The degree's abbreviation when it was set on a line of its own under the degree (`SARJANA PENDIDIKAN
    ISLAM` above `(S.Pd.I.)`): the next line, if it is nothing but one parenthesized group."""
    below = next((ln for ln in all_lines if ln.page == line.page and ln.y > line.y), None)
    if below is None or below.y - line.y > _NEXT_LINE * max(line.height, below.height):
        return ()
    text = below.text.strip()
    if len(below.words) <= 2 and text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        return below.words
    return ()


_NEXT_LINE = 2.5
"""Line heights (centre to centre) a continuation may stand below its line."""


_LEVEL_WORDS = frozenset({"PROGRAM", "JENJANG", "PENDIDIKAN", "STRATA", "TINGKAT"})
"""Words before `Sarjana` that make it the level of study (`Program Sarjana`), not the degree."""
_LEVEL_CODE = re.compile(r"\(\s*(?:[SD]\s*-?\s*[1-4I]|STRATA[^)]*)\s*\)", re.IGNORECASE)
"""A level in parentheses (`(S1)`, `(D-3)`): no degree's abbreviation (`(S.E.)`, `(A.Md.)`)."""


def institution(all_lines: list[Line]) -> core.FieldValue:
    """A university named in a heading (or after `Rektor`), a school in a heading or after `Kepala`."""
    for line in all_lines:
        text = " ".join(line.text.upper().split())
        if ":" in text or reads_like_sentence(text, most_words=9) or all(faint(w.confidence) for w in line.words):
            continue  # ... or a line every word of which is garbled (Arabic script read as `MI GI MI aw`)
        match = _INSTITUTION_KIND.search(text)
        if match and (match.start() == 0 or _HEADS_OF_INSTITUTION.match(text)):
            return _named(line, match.start(), match.end(), wrapped=_heading_goes_on(all_lines, line))
        misread = _misread_kind(text)
        if misread is not None:
            return misread_named(line, misread)
        match = _SCHOOL_KIND.match(text)
        # A sentence wrapped to begin with the school (`Pkbm Nusantara Kolaka, NPSN P9963884.`) is no heading.
        if match and not _GOES_ON.search(match[0]):
            return _named(line, 0, match.end())
    for phrase in labels("ijazah", "head", "phrases"):
        for line, end in phrase_places(all_lines, phrase):
            # The name ends at a comma or stop (`Kepala SMA Negeri 1 Kolaka, Nomor Pokok Sekolah Nasional ...`).
            rest = re.split(r"[,.;](?:\s|$)", " ".join(w.text for w in line.words[end:]).upper() + " ")[0]
            # ... or where the sentence goes on (`Kepala MTs Negeri 2 Kendari menerangkan bahwa`).
            kept = list(itertools.takewhile(lambda w: not reads_like_sentence(w), rest.split()))
            rest = " ".join(kept)
            match = _SCHOOL_KIND.match(rest)
            if match and not reads_like_sentence(rest, most_words=9):
                offset = len(" ".join(w.text for w in line.words[:end])) + 1
                return _named(line, offset, offset + match.end())
    headed = _headed_in_sentence(all_lines)
    if headed.value is not None:
        return headed
    in_sentence = _school_in_sentence(all_lines)
    return in_sentence if in_sentence.value is not None else _named_by_head(all_lines)


def _named_by_head(all_lines: list[Line]) -> core.FieldValue:
    """A school of a kind not listed (`SEKOLAH INDONESIA RIYADH`, a school abroad), named twice: as a heading
    of its own and after its head's title in a sentence (`Kepala Sekolah Indonesia Riyadh dengan ini menyatakan
    bahwa`), where the name ends as the heading does (the sentence goes on in lower case, or a comma ends it).
    Two places that print the same words make a name of either; the heading is taken."""
    text = stream(all_lines).text
    tokens = [text[m.end():].split(" ") for m in _HEAD_OF_SCHOOL.finditer(text)]
    if not tokens:
        return NOT_FOUND
    for line in all_lines:
        words = line.text.split()
        if len(words) < _NAME_WORDS or ":" in line.text or line.text != line.text.upper() \
                or reads_like_sentence(line.text, most_words=9) or all(faint(w.confidence) for w in line.words):
            continue
        key = compact_key(line.text)
        for after in tokens:
            n = len(words)
            if len(after) < n:
                continue
            ends = len(after) == n or after[n - 1].endswith((",", ".", ";", ":")) or after[n][:1].islower()
            if ends and _similar(compact_key("".join(after[:n])), key, _SAME_NAME) >= _SAME_NAME:
                return _named(line, 0, len(line.text))
    return NOT_FOUND


_HEAD_OF_SCHOOL = re.compile(r"\bKepala\s+", re.IGNORECASE)
_SAME_NAME = 0.9
"""How alike the heading and the words after the head's title must read."""


def _school_in_sentence(all_lines: list[Line]) -> core.FieldValue:
    """A school or centre named only inside a sentence, after `pada`, `di` or `dari` (`... Tahun Pelajaran
    2007/2008 pada Pkbm Nusantara Kolaka, NPSN P9963884.`): its kind and the words after it, to a comma or
    stop or where the sentence goes on."""
    text = stream(all_lines)
    for before in _PREPOSITION.finditer(text.text):
        rest = re.split(r"[,.;](?:\s|$)", text.text[before.end():] + " ", maxsplit=1)[0]
        kept = list(itertools.takewhile(lambda w: not reads_like_sentence(w), rest.split()))
        name = " ".join(kept)
        match = _SCHOOL_KIND.match(name.upper())
        if match and len(kept) <= _MOST_NAME_WORDS and not reads_like_sentence(name, most_words=_MOST_NAME_WORDS):
            span = text.span(before.end(), before.end() + match.end())
            return capped(field_value(span, _institution_name), IN_SENTENCE)
    return NOT_FOUND


_GOES_ON = re.compile(r"[,;]\s+\S")
"""A comma or semicolon with words after it: a sentence going on, not a heading."""
_PREPOSITION = re.compile(r"\b(?:pada|di|dari)\s+", re.IGNORECASE)
_MOST_NAME_WORDS = 7


def _headed_in_sentence(all_lines: list[Line]) -> core.FieldValue:
    """A college named only in the opening sentence, after its head (`Ketua Sekolah Tinggi Agama Islam Negeri
    Kendari, dengan ini menyatakan bahwa`): the words from its kind to a comma or where the sentence goes on."""
    for line in all_lines:
        words = line.words
        for i in range(len(words) - 2):
            if not _HEADS_OF_INSTITUTION.match(compact_key(words[i].text)):
                continue
            taken = []
            for word in words[i + 1:]:
                if reads_like_sentence(word.text) or ":" in word.text or compact_key(word.text) in _JOINED_BY:
                    break
                taken.append(word)
                if word.text.endswith((",", ".", ";")):
                    break
            name = " ".join(w.text for w in taken).upper()
            match = _INSTITUTION_KIND.match(name)
            if match and len(taken) >= _NAME_WORDS and not reads_like_sentence(name, most_words=9):
                return capped(field_value(Span(line.page, tuple(taken)), _institution_name), IN_SENTENCE)
    return NOT_FOUND


_NAME_WORDS = 2
_JOINED_BY = frozenset({"BERSAMA", "BESERTA", "ATAS"})
"""Words that join the head's institution to another signer (`Rektor Universitas Lakidende bersama
Koordinator Kopertis Wilayah IX menyatakan`): the name ends before them."""
"""Fewest words of an institution's name (its kind and one more)."""


_KINDS = ("UNIVERSITAS", "INSTITUT", "POLITEKNIK", "AKADEMI")


def _misread_kind(text: str) -> str | None:
    """The kind of institution a heading begins with, read with a slip (`UNIVERSITIAS`), or None."""
    first = text.split()[0] if text.split() else ""
    for kind in _KINDS:
        if first != kind and norm.edit_distance(first, kind, limit=1) <= 1 and len(text.split()) >= 2:
            return kind
    return None


def misread_named(line: Line, kind: str) -> core.FieldValue:
    """A heading whose first word is `kind` misread: the name with the kind spelt right, a little less sure."""
    value = _named(line, 0, len(line.text))
    if value.value is None:
        return value
    mended = " ".join([kind, *value.value.split()[1:]])
    return dataclasses.replace(value, value=mended, confidence=round(value.confidence * norm.EDIT_FACTOR, 3))


def _named(line: Line, start: int, end: int, *, wrapped: tuple[Word, ...] = ()) -> core.FieldValue:
    """The words of `line` under the characters [start, end) of its text, as a name found unlabelled; with
    `wrapped`, the words of the heading's next line the name goes on with."""
    words, at = [], 0
    for word in line.words:
        if at + len(word.text) > start and at < end:
            words.append(word)
        at += len(word.text) + 1
    value = field_value(Span(line.page, (*words, *wrapped)), _institution_name)
    return capped(value, UNLABELLED)


def _heading_goes_on(all_lines: list[Line], line: Line) -> tuple[Word, ...]:
    """The words of the line under a heading that the heading's name wrapped onto (`SEKOLAH TINGGI ILMU
    KESEHATAN` over `MANDALA WALUYA`): the next line, within two of the heading's line heights, of one to
    `_WRAPPED_WORDS` capitalised words set in the heading's type size, none a title or a unit of the institution
    (`FAKULTAS HUKUM` under `UNIVERSITAS HALUOLEO` is a heading of its own). A speck read before it is left out."""
    at = next((i for i, other in enumerate(all_lines) if other is line), None)
    if at is None or at + 1 >= len(all_lines):
        return ()
    nxt = all_lines[at + 1]
    size = sorted(w.height for w in line.words)[len(line.words) // 2]
    words = [w for w in nxt.words if sum(c.isalpha() for c in w.text) >= 2]
    specks = [w for w in nxt.words if w not in words]
    if nxt.page != line.page or not 0 < nxt.y - line.y <= _WRAP_DISTANCE * size or not words \
            or len(words) > _WRAPPED_WORDS or len(specks) > 1 or any(len(w.text) > 2 for w in specks):
        return ()
    if not all(_WORD_OF_NAME.match(w.text) and _SIZE_LOW * size <= w.height <= _SIZE_HIGH * size for w in words):
        return ()
    if compact_key(words[0].text) in _NOT_WRAPPED:
        return ()
    return tuple(words)


_WRAPPED_WORDS = 3
_WRAP_DISTANCE = 2.2
"""Most distance between a heading's line and the line it wrapped onto, centre to centre, in letter heights."""
_SIZE_LOW, _SIZE_HIGH = 0.75, 1.6
_WORD_OF_NAME = re.compile(r"^[A-Z][A-Z'\-]+[,.]?$")
_NOT_WRAPPED = frozenset({"FAKULTAS", "PROGRAM", "JURUSAN", "IJAZAH", "IJASAH", "STTB", "TERAKREDITASI",
                          "NOMOR", "DIPLOMA", "TRANSKRIP", "KAMPUS", "JALAN", "JL", "YAYASAN", "KEMENTERIAN",
                          "DEPARTEMEN", "PIAGAM", "SURAT", "SERTIFIKAT"})


def _institution_name(text: str | None) -> str | None:
    """As printed, upper case; the punctuation at its ends that no name has (`, .` after it; `/` or `:` before
    it, the end of a label wrapped over two lines, `Jurusan /` over `Program Studi`)."""
    return norm.text_upper(text.rstrip(" ,.").lstrip(" /:;|") if text else text)


def programme_name(text: str | None) -> str | None:
    """A programme's name without the level printed before it (`S1 Pendidikan Bahasa Inggris`, `D-III
    Keperawatan`, `Diploma III Kebidanan`): the level is the jenjang, not part of the programme's name."""
    name = _institution_name(text)
    if not name:
        return None
    rest = _LEVEL_BEFORE.sub("", name, count=1)
    return rest or name


_LEVEL_BEFORE = re.compile(r"^(?:[SD]\s*-?\s*(?:[1-4]|I{1,3}|IV)|(?:STRATA|DIPLOMA)\s+(?:SATU|DUA|TIGA|EMPAT|I{1,3}|IV|[1-4]))"
                           r"\s+(?=[A-Z]{3})")
"""A level code or name before a programme's name (followed by a word of three letters or more)."""


def programme(all_lines: list[Line]) -> core.FieldValue:
    """The programme a sentence names: the words after `Program Studi` up to where the sentence goes on."""
    ends = {compact_key(w) for w in labels("ijazah", "programme_end", "phrases")}
    for phrase in labels("ijazah", "programme", "phrases"):
        found = find_phrase(all_lines, phrase)
        if found is None:
            continue
        line, end = found
        words = []
        for word in line.words[end:]:
            if compact_key(word.text) in ends or ":" in word.text:
                break
            words.append(word)
            if word.text.endswith((",", ".", ";")):
                break
        if words and words[0].text.startswith(":"):
            continue
        if 1 <= len(words) <= 6 and not reads_like_sentence(" ".join(w.text for w in words), most_words=6):
            return capped(field_value(Span(line.page, tuple(words)), programme_name), IN_SENTENCE)
    return _programme_across_lines(all_lines, ends)


def _programme_across_lines(all_lines: list[Line], ends: set[str]) -> core.FieldValue:
    """`programme` where the sentence wrapped inside the phrase or right after it (`... Fakultas Ekonomi
    Program` above `Studi Manajemen, dan kepadanya ...`): the page's text read as one stream."""
    text = stream(all_lines)
    for phrase in labels("ijazah", "programme", "phrases"):
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\s+", re.IGNORECASE)
        for match in pattern.finditer(text.text):
            taken: list[str] = []
            for token in text.text[match.end():].split(" "):
                if compact_key(token) in ends or ":" in token:
                    break
                taken.append(token)
                if token.endswith((",", ".", ";")) or len(taken) > _PROGRAMME_WORDS:
                    break
            name = " ".join(taken)
            if 1 <= len(taken) <= _PROGRAMME_WORDS and not reads_like_sentence(name, most_words=_PROGRAMME_WORDS):
                span = text.span(match.end(), match.end() + len(name))
                return capped(field_value(span, programme_name), IN_SENTENCE)
    return NOT_FOUND


_PROGRAMME_WORDS = 6


def birth(all_lines: list[Line]) -> tuple[core.FieldValue, core.FieldValue, Line | None]:
    """Place and date of birth from a sentence, and the line the date was on. Where the lines as read hold no
    birth sentence, the page's rows are tried: a row Tesseract split (a date typed in above the sentence's
    baseline, read as a line of its own right of `pada tanggal`) joined again, specks read as words dropped."""
    for candidate in (all_lines, _rows(all_lines)):
        text = stream(candidate)
        match = _BIRTH.search(text.text) or _BORN_ON_AT.search(text.text)
        if match is not None:
            break
    if match is None:
        return NOT_FOUND, NOT_FOUND, None
    place, date = text.group(match, "place"), text.group(match, "date")
    line = next((ln for ln in all_lines if date is not None and date.words[-1] in ln.words), None)
    cap = _PRINTED_AS_LABEL if candidate is all_lines and _EXACT_BIRTH.fullmatch(match[0]) else IN_SENTENCE
    return (capped(field_value(place, _place_only), cap), capped(field_value(date, norm.date_graded), cap), line)


_EXACT_BIRTH = re.compile(r"lahir di [A-Z][a-z]+(?: [A-Z][a-z]+){0,2},? (?:pada )?tanggal \d{1,2} [A-Z][a-z]{2,8} \d{4}")
_PRINTED_AS_LABEL = 0.95


def _rows(all_lines: list[Line]) -> list[Line]:
    """The lines as rows: two lines at one height (centres within `_SAME_ROW` of the taller's height), one
    wholly right of the other, joined left to right; words of one or two characters read at almost no
    confidence (`j)` for a speck between `lahir di` and the place) left out."""
    rows: list[Line] = []
    for line in all_lines:
        words = tuple(w for w in line.words if not (len(w.text) <= 2 and w.confidence < _SPECK))
        if not words:
            continue
        at = next((i for i, r in enumerate(rows) if r.page == line.page
                   and abs(r.y - line.y) <= _SAME_ROW * max(r.height, line.height)
                   and (words[0].x0 > r.words[-1].x1 or r.words[0].x0 > words[-1].x1)), None)
        if at is None:
            rows.append(Line(line.page, words))
        else:
            rows[at] = Line(line.page, tuple(sorted((*rows[at].words, *words), key=lambda w: w.x0)))
    return rows


_SAME_ROW = 0.6
_SPECK = 0.1


def _place_only(text: str | None) -> str | None:
    value = norm.name(text)
    return value.strip(" ,./-") or None if value else None


def issued(all_lines: list[Line]) -> core.FieldValue:
    text = stream(all_lines)
    matches = list(_ISSUED.finditer(text.text))
    if not matches:
        return NOT_FOUND
    match = matches[-1]  # the date of issue stands above the signature, at the end
    return capped(field_value(text.group(match, "date"), norm.date_graded), IN_SENTENCE)


def identifier(all_lines: list[Line], wordings: tuple[str, ...]) -> core.FieldValue:
    """An identifier printed after its label inside a sentence, without a colon (`... Kepala SMA Negeri 1
    Kolaka, Nomor Pokok Sekolah Nasional 40401234, Kabupaten ...`): the digits right after the wording."""
    text = stream(all_lines)
    for wording in wordings:
        words = [re.escape(w) for w in wording.split()]
        pattern = re.compile(r"\b" + r"\s+".join(words) + rf"\s*:?\s*(?P<value>{_IDENTIFIER})(?![\w/])",
                             re.IGNORECASE)
        for match in pattern.finditer(text.text):
            before = text.word_before(match.start())
            printed = text.span(match.start(), match.start("value"))
            line = next((ln for ln in all_lines if printed is not None and printed.words[0] in ln.words), None)
            if (before is not None and item_marker(before.text)) or (line is not None and _labels_only(line)):
                continue  # a form's row of labels (`6. Nomor Induk Siswa Nasional`), no sentence: a value
                # under its label is another's as often as its own
            return capped(field_value(text.group(match, "value"), norm.code), IN_SENTENCE)
    return NOT_FOUND


def _labels_only(line: Line) -> bool:
    """A line of nothing but labels' words (and item numbers): a form's row of labels over their values."""
    words = [compact_key(w.text) for w in line.words if not item_marker(w.text)]
    return all(not w or w in _label_words() for w in words)


@functools.cache
def _label_words() -> frozenset[str]:
    return frozenset(compact_key(word) for group in ("fields", "english")
                     for wordings in vocabulary()["ijazah"][group].values() for w in wordings for word in w.split())


_IDENTIFIER = r"\d{4,20}|P\d{7}|\d{1,6}(?:/[A-Z0-9]{1,6}){1,3}"
"""An identifier's shapes inside a sentence: digits; a non-formal centre's NPSN (`P9963884`); a learner's
number in parts (`487/C/07`)."""


def _number_at_line_end(all_lines: list[Line], taken: set[str]) -> Span | None:
    """A number after `No.` that ends a line whose start is something else (a heading at the left, the number in
    the page's top right corner, often boxed: `REPUBLIK INDONESIA   No. | DN-26 Ma 0878679`): a few words, the
    first a digit's or a series code's, one a serial of five digits or more."""
    for line in all_lines:
        for i, word in enumerate(line.words[1:-1], start=1):
            if compact_key(word.text) not in _NUMBER_WORDS or any(":" in w.text for w in line.words[i:]):
                continue
            rest = without_leading_noise(list(line.words[i + 1:]), line.height)
            if not rest or len(rest) > _CORNER_WORDS or rest[0].x0 - word.x1 > _CORNER_GAP * line.height:
                continue
            first = rest[0].text
            if (any(c.isdigit() for c in first) or "-" in first.strip("-")) and any(
                    re.fullmatch(r"\d{5,}", w.text) for w in rest) and "".join(w.text for w in rest).upper() not in taken:
                return Span(line.page, tuple(rest))
    return None


_CORNER_WORDS = 4
_CORNER_GAP = 3.0
"""Line heights between `No.` and its number at most (a box's rule between them is read `|`)."""


def number(all_lines: list[Line], *, taken: set[str], normalize: Callable[[str | None], object] = norm.code,
           ) -> core.FieldValue:
    """A document number: the rest of a line that begins `No.` or `Nomor` without a colon (`No. DN-74 DII
    1920647`) when it holds digits enough; else known by its shape alone: parts joined by slashes with
    digits in them (`06336/UN14/S1/1987`), or the 15-digit national number; the topmost that is not a
    value already `taken` by another field (a NIM such as `16/394857/TK/44123`)."""
    for line in all_lines:
        if len(line.words) > 1 and compact_key(line.words[0].text) in _NUMBER_WORDS:
            rest = without_leading_noise(list(line.words[1:]), line.height)
            text = " ".join(w.text for w in rest)
            # A number begins with a digit or a series code (`DN-74`, `DN-PC`); `Nomor Induk Sekolah 60720` is a label.
            if rest and (any(c.isdigit() for c in rest[0].text) or "-" in rest[0].text.strip("-")) \
                    and sum(c.isdigit() for c in text) >= _NUMBER_DIGITS and text.replace(" ", "").upper() not in taken \
                    and not any(":" in w.text for w in rest) and not reads_like_sentence(text, most_words=5):
                return capped(field_value(Span(line.page, tuple(rest)), normalize), UNLABELLED)  # type: ignore[arg-type]
    corner = _number_at_line_end(all_lines, taken)
    if corner is not None:
        return capped(field_value(corner, normalize), UNLABELLED)  # type: ignore[arg-type]
    for line in all_lines:
        for word in line.words:
            token = word.text.strip(" .,;:").upper()
            shaped = _NUMBER.match(token) and sum(c.isdigit() for c in token) >= 3 and not _DATE_LIKE.match(token)
            if (shaped or _NATIONAL.match(token)) and token not in taken:
                return capped(field_value(Span(line.page, (word,)), normalize), UNLABELLED)  # type: ignore[arg-type]
    return NOT_FOUND
