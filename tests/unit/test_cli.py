"""The `capil` command's contract: one JSON document on stdout, one-line reasons and exit codes on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.fixtures.population import population


def capil(*args: str, data_dir, input_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAPIL_DATA_DIR": str(data_dir), **(input_env or {})}
    env.pop("CAPIL_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "capil", *args], capture_output=True, text=True, env=env,
                          timeout=60)


@pytest.fixture
def population_file(tmp_path):
    path = tmp_path / "population.json"
    path.write_text(json.dumps(population()))
    return path


def test_registry_import_show_history(tmp_path, population_file):
    r = capil("registry", "import", str(population_file), "--json", data_dir=tmp_path / "d")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"families": 2, "persons": 4, "created": 4, "updated": 0, "unchanged": 0}

    r = capil("registry", "show", "7401050102030003", "--json", data_dir=tmp_path / "d")
    shown = json.loads(r.stdout)
    assert shown["penduduk"]["nama_lengkap"] == "LA ODE ARYA SAPUTRA"
    assert shown["keluarga"]["no_kk"] == "7401051203080012"
    assert len(shown["keluarga"]["anggota"]) == 3

    r = capil("registry", "history", "7401050102030003", "--json", data_dir=tmp_path / "d")
    assert [v["source"] for v in json.loads(r.stdout)] == ["import"]


def test_invalid_population_is_one_line_and_writes_nothing(tmp_path):
    doc = population()
    doc["keluarga"][0]["anggota"][0]["agama"] = "JEDI"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = capil("registry", "import", str(bad), data_dir=tmp_path / "d")
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "agama" in r.stderr
    r = capil("registry", "show", "7401050102030003", "--json", data_dir=tmp_path / "d")
    assert r.returncode == 3 and "NIK" in r.stderr


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["registry", "import", "/nonexistent.json"], 2, "cannot read"),
        (["application", "show", "nope", "--json"], 3, "no application"),
        (["submit", "--nik", "1", "--change", "gelar", "--kk", "x.png"], 2, "unknown change"),
        (["extract", "/etc/hostname", "--json"], 2, "not a PNG"),
    ],
)
def test_errors_are_one_line_with_their_exit_code(tmp_path, args, code, words):
    r = capil(*args, data_dir=tmp_path / "d")
    assert r.returncode == code, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr


def test_config_show_masks_secrets(tmp_path):
    r = capil("config", "show", "--json", data_dir=tmp_path / "d", input_env={"CAPIL_S3_SECRET_KEY": "topsecret"})
    shown = json.loads(r.stdout)
    assert shown["s3_secret_key"] == "********" and "topsecret" not in r.stdout
    assert shown["data_dir"] == str(tmp_path / "d")


def test_registry_export_round_trip_and_audit(tmp_path, population_file):
    d = tmp_path / "d"
    assert capil("registry", "import", str(population_file), data_dir=d).returncode == 0
    r = capil("registry", "export", "--out", str(tmp_path / "out.json"), data_dir=d)
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "out.json").read_text()) == population()
    r = capil("registry", "show", "7401050102030003", "--by", "verifikator-7", "--json", data_dir=d)
    assert r.returncode == 0, r.stderr
    r = capil("audit", "log", "--json", data_dir=d)
    assert [(e["actor"], e["action"]) for e in json.loads(r.stdout)][1:] == [
        (json.loads(r.stdout)[1]["actor"], "population.export"), ("verifikator-7", "person.view")]
    r = capil("audit", "verify", "--json", data_dir=d)
    assert r.returncode == 0 and json.loads(r.stdout)["entries"] == 3


def test_audit_verify_fails_naming_the_edited_entry(tmp_path, population_file):
    import sqlite3

    d = tmp_path / "d"
    assert capil("registry", "import", str(population_file), data_dir=d).returncode == 0
    assert capil("registry", "show", "7401050102030003", data_dir=d).returncode == 0
    conn = sqlite3.connect(d / "capil.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1")
    conn.commit()
    conn.close()
    r = capil("audit", "verify", data_dir=d)
    assert r.returncode == 5
    assert len(r.stderr.strip().splitlines()) == 1 and "entry 1" in r.stderr


def test_invalid_population_with_json_lists_every_path(tmp_path):
    doc = population()
    doc["keluarga"][0]["anggota"][0]["agama"] = "JEDI"
    doc["keluarga"][1]["anggota"][0]["nik"] = "9901051203800001"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = capil("registry", "import", str(bad), "--json", data_dir=tmp_path / "d")
    assert r.returncode == 2
    assert json.loads(r.stdout)["problems"] == [
        "$.keluarga[0].anggota[0].agama: 'JEDI' is not a SIAK value",
        "$.keluarga[1].anggota[0].nik: region code: 99 is not a province code",
    ]
    assert len(r.stderr.strip().splitlines()) == 1


def test_registry_migrate_reports_the_revision(tmp_path):
    r = capil("registry", "migrate", "--json", data_dir=tmp_path / "d")
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["before"] is None and shown["after"] == "0002"
