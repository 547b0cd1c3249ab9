"""Sign a rendered KK with the dev PKI and its real TSA over HTTP, then validate what was signed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

import core
import signing
from tests.fixtures.pki import PkiService, free_port
from tests.unit.test_signing_render import FAMILY

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def kk_pdf(dev_pki: signing.DevPki) -> bytes:
    return signing.render_kk_pdf(
        FAMILY,
        document_id="APP-2024-0001",
        issued_on=dt.date(2024, 5, 17),
        verify_url="http://127.0.0.1:8000/verifikasi/APP-2024-0001",
        kepala_dinas=dev_pki.signer_name,
        nip=dev_pki.signer_nip,
    )


@pytest.fixture(scope="module")
def signed(kk_pdf: bytes, pki_service: PkiService) -> bytes:
    return signing.sign_pdf(kk_pdf, config=pki_service.signer_config())


@pytest.fixture(scope="module")
def other_pki(tmp_path_factory: pytest.TempPathFactory) -> signing.DevPki:
    """A second PKI with the same names but its own keys: not under the first root."""
    return signing.ensure_dev_pki(tmp_path_factory.mktemp("other-pki"))


def test_dev_pki_is_idempotent_and_private(dev_pki: signing.DevPki) -> None:
    again = signing.ensure_dev_pki(dev_pki.dir, port=dev_pki.port)
    assert again == dev_pki
    assert again.root_cert.read_bytes() == dev_pki.root_cert.read_bytes()
    assert dev_pki.dir.stat().st_mode & 0o777 == 0o700
    for secret in (dev_pki.signer_pkcs12, dev_pki.signer_passphrase_file, *(dev_pki.dir / "keys").iterdir()):
        assert secret.stat().st_mode & 0o777 == 0o600, secret.name
    assert len(dev_pki.passphrase()) >= 32


def test_signed_document_verifies(signed: bytes, dev_pki: signing.DevPki) -> None:
    result = signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert])
    assert result.problems == ()
    assert result.valid and result.intact and result.trusted and result.timestamped
    assert result.signer == dev_pki.signer_name
    assert result.signed_at is not None
    assert dt.datetime.fromisoformat(result.signed_at).tzinfo is not None
    assert result.to_dict()["valid"] is True


def test_signature_is_pades_with_visible_field(signed: bytes, kk_pdf: bytes) -> None:
    assert signed.startswith(kk_pdf), "signing is an incremental update"
    assert b"/ETSI.CAdES.detached" in signed
    with pdfplumber.open(io.BytesIO(signed)) as doc:
        widgets = [a for a in doc.pages[0].annots if a["data"].get("T") == b"TandaTanganElektronik"]
    assert len(widgets) == 1
    widget = widgets[0]
    assert widget["x1"] - widget["x0"] > 100, "the signature field is visible"
    assert (round(widget["x0"]), round(widget["x1"])) == (signing.SIGNATURE_BOX[0], signing.SIGNATURE_BOX[2])


def test_flipped_byte_is_detected(signed: bytes, dev_pki: signing.DevPki) -> None:
    # The producer string lies in the first revision, inside the signed byte range, and changing
    # one letter keeps the PDF parseable.
    at = signed.index(b"ReportLab PDF Library")
    tampered = signed[:at] + b"X" + signed[at + 1 :]
    result = signing.verify_pdf(tampered, trust_roots=[dev_pki.root_cert])
    assert not result.valid
    assert not result.intact
    assert result.problems


def test_foreign_signer_is_untrusted(
    kk_pdf: bytes, other_pki: signing.DevPki, dev_pki: signing.DevPki, pki_service: PkiService
) -> None:
    config = signing.SignerConfig(  # B-T: nothing serves the other PKI's OCSP/CRL
        pkcs12=other_pki.signer_pkcs12, passphrase=other_pki.passphrase(), tsa_url=pki_service.tsa_url,
        level=signing.PadesLevel.B_T,
    )
    result = signing.verify_pdf(signing.sign_pdf(kk_pdf, config=config), trust_roots=[dev_pki.root_cert])
    assert not result.valid
    assert not result.trusted
    assert result.intact, "the bytes are untouched; only the trust fails"
    assert any("trusted root" in p for p in result.problems)


def test_unsigned_pdf_is_not_valid(kk_pdf: bytes, dev_pki: signing.DevPki) -> None:
    result = signing.verify_pdf(kk_pdf, trust_roots=[dev_pki.root_cert])
    assert not result.valid
    assert result.signer is None
    assert result.problems == ("the PDF carries no signature",)


@pytest.mark.parametrize("garbage", [b"", b"hello world", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_garbage_is_unsupported(garbage: bytes, dev_pki: signing.DevPki) -> None:
    with pytest.raises(core.UnsupportedFile):
        signing.verify_pdf(garbage, trust_roots=[dev_pki.root_cert])


def test_without_timestamp_is_not_valid(kk_pdf: bytes, dev_pki: signing.DevPki) -> None:
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=dev_pki.passphrase(), tsa_url=None,
                                  level=signing.PadesLevel.B_B)
    result = signing.verify_pdf(signing.sign_pdf(kk_pdf, config=config), trust_roots=[dev_pki.root_cert])
    assert result.intact and result.trusted
    assert not result.timestamped and not result.valid


def test_wrong_passphrase_is_configuration_error(kk_pdf: bytes, dev_pki: signing.DevPki) -> None:
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=b"wrong", tsa_url=None,
                                  level=signing.PadesLevel.B_B)
    with pytest.raises(core.ConfigurationError) as info:
        signing.sign_pdf(kk_pdf, config=config)
    assert dev_pki.passphrase().decode() not in str(info.value)
    assert "wrong" not in repr(config)


def test_missing_pkcs12_is_configuration_error(kk_pdf: bytes, tmp_path: Path) -> None:
    config = signing.SignerConfig(pkcs12=tmp_path / "none.p12", passphrase=b"x", tsa_url=None,
                                  level=signing.PadesLevel.B_B)
    with pytest.raises(core.ConfigurationError):
        signing.sign_pdf(kk_pdf, config=config)


def test_tsa_down_is_service_unavailable(kk_pdf: bytes, dev_pki: signing.DevPki) -> None:
    url = signing.tsa_url(dev_pki.dir, port=free_port())  # nothing listens there
    config = signing.SignerConfig(pkcs12=dev_pki.signer_pkcs12, passphrase=dev_pki.passphrase(), tsa_url=url,
                                  level=signing.PadesLevel.B_T)
    with pytest.raises(core.ServiceUnavailable):
        signing.sign_pdf(kk_pdf, config=config)


def test_service_health_and_crl(pki_service: PkiService) -> None:
    import urllib.request

    assert signing.pki_service_healthy(host=pki_service.host, port=pki_service.port)
    assert not signing.pki_service_healthy(host="127.0.0.1", port=free_port())
    url = signing.crl_url(pki_service.pki.dir, host=pki_service.host, port=pki_service.port)
    with urllib.request.urlopen(url, timeout=5) as resp:
        assert resp.headers["Content-Type"] == "application/pkix-crl"
        assert resp.read()[:1] == b"\x30"  # DER SEQUENCE


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_pdfsig_lists_the_signature(signed: bytes, tmp_path: Path, dev_pki: signing.DevPki) -> None:
    path = tmp_path / "kk-signed.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    # pdfsig exits non-zero when the issuer is not in its (NSS) trust DB; that is set up later.
    assert "Signature #1" in out.stdout, out.stdout + out.stderr
    assert dev_pki.signer_name in out.stdout
    assert "ETSI.CAdES.detached" in out.stdout
    assert "Signature is Valid" in out.stdout


def test_usable_from_async_code(signed: bytes, dev_pki: signing.DevPki) -> None:
    import asyncio

    async def endpoint() -> signing.Verification:
        return signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert])

    assert asyncio.run(endpoint()).valid
