"""A long-lived Tesseract process: libtesseract loaded once, page images in, TSV out.

The parent (`ocr._tesseract_pool`) starts this file as a script
(`python -I _tesseract_worker.py [LIBRARY]`, LIBRARY defaulting to
`libtesseract.so.5`) and imports it only for the framing, so it
uses the standard library alone: no numpy, no Capil. The library is reached
through its C API with ctypes (`libtesseract.so.5`, from Debian's
`libtesseract5`; no -dev package, nothing compiled).

Protocol, one request at a time over the worker's stdin and stdout, both ways
the same frame:

    frame   = struct "<II" (header length, payload length) + header + payload
    request : header {"lang", "psm", "dpi", "whitelist", "width", "height"},
              payload the 8-bit grayscale pixels, row by row (width * height bytes)
    answer  : header {"ok": true, "tsv": "..."} or {"ok": false, "kind", "message"},
              always with "cpu": CPU seconds this process used since its previous
              answer (the first answer carries the start-up and model load), empty payload

`kind` is "library" (libtesseract missing or unloadable), "language" (the
language's model would not load) or "image" (Tesseract returned no result).
End of stdin (the parent closed it or died) ends the process.

Each request sets everything a call may change (page segmentation mode, dpi,
whitelist, empty when none) and clears the results after, so nothing of one
call leaks into the next; one initialised engine is kept per language.
"""

from __future__ import annotations

import ctypes
import json
import os
import struct
import sys
import time
from typing import IO, Any

LIBRARY = "libtesseract.so.5"
_FRAME = struct.Struct("<II")
MAX_HEADER = 1 << 24
"""Longest header accepted (a TSV answer of a dense page is ~100 KB)."""


class FrameError(Exception):
    """The other side closed the pipe or sent something that is not a frame."""


def write_frame(stream: IO[bytes], header: dict[str, Any], payload: bytes | memoryview = b"") -> None:
    """One frame; the stream may be raw (unbuffered: a write may take only part of the bytes) or buffered."""
    encoded = json.dumps(header).encode("utf-8")
    data = memoryview(payload).cast("B")
    for part in (memoryview(_FRAME.pack(len(encoded), data.nbytes)), memoryview(encoded), data):
        while part.nbytes:
            written = stream.write(part)
            part = part[written if written is not None else 0:]
    stream.flush()


def read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    """One frame; FrameError at end of stream or on a malformed frame."""
    head = _read_exactly(stream, _FRAME.size)
    header_length, payload_length = _FRAME.unpack(head)
    if header_length > MAX_HEADER:
        raise FrameError(f"header of {header_length} bytes")
    try:
        header = json.loads(_read_exactly(stream, header_length))
    except ValueError as e:
        raise FrameError("header is not JSON") from e
    if not isinstance(header, dict):
        raise FrameError("header is not an object")
    return header, _read_exactly(stream, payload_length)


def _read_exactly(stream: IO[bytes], n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        part = stream.read(n - got)
        if not part:
            raise FrameError("end of stream" if not got else f"frame cut short ({got} of {n} bytes)")
        parts.append(part)
        got += len(part)
    return b"".join(parts)


class _Library:
    """The few C API functions a read needs, typed."""

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        handle, text = ctypes.c_void_p, ctypes.c_char_p
        self.version = _fn(lib.TessVersion, ctypes.c_char_p)
        self.create = _fn(lib.TessBaseAPICreate, handle)
        self.init = _fn(lib.TessBaseAPIInit3, ctypes.c_int, handle, text, text)
        self.set_variable = _fn(lib.TessBaseAPISetVariable, ctypes.c_int, handle, text, text)
        self.set_psm = _fn(lib.TessBaseAPISetPageSegMode, None, handle, ctypes.c_int)
        self.set_image = _fn(lib.TessBaseAPISetImage, None, handle, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                             ctypes.c_int, ctypes.c_int)
        self.tsv = _fn(lib.TessBaseAPIGetTsvText, ctypes.c_void_p, handle, ctypes.c_int)
        self.delete_text = _fn(lib.TessDeleteText, None, ctypes.c_void_p)
        self.clear = _fn(lib.TessBaseAPIClear, None, handle)
        self.end = _fn(lib.TessBaseAPIEnd, None, handle)
        self.delete = _fn(lib.TessBaseAPIDelete, None, handle)


def _fn(f: Any, restype: Any, *argtypes: Any) -> Any:
    f.restype, f.argtypes = restype, list(argtypes)
    return f


class _Failure(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class _Engines:
    """One initialised TessBaseAPI per language, made on first use."""

    def __init__(self, library: str) -> None:
        self._library = library
        self._lib: _Library | None = None
        self._apis: dict[str, int] = {}

    def lib(self) -> _Library:
        if self._lib is None:
            try:
                self._lib = _Library(self._library)
            except (OSError, AttributeError) as e:
                raise _Failure("library", f"{self._library} cannot be loaded: {e}") from e
        return self._lib

    def api(self, lang: str) -> int:
        if lang not in self._apis:
            lib = self.lib()
            api = lib.create()
            # The CLI's `tsv` config sets this; set here too, so both read under the same variables.
            if lib.init(api, None, lang.encode()) != 0 or not lib.set_variable(api, b"tessedit_create_tsv", b"1"):
                lib.delete(api)
                raise _Failure("language", f"tesseract could not load language {lang!r}")
            self._apis[lang] = api
        return self._apis[lang]

    def read(self, request: dict[str, Any], pixels: bytes) -> str:
        width, height = int(request["width"]), int(request["height"])
        if width <= 0 or height <= 0 or len(pixels) != width * height:
            raise _Failure("image", f"{len(pixels)} bytes are not a {width}x{height} 8-bit image")
        lib, api = self.lib(), self.api(str(request["lang"]))
        lib.set_psm(api, int(request["psm"]))
        lib.set_variable(api, b"user_defined_dpi", str(int(request["dpi"])).encode())
        lib.set_variable(api, b"tessedit_char_whitelist", str(request.get("whitelist") or "").encode())
        lib.set_image(api, pixels, width, height, 1, width)
        try:
            pointer = lib.tsv(api, 0)
            if not pointer:
                raise _Failure("image", "tesseract returned no result for the page image")
            try:
                return ctypes.string_at(pointer).decode("utf-8", errors="replace")
            finally:
                lib.delete_text(pointer)
        finally:
            lib.clear(api)

    def close(self) -> None:
        if self._lib is not None:
            for api in self._apis.values():
                self._lib.end(api)
                self._lib.delete(api)
        self._apis.clear()


def serve(requests: IO[bytes], answers: IO[bytes], *, library: str = LIBRARY) -> None:
    """Answer requests until the end of `requests`."""
    engines, charged = _Engines(library), 0.0
    try:
        while True:
            try:
                request, pixels = read_frame(requests)
            except FrameError:
                return
            try:
                answer: dict[str, Any] = {"ok": True, "tsv": engines.read(request, pixels)}
            except _Failure as e:
                answer = {"ok": False, "kind": e.kind, "message": str(e)}
            except (KeyError, TypeError, ValueError) as e:
                answer = {"ok": False, "kind": "image", "message": f"bad request: {e!r}"}
            used = time.process_time()
            answer["cpu"], charged = used - charged, used
            try:
                write_frame(answers, answer)
            except (BrokenPipeError, OSError):
                return
    finally:
        engines.close()


def main() -> None:
    # Frames get a private copy of stdout; fd 1 points at stderr, so nothing the
    # library prints can land in the middle of a frame.
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, answers, library=sys.argv[1] if len(sys.argv) > 1 else LIBRARY)


if __name__ == "__main__":
    main()
