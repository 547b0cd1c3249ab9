"""storage without a server: credentials file, SeaweedFS command line, public face."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

import core
import storage


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_public_face() -> None:
    assert set(storage.__all__) == {
        "PORT_SPAN",
        "SHA256_META",
        "MemoryObjectStore",
        "ObjectRetention",
        "ObjectStore",
        "S3Credentials",
        "S3ObjectStore",
        "SeaweedFSPorts",
        "ensure_s3_credentials",
        "s3_healthy",
        "seaweedfs_argv",
    }


def test_credentials_generated_once_with_private_modes(tmp_path: Path) -> None:
    secrets_dir = tmp_path / "secrets"
    first = storage.ensure_s3_credentials(secrets_dir)
    second = storage.ensure_s3_credentials(secrets_dir)

    assert first == second
    assert len(first.access_key) == 20 and first.access_key.isalnum()
    assert len(first.secret_key) >= 40
    assert _mode(secrets_dir) == 0o700
    assert _mode(secrets_dir / "s3.json") == 0o600
    assert json.loads((secrets_dir / "s3.json").read_text()) == {
        "access_key": first.access_key,
        "secret_key": first.secret_key,
    }
    assert list(secrets_dir.iterdir()) == [secrets_dir / "s3.json"]


def test_credentials_differ_between_installations(tmp_path: Path) -> None:
    assert storage.ensure_s3_credentials(tmp_path / "a") != storage.ensure_s3_credentials(tmp_path / "b")


def test_loose_permissions_are_tightened(tmp_path: Path) -> None:
    storage.ensure_s3_credentials(tmp_path)
    (tmp_path / "s3.json").chmod(0o644)
    tmp_path.chmod(0o755)
    storage.ensure_s3_credentials(tmp_path)
    assert _mode(tmp_path / "s3.json") == 0o600
    assert _mode(tmp_path) == 0o700


def test_malformed_credentials_file_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "s3.json").write_text("{not json")
    with pytest.raises(core.ConfigurationError, match=r"s3\.json"):
        storage.ensure_s3_credentials(tmp_path)


def test_repr_hides_the_secret() -> None:
    creds = storage.S3Credentials(access_key="AK", secret_key="very-secret")
    assert "very-secret" not in repr(creds)


CREDS = storage.S3Credentials(access_key="AKIAEXAMPLE", secret_key="secret-example")


def _flags(argv: list[str]) -> dict[str, str]:
    return dict(arg[1:].split("=", 1) if "=" in arg else (arg[1:], "true") for arg in argv[2:])


def test_argv_runs_one_server_with_s3_filer_and_auth(tmp_path: Path) -> None:
    argv = storage.seaweedfs_argv(tmp_path / "s3", credentials=CREDS, s3_port=18333)
    flags = _flags(argv)

    assert Path(argv[0]).name == "weed" and argv[1] == "server"
    assert flags["s3"] == "true" and flags["filer"] == "true"
    assert flags["s3.port"] == "18333"
    assert flags["ip"] == flags["ip.bind"] == "127.0.0.1"
    assert flags["master.telemetry"] == "false"
    assert flags["s3.autoCreateBucket"] == "false"
    assert flags["filer.disableHttp"] == "true"
    assert Path(flags["dir"]).is_relative_to((tmp_path / "s3").resolve())

    identities = Path(flags["s3.config"])
    assert identities.is_relative_to((tmp_path / "s3").resolve())
    assert _mode(identities) == 0o600
    assert _mode(tmp_path / "s3") == 0o700
    (identity,) = json.loads(identities.read_text())["identities"]
    assert identity["credentials"] == [{"accessKey": "AKIAEXAMPLE", "secretKey": "secret-example"}]


def test_all_ports_come_from_the_s3_port(tmp_path: Path) -> None:
    flags = _flags(storage.seaweedfs_argv(tmp_path, credentials=CREDS, s3_port=20000))
    ports = {int(v) for k, v in flags.items() if k.endswith((".port", ".port.grpc"))}
    assert ports == set(range(20000, 20000 + storage.PORT_SPAN))
    assert flags["s3.port.iceberg"] == flags["s3.port.lance"] == "0"


def test_two_instances_do_not_share_ports() -> None:
    dev = storage.SeaweedFSPorts.from_s3_port(8333)
    test = storage.SeaweedFSPorts.from_s3_port(8333 + storage.PORT_SPAN)
    assert not set(dev.all()) & set(test.all())
    assert dev.s3 == 8333 and len(set(dev.all())) == storage.PORT_SPAN


def test_port_block_must_fit(tmp_path: Path) -> None:
    with pytest.raises(core.ConfigurationError, match="65530"):
        storage.seaweedfs_argv(tmp_path, credentials=CREDS, s3_port=65530)


def test_missing_binary_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(core.ConfigurationError, match="weed"):
        storage.seaweedfs_argv(tmp_path / "s3", credentials=CREDS)


def test_health_probe_is_false_when_nothing_listens() -> None:
    assert storage.s3_healthy("127.0.0.1:9", timeout_seconds=0.5) is False


def test_killed_server_sockets_are_named_by_port() -> None:
    sockets = storage.SeaweedFSPorts.from_s3_port(20000).unix_sockets()
    assert Path("/tmp/seaweedfs-s3-20000.sock") in sockets
    assert all(p.parent == Path("/tmp") for p in sockets)


def test_memory_store_behaves_like_the_real_one() -> None:
    store = storage.MemoryObjectStore()
    store.ensure_bucket("archive")
    store.ensure_bucket("archive")
    obj = store.put_once("archive", "k", b"bytes", retain_days=1)

    assert store.put_once("archive", "k", b"bytes") == obj
    assert store.stat("archive", "k") == obj
    assert store.stat("archive", "other") is None
    assert store.get(obj) == b"bytes"
    assert store.retention(obj).mode == "COMPLIANCE"
    with pytest.raises(core.Conflict):
        store.put_once("archive", "k", b"other bytes")
    with pytest.raises(core.Conflict):
        store.delete_version(obj)
    store.tamper(obj, b"rotten")
    with pytest.raises(core.IntegrityAlarm):
        store.get(obj)
    with pytest.raises(core.NotFound):
        store.put("missing", "k", b"x")

    plain = store.put("archive", "scratch", b"x")
    store.delete_version(plain)
    with pytest.raises(core.NotFound):
        store.get(plain)
