"""SeaweedFS's own security configuration: JWT keys and mutual TLS for its internal ports.

`weed` reads `security.toml` from the directory given by its global `-config_dir` flag
(before `.`, `$HOME/.seaweedfs` and `/etc/seaweedfs`); `seaweedfs_argv` points that flag
at `data_dir/config`, which this module fills once, at the first start:

- `security.toml`: random JWT keys for volume writes and reads (`[jwt.signing]`,
  `[jwt.signing.read]`) and for the filer (`[jwt.filer_signing]`, `[jwt.filer_signing.read]`),
  and the certificate paths of every gRPC section (master, volume, filer, s3, client).
- `ca.crt`: a private CA, made here; its key is thrown away once it has signed the one
  certificate, so nobody, us included, can issue another one the servers would accept.
- `seaweedfs.crt` / `seaweedfs.key`: the certificate every component presents, as server and
  as client (SeaweedFS checks the chain, never the host name).

Every file is 0600 in a 0700 directory, and nothing is ever regenerated: the directory appears
whole (a rename of a complete temporary directory) or not at all, and a restart reuses it.
To rotate, stop SeaweedFS and delete the directory.

Why the files and not the `WEED_*` environment: a key in a process's environment is visible
to anyone who can read `/proc/<pid>/environ` of that user, and `weed shell` needs the same
configuration as a file anyway.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import core

CONFIG_DIR = "config"
"""Sub-directory of the SeaweedFS data directory passed as `weed -config_dir`."""

SECURITY_FILE = "security.toml"
CA_FILE = "ca.crt"
CERT_FILE = "seaweedfs.crt"
KEY_FILE = "seaweedfs.key"

_GRPC_COMPONENTS = ("master", "volume", "filer", "s3", "client")
_VALIDITY = dt.timedelta(days=3650)
_JWT_EXPIRES_SECONDS = 10


@dataclass(frozen=True)
class SeaweedFSSecurity:
    """Where one instance's security configuration lives."""

    config_dir: Path
    """The `-config_dir` of `weed`: holds `security.toml` and the PEM files it names."""

    @property
    def security_toml(self) -> Path:
        return self.config_dir / SECURITY_FILE

    @property
    def ca(self) -> Path:
        return self.config_dir / CA_FILE

    @property
    def cert(self) -> Path:
        return self.config_dir / CERT_FILE

    @property
    def key(self) -> Path:
        return self.config_dir / KEY_FILE

    def files(self) -> list[Path]:
        return [self.security_toml, self.ca, self.cert, self.key]


def ensure_security_config(config_dir: Path) -> SeaweedFSSecurity:
    """The configuration in `config_dir`, generated on the first call and never again.

    Raises `core.ConfigurationError` when the directory exists but misses one of its files
    (a hand-edited or damaged configuration is not silently replaced).
    """
    config_dir = Path(config_dir).resolve()
    security = SeaweedFSSecurity(config_dir)
    if not config_dir.exists():
        _create(security)
    missing = [path.name for path in security.files() if not path.is_file()]
    if missing:
        raise core.ConfigurationError(
            f"{config_dir} lacks {', '.join(missing)}; stop SeaweedFS and delete the directory to regenerate it"
        )
    os.chmod(config_dir, 0o700)
    for path in security.files():
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    return security


def _create(security: SeaweedFSSecurity) -> None:
    final = security.config_dir
    final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}"
    tmp.mkdir(mode=0o700)
    try:
        staged = SeaweedFSSecurity(tmp)
        ca_pem, cert_pem, key_pem = _certificates()
        _write(staged.ca, ca_pem)
        _write(staged.cert, cert_pem)
        _write(staged.key, key_pem)
        _write(staged.security_toml, _security_toml(security).encode())
        try:
            tmp.rename(final)
        except OSError:
            if not final.is_dir():  # lost a race: the winner's directory is used
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _certificates() -> tuple[bytes, bytes, bytes]:
    """PEM of a fresh CA certificate, and of the leaf certificate and key it signed."""
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Capil SeaweedFS local CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "capil-seaweedfs")]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return (
        ca_cert.public_bytes(pem),
        leaf_cert.public_bytes(pem),
        leaf_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )


def _security_toml(security: SeaweedFSSecurity) -> str:
    """The file `weed` reads; paths are absolute because `weed` resolves them against its cwd."""
    lines = ["# Generated by Capil at the first start of SeaweedFS; never edited, never regenerated.", ""]
    for section in ("jwt.signing", "jwt.signing.read", "jwt.filer_signing", "jwt.filer_signing.read"):
        lines += [
            f"[{section}]",
            f'key = "{secrets.token_urlsafe(48)}"',
            f"expires_after_seconds = {_JWT_EXPIRES_SECONDS}",
            "",
        ]
    lines += ["[access]", "ui = false", "", "[filer.expose_directory_metadata]", "enabled = false", ""]
    lines += ["[grpc]", f"ca = {_toml_str(security.ca)}", ""]
    for component in _GRPC_COMPONENTS:
        lines += [
            f"[grpc.{component}]",
            f"cert = {_toml_str(security.cert)}",
            f"key = {_toml_str(security.key)}",
            "",
        ]
    return "\n".join(lines)


def _toml_str(path: Path) -> str:
    return json.dumps(str(path))  # a JSON string is a valid TOML basic string
