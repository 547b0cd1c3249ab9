"""Tesseract at its process seam, public: reading words, the worker pool and the frame protocol.

    read_words(image, *, lang, psm=3, dpi=300, timeout=120, whitelist=None) -> [Word]: every word
        Tesseract finds in a 2-D uint8 image, as its `tesseract` program's TSV gives them
    Pool(command=worker_command, *, limit): worker processes shared by threads
        .call(request, pixels, *, timeout, charge) -> the answer's header; WorkerLost when the worker
        died or timed out (it is killed and reaped)   .pids()   .close() (end of file, then reaped)
    pool() -> this process's pool; using_pool(pool) -> context manager: `pool` serves `read_words`
        inside it (tests: a pool of stand-in workers, which answer for the installed Tesseract too)
    worker_command() -> the real worker's command line; WORKER_ENV: what each worker's environment adds
    write_frame(stream, header, payload=b""), read_frame(stream) -> (header, payload); FrameError:
        the protocol between pool and worker (a JSON header and a byte payload, length-prefixed)
    tesseract_cpu() -> CpuMeter: the workers' CPU seconds for the reads made inside it

Failures of a read become Capil errors: a missing library or language is a
`core.ConfigurationError`; a worker that died or timed out, or failed on the
image, a `core.UnreadableDocument`.
"""

from ._tesseract import CpuMeter, read_words, tesseract_cpu
from ._tesseract_pool import WORKER_ENV, Pool, WorkerLost, pool, worker_command
from ._tesseract_pool import in_use as using_pool
from ._tesseract_worker import FrameError, read_frame, write_frame

__all__ = ["WORKER_ENV", "CpuMeter", "FrameError", "Pool", "WorkerLost", "pool", "read_frame", "read_words",
           "tesseract_cpu", "using_pool", "worker_command", "write_frame"]
