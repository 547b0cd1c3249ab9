"""Signing and verification throughput at each PAdES level, with the local TSA/OCSP/CRL service.

    .venv/bin/python benchmarks/signing.py [--docs 40] [--out benchmarks/results/signing]
    .venv/bin/python benchmarks/signing.py --profile B-B [--docs 40]   # cProfile of sign_pdf, no report

One process signs documents one after the other, after one warm-up signature per level. The
per-core figure is CPU time of the signing process (`time.process_time`): on a shared machine
wall time also counts waiting for a core. Wall time includes the PKI service (TSA, OCSP, CRL),
which runs as its own process on the same machine. Writes `<out>.json` and `<out>.md` (by default
benchmarks/results/signing.*, replacing the previous report; each report names its commit and time); the
load average before and after is recorded because other work on the machine changes the figures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import signing
from core import Family

GOALS = {"B-B": "≥ 20 docs/s per core", "B-LTA": "≤ 300 ms per document"}


def _family() -> Family:
    import synthetic

    return Family.from_dict(synthetic.population(families=1, seed=3)["keluarga"][0])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(docs: int, profile: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pki = signing.ensure_dev_pki(Path(tmp) / "pki", port=_free_port())
        service = subprocess.Popen(signing.pki_service_argv(pki.dir, port=pki.port), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            while not signing.pki_service_healthy(port=pki.port):
                time.sleep(0.1)
            return _profile(pki, docs, profile) if profile else _run(pki, docs)
        finally:
            service.terminate()
            service.wait(timeout=10)


def _pdf(pki: signing.DevPki) -> bytes:
    return signing.render_kk_pdf(_family(), document_id="BENCH", issued_on=dt.date.today(),
                                 verify_url="http://127.0.0.1:8000/v/BENCH?h=000000000000",
                                 kepala_dinas=pki.signer_name, nip=pki.signer_nip)


def _config(pki: signing.DevPki, level: signing.PadesLevel) -> signing.SignerConfig:
    return signing.SignerConfig(pkcs12=pki.signer_pkcs12, passphrase=pki.passphrase(), tsa_url=pki.tsa_url,
                                level=level, trust_roots=(pki.root_cert,))


def _profile(pki: signing.DevPki, docs: int, level: str) -> dict:
    """cProfile over `docs` signatures at `level` (after a warm-up one); prints the top of the profile."""
    pdf, config = _pdf(pki), _config(pki, signing.PadesLevel.parse(level))
    signing.sign_pdf(pdf, config=config)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(docs):
        signing.sign_pdf(pdf, config=config)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return {}


def _run(pki: signing.DevPki, docs: int) -> dict:
    pdf = _pdf(pki)
    levels = {}
    for level in signing.PadesLevel:
        config = _config(pki, level)
        signed = signing.sign_pdf(pdf, config=config)  # warm-up: key parse, font subset, connections
        sign_wall, sign_cpu = [], []
        for _ in range(docs):
            w, c = time.perf_counter(), time.process_time()
            signed = signing.sign_pdf(pdf, config=config)
            sign_wall.append(time.perf_counter() - w)
            sign_cpu.append(time.process_time() - c)
        verify_wall, verify_cpu = [], []
        for _ in range(docs):
            w, c = time.perf_counter(), time.process_time()
            result = signing.verify_pdf(signed, trust_roots=[pki.root_cert], required_level=level)
            verify_wall.append(time.perf_counter() - w)
            verify_cpu.append(time.process_time() - c)
        assert result.valid and result.level == level.value, result.problems
        levels[level.value] = {
            "sign_ms_mean": round(statistics.mean(sign_wall) * 1000, 1),
            "sign_ms_p95": round(sorted(sign_wall)[int(0.95 * (len(sign_wall) - 1))] * 1000, 1),
            "sign_cpu_ms_mean": round(statistics.mean(sign_cpu) * 1000, 1),
            "docs_per_s_per_core": round(1 / statistics.mean(sign_cpu), 1),
            "docs_per_s_sequential": round(1 / statistics.mean(sign_wall), 1),
            "verify_ms_mean": round(statistics.mean(verify_wall) * 1000, 1),
            "verify_cpu_ms_mean": round(statistics.mean(verify_cpu) * 1000, 1),
            "signed_bytes": len(signed),
        }
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/signing"))
    parser.add_argument("--profile", metavar="LEVEL", help="print a cProfile of signing at LEVEL; no report")
    args = parser.parse_args()
    if args.profile:
        measure(args.docs, profile=args.profile)
        return
    load_before = os.getloadavg()
    started = time.time()
    levels = measure(args.docs)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    report = {
        "format": "capil.bench-signing/2",
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit, "docs_per_level": args.docs, "cpus": os.cpu_count(),
        "python": platform.python_version(), "seconds": round(time.time() - started, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "levels": levels, "goals": GOALS,
    }
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
    lines = [
        f"# Signing benchmark ({report['measured_at']}, commit {commit})", "",
        f"{args.docs} signatures and {args.docs} verifications per level, one process, sequential; local TSA/OCSP/CRL "
        f"service (certomancer) on 127.0.0.1. {report['cpus']} CPUs; load average before "
        f"{report['load_average_before']}, after {report['load_average_after']}.", "",
        "| level | sign CPU ms | docs/s per core (CPU) | sign ms wall (mean) | sign ms wall (p95) "
        "| docs/s sequential (wall) | verify ms wall | verify CPU ms | size |",
        "|---|---|---|---|---|---|---|---|---|",
        *(f"| {lv} | {m['sign_cpu_ms_mean']} | {m['docs_per_s_per_core']} | {m['sign_ms_mean']} | {m['sign_ms_p95']} "
          f"| {m['docs_per_s_sequential']} | {m['verify_ms_mean']} | {m['verify_cpu_ms_mean']} | {m['signed_bytes']} |"
          for lv, m in levels.items()),
        "", "docs/s per core = 1 / CPU time of the signing process per signature (format 2; format 1 reports "
        "divided wall time). Wall time includes waiting for the TSA/OCSP/CRL service and for a core.",
        "", "Goals: B-B ≥ 20 docs/s per core; B-LTA ≤ 300 ms per document.",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
