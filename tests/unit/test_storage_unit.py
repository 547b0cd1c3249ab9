"""storage without a server: credentials file, SeaweedFS command line, public face."""

from __future__ import annotations

import json
import stat
import sys
import tomllib
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
        "SeaweedFSSecurity",
        "ensure_s3_credentials",
        "s3_healthy",
        "seaweedfs_argv",
        "seaweedfs_security",
        "seaweedfs_shell_argv",
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
    return {name: value if sep else "true" for name, sep, value in (arg[1:].partition("=") for arg in argv[3:])}


def test_argv_runs_one_server_with_s3_filer_and_auth(tmp_path: Path) -> None:
    argv = storage.seaweedfs_argv(tmp_path / "s3", credentials=CREDS, s3_port=18333)
    flags = _flags(argv)

    assert Path(argv[0]).name == "weed" and argv[2] == "server"
    assert argv[1] == f"-config_dir={(tmp_path / 's3' / 'config').resolve()}"
    assert flags["s3"] == "true" and flags["filer"] == "true"
    assert flags["s3.port"] == "18333"
    assert flags["ip"] == flags["ip.bind"] == "127.0.0.1"
    assert flags["master.telemetry"] == "false"
    assert flags["s3.autoCreateBucket"] == "false"
    assert flags["filer.disableHttp"] == flags["disableHttp"] == "true"
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


def test_security_config_is_private_complete_and_generated_once(tmp_path: Path) -> None:
    first = storage.seaweedfs_security(tmp_path / "s3")
    contents = {path: path.read_bytes() for path in first.files()}
    second = storage.seaweedfs_security(tmp_path / "s3")  # what every later start calls

    assert {path: path.read_bytes() for path in second.files()} == contents
    assert _mode(first.config_dir) == 0o700
    assert {path.name: _mode(path) for path in first.files()} == dict.fromkeys(
        ["security.toml", "ca.crt", "seaweedfs.crt", "seaweedfs.key"], 0o600
    )
    assert sorted(first.config_dir.parent.iterdir()) == [first.config_dir]  # no staging left behind
    toml = tomllib.loads(first.security_toml.read_text())
    keys = [toml["jwt"]["signing"]["key"], toml["jwt"]["signing"]["read"]["key"],
            toml["jwt"]["filer_signing"]["key"], toml["jwt"]["filer_signing"]["read"]["key"]]
    assert len(set(keys)) == 4 and all(len(key) >= 48 for key in keys)
    assert toml["grpc"]["ca"] == str(first.ca)
    for component in ("master", "volume", "filer", "s3", "client"):
        assert toml["grpc"][component] == {"cert": str(first.cert), "key": str(first.key)}
    assert b"PRIVATE KEY" not in first.ca.read_bytes()  # the CA key is not kept


def test_security_config_differs_between_installations(tmp_path: Path) -> None:
    a, b = storage.seaweedfs_security(tmp_path / "a"), storage.seaweedfs_security(tmp_path / "b")
    assert a.security_toml.read_text().split("[access]")[0] != b.security_toml.read_text().split("[access]")[0]
    assert a.ca.read_bytes() != b.ca.read_bytes()


def test_damaged_security_config_is_not_replaced(tmp_path: Path) -> None:
    security = storage.seaweedfs_security(tmp_path)
    security.key.unlink()
    with pytest.raises(core.ConfigurationError, match=r"seaweedfs\.key"):
        storage.seaweedfs_security(tmp_path)
    assert not security.key.exists()


def test_shell_argv_carries_the_config_only_when_given(tmp_path: Path) -> None:
    plain = storage.seaweedfs_shell_argv(s3_port=20000, config_dir=None)
    secured = storage.seaweedfs_shell_argv(s3_port=20000, config_dir=tmp_path)
    assert plain[1:] == ["shell", "-master=127.0.0.1:20001.20004", "-filer=127.0.0.1:20003.20006"]
    assert secured[1:] == [f"-config_dir={tmp_path}", *plain[1:]]
