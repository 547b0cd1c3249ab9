"""One application from upload to signed archive, on real Tesseract, SeaweedFS, SQLite, Prefect and PKI."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
from fastapi.testclient import TestClient

import signing
import synthetic
from api import app as http_app
from api import get_flow_starter, get_services
from casework import fetch_verified_document, file_application
from core import ChangeType, DocumentType, Family, Person, Status, pendidikan_rank
from flows import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, finalize_application, process_application
from tests.fixtures.accounts import add_staff, log_in

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SEED = 7


def _subject(doc: dict, index: int = 0) -> tuple[Family, Person]:
    """An adult whose pendidikan is below S1, so an S1 ijazah is a real change."""
    today = dt.date.today()
    found = [
        (Family.from_dict(f), Person.from_dict(p))
        for f in doc["keluarga"]
        for p in f["anggota"]
        if (today - dt.date.fromisoformat(p["tanggal_lahir"])).days > 20 * 365
        and pendidikan_rank(p["pendidikan"]) < pendidikan_rank("DIPLOMA IV/STRATA I")
    ]
    return found[index]


@pytest.fixture
def population(pipeline):
    doc = synthetic.population(families=4, seed=SEED)
    pipeline.population.import_population(doc)
    return doc


def _file(pipeline, family, person, **ijazah_overrides) -> str:
    files = {
        DocumentType.KK: synthetic.render_kk(family, seed=SEED).png,
        DocumentType.IJAZAH: synthetic.render_ijazah(person, jenjang="S1", seed=SEED, **ijazah_overrides).png,
    }
    return file_application(pipeline, nik=person.nik, change=ChangeType.PENDIDIKAN, files=files, requested={})


def test_genuine_application_is_approved_changed_signed_and_archived(pipeline, population):
    family, person = _subject(population)
    app_id = _file(pipeline, family, person)

    assert process_application(app_id) == "approved"

    app = pipeline.applications.get(app_id)
    assert app.status == Status.APPROVED, [f.to_dict() for f in app.findings]
    assert app.findings == ()
    # the record changed as a new version; the old one is kept
    assert pipeline.population.person(person.nik).pendidikan == "DIPLOMA IV/STRATA I"
    history = pipeline.population.history(person.nik)
    assert [h["version"] for h in history] == [1, 2]
    assert history[1]["changed"] == {"pendidikan": [person.pendidikan, "DIPLOMA IV/STRATA I"]}
    assert history[1]["evidence_sha256"] == sorted(u.sha256 for u in app.uploads.values())
    # the archived object is what the database says it is, and its signature validates
    assert app.document is not None and app.document.bucket == pipeline.settings.archive_bucket
    archived = pipeline.store.get(app.document)
    assert hashlib.sha256(archived).hexdigest() == app.document.sha256
    verification = signing.verify_pdf(archived, trust_roots=pipeline.trust_roots)
    assert verification.valid and verification.timestamped, verification.problems
    assert fetch_verified_document(pipeline, app_id) == archived
    # uploads are kept unmodified in the intake bucket
    for doc_type, upload in app.uploads.items():
        assert upload.bucket == pipeline.settings.intake_bucket
        assert hashlib.sha256(pipeline.store.get(upload)).hexdigest() == upload.sha256, doc_type

    # idempotent: finalizing again gives no second change and no second document
    assert finalize_application(app_id) == "approved"
    again = pipeline.applications.get(app_id)
    assert again.document == app.document
    assert len(pipeline.population.history(person.nik)) == 2


def test_tampered_ijazah_waits_for_a_verifikator_then_finalizes(pipeline, population):
    family, person = _subject(population, index=1)
    misspelled = person.nama_lengkap.replace(person.nama_lengkap.split()[-1], person.nama_lengkap.split()[-1] + "X")
    app_id = _file(pipeline, family, person, nama_lengkap=misspelled)

    assert process_application(app_id) == "needs_review"
    app = pipeline.applications.get(app_id)
    name_findings = [f for f in app.findings if f.code == "NAME_MISMATCH" and f.document == "ijazah"]
    assert name_findings and name_findings[0].found == misspelled
    assert pipeline.population.person(person.nik).pendidikan == person.pendidikan  # untouched
    assert app.document is None

    pipeline.applications.record_review(app_id, approve=True, verifikator="VERIFIKATOR 1", note="ejaan")
    assert finalize_application(app_id) == "approved"
    assert pipeline.population.person(person.nik).pendidikan == "DIPLOMA IV/STRATA I"


def test_kk_uploaded_as_ijazah_is_rejected(pipeline, population):
    family, person = _subject(population)
    kk_png = synthetic.render_kk(family, seed=SEED).png
    app_id = file_application(pipeline, nik=person.nik, change=ChangeType.PENDIDIKAN,
                              files={DocumentType.KK: kk_png, DocumentType.IJAZAH: kk_png}, requested={})
    assert process_application(app_id) == "rejected"
    codes = {f.code for f in pipeline.applications.get(app_id).findings}
    assert codes == {"WRONG_DOCUMENT_TYPE"}
    assert pipeline.population.person(person.nik).pendidikan == person.pendidikan


class InProcessStarter:
    """Runs the flow inside the request: the Prefect test server has no runner serving deployments."""

    def check(self, deployment: str) -> None:
        assert deployment in (PROCESS_DEPLOYMENT, FINALIZE_DEPLOYMENT)

    def start(self, deployment: str, application_id: str) -> str:
        flow = process_application if deployment == PROCESS_DEPLOYMENT else finalize_application
        return flow(application_id)


@pytest.fixture
def client(pipeline):
    http_app.dependency_overrides[get_services] = lambda: pipeline
    http_app.dependency_overrides[get_flow_starter] = InProcessStarter
    with TestClient(http_app) as c:
        yield c
    http_app.dependency_overrides.clear()


def _settled(client, status_url: str) -> dict:
    """The application's status once its run has decided it. The API waits at most `START_WAIT_S` for the
    (here in-process) run and then answers 202 while the run goes on, so on a busy machine the first read
    can still say `processing`; poll, with a liveness bound, not a timing assertion."""
    deadline = time.monotonic() + 180
    while True:
        body = client.get(status_url).json()
        if body["status"] not in ("received", "processing") or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def test_http_upload_status_and_document(client, pipeline, population):
    family, person = _subject(population)
    files = {
        "kk": ("kk.png", synthetic.render_kk(family, seed=SEED).png, "image/png"),
        "ijazah": ("ijazah.png", synthetic.render_ijazah(person, jenjang="S1", seed=SEED).png, "image/png"),
    }
    r = client.post("/api/applications", data={"nik": person.nik, "jenis_perubahan": "pendidikan"}, files=files)
    assert r.status_code == 202, r.text
    app_id, token = r.json()["id"], r.json()["status_token"]
    assert r.headers["location"] == f"/api/applications/{app_id}" and r.json()["tracking_code"]
    assert client.get(f"/api/applications/{app_id}").status_code == 401  # the applicant's link carries the token
    body = _settled(client, r.json()["status_url"])
    assert body["status"] == "approved"
    assert set(body["timings"]) == {"received_at", "decided_at", "archived_at"}
    pdf = client.get(f"/api/applications/{app_id}/document", headers={"Authorization": f"Bearer {token}"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == body["document"]["sha256"]
    verified = client.post("/api/verify", files={"file": ("kk.pdf", pdf.content, "application/pdf")}).json()
    assert verified["valid"] is True
    qr = client.get(f"/v/{app_id}").json()
    assert qr["status"] == "active" and person.nama_lengkap not in str(qr)


def test_http_bad_input_is_a_4xx_with_code_and_indonesian_message(client, pipeline, population):
    family, person = _subject(population)
    before = len(pipeline.applications.list())
    text = {"kk": ("kk.txt", b"just text", "text/plain"), "ijazah": ("i.txt", b"more text", "text/plain")}
    r = client.post("/api/applications", data={"nik": person.nik, "jenis_perubahan": "pendidikan"}, files=text)
    assert r.status_code == 415
    assert r.json()["code"] == "UNSUPPORTED_FILE" and "Unggah" in r.json()["message"]

    png = synthetic.render_kk(family, seed=SEED).png
    r = client.post("/api/applications", data={"nik": "7401059999990001", "jenis_perubahan": "pendidikan"},
                    files={"kk": ("kk.png", png, "image/png"), "ijazah": ("i.png", png, "image/png")})
    assert (r.status_code, r.json()["code"]) == (404, "UNKNOWN_NIK")

    r = client.post("/api/applications", data={"nik": person.nik, "jenis_perubahan": "pendidikan"},
                    files={"kk": ("kk.png", png, "image/png")})
    assert r.status_code == 422 and "ijazah" in r.json()["message"]
    assert len(pipeline.applications.list()) == before  # nothing half-written

    assert client.get("/api/applications/no-such-application").status_code == 401  # no account: nothing said
    missing = log_in(client, pipeline, "budi", role="arsip").get("/api/applications/no-such-application")
    assert (missing.status_code, missing.json()["code"]) == (404, "UNKNOWN_APPLICATION")


def test_http_verifikator_queue_and_decision(client, pipeline, population):
    family, person = _subject(population, index=1)
    wrong_birth = "1999-01-01" if person.tanggal_lahir != "1999-01-01" else "1998-01-01"
    files = {
        "kk": ("kk.png", synthetic.render_kk(family, seed=SEED).png, "image/png"),
        "ijazah": ("ijazah.png", synthetic.render_ijazah(person, jenjang="S1", seed=SEED,
                                                         tanggal_lahir=wrong_birth).png, "image/png"),
    }
    r = client.post("/api/applications", data={"nik": person.nik, "jenis_perubahan": "pendidikan"}, files=files)
    app_id = r.json()["id"]
    assert _settled(client, r.json()["status_url"])["status"] == "needs_review"
    r = client.post(f"/api/applications/{app_id}/decision", json={"approve": True, "verifikator": "SIAPA SAJA"})
    assert r.status_code == 401  # a decision needs a logged-in verifikator, not a name in the body
    add_staff(pipeline, "siti", "verifikator", full_name="SITI (199001012015032001)")
    log_in(client, pipeline, "siti")
    queue = client.get("/api/applications", params={"status": "needs_review"}).json()
    assert [a["id"] for a in queue] == [app_id]
    finding = next(f for f in queue[0]["findings"] if f["code"] == "BIRTH_DATE_MISMATCH")
    assert (finding["expected"], finding["found"]) == (person.tanggal_lahir, wrong_birth)
    assert app_id in client.get("/review").text
    page = client.get(f"/review/{app_id}")
    assert finding["message"] in page.text and "Tanggal lahir" in page.text

    r = client.post(f"/api/applications/{app_id}/decision", json={"approve": "perhaps"})
    assert r.status_code == 422
    r = client.post(f"/api/applications/{app_id}/decision", json={"approve": True, "note": "ijazah asli dicek"})
    assert r.status_code == 200
    final = client.get(f"/api/applications/{app_id}").json()
    assert final["status"] == "approved" and final["decision"]["by"] == "siti"
    assert [f["code"] for f in final["findings"]] == [f["code"] for f in queue[0]["findings"]]  # kept
    assert pipeline.population.history(person.nik)[-1]["actor"] == "siti"  # the change is in her name
    r = client.post(f"/api/applications/{app_id}/decision", json={"approve": False})
    assert (r.status_code, r.json()["code"]) == (409, "CONFLICT")


def test_a_run_that_fails_sends_its_application_to_a_verifikator(client, pipeline, population, monkeypatch):
    family, person = _subject(population)
    app_id = _file(pipeline, family, person)

    class BrokenReader:
        """Starts like any reader; every read meets a bug."""

        def start(self) -> None:
            return None

        def upload_page(self, data: bytes, *, max_pixels: int, max_pages: int) -> bytes:
            raise RuntimeError("a bug in the reader")

        def __call__(self, *args, **kwargs):
            raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(pipeline, "reader", BrokenReader())
    with pytest.raises(RuntimeError, match="a bug in the reader"):
        process_application(app_id)

    app = pipeline.applications.get(app_id)
    assert app.status == Status.NEEDS_REVIEW
    assert [(f.code, f.severity) for f in app.findings] == [("PROCESSING_FAILED", "error")]
    assert app.changes == {} and pipeline.population.person(person.nik).pendidikan == person.pendidikan
    queue = log_in(client, pipeline, "siti", role="verifikator").get("/review")  # in the queue, explained
    assert queue.status_code == 200 and f'data-id="{app_id}"' in queue.text
    page = client.get(f"/review/{app_id}")
    assert page.status_code == 200 and "gangguan sistem" in page.text
