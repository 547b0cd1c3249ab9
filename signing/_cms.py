"""Signed attributes that asn1crypto encodes once, not exponentially often: the same bytes, cheaply.

asn1crypto takes a definite length whose last header byte is 0x80 (a 128-byte value: `31 81 80`)
for an indefinite one, and then re-encodes that value from scratch on every `dump`. Re-encoding
parses its children, which can mark them changed (a DEFAULT field absent from the DER, like
ESSCertIDv2's hash algorithm, is filled in), and a changed constructed value is encoded twice per
`dump` of its parent (`contents` is asked for twice), so the cost grows as 2^depth. The dev
signer's signing-certificate-v2 attribute value set (ESSCertIDv2 -> IssuerSerial -> GeneralNames
-> Name -> RDNs) is exactly 128 bytes long: encoding the signed attributes cost ~10 ms, several
times per signature (the signed bytes, the copy into SignerInfo, the final CMS). Building the CMS
took ~47 of ~75 ms CPU of a B-B signature, ~6 ms after this change.

`PreparedAttributesMixin`, placed before a pyHanko `Signer` class in the bases, swaps pyHanko's
signing-certificate-v2 provider for one returning pyHanko's own value (`as_signing_certificate_v2`)
for the same certificate, encoded once per process and handed out as a parsed value whose `dump`
returns that encoding. Every other attribute, the attribute order and the signature are pyHanko's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from asn1crypto import tsp, x509
from pyhanko.sign import attributes
from pyhanko.sign.general import as_signing_certificate_v2

_lock = threading.Lock()
_signing_certificates: dict[tuple[bytes, str], bytes] = {}


class _EncodedSigningCertificateV2(tsp.SigningCertificateV2):
    """A parsed SigningCertificateV2 whose encoding is the DER it was loaded from, never re-encoded.

    asn1crypto takes a definite length whose last header byte is 0x80 (a 128-byte value, say:
    `31 81 80`) for an indefinite one and then forces a full re-encoding of the value every time
    it is dumped; the dev signer's signing-certificate-v2 value set is exactly 128 bytes long.
    """

    _der: bytes = b""

    def dump(self, force: bool = False) -> bytes:
        del force
        return self._der


def signing_certificate_v2(cert: x509.Certificate, hash_algo: str = "sha256") -> tsp.SigningCertificateV2:
    """pyHanko's signing-certificate-v2 value for `cert`, encoded once per process, loaded afresh per call."""
    key = (cert.sha256, hash_algo)
    with _lock:
        der = _signing_certificates.get(key)
    if der is None:
        der = as_signing_certificate_v2(cert, hash_algo).dump()
        with _lock:
            if len(_signing_certificates) > 64:  # a handful of signers per process; never grows without bound
                _signing_certificates.clear()
            _signing_certificates[key] = der
    value = _EncodedSigningCertificateV2.load(der)
    value._der = der
    return value


class _PreparedSigningCertificate(attributes.SigningCertificateV2Provider):
    async def build_attr_value(self, dry_run: bool = False) -> tsp.SigningCertificateV2:
        return signing_certificate_v2(self.signing_cert)


class PreparedAttributesMixin:
    """Mixin for a pyHanko `Signer`: the same signed attributes, encoded in linear time."""

    def _signed_attr_providers(self, *args: Any, **kwargs: Any) -> Iterator[attributes.CMSAttributeProvider]:
        providers: Iterable[attributes.CMSAttributeProvider] = super()._signed_attr_providers(  # type: ignore[misc]
            *args, **kwargs)
        for provider in providers:
            if type(provider) is attributes.SigningCertificateV2Provider:
                provider = _PreparedSigningCertificate(provider.signing_cert)
            yield provider
