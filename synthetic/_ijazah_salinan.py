"""A legalised photocopy of an ijazah (family `ijazah-salinan`).

    render_ijazah_salinan(person, jenjang=, seed=, security=, varied=, heldout=, **overrides) -> Rendered

The certificate (a school print: current, lama, kesetaraan or isian; a university print: current, fakultas,
ptkin, swasta or bilingual; whichever prints the jenjang) photocopied as `_kk_salinan.legalised_copy` does
(turned, cut on one side, the lid's band, specks, punch holes, a fold) and legalised by the school or
university in violet or blue: a box stamp TELAH DILEGALISIR / SESUAI DENGAN ASLINYA with a handwritten
date, the legaliser's name and NIP, a signature and the round stamp, over the holder's data or over the
signature block. The truth is what the copy still shows (a value cut off is null).
"""

from __future__ import annotations

import random

import core

from ._canvas import Rendered
from ._kk_salinan import legalised_copy, legaliser_of

SCHOOL_PRINTS = ("current", "lama", "kesetaraan", "isian")
UNIVERSITY_PRINTS = ("current", "fakultas", "ptkin", "swasta", "bilingual")


def render_ijazah_salinan(person: core.Person, *, jenjang: str, seed: int, security: bool = False,
                          varied: bool = False, heldout: bool = False, **overrides: str | None) -> Rendered:
    """A legalised photocopy of `person`'s ijazah of `jenjang`, and what the copy still shows."""
    from ._ijazah import SCHOOL_LEVELS, render_ijazah

    rng = random.Random(f"ijazah-salinan-{seed}")
    prints = SCHOOL_PRINTS if jenjang.upper() in SCHOOL_LEVELS else UNIVERSITY_PRINTS
    original = render_ijazah(person, jenjang=jenjang, seed=seed, security=security, varied=varied, heldout=heldout,
                             layout=rng.choice(prints), **overrides)
    return legalised_copy(original, rng, stamp_over=rng.choice(("holder", "signature")),
                          legaliser=legaliser_of(rng, kk=False))
