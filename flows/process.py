"""The two flows of an application. Each reads top to bottom as named stages.

`process_application`: read the uploads, cross-check, decide; on approval, finalize. A run that
fails for good (after its tasks' retries) sends its undecided application to a verifikator with
the finding `PROCESSING_FAILED` instead of leaving it `processing`.
`finalize_application`: change the record, issue the signed KK, archive it with its evidence, record it.
A verifikator's approval starts `finalize_application` on its own deployment.
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, flow
from prefect.client.schemas.objects import FlowRun
from prefect.runtime import flow_run
from prefect.states import State

from core import Status
from flows._tasks import (
    apply_change,
    archive_evidence,
    check_archived_document,
    cross_check,
    extract_document,
    issue_document,
    mark_processing,
    record_document,
    send_failed_run_to_review,
)


def _send_to_review(flow: Flow[..., Any], flow_run: FlowRun, state: State) -> None:
    send_failed_run_to_review(flow_run.parameters["application_id"])


@flow(name="process-application", log_prints=False, on_failure=[_send_to_review], on_crashed=[_send_to_review])
def process_application(application_id: str) -> str:
    """Read, cross-check and decide one application; finalize it when approved. Returns its status."""
    app = mark_processing(application_id, flow_run.get_id())
    futures = {
        doc_type: extract_document.submit(application_id, doc_type, upload)
        for doc_type, upload in app["uploads"].items()
    }
    extractions = {doc_type: future.result() for doc_type, future in futures.items()}
    status = cross_check(application_id, extractions)
    if status != str(Status.APPROVED):
        return status
    return finalize_application(application_id)


@flow(name="finalize-application", log_prints=False)
def finalize_application(application_id: str) -> str:
    """Apply an approved change, then sign and archive the updated KK. Idempotent."""
    apply_change(application_id)
    issued = issue_document(application_id)
    check_archived_document(application_id, issued)
    evidence = archive_evidence(application_id, issued)
    return record_document(application_id, issued, evidence)
