"""Who is sent to another fund or route, and money a council gets from another pot.

Sent elsewhere: "Local authorities should apply to the separate Treescapes Fund", "… should use the
Local Authority Housing Fund instead": not to this call (clauses.py reads it for a council; a list of
others sent elsewhere is no list of this call's applicants, reading.py). And the others sent
elsewhere while councils stay: "Organisations other than local authorities should apply through the
Community Grants programme" leaves this call to the councils (yes); the verb need not say "instead",
as the "other than" already says who stays.

Paid elsewhere: "The fund is not open to local authorities; funding for
councils is being provided separately through the Local Authority Delivery scheme". The council is
named as paid, but not by this call, so that clause says nothing about who may apply to it (as
clauses.py's "should apply to the separate fund instead" sends a council elsewhere).

Matched just after the council, within its clause; "Local authorities can apply separately for
capital costs" applies (no money is said to be provided), so it is not read.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.pot_names import SENT_TO_NAMED, named_pot

PAID_ELSEWHERE = lazy_pattern(
    r"\s+(?:(?:is|are|will\s+be|has\s+been|have\s+been)\s+(?:being\s+|already\s+)?(?:provided|made\s+"
    r"available|available|allocated|paid|distributed|awarded)|(?:will\s+)?(?:receive|receives|get|gets)\s+"
    r"(?:their\s+|its\s+)?(?:funding|money|allocations?|grants?))\s+(?:[\w-]+\s+){0,3}?(?:separately|"
    r"elsewhere|(?:through|under|from|via)\s+(?:a|the)\s+(?:separate|different|another)|(?:through|under|"
    r"from|via)\s+another)\b",
    re.IGNORECASE,
)

# The verb and where it sends them, matched from the verb itself (after the subject's few words).
SENT_ELSEWHERE = lazy_pattern(
    # "… should use the Local Authority Housing Fund instead": sent to it as by "apply to".
    # "… please apply to our Village Halls Fund instead": a request, as "should" is.
    r"(?:should|must|can|may|will\s+need\s+to|need\s+to|please)\s+(?:instead\s+)?(?:(?:apply|bid)\s+"
    r"(?:to|for|through|under|via)|(?:use|access)(?!\s+(?:the|this|their|its)\s+(?:funding|grants?|money|"
    r"allocations?|funds?)\b))\s+(?:the\s+|a\s+|their\s+)?(?:(?:separate|other|different|"
    r"dedicated)\b|[^.;]{0,80}?\binstead\b(?!\s+of\b))"
    # "… should look at Homes England programmes", "… should approach the Heritage Fund": another
    # funder's pot by its name (capitalised, then a pot's word; not "the Capital Fund guidance").
    r"|(?:should|must|can|may)\s+(?:instead\s+)?(?:look\s+at|approach|explore|turn\s+to)\s+(?:(?:the|our|their)\s+)?"
    + named_pot(r"(?:programmes?|funds?|funding|schemes?|grants?)\b")
    + r"(?!\s+(?:guidance|prospectus|criteria|rules|documents?|conditions|terms|website|pages?|faqs?)\b)"
    # "… should apply to our Main Grants programme": the funder's other pot by its name.
    rf"|{SENT_TO_NAMED}",
    re.IGNORECASE,
)
# "Organisations other than local authorities should apply through …": everyone but the councils is
# sent on. OTHERS_BEFORE ends at the council; OTHERS_SENT starts after it.
OTHERS_BEFORE = lazy_pattern(
    r"\b(?:organi[sz]ations?|applicants?|bod(?:y|ies)|groups?|anyone|those)\s+(?:other\s+than|except|"
    r"apart\s+from|(?:that|which|who)\s+are\s+not)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
OTHERS_SENT = lazy_pattern(
    r"\s+(?:should|must|will\s+need\s+to|need\s+to|are\s+asked\s+to)\s+(?:instead\s+)?(?:(?:apply|bid|go)\s+"
    r"(?:to|through|under|via|for)|use|look\s+at|contact|approach)\b",
    re.IGNORECASE,
)
