"""What operations see on a finished run: a state named by the outcome, tags, and one artifact.

A run whose application went to a verifikator or was rejected still *completed* (nothing broke), but
Prefect's UI shows the state's name, so the state is named by the outcome (`Approved`, `NeedsReview`,
`Rejected`) with the Indonesian reason as its message. The run gets the tags `perubahan:<jenis>` and
`hasil:<status>`, and publishes one markdown artifact `findings-<id>`: the findings table (codes, severity,
which document and field, the Indonesian text; never the values read or expected, which are personal data)
and the per-stage times below it (one artifact, not a table and a markdown one: each is a request to the
Prefect server and a row it writes, issue #17).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from prefect import get_client
from prefect.artifacts import create_markdown_artifact
from prefect.client.schemas.objects import State
from prefect.runtime import flow_run
from prefect.states import Completed

import casework
from core import Status

STATE_NAMES = {Status.APPROVED: "Approved", Status.NEEDS_REVIEW: "NeedsReview", Status.REJECTED: "Rejected"}
_MESSAGES = {
    Status.APPROVED: "Disetujui: data diubah, KK ditandatangani dan diarsipkan",
    Status.NEEDS_REVIEW: "Menunggu verifikator",
    Status.REJECTED: "Ditolak",
}


@dataclass
class StageClock:
    """Wall seconds per named stage of one run, in the order they ran."""

    seconds: dict[str, float] = field(default_factory=dict)
    _mark: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._mark, 3)
        self._mark = now


def outcome(application_id: str, status: Status, clock: StageClock) -> State:
    """Publish the run's findings and timings, tag it, and return its final state (data: the status)."""
    app = casework.services().applications.get(application_id)
    key = application_id.lower()  # artifact keys: lower case, digits and dashes
    findings = "\n".join(
        f"| {_cell(f.code)} | {_cell(str(f.severity))} | {_cell(f.document or '')} | {_cell(f.field or '')} "
        f"| {_cell(f.message)} |" for f in app.findings) or "| - | | | | Tidak ada temuan |"
    stages = "\n".join(f"| {stage} | {seconds:.2f} |" for stage, seconds in clock.seconds.items())
    create_markdown_artifact(
        key=f"findings-{key}",
        markdown=(f"### Temuan\n\n| kode | tingkat | dokumen | elemen | keterangan |\n|---|---|---|---|---|\n"
                  f"{findings}\n\n### Waktu per tahap\n\n| tahap | detik |\n|---|---|\n{stages}\n"),
        description=f"Temuan pemeriksaan dan waktu per tahap, permohonan {application_id}: {status}",
    )
    _tag(f"perubahan:{app.jenis_perubahan}", f"hasil:{status}")
    name = STATE_NAMES.get(status, "Completed")
    return Completed(name=name, message=_MESSAGES.get(status, str(status)), data=str(status))


def _cell(text: str) -> str:
    """Text in one cell of a markdown table: a `|` or a line break would end the cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _tag(*tags: str) -> None:
    run_id = flow_run.get_id()
    if run_id is None:
        return
    with get_client(sync_client=True) as client:
        client.update_flow_run(uuid.UUID(run_id), tags=sorted({*flow_run.get_tags(), *tags}))
