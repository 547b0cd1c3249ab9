"""Prefect flows of Capil, the filing path shared by CLI and API, and the wiring of real objects."""

from ._archive import fetch_verified_document
from ._intake import FINALIZE_DEPLOYMENT, PROCESS_DEPLOYMENT, FlowStarter, file_application, parse_requested
from ._services import Services, services, use_services
from .process import finalize_application, process_application

__all__ = [
    "FINALIZE_DEPLOYMENT",
    "FlowStarter",
    "PROCESS_DEPLOYMENT",
    "Services",
    "fetch_verified_document",
    "file_application",
    "finalize_application",
    "parse_requested",
    "process_application",
    "services",
    "use_services",
]
