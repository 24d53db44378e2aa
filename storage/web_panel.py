"""The filter panel of the web repository: every facet of a page counted in one query.

Datasette runs a query per facet, re-running the page's search or filter each time; its `array`
facet copies every column of every row to de-duplicate. Here a filtered page's rows are evaluated
once into a temporary table and counted by each column; arrays are counted per distinct array (a
few hundred) and added up in Python; closing times by UTC day and hour, which map exactly onto
London months. `panel_counts` runs it on one of Datasette's read-only connections, under a time
limit like Datasette's own.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from config.clock import LONDON, iso, parse_iso
from storage.web_queries import LIVE, OPEN_NOW, TABLE


def month_bounds(month: str) -> tuple[str, str] | None:
    """'2027-01' → the UTC instants that start January 2027 and February 2027 in London."""
    try:
        start = datetime.strptime(month, "%Y-%m").replace(tzinfo=LONDON)
    except ValueError:
        return None
    following = (start + timedelta(days=32)).replace(day=1)
    return iso(start), iso(following)


def london_month(value: str | None) -> str | None:
    """The London calendar month ('2027-01') of a stored UTC time."""
    when = parse_iso(value)
    return when.astimezone(LONDON).strftime("%Y-%m") if when else None


# What each column is counted by: a closing time by its UTC day and hour ('2027-06-3023').
PANEL_COLUMNS = ("council_eligible", "tags", "closes_at", "status", "kind", "funder", "source_ids")
_PANEL_KEYS = {
    "kind": "kind",
    "council_eligible": "council_eligible",
    "status": "status",
    "funder": "funder",
    "tags": "tags",
    "source_ids": "source_ids",
    "closes_at": "substr(closes_at, 1, 10) || substr(closes_at, 12, 2)",
}


def _panel_part(source: str, column: str, limit: int) -> str:
    part = (
        f"SELECT '{column}' AS facet, {column} AS value, count(*) AS n FROM {source} "
        f"WHERE {column} IS NOT NULL GROUP BY {column}"
    )
    # Funders are many: only the most frequent come back. The rest are few values each.
    return (
        f"SELECT * FROM ({part} ORDER BY n DESC, value LIMIT {int(limit)})"
        if column == "funder"
        else part
    )


def panel_sql(inner_sql: str, columns: list[str], limit: int, *, once: bool) -> str:
    """Counts by each column over the rows of `inner_sql`, as rows (facet, value, n); arrays come
    back whole (one row per distinct array: see `array_counts`). `once`: evaluate the page's rows
    a single time into a temporary table, then count that (a search or filter: cheaper than
    re-running it per column); else count each column straight from the browse index (the
    unfiltered page, where copying every row costs more than it saves)."""
    unknown = set(columns) - set(PANEL_COLUMNS)
    if unknown:
        raise ValueError(f"not a panel column: {sorted(unknown)}")
    picked = ", ".join(f"{_PANEL_KEYS[c]} AS {c}" for c in columns)
    if once:
        parts = "\nUNION ALL ".join(_panel_part("base", c, limit) for c in columns)
        return f"WITH base AS MATERIALIZED (SELECT {picked} FROM ({inner_sql}))\n{parts}"
    source = f"(SELECT {picked} FROM ({inner_sql}))"
    return "\nUNION ALL ".join(_panel_part(source, c, limit) for c in columns)


def only_live(inner_sql: str) -> bool:
    """Is this page unfiltered (Datasette's SQL for it has only the live-calls condition)?"""
    return inner_sql.rstrip().endswith(f"where {LIVE}") and inner_sql.count(" where ") == 1


def array_counts(array_rows: list[tuple[str | None, int]]) -> Counter[str]:
    """(JSON array, n) per distinct array → n per value."""
    counts: Counter[str] = Counter()
    for text, n in array_rows:
        for value in json.loads(text or "[]"):
            counts[str(value)] += n
    return counts


def month_of_key(key: str) -> str | None:
    """A closing-time key ('2027-06-3023') → its London month ('2027-07')."""
    return london_month(f"{key[:10]}T{key[10:12]}:00:00+00:00") if len(key) >= 12 else None


def month_counts(key_rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(closing-time key, n) … → (London month, n) …, in calendar order."""
    months: Counter[str] = Counter()
    for key, n in key_rows:
        month = month_of_key(key)
        if month:
            months[month] += n
    return sorted(months.items())


def panel_counts(
    conn: sqlite3.Connection,
    inner_sql: str,
    params: dict[str, Any],
    columns: list[str],
    limit: int,
    *,
    time_limit_ms: int,
) -> list[tuple[str, Any, int]] | None:
    """(facet, value, n) rows for the page whose rows `inner_sql` selects; None when it took longer
    than the limit (the page is still served, without its counts)."""
    sql = panel_sql(inner_sql, columns, limit, once=not only_live(inner_sql))
    deadline = time.monotonic() + time_limit_ms / 1000
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        return [tuple(found) for found in conn.execute(sql, params).fetchall()]
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def open_tag_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many calls open now carry each tag."""
    found = conn.execute(
        f"SELECT tags, count(*) FROM {TABLE} WHERE {LIVE} AND {OPEN_NOW} GROUP BY tags"
    ).fetchall()
    return dict(array_counts(found))
