"""A council named with match funding. The council that only pays in is no applicant ("match
funding, which may come from their local council"); one told it must put in its own share is one
("Councils must provide 25% match funding from their own resources"): only an applicant is told what
its bid must bring.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE
# Before the council: "Match funding may come from the local authority", "…match funding, which may
# come from their local council".
PAYS_IN_BEFORE = lazy_pattern(
    r"\bmatch[- ]?fund(?:ing|s)?(?:\s*,?\s*(?:which|that))?\s+(?:(?:may|can|could|will|should|must)\s+)?"
    r"(?:also\s+)?(?:(?:come|be\s+(?:sought|secured|obtained|raised))\s+)?from\s+(?:the\s+|a\s+|their\s+|"
    r"your\s+|its\s+)?$",
    _I,
)
# After the council: "… must provide 25% match funding", "… will need to contribute a local share".
OWN_SHARE_AFTER = lazy_pattern(
    r"\s+(?:must|should|will\s+(?:need\s+to|be\s+(?:required|expected)\s+to)|need\s+to|(?:are|is)\s+"
    r"(?:required|expected)\s+to)\s+(?:provide|contribute|secure|find|commit)\s+(?:(?:at\s+least|a\s+"
    r"minimum\s+of|a|an|some|their\s+own)\s+)*(?:\d+\s?%\s+|\u00a3[\d,.]+\s*(?:k|m|million)?\s+)?(?:of\s+)?"
    r"(?:(?:local|match)\s+(?:funding|contributions?|share)|match[- ]funding|co-?funding)\b",
    _I,
)
