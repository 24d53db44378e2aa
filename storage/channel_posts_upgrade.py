"""Carrying the record of what went where (storage/channel_posts.py) over two changes of its key,
so that a run stopped just before an upgrade does not post a shared message once more after it.

1. Destinations (mend15): a Slack channel was kept by its id in clear (`C0123456789`), and is now
   `slack:` and the id's hash, as every destination is. A Slack webhook was kept by the name of
   the variable holding it (`webhook:NAME`): its URL, which the key is now made from, was never
   stored, so those records cannot be carried (README, upgrade notes).
2. Kinds (deliv15): a record now says whether the message was an instant alert or a daily or
   weekly digest. An old record's kind is read from the outbox: the rows its run marked sent at
   the same second on that platform, all of one cadence, as a delivery run is of one cadence.
   A record whose kind cannot be told (no such rows, or rows of two cadences) is not carried: a
   message it stood for may go once more, rather than a digest be taken for an instant post.
"""

from __future__ import annotations

from config.lazy_pattern import lazy_pattern
from storage.channel_posts import fingerprint

_HASHED = lazy_pattern(r"^(slack|teams):[0-9a-f]{64}$")
_CHANNEL_ID = lazy_pattern(r"^[CGD][A-Z0-9]{2,}$")  # config/model_parts.py's SLACK_CHANNEL_ID


def current_destination(old: str) -> str | None:
    """An old record's destination in today's form; None when it cannot be made (a webhook kept
    by its variable's name)."""
    if _HASHED.match(old):
        return old
    if _CHANNEL_ID.match(old):
        return f"slack:{fingerprint(old)}"
    return None


def platform(destination: str) -> str:
    """The outbox's channel for a destination in today's form: slack or teams."""
    return destination.split(":", 1)[0]
