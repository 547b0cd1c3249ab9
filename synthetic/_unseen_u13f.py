"""Held-out family `nikah-u13f` (session 13): a KUA's extract of its marriage register as one ruled table.

Only its author has opened this module; the team measures the extractor on it without tuning on it.

What it is: the **PETIKAN DAFTAR AKTA NIKAH** a KUA prints from its register application for another
office (Dukcapil, a court, an embassy) or for a couple whose booklet is on its way: landscape A4, small
type, the people of the marriage as **rows of one table** and their data as **columns**:

- the kop: `KEMENTERIAN AGAMA REPUBLIK INDONESIA` (`DEPARTEMEN AGAMA` before 2010), `KANTOR KEMENTERIAN
  AGAMA KABUPATEN/KOTA ...`, `KANTOR URUSAN AGAMA KECAMATAN <X>`, the address, a rule;
- the title `PETIKAN DAFTAR AKTA NIKAH` and **the extract's own letter number** under it (`Nomor :
  B-0456/Kua.27.04.03/PW.01/08/2021`, a distractor);
- a short block `Nomor Akta Nikah : <akta>`, `Tanggal Akad Nikah : <weekday>, 12-03-2016` (digits, or the
  month in words in half), `Tempat Akad : <a mosque or the bride's house>`, `Dicatat di : KUA Kecamatan <X>`;
- **the table**: `No | Kedudukan | Nama Lengkap | NIK | Tempat Lahir | Tanggal Lahir | Warga Negara |
  Agama | Pekerjaan | Alamat` (headers wrapped over two lines), the rows `SUAMI`, `ISTRI`, `WALI` (with the
  relation in brackets; his other cells `-`), `SAKSI I`, `SAKSI II` (names, the rest `-`); the address
  wrapped inside its cell; dates `DD-MM-YYYY`;
- the foot: "Demikian petikan ini dibuat ...", the town and a **later date**, `Kepala KUA Kecamatan <X>`,
  name and NIP, the KUA's stamp when stamped.

Truth: the book's values (canonical); the wali's name from the `WALI` row.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import core

from ._canvas import A4_LANDSCAPE, Page, Rendered, Style, date_dmy, date_long, title_case
from ._kk import _nip
from ._marks import signature, stamp

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")
_WITNESSES = ("LA ODE SAFIUDDIN", "MUHAMMAD YUSUF", "ABDUL RAHMAN", "SAHARUDDIN", "LA BAKU", "ANDI ILHAM")
_RELATIONS = ("AYAH KANDUNG", "SAUDARA KANDUNG", "PAMAN", "WALI HAKIM")
_HEADS = ("H. MUH. ARSYAD, S.Ag.", "Drs. LA ODE KAMALUDDIN", "ABD. RAHMAN TAMRIN, S.HI., M.H.")
_COLUMNS = (("No", 60), ("Kedudukan", 210), ("Nama Lengkap", 520), ("NIK", 360), ("Tempat Lahir", 250),
            ("Tanggal Lahir", 240), ("Warga Negara", 170), ("Agama", 170), ("Pekerjaan", 480), ("Alamat", 540))


def render_u13f(values: dict[str, Any], *, seed: int, varied: bool = False, heldout: bool = False,
                stamped: bool = False) -> Rendered:
    rng = random.Random(f"nikah-u13f-{seed}")
    v = dict(values)
    base = Style.pick(seed, varied=varied, heldout=heldout)
    page = Page(A4_LANDSCAPE, Style(family=base.family, scale=1.0, spacing=1.45, ink=base.ink,
                                    shift=(rng.randint(-30, 30), rng.randint(-25, 25))))
    w = page.width
    left, right = 170, w - 170
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    district = v["kua"].removeprefix("KUA KECAMATAN ").strip()
    issued = min(married + dt.timedelta(days=rng.randint(30, 2500)), dt.date(2026, 11, 30))
    y = 130.0
    for text, pts in (("KEMENTERIAN AGAMA REPUBLIK INDONESIA" if issued.year >= 2010 else
                       "DEPARTEMEN AGAMA REPUBLIK INDONESIA", 12),
                      (f"KANTOR KEMENTERIAN AGAMA KABUPATEN {rng.choice(('KOLAKA', 'MUNA', 'KONAWE'))}", 11),
                      (f"KANTOR URUSAN AGAMA KECAMATAN {district}", 13)):
        page.text((w / 2, y), text, points=pts, bold=True, anchor="mt")
        y += page.pt(pts) * 1.45
    page.text((w / 2, y), f"Jl. Poros No. {rng.randint(1, 90)} Telp. (0405) {rng.randint(21000, 23999)}",
              points=8.5, anchor="mt")
    y += page.pt(8.5) * 1.6
    page.line((left, y, right, y), width=7)
    y += 50
    page.text((w / 2, y), "PETIKAN DAFTAR AKTA NIKAH", points=14, bold=True, anchor="mt")
    y += page.pt(14) * 1.4
    letter = (f"B-{rng.randint(1, 999):04d}/Kua.27.{rng.randint(1, 17):02d}.{rng.randint(1, 12):02d}/PW.01/"
              f"{issued.month:02d}/{issued.year}")
    page.text((w / 2, y), f"Nomor : {letter}", points=10, anchor="mt")
    y += page.pt(10) * 2.4
    words = rng.random() < 0.5
    when = date_long(v["tanggal_nikah"]) if words else date_dmy(v["tanggal_nikah"])
    place = rng.choice(("Masjid Nurul Huda", "Masjid Al-Ikhlas", "Kantor Urusan Agama", "Rumah mempelai wanita"))
    info = [("Nomor Akta Nikah", v["nomor_akta"]), ("Tanggal Akad Nikah", f"{_WEEKDAYS[married.weekday()]}, {when}"),
            ("Tempat Akad", place), ("Dicatat di", f"KUA Kecamatan {title_case(district)}")]
    y = page.label_rows(info, x=left, top=y, points=10,
                        colon_at=max(page.text_width(label, points=10) for label, _ in info) + 30)
    y += 40
    relation = rng.choice(_RELATIONS)
    witnesses = rng.sample(_WITNESSES, 2)
    rows = [_party(v, "suami", "SUAMI"), _party(v, "istri", "ISTRI"),
            ["WALI", v["wali.nama_lengkap"] + f" ({relation})"] + ["-"] * 7,
            ["SAKSI I", witnesses[0]] + ["-"] * 7, ["SAKSI II", witnesses[1]] + ["-"] * 7]
    y = _table(page, rows, left=left, right=right, top=y, rng=rng)
    y += 50
    page.text((left, y), "Demikian petikan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
              points=10)
    sx = right - 520
    top = y + page.pt(10) * 2.2
    page.text((sx, top), f"{title_case(district)}, {date_long(issued.isoformat())}", points=10, anchor="mt")
    page.text((sx, top + page.pt(10) * 1.5), f"Kepala KUA Kecamatan {title_case(district)},", points=10, anchor="mt")
    page.text((sx, top + 330), rng.choice(_HEADS), points=10, bold=True, anchor="mt")
    page.text((sx, top + 330 + page.pt(10) * 1.4), f"NIP. {_nip(rng)}", points=10, anchor="mt")
    if stamped:
        page.paste(signature(rng, width=420, height=170), (int(sx - 210), int(top + 110)))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA KEC. {district}"[:40], centre="KUA", family=base.family,
                     diameter=rng.randint(340, 400))
        page.paste(seal, (int(sx - seal.width * rng.uniform(0.8, 1.0)), int(top + 40)))
    fields = {name: v.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _party(v: dict[str, Any], role: str, label: str) -> list[str]:
    return [label, v[f"{role}.nama_lengkap"], v[f"{role}.nik"] or "-", v[f"{role}.tempat_lahir"],
            date_dmy(v[f"{role}.tanggal_lahir"]), v[f"{role}.kewarganegaraan"], v[f"{role}.agama"],
            v[f"{role}.pekerjaan"], v[f"{role}.alamat"]]


def _table(page: Page, rows: list[list[str]], *, left: float, right: float, top: float, rng: random.Random) -> float:
    total = sum(width for _, width in _COLUMNS)
    xs = [left]
    for _, width in _COLUMNS:
        xs.append(xs[-1] + (right - left) * width / total)
    pts = 9.0
    head_h = page.pt(pts) * 3.2
    for i, (label, _) in enumerate(_COLUMNS):
        lines = page.wrap_chunks(label.split(), width=xs[i + 1] - xs[i] - 20, points=pts)
        step = page.pt(pts) * 1.2
        y0 = top + head_h / 2 - step * (len(lines) - 1) / 2
        for j, line in enumerate(lines):
            page.text(((xs[i] + xs[i + 1]) / 2, y0 + j * step), line, points=pts, bold=True, anchor="mm")
    y = top + head_h
    page.line((left, top, right, top), width=3)
    page.line((left, y, right, y), width=3)
    for n, row in enumerate(rows):
        cells = [str(n + 1), *row]
        height = page.pt(pts) * 1.3 + 36
        for i, cell in enumerate(cells):  # a value stays on one line: the type shrinks to fit its cell
            size = pts
            while size > 6 and page.text_width(cell, points=size) > xs[i + 1] - xs[i] - 24:
                size -= 0.5
            page.text((xs[i] + 12, y + 18), cell, points=size)
        y += height
        page.line((left, y, right, y), width=2)
    for x in xs:
        page.line((x, top, x, y), width=2)
    return y
