"""The local stack's PostgreSQL for the Prefect server (capil.postgres): made once under the data
directory, owner-only, reached over its socket with the generated password, stopped by SIGINT."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from capil.postgres import LocalPrefectDatabase, bin_dir, run_as
from core import ConfigurationError, load_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def data_dir() -> Iterator[Path]:
    try:
        bin_dir()
    except ConfigurationError as e:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(str(e))
        pytest.skip(str(e))
    root = Path(tempfile.mkdtemp(prefix="capil-pg-stack-"))  # /tmp: the postgres user can reach it
    os.chmod(root, 0o711)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_the_prefect_database_starts_answers_its_url_and_stops(data_dir: Path) -> None:
    settings = load_settings({"CAPIL_DATA_DIR": str(data_dir), "CAPIL_PREFECT_DATABASE": "postgresql"})
    db = LocalPrefectDatabase(settings)
    db.ensure()
    db.ensure()  # made once: a second call keeps the cluster and its password
    password = settings.secrets_dir / "prefect-database-password"
    assert stat.S_IMODE(password.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.root.stat().st_mode) == 0o700
    assert not list(db.root.glob("initdb-password"))  # the password handed to initdb is gone
    assert not db.healthy()
    with (data_dir / "pg.log").open("ab") as log:
        server = subprocess.Popen(db.argv(), user=run_as(), start_new_session=True, stdout=log,
                                  stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            if db.healthy():
                break
            assert server.poll() is None, (data_dir / "pg.log").read_text()[-500:]
            subprocess.run(["sleep", "0.25"], check=True)
        assert db.healthy()
        assert asyncio.run(_current_database(db.url())) == "prefect"  # the URL the Prefect server is given
        wrong = LocalPrefectDatabase(settings)
        password.write_text("not-the-password\n")
        assert not wrong.healthy()
    finally:
        os.kill(server.pid, signal.SIGINT)
        assert server.wait(30) == 0


def test_a_data_directory_postgres_cannot_reach_is_refused_with_the_reason(tmp_path: Path) -> None:
    if run_as() is None:
        pytest.skip("only as root does PostgreSQL run as another user")
    os.chmod(tmp_path, 0o700)
    settings = load_settings({"CAPIL_DATA_DIR": str(tmp_path / "data"), "CAPIL_PREFECT_DATABASE": "postgresql"})
    (tmp_path / "data").mkdir()
    with pytest.raises(ConfigurationError, match="cannot reach"):
        LocalPrefectDatabase(settings).ensure()
    assert not (tmp_path / "data" / "prefect-db").exists()


async def _current_database(url: str) -> str:
    import sqlalchemy
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return str((await conn.execute(sqlalchemy.text("SELECT current_database()"))).scalar_one())
    finally:
        await engine.dispose()


def test_the_setting_names_one_of_the_two_databases() -> None:
    assert load_settings({}).prefect_database == "sqlite"
    with pytest.raises(ConfigurationError, match=r"prefect_database.*'postgres'.*sqlite, postgresql"):
        load_settings({"CAPIL_PREFECT_DATABASE": "postgres"})
