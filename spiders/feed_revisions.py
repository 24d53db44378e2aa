"""Entries that are one entry at different times: the latest stands.

RFC 4287 (4.1.1): "If multiple atom:entry elements with the same atom:id value appear in an Atom
Feed Document, they represent the same entry", its `<updated>` saying which is newer. A change log
feed (every edit of a call a new entry under the call's own id, appended oldest first) and an RSS
feed repeating a `<guid>` both list one call several times: its current facts (an extended
deadline, a raised maximum, "now closed") are the latest revision's, not the first met.
Only entries that share their link as well are revisions: a CMS that gives every item one
`<guid>` (the feed's own address) lists different calls, each at its own link.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

NO_DATE = time.gmtime(0)


def own_value(entry: Any, key: str) -> Any:
    """An entry's own value for `key`, read as a plain dict: feedparser's get() answers an absent
    `updated_parsed` with the published time and a DeprecationWarning per entry (a fallback it
    says it will remove)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _when(entry: Any) -> time.struct_time:
    """The revision's time: updated, else published; undated ones rank below any date."""
    return own_value(entry, "updated_parsed") or own_value(entry, "published_parsed") or NO_DATE


def _key(entry: Any) -> tuple[str, str] | None:
    """What makes two entries one: their id and their link; None with no id."""
    return (entry["id"], entry.get("link") or "") if entry.get("id") else None


def latest_revisions(entries: Sequence[Any]) -> list[Any]:
    """One entry per id and link, the most recently updated (pure). Where revisions tie or give
    no date, the first in the document stands, as feeds list their newest first. Entries with no
    id are each their own. The survivor takes the place of its id's first entry."""
    best: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        key = _key(entry)
        if key is None:
            continue
        if key not in best or _when(entry) > _when(entries[best[key]]):
            best[key] = index
    kept, seen = [], set()
    for entry in entries:
        key = _key(entry)
        if key is None:
            kept.append(entry)
        elif key not in seen:
            seen.add(key)
            kept.append(entries[best[key]])
    return kept
