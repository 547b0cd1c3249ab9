"""Issue #15's verifikator walk-through in a real browser (Debian's chromium, Playwright, a live uvicorn):
/docs works without
internet; a tampered application reaches the queue; a verifikator logs in, opens its review page, sees what an
approval would change and the marked difference, rejects it with a reason; the applicant's status
page shows that reason. An anonymous browser is refused on every staff page.

Screenshots of every step are kept in the test's tmp dir (and copied to $CAPIL_SHOTS when set).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows import process_application
from tests.fixtures.accounts import PASSWORD, add_staff
from tests.integration.review_support import file_tampered_with_access
from tests.integration.test_review_browser import live_app  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

STAFF_PAGES = ("/review", "/review/{id}", "/review?status=decided", "/archive")


def test_a_verifikator_rejects_a_tampered_application_and_the_applicant_reads_why(
        pipeline, live_app, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh"
    shots = tmp_path / "screenshots"
    shots.mkdir()
    add_staff(pipeline, "verifikator-uji", "verifikator", full_name="VERIFIKATOR UJI")
    filed, misspelled = file_tampered_with_access(pipeline)
    app_id = filed.application_id
    assert process_application(app_id) == "needs_review"
    person = pipeline.population.person(pipeline.applications.get(app_id).nik)
    errors: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        try:
            # 1. anonymous: every staff page sends to the login, the staff API says 401
            anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
            page = anonymous.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status == 404 else None)
            page.goto(f"{live_app}/")  # the upload page's script is a file the CSP lets run
            expect(page.get_by_role("heading", name="Permohonan perubahan data kependudukan")).to_be_visible()
            assert page.evaluate("typeof newKey") == "function"
            for path in STAFF_PAGES:
                page.goto(live_app + path.format(id=app_id))
                expect(page).to_have_url(f"{live_app}/login?next=" + path.format(id=app_id).replace(
                    "?", "%3F").replace("=", "%3D"))
                expect(page.get_by_role("heading", name="Masuk petugas")).to_be_visible()
            page.screenshot(path=str(shots / "01-anonim-ditolak.png"), full_page=True)
            api = page.request.get(f"{live_app}/api/applications")
            assert api.status == 401 and api.json()["code"] == "UNAUTHENTICATED"
            # /docs needs nothing from another site: every request off this server is refused
            outside: list[str] = []
            anonymous.route(lambda url: not url.startswith(live_app),
                            lambda route: (outside.append(route.request.url), route.abort()))
            page.goto(f"{live_app}/docs")
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Capil", timeout=15_000)
            expect(page.locator(".swagger-ui .opblock-tag-section").first).to_be_visible()
            page.screenshot(path=str(shots / "00-docs-offline.png"))
            assert outside == [], outside
            anonymous.close()

            # 2. the verifikator logs in and finds it in the queue (oldest first, NIK masked)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{live_app}/review")
            page.get_by_label("Nama pengguna").fill("verifikator-uji")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            expect(page).to_have_url(f"{live_app}/review")
            row = page.locator(f'tr[data-id="{app_id}"]')
            expect(row).to_contain_text(person.nama_lengkap)
            expect(row).to_contain_text(person.nik[:6] + "••••••" + person.nik[-4:])
            expect(row).to_contain_text("Pendidikan")
            assert person.nik not in page.content()
            page.screenshot(path=str(shots / "02-antrean.png"), full_page=True)

            # 3. its review page: who, what would change, the marked difference, the scans with boxes
            row.get_by_role("link", name="Periksa").click()
            expect(page).to_have_url(f"{live_app}/review/{app_id}")
            page.screenshot(path=str(shots / "03-pemeriksaan-lengkap.png"), full_page=True)
            changes = page.locator("section.changes")
            expect(changes).to_contain_text("Yang akan berubah bila disetujui")
            expect(changes.locator("td.old")).to_have_text(person.pendidikan)
            expect(changes.locator("td.new")).to_have_text("DIPLOMA IV/STRATA I")
            finding = page.locator("section.findings tr", has_text="Nama pada dokumen").first
            expect(finding).to_contain_text("Nama lengkap")
            expect(finding.locator("td.found mark")).to_have_text("X")  # the altered letter, marked
            assert (finding.locator("td.found").text_content() or "") == misspelled
            expect(page.locator("section.who")).to_contain_text(person.nama_lengkap)
            image = page.locator('figure[data-document="ijazah"] img')
            image.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(),
                                   timeout=15_000)
            expect(page.locator('figure[data-document="ijazah"] rect.box').first).to_be_visible()
            page.screenshot(path=str(shots / "03-pemeriksaan-lengkap.png"), full_page=True)
            page.locator("h1").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "04-pemeriksaan-atas.png"))

            # what the system read, on request
            read = page.locator("section.reads details", has_text="Ijazah")
            read.locator("summary").click()
            expect(read.locator("tr", has_text="Nama lengkap")).to_contain_text(misspelled)
            read.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "04b-hasil-baca.png"))
            read.locator("summary").click()

            # 4. a rejection needs a reason (the browser refuses the form without one), then asks once more
            form = page.locator("form.reject")
            form.get_by_label("Saya yakin menolak permohonan ini").check()
            form.get_by_role("button", name="Tolak").click()
            assert form.get_by_label("Alasan penolakan (wajib)").evaluate("s => !s.checkValidity()")
            assert pipeline.applications.get(app_id).status == "needs_review"
            form.get_by_label("Alasan penolakan (wajib)").select_option("diubah")
            form.get_by_label("Keterangan untuk pemohon").fill("Nama pada ijazah tampak diubah.")
            form.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "05-alasan-penolakan.png"))
            asked: list[str] = []

            def confirm(dialog):  # type: ignore[no-untyped-def]
                asked.append(dialog.message)
                dialog.accept()

            page.once("dialog", confirm)
            form.get_by_role("button", name="Tolak").click()
            expect(page.locator("section.outcome")).to_contain_text("Ditolak")
            assert asked and "Tolak permohonan ini?" in asked[0]
            reason = "Dokumen diduga diubah atau tidak asli. Nama pada ijazah tampak diubah."
            expect(page.locator("section.outcome .note")).to_have_text(reason)
            expect(page.locator("section.history")).to_contain_text("verifikator-uji")
            page.locator("h1").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "06-hasil.png"), full_page=True)

            # decided cases stay findable
            page.goto(f"{live_app}/review?status=decided")
            expect(page.locator(f'tr[data-id="{app_id}"]')).to_contain_text("Ditolak")
            page.screenshot(path=str(shots / "07-sudah-diputus.png"), full_page=True)
            context.close()

            # 5. the applicant, on a phone, opens the status link and reads the reason
            phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
            page = phone.new_page()
            page.goto(f"{live_app}/permohonan/{app_id}?token={filed.token}")
            expect(page.locator("#status")).to_have_text("Ditolak")
            expect(page.locator("section.outcome .reason")).to_have_text(reason)
            expect(page.locator("body")).to_contain_text(filed.tracking_code)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=str(shots / "08-status-pemohon.png"), full_page=True)
            phone.close()
        finally:
            browser.close()
    assert errors == [], errors  # no script refused by the CSP, no failed load
    decided = pipeline.applications.get(app_id)
    assert (decided.status, decided.decided_by, decided.decision_note) == ("rejected", "verifikator-uji", reason)
    if os.environ.get("CAPIL_SHOTS"):
        out = Path(os.environ["CAPIL_SHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        for shot in sorted(shots.glob("*.png")):
            shutil.copy(shot, out / shot.name)
