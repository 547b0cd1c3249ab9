"""The signing room: render the issued KK, sign it (PAdES), validate signed PDFs, and the dev PKI.

    render_kk_pdf(family, ...)  -> PDF bytes, deterministic, with room for a visible signature
    sign_pdf(pdf, config=...)   -> signed PDF bytes (PAdES B-T: CAdES detached, chain, TSA timestamp)
    verify_pdf(pdf, trust_roots=...) -> Verification (never raises for a bad signature)
    ensure_dev_pki(dir)         -> DevPki: root CA, intermediate, Kepala Dinas signer, TSA, OCSP, CRL
    pki_service_argv(dir, ...)  -> argv of the HTTP service for that PKI (`GET /healthz` to probe)

Errors: `core.ConfigurationError` (key, passphrase, trust roots, fonts), `core.ServiceUnavailable`
(TSA), `core.UnsupportedFile` (not a PDF).
"""

from ._pades import DEFAULT_REASON, sign_pdf, verify_pdf
from ._pki import (
    DevPki,
    crl_url,
    ensure_dev_pki,
    ocsp_url,
    pki_service_argv,
    pki_service_healthy,
    tsa_url,
)
from ._render import SIGNATURE_BOX, format_date, render_kk_pdf
from ._types import SignerConfig, Verification

__all__ = [
    "DEFAULT_REASON",
    "SIGNATURE_BOX",
    "DevPki",
    "SignerConfig",
    "Verification",
    "crl_url",
    "ensure_dev_pki",
    "format_date",
    "ocsp_url",
    "pki_service_argv",
    "pki_service_healthy",
    "render_kk_pdf",
    "sign_pdf",
    "tsa_url",
    "verify_pdf",
]
