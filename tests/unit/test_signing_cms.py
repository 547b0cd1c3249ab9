"""signing._cms: signed attributes encoded once per certificate, byte for byte what pyHanko would produce."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from asn1crypto import cms, keys, tsp, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from pyhanko.sign import signers
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing._cms import PreparedAttributesMixin, signing_certificate_v2

SIGNED_AT = dt.datetime(2024, 5, 17, 9, 30, tzinfo=dt.UTC)


class _Prepared(PreparedAttributesMixin, signers.SimpleSigner):
    pass


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(key: rsa.RSAPrivateKey, issuer_cn: str) -> x509.Certificate:
    issuer = cx509.Name([cx509.NameAttribute(NameOID.ORGANIZATION_NAME, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"),
                         cx509.NameAttribute(NameOID.COMMON_NAME, issuer_cn)])
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "PENANDATANGAN UJI")])
    cert = (cx509.CertificateBuilder().issuer_name(issuer).subject_name(subject).public_key(key.public_key())
            .serial_number(4242).not_valid_before(SIGNED_AT - dt.timedelta(days=1))
            .not_valid_after(SIGNED_AT + dt.timedelta(days=365)).sign(key, hashes.SHA256()))
    return x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="module")
def cert_128(key: rsa.RSAPrivateKey) -> x509.Certificate:
    """A certificate whose signing-certificate-v2 value is 128 bytes: asn1crypto's header `31 81 80`."""
    for n in range(1, 65):
        cert = _cert(key, "C" * n)
        if len(as_signing_certificate_v2(cert).dump()) == 128:
            return cert
    raise AssertionError("no issuer name length gives a 128-byte signing-certificate-v2 value")


def _signers(key: rsa.RSAPrivateKey, cert: x509.Certificate) -> tuple[signers.Signer, signers.Signer]:
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    info = keys.PrivateKeyInfo.load(der)
    return (signers.SimpleSigner(signing_cert=cert, signing_key=info, cert_registry=SimpleCertificateStore()),
            _Prepared(signing_cert=cert, signing_key=info, cert_registry=SimpleCertificateStore()))


def test_the_premise_a_128_byte_value_set_has_a_header_ending_in_0x80(cert_128: x509.Certificate) -> None:
    attr = simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(cert_128))
    attr.dump()
    assert attr["values"]._header == b"\x31\x81\x80"  # what asn1crypto mistakes for an indefinite length


def test_value_is_pyhankos_and_never_reencoded(cert_128: x509.Certificate) -> None:
    expected = as_signing_certificate_v2(cert_128).dump()
    value = signing_certificate_v2(cert_128)
    assert isinstance(value, tsp.SigningCertificateV2)
    assert value.dump() == expected
    assert value["certs"][0]["cert_hash"].native == cert_128.sha256  # children readable like any value
    assert value.dump(force=True) == expected
    assert signing_certificate_v2(cert_128, "sha512").dump() == as_signing_certificate_v2(cert_128, "sha512").dump()


@pytest.mark.parametrize("issuer_cn", ["128", "CAPIL DEV SIGNING CA", "X" * 64])
def test_cms_is_byte_for_byte_pyhankos(issuer_cn: str, key: rsa.RSAPrivateKey, cert_128: x509.Certificate) -> None:
    cert = cert_128 if issuer_cn == "128" else _cert(key, issuer_cn)
    plain, prepared = _signers(key, cert)
    digest = bytes(range(32))
    settings = PdfCMSSignedAttributes(signing_time=SIGNED_AT)

    def sign(signer: signers.Signer) -> cms.ContentInfo:
        return asyncio.run(signer.async_sign(digest, "sha256", use_pades=True, signed_attr_settings=settings))

    theirs, ours = sign(plain), sign(prepared)
    assert ours.dump() == theirs.dump()  # RSA PKCS#1 v1.5 is deterministic: the whole CMS matches
    info = ours["content"]["signer_infos"][0]
    values = {a["type"].native: a["values"][0] for a in info["signed_attrs"]}
    assert values["message_digest"].native == digest
    assert isinstance(values["signing_certificate_v2"], tsp.SigningCertificateV2)
    key.public_key().verify(info["signature"].native, info["signed_attrs"].untag().dump(), padding.PKCS1v15(),
                            hashes.SHA256())


def test_prepared_provider_is_the_one_used(key: rsa.RSAPrivateKey, cert_128: x509.Certificate) -> None:
    """The mixin hooks pyHanko's provider list; if that hook ever stops being called, this fails."""
    _, prepared = _signers(key, cert_128)
    attrs = asyncio.run(prepared.signed_attrs(bytes(32), "sha256", use_pades=True))
    value = next(a["values"][0] for a in attrs if a["type"].native == "signing_certificate_v2")
    assert type(value).__name__ == "_EncodedSigningCertificateV2"
