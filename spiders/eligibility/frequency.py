"""How often a funder hears from councils is not who may apply: "We rarely receive applications from
councils" says nothing (as the pinned "Councils rarely apply to this fund" says nothing), though
"Applications from councils must include …" names them as applicants. A verb of their own in the
same sentence still decides ("…, but they are eligible").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

HOW_OFTEN = lazy_pattern(
    r"\b(?:rarely|seldom|occasionally|sometimes|often|frequently|regularly|usually|mostly|(?:do\s+)?not\s+"
    r"(?:often|usually))\s+(?:receive|get|see|have|hear\s+from)\b(?:\s+(?:a\s+)?(?:few|many|some|any))?"
    r"\s+(?:applications?|bids?|requests?|proposals?)\s+from\b",
    re.IGNORECASE,
)
