"""The Tesseract wrapper: the only module that runs Tesseract.

"Is it installed, with which languages" is checked apart from "run it".

Reading goes to long-lived worker processes (`_tesseract_worker.py`), each
keeping libtesseract initialised through its C API: a `tesseract` run per
call cost ~0.11 s of CPU to start and load the model before reading a pixel,
several times per page. A worker is started with `OMP_THREAD_LIMIT=1` in its
own environment (`Popen(env=...)`; Tesseract's OpenMP threads fight each
other when pages run in parallel) and `os.environ` is never touched. Callers
in several threads each check out an idle worker, or start one (at most
`2 x cores` at once), and give it back; a worker that dies or times out is
killed, reaped and replaced on the next call. Workers end when this process
closes their stdin (at exit) or dies (end of file).

A worker reports the CPU time it used for each answer; `tesseract_cpu()`
adds it up for the calls made in its context (long-lived workers never show
up in `RUSAGE_CHILDREN`, which counts only reaped children).

pytesseract stays for `engine()` alone: it finds the `tesseract` program and
parses its version and language list, the installation check done once per
process; it no longer reads any page.

Failures become Capil errors, `raise ... from e`:

    tesseract or libtesseract missing, missing language -> core.ConfigurationError
    worker died, timeout, no result for the image       -> core.UnreadableDocument
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pytesseract

import core

from ._model import Word
from ._tesseract_pool import WorkerLost, pool


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


@dataclass
class CpuMeter:
    """CPU seconds Tesseract workers spent on the calls made inside one `tesseract_cpu()` block."""

    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, seconds: float) -> None:
        with self._lock:  # pages of one document are read in parallel threads
            self.seconds += seconds


_meters: ContextVar[tuple[CpuMeter, ...]] = ContextVar("capil_tesseract_cpu", default=())


@contextmanager
def tesseract_cpu() -> Iterator[CpuMeter]:
    """Count the workers' CPU time for every read in this context (threads started with a copy of it too).

    The meter holds what each answer reported (a worker's first answer carries
    its start-up and model load) plus, for a worker killed mid-call, what it
    used and had not reported. Add it to this process's own CPU time
    (`RUSAGE_SELF`) for the whole cost of an OCR run.
    """
    meter = CpuMeter()
    token = _meters.set((*_meters.get(), meter))
    try:
        yield meter
    finally:
        _meters.reset(token)


def _charge(seconds: float) -> None:
    for meter in _meters.get():
        meter.add(seconds)


def read_words(image: np.ndarray, *, lang: str, psm: int = 3, dpi: int = 300, timeout: float = 120,
               whitelist: str | None = None) -> list[Word]:
    """Every word Tesseract finds in a grayscale or binary page image (2-D uint8), with its box and confidence.

    `whitelist` restricts the characters Tesseract may output (digits for a
    NIK, digits and `-` for a printed date). The words, boxes and confidences
    are those of the `tesseract` program's TSV for the same image and options.
    """
    workers = pool()
    if workers.real:
        require_languages(lang)
    if whitelist and not all(c.isalnum() or c in "-/.:+" for c in whitelist):
        raise ValueError("whitelist: letters, digits and - / . : only")
    if image.ndim != 2 or image.dtype != np.uint8:
        raise ValueError(f"read_words takes a 2-D uint8 image, not {image.ndim}-D {image.dtype}")
    if image.size == 0:
        return []
    pixels = np.ascontiguousarray(image).reshape(-1).data
    request = {"lang": lang, "psm": int(psm), "dpi": int(dpi), "whitelist": whitelist or "",
               "height": int(image.shape[0]), "width": int(image.shape[1])}
    try:
        answer = workers.call(request, pixels, timeout=timeout, charge=_charge)
    except WorkerLost as e:
        if e.timed_out:
            raise core.UnreadableDocument(f"tesseract took longer than {timeout:g} s on one page") from e
        raise core.UnreadableDocument(f"tesseract stopped while reading the page image ({e})") from e
    if not answer.get("ok"):
        kind, message = answer.get("kind"), str(answer.get("message"))
        if kind == "library":
            raise core.ConfigurationError(f"{message} (Debian: apt-get install tesseract-ocr)")
        if kind == "language":
            engine.cache_clear()
            raise core.ConfigurationError(f"{message} (Debian: tesseract-ocr-{lang.split('+')[0]})")
        raise core.UnreadableDocument(f"tesseract failed on the page image: {message}")
    return _words(str(answer["tsv"]))


def _words(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV, read as pytesseract read them (confidence truncated to a whole percent)."""
    words = []
    for line in tsv.strip().split("\n"):
        cells = line.split("\t")
        if len(cells) == 11:  # the last line of the TSV may lack an empty text cell
            cells.append("")
        if len(cells) != 12 or cells[0] == "level":
            continue
        left, top, width, height = (int(float(v)) for v in cells[6:10])
        conf, text = int(float(cells[10])), cells[11].strip()
        if not text or conf < 0:
            continue
        words.append(Word(text=text, confidence=max(0.0, min(1.0, conf / 100)),
                          bbox=(left, top, left + width, top + height)))
    return words
