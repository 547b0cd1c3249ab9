"""Prefect flows of Capil, the filing path shared by CLI and API, and the wiring of real objects.

The flows themselves (`process_application`, `finalize_application`) are imported on first
use: importing Prefect takes seconds, and most `capil` commands never need it.
"""

from typing import Any

from ._archive import fetch_verified_document
from ._intake import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, FlowStarter, file_application, parse_requested
from ._pages_store import page_image, page_manifests
from ._services import Services, services, use_services

__all__ = [
    "FINALIZE_DEPLOYMENT",
    "PROCESS_DEPLOYMENT",
    "FlowStarter",
    "Services",
    "fetch_verified_document",
    "file_application",
    "finalize_application",
    "page_image",
    "page_manifests",
    "parse_requested",
    "process_application",
    "services",
    "use_services",
]

_LAZY = {"process_application", "finalize_application"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import process

        return getattr(process, name)
    raise AttributeError(f"module 'flows' has no attribute {name!r}")
