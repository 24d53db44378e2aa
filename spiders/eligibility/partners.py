"""Partner wording just after a council: "local authorities may participate as subcontractors",
"… cannot lead but can collaborate", "… but can support a bid led by a community group", "with a
local authority partner". Searched only a short reach past the council, so a sentence costs linear time.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.applicants import OTHER_APPLICANT
from spiders.eligibility.mentions import Span
from spiders.eligibility.partner_cues import PARTNER_AFTER, PARTNER_COMPOUND

_PARTNER_AFTER_REACH = 160
# A later subject takes the partner role: "councils can apply and businesses can be partners",
# "local authorities, with landlords as partners" (whom the council works with are the partners).
# "The combined authority is the lead applicant, with the constituent councils as delivery partners":
# councils after "with" are the partners, not the lead before them.
# (Asked only whether it matches: the applicant words written once, the ~4,000 characters of
# OTHER_APPLICANT compiled once rather than twice, the same texts match.)
_SOMEONE_ELSE = lazy_pattern(
    r"\b(?:(?:(?:can|may|are|is|will|must|should|could)\b.*?\b|with\s+(?:[\w'-]+\s+){0,3}?)(?:"
    + OTHER_APPLICANT.pattern
    + r")|with\s+(?:[\w'-]+\s+){0,3}?(?:councils?|authorit(?:y|ies))\b)",
    re.IGNORECASE,
)
# "… alone or as part of a consortium", "… may lead bids or join a consortium": an applicant, and a
# partner only as well; the thing led or bid for may have its article ("can lead a project or take
# part as a partner", "may bid for the funding or join a consortium").
_ALONE_OR = lazy_pattern(
    r"\b(?:alone|individually|singly|independently|on\s+(?:its|their)\s+own|(?:apply|lead|bid)"
    r"(?:\s+(?:directly|(?:for\s+)?(?:(?:an?|the|their|its|this)\s+)?(?:bids?|applications?|"
    r"projects?|proposals?|funding|grants?)))?),?\s+or\b",  # "lead bids, or …"
    re.IGNORECASE,
)


# "… we do not accept applications from councils, even as partners": the denial reaches the partner.
_DENIED = lazy_pattern(
    r"(?:\b(?:cannot|can\s+not|can't|may\s+not|must\s+not)\s+(?:be|become|join)|\b(?:not\s+)?even\s+as|"
    r"\b(?:nor|not)\s+as)\s+(?:an?\s+)?(?:[\w-]+\s+)?"
    # "… may not be lead applicants or partners": the partner role denied with the one before it.
    r"(?:[\w-]+\s+(?:or|nor)\s+(?:an?\s+|as\s+)?(?:[\w-]+\s+)?)?$",
    re.IGNORECASE,
)


# "Councils should encourage community groups in their area to apply": others apply, with the
# council behind them (a modal right after the council: "… can use the funding to help households
# apply" is the council's own spending).
_ENCOURAGES = lazy_pattern(
    r"\s+(?:should|could|can|may|must|will|are\s+(?:asked|expected|encouraged)\s+to)\s+(?:also\s+|"
    r"instead\s+)?(?:encourage|support|help)\s+(?:[\w'-]+\s+){1,6}?to\s+(?:apply|bid)\b",
    re.IGNORECASE,
)


# "Local authorities are key partners in delivering net zero": a partner in a policy aim, said of
# councils at large, not a role in this project ("… partners in delivering the project" is one).
_IN_AN_AIM = lazy_pattern(
    r"\s+(?:in|for|to)\s+(?:deliver(?:ing)?|achiev(?:e|ing)|tackl(?:e|ing)|reach(?:ing)?|meet(?:ing)?|"
    r"driv(?:e|ing)|the\s+(?:transition|drive|fight|push|journey|national|government's))\b"
    r"(?!\s+(?:the|this|your|a|an|each|their)\s+(?:[\w-]+\s+)?(?:projects?|bids?|applications?|proposals?|"
    r"work|scheme|programme|partnership)\b)",
    re.IGNORECASE,
)


# "… councils may support but not lead", "… can help deliver the project but cannot apply": a
# supporting role the sentence gives them, with the lead or the application denied.
_SUPPORT_NOT_LEAD = lazy_pattern(
    r"\s+(?:can|may|could)\s+(?:only\s+|also\s+)?(?:support|help|assist|contribute)(?:\s+(?:[\w-]+\s+){0,3}?"
    r"(?:projects?|bids?|applications?|delivery|deliver\s+(?:it|them|the\s+project)))?,?\s+(?:but|and)\s+"
    r"(?:not|cannot|can\s+not|can't|may\s+not|must\s+not)\s+(?:lead|apply|bid|be\s+the\s+lead)\b",
    re.IGNORECASE,
)


# "Councils are welcome to apply, but not as the lead partner", "… may apply but cannot lead": let in,
# with the lead denied, they join another's bid.
_APPLY_NOT_LEAD = lazy_pattern(
    r"\s+(?:(?:can|may|could)\s+(?:also\s+)?(?:apply|bid)|(?:are|is)\s+(?:(?:very\s+)?welcome|eligible|"
    r"invited|able)\s+to\s+(?:apply|bid)|(?:are|is)\s+eligible),?\s+(?:but|though|although)\s+(?:only\s+)?"
    r"(?:not|never|cannot|can't|may\s+not)\s+(?:as\s+|to\s+|be\s+)?(?:the\s+|an?\s+)?lead(?:\s+(?:partner|"
    r"applicant|organi[sz]ation|bidder|bod(?:y|ies))s?)?(?=\s*(?:[.;,)]|$))",
    re.IGNORECASE,
)


# "Norfolk County Council is a partner in this fund": said to be one (not "can be"), of the fund
# itself, it funds the fund rather than joining a project.
_IS_A = lazy_pattern(
    r"\s+(?:is|are)\s+(?:also\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)
_IN_THE_FUND = lazy_pattern(
    r"\s+(?:in|of|to)\s+(?:this|the|our)\s+(?:fund|programme|scheme|grants?\s+(?:scheme|programme))\b"
    r"(?!\s+(?:projects?|bids?|applications?))",
    re.IGNORECASE,
)


# "Local authorities may be end users or test sites but cannot receive funding": a part in another's
# project, offered right after the council (not "Councils are the end users of the services").
_SITE_ROLE = lazy_pattern(
    r"\s+(?:can|may|could|will)\s+(?:also\s+|only\s+)?(?:be|act\s+as|take\s+part\s+as)\s+(?:an?\s+|the\s+)?"
    r"(?:end[- ]users?|(?:test|trial|pilot|demonstration)\s+(?:sites?|beds?))\b",
    re.IGNORECASE,
)


def partner_after(sentence: str, mention: Span) -> bool:
    """ "… may participate as subcontractors", unless someone else is the partner ("councils can
    apply and businesses can be partners")."""
    end = mention[1]
    if (
        PARTNER_COMPOUND.match(sentence, end)
        or _ENCOURAGES.match(sentence, end)
        or _SUPPORT_NOT_LEAD.match(sentence, end)
        or _APPLY_NOT_LEAD.match(sentence, end)
        or _SITE_ROLE.match(sentence, end)
    ):
        return True
    found = PARTNER_AFTER.match(sentence, end, end + _PARTNER_AFTER_REACH)
    if not found:
        return False
    start = next(found.start(g) for g in ("word", "backing", "joins") if found.group(g))
    if found.group("word") and _IN_AN_AIM.match(sentence, found.end()):
        return False
    if _IS_A.fullmatch(sentence, end, start) and _IN_THE_FUND.match(sentence, found.end()):
        return False
    # "Local authorities cannot be partners": the partner role denied (a verb in cues.py says no).
    if _DENIED.search(sentence, end, start):
        return False
    # "may apply, either alone or as part of a consortium": an applicant all the same.
    if _ALONE_OR.search(sentence, end, start):
        return False
    return not _SOMEONE_ELSE.search(sentence, end, start)
