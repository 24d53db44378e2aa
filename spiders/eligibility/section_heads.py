"""Lead-ins that head a whole section's list, as "Who can apply" pages set them out (the elig13
round): "You cannot apply if:" over items that say who the applicant is ("• your organisation is a
local authority"), and "Who can be a partner" over the partners' list.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# "You cannot apply if:", "You can apply if:" (with nothing after "if" but the list), "You are not
# eligible to apply if:": the items below say who you are, so the cue's own "not" decides.
APPLY_IF_LEAD_IN = (
    r"\b(?:can|cannot|can't|can\s+not|may|may\s+not|are\s+(?:not\s+)?eligible\s+to|won't\s+be\s+able\s+to)"
    r"\s+apply\s+if\s*:"
)
# "Who can be a partner", "Who can take part as a partner": the partner word in the cue makes its
# list partners (regions.py).
PARTNER_HEAD = (
    r"\bwho\s+(?:can|may)\s+(?:be\s+(?:an?\s+)?|take\s+part\s+as\s+(?:an?\s+)?|join\s+as\s+(?:an?\s+)?)"
    r"(?:project\s+|delivery\s+)?(?:partners?|collaborators?)\b\s*[?:-]?"
)
# "Eligible partner organisations", "The following may not lead a bid but may be partners:": a
# heading whose last words name partners (heading_modes.py reads it as PARTNER).
PARTNER_HEADING_END = lazy_pattern(
    r"(?:\b(?:eligible\s+)?(?:project\s+|delivery\s+)?partner\s+(?:organi[sz]ations|bodies|types)|\b(?:may|can)"
    r"\s+(?:only\s+|still\s+)?(?:be|join\s+as|take\s+part\s+as)\s+(?:project\s+|delivery\s+)?partners)\s*:?\s*$",
    re.IGNORECASE,
)
# "Organisation type" alone on its line, its colon lost with the page's markup: a form's label.
TYPE_HEAD = r"\b(?:organi[sz]ation|applicant)\s+types?\s*$"
# "• you are a town or parish council", "• your organisation is a local authority": under such a
# lead-in, an item's kind is read after the words that say it is the applicant's.
SELF_ITEM = lazy_pattern(
    r"\s*(?:you\s+are|you're|your\s+(?:organi[sz]ation|group|body)\s+is)\s+",
    re.IGNORECASE,
)
