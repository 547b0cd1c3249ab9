"""The house plan (docs/architecture.md), checked: which room imports which, and who imports each tool."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ALLOWED = {
    "core": set(),
    "ocr": {"core"},
    "crosscheck": {"core"},
    "registry": {"core"},
    "signing": {"core"},
    "storage": {"core"},
    "synthetic": {"core"},
    "casework": {"core", "ocr", "crosscheck", "registry", "signing", "storage"},
    "flows": {"core", "casework"},
    "api": {"core", "casework", "flows", "registry", "signing"},
    "capil": {"core", "ocr", "crosscheck", "registry", "signing", "storage", "casework", "flows", "api", "synthetic"},
}
"""Each room and the rooms it may import."""

TOOLS = {
    "cv2": {"ocr", "synthetic"}, "pytesseract": {"ocr"}, "pdfplumber": {"ocr"},
    "pyhanko": {"signing"}, "pyhanko_certvalidator": {"signing"}, "certomancer": {"signing"},
    "minio": {"storage"}, "sqlalchemy": {"registry"}, "alembic": {"registry"},
    "prefect": {"flows", "capil"}, "fastapi": {"api"},
}
"""Each third-party tool and the rooms that may import it (synthetic draws its own documents;
capil starts and watches the local Prefect server)."""


def _imports(room: str) -> list[tuple[str, Path]]:
    found = []
    for path in (ROOT / room).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(alias.name.split(".")[0], path) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((node.module.split(".")[0], path))
    return found


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_a_room_imports_only_the_rooms_below_it(room: str) -> None:
    wrong = sorted({f"{name} ({path.relative_to(ROOT)})" for name, path in _imports(room)
                    if name in ALLOWED and name != room and name not in ALLOWED[room]})
    assert not wrong, f"{room} imports {wrong}"


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_each_tool_is_imported_only_by_its_room(room: str) -> None:
    wrong = sorted({f"{name} ({path.relative_to(ROOT)})" for name, path in _imports(room)
                    if name in TOOLS and room not in TOOLS[name]})
    assert not wrong, f"{room} imports another room's tool: {wrong}"
