"""Validation of signed PDFs: integrity, signer, chain, timestamps, embedded revocation info, PAdES level.

For each signature: pyHanko validates digest, signature value, byte-range coverage, changes made
after signing (only DSS and document timestamps are allowed), the chain to the trust roots and
the signature timestamp, without fetching anything. Then, when the document carries a DSS, the
signer and signature-TSA chains are validated again *with the embedded OCSP/CRL only* (hard-fail),
as of the signature timestamp: that is what B-LT claims. Document timestamps are validated on
their own; a valid newest one over a B-LT signature makes B-LTA.

Never raises for a bad signature: the answer is a `Verification` with `problems`.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext

import core

from ._keys import load_roots
from ._pades import _reader, _run
from ._types import PadesLevel, Verification

log = logging.getLogger(__name__)

_ACCEPTED_MODIFICATIONS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
_NO_SIGNATURE = "the PDF carries no signature"


def verify_pdf(pdf: bytes, *, trust_roots: list[Path], required_level: str | PadesLevel = PadesLevel.B_T
               ) -> Verification:
    """Validate every signature and document timestamp in `pdf` against `trust_roots` (PEM/DER files).

    `valid` needs every check to pass and the document to reach `required_level` (default B-T: a
    document without a trusted signature timestamp is not valid). Bytes that are not a PDF raise
    `core.UnsupportedFile`; unreadable trust roots raise `core.ConfigurationError`.
    """
    required = PadesLevel.parse(required_level)
    roots = load_roots(trust_roots)
    reader = _reader(pdf)
    try:
        embedded = list(reader.embedded_regular_signatures)
        doc_stamps = list(reader.embedded_timestamp_signatures)
        dss = _dss(reader)
    except (PdfError, ValueError, KeyError, TypeError) as e:
        raise core.UnsupportedFile(f"PDF structure unreadable: {type(e).__name__}") from e
    if not embedded:
        return Verification(valid=False, intact=False, trusted=False, timestamped=False, signer=None,
                            signed_at=None, problems=(_NO_SIGNATURE,))
    facts = [_signature_facts(sig, roots, dss, label=f"{sig.field_name}: " if len(embedded) > 1 else "")
             for sig in embedded]
    stamps = [_document_timestamp(ts, roots) for ts in doc_stamps]
    return _combine(facts, stamps, required, last_coverage=_last_coverage(embedded, doc_stamps))


@dataclass(frozen=True)
class _SignatureFacts:
    """What one signature's validation found (a `Verification` combines those of every signature)."""

    problems: tuple[str, ...]
    """Failed checks that make the document invalid at any level."""
    ts_problems: tuple[str, ...] = ()
    """A missing or invalid signature timestamp: a problem only from B-T up."""
    intact: bool = False
    trusted: bool = False
    timestamped: bool = False
    signer: str | None = None
    signed_at: str | None = None
    modification: str | None = None
    subject: dict[str, str] = field(default_factory=dict)
    chain: tuple[str, ...] = ()
    revocation_info: bool = False
    ts_expires: datetime | None = None
    level: PadesLevel | None = None


@dataclass(frozen=True)
class _StampFacts:
    """What one document timestamp's validation found."""

    problems: tuple[str, ...]
    at: str | None = None
    expires: datetime | None = None


def _combine(facts: list[_SignatureFacts], stamps: list[_StampFacts], required: PadesLevel,
             *, last_coverage: str | None) -> Verification:
    last = facts[-1]
    problems = [p for f in facts for p in f.problems] + [p for s in stamps for p in s.problems]
    if required.rank >= PadesLevel.B_T.rank:  # a B-B signature needs no timestamp
        problems += [p for f in facts for p in f.ts_problems]
    level = min((f.level for f in facts), key=lambda lv: lv.rank if lv else -1)
    if level == PadesLevel.B_LT and stamps and not stamps[-1].problems:
        level = PadesLevel.B_LTA
    if level is None or level.rank < required.rank:
        problems.append(f"the document reaches PAdES {level or 'no level'}, {required} is required")
    expiry = stamps[-1].expires if stamps else last.ts_expires
    return Verification(
        valid=not problems,
        intact=all(f.intact for f in facts),
        trusted=all(f.trusted for f in facts),
        timestamped=all(f.timestamped for f in facts),
        signer=last.signer,
        signed_at=last.signed_at,
        problems=tuple(problems),
        level=str(level) if level else None,
        coverage=last_coverage,
        modification=last.modification,
        signer_subject=last.subject,
        chain=last.chain,
        revocation_info=all(f.revocation_info for f in facts),
        document_timestamps=tuple(s.at for s in stamps if not s.problems and s.at),
        timestamp_expires_at=expiry.isoformat() if expiry else None,
    )


def _signature_facts(sig: Any, roots: list[x509.Certificate], dss: DocumentSecurityStore | None,
                     *, label: str) -> _SignatureFacts:
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)  # a fresh one: contexts cache results
    try:
        status = _run(lambda: _validate(sig, vc))
    except Exception as e:  # pyHanko raises many kinds on mangled signatures; all mean "not valid"
        log.info("signature validation aborted: %s", type(e).__name__)
        return _SignatureFacts(problems=(f"{label}signature could not be validated ({type(e).__name__})",))
    problems: list[str] = []
    covered = status.coverage is not None and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION
    unmodified = status.modification_level in _ACCEPTED_MODIFICATIONS
    intact = bool(status.intact and status.valid and covered and unmodified)
    if not status.intact:
        problems.append(f"{label}document digest does not match: the signed bytes were changed")
    elif not status.valid:
        problems.append(f"{label}the signature value does not verify against the signer certificate")
    if not covered:
        problems.append(f"{label}the signature does not cover the whole document revision")
    elif not unmodified:
        problems.append(f"{label}the document was modified after signing "
                        f"({getattr(status.modification_level, 'name', 'unknown')})")
    trusted = bool(status.trusted)
    if not trusted:
        indic = status.trust_problem_indic
        problems.append(f"{label}signer certificate does not chain to a trusted root"
                        + (f" ({getattr(indic, 'name', indic)})" if indic is not None else ""))
    ts = status.timestamp_validity
    timestamped = bool(ts is not None and ts.intact and ts.valid and ts.trusted)
    ts_problems: tuple[str, ...] = ()
    if ts is None:
        ts_problems = (f"{label}no signature timestamp",)
    elif not timestamped:
        ts_problems = (f"{label}signature timestamp is not valid or not trusted",)
    signed_at = ts.timestamp if ts is not None else status.signer_reported_dt
    revocation_info = bool(dss is not None and trusted and timestamped
                           and _revocation_embedded(status, roots, dss, at=ts.timestamp))
    level = None
    if intact and trusted and status.bottom_line:
        level = PadesLevel.B_B
        if timestamped:
            level = PadesLevel.B_LT if revocation_info else PadesLevel.B_T
    return _SignatureFacts(
        problems=tuple(problems), ts_problems=ts_problems, intact=intact, trusted=trusted,
        timestamped=timestamped, signer=_common_name(status.signing_cert),
        signed_at=signed_at.isoformat() if signed_at is not None else None,
        modification=getattr(status.modification_level, "name", None),
        subject={k: str(v) for k, v in status.signing_cert.subject.native.items()},
        chain=tuple(_common_name(c) or "?" for c in reversed(list(status.validation_path or ()))),
        revocation_info=revocation_info,
        ts_expires=ts.signing_cert.not_valid_after if ts is not None else None,
        level=level,
    )


async def _validate(sig: Any, vc: ValidationContext) -> Any:
    return await async_validate_pdf_signature(sig, signer_validation_context=vc)


def _revocation_embedded(status: Any, roots: list[x509.Certificate], dss: DocumentSecurityStore,
                         *, at: datetime) -> bool:
    """Whether the signer's and the signature TSA's chains validate with the DSS's OCSP/CRL alone."""
    certs = [status.signing_cert, status.timestamp_validity.signing_cert]

    async def check() -> None:
        for cert in certs:
            vc = dss.as_validation_context({
                "trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail",
                "moment": at, "retroactive_revinfo": True,
            })
            await CertificateValidator(cert, validation_context=vc).async_validate_usage(set())

    try:
        _run(check)
    except Exception as e:  # any failure means "not provable from what is embedded"
        log.info("embedded revocation info insufficient: %s", type(e).__name__)
        return False
    return True


def _document_timestamp(ts: Any, roots: list[x509.Certificate]) -> _StampFacts:
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = _run(lambda: async_validate_pdf_timestamp(ts, validation_context=vc))
    except Exception as e:
        return _StampFacts(problems=(f"document timestamp could not be validated ({type(e).__name__})",))
    ok = (status.intact and status.valid and status.trusted
          and status.modification_level in _ACCEPTED_MODIFICATIONS
          and status.coverage is not None and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION)
    problems = () if ok else ("document timestamp is not intact, not trusted, or followed by disallowed changes",)
    return _StampFacts(problems=problems, at=status.timestamp.isoformat(), expires=status.signing_cert.not_valid_after)


def _dss(reader: PdfFileReader) -> DocumentSecurityStore | None:
    try:
        return DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return None


def _last_coverage(embedded: list[Any], doc_stamps: list[Any]) -> str | None:
    """Coverage of whatever was signed last: `ENTIRE_FILE` when nothing follows it."""
    last = max([*embedded, *doc_stamps], key=lambda s: s.signed_revision)
    try:
        coverage = last.evaluate_signature_coverage()
    except Exception:
        return None
    return getattr(coverage, "name", None)


def _common_name(cert: x509.Certificate | None) -> str | None:
    if cert is None:
        return None
    return cert.subject.native.get("common_name")


def fingerprint_in(pdf: bytes) -> str | None:
    """The fingerprint a KK rendered by `render_kk_pdf` carries in its QR code's URL (kept in the
    PDF's /Keywords too), or None."""
    try:
        info = PdfFileReader(io.BytesIO(pdf), strict=False).trailer_view.get("/Info")
    except (PdfError, ValueError, KeyError, TypeError, IndexError):
        return None
    keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    found = re.search(r"[?&]h=([0-9a-f]+)", keywords)
    return found.group(1) if found else None
