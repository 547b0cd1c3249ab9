"""The HTTP API (FastAPI): `api.app:app`.

`words` is the catalogue of every word a person reads on the pages (statuses, changes, field names,
rejection reasons, what an applicant can do about a finding), with the helpers that put values into
words (`field_name`, `mask_nik`, `mask_no_kk`, `marked_difference`, `date`). `schemas` describes the JSON
answers (the models of the OpenAPI document).
"""

from . import _schemas as schemas
from . import _words as words
from .app import app, get_flow_starter, get_services

__all__ = ["app", "get_flow_starter", "get_services", "schemas", "words"]
