"""The Tesseract wrapper: the only module that imports pytesseract.

"Is it installed, with which languages" is checked apart from "run it". Each
run gets its own subprocess environment with `OMP_THREAD_LIMIT=1` (Tesseract's
OpenMP threads fight each other when several pages run in parallel), and
`os.environ` is never touched. Failures become Capil errors, `raise ... from e`:

    TesseractNotFoundError, missing language  -> core.ConfigurationError
    non-zero exit, timeout                    -> core.UnreadableDocument
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytesseract
from PIL import Image

import core

from ._model import Word

_RUN_ENV: dict[str, str] = {"OMP_THREAD_LIMIT": "1"}
_call_env: ContextVar[Mapping[str, str] | None] = ContextVar("capil_tesseract_env", default=None)


class _PerCallEnviron(Mapping[str, str]):
    """What pytesseract hands to `subprocess.Popen(env=...)`.

    pytesseract passes its module-level `environ` to every subprocess and has no
    per-call `env` argument. This mapping is `os.environ` plus the overrides of
    the call in progress (a context variable, so threads and tasks don't see
    each other's), and exactly `os.environ` outside a call.
    """

    def _current(self) -> Mapping[str, str]:
        extra = _call_env.get()
        return {**os.environ, **extra} if extra else os.environ

    def __getitem__(self, key: str) -> str:
        return self._current()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())

    def items(self):  # type: ignore[override]  # one snapshot instead of a lookup per key
        return self._current().items()


pytesseract.pytesseract.environ = _PerCallEnviron()  # type: ignore[attr-defined]


@contextmanager
def _subprocess_env(extra: Mapping[str, str]) -> Iterator[None]:
    token = _call_env.set(dict(extra))
    try:
        yield
    finally:
        _call_env.reset(token)


@dataclass(frozen=True)
class Engine:
    """An installed Tesseract: its version and the languages it can read."""

    version: str
    languages: frozenset[str]


@cache
def engine() -> Engine:
    """The installed Tesseract, checked once per process; ConfigurationError when missing."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise core.ConfigurationError("tesseract is not installed (Debian: apt-get install tesseract-ocr)")
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as e:
        raise core.ConfigurationError("tesseract is installed but cannot be run") from e
    return Engine(version=version, languages=languages)


def require_languages(lang: str) -> None:
    """Refuse a `lang` like `ind+eng` unless every part of it is installed."""
    missing = [part for part in lang.split("+") if part not in engine().languages]
    if missing:
        raise core.ConfigurationError(
            f"tesseract language(s) {', '.join(missing)} not installed (Debian: tesseract-ocr-{missing[0]})"
        )


def read_words(image: np.ndarray, *, lang: str, psm: int = 3, dpi: int = 300, timeout: float = 120,
               whitelist: str | None = None) -> list[Word]:
    """Every word Tesseract finds in a grayscale or binary page image, with its box and confidence.

    `whitelist` restricts the characters Tesseract may output (digits for a
    NIK, digits and `-` for a printed date).
    """
    require_languages(lang)
    config = f"--psm {psm} --dpi {dpi}"
    if whitelist:
        if not all(c.isalnum() or c in "-/.:+" for c in whitelist):
            raise ValueError("whitelist: letters, digits and - / . : only")
        config += f" -c tessedit_char_whitelist={whitelist}"
    try:
        with _subprocess_env(_RUN_ENV):
            data = pytesseract.image_to_data(_uncompressed(image), lang=lang, config=config, timeout=timeout,
                                             output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as e:
        engine.cache_clear()
        raise core.ConfigurationError("tesseract disappeared while running") from e
    except pytesseract.TesseractError as e:
        raise core.UnreadableDocument(f"tesseract failed on the page image (exit {e.status})") from e
    except RuntimeError as e:  # pytesseract's timeout
        raise core.UnreadableDocument(f"tesseract took longer than {timeout:.0f} s on one page") from e
    return _words(data)


def _uncompressed(image: np.ndarray) -> Image.Image:
    """The image as a PIL image pytesseract will hand over as BMP: PNG compression cost more than a read."""
    pil = Image.fromarray(image)
    pil.format = "BMP"
    return pil


def _words(data: dict[str, list]) -> list[Word]:
    words = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        text = str(text).strip()
        if not text or float(conf) < 0:
            continue
        words.append(Word(text=text, confidence=max(0.0, min(1.0, float(conf) / 100)),
                          bbox=(int(left), int(top), int(left) + int(width), int(top) + int(height))))
    return words
