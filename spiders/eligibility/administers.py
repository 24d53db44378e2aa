"""Who a scheme is "administered by". Councils at large that administer a fund's money receive it
(lead_ins.py: "administered by local authorities"), but a body named by its own name is one funder's
agent for its residents: "administered by the Greater London Authority", "administered by Leeds City
Council" (the Household Support Fund's pages) say nothing of who may apply.
"""

from __future__ import annotations

# After "administered by": "the" and a capitalised name, or capitalised words ending in "Council".
NAMED_AGENT = (
    r"(?!\s+(?:the\s+(?-i:[A-Z])|(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)*\s+(?-i:Council)\b))"
)
