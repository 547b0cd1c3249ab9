"""The DUPLIKAT KUTIPAN AKTA NIKAH letter (family `nikah-duplikat`): what a KUA issues for a lost or damaged
buku nikah.

What differs from the other buku nikah families: not a booklet but an A4 letter under the KUA's kop surat
(KEMENTERIAN AGAMA REPUBLIK INDONESIA / KANTOR KEMENTERIAN AGAMA KABUPATEN … / KANTOR URUSAN AGAMA
KECAMATAN …, its street, a double rule); the title underlined with the letter's own number under it (`Nomor
: B-0123/Kua.27.04.03/PW.01/05/2023`: the letter's, not the marriage's); everything else worded as
sentences: the KUA head "menerangkan bahwa berdasarkan Akta Nikah Nomor 0123/045/VI/2019" (the akta's
number: **the truth's nomor_akta**, the one documents.md defines and the record keeps), the KUA in words
(`Kantor Urusan Agama Kecamatan Latambaga`), "pada hari Sabtu tanggal 15 Juni 2019 telah dilangsungkan
pernikahan antara:", each spouse a paragraph ("MUHAMMAD AKBAR bin ABDUL HAMID, NIK …, lahir di Makassar
tanggal 12 Maret 1990, warga negara Indonesia (WNI), agama Islam, pekerjaan Wiraswasta, bertempat tinggal
di Jl. …"), the wali in a sentence with the relation; the reason for the duplicate (a police report of
loss with its own number, or damage) and the letter's later date above the head's signature, the KUA
stamp, and two photo boxes of the couple.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_HEADS = ("H. MUHAMMAD RUSLAN, S.Ag., M.H.", "Drs. LA ODE KARIMUDDIN", "ABDUL RAHMAN SYARIF, S.H.I.",
          "H. ANDI MUSTAFA, Lc., M.A.")
_STREETS = ("Jl. Poros Kolaka-Pomalaa", "Jl. Pahlawan No. 8", "Jl. Masjid Raya No. 3", "Jl. Sudirman No. 40")


def render_nikah_duplikat(values: dict[str, Any], fathers: dict[str, str | None], *, seed: int, varied: bool,
                          heldout: bool, stamped: bool) -> Rendered:
    """`values` are the book's flattened fields (`render_buku_nikah`); every one is printed."""
    rng = random.Random(f"nikah-duplikat-{seed}")
    base = Style.pick(seed, varied=varied, heldout=heldout)
    style = Style(family=base.family, scale=min(base.scale, 1.0), spacing=base.spacing, ink=base.ink,
                  shift=(rng.randint(-25, 25), rng.randint(-20, 20)))
    page = Page(A4_PORTRAIT, style)
    _draw(page, values, fathers, rng, stamped=stamped)
    fields = {name: values.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _district(kua: str | None) -> str:
    return (kua or "KUA KECAMATAN -").removeprefix("KUA KECAMATAN ")


def _kop(page: Page, district: str, rng: random.Random, *, left: int, right: int) -> float:
    cx = (left + right) / 2
    regency = rng.choice(("KOLAKA", "KOLAKA UTARA", "MUNA", "KONAWE"))
    lines = (("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 11.5, True),
             (f"KANTOR KEMENTERIAN AGAMA KABUPATEN {regency}", 11, True),
             (f"KANTOR URUSAN AGAMA KECAMATAN {district}", 12.5, True),
             (f"{rng.choice(_STREETS)}, Kode Pos 93{rng.randint(100, 999)}  Telp. (0405) {rng.randint(2100000, 2399999)}",
              8.5, False))
    y = 170.0
    for text, points, bold in lines:
        page.text((cx, y), text, points=points, bold=bold, anchor="mt")
        y += page.pt(points) * 1.45
    page.line((left, y + 8, right, y + 8), width=7)
    page.line((left, y + 22, right, y + 22), width=2)
    return y + 40


def _paragraph(page: Page, chunks: list[str], *, x: float, y: float, width: float, points: float,
               step: float) -> float:
    for line in page.wrap_chunks(chunks, width=width, points=points):
        page.text((x, y), line, points=points)
        y += step
    return y


def _spouse(v: dict[str, Any], role: str, father: str | None) -> list[str]:
    """One spouse as the letter words it: each value one chunk (never broken over two lines)."""
    kin = "bin" if role == "suami" else "binti"
    name = v[f"{role}.nama_lengkap"] or "-"
    chunks = [name, kin, f"{father},"] if father else [f"{name},"]
    if v[f"{role}.nik"]:
        chunks += ["NIK", f"{v[f'{role}.nik']},"]
    if v[f"{role}.tempat_lahir"] and v[f"{role}.tanggal_lahir"]:
        chunks += ["lahir", "di", f"{title_case(v[f'{role}.tempat_lahir'])}", "tanggal",
                   f"{date_long(v[f'{role}.tanggal_lahir'])},"]
    citizen = {"WNI": "Indonesia (WNI),", "WNA": "asing (WNA),"}.get(v[f"{role}.kewarganegaraan"] or "", "-,")
    chunks += ["warga", "negara", citizen, "agama", f"{title_case(v[f'{role}.agama'] or '-')},", "pekerjaan",
               f"{title_case(v[f'{role}.pekerjaan'] or '-')},", "bertempat", "tinggal", "di",
               f"{title_case(v[f'{role}.alamat'] or '-')}."]
    return chunks


def _draw(page: Page, v: dict[str, Any], fathers: dict[str, str | None], rng: random.Random, *,
          stamped: bool) -> None:
    left, right = 230 + rng.randint(-15, 15), page.width - 230 + rng.randint(-15, 15)
    width = right - left
    district = _district(v["kua"])
    y = _kop(page, district, rng, left=left, right=right)
    cx = (left + right) / 2
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    issued = max(married + dt.timedelta(days=rng.randint(200, 5000)), dt.date(2015, 1, 1))
    issued = min(issued, dt.date(2026, 6, 30))
    y += page.pt(16)
    title = "DUPLIKAT KUTIPAN AKTA NIKAH"
    page.text((cx, y), title, points=14, bold=True, anchor="mt")
    half = page.text_width(title, points=14, bold=True) / 2
    page.line((cx - half, y + page.pt(17), cx + half, y + page.pt(17)), width=3)
    code = f"Kua.27.{rng.randint(1, 17):02d}.{rng.randint(1, 20):02d}"
    page.text((cx, y + page.pt(22)), f"Nomor : B-{rng.randint(1, 999):04d}/{code}/PW.01/{issued.month:02d}/"
              f"{issued.year}", points=10.5, anchor="mt")
    pts = 11
    step = page.pt(pts) * min(max(page.style.spacing, 1.45), 1.65)
    y += page.pt(22) + step * 2
    head = f"Kepala Kantor Urusan Agama Kecamatan {title_case(district)}"
    opening = [*head.split(), "menerangkan", "bahwa", "berdasarkan", "Akta", "Nikah", "Nomor", f"{v['nomor_akta']}",
               "yang", "tercatat", "pada", "Kantor", "Urusan", "Agama", "Kecamatan", f"{title_case(district)},",
               "pada", "hari", _WEEKDAYS[married.weekday()], "tanggal", f"{date_long(v['tanggal_nikah'])}", "telah",
               "dilangsungkan", "pernikahan", "antara:"]
    y = _paragraph(page, opening, x=left, y=y, width=width, points=pts, step=step) + step * 0.4
    indent = left + page.pt(pts) * 4
    for number, role, heading in (("1.", "suami", "Suami"), ("2.", "istri", "Istri")):
        page.text((left + page.pt(pts), y), number, points=pts)
        page.text((indent, y), f"{heading} :", points=pts, bold=True)
        y += step
        y = _paragraph(page, _spouse(v, role, fathers.get(role)), x=indent, y=y, width=right - indent, points=pts,
                       step=step) + step * 0.4
    relation = rng.choice(("ayah kandung", "saudara laki-laki kandung", "kakek"))
    wali = ["dengan", "wali", "nikah", f"{v['wali.nama_lengkap'] or '-'}", f"({relation})."]
    y = _paragraph(page, wali, x=left, y=y, width=width, points=pts, step=step) + step * 0.6
    if rng.random() < 0.6:
        reason = ["Duplikat", "ini", "diterbitkan", "sebagai", "pengganti", "Kutipan", "Akta", "Nikah", "yang",
                  "hilang,", "berdasarkan", "Surat", "Tanda", "Penerimaan", "Laporan", "Kehilangan", "Nomor",
                  f"STPLK/{rng.randint(10, 999)}/{_roman(issued.month)}/{issued.year}/SEK", "tanggal",
                  f"{date_long((issued - dt.timedelta(days=rng.randint(3, 40))).isoformat())}."]
    else:
        reason = ["Duplikat", "ini", "diterbitkan", "sebagai", "pengganti", "Kutipan", "Akta", "Nikah", "yang", "rusak",
                  "dan", "tidak", "terbaca", "lagi."]
    y = _paragraph(page, reason, x=left, y=y, width=width, points=pts, step=step)
    y = _paragraph(page, ["Demikian", "duplikat", "ini", "dibuat", "untuk", "dipergunakan", "sebagaimana", "mestinya."],
                   x=left, y=y, width=width, points=pts, step=step) + step
    sign_x = right - page.pt(110)
    page.text((sign_x, y), f"{title_case(district)}, {date_long(issued.isoformat())}", points=pts, anchor="mt")
    page.text((sign_x, y + step), "Kepala,", points=pts, anchor="mt")
    name_y = y + step + 300
    name = rng.choice(_HEADS)
    page.text((sign_x, name_y), name, points=pts, bold=True, anchor="mt")
    page.text((sign_x, name_y + step), f"NIP. {_nip(rng)}", points=pts - 1, anchor="mt")
    for i, who in enumerate(("Suami", "Istri")):
        box = (left + 30 + i * 330, y + 40, left + 30 + i * 330 + 283, y + 40 + 378)
        page.rect(box, width=2)
        page.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), f"Foto {who}", points=7.5, anchor="mm")
        page.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2 + 40), "2 x 3", points=7.5, anchor="mm")
    if stamped:
        page.paste(signature(rng), (int(sign_x - 200), int(y + step + 60)))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KECAMATAN {district}", centre="KUA", family=page.style.family,
                     diameter=rng.randint(340, 420))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.85, 1.05)), int(y + step * rng.uniform(0.3, 1.5))))


def _roman(month: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[month - 1]
