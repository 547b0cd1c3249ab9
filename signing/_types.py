"""Configuration and results of the signing room (no third-party imports here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SignerConfig:
    """How `sign_pdf` signs: which key, and which time-stamping authority."""

    pkcs12: Path
    """PKCS#12 file holding the signer's private key, certificate and (ideally) its chain."""

    passphrase: bytes
    """Passphrase of `pkcs12`. Never logged, never part of an error message."""

    tsa_url: str | None
    """RFC 3161 time-stamping URL (http or https). `None` signs without a timestamp: unit tests only,
    a PAdES baseline signature for issued documents needs one."""

    def __repr__(self) -> str:  # keep the passphrase out of logs and tracebacks
        return f"SignerConfig(pkcs12={str(self.pkcs12)!r}, passphrase=<hidden>, tsa_url={self.tsa_url!r})"


@dataclass(frozen=True)
class Verification:
    """What `verify_pdf` found out about the (last) signature of a PDF."""

    valid: bool
    """All checks below passed: intact, cryptographically valid, trusted, timestamped, no modification
    after signing beyond what the signature permits."""

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "timestamped": self.timestamped,
            "signer": self.signer,
            "signed_at": self.signed_at,
            "problems": list(self.problems),
        }
