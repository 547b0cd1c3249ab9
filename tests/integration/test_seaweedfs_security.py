"""Below the S3 gateway, the session's SeaweedFS answers only to its own certificates and keys.

The attack this guards against: `weed shell` on the same machine ran `fs.cat` on a signed KK
and `fs.rm` on a version locked until 2036, because the filer, volume and master ports asked
for nothing. Each refusal here has its control: the same request with the instance's own
configuration (client certificate, JWT signed with its key) succeeds, so what refuses is the
security configuration and not a broken command.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import ssl
import subprocess
import time
import tomllib
from pathlib import Path

import httpx
import pytest

import core
import storage
from tests.fixtures.seaweed import ObjectStoreFixture, SeaweedServer

pytestmark = pytest.mark.integration

DATA = b"%PDF-1.7 signed KK of an archived application"
_SHELL_REFUSED_SECONDS = 8.0
"""How long the shell without certificates may try; it retries the master forever."""
_H2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"


def _archived(object_store: ObjectStoreFixture) -> core.StoredObject:
    return object_store.store.put(object_store.archive_bucket, "documents/app-1/kk.pdf", DATA, retain_days=1)


def _paths(obj: core.StoredObject) -> tuple[str, str]:
    """The filer directory of the object's versions and the path of this version (SeaweedFS's layout)."""
    versions = f"/buckets/{obj.bucket}/{obj.key}.versions"
    return versions, f"{versions}/v_{obj.version_id}"


def _shell(server: SeaweedServer, commands: list[str], *, config: bool, cwd: Path, timeout: float) -> str:
    """Run `weed shell` in a clean cwd and HOME (no security.toml to find); its output and how it ended."""
    argv = storage.seaweedfs_shell_argv(
        s3_port=server.ports.s3, config_dir=server.security.config_dir if config else None
    )
    log = cwd / "shell.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [argv[0], "-logtostderr", "-v=1", *argv[1:], "-debug"],  # logs each failed dial
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env={"HOME": str(cwd), "PATH": "/usr/bin:/bin"},
        )
    assert proc.stdin is not None
    proc.stdin.write(("\n".join(commands) + "\n").encode())
    proc.stdin.close()
    try:
        ended = f"exit {proc.wait(timeout=timeout)}"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        ended = "timed out"
    return log.read_text(errors="replace") + f"\n({ended})"


def _intact(object_store: ObjectStoreFixture, obj: core.StoredObject) -> None:
    assert object_store.store.get(obj) == DATA  # by version id, checked against its sha256
    assert object_store.store.retention(obj).mode == "COMPLIANCE"


def test_weed_shell_without_our_certificates_cannot_list_cat_or_rm(
    s3_server: SeaweedServer, object_store: ObjectStoreFixture, tmp_path: Path
) -> None:
    obj = _archived(object_store)
    versions, version = _paths(obj)

    out = _shell(
        s3_server,
        [f"fs.ls {versions}", f"fs.cat {version}", f"fs.rm {version}"],
        config=False,
        cwd=tmp_path,
        timeout=_SHELL_REFUSED_SECONDS,
    )

    assert "(exit 0)" not in out
    assert re.search(r"preface|handshake|certificate", out), out[-2000:]  # refused at TLS, not later
    assert f"v_{obj.version_id}" not in out and DATA.decode() not in out
    _intact(object_store, obj)


def test_weed_shell_with_our_certificates_gets_in(
    s3_server: SeaweedServer, object_store: ObjectStoreFixture, tmp_path: Path
) -> None:
    """Control for the test above: the same shell, given the instance's config_dir, reads the version."""
    obj = _archived(object_store)
    versions, version = _paths(obj)

    out = _shell(s3_server, [f"fs.ls {versions}", f"fs.cat {version}"], config=True, cwd=tmp_path, timeout=60)

    assert f"v_{obj.version_id}" in out and DATA.decode() in out, out[-2000:]


def _jwt(key: str, fid: str) -> str:
    def b64(raw: bytes) -> bytes:
        return base64.urlsafe_b64encode(raw).rstrip(b"=")

    signed = (
        b64(b'{"alg":"HS256","typ":"JWT"}')
        + b"."
        + b64(json.dumps({"fid": fid, "exp": int(time.time()) + 30}).encode())
    )
    return (signed + b"." + b64(hmac.new(key.encode(), signed, hashlib.sha256).digest())).decode()


def test_volume_server_refuses_reads_writes_and_deletes_without_a_jwt(
    s3_server: SeaweedServer, object_store: ObjectStoreFixture, tmp_path: Path
) -> None:
    obj = _archived(object_store)
    meta = _shell(s3_server, [f"fs.meta.cat {_paths(obj)[1]}"], config=True, cwd=tmp_path, timeout=60)
    fids = re.findall(r'"fileId":\s*"(\d+,[0-9a-f]+)"', meta)
    assert len(fids) == 1, meta[-2000:]
    url = f"http://127.0.0.1:{s3_server.ports.volume}/{fids[0]}"
    keys = tomllib.loads(s3_server.security.security_toml.read_text())["jwt"]["signing"]

    assert httpx.get(url).status_code == 401
    assert (
        httpx.get(url, headers={"Authorization": f"Bearer {_jwt('not-the-key', fids[0])}"}).status_code == 401
    )
    assert httpx.delete(url).status_code == 401
    assert httpx.post(url, files={"file": ("kk.pdf", b"%PDF-1.7 forged")}).status_code == 401
    _intact(object_store, obj)

    control = httpx.get(url, headers={"Authorization": f"Bearer {_jwt(keys['read']['key'], fids[0])}"})
    assert (control.status_code, control.content) == (200, DATA)


def _h2_over_tls(connect: socket.socket, security: storage.SeaweedFSSecurity, *, client_cert: bool) -> bytes:
    """The first bytes a gRPC port answers to an HTTP/2 preface over TLS (with or without our certificate)."""
    context = ssl.create_default_context(cafile=security.ca)
    context.check_hostname = False  # SeaweedFS checks chains, not names
    context.set_alpn_protocols(["h2"])
    if client_cert:
        context.load_cert_chain(security.cert, security.key)
    with connect, context.wrap_socket(connect) as tls:
        tls.sendall(_H2_PREFACE)
        return tls.recv(9)


def test_every_grpc_port_and_socket_requires_our_client_certificate(s3_server: SeaweedServer) -> None:
    ports = s3_server.ports
    tcp: list[int | Path] = [ports.master_grpc, ports.volume_grpc, ports.filer_grpc, ports.s3_grpc]
    unix: list[int | Path] = [path for path in ports.unix_sockets() if "-grpc-" in path.name]
    assert len(unix) == 4 and all(isinstance(path, Path) and path.is_socket() for path in unix)

    def dial(target: int | Path) -> socket.socket:
        if isinstance(target, Path):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(10)
            sock.connect(str(target))
            return sock
        return socket.create_connection(("127.0.0.1", target), timeout=10)

    for target in [*tcp, *unix]:
        with pytest.raises((ssl.SSLError, ConnectionResetError)):  # an alert or a hang-up, by timing
            _h2_over_tls(dial(target), s3_server.security, client_cert=False)
        with dial(target) as plain:  # no TLS at all: the server hangs up without a SETTINGS frame
            plain.sendall(_H2_PREFACE)
            assert plain.recv(9)[3:4] != b"\x04", target
        settings = _h2_over_tls(dial(target), s3_server.security, client_cert=True)
        assert settings[3:4] == b"\x04", target  # control: with our certificate it speaks HTTP/2


def test_master_and_filer_http_apis_are_off(
    s3_server: SeaweedServer, object_store: ObjectStoreFixture
) -> None:
    obj = _archived(object_store)
    master = f"http://127.0.0.1:{s3_server.ports.master}"
    filer_socket = next(
        path for path in s3_server.ports.unix_sockets() if path.name.startswith("seaweedfs-filer-")
    )

    assert httpx.get(f"{master}/col/delete", params={"collection": obj.bucket}).status_code == 404
    assert httpx.get(f"{master}/dir/assign").status_code == 404
    assert httpx.get(f"{master}/healthz").status_code == 200  # control: the master answers on that port
    with httpx.Client(transport=httpx.HTTPTransport(uds=str(filer_socket))) as filer:
        assert filer.get(f"http://filer/buckets/{obj.bucket}/").status_code == 404
    _intact(object_store, obj)


def test_a_restart_keeps_the_configuration(s3_server: SeaweedServer) -> None:
    before = {path: (path.read_bytes(), path.stat().st_mode & 0o777) for path in s3_server.security.files()}
    # What each start calls (through seaweedfs_argv, which would also rewrite the live identities file).
    storage.seaweedfs_security(s3_server.data_dir)
    after = {path: (path.read_bytes(), path.stat().st_mode & 0o777) for path in s3_server.security.files()}
    assert after == before
    assert {mode for _, mode in before.values()} == {0o600}
