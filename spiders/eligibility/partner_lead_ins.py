"""Every partner lead-in that regions.py and reading.py read: cues.py's, and those written after it
was full. A council whose agreement the applicant needs backs the bid, as one whose "support" or
"endorsement" it needs does (cues.py): "Projects must be agreed with your local authority". Not
"approved by" or "signed off by": a bid "signed off by the council's Section 151 officer" is the
council's own, and "approved by the local planning authority" is planning permission.

"The council" alone stays the funder speaking of itself (mentions.py), as on a council's own grant
page "projects must be agreed with the council" is the funder's own approval, not a partner.
"""

from __future__ import annotations

import re

from spiders.eligibility.partner_cues import PARTNER_LEAD_IN
from spiders.word_starts import at_word_starts

_AGREED = r"\bagreed\s+(?:in\s+advance\s+|first\s+|beforehand\s+)?with\b"

PARTNER_LEAD_INS = at_word_starts(f"(?:{_AGREED})|(?:{PARTNER_LEAD_IN.pattern})", re.IGNORECASE)
