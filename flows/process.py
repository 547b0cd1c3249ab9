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
task runs' state changes in the run's process and events at the Prefect server (issue #17).
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, flow
from prefect.client.schemas.objects import FlowRun
from prefect.runtime import flow_run
from prefect.states import State

import casework
from core import DocumentType, Status
from flows._outcome import StageClock, outcome
from flows._tasks import RESULTS, archive_evidence, extract_document, issue_document


def _send_to_review(flow: Flow[..., Any], flow_run: FlowRun, state: State) -> None:
    casework.send_failed_run_to_review(casework.services(), flow_run.parameters["application_id"])


@flow(name="process-application", flow_run_name="process-{application_id}", log_prints=False,
      result_storage=RESULTS, persist_result=False, on_failure=[_send_to_review], on_crashed=[_send_to_review], on_cancellation=[_send_to_review])
def process_application(application_id: str) -> State:
    """Read, cross-check and decide one application; finalize it when approved. Its result: the status."""
    clock = StageClock()
    svc = casework.services()
    app = casework.start_processing(svc, application_id, flow_run_id=flow_run.get_id())
    clock.lap(STAGES.MARK)
    futures = {doc_type: extract_document.submit(application_id, DocumentType(doc_type))
               for doc_type in app.uploads}
    readings = {DocumentType(doc_type): future.result() for doc_type, future in futures.items()}
    clock.lap(STAGES.READ)
    status = casework.decide(svc, application_id, readings)
    clock.lap(STAGES.CHECK)
    if status == Status.APPROVED:
        status = Status(_finalize(application_id, clock))
    else:
        casework.notify_decision(svc, application_id)  # an approval's notice goes out once its KK is archived
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


def _finalize(application_id: str, clock: StageClock) -> str:
    """`finalize_application`'s steps, in the run that calls it: a process run that approved runs them
    itself rather than in a subflow run (which cost the Prefect server ~8 requests and its events per
    application, issue #17)."""
    svc = casework.services()
    if casework.apply_change(svc, application_id) == Status.REJECTED:
        casework.notify_decision(svc, application_id)
        return str(Status.REJECTED)  # the record already held the values: nothing to sign
    clock.lap(STAGES.CHANGE)
    archived = issue_document(application_id)
    clock.lap(STAGES.ISSUE)
    evidence = archive_evidence(application_id, archived)
    clock.lap(STAGES.EVIDENCE)
    status = str(casework.record_issued(svc, application_id, archived, evidence))
    clock.lap(STAGES.RECORD)
    casework.notify_decision(svc, application_id)
    return status
