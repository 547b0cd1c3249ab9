"""`capil users`: accounts from the command line, passwords never on it, tokens printed once.

Each command runs in a child process (`python -m capil`) in the tests of what it does; the tests of its
mistakes run the same entry point in this process (tests/fixtures/cli.py), except the table's first row."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from casework import bootstrap
from core import load_settings
from tests.fixtures.cli import run_capil

PASSWORD = "kata-sandi-cli-1"


def capil(*args: str, data_dir, stdin: str | None = None, in_process: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAPIL_DATA_DIR": str(data_dir)}
    env.pop("CAPIL_DATABASE_URL", None)
    return run_capil(args, env=env, stdin=stdin if stdin is not None else "", in_process=in_process)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "d"


def _services(data_dir):
    return bootstrap(load_settings({}, data_dir=data_dir))


def test_add_list_disable_enable(data_dir):
    r = capil("users", "add", "Siti", "--role", "verifikator", "--full-name", "SITI (1990)", "--password-stdin",
              "--json", data_dir=data_dir, stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)
    assert (added["name"], added["role"], added["active"], added["full_name"]) == ("siti", "verifikator", True,
                                                                                   "SITI (1990)")
    assert PASSWORD not in r.stdout + r.stderr
    r = capil("users", "add", "budi", "--role", "arsip", "--password-stdin", data_dir=data_dir, stdin=PASSWORD)
    assert r.returncode == 0 and r.stdout.strip() == "user budi (arsip) created"

    listed = json.loads(capil("users", "list", "--json", data_dir=data_dir).stdout)
    assert [(u["name"], u["role"], u["active"]) for u in listed] == [("budi", "arsip", True),
                                                                    ("siti", "verifikator", True)]
    assert capil("users", "disable", "siti", "--by", "kepala", data_dir=data_dir).returncode == 0
    svc = _services(data_dir)
    assert svc.accounts.authenticate("siti", PASSWORD).user is None
    assert capil("users", "enable", "siti", data_dir=data_dir).returncode == 0
    assert svc.accounts.authenticate("siti", PASSWORD).user.name == "siti"
    actions = [(e["actor"], e["action"]) for e in svc.audit.entries() if e["action"].startswith("user.")]
    assert actions[2][0] == "kepala" and actions[0][0].startswith("cli:")
    assert [a for _, a in actions] == ["user.create", "user.create", "user.disable", "user.enable"]
    svc.database.dispose()


MISTAKES = [
    (["users", "add", "siti", "--role", "kepala", "--password-stdin"], PASSWORD, 2, "'--role'"),
    (["users", "add", "si ti", "--role", "arsip", "--password-stdin"], PASSWORD, 2, "not a valid user name"),
    (["users", "add", "sistem", "--role", "arsip", "--password-stdin"], PASSWORD, 2, "reserved"),
    (["users", "add", "siti", "--role", "arsip", "--password-stdin"], "pendek", 2, "at least 10"),
    (["users", "add", "siti", "--role", "arsip", "--password-stdin"], "", 2, "no password on stdin"),
    (["users", "add", "siti", "--role", "arsip"], "", 2, "--password-stdin"),  # no terminal to ask on
    (["users", "disable", "nobody"], "", 3, "no user named 'nobody'"),
    (["users", "passwd", "nobody", "--password-stdin"], PASSWORD, 3, "no user named"),
    (["users", "token", "nobody"], "", 3, "no user named"),
]


@pytest.mark.parametrize(("args", "stdin", "code", "words"), MISTAKES)
def test_mistakes_are_one_line_with_their_exit_code(data_dir, args, stdin, code, words):
    r = capil(*args, data_dir=data_dir, stdin=stdin, in_process=args != MISTAKES[0][0])
    assert r.returncode == code, (r.stdout, r.stderr)
    assert r.stdout == "" and words in r.stderr.strip().splitlines()[-1]


def test_a_second_account_of_the_same_name_is_a_conflict(data_dir):
    assert capil("users", "add", "siti", "--role", "arsip", "--password-stdin", data_dir=data_dir,
                 stdin=PASSWORD, in_process=True).returncode == 0
    r = capil("users", "add", "SITI", "--role", "admin", "--password-stdin", "--json", data_dir=data_dir,
              stdin=PASSWORD, in_process=True)
    assert r.returncode == 4 and json.loads(r.stdout)["code"] == "CONFLICT"


def test_passwd_and_token(data_dir):
    capil("users", "add", "loket-1", "--role", "arsip", "--password-stdin", data_dir=data_dir, stdin=PASSWORD)
    r = capil("users", "passwd", "loket-1", "--password-stdin", data_dir=data_dir, stdin="sandi-yang-baru-1\n")
    assert r.returncode == 0 and r.stdout == ""
    svc = _services(data_dir)
    assert svc.accounts.authenticate("loket-1", "sandi-yang-baru-1").user is not None

    r = capil("users", "token", "loket-1", "--label", "loket depan", data_dir=data_dir)
    token = r.stdout.strip()
    assert r.returncode == 0 and token.startswith("cst_") and "\n" not in token  # only the token on stdout
    assert svc.accounts.user_for_token(token).name == "loket-1"
    listed = json.loads(capil("users", "token", "loket-1", "--list", "--json", data_dir=data_dir).stdout)
    assert [t["label"] for t in listed] == ["loket depan"] and token not in json.dumps(listed)
    r = capil("users", "token", "loket-1", "--revoke", "--json", data_dir=data_dir)
    assert json.loads(r.stdout) == {"name": "loket-1", "revoked": 1}
    assert svc.accounts.user_for_token(token) is None
    svc.database.dispose()


def test_the_demo_makes_its_accounts_with_new_passwords_each_run(tmp_path):
    import stat

    from capil import _demo

    svc = _services(tmp_path / "d")
    first = _demo._demo_accounts(svc, tmp_path)
    again = _demo._demo_accounts(svc, tmp_path)
    assert [(n, r) for n, r, _ in again] == [("demo-verifikator", "verifikator"), ("demo-arsip", "arsip")]
    for (name, _, old), (_, _, new) in zip(first, again, strict=True):
        assert old != new and svc.accounts.authenticate(name, new).user is not None
        assert svc.accounts.authenticate(name, old).user is None
    written = tmp_path / "demo-accounts.txt"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_text().splitlines()[0] == f"demo-verifikator\tverifikator\t{again[0][2]}"
    svc.database.dispose()
