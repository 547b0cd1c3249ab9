"""A PostgreSQL cluster of our own, in a directory: the local stack's Prefect database
(`prefect_database = "postgresql"`) and the one of benchmarks/multihost.py.

    bin_dir()                                  Debian's PostgreSQL binaries (scripts/setup.sh installs them)
    init_cluster(root, password=, ...)         initdb once into root/data (scram-sha-256), its databases made
    server_argv(root, port=, listen=, ...)     the postmaster in the foreground (stop: SIGINT, a fast shutdown)
    run_as()                                   the user the server runs as: `postgres` when we are root
    LocalPrefectDatabase(settings)             the stack's cluster: its directory, password, URL, health

PostgreSQL refuses to run as root; as root the cluster's directory belongs to the `postgres` user (the
data directory above it must then be traversable, `capil up` sets it 0711: nothing in it is listable,
its secrets stay 0700). The password is generated once under the secrets directory, owner-only, and
handed to initdb in a file that only the cluster's owner reads and that is removed at once.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import subprocess
from pathlib import Path

from core import ConfigurationError, Settings

USER = "capil"
"""The cluster's superuser, and the role every client connects as."""

PREFECT_DATABASE = "prefect"
_PASSWORD_FILE = "prefect-database-password"
_SOCKET_PATH_MAX = 107  # sun_path, less its terminating NUL


def bin_dir() -> Path:
    """The newest `/usr/lib/postgresql/<version>/bin`, else the directory of `initdb` on PATH."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    if not found:
        raise ConfigurationError("PostgreSQL is not installed (initdb not found); install Debian's postgresql "
                                 "package (scripts/setup.sh does) or set prefect_database = \"sqlite\"")
    return Path(found).resolve().parent


def run_as() -> str | None:
    """`postgres` when this process is root (PostgreSQL refuses root), else None: the current user."""
    return "postgres" if os.geteuid() == 0 else None


def _run(argv: list[str], *, stdin: str | None = None) -> None:
    user = run_as()
    try:
        done = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=300, user=user,
                              cwd="/")
    except (OSError, subprocess.SubprocessError) as e:
        raise ConfigurationError(f"{Path(argv[0]).name} could not run: {type(e).__name__}: {e}") from e
    if done.returncode != 0:
        raise ConfigurationError(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-300:]}")


def _own(path: Path) -> None:
    user = run_as()
    if user is not None:
        shutil.chown(path, user=user, group=user)


def init_cluster(root: Path, *, password: str, databases: tuple[str, ...] = (),
                 hba: tuple[str, ...] = ()) -> Path:
    """Create the cluster in `root/data` (owner-only, `root` itself 0700 and the server's), with `USER` as its
    superuser authenticated by `password` (scram-sha-256 over the socket and TCP), the extra `hba` lines and
    the `databases`; returns the data directory. A cluster already there is left as it is."""
    data = root / "data"
    if (data / "PG_VERSION").exists():
        return data
    pg = bin_dir()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    _own(root)
    pwfile = root / "initdb-password"
    fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    _own(pwfile)
    try:
        if data.exists():  # an initdb interrupted before: start over
            shutil.rmtree(data)
        _run([str(pg / "initdb"), "-D", str(data), "-U", USER, "--auth=scram-sha-256", f"--pwfile={pwfile}",
              "-E", "UTF8", "--locale=C", "--no-sync"])
    finally:
        pwfile.unlink(missing_ok=True)
    if hba:
        with (data / "pg_hba.conf").open("a") as f:
            f.write("".join(line + "\n" for line in hba))
    for name in databases:  # single-user mode: no server, no socket, no password needed yet
        _run([str(pg / "postgres"), "--single", "-D", str(data), "postgres"],
             stdin=f'CREATE DATABASE "{name}";\n')
    return data


def server_argv(root: Path, *, port: int, listen: str = "", max_connections: int = 100,
                durable: bool = True) -> list[str]:
    """The postmaster of `root`'s cluster, in the foreground (its log on stderr), its socket in `root`, TCP
    on `listen` (addresses separated by `,`; empty: the socket only). `durable=False` (throwaway clusters)
    also turns off fsync; otherwise only commits are asynchronous (`synchronous_commit=off`): a crash can
    lose the last fraction of a second of Prefect's state changes, never corrupt the cluster."""
    argv = [str(bin_dir() / "postgres"), "-D", str(root / "data"), "-p", str(port), "-k", str(root),
            "-c", f"listen_addresses={listen}", "-c", f"max_connections={max_connections}",
            "-c", "synchronous_commit=off"]
    if not durable:
        argv += ["-c", "fsync=off", "-c", "full_page_writes=off"]
    return argv


class LocalPrefectDatabase:
    """The local stack's Prefect database: a cluster under `data_dir/prefect-db`, reached over its Unix
    socket only (no TCP port to collide with), its password under the secrets directory."""

    PORT = 5432
    """Names the socket file (`.s.PGSQL.5432`) in the cluster's own directory; no TCP port is opened."""

    def __init__(self, settings: Settings) -> None:
        self.root = settings.data_dir / "prefect-db"
        self._password_file = settings.secrets_dir / _PASSWORD_FILE
        socket = self.root / f".s.PGSQL.{self.PORT}"
        if len(str(socket)) > _SOCKET_PATH_MAX:
            raise ConfigurationError(f"the data directory's path is too long for PostgreSQL's socket ({socket}); "
                                     "choose a shorter CAPIL_DATA_DIR or prefect_database = \"sqlite\"")

    def ensure(self) -> None:
        """The password (generated once, owner-only) and the cluster with its `prefect` database."""
        user = run_as()
        if user is not None and subprocess.run(["test", "-x", str(self.root.parent)], user=user,
                                               check=False).returncode != 0:
            raise ConfigurationError(
                f"PostgreSQL runs as the {user} user, which cannot reach {self.root.parent} (a directory above it "
                "is owner-only); choose a CAPIL_DATA_DIR it can reach, e.g. under /var/lib or /tmp, or "
                "prefect_database = \"sqlite\"")
        init_cluster(self.root, password=self._password(create=True), databases=(PREFECT_DATABASE,))

    def argv(self) -> list[str]:
        return server_argv(self.root, port=self.PORT)

    def url(self) -> str:
        """The Prefect server's `PREFECT_SERVER_DATABASE_CONNECTION_URL` (asyncpg over the socket); secret."""
        return (f"postgresql+asyncpg://{USER}:{self._password()}@/{PREFECT_DATABASE}"
                f"?host={self.root}&port={self.PORT}")

    POOL_SIZE = 15
    """Connections the Prefect server keeps open. Prefect's default (5, and 10 more opened and closed as
    needed) started 137 backends in 46 applications at concurrency 4: a process fork and a password
    exchange each (issue #17)."""

    def server_env(self) -> dict[str, str]:
        """The Prefect server's settings for this database; the URL holds the password: secret."""
        return {"PREFECT_SERVER_DATABASE_CONNECTION_URL": self.url(),
                "PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE": str(self.POOL_SIZE)}

    def healthy(self) -> bool:
        """The server accepts our password and the `prefect` database answers a query."""
        import psycopg

        try:
            with psycopg.connect(host=str(self.root), port=self.PORT, user=USER, password=self._password(),
                                 dbname=PREFECT_DATABASE, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
        except (psycopg.Error, OSError):
            return False
        return True

    def _password(self, *, create: bool = False) -> str:
        path = self._password_file
        if create and not path.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as f:
                    f.write(secrets.token_urlsafe(24) + "\n")
        try:
            return path.read_text().strip()
        except OSError:
            return ""
