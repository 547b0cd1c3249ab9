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

from ._look import DEFAULT_GEOMETRY, FONT_ROOTS, HELDOUT_FAMILIES, Geometry, find_font

DPI = 300
A4_PORTRAIT = (2480, 3508)
A4_LANDSCAPE = (3508, 2480)

FONT_FAMILIES: dict[str, tuple[str, str]] = {
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "Liberation Sans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
}
BASE_FAMILIES = tuple(sorted(FONT_FAMILIES))
"""The plain look's families (`Style.from_seed`); fixed so that a seed keeps its bytes."""
FONT_FAMILIES.update({
    "DejaVu Sans Condensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVu Serif Condensed": ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "Liberation Mono": ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
    "Liberation Sans Narrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
})
_INKS = ((0, 0, 0), (0, 0, 0), (28, 28, 36), (20, 24, 60), (45, 40, 38))


@dataclass(frozen=True)
class Rendered:
    """One rendered page and what is printed on it.

    `truth` has the shape of the extraction JSON without confidence and bbox:
    `{"document_type": ..., "fields": {name: canonical value or None}}`, plus
    `"anggota": [{field: value}, ...]` for a KK.
    """

    png: bytes
    truth: dict[str, Any] = field(repr=False)
    ops: tuple[tuple[Any, ...], ...] = field(default=(), repr=False, compare=False)
    """What was drawn, in order (text, line, rect, image), for the vector PDF variant."""


@dataclass(frozen=True)
class Style:
    """Per-document look chosen from the seed: font family, size scale, line spacing and page geometry."""

    family: str
    scale: float
    spacing: float
    ink: tuple[int, int, int] = (0, 0, 0)
    shift: tuple[int, int] = (0, 0)
    """Offset of the whole layout in pixels (a printer never hits the same spot)."""
    geometry: Geometry = DEFAULT_GEOMETRY
    """Margins, columns and sizes of the layout (`Geometry()`: the development layout)."""

    @classmethod
    def from_seed(cls, seed: int) -> Style:
        """The plain look: five families, small size and spacing changes, black ink."""
        rng = random.Random(f"style-{seed}")
        return cls(family=rng.choice(BASE_FAMILIES), scale=rng.uniform(0.94, 1.06),
                   spacing=rng.uniform(1.45, 1.7))

    @classmethod
    def varied(cls, seed: int) -> Style:
        """The corpus look: every installed family, wider size and spacing ranges, inks, offsets."""
        rng = random.Random(f"varied-style-{seed}")
        return cls(family=rng.choice(installed_families()), scale=rng.uniform(0.88, 1.08),
                   spacing=rng.uniform(1.35, 1.95), ink=rng.choice(_INKS),
                   shift=(rng.randint(-60, 60), rng.randint(-50, 50)))

    @classmethod
    def heldout(cls, seed: int) -> Style:
        """The held-out look: `HELDOUT_FAMILIES` only (whatever is installed), `Geometry.heldout`,
        its own size and spacing ranges, inks and offsets."""
        rng = random.Random(f"heldout-style-{seed}")
        return cls(family=rng.choice(sorted(HELDOUT_FAMILIES)), scale=rng.uniform(0.86, 1.1),
                   spacing=rng.uniform(1.25, 1.9), ink=rng.choice(_INKS),
                   shift=(rng.randint(-50, 50), rng.randint(-45, 45)), geometry=Geometry.heldout(seed))

    @classmethod
    def pick(cls, seed: int, *, varied: bool = False, heldout: bool = False) -> Style:
        """The renderers' choice: held-out, varied (corpus) or plain."""
        if heldout:
            return cls.heldout(seed)
        return cls.varied(seed) if varied else cls.from_seed(seed)


@cache
def _font_path(relative: str) -> Path:
    path = find_font(relative)
    if path is None:
        raise core.ConfigurationError(f"font {relative} not found under {', '.join(map(str, FONT_ROOTS))}")
    return path


@cache
def installed_families() -> tuple[str, ...]:
    """The families of FONT_FAMILIES whose files are on this machine, sorted."""
    return tuple(sorted(f for f, (regular, bold) in FONT_FAMILIES.items()
                        if find_font(regular) is not None and find_font(bold) is not None))


@cache
def font(family: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    if family in HELDOUT_FAMILIES:
        regular, heavy, package = HELDOUT_FAMILIES[family]
        path = find_font(heavy if bold else regular)
        if path is None:
            raise core.ConfigurationError(f"held-out font {family} is not installed: apt-get install {package}")
        return ImageFont.truetype(str(path), size)
    regular, heavy = FONT_FAMILIES[family]
    return ImageFont.truetype(str(_font_path(heavy if bold else regular)), size)


class Page:
    """A page at 300 dpi with a few drawing verbs; coordinates are pixels.

    Every verb is also recorded in `ops` (text at its left baseline with the font
    file and pixel size, lines, rectangles, pasted images) so that the same page
    can be written as a PDF with a real text layer.
    """

    def __init__(self, size: tuple[int, int], style: Style, *, paper: Image.Image | None = None) -> None:
        self.image = paper.copy() if paper is not None else Image.new("RGB", size, (255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.style = style
        self.ops: list[tuple[Any, ...]] = []
        if paper is not None:
            self.ops.append(("image", (0, 0), paper))

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
        face = self.font(points, bold=bold)
        x, y = xy[0] + self.style.shift[0], xy[1] + self.style.shift[1]
        self.draw.text((x, y), text, fill=self.style.ink, font=face, anchor=anchor)
        # The left end of the baseline, whatever the anchor: where a PDF writes the string.
        ax0, ay0, _, _ = self.draw.textbbox((x, y), text, font=face, anchor=anchor)
        lx0, ly0, _, _ = self.draw.textbbox((0, 0), text, font=face, anchor="ls")
        self.ops.append(("text", ax0 - lx0, ay0 - ly0, text, str(face.path), face.size, self.style.ink))

    def text_width(self, text: str, *, points: float, bold: bool = False) -> float:
        return self.draw.textlength(text, font=self.font(points, bold=bold))


    def wrap_chunks(self, chunks: list[str], *, width: float, points: float) -> list[str]:
        """Lines of at most `width`, broken only between chunks (a value is one chunk and never split)."""
        lines: list[str] = []
        for chunk in chunks:
            if lines and self.text_width(f"{lines[-1]} {chunk}", points=points) <= width:
                lines[-1] = f"{lines[-1]} {chunk}"
            else:
                lines.append(chunk)
        return lines
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
        value_em = self.style.geometry.value_em
        value_x = x + colon_at + (self.pt(points) if value_em == 1.0 else self.pt(points) * value_em)
        for i, (label, value) in enumerate(rows):
            y = top + i * step
            self.text((x, y), label, points=points)
            self.text((x + colon_at, y), ":", points=points)
            self.text((value_x, y), value or "-", points=points, bold=label in bold_values)
        return top + len(rows) * step

    def colon_at(self, labels: tuple[str, ...], *, points: float, em: float) -> float:
        """Where a block's colons go, from its label column: `em` sizes of `points` in the development
        layout; the geometry may move it, and keeps it past the widest of `labels` when it fits colons."""
        geometry = self.style.geometry
        widest = max(self.text_width(label, points=points) for label in labels) if geometry.fit_colon else 0.0
        return geometry.colon(widest, self.pt(points), em)

    def _moved(self, xy: tuple[float, ...]) -> tuple[float, ...]:
        dx, dy = self.style.shift
        return tuple(v + (dx if i % 2 == 0 else dy) for i, v in enumerate(xy))

    def line(self, xy: tuple[float, float, float, float], *, width: int = 3) -> None:
        moved = self._moved(xy)
        self.draw.line(moved, fill=self.style.ink, width=width)
        self.ops.append(("line", moved, width, self.style.ink))

    def rect(self, box: tuple[float, float, float, float], *, width: int = 3) -> None:
        moved = self._moved(box)
        self.draw.rectangle(moved, outline=self.style.ink, width=width)
        self.ops.append(("rect", moved, width, self.style.ink))

    def paste(self, overlay: Image.Image, xy: tuple[int, int]) -> None:
        """An RGBA (or opaque) image drawn over what is there: stamps, signatures, a QR code."""
        at = (int(xy[0] + self.style.shift[0]), int(xy[1] + self.style.shift[1]))
        mask = overlay.getchannel("A") if overlay.mode == "RGBA" else None
        self.image.paste(overlay.convert("RGB"), at, mask)
        self.ops.append(("image", at, overlay))

    def qr(self, xy: tuple[int, int], payload: str, *, size: int) -> None:
        code = qrcode.QRCode(border=0, box_size=1)
        code.add_data(payload)
        code.make(fit=True)
        img = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
        self.paste(img.resize((size, size), Image.Resampling.NEAREST), xy)

    def png(self) -> bytes:
        out = io.BytesIO()
        image = self.image.convert("L") if self._is_gray() else self.image
        image.save(out, format="PNG", dpi=(DPI, DPI), optimize=False, compress_level=1)
        return out.getvalue()

    def rendered(self, truth: dict[str, Any]) -> Rendered:
        return Rendered(self.png(), truth, tuple(self.ops))

    def _is_gray(self) -> bool:
        """Black ink on white paper is saved as an 8-bit gray PNG, as before (same seed, same bytes)."""
        return self.style.ink == (0, 0, 0) and all(op[2].mode == "L" for op in self.ops if op[0] == "image")


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
