"""Retrieval from the archive on real parts (issue #7): the configured retention is what the archive
applies, a signature that fails is an alarm even when the bytes match the database, and
`capil archive get` writes only verified bytes (an alarm: exit 5, one line, no file)."""

from __future__ import annotations

import datetime as dt
import logging
import sys

import pytest
from sqlalchemy import update

import core
from capil import cli
from casework import fetch_verified_document
from registry._schema import ApplicationRow
from tests.fixtures.accounts import log_in
from tests.integration.test_archive import _approve_and_issue, family  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration


def _point_database_at(pipeline, app_id: str, obj: core.StoredObject) -> None:
    with pipeline.database.session() as s:
        s.execute(update(ApplicationRow).where(ApplicationRow.id == app_id).values(document=obj.to_dict()))


def test_archived_objects_keep_the_configured_retention(pipeline, family):  # noqa: F811
    before = dt.datetime.now(dt.UTC)
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    doc = pipeline.issued.get(app_id)
    evidence = doc.evidence
    days = pipeline.settings.archive_retention_days
    for obj in (doc.document, evidence):
        lock = pipeline.store.retention(obj)
        assert lock.mode == "COMPLIANCE" and lock.retain_until is not None
        held = lock.retain_until - before
        assert dt.timedelta(days=days) - dt.timedelta(hours=1) < held <= dt.timedelta(days=days, minutes=10)


def test_a_failing_signature_is_an_alarm_even_when_the_hash_matches(pipeline, family, client, caplog):  # noqa: F811
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    original = pipeline.applications.get(app_id).document
    good = pipeline.store.get(original)
    at = good.index(b"ReportLab PDF Library")  # inside the signed byte range
    forged = pipeline.store.put(original.bucket, original.key, good[:at] + b"X" + good[at + 1:],
                                content_type="application/pdf", retain_days=1)
    _point_database_at(pipeline, app_id, forged)  # the database hash now matches the forged bytes

    with caplog.at_level(logging.ERROR), pytest.raises(core.IntegrityAlarm, match="signature"):
        fetch_verified_document(pipeline, app_id)
    alarms = [r for r in caplog.records if r.levelno == logging.ERROR and app_id in r.getMessage()]
    assert alarms and all(p.nik not in r.getMessage() for r in alarms for p in family.anggota)
    r = log_in(client, pipeline, "arsip-1", role="arsip").get(f"/api/applications/{app_id}/document")
    assert (r.status_code, r.json()["code"]) == (500, "INTEGRITY_ALARM")
    assert pipeline.store.get(original) == good, "the original version is untouched"


def _capil(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(cli, "_point_prefect_at_local_stack", lambda: None)
    monkeypatch.setattr(sys, "argv", ["capil", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return int(exited.value.code or 0), capsys.readouterr().err


def test_capil_archive_get_writes_only_verified_bytes(pipeline, family, tmp_path, monkeypatch, capsys):  # noqa: F811
    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    out = tmp_path / "kk.pdf"
    code, _ = _capil(monkeypatch, capsys, "archive", "get", app_id, "--out", str(out), "--by", "arsip:test")
    assert code == 0
    assert out.read_bytes() == pipeline.store.get(pipeline.applications.get(app_id).document)

    document = pipeline.applications.get(app_id).document
    _point_database_at(pipeline, app_id, core.StoredObject(document.bucket, document.key, document.version_id,
                                                           "0" * 64))
    alarmed = tmp_path / "alarmed.pdf"
    code, err = _capil(monkeypatch, capsys, "archive", "get", app_id, "--out", str(alarmed), "--by", "arsip:test")
    assert code == core.IntegrityAlarm.exit_code == 5
    assert len(err.strip().splitlines()) == 1 and app_id in err
    assert not alarmed.exists(), "an alarm is not a download"


def test_the_renewal_flow_renews_what_is_due_as_a_new_locked_version(pipeline, family):  # noqa: F811
    from flows.renew import renew_timestamps

    app_id = _approve_and_issue(pipeline, family.anggota[0].nik, {"pendidikan": "DIPLOMA IV/STRATA I"})
    old = pipeline.issued.get(app_id).document
    assert renew_timestamps(within_days=365 * 11) == [app_id]  # the dev TSA certificate expires within that
    new = pipeline.issued.get(app_id).document
    assert new.key == old.key and new.version_id != old.version_id
    assert pipeline.store.retention(old).mode == "COMPLIANCE" and pipeline.store.retention(new).mode == "COMPLIANCE"
    with pytest.raises(core.Conflict):
        pipeline.store.delete_version(old)
    assert fetch_verified_document(pipeline, app_id).startswith(pipeline.store.get(old))
