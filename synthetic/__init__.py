"""Synthetic population and clean scans of its documents, with the ground truth of each.

    population(families=, seed=)            -> capil.population/1 dict
    render_kk(family, seed=)                -> Rendered(png, truth)
    render_ijazah(person, jenjang=, seed=, **overrides)
    render_buku_nikah(suami, istri, tanggal_nikah=, nomor_akta=, kua=, wali=, seed=, overrides=)
    akta_number(tanggal_nikah, kua_code=, rng=, new_format=None) -> a number consistent with the date
    degrade(rendered, variant, seed=)       -> Degraded(data, extension, meta); variants in VARIANTS
    write_corpus(population_doc, out=, seed=, count=, variants=, look=, families=) -> manifest (documents + application sets)
    LAYOUT_FAMILIES, DEVELOPMENT_FAMILIES, resolve_families(spec), family_of_document(manifest entry)

Same arguments, same bytes: all randomness comes from the seed. `truth` is
shaped like the extraction JSON (`interfaces.md`) without confidence and bbox,
values canonical (`documents.md`). The renderers default to a plain look
(five font families, black ink); `varied=True`, the old KK layout
(`layout="old"`: wet signatures, stamp, NIP), ijazah security paper with an
overlapping stamp (`security=True`) and a stamped buku nikah are what the
corpus uses. Variants (`clean`, `scan`, `photo`, `pdf_text`, `pdf_image`)
take the clean page as input and leave the truth unchanged.

`heldout=True` (renderers) or `look="heldout"` (corpus) draws with `Style.heldout`:
font families disjoint from the development ones (`HELDOUT_FAMILIES`, each from a
Debian package) and another page geometry (`Geometry.heldout`: margins, label and
value columns, KK column widths and row heights, title sizes, spacing, bold names),
to measure the reader on documents it was not developed on.

Layout families (`_families`): each document type is printed in several named families of
different eras and issuers (`kk-2020`, `kk-old`, `kk-2010s`, `kk-2000s`, `kk-blanko`, `kk-2024`,
`kk-dua-baris`, `kk-legalisir`, `kk-susun`; `ijazah-sekolah`, `ijazah-sekolah-lama`, `ijazah-madrasah`,
`ijazah-kesetaraan`, `ijazah-tulis`, `ijazah-isian`, `ijazah-universitas`, `ijazah-fakultas`,
`ijazah-ptkin`, `ijazah-swasta`, `ijazah-dwibahasa`, `ijazah-bilingual`; `nikah-kutipan`, `nikah-lama`,
`nikah-kalimat`, `nikah-2020s`, `nikah-model-na`, `nikah-duplikat`, `nikah-surat`), each with its
own wording, unlabelled and in-sentence values and table rules. A corpus holds the development
families unless asked for others; every document records its `family`. `worn_scan` and `photocopy`
(`EXTRA_VARIANTS`) are variants a corpus has only when asked for.
"""

from ._buku_nikah import akta_number, render_buku_nikah
from ._canvas import FONT_FAMILIES, Rendered, Style, installed_families
from ._cases import CASE_KINDS, CasePlanner
from ._corpus import CORPUS_FORMAT, write_corpus
from ._degrade import ALL_VARIANTS, EXTRA_VARIANTS, VARIANTS, Degraded, degrade
from ._families import (
    DEVELOPMENT_FAMILIES,
    LAYOUT_FAMILIES,
    LayoutFamily,
    family_of_document,
    resolve_families,
)
from ._families import check_coverage as check_family_coverage
from ._ijazah import render_ijazah
from ._kk import KK_LAYOUTS, render_kk
from ._look import HELDOUT_FAMILIES, LOOKS, Geometry, missing_heldout_packages
from ._population import POPULATION_FORMAT, REFERENCE_DAY, population

__all__ = [
    "ALL_VARIANTS",
    "DEVELOPMENT_FAMILIES",
    "EXTRA_VARIANTS",
    "LAYOUT_FAMILIES",
    "LayoutFamily",
    "check_family_coverage",
    "family_of_document",
    "resolve_families",
    "CASE_KINDS",
    "CasePlanner",
    "CORPUS_FORMAT",
    "Degraded",
    "FONT_FAMILIES",
    "Geometry",
    "HELDOUT_FAMILIES",
    "KK_LAYOUTS",
    "LOOKS",
    "Style",
    "VARIANTS",
    "akta_number",
    "degrade",
    "installed_families",
    "missing_heldout_packages",
    "write_corpus",
    "POPULATION_FORMAT",
    "REFERENCE_DAY",
    "Rendered",
    "population",
    "render_buku_nikah",
    "render_ijazah",
    "render_kk",
]
