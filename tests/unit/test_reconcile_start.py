"""The local runner marks the runs its killed predecessor left running as crashed; Prefect not answering
must not stop it from serving."""

from __future__ import annotations

import flows.reconcile


def test_prefect_not_answering_does_not_stop_the_runner(monkeypatch, caplog):
    def refused(**_kwargs: object) -> object:
        raise ConnectionRefusedError

    monkeypatch.setattr(flows.reconcile, "get_client", refused)
    assert flows.reconcile.crash_runs_left_running() == 0
    assert "could not mark the runs left running as crashed (ConnectionRefusedError)" in caplog.text
