"""PAdES signing and validation: the only module that imports pyHanko.

Signing produces a PAdES baseline B-T signature (subfilter ETSI.CAdES.detached, signer chain
embedded, signature timestamp from an RFC 3161 TSA) in a visible field. Revocation info (B-LT)
is not embedded yet.

pyHanko's synchronous entry points run their own event loop (`asyncio.run`). When called from
inside a running loop (an `async def` FastAPI endpoint), these functions do that work on a worker
thread and block the caller's loop meanwhile: prefer `run_in_threadpool` there.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import aiohttp
from asn1crypto import x509
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

import core

from ._render import SIGNATURE_BOX
from ._types import SignerConfig, Verification

log = logging.getLogger(__name__)

FIELD_NAME = "TandaTanganElektronik"
DEFAULT_REASON = "Dokumen kependudukan diterbitkan secara elektronik"
_STAMP = TextStampStyle(
    stamp_text="Ditandatangani secara elektronik oleh:\n%(signer)s\nWaktu: %(ts)s",
    timestamp_format="%d-%m-%Y %H:%M:%S %Z",
    border_width=1,
    background=None,
)
_ACCEPTED_MODIFICATIONS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)


def sign_pdf(pdf: bytes, *, config: SignerConfig, reason: str = DEFAULT_REASON) -> bytes:
    """Sign `pdf` (PAdES B-T) with the key in `config.pkcs12`, timestamped by `config.tsa_url`.

    Raises `core.ConfigurationError` when the PKCS#12 cannot be read or opened with the passphrase,
    `core.ServiceUnavailable` when the TSA does not answer or refuses, `core.UnsupportedFile` when
    `pdf` is not a PDF pyHanko can append to.
    """
    signer = _load_signer(config)
    writer = _incremental_writer(pdf)
    timestamper = timestamps.HTTPTimeStamper(config.tsa_url, timeout=10) if config.tsa_url else None
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        stamp_style=_STAMP,
        new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=0, box=SIGNATURE_BOX),
    )
    try:
        out = _off_loop(pdf_signer.sign_pdf, writer)
    except (TimeoutError, timestamps.TimestampRequestError, aiohttp.ClientError, OSError) as e:
        raise core.ServiceUnavailable(f"time-stamping authority unavailable: {type(e).__name__}") from e
    except SigningError as e:
        if _caused_by_tsa(e):
            raise core.ServiceUnavailable(f"time-stamping authority failed: {type(e).__name__}") from e
        raise core.ConfigurationError(f"signing failed: {e}") from e
    return out.getvalue()


def verify_pdf(pdf: bytes, *, trust_roots: list[Path]) -> Verification:
    """Validate every signature in `pdf` against `trust_roots` (PEM or DER certificate files).

    A PDF without signatures gives `valid=False` with a problem. Bytes that are not a PDF raise
    `core.UnsupportedFile`; unreadable trust roots raise `core.ConfigurationError`.
    """
    context_roots = _load_roots(trust_roots)
    reader = _reader(pdf)
    try:
        embedded = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as e:
        raise core.UnsupportedFile(f"PDF structure unreadable: {type(e).__name__}") from e
    if not embedded:
        return Verification(
            valid=False,
            intact=False,
            trusted=False,
            timestamped=False,
            signer=None,
            signed_at=None,
            problems=("the PDF carries no signature",),
        )

    results = [_verify_one(sig, context_roots, prefix=len(embedded) > 1) for sig in embedded]
    last = results[-1]
    problems = tuple(p for r in results for p in r.problems)
    intact = all(r.intact for r in results)
    trusted = all(r.trusted for r in results)
    timestamped = all(r.timestamped for r in results)
    return Verification(
        valid=all(r.valid for r in results) and not problems,
        intact=intact,
        trusted=trusted,
        timestamped=timestamped,
        signer=last.signer,
        signed_at=last.signed_at,
        problems=problems,
    )


def _verify_one(sig, roots: list[x509.Certificate], *, prefix: bool) -> Verification:
    label = f"{sig.field_name}: " if prefix else ""
    # A fresh context per signature: contexts cache validation results.
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status: PdfSignatureStatus = _off_loop(validate_pdf_signature, sig, signer_validation_context=vc)
    except Exception as e:  # pyHanko raises many kinds on mangled signatures; all mean "not valid"
        log.info("signature validation aborted: %s", type(e).__name__)
        return Verification(
            valid=False,
            intact=False,
            trusted=False,
            timestamped=False,
            signer=None,
            signed_at=None,
            problems=(f"{label}signature could not be validated ({type(e).__name__})",),
        )

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
        problems.append(
            f"{label}the document was modified after signing "
            f"({getattr(status.modification_level, 'name', 'unknown')})"
        )

    trusted = bool(status.trusted)
    if not trusted:
        indic = status.trust_problem_indic
        problems.append(
            f"{label}signer certificate does not chain to a trusted root"
            + (f" ({getattr(indic, 'name', indic)})" if indic is not None else "")
        )

    ts = status.timestamp_validity
    timestamped = bool(ts is not None and ts.intact and ts.valid and ts.trusted)
    if ts is None:
        problems.append(f"{label}no signature timestamp")
    elif not timestamped:
        problems.append(f"{label}signature timestamp is not valid or not trusted")

    signed_at = ts.timestamp if ts is not None else status.signer_reported_dt
    return Verification(
        valid=bool(status.bottom_line and intact and timestamped and not problems),
        intact=intact,
        trusted=trusted,
        timestamped=timestamped,
        signer=_common_name(status.signing_cert),
        signed_at=signed_at.isoformat() if signed_at is not None else None,
        problems=tuple(problems),
    )


def _load_signer(config: SignerConfig) -> signers.SimpleSigner:
    try:
        data = Path(config.pkcs12).read_bytes()
    except OSError as e:
        raise core.ConfigurationError(f"signer PKCS#12 unreadable: {config.pkcs12}") from e
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=config.passphrase)
    except (ValueError, TypeError) as e:
        # Never echo pyHanko's message: it could one day include key details.
        raise core.ConfigurationError(
            f"signer PKCS#12 {config.pkcs12} cannot be opened: wrong passphrase or not a PKCS#12 file"
        ) from e


def _load_roots(paths: list[Path]) -> list[x509.Certificate]:
    if not paths:
        raise core.ConfigurationError("no trust roots given for signature validation")
    try:
        return list(load_certs_from_pemder([str(p) for p in paths]))
    except (OSError, ValueError) as e:
        raise core.ConfigurationError(f"trust roots unreadable: {[str(p) for p in paths]}") from e


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf or b"%PDF-" not in pdf[:1024]:
        raise core.UnsupportedFile("not a PDF: no %PDF- header")
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        raise core.UnsupportedFile(f"PDF unreadable: {type(e).__name__}") from e


def _incremental_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    _reader(pdf)  # same refusal rules as verification
    try:
        return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        raise core.UnsupportedFile(f"PDF cannot be appended to: {type(e).__name__}") from e


_T = TypeVar("_T")


def _off_loop(fn: Callable[..., _T], *args, **kwargs) -> _T:
    """Call `fn` here, or on a worker thread when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def _caused_by_tsa(e: BaseException) -> bool:
    cur: BaseException | None = e
    while cur is not None:
        if isinstance(cur, timestamps.TimestampRequestError | aiohttp.ClientError | TimeoutError):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def _common_name(cert: x509.Certificate | None) -> str | None:
    if cert is None:
        return None
    return cert.subject.native.get("common_name")
