"""The population record on a real SQLite file."""

import pytest

from core import ChangeType, Conflict, InvalidPopulation, Status, StoredObject, UnknownPerson
from registry import Applications, Database, PopulationRecord
from tests.fixtures.population import population

SUBJECT = "7401050102030003"


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'capil.db'}")
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
    report = record.import_population(doc)
    assert report.updated == 1
    history = record.history(SUBJECT)
    assert [h["version"] for h in history] == [1, 2]
    assert history[1]["changed"] == {"jenis_pekerjaan": ["PELAJAR/MAHASISWA", "KARYAWAN SWASTA"]}


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


def test_family_of_keeps_printed_order(record):
    family = record.family_of(SUBJECT)
    assert family.no_kk == "7401051203080012"
    assert [p.status_hubungan for p in family.anggota] == ["KEPALA KELUARGA", "ISTRI", "ANAK"]


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


def test_application_lifecycle(db, record):
    apps = Applications(db)
    upload = StoredObject("capil-intake", "applications/x/kk.png", "v1", "00" * 32)
    app_id = apps.new_id()
    created = apps.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN,
                          requested={}, uploads={"kk": upload})
    assert created.status == Status.RECEIVED
    assert apps.mark_processing(app_id).status == Status.PROCESSING
    decided = apps.record_decision(app_id, status=Status.NEEDS_REVIEW, findings=(), changes={}, extractions={})
    assert decided.status == Status.NEEDS_REVIEW
    reviewed = apps.record_review(app_id, approve=True, verifikator="v", note="ok")
    assert (reviewed.status, reviewed.decided_by) == (Status.PROCESSING, "v")
    with pytest.raises(Conflict):  # a second decision on the same application
        apps.record_review(app_id, approve=False, verifikator="w", note="twice")
    data = apps.get(app_id).to_dict()
    assert data["uploads"]["kk"]["sha256"] == "00" * 32
    assert data["timings"]["received_at"].endswith("+00:00")
    assert [a.id for a in apps.list(status=Status.PROCESSING)] == [app_id]
