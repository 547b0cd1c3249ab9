"""Issue #7: nothing in the key path writes a file or logs key material.

Signing is watched through Python's audit hooks (every `open`/`os.open` for writing, every temp file)
and every log record at DEBUG: signing with the PKCS#12 key, from loading the key to the signed
bytes, writes no file anywhere and logs neither the passphrase nor key bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12

import signing
from tests.fixtures.pki import PkiService
from tests.unit.test_signing_render import FAMILY

pytestmark = pytest.mark.integration

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_watching: list[list[str]] = []


def _hook(event: str, args: tuple) -> None:
    if not _watching:
        return
    if event == "open":
        path, mode, flags = args
        writes = any(m in mode for m in "wax+") if isinstance(mode, str) else bool((flags or 0) & _WRITE_FLAGS)
        if writes:
            _watching[-1].append(f"open {path!r} {mode or flags}")
    elif event.startswith("tempfile."):
        _watching[-1].append(f"{event} {args!r}")


sys.addaudithook(_hook)  # inert unless a `_writes` block is active


@contextmanager
def _writes() -> Iterator[list[str]]:
    seen: list[str] = []
    _watching.append(seen)
    try:
        yield seen
    finally:
        _watching.pop()


def _pdf() -> bytes:
    return signing.render_kk_pdf(FAMILY, document_id="KEY-1", issued_on=dt.date(2024, 5, 17),
                                 verify_url="http://127.0.0.1:8000/v/KEY-1?h=0", kepala_dinas="X", nip="1")


def _secrets(p12: Path, passphrase: bytes) -> list[str]:
    key, _, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), passphrase)
    assert key is not None
    der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    return [passphrase.decode(), der[-48:].hex(), base64.b64encode(der)[-48:].decode(), "PRIVATE KEY"]


@pytest.mark.parametrize("level", ["B-B", "B-LTA"])
def test_pkcs12_signing_writes_no_file_and_logs_no_secret(level: str, pki_service: PkiService,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    pdf = _pdf()
    config = pki_service.signer_config(level)
    assert config.pkcs12 is not None
    secrets = _secrets(config.pkcs12, config.passphrase)
    signing.sign_pdf(pdf, config=config)  # warm: lazy imports and font files are read outside the watch
    with caplog.at_level(logging.DEBUG), _writes() as writes:
        signed = signing.sign_pdf(pdf, config=config)
    assert writes == []
    assert signing.verify_pdf(signed, trust_roots=[pki_service.pki.root_cert], required_level=level).valid
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [s for s in secrets if s in logged]
    assert all(s not in repr(config) for s in secrets[:1])


def test_the_watch_sees_a_temp_file() -> None:
    """Control: the audit hook does see writes and temp files."""
    import tempfile

    with _writes() as writes, tempfile.TemporaryFile() as f:
        f.write(b"x")
    assert writes
