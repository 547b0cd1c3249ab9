"""A buku nikah written as a letter (a KUA's SURAT KETERANGAN, a DUPLIKAT KUTIPAN AKTA NIKAH): values found by
meaning inside its sentences, where no label stands before them.

    akta_in_sentence(all_lines) -> Span | None   the akta's number after `Akta Nikah Nomor` / `Register Nomor`
    letter_number(text) -> bool                  whether a number is a letter's own (`B-0123/Kua.27.04.03/PW.01/...`)
    spouses_in_prose(all_lines) -> Prose         each spouse's values from a paragraph, and how sure the role is
    wali_in_sentence(all_lines) -> Span | None   the wali's name after `wali nikah` in a sentence

A letter prints three numbers: its own under the title (`Nomor : B-0123/Kua.27.04.03/PW.01/05/2023`), the
akta's inside the opening sentence (`berdasarkan Akta Nikah Nomor 0123/045/VI/2003`), and for a lost book
the police report's (`Nomor STPLK/123/V/2023/Sek Katobu`). Only the second is the field: it is the one
after `Akta Nikah` or `Register`; a number whose parts carry a letter's classification code (`PW.01`,
`Kua.`, `B-`) is never the akta's.

The spouses stand as paragraphs after `antara:` (the husband first, `... dengan ...`), each anchored on its
NIK (`NIK 7403...`, `Nomor Induk Kependudukan ...`): the name before it (up to `bin` / `binti` and the
father), then `lahir di X tanggal ...`, `warga negara ...`, `agama ...`, `pekerjaan ...`, `bertempat tinggal
di ...` up to the paragraph's end. Which spouse a paragraph is comes from its order and is checked against
what it says of itself: `bin` (a son) or `binti` (a daughter), `sebagai suami` / `sebagai istri`, the NIK's
day of birth (40 added for women). Evidence against the order swaps the two only when both paragraphs
say so; a paragraph that prints any sign of the other role is `contradicted`, one with no sign `unsure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._fields import reads_like_sentence
from ._layout import Line, Span
from ._sentences import DATE, Stream, stream

_AKTA = re.compile(r"\b(?:Ak[tl]a\s+Nika[hb]|Register(?:\s+Ak[tl]a\s+Nika[hb])?)\s+(?:Nomor|Nornor|No\.)(?![A-Za-z])"
                   r"\s*[:.]?\s*(?P<number>(?=\S*\d)[0-9A-Za-z][0-9A-Za-z./|!-]*(?:\s?/\s?[0-9A-Za-z.|!-]+)*"
                   r"[0-9A-Za-z])", re.IGNORECASE)
"""`Akta Nikah Nomor 0123/045/VI/2003`; the number may be read with a space beside a slash (`0123/045/ VI/2003`)."""
_LETTER_CODE = re.compile(r"(?:^|/)(?:B-\d|Kk\.|Kua\.|KUA\.)|/PW\.?\d|(?:^|/)[A-Z]{1,4}\.\d{2}\.\d{2}", re.IGNORECASE)


def letter_number(text: str | None) -> bool:
    """Whether `text` is a letter's own number (`B-0123/Kua.27.04.03/PW.01/05/2023`, `Kk.27.04.03/PW.01/...`):
    a classification code (`PW.01`) or an office code with dots, which no akta number carries."""
    return bool(text) and _LETTER_CODE.search(text.replace(" ", "")) is not None  # type: ignore[union-attr]


def akta_in_sentence(all_lines: list[Line]) -> Span | None:
    """The akta's number inside a sentence (`Akta Nikah Nomor 0123/045/VI/2003`, `Register Nomor ...`)."""
    text = stream(all_lines)
    for match in _AKTA.finditer(text.text):
        # A number glued to its label (`Nomor0290/016/III/1987`) is no word of its own: the label finders'.
        if letter_number(match["number"]) or text.text[match.start("number") - 1] != " ":
            continue
        return text.group(match, "number")
    return None


_NIK = re.compile(r"\b(?:N\s?I\s?K|Nomor\.?\s+Induk\s+Kependudukan)\b\s*[.:;]?\s*(?P<nik>\d[\d ]{14,20}\d)", re.IGNORECASE)
_OPEN = re.compile(r"\bantara\s*[:;]?", re.IGNORECASE)
_LEADING = re.compile(r"^[\s:;,.)(|'\"‘’-]*(?:(?:\d{1,2}|[IV]{1,3})\s*[.)]\s*)?(?:dengan\s*[:;,]?\s*)?"
                      r"(?:(?:Sdr|Sdri|Saudara|Saudari|Nama)\.?\s*:?\s*)?", re.IGNORECASE)
_KIN = re.compile(r"\s*,?\s*\b(?P<kin>[bh][i1l]n(?:t[i1l])?)\b\s*", re.IGNORECASE)
"""`bin` or `binti`, as OCR reads them too (`hinti`, `bintl`)."""
_BORN = re.compile(rf"\b(?:lahir\s+di|tempat\s*[/,]?\s*(?:dan\s+)?(?:tanggal|tgl\.?)\s+lahir\s*[:,]?)\s+"
                   rf"(?P<place>[A-Za-z][A-Za-z .'-]{{1,40}}?)\s*(?:,\s*|\s)\s*(?:pada\s+)?(?:tanggal\s+|tgl\.?\s+)?"
                   rf"(?P<date>{DATE})", re.IGNORECASE)
_CITIZEN = re.compile(r"\b(?:ke)?warga\s*negara(?:an)?\s*:?\s+(?P<value>[A-Za-z]+(?:\s*\(\s*W\s*N\s*[IA]\s*\))?)", re.IGNORECASE)
_RELIGION = re.compile(r"\b(?:ber)?agama\s*:?\s+(?P<value>[A-Za-z]+)", re.IGNORECASE)
_WORK = re.compile(r"\b(?:pekerjaan|bekerja\s+sebagai)\s*:?\s+(?P<value>[^,;]{2,40}?)\s*[,;]", re.IGNORECASE)
_HOME = re.compile(r"\b(?:bertempat\s+tinggal\s+(?:di\s+)?|berte[mn]pat\s+kediaman\s+(?:di\s+)?|beralamat\s+"
                   r"(?:di\s+)?|alamat\s+di\s+)[:;]?\s*", re.IGNORECASE)
_AS = re.compile(r"^\s*,?\s*(?:sebagai|selaku)\s+(?P<role>suami|istri|isteri)\b", re.IGNORECASE)
_ABBREVIATIONS = frozenset({"NO", "JL", "JLN", "DR", "H", "HJ", "KEL", "KEC", "DS", "RT", "RW", "KAB", "GG", "BLOK",
                            "PROV", "LR", "ST", "IR", "PERUM", "KP", "DSN"})
_ADDRESS_WORDS = 16
_NAME_WORDS = 7


@dataclass
class Party:
    """One spouse's paragraph: its values as spans (`<field>`; `lahir` holds place and date) and the signs of
    its role it prints: of a husband (`bin`, a man's NIK, `sebagai suami`) and of a wife."""

    spans: dict[str, Span] = field(default_factory=dict)
    husband: int = 0
    wife: int = 0

    def sign(self, husband: bool) -> None:
        if husband:
            self.husband += 1
        else:
            self.wife += 1


@dataclass(frozen=True)
class Prose:
    """The spouses found in paragraphs, by role, and the roles whose paragraph says otherwise or nothing."""

    parties: dict[str, Party]
    contradicted: frozenset[str]
    unsure: frozenset[str]


def spouses_in_prose(all_lines: list[Line]) -> Prose:
    """Each spouse's values from the paragraphs after `antara:`, the first the husband's (see the module). A NIK
    with neither `lahir di` nor `bertempat tinggal di` after it is a label list's, no paragraph."""
    text = stream(all_lines)
    opening = _OPEN.search(text.text)
    at = opening.end() if opening else 0
    found: list[Party] = []
    while len(found) < 2:
        party, at = _party(text, at)
        if party is None:
            break
        if "lahir" in party.spans or "alamat" in party.spans:  # a paragraph: `lahir di`, `bertempat tinggal di`
            found.append(party)
    if not found:
        return Prose({}, frozenset(), frozenset())
    roles = ["suami", "istri"][:len(found)]
    if len(found) == 2 and found[0].wife > found[0].husband and found[1].husband > found[1].wife:
        roles.reverse()  # both paragraphs say the wife is named first
    parties = dict(zip(roles, found, strict=True))
    contradicted = frozenset(r for r, p in parties.items() if (p.wife if r == "suami" else p.husband))
    unsure = frozenset(r for r, p in parties.items() if not p.husband + p.wife)
    return Prose(parties, contradicted, unsure)


def _party(text: Stream, at: int) -> tuple[Party | None, int]:
    """The paragraph whose NIK is the next one after `at`, and where it ends."""
    nik = _NIK.search(text.text, at)
    if nik is None:
        return None, at
    party = Party()
    name = _name(text, at, nik.start())
    if name is not None:
        span, kin = name
        party.spans["nama_lengkap"] = span
        if kin:
            party.sign(husband=len(kin) == 3)
    if (number := text.group(nik, "nik")) is not None:
        party.spans["nik"] = number
        digits = re.sub(r"\D", "", nik["nik"])
        if len(digits) == 16 and digits[6:8].isdigit() and 1 <= int(digits[6:8]) <= 71:
            party.sign(husband=int(digits[6:8]) <= 40)
    following = _NIK.search(text.text, nik.end())
    limit = following.start() if following else len(text.text)
    window = text.text[:limit]
    end = nik.end()
    for key, pattern, group in (("lahir", _BORN, None), ("kewarganegaraan", _CITIZEN, "value"),
                                ("agama", _RELIGION, "value"), ("pekerjaan", _WORK, "value")):
        match = pattern.search(window, nik.end())
        if match is None:
            continue
        found = _born(text, match) if group is None else text.group(match, group)
        if found is not None:
            party.spans[key] = found
            end = max(end, match.end())
    home = _HOME.search(window, nik.end())
    if home is not None:
        address, end = _address(text, home.end(), limit)
        if address is not None:
            party.spans["alamat"] = address
        role = _AS.match(text.text, end)
        if role is not None:
            party.sign(husband=role["role"].lower() == "suami")
            end = role.end()
    return party, max(end, nik.end())


def _born(text: Stream, match: re.Match[str]) -> Span | None:
    """Place and date of birth as one value without the `tanggal` between them: the place's words, the date's."""
    place, date = text.group(match, "place"), text.group(match, "date")
    if place is None or date is None or place.page != date.page:
        return date
    return Span(place.page, (*place.words, *(w for w in date.words if w not in place.words)))


def _name(text: Stream, start: int, nik_at: int) -> tuple[Span, str | None] | None:
    """The name before a paragraph's NIK (from `start`), without numbering, `dengan`, and `bin X` after it."""
    region = text.text[start:nik_at]
    # The paragraph's own beginning: after the last sentence or item break before the NIK.
    breaks = [m.end() for m in re.finditer(r"[:;]\s|\.\s+(?=\d+\s*[.)])|\bdengan\b", region)]
    offset = start + (breaks[-1] if breaks else 0)
    region = text.text[offset:nik_at]
    lead = _LEADING.match(region)
    begin = offset + (lead.end() if lead else 0)
    body = text.text[begin:nik_at]
    kin = _KIN.search(body)
    end = begin + (kin.start() if kin else len(body.rstrip(" ,;")))
    name = text.text[begin:end].strip(" ,;")
    words = name.split()
    if not words or len(words) > _NAME_WORDS or reads_like_sentence(name, most_words=_NAME_WORDS):
        return None
    if sum(c.isdigit() for c in name) or sum(c.isalpha() for c in name) < 3:
        return None
    span = text.span(begin, begin + len(text.text[begin:end].rstrip(" ,;")))
    return (span, kin["kin"] if kin else None) if span is not None else None


def _address(text: Stream, start: int, limit: int) -> tuple[Span | None, int]:
    """The address from `start` to the paragraph's end: a `;`, `, sebagai ...`, `dengan`, or a period that
    ends a sentence (after a number or a word, not after an abbreviation such as `NO.` or `JL.`)."""
    words = [m for m in re.finditer(r"\S+", text.text[start:limit])][:_ADDRESS_WORDS + 1]
    end = None
    for i, word in enumerate(words):
        token = word[0]
        bare = token.strip(",;.:()").upper()
        if i and bare in ("DENGAN", "SEBAGAI", "SELAKU", "AKAD", "YANG"):
            break
        end = word.end()
        if token.endswith(";"):
            end -= 1
            break
        if token.endswith(",") and i + 1 < len(words) and words[i + 1][0].lower().strip(",") in ("sebagai", "selaku"):
            end -= 1
            break
        if token.endswith(".") and (any(c.isdigit() for c in bare) or (len(bare) >= 4 and bare not in _ABBREVIATIONS)):
            end -= 1
            break
    if end is None or (len(words) > _ADDRESS_WORDS and end == words[-1].end()):
        return None, start
    return text.span(start, start + end), start + end + 1


_WALI = re.compile(r"\b[Ww][Aa][Ll][Ii](?:\s+[Nn][Ii][Kk][Aa][Hh])?(?:nya)?\s*(?:adalah\s+|yaitu\s+|bernama\s+|[:;]\s*)?"
                   r"(?P<name>(?:H\.\s*|Hj\.\s*)?[A-Z][A-Z.'-]*(?:\s+[A-Z][A-Z.'-]*){0,5})"
                   r"(?=\s*(?:\(|,|;|\.|\bbin\b|\bbinti\b|\bdan\b|\bselaku\b|\bsebagai\b|\byaitu\b|$))")


_RELATION = re.compile(r"[Hh][Uu][Bb][Uu][Nn][Gg][Aa][Nn]\s*$")
"""`Hubungan Wali`: the label of the wali's relation to the bride, whose value is no name."""

_RELATION_WORDS = frozenset({"AYAH", "KAKEK", "SAUDARA", "PAMAN", "KAKAK", "ADIK", "HAKIM", "NASAB"})
"""First words of a wali's relation (AYAH KANDUNG, SAUDARA LAKI-LAKI, WALI HAKIM), never of a name (not ANAK:
ANAK AGUNG begins Balinese names)."""


def wali_in_sentence(all_lines: list[Line]) -> Span | None:
    """The wali's name (in capitals) after `wali nikah` inside a sentence, up to the relation or the next clause;
    never the relation after a `Hubungan Wali` label."""
    text = stream(all_lines)
    for match in _WALI.finditer(text.text):
        name = match["name"].strip(" .")
        if len(name.replace(".", "").replace(" ", "")) < 3 or reads_like_sentence(name, most_words=6):
            continue
        if _RELATION.search(text.text[:match.start()]) or name.split()[0] in _RELATION_WORDS:
            continue
        return text.span(match.start("name"), match.start("name") + len(name))
    return None
