"""Signing and verification throughput at each PAdES level, with the local TSA/OCSP/CRL service.

    .venv/bin/python benchmarks/signing.py [--docs 40] [--out benchmarks/signing-YYYY-MM-DD]

One process signs documents one after the other (so docs/s is per core of the signer; the PKI
service runs as its own process on the same machine), after one warm-up signature per level.
Writes `<out>.json` and `<out>.md`; the load average before and after is recorded because
other work on the machine changes the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
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


def measure(docs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pki = signing.ensure_dev_pki(Path(tmp) / "pki", port=_free_port())
        service = subprocess.Popen(signing.pki_service_argv(pki.dir, port=pki.port), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            while not signing.pki_service_healthy(port=pki.port):
                time.sleep(0.1)
            return _run(pki, docs)
        finally:
            service.terminate()
            service.wait(timeout=10)


def _run(pki: signing.DevPki, docs: int) -> dict:
    family = _family()
    pdf = signing.render_kk_pdf(family, document_id="BENCH", issued_on=dt.date.today(),
                                verify_url="http://127.0.0.1:8000/v/BENCH?h=000000000000",
                                kepala_dinas=pki.signer_name, nip=pki.signer_nip)
    levels = {}
    for level in signing.PadesLevel:
        config = signing.SignerConfig(pkcs12=pki.signer_pkcs12, passphrase=pki.passphrase(), tsa_url=pki.tsa_url,
                                      level=level, trust_roots=(pki.root_cert,))
        signed = signing.sign_pdf(pdf, config=config)  # warm-up: key parse, font subset, connections
        sign_wall, sign_cpu = [], []
        for _ in range(docs):
            w, c = time.perf_counter(), time.process_time()
            signed = signing.sign_pdf(pdf, config=config)
            sign_wall.append(time.perf_counter() - w)
            sign_cpu.append(time.process_time() - c)
        verify_wall = []
        for _ in range(docs):
            w = time.perf_counter()
            result = signing.verify_pdf(signed, trust_roots=[pki.root_cert], required_level=level)
            verify_wall.append(time.perf_counter() - w)
        assert result.valid and result.level == level.value, result.problems
        levels[level.value] = {
            "sign_ms_mean": round(statistics.mean(sign_wall) * 1000, 1),
            "sign_ms_p95": round(sorted(sign_wall)[int(0.95 * (len(sign_wall) - 1))] * 1000, 1),
            "sign_cpu_ms_mean": round(statistics.mean(sign_cpu) * 1000, 1),
            "docs_per_s_per_core": round(1 / statistics.mean(sign_wall), 1),
            "verify_ms_mean": round(statistics.mean(verify_wall) * 1000, 1),
            "signed_bytes": len(signed),
        }
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path(f"benchmarks/signing-{dt.date.today().isoformat()}"))
    args = parser.parse_args()
    load_before = os.getloadavg()
    started = time.time()
    levels = measure(args.docs)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    report = {
        "format": "capil.bench-signing/1",
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
        "| level | sign ms (mean) | sign ms (p95) | sign CPU ms | docs/s per core | verify ms | size |",
        "|---|---|---|---|---|---|---|",
        *(f"| {lv} | {m['sign_ms_mean']} | {m['sign_ms_p95']} | {m['sign_cpu_ms_mean']} | {m['docs_per_s_per_core']} "
          f"| {m['verify_ms_mean']} | {m['signed_bytes']} |" for lv, m in levels.items()),
        "", "Goals: B-B ≥ 20 docs/s per core; B-LTA ≤ 300 ms per document.",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
