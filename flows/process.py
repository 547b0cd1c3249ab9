"""The two flows of an application. Each reads top to bottom as named stages.

`process_application`: read the uploads, cross-check, decide; on approval, finalize. A run that
fails for good (after its tasks' retries), crashes or is cancelled sends its undecided application to
a verifikator with the finding `PROCESSING_FAILED` instead of leaving it `processing`; a run that
loses its process is caught by `flows.reconcile`.
`finalize_application`: change the record, issue the signed KK (archived, then verified as read back),
archive its evidence, record it.
Each tells the applicant of the outcome by e-mail when they gave an address (`casework.notify_decision`,
after the decision is committed; a notice that fails is logged, never the run's failure).
A verifikator's approval starts `finalize_application` on its own deployment.

Runs are named by their application (`process-<id>`, `finalize-<id>`), reading tasks by their
document (`extract-kk`); a finished `process-application` run is named by its outcome and carries its
findings and stage times (`flows._outcome`). A process run that approves finalizes in its own run, not
in a subflow run.

Task runs are the steps that wait on a service and may be retried or time out: the reads
(`extract-<type>`), the signed KK (`issue-document`: render, sign, archive, verify) and the evidence
(`archive-evidence`). The quick database steps between them (marking the application, the
cross-check, the record change, recording the document, the applicant's notice) are plain calls of the
flow, each timed in the run's stage table (`StageClock`): as task runs they cost each application five
task runs' state changes in the run's process and events at the Prefect server (issue #17). Each has
a bound of its own all the same (`STEP_TIMEOUT_S`, as a task's timeout): a step past it fails the run
with `StepTimeout`, which names the step and its bound in the run's state and log, and sends the
undecided application to a verifikator (`PROCESSING_FAILED`); a notice past it is logged and dropped.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from prefect import Flow, flow
from prefect.client.schemas.objects import FlowRun
from prefect.runtime import flow_run
from prefect.states import State
from prefect.utilities.timeout import timeout

import casework
from core import DocumentType, Status
from flows._outcome import StageClock, outcome
from flows._tasks import QUICK_S, RESULTS, archive_evidence, extract_document, issue_document

log = logging.getLogger(__name__)

STEP_TIMEOUT_S: float = QUICK_S
"""The bound of each of a run's database steps that is no task run (marking, cross-check, record change,
recording the document, the notice)."""


class StepTimeout(TimeoutError):
    """A step of a run that did not end within `STEP_TIMEOUT_S`."""


class _Expired(TimeoutError):
    pass


@contextlib.contextmanager
def _bounded(step: str) -> Iterator[None]:
    """Run the block within `STEP_TIMEOUT_S` (Prefect's timeout: an alarm in the run's main thread, as for a
    flow's own timeout); past it `StepTimeout` names the step."""
    seconds = STEP_TIMEOUT_S
    try:
        with timeout(seconds, timeout_exc_type=_Expired):
            yield
    except _Expired as e:
        raise StepTimeout(f"step '{step}' did not end within {seconds:g} s") from e


def _notify(svc: casework.Services, application_id: str) -> None:
    """The applicant's notice, bounded; one past its bound is logged, never the run's failure."""
    try:
        with _bounded(STAGES.NOTIFY):
            casework.notify_decision(svc, application_id)
    except StepTimeout as e:
        log.warning("application %s: %s", application_id, e)


def _send_to_review(flow: Flow[..., Any], flow_run: FlowRun, state: State) -> None:
    casework.send_failed_run_to_review(casework.services(), flow_run.parameters["application_id"])


@flow(name="process-application", flow_run_name="process-{application_id}", log_prints=False,
      result_storage=RESULTS, persist_result=False, on_failure=[_send_to_review], on_crashed=[_send_to_review], on_cancellation=[_send_to_review])
def process_application(application_id: str) -> State:
    """Read, cross-check and decide one application; finalize it when approved. Its result: the status."""
    clock = StageClock()
    svc = casework.services()
    with _bounded(STAGES.MARK):
        app = casework.start_processing(svc, application_id, flow_run_id=flow_run.get_id())
    clock.lap(STAGES.MARK)
    futures = {doc_type: extract_document.submit(application_id, DocumentType(doc_type))
               for doc_type in app.uploads}
    readings = {DocumentType(doc_type): future.result() for doc_type, future in futures.items()}
    clock.lap(STAGES.READ)
    with _bounded(STAGES.CHECK):
        status = casework.decide(svc, application_id, readings)
    clock.lap(STAGES.CHECK)
    if status == Status.APPROVED:
        status = Status(_finalize(application_id, clock))
    else:
        _notify(svc, application_id)  # an approval's notice goes out once its KK is archived
    return outcome(application_id, status, clock)


@flow(name="finalize-application", flow_run_name="finalize-{application_id}", log_prints=False,
      result_storage=RESULTS, persist_result=False)
def finalize_application(application_id: str) -> str:
    """Apply an approved change, then sign and archive the updated KK. Idempotent."""
    return _finalize(application_id, StageClock())


class STAGES:
    """The names of the stages in a process run's stage table (`flows._outcome`), as `capil bench e2e`
    reads them back."""

    MARK = "mulai"
    READ = "baca dokumen"
    CHECK = "pemeriksaan silang"
    CHANGE = "ubah data"
    ISSUE = "tanda tangan, arsip"
    EVIDENCE = "arsip bukti"
    RECORD = "catat dokumen"
    NOTIFY = "pemberitahuan"
    """Not in the stage table: the notice is timed within the stage before it."""


def _finalize(application_id: str, clock: StageClock) -> str:
    """`finalize_application`'s steps, in the run that calls it: a process run that approved runs them
    itself rather than in a subflow run (which cost the Prefect server ~8 requests and its events per
    application, issue #17)."""
    svc = casework.services()
    with _bounded(STAGES.CHANGE):
        changed = casework.apply_change(svc, application_id)
    if changed == Status.REJECTED:
        _notify(svc, application_id)
        return str(Status.REJECTED)  # the record already held the values: nothing to sign
    clock.lap(STAGES.CHANGE)
    archived = issue_document(application_id)
    clock.lap(STAGES.ISSUE)
    evidence = archive_evidence(application_id, archived)
    clock.lap(STAGES.EVIDENCE)
    with _bounded(STAGES.RECORD):
        status = str(casework.record_issued(svc, application_id, archived, evidence))
    clock.lap(STAGES.RECORD)
    _notify(svc, application_id)
    return status
