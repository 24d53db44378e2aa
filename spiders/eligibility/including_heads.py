"""Pure: a bare list whose unknown kinds only head an "including" of councils ("Festival
organisers, including town and parish councils"). A bare list (no verb, no lead-in) is read only
when every item is a kind the reader knows, so "festival organisers" left the list unread
(unclear); but the councils the "including" names are among those who may apply, whatever the
head's kind, so such a head does not make the list unknown."""

from __future__ import annotations

import re

from spiders.eligibility.items import COUNCIL, UNKNOWN

_INCLUDING_NEXT = re.compile(r"[\s,]*(?:including|such\s+as)\s", re.IGNORECASE)


def unknown_only_as_heads(sentence: str, items: list[tuple[str, int, int]]) -> bool:
    """Whether every item of unknown kind is followed by "including" and a council after it."""
    for index, (kind, _, end) in enumerate(items):
        if kind != UNKNOWN:
            continue
        if not _INCLUDING_NEXT.match(sentence, end):
            return False
        if not any(later == COUNCIL for later, _, _ in items[index + 1 :]):
            return False
    return True
