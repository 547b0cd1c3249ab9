"""Serve a development PKI over HTTP: certomancer's aiohttp Animator plus `GET /healthz`.

Run by path (see `signing.pki_service_argv`), so it imports only certomancer and
aiohttp, never this package:

    python signing/_pki_service.py --config PKI_DIR/certomancer.yml --host 127.0.0.1 --port 9781

Routes: POST /capil-dev/tsa/tsa (RFC 3161), POST /capil-dev/ocsp/interm,
GET /capil-dev/crls/{root,interm}/latest.crl, GET /capil-dev/certs/root/ca.crt.
Stops cleanly on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web
from certomancer.integrations.aiohttp_animator import build_animator_app
from certomancer.registry import CertomancerConfig


async def _health(_request: web.Request) -> web.Response:
    return web.Response(text="ok\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    cfg = CertomancerConfig.from_file(args.config, allow_external_config=False)
    # Faking the time with a request header would let any local caller backdate timestamps.
    app = build_animator_app(cfg.pki_archs, with_web_ui=False, allow_time_override=False)
    app.router.add_get("/healthz", _health)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
