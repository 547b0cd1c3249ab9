"""The review page in a real browser: Debian's chromium driven by Playwright, the app served by a live uvicorn.

Nothing is downloaded: Playwright launches the system chromium (`scripts/setup.sh` installs it).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from api import _review, get_services
from api import app as http_app
from casework import page_manifests
from flows import process_application
from tests.fixtures.accounts import PASSWORD, add_staff
from tests.integration.review_support import file_misspelled_application

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def live_app(pipeline) -> Iterator[str]:
    """The API on a free port (uvicorn in a thread) over the pipeline's services."""
    http_app.dependency_overrides[get_services] = lambda: pipeline
    server = uvicorn.Server(uvicorn.Config(http_app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        http_app.dependency_overrides.clear()


def test_review_page_shows_the_box_over_the_field_and_highlights_it_on_click(pipeline, live_app, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh"
    add_staff(pipeline, "verifikator-uji", "verifikator", full_name="VERIFIKATOR UJI")
    app_id, _ = file_misspelled_application(pipeline)
    assert process_application(app_id) == "needs_review"
    app = pipeline.applications.get(app_id)
    index = next(i for i, f in enumerate(app.findings) if f.code == "NAME_MISMATCH" and f.document == "ijazah")
    stored = page_manifests(pipeline, app_id)["ijazah"]["pages"][0]
    bbox = app.extractions["ijazah"]["fields"]["nama_lengkap"]["bbox"]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{live_app}/review")  # not logged in: the login page, then back to the queue
            expect(page).to_have_url(f"{live_app}/login?next=/review")
            page.get_by_label("Nama pengguna").fill("verifikator-uji")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            expect(page).to_have_url(f"{live_app}/review")
            expect(page.locator("nav.staff")).to_contain_text("VERIFIKATOR UJI")
            cookie = next(c for c in context.cookies() if c["name"] == "capil_session")
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            page.locator(f'tr[data-id="{app_id}"]').get_by_role("link", name="Periksa").click()
            expect(page).to_have_url(f"{live_app}/review/{app_id}")
            image = page.locator(f'.card[data-id="{app_id}"] figure[data-document="ijazah"] img')
            image.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(),
                                   timeout=15_000)
            assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [stored["width"], stored["height"]]

            box = page.locator(f'rect[data-finding="{app_id}-{index}"]')
            expect(box).to_be_visible()
            shown, drawn = image.bounding_box(), box.bounding_box()
            assert shown and drawn
            # the outline goes around where the field's words (bbox, normalized page px) are displayed, close to them
            k = stored["scale"] * shown["width"] / stored["width"]
            x0, y0, x1, y1 = (shown["x"] + bbox[0] * k, shown["y"] + bbox[1] * k,
                              shown["x"] + bbox[2] * k, shown["y"] + bbox[3] * k)
            margin = max(_review.PAD, (bbox[3] - bbox[1]) * stored["scale"] * 0.25) * shown["width"] / stored["width"] + 2
            assert x0 - margin <= drawn["x"] <= x0 + 1 and y0 - margin <= drawn["y"] <= y0 + 1, (drawn, x0, y0)
            assert x1 - 1 <= drawn["x"] + drawn["width"] <= x1 + margin, (drawn, x1)
            assert y1 - 1 <= drawn["y"] + drawn["height"] <= y1 + margin, (drawn, y1)
            assert shown["x"] <= drawn["x"] and drawn["x"] + drawn["width"] <= shown["x"] + shown["width"] + 1
            assert shown["y"] <= drawn["y"] and drawn["y"] + drawn["height"] <= shown["y"] + shown["height"] + 1
            assert app.findings[index].message in (box.locator("title").text_content() or "")

            row = page.locator(f'tr[data-finding="{app_id}-{index}"]')
            expect(box).not_to_have_class("box mismatch active")
            row.click()
            expect(row).to_have_class("mismatch active")
            expect(box).to_have_class("box mismatch active")
            assert box.evaluate("r => parseFloat(getComputedStyle(r).strokeWidth)") == 5  # drawn thicker
            page.screenshot(path=str(tmp_path / "review.png"), full_page=True)

            # the decision goes out with the session's CSRF token, in the logged-in verifikator's name
            form = page.locator("form.reject")
            form.get_by_label("Alasan penolakan (wajib)").select_option("tidak_sesuai")
            form.get_by_label("Keterangan untuk pemohon").fill("ijazah tidak sesuai")
            form.get_by_label("Saya yakin menolak permohonan ini").check()
            page.once("dialog", lambda dialog: dialog.accept())
            form.get_by_role("button", name="Tolak").click()
            expect(page.locator("section.outcome")).to_contain_text("Ditolak")
            page.get_by_role("button", name="Keluar").click()
            expect(page).to_have_url(f"{live_app}/login?keluar=1")
            expect(page.locator("body")).to_contain_text("Anda telah keluar.")
        finally:
            browser.close()
    reads = [e for e in pipeline.audit.entries(actor="verifikator-uji") if e["action"] == "application.page_image"]
    assert {(e["subject"], e["details"]["document"]) for e in reads} >= {(app_id, "ijazah"), (app_id, "kk")}
    decided = pipeline.applications.get(app_id)
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        "rejected", "verifikator-uji", "Dokumen tidak sesuai dengan data kependudukan. ijazah tidak sesuai")
