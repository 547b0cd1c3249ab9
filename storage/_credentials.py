"""The S3 identity of the local stack: generated once, kept in `secrets_dir/s3.json`."""

from __future__ import annotations

import json
import os
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

import core

_FILE_NAME = "s3.json"
_ACCESS_KEY_ALPHABET = string.ascii_uppercase + string.digits


@dataclass(frozen=True)
class S3Credentials:
    """An S3 access key pair. `repr` hides the secret so it cannot end up in a log."""

    access_key: str
    """Public half, sent with every request (20 characters when generated here)."""

    secret_key: str
    """Private half, used to sign requests; never sent, never logged."""

    def __repr__(self) -> str:
        return f"S3Credentials(access_key={self.access_key!r}, secret_key='***')"


def ensure_s3_credentials(secrets_dir: Path) -> S3Credentials:
    """The credentials stored in `secrets_dir/s3.json`, generated with `secrets` on the first call.

    The directory is kept at mode 0700 and the file at 0600. Two processes calling this at
    the same time get the same pair: the file appears atomically (hard link of a complete
    temporary file), and the loser reads the winner's file.
    """
    secrets_dir = Path(secrets_dir)
    secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(secrets_dir, 0o700)
    path = secrets_dir / _FILE_NAME
    if path.exists():
        return _read(path)
    fresh = S3Credentials(
        access_key="".join(secrets.choice(_ACCESS_KEY_ALPHABET) for _ in range(20)),
        secret_key=secrets.token_urlsafe(30),
    )
    tmp = secrets_dir / f".{_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"access_key": fresh.access_key, "secret_key": fresh.secret_key}, fh)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _read(path)
    finally:
        tmp.unlink(missing_ok=True)
    return fresh


def _read(path: Path) -> S3Credentials:
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        access_key, secret_key = data["access_key"], data["secret_key"]
    except (ValueError, KeyError, TypeError) as e:
        raise core.ConfigurationError(
            f"{path} is not a valid S3 credentials file; move it away to generate a new one"
        ) from e
    if not (isinstance(access_key, str) and isinstance(secret_key, str) and access_key and secret_key):
        raise core.ConfigurationError(f"{path} holds empty or non-text S3 credentials")
    return S3Credentials(access_key=access_key, secret_key=secret_key)
