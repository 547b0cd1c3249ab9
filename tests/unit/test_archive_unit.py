"""Small pure parts of signing and the archive: levels, fingerprints, masking, the store fake's locks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import core
import signing
import storage
from casework import mask_name
from tests.unit.test_signing_render import FAMILY


@pytest.mark.parametrize(("text", "level"), [("B-LTA", "B-LTA"), ("b_lt", "B-LT"), ("T", "B-T"), (" b-b ", "B-B")])
def test_pades_level_parse(text: str, level: str) -> None:
    assert signing.PadesLevel.parse(text) == signing.PadesLevel(level)


def test_pades_level_order_and_refusal() -> None:
    ranks = [lv.rank for lv in signing.PadesLevel]
    assert ranks == sorted(ranks) and signing.PadesLevel.B_LTA.rank > signing.PadesLevel.B_B.rank
    with pytest.raises(ValueError):
        signing.PadesLevel.parse("B-X")


def test_fingerprint_is_deterministic_and_follows_the_record() -> None:
    day = dt.date(2024, 5, 17)
    fp = signing.document_fingerprint(FAMILY, document_id="A-1", issued_on=day)
    assert fp == signing.document_fingerprint(FAMILY, document_id="A-1", issued_on=day)
    assert len(fp) == 12 and int(fp, 16) >= 0
    changed = core.Family(**{**FAMILY.__dict__, "anggota": (
        FAMILY.anggota[0].with_changes({"pendidikan": "STRATA II"}), *FAMILY.anggota[1:])})
    assert signing.document_fingerprint(changed, document_id="A-1", issued_on=day) != fp
    assert signing.document_fingerprint(FAMILY, document_id="A-2", issued_on=day) != fp
    url = signing.verification_url("https://capil.example.go.id/", document_id="A 1", fingerprint=fp)
    assert url == f"https://capil.example.go.id/v/A%201?h={fp}"


def test_render_is_deterministic_with_the_url_in_the_keywords() -> None:
    kwargs: dict[str, Any] = dict(document_id="A-1", issued_on=dt.date(2024, 5, 17),
                                  verify_url="http://x/v/A-1?h=abc", kepala_dinas="X", nip="1")
    pdf = signing.render_kk_pdf(FAMILY, **kwargs)
    assert pdf == signing.render_kk_pdf(FAMILY, **kwargs)
    assert b"http://x/v/A-1?h=abc" in pdf


@pytest.mark.parametrize(("name", "masked"), [
    ("LA ODE MUHAMMAD RAHMAN", "LA O** M******* R*****"),
    ("WA ODE SITI AMINAH", "WA O** S*** A*****"),
    ("", "-"),
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_memory_store_fake_follows_the_lock_rules() -> None:
    store = storage.MemoryObjectStore()
    store.ensure_bucket("a")
    obj = store.put("a", "k", b"x", retain_days=1)
    until = store.retention(obj).retain_until
    assert until is not None
    with pytest.raises(core.Conflict):
        store.set_retention(obj, until=until - dt.timedelta(hours=1))
    with pytest.raises(core.Conflict):
        store.delete_bucket("a")
    free = store.put("a", "h", b"y")
    store.set_legal_hold(free, on=True)
    with pytest.raises(core.Conflict):
        store.delete_version(free)
    store.set_legal_hold(free, on=False)
    store.delete_version(free)
