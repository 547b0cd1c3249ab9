"""Drawing helpers shared by the renderers: fonts, a page, text, rules, a QR code, date formats."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import qrcode
from PIL import Image, ImageDraw, ImageFont

import core

DPI = 300
A4_PORTRAIT = (2480, 3508)
A4_LANDSCAPE = (3508, 2480)

_FONT_ROOTS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_FAMILIES: dict[str, tuple[str, str]] = {
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "Liberation Sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
}


@dataclass(frozen=True)
class Rendered:
    """One rendered page and what is printed on it.

    `truth` has the shape of the extraction JSON without confidence and bbox:
    `{"document_type": ..., "fields": {name: canonical value or None}}`, plus
    `"anggota": [{field: value}, ...]` for a KK.
    """

    png: bytes
    truth: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Style:
    """Per-document look chosen from the seed: font family, size scale and line spacing."""

    family: str
    scale: float
    spacing: float

    @classmethod
    def from_seed(cls, seed: int) -> Style:
        rng = random.Random(f"style-{seed}")
        return cls(family=rng.choice(sorted(FONT_FAMILIES)), scale=rng.uniform(0.94, 1.06),
                   spacing=rng.uniform(1.45, 1.7))


@cache
def _font_path(relative: str) -> Path:
    for root in _FONT_ROOTS:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    raise core.ConfigurationError(f"font {relative} not found under {', '.join(map(str, _FONT_ROOTS))}")


@cache
def font(family: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    regular, heavy = FONT_FAMILIES[family]
    return ImageFont.truetype(str(_font_path(heavy if bold else regular)), size)


class Page:
    """A white page at 300 dpi with a few drawing verbs; coordinates are pixels."""

    def __init__(self, size: tuple[int, int], style: Style) -> None:
        self.image = Image.new("L", size, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.style = style

    @property
    def width(self) -> int:
        return self.image.width

    def pt(self, points: float) -> int:
        """Pixels for a font size in points, with the document's scale."""
        return round(points * self.style.scale * DPI / 72)

    def font(self, points: float, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        return font(self.style.family, self.pt(points), bold=bold)

    def text(self, xy: tuple[float, float], text: str, *, points: float, bold: bool = False,
             anchor: str = "la") -> None:
        self.draw.text(xy, text, fill=0, font=self.font(points, bold=bold), anchor=anchor)

    def text_width(self, text: str, *, points: float, bold: bool = False) -> float:
        return self.draw.textlength(text, font=self.font(points, bold=bold))

    def text_in_box(self, box: tuple[int, int, int, int], text: str, *, points: float, bold: bool = False,
                    align: str = "left") -> None:
        """Text vertically centred in a cell, shrunk until it fits the cell's width."""
        x0, y0, x1, y1 = box
        pad = self.pt(3)
        while points > 5 and self.text_width(text, points=points, bold=bold) > (x1 - x0) - 2 * pad:
            points -= 0.5
        x = (x0 + x1) / 2 if align == "center" else x0 + pad
        self.text((x, (y0 + y1) / 2), text, points=points, bold=bold, anchor="mm" if align == "center" else "lm")

    def label_rows(self, rows: list[tuple[str, str | None]], *, x: float, top: float, points: float,
                   colon_at: float, bold_values: frozenset[str] = frozenset()) -> float:
        """`Label : value` lines with aligned colons; returns the y below the last one."""
        step = self.pt(points) * self.style.spacing
        for i, (label, value) in enumerate(rows):
            y = top + i * step
            self.text((x, y), label, points=points)
            self.text((x + colon_at, y), ":", points=points)
            self.text((x + colon_at + self.pt(points), y), value or "-", points=points, bold=label in bold_values)
        return top + len(rows) * step

    def line(self, xy: tuple[float, float, float, float], *, width: int = 3) -> None:
        self.draw.line(xy, fill=0, width=width)

    def rect(self, box: tuple[float, float, float, float], *, width: int = 3) -> None:
        self.draw.rectangle(box, outline=0, width=width)

    def qr(self, xy: tuple[int, int], payload: str, *, size: int) -> None:
        code = qrcode.QRCode(border=0, box_size=1)
        code.add_data(payload)
        code.make(fit=True)
        img = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
        self.image.paste(img.resize((size, size), Image.Resampling.NEAREST), xy)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", dpi=(DPI, DPI), optimize=False, compress_level=1)
        return out.getvalue()


def date_dmy(iso: str | None) -> str:
    """`1980-03-12` -> `12-03-1980` (KK); None -> `-`."""
    if not iso:
        return "-"
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y")


def date_long(iso: str) -> str:
    """`2002-03-12` -> `12 Maret 2002` (ijazah, buku nikah)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {core.MONTHS_ID[day.month - 1].capitalize()} {day.year}"


def title_case(value: str) -> str:
    """How certificates print places and months: `KOLAKA UTARA` -> `Kolaka Utara`."""
    return " ".join(w.capitalize() for w in value.split())
