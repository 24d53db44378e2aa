"""A council in the applying partnership when any member may lead: "Applications must come from a
partnership that includes the local authority; any partner may lead." The council is named as a
member (partner wording), but the sentence lets any member be the lead, so the council can lead:
an applicant (yes). Only when the council is named in the partnership itself, before "any
partner may lead"; "any partner may lead" alone names no council, but after a sentence naming the partnership it goes on
with it ("Bids from partnerships between local authorities and universities. Either partner may
lead.": referents.py reads the two as one). Without it, a council a
partnership "includes" is a member only: a partner ("…; the lead must be a charity"); but "a
consortium of councils" is councils applying together, so "of" and "with" make no partner.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE
ANY_MAY_LEAD = lazy_pattern(
    # "…; either may lead", "any of them can lead": the members named before, no noun needed.
    r"\b(?:any|each|every|either)(?:\s+(?:(?:partner|member)(?:\s+organi[sz]ation)?|organi[sz]ation|body)s?"
    r"|\s+of\s+(?:them|the\s+partners|the\s+members))?"
    r"(?:\s+(?:in|of)\s+the\s+(?:partnership|consortium))?\s+(?:may|can|could|is\s+able\s+to)\s+"
    r"(?:be\s+the\s+)?lead\b",
    _I,
)
# The council as a member: "a partnership that includes the county council", "a consortium of …",
# "partnerships involving …" (the few words between are the council's qualifiers).
_MEMBER_OF = lazy_pattern(
    # "Each consortium must include a UK business and a local authority": its required members.
    r"\b(?:partnerships?|consorti(?:a|um)|coalitions?)\s+(?:(?:that|which)\s+(?:includes?|involves?)|including|"
    r"(?:must|should|will)\s+(?:also\s+)?(?:include|involve)|"
    r"involving|of|with|between)\s+(?:[\w-]+\s+){0,6}?$",
    _I,
)
_INCLUDED = lazy_pattern(
    r"\b(?:(?:that|which)\s+(?:includes?|involves?)|including|involving)\s", _I
)
_REACH = 80


def last_any_lead(sentence: str) -> int:
    """Where the sentence's last "any partner may lead" starts, or -1: found once a sentence, as a
    search from each council would read a sentence of thousands of them again for each."""
    last = -1
    for found in ANY_MAY_LEAD.finditer(sentence):
        last = found.start()
    return last


def member_may_lead(sentence: str, mention: tuple[int, int], any_lead: int) -> bool:
    """Whether the council at `mention` is a member of the partnership any of whose members may lead
    (`any_lead`: where last_any_lead found that said)."""
    start, end = mention
    return (
        any_lead >= end and _MEMBER_OF.search(sentence, max(0, start - _REACH), start) is not None
    )


def included_member(sentence: str, mention: tuple[int, int]) -> bool:
    """Whether the council at `mention` is named as one a partnership includes."""
    member = _MEMBER_OF.search(sentence, max(0, mention[0] - _REACH), mention[0])
    return member is not None and _INCLUDED.search(member.group()) is not None
