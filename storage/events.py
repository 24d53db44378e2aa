"""Events waiting to be routed, and routing a page of them as one unit with their outbox rows.

Routing decides in the notifier (which subscriptions want this?); the rows it decides on and the
event's `routed_at` commit together here, so a crash neither loses nor doubles an alert, and two
routers running at once never both route the same event.
"""

from __future__ import annotations

import json
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.outbox import Route, insert_rows, outbox_rows
from storage.transactions import chunks, date_column, marks, rows, rows_by_id, write_transaction


def unrouted_page(db: Database, after: int, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` events not yet routed with ids above `after`, oldest first, each with its
    opportunity's row (`opportunity`, None if it is gone) and its `changes` decoded."""
    found = rows(
        db.conn.execute(
            "SELECT id, opportunity_id, kind, changes FROM events "
            "WHERE routed_at IS NULL AND id > ? ORDER BY id LIMIT ?",
            [after, limit],
        )
    )
    ids = sorted({e["opportunity_id"] for e in found})
    opportunities = {o["id"]: o for o in rows_by_id(db, "opportunities", "*", ids)}
    for event in found:
        event["changes"] = json.loads(event["changes"]) if event["changes"] else {}
        event["opportunity"] = opportunities.get(event["opportunity_id"])
    return found


def route_page(
    db: Database, decided: list[tuple[dict[str, Any], list[Route]]], now: datetime
) -> tuple[int, dict[str, int]]:
    """Write the outbox rows decided for a page of events and mark them routed, in one unit; an
    event another router took meanwhile is left alone. Returns how many events were routed and how
    many rows were written per event kind."""
    by_kind: dict[str, list[tuple]] = {}
    with write_transaction(db):
        ids = [event["id"] for event, _ in decided]
        still = {
            event_id
            for chunk in chunks(ids)
            for (event_id,) in db.conn.execute(
                f"SELECT id FROM events WHERE id IN ({marks(chunk)}) AND routed_at IS NULL", chunk
            )
        }
        for event, routes in decided:
            if event["id"] in still and event["opportunity"] is not None:
                by_kind.setdefault(event["kind"], []).extend(
                    outbox_rows(event["opportunity_id"], event["kind"], event["id"], routes, now)
                )
        for values in by_kind.values():
            # One subscription's rows side by side: the outbox's unique key starts with the
            # subscription, so each part of it is written once a page, not once per event (at
            # 100,000 events × 2,000 subscriptions, 11 → 7 µs a row). The sort is stable, so a
            # subscription's alerts keep the order of their events.
            values.sort(key=itemgetter(0))
        written = {kind: insert_rows(db, values) for kind, values in by_kind.items()}
        db.conn.executemany(
            "UPDATE events SET routed_at = ? WHERE id = ?", [(iso(now), i) for i in sorted(still)]
        )
    return len(still), {kind: n for kind, n in written.items() if n}


def dated_candidates(
    db: Database, column: str, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """Live, not-closed opportunities whose `column` (closes_at or opens_at) falls in [start, end]:
    a generous prefilter for the daily reminder scans; the notifier checks each subscription's own
    window."""
    column = date_column(column)
    return rows(
        db.conn.execute(
            # `+removed_at`: so the date's own index serves the range, not the browse index
            # (removed_at, …), which would read every live call.
            f"SELECT * FROM opportunities WHERE +removed_at IS NULL AND {column} IS NOT NULL "
            f"AND COALESCE(status, '') != 'closed' AND {column} >= ? AND {column} <= ?",
            [iso(start), iso(end)],
        )
    )


def just_closed(db: Database, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Opportunities whose deadline fell in (start, end], that were known while still open (first
    seen before it) and not taken down before it (a call withdrawn early did not close): the
    closings to tell, whether or not a crawl read the call as closed (many funders take a call off
    their listing at its deadline, so the crawl after it never sees it)."""
    return rows(
        db.conn.execute(
            "SELECT * FROM opportunities WHERE closes_at > ? AND closes_at <= ? "
            "AND first_seen < closes_at AND (removed_at IS NULL OR removed_at >= closes_at)",
            [iso(start), iso(end)],
        )
    )
