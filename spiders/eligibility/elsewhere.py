"""Money a council gets from another pot: "The fund is not open to local authorities; funding for
councils is being provided separately through the Local Authority Delivery scheme". The council is
named as paid, but not by this call, so that clause says nothing about who may apply to it (as
clauses.py's "should apply to the separate fund instead" sends a council elsewhere).

Matched just after the council, within its clause; "Local authorities can apply separately for
capital costs" applies (no money is said to be provided), so it is not read.
"""

from __future__ import annotations

import re

PAID_ELSEWHERE = re.compile(
    r"\s+(?:(?:is|are|will\s+be|has\s+been|have\s+been)\s+(?:being\s+|already\s+)?(?:provided|made\s+"
    r"available|available|allocated|paid|distributed|awarded)|(?:will\s+)?(?:receive|receives|get|gets)\s+"
    r"(?:their\s+|its\s+)?(?:funding|money|allocations?|grants?))\s+(?:[\w-]+\s+){0,3}?(?:separately|"
    r"elsewhere|(?:through|under|from|via)\s+(?:a|the)\s+(?:separate|different|another)|(?:through|under|"
    r"from|via)\s+another)\b",
    re.IGNORECASE,
)
