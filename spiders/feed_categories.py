"""A feed item's status given as one of its categories (`<category>Open</category>`,
`<category>Closed</category>`): publishers with no status element file each call under one.
Only a category that is all status words counts ("Closed", "Now open", "Coming soon"); a topic
("Buildings", "Open spaces") is a tag's business, not a status."""

from __future__ import annotations

import re
from collections.abc import Mapping

from config.lazy_pattern import lazy_pattern
from spiders.normalise.status import STATUS_PHRASE

# The few words a title's status prefix is made of ("Closed", "Now open", "Open now", "Coming soon"),
# as the whole category.
_STATUS_TERM = lazy_pattern(rf"^\s*(?:{STATUS_PHRASE})\s*$", re.IGNORECASE)


def category_status(entry: Mapping[str, object]) -> str | None:
    """The first category of the entry's (feedparser's `tags`) that is a status, as written (pure)."""
    for tag in entry.get("tags") or []:
        term = tag.get("term") if isinstance(tag, Mapping) else None
        if isinstance(term, str) and _STATUS_TERM.match(term):
            return term.strip()
    return None
