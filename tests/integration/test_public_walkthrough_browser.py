"""Issue #15's people's side in a real browser (Debian's chromium, Playwright, a live uvicorn):

- an applicant on a 390 px phone reads the service standard, files a genuine change through the upload
  page; the network drops the first send, the answer to the second is lost to a server error after it
  was filed, and "Coba kirim lagi" files nothing twice; the tracking code and status link are shown and
  kept; the approval is told by e-mail (an SMTP sink); the status link leads to the signed KK,
  downloaded and verified;
- a second change for the same family supersedes that KK; an arsip user finds it by the applicant's
  tracking code, reads why and by which application it was superseded, and downloads it; the QR page
  says ASLI, SUDAH DIGANTI;
- an anonymous browser is sent to the login from the archive desk and the queue (the verifikator
  walk-through checks the other staff pages).

Screenshots of every step are kept in the test's tmp dir (and copied to $CAPIL_SHOTS when set).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import signing
import synthetic
from api import app as http_app
from api import get_flow_starter
from casework import file_with_access
from core import ChangeType, DocumentType, Family, Person, Status, pendidikan_rank
from flows import finalize_application, process_application
from tests.fixtures.accounts import PASSWORD, add_staff
from tests.fixtures.api import RecordingStarter
from tests.fixtures.smtp import SmtpSink, smtp_server
from tests.integration.test_review_browser import live_app  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SEED = 7


def _family_with_two_adults_below_s1(pipeline) -> tuple[Family, Person, Person]:
    doc = synthetic.population(families=4, seed=SEED)
    pipeline.population.import_population(doc)
    today = dt.date.today()
    for f in doc["keluarga"]:
        adults = [Person.from_dict(p) for p in f["anggota"]
                  if (today - dt.date.fromisoformat(p["tanggal_lahir"])).days > 20 * 365
                  and pendidikan_rank(p["pendidikan"]) < pendidikan_rank("DIPLOMA IV/STRATA I")]
        if len(adults) >= 2:
            return Family.from_dict(f), adults[0], adults[1]
    raise AssertionError("no family with two adults below S1 in the synthetic population")


class StarterFailingOnce(RecordingStarter):
    """Starts nothing; the first start fails, as a Prefect server that is down would, after filing."""

    failed = 0

    def start(self, deployment: str, application_id: str) -> str:
        if not self.failed:
            self.failed += 1
            raise RuntimeError("the Prefect API did not answer")
        return super().start(deployment, application_id)


def _approved(pipeline, app_id: str) -> None:
    """Process the application; a genuine one a verifikator is asked about is approved as they would."""
    if process_application(app_id) == Status.NEEDS_REVIEW:
        pipeline.applications.record_review(app_id, approve=True, verifikator="verifikator-uji", note="dicek")
        finalize_application(app_id)
    assert pipeline.applications.get(app_id).status == Status.APPROVED


@pytest.fixture
def mail(pipeline, monkeypatch) -> Iterator[SmtpSink]:
    """The pipeline sends the applicants' notices to an SMTP sink."""
    sink = smtp_server()
    monkeypatch.setattr(pipeline, "settings", dataclasses.replace(
        pipeline.settings, smtp_host="127.0.0.1", smtp_port=sink.server_address[1], smtp_from="dukcapil@contoh.id"))
    yield sink
    sink.shutdown()
    sink.server_close()


def test_an_applicant_files_on_a_phone_and_the_archive_finds_the_superseded_kk(pipeline, live_app, mail,  # noqa: F811
                                                                               tmp_path):
    from playwright.sync_api import expect, sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run scripts/setup.sh"
    starter = StarterFailingOnce()
    http_app.dependency_overrides[get_flow_starter] = lambda: starter  # the test runs the flows itself
    shots = tmp_path / "screenshots"
    shots.mkdir()
    family, first, second = _family_with_two_adults_below_s1(pipeline)
    kk = tmp_path / "kk.png"
    kk.write_bytes(synthetic.render_kk(family, seed=SEED).png)
    ijazah = tmp_path / "ijazah.png"
    ijazah.write_bytes(synthetic.render_ijazah(first, jenjang="S1", seed=SEED).png)
    add_staff(pipeline, "arsip-uji", "arsip", full_name="ARSIP UJI")
    errors: list[str] = []

    def watch(page):  # type: ignore[no-untyped-def]
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and not re.search(
                "ERR_INTERNET_DISCONNECTED|status of (500|422)", m.text) else None)  # the ones this test causes
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status == 404 else None)
        return page

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        try:
            # 1. the applicant, on a phone: the service standard first, then the form
            phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = watch(phone.new_page())
            page.goto(f"{live_app}/")
            standard = page.locator("section.standard")
            expect(standard).to_contain_text("Gratis")
            expect(standard).to_contain_text("paling lama 1 hari kerja")
            expect(page.locator(".office")).to_have_text(pipeline.settings.office_name)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=str(shots / "01-unggah-standar.png"), full_page=True)
            expect(page.locator('fieldset[data-slot="buku_nikah"]')).to_be_hidden()  # pendidikan: KK + ijazah
            page.get_by_label("Jenis perubahan").select_option("koreksi_biodata")
            expect(page.get_by_label("Tanggal lahir yang benar")).to_have_attribute("type", "date")
            page.get_by_label("Jenis perubahan").select_option("pendidikan")
            expect(page.locator("fieldset.corrections")).to_be_hidden()

            page.get_by_label("NIK", exact=True).fill(first.nik)
            page.get_by_label("E-mail (tidak wajib)").fill("pemohon@contoh.id")
            page.locator("#file-kk").set_input_files(str(kk))
            wrong = tmp_path / "catatan.txt"
            wrong.write_text("bukan pindaian")
            page.locator("#file-ijazah").set_input_files(str(wrong))  # checked before anything is sent
            expect(page.locator('[data-error-for="ijazah"]')).to_have_text(
                "Jenis berkas tidak didukung. Unggah PNG, JPEG, TIFF, WebP atau PDF.")
            page.locator("#file-ijazah").set_input_files(str(ijazah))
            expect(page.locator('[data-error-for="ijazah"]')).to_be_hidden()

            # 2. the network drops the first send; the second is filed but its answer is lost to a server
            #    error; "Coba kirim lagi" each time, with the same Idempotency-Key: one application
            sent: list[str] = []

            def network_down_once(route):  # type: ignore[no-untyped-def]
                sent.append(route.request.headers["idempotency-key"])
                if len(sent) == 1:
                    route.abort("internetdisconnected")
                else:
                    route.continue_()

            page.route("**/api/applications", network_down_once)
            page.get_by_role("button", name="Kirim permohonan").click()
            expect(page.locator("#form-error")).to_contain_text("Koneksi terputus")
            expect(page.get_by_role("button", name="Coba kirim lagi")).to_be_visible()
            expect(page.get_by_role("button", name="Kirim permohonan")).to_be_enabled()
            assert pipeline.applications.list() == []
            page.screenshot(path=str(shots / "02-koneksi-terputus.png"), full_page=True)
            page.get_by_role("button", name="Coba kirim lagi").click()
            expect(page.locator("#form-error")).to_contain_text("gangguan pada server")
            assert len(pipeline.applications.list()) == 1 and starter.failed == 1  # filed, answered 500
            page.get_by_role("button", name="Coba kirim lagi").click()
            expect(page.locator("#done")).to_be_visible()
            assert len(sent) == 3 and len(set(sent)) == 1  # the same Idempotency-Key each time
            (filed,) = pipeline.applications.list()
            code = pipeline.access.tracking_code(filed.id)
            assert code and re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
            expect(page.locator("#code")).to_have_text(code)
            link = page.locator("#link")
            expect(link).to_have_attribute("href", re.compile(rf"^/permohonan/{filed.id}\?token=cap_"))
            page.screenshot(path=str(shots / "03-diterima.png"), full_page=True)

            # 3. processed (the flow, as the deployment would run it): approved, signed, archived
            _approved(pipeline, filed.id)
            assert mail.arrived.wait(10) and mail.received[-1]["To"] == "pemohon@contoh.id"  # told by e-mail
            assert mail.received[-1]["Subject"] == f"Permohonan {code} disetujui: KK baru siap diunduh"
            page.goto(f"{live_app}/")  # kept on this device
            expect(page.locator("#kept")).to_contain_text(code)
            page.locator("#kept").get_by_role("link", name=code).click()
            expect(page.locator("#status")).to_have_text("Disetujui")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.screenshot(path=str(shots / "04-status-disetujui.png"), full_page=True)
            with page.expect_download() as download:
                page.get_by_role("link", name=re.compile("Unduh KK baru")).click()
            pdf = Path(download.value.path()).read_bytes()
            archived = pipeline.applications.get(filed.id).document
            assert archived is not None and hashlib.sha256(pdf).hexdigest() == archived.sha256
            assert signing.verify_pdf(pdf, trust_roots=pipeline.trust_roots).to_dict()["valid"] is True
            phone.close()

            # 4. a second change for the family supersedes that KK
            later = file_with_access(pipeline, nik=second.nik, change=ChangeType.PENDIDIKAN, requested={}, files={
                DocumentType.KK: kk.read_bytes(),
                DocumentType.IJAZAH: synthetic.render_ijazah(second, jenjang="S1", seed=SEED).png})
            pipeline.applications.record_decision(  # decided as the cross-check would (read above already)
                later.application_id, status=Status.APPROVED, findings=(),
                changes={second.nik: {"pendidikan": "DIPLOMA IV/STRATA I"}}, extractions={})
            assert finalize_application(later.application_id) == Status.APPROVED

            # 5. an anonymous browser is sent to the login from the staff pages
            anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
            page = watch(anonymous.new_page())
            for path in (f"/archive?application={code}", "/review?per_halaman=1"):
                page.goto(live_app + path)
                expect(page.get_by_role("heading", name="Masuk petugas")).to_be_visible()
                assert page.url.startswith(f"{live_app}/login?next=")
            assert page.request.get(f"{live_app}/api/archive/documents?application={code}").status == 401
            anonymous.close()

            # 6. the arsip user finds the superseded KK by the applicant's tracking code and downloads it
            desk = browser.new_context(viewport={"width": 1280, "height": 900})
            page = watch(desk.new_page())
            page.goto(f"{live_app}/archive")
            page.get_by_label("Nama pengguna").fill("arsip-uji")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            expect(page).to_have_url(f"{live_app}/archive")
            page.get_by_label("NIK", exact=True).fill(first.nik)
            page.get_by_label("No. KK").fill(family.no_kk)
            page.get_by_role("button", name="Cari").click()
            expect(page.locator("form.archive-search .error")).to_contain_text("Isi salah satu saja")
            page.screenshot(path=str(shots / "05-arsip-dua-kolom.png"), full_page=True)
            page.get_by_label("NIK", exact=True).fill("")
            page.get_by_label("No. KK").fill("")
            page.get_by_label("Nomor permohonan atau kode pelacakan").fill(code.lower())
            page.get_by_role("button", name="Cari").click()
            row = page.locator(f'tr[data-id="{filed.id}"]')
            expect(row.locator(".state")).to_have_text("TIDAK BERLAKU (DIGANTI)")
            expect(row.locator(".why .by")).to_have_text(f"{later.tracking_code} (pendidikan)")
            expect(row).to_contain_text(first.nama_lengkap)
            expect(row).to_contain_text(first.nik[:6] + "••••••" + first.nik[-4:])
            expect(page.locator(f'tr[data-id="{later.application_id}"] .state')).to_have_text("BERLAKU")
            page.screenshot(path=str(shots / "06-arsip-diganti.png"), full_page=True)
            with page.expect_download() as download:
                row.get_by_role("link", name="Unduh PDF").click()
            assert hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest() == archived.sha256
            desk.close()

            # 7. the QR printed on it: genuine, superseded
            qr = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
            page = watch(qr.new_page())
            page.goto(f"{live_app}/v/{filed.id}")
            expect(page.locator("#verdict strong")).to_have_text("ASLI, SUDAH DIGANTI")
            expect(page.locator("td.no-kk")).to_have_text(family.no_kk[:4] + "••••••••" + family.no_kk[-4:])
            assert page.locator("#verdict").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(230, 81, 0)"
            page.screenshot(path=str(shots / "07-qr-diganti.png"), full_page=True)
            page.goto(f"{live_app}/v/tidak-ada")
            expect(page.locator("#verdict strong")).to_have_text("TIDAK DIKENAL")
            page.screenshot(path=str(shots / "08-qr-tidak-dikenal.png"), full_page=True)
            qr.close()
        finally:
            browser.close()
    assert errors == [], errors  # no script refused by the CSP, no failed load
    assert len(pipeline.applications.list()) == 2
    reads = {(e["actor"], e["action"]) for e in pipeline.audit.entries(subject=filed.id)}
    assert ("arsip-uji", "archive.get") in reads and ("pemohon", "archive.get") in reads
    if os.environ.get("CAPIL_SHOTS"):
        out = Path(os.environ["CAPIL_SHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        for shot in sorted(shots.glob("*.png")):
            shutil.copy(shot, out / shot.name)
