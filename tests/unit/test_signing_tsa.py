"""signing._pades._TimeStamper: the TSA's sample token is fetched once per TSA for a few minutes,
every real token is still requested."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from asn1crypto import keys, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from signing import _pades


@pytest.fixture(scope="module")
def tsa() -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "TSA UJI")])
    now = dt.datetime.now(dt.UTC)
    cert = (cx509.CertificateBuilder().issuer_name(name).subject_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return DummyTimeStamper(x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                            keys.PrivateKeyInfo.load(der_key))


class _Counting(_pades._TimeStamper):
    """The real class, with the HTTP round trip replaced by a local TSA."""

    requests = 0
    local: DummyTimeStamper

    async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> Any:
        type(self).requests += 1
        return await self.local.async_timestamp(message_digest, md_algorithm)


@pytest.fixture()
def stamper(tsa: DummyTimeStamper, monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    monkeypatch.setattr(_pades, "_tsa_samples", {})
    _Counting.requests, _Counting.local = 0, tsa
    return _Counting


def _learn_certs(cls: type[_Counting]) -> list[x509.Certificate]:
    """What pyHanko does before embedding the TSA's revocation info: fetch the sample, read its certs."""
    instance = cls("http://tsa.invalid/tsa")
    asyncio.run(instance._ensure_dummy())
    return list(instance._certs.values())


def test_sample_is_fetched_once_and_its_certificates_are_known_to_each_signature(
        stamper: type[_Counting], tsa: DummyTimeStamper) -> None:
    first, second = _learn_certs(stamper), _learn_certs(stamper)
    assert stamper.requests == 1
    assert [c.sha256 for c in first] == [c.sha256 for c in second] == [tsa.tsa_cert.sha256]


def test_real_tokens_are_always_requested(stamper: type[_Counting]) -> None:
    _learn_certs(stamper)
    instance = stamper("http://tsa.invalid/tsa")
    asyncio.run(instance.async_timestamp(bytes(32), "sha256"))
    asyncio.run(instance.async_timestamp(bytes(32), "sha256"))
    assert stamper.requests == 3


def test_sample_expires(stamper: type[_Counting], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pades, "_SAMPLE_TTL_S", -1.0)  # every kept sample is already past its time
    for _ in range(3):
        _learn_certs(stamper)
    assert stamper.requests == 3
