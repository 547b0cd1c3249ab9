"""The HTTP API (FastAPI): `api.app:app`."""

from .app import app, get_flow_starter, get_services

__all__ = ["app", "get_flow_starter", "get_services"]
