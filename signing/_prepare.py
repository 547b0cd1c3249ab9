"""What a process's first signature would spend on filling caches, spent ahead: for a process that forks
signers (the flow runner's fork server, `flows._warm`), each fork starts with them filled.

A first signature in a fresh process costs ~0.5 CPU-s more than the next (measured on this machine): the
stamp font cut to its glyphs and scaled (`_stamp.prepared_font`, fontTools), its advance widths, the KK
fonts registered with reportlab, the PKCS#12 file opened and its RSA key parsed (`cryptography`'s
consistency check), the TLS context. A flow run is a fresh fork of the fork server, so every application
paid it. `prepare` reads files only: no socket, thread, token session or event loop is left behind to
be shared by forks; a PKCS#11 key is never touched (its session is per signature).
"""

from __future__ import annotations

from . import _pades, _render, _stamp
from ._keys import open_signer
from ._types import SignerConfig


def prepare(config: SignerConfig | None = None) -> None:
    """Fill this process's signing caches; with a PKCS#12 `config`, parse its key too.

    Raises what `sign_pdf` would for a key that cannot be opened (`core.ConfigurationError`)."""
    _stamp.prepare()
    _render.prepare()
    _pades._ssl_context()
    if config is not None and config.pkcs11 is None and config.pkcs12 is not None:
        with open_signer(config) as signer:
            parse = getattr(signer, "parse_key", None)
            if parse is not None:
                parse()
