"""What the web repository (`fundwatch serve`, Datasette) asks the repository.

Datasette's canned queries, the SQL behind its facets and the filters fundwatch adds are
configuration, but they are SQL, so they live here with the rest of it; notifier/web/ wires them.
Every connection Datasette opens on the repository is read-only twice over: the file is opened with
`mode=ro`, and `prepare` sets `query_only`. "Now" reaches the SQL through `fundwatch_now()` and
`fundwatch_days(n)` (registered by `prepare`), so FUNDWATCH_NOW freezes the canned queries too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from config.clock import iso
from storage.transactions import row, rows

TABLE = "opportunities"
# Who is subscribed to what, and what was sent where, stay private; every other table is browsable.
PRIVATE_TABLES = (
    "outbox",
    "digests",
    "slack_threads",
    "subscribers",
    "curator_notices",
    "mail_receipts",
    "channel_posts",  # which chat channels were posted what
    "_sqlite_migrations",
)
LIST_COLUMNS = (
    "id, title, funder, status, council_eligible, closes_at, amount_min, amount_max, "
    "amount_text, fund_total, tags, source_ids, first_seen, last_changed, version"
)
ARRAY_COLUMNS = ("tags", "source_ids")
CANNED_LIMIT = 200  # a list people read; the table page pages through the rest

# Open now: not closed or upcoming, and its deadline (if it has one) still to come.
OPEN_NOW = (
    "(status = 'open' OR status IS NULL) AND (closes_at IS NULL OR closes_at > fundwatch_now())"
)
LIVE = "removed_at IS NULL"
DEADLINE_AHEAD = "closes_at > fundwatch_now()"
CLOSES_IN_MONTH = "closes_at >= :fw_month_start AND closes_at < :fw_month_end"
CACHE_KB = 32_000
MMAP_BYTES = 256 * 1024 * 1024
# Filters on a JSON-array column's values: each array holds ids ([a-z0-9_]), quoted once each, so
# a substring test on '"id"' is exact, and far cheaper than json_each per row.
ARRAY_FILTERS = {"_tag": "tags", "_source": "source_ids"}


def array_filter(column: str, param: str) -> str:
    """The WHERE clause for "this array column holds the id in :param" (bind '"id"')."""
    if column not in ARRAY_COLUMNS or not param.isidentifier():
        raise ValueError(f"not an array filter: {column} {param}")
    return f"instr({column}, :{param}) > 0"


def array_value(value: str) -> str:
    """The parameter for `array_filter`: the id as it appears, quoted, inside the JSON array."""
    return json.dumps(value)


def _private_tables_unreadable(action: int, table: str | None, column: str | None, *_: Any) -> int:
    # Every column of a private table, rowid included, reads as NULL (SQLITE_IGNORE): nothing in
    # them ever leaves, and Datasette's own counts and links over every table still work.
    if action == sqlite3.SQLITE_READ and table in PRIVATE_TABLES and column:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def prepare(conn: sqlite3.Connection, now: Callable[[], datetime]) -> None:
    """Make a Datasette connection to the repository read-only, keep the private tables out of
    every query (even an operator's --allow-sql one), and give it "now"."""
    conn.execute("PRAGMA query_only = 1")
    # Keep the browse index in memory between requests (three connections, one per thread).
    conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.set_authorizer(_private_tables_unreadable)
    # Deterministic: SQLite evaluates a constant call once per statement, not once per row.
    conn.create_function("fundwatch_now", 0, lambda: iso(now()), deterministic=True)
    conn.create_function(
        "fundwatch_days", 1, lambda days: iso(now() + timedelta(days=days)), deterministic=True
    )


def _canned(title: str, description: str, where: str, order: str) -> dict[str, Any]:
    # Ordered and cut by rowid inside the browse index first, so only the rows shown are read whole.
    sql = (
        f"SELECT {LIST_COLUMNS} FROM {TABLE}\nWHERE rowid IN (\n  SELECT rowid FROM {TABLE}\n"
        f"  WHERE {where}\n  ORDER BY {order}\n  LIMIT {CANNED_LIMIT}\n)\nORDER BY {order}"
    )
    return {"title": title, "description": description, "sql": sql, "hide_sql": True}


# The four questions people ask most, each once: its list (a canned query) and its count on the
# home page are built from the same words, so the count always matches the list.
PICKS: dict[str, tuple[str, str, str, str]] = {  # name → (title, description, where, order)
    "open_to_councils": (
        "Open to councils, closing soonest",
        "Calls open now that a council can apply for or join as a partner, earliest deadline "
        "first (calls with no deadline last).",
        f"council_eligible IN ('yes', 'partner') AND {OPEN_NOW}",
        "closes_at IS NULL, closes_at, rowid",
    ),
    "new_this_week": (
        "New this week",
        "Calls first seen in the last 7 days, newest first.",
        "first_seen >= fundwatch_days(-7)",
        "first_seen DESC, rowid",
    ),
    "closing_within_14_days": (
        "Closing within 14 days",
        "Calls still open whose deadline falls in the next 14 days, soonest first.",
        f"(status IS NULL OR status != 'closed') AND {DEADLINE_AHEAD} "
        "AND closes_at <= fundwatch_days(14)",
        "closes_at, rowid",
    ),
    "changed_this_week": (
        "Changed this week",
        "Calls whose details (dates, amounts, status, eligibility…) changed in the last 7 "
        "days, most recent first.",
        "version > 1 AND last_changed >= fundwatch_days(-7)",
        "last_changed DESC, rowid",
    ),
}


def canned_queries() -> dict[str, dict[str, Any]]:
    """The four questions people ask most, as Datasette canned queries (read-only, no parameters)."""
    return {
        name: _canned(title, description, f"{LIVE} AND {where}", order)
        for name, (title, description, where, order) in PICKS.items()
    }


def opportunity(conn: sqlite3.Connection, opportunity_id: str) -> dict[str, Any] | None:
    return row(conn.execute(f"SELECT * FROM {TABLE} WHERE id = ?", [opportunity_id]))


def sightings(conn: sqlite3.Connection, opportunity_id: str) -> list[dict[str, Any]]:
    """Every source listing of an opportunity, still listed or not, first seen first."""
    return rows(
        conn.execute(
            "SELECT source_id, url, title, first_seen, last_seen, removed_at FROM listings "
            "WHERE opportunity_id = ? ORDER BY first_seen, rowid",
            [opportunity_id],
        )
    )


def history(conn: sqlite3.Connection, opportunity_id: str) -> list[dict[str, Any]]:
    """An opportunity's recorded versions, newest first; `changes` still JSON text."""
    return rows(
        conn.execute(
            "SELECT version, changes, source_id, recorded_at FROM versions "
            "WHERE opportunity_id = ? ORDER BY version DESC",
            [opportunity_id],
        )
    )


def home_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """The home page's figures, in one pass over the live calls."""
    picks = "".join(
        f",\n coalesce(sum({where}), 0) AS {name}" for name, (_, _, where, _) in PICKS.items()
    )
    found = row(
        conn.execute(
            f"SELECT count(*) AS live, coalesce(sum({OPEN_NOW}), 0) AS open_now{picks} "
            f"FROM {TABLE} WHERE {LIVE}"
        )
    )
    return {key: int(value or 0) for key, value in (found or {}).items()}


def newest(conn: sqlite3.Connection, limit: int = 5) -> list[dict[str, Any]]:
    """The calls first seen most recently."""
    return rows(
        conn.execute(
            f"SELECT {LIST_COLUMNS} FROM {TABLE} WHERE {LIVE} ORDER BY first_seen DESC, id LIMIT ?",
            [limit],
        )
    )


def readable_live(path: Path) -> bool:
    """Can the file be read while it changes (`mode=ro`, through its WAL)? Not on a read-only
    mount, where SQLite cannot open the WAL's shared memory: nobody can write there either, so
    the file may be served as immutable."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return False
    return True
