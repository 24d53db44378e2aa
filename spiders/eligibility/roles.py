"""Cues that name the applicant's role and then say who may fill it: "The applicant cannot be a local
authority", "an accountable body, which should normally be a local authority", "Grant recipients:
…", and the council denied the role by name ("Councils are not the intended recipients").

cues.py reads "Applicants must (not) be"; these are the forms it misses.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_ROLE = (
    r"(?:(?:lead\s+|grant\s+|eligible\s+)?(?:applicants?|bidders?|recipients?)|accountable\s+bod(?:y|ies)"
    r"|lead\s+(?:organi[sz]ations?|partners?|bod(?:y|ies)))"
)
_SO = r"(?:(?:normally|usually|ideally|typically|generally|always|also)\s+)?"
ROLE_LEAD_IN = (
    # "The applicant cannot be a local authority": the list of who may not fill the role follows.
    rf"\b{_ROLE}\s+(?:cannot|can't|can\s+not|must\s+not|may\s+not|should\s+not|will\s+not|won't)\s+"
    rf"{_SO}be\b"
    # "…an accountable body, which should normally be a local authority", "… a local lead
    # organisation, which is usually the local authority"
    rf"|\b{_ROLE}\s*,?\s*(?:which|who)\s+(?:(?:should|must|will|would|can|may|cannot|can't)\s+(?:not\s+)?"
    rf"{_SO}be|(?:is|are)\s+(?:not\s+)?{_SO}(?=the\b))\b"
    # "The accountable body for the bid will normally be the local authority": the role, with what
    # it is for, then who fills it.
    rf"|\b{_ROLE}\s+for\s+(?:the|this|each|a|every)\s+(?:bid|project|application|proposal|scheme|"
    rf"fund|programme|partnership)\s+(?:will|would|should|must|can|may)\s+(?:not\s+)?{_SO}be\b"
    # "… a partnership whose accountable body is a local authority": the role filled, said plainly.
    r"|\b(?:whose|its|their)\s+(?:lead\s+applicant|accountable\s+body|lead\s+(?:organi[sz]ation|body))\s+"
    r"(?:is|will\s+be)\s+(?=(?:an?|the)\b)"
    # "Grant recipients:" heads the list of who receives the money.
    r"|\b(?:grant\s+)?recipients?\s*:"
)
# "Councils are not the intended recipients of this funding."
ROLE_VERB = (
    r"\b(?:are|is)\s+not\s+(?:the\s+)?(?:intended|eligible|expected)\s+(?:applicants?|bidders?|"
    r"recipients?)\b"
)
# A cue naming the lead's role: partner wording before it ("Each partnership must nominate…") is
# about someone else, not the role the list fills.
NAMES_THE_LEAD = lazy_pattern(
    r"\b(?:accountable\s+bod(?:y|ies)|lead\s+(?:applicants?|organi[sz]ations?|bod(?:y|ies))|"
    r"(?:grant\s+)?recipients?)\b",
    re.IGNORECASE,
)
