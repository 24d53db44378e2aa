"""Pure: a bare list whose unknown kinds only head an "including" of councils ("Festival
organisers, including town and parish councils"). A bare list (no verb, no lead-in) is read only
when every item is a kind the reader knows, so "festival organisers" left the list unread
(unclear); but the councils the "including" names are among those who may apply, whatever the
head's kind, so such a head does not make the list unknown, nor do the examples beside them.
Round 12: "Owners of listed harbour buildings, including local authorities and harbour trusts"
read unclear, as "harbour trusts" is no kind the reader knows."""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.items import COUNCIL, UNKNOWN

_INCLUDING_NEXT = lazy_pattern(r"[\s,]*(?:including|such\s+as)\s", re.IGNORECASE)
# An example names applicants; "…, including local authorities, is welcome" goes on to say
# something of the head, which is no example.
_VERB = lazy_pattern(r"\b(?:is|are|was|were|will|can|may|must|should|be)\b", re.IGNORECASE)


def unknown_only_as_heads(sentence: str, items: list[tuple[str, int, int]]) -> bool:
    """Whether every item of unknown kind is followed by "including" and a council after it, or
    is one of such an "including"'s examples ("Owners of listed harbour buildings, including
    local authorities and harbour trusts": the trusts, like the councils, are owners)."""
    examples = False  # past a head whose "including" names a council
    for index, (kind, _, end) in enumerate(items):
        heads = _INCLUDING_NEXT.match(sentence, end) is not None
        councils_after = any(later == COUNCIL for later, _, _ in items[index + 1 :])
        since = items[index - 1][2] if index else 0  # the words since the item before, and its own
        example = examples and not _VERB.search(sentence, since, end)
        if kind == UNKNOWN and not example and not (heads and councils_after):
            return False
        examples = examples or (heads and councils_after)
    return True
