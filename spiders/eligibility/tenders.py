"""A buyer asking for tenders names who may bid: "Kent County Council invites tenders from care
providers", "… is seeking expressions of interest from charities". The council there is the buyer;
the list after "from" is who applies. (cues.py reads "invites applications from"; a bare "invites"
would take "tenders" for the list.)
"""

from __future__ import annotations

TENDER_LEAD_IN = (
    r"\b(?:invit(?:es?|ed|ing)|seek(?:s|ing)?|request(?:s|ing)?|(?:is|are)\s+looking\s+for)\s+"
    r"(?:tenders?|quotes?|quotations?|expressions?\s+of\s+interest|bids|applications|proposals|"
    r"submissions)\s+from\b"
)
