"""A list hung on the word before it by "which can be": "You must collaborate with at least one other
organisation, which can be a research organisation, a charity, a public sector organisation or a
local authority". The list says what that organisation may be; partner wording earlier in the clause
("collaborate with") makes it the partners' list, as regions.py reads any lead-in (roles.py reads
the lead's own role: "an accountable body, which should normally be a local authority").
"""

from __future__ import annotations

RELATIVE_LEAD_IN = (
    r"\b(?:organi[sz]ations?|partners?|bod(?:y|ies)|collaborators?)\s*,?\s*(?:which|who)\s+(?:can|could|"
    r"may|might)\s+(?:also\s+)?(?:be|include)\b\s*:?"
)
