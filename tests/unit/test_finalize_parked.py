"""A finalize that always fails is not restarted for ever: after `finalize_max_attempts` runs the
reconciler parks the application (still `processing`), starts nothing more for it, `watch-operations`
alerts on it on every pass, and an operator's explicit retry gives it a fresh count. On Prefect's test
harness, with the real reconcile and finalize flows; the finalize fails in its first stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

import casework
import core
import flows.reconcile
from core import ChangeType, Conflict, Status, StoredObject
from flows import FINALIZE_DEPLOYMENT, finalize_application, reconcile_applications, watch_operations
from storage import MemoryObjectStore
from tests.fixtures.api import SUBJECT
from tests.fixtures.population import population


class _Starter:
    started: ClassVar[list[tuple[str, str]]] = []

    def start(self, deployment: str, application_id: str) -> str:
        self.started.append((deployment, application_id))
        return "run-id"


@pytest.fixture
def svc(tmp_path, prefect_server, monkeypatch) -> Iterator[casework.Services]:
    settings = core.load_settings({}, data_dir=tmp_path, finalize_max_attempts=2, reconcile_every_seconds=0)
    services = casework.bootstrap(settings, store=MemoryObjectStore(), reader=lambda *a, **k: None)  # type: ignore[arg-type]
    services.population.import_population(population())
    casework.use_services(services)
    _Starter.started = []
    monkeypatch.setattr(flows.reconcile, "FlowStarter", _Starter)
    monkeypatch.setattr(flows.reconcile, "live_runs", lambda ids: set())  # every finalize run has ended

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("apply_change broke for good")

    monkeypatch.setattr(casework, "apply_change", broken)
    yield services
    casework.use_services(None)
    services.database.dispose()


def _approved(svc: casework.Services) -> str:
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    svc.applications.mark_processing(app_id)
    svc.applications.record_decision(app_id, status=Status.APPROVED, findings=(),
                                     changes={SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}}, extractions={})
    return app_id


def _finalize_fails(app_id: str) -> None:
    with pytest.raises(RuntimeError, match="broke for good"):
        finalize_application(app_id)


def test_a_finalize_that_always_fails_is_parked_alerted_and_retried_only_when_asked(svc, caplog):
    app_id = _approved(svc)
    _finalize_fails(app_id)  # the first run
    assert reconcile_applications() == {app_id: "start_finalize"}  # the reconciler's restart: run 2
    _finalize_fails(app_id)

    assert reconcile_applications() == {app_id: "park"}
    assert reconcile_applications() == {}  # parked: nothing started, nothing recorded again
    assert _Starter.started == [(FINALIZE_DEPLOYMENT, app_id)]
    assert svc.applications.get(app_id).status == Status.PROCESSING  # a status the contract knows
    assert casework.parked_applications(svc) == [(app_id, 2)]
    parked = [e for e in svc.audit.entries(subject=app_id) if e["action"] == "application.finalize_parked"]
    assert [(e["actor"], e["details"]) for e in parked] == [("reconciler", {"runs": 2})]

    for _ in range(2):  # on every pass until someone acts
        alerts = [a for a in watch_operations() if a.kind == "finalize-parked"]
        assert [(a.subject, a.detail) for a in alerts] == [
            (app_id, "finalize failed 2 times; capil application retry-finalize")]
    assert SUBJECT not in caplog.text

    casework.retry_finalize(svc, app_id, actor="operator-1")
    assert casework.parked_applications(svc) == []
    assert not [a for a in watch_operations() if a.kind == "finalize-parked"]
    _finalize_fails(app_id)  # the operator's run failed too: the reconciler may try again
    assert reconcile_applications() == {app_id: "start_finalize"}


def test_only_an_approved_application_waiting_for_its_document_can_be_retried(svc):
    app_id = svc.applications.new_id()
    svc.applications.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                            requested={}, uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
    with pytest.raises(Conflict, match="not approved and waiting for its document"):
        casework.retry_finalize(svc, app_id, actor="operator-1")
    assert not [e for e in svc.audit.entries(subject=app_id) if e["action"] == "application.finalize_retried"]
