"""The visible signature's stamp: what it says to the person holding the KK, and the font it is drawn in.

The text follows the convention of Indonesian electronically signed documents, one line each,
wrapped at word boundaries to the stamp's width:

    Ditandatangani secara elektronik oleh
    Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Konawe
    Drs. HASAN BASRI, M.Si.                    (the signer certificate's common name)
    Waktu: 06-12-2026 17:21:33 WITA            (pyHanko's signing time, in the office's zone)
    Sertifikat: Capil Dev Intermediate CA      (the signer certificate's issuer)

The font is the KK's regular TrueType font, prepared once per process: cut down to the Latin-1
characters a stamp can hold (no hinting, no layout tables) and scaled to 1000 units per em.
The scaling is what makes the stamp legible. pyHanko's `GlyphAccumulator` writes the glyph
widths of the PDF font (`/W`) in the font's own units, but a PDF reader takes them as
thousandths of an em: with a 2048-unit font (DejaVu, Liberation) poppler, pdfium and MuPDF
advanced every glyph by twice its width, so the stamp came out letter-spaced and cut off at
the box's edge. At 1000 units per em the font's units are the PDF's. Only public pyHanko API
is used: a `GlyphAccumulatorFactory` whose engine is a stock `GlyphAccumulator` reading the
prepared bytes, which parses and subsets ~30 KB per signature instead of the 700 KB file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from asn1crypto import x509
from fontTools import subset, ttLib
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStamp, TextStampStyle

import core

from ._render import font_file

DEFAULT_OFFICE = "Kepala Dinas Kependudukan dan Pencatatan Sipil"
"""The signer's office when the caller names none (no region)."""

FONT_SIZE = 7
LEADING = 8
MARGIN = 4
"""Stamp text size, line spacing and inner margin, in points."""

STAMP_CHARS = [*range(0x20, 0x7F), *range(0xA0, 0x100)]
"""Code points the stamp font holds: printable ASCII and Latin-1 (names, dates, titles)."""

_UNITS_PER_EM = 1000
_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # how pyHanko hands the signing time to the stamp


def stamp_lines(*, office: str, signer: str, signed_at: dt.datetime, issuer: str,
                width: float | None = None) -> list[str]:
    """The stamp's lines; with `width` (points), each wrapped at word boundaries to fit it."""
    lines = [
        "Ditandatangani secara elektronik oleh",
        office,
        signer,
        f"Waktu: {signed_at.strftime('%d-%m-%Y %H:%M:%S')} {signed_at.tzname()}",
        f"Sertifikat: {issuer}",
    ]
    if width is None:
        return lines
    return [part for line in lines for part in _wrap(line, width)]


def stamp_style(zone: str) -> TextStampStyle:
    """The stamp, framed, in the KK's regular font; times shown in the time zone `zone`
    (an IANA name such as `Asia/Makassar`).

    Raises `core.ConfigurationError` for an unknown zone."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise core.ConfigurationError(f"unknown time zone {zone!r} for the signature stamp "
                                      "(an IANA name such as Asia/Makassar)") from e
    return _style(zone)


def text_params(*, office: str, signing_cert: x509.Certificate) -> dict[str, str]:
    """What `sign_pdf` hands the stamp beside pyHanko's signer name and signing time."""
    return {"office": office or DEFAULT_OFFICE, "issuer": issuer_name(signing_cert)}


def issuer_name(cert: x509.Certificate) -> str:
    """The certification authority that issued `cert`: its common name, else its organization."""
    issuer = cert.issuer.native
    return issuer.get("common_name") or issuer.get("organization_name") or cert.issuer.human_friendly


@cache
def _style(zone: str) -> _OfficeStampStyle:
    return _OfficeStampStyle(
        zone=zone,
        stamp_text="%(lines)s",
        text_box_style=TextBoxStyle(
            font=_PreparedFontFactory(str(font_file("KK-Regular")), font_size=FONT_SIZE),
            font_size=FONT_SIZE,
            leading=LEADING,
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0)),
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(MARGIN)),
        border_width=1,
        background=None,
    )


@dataclasses.dataclass(frozen=True)
class _OfficeStampStyle(TextStampStyle):
    """A text stamp whose lines are composed when the stamp is made, when pyHanko knows the signer's
    name, the signing time and the box: the time moved into `zone`, long lines wrapped."""

    zone: str = "Asia/Makassar"
    timestamp_format: str = _TIMESTAMP_FORMAT

    def create_stamp(self, writer: Any, box: layout.BoxConstraints, text_params: dict) -> TextStamp:
        signed_at = dt.datetime.strptime(text_params["ts"], _TIMESTAMP_FORMAT).astimezone(ZoneInfo(self.zone))
        lines = stamp_lines(office=text_params.get("office", DEFAULT_OFFICE), signer=text_params["signer"],
                            signed_at=signed_at, issuer=text_params.get("issuer", "-"),
                            width=box.width - 2 * MARGIN)
        return TextStamp(writer=writer, style=self, box=box, text_params={"lines": "\n".join(lines)})


def _wrap(line: str, width: float) -> list[str]:
    """`line` broken at spaces into pieces no wider than `width` points (a longer word stands alone;
    the stamp shrinks to fit it)."""
    if _text_width(line) <= width:
        return [line]
    words, out = line.split(), []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and _text_width(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    return [*out, current] if current else out


def _text_width(text: str) -> float:
    advances = _advances()
    missing = advances.get(ord("?"), _UNITS_PER_EM)
    return sum(advances.get(ord(ch), missing) for ch in text) * FONT_SIZE / _UNITS_PER_EM


def prepare() -> None:
    """The stamp font prepared and its advances measured, now (`signing.prepare`)."""
    _advances()


@cache
def _advances() -> dict[int, int]:
    font = ttLib.TTFont(io.BytesIO(prepared_font(str(font_file("KK-Regular")))))
    metrics = font["hmtx"].metrics
    return {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}


@dataclasses.dataclass(frozen=True)
class _PreparedFontFactory(GlyphAccumulatorFactory):
    """pyHanko's factory, reading the prepared font (`prepared_font`) instead of the file itself."""

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(prepared_font(self.font_file)),
                                font_size=self.font_size, obj_stream=obj_stream)


@cache
def prepared_font(path: str) -> bytes:
    """The TrueType font at `path` cut down to `STAMP_CHARS`, without hinting or layout tables,
    scaled to 1000 units per em (see the module docstring for why)."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" chatter
    options = subset.Options()
    options.layout_features = []  # no kerning or ligatures in a stamp: no GPOS/GSUB to parse per signature
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "kern", "FFTM"]
    options.hinting = False
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=STAMP_CHARS)
    subsetter.subset(font)
    if "glyf" not in font:
        raise core.ConfigurationError(f"the stamp font {path} is not a TrueType (glyf) font")
    if font["head"].unitsPerEm != _UNITS_PER_EM:
        scale_upem(font, _UNITS_PER_EM)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()

