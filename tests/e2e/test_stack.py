"""The README's path: `capil up`, import, `capil submit --wait`, archive, verify, staff login, `capil down`.

Everything runs as a user would run it: the `capil` command in subprocesses, against a whole
local stack (SeaweedFS, PKI service, Prefect server, flow runner, API) on free ports.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import synthetic
from core import Family
from tests.fixtures.stack import stack_env

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


class Capil:
    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env, self.cwd = env, cwd

    def __call__(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "capil", *args], capture_output=True, text=True,
                              env=self.env, cwd=self.cwd, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def capil(tmp_path_factory) -> Capil:
    root = tmp_path_factory.mktemp("stack")
    env = stack_env(root / "data")
    return Capil(env, root)


@pytest.fixture(scope="module")
def stack(capil):
    r = capil("up", timeout=400)
    try:
        assert r.returncode == 0, r.stderr[-3000:]
        yield r
    finally:
        down = capil("down", timeout=200)
        assert down.returncode == 0, down.stderr


def test_port_in_use_is_a_one_line_error_and_starts_nothing(capil):
    port = int(capil.env["CAPIL_API_PORT"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
        r = capil("up", timeout=60)
    assert r.returncode == 7
    assert r.stderr.strip().splitlines()[-1] == (
        f"capil: port {port} needed by api is in use by another program; "
        "stop it or choose other ports (see `capil config show`)")
    assert not list((Path(capil.env["CAPIL_DATA_DIR"]) / "run").glob("*.pid"))
    stopped = capil("status", timeout=60)
    assert stopped.returncode == 6 and stopped.stdout.count("stopped") == 5


def test_status_names_every_part_its_pid_and_health(capil, stack):
    r = capil("status", "--json", timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    parts = json.loads(r.stdout)
    assert [p["part"] for p in parts] == ["object-storage", "pki", "prefect-server", "flow-runner", "api"]
    assert all(p["healthy"] and p["pid"] > 1 for p in parts)


def test_submit_wait_archive_verify(capil, stack, tmp_path):
    assert "Prefect UI" in stack.stdout
    api = f"http://127.0.0.1:{capil.env['CAPIL_API_PORT']}"
    assert httpx.get(f"{api}/health").json() == {"status": "ok"}
    assert httpx.get(f"{api}/openapi.json").json()["info"]["title"] == "Capil"
    # Prefect's API answers only with the credential `capil up` generated (owner-only, in the data directory)
    prefect = f"http://127.0.0.1:{capil.env['CAPIL_PREFECT_PORT']}/api"
    auth_file = Path(capil.env["CAPIL_DATA_DIR"]) / "secrets" / "prefect-api-auth"
    assert auth_file.stat().st_mode & 0o777 == 0o600
    user, _, password = auth_file.read_text().strip().partition(":")
    assert httpx.post(f"{prefect}/deployments/filter", json={}).status_code == 401
    assert httpx.post(f"{prefect}/deployments/filter", json={}, auth=(user, "wrong")).status_code == 401
    assert httpx.post(f"{prefect}/deployments/filter", json={}, auth=(user, password)).status_code == 200

    doc = synthetic.population(families=2, seed=11)
    (tmp_path / "pop.json").write_text(json.dumps(doc))
    r = capil("registry", "import", str(tmp_path / "pop.json"), "--json")
    assert r.returncode == 0, r.stderr
    family = Family.from_dict(doc["keluarga"][0])
    subject = next(p for p in family.anggota if p.status_hubungan == "ANAK" and p.pendidikan != "STRATA III")
    (tmp_path / "kk.png").write_bytes(synthetic.render_kk(family, seed=11).png)
    (tmp_path / "ijazah.png").write_bytes(synthetic.render_ijazah(subject, jenjang="S1", seed=11).png)

    r = capil("submit", "--nik", subject.nik, "--change", "pendidikan", "--kk", str(tmp_path / "kk.png"),
              "--ijazah", str(tmp_path / "ijazah.png"), "--wait", "--json", timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    application = json.loads(r.stdout)  # exactly one JSON document
    assert application["status"] == "approved", application["findings"]
    assert application["document"]["sha256"]

    shown = json.loads(capil("application", "show", application["id"], "--json").stdout)
    assert shown["document"] == application["document"]
    record = json.loads(capil("registry", "show", subject.nik, "--json").stdout)
    assert record["penduduk"]["pendidikan"] == "DIPLOMA IV/STRATA I"

    pdf = tmp_path / "kk-signed.pdf"
    r = capil("archive", "get", application["id"], "--out", str(pdf))
    assert r.returncode == 0, r.stderr
    verified = json.loads(capil("verify", str(pdf), "--json").stdout)
    assert verified["valid"] and verified["timestamped"], verified
    pdfsig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in pdfsig.stdout

    listed = json.loads(capil("application", "list", "--status", "approved", "--json").stdout)
    assert [a["id"] for a in listed] == [application["id"]]


def test_staff_log_in_to_the_running_stack_and_everyone_else_is_refused(capil, stack):
    api = f"http://127.0.0.1:{capil.env['CAPIL_API_PORT']}"
    assert httpx.get(f"{api}/api/applications").status_code == 401
    assert httpx.get(f"{api}/review").headers["location"] == "/login?next=/review"

    password = "kata-sandi-e2e-1"
    r = subprocess.run([sys.executable, "-m", "capil", "users", "add", "siti", "--role", "verifikator",
                        "--password-stdin"], input=password + "\n", capture_output=True, text=True,
                       env=capil.env, cwd=capil.cwd, timeout=120)
    assert r.returncode == 0, r.stderr
    with httpx.Client(base_url=api) as browser:
        form = browser.get("/login?next=/review")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        r = browser.post("/login", data={"name": "siti", "password": password, "csrf_token": token,
                                         "next": "/review"})
        assert r.status_code == 303 and r.headers["location"] == "/review", r.text
        page = browser.get("/review")
        assert page.status_code == 200 and "Masuk sebagai" in page.text
        assert browser.get("/api/applications").status_code == 200
        assert browser.get("/api/archive/documents", params={"nik": "7401050102030003"}).status_code == 403

    r = capil("users", "token", "siti", "--label", "e2e")
    assert r.returncode == 0, r.stderr
    bearer = {"Authorization": f"Bearer {r.stdout.strip()}"}
    assert httpx.get(f"{api}/api/applications", headers=bearer).status_code == 200
    assert capil("users", "disable", "siti").returncode == 0
    assert httpx.get(f"{api}/api/applications", headers=bearer).status_code == 401


def test_bench_e2e_files_one_application_through_the_stack_and_reports_its_stages(capil, stack):
    r = capil("bench", "e2e", "--applications", "1", "--concurrency", "1", "--seed", "5", "--json", timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    report = json.loads(r.stdout)
    assert report["applications"] == 1 and report["archived"] == 1, report["per_application"]
    assert report["latency_seconds"]["n"] == 1 and report["latency_seconds"]["p50"] > 0
    # every stage from the upload to the archive, read back from Prefect's records of the run
    assert {"upload", "queued (runner poll)", "flow-run process start", "ocr kk", "cross-check", "record change",
            "render+sign+archive KK", "archive evidence"} <= set(report["stages_seconds"])
    assert report["raw_tesseract"]["pages"] == report["pages"] >= 2
    assert report["ocrmypdf"].get("seconds_per_page") or report["ocrmypdf"]["skipped"]
    assert report["resources"]["peak_by_process"]["flow run"]["peak_rss_mb"] > 0
    assert report["targets"]["no_failed_or_stuck_runs"] is True
