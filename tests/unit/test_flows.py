"""Both flows through Prefect's test harness, on fakes at the seams: every branch, and a failure in each stage.

The services are `casework.bootstrap` with a `MemoryObjectStore`, a B-B signer of the development PKI
(pyHanko signs for real; no TSA) and a stub reader that returns what the synthetic documents print,
read perfectly. The database is SQLite in a temporary directory. Nothing here needs Tesseract,
SeaweedFS or the PKI service.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from typing import Any, ClassVar, cast

import pytest

import casework
import core
import signing
import synthetic
from core import ChangeType, DocumentType, Status
from flows import finalize_application, process_application
from ocr import Transform
from storage import MemoryObjectStore

SEED = 7


@dataclasses.dataclass(frozen=True)
class _Reading:
    """What `ocr.read` returns, for a page whose printed values are known."""

    extraction: core.Extraction
    png: bytes
    transforms: tuple[Transform, ...] = (Transform(),)
    type_confidence: float = 1.0

    def page_image(self, number: int) -> bytes:
        return self.png


class StubReader:
    """Reads a synthetic page as its ground truth says, perfectly; `fail` makes one document type raise;
    `type_confidence` is how sure the type detection claims to be."""

    def __init__(self) -> None:
        self.truths: dict[str, dict[str, Any]] = {}
        self.fail: dict[DocumentType | None, Exception] = {}
        self.type_confidence = 1.0
        self.started = 0

    def page(self, rendered: synthetic.Rendered) -> bytes:
        self.truths[hashlib.sha256(rendered.png).hexdigest()] = rendered.truth
        return rendered.png

    def __call__(self, data: bytes, *, declared_type: DocumentType | None, **_limits: Any) -> _Reading:
        if declared_type in self.fail:
            raise self.fail[declared_type]
        truth = self.truths[hashlib.sha256(data).hexdigest()]
        if declared_type is not None and truth["document_type"] != declared_type:
            raise core.DocumentTypeMismatch(f"declared {declared_type}, looks like {truth['document_type']}")

        def values(d: dict[str, Any]) -> dict[str, core.FieldValue]:
            return {k: core.FieldValue(v, 1.0, 1) for k, v in d.items()}

        extraction = core.Extraction(DocumentType(truth["document_type"]), 1, "ocr", values(truth["fields"]),
                                     tuple(values(row) for row in truth.get("anggota", [])))
        return _Reading(extraction, data, type_confidence=self.type_confidence)

    def start(self) -> None:
        self.started += 1

    def upload_page(self, data: bytes, *, max_pixels: int, max_pages: int) -> bytes:
        return data  # the stub's pages are PNG already


@pytest.fixture
def reader() -> StubReader:
    return StubReader()


def _signer(pki: signing.DevPki, *, trust: signing.DevPki) -> signing.SignerConfig:
    return signing.SignerConfig(pkcs12=pki.signer_pkcs12, passphrase=pki.passphrase(), tsa_url=None,
                                level=signing.PadesLevel.B_B, trust_roots=(trust.root_cert,))


@pytest.fixture
def services(tmp_path, dev_pki: signing.DevPki, reader: StubReader, prefect_server: None):
    """Installs the services of one test: the development PKI's B-B signer unless given another."""
    made: list[casework.Services] = []

    def make(signer: signing.SignerConfig | None = None) -> casework.Services:
        settings = core.load_settings({}, data_dir=tmp_path / f"data{len(made)}", pades_level="B-B",
                                      kepala_dinas_nama=dev_pki.signer_name, kepala_dinas_nip=dev_pki.signer_nip)
        svc = casework.bootstrap(settings, store=MemoryObjectStore(), reader=cast(casework.Reader, reader),
                                 signer=signer or _signer(dev_pki, trust=dev_pki))
        svc.ensure_buckets()
        svc.population.import_population(POPULATION)
        casework.use_services(svc)
        made.append(svc)
        return svc

    yield make
    casework.use_services(None)
    for svc in made:
        svc.database.dispose()


@pytest.fixture
def svc(services) -> casework.Services:
    return services()


POPULATION = synthetic.population(families=4, seed=SEED)


def _learner() -> tuple[core.Family, core.Person]:
    """An adult below S1, so an S1 ijazah is a real change."""
    today = dt.date.today()
    for f in POPULATION["keluarga"]:
        family = core.Family.from_dict(f)
        for person in family.anggota:
            if ((today - dt.date.fromisoformat(person.tanggal_lahir)).days > 20 * 365
                    and core.pendidikan_rank(person.pendidikan) < core.pendidikan_rank("DIPLOMA IV/STRATA I")):
                return family, person
    raise AssertionError("no adult below S1 in the population")


def _file(svc: casework.Services, reader: StubReader, *, misspell: bool = False,
          kk_as_ijazah: bool = False) -> tuple[str, core.Person]:
    family, person = _learner()
    name = person.nama_lengkap + "X" if misspell else person.nama_lengkap
    kk = reader.page(synthetic.render_kk(family, seed=SEED))
    ijazah = kk if kk_as_ijazah else reader.page(
        synthetic.render_ijazah(person, jenjang="S1", seed=SEED, nama_lengkap=name))
    app_id = casework.file_application(svc, nik=person.nik, change=ChangeType.PENDIDIKAN,
                                       files={DocumentType.KK: kk, DocumentType.IJAZAH: ijazah},
                                       requested={"pendidikan": "DIPLOMA IV/STRATA I"})
    return app_id, person


def _archived_pdf(svc: casework.Services, app_id: str) -> bytes:
    return casework.fetch_verified_document(svc, app_id)


# --- process_application: every outcome ------------------------------------------------------------


def test_a_genuine_application_is_approved_changed_signed_and_archived(svc, reader):
    app_id, person = _file(svc, reader)
    assert process_application(app_id) == "approved"
    assert reader.started == 1  # the reader got ready (the cage loads) as the run marked its application
    app = svc.applications.get(app_id)
    assert app.status == Status.APPROVED and app.document is not None
    assert svc.population.person(person.nik).pendidikan == "DIPLOMA IV/STRATA I"
    assert [h["version"] for h in svc.population.history(person.nik)] == [1, 2]  # the old version kept
    issued = svc.issued.get(app_id)
    assert issued is not None and issued.status == "active" and issued.evidence is not None
    assert issued.details.level == "B-B" and issued.details.record_versions[person.nik] == 2
    pdf = _archived_pdf(svc, app_id)
    assert signing.fingerprint_in(pdf) == issued.details.fingerprint
    # page images for review were kept for both documents
    assert set(casework.page_manifests(svc, app_id)) == {"kk", "ijazah"}


def test_a_misspelled_name_goes_to_a_verifikator_and_changes_nothing(svc, reader):
    app_id, person = _file(svc, reader, misspell=True)
    assert process_application(app_id) == "needs_review"
    app = svc.applications.get(app_id)
    assert "NAME_MISMATCH" in {f.code for f in app.findings}
    assert app.document is None and svc.issued.get(app_id) is None
    assert svc.population.person(person.nik).pendidikan == person.pendidikan


def test_operations_see_the_application_the_outcome_and_the_findings_on_the_run(svc, reader):
    from prefect import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        TaskRunFilter,
        TaskRunFilterFlowRunId,
    )

    app_id, person = _file(svc, reader, misspell=True)
    state = process_application(app_id, return_state=True)
    assert (state.type.value, state.name, state.result()) == ("COMPLETED", "NeedsReview", "needs_review")
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
        tasks = client.read_task_runs(task_run_filter=TaskRunFilter(
            flow_run_id=TaskRunFilterFlowRunId(any_=[run.id])))
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
            any_=[run.id])))
    assert run.name == f"process-{app_id}"
    assert {"perubahan:pendidikan", "hasil:needs_review"} <= set(run.tags)
    # task runs for the reads only: the quick database steps are the flow's own, timed in its stage table
    assert sorted(t.name for t in tasks) == ["extract-ijazah", "extract-kk"]
    [findings] = artifacts  # one artifact per run: the findings and the stage times (issue #17)
    assert findings.key == f"findings-{app_id}"
    assert "NAME_MISMATCH" in str(findings.data) and "Nama" in str(findings.data)
    assert person.nama_lengkap not in str(findings.data) and person.nik not in str(findings.data)
    assert all(f"| {stage} |" in str(findings.data) for stage in ("mulai", "baca dokumen", "pemeriksaan silang"))


def test_the_wrong_document_is_rejected_with_its_reason(svc, reader):
    app_id, person = _file(svc, reader, kk_as_ijazah=True)
    assert process_application(app_id) == "rejected"
    findings = svc.applications.get(app_id).findings
    assert [(f.code, f.document) for f in findings] == [("WRONG_DOCUMENT_TYPE", "ijazah")]
    assert svc.population.person(person.nik).pendidikan == person.pendidikan


def test_a_wrong_type_detected_without_confidence_goes_to_review(svc, reader):
    reader.type_confidence = 0.7  # a title alone, none of its labels: not read with confidence
    app_id, person = _file(svc, reader, kk_as_ijazah=True)
    assert process_application(app_id) == "needs_review"
    app = svc.applications.get(app_id)
    assert ("DOCUMENT_NOT_READ", "ijazah") in [(f.code, f.document) for f in app.findings]
    assert svc.population.person(person.nik).pendidikan == person.pendidikan


def test_a_wrong_type_that_cannot_be_read_again_goes_to_review(svc, reader):
    reader.fail[None] = core.UnreadableDocument("no field of a kk could be read")  # the read without a type
    app_id, _ = _file(svc, reader, kk_as_ijazah=True)
    assert process_application(app_id) == "needs_review"
    [finding] = [f for f in svc.applications.get(app_id).findings if f.document == "ijazah"]
    assert finding.code == "DOCUMENT_NOT_READ" and "read again" in (finding.found or "")


def test_a_valid_file_we_could_not_read_goes_to_review_with_its_reason(svc, reader):
    """Not read is not absent: no text found on a valid image is our failure, a verifikator looks."""
    reader.fail[DocumentType.IJAZAH] = core.UnreadableDocument("no text found on any page")
    app_id, person = _file(svc, reader)
    assert process_application(app_id) == "needs_review"
    app = svc.applications.get(app_id)
    [finding] = [f for f in app.findings if f.document == "ijazah"]
    assert (finding.code, finding.found) == ("DOCUMENT_NOT_READ", "no text found on any page")
    assert svc.population.person(person.nik).pendidikan == person.pendidikan
    # the verifikator sees the upload itself as its page
    assert len(casework.page_manifest(svc, app_id, "ijazah")["pages"]) == 1
    assert casework.page_image(svc, app_id, "ijazah", 1).startswith(b"\x89PNG")


def test_a_file_that_is_no_usable_image_is_rejected_with_its_reason(svc, reader):
    reader.fail[DocumentType.IJAZAH] = core.UnsupportedFile("image data cannot be decoded")
    app_id, _ = _file(svc, reader)
    assert process_application(app_id) == "rejected"
    [finding] = svc.applications.get(app_id).findings
    assert (finding.code, finding.found) == ("DOCUMENT_UNREADABLE", "image data cannot be decoded")


def test_a_read_stopped_at_its_time_limit_is_the_offices_failure_not_the_applicants_file(svc, reader):
    """A read the cage stopped at its wall clock or CPU limit: PROCESSING_FAILED (review; the applicant is told
    the automatic check failed on our side and has nothing to do), never rejected, never "unreadable". Over
    the memory limit the file itself is too large to use (rejected), unless the declared-type read of a file
    that looked like another type got through and only the read again without a type did not (review)."""
    from api import words
    family, person = _learner()
    kk = reader.page(synthetic.render_kk(family, seed=SEED))  # rendered once, filed four times
    ijazah = reader.page(synthetic.render_ijazah(person, jenjang="S1", seed=SEED))
    for limit, declared, code in (("time", True, "PROCESSING_FAILED"), ("memory", True, "DOCUMENT_UNREADABLE"),
                                  ("cpu", False, "PROCESSING_FAILED"),
                                  ("memory", False, "DOCUMENT_NOT_READ")):
        reader.fail = {DocumentType.IJAZAH if declared else None: core.ResourceLimitExceeded(
            "reading the file took over 180 s; the reader was stopped", limit=limit)}
        app_id = casework.file_application(svc, nik=person.nik, change=ChangeType.PENDIDIKAN,
                                           files={DocumentType.KK: kk, DocumentType.IJAZAH: ijazah if declared else kk},
                                           requested={"pendidikan": "DIPLOMA IV/STRATA I"})
        readings = {t: casework.read_document(svc, app_id, t) for t in (DocumentType.KK, DocumentType.IJAZAH)}
        read = readings[DocumentType.IJAZAH]
        assert isinstance(read, core.Unreadable) and read.code == code, (limit, declared)
        status = casework.decide(svc, app_id, readings)
        assert status == (Status.REJECTED if code == "DOCUMENT_UNREADABLE" else Status.NEEDS_REVIEW), (limit, declared)
        assert svc.population.person(person.nik).pendidikan == person.pendidikan
        if code == "PROCESSING_FAILED":
            [finding] = [f for f in svc.applications.get(app_id).findings if f.document == "ijazah"]
            assert finding.code == code and "180 s" in (finding.found or "")
            assert "gangguan sistem" in finding.message and "terbaca" not in finding.message
            assert words.APPLICANT_ACTIONS[finding.code].startswith("Tidak perlu tindakan")
        if status == Status.NEEDS_REVIEW:  # closed, so that the same person can file again
            svc.applications.record_review(app_id, approve=False, verifikator="siti", note="uji")


def test_a_change_applied_meanwhile_by_another_application_writes_nothing_and_issues_nothing(svc, reader):
    """Two applications approved for the same change before either was applied: the second finds the
    record already changed, writes no empty version, issues no second KK, and ends rejected."""
    first, person = _file(svc, reader)
    assert process_application(first) == "approved"
    second = svc.applications.new_id()
    svc.applications.create(application_id=second, nik=person.nik, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={"pendidikan": "DIPLOMA IV/STRATA I"},
                            uploads=svc.applications.get(first).uploads)
    svc.applications.record_decision(second, status=Status.APPROVED, findings=(), extractions={},
                                     changes={person.nik: {"pendidikan": "DIPLOMA IV/STRATA I"}})
    assert finalize_application(second) == "rejected"
    app = svc.applications.get(second)
    assert [f.code for f in app.findings] == ["NOTHING_TO_CHANGE"] and app.document is None
    assert [h["application_id"] for h in svc.population.history(person.nik)] == [None, first]
    assert svc.issued.get(second) is None and svc.issued.get(first).status == "active"
    assert finalize_application(second) == "rejected"  # and again: still nothing


# --- a failure in each stage -----------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["read_document", "decide"])
def test_a_check_that_fails_for_good_sends_the_application_to_review(svc, reader, monkeypatch, stage):
    app_id, person = _file(svc, reader)
    monkeypatch.setattr(casework, stage, _broken(stage))
    with pytest.raises(RuntimeError, match=f"{stage} broke"):
        process_application(app_id)
    app = svc.applications.get(app_id)
    assert app.status == Status.NEEDS_REVIEW
    assert [f.code for f in app.findings] == ["PROCESSING_FAILED"]
    assert svc.population.person(person.nik).pendidikan == person.pendidikan


def test_a_run_that_cannot_even_start_leaves_the_application_received(svc, reader, monkeypatch):
    app_id, _ = _file(svc, reader)
    monkeypatch.setattr(casework, "start_processing", _broken("start_processing"))
    with pytest.raises(RuntimeError):
        process_application(app_id)
    assert svc.applications.get(app_id).status == Status.RECEIVED


@pytest.mark.parametrize("stage", ["apply_change", "issue_document", "archive_evidence", "record_issued"])
def test_finalize_failing_in_any_stage_can_be_run_again_and_changes_once(svc, reader, monkeypatch, stage):
    app_id, person = _file(svc, reader)
    working = getattr(casework, stage)
    monkeypatch.setattr(casework, stage, _broken(stage))
    with pytest.raises(RuntimeError, match=f"{stage} broke"):
        process_application(app_id)
    app = svc.applications.get(app_id)
    assert app.status == Status.PROCESSING and app.decided_at is not None  # approved, waiting for its document
    assert app.document is None

    monkeypatch.setattr(casework, stage, working)
    assert finalize_application(app_id) == "approved"
    assert finalize_application(app_id) == "approved"  # and again: nothing more happens
    assert [h["version"] for h in svc.population.history(person.nik)] == [1, 2]
    store = svc.store
    assert isinstance(store, MemoryObjectStore)
    bucket = store._buckets[svc.settings.archive_bucket].keys
    assert len(bucket[casework.document_key(app_id)]) == 1 and len(bucket[casework.evidence_key(app_id)]) == 1
    _archived_pdf(svc, app_id)


def test_a_service_that_does_not_answer_is_retried(svc, reader, monkeypatch):
    import flows.process
    from flows import _tasks

    app_id, _ = _file(svc, reader)
    working, calls = casework.issue_document, []

    def flaky(services: casework.Services, application_id: str) -> core.ArchivedKk:
        calls.append(application_id)
        if len(calls) == 1:
            raise core.ServiceUnavailable("TSA did not answer")
        return working(services, application_id)

    monkeypatch.setattr(casework, "issue_document", flaky)
    monkeypatch.setattr(flows.process, "issue_document", _tasks.issue_document.with_options(retry_delay_seconds=0))
    assert process_application(app_id) == "approved"
    assert calls == [app_id, app_id]


def test_a_broken_invariant_is_not_retried(svc, reader, monkeypatch):
    import flows.process
    from flows import _tasks

    app_id, _ = _file(svc, reader)
    calls = []

    def alarm(services: casework.Services, application_id: str) -> core.ArchivedKk:
        calls.append(application_id)
        raise core.IntegrityAlarm("archived document does not validate")

    monkeypatch.setattr(casework, "issue_document", alarm)
    monkeypatch.setattr(flows.process, "issue_document", _tasks.issue_document.with_options(retry_delay_seconds=0))
    with pytest.raises(core.IntegrityAlarm):
        process_application(app_id)
    assert calls == [app_id]


def test_a_document_that_does_not_validate_is_never_recorded(services, reader, dev_pki, tmp_path):
    other = signing.ensure_dev_pki(tmp_path / "other-pki")  # same names, other keys: not under our root
    svc = services(_signer(other, trust=dev_pki))
    app_id, _ = _file(svc, reader)
    with pytest.raises(core.IntegrityAlarm, match="does not validate"):
        process_application(app_id)
    assert svc.applications.get(app_id).document is None and svc.issued.get(app_id) is None


@pytest.mark.parametrize("misspell", [True, False])
def test_finalize_started_without_an_approval_changes_nothing(svc, reader, misspell):
    """Anyone who can start a run (Prefect's API, a script) cannot change the record: the change
    needs the application's recorded approval, checked in the same transaction."""
    app_id, person = _file(svc, reader, misspell=misspell)
    if misspell:
        assert process_application(app_id) == "needs_review"
    with pytest.raises(core.IntegrityAlarm, match="record change refused"):
        finalize_application(app_id)
    assert svc.population.person(person.nik).pendidikan == person.pendidikan
    assert svc.applications.get(app_id).document is None and svc.issued.get(app_id) is None
    assert svc.audit.entries()[-1]["action"] == "application.apply.refused"


def test_a_document_that_takes_too_long_fails_the_run_and_goes_to_review(svc, reader, monkeypatch):
    """The task's timeout ends the run and sends the application to a verifikator. (The reading thread
    itself is not interrupted: only a subprocess cage would stop the work; see issue #16.)"""
    import time

    import flows.process
    from flows import _tasks

    app_id, person = _file(svc, reader)

    def stuck(*args: Any, **kwargs: Any) -> Any:
        time.sleep(3)
        raise AssertionError("the timeout should have ended the task first")

    monkeypatch.setattr(casework, "read_document", stuck)
    monkeypatch.setattr(flows.process, "extract_document",
                        _tasks.extract_document.with_options(timeout_seconds=1, retries=0))
    with pytest.raises(TimeoutError):
        process_application(app_id)
    app = svc.applications.get(app_id)
    assert app.status == Status.NEEDS_REVIEW and [f.code for f in app.findings] == ["PROCESSING_FAILED"]
    assert svc.population.person(person.nik).pendidikan == person.pendidikan


def test_the_archive_audit_finds_a_missing_and_an_altered_object(svc, reader, caplog):
    import logging

    from flows import audit_archive

    first, _ = _file(svc, reader)
    assert process_application(first) == "approved"
    assert audit_archive() == 2  # the KK and its evidence bundle

    issued = svc.issued.get(first)
    store = svc.store
    assert isinstance(store, MemoryObjectStore) and issued is not None and issued.evidence is not None
    store.tamper(issued.evidence, b"{}")
    del store._buckets[svc.settings.archive_bucket].keys[issued.document.key][str(issued.document.version_id)]
    with caplog.at_level(logging.ERROR), pytest.raises(core.IntegrityAlarm) as alarm:
        audit_archive()
    assert f"{first} document missing" in str(alarm.value) and f"{first} evidence altered" in str(alarm.value)
    assert any("INTEGRITY ALARM" in r.getMessage() and first in r.getMessage() for r in caplog.records)
    with pytest.raises(core.IntegrityAlarm, match="missing from the archive"):  # never a 404
        casework.fetch_verified_document(svc, first)


# --- recovery ----------------------------------------------------------------------------------------


def _waited(svc: casework.Services, app_id: str, minutes: int) -> None:
    """Backdate an application as if it had waited `minutes` (since it arrived, and since its decision)."""
    import datetime as dt

    from sqlalchemy import update

    from registry._schema import ApplicationRow

    then = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    app = svc.applications.get(app_id)
    values: dict[str, Any] = {"received_at": then}
    if app.decided_at is not None:
        values["decided_at"] = then
    with svc.database.session() as s:
        s.execute(update(ApplicationRow).where(ApplicationRow.id == app_id).values(**values))


class _Starter:
    started: ClassVar[list[tuple[str, str]]] = []

    def start(self, deployment: str, application_id: str) -> str:
        self.started.append((deployment, application_id))
        return "run-id"


def test_applications_left_waiting_are_recovered_within_the_bound(services, reader, monkeypatch):
    import flows.reconcile
    from flows import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, reconcile_applications

    svc = services()
    bound = svc.settings.recovery_after_minutes
    family, _ = _learner()
    kk = reader.page(synthetic.render_kk(family, seed=SEED))
    members = [p for p in family.anggota if p.tanggal_lahir < "2005-01-01"][:4]
    assert len(members) == 4, "the family needs four adults"

    def file(person: core.Person) -> str:
        ijazah = reader.page(synthetic.render_ijazah(person, jenjang="S1", seed=SEED))
        return casework.file_application(svc, nik=person.nik, change=ChangeType.PENDIDIKAN,
                                         files={DocumentType.KK: kk, DocumentType.IJAZAH: ijazah}, requested={})

    never_started, lost_run, approved_waiting, fresh = (file(p) for p in members)
    svc.applications.mark_processing(lost_run, flow_run_id="a-run-that-died")
    svc.applications.mark_processing(approved_waiting)
    svc.applications.record_decision(approved_waiting, status=Status.APPROVED, findings=(), changes={},
                                     extractions={})
    svc.applications.mark_processing(fresh)
    for app_id in (never_started, lost_run):
        _waited(svc, app_id, bound + 1)
    for app_id in (approved_waiting, fresh):  # within the bound: recovered only when no live run holds it
        _waited(svc, app_id, bound - 1)

    _Starter.started = []
    monkeypatch.setattr(flows.reconcile, "FlowStarter", _Starter)
    live = {fresh}  # applications a run Prefect calls live still holds
    monkeypatch.setattr(flows.reconcile, "live_runs", lambda ids: live & set(ids))
    done = reconcile_applications()
    assert done == {never_started: "start_processing", lost_run: "send_to_review",
                    approved_waiting: "start_finalize"}
    assert sorted(_Starter.started) == sorted([(PROCESS_DEPLOYMENT, never_started),
                                               (FINALIZE_DEPLOYMENT, approved_waiting)])
    lost = svc.applications.get(lost_run)
    assert lost.status == Status.NEEDS_REVIEW and [f.code for f in lost.findings] == ["PROCESSING_FAILED"]
    assert svc.applications.get(fresh).status == Status.PROCESSING  # its run may still be working
    live.add(approved_waiting)  # the finalize run just started is waiting for a slot: not started twice
    assert reconcile_applications() == {never_started: "start_processing"}


def _broken(stage: str) -> Any:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"{stage} broke")

    return broken


def test_runs_are_started_on_a_deployment_looked_up_once_and_again_when_it_was_made_anew(prefect_server, monkeypatch):
    """Issue #17: the starter keeps a deployment's id (one `create_flow_run` per application, no look-up by
    name each time), and finds a deployment created again under its name."""
    import uuid

    from prefect import get_client
    from prefect.client.orchestration import SyncPrefectClient

    from flows import FlowStarter

    name = f"starter-{uuid.uuid4().hex[:8]}"  # a name this process has not looked up yet
    deployment = f"process-application/{name}"
    first = process_application.to_deployment(name=name).apply()
    lookups: list[str] = []
    by_name = SyncPrefectClient.read_deployment_by_name

    def counted(self: SyncPrefectClient, name: str, *args: Any, **kwargs: Any) -> Any:
        lookups.append(name)
        return by_name(self, name, *args, **kwargs)

    monkeypatch.setattr(SyncPrefectClient, "read_deployment_by_name", counted)
    starter = FlowStarter()
    starter.check(deployment)
    runs = [starter.start(deployment, app_id) for app_id in ("KP-A", "KP-B")]
    starter.check(deployment)
    assert lookups == [deployment]
    with get_client(sync_client=True) as client:
        made = [client.read_flow_run(uuid.UUID(run)) for run in runs]
        assert [(r.deployment_id, r.parameters["application_id"]) for r in made] == [(first, "KP-A"), (first, "KP-B")]
        assert "permohonan:KP-B" in made[1].tags
        client.delete_deployment(first)
    again = process_application.to_deployment(name=name).apply()
    lookups.clear()  # `apply` looks it up too
    run = starter.start(deployment, "KP-C")
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(uuid.UUID(run)).deployment_id == again != first
    assert lookups == [deployment]


def test_prefects_worker_thread_timeout_notice_is_not_sent_but_other_task_warnings_are() -> None:
    """The extract tasks run side by side in worker threads; Prefect warns on each run that their timeout cannot
    interrupt a blocking call (the cage's wall clock bounds the read): that notice is dropped, nothing else."""
    task_runs = logging.getLogger("prefect.task_runs")

    def record(message: str) -> logging.LogRecord:
        return task_runs.makeRecord("prefect.task_runs", logging.WARNING, __file__, 1, message, (), None)

    notice = ("Timeout of 810.0 seconds configured for this task, but the task is running in a worker thread. "
              "Timeouts in worker threads cannot interrupt blocking operations")
    assert not task_runs.filter(record(notice))
    assert task_runs.filter(record("Task run failed with exception: ServiceUnavailable"))


@pytest.mark.parametrize("stage", ["decide", "notify_decision"])
def test_a_database_step_past_its_bound_fails_the_run_by_name_but_a_notice_does_not(svc, reader, monkeypatch, caplog,
                                                                                     stage):
    import time

    import flows.process

    app_id, person = _file(svc, reader, misspell=True)  # decided needs_review: the notice follows the decision
    working = getattr(casework, stage)

    def stuck(*args: Any, **kwargs: Any) -> Any:
        time.sleep(5)
        return working(*args, **kwargs)

    monkeypatch.setattr(flows.process, "STEP_TIMEOUT_S", 0.5)
    monkeypatch.setattr(casework, stage, stuck)
    if stage == "notify_decision":
        with caplog.at_level(logging.WARNING, logger="flows.process"):
            assert process_application(app_id) == "needs_review"
        assert "'pemberitahuan' did not end within 0.5 s" in caplog.text  # logged and dropped
        return
    with pytest.raises(flows.process.StepTimeout, match=r"'pemeriksaan silang' did not end within 0\.5 s"):
        process_application(app_id)
    app = svc.applications.get(app_id)
    assert app.status == Status.NEEDS_REVIEW and [f.code for f in app.findings] == ["PROCESSING_FAILED"]
    assert svc.population.person(person.nik).pendidikan == person.pendidikan
