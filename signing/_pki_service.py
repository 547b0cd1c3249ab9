"""Serve a development PKI over HTTP: certomancer's aiohttp Animator plus `GET /healthz`.

Run by path (see `signing.pki_service_argv`), so it imports only certomancer and
aiohttp, never this package:

    python signing/_pki_service.py --config PKI_DIR/certomancer.yml --host 127.0.0.1 --port 9781

Routes: POST /capil-dev/tsa/tsa (RFC 3161), POST /capil-dev/ocsp/interm,
GET /capil-dev/crls/{root,interm}/latest.crl, GET /capil-dev/certs/root/ca.crt.
Stops cleanly on SIGTERM or SIGINT.

certomancer parses the signing key (with the `cryptography` RSA consistency check, ~0.2 s for
a 3072-bit key) on every CRL, OCSP response and timestamp it signs; `_CachingBackend` keeps
each parsed key in memory for the life of the process, so an answer takes milliseconds.
"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web
from asn1crypto import algos, keys
from certomancer import crypto_utils
from certomancer.integrations.aiohttp_animator import build_animator_app
from certomancer.registry import CertomancerConfig
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


class _CachingBackend(crypto_utils.PycaCryptographyBackend):
    """certomancer's backend, with parsed private keys kept (RSA PKCS#1 v1.5, what this PKI uses)."""

    def __init__(self) -> None:
        self._keys: dict[bytes, object] = {}

    def generic_sign(
        self, private_key: keys.PrivateKeyInfo, tbs_bytes: bytes, sd_algo: algos.SignedDigestAlgorithm
    ) -> bytes:
        if sd_algo.signature_algo != "rsassa_pkcs1v15":
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        der = private_key.dump()
        key = self._keys.get(der)
        if key is None:
            key = self._keys[der] = serialization.load_der_private_key(der, password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return key.sign(tbs_bytes, padding.PKCS1v15(), getattr(hashes, sd_algo.hash_algo.upper())())


async def _health(_request: web.Request) -> web.Response:
    return web.Response(text="ok\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)

    crypto_utils.CRYPTO_BACKEND = _CachingBackend()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    cfg = CertomancerConfig.from_file(args.config, allow_external_config=False)
    # Faking the time with a request header would let any local caller backdate timestamps.
    app = build_animator_app(cfg.pki_archs, with_web_ui=False, allow_time_override=False)
    app.router.add_get("/healthz", _health)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
