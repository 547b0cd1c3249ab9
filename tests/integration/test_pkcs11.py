"""Signing with a key on a PKCS#11 token: a real SoftHSM2 token, initialised per module in a temp dir.

The token gets the dev PKI's signer key (imported from the test PKI's key file: test set-up) and
certificate; production code only ever talks to the token.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import core
import signing
from tests.fixtures.pki import PkiService
from tests.unit.test_signing_render import FAMILY

pytestmark = pytest.mark.integration

MODULE = next((p for p in (Path("/usr/lib/softhsm/libsofthsm2.so"),
                           Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")) if p.exists()), None)
TOKEN, PIN, LABEL = "capil-test", "246810", "kepala-dinas"


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory, dev_pki: signing.DevPki) -> Iterator[signing.Pkcs11Key]:
    if MODULE is None or shutil.which("softhsm2-util") is None:
        pytest.fail("SoftHSM2 is not installed: scripts/setup.sh installs the softhsm2 package")
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the library when this process loads it
    env = {**os.environ}
    util = ["softhsm2-util"]
    subprocess.run([*util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "13579"],
                   check=True, capture_output=True, env=env, timeout=60)
    assert dev_pki.signer_key is not None
    subprocess.run([*util, "--import", str(dev_pki.signer_key), "--token", TOKEN, "--label", LABEL, "--id", "01",
                    "--pin", PIN], check=True, capture_output=True, env=env, timeout=60)
    _store_certificate(dev_pki.signer_cert)
    try:
        yield signing.Pkcs11Key(module=MODULE, token_label=TOKEN, key_label=LABEL, pin=PIN.encode(),
                                chain=(dev_pki.intermediate_cert, dev_pki.root_cert))
    finally:
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous


def _store_certificate(cert_pem: Path) -> None:
    import pkcs11
    from asn1crypto import pem, x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    der = pem.unarmor(cert_pem.read_bytes())[2]
    cert = x509.Certificate.load(der)
    token = pkcs11.lib(str(MODULE)).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: LABEL, Attribute.ID: b"\x01", Attribute.VALUE: der,
            Attribute.SUBJECT: cert.subject.dump(),
        })


def _config(key: signing.Pkcs11Key, pki_service: PkiService) -> signing.SignerConfig:
    return signing.SignerConfig(pkcs12=None, passphrase=b"", tsa_url=pki_service.tsa_url, pkcs11=key,
                                trust_roots=(pki_service.pki.root_cert,))


def test_pkcs11_key_signs_lta_that_validates(token: signing.Pkcs11Key, pki_service: PkiService) -> None:
    pdf = signing.render_kk_pdf(FAMILY, document_id="HSM-1", issued_on=dt.date(2024, 5, 17),
                                verify_url="http://127.0.0.1:8000/v/HSM-1?h=0", kepala_dinas="X", nip="1")
    signed = signing.sign_pdf(pdf, config=_config(token, pki_service))
    result = signing.verify_pdf(signed, trust_roots=[pki_service.pki.root_cert], required_level="B-LTA")
    assert result.valid, result.problems
    assert result.signer == pki_service.pki.signer_name
    assert result.level == "B-LTA"


def test_wrong_pin_is_a_configuration_error_without_the_pin(token: signing.Pkcs11Key,
                                                             pki_service: PkiService) -> None:
    wrong = signing.Pkcs11Key(module=token.module, token_label=TOKEN, key_label=LABEL, pin=b"999999")
    config = _config(wrong, pki_service)
    with pytest.raises(core.ConfigurationError) as info:
        signing.sign_pdf(signing.render_kk_pdf(FAMILY, document_id="HSM-3", issued_on=dt.date(2024, 5, 17),
                                               verify_url="http://x/v/HSM-3?h=0", kepala_dinas="X", nip="1"),
                         config=config)
    assert "999999" not in str(info.value) and PIN not in str(info.value)
    assert "999999" not in repr(config)


def test_unknown_key_label_is_a_configuration_error(token: signing.Pkcs11Key, pki_service: PkiService) -> None:
    other = signing.Pkcs11Key(module=token.module, token_label=TOKEN, key_label="nobody", pin=PIN.encode())
    pdf = signing.render_kk_pdf(FAMILY, document_id="HSM-2", issued_on=dt.date(2024, 5, 17),
                                verify_url="http://127.0.0.1:8000/v/HSM-2?h=0", kepala_dinas="X", nip="1")
    with pytest.raises(core.ConfigurationError):
        signing.sign_pdf(pdf, config=_config(other, pki_service))
