"""Cross-check: extractions plus the population record → findings and a decision. Pure logic, no I/O."""

from ._decide import REJECTING, decide
from ._findings import CATALOGUE, finding
from ._names import NameMatch, compare_names, normalize_name
from ._spouse import record_partners

__all__ = ["CATALOGUE", "REJECTING", "NameMatch", "compare_names", "decide", "finding", "normalize_name",
           "record_partners"]
