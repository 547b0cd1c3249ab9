"""A stand-in for ocr/_tesseract_worker.py at the process seam: the real framing, no Tesseract.

What it does is chosen by the request's `lang`:

    echo      one word per request: `w<width>x<height>` with the pixel sum as its box height
              (any other language too)
    tsv:T     answer T as the TSV
    burn:S    spend S seconds of CPU, then answer like echo
    sleep     never answer (the caller's timeout must kill it)
    burn-sleep:S  spend S seconds of CPU, then never answer
    die       exit with status 3 without answering
    library / language / image   answer that failure

Every answer reports the CPU time used since the previous one (`cpu`) and this process's id (`pid`).
At the end of its input it exits with status 0, and, with `CAPIL_FAKE_WORKER_EXITS` in its environment,
first leaves a file named by its process id in that directory (so a test can tell it was not killed).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ocr"))
import _tesseract_worker as framing  # stdlib only: imported by path, not through the ocr package


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def main() -> None:
    charged = 0.0
    while True:
        try:
            request, pixels = framing.read_frame(sys.stdin.buffer)
        except framing.FrameError:
            if os.environ.get("CAPIL_FAKE_WORKER_EXITS"):
                (Path(os.environ["CAPIL_FAKE_WORKER_EXITS"]) / str(os.getpid())).write_text("end of input\n")
            return
        mode, _, arg = str(request["lang"]).partition(":")
        if mode.startswith("burn"):
            _burn(float(arg))
        if mode in ("sleep", "burn-sleep"):
            time.sleep(3600)
        if mode == "die":
            os._exit(3)
        if mode in ("library", "language", "image"):
            answer = {"ok": False, "kind": mode, "message": f"fake {mode} failure"}
        elif mode == "tsv":
            answer = {"ok": True, "tsv": arg}
        else:
            tsv = (f"5\t1\t1\t1\t1\t1\t0\t0\t{request['width']}\t{sum(pixels) % 1000}\t96.7\t"
                   f"w{request['width']}x{request['height']}")
            answer = {"ok": True, "tsv": tsv}
        used = time.process_time()
        answer.update(cpu=used - charged, pid=os.getpid())
        charged = used
        framing.write_frame(sys.stdout.buffer, answer)


if __name__ == "__main__":
    main()
