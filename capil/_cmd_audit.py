"""`capil audit verify | log`: the hash-chained audit log of the population record."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from core import IntegrityAlarm

from ._exit import Group

audit_app = typer.Typer(no_args_is_help=True, cls=Group,
                        help="The audit log (who read or changed what, hash-chained).")


def _audit():  # type: ignore[no-untyped-def]
    from casework import services

    return services().audit


@audit_app.command("verify")
def verify(as_json: Annotated[bool, typer.Option("--json", help="Write one JSON document to stdout.")] = False) -> None:
    """Check the whole chain; exit 5 naming the first entry that was edited, deleted or cut off
    (with --json the error object is the document, as for every failure)."""
    result = _audit().verify()
    if not result.ok:
        raise IntegrityAlarm(f"audit log broken at entry {result.first_broken}: {result.reason}")
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        typer.echo(f"audit log intact: {result.entries} entries, head {result.head_hash}")


@audit_app.command("log")
def log(
    subject: Annotated[str | None, typer.Option(help="Only entries about this subject (NIK, application id).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only entries by this actor.")] = None,
    after: Annotated[int, typer.Option(help="Only entries after this sequence number.")] = 0,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Write one JSON document to stdout.")] = False,
) -> None:
    """Entries in order, oldest first."""
    entries = _audit().entries(subject=subject, actor=actor, after=after, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
        return
    for e in entries:
        typer.echo(f"{e['seq']:>7} {e['at']} {e['actor']:<20} {e['action']:<28} {e['subject_type']}")
