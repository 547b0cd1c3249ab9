"""Hostile uploads against the upload check and the caged reader, and what the cage costs a normal read.

    .venv/bin/python benchmarks/hostile_uploads.py              # the per-class table
    .venv/bin/python benchmarks/hostile_uploads.py --overhead   # and CPU / wall per KK page with and without

Every class of `tests/integration/hostile.py` (made by code) goes through `ocr.check_upload` and, when it
passes, a warm `ocr.Cage` with the default limits (`Settings.cage_*`). Per class: seconds until refused,
where (upload or cage), the cage process's peak resident memory for that read, how much this process's
own peak grew, and the outcome. `--overhead` reads three rendered KK pages (`synthetic.population(families=3,
seed=1)`) in this process (`ocr.read`), in a warm cage and in a cold one (a fresh process per read): wall
seconds, and CPU seconds counting every process (this one, the cage, Tesseract workers).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import core
import ocr
import synthetic
from tests.integration import hostile

LIMITS = {"max_pixels": core.Settings().max_pixels, "max_pages": core.Settings().max_pages}


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu(who: int) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def _noise_page() -> bytes:
    noise = np.random.default_rng(1).integers(0, 256, (8_880, 8_880), dtype=np.uint8)
    return cv2.imencode(".png", noise)[1].tobytes()


def hostile_table(cage: ocr.Cage) -> None:
    classes = {**hostile.CLASSES, "png_noise_79mpx_within_limits": _noise_page, "normal_kk (reference)": hostile.normal_kk}
    print(f"cage limits: {cage.limits.memory_mb} MiB, {cage.limits.cpu_seconds} s CPU, "
          f"{cage.limits.timeout_seconds:g} s wall; max_pixels {LIMITS['max_pixels']}, max_pages {LIMITS['max_pages']}")
    print(f"{'class':38} {'bytes':>9} {'seconds':>8} {'where':>7} {'cage MB':>8} {'parent +MB':>10}  outcome")
    for name, make in classes.items():
        data = make()
        before = _peak_mb()
        start = time.monotonic()
        where, cage_mb = "upload", 0.0
        try:
            ocr.check_upload(data, **LIMITS)
        except core.CapilError as e:
            outcome = f"{e.code}: {e.message_id}"
        else:
            where = "cage"
            run = cage.run(data, declared_type=core.DocumentType.KK, **LIMITS)
            cage_mb = run.usage.peak_rss_mb
            if run.error is None:
                outcome = f"read: {run.reading.extraction.pages} page(s)"
            else:
                outcome = f"{run.error.code}: {run.error.message}"
        elapsed = time.monotonic() - start
        print(f"{name:38} {len(data):>9} {elapsed:>8.2f} {where:>7} {cage_mb:>8.0f} {_peak_mb() - before:>10.0f}  {outcome}",
              flush=True)
    print(f"peak resident memory of this process {_peak_mb():.0f} MB; of any reaped child "
          f"{_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def _kks() -> list[bytes]:
    families = [core.Family.from_dict(f) for f in synthetic.population(families=3, seed=1)["keluarga"]]
    return [synthetic.render_kk(family, seed=i + 1).png for i, family in enumerate(families)]


def overhead(rounds: int) -> None:
    pages = _kks()
    lang = core.Settings().tesseract_lang
    rows: dict[str, list[tuple[float, float]]] = {"in process (ocr.read)": [], "warm cage": [], "cold cage": []}

    ocr.read(pages[0], lang=lang, **LIMITS)  # start this process's Tesseract workers
    with ocr.Cage(processes=1) as warm, ocr.Cage(processes=1, reads_per_process=1) as cold:
        warm.read(pages[0], lang=lang, **LIMITS)  # start the warm cage and its workers
        for _ in range(rounds):  # interleaved, so that the machine's load falls on all three alike
            for png in pages:
                cpu0, wall0 = _cpu(resource.RUSAGE_SELF), time.monotonic()
                with ocr.tesseract_cpu() as tesseract:
                    ocr.read(png, lang=lang, **LIMITS)
                rows["in process (ocr.read)"].append((time.monotonic() - wall0,
                                                      _cpu(resource.RUSAGE_SELF) - cpu0 + tesseract.seconds))
                cpu0, wall0 = _cpu(resource.RUSAGE_SELF), time.monotonic()
                run = warm.run(png, lang=lang, **LIMITS)
                assert run.error is None, run.error
                rows["warm cage"].append((time.monotonic() - wall0,
                                          _cpu(resource.RUSAGE_SELF) - cpu0 + run.usage.cpu_seconds))
                cpu0 = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
                wall0 = time.monotonic()
                run = cold.run(png, lang=lang, **LIMITS)  # its process is reaped after its one read
                assert run.error is None, run.error
                rows["cold cage"].append((time.monotonic() - wall0, _cpu(resource.RUSAGE_SELF)
                                          + _cpu(resource.RUSAGE_CHILDREN) - cpu0))
    print(f"\nKK pages: {len(pages)} rendered KKs x {rounds} round(s); medians (min-max)")
    print(f"{'reader':24} {'wall s/page':>20} {'CPU s/page':>20}")
    base = statistics.median(c for _, c in rows["in process (ocr.read)"])
    for name, values in rows.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{name:24} {statistics.median(walls):>8.2f} ({min(walls):.2f}-{max(walls):.2f}) "
              f"{statistics.median(cpus):>8.2f} ({min(cpus):.2f}-{max(cpus):.2f})  CPU x{statistics.median(cpus) / base:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overhead", action="store_true", help="also measure the cage's cost on KK pages")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with ocr.Cage.from_settings(core.load_settings()) as cage:
        hostile_table(cage)
    if args.overhead:
        overhead(args.rounds)


if __name__ == "__main__":
    main()
