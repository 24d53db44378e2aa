"""Every lead-in that regions.py reads: cues.py's, and those of the modules written after it was full,
each named for what it reads. The newer come first, so that at one place the longer cue wins
("invites tenders from" over "invites").
"""

from __future__ import annotations

import re

from spiders.eligibility.administers import NAMED_AGENT
from spiders.eligibility.cues import LEAD_IN
from spiders.eligibility.funders import FUNDER_LEAD_IN
from spiders.eligibility.invitations import INVITATION_LEAD_IN
from spiders.eligibility.open_lists import NOT_REQUIRED
from spiders.eligibility.relative_lists import RELATIVE_LEAD_IN
from spiders.eligibility.roles import ROLE_LEAD_IN
from spiders.eligibility.section_heads import APPLY_IF_LEAD_IN, PARTNER_HEAD, TYPE_HEAD
from spiders.eligibility.strands import STRAND_LEAD_IN
from spiders.eligibility.tenders import TENDER_LEAD_IN
from spiders.word_starts import at_word_starts

# "The scheme is administered by local authorities on behalf of DESNZ": who administers a fund's money
# receives it, as who runs or delivers a project applies (cues.py's "run by", "delivered by"). A body
# named by its own name ("administered by the Greater London Authority") is the funder's own agent.
_ADMINISTERED = r"\badministered\s+(?:locally\s+)?by\b" + NAMED_AGENT
# "… provided the applicant is a constituted sports club", "Applicants (who must be a local authority
# or a registered social landlord) should …": who the applicant is, as a condition or an aside.
_APPLICANT_IS = (
    r"\b(?:provided|providing|as\s+long\s+as|so\s+long\s+as|if|where)\s+(?:that\s+)?(?:the\s+)?"
    r"(?:lead\s+)?applicant\s+is\b|\bapplicants?\s*\(\s*(?:who|which)\s+(?:must|should|will\s+need\s+to)\s+be\b"
)
# "Indicative allocations for 2026-27 have been published for all district councils": whom the
# published allocations are for.
_ALLOCATIONS_FOR = (
    r"\ballocations?\b(?:\s+[\w-]+){0,4}?\s+(?:have|has)\s+(?:now\s+)?been\s+(?:published|announced|"
    r"confirmed|set\s+out)\s+for\b"
)

# "We are unable to support CICs, statutory organisations or individuals", "We cannot currently
# support applications from local authorities": a funder's support is its money, so whom it cannot
# (or can) support is who may not (or may) apply, as with "We cannot fund" (cues.py). Only with a
# modal: "We support councils to …" is help, not money (mentions.py's beneficiaries).
_SUPPORT = (
    r"\bwe\s+(?:are\s+)?(?:cannot|can't|can\s+not|do\s+not|don't|will\s+not|won't|unable\s+to|not\s+"
    r"able\s+to|able\s+to)\s+(?:currently\s+|normally\s+|usually\s+|generally\s+)?support\b"
    r"(?:\s+(?:applications|bids|proposals)\s+from\b)?\s*:?"
)

LEAD_INS = at_word_starts(
    "|".join(
        f"(?:{p})"
        for p in (
            APPLY_IF_LEAD_IN,
            PARTNER_HEAD,
            TYPE_HEAD,
            INVITATION_LEAD_IN,
            TENDER_LEAD_IN,
            ROLE_LEAD_IN,
            RELATIVE_LEAD_IN,
            FUNDER_LEAD_IN,
            STRAND_LEAD_IN,
            _ADMINISTERED,
            _SUPPORT,
            _APPLICANT_IS,
            _ALLOCATIONS_FOR,
            NOT_REQUIRED.pattern,
            LEAD_IN.pattern,
        )
    ),
    re.IGNORECASE,
)
