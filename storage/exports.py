"""What the open-data exports and feeds read: live opportunities, their listings, recent events.

Every function takes a command's repository or one of Datasette's read-only sqlite3 connections
(transactions.Reader) and binds "now" as a parameter. A tag narrows the rows in SQL; a
subscription's fuller rules are applied by the notifier to what these return.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from storage.transactions import (
    Reader,
    chunks,
    connection,
    date_column,
    iter_rows,
    marks,
    rows,
)
from storage.web_queries import array_filter, array_value, opportunity

# The web's tag filter (a substring test on '"id"'), not json_each per row.
_HAS_TAG = f"(:tag IS NULL OR {array_filter('tags', 'tag')})"  # events have no tags column


def _tag(tag: str | None) -> str | None:
    return None if tag is None else array_value(tag)


# Events a feed reader hears about: a call first seen (or tracked from a source's first crawl),
# or a call whose details changed.
FEED_KINDS = ("new", "baseline", "changed")


def live_opportunities(conn: Reader, *, tag: str | None = None) -> Iterator[dict[str, Any]]:
    """Every opportunity still listed somewhere, in the order first seen (then id): a stable order,
    so two exports of an unchanged repository are the same file. Read a batch at a time: a national
    repository's rows are never all in memory at once."""
    conn = connection(conn)
    yield from iter_rows(
        conn.execute(
            f"SELECT o.* FROM opportunities o WHERE o.removed_at IS NULL AND {_HAS_TAG} "
            "ORDER BY o.first_seen, o.id",
            {"tag": _tag(tag)},
        )
    )


def listings_of(conn: Reader, opportunity_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """These opportunities' listings (the sources each was seen on), first seen first."""
    conn = connection(conn)
    found: dict[str, list[dict[str, Any]]] = {}
    for part in chunks(opportunity_ids):
        for listing in rows(
            conn.execute(
                "SELECT opportunity_id, source_id, url, first_seen, last_seen, removed_at "
                f"FROM listings WHERE opportunity_id IN ({marks(part)}) ORDER BY first_seen, rowid",
                part,
            )
        ):
            found.setdefault(listing.pop("opportunity_id"), []).append(listing)
    return found


def feed_events(
    conn: Reader,
    *,
    tag: str | None = None,
    limit: int = 200,
    before: tuple[str, int] | None = None,
) -> list[dict[str, Any]]:
    """New and changed events of live opportunities, newest first, each with its opportunity's
    columns (`event_id`, `event_kind`, `event_changes`, `event_source_id`, `event_at` beside them).
    `before` = (created_at, id) of the last event already read: the next page."""
    conn = connection(conn)
    after_clause = ""
    params: dict[str, Any] = {"tag": _tag(tag), "limit": limit}
    if before is not None:
        after_clause = "AND (e.created_at < :at OR (e.created_at = :at AND e.id < :id))"
        params.update(at=before[0], id=before[1])
    kinds = ", ".join(f"'{kind}'" for kind in FEED_KINDS)
    return rows(
        conn.execute(
            f"""SELECT e.id AS event_id, e.kind AS event_kind, e.changes AS event_changes,
                       e.source_id AS event_source_id, e.created_at AS event_at, o.*
                FROM events e JOIN opportunities o ON o.id = e.opportunity_id
                WHERE e.kind IN ({kinds}) AND o.removed_at IS NULL AND {_HAS_TAG} {after_clause}
                ORDER BY e.created_at DESC, e.id DESC LIMIT :limit""",
            params,
        )
    )


def calendar_candidates(
    conn: Reader, *, since: str, tag: str | None = None, column: str = "closes_at"
) -> list[dict[str, Any]]:
    """Live opportunities whose `column` (closes_at: deadlines; opens_at: openings) is at or after
    `since` (ISO UTC), soonest first: those still ahead are the calendar; those passed since
    `since` date the calendar's last change."""
    conn = connection(conn)
    column = date_column(column)
    return rows(
        conn.execute(
            f"""SELECT o.* FROM opportunities o
                WHERE o.removed_at IS NULL AND o.{column} IS NOT NULL AND o.{column} >= :since
                  AND {_HAS_TAG}
                ORDER BY o.{column}, o.id""",
            {"since": since, "tag": _tag(tag)},
        )
    )


def one_opportunity(conn: Reader, opportunity_id: str) -> list[dict[str, Any]]:
    """The opportunity with this id, as a list of none or one row (for a one-event calendar)."""
    conn = connection(conn)
    found = opportunity(conn, opportunity_id)
    return [found] if found is not None else []
