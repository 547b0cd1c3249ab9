"""Files the pages load, served from this server (no CDN): `api/static` and Swagger UI's dist
(`swagger-ui-bundle-v2`, Apache-2.0), and `/docs` built on them, so everything works offline and the
CSP can say `script-src 'self'`. Routes, not a mount: the route table test walks `app.routes`."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from starlette.exceptions import HTTPException

from ._templates import STATIC

SWAGGER = Path(swagger_ui_bundle.swagger_ui_path)
_SWAGGER_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png"}
_CACHE = {"Cache-Control": "public, max-age=3600"}

_DOCS = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Capil API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" type="image/png" href="/static/swagger/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script><script src="/static/swagger-init.js"></script>
</body></html>"""


def _file(folder: Path, name: str, allowed: tuple[str, ...] | None = None) -> FileResponse:
    path = folder / name
    if "/" in name or name.startswith(".") or (allowed is not None and name not in allowed) \
            or path.suffix not in _TYPES or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type=_TYPES[path.suffix], headers=_CACHE)


def static_file(name: str) -> FileResponse:
    return _file(STATIC, name)


def swagger_file(name: str) -> FileResponse:
    return _file(SWAGGER, name, _SWAGGER_FILES)


def docs() -> HTMLResponse:
    return HTMLResponse(_DOCS)


def install(app: FastAPI) -> None:
    app.get("/static/swagger/{name}", include_in_schema=False)(swagger_file)
    app.get("/static/{name}", include_in_schema=False)(static_file)
    app.get("/docs", include_in_schema=False)(docs)
