"""The population record, applications and audit log, on a real SQLite file and a real PostgreSQL server.

Every test runs on both (`db` is parametrized). PostgreSQL comes from `tests.fixtures.postgres`:
skipped with a reason where the server binaries are missing, a failure under CI.
"""

import itertools

import pytest
from sqlalchemy import text

import synthetic
from core import (
    ChangeType,
    Conflict,
    Finding,
    IntegrityAlarm,
    InvalidPopulation,
    Severity,
    Status,
    StoredObject,
    UnknownPerson,
)
from registry import Applications, AuditLog, Database, PopulationRecord, head_revision
from tests.fixtures.population import population

SUBJECT = "7401050102030003"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'capil.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def record(db):
    record = PopulationRecord(db)
    record.import_population(population())
    return record


def test_import_is_idempotent_and_counts(db):
    record = PopulationRecord(db)
    first = record.import_population(population())
    again = record.import_population(population())
    assert (first.families, first.persons, first.created) == (2, 4, 4)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_import_upserts_changed_person_as_new_version(record):
    doc = population()
    doc["keluarga"][0]["anggota"][2]["jenis_pekerjaan"] = "KARYAWAN SWASTA"
    report = record.import_population(doc, actor="operator-1", source_sha256="cd" * 32)
    assert report.updated == 1
    history = record.history(SUBJECT)
    assert [h["version"] for h in history] == [1, 2]
    assert history[1]["changed"] == {"jenis_pekerjaan": ["PELAJAR/MAHASISWA", "KARYAWAN SWASTA"]}
    assert (history[1]["actor"], history[1]["evidence_sha256"]) == ("operator-1", ["cd" * 32])


def test_invalid_population_is_refused_whole_with_every_path(db):
    record = PopulationRecord(db)
    doc = population()
    doc["keluarga"][0]["anggota"][0]["agama"] = "JEDI"
    doc["keluarga"][0]["anggota"][1]["tanggal_lahir"] = "1985-02-30"
    doc["keluarga"][1]["anggota"][0]["nik"] = doc["keluarga"][0]["anggota"][2]["nik"]
    doc["keluarga"][1]["anggota"][0]["status_hubungan"] = "ANAK"
    with pytest.raises(InvalidPopulation) as caught:
        record.import_population(doc)
    problems = caught.value.problems
    assert "$.keluarga[0].anggota[0].agama: 'JEDI' is not a SIAK value" in problems
    assert "$.keluarga[0].anggota[1].tanggal_lahir: is not a date that exists" in problems
    assert any(p.startswith("$.keluarga[1].anggota[0].nik: duplicate") for p in problems)
    assert any(p.startswith("$.keluarga[1].anggota: must have exactly one KEPALA KELUARGA") for p in problems)
    with pytest.raises(UnknownPerson):  # nothing was written
        record.person("7401051203800001")
    assert AuditLog(db).entries() == []


@pytest.mark.parametrize(
    ("nik", "reason"),
    [
        ("9901051203800001", "region code: 99 is not a province code"),
        ("7400051203800001", "region code contains 00"),
        ("7401053002800001", "birth date part is not a date"),  # 30 February
        ("7401053502800001", "birth date part is not a date"),  # day 35: neither a man's nor a woman's
        ("740105120380000X", "not 16 digits"),
    ],
)
def test_structurally_impossible_nik_is_refused(db, nik, reason):
    doc = population()
    doc["keluarga"][0]["anggota"][0]["nik"] = nik
    with pytest.raises(InvalidPopulation) as caught:
        PopulationRecord(db).import_population(doc)
    assert f"$.keluarga[0].anggota[0].nik: {reason}" in caught.value.problems


def test_nik_whose_birth_date_disagrees_with_a_corrected_date_is_accepted(db):
    doc = population()
    doc["keluarga"][0]["anggota"][0]["tanggal_lahir"] = "1980-03-13"  # NIK says 12-03-80: kept after correction
    assert PopulationRecord(db).import_population(doc).created == 4


def test_family_of_keeps_printed_order(record):
    family = record.family_of(SUBJECT)
    assert family.no_kk == "7401051203080012"
    assert [p.status_hubungan for p in family.anggota] == ["KEPALA KELUARGA", "ISTRI", "ANAK"]


def test_export_round_trip_is_lossless(db, tmp_path):
    doc = synthetic.population(families=40, seed=11)
    record = PopulationRecord(db)
    record.import_population(doc)
    exported = record.export()
    assert exported == doc
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        PopulationRecord(other).import_population(exported)
        assert PopulationRecord(other).export() == doc
    finally:
        other.dispose()


def test_apply_changes_keeps_old_version_and_is_idempotent(record):
    changes = {SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}}
    assert record.apply_changes(changes, application_id="app-1", evidence_sha256=["ab" * 32]) is True
    assert record.apply_changes(changes, application_id="app-1", evidence_sha256=["ab" * 32]) is False
    assert record.person(SUBJECT).pendidikan == "DIPLOMA IV/STRATA I"
    history = record.history(SUBJECT)
    assert len(history) == 2
    assert history[1]["changed"] == {"pendidikan": ["SLTA/SEDERAJAT", "DIPLOMA IV/STRATA I"]}
    assert history[1]["application_id"] == "app-1"
    assert history[1]["evidence_sha256"] == ["ab" * 32]
    assert history[1]["created_at"].endswith("+00:00")


def test_apply_changes_refuses_values_outside_the_vocabulary(record):
    with pytest.raises(InvalidPopulation):
        record.apply_changes({SUBJECT: {"pendidikan": "SARJANA"}}, application_id="app-2", evidence_sha256=[])
    assert record.person(SUBJECT).pendidikan == "SLTA/SEDERAJAT"


def test_the_database_refuses_values_outside_the_vocabulary(record, db):
    with pytest.raises(Exception, match=r"(?i)check"), db.engine.begin() as conn:
        conn.execute(text("UPDATE persons SET agama = 'JEDI' WHERE nik = :nik"), {"nik": SUBJECT})
    assert record.person(SUBJECT).agama == "ISLAM"


def _application(apps, findings=(), change=ChangeType.PENDIDIKAN):
    upload = StoredObject("capil-intake", "applications/x/kk.png", "v1", "00" * 32)
    app_id = apps.new_id()
    apps.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=change,
                requested={}, uploads={"kk": upload})
    return app_id


def test_application_lifecycle_keeps_every_decision(db, record):
    apps = Applications(db)
    app_id = _application(apps)
    assert apps.get(app_id).status == Status.RECEIVED
    assert apps.mark_processing(app_id).status == Status.PROCESSING
    mismatch = Finding(code="NAME_MISMATCH", severity=Severity.MISMATCH, message="Nama berbeda")
    decided = apps.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(mismatch,),
                                   changes={SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}}, extractions={})
    assert decided.status == Status.NEEDS_REVIEW
    reviewed = apps.record_review(app_id, approve=True, verifikator="v", note="ok")
    assert (reviewed.status, reviewed.decided_by) == (Status.PROCESSING, "v")
    with pytest.raises(Conflict):  # a second decision on the same application
        apps.record_review(app_id, approve=False, verifikator="w", note="twice")
    data = apps.get(app_id).to_dict()
    assert data["uploads"]["kk"]["sha256"] == "00" * 32
    assert data["timings"]["received_at"].endswith("+00:00")
    assert [(d["kind"], d["status"], d["by"], d["note"], d["finding_codes"]) for d in data["decisions"]] == [
        ("automatic", "needs_review", "sistem", None, ["NAME_MISMATCH"]),
        ("review", "approved", "v", "ok", ["NAME_MISMATCH"]),
    ]
    assert [a.id for a in apps.list(status=Status.PROCESSING)] == [app_id]
    assert [d["application_id"] for d in apps.decisions(decided_by="v")] == [app_id]
    assert apps.decisions(decided_by="w") == []


CHANGE = {SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}}


@pytest.mark.parametrize("decided", ["nothing", "needs_review", "rejected", "review_rejected"])
def test_the_record_changes_only_on_a_recorded_approval(db, record, decided):
    apps = Applications(db)
    app_id = _application(apps)
    if decided != "nothing":
        automatic = Status.REJECTED if decided == "rejected" else Status.NEEDS_REVIEW
        apps.record_decision(app_id, status=automatic, findings=(), changes=CHANGE, extractions={})
    if decided == "review_rejected":
        apps.record_review(app_id, approve=False, verifikator="v", note="tidak cocok")
    with pytest.raises(IntegrityAlarm, match="record change refused"):
        record.apply_approved(app_id, evidence_sha256=[])
    assert record.person(SUBJECT).pendidikan == "SLTA/SEDERAJAT" and len(record.history(SUBJECT)) == 1
    last = AuditLog(db).entries()[-1]
    assert (last["actor"], last["action"], last["subject"]) == ("sistem", "application.apply.refused", app_id)


def test_an_approved_change_is_applied_once_in_the_approvers_name(db, record):
    apps = Applications(db)
    automatic = _application(apps)
    apps.record_decision(automatic, status=Status.APPROVED, findings=(), changes=CHANGE, extractions={})
    assert record.apply_approved(automatic, evidence_sha256=["ab" * 32]) is True
    assert record.apply_approved(automatic, evidence_sha256=["ab" * 32]) is False  # idempotent
    assert record.history(SUBJECT)[-1]["actor"] == "sistem"

    reviewed = _application(apps, change=ChangeType.KOREKSI_BIODATA)  # the first is still open
    apps.record_decision(reviewed, status=Status.NEEDS_REVIEW, findings=(),
                         changes={SUBJECT: {"pendidikan": "STRATA II"}}, extractions={})
    apps.record_review(reviewed, approve=True, verifikator="SITI (199001012015032001)", note="asli")
    assert record.apply_approved(reviewed, evidence_sha256=[]) is True
    latest = record.history(SUBJECT)[-1]
    assert (latest["actor"], latest["application_id"]) == ("SITI (199001012015032001)", reviewed)
    assert record.person(SUBJECT).pendidikan == "STRATA II"


def test_a_verifikator_approving_unread_evidence_applies_the_values_asked_for(db, record):
    """The evidence was not read (no change proven): the verifikator checked the scan against the request."""
    apps = Applications(db)
    upload = StoredObject("capil-intake", "applications/x/kk.png", "v1", "00" * 32)
    asked = apps.new_id()
    apps.create(application_id=asked, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                requested={"pendidikan": "AKADEMI/DIPLOMA III/S. MUDA"}, uploads={"kk": upload})
    apps.record_decision(asked, status=Status.NEEDS_REVIEW, findings=(), changes={}, extractions={})
    apps.record_review(asked, approve=True, verifikator="v", note="ijazah D3 dicek")
    assert apps.get(asked).changes == {SUBJECT: {"pendidikan": "AKADEMI/DIPLOMA III/S. MUDA"}}
    assert record.apply_approved(asked, evidence_sha256=[]) is True
    assert record.person(SUBJECT).pendidikan == "AKADEMI/DIPLOMA III/S. MUDA"


def test_an_approval_with_nothing_proven_or_asked_is_refused(db, record):
    apps = Applications(db)
    app_id = _application(apps)  # requested={}
    apps.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(), changes={}, extractions={})
    with pytest.raises(Conflict):
        apps.record_review(app_id, approve=True, verifikator="v", note="?")
    assert apps.get(app_id).status == Status.NEEDS_REVIEW
    assert apps.record_review(app_id, approve=False, verifikator="v", note="tidak terbaca").status == Status.REJECTED


def test_every_write_is_audited_and_the_chain_verifies(db, record):
    apps = Applications(db)
    app_id = _application(apps)
    apps.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(), changes=CHANGE, extractions={})
    apps.record_review(app_id, approve=True, verifikator="verifikator-1", note="cocok")
    record.apply_changes({SUBJECT: {"pendidikan": "DIPLOMA IV/STRATA I"}}, application_id=app_id,
                         evidence_sha256=["ab" * 32])
    audit = AuditLog(db)
    audit.record(actor="arsip-1", action="archive.get", subject_type="application", subject=app_id)
    entries = audit.entries()
    assert [(e["seq"], e["actor"], e["action"]) for e in entries] == [
        (1, "sistem", "population.import"),
        (2, "pemohon", "application.create"),
        (3, "sistem", "application.decide.automatic"),
        (4, "verifikator-1", "application.decide.review"),
        (5, "sistem", "person.change"),
        (6, "arsip-1", "archive.get"),
    ]
    assert all(e["prev_hash"] == p["entry_hash"] for p, e in itertools.pairwise(entries))
    assert [e["action"] for e in audit.entries(subject=SUBJECT)] == ["person.change"]
    verification = audit.verify()
    assert (verification.ok, verification.entries, verification.head_hash) == (True, 6, entries[-1]["entry_hash"])


def test_the_audit_log_refuses_update_and_delete(db, record):
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
    assert AuditLog(db).verify().ok


def _without_append_only_triggers(conn):
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
    else:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))


@pytest.mark.parametrize(
    ("tamper", "first_broken", "words"),
    [
        ("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2", 2, "changed"),
        ("DELETE FROM audit_log WHERE seq = 2", 2, "missing"),
        ("DELETE FROM audit_log WHERE seq = 4", 4, "missing"),  # the last entry: the head still names it
    ],
)
def test_verify_names_the_first_broken_entry(db, record, tamper, first_broken, words):
    audit = AuditLog(db)
    for i in range(3):
        audit.record(actor=f"user-{i}", action="person.view", subject_type="person", subject=SUBJECT)
    with db.engine.begin() as conn:
        _without_append_only_triggers(conn)
        conn.execute(text(tamper))
    verification = audit.verify()
    assert not verification.ok
    assert verification.first_broken == first_broken
    assert words in verification.reason


def test_migrations_match_the_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from registry._schema import Base

    assert db.revision() == head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_0_1_0_database_is_stamped_and_upgraded(db):
    from alembic import command

    from registry._migrate import _config

    with db.engine.begin() as conn:  # back to what 0.1.0's create_all made: revision 0001, no alembic_version
        command.downgrade(_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text(
            "INSERT INTO applications (id, nik, jenis_perubahan, status, requested, uploads, extractions, findings, "
            "changes, decided_by, decision_note, received_at, decided_at) VALUES ('a-1', :nik, 'pendidikan', "
            "'rejected', '{}', '{}', '{}', '[]', '{}', 'v-old', 'tidak cocok', :t, :t)"), {"nik": SUBJECT,
                                                                                              "t": "2024-01-02"})
    assert db.revision() is None
    assert db.migrate() == ("0001", head_revision())
    decisions = Applications(db).get("a-1").decisions
    assert [(d["kind"], d["by"], d["note"]) for d in decisions] == [("review", "v-old", "tidak cocok")]
    PopulationRecord(db).import_population(population())
    assert AuditLog(db).verify().ok


def test_frozen_vocabulary_of_the_migration_is_the_current_one():
    import importlib

    import core

    migration = importlib.import_module("registry.migrations.versions.0002_audit_decisions_vocab")
    for kind, values in migration.VOCAB.items():
        assert set(values) == set(core.canonical_values(kind)), f"{kind}: vocab.json changed, add a migration"


def test_database_errors_do_not_carry_personal_data(tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    database = Database(f"sqlite:///{tmp_path / 'capil.db'}")
    try:
        with pytest.raises(SQLAlchemyError) as caught, database.session() as s:
            s.execute(text("INSERT INTO no_such_table VALUES (:nik)"), {"nik": "7401050102030003"})
        assert "7401050102030003" not in str(caught.value)
    finally:
        database.dispose()
