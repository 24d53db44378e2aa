"""A council named as a joint applicant: "Integrated care boards must submit the bid jointly with
their upper-tier local authorities". "Jointly with" is partner wording in cues.py, but after a verb of
applying it makes the council a co-applicant, who applies as much as the one named first.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_JOINT_BEFORE = lazy_pattern(
    r"\b(?:submit(?:s|ted)?|apply|applying|bid|bidding|make|lead)\s+(?:(?:the|a|an|their|its|this|one)"
    r"\s+)?(?:(?:joint\s+)?(?:bids?|applications?|proposals?|submissions?)\s+)?(?:jointly|together)\s+"
    r"with\s+(?:(?:the|their|its|your|a|an|relevant|local|each|one|or|more|two|several|any|all|other|neighbouring)\s+)*$",
    re.IGNORECASE,
)
_REACH = 80  # from the verb of applying to the council


def joint_applicant(sentence: str, position: int) -> bool:
    """Whether the council at `position` is named as the one applying jointly with another."""
    return _JOINT_BEFORE.search(sentence, max(0, position - _REACH), position) is not None


# "Charities may apply in partnership with a local authority, which must be the lead applicant":
# partner wording names the council, and the words right after it make it the lead, so it applies.
_LEAD_AFTER = lazy_pattern(
    r",?\s+(?:which|who)\s+(?:must|should|will|is\s+to|would)\s+(?:(?:be|act\s+as)\s+(?:the\s+)?lead|"
    r"lead\s+(?:the\s+)?(?:bid|application|project|partnership)|(?:be|act\s+as)\s+(?:the\s+)?"
    r"accountable\s+body)\b",
    re.IGNORECASE,
)


def named_lead(sentence: str, end: int) -> bool:
    """Whether the words after the council ending at `end` name it the lead."""
    return _LEAD_AFTER.match(sentence, end) is not None
