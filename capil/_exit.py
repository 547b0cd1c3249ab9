"""How a `capil` command ends: its exit code, the one-line reason on stderr, the JSON error on stdout.

    what went wrong                        exit  code in the JSON error
    a CapilError (core's error tree)       1-7   the error's `code`
    a usage mistake (click: unknown        2     USAGE_ERROR       usage line and help hint first
      option or command, missing or bad
      value, a choice not offered)
    a group given no command               2     USAGE_ERROR       the group's help first
    interrupted (Ctrl-C, aborted prompt)   130   INTERRUPTED
    anything else                          1     INTERNAL_ERROR    "unexpected error: <type>: <text>"

The reason is one line, `capil: <reason>`, and always the last line on stderr. When `--json` is on
the command line, stdout gets exactly one JSON object as well, the error of interfaces.md:
`{"code", "message", "exit_code", "retryable"}`, plus `problems` for a refused population file.
A check that ran and failed (`capil verify`, exit 1) is not an error: its result is the document.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from core import CapilError, InvalidPopulation

USAGE_ERROR = 2
INTERRUPTED = 130
_RESOLVED = "capil.resolved_command"


class Group(TyperGroup):
    """A command group whose usage mistakes all show a usage line, and go to stderr.

    Given no command, it shows its help on stderr (typer prints its rich help to stdout while click
    builds the error, and stdout is for results). An option given without its value is reported by
    click without the command's context, so without a usage line: the group supplies it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args or not self.no_args_is_help or ctx.resilient_parsing:
            return super().parse_args(ctx, args)
        with contextlib.redirect_stdout(sys.stderr):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[_RESOLVED] = (name, command)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as e:
            if getattr(e, "ctx", False) is None and _RESOLVED in ctx.meta:
                name, command = ctx.meta.pop(_RESOLVED)
                e.ctx = command.make_context(name, [], parent=ctx, resilient_parsing=True)  # type: ignore[attr-defined]
            raise


def wants_json(args: Sequence[str]) -> bool:
    """`--json` among the options (a `--` ends them)."""
    args = list(args)
    return "--json" in (args[: args.index("--")] if "--" in args else args)


def run(app: typer.Typer, args: list[str], *, setup: Callable[[], None]) -> NoReturn:
    """Run `setup`, then the command line `args`; exit with the command's code, failures as above."""
    as_json = wants_json(args)
    try:
        setup()
        result = app(args=args, prog_name="capil", standalone_mode=False)
    except CapilError as e:
        details = {"problems": e.problems} if isinstance(e, InvalidPopulation) else {}
        _fail(e.message, code=e.code, exit_code=e.exit_code, retryable=e.retryable, as_json=as_json,
              details=details)
    except typer.Abort:
        _fail("aborted", code="INTERRUPTED", exit_code=INTERRUPTED, as_json=as_json)
    except typer.TyperException as e:  # click's own errors: usage mistakes above all
        _fail_click(e, as_json=as_json)
    except Exception as e:
        _fail(f"unexpected error: {type(e).__name__}: {e}", code=CapilError.code, exit_code=1, as_json=as_json)
    # Without standalone mode click returns the code of `typer.Exit` (130 after Ctrl-C) instead of exiting.
    code = result if isinstance(result, int) else 0
    if code == INTERRUPTED:
        _fail("interrupted", code="INTERRUPTED", exit_code=code, as_json=as_json)
    sys.exit(code)


def _fail_click(e: typer.TyperException, *, as_json: bool) -> NoReturn:
    exit_code = getattr(e, "exit_code", 1)
    ctx = getattr(e, "ctx", None)
    if type(e).__name__ == "NoArgsIsHelpError":  # `Group` has shown the help
        message = "Missing command."
    else:
        # pydantic's prefix in typer's messages for a bad value says nothing to an operator
        message = e.format_message().replace("Value error, ", "")
        if ctx is not None:
            typer.echo(ctx.get_usage(), err=True)
            if ctx.command.get_help_option(ctx) is not None:
                typer.echo(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.", err=True)
    _fail(message, code="USAGE_ERROR" if exit_code == USAGE_ERROR else CapilError.code, exit_code=exit_code,
          as_json=as_json)


def _fail(message: str, *, code: str, exit_code: int, as_json: bool, retryable: bool = False,
          details: dict[str, Any] | None = None) -> NoReturn:
    reason = " ".join(line.strip() for line in message.splitlines() if line.strip())
    typer.echo(f"capil: {reason}", err=True)
    if as_json:
        error = {"code": code, "message": reason, "exit_code": exit_code, "retryable": retryable,
                 **(details or {})}
        sys.stdout.write(json.dumps(error, ensure_ascii=False, indent=2) + "\n")
    sys.exit(exit_code)
