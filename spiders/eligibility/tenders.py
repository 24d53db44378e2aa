"""A buyer asking for tenders names who may bid: "Kent County Council invites tenders from care
providers", "… is seeking expressions of interest from charities", "Tenders are invited from
suitably qualified contractors". The council there is the buyer; the list after "from" is who
applies. (cues.py reads "invites applications from"; a bare "invites" would take "tenders" for the
list.) A council named under a notice's buyer label ("Buyer: Leeds City Council", "Contracting
authority: Durham County Council") is the one buying, never one who may apply.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

TENDER_LEAD_IN = (
    r"\b(?:invit(?:es?|ed|ing)|seek(?:s|ing)?|request(?:s|ing)?|(?:is|are)\s+looking\s+for)\s+"
    r"(?:tenders?|quotes?|quotations?|expressions?\s+of\s+interest|bids|applications|proposals|"
    r"submissions)\s+from\b"
    r"|\b(?:tenders?|quotes?|quotations?)\s+(?:are|is|will\s+be)\s+(?:now\s+|hereby\s+)?(?:invited|"
    r"sought|welcomed?|requested)\s+from\b"
)
# The label, then up to four words of the council's own name before the mention ("Leeds City Council").
BUYER_LABEL_BEFORE = lazy_pattern(
    r"\b(?:buyer|contracting\s+(?:authority|body|entity)|procuring\s+(?:authority|entity)|awarding"
    r"\s+(?:authority|body)|purchaser|commissioning\s+(?:authority|body))(?:\s+name)?\s*[:|]\s*"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w&'.-]*\s+){0,4}$",
    re.IGNORECASE,
)
BUYER_REACH = 80
