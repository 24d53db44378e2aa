"""Pure: a group of applicants named by the work it does ("river trusts", "walking groups", "flood
action groups", "local history societies", "friends-of-parks groups"). Such a group is never a
council, but its first word is no kind of applicant, so a bare list holding it was read as a
phrase (unclear) even where it named councils beside it: "Local authorities, river trusts and
landowner partnerships". A group's noun after a word or two of what it does makes it another kind
of applicant; a broad word there ("public bodies", "delivery partnerships") still says nothing."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# The words before it are the work (no council's word: "council groups" is read as councils before
# this is asked); the noun is one that only ever names a group of people, never a council.
_WORK_NAMED = lazy_pattern(
    r"(?:(?!(?:councils?|authorit(?:y|ies)|public|statutory|government)\b)[A-Za-z][\w'-]*\s+){1,2}"
    r"(?:groups?|societ(?:y|ies)|associations?|clubs?|trusts?|co-?operatives?|networks?|forums?|"
    # "mosque committees", "carnival committees": a committee named by what it runs.
    r"committees?)\b",
    re.IGNORECASE,
)


def work_named_group(sentence: str, head: int, end: int) -> bool:
    """Whether the item starting at `head` names a group by its work."""
    return _WORK_NAMED.match(sentence, head, end) is not None
