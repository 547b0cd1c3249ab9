"""Page geometry of the renderers, and the held-out look: fonts and layouts the OCR was not developed on.

    LOOKS = ("default", "heldout")
    Geometry()                  the positions and sizes every renderer has always used
    Geometry.heldout(seed)      other margins, label and value columns, table widths, row heights,
                                title sizes, gaps, bold names, centred KK columns
    HELDOUT_FAMILIES            families disjoint from `FONT_FAMILIES`, each with its Debian package
    missing_heldout_packages()  the packages to install before the held-out look can render

The default `Geometry()` reproduces the constants the renderers had before it existed, so a seed
keeps its bytes. Everything the held-out look draws comes from its own seeded generators
(`heldout-style-{seed}`, `heldout-geometry-{seed}`): the default look's random draws are untouched.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

LOOKS = ("default", "heldout")

_URW = "opentype/urw-base35"
HELDOUT_FAMILIES: dict[str, tuple[str, str, str]] = {
    # family: (regular, bold, Debian package). URW base 35: the Helvetica, Times, Courier, Bookman,
    # Century Schoolbook and Palatino clones; crosextra: metric clones of Calibri and Cambria.
    "Nimbus Sans": (f"{_URW}/NimbusSans-Regular.otf", f"{_URW}/NimbusSans-Bold.otf", "fonts-urw-base35"),
    "Nimbus Sans Narrow": (f"{_URW}/NimbusSansNarrow-Regular.otf", f"{_URW}/NimbusSansNarrow-Bold.otf",
                           "fonts-urw-base35"),
    "Nimbus Roman": (f"{_URW}/NimbusRoman-Regular.otf", f"{_URW}/NimbusRoman-Bold.otf", "fonts-urw-base35"),
    "Nimbus Mono PS": (f"{_URW}/NimbusMonoPS-Regular.otf", f"{_URW}/NimbusMonoPS-Bold.otf", "fonts-urw-base35"),
    "URW Bookman": (f"{_URW}/URWBookman-Light.otf", f"{_URW}/URWBookman-Demi.otf", "fonts-urw-base35"),
    "C059": (f"{_URW}/C059-Roman.otf", f"{_URW}/C059-Bold.otf", "fonts-urw-base35"),
    "P052": (f"{_URW}/P052-Roman.otf", f"{_URW}/P052-Bold.otf", "fonts-urw-base35"),
    "Open Sans": ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf", "fonts-open-sans"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf", "fonts-crosextra-carlito"),
    "Caladea": ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf", "fonts-crosextra-caladea"),
}
HELDOUT_PACKAGES = tuple(sorted({package for _, _, package in HELDOUT_FAMILIES.values()}))
FONT_ROOTS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# reportlab embeds TrueType only: for the CFF (.otf) faces the vector PDF embeds the same design's
# Type 1 program, which the same package installs (metrics in .afm, outlines in binary .pfb).
_TYPE1_METRICS = Path("/usr/share/fonts/type1/urw-base35")
_TYPE1_OUTLINES = Path("/usr/share/fonts/X11/Type1")

# The KK columns a printing may centre instead of setting flush left (short, fixed-width values).
KK_CENTRED_CANDIDATES = ("jenis_kelamin", "tanggal_lahir", "agama", "golongan_darah", "status_perkawinan",
                         "tanggal_perkawinan", "kewarganegaraan", "no_paspor", "no_kitap")


def find_font(relative: str) -> Path | None:
    for root in FONT_ROOTS:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    return None


def missing_heldout_packages() -> list[str]:
    """Debian packages whose held-out font files are not on this machine (sorted, empty when all are)."""
    return sorted({package for regular, bold, package in HELDOUT_FAMILIES.values()
                   if find_font(regular) is None or find_font(bold) is None})


@cache
def type1_files(otf: str) -> tuple[str, str] | None:
    """(afm, pfb) of the Type 1 version of a URW `.otf` face, or None if it is not installed."""
    stem = Path(otf).stem
    afm, pfb = _TYPE1_METRICS / f"{stem}.afm", _TYPE1_OUTLINES / f"{stem}.pfb"
    return (str(afm), str(pfb)) if afm.is_file() and pfb.is_file() else None


@dataclass(frozen=True)
class Geometry:
    """Where the renderers put things. Defaults are the development layout; lengths in pixels at 300 dpi,
    `*_pt` in points before the style's scale, `*_em` in multiples of the body size in pixels."""

    title: float = 1.0
    """Factor on title sizes (KARTU KELUARGA, IJAZAH, KUTIPAN AKTA NIKAH, headings)."""
    indent: int = 0
    """Added to the x of every label column."""
    colon_em: float = 0.0
    """Added to the colon position of `Label : value` blocks."""
    value_em: float = 1.0
    """Distance from the colon to the value, as a factor of the usual one."""
    fit_colon: bool = False
    """Colon placed at least one em past the widest label (wide fonts never overrun it)."""
    gap: float = 1.0
    """Factor on the vertical gaps between blocks of an ijazah or buku nikah."""
    bold_name: bool = False
    """The holder's name printed bold (ijazah, both spouses on a buku nikah)."""
    frame: tuple[int, int] = (0, 0)
    """Change of the ruled frame's margin and line width (ijazah, buku nikah)."""
    sign_dx: int = 0
    """Horizontal move of the signature block."""
    kk_margins: tuple[int, int, int] = (120, 120, 110)
    """KK left, right and top margins (each still moved ±15 px per document)."""
    kk_middle: float = 0.58
    """Where the KK header's second column starts, as a share of the table width."""
    kk_row_pt: float = 14.0
    kk_head_pt: tuple[float, float] = (26.0, 30.0)
    """Height of the column header row without and with group headers."""
    kk_cell_pt: float = 8.5
    kk_head_bold: bool = True
    kk_widths: tuple[float, ...] = ()
    """Factors on the relative column widths, by column (table 1 then table 2); empty: as designed."""
    kk_centred: tuple[str, ...] = ()
    """KK member fields whose cells are centred."""
    kk_gaps: tuple[int, int] = (40, 50)
    """Space above table 1 and above table 2."""
    kk_fit: bool = False
    """Member rows made lower where the page would not hold them, the header's second column kept clear
    of the first's values."""

    @classmethod
    def heldout(cls, seed: int) -> Geometry:
        """Layout variations of real printings the development corpus never shows."""
        rng = random.Random(f"heldout-geometry-{seed}")
        centred = tuple(f for f in KK_CENTRED_CANDIDATES if rng.random() < 0.5) if rng.random() < 0.6 else ()
        return cls(
            title=round(rng.uniform(0.8, 1.2), 3),
            indent=rng.randint(-60, 110), colon_em=round(rng.uniform(-2.5, 2.5), 2),
            value_em=round(rng.uniform(0.5, 1.8), 2), fit_colon=True, gap=round(rng.uniform(0.75, 1.2), 3),
            bold_name=rng.random() < 0.5, frame=(rng.randint(-40, 40), rng.randint(-3, 3)),
            sign_dx=rng.randint(-150, 120),
            kk_margins=(rng.randint(80, 220), rng.randint(80, 220), rng.randint(75, 180)),
            kk_middle=round(rng.uniform(0.5, 0.64), 3), kk_row_pt=round(rng.uniform(11.5, 17.0), 2),
            kk_head_pt=(round(rng.uniform(20.0, 32.0), 1), round(rng.uniform(27.0, 36.0), 1)),
            kk_cell_pt=round(rng.uniform(7.5, 9.8), 2), kk_head_bold=rng.random() < 0.7,
            kk_widths=tuple(round(rng.uniform(0.8, 1.25), 3) for _ in range(19)),
            kk_centred=centred, kk_gaps=(rng.randint(20, 90), rng.randint(25, 100)), kk_fit=True,
        )

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the default geometry (for the corpus manifest)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) != getattr(DEFAULT_GEOMETRY, f.name)}

    def colon(self, widest: float, points_px: int, em: float) -> float:
        """x of the colon from the label column: `em` body sizes (plus `colon_em`), past the widest label
        when `fit_colon`."""
        at = points_px * (em + self.colon_em) if self.colon_em else points_px * em
        return max(at, widest + points_px) if self.fit_colon else at


DEFAULT_GEOMETRY = Geometry()
