"""A council let in only behind another's lead: "Applications from public bodies, including local
councils, will only be considered where a community group is leading the project", "We will consider
applications from local authorities only where they are working in partnership with a voluntary
sector lead". The permission stands on someone else leading: a partner.

Matched from the council to the end of its clause; "Parish councils may apply only where they own
the hall" is a condition on the council itself and stays a permission, and so is one where the
council is the lead ("… only if the council is the lead applicant"). So is a council's partner named
as the lead: "… in partnership with a community organisation, which must be the lead applicant".
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

ANOTHER_LEADS = lazy_pattern(
    r"[^.;]{0,80}?\bonly\s+(?:be\s+)?(?:[\w-]+\s+)?(?:where|if|when)\s+(?:(?:they|it)\s+(?:are|is)\s+"
    r"(?:working\s+)?(?:in\s+partnership\s+with|partnered\s+with|supporting)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:lead|leads|lead\s+applicant)\b|(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:(?:is|are)\s+"
    # "… only where a community partner leads delivery": "leads" as "is leading".
    r"(?:leading|the\s+lead(?:\s+applicant)?)|leads"
    # "… only … where the project is led by a community organisation" (whoever leads is named, so a
    # council named there leads: "… led by the district council" stays a permission).
    r"|(?:(?<=project\s)|(?<=projects\s)|(?<=bid\s)|(?<=application\s)|(?<=proposal\s)|(?<=work\s)|"
    r"(?<=activity\s)|(?<=partnership\s))(?:is|are)\s+(?:being\s+)?led\s+by\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}[\w-]+)\b)"
    # "Councils can only apply in partnership with a community organisation, which must be the lead
    # applicant": the one partnered with is named the lead.
    r"|[^.;]{0,80}?\b(?:in\s+partnership\s+with|partnered\s+with|working\s+with|alongside)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?[\w-]+,?\s+(?:which|who)\s+(?:must|should|will|is\s+to)\s+"
    r"(?:be|act\s+as)\s+(?:the\s+)?lead\b"
    # "… are welcome to apply in partnership with an eligible lead organisation": the other leads.
    r"|[^.;]{0,80}?\b(?:in\s+partnership\s+with|partnered\s+with|alongside)\s+(?:an?\s+|the\s+)?"
    r"(?:eligible\s+)?lead\s+(?:organi[sz]ation|applicant|partner|body)\b",
    re.IGNORECASE,
)
_COUNCIL_LEADS = lazy_pattern(r"\b(?:council|authority|authorities)\b", re.IGNORECASE)


def led_by_another(sentence: str, end: int) -> bool:
    """The council's clause, from `end`, lets it in only behind someone else's lead."""
    found = ANOTHER_LEADS.match(sentence, end)
    return found is not None and not _COUNCIL_LEADS.search(
        found.group(), found.group().find("only")
    )
