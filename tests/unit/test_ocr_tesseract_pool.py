"""The Tesseract worker pool at its process seam: framing, checkout, timeouts, deaths, CPU accounting.

Workers here are `tesseract_worker_fake.py` (the real framing, no Tesseract); the real worker is
exercised in tests/integration/test_ocr_tesseract_worker.py.
"""

import io
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

import core
import ocr
from ocr import Word
from ocr.tesseract import (
    FrameError,
    Pool,
    WorkerLost,
    read_frame,
    read_words,
    tesseract_cpu,
    using_pool,
    write_frame,
)

FAKE = Path(__file__).with_name("tesseract_worker_fake.py")
IMAGE = np.arange(12, dtype=np.uint8).reshape(3, 4)


def _fake_command() -> list[str]:
    return [sys.executable, str(FAKE)]


@pytest.fixture
def fake_pool():
    pool = Pool(_fake_command, limit=2)
    yield pool
    pool.close()


@pytest.fixture
def read_with(fake_pool):
    """read_words over the fake pool (no installed Tesseract needed)."""
    with using_pool(fake_pool):
        yield fake_pool


def _request(lang: str = "echo") -> dict:
    return {"lang": lang, "psm": 6, "dpi": 300, "whitelist": "", "height": 3, "width": 4}


def _gone(pid: int) -> bool:
    """Reaped: no /proc entry left (a zombie would still have one)."""
    return not Path(f"/proc/{pid}").exists()


def test_frames_round_trip_with_a_numpy_payload():
    stream = io.BytesIO()
    write_frame(stream, {"a": 1, "b": "ü"}, np.ascontiguousarray(IMAGE).reshape(-1).data)
    write_frame(stream, {"ok": True})
    stream.seek(0)
    assert read_frame(stream) == ({"a": 1, "b": "ü"}, IMAGE.tobytes())
    assert read_frame(stream) == ({"ok": True}, b"")
    with pytest.raises(FrameError, match="end of stream"):
        read_frame(stream)


def test_a_cut_or_garbled_frame_is_a_frame_error():
    stream = io.BytesIO()
    write_frame(stream, {"a": 1}, b"12345")
    with pytest.raises(FrameError, match="cut short"):
        read_frame(io.BytesIO(stream.getvalue()[:-2]))
    with pytest.raises(FrameError, match="not JSON"):
        read_frame(io.BytesIO(b"\x03\x00\x00\x00\x00\x00\x00\x00abc"))


def test_tsv_is_read_as_pytesseract_read_it(read_with):
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t60\t30\t96.999\tNIK\n"
           "5\t1\t1\t1\t1\t2\t80\t21\t200\t30\t0.5\t  \n"
           "5\t1\t1\t1\t1\t3\t90\t22\t100\t31\t-1\tghost\n"
           "5\t1\t1\t1\t1\t4\t300\t22\t10\t31\t0.9\t\n")
    assert read_words(IMAGE, lang=f"tsv:{tsv}") == [Word("NIK", 0.96, (10, 20, 70, 50))]
    # The last line may lack its (empty) text cell.
    last = "5\t1\t1\t1\t1\t1\t1\t2\t3\t4\t50.0\tA\n5\t1\t1\t1\t1\t2\t1\t2\t3\t4\t50"
    assert read_words(IMAGE, lang=f"tsv:{last}") == [Word("A", 0.5, (1, 2, 4, 6))]


def test_sequential_calls_reuse_one_worker(fake_pool):
    answers = [fake_pool.call(_request(), IMAGE.tobytes(), timeout=10) for _ in range(3)]
    assert all(a["ok"] for a in answers)
    assert len({a["pid"] for a in answers}) == 1
    assert fake_pool.pids() == [answers[0]["pid"]]


def test_parallel_calls_get_workers_of_their_own_up_to_the_limit(fake_pool):
    barrier, answers, lock = threading.Barrier(4), [], threading.Lock()

    def call() -> None:
        barrier.wait()
        answer = fake_pool.call(_request("burn:0.2"), IMAGE.tobytes(), timeout=30)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 4 and all(a["ok"] for a in answers)
    assert len({a["pid"] for a in answers}) == 2  # limit=2: the other two callers waited for one
    assert len(fake_pool.pids()) == 2


def test_a_timeout_kills_and_reaps_the_worker_and_the_next_call_gets_a_fresh_one(fake_pool):
    first = fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    with pytest.raises(WorkerLost) as lost:
        fake_pool.call(_request("sleep"), IMAGE.tobytes(), timeout=0.5)
    assert lost.value.timed_out
    assert _gone(first) and fake_pool.pids() == []
    assert fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"] != first


def test_a_worker_dying_mid_call_is_lost_and_replaced(fake_pool):
    with pytest.raises(WorkerLost) as lost:
        fake_pool.call(_request("die"), IMAGE.tobytes(), timeout=10)
    assert not lost.value.timed_out and "end of stream" in str(lost.value)
    assert fake_pool.pids() == []
    assert fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["ok"]


def test_an_idle_worker_killed_from_outside_is_replaced(fake_pool):
    first = fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    os.kill(first, 9)
    while Path(f"/proc/{first}/stat").read_text().split()[2] != "Z":
        pass  # until the kernel has made it a zombie: dead, not yet reaped
    second = fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    assert second != first and _gone(first)


def test_workers_get_omp_thread_limit_in_their_own_environment(fake_pool):
    before = os.environ.get("OMP_THREAD_LIMIT")
    pid = fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    assert b"OMP_THREAD_LIMIT=1" in environ
    assert os.environ.get("OMP_THREAD_LIMIT") == before


def test_close_ends_workers_by_end_of_file_and_reaps_them(fake_pool, monkeypatch, tmp_path):
    monkeypatch.setenv("CAPIL_FAKE_WORKER_EXITS", str(tmp_path))
    pid = fake_pool.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    fake_pool.close()
    assert (tmp_path / str(pid)).exists()  # it read EOF and returned: not killed
    assert _gone(pid) and fake_pool.pids() == []


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a live process, from /proc (clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_calls_worker_cpu_is_counted_by_the_meter(read_with):
    with tesseract_cpu() as outer:
        read_words(IMAGE, lang="echo", psm=6)
        with tesseract_cpu() as inner:
            read_words(IMAGE, lang="burn:0.3", psm=6)
    assert inner.seconds >= 0.3  # the worker's CPU, not this process's
    assert outer.seconds >= inner.seconds + 0.01  # the first answer also carries the worker's start-up
    (pid,) = read_with.pids()
    assert outer.seconds == pytest.approx(_cpu_seconds(pid), abs=0.05)  # all the worker used


def test_a_killed_workers_unreported_cpu_is_counted(read_with):
    with tesseract_cpu() as meter, pytest.raises(core.UnreadableDocument, match="longer than"):
        read_words(IMAGE, lang="burn-sleep:0.2", psm=6, timeout=2)
    assert meter.seconds >= 0.2


def _pages(count: int) -> bytes:
    """A TIFF of `count` pages, each a line of text."""
    page = np.full((400, 900), 255, np.uint8)
    cv2.putText(page, "KARTU KELUARGA 7401051203080012", (40, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    ok, tiff = cv2.imencodemulti(".tiff", [page] * count)
    assert ok
    return tiff.tobytes() if hasattr(tiff, "tobytes") else bytes(tiff)


def test_pages_read_in_threads_count_into_the_callers_meter(read_with):
    data = _pages(3)
    with tesseract_cpu() as one, pytest.raises(core.UnreadableDocument):
        ocr.extract(_pages(1), lang="burn:0.15")
    with tesseract_cpu() as meter, pytest.raises(core.UnreadableDocument):
        ocr.extract(data, lang="burn:0.15")  # the stand-in workers read no document
    assert one.seconds >= 0.15
    assert meter.seconds >= 3 * 0.15 and meter.seconds >= 2.5 * one.seconds


@pytest.mark.parametrize(("lang", "error", "message"), [
    ("library", core.ConfigurationError, "apt-get install tesseract-ocr"),
    ("language", core.ConfigurationError, "tesseract-ocr-language"),
    ("image", core.UnreadableDocument, "fake image failure"),
    ("die", core.UnreadableDocument, "tesseract stopped while reading the page image"),
])
def test_worker_failures_become_capil_errors(read_with, lang, error, message):
    with pytest.raises(error, match=message):
        read_words(IMAGE, lang=lang, psm=6)


def test_read_words_takes_2d_uint8_and_reads_nothing_from_an_empty_image(read_with):
    with pytest.raises(ValueError, match="2-D uint8"):
        read_words(IMAGE.astype(np.float32), lang="echo")
    with pytest.raises(ValueError, match="2-D uint8"):
        read_words(np.zeros((3, 4, 3), np.uint8), lang="echo")
    assert read_words(np.zeros((0, 5), np.uint8), lang="echo") == []
    assert read_with.pids() == []
    words = read_words(IMAGE[:, 1:3], lang="echo")  # a non-contiguous view arrives whole
    assert words == [Word("w2x3", 0.96, (0, 0, 2, int(IMAGE[:, 1:3].sum()) % 1000))]


_PARENTS: list[Pool] = []


def _child_sees_a_pool_of_its_own(_: int) -> bool:
    own = ocr.tesseract.pool()
    return own is not _PARENTS[0] and own.pids() == []


def test_a_forked_child_leaves_the_parents_workers_alone(read_with):
    _PARENTS[:] = [read_with]
    pid = read_with.call(_request(), IMAGE.tobytes(), timeout=10)["pid"]
    assert ocr.tesseract.pool() is read_with
    with multiprocessing.get_context("fork").Pool(1) as children:
        assert children.map(_child_sees_a_pool_of_its_own, [0]) == [True]
        children.close()
        children.join()
    assert read_with.call(_request(), IMAGE.tobytes(), timeout=10)["pid"] == pid
