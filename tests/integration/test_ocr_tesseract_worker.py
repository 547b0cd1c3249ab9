"""The long-lived Tesseract workers with the real libtesseract: what they read, how they fail and recover.

The reference is the `tesseract` program, run as the OCR ran it before the workers
(pytesseract's image_to_data on a BMP of the same image, same options).
"""

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image

import core
import ocr
import synthetic
from ocr import Word
from ocr.tesseract import WORKER_ENV, Pool, read_words, using_pool, worker_command

pytestmark = pytest.mark.integration

TICK = os.sysconf("SC_CLK_TCK")


@pytest.fixture(scope="module")
def family() -> core.Family:
    return core.Family.from_dict(synthetic.population(families=3, seed=1)["keluarga"][0])


@pytest.fixture(scope="module")
def recorded(family) -> list[tuple[np.ndarray, dict]]:
    """Every read ocr.extract asks of a worker on a rendered KK and ijazah: (image, read_words options)."""
    calls: list[tuple[np.ndarray, dict]] = []
    pool = Pool()
    real = pool.call

    def record(request, pixels, **kwargs):
        image = np.frombuffer(bytes(pixels), np.uint8).reshape(request["height"], request["width"]).copy()
        calls.append((image, {"lang": request["lang"], "psm": request["psm"], "dpi": request["dpi"],
                              "whitelist": request["whitelist"] or None}))
        return real(request, pixels, **kwargs)

    pool.call = record  # type: ignore[method-assign]
    try:
        with using_pool(pool):
            ocr.extract(synthetic.render_kk(family, seed=11).png)
            ocr.extract(synthetic.render_ijazah(family.anggota[0], jenjang="SMA", seed=23).png)
    finally:
        pool.close()
    return calls


@pytest.fixture
def one_worker():
    """read_words over a pool of one real worker: every call of the test goes to the same Tesseract."""
    pool = Pool(limit=1)
    with using_pool(pool):
        yield pool
    pool.close()


def _cli_words(image: np.ndarray, *, lang: str, psm: int = 3, dpi: int = 300, whitelist: str | None = None,
               **_: object) -> list[Word]:
    config = f"--psm {psm} --dpi {dpi}" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else "")
    pil = Image.fromarray(image)
    pil.format = "BMP"
    # One OpenMP thread, as the OCR ran it: unlimited, its threads spin on a busy machine (4-5x slower).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pytesseract.pytesseract, "environ", {**os.environ, **WORKER_ENV})
        data = pytesseract.image_to_data(pil, lang=lang, config=config, output_type=pytesseract.Output.DICT)
    words = []
    for text, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                    data["width"], data["height"], strict=True):
        if str(text).strip() and float(conf) >= 0:
            words.append(Word(str(text).strip(), max(0.0, min(1.0, float(conf) / 100)),
                              (int(left), int(top), int(left) + int(width), int(top) + int(height))))
    return words


def _line_crop(image: np.ndarray, words: list[Word]) -> np.ndarray:
    """The line of the longest number on the page, with a white margin: a psm 7 input."""
    number = max((w for w in words if w.text.isdigit()), key=lambda w: len(w.text))
    x0, y0, x1, y1 = number.bbox
    pad = y1 - y0
    return np.ascontiguousarray(image[max(0, y0 - pad):y1 + pad, max(0, x0 - 4 * pad):x1 + pad])


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def _samples(recorded: list[tuple[np.ndarray, dict]]) -> list[tuple[np.ndarray, dict]]:
    """The smallest recorded image of each kind of call (page segmentation mode, whitelist or not), at most
    `_ROWS` rows of it: every kind the OCR makes, in seconds."""
    smallest: dict[tuple[int, bool], tuple[np.ndarray, dict]] = {}
    for image, options in recorded:
        kind = (options["psm"], bool(options.get("whitelist")))
        if kind not in smallest or image.size < smallest[kind][0].size:
            smallest[kind] = (image, options)
    return [(np.ascontiguousarray(image[:_ROWS]), options) for image, options in smallest.values()]


_ROWS = 700


def test_the_worker_reads_what_the_cli_reads(recorded, one_worker):
    samples = _samples(recorded)
    header = next(image for image, options in samples if options["psm"] == 3)
    line = _line_crop(header, _cli_words(header, lang="ind", psm=3))
    calls = [*samples,
             (line, {"lang": "ind", "psm": 7, "whitelist": "0123456789"}),
             (line, {"lang": "ind", "psm": 7}),  # right after a whitelisted read in the same worker
             (line, {"lang": "ind", "psm": 11, "whitelist": "0123456789"}),
             (line, {"lang": "ind", "psm": 6})]
    assert {3, 6, 7, 11} <= {options["psm"] for _, options in calls}
    assert any(options.get("whitelist") for _, options in samples)
    for image, options in calls:
        assert read_words(image, **options) == _cli_words(image, **options), options
    assert len(one_worker.pids()) == 1


def test_a_timeout_kills_the_worker_and_the_next_call_recovers(recorded, one_worker):
    page, options = next((image, o) for image, o in recorded if o["psm"] == 3)
    small = page[: page.shape[0] // 4]
    expected = read_words(small, **options)
    [pid] = one_worker.pids()
    with pytest.raises(core.UnreadableDocument, match=r"longer than 0\.05 s"):
        read_words(page, **options, timeout=0.05)
    assert not Path(f"/proc/{pid}").exists()  # killed and reaped
    assert read_words(small, **options) == expected
    assert one_worker.pids() != [pid]


def test_a_worker_killed_mid_call_fails_that_call_and_the_next_one_recovers(recorded, one_worker):
    page, options = next((image, o) for image, o in recorded if o["psm"] == 11)
    small = np.ascontiguousarray(page[:_ROWS // 2])
    expected = read_words(small, **options)
    [pid] = one_worker.pids()
    outcome: list[BaseException | list[Word]] = []
    reader = threading.Thread(target=lambda: outcome.append(_catch(read_words, page, **options)))
    start = _cpu_of(pid)
    reader.start()
    deadline = time.monotonic() + 60
    while _cpu_of(pid) < start + 0.1 and time.monotonic() < deadline:
        time.sleep(0.005)  # until the worker is well into the page
    os.kill(pid, 9)
    reader.join()
    assert isinstance(outcome[0], core.UnreadableDocument)
    assert "tesseract stopped while reading the page image" in str(outcome[0])
    assert not Path(f"/proc/{pid}").exists()
    assert read_words(small, **options) == expected


def _catch(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception as e:
        return e


def test_workers_run_with_omp_thread_limit_1_and_os_environ_is_untouched(recorded, one_worker):
    before = os.environ.get("OMP_THREAD_LIMIT")
    image, options = recorded[-1]
    read_words(image, **options)
    [pid] = one_worker.pids()
    assert b"OMP_THREAD_LIMIT=1" in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    assert os.environ.get("OMP_THREAD_LIMIT") == before


def test_two_threads_read_what_one_reads(recorded):
    pool = Pool(limit=2)
    with using_pool(pool):
        jobs = [(image, options) for image, options in recorded if image.size < 2_000_000][:4]
        serial = [read_words(image, **options) for image, options in jobs]
        parallel: dict[int, list[Word]] = {}
        barrier = threading.Barrier(2)

        def read(indexes: range) -> None:
            barrier.wait()
            for i in indexes:
                parallel[i] = read_words(jobs[i][0], **jobs[i][1])

        threads = [threading.Thread(target=read, args=(range(k, len(jobs), 2),)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [parallel[i] for i in range(len(jobs))] == serial
        assert len(pool.pids()) == 2
    pool.close()


def test_the_meter_holds_what_the_worker_process_used(recorded, one_worker):
    with ocr.tesseract_cpu() as meter:
        for image, options in sorted(recorded, key=lambda call: call[0].size)[:3]:
            read_words(image, **options)
    [pid] = one_worker.pids()
    assert meter.seconds > 0.05  # a model load and three reads
    assert meter.seconds == pytest.approx(_cpu_of(pid), abs=0.05)


def test_a_missing_library_or_language_is_a_configuration_error():
    pool = Pool(lambda: [*worker_command(), "libtesseract-missing.so.0"], limit=1)
    image = np.full((40, 40), 255, np.uint8)
    try:
        with using_pool(pool), pytest.raises(core.ConfigurationError,
                                              match=r"cannot be loaded.*apt-get install tesseract-ocr"):
            read_words(image, lang="ind")
    finally:
        pool.close()
    # The real worker, started by a command other than `worker_command` itself: the installed languages are
    # not checked before the read (as if the model vanished after the check); the worker's answer says so.
    pool = Pool(lambda: worker_command(), limit=1)
    assert not pool.real
    try:
        with using_pool(pool):
            with pytest.raises(core.ConfigurationError, match=r"could not load language 'xqz'.*tesseract-ocr-xqz"):
                read_words(image, lang="xqz")
            assert read_words(image, lang="ind") == []  # the worker still serves the languages it has
    finally:
        pool.close()


def test_closing_the_pool_ends_the_workers_at_end_of_file(recorded):
    pool = Pool(limit=1)
    image = recorded[-1][0]
    pool.call({"lang": "ind", "psm": 6, "dpi": 300, "whitelist": "", "height": image.shape[0],
               "width": image.shape[1]}, image.tobytes(), timeout=60)
    [pid] = pool.pids()
    started = time.monotonic()
    pool.close()
    # Gone well within the grace a worker gets before it is killed (2 s): it ended at end of file.
    assert time.monotonic() - started < 1.5 and not Path(f"/proc/{pid}").exists()
