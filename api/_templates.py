"""The Jinja2 environment of the pages (`api/templates`, autoescaped; every page extends `layout.html`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import _words

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

ROLE_NAMES = {"verifikator": "verifikator", "arsip": "petugas arsip", "admin": "administrator"}

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals.update(words=_words, role_names=ROLE_NAMES)
_env.filters.update(date=_words.date, masked=_words.mask_nik, masked_kk=_words.mask_no_kk,
                    field_name=_words.field_name)


def render(name: str, **context: Any) -> str:
    return _env.get_template(name).render(**context)
