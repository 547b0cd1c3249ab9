"""Old, unrecorded marriages in the synthetic population, and the applications that record them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random

import pytest

import core
import synthetic
from synthetic import CasePlanner

# sha256 of population(families=12, seed=4) as drawn before `old_marriages` existed: corpora drawn from a
# default population must not change under anyone's feet.
DEFAULT_12_SEED_4 = "1a2298b95bb862990ab6fc8e2b2145e03d2718de45c3629c5593989b6a75b18f"


def _families(doc: dict) -> list[core.Family]:
    return [core.Family.from_dict(f) for f in doc["keluarga"]]


def test_default_population_is_unchanged() -> None:
    text = json.dumps(synthetic.population(families=12, seed=4), ensure_ascii=False)
    assert hashlib.sha256(text.encode()).hexdigest() == DEFAULT_12_SEED_4
    assert synthetic.population(families=12, seed=4, old_marriages=0.0) == synthetic.population(families=12, seed=4)


def test_old_marriages_are_unrecorded_couples_married_1975_to_2010() -> None:
    families = _families(synthetic.population(families=10, seed=3, old_marriages=1.0))
    for family in families[1:]:
        couple = [p for p in family.anggota if p.status_hubungan in ("KEPALA KELUARGA", "ISTRI")]
        assert [p.status_perkawinan for p in couple] == ["KAWIN BELUM TERCATAT"] * 2
        assert all(p.tanggal_perkawinan is None and p.no_akta_perkawinan is None for p in couple)
        children = [dt.date.fromisoformat(p.tanggal_lahir) for p in family.anggota if p.status_hubungan == "ANAK"]
        head_born = dt.date.fromisoformat(couple[0].tanggal_lahir)
        assert all(c > head_born + dt.timedelta(days=22 * 365) for c in children)
        assert all(c > dt.date(1975, 1, 1) for c in children)
    assert families[0].anggota[0].status_perkawinan == "KAWIN TERCATAT"  # tests rely on the first family


def test_share_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        synthetic.population(families=3, seed=1, old_marriages=1.5)


def test_planner_marries_the_unrecorded_couple_before_2011() -> None:
    families = _families(synthetic.population(families=8, seed=5, old_marriages=1.0))
    planner = CasePlanner(families, random.Random("old"))
    for _ in range(6):
        plan = planner.plan("genuine_perkawinan")
        args = plan.documents[1].args
        family = next(f for f in families if plan.subject in f.anggota)
        assert {args["suami"].nik, args["istri"].nik} <= {p.nik for p in family.anggota}
        married = dt.date.fromisoformat(args["tanggal_nikah"])
        assert dt.date(1975, 1, 1) <= married < dt.date(2011, 1, 1)
        for spouse in (args["suami"], args["istri"]):
            assert married >= dt.date.fromisoformat(spouse.tanggal_lahir) + dt.timedelta(days=19 * 365)
        assert plan.status == "approved" and args["overrides"] == {}


def test_tampered_old_book_names_a_namesake_born_another_day() -> None:
    families = _families(synthetic.population(families=8, seed=5, old_marriages=1.0))
    plan = CasePlanner(families, random.Random("old")).plan("spouse_nik_mismatch")
    role = "istri" if plan.subject.jenis_kelamin == "PEREMPUAN" else "suami"
    overrides = plan.documents[1].args["overrides"]
    assert overrides[f"{role}.tanggal_lahir"] != plan.subject.tanggal_lahir
    assert overrides[f"{role}.nik"] != plan.subject.nik
    assert plan.status == "needs_review"


def test_default_population_still_marries_singles() -> None:
    families = _families(synthetic.population(families=8, seed=5))
    plan = CasePlanner(families, random.Random("new")).plan("genuine_perkawinan")
    assert plan.subject.status_perkawinan == "BELUM KAWIN"
