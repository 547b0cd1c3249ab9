"""A buku nikah issued by a KUA as a letter in paragraphs (family `nikah-surat`).

What KUAs issue when the book itself is lost, damaged or not at hand: an A4 letter under the KUA's kop
surat (KEMENTERIAN AGAMA REPUBLIK INDONESIA, KANTOR KEMENTERIAN AGAMA KABUPATEN …, KANTOR URUSAN AGAMA
KECAMATAN …, the office's address, a double rule), one of three kinds drawn per document:

- `SURAT KETERANGAN TELAH MENIKAH` (or `SURAT KETERANGAN NIKAH`): the marriage certified for a purpose;
- `SURAT KETERANGAN PENGGANTI KUTIPAN AKTA NIKAH` (or `... PENGGANTI BUKU NIKAH`): for a lost book, with the
  police report of loss and its own number (`STPLK/123/V/2023/Sek Katobu`);
- `DUPLIKAT KUTIPAN AKTA NIKAH`: a reissued kutipan, for a lost or damaged book.

Under the underlined title the letter's **own number** (`Nomor : B-0123/Kua.27.04.03/PW.01/05/2023`,
`Nomor : Kk.27.04.03/PW.01/123/2023` or `Nomor : 123/KUA.27.04.03/PW.01/V/2023`), never the akta's. The
akta's number, the truth's `nomor_akta` (`documents.md`: the number the record keeps, whose month and
year agree with the marriage), stands inside the opening sentence: `berdasarkan Akta Nikah Nomor …`,
`sesuai Register Akta Nikah Nomor …` or `tercatat dalam Register Nomor …`. The KUA is named in words
(`Kantor Urusan Agama Kecamatan Katobu`); the marriage date after `pada hari Sabtu tanggal`, as
`5 Juni 2003`, as digits with the date in words after it, or `pada hari Sabtu, 5 Juni 2003`.

The spouses (the husband first, `antara: … dengan …`) either as one paragraph each ("LA ODE SAIDI bin
LA MUDA, NIK 7403…, lahir di Raha tanggal 21 Juli 1961, warga negara Indonesia (WNI), agama Islam,
pekerjaan Petani/Pekebun, bertempat tinggal di JL. …", in half of them closed by `sebagai suami` /
`sebagai istri`), or as short indented label lists under `Suami :` / `Istri :` (`Nama : LA ODE SAIDI bin
LA MUDA`, `NIK`, `Tempat/Tgl. Lahir`, `Warga Negara`, `Agama`, `Pekerjaan`, `Alamat`). Then the wali
with the relation, the reason, a closing sentence, the letter's later date over `Kepala,` with the
head's 18-digit NIP (never a NIK), in some two photo boxes and the KUA stamp.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._buku_nikah_na import date_in_words
from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._marks import signature, stamp

KINDS = ("keterangan", "pengganti", "duplikat")
_TITLES = {
    "keterangan": ("SURAT KETERANGAN TELAH MENIKAH", "SURAT KETERANGAN NIKAH"),
    "pengganti": ("SURAT KETERANGAN PENGGANTI KUTIPAN AKTA NIKAH", "SURAT KETERANGAN PENGGANTI BUKU NIKAH"),
    "duplikat": ("DUPLIKAT KUTIPAN AKTA NIKAH",),
}
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_REGENCIES = ("MUNA", "KOLAKA", "KONAWE", "BUTON", "BOMBANA", "KONAWE SELATAN")
_HEADS = ("H. MUHAMMAD SALEH, S.Ag., M.H.", "Drs. LA ODE ABDUL MALIK", "ABDUL WAHID LATIF, S.H.I.",
          "H. ANDI MUHAMMAD YUSUF, Lc.")
_RELATIONS = ("ayah kandung", "saudara kandung", "kakek", "wali hakim")
_DOWRIES = ("seperangkat alat sholat dibayar tunai", "uang sebesar Rp 500.000,- dibayar tunai",
            "emas 5 gram dibayar tunai")
_FOOT = 150
"""Pixels: the least margin under the letter's last line."""
_PURPOSES = ("pengurusan Kartu Keluarga", "perubahan data kependudukan", "persyaratan administrasi")


def render_nikah_surat(values: dict[str, Any], fathers: dict[str, str | None], *, seed: int, varied: bool,
                       heldout: bool, stamped: bool) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); `fathers` the spouses' fathers
    (printed after bin / binti, no spec field). The truth is `values`: the akta's number, not the letter's."""
    style = Style.pick(seed, varied=varied, heldout=heldout)
    for shrink in (1.0, 0.9, 0.8, 0.7):  # a letter that runs off the page is set smaller, as a clerk would
        page = Page(A4_PORTRAIT, style)
        bottom = _Letter(page, values, fathers, random.Random(f"nikah-surat-{seed}"), shrink=shrink).draw(
            stamped=stamped)
        if bottom <= page.image.height - _FOOT:
            break
    fields = {name: values.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def letter_number(rng: random.Random, *, code: str, issued: dt.date) -> str:
    """The letter's own number, in one of the forms KUAs use (five parts: never an akta number's shape)."""
    n = rng.randint(1, 999)
    return rng.choice((f"B-{n:04d}/Kua.{code}/PW.01/{issued.month:02d}/{issued.year}",
                       f"Kk.{code}/PW.01/{n}/{issued.year}",
                       f"{n}/KUA.{code}/PW.01/{_ROMAN[issued.month - 1]}/{issued.year}"))


def _show(value: str | None) -> str:
    return value or "-"


class _Letter:
    def __init__(self, page: Page, v: dict[str, Any], fathers: dict[str, str | None], rng: random.Random, *,
                 shrink: float) -> None:
        self.page, self.v, self.fathers, self.rng = page, v, fathers, rng
        self.points = rng.uniform(10, 11.5) * shrink
        self.step = page.pt(self.points) * rng.uniform(1.4, 1.65)
        self.left = 230 + rng.randint(-20, 30)
        self.right = page.width - 230 + rng.randint(-30, 20)
        self.district = _show(v["kua"]).removeprefix("KUA ").removeprefix("KECAMATAN ")
        self.kind = rng.choice(KINDS)
        self.married = dt.date.fromisoformat(v["tanggal_nikah"])
        self.issued = min(self.married + dt.timedelta(days=rng.randint(200, 7000)), dt.date(2026, 11, 30))
        self.issued = max(self.issued, self.married + dt.timedelta(days=30))
        self.code = f"{rng.randint(20, 29)}.{rng.randint(1, 12):02d}.{rng.randint(1, 15):02d}"

    def draw(self, *, stamped: bool) -> float:
        """Draws the letter; the y under its last line."""
        y = self._kop()
        y = self._title(y)
        y = self._opening(y)
        paragraphs = self.rng.random() < 0.5
        for i, role in enumerate(("suami", "istri")):
            if i:
                self.page.text((self.left + 60, y), "dengan", points=self.points)
                y += self.step * 1.2
            y = self._paragraph(role, y) if paragraphs else self._label_list(role, y)
        y = self._closing(y)
        return self._signature(y, stamped=stamped)

    def _kop(self) -> float:
        p, cx, rng = self.page, self.page.width / 2 + 90, self.rng
        regency = rng.choice(_REGENCIES)
        p.rect((self.left, 170, self.left + 230, 400), width=3)  # the ministry's emblem, drawn as a box
        p.text((self.left + 115, 285), "KEMENAG", points=7, bold=True, anchor="mm")
        p.text((cx, 170), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=13, bold=True, anchor="mt")
        p.text((cx, 240), f"KANTOR KEMENTERIAN AGAMA KABUPATEN {regency}", points=12, bold=True, anchor="mt")
        p.text((cx, 305), f"KANTOR URUSAN AGAMA KECAMATAN {self.district}", points=12, bold=True, anchor="mt")
        p.text((cx, 375), f"Jalan {title_case(rng.choice(('Poros', 'Masjid Raya', 'Pendidikan')))} No. "
               f"{rng.randint(1, 80)} {title_case(self.district)} Kode Pos 93{rng.randint(100, 999)}",
               points=8.5, anchor="mt")
        p.line((self.left, 440, self.right, 440), width=7)
        p.line((self.left, 456, self.right, 456), width=2)
        return 540

    def _title(self, y: float) -> float:
        p, cx = self.page, self.page.width / 2
        title = self.rng.choice(_TITLES[self.kind])
        pts = 13.5
        p.text((cx, y), title, points=pts, bold=True, anchor="mt")
        half = p.text_width(title, points=pts, bold=True) / 2
        p.line((cx - half, y + p.pt(pts) * 1.25, cx + half, y + p.pt(pts) * 1.25), width=3)
        y += p.pt(pts) * 1.6
        number = letter_number(self.rng, code=self.code, issued=self.issued)
        p.text((cx, y), f"Nomor : {number}", points=self.points, anchor="mt")
        return y + self.step * 2.2

    def _write(self, text: str, y: float, *, indent: float = 0.0, first: float = 0.0) -> float:
        """`text` as a justified-left paragraph from `indent` (its first line from `first` more); the y below."""
        words = text.split()
        x0 = self.left + indent
        width = self.right - x0
        lines: list[str] = []
        for word in words:
            room = width - (first if len(lines) == 1 else 0)
            if lines and self.page.text_width(f"{lines[-1]} {word}", points=self.points) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        for i, line in enumerate(lines):
            self.page.text((x0 + (first if i == 0 else 0), y), line, points=self.points)
            y += self.step
        return y

    def _akta_reference(self) -> str:
        number = _show(self.v["nomor_akta"])
        office = f"Kantor Urusan Agama Kecamatan {title_case(self.district)}"
        return self.rng.choice((
            f"berdasarkan Akta Nikah Nomor {number} yang tercatat pada {office},",
            f"sesuai dengan Register Akta Nikah Nomor {number} pada {office},",
            f"dalam buku Akta Nikah {office} tercatat dalam Register Nomor {number} bahwa",
        ))

    def _marriage(self) -> str:
        day = self.married
        weekday = _WEEKDAYS[day.weekday()]
        iso = day.isoformat()
        return self.rng.choice((
            f"pada hari {weekday} tanggal {date_long(iso)}",
            f"pada hari {weekday} tanggal {day.strftime('%d-%m-%Y')} ({date_in_words(iso)})",
            f"pada hari {weekday}, {date_long(iso)}",
        ))

    def _opening(self, y: float) -> float:
        office = f"Kantor Urusan Agama Kecamatan {title_case(self.district)}"
        head = self.rng.choice((f"Kepala {office} menerangkan bahwa",
                                f"Yang bertanda tangan di bawah ini, Kepala {office}, dengan ini menerangkan bahwa"))
        verb = self.rng.choice(("telah dilangsungkan akad nikah antara:", "telah dilangsungkan pernikahan antara:"))
        text = f"{head} {self._akta_reference()} {self._marriage()} {verb}"
        return self._write(text, y, first=self.page.pt(30)) + self.step * 0.6

    def _born(self, role: str, *, sentence: bool) -> str:
        place, born = self.v[f"{role}.tempat_lahir"], self.v[f"{role}.tanggal_lahir"]
        place = title_case(place) if place and self.rng.random() < 0.6 else _show(place)
        if not born:
            return f"lahir di {place}" if sentence else place
        digits = self.rng.random() < 0.4
        date = dt.date.fromisoformat(born).strftime("%d-%m-%Y") if digits else date_long(born)
        if not sentence:
            return f"{place}, {date}"
        return f"lahir di {place}, {date}" if digits else f"lahir di {place} tanggal {date}"

    def _kin(self, role: str) -> str:
        father = self.fathers.get(role)
        return f" {'bin' if role == 'suami' else 'binti'} {father}" if father else ""

    def _paragraph(self, role: str, y: float) -> float:
        v, rng = self.v, self.rng
        number = "1." if role == "suami" else "2."
        nik_label = rng.choice(("NIK", "NIK.", "Nomor Induk Kependudukan"))
        citizen = "warga negara Indonesia (WNI)" if v[f"{role}.kewarganegaraan"] == "WNI" else \
            f"warga negara {_show(v[f'{role}.kewarganegaraan'])}"
        parts = [f"{_show(v[f'{role}.nama_lengkap'])}{self._kin(role)},", f"{nik_label} {_show(v[f'{role}.nik'])},",
                 f"{self._born(role, sentence=True)},", f"{citizen},",
                 f"agama {title_case(_show(v[f'{role}.agama']))},",
                 f"pekerjaan {_show(v[f'{role}.pekerjaan'])},",
                 f"bertempat tinggal di {_show(v[f'{role}.alamat'])}"]
        closing = rng.random() < 0.5
        parts[-1] += f", sebagai {role};" if closing else (";" if role == "suami" else ".")
        self.page.text((self.left + 60, y), number, points=self.points)
        return self._write(" ".join(parts), y, indent=130) + self.step * 0.4

    def _label_list(self, role: str, y: float) -> float:
        v, p, rng = self.v, self.page, self.rng
        heading = rng.choice(("Suami :", "I. Suami", "Pihak Suami :") if role == "suami"
                             else ("Istri :", "II. Istri", "Pihak Istri :"))
        p.text((self.left + 60, y), heading, points=self.points, bold=True)
        y += self.step
        born = rng.choice(("Tempat/Tgl. Lahir", "Tempat, Tanggal Lahir", "Tempat dan Tanggal Lahir"))
        rows = [("Nama", f"{_show(v[f'{role}.nama_lengkap'])}{self._kin(role)}"),
                (rng.choice(("NIK", "Nomor Induk Kependudukan")), _show(v[f"{role}.nik"])),
                (born, self._born(role, sentence=False)),
                (rng.choice(("Warga Negara", "Kewarganegaraan")), _show(v[f"{role}.kewarganegaraan"])),
                ("Agama", title_case(_show(v[f"{role}.agama"]))), ("Pekerjaan", _show(v[f"{role}.pekerjaan"])),
                (rng.choice(("Alamat", "Tempat Tinggal")), _show(v[f"{role}.alamat"]))]
        x = self.left + 130
        colon = x + max(p.text_width(label, points=self.points) for label, _ in rows) + p.pt(10)
        for label, value in rows:
            p.text((x, y), label, points=self.points)
            p.text((colon, y), ":", points=self.points)
            p.text((colon + p.pt(10), y), value, points=self.points)
            y += self.step
        return y + self.step * 0.3

    def _closing(self, y: float) -> float:
        rng, v = self.rng, self.v
        wali = f"dengan wali nikah {_show(v['wali.nama_lengkap'])} ({rng.choice(_RELATIONS)})"
        texts = [f"Akad nikah tersebut dilaksanakan {wali} dan mas kawin berupa {rng.choice(_DOWRIES)}."]
        if self.kind != "keterangan":
            lost = self.kind == "pengganti" or rng.random() < 0.6
            if lost:
                police = f"STPLK/{rng.randint(10, 999)}/{_ROMAN[self.issued.month - 1]}/{self.issued.year}/Sek " \
                         f"{title_case(self.district)}"
                reported = self.issued - dt.timedelta(days=rng.randint(2, 40))
                texts.append(f"Surat ini diberikan sebagai pengganti Kutipan Akta Nikah yang hilang, berdasarkan "
                             f"Surat Keterangan Tanda Lapor Kehilangan dari Kepolisian Sektor "
                             f"{title_case(self.district)} Nomor {police} tanggal {date_long(reported.isoformat())}.")
            else:
                texts.append("Duplikat ini diterbitkan karena Kutipan Akta Nikah yang asli rusak dan tidak terbaca.")
        else:
            texts.append(f"Surat keterangan ini diberikan untuk keperluan {rng.choice(_PURPOSES)}.")
        texts.append("Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
        for text in texts:
            y = self._write(text, y, first=self.page.pt(30)) + self.step * 0.3
        return y + self.step * 0.5

    def _signature(self, y: float, *, stamped: bool) -> float:
        p, rng = self.page, self.rng
        x = self.right - p.pt(120)
        town, issued = title_case(self.district), date_long(self.issued.isoformat())
        if rng.random() < 0.5:
            p.text((x, y), f"{town}, {issued}", points=self.points, anchor="mt")
            y += self.step
        else:
            for label, value in (("Dikeluarkan di", town), ("Pada tanggal", issued)):
                p.text((x - p.pt(90), y), f"{label} : {value}", points=self.points)
                y += self.step
        p.text((x, y), rng.choice(("Kepala,", f"Kepala KUA Kecamatan {town},")), points=self.points, anchor="mt")
        name_y = y + 330
        head = rng.choice(_HEADS)
        p.text((x, name_y), head, points=self.points, bold=True, anchor="mt")
        half = p.text_width(head, points=self.points, bold=True) / 2
        p.line((x - half, name_y + p.pt(self.points) * 1.25, x + half, name_y + p.pt(self.points) * 1.25), width=2)
        nip = f"19{rng.randint(60, 85)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
              f"{rng.randint(1990, 2012)}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 9):03d}"
        p.text((x, name_y + self.step), f"NIP. {nip}", points=self.points, anchor="mt")
        bottom = name_y + 2 * self.step
        if rng.random() < 0.5:  # the spouses' photos, 3x4, beside the signature
            for i in range(2):
                x0 = self.left + 60 + i * 330
                p.rect((x0, y, x0 + 280, y + 373), width=2)
                p.text((x0 + 140, y + 186), "3 x 4", points=8, anchor="mm")
        if stamped:
            p.paste(signature(rng), (int(x - 220), int(y + 80)))
            seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {self.district}", centre="KUA",
                         family=p.style.family, diameter=rng.randint(360, 430))
            p.paste(seal, (int(x - seal.width * rng.uniform(0.8, 1.05)), int(y + rng.uniform(20, 120))))
        return bottom
