"""A council sent to the applicant a sentence before named: "This fund is for Health Boards. Local
authorities should work with their Health Board on a joint proposal", "Only NHS trusts can apply.
Councils wishing to take part should contact their local trust". The council takes part through
the one who applies: a partner.

Read alone, "Local authorities should work with partners to deliver" is a council bidding with help,
so the body it is sent to must be a kind a list before named as the applicants (by a word of its
name, or by its initials: "their ICB" after "NHS integrated care boards"), and not a council
("District councils should work with their county council, which will submit the bid").
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.mentions import council_mentions

_I = re.IGNORECASE
_SENT = lazy_pattern(
    r"\b(?:should|must|will\s+need\s+to|need\s+to|are\s+(?:asked|encouraged|expected|advised)\s+to)\s+"
    r"(?:first\s+|instead\s+|also\s+)?(?:work(?:\s+closely)?\s+(?:with|through)|contact|approach|"
    r"(?:speak|talk)\s+(?:to|with)|liaise\s+with|engage\s+with|go\s+through)\s+(?:their|your|the)\s+"
    r"(?:(?:local|relevant|nearest|own|area)\s+)*(?P<body>[\w'-]+(?:\s+[\w'-]+){0,3})",
    _I,
)
# Where the body's name ends: "their Health Board on a joint proposal", "their ICB to develop …".
_BODY_END = lazy_pattern(
    r"\s+(?:to|on|in|for|and|or|with|about|who|which|that|before|so|as|when|if|by|at)\b", _I
)
_WORD = lazy_pattern(r"[a-z]+")
# Words too general to say which body: "their local partners", "the other organisations".
_GENERAL = {"local", "partner", "partners", "area", "other", "organisation", "organization", "body",
            "bodies", "relevant", "own", "group", "community", "lead", "applicant", "sector", "public",
            "project", "nhs", "government", "service"}  # fmt: skip
_REACH = 100  # from the council to the verb that sends it


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def named_applicants(listed: str) -> set[str]:
    """The words of a list of applicants, and the initials of each run of two to four of them."""
    words = [_singular(w) for w in _WORD.findall(listed.lower())]
    names = {w for w in words if w not in _GENERAL and len(w) > 2}
    for size in (2, 3, 4):
        names |= {"".join(w[0] for w in words[i : i + size]) for i in range(len(words) - size + 1)}
    return names


def sent_to_applicant(sentence: str, lists: list[str]) -> bool:
    """The sentence sends a council to work with, or through, a body named in one of `lists` (the
    lists of applicants read before it; their words are taken only when a council is sent)."""
    sent = _SENT.search(sentence)
    if not sent:
        return False
    mentions = council_mentions(sentence[: sent.start()])
    if not mentions or sent.start() - mentions[-1][1] > _REACH:
        return False
    body = sent["body"]
    cut = _BODY_END.search(body)
    body = body[: cut.start()] if cut else body
    if council_mentions(body):
        return False  # "… with their county council": a council leads
    words = {_singular(w) for w in _WORD.findall(body.lower())} - _GENERAL
    return any(words & named_applicants(listed) for listed in lists)
