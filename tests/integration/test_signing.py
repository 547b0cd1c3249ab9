"""Sign a rendered KK with the dev PKI and its real TSA over HTTP, then validate what was signed."""

from __future__ import annotations

import datetime as dt
import io
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


def test_stamp_draws_signer_and_time_with_the_embedded_font(signed: bytes, dev_pki: signing.DevPki) -> None:
    """The glyphs the stamp draws, read back through the embedded font's own cmap, spell its text."""
    import re

    from fontTools.ttLib import TTFont
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    widget = next(a.get_object() for a in reader.root["/Pages"]["/Kids"][0]["/Annots"]
                  if a.get_object().get("/T") == signing.FIELD_NAME)
    appearance = widget["/AP"]["/N"]
    cid_font = appearance["/Resources"]["/Font"]["/F1"]["/DescendantFonts"][0]
    font = TTFont(io.BytesIO(cid_font["/FontDescriptor"]["/FontFile2"].data))
    glyph_to_char = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    order = font.getGlyphOrder()
    drawn = []
    for hexes in re.findall(r"\[<([0-9a-f]+)>\] TJ", appearance.data.decode("latin-1")):
        drawn.append("".join(glyph_to_char[order[int(hexes[i:i + 4], 16)]] for i in range(0, len(hexes), 4)))
    assert drawn[:3] == ["Ditandatangani secara elektronik oleh", "Kepala Dinas Kependudukan dan Pencatatan Sipil",
                         dev_pki.signer_name]
    assert re.fullmatch(r"Waktu: \d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} WITA", drawn[3]), drawn
    assert drawn[4] == "Sertifikat: CAPIL DEV SIGNING CA"
    # the widths the PDF declares are the font's own, at 1000 units per em (what every reader assumes)
    widths = cid_font["/W"]
    assert font["head"].unitsPerEm == 1000
    first, advances = widths[0], widths[1]
    assert advances[0] == font["hmtx"].metrics[order[first]][0]


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




def test_usable_from_async_code(signed: bytes, dev_pki: signing.DevPki) -> None:
    import asyncio

    async def endpoint() -> signing.Verification:
        return signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert])

    assert asyncio.run(endpoint()).valid


# --- PAdES levels, long-term validation, independent validators ---------------------------------------


@pytest.fixture(scope="module")
def signed_at_level(kk_pdf: bytes, pki_service: PkiService) -> dict[str, bytes]:
    return {lv.value: signing.sign_pdf(kk_pdf, config=pki_service.signer_config(lv.value))
            for lv in signing.PadesLevel}


@pytest.mark.parametrize("level", [lv.value for lv in signing.PadesLevel])
def test_each_level_is_reached_and_checked(level: str, signed_at_level: dict[str, bytes],
                                           dev_pki: signing.DevPki) -> None:
    result = signing.verify_pdf(signed_at_level[level], trust_roots=[dev_pki.root_cert], required_level="B-B")
    assert result.valid, result.problems
    assert result.level == level
    assert result.revocation_info == (level in ("B-LT", "B-LTA"))
    assert len(result.document_timestamps) == (1 if level == "B-LTA" else 0)
    assert result.chain == (dev_pki.signer_name, "CAPIL DEV SIGNING CA", "CAPIL DEV ROOT CA")
    assert result.signer_subject["serial_number"] == dev_pki.signer_nip
    higher = signing.verify_pdf(signed_at_level[level], trust_roots=[dev_pki.root_cert], required_level="B-LTA")
    assert higher.valid == (level == "B-LTA")


def test_default_level_is_lta_with_dss_and_whole_document_covered(signed: bytes, dev_pki: signing.DevPki) -> None:
    result = signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert], required_level="B-LTA")
    assert result.valid and result.level == "B-LTA"
    assert b"/DSS" in signed and b"/ETSI.RFC3161" in signed
    assert result.modification == "LTA_UPDATES"  # only DSS and document timestamps after the signature
    assert result.timestamp_expires_at is not None


def test_certificates_name_the_services_port(dev_pki: signing.DevPki, pki_service: PkiService) -> None:
    from asn1crypto import pem, x509

    cert = x509.Certificate.load(pem.unarmor(dev_pki.signer_cert.read_bytes())[2])
    assert pki_service.ocsp_url in [d["access_location"] for d in cert.authority_information_access_value.native]
    crl = cert.crl_distribution_points_value.native[0]["distribution_point"][0]
    assert crl == signing.crl_url(dev_pki.dir, port=dev_pki.port)
    with pytest.raises(core.ConfigurationError, match="port"):
        signing.ensure_dev_pki(dev_pki.dir, port=dev_pki.port + 1)


def test_renewal_extends_the_timestamp_chain(signed: bytes, dev_pki: signing.DevPki, pki_service: PkiService) -> None:
    renewed = signing.renew_timestamp(signed, tsa_url=pki_service.tsa_url, trust_roots=[dev_pki.root_cert])
    assert renewed.startswith(signed), "renewal is an incremental update"
    before = signing.verify_pdf(signed, trust_roots=[dev_pki.root_cert], required_level="B-LTA")
    after = signing.verify_pdf(renewed, trust_roots=[dev_pki.root_cert], required_level="B-LTA")
    assert after.valid, after.problems
    assert len(after.document_timestamps) == len(before.document_timestamps) + 1
    assert after.document_timestamps[0] == before.document_timestamps[0]


def test_every_font_is_embedded(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "kk.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
    fonts = out.splitlines()[2:]
    assert len(fonts) >= 3, out  # two KK fonts and the stamp's
    assert all(line.split()[-5] == "yes" for line in fonts), out  # the `emb` column


def _nss_db(db: Path, root: Path | None) -> str:
    """An NSS database for pdfsig/vfychain, trusting `root` (None: trusting nothing)."""
    db.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True, timeout=60)
    if root is not None:
        subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "capil-root", "-t", "CT,C,C", "-i", str(root)],
                       check=True, timeout=60)
    return f"sql:{db}"


def _pdfsig(path: Path, nss: str) -> str:
    return subprocess.run(["pdfsig", "-nssdir", nss, "-no-ocsp", str(path)], capture_output=True, text=True,
                          timeout=60).stdout


def test_pdfsig_with_the_trust_root_agrees(signed: bytes, tmp_path: Path, dev_pki: signing.DevPki) -> None:
    """poppler/NSS, an independent validator: valid as signed, invalid after one changed byte."""
    nss = _nss_db(tmp_path / "nss", dev_pki.root_cert)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    at = signed.index(b"ReportLab PDF Library")
    bad.write_bytes(signed[:at] + b"X" + signed[at + 1 :])

    ok = _pdfsig(good, nss)
    assert "Signature #1" in ok and "Signature #2" in ok  # the signature and the document timestamp
    assert "Signature Validation: Signature is Valid." in ok, ok
    assert dev_pki.signer_name in ok and "ETSI.CAdES.detached" in ok
    tampered = _pdfsig(bad, nss)
    assert "Signature is Valid." not in tampered
    assert "Digest Mismatch" in tampered, tampered
    assert not signing.verify_pdf(bad.read_bytes(), trust_roots=[dev_pki.root_cert]).valid


# poppler up to at least 22.12 (Debian 12) calls NSS's CERT_PKIXVerifyCert, ignores its result and reads
# NSS's per-thread error code instead. A successful verification leaves SEC_ERROR_EXTENSION_NOT_FOUND there
# (from NSS looking up optional extensions such as name constraints, which no CA of ours carries), so a
# trusted chain is printed as this generic error. Newer poppler reads the error code only when the
# verification fails and prints "Certificate is Trusted.".
_POPPLER_STALE_ERROR = "Unknown issue with Certificate or corrupted data."


def _certificate_verdict(pdfsig_out: str) -> str:
    return pdfsig_out.split("Certificate Validation: ", 1)[1].splitlines()[0].strip()


def test_pdfsig_trusts_the_signer_through_the_root_in_its_nss_store(signed: bytes, tmp_path: Path,
                                                                      dev_pki: signing.DevPki) -> None:
    """What poppler's certificate verdict rests on: NSS's PKIX validation for the usage poppler asks for
    (email signer) of the certificates embedded in the signature, against the root in the NSS store."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    trusting, empty = _nss_db(tmp_path / "root", dev_pki.root_cert), _nss_db(tmp_path / "empty", None)
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    assert _certificate_verdict(_pdfsig(pdf, trusting)) in ("Certificate is Trusted.", _POPPLER_STALE_ERROR)
    assert _certificate_verdict(_pdfsig(pdf, empty)) == "Certificate issuer isn't Trusted."

    sig = PdfFileReader(io.BytesIO(signed), strict=False).embedded_regular_signatures[0]
    chain = [sig.signer_cert] + [c.chosen for c in sig.signed_data["certificates"]
                                 if c.chosen.self_signed == "no" and c.chosen.sha256 != sig.signer_cert.sha256]
    paths = []
    for i, cert in enumerate(chain):
        paths.append(tmp_path / f"cert{i}.der")
        paths[-1].write_bytes(cert.dump())

    def vfychain(nss: str) -> str:
        out = subprocess.run(["vfychain", "-d", nss, "-pp", "-u", "4", *map(str, paths)], capture_output=True,
                             text=True, timeout=60)
        return out.stdout + out.stderr

    assert len(chain) == 2  # signer and intermediate CA; the root comes from the NSS store
    assert "Chain is good!" in vfychain(trusting)
    assert "Chain is good!" not in vfychain(empty)


def test_capil_verify_json_and_exit_codes(signed: bytes, tmp_path: Path, dev_pki: signing.DevPki) -> None:
    import json
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("CAPIL_")}
    env.update(CAPIL_DATA_DIR=str(tmp_path / "data"), CAPIL_TRUST_ROOTS=str(dev_pki.root_cert))
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    at = signed.index(b"ReportLab PDF Library")
    bad.write_bytes(signed[:at] + b"X" + signed[at + 1 :])

    def capil(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "capil", *args], capture_output=True, text=True, env=env,
                              timeout=120)

    r = capil("verify", str(good), "--json", "--level", "B-LTA")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["valid"] and body["level"] == "B-LTA" and body["revocation_info"]
    r = capil("verify", str(bad), "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["intact"] is False


def test_revocation_service_down_is_service_unavailable(kk_pdf: bytes, tmp_path: Path) -> None:
    """A whole PKI down (OCSP, CRL and TSA at its port, nothing listening): retryable, not a
    configuration error. pyHanko reports the revocation info it could not fetch as a path
    validation error, the same class as a chain that does not validate."""
    pki = signing.ensure_dev_pki(tmp_path / "pki", port=free_port())
    config = signing.SignerConfig(pkcs12=pki.signer_pkcs12, passphrase=pki.passphrase(),
                                  tsa_url=signing.tsa_url(pki.dir, port=pki.port), level=signing.PadesLevel.B_LT,
                                  trust_roots=(pki.root_cert,))
    with pytest.raises(core.ServiceUnavailable):
        signing.sign_pdf(kk_pdf, config=config)
