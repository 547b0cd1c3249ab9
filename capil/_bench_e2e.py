"""`capil bench e2e`: synthetic applications through the running local stack, over HTTP.

    run(settings, applications=, concurrency=, seed=) -> report (`capil.e2e_report.summarize`)

1. A synthetic population of its own (a fresh seed each run unless given) is imported into the stack's
   record; one adult per family files either `pendidikan` (KK + S1 ijazah) or `status_perkawinan`
   (KK + buku nikah), each document in a variant taken in turn (clean, scan, photo, pdf_text, pdf_image).
   Everything is rendered before the clock starts.
2. `concurrency` clients each file one application at a time (`POST /api/applications`), then poll its
   status with the applicant's status token until it is archived, decided for review, or given up on.
3. Afterwards the stages of each run are read from Prefect: the flow run's states (scheduled → pending:
   the runner's poll; pending → running: the flow-run process start) and its task runs (and those of
   a `finalize-application` subflow, as runs before issue #17 had), the stages the timings artifact shows.
4. The limits on the same pages: Tesseract alone (`tesseract PAGE - -l LANG`, OMP_THREAD_LIMIT=1, one
   process per core) and OCRmyPDF (`--output-type pdf --optimize 0 -l LANG --jobs CORES`) when installed.

While the applications run, every process of the stack (each part's process tree, flow runs and cage
processes included) is sampled from /proc for CPU time and peak memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

import synthetic
from core import Person, ServiceUnavailable, Settings, pendidikan_rank

from . import e2e_report
from ._bench_e2e_probe import StackSampler, stack_roots
from ._progress import progress, shown
from ._stack import _prefect_auth

POLL_S = 0.25
"""How often each client reads its application's status (as the issue's measurement did). At 0.1 s a
client read ~100 times per application, and the API's CPU for the bench's own reads was charged to the
pipeline; the recorded latency (received → archived) does not depend on it."""
IDLE_S = 10.0
"""Seconds the stack's idle CPU is measured before the applications are filed."""
TIMEOUT_S = 600.0
_VARIANTS = tuple(synthetic.VARIANTS)


@dataclass(frozen=True)
class Case:
    nik: str
    change: str
    files: dict[str, Path]
    """Form field (`kk`, `ijazah`, `buku_nikah`) → the rendered file."""
    variants: dict[str, str]


def run(settings: Settings, *, applications: int, concurrency: int, seed: int | None = None,
        limit_applications: int | None = None) -> dict[str, Any]:
    """File the applications and measure the limits. `limit_applications` (default: all) reads the limits
    (raw Tesseract, our reader, OCRmyPDF) on the first that many applications' pages only: a sample of the
    same mix, so that a long sustained run is not followed by an hour of reference reading (they report
    per-page rates, which a sample estimates)."""
    api = f"http://{settings.api_host}:{settings.api_port}"
    _check_stack(api, settings)
    seed = seed if seed is not None else int(time.time()) % 1_000_000
    work = Path(tempfile.mkdtemp(prefix="capil-bench-e2e-"))
    try:
        with progress("rendering the applications"):
            cases = _prepare(settings, applications, seed=seed, work=work)
        pages = {str(path): _pages(path, work) for case in cases for path in case.files.values()}
        sampler = StackSampler(stack_roots(settings))
        idle = sampler.idle_rss_mb()
        with progress("the stack's CPU while idle"):
            idle_cpu = sampler.idle_cpu(IDLE_S)
        access_log = PrefectAccessLog(settings.data_dir / "logs" / "prefect-server.log")
        sampler.start()
        started = time.monotonic()
        results = _submit_all(api, cases, concurrency=concurrency)
        wall = time.monotonic() - started
        resources = sampler.stop(wall=wall)
        resources["idle_stack_rss_mb"] = idle
        resources["idle_cpu_seconds_per_second"] = idle_cpu
        log_text = access_log.read()
        resources["prefect_requests"] = None if log_text is None else e2e_report.count_requests(log_text)
        resources["prefect_unavailable"] = None if log_text is None else e2e_report.count_unavailable(log_text)
        _add_stages(settings, results)
        for case, result in zip(cases, results, strict=True):
            result["pages"] = sum(len(pages[str(p)]) for p in case.files.values())
        sample = cases[:limit_applications] if limit_applications else cases
        all_pages = [p for case in sample for path in case.files.values() for p in pages[str(path)]]
        cores = os.cpu_count() or 1
        with progress("raw Tesseract over the same pages"):
            raw = _raw_tesseract(all_pages, lang=settings.tesseract_lang, processes=cores)
        with progress("our reader over the same pages"):
            ours = our_reader([(path, name) for case in sample for name, path in case.files.items()],
                              pages=len(all_pages), lang=settings.tesseract_lang, processes=cores)
        with progress("OCRmyPDF over the same pages"):
            omp = _ocrmypdf(all_pages, lang=settings.tesseract_lang, jobs=cores, work=work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta = {"seed": seed, "limit_applications": limit_applications, "commit": _commit(),
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "load_average": [round(x, 2) for x in os.getloadavg()]}
    return e2e_report.summarize(results, wall=wall, concurrency=concurrency, cores=cores, raw=raw, ocrmypdf=omp,
                                resources=resources, meta=meta, ours=ours)


def _check_stack(api: str, settings: Settings) -> None:
    try:
        httpx.get(f"{api}/health", timeout=5).raise_for_status()
        httpx.get(f"{settings.prefect_api_url}/health", timeout=5).raise_for_status()
    except httpx.HTTPError as e:
        raise ServiceUnavailable(f"the local stack did not answer ({type(e).__name__}); start it with `capil up`") from e


def _prepare(settings: Settings, n: int, *, seed: int, work: Path) -> list[Case]:
    """Import a population of `n` families and render one genuine application per family."""
    from casework import bootstrap

    doc = synthetic.population(families=n, seed=seed)
    svc = bootstrap(settings)
    try:
        svc.population.import_population(doc, actor="cli:bench-e2e")
    finally:
        svc.database.dispose()
    partners = [Person.from_dict(m) for f in synthetic.population(families=max(4, n // 2), seed=seed + 1)["keluarga"]
                for m in f["anggota"]]
    today = dt.date.today()
    cases: list[Case] = []
    for i, family in enumerate(doc["keluarga"]):
        from core import Family

        fam = Family.from_dict(family)
        adults = [p for p in fam.anggota if (today - dt.date.fromisoformat(p.tanggal_lahir)).days >= 20 * 365]
        kk_variant, ev_variant = _VARIANTS[i % len(_VARIANTS)], _VARIANTS[(i * 2 + 1) % len(_VARIANTS)]
        kk = synthetic.degrade(synthetic.render_kk(fam, seed=seed + i), kk_variant, seed=seed + i)
        single = [p for p in adults if p.status_perkawinan == "BELUM KAWIN"]
        below = [p for p in adults if pendidikan_rank(p.pendidikan) < pendidikan_rank("DIPLOMA IV/STRATA I")]
        if single and (i % 2 or not below):
            person = single[0]
            partner = next(p for p in partners if p.jenis_kelamin != person.jenis_kelamin)
            suami, istri = (person, partner) if person.jenis_kelamin == "LAKI-LAKI" else (partner, person)
            married = today - dt.timedelta(days=30 + i % 200)
            evidence = synthetic.render_buku_nikah(
                suami, istri, tanggal_nikah=married.isoformat(), kua="KUA KECAMATAN KOLAKA", wali="LA ODE HAMZAH",
                nomor_akta=f"7401051{married.month:02d}{married.year}{i % 1000:03d}", seed=seed + i)
            change, slot = "status_perkawinan", "buku_nikah"
        elif below:
            person = below[0]
            evidence = synthetic.render_ijazah(person, jenjang="S1", seed=seed + i)
            change, slot = "pendidikan", "ijazah"
        else:
            continue
        ev = synthetic.degrade(evidence, ev_variant, seed=seed + i)
        files = {}
        for name, degraded in (("kk", kk), (slot, ev)):
            path = work / f"{i:04d}-{name}.{degraded.extension}"
            path.write_bytes(degraded.data)
            files[name] = path
        cases.append(Case(person.nik, change, files, {"kk": kk_variant, slot: ev_variant}))
    if not cases:
        raise RuntimeError("the synthetic population has no subject for an application; try another --seed")
    return cases[:n]


def _submit_all(api: str, cases: list[Case], *, concurrency: int) -> list[dict[str, Any]]:
    log = _ProgressLog(len(cases))
    with (httpx.Client(base_url=api, timeout=60) as client, ThreadPoolExecutor(concurrency) as pool,
          progress("applications", total=len(cases)) as bar):
        def one(case: Case) -> dict[str, Any]:
            result = _file_and_follow(client, case)
            bar.advance()
            log.done(result)
            return result
        return list(pool.map(one, cases))


class _ProgressLog:
    """A line on stderr now and then (every `every_s` seconds and at the end) when no bar is drawn: a long
    run in a pipe or a log file says how far it got."""

    def __init__(self, total: int, *, every_s: float = 30.0) -> None:
        self.total, self.every_s = total, every_s
        self.started = self.last = time.monotonic()
        self.finished = self.failed = 0
        self.lock = threading.Lock()

    def done(self, result: dict[str, Any]) -> None:
        if shown():
            return
        with self.lock:
            self.finished += 1
            self.failed += bool(result.get("error"))
            now = time.monotonic()
            if now - self.last < self.every_s and self.finished < self.total:
                return
            self.last = now
            elapsed = now - self.started
            print(f"bench e2e: {self.finished}/{self.total} applications done ({self.failed} failed) in "
                  f"{elapsed:.0f} s, {self.finished / elapsed * 3600:.0f}/hour", file=sys.stderr, flush=True)


def _file_and_follow(client: httpx.Client, case: Case) -> dict[str, Any]:
    result: dict[str, Any] = {"change": case.change, "variants": case.variants, "stages": {}}
    mime = {"png": "image/png", "jpg": "image/jpeg", "pdf": "application/pdf"}
    files = {name: (path.name, path.read_bytes(), mime[path.suffix[1:]]) for name, path in case.files.items()}
    sent = time.monotonic()
    try:
        r = client.post("/api/applications", data={"nik": case.nik, "jenis_perubahan": case.change}, files=files)
    except httpx.HTTPError as e:
        return {**result, "status": None, "error": f"upload: {type(e).__name__}"}
    accepted = time.monotonic()
    result["stages"]["upload"] = round(accepted - sent, 3)
    if r.status_code != 202:
        return {**result, "status": None, "error": f"upload: HTTP {r.status_code} {r.text[:200]}"}
    body = r.json()
    result["id"] = body["id"]
    deadline = accepted + TIMEOUT_S
    while time.monotonic() < deadline:
        time.sleep(POLL_S)
        try:
            s = client.get(f"/api/applications/{body['id']}", headers={"Authorization": f"Bearer {body['status_token']}"})
        except httpx.HTTPError:
            continue
        if s.status_code != 200:
            continue
        shown = s.json()
        status, timings = shown["status"], shown["timings"]
        done = (status == "approved" and timings.get("archived_at")) or status in ("needs_review", "rejected")
        if done:
            result.update(status=status, latency_s=round(time.monotonic() - accepted, 3),
                          findings=sorted({f["code"] for f in shown["findings"]}))
            if "PROCESSING_FAILED" in result["findings"]:  # in review: its run failed, was given up on, or a
                # read was stopped at the reader's CPU or time limit
                result["error"] = "run failed, read stopped at a limit, or recovered by reconcile (PROCESSING_FAILED)"
            if timings.get("archived_at"):
                result["server_latency_s"] = round((dt.datetime.fromisoformat(timings["archived_at"])
                                                    - dt.datetime.fromisoformat(timings["received_at"])).total_seconds(), 3)
            return result
    return {**result, "status": "stuck", "error": f"not archived or decided within {TIMEOUT_S:.0f} s"}


_TASK_STAGES = {"issue-document": "render+sign+archive KK", "archive-evidence": "archive evidence"}
_ARTIFACT_STAGES = {"mulai": "mark processing (cage start)", "pemeriksaan silang": "cross-check",
                    "ubah data": "record change", "catat dokumen": "record document"}
"""The steps a process run does without a task run of their own (`flows.process.STAGES`), read from the
stage table of its `findings-<id>` artifact."""


def _artifact_stages(markdown: str) -> dict[str, float]:
    """The stage table under "Waktu per tahap" of a run's artifact (`flows._outcome`), by our stage names."""
    found: dict[str, float] = {}
    for line in markdown.split("### Waktu per tahap", 1)[-1].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] in _ARTIFACT_STAGES:
            with contextlib.suppress(ValueError):
                found[_ARTIFACT_STAGES[cells[0]]] = float(cells[1])
    return found


def _add_stages(settings: Settings, results: list[dict[str, Any]]) -> None:
    """Each run's stages from Prefect: its flow-run state times and its (and its subflow's) task runs."""
    ids = [r["id"] for r in results if r.get("id")]
    if not ids:
        return
    with httpx.Client(base_url=settings.prefect_api_url, auth=_prefect_auth(settings), timeout=30) as prefect:
        names = [f"process-{i}" for i in ids] + [f"finalize-{i}" for i in ids]
        runs = _all(prefect, "/flow_runs/filter", {"flow_runs": {"name": {"any_": names}}})
        by_id = {run["id"]: run for run in runs}
        tasks = _all(prefect, "/task_runs/filter", {"flow_runs": {"id": {"any_": list(by_id)}}})
        states = {run["id"]: _all(prefect, "/flow_run_states/", None, params={"flow_run_id": run["id"]})
                  for run in runs if run["name"].startswith("process-")}
        artifacts = {a["key"]: a.get("data") or "" for a in _all(
            prefect, "/artifacts/filter", {"artifacts": {"key": {"any_": [f"findings-{i.lower()}" for i in ids]}}})}
    for result in results:
        if not result.get("id"):
            continue
        run = next((r for r in runs if r["name"] == f"process-{result['id']}"), None)
        if run is None:
            continue
        stages = result["stages"]
        stages.update(_artifact_stages(str(artifacts.get(f"findings-{result['id'].lower()}", ""))))
        at = {s["type"]: _time(s["timestamp"]) for s in sorted(states[run["id"]], key=lambda s: s["timestamp"])}
        created = _time(run["created"])
        if "PENDING" in at:
            stages["queued (runner poll)"] = round((at["PENDING"] - created).total_seconds(), 3)
            if "RUNNING" in at:
                stages["flow-run process start"] = round((at["RUNNING"] - at["PENDING"]).total_seconds(), 3)
        mine = {run["id"]} | {r["id"] for r in runs if r["name"] == f"finalize-{result['id']}"}
        reads: list[tuple[dt.datetime, dt.datetime]] = []
        last_end: dt.datetime | None = None
        for task in tasks:
            if task["flow_run_id"] not in mine or not task.get("start_time") or not task.get("end_time"):
                continue
            start, end = _time(task["start_time"]), _time(task["end_time"])
            seconds = round((end - start).total_seconds(), 3)
            name = task["name"].rsplit("-", 1)[0]  # Prefect names a task run `<task name>-<key>`
            if task["name"].startswith("extract-"):
                stages[f"ocr {task['name'].removeprefix('extract-')}"] = seconds
                reads.append((start, end))
            elif name in _TASK_STAGES:
                stages[_TASK_STAGES[name]] = seconds
            last_end = end if last_end is None or end > last_end else last_end
        if reads:
            stages["read documents (all)"] = round((max(e for _, e in reads) - min(s for s, _ in reads)).total_seconds(), 3)
        if last_end is not None and run.get("end_time"):
            stages["finish (artifacts, state)"] = round((_time(run["end_time"]) - last_end).total_seconds(), 3)


def _all(client: httpx.Client, path: str, body: dict[str, Any] | None, *,
         params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    if body is None:
        r = client.get(path, params=params)
        r.raise_for_status()
        found: list[dict[str, Any]] = r.json()
        return found
    found, offset = [], 0
    while True:
        r = client.post(path, json={**body, "limit": 200, "offset": offset})
        r.raise_for_status()
        page = r.json()
        found += page
        if len(page) < 200:
            return found
        offset += 200


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _pages(path: Path, work: Path) -> list[Path]:
    """The file's pages as images Tesseract reads: an image as it is, a PDF rasterized at 300 dpi."""
    if path.suffix != ".pdf":
        return [path]
    stem = work / f"{path.stem}-page"
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), str(stem)], check=True, capture_output=True)
    return sorted(work.glob(f"{path.stem}-page*.png"))


def _raw_tesseract(pages: list[Path], *, lang: str, processes: int) -> dict[str, Any]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(page: Path) -> None:
        subprocess.run(["tesseract", str(page), "-", "-l", lang], env=env, check=True, capture_output=True)

    cpu0 = _children_cpu()
    started = time.monotonic()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(read, pages))
    wall = time.monotonic() - started
    cpu = _children_cpu() - cpu0
    return {"pages": len(pages), "processes": processes, "lang": lang, "wall_seconds": round(wall, 2),
            "pages_per_minute": round(len(pages) / wall * 60, 1), "cpu_seconds": round(cpu, 2),
            "cpu_seconds_per_page": round(cpu / len(pages), 2)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_DECLARED = {"kk": "kk", "ijazah": "ijazah", "buku_nikah": "buku_nikah"}


def our_reader(files: list[tuple[Path, str]], *, pages: int, lang: str, processes: int) -> dict[str, Any]:
    """Our reader measured as raw Tesseract and OCRmyPDF are: the same documents (`pages` pages once
    rasterized), `ocr.read` with extraction and the declared type, in `processes` processes at once;
    wall / pages, and the CPU the readers and their Tesseract workers spent."""
    import multiprocessing

    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        done = pool.map(_read_file, [(str(path), _DECLARED[slot], lang) for path, slot in files], chunksize=1)
    wall = time.monotonic() - started
    cpu = sum(c for c, _ in done)
    return {"documents": len(files), "pages": pages, "processes": processes, "wall_seconds": round(wall, 2),
            "seconds_per_page": round(wall / pages, 2), "cpu_seconds_per_page": round(cpu / pages, 2),
            "errors": sorted({e for _, e in done if e})}


def _read_file(task: tuple[str, str, str]) -> tuple[float, str | None]:
    """(CPU seconds, error class or None) of reading one file in this process (its Tesseract workers' too)."""
    import ocr
    from core import DocumentType

    path, declared, lang = task
    cpu0 = time.process_time()
    error = None
    with ocr.tesseract_cpu() as tesseract:
        try:
            ocr.read(Path(path).read_bytes(), declared_type=DocumentType(declared), lang=lang)
        except Exception as e:  # a failure is still a measured read
            error = type(e).__name__
    return time.process_time() - cpu0 + tesseract.seconds, error


def _ocrmypdf(pages: list[Path], *, lang: str, jobs: int, work: Path) -> dict[str, Any]:
    """OCRmyPDF over the same pages as one PDF (lossless, by the img2pdf OCRmyPDF itself is built on),
    `--jobs` one per core; skipped, saying why, when it is not installed."""
    tool = shutil.which("ocrmypdf")
    if tool is None:
        return {"skipped": "ocrmypdf not installed (`apt-get install ocrmypdf`): ratio not measured"}
    interpreter = Path(tool).read_text(errors="replace").splitlines()[0].removeprefix("#!").strip() or "python3"
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.strip()
    source, target = work / "ocrmypdf-in.pdf", work / "ocrmypdf-out.pdf"
    joined = subprocess.run([interpreter, "-c", "import sys, img2pdf; open(sys.argv[1], 'wb').write("
                             "img2pdf.convert(sys.argv[2:]))", str(source), *map(str, pages)],
                            capture_output=True, text=True)
    if joined.returncode != 0:
        return {"skipped": f"img2pdf could not join the pages: {joined.stderr.strip().splitlines()[-1:]}"}
    started = time.monotonic()
    done = subprocess.run([tool, "--output-type", "pdf", "--optimize", "0", "-l", lang, "--jobs", str(jobs),
                           "--force-ocr", str(source), str(target)], capture_output=True, text=True)
    wall = time.monotonic() - started
    if done.returncode != 0:
        return {"skipped": f"ocrmypdf failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"}
    return {"version": version, "pages": len(pages), "jobs": jobs, "wall_seconds": round(wall, 2),
            "seconds_per_page": round(wall / len(pages), 2)}


class PrefectAccessLog:
    """The Prefect server's requests during the run, from its access log (`uvicorn.access` lines, written
    when the server runs with PREFECT_SERVER_LOGGING_LEVEL=INFO); None when it writes none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = path.stat().st_size if path.exists() else 0

    def read(self) -> str | None:
        """What the server logged since this object was made; None when its log cannot be read."""
        try:
            with self.path.open("rb") as f:
                f.seek(self.offset)
                return f.read().decode(errors="replace")
        except OSError:
            return None


def _commit() -> str:
    root = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             timeout=10)
        return out.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"

