"""Issue #17: `signing.prepare` fills, ahead, what a process's first signature would read and parse.

The flow runner's fork server calls it (`flows._prewarm`), so that a flow run, a fresh fork, signs without
opening the PKCS#12 file or cutting the stamp font again. Seen through Python's audit hook in a fresh
interpreter (this one has signed already): after `prepare`, a signature opens neither file; without it
(the control), it opens both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import signing

pytestmark = pytest.mark.integration

_SIGN_IN_A_FRESH_PROCESS = """
import datetime as dt, json, sys
from pathlib import Path
import signing
from tests.unit.test_signing_render import FAMILY

p12, passphrase, root, prepared = sys.argv[1], sys.argv[2].encode(), sys.argv[3], sys.argv[4] == "1"
config = signing.SignerConfig(pkcs12=Path(p12), passphrase=passphrase, tsa_url=None, level=signing.PadesLevel.B_B,
                              trust_roots=(Path(root),))
pdf = signing.render_kk_pdf(FAMILY, document_id="PREP-1", issued_on=dt.date(2024, 5, 17),
                            verify_url="http://127.0.0.1:8000/v/PREP-1?h=0", kepala_dinas="X", nip="1")
if prepared:
    signing.prepare(config)
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
signed = signing.sign_pdf(pdf, config=config)
print(json.dumps({"opened": opened, "valid": signing.verify_pdf(signed, trust_roots=[Path(root)],
                                                                required_level="B-B").valid}))
"""


def _sign_fresh(pki: signing.DevPki, *, prepared: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", _SIGN_IN_A_FRESH_PROCESS, str(pki.signer_pkcs12),
                          pki.passphrase().decode(), str(pki.root_cert), "1" if prepared else "0"],
                         capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_prepared_process_signs_without_reading_the_key_or_the_stamp_font_again(dev_pki: signing.DevPki) -> None:
    cold, warm = _sign_fresh(dev_pki, prepared=False), _sign_fresh(dev_pki, prepared=True)
    assert cold["valid"] and warm["valid"]
    key, fonts = str(dev_pki.signer_pkcs12), (".ttf", ".otf")
    assert key in cold["opened"] and any(p.endswith(fonts) for p in cold["opened"])  # the control
    assert key not in warm["opened"]
    assert not [p for p in warm["opened"] if p.endswith(fonts)]
