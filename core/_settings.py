"""Settings: the one place where the environment is read.

Precedence: `CAPIL_*` environment variables, then `capil.toml` (the file named
by `CAPIL_CONFIG`, else `./capil.toml` when present), then the defaults below.
Unknown keys in the file are refused, so a typo cannot silently keep a default.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import ConfigurationError

_SECRET_FIELDS = {"s3_secret_key", "signer_passphrase", "signer_pkcs11_pin", "alert_webhook_url"}


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "capil"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    """Where the local stack keeps its database, object store, keys and logs (`CAPIL_DATA_DIR`)."""

    database_url: str = ""
    """SQLAlchemy URL of the population record (`CAPIL_DATABASE_URL`); empty means SQLite in `data_dir`."""

    api_host: str = "127.0.0.1"
    """Address the HTTP API binds to."""

    api_port: int = 8000
    """Port of the HTTP API."""

    api_workers: int = 2
    """uvicorn worker processes of the HTTP API in the local stack (`capil up`): one Python process
    uses one core, so reads scale with cores (benchmarks/results/status-reads.md)."""

    public_base_url: str = ""
    """Base URL printed in QR codes and links; empty means `http://{api_host}:{api_port}`."""

    s3_endpoint: str = "127.0.0.1:8333"
    """host:port of the S3 service (SeaweedFS locally, MinIO or any S3 with object lock in production)."""

    s3_secure: bool = False
    """Use HTTPS towards the S3 service."""

    s3_access_key: str = ""
    """S3 access key; empty means the key generated under `data_dir/secrets` by `capil up`."""

    s3_secret_key: str = ""
    """S3 secret key; empty means the key generated under `data_dir/secrets` by `capil up`."""

    intake_bucket: str = "capil-intake"
    """Bucket for original uploads (versioned, object lock)."""

    archive_bucket: str = "capil-archive"
    """Bucket for signed documents (versioned, object lock)."""

    archive_retention_days: int = 3650
    """COMPLIANCE retention given to every archived object."""

    prefect_port: int = 4200
    """Port of the local Prefect server (UI and API)."""

    prefect_database: str = "sqlite"
    """The local Prefect server's database (`capil up`): `sqlite` (a file in `data_dir/prefect`) or
    `postgresql` (a cluster `capil up` creates under `data_dir/prefect-db` from Debian's PostgreSQL, reached
    over its Unix socket, its password generated under the secrets directory; `capil down` stops it).
    Production points the Prefect server at its own PostgreSQL (docs/production.md)."""

    pki_port: int = 9781
    """Port where the development PKI (TSA, OCSP, CRL) is served on 127.0.0.1."""

    tsa_url: str = ""
    """RFC 3161 time-stamping URL; empty means the development TSA of the local stack."""

    signer_pkcs12: str = ""
    """PKCS#12 file with the signing key; empty means the development signer under `data_dir/pki`."""

    signer_passphrase: str = ""
    """Passphrase of `signer_pkcs12`."""

    signer_pkcs11_module: str = ""
    """PKCS#11 library of the HSM holding the signing key (production); set, it replaces `signer_pkcs12`."""

    signer_pkcs11_token: str = ""
    """Label of the PKCS#11 token holding the signing key."""

    signer_pkcs11_key_label: str = ""
    """CKA_LABEL of the signing key (and, unless `signer_pkcs11_cert_label` is set, of its certificate)."""

    signer_pkcs11_cert_label: str = ""
    """CKA_LABEL of the signer certificate on the token; empty means `signer_pkcs11_key_label`."""

    signer_pkcs11_pin: str = ""
    """User PIN of the PKCS#11 token. Secret: masked by `capil config show`, never logged."""

    signer_chain: str = ""
    """CA certificates (PEM/DER files, separated by `,`) to embed when the token does not hold them."""

    pades_level: str = "B-LTA"
    """PAdES level of issued documents: `B-B`, `B-T`, `B-LT` or `B-LTA` (signature timestamp, OCSP/CRL
    in the DSS, document timestamp). Archive reads and `capil verify` require at least this level
    (at least B-T for `capil verify`)."""

    trust_roots: str = ""
    """Trust anchors for validation (PEM/DER files, separated by `,`): the office CA's root in
    production; empty means the development root under `data_dir/pki`."""

    timestamp_renewal_days: int = 365
    """The renewal flow adds a new document timestamp to every archived document whose newest
    timestamp's TSA certificate expires within this many days."""

    timezone: str = "Asia/Makassar"
    """IANA time zone of the office (`CAPIL_TIMEZONE`): signing times on issued documents are shown
    in it with its Indonesian name (WITA for Sulawesi, WIB for Java and Sumatra, WIT for Papua)."""

    kepala_dinas_nama: str = ""
    """Name of the head of office printed on issued documents; empty means the dev signer's name."""

    kepala_dinas_nip: str = ""
    """The head of office's 18-digit NIP printed on issued documents; empty means the dev signer's."""

    office_name: str = "Dinas Kependudukan dan Pencatatan Sipil"
    """The office as the public pages name it (upload page, QR verification), e.g. `Dinas
    Kependudukan dan Pencatatan Sipil Kabupaten Konawe`."""

    service_promise: str = "biasanya beberapa menit; bila perlu diperiksa petugas, paling lama 1 hari kerja"
    """How long a decision takes, as the upload page promises it (Indonesian, the office's own words)."""

    smtp_host: str = ""
    """SMTP server for the applicants' optional e-mail notices; empty means no e-mail is sent."""

    smtp_port: int = 25
    """Port of the SMTP server (plain SMTP, STARTTLS when the server offers it)."""

    smtp_from: str = ""
    """Sender address of the notices; empty means `capil@` and the SMTP host."""

    recovery_after_minutes: int = 15
    """An application still `received` or `processing` this long after it arrived (or was approved) is
    recovered by the `reconcile-applications` flow: processed again, sent to a verifikator, or
    finalized again (`casework.stuck_applications`)."""

    reconcile_every_seconds: int = 60
    """Period of the `reconcile-applications` flow of the local stack (`flows.serve`); an application
    no live run holds is recovered after waiting this long too (`flows.reconcile`)."""

    status_reads_flush_seconds: float = 30.0
    """How often the API appends the applicants' counted status reads to the audit log
    (`registry.StatusReads`); a crash loses at most this many seconds of counts, a graceful stop none."""

    finalize_max_attempts: int = 5
    """How many finalize runs an approved application gets, its first and the `reconcile-applications`
    flow's restarts together. After that it stays `processing`, the reconciler leaves it alone and
    `watch-operations` alerts on it (`finalize-parked`) until an operator runs
    `capil application retry-finalize` (`casework.finalize_attempts`)."""

    fault_hold_dir: str = ""
    """Test seam, off when empty: a directory where a file named after a stage (`read`, `sign`,
    `archive`) makes every run reaching that stage write `<stage>.reached` (its pid and application)
    and wait until the file is removed, so a fault test can strike inside that window
    (`casework.hold_point`). Never set in production."""

    alert_received_after_minutes: int = 30
    """The `watch-operations` flow raises an alert for every application still `received` this long
    after it arrived (the reconcile flow should have restarted it long before)."""

    alert_webhook_url: str = ""
    """Where the `watch-operations` flow also POSTs its alerts as JSON (a chat or paging hook); empty
    means the alerts are only an ERROR log line, a Prefect artifact and a Prefect event. Secret."""

    confidence_threshold: float = 0.80
    """A field the decision relies on with a lower OCR confidence goes to a verifikator."""

    tesseract_lang: str = "ind"
    """Tesseract language(s) used for all documents."""

    max_upload_bytes: int = 20 * 1024 * 1024
    """Largest accepted upload, per file."""

    max_pixels: int = 80_000_000
    """Largest page image the OCR decodes, in pixels (checked from the file header before decoding;
    an A4 page at 600 dpi is 35 Mpx). PDF pages count at the dpi they are rasterized at."""

    max_pages: int = 10
    """Most pages the OCR reads from one file (PDF or multi-page TIFF); more is refused before decoding."""

    cage_memory_mb: int = 2048
    """Address space (RLIMIT_AS) of each caged reader process, MiB: uploads are parsed, decoded and
    OCR'd in `ocr.Cage` processes, and a read that needs more (a decompression or pixel bomb) is
    refused as `ResourceLimitExceeded`. Tesseract workers inherit the same cap, each its own."""

    cage_cpu_seconds: int = 120
    """CPU seconds (RLIMIT_CPU) a caged reader process may spend on one read (decoding, PDF parsing,
    OpenCV; Tesseract's own workers are bounded by the wall clock below)."""

    cage_timeout_seconds: int = 180
    """Wall-clock seconds one caged read may take; then the reader's process group (with its
    Tesseract workers) is killed and a fresh one serves the next read."""

    cage_processes: int = 2
    """Caged reader processes kept warm by the host's reading service (`python -m ocr.serve`), shared by
    its flow runs, or by a process that reads without one (each reads one document at a time)."""

    cage_reads_per_process: int = 200
    """Reads a caged reader process serves before it is replaced by a fresh one (1: a new process,
    cold, for every read)."""

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'capil.db'}"

    @property
    def effective_public_base_url(self) -> str:
        return (self.public_base_url or f"http://{self.api_host}:{self.api_port}").rstrip("/")

    @property
    def prefect_api_url(self) -> str:
        return f"http://127.0.0.1:{self.prefect_port}/api"

    @property
    def secrets_dir(self) -> Path:
        return self.data_dir / "secrets"

    @property
    def pki_dir(self) -> Path:
        return self.data_dir / "pki"

    def masked(self) -> dict[str, Any]:
        """All settings, effective values filled in, secrets masked: for `capil config show`."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in _SECRET_FIELDS and value:
                value = "********"
            out[f.name] = str(value) if isinstance(value, Path) else value
        out["database_url"] = _mask_url_password(self.effective_database_url)
        out["public_base_url"] = self.effective_public_base_url
        return out


def _mask_url_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:********@{host}"


def _coerce(name: str, raw: Any, kind: Any) -> Any:
    try:
        if kind in (Path, "Path"):
            return Path(str(raw)).expanduser()
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as e:
        raise ConfigurationError(f"setting {name!r} has an invalid value {raw!r}") from e


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Build `Settings` from the environment and `capil.toml`; `overrides` win over both."""
    env = os.environ if environ is None else environ
    names = {f.name: f.type for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}

    config_path = env.get("CAPIL_CONFIG") or ("capil.toml" if Path("capil.toml").is_file() else "")
    if config_path:
        try:
            file_values = tomllib.loads(Path(config_path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigurationError(f"cannot read configuration file {config_path}: {e}") from e
        unknown = sorted(set(file_values) - set(names))
        if unknown:
            raise ConfigurationError(f"unknown key(s) in {config_path}: {', '.join(unknown)}")
        values.update(file_values)

    for name in names:
        key = f"CAPIL_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update(overrides)
    settings = Settings(**{k: _coerce(k, v, names[k]) for k, v in values.items()})
    _check_timezone(settings.timezone)
    _check_prefect_database(settings.prefect_database)
    return settings


_PREFECT_DATABASES = ("sqlite", "postgresql")


def _check_prefect_database(name: str) -> None:
    if name not in _PREFECT_DATABASES:
        raise ConfigurationError(f"setting 'prefect_database' has an unknown value {name!r} "
                                 f"(one of: {', '.join(_PREFECT_DATABASES)})")


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigurationError(f"setting 'timezone' has an unknown time zone {name!r} "
                                 "(an IANA name such as Asia/Makassar, Asia/Jakarta, Asia/Jayapura)") from e
