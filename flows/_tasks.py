"""Prefect tasks: each a thin call into `casework`. They pass ids and typed results, never bytes or clients.
The steps that wait on a service (a read, signing, the archive) are tasks; the process flow's quick
database steps are plain calls of the flow (`flows.process`).

A task is retried only when its error says a retry can help (`CapilError.retryable`: a service
that did not answer); bad input and broken invariants fail at once. Every task has a timeout: a
run stuck in one (a pathological scan, a service that hangs) fails, which sends its undecided
application to a verifikator and ends its process, freeing its slot. No task is cached (`NO_CACHE`):
each changes the application, so a cached result would be wrong, and Prefect's default policy hashed
every task's source and inputs on every run for nothing. Nor is a result persisted: the flows name their
result storage (`RESULTS`, never written to) so that Prefect does not ask its server for a default
storage (`GET /api/admin/storage`) for the run and its tasks, 3 requests per application (issue #17).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.settings import get_current_settings
from prefect.states import State

import casework
from core import (
    ArchivedKk,
    CapilError,
    DocumentType,
    Extraction,
    StoredObject,
    Unreadable,
    load_settings,
)

RESULTS: Any = Path(get_current_settings().results.local_storage_path)
"""The flows' `result_storage` (with `persist_result=False`: nothing is written there). Prefect takes a
Path as a local file system (`prefect.results.resolve_result_storage`); its annotation names blocks only."""


class _WorkerThreadTimeoutNotice(logging.Filter):
    """Drops Prefect's warning, on every run of a task that has a timeout and runs in a worker thread (the
    extract tasks, submitted side by side), that the timeout cannot interrupt a blocking call. Here it says
    nothing an operator can act on: a read is bounded where it blocks (the cage's wall clock kills it after
    `cage_timeout_seconds`, the reading client's socket gives up after the wait and the read), and the task's
    timeout (`_read_budget_s`) lies above both. Sent to the server it was 2-3 warnings per application."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "running in a worker thread" not in record.getMessage()


logging.getLogger("prefect.task_runs").addFilter(_WorkerThreadTimeoutNotice())


def _retryable(_task: Any, _run: TaskRun, state: State) -> bool:
    """Retry only what a retry can fix."""
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, CapilError) and exc.retryable


_RETRIES = 3
_RETRY_DELAYS: list[float] = [2, 5, 15]
QUICK_S = 60
"""Seconds of a database step (a task's or a flow's own step, `flows.process.STEP_TIMEOUT_S`)."""


def _read_budget_s() -> int:
    """The timeout of a document's read task: the reading client may wait up to `cage_timeout_seconds` for a
    free cage and as long again for the read (plus its margin), and a file of another type is read twice."""
    try:
        cage_s = load_settings().cage_timeout_seconds
    except CapilError:  # a broken configuration is reported where it is used, not at import
        cage_s = 180
    return 2 * (2 * cage_s + 30) + 30


_READ_S = _read_budget_s()  # 810 s with the default 180 s cage timeout
_SERVICE_S = 120  # signing with TSA/OCSP/CRL, or object storage, per attempt


@task(cache_policy=NO_CACHE, name="extract-document", task_run_name="extract-{document_type}", retries=_RETRIES,
      retry_delay_seconds=_RETRY_DELAYS, retry_condition_fn=_retryable, timeout_seconds=_READ_S)
def extract_document(application_id: str, document_type: DocumentType) -> Extraction | Unreadable:
    return casework.read_document(casework.services(), application_id, document_type)


@task(cache_policy=NO_CACHE, name="issue-document", retries=_RETRIES, retry_delay_seconds=_RETRY_DELAYS, retry_condition_fn=_retryable,
      timeout_seconds=_SERVICE_S)
def issue_document(application_id: str) -> ArchivedKk:
    """Render the updated KK, sign it, archive it under object lock and verify it as read back; once."""
    return casework.issue_document(casework.services(), application_id)


@task(cache_policy=NO_CACHE, name="archive-evidence", retries=_RETRIES, retry_delay_seconds=_RETRY_DELAYS, retry_condition_fn=_retryable,
      timeout_seconds=_SERVICE_S)
def archive_evidence(application_id: str, archived: ArchivedKk) -> StoredObject:
    return casework.archive_evidence(casework.services(), application_id, archived)


@task(cache_policy=NO_CACHE, name="find-documents-due-for-renewal", timeout_seconds=QUICK_S)
def find_due(within_days: int) -> list[str]:
    return casework.documents_due_for_renewal(casework.services(), within_days=within_days)


@task(cache_policy=NO_CACHE, name="renew-document-timestamp", retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=_retryable,
      timeout_seconds=_SERVICE_S)
def renew_one(application_id: str) -> str:
    return casework.renew_document_timestamp(casework.services(), application_id).version_id or ""
