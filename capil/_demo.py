"""`capil demo`: a synthetic population and three sample applications through the running stack.

It also makes the two accounts to look at the result with, `demo-verifikator` (the queue at /review)
and `demo-arsip` (the archive desk at /archive), each with a new random password every run, printed
at the end and kept in `OUT/demo-accounts.txt` (mode 0600); and it prints each applicant's status
link (the status token handed out at filing).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import synthetic
from casework import Services, fetch_verified_document, file_application
from core import ChangeType, Conflict, DocumentType, Family, Person, Status, pendidikan_rank
from flows import PROCESS_DEPLOYMENT, FlowStarter

from ._progress import progress

SEED = 2026
DEMO_ACCOUNTS = (("demo-verifikator", "verifikator", "VERIFIKATOR DEMO"), ("demo-arsip", "arsip", "PETUGAS ARSIP DEMO"))
_ACTOR = "cli:demo"


@dataclass(frozen=True)
class Case:
    title: str
    nik: str
    change: ChangeType
    files: dict[DocumentType, bytes]


def _adult(p: Person, today: dt.date) -> bool:
    return (today - dt.date.fromisoformat(p.tanggal_lahir)).days >= 19 * 365


def _cases(families: list[Family]) -> list[Case]:
    today = dt.date.today()
    people = [(f, p) for f in families for p in f.anggota if _adult(p, today)]
    below_s1 = [(f, p) for f, p in people if pendidikan_rank(p.pendidikan) < pendidikan_rank("DIPLOMA IV/STRATA I")]
    single = [(f, p) for f, p in people if p.status_perkawinan == "BELUM KAWIN"]
    if len(below_s1) < 2 or not single:
        raise RuntimeError("synthetic population has no suitable demo subjects; change the seed")
    cases = []
    family, person = below_s1[0]
    cases.append(Case("pendidikan: a genuine S1 ijazah", person.nik, ChangeType.PENDIDIKAN, {
        DocumentType.KK: synthetic.render_kk(family, seed=SEED).png,
        DocumentType.IJAZAH: synthetic.render_ijazah(person, jenjang="S1", seed=SEED).png,
    }))
    family, person = below_s1[1]
    misspelled = person.nama_lengkap[:-1] + ("A" if person.nama_lengkap[-1] != "A" else "I")
    cases.append(Case("pendidikan: the name misspelled on the ijazah", person.nik, ChangeType.PENDIDIKAN, {
        DocumentType.KK: synthetic.render_kk(family, seed=SEED + 1).png,
        DocumentType.IJAZAH: synthetic.render_ijazah(person, jenjang="S1", seed=SEED + 1,
                                                     nama_lengkap=misspelled).png,
    }))
    family, person = single[0]
    partner = _partner_for(person)
    suami, istri = (person, partner) if person.jenis_kelamin == "LAKI-LAKI" else (partner, person)
    married_on = today - dt.timedelta(days=30)
    nomor = f"7401051{married_on.month:02d}{married_on.year}001"
    cases.append(Case("status_perkawinan: a genuine buku nikah", person.nik, ChangeType.STATUS_PERKAWINAN, {
        DocumentType.KK: synthetic.render_kk(family, seed=SEED + 2).png,
        DocumentType.BUKU_NIKAH: synthetic.render_buku_nikah(
            suami, istri, tanggal_nikah=married_on.isoformat(), nomor_akta=nomor, kua="KUA KECAMATAN KOLAKA",
            wali="LA ODE HAMZAH", seed=SEED + 2).png,
    }))
    return cases


def _partner_for(person: Person) -> Person:
    """A spouse from another synthetic population: someone the record does not hold."""
    others = synthetic.population(families=4, seed=SEED + 99)["keluarga"]
    wanted = "PEREMPUAN" if person.jenis_kelamin == "LAKI-LAKI" else "LAKI-LAKI"
    for family in others:
        for member in family["anggota"]:
            if member["jenis_kelamin"] == wanted:
                return Person.from_dict(member)
    raise RuntimeError("no partner of the other sex in the partner population")


def _demo_accounts(svc: Services, out: Path) -> list[tuple[str, str, str]]:
    """(name, role, password) of each demo account, created or given a new password; also written to
    `out/demo-accounts.txt`, readable by its owner only."""
    from registry import UnknownUser

    accounts = []
    for name, role, full_name in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        try:
            svc.accounts.get(name)
            svc.accounts.set_password(name, password, actor=_ACTOR)
            svc.accounts.enable(name, actor=_ACTOR)
        except UnknownUser:
            svc.accounts.add(name, role=role, password=password, full_name=full_name, actor=_ACTOR)
        accounts.append((name, role, password))
    path = out / "demo-accounts.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.writelines(f"{name}\t{role}\t{password}\n" for name, role, password in accounts)
    os.chmod(path, 0o600)
    return accounts


def _open_application(svc: Services, case: Case) -> str:
    return next(a.id for a in svc.applications.list(nik=case.nik)
                if a.jenis_perubahan == case.change
                and a.status in (Status.RECEIVED, Status.PROCESSING, Status.NEEDS_REVIEW))


def run(svc: Services, *, out: Path, say: Callable[[str], None], timeout: float = 600) -> None:
    svc.ensure_buckets()
    doc = synthetic.population(families=6, seed=SEED)
    report = svc.population.import_population(doc)
    say(f"population: {report.families} families, {report.persons} persons "
        f"({report.created} new, {report.unchanged} unchanged)")
    out.mkdir(parents=True, exist_ok=True)
    pop_file = out / "population.json"
    pop_file.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")

    starter = FlowStarter()
    starter.check(PROCESS_DEPLOYMENT)
    filed: list[tuple[Case, str]] = []
    links: dict[str, str] = {}
    base = svc.settings.effective_public_base_url
    for i, case in enumerate(_cases([Family.from_dict(f) for f in doc["keluarga"]]), start=1):
        for doc_type, data in case.files.items():
            (out / f"case{i}-{doc_type}.png").write_bytes(data)
        try:
            app_id = file_application(svc, nik=case.nik, change=case.change, files=case.files, requested={})
        except Conflict:  # a demo run before left this case open (waiting for a verifikator): show that one
            app_id = _open_application(svc, case)
            links[app_id] = "given by the earlier run (a status token is shown once)"
            say(f"case {i} ({case.title}): application {app_id} from an earlier run is still open")
        else:
            grant = svc.access.grant(app_id)  # what the upload page hands the applicant
            links[app_id] = (f"{base}/api/applications/{app_id}?token={grant.token}  "
                             f"(tracking code {grant.tracking_code})")
            starter.start(PROCESS_DEPLOYMENT, app_id)
            say(f"case {i} ({case.title}): application {app_id} filed")
        filed.append((case, app_id))
    accounts = _demo_accounts(svc, out)

    deadline = time.monotonic() + timeout
    pending = {app_id for _, app_id in filed}
    with progress("deciding the applications", total=len(pending)) as bar:
        while pending and time.monotonic() < deadline:
            for app_id in list(pending):
                status = svc.applications.get(app_id).status
                if status.is_final or status == Status.NEEDS_REVIEW:
                    pending.discard(app_id)
                    bar.advance()
            time.sleep(1)

    print(f"\nSample applications (scans in {out}):")
    for i, (case, app_id) in enumerate(filed, start=1):
        app = svc.applications.get(app_id)
        line = f"  {i}. {case.title}: {app.status}"
        if app.findings:
            line += " (" + ", ".join(sorted({f.code for f in app.findings})) + ")"
        if app.status == Status.APPROVED:
            pdf = out / f"case{i}-kartu-keluarga-signed.pdf"
            pdf.write_bytes(fetch_verified_document(svc, app_id))
            line += f"\n     signed KK: {pdf}  (check: capil verify {pdf}; pdfsig {pdf})"
        print(line + f"\n     applicant's status link: {links[app_id]}"
              f"\n     capil application show {app_id} --json")
    if pending:
        print(f"  {len(pending)} application(s) still in flight after {timeout:.0f} s: see the Prefect UI")
    print(f"\nStaff log in at {base}/login (new passwords every run; also in {out / 'demo-accounts.txt'}):")
    for name, role, password in accounts:
        print(f"  {name:<18} {password}   ({role}: {base}{'/review' if role == 'verifikator' else '/archive'})")
    print(f"\nAPI docs: {base}/docs   Prefect UI: http://127.0.0.1:{svc.settings.prefect_port}")
