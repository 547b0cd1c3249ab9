"""The `capil` command's contract: one JSON document on stdout, one-line reasons and exit codes on failure.

Every command tested here runs at least once in a child process (`python -m capil`, as staff run it), and
so does the first row of each table; the other tests of how a failure or a usage mistake is reported run
the same entry point in this process (`in_process=True`, tests/fixtures/cli.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.fixtures.cli import run_capil
from tests.fixtures.population import population


def capil(*args: str, data_dir, input_env: dict | None = None,
          in_process: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAPIL_DATA_DIR": str(data_dir), **(input_env or {})}
    env.pop("CAPIL_DATABASE_URL", None)
    return run_capil(args, env=env, in_process=in_process)


def first_row(args: list[str], table: list) -> bool:
    """Whether `args` are the first row's of a parametrized table (that row runs in a child process)."""
    return args == table[0][0]


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
    r = capil("registry", "import", str(bad), data_dir=tmp_path / "d", in_process=True)
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "agama" in r.stderr
    r = capil("registry", "show", "7401050102030003", "--json", data_dir=tmp_path / "d", in_process=True)
    assert r.returncode == 3 and "NIK" in r.stderr


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["registry", "import", "/nonexistent.json"], 2, "cannot read"),
        (["application", "show", "nope"], 3, "no application"),
        (["extract", "/etc/hostname"], 2, "not a PNG"),
    ],
)
def test_errors_are_one_line_with_their_exit_code(tmp_path, args, code, words):
    r = capil(*args, data_dir=tmp_path / "d")
    assert r.returncode == code, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr


def test_config_show_masks_secrets(tmp_path):
    r = capil("config", "show", "--json", data_dir=tmp_path / "d", input_env={"CAPIL_S3_SECRET_KEY": "topsecret"},
              in_process=True)
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
    assert capil("registry", "import", str(population_file), data_dir=d, in_process=True).returncode == 0
    assert capil("registry", "show", "7401050102030003", data_dir=d, in_process=True).returncode == 0
    conn = sqlite3.connect(d / "capil.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1")
    conn.commit()
    conn.close()
    r = capil("audit", "verify", data_dir=d, in_process=True)
    assert r.returncode == 5
    assert len(r.stderr.strip().splitlines()) == 1 and "entry 1" in r.stderr
    r = capil("audit", "verify", "--json", data_dir=d, in_process=True)
    assert r.returncode == 5 and len(r.stderr.strip().splitlines()) == 1
    error = json.loads(r.stdout)  # one document: the error, not the report and then the error
    assert (error["code"], error["exit_code"]) == ("INTEGRITY_ALARM", 5) and "entry 1" in error["message"]


def test_invalid_population_with_json_lists_every_path(tmp_path):
    doc = population()
    doc["keluarga"][0]["anggota"][0]["agama"] = "JEDI"
    doc["keluarga"][1]["anggota"][0]["nik"] = "9901051203800001"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = capil("registry", "import", str(bad), "--json", data_dir=tmp_path / "d", in_process=True)
    assert r.returncode == 2
    assert (json.loads(r.stdout)["code"], json.loads(r.stdout)["exit_code"]) == ("INVALID_POPULATION", 2)
    assert json.loads(r.stdout)["problems"] == [
        "$.keluarga[0].anggota[0].agama: 'JEDI' is not a SIAK value",
        "$.keluarga[1].anggota[0].nik: region code: 99 is not a province code",
    ]
    assert len(r.stderr.strip().splitlines()) == 1


def test_registry_migrate_reports_the_revision(tmp_path):
    r = capil("registry", "migrate", "--json", data_dir=tmp_path / "d")
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["before"] is None and shown["after"] == "0005"  # the newest migration: the applicant's e-mail


# --- usage mistakes: exit 2, the usage line, then the one-line reason --------------------------------

USAGE_MISTAKES = [
    (["bogus"], "capil", "No such command 'bogus'"),
    (["registry", "bogus"], "capil registry", "No such command 'bogus'"),
    (["--bogus"], "capil", "No such option: --bogus"),
    (["config", "show", "--bogus"], "capil config show", "No such option: --bogus"),
    (["registry", "import"], "capil registry import", "Missing argument 'file'"),
    (["submit", "--nik", "1"], "capil submit", "Missing option '--change'"),
    (["application", "decide", "x", "--by"], "capil application decide", "'--by' requires an argument"),
    (["synth", "population", "--families", "many"], "capil synth population", "valid integer"),
    (["synth", "population", "--families", "0"], "capil synth population", "greater than or equal to 1"),
    (["up", "--timeout", "soon"], "capil up", "valid number"),
    (["submit", "--nik", "1", "--change", "gelar", "--kk", "x.png"], "capil submit", "'gelar' is not one of"),
    (["application", "list", "--status", "done"], "capil application list", "'done' is not one of"),
    (["extract", "x.png", "--type", "ktp"], "capil extract", "'ktp' is not one of"),
    (["verify", "x.pdf", "--level", "B-Q"], "capil verify", "'B-Q' is not one of"),
    (["archive", "list"], "capil archive list", "give exactly one"),
    (["synth", "documents", "--population", "p.json", "--out", "o", "--look", "odd"], "capil synth documents",
     "'odd' is not one of"),
    (["submit", "--nik", "1", "--change", "pendidikan", "--kk", "x.png", "--set", "pendidikan"], "capil submit",
     "'pendidikan' is not FIELD=VALUE"),
]


@pytest.mark.parametrize(("args", "usage", "words"), USAGE_MISTAKES)
def test_usage_mistakes_exit_2_with_the_usage_line_and_the_reason(tmp_path, args, usage, words):
    r = capil(*args, data_dir=tmp_path / "d", in_process=not first_row(args, USAGE_MISTAKES))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3, r.stderr
    assert lines[0].startswith(f"Usage: {usage} ")
    assert lines[1] == f"Try '{usage} --help' for help."
    assert lines[2].startswith("capil: ") and words in lines[2]


GROUPS = [([], "registry"), (["registry"], "import"), (["audit"], "verify"), (["bench"], "ocr")]


@pytest.mark.parametrize(("args", "listed"), GROUPS)
def test_a_group_without_a_command_shows_its_help_on_stderr_and_exits_2(tmp_path, args, listed):
    r = capil(*args, data_dir=tmp_path / "d", in_process=not first_row(args, GROUPS))
    assert r.returncode == 2
    assert r.stdout == ""
    assert f"Usage: {' '.join(['capil', *args])} [OPTIONS] COMMAND" in r.stderr and listed in r.stderr
    assert r.stderr.strip().splitlines()[-1] == "capil: Missing command."


def test_help_asked_for_is_on_stdout_and_exits_0(tmp_path):
    r = capil("registry", "--help", data_dir=tmp_path / "d", in_process=True)
    assert r.returncode == 0 and r.stderr == ""
    assert "Usage: capil registry [OPTIONS] COMMAND" in r.stdout


# --- with --json a failure is one JSON error object on stdout as well ---------------------------------

JSON_FAILURES = [
    (["registry", "import", "/nonexistent.json", "--json"], 2, "INVALID_INPUT"),
    (["application", "show", "nope", "--json"], 3, "UNKNOWN_APPLICATION"),
    (["extract", "/etc/hostname", "--json"], 2, "UNSUPPORTED_FILE"),
    (["registry", "import", "--json"], 2, "USAGE_ERROR"),
    (["extract", "x.png", "--type", "ktp", "--json"], 2, "USAGE_ERROR"),
    (["bogus", "--json"], 2, "USAGE_ERROR"),
]


@pytest.mark.parametrize(("args", "exit_code", "code"), JSON_FAILURES)
def test_json_failure_is_one_error_object_and_the_reason_on_stderr(tmp_path, args, exit_code, code):
    r = capil(*args, data_dir=tmp_path / "d", in_process=not first_row(args, JSON_FAILURES))
    assert r.returncode == exit_code, (r.stdout, r.stderr)
    error = json.loads(r.stdout)  # exactly one JSON document, nothing else
    assert error == {"code": code, "message": error["message"], "exit_code": exit_code, "retryable": False}
    assert r.stderr.strip().splitlines()[-1] == f"capil: {error['message']}"


# --- other libraries' warnings stay off stderr ---------------------------------------------------------

def test_third_party_warnings_stay_off_stderr(tmp_path):
    """Every command imports pyHanko, which warns about cryptography's DSA; staff see only Capil's line."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    quiet = subprocess.run([sys.executable, "-m", "capil", "verify", str(tmp_path / "missing.pdf")],
                           capture_output=True, text=True, env={**env, "CAPIL_DATA_DIR": str(tmp_path / "d")},
                           timeout=60)
    assert quiet.returncode == 2
    assert quiet.stderr == f"capil: cannot read {tmp_path / 'missing.pdf'}: No such file or directory\n"
    shown = capil("config", "show", data_dir=tmp_path / "d", input_env={"PYTHONWARNINGS": "default"})
    assert "Warning" in shown.stderr, "a developer's PYTHONWARNINGS still shows them (and there is one to hide)"
    quiet = subprocess.run([sys.executable, "-m", "capil", "config", "show"], capture_output=True, text=True,
                           env={**env, "CAPIL_DATA_DIR": str(tmp_path / "d")}, timeout=60)
    assert quiet.returncode == 0 and quiet.stderr == ""


# --- progress: on stderr, only when stderr is a terminal ------------------------------------------------

def capil_on_a_terminal(*args: str, data_dir) -> tuple[int, str, str]:
    """Run capil with stderr on a pseudo-terminal and stdout a pipe: (exit code, stdout, what the terminal got)."""
    import pty
    import threading

    env = {**os.environ, "CAPIL_DATA_DIR": str(data_dir), "TERM": "xterm", "COLUMNS": "100"}
    env.pop("CAPIL_DATABASE_URL", None)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "capil", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # a full terminal buffer would block the command
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the command closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        out, _ = proc.communicate(timeout=120)
    finally:
        reader.join(timeout=10)
        os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_long_commands_show_progress_on_a_terminal_stderr_and_never_on_stdout(tmp_path, population_file):
    code, out, terminal = capil_on_a_terminal("synth", "documents", "--population", str(population_file),
                                              "--out", str(tmp_path / "corpus"), "--count", "2",
                                              "--variants", "clean", data_dir=tmp_path / "d")
    assert code == 0, terminal
    assert out == ""
    assert "rendering documents" in terminal and "/2" in terminal
    assert terminal.rstrip().endswith("applications in " + str(tmp_path / "corpus") + " (manifest.json)")

    code, out, terminal = capil_on_a_terminal("bench", "registry", "--persons", "10", "--lookups", "5", "--json",
                                              data_dir=tmp_path / "d")
    assert code == 0, terminal
    assert json.loads(out)["lookups"] == 5 and "\x1b" not in out
    assert "lookups by NIK" in terminal


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, population_file):
    r = capil("synth", "documents", "--population", str(population_file), "--out", str(tmp_path / "corpus"),
              "--count", "2", "--variants", "clean", data_dir=tmp_path / "d", in_process=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr == f"2 documents, 1 applications in {tmp_path / 'corpus'} (manifest.json)\n"
    r = capil("bench", "registry", "--persons", "10", "--lookups", "5", "--json", data_dir=tmp_path / "d",
              in_process=True)
    assert r.returncode == 0 and r.stderr == ""
    assert json.loads(r.stdout)["lookups"] == 5


def test_status_does_not_take_a_reused_pid_for_a_running_part(tmp_path):
    """A pid file names a process that was killed; the pid now belongs to a program started after the
    file was written (pids wrap at 32768): the part is stopped, and `capil up` would start it again."""
    run = tmp_path / "data" / "run"
    run.mkdir(parents=True)
    before = subprocess.Popen(["sleep", "60"])  # started before its pid file: the part itself
    time.sleep(1.5)
    (run / "pki.pid").write_text(str(before.pid))
    later = subprocess.Popen(["sleep", "60"])  # started after the file was written: a stranger
    (run / "api.pid").write_text(str(later.pid))
    old = time.time() - 30
    os.utime(run / "api.pid", (old, old))
    try:
        r = capil("status", "--json", data_dir=tmp_path / "data")
        pids = {p["part"]: p["pid"] for p in json.loads(r.stdout)}
        assert pids["pki"] == before.pid
        assert pids["api"] is None
    finally:
        for proc in (before, later):
            proc.kill()
            proc.wait()
