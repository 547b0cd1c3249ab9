"""The one place that builds the real objects from settings.

Flow runs execute in worker processes that Prefect starts, so the flows must be
able to build their own database, object store and signer; the API and the
`capil` command reuse the same builder. Tests swap the whole set with `use_services`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import signing
import storage
from core import ConfigurationError, Settings, load_settings
from registry import Applications, AuditLog, Database, PopulationRecord


@dataclass
class Services:
    settings: Settings

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
    def audit(self) -> AuditLog:
        return AuditLog(self.database)

    @cached_property
    def store(self) -> storage.ObjectStore:
        s = self.settings
        if s.s3_access_key and s.s3_secret_key:
            credentials = storage.S3Credentials(s.s3_access_key, s.s3_secret_key)
        else:
            credentials = storage.ensure_s3_credentials(s.secrets_dir)
        return storage.ObjectStore(s.s3_endpoint, credentials, secure=s.s3_secure)

    @cached_property
    def dev_pki(self) -> signing.DevPki:
        return signing.ensure_dev_pki(self.settings.pki_dir, port=self.settings.pki_port)

    @cached_property
    def signer(self) -> signing.SignerConfig:
        s = self.settings
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
            pki = self.dev_pki
            pkcs12, passphrase = pki.signer_pkcs12, pki.passphrase()
        tsa = s.tsa_url or signing.tsa_url(s.pki_dir, port=s.pki_port)
        return signing.SignerConfig(pkcs12=pkcs12, passphrase=passphrase, tsa_url=tsa, pkcs11=pkcs11,
                                    level=self.pades_level, trust_roots=tuple(self.trust_roots),
                                    timezone=s.timezone)

    @property
    def pades_level(self) -> signing.PadesLevel:
        try:
            return signing.PadesLevel.parse(self.settings.pades_level)
        except ValueError:
            raise ConfigurationError(f"pades_level {self.settings.pades_level!r}: use B-B, B-T, B-LT or B-LTA"
                                     ) from None

    @property
    def kepala_dinas(self) -> tuple[str, str]:
        """Name and NIP of the signing head of office, as printed on issued documents."""
        s = self.settings
        if s.kepala_dinas_nama and s.kepala_dinas_nip:
            return s.kepala_dinas_nama, s.kepala_dinas_nip
        return self.dev_pki.signer_name, self.dev_pki.signer_nip

    @property
    def trust_roots(self) -> list[Path]:
        """The configured trust anchors, else the development root."""
        return list(_paths(self.settings.trust_roots)) or [self.dev_pki.root_cert]

    def ensure_buckets(self) -> None:
        for bucket in (self.settings.intake_bucket, self.settings.archive_bucket):
            self.store.ensure_bucket(bucket, object_lock=True)


def _paths(value: str) -> tuple[Path, ...]:
    return tuple(Path(p.strip()).expanduser() for p in value.split(",") if p.strip())


_lock = threading.Lock()
_current: Services | None = None


def services() -> Services:
    """The process-wide services, built from the environment on first use."""
    global _current
    with _lock:
        if _current is None:
            _current = Services(load_settings())
        return _current


def use_services(new: Services | None) -> None:
    """Replace the process-wide services (tests; `capil` with explicit settings). None resets."""
    global _current
    with _lock:
        _current = new
