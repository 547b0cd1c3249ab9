"""The house plan (docs/architecture.md), checked: which room imports which, and who imports each tool."""

from __future__ import annotations

import ast
import functools
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
    "rapidocr_onnxruntime": {"ocr"}, "onnxruntime": {"ocr"},
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


TESTS_REACHING_IN = {
    "api": {("tests/integration/test_review_browser.py", "api._review"),
            ("tests/unit/test_api_access.py", "api._auth"),
            ("tests/unit/test_review_page_boxes.py", "api._review")},
    "capil": {("tests/unit/test_bench_applications.py", "capil._bench_applications"),
              ("tests/unit/test_cli_users.py", "capil._demo")},
    "flows": {("tests/unit/test_flows.py", "flows._tasks")},
    "registry": {("tests/integration/test_archive.py", "registry._schema"),
                 ("tests/integration/test_archive_retrieval.py", "registry._schema"),
                 ("tests/unit/test_accounts.py", "registry._access"),
                 ("tests/unit/test_accounts.py", "registry._accounts"),
                 ("tests/unit/test_accounts.py", "registry._migrate"),
                 ("tests/unit/test_accounts.py", "registry._passwords"),
                 ("tests/unit/test_accounts.py", "registry._sessions"),
                 ("tests/unit/test_api_login.py", "registry._accounts"),
                 ("tests/unit/test_api_login.py", "registry._sessions"),
                 ("tests/unit/test_flows.py", "registry._schema"), ("tests/unit/test_registry.py", "registry._migrate"),
                 ("tests/unit/test_registry.py", "registry._schema")},
    "signing": {("tests/unit/test_signing_cms.py", "signing._cms"),
                ("tests/unit/test_signing_tsa.py", "signing._pades")},
    "synthetic": {("tests/unit/test_ocr_image.py", "synthetic._canvas"),
                  ("tests/unit/test_synthetic_heldout.py", "synthetic._look")},
}
"""Tests that still import a room's private modules (issue #13): none may be added, and an entry goes
when its import does. `ocr` has none: its tests go through `ocr.extract_pages`, `ocr.second_readings`
and its public submodules (`ocr.normalize`, `ocr.confidence`, `ocr.geometry`, `ocr.labelled`, `ocr.page_image`,
`ocr.tesseract`)."""


@functools.cache
def _private_imports() -> frozenset[tuple[str, str]]:
    """(test file, private module) for every import of a room's `_name` module or name by a test."""
    found = set()
    for path in (ROOT / "tests").rglob("*.py"):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                private = next((i for i, part in enumerate(parts) if part.startswith("_")
                                and not part.startswith("__")), None)
                if parts[0] in ALLOWED and private is not None and private > 0:
                    found.add((where, ".".join(parts[:private + 1])))
    return frozenset(found)


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_tests_use_a_rooms_public_face(room: str) -> None:
    found = {(path, module) for path, module in _private_imports() if module.split(".")[0] == room}
    allowed = TESTS_REACHING_IN.get(room, set())
    assert not found - allowed, f"tests import private modules of {room}: {sorted(found - allowed)}"
    assert not allowed - found, f"no longer imported, drop from TESTS_REACHING_IN: {sorted(allowed - found)}"
