"""Pure: which stored fields a call keeps from its last crawl when its detail page failed.

A call's detail page that times out, answers an error or says it is not there this crawl leaves the
call with its listing's fields only. Stored as they were, the fields only that page gives (the
amount, who can apply) were blanked, and a `changed` alert went out ("amount: £20,000 → none"),
then another when the page answered again. They are unknown this time, not gone: the repository
keeps what it had for them (storage/record.py, `_store`), and the run still fails naming the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# A field as sources.yaml names it → what the repository stores from it. What a date decides
# (status) and what who-can-apply decides (the council verdict, its sentence, the tags) go with it.
_STORED = {
    "title": ("title",),
    "summary": ("summary", "tags"),
    "funder": ("funder",),
    "opens": ("opens_at", "status"),
    "closes": ("closes_at", "status"),
    "amount": ("amount_min", "amount_max", "fund_total", "amount_text"),
    "status": ("status",),
    "eligibility": ("eligibility", "council_eligible", "eligibility_phrase", "tags"),
    "contact": ("contact",),
}


def not_read(sighting: Any, detail_fields: Iterable[str]) -> list[str]:
    """The detail fields (sources.yaml names) the sighting has no value for: those its failed
    detail page would have given. One the listing gave as well is read, and stored as read."""
    return [name for name in detail_fields if getattr(sighting, name, None) in (None, "", [])]


def stored_unread(names: Iterable[str]) -> tuple[str, ...]:
    """The stored fields the repository keeps for these unread ones, each once, in order."""
    kept: dict[str, None] = {}
    for name in names:
        kept.update(dict.fromkeys(_STORED.get(name, ())))
    return tuple(kept)
