"""Synthetic population and clean scans of its documents, with the ground truth of each.

    population(families=, seed=)            -> capil.population/1 dict
    render_kk(family, seed=)                -> Rendered(png, truth)
    render_ijazah(person, jenjang=, seed=, **overrides)
    render_buku_nikah(suami, istri, tanggal_nikah=, nomor_akta=, kua=, wali=, seed=, overrides=)

Same arguments, same bytes: all randomness comes from the seed. `truth` is
shaped like the extraction JSON (`interfaces.md`) without confidence and bbox,
values canonical (`documents.md`). Degradations (scanner noise, skew, phone
photos) are later work and will take the clean page as input.
"""

from ._buku_nikah import render_buku_nikah
from ._canvas import FONT_FAMILIES, Rendered
from ._ijazah import render_ijazah
from ._kk import render_kk
from ._population import POPULATION_FORMAT, REFERENCE_DAY, population

__all__ = [
    "FONT_FAMILIES",
    "POPULATION_FORMAT",
    "REFERENCE_DAY",
    "Rendered",
    "population",
    "render_buku_nikah",
    "render_ijazah",
    "render_kk",
]
