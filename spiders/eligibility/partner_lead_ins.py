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

# "At least one partner must be a local authority": a council required among the partners (or the
# members of a consortium).
_ONE_PARTNER = (
    r"\b(?:at\s+least\s+one|one|each|another|the\s+other)\s+(?:of\s+the\s+)?(?:project\s+|delivery\s+)?"
    r"(?:partners?|members?)\s+(?:must|should|will\s+need\s+to|needs?\s+to|has\s+to|can|may)\s+be\b"
)

PARTNER_LEAD_INS = at_word_starts(
    f"(?:{_AGREED})|(?:{_ONE_PARTNER})|(?:{PARTNER_LEAD_IN.pattern})", re.IGNORECASE
)

# "Applicants do not need the support of their local council", "There is no need to work with the
# local authority": partner wording the sentence says is not needed, so the council is no partner.
NOT_NEEDED = at_word_starts(
    # "do not" says no need only with "need" or "have to" after it: "projects that do not work in
    # partnership with the local authority" (which "We will not fund") asks for the partner.
    # Not "do not have the support of" either: lacking it is no sign it is not wanted.
    r"\b(?:(?:(?:do|does)\s+not|don't|doesn't)\s+(?:need\s+(?:to\s+(?:(?:have|get|obtain|seek|secure)\s+)?)?|"
    r"have\s+to\s+)|(?:need\s+not|needn't|(?:is|are)\s+not\s+required\s+to|"
    r"no\s+(?:need|requirement)\s+(?:for\s+(?:applicants|you|groups|organi[sz]ations)\s+)?to)\s+)"
    r"(?:be\s+)?"
    rf"(?:(?:work|be|working)\s+in\s+|(?:a|an|the|any|their|your)\s+)?(?:{PARTNER_LEAD_INS.pattern})",
    re.IGNORECASE,
)

# "We do not fund work in partnership with local authorities", "We rarely fund projects delivered in
# partnership with councils": work with a council refused, so the council is no partner, and no
# applicant either ("rarely" denies alone, as in cues.py). Not "… projects that do not work with …".
REFUSED_WITH = at_word_starts(
    r"\b(?:(?:do|does|will|would|can)\s+not|don't|doesn't|won't|cannot|can't|rarely|seldom|never)\s+"
    r"(?:normally\s+|usually\s+|generally\s+|typically\s+)?(?:fund|support|accept|consider)\s+"
    r"(?:(?!(?:that|which|unless|without|not|if)\b)[\w'-]+\s+){0,4}?"
    rf"(?:{PARTNER_LEAD_INS.pattern})",
    re.IGNORECASE,
)
