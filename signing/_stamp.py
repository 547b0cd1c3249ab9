"""The visible signature's stamp: its text style and the embedded font, both prepared once per process.

pyHanko's `GlyphAccumulatorFactory` reads and parses the whole TrueType file for every signature
(~0.3 s for DejaVu), and its `GlyphAccumulator` subsets the font to the glyphs a stamp uses and
compiles that subset again for every signature (~10 ms). Here the font is cut down once to
printable ASCII (names, dates; no hinting, no layout tables) and that subset is embedded as it is:
its compressed font program is computed once and shared by every signature. The stamp
costs ~3 KB more than a per-signature subset; every glyph the stamp draws is in it.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import zlib
from functools import cache
from typing import Any

from fontTools import subset
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import CIDFontType2, GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from ._render import font_file

STAMP_TEXT = "Ditandatangani secara elektronik oleh:\n%(signer)s\nWaktu: %(ts)s"
STAMP_CHARS = range(0x20, 0x7F)
"""Code points the stamp font holds: printable ASCII."""


@cache
def stamp_style() -> TextStampStyle:
    """The stamp: signer's name and signing time in the KK's regular font, 7 pt, framed."""
    font = _PreparedFontFactory(str(font_file("KK-Regular")))
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
        text_box_style=TextBoxStyle(font=font, font_size=7),
        border_width=1,
        background=None,
    )


@dataclasses.dataclass(frozen=True)
class _PreparedFontFactory(GlyphAccumulatorFactory):
    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _PreparedGlyphAccumulator(writer=writer, font_handle=io.BytesIO(ascii_font(self.font_file)),
                                         font_size=self.font_size, obj_stream=obj_stream)


class _PreparedGlyphAccumulator(GlyphAccumulator):
    """Lays text out like pyHanko's accumulator, but embeds the prepared ASCII font unchanged:
    no subsetting and no compiling per signature. Glyph ids are those of that font, so the
    stamp's content stream and the embedded program agree."""

    def __init__(self, *, writer: Any, font_handle: io.BytesIO, font_size: int, obj_stream: Any) -> None:
        self._program = font_handle.getvalue()
        super().__init__(writer=writer, font_handle=font_handle, font_size=font_size, obj_stream=obj_stream)
        if not isinstance(self.cidfont_obj, CIDFontType2):  # a CFF font would be embedded differently
            raise TypeError("the stamp font must be a TrueType (glyf) font")
        self.cidfont_obj = _PreparedCidFont(self.tt, self.cidfont_obj.name.split("+", 1)[1],
                                            self.subset_prefix, self._program)

    def _extract_subset(self, options: Any = None) -> None:
        del options  # the prepared font is the subset


class _PreparedCidFont(CIDFontType2):
    def __init__(self, tt: Any, base_ps_name: str, subset_prefix: str, program: bytes) -> None:
        super().__init__(tt, base_ps_name, subset_prefix)
        self._program = program

    def set_font_file(self, writer: Any) -> generic.IndirectObject:
        stream = generic.StreamObject({generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
                                      encoded_data=_deflated(self._program))
        ref = writer.add_object(stream)
        self._font_descriptor[generic.pdf_name("/FontFile2")] = ref
        return ref


@cache
def _deflated(program: bytes) -> bytes:
    return zlib.compress(program)


@cache
def ascii_font(path: str) -> bytes:
    """The TrueType font at `path` cut down to `STAMP_CHARS`, without hinting or layout tables."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" chatter
    options = subset.Options()
    options.layout_features = []  # no kerning or ligatures in a stamp: skip GPOS/GSUB parsing per signature
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "kern", "FFTM"]
    options.hinting = False
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=STAMP_CHARS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
