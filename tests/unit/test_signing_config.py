"""Issue #7 configuration: the PAdES level of issued documents and the archive's retention period come
from settings (environment `CAPIL_*` or `capil.toml`), B-LTA and years by default."""

from __future__ import annotations

from pathlib import Path

import pytest

import core
import signing
from casework import Services, bootstrap


def _services(tmp_path: Path, environ: dict[str, str]) -> Services:
    # An explicit key and trust root: building the signer config needs no development PKI.
    environ = {"CAPIL_SIGNER_PKCS12": str(tmp_path / "signer.p12"), "CAPIL_TRUST_ROOTS": str(tmp_path / "root.pem"),
               "CAPIL_TSA_URL": "http://tsa.example/", **environ}
    return bootstrap(core.load_settings(environ, data_dir=tmp_path / "data"))


def test_defaults_are_b_lta_and_ten_years(tmp_path: Path) -> None:
    svc = _services(tmp_path, {})
    assert svc.signer.level == signing.PadesLevel.B_LTA
    assert svc.settings.archive_retention_days == 3650


@pytest.mark.parametrize(("configured", "level"), [("B-B", "B-B"), ("B-T", "B-T"), ("b-lt", "B-LT"),
                                                    ("B-LTA", "B-LTA")])
def test_level_is_selected_by_configuration(tmp_path: Path, configured: str, level: str) -> None:
    svc = _services(tmp_path, {"CAPIL_PADES_LEVEL": configured})
    assert svc.signer.level == signing.PadesLevel(level)
    assert svc.pades_level == signing.PadesLevel(level)  # what archive reads then require


def test_unknown_level_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(core.ConfigurationError, match="pades_level"):
        _ = _services(tmp_path, {"CAPIL_PADES_LEVEL": "B-X"}).signer


def test_retention_period_is_configurable(tmp_path: Path) -> None:
    assert _services(tmp_path, {"CAPIL_ARCHIVE_RETENTION_DAYS": "30"}).settings.archive_retention_days == 30
