"""`capil users add | list | disable | enable | passwd | token`: staff accounts (docs/accounts.md).

Passwords are asked for on the terminal (hidden, twice) or, with `--password-stdin`, read as the
first line of stdin, so that scripts never put one on a command line. `users token NAME` prints a
new API token on stdout and nothing else (`TOKEN=$(capil users token loket-1)`): it is shown this
once, only its sha256 is kept. Every change is in the audit log, by `--by` or `cli:<login name>`.
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Annotated, Any, Literal

import typer

from core import InputError

from ._exit import Group

users_app = typer.Typer(no_args_is_help=True, cls=Group,
                        help="Staff accounts: roles (verifikator, arsip, admin), passwords, API tokens.")

JsonFlag = Annotated[bool, typer.Option("--json", help="Write one JSON document to stdout.")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who runs this, for the audit log (default cli:<user>).")]
PasswordStdin = Annotated[bool, typer.Option("--password-stdin",
                                             help="Read the password from the first line of stdin.")]


def _accounts():  # type: ignore[no-untyped-def]
    from casework import services

    return services().accounts


def _operator(by: str | None) -> str:
    return by or f"cli:{getpass.getuser()}"


def _emit(data: Any, as_json: bool, human: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(human)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InputError("no password on stdin")
        return password
    if not sys.stdin.isatty():
        raise InputError("no terminal to ask for the password: pipe it in with --password-stdin")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Login name: 2-64 of a-z, 0-9, '.', '_', '-'.")],
    role: Annotated[Literal["verifikator", "arsip", "admin"], typer.Option(help="What the account may do.")],
    full_name: Annotated[str | None, typer.Option(help="Name (and NIP) shown on the pages.")] = None,
    password_stdin: PasswordStdin = False,
    by: ByOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a staff account (password at least 10 characters, asked for or from stdin)."""
    accounts = _accounts()
    accounts.check_new(name, role=role)
    user = accounts.add(name, role=role, password=_password(password_stdin), full_name=full_name,
                        actor=_operator(by))
    _emit(user.to_dict(), as_json, f"user {user.name} ({user.role}) created")


@users_app.command("list")
def list_(as_json: JsonFlag = False) -> None:
    """Every account, active or disabled."""
    users = [u.to_dict() for u in _accounts().list()]
    _emit(users, as_json, "\n".join(
        f"{u['name']:<24} {u['role']:<12} {'active' if u['active'] else 'disabled':<9} {u['full_name'] or ''}"
        for u in users) or "no users")


@users_app.command("disable")
def disable(name: str, by: ByOption = None, as_json: JsonFlag = False) -> None:
    """The account can no longer log in; its sessions end and its API tokens are revoked."""
    user = _accounts().disable(name, actor=_operator(by))
    _emit(user.to_dict(), as_json, f"user {user.name} disabled; sessions ended, API tokens revoked")


@users_app.command("enable")
def enable(name: str, by: ByOption = None, as_json: JsonFlag = False) -> None:
    """A disabled account may log in again (its old API tokens stay revoked)."""
    user = _accounts().enable(name, actor=_operator(by))
    _emit(user.to_dict(), as_json, f"user {user.name} enabled")


@users_app.command("passwd")
def passwd(name: str, password_stdin: PasswordStdin = False, by: ByOption = None) -> None:
    """Set a new password; the account's sessions end."""
    accounts = _accounts()
    accounts.get(name)  # an unknown name fails before the password is asked for
    user = accounts.set_password(name, _password(password_stdin), actor=_operator(by))
    typer.echo(f"password of {user.name} changed; their sessions ended", err=True)


@users_app.command("token")
def token(
    name: str,
    label: Annotated[str | None, typer.Option(help="What the token is for (a counter, a partner system).")] = None,
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke every token of the account instead.")] = False,
    list_tokens: Annotated[bool, typer.Option("--list", help="List the account's tokens (never the secrets).")]
    = False,
    by: ByOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A new API token for the account, printed once on stdout: `Authorization: Bearer <token>`."""
    accounts = _accounts()
    if revoke and list_tokens:
        raise typer.BadParameter("give one of them.", param_hint="'--revoke' / '--list'")
    if revoke:
        revoked = accounts.revoke_tokens(name, actor=_operator(by))
        _emit({"name": name, "revoked": revoked}, as_json, f"{revoked} token(s) of {name} revoked")
    elif list_tokens:
        tokens = accounts.tokens(name)
        _emit(tokens, as_json, "\n".join(
            f"{t['id']:>5} {t['label'] or '-':<24} created {t['created_at']}  last used {t['last_used_at'] or '-'}"
            + (f"  revoked {t['revoked_at']}" if t["revoked_at"] else "") for t in tokens) or "no tokens")
    else:
        secret = accounts.issue_token(name, label=label, actor=_operator(by))
        _emit({"name": name, "label": label, "token": secret}, as_json, secret)
        typer.echo("the token is shown only now: keep it in the system that uses it", err=True)
