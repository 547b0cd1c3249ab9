"""PAdES signing and archival-timestamp renewal: with `_verify.py`, the only modules importing pyHanko.

`sign_pdf` produces a PAdES baseline signature (subfilter ETSI.CAdES.detached, signer chain
embedded) in a visible field whose stamp (signer's name, time) uses an embedded, subset
TrueType font. The level is the config's:

    B-B    signature only
    B-T    + signature timestamp from the TSA
    B-LT   + certificates, OCSP responses and CRLs of the signer and TSA chains in the DSS
           (fetched from the URLs in the certificates, validated against the trust roots)
    B-LTA  + a document timestamp over everything (renewed by `renew_timestamp`)

One aiohttp session serves every TSA, OCSP and CRL request of a signature. pyHanko's
synchronous entry points would each run `asyncio.run`; here the whole signature is one
coroutine, run on a worker thread when the caller already runs an event loop.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import io
import ssl
import time
from collections.abc import Callable, Coroutine
from functools import cache
from typing import Any, TypeVar

import aiohttp
from asn1crypto import cms
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import InsufficientRevinfoError, PathBuildingError, PathValidationError
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

import core

from . import _stamp
from ._keys import load_roots, open_signer
from ._render import SIGNATURE_BOX
from ._types import PadesLevel, SignerConfig

FIELD_NAME = "TandaTanganElektronik"
DEFAULT_REASON = "Dokumen kependudukan diterbitkan secara elektronik"
_RESERVED_BYTES = 24_000  # CMS with chain and timestamp token; larger chains fall back to an estimate
_HTTP_TIMEOUT_S = 10

_T = TypeVar("_T")


def sign_pdf(pdf: bytes, *, config: SignerConfig, office: str = _stamp.DEFAULT_OFFICE,
             reason: str = DEFAULT_REASON) -> bytes:
    """Sign `pdf` as PAdES `config.level` with the configured key, timestamped by `config.tsa_url`.

    The visible stamp names the signer's `office` (`office_title(kabupaten_kota)` for a KK), the
    signer, the signing time in `config.timezone` and the certificate's issuing authority.

    Raises `core.ConfigurationError` when the key cannot be opened (wrong passphrase or PIN, missing
    file or token), the level needs a TSA or trust roots that are not configured, or the signer's
    chain does not validate; `core.ServiceUnavailable` when the TSA, OCSP responder or CRL
    server does not answer; `core.UnsupportedFile` when `pdf` is not a PDF pyHanko can append to.
    """
    level = PadesLevel.parse(config.level)
    style = _stamp.stamp_style(config.timezone)
    if level.rank >= PadesLevel.B_T.rank and not config.tsa_url:
        raise core.ConfigurationError(f"PAdES {level} needs a time-stamping authority (tsa_url)")
    roots = load_roots(config.trust_roots) if level.rank >= PadesLevel.B_LT.rank else []
    _reader(pdf)  # same refusal rules as verification
    with open_signer(config) as signer:
        try:
            appearance = _Appearance(style, _stamp.text_params(office=office, signing_cert=signer.signing_cert))
            try:
                return _run(lambda: _sign(pdf, signer, config, level, roots, reason, appearance, _RESERVED_BYTES))
            except SigningError as e:
                if "larger than expected" not in str(e):
                    raise
                return _run(lambda: _sign(pdf, signer, config, level, roots, reason, appearance, None))
        except Exception as e:
            raise _translate(e, "signing") from e


def renew_timestamp(pdf: bytes, *, tsa_url: str, trust_roots: list) -> bytes:
    """Extend a B-LTA document: validation info for its newest timestamp into the DSS, then a new
    document timestamp over all of it (an incremental update; earlier bytes are unchanged).

    Raises like `sign_pdf`; `core.UnsupportedFile` when `pdf` carries no timestamp to extend.
    """
    roots = load_roots(trust_roots)
    reader = _reader(pdf)
    if not list(reader.embedded_timestamp_signatures) and not list(reader.embedded_regular_signatures):
        raise core.UnsupportedFile("the PDF carries no signature or timestamp to extend")

    async def renew() -> bytes:
        async with _http_session() as session:
            stamper = signers.PdfTimeStamper(_timestamper(tsa_url, session))
            out = await stamper.async_update_archival_timestamp_chain(
                PdfFileReader(io.BytesIO(pdf), strict=False), _fetching_context(roots, session),
                in_place=False,
            )
            return out.getvalue()

    try:
        return _run(renew)
    except Exception as e:
        raise _translate(e, "timestamp renewal") from e


@dataclasses.dataclass(frozen=True)
class _Appearance:
    style: TextStampStyle
    text_params: dict[str, str]


async def _sign(pdf: bytes, signer: signers.Signer, config: SignerConfig, level: PadesLevel,
                roots: list, reason: str, appearance: _Appearance, reserved: int | None) -> bytes:
    async with _http_session() as session:
        long_term = level.rank >= PadesLevel.B_LT.rank
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            reason=reason,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            embed_validation_info=long_term,
            use_pades_lta=level == PadesLevel.B_LTA,
            validation_context=_fetching_context(roots, session) if long_term else None,
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer,
            timestamper=_timestamper(config.tsa_url, session) if level != PadesLevel.B_B else None,
            stamp_style=appearance.style,
            new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=0, box=SIGNATURE_BOX),
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = await pdf_signer.async_sign_pdf(writer, bytes_reserved=reserved,
                                             appearance_text_params=appearance.text_params)
        return out.getvalue()


def _timestamper(url: str | None, session: aiohttp.ClientSession) -> timestamps.TimeStamper:
    assert url is not None
    return _TimeStamper(url, session=session, timeout=_HTTP_TIMEOUT_S)


class _TimeStamper(timestamps.HTTPTimeStamper):
    """pyHanko's HTTP time stamper, with its *sample* token kept per TSA for a few minutes.

    For B-LT and B-LTA, pyHanko asks the TSA for a sample token over a dummy digest only to learn
    which certificates the TSA signs with, and then validates that chain (fetching OCSP/CRL) to
    embed its revocation info: one extra TSA round trip per signature. The sample is now shared
    by the signatures of the next `_SAMPLE_TTL_S` seconds; the chain is still validated with
    fresh revocation info for every signature, and every timestamp token is a new request. A TSA
    that changes its certificate within that window yields a document whose B-LT check fails
    (`verify_pdf`, run after signing by the issuing flow), never a weaker one.
    """

    async def async_dummy_response(self, md_algorithm: str) -> Any:
        key = (self.url, md_algorithm)
        kept = _tsa_samples.get(key)
        if kept is not None and kept[0] > time.monotonic() and md_algorithm not in self._dummy_response_cache:
            self._register_dummy(md_algorithm, cms.ContentInfo.load(kept[1]))
        sample = await super().async_dummy_response(md_algorithm)
        if kept is None or kept[0] <= time.monotonic():
            _tsa_samples[key] = (time.monotonic() + _SAMPLE_TTL_S, sample.dump())
        return sample


_SAMPLE_TTL_S = 300.0
_tsa_samples: dict[tuple[str, str], tuple[float, bytes]] = {}


def _fetching_context(roots: list, session: aiohttp.ClientSession) -> ValidationContext:
    """Validate the chains now, fetching OCSP/CRL (hard-fail: no revocation info, no signature)."""
    return ValidationContext(
        trust_roots=roots,
        allow_fetching=True,
        revocation_mode="hard-fail",
        fetcher_backend=AIOHttpFetcherBackend(session),
    )


def _http_session() -> aiohttp.ClientSession:
    timeout = aiohttp.ClientTimeout(total=_HTTP_TIMEOUT_S)
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=_ssl_context()), timeout=timeout)


@cache
def _ssl_context() -> ssl.SSLContext:
    # aiohttp would load the CA bundle again for every session; loading it costs ~30 ms.
    return ssl.create_default_context()


def _translate(e: BaseException, what: str) -> core.CapilError:
    """One Capil error for whatever pyHanko, aiohttp or the certificate validator raised."""
    if isinstance(e, core.CapilError):
        return e
    if _caused_by(e, (TimeoutError, timestamps.TimestampRequestError, aiohttp.ClientError, OSError)):
        return core.ServiceUnavailable(f"{what}: TSA, OCSP or CRL service unavailable ({type(e).__name__})")
    if _caused_by(e, (InsufficientRevinfoError,)):
        # pyHanko says so when the OCSP responder and CRL could not be fetched (a PKI down): a retry can help.
        return core.ServiceUnavailable(f"{what}: no revocation info could be obtained for the signer or TSA "
                                       f"chain; is the OCSP/CRL service up? ({type(e).__name__})")
    if _caused_by(e, (PathBuildingError, PathValidationError)):
        return core.ConfigurationError(f"{what}: the signer or TSA chain does not validate against the "
                                       f"trust roots, or its revocation info is missing ({type(e).__name__})")
    if isinstance(e, PdfError | ValueError | KeyError | TypeError | IndexError) and not isinstance(e, SigningError):
        return core.UnsupportedFile(f"{what}: PDF cannot be appended to ({type(e).__name__})")
    # Never echo the message: key and token errors could one day carry details.
    return core.ConfigurationError(f"{what} failed ({type(e).__name__})")


def _caused_by(e: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    cur: BaseException | None = e
    seen = 0
    while cur is not None and seen < 20:
        if isinstance(cur, kinds):
            return True
        cur, seen = cur.__cause__ or cur.__context__, seen + 1
    return False


def _reader(pdf: bytes) -> PdfFileReader:
    if not pdf or b"%PDF-" not in pdf[:1024]:
        raise core.UnsupportedFile("not a PDF: no %PDF- header")
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        raise core.UnsupportedFile(f"PDF unreadable: {type(e).__name__}") from e


def _run(make: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run a coroutine to completion here, or on a worker thread when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()
