"""Cross-check: extractions plus the population record → findings and a decision. Pure logic, no I/O."""

from ._decide import decide, normalize_name
from ._findings import CATALOGUE, finding

__all__ = ["CATALOGUE", "decide", "finding", "normalize_name"]
