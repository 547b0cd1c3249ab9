"""The signing room: render the issued KK, sign it (PAdES B-B … B-LTA), validate signed PDFs, the dev PKI.

    render_kk_pdf(family, ...)        -> PDF bytes, deterministic, with room for a visible signature
    document_fingerprint(family, ...) -> short hash printed in the QR code's URL (verification_url)
    sign_pdf(pdf, config=..., office=...) -> signed PDF bytes at config.level (default B-LTA)
    prepare(config)                   fill the caches a first signature fills (fonts, key): before forking signers
    office_title(kabupaten_kota)      -> the office the stamp names ("Kepala Dinas ... Kabupaten X")
    renew_timestamp(pdf, ...)         -> the PDF with its LTA timestamp chain extended
    verify_pdf(pdf, trust_roots=...)  -> Verification (never raises for a bad signature)
    fingerprint_in(pdf)               -> the fingerprint a rendered KK carries (its QR code's URL), or None
    ensure_dev_pki(dir, port=...)     -> DevPki: root CA, intermediate, Kepala Dinas signer, TSA, OCSP, CRL
    pki_service_argv(dir, ...)        -> argv of the HTTP service for that PKI (`GET /healthz` to probe)

Keys: a PKCS#12 file (`SignerConfig.pkcs12`) or a PKCS#11 token (`SignerConfig.pkcs11`, `Pkcs11Key`).

Errors: `core.ConfigurationError` (key, passphrase, PIN, trust roots, fonts, chain),
`core.ServiceUnavailable` (TSA, OCSP, CRL), `core.UnsupportedFile` (not a PDF).
"""

from ._pades import DEFAULT_REASON, FIELD_NAME, renew_timestamp, sign_pdf
from ._pki import (
    DevPki,
    crl_url,
    ensure_dev_pki,
    ocsp_url,
    pki_service_argv,
    pki_service_healthy,
    tsa_url,
)
from ._prepare import prepare
from ._render import (
    SIGNATURE_BOX,
    document_fingerprint,
    format_date,
    office_title,
    render_kk_pdf,
    verification_url,
)
from ._types import PadesLevel, Pkcs11Key, SignerConfig, Verification
from ._verify import fingerprint_in, verify_pdf

__all__ = [
    "DEFAULT_REASON",
    "FIELD_NAME",
    "SIGNATURE_BOX",
    "DevPki",
    "PadesLevel",
    "Pkcs11Key",
    "SignerConfig",
    "Verification",
    "crl_url",
    "document_fingerprint",
    "ensure_dev_pki",
    "fingerprint_in",
    "format_date",
    "ocsp_url",
    "office_title",
    "pki_service_argv",
    "pki_service_healthy",
    "prepare",
    "render_kk_pdf",
    "renew_timestamp",
    "sign_pdf",
    "tsa_url",
    "verification_url",
    "verify_pdf",
]
