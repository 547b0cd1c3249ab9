"""The one place that wires the real objects from settings: `bootstrap`.

Flow runs execute in worker processes that Prefect starts, so each process must be able to build
its own database, object store, signer and reader from the environment (`services()`); the API and
the `capil` command use the same builder. Tests pass fakes to `bootstrap` (a `MemoryObjectStore`,
a B-B signer without TSA, a stub reader) and install them with `use_services`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Protocol

import ocr
import signing
import storage
from core import ConfigurationError, DocumentType, Settings, load_settings
from registry import (
    Accounts,
    ApplicantAccess,
    Applications,
    AuditLog,
    Database,
    IssuedDocuments,
    PopulationRecord,
    Sessions,
)


class Reader(Protocol):
    """Reads one uploaded document: in production `ocr.ReadingClient`, which sends the upload to the
    host's reading service (`python -m ocr.serve`: warm `ocr.Cage` processes, `ocr.read` in subprocesses
    with memory, CPU and wall-clock limits from `Settings.cage_*`) and falls back to a cage of this
    process when no service runs; tests use stand-ins that read in this process."""

    def __call__(self, data: bytes, *, declared_type: DocumentType | None, lang: str, max_pixels: int,
                 max_pages: int) -> ocr.Reading:
        """The document's reading; raises core's errors (`DocumentTypeMismatch`, `UnreadableDocument`,
        `ResourceLimitExceeded`, `InputError`) for a file it cannot use."""
        ...

    def start(self) -> None:
        """Get ready to read, without waiting: `ocr.Cage` starts its processes, which load while the
        flow run marks its application and fetches the uploads (the client of a running service has
        nothing to start). A reader with nothing to start does nothing."""
        ...

    def upload_page(self, data: bytes, *, max_pixels: int, max_pages: int) -> bytes:
        """An image upload's first page as PNG, decoded where uploads are decoded (the cage, so the
        calling process decodes no upload): what the verifikator sees when nothing could be read from it."""
        ...


class Services:
    """The objects casework runs on. Build with `bootstrap`; each real part is made on first use."""

    def __init__(self, settings: Settings, *, store: storage.ObjectStore | None = None,
                 signer: signing.SignerConfig | None = None, reader: Reader | None = None) -> None:
        self.settings = settings
        self._store = store
        self._signer = signer
        self.reader: Reader = reader or ocr.ReadingClient.from_settings(settings)

    @cached_property
    def database(self) -> Database:
        return Database(self.settings.effective_database_url)

    @cached_property
    def population(self) -> PopulationRecord:
        return PopulationRecord(self.database)

    @cached_property
    def applications(self) -> Applications:
        return Applications(self.database)

    @cached_property
    def issued(self) -> IssuedDocuments:
        return IssuedDocuments(self.database)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.database, status_reads_interval=self.settings.status_reads_flush_seconds)

    @cached_property
    def accounts(self) -> Accounts:
        return Accounts(self.database)

    @cached_property
    def sessions(self) -> Sessions:
        return Sessions(self.database)

    @cached_property
    def access(self) -> ApplicantAccess:
        return ApplicantAccess(self.database)

    @cached_property
    def store(self) -> storage.ObjectStore:
        if self._store is not None:
            return self._store
        s = self.settings
        if s.s3_access_key and s.s3_secret_key:
            credentials = storage.S3Credentials(s.s3_access_key, s.s3_secret_key)
        else:
            credentials = storage.ensure_s3_credentials(s.secrets_dir)
        return storage.S3ObjectStore(s.s3_endpoint, credentials, secure=s.s3_secure)

    @cached_property
    def dev_pki(self) -> signing.DevPki:
        return signing.ensure_dev_pki(self.settings.pki_dir, port=self.settings.pki_port)

    @cached_property
    def signer(self) -> signing.SignerConfig:
        return self._signer or _signer_from_settings(self.settings, lambda: self.dev_pki)

    @property
    def pades_level(self) -> signing.PadesLevel:
        """The level issued documents are signed at and checked against."""
        return self.signer.level

    @property
    def kepala_dinas(self) -> tuple[str, str]:
        """Name and NIP of the signing head of office, as printed on issued documents."""
        s = self.settings
        if s.kepala_dinas_nama and s.kepala_dinas_nip:
            return s.kepala_dinas_nama, s.kepala_dinas_nip
        return self.dev_pki.signer_name, self.dev_pki.signer_nip

    @property
    def trust_roots(self) -> list[Path]:
        """The trust anchors signed documents are validated against."""
        return list(self.signer.trust_roots)

    def ensure_buckets(self) -> None:
        for bucket in (self.settings.intake_bucket, self.settings.archive_bucket):
            self.store.ensure_bucket(bucket, object_lock=True)


def bootstrap(settings: Settings, *, store: storage.ObjectStore | None = None,
              signer: signing.SignerConfig | None = None, reader: Reader | None = None) -> Services:
    """The services for `settings`: the real object store, signer and reader (the host's reading service,
    or a cage of this process without one) unless given others."""
    return Services(settings, store=store, signer=signer, reader=reader)


def _signer_from_settings(s: Settings, dev_pki: Callable[[], signing.DevPki]) -> signing.SignerConfig:
    try:
        level = signing.PadesLevel.parse(s.pades_level)
    except ValueError:
        raise ConfigurationError(f"pades_level {s.pades_level!r}: use B-B, B-T, B-LT or B-LTA") from None
    pkcs11 = None
    pkcs12: Path | None
    if s.signer_pkcs11_module:
        pkcs11 = signing.Pkcs11Key(
            module=Path(s.signer_pkcs11_module), token_label=s.signer_pkcs11_token,
            key_label=s.signer_pkcs11_key_label, cert_label=s.signer_pkcs11_cert_label or None,
            pin=s.signer_pkcs11_pin.encode(), chain=_paths(s.signer_chain),
        )
        pkcs12, passphrase = None, b""
    elif s.signer_pkcs12:
        pkcs12, passphrase = Path(s.signer_pkcs12), s.signer_passphrase.encode()
    else:
        pki = dev_pki()
        pkcs12, passphrase = pki.signer_pkcs12, pki.passphrase()
    roots = _paths(s.trust_roots) or (dev_pki().root_cert,)
    tsa = s.tsa_url or signing.tsa_url(s.pki_dir, port=s.pki_port)
    return signing.SignerConfig(pkcs12=pkcs12, passphrase=passphrase, tsa_url=tsa, pkcs11=pkcs11, level=level,
                                trust_roots=roots, timezone=s.timezone)


def _paths(value: str) -> tuple[Path, ...]:
    return tuple(Path(p.strip()).expanduser() for p in value.split(",") if p.strip())


_lock = threading.Lock()
_current: Services | None = None


def services() -> Services:
    """The process-wide services, built from the environment on first use."""
    global _current
    with _lock:
        if _current is None:
            _current = bootstrap(load_settings())
        return _current


def use_services(new: Services | None) -> None:
    """Replace the process-wide services (tests; `capil` with explicit settings). None resets."""
    global _current
    with _lock:
        _current = new
