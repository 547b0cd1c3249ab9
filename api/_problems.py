"""Every 4xx/5xx of the API as one problem-details object (RFC 9457, `application/problem+json`).

    {"type": "urn:capil:problem:unknown-nik", "title": "Tidak ditemukan", "status": 404,
     "detail": "NIK tidak terdaftar dalam data kependudukan.", "instance": "/api/applications",
     "code": "UNKNOWN_NIK", "message": "NIK tidak terdaftar dalam data kependudukan."}

- `code` is stable, for machines; `type` is the same code as a URN (`about:blank` for plain HTTP
  errors: an unknown address, a method not allowed); `title` names the status in Indonesian;
  `detail` and `message` are the same Indonesian sentence (`message` is kept for clients of the
  older `{"code", "message"}` shape). `instance` is the path, never the query (it may carry a token).
- Validation errors (422 `VALIDATION_FAILED`) list the offending fields in `errors`:
  `[{"field": "nik", "in": "body", "message": "Wajib diisi."}]`.
- A 5xx says nothing about the cause; the log has it.

A browser asking for a page (`Accept` with `text/html`, a path outside `/api/`) gets the same message
as a small HTML page instead; anything under `/api/` always gets problem JSON, whatever it accepts.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from core import CapilError

from . import _pages

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
VALIDATION_FAILED = "VALIDATION_FAILED"

TITLES = {
    400: "Permintaan tidak sah", 401: "Belum masuk", 403: "Akses ditolak", 404: "Tidak ditemukan",
    405: "Metode tidak diizinkan", 409: "Konflik", 413: "Berkas terlalu besar", 415: "Jenis berkas tidak didukung",
    422: "Data tidak dapat diproses", 429: "Terlalu banyak permintaan", 500: "Kesalahan sistem",
    503: "Layanan tidak tersedia",
}
_HTTP_CODES = {
    404: ("NOT_FOUND", "Alamat yang diminta tidak ditemukan."),
    405: ("METHOD_NOT_ALLOWED", "Metode permintaan ini tidak diizinkan untuk alamat tersebut."),
}
_INTERNAL = ("INTERNAL_ERROR", "Terjadi kesalahan pada sistem. Silakan coba lagi atau hubungi petugas.")


class FieldProblem(BaseModel):
    field: str = Field(description="Nama kolom, mis. `nik` atau `requested.pendidikan`")
    message: str = Field(description="Apa yang salah, dalam bahasa Indonesia")


class Problem(BaseModel):
    """RFC 9457 problem details, with Capil's stable `code` and Indonesian `message`."""

    type: str = Field(description="URI jenis masalah: `urn:capil:problem:…`, atau `about:blank`")
    title: str = Field(description="Ringkasan status HTTP, bahasa Indonesia")
    status: int
    detail: str = Field(description="Penjelasan untuk manusia, bahasa Indonesia (sama dengan `message`)")
    instance: str | None = Field(default=None, description="Alamat permintaan (tanpa query)")
    code: str = Field(description="Kode stabil untuk mesin, mis. `UNKNOWN_NIK`")
    message: str = Field(description="Penjelasan dalam bahasa Indonesia")
    errors: list[FieldProblem] | None = Field(default=None, description="Hanya untuk `VALIDATION_FAILED`")


def problem_type(code: str) -> str:
    return "urn:capil:problem:" + code.lower().replace("_", "-")


def problem(status: int, code: str, message: str, *, instance: str | None = None, generic: bool = False,
            **extensions: Any) -> dict[str, Any]:
    """The problem object; `generic`: a plain HTTP error (type `about:blank`)."""
    body: dict[str, Any] = {
        "type": "about:blank" if generic else problem_type(code),
        "title": TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status, "detail": message, "instance": instance, "code": code, "message": message,
    }
    return {**body, **extensions}


_MACHINE_PATHS = ("/api/", "/openapi", "/docs", "/redoc", "/health")


def wants_html(request: Request) -> bool:
    """A browser asking for a page, not the API: `Accept` names `text/html` and the path is not
    under `/api/` (nor the OpenAPI document or `/health`)."""
    return (not request.url.path.startswith(_MACHINE_PATHS)
            and "text/html" in request.headers.get("accept", ""))


def respond(request: Request, status: int, code: str, message: str, *, generic: bool = False,
            headers: dict[str, str] | None = None, **extensions: Any) -> Response:
    if wants_html(request):
        title = TITLES.get(status) or HTTPStatus(status).phrase
        return HTMLResponse(_pages.message_page(title, message), status_code=status, headers=headers)
    return JSONResponse(problem(status, code, message, instance=request.url.path, generic=generic, **extensions),
                        status_code=status, media_type=MEDIA_TYPE, headers=headers)


_PYDANTIC_MESSAGES = {
    "missing": "Wajib diisi.",
    "string_too_long": "Terlalu panjang.",
    "string_too_short": "Terlalu pendek.",
    "bool_parsing": "Harus true atau false.",
    "bool_type": "Harus true atau false.",
    "int_parsing": "Harus berupa bilangan bulat.",
    "float_parsing": "Harus berupa angka.",
    "string_type": "Harus berupa teks.",
    "enum": "Nilai tidak dikenal.",
    "json_invalid": "Isi permintaan bukan JSON yang sah.",
    "model_attributes_type": "Harus berupa objek JSON.",
    "dict_type": "Harus berupa objek JSON.",
    "value_error": "Nilai tidak sah.",
}


def field_problems(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ())]
        where = loc[0] if loc and loc[0] in ("body", "query", "path", "header", "cookie") else "body"
        field = ".".join(loc[1:] if loc and loc[0] == where else loc) or "body"
        kind = str(error.get("type", ""))
        message = _PYDANTIC_MESSAGES.get(kind, "Nilai tidak sah.")
        if kind == "enum" and isinstance(error.get("ctx"), dict) and error["ctx"].get("expected"):
            message = f"Nilai tidak dikenal; pilih salah satu: {error['ctx']['expected']}."
        elif kind == "string_too_long" and isinstance(error.get("ctx"), dict):
            message = f"Terlalu panjang (paling banyak {error['ctx'].get('max_length')} karakter)."
        out.append({"field": field, "in": where, "message": message})
    return out


async def _capil_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CapilError)
    if exc.http_status >= 500:
        log.error("%s: %s", exc.code, exc.message)
    headers = {"Retry-After": "1"} if exc.retryable and exc.http_status in (409, 503) else None
    if exc.http_status == 401:
        headers = {"WWW-Authenticate": 'Bearer realm="capil"'}
    return respond(request, exc.http_status, exc.code, exc.message_id, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = field_problems(exc)
    names = ", ".join(dict.fromkeys(e["field"] for e in errors))
    return respond(request, 422, VALIDATION_FAILED,
                   f"Permintaan tidak lengkap atau tidak sah; periksa: {names}.", errors=errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_CODES.get(exc.status_code, (None, None))
    if code is None:
        try:
            code = HTTPStatus(exc.status_code).name
        except ValueError:
            code = "HTTP_ERROR"
        message = TITLES.get(exc.status_code, "Permintaan tidak dapat diproses") + "."
    return respond(request, exc.status_code, code, str(message), generic=True,
                   headers=dict(exc.headers) if exc.headers else None)


def _unexpected(headers: dict[str, str]):  # type: ignore[no-untyped-def]
    async def handler(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        # this answer is made outside the app's middleware (Starlette's outermost): add its headers here
        return respond(request, 500, *_INTERNAL, headers=headers)

    return handler


def install(app: FastAPI, *, headers: dict[str, str]) -> None:
    """Answer every error of `app` with a problem object (or an HTML page for a browser's page);
    `headers`: what the app's middleware adds to every answer, for the 500 made outside it."""
    app.add_exception_handler(CapilError, _capil_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected(headers))


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"description": "Masalah pada permintaan (RFC 9457)",
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}},
    "5XX": {"description": "Kesalahan sistem (RFC 9457)",
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}},
}


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with the problem schema on every operation's error answers."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(Problem.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {}))
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components["Problem"].pop("$defs", None)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Data tidak sah (`VALIDATION_FAILED`, dengan `errors`)",
                                    "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for key, value in PROBLEM_RESPONSES.items():
                responses.setdefault(str(key), value)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema
