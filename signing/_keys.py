"""Signing keys for pyHanko: a PKCS#12 file (development) or a PKCS#11 token (production).

Key material stays in memory (PKCS#12) or on the token (PKCS#11): nothing here writes a key,
a passphrase or a PIN to a file or a log, and error messages never include them.

A PKCS#12 signer is parsed once per process and kept (`functools.lru_cache` keyed by the
frozen `SignerConfig`): parsing a 3072-bit RSA key runs `cryptography`'s consistency check,
~0.2 s, which pyHanko's `SimpleSigner` would otherwise repeat for every signature.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from asn1crypto import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pyhanko.keys import load_certs_from_pemder
from pyhanko.sign import signers

import core

from ._cms import PreparedAttributesMixin
from ._types import Pkcs11Key, SignerConfig

_S = TypeVar("_S", bound=signers.Signer)


class _InMemoryKeySigner(PreparedAttributesMixin, signers.SimpleSigner):
    """`SimpleSigner` that parses its key once; RSA PKCS#1 v1.5 signs directly, the rest via pyHanko.
    Signed attributes are encoded in linear time (`_cms.PreparedAttributesMixin`)."""

    _parsed: rsa.RSAPrivateKey | None = None

    def parse_key(self) -> rsa.RSAPrivateKey | None:
        """The RSA key, parsed once (None for another kind of key, which pyHanko signs with)."""
        if self._parsed is None:
            key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
            if not isinstance(key, rsa.RSAPrivateKey):
                return None
            self._parsed = key
        return self._parsed

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        if mechanism != "rsassa_pkcs1v15":
            return self.sign_raw(data, digest_algorithm)
        parsed = self.parse_key()
        assert parsed is not None  # a PKCS#1 v1.5 mechanism names an RSA key
        if dry_run:  # size estimation only: same length, no private-key operation
            return bytes(parsed.key_size // 8)
        digest = getattr(hashes, digest_algorithm.upper().replace("-", "_"))()
        return parsed.sign(data, padding.PKCS1v15(), digest)


@functools.lru_cache(maxsize=4)
def _pkcs12_signer(path: Path, passphrase: bytes, mtime_ns: int) -> signers.Signer:
    del mtime_ns  # part of the cache key: a replaced file is read again
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise core.ConfigurationError(f"signer PKCS#12 unreadable: {path}") from e
    try:
        loaded = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
    except (ValueError, TypeError) as e:
        # Never echo pyHanko's message: it could one day include key details.
        raise core.ConfigurationError(
            f"signer PKCS#12 {path} cannot be opened: wrong passphrase or not a PKCS#12 file"
        ) from e
    return _InMemoryKeySigner(
        signing_cert=loaded.signing_cert, signing_key=loaded.signing_key, cert_registry=loaded.cert_registry
    )


@contextlib.contextmanager
def open_signer(config: SignerConfig) -> Iterator[signers.Signer]:
    """The pyHanko signer for `config`, usable inside the `with` block (a PKCS#11 session is open)."""
    if config.pkcs11 is not None:
        with _pkcs11_signer(config.pkcs11) as signer:
            yield signer
        return
    if config.pkcs12 is None:
        raise core.ConfigurationError("no signing key configured: set a PKCS#12 file or a PKCS#11 token")
    try:
        mtime = Path(config.pkcs12).stat().st_mtime_ns
    except OSError as e:
        raise core.ConfigurationError(f"signer PKCS#12 unreadable: {config.pkcs12}") from e
    yield _pkcs12_signer(Path(config.pkcs12), config.passphrase, mtime)


@contextlib.contextmanager
def _pkcs11_signer(key: Pkcs11Key) -> Iterator[signers.Signer]:
    try:
        from pkcs11 import PKCS11Error
        from pyhanko.sign.pkcs11 import PKCS11Signer, TokenCriteria, open_pkcs11_session
    except ImportError as e:  # python-pkcs11 is a dependency; this guards a broken installation
        raise core.ConfigurationError("PKCS#11 signing needs the python-pkcs11 package") from e
    if not Path(key.module).is_file():
        raise core.ConfigurationError(f"PKCS#11 module not found: {key.module}")
    try:
        session = open_pkcs11_session(
            str(key.module), token_criteria=TokenCriteria(label=key.token_label), user_pin=key.pin.decode()
        )
    except (PKCS11Error, ValueError, OSError) as e:
        raise core.ConfigurationError(
            f"PKCS#11 token {key.token_label!r} cannot be opened with the configured PIN "
            f"({type(e).__name__})"
        ) from e
    try:
        yield _pkcs11_signer_class(PKCS11Signer)(
            session,
            key_label=key.key_label,
            cert_label=key.cert_label or key.key_label,
            ca_chain=_certs(key.chain),
        )
    finally:
        session.close()


@functools.cache
def _pkcs11_signer_class(base: type[_S]) -> type[_S]:
    """pyHanko's `PKCS11Signer` with signed attributes encoded in linear time (imported lazily)."""
    return type("_Pkcs11Signer", (PreparedAttributesMixin, base), {"__doc__": base.__doc__})


def _certs(paths: tuple[Path, ...]) -> list[x509.Certificate]:
    try:
        return list(load_certs_from_pemder([str(p) for p in paths]))
    except (OSError, ValueError) as e:
        raise core.ConfigurationError(f"certificates unreadable: {[str(p) for p in paths]}") from e


def load_roots(paths: list[Path] | tuple[Path, ...]) -> list[x509.Certificate]:
    """Trust anchors from PEM/DER files; `core.ConfigurationError` when none or unreadable."""
    if not paths:
        raise core.ConfigurationError("no trust roots configured")
    try:
        return list(load_certs_from_pemder([str(p) for p in paths]))
    except (OSError, ValueError) as e:
        raise core.ConfigurationError(f"trust roots unreadable: {[str(p) for p in paths]}") from e
