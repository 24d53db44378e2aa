"""Pure: when a paged feed's next page is only its archive, so the walk can stop there.

A feed paged by `rel="next"` (RFC 5005) or a page number (WordPress's ?paged=) may run back
through years of posts: 5,000 pages, every one asked on every crawl, up to `max_pages`. A page
whose every call is long past tells nothing a council can act on, and the pages after it, older
still, tell less. The rule:

- a call is *past* when it gives at least one date (published, updated, opening, closing) and
  every one of them is more than ARCHIVE_AGE before the crawl's now, and it is not read as open
  or upcoming (no "Open – rolling" call that was posted long ago);
- a page is past when every call on it is;
- the walk stops after a past page that is no newer than the page before it (its newest date
  is not later), so it is going back in time. Page 1 is always read and followed: a feed in
  oldest-first order never stops, as its next page is newer.

A call with no date at all cannot be judged, so a page holding one is followed.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from spiders.feed_revisions import own_value

ARCHIVE_AGE = timedelta(days=90)
LIVE = ("open", "upcoming")


def entry_dates(entry: Mapping[str, Any]) -> list[datetime]:
    """A feed entry's own published and updated times (feedparser's UTC struct_times)."""
    found = []
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = own_value(entry, key)  # not feedparser's published-for-updated fallback
        if value:
            found.append(datetime.fromtimestamp(calendar.timegm(value), UTC))
    return found


def newest(calls: Iterable[tuple[list[datetime], str | None]]) -> datetime | None:
    """The latest date any call on a page gives, or None."""
    return max((when for dates, _ in calls for when in dates), default=None)


def past_page(calls: list[tuple[list[datetime], str | None]], now: datetime) -> bool:
    """Whether every call on the page (its dates, its status) is past; an empty page is not."""
    cutoff = now - ARCHIVE_AGE
    return bool(calls) and all(
        dates and status not in LIVE and all(when < cutoff for when in dates)
        for dates, status in calls
    )


def archive_reached(
    calls: list[tuple[list[datetime], str | None]],
    page: int,
    newer: datetime | None,
    now: datetime,
) -> bool:
    """Whether to stop after this page (see above): `newer` is the newest date of the page before."""
    if page < 2 or newer is None or not past_page(calls, now):
        return False
    latest = newest(calls)
    return latest is not None and latest <= newer
