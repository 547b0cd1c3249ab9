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
findings and stage times (`flows._outcome`). A process run that approves runs the finalize tasks itself
(`apply-change`, `issue-document`, `archive-evidence`, `record-document`), not in a subflow run.
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, flow
from prefect.client.schemas.objects import FlowRun
from prefect.runtime import flow_run
from prefect.states import State

import casework
from core import Status
from flows._outcome import StageClock, outcome
from flows._tasks import (
    RESULTS,
    apply_change,
    archive_evidence,
    cross_check,
    extract_document,
    issue_document,
    mark_processing,
    notify_applicant,
    record_document,
)


def _send_to_review(flow: Flow[..., Any], flow_run: FlowRun, state: State) -> None:
    casework.send_failed_run_to_review(casework.services(), flow_run.parameters["application_id"])


@flow(name="process-application", flow_run_name="process-{application_id}", log_prints=False,
      result_storage=RESULTS, persist_result=False, on_failure=[_send_to_review], on_crashed=[_send_to_review], on_cancellation=[_send_to_review])
def process_application(application_id: str) -> State:
    """Read, cross-check and decide one application; finalize it when approved. Its result: the status."""
    clock = StageClock()
    document_types = mark_processing(application_id, flow_run.get_id())
    clock.lap("mulai")
    futures = {doc_type: extract_document.submit(application_id, doc_type) for doc_type in document_types}
    readings = {doc_type: future.result() for doc_type, future in futures.items()}
    clock.lap("baca dokumen")
    status = cross_check(application_id, readings)
    clock.lap("pemeriksaan silang")
    if status == Status.APPROVED:
        status = Status(_finalize(application_id))
        clock.lap("ubah data, tanda tangan, arsip")
    else:
        notify_applicant(application_id)  # an approval's notice goes out once its KK is archived
    return outcome(application_id, status, clock)


@flow(name="finalize-application", flow_run_name="finalize-{application_id}", log_prints=False,
      result_storage=RESULTS, persist_result=False)
def finalize_application(application_id: str) -> str:
    """Apply an approved change, then sign and archive the updated KK. Idempotent."""
    return _finalize(application_id)


def _finalize(application_id: str) -> str:
    """`finalize_application`'s tasks, in the run that calls it: a process run that approved runs them as
    its own tasks rather than as a subflow run (which cost the Prefect server ~8 requests and its
    events per application, issue #17)."""
    if apply_change(application_id) == Status.REJECTED:
        notify_applicant(application_id)
        return str(Status.REJECTED)  # the record already held the values: nothing to sign
    archived = issue_document(application_id)
    evidence = archive_evidence(application_id, archived)
    status = str(record_document(application_id, archived, evidence))
    notify_applicant(application_id)
    return status
