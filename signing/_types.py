"""Configuration and results of the signing room (no third-party imports here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class PadesLevel(StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1), in increasing order of what they prove."""

    B_B = "B-B"
    """Signature with the signer certificate bound in (CAdES detached, signing-certificate-v2)."""
    B_T = "B-T"
    """B-B plus a signature timestamp from a TSA: the signature existed at that time."""
    B_LT = "B-LT"
    """B-T plus the certificates and revocation info (OCSP/CRL) in the document's DSS."""
    B_LTA = "B-LTA"
    """B-LT plus a document timestamp over all of it, renewable before its TSA certificate expires."""

    @property
    def rank(self) -> int:
        return list(PadesLevel).index(self)

    @classmethod
    def parse(cls, value: str | PadesLevel) -> PadesLevel:
        """`B-LTA`, `b_lta` and `LTA` all mean B-LTA; anything else is a ValueError."""
        text = str(value).strip().upper().replace("_", "-")
        text = text if text.startswith("B-") else f"B-{text}"
        return cls(text)


@dataclass(frozen=True)
class Pkcs11Key:
    """A signing key (and its certificate) on a PKCS#11 token: an HSM in production, SoftHSM2 in tests."""

    module: Path
    """The token's PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so)."""

    token_label: str
    """Label of the token holding the key."""

    key_label: str
    """CKA_LABEL of the private key."""

    pin: bytes = field(repr=False)
    """User PIN. Never logged, never part of an error message."""

    cert_label: str | None = None
    """CKA_LABEL of the signer certificate on the token; None means the same as `key_label`."""

    chain: tuple[Path, ...] = ()
    """PEM/DER files of the CA certificates to embed when the token does not hold them."""


@dataclass(frozen=True)
class SignerConfig:
    """How `sign_pdf` signs: which key, which time-stamping authority, which PAdES level."""

    pkcs12: Path | None
    """PKCS#12 file holding the signer's private key, certificate and chain (development);
    None when `pkcs11` is set."""

    passphrase: bytes
    """Passphrase of `pkcs12`. Never logged, never part of an error message."""

    tsa_url: str | None
    """RFC 3161 time-stamping URL (http or https). Needed from B-T up; `None` only for B-B."""

    level: PadesLevel = PadesLevel.B_LTA
    """PAdES level to produce. B-LT and B-LTA fetch OCSP/CRL for the chain and embed them (DSS),
    which needs `trust_roots`."""

    trust_roots: tuple[Path, ...] = ()
    """Trust anchors (PEM/DER files) the chain is validated against before revocation info is
    embedded (B-LT, B-LTA)."""

    pkcs11: Pkcs11Key | None = None
    """Sign with a key on a PKCS#11 token instead of `pkcs12` (production)."""

    timezone: str = "Asia/Makassar"
    """IANA time zone of the signing office: the stamp shows the signing time in it, with its name
    (`WITA` for Asia/Makassar, `WIB` for Asia/Jakarta, `WIT` for Asia/Jayapura)."""

    def __repr__(self) -> str:  # keep the passphrase out of logs and tracebacks
        key = f"pkcs11={self.pkcs11!r}" if self.pkcs11 else f"pkcs12={str(self.pkcs12)!r}"
        return (f"SignerConfig({key}, passphrase=<hidden>, tsa_url={self.tsa_url!r}, "
                f"level={self.level.value!r})")


@dataclass(frozen=True)
class Verification:
    """What `verify_pdf` found out about the signatures of a PDF (the last one's facts on top)."""

    valid: bool
    """All checks below passed: intact, cryptographically valid, trusted, timestamped, no modification
    after signing beyond what the signature permits, and at least the required PAdES level."""

    intact: bool
    """The digest matches and the signed byte range covers the whole document revision."""

    trusted: bool
    """The signer's certificate chains to one of the given trust roots."""

    timestamped: bool
    """A signature timestamp is present, intact and issued by a TSA under the trust roots."""

    signer: str | None
    """Common name of the signer's certificate subject."""

    signed_at: str | None
    """ISO 8601 time of the signature timestamp, else the signing time the signer claimed."""

    problems: tuple[str, ...] = ()
    """One English line per failed check; empty when `valid`."""

    level: str | None = None
    """PAdES baseline level the document reaches (`B-B` … `B-LTA`), checked, not just present;
    None when no signature validates."""

    coverage: str | None = None
    """Byte-range coverage of whatever was signed last (signature or document timestamp):
    `ENTIRE_FILE` when nothing was appended after it, `ENTIRE_REVISION` when only later revisions
    follow (e.g. the DSS of a B-LT signature), anything else means a gap."""

    modification: str | None = None
    """pyHanko's verdict on changes after signing: `NONE`, `LTA_UPDATES` (DSS and document
    timestamps only) or worse."""

    signer_subject: dict[str, str] = field(default_factory=dict)
    """The signer certificate's subject (common name, title, organisation, serial number = NIP)."""

    chain: tuple[str, ...] = ()
    """Common names from the signer to the trust anchor."""

    revocation_info: bool = False
    """Revocation info (OCSP/CRL) for the chain is embedded and the chain validates with it alone."""

    document_timestamps: tuple[str, ...] = ()
    """ISO 8601 times of the valid document timestamps, oldest first."""

    timestamp_expires_at: str | None = None
    """When the TSA certificate of the newest timestamp expires: renew (B-LTA) before then."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "timestamped": self.timestamped,
            "signer": self.signer,
            "signed_at": self.signed_at,
            "problems": list(self.problems),
            "level": self.level,
            "coverage": self.coverage,
            "modification": self.modification,
            "signer_subject": dict(self.signer_subject),
            "chain": list(self.chain),
            "revocation_info": self.revocation_info,
            "document_timestamps": list(self.document_timestamps),
            "timestamp_expires_at": self.timestamp_expires_at,
        }
