"""The `capil` command. Every command exits 0 on success and non-zero with a one-line reason on stderr.

With `--json`, exactly one JSON document goes to stdout, a JSON error object if the command fails
(`_exit` has the exit codes and the error's fields); logs and progress go to stderr, progress only
when stderr is a terminal (`_progress`).

Language: English. The command is for staff and operators, so everything it says itself (help,
one-line reasons, progress, tables) is English, like core's `CapilError.message`; the Indonesian
`message_id` is for applicants and verifikators, on the web pages and in HTTP errors. The terms of
the civil registry stay as they are (NIK, KK, ijazah, buku nikah, verifikator, pendidikan), and data
(population files, applications, the Indonesian messages of findings) is printed as stored.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from core import (
    CapilError,
    ChangeType,
    DocumentType,
    InputError,
    Status,
    load_settings,
)

from . import _cmd_audit, _cmd_bench, _cmd_bench_registry, _cmd_synth, _cmd_users, _exit
from ._progress import progress

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, cls=_exit.Group,
                  help="Capil: population data changes from upload to signed, archived Kartu Keluarga.")
registry_app = typer.Typer(no_args_is_help=True, cls=_exit.Group, help="The population record.")
application_app = typer.Typer(no_args_is_help=True, cls=_exit.Group, help="Applications.")
archive_app = typer.Typer(no_args_is_help=True, cls=_exit.Group, help="The archive of signed documents.")
config_app = typer.Typer(no_args_is_help=True, cls=_exit.Group, help="Configuration.")
synth_app = typer.Typer(no_args_is_help=True, cls=_exit.Group,
                        help="Synthetic data for demo, tests and benchmarks.")
app.add_typer(registry_app, name="registry")
app.add_typer(application_app, name="application")
app.add_typer(archive_app, name="archive")
app.add_typer(config_app, name="config")
app.add_typer(synth_app, name="synth")
app.add_typer(_cmd_audit.audit_app, name="audit")
app.add_typer(_cmd_users.users_app, name="users")
app.add_typer(_cmd_bench.bench_app, name="bench")
_cmd_bench.bench_app.command("registry")(_cmd_bench_registry.bench_registry)
synth_app.command("documents")(_cmd_synth.documents)

JsonFlag = Annotated[bool, typer.Option("--json", help="Write one JSON document to stdout.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _emit(data: Any, as_json: bool, human: str | None = None) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(human if human is not None else json.dumps(data, ensure_ascii=False, indent=2))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e


def _operator(by: str | None) -> str:
    """The actor recorded in the audit log for a command: `--by`, else `cli:<login name>`."""
    import getpass

    return by or f"cli:{getpass.getuser()}"


ByOption = Annotated[str | None, typer.Option("--by", help="Who runs this, for the audit log (default cli:<user>).")]


def _services():  # type: ignore[no-untyped-def]
    from casework import services

    return services()


# --- stack -----------------------------------------------------------------------------------------

@app.command()
def up(timeout: Annotated[float, typer.Option(help="Seconds to wait for each part.")] = 180) -> None:
    """Start the local stack (object storage, PKI, Prefect, flow runner, API) and wait until healthy."""
    from . import _stack

    settings = load_settings()
    _stack.up(settings, timeout=timeout, say=_err)
    _services().ensure_buckets()
    typer.echo(f"API:          {settings.effective_public_base_url}  (OpenAPI: /docs)")
    typer.echo(f"Verifikator:  {settings.effective_public_base_url}/review")
    typer.echo(f"Prefect UI:   http://127.0.0.1:{settings.prefect_port}  "
               f"(it asks for the line in {_stack.ensure_prefect_auth(settings)})")
    typer.echo(f"S3 endpoint:  http://{settings.s3_endpoint}")
    typer.echo(f"Data:         {settings.data_dir}")


@app.command()
def down() -> None:
    """Stop the local stack. Data stays under the data directory."""
    from . import _stack

    _stack.down(load_settings(), say=_err)


@app.command()
def status(as_json: JsonFlag = False) -> None:
    """Each part of the local stack: its pid and whether it answers its health check.

    Exits 0 when every part is running and healthy, 6 otherwise (a service that is unavailable)."""
    from . import _stack

    report = _stack.status(load_settings())
    if as_json:
        typer.echo(json.dumps([{"part": p.name, "pid": p.pid, "healthy": p.healthy, "url": p.url} for p in report]))
    else:
        for p in report:
            state = "healthy" if p.healthy else ("running, not answering" if p.pid else "stopped")
            typer.echo(f"{p.name:<15} {p.pid or '-'!s:>8}  {state:<25} {p.url}")
    if not all(p.healthy for p in report):
        raise typer.Exit(6)


# --- registry --------------------------------------------------------------------------------------

@registry_app.command("import")
def registry_import(file: Path, as_json: JsonFlag = False, by: ByOption = None) -> None:
    """Load a population file (capil.population/1); idempotent upsert by NIK and No. KK.

    A file with any invalid value is refused whole; with --json the problems (every JSON path)
    are in the JSON error object on stdout (`problems`), and the one-line reason goes to stderr as always.
    """
    import hashlib

    raw = _read(file)
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InputError(f"{file} is not JSON: {e}") from e
    with progress(f"importing {file.name}"):
        report = _services().population.import_population(doc, actor=_operator(by),
                                                          source_sha256=hashlib.sha256(raw).hexdigest())
    _emit(report.to_dict(), as_json,
          f"{report.families} families, {report.persons} persons: {report.created} created, "
          f"{report.updated} updated, {report.unchanged} unchanged")


@registry_app.command("export")
def registry_export(
    out: Annotated[Path | None, typer.Option(help="Output file (default stdout).")] = None,
    by: ByOption = None,
) -> None:
    """Write the whole record as a population file (capil.population/1); import reads it back unchanged."""
    svc = _services()
    svc.audit.record(actor=_operator(by), action="population.export", subject_type="population", subject=None,
                     details={"out": str(out) if out else "stdout"})
    text = json.dumps(svc.population.export(), ensure_ascii=False, indent=1)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        _err(f"wrote {out}")


@registry_app.command("show")
def registry_show(nik: str, as_json: JsonFlag = False, by: ByOption = None) -> None:
    """A person's current record and their family, as in the population file (the read is audited)."""
    svc = _services()
    person = svc.population.person(nik)
    svc.audit.record(actor=_operator(by), action="person.view", subject_type="person", subject=nik)
    family = svc.population.family_of(nik)
    _emit({"penduduk": person.to_dict(), "keluarga": family.to_dict()}, as_json)


@registry_app.command("history")
def registry_history(nik: str, as_json: JsonFlag = False, by: ByOption = None) -> None:
    """Every version of a person's record, oldest first: old → new, when, application, evidence sha256."""
    svc = _services()
    history = svc.population.history(nik)
    svc.audit.record(actor=_operator(by), action="person.history", subject_type="person", subject=nik)
    _emit(history, as_json)


@registry_app.command("migrate")
def registry_migrate(as_json: JsonFlag = False) -> None:
    """Bring the database schema to the newest migration (opening the database does this too)."""
    from registry import Database

    db = Database(load_settings().effective_database_url, migrate=False)
    try:
        before, after = db.migrate()
    finally:
        db.dispose()
    _emit({"database": db.safe_url, "before": before, "after": after}, as_json,
          f"{db.safe_url}: schema {before or 'empty'} -> {after}")


# --- extraction and applications -------------------------------------------------------------------

@app.command()
def extract(
    file: Path,
    doc_type: Annotated[Literal["kk", "ijazah", "buku_nikah", "auto"],
                        typer.Option("--type", help="The document's type, or auto to detect it.")] = "auto",
    as_json: JsonFlag = False,
) -> None:
    """Read one scan or PDF and print what was extracted. Needs no running stack.

    The file is read in the caged reader (`ocr.Cage`, limits `CAPIL_CAGE_*`), as the service reads
    uploads: a file that would take more memory or time is refused (exit 2), never left running."""
    import ocr

    declared = None if doc_type == "auto" else DocumentType(doc_type)
    settings = load_settings()
    data = _read(file)
    with progress(f"reading {file.name}"), ocr.Cage.from_settings(settings) as cage:
        reading = cage.read(data, declared_type=declared, lang=settings.tesseract_lang,
                            max_pixels=settings.max_pixels, max_pages=settings.max_pages, page_images=False)
    _emit(reading.extraction.to_dict(), as_json)


@app.command()
def submit(
    nik: Annotated[str, typer.Option(help="NIK of the person whose data changes.")],
    change: Annotated[ChangeType, typer.Option(help="What the application changes.")],
    kk: Annotated[Path, typer.Option(help="Scan or PDF of the current Kartu Keluarga.")],
    ijazah: Annotated[Path | None, typer.Option(help="Scan or PDF of the ijazah.")] = None,
    buku_nikah: Annotated[Path | None, typer.Option("--buku-nikah", help="Scan or PDF of the buku nikah.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="FIELD=VALUE requested (repeatable).")] = None,
    wait: Annotated[bool, typer.Option(help="Return when the application is decided.")] = False,
    wait_timeout: Annotated[float, typer.Option(help="Seconds to wait with --wait.")] = 600,
    idempotency_key: Annotated[str | None, typer.Option(
        help="Run again with the same key and the same files: the same application, not a second.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """File an application through the same path as the HTTP upload; prints its tracking code (and,
    in the JSON, the applicant's status token, shown only here)."""
    from casework import file_with_access
    from flows import PROCESS_DEPLOYMENT, FlowStarter

    pairs = {}
    for item in set_ or []:
        field, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not FIELD=VALUE.", param_hint="'--set'")
        pairs[field.strip()] = value.strip()
    files = {DocumentType.KK: _read(kk)}
    if ijazah is not None:
        files[DocumentType.IJAZAH] = _read(ijazah)
    if buku_nikah is not None:
        files[DocumentType.BUKU_NIKAH] = _read(buku_nikah)

    svc = _services()
    starter = FlowStarter()
    filed = file_with_access(svc, nik=nik, change=change, files=files, requested=pairs,
                             idempotency_key=idempotency_key,
                             before_filing=lambda: starter.check(PROCESS_DEPLOYMENT))
    application_id = filed.application_id
    if not filed.replayed:
        starter.start(PROCESS_DEPLOYMENT, application_id)
    _err(f"application {application_id} {'filed earlier with this key' if filed.replayed else 'filed'}, "
         f"tracking code {filed.tracking_code}")
    app_ = svc.applications.get(application_id)
    if wait:
        app_ = _wait_for_decision(application_id, timeout=wait_timeout)
    _emit({**app_.to_dict(), "tracking_code": filed.tracking_code, "status_token": filed.token}, as_json,
          f"{app_.id} {app_.status} {filed.tracking_code}")


def _wait_for_decision(application_id: str, *, timeout: float):  # type: ignore[no-untyped-def]
    applications = _services().applications
    deadline = time.monotonic() + timeout
    with progress(f"application {application_id}") as bar:
        while True:
            app_ = applications.get(application_id)
            if app_.status.is_final or app_.status == Status.NEEDS_REVIEW:
                return app_
            if time.monotonic() > deadline:
                raise CapilError(f"application {application_id} still {app_.status} after {timeout:.0f} s; "
                                 "see the Prefect UI")
            bar.describe(f"application {application_id}: {app_.status}")
            time.sleep(1)


@application_app.command("show")
def application_show(application_id: str, as_json: JsonFlag = False, by: ByOption = None) -> None:
    """One application (the read is audited)."""
    svc = _services()
    app_ = svc.applications.get(application_id)
    svc.audit.record(actor=_operator(by), action="application.view", subject_type="application",
                     subject=application_id)
    _emit(app_.to_dict(), as_json)


@application_app.command("list")
def application_list(
    status: Annotated[Status | None, typer.Option(help="Only applications with this status.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Applications, newest first."""
    apps = _services().applications.list(status=status)
    _emit([a.to_dict() for a in apps], as_json,
          "\n".join(f"{a.id}  {a.status:<13} {a.jenis_perubahan}" for a in apps) or "no applications")


@application_app.command("decide")
def application_decide(
    application_id: str,
    approve: Annotated[bool, typer.Option("--approve/--reject", help="The verifikator's decision.")],
    by: Annotated[str, typer.Option(help="Name or id of the verifikator.")],
    note: Annotated[str, typer.Option(help="Reason, kept on the application.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Record a verifikator's decision on an application waiting for review."""
    from flows import FINALIZE_DEPLOYMENT, FlowStarter

    starter = FlowStarter()
    if approve:
        starter.check(FINALIZE_DEPLOYMENT)
    app_ = _services().applications.record_review(application_id, approve=approve, verifikator=by, note=note)
    if approve:
        starter.start(FINALIZE_DEPLOYMENT, application_id)
    _emit(app_.to_dict(), as_json, f"{app_.id} {app_.status}")


@application_app.command("retry-finalize")
def application_retry_finalize(application_id: str, by: ByOption = None, as_json: JsonFlag = False) -> None:
    """Finalize again an approved application the reconciler left for operations after its finalize runs
    failed `finalize_max_attempts` times (it gets that many runs again; audited)."""
    from casework import retry_finalize
    from flows import FINALIZE_DEPLOYMENT, FlowStarter

    starter = FlowStarter()
    starter.check(FINALIZE_DEPLOYMENT)
    svc = _services()
    retry_finalize(svc, application_id, actor=_operator(by))
    run = starter.start(FINALIZE_DEPLOYMENT, application_id)
    _emit({"id": application_id, "flow_run_id": run}, as_json, f"{application_id}: finalize started ({run})")


# --- archive and verification ----------------------------------------------------------------------

@archive_app.command("get")
def archive_get(
    application_id: str,
    out: Annotated[Path | None, typer.Option(help="Where to write the PDF (default: ID.pdf).")] = None,
    by: ByOption = None,
) -> None:
    """Fetch the signed document; its hash and signature are verified before it is written (audited)."""
    from casework import fetch_verified_document

    svc = _services()
    data = fetch_verified_document(svc, application_id)
    svc.audit.record(actor=_operator(by), action="archive.get", subject_type="application", subject=application_id)
    target = out or Path(f"{application_id}.pdf")
    target.write_bytes(data)
    _err(f"wrote {target} ({len(data)} bytes); hash and signature verified")


@archive_app.command("list")
def archive_list(
    nik: Annotated[str | None, typer.Option(help="Documents issued to this person.")] = None,
    no_kk: Annotated[str | None, typer.Option("--no-kk", help="Documents issued to this family.")] = None,
    application: Annotated[str | None, typer.Option(help="Documents issued to this application's person.")] = None,
    by: ByOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Every document issued to a person, family or application's person, with its status (audited)."""
    if sum(v is not None for v in (nik, no_kk, application)) != 1:
        raise typer.BadParameter("give exactly one of them.",
                                 param_hint="'--nik' / '--no-kk' / '--application'")
    svc = _services()
    docs = svc.issued.find(nik=nik, no_kk=no_kk, application_id=application)
    svc.audit.record(actor=_operator(by), action="archive.list", subject_type="archive",
                     subject=nik or no_kk or application, details={"ids": [d.application_id for d in docs]})
    rows = [d.to_dict() for d in docs]
    _emit(rows, as_json, "\n".join(
        f"{d['document_number']}  {d['issued_at']}  {d['status']}"
        + (f" since {d['superseded_at']}" if d["superseded_at"] else "") for d in rows) or "no documents")


@app.command()
def verify(
    file: Path,
    level: Annotated[str, typer.Option(help="Least PAdES level required: B-B, B-T, B-LT or B-LTA.")] = "B-T",
    as_json: JsonFlag = False,
) -> None:
    """Validate a signed PDF: integrity, signer, chain, timestamp, embedded revocation info, PAdES level.
    Exits 1 when any check fails."""
    import signing

    try:
        required = signing.PadesLevel.parse(level)
    except ValueError:
        raise typer.BadParameter(f"{level!r} is not one of 'B-B', 'B-T', 'B-LT', 'B-LTA'.",
                                 param_hint="'--level'") from None
    result = signing.verify_pdf(_read(file), trust_roots=_services().trust_roots, required_level=required)
    _emit(result.to_dict(), as_json, ("VALID" if result.valid else "INVALID") + (
        f": PAdES {result.level}, signed by {result.signer} at {result.signed_at}" if result.valid
        else ": " + "; ".join(result.problems)))
    if not result.valid:
        raise typer.Exit(1)


# --- configuration and synthetic data ---------------------------------------------------------------

@config_app.command("show")
def config_show(as_json: JsonFlag = False) -> None:
    """The effective settings, secrets masked."""
    _emit(load_settings().masked(), as_json)


@synth_app.command("population")
def synth_population(
    families: Annotated[int, typer.Option(min=1)],
    seed: Annotated[int, typer.Option()] = 1,
    out: Annotated[Path | None, typer.Option(help="Output file (default stdout).")] = None,
    old_marriages: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of families married 1975-2010 "
                                                 "and not recorded (KAWIN BELUM TERCATAT); 0 keeps the population "
                                                 "of a seed as it always was.")] = 0.0,
) -> None:
    """A deterministic synthetic population file (capil.population/1)."""
    import synthetic

    text = json.dumps(synthetic.population(families=families, seed=seed, old_marriages=old_marriages),
                      ensure_ascii=False, indent=1)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where to write sample scans and signed PDFs.")] = Path("demo-output"),
) -> None:
    """Load a small synthetic population and push sample applications through the running stack."""
    from . import _demo

    _demo.run(_services(), out=out, say=_err)


def _point_prefect_at_local_stack() -> None:
    """Prefect clients in this process talk to the stack of `capil up` unless told otherwise."""
    import os

    from ._stack import prefect_env

    for key, value in prefect_env(load_settings()).items():
        os.environ.setdefault(key, value)


_OWN_PACKAGES = r"(core|ocr|crosscheck|registry|signing|storage|casework|flows|api|synthetic|capil)(\.|$)"


def _quiet_third_party_warnings() -> None:
    """Staff read stderr for Capil's one-line reasons: other libraries' warnings (pyHanko's import of
    cryptography's deprecated DSA, say) are not theirs to act on. `python -W ...` or PYTHONWARNINGS
    still shows them to a developer."""
    import warnings

    if sys.warnoptions:
        return
    warnings.simplefilter("ignore")
    warnings.filterwarnings("default", module=_OWN_PACKAGES)


def main() -> None:
    _quiet_third_party_warnings()
    _exit.run(app, sys.argv[1:], setup=_point_prefect_at_local_stack)
