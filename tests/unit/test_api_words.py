"""Masking a NIK or a No. KK for display: one function each in api.words, the same everywhere it is shown."""

from __future__ import annotations

from api import words
from tests.fixtures.accounts import log_in
from tests.fixtures.api import waiting_application

NO_KK = "7401051203080012"  # the test population's family of the subject


def test_a_no_kk_keeps_its_first_and_last_four_digits():
    assert words.mask_no_kk(NO_KK) == "7401••••••••0012"
    assert words.mask_no_kk("74010512") == "74010512"  # too short to hide anything by this rule
    assert words.mask_no_kk("") is None and words.mask_no_kk(None) is None
    assert words.mask_nik("7401050102030003") == "740105••••••0003"


def test_the_review_page_masks_the_no_kk_as_the_qr_page_does(api_client, api_services):
    app_id = waiting_application(api_services)
    html = log_in(api_client, api_services, "siti", role="verifikator").get(f"/review/{app_id}").text
    assert "<th>Nomor KK</th><td>7401••••••••0012</td>" in html
    assert NO_KK not in html and "740105••••••0012" not in html
