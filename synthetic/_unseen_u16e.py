"""Held-out family `nikah-u16e` (session 16): a Kutipan Akta Nikah under the KUA's own letterhead, each spouse a
numbered block, the date spelled out beside its digits and the age beside the birth date.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the kutipan a KUA printed on A4 portrait from its office template in the years before SIMKAH printed
them centrally (about 2008-2016), in Caladea or Liberation Serif (one a page):

- a **kop**: `KEMENTERIAN AGAMA REPUBLIK INDONESIA` over `KANTOR URUSAN AGAMA KECAMATAN <X>` (**the KUA only in
  the letterhead**), a street line, a thick and a thin rule;
- `KUTIPAN AKTA NIKAH` and `Nomor : <nomor_akta>`;
- one sentence: "Akad nikah dilangsungkan pada hari Sabtu, tanggal 12-03-2016 (dua belas Maret dua ribu enam
  belas), pukul 10.00 WITA, bertempat di <place>, antara:" (**the date in digits and in words**);
- `I. SUAMI` and `II. ISTRI`, each a **numbered list** with colons: `1. Nama lengkap dan alias`, `2. Nomor Induk
  Kependudukan`, `3. Tempat dan tanggal lahir / Umur` (`Kendari, 12-03-1990 / 26 tahun`: **the age after the
  date**), `4. Warga Negara`, `5. Agama`, `6. Pekerjaan`, `7. Status sebelum menikah` (`Jejaka`, `Perawan`,
  `Duda`, `Janda`: no spec field), `8. Tempat kediaman`; values in capitals for names, words capitalised
  otherwise (`Petani/Pekebun`, `Jl. Bhayangkara No. 12`);
- `III. WALI NIKAH`: `1. Nama`, `2. Hubungan`; then `Mas kawin`;
- the foot: two photo boxes on the left; on the right `<Town>, <a later date>` over `Pegawai Pencatat Nikah,`,
  signature, the KUA's stamp when stamped, name and NIP.

Truth: the book's flattened fields (canonical).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_HEADS = ("Drs. H. MUHAMMAD AMIN TAHIR", "AHMAD SYARIF, S.Ag., M.H.", "H. LA ODE RAHMAN, S.H.I.", "MASRUDDIN, S.Ag.")
_KEEP = {"(ASN)", "PNS", "TNI", "POLRI", "WNI", "WNA", "BUMN", "BUMD", "DPR", "DPRD"}
_WALI = ("Ayah kandung", "Kakek", "Saudara laki-laki kandung", "Paman", "Wali hakim")
_MAHAR = ("Seperangkat alat sholat dan Al-Qur'an, dibayar tunai", "Emas 5 gram, dibayar tunai",
          "Uang sebesar Rp 5.000.000,-, dibayar tunai")


def words(n: int) -> str:
    """An Indonesian number in words, 1 to 2999: `dua ribu enam belas`."""
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        return f"{_UNITS[n // 10]} puluh {_UNITS[n % 10]}".strip()
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{_UNITS[n // 100]} ratus"
        return f"{head} {words(n % 100)}".strip() if n % 100 else head
    head = "seribu" if n // 1000 == 1 else f"{_UNITS[n // 1000]} ribu"
    return f"{head} {words(n % 1000)}".strip() if n % 1000 else head


def _capitalised(value: str) -> str:
    """Words capitalised across slashes, abbreviations kept (`Aparatur Sipil Negara (ASN)`, `Petani/Pekebun`)."""
    return "/".join(" ".join(w if w in _KEEP else w.capitalize() for w in part.split()) for part in value.split("/"))


def _dmy(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y") if iso else "-"


def _age(born: str | None, on: dt.date) -> str:
    if not born:
        return "-"
    day = dt.date.fromisoformat(born)
    return str(on.year - day.year - ((on.month, on.day) < (day.month, day.day)))


def render_u16e(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`)."""
    rng = random.Random(f"nikah-u16e-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_PORTRAIT, Style(family=rng.choice(("Caladea", "Liberation Serif")), scale=1.0, spacing=1.5,
                                   ink=base.ink, shift=(rng.randint(-20, 20), rng.randint(-20, 20))))
    w = page.width
    left, right = 200 + rng.randint(0, 30), w - 200 - rng.randint(0, 30)
    cx = (left + right) / 2
    district = (v["kua"] or "KUA KECAMATAN -").removeprefix("KUA KECAMATAN ").strip()
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    y: float = 160
    page.text((cx, y), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12.5, bold=True, anchor="mt")
    page.text((cx, y + page.pt(18)), f"KANTOR URUSAN AGAMA KECAMATAN {district}", points=13.5, bold=True, anchor="mt")
    page.text((cx, y + page.pt(38)), f"Jalan Poros {title_case(district)} No. {rng.randint(1, 80)}", points=9.5,
              anchor="mt")
    y += page.pt(56)
    page.line((left, y, right, y), width=7)
    page.line((left, y + 14, right, y + 14), width=2)
    y += page.pt(22)
    page.text((cx, y), "KUTIPAN AKTA NIKAH", points=18, bold=True, anchor="mt")
    page.text((cx, y + page.pt(24)), f"Nomor : {v['nomor_akta']}", points=11.5, anchor="mt")
    y += page.pt(50)
    spelled = f"{words(married.day)} {core.MONTHS_ID[married.month - 1].capitalize()} {words(married.year)}"
    sentence = (f"Akad nikah dilangsungkan pada hari {_WEEKDAYS[married.weekday()]}, tanggal").split()
    sentence += [_dmy(v["tanggal_nikah"]), f"({spelled}),", "pukul", f"{rng.randint(8, 16):02d}.{rng.choice(('00', '30'))}",
                 "WITA,", "bertempat", "di", rng.choice(("Balai Nikah KUA,", "kediaman mempelai wanita,", "Masjid Raya,")),
                 "antara:"]
    for line in page.wrap_chunks(sentence, width=right - left, points=11):
        page.text((left, y), line, points=11)
        y += page.pt(11) * 1.5
    y += page.pt(6)
    labels = ("Nama lengkap dan alias", "Nomor Induk Kependudukan", "Tempat dan tanggal lahir / Umur",
              "Warga Negara", "Agama", "Pekerjaan", "Status sebelum menikah", "Tempat kediaman")
    x = left + page.pt(10)
    colon = max(page.text_width(f"8. {label}", points=10.5) for label in labels) + page.pt(8)
    for role, heading, before in (("suami", "I. SUAMI", ("Jejaka", "Duda")), ("istri", "II. ISTRI", ("Perawan", "Janda"))):
        page.text((left, y), heading, points=11.5, bold=True)
        y += page.pt(11.5) * 1.6
        place = title_case(v[f"{role}.tempat_lahir"] or "-")
        values_ = (v[f"{role}.nama_lengkap"] or "-", v[f"{role}.nik"] or "-",
                   f"{place}, {_dmy(v[f'{role}.tanggal_lahir'])} / {_age(v[f'{role}.tanggal_lahir'], married)} tahun",
                   v[f"{role}.kewarganegaraan"] or "-", _capitalised(v[f"{role}.agama"] or "-"),
                   _capitalised(v[f"{role}.pekerjaan"] or "-"), before[0] if rng.random() < 0.85 else before[1],
                   _capitalised(v[f"{role}.alamat"] or "-"))
        y = page.label_rows([(f"{i}. {label}", value) for i, (label, value) in enumerate(zip(labels, values_, strict=True), 1)],
                            x=x, top=y, points=10.5, colon_at=colon, bold_values=frozenset({"1. Nama lengkap dan alias"}))
        y += page.pt(8)
    page.text((left, y), "III. WALI NIKAH", points=11.5, bold=True)
    y += page.pt(11.5) * 1.6
    y = page.label_rows([("1. Nama", v["wali.nama_lengkap"] or "-"), ("2. Hubungan", rng.choice(_WALI))], x=x, top=y,
                        points=10.5, colon_at=colon)
    y = page.label_rows([("Mas kawin", rng.choice(_MAHAR))], x=left, top=y + page.pt(8), points=10.5,
                        colon_at=colon + x - left)
    y += page.pt(24)
    for k, who in enumerate(("Suami", "Istri")):
        box = (left + k * 330, y + page.pt(6), left + k * 330 + 260, y + page.pt(6) + 350)
        page.rect(box, width=2)
        page.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), f"Foto {who}", points=8, anchor="mm")
        page.text(((box[0] + box[2]) / 2, box[3] + 20), "2 x 3", points=8, anchor="mt")
    quoted = min(married + dt.timedelta(days=rng.randint(0, 14)), dt.date(2026, 11, 30))
    sx = right - page.pt(110)
    page.text((sx, y), f"{title_case(district)}, {date_long(quoted.isoformat())}", points=11, anchor="mt")
    page.text((sx, y + page.pt(15)), "Pegawai Pencatat Nikah,", points=11, anchor="mt")
    page.text((sx, y + page.pt(76)), rng.choice(_HEADS), points=11, bold=True, anchor="mt")
    page.text((sx, y + page.pt(90)), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    if stamped:
        page.paste(signature(rng, width=400, height=150), (round(sx - 200), round(y + page.pt(26))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}"[:44], centre="KUA",
                     family="DejaVu Serif", diameter=rng.randint(340, 400))
        page.paste(seal, (round(sx - seal.width * rng.uniform(0.9, 1.15)), round(y + page.pt(12))))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})
