"""Kutipan Akta Nikah (buku nikah) as issued by a KUA: number, date, both spouses, the wali."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import Any

import core

from . import _buku_nikah_lama as _lama
from ._canvas import A4_LANDSCAPE, A4_PORTRAIT, Page, Rendered, Style, date_long, title_case
from ._marks import signature, stamp
from ._regions import STREETS

_PARTY = ("nama_lengkap", "nik", "tempat_lahir", "tanggal_lahir", "kewarganegaraan", "agama", "pekerjaan", "alamat")
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_KUA_HEADS = ("H. MUHAMMAD SALEH, S.Ag.", "Drs. LA ODE ABDUL MALIK", "ABDUL WAHID, S.H.I., M.H.")
_LABELS = ("Tanggal Nikah", "Dicatat di", "Nama", "NIK", "Tempat dan Tanggal Lahir", "Kewarganegaraan", "Agama",
           "Pekerjaan", "Alamat")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NEW_AKTA_FORMAT_SINCE = dt.date(2022, 10, 1)
NIKAH_LAYOUTS = ("kutipan", "lama", "kalimat", "2020s", "model-na", "duplikat", "surat", "u11e", "u12e", "u12f",
                "u13e", "u13f", "u14e", "u14f", "u15e", "u15f", "u16e", "u16f")


def akta_number(tanggal_nikah: str, *, kua_code: str, rng: random.Random, new_format: bool | None = None) -> str:
    """A Kutipan Akta Nikah number that agrees with `tanggal_nikah` (`documents.md`).

    New format (default from October 2022): KUA code (7 digits) + month + year + 3-digit serial.
    Old format: `serial/code/ROMAN-MONTH/year`. `kua_code` is the 7-digit KUA code; the old
    format prints its last three digits.
    """
    day = dt.date.fromisoformat(tanggal_nikah)
    if len(kua_code) != 7 or not kua_code.isdigit():
        raise ValueError("kua_code must be 7 digits")
    if new_format is None:
        new_format = day >= NEW_AKTA_FORMAT_SINCE
    if new_format:
        return f"{kua_code}{day.month:02d}{day.year}{rng.randint(1, 999):03d}"
    return f"{rng.randint(1, 999):04d}/{kua_code[-3:]}/{_ROMAN[day.month - 1]}/{day.year}"


def render_buku_nikah(suami: core.Person, istri: core.Person, *, tanggal_nikah: str, nomor_akta: str, kua: str,
                      wali: str, seed: int, overrides: Mapping[str, str | None] | None = None,
                      varied: bool = False, stamped: bool = False, heldout: bool = False,
                      layout: str = "kutipan") -> Rendered:
    """The Kutipan Akta Nikah of `suami` and `istri`.

    `kua` and `wali` are canonical (`KUA KECAMATAN KOLAKA`, a name). `overrides`
    replace printed values by flattened field name (`istri.nik`, `tanggal_nikah`).
    `varied` draws with `Style.varied`, `heldout` with `Style.heldout` (other fonts and page
    geometry); `stamped` adds the KUA head's ink signature and stamp. `layout` is
    `kutipan` (the Kutipan Akta Nikah), `lama` (the older two-column book), `kalimat` (worded as
    sentences, a longer address over two lines; see `_buku_nikah_lama`) or `2020s` (the SIMKAH print:
    a landscape spread, one spouse a page, QR code; see `_buku_nikah_2020s`) or `model-na` (the old
    Model NA form with typed values and the date in words; see `_buku_nikah_na`) or `duplikat` (the
    DUPLIKAT KUTIPAN AKTA NIKAH letter worded as sentences; see `_buku_nikah_duplikat`).
    """
    if layout not in NIKAH_LAYOUTS:
        raise ValueError(f"no buku nikah layout {layout!r}: use one of {NIKAH_LAYOUTS}")
    rng = random.Random(f"nikah-{seed}")
    values: dict[str, Any] = {"nomor_akta": nomor_akta, "tanggal_nikah": tanggal_nikah, "kua": kua,
                              "wali.nama_lengkap": wali}
    for role, person in (("suami", suami), ("istri", istri)):
        values.update({
            f"{role}.nama_lengkap": person.nama_lengkap, f"{role}.nik": person.nik,
            f"{role}.tempat_lahir": person.tempat_lahir, f"{role}.tanggal_lahir": person.tanggal_lahir,
            f"{role}.kewarganegaraan": person.kewarganegaraan, f"{role}.agama": person.agama,
            f"{role}.pekerjaan": person.jenis_pekerjaan,
            f"{role}.alamat": f"{rng.choice(STREETS)} NO. {rng.randint(1, 120)}",
        })
    if layout == "kalimat":
        longer = random.Random(f"nikah-alamat-{seed}")
        for role in ("suami", "istri"):
            values[f"{role}.alamat"] = _lama.long_address(values[f"{role}.alamat"], longer, kua)
    if layout == "2020s":
        from . import _buku_nikah_2020s as newer

        values = newer.values_2020s(values, seed)
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(core.BUKU_NIKAH_FIELDS)
    if unknown:
        raise TypeError(f"unknown buku nikah fields: {sorted(unknown)}")
    values.update(overrides)
    if layout == "model-na":  # drawn blind: its own page, paper and random stream
        from ._buku_nikah_na import render_nikah_na

        return render_nikah_na(values, {"suami": suami.nama_ayah, "istri": istri.nama_ayah}, seed=seed, varied=varied,
                               heldout=heldout, stamped=stamped)
    if layout == "surat":  # a KUA's letter in paragraphs (`_buku_nikah_surat`)
        from ._buku_nikah_surat import render_nikah_surat

        return render_nikah_surat(values, {"suami": suami.nama_ayah, "istri": istri.nama_ayah}, seed=seed,
                                  varied=varied, heldout=heldout, stamped=stamped)
    if layout == "duplikat":  # drawn blind in round 9
        from ._buku_nikah_duplikat import render_nikah_duplikat

        return render_nikah_duplikat(values, {"suami": suami.nama_ayah, "istri": istri.nama_ayah}, seed=seed,
                                     varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u12e":  # held out, session 12 (`_unseen_u12e`, `_unseen_u12f`)
        from ._unseen_u12e import render_u12e

        return render_u12e(values, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u12f":
        from ._unseen_u12f import render_u12f

        return render_u12f(values, suami, istri, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout in ("u13e", "u13f"):  # held out, session 13 (`_unseen_u13e`, `_unseen_u13f`)
        from ._unseen_u13e import render_u13e
        from ._unseen_u13f import render_u13f

        render = render_u13e if layout == "u13e" else render_u13f
        return render(values, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u14e":  # held out, session 14 (`_unseen_u14e`, `_unseen_u14f`)
        from ._unseen_u14e import render_u14e

        return render_u14e(values, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u14f":
        from ._unseen_u14f import render_u14f

        return render_u14f(values, suami, istri, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u15e":  # held out, session 15 (`_unseen_u15e`, `_unseen_u15f`)
        from ._unseen_u15e import render_u15e

        return render_u15e(values, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u15f":
        from ._unseen_u15f import render_u15f

        return render_u15f(values, {"suami": suami.nama_ayah, "istri": istri.nama_ayah}, seed=seed, varied=varied,
                           heldout=heldout, stamped=stamped)
    if layout in ("u16e", "u16f"):  # held out, session 16 (`_unseen_u16e`, `_unseen_u16f`)
        from ._unseen_u16e import render_u16e
        from ._unseen_u16f import render_u16f

        render = render_u16e if layout == "u16e" else render_u16f
        return render(values, seed=seed, varied=varied, heldout=heldout, stamped=stamped)
    if layout == "u11e":  # held out, session 11 (`_unseen_u11e`)
        from ._unseen_u11e import render_u11e

        return render_u11e(values, {"suami": suami.nama_ayah, "istri": istri.nama_ayah}, seed=seed, varied=varied,
                           heldout=heldout, stamped=stamped)

    page = Page(A4_LANDSCAPE if layout == "2020s" else A4_PORTRAIT, Style.pick(seed, varied=varied, heldout=heldout))
    if layout == "2020s":
        newer.draw_2020s(page, values, newer.parents_of(suami, istri), rng, stamped=stamped)
    elif layout == "lama":
        _lama.draw_lama(page, values, rng, stamped=stamped)
    elif layout == "kalimat":
        _lama.draw_kalimat(page, values, rng, stamped=stamped)
    else:
        _draw(page, values, rng, stamped=stamped)
    fields = {name: values.get(name) for name in core.BUKU_NIKAH_FIELDS}
    return page.rendered({"document_type": str(core.DocumentType.BUKU_NIKAH), "fields": fields})


def _draw(page: Page, v: dict[str, Any], rng: random.Random, *, stamped: bool) -> None:
    g = page.style.geometry
    cx = page.width / 2
    m = 90 + g.frame[0]
    page.rect((m, m, page.width - m, page.image.height - m), width=4 + g.frame[1])
    page.text((cx, 220), "KEMENTERIAN AGAMA REPUBLIK INDONESIA", points=12, bold=True, anchor="mt")
    page.text((cx, 360), "KUTIPAN AKTA NIKAH", points=22 * g.title, bold=True, anchor="mt")
    page.text((cx, 520), f"Nomor : {v['nomor_akta']}", points=12, anchor="mt")
    x, colon, pts = 260 + g.indent, page.colon_at(_LABELS, points=11, em=16), 11
    bold = frozenset({"Nama"}) if g.bold_name else frozenset()
    married = dt.date.fromisoformat(v["tanggal_nikah"])
    y = page.label_rows([
        ("Tanggal Nikah", f"{_WEEKDAYS[married.weekday()]}, {date_long(v['tanggal_nikah'])}"),
        ("Dicatat di", v["kua"]),
    ], x=x, top=680, points=pts, colon_at=colon)
    for role, heading in (("suami", "SUAMI"), ("istri", "ISTRI")):
        page.text((x, y + 50 * g.gap), heading, points=13 * g.title, bold=True)
        y = page.label_rows([
            ("Nama", v[f"{role}.nama_lengkap"]), ("NIK", v[f"{role}.nik"]),
            ("Tempat dan Tanggal Lahir", f"{v[f'{role}.tempat_lahir']}, {date_long(v[f'{role}.tanggal_lahir'])}"),
            ("Kewarganegaraan", v[f"{role}.kewarganegaraan"]), ("Agama", title_case(v[f"{role}.agama"])),
            ("Pekerjaan", v[f"{role}.pekerjaan"]), ("Alamat", v[f"{role}.alamat"]),
        ], x=x, top=y + 150 * g.gap, points=pts, colon_at=colon, bold_values=bold)
    page.text((x, y + 50 * g.gap), "WALI NIKAH", points=13 * g.title, bold=True)
    y = page.label_rows([("Nama", v["wali.nama_lengkap"])], x=x, top=y + 150 * g.gap, points=pts, colon_at=colon)
    sign_x, sign_at = page.width - 700 + g.sign_dx, 120 * g.gap  # offsets summed first: same floats as before
    town = v["kua"].split()[-1] if v["kua"] else "KOLAKA"
    page.text((sign_x, y + sign_at), f"{title_case(town)}, {date_long(v['tanggal_nikah'])}", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 70)), "Kepala KUA,", points=11, anchor="mt")
    page.text((sign_x, y + (sign_at + 340)), rng.choice(_KUA_HEADS), points=11, bold=True, anchor="mt")
    if stamped:
        page.paste(signature(rng), (int(sign_x - 220), int(y + (sign_at + 110))))
        seal = stamp(rng, ring=f"KANTOR URUSAN AGAMA {town}", centre="KUA", family=page.style.family,
                     diameter=rng.randint(360, 440))
        page.paste(seal, (int(sign_x - seal.width * rng.uniform(0.75, 1.0)), int(y + (sign_at + 80))))


