"""What a served page reads from the repository, each in one call on one of Datasette's read-only
connections (`execute_fn` runs a function on that connection in Datasette's worker thread). The
web layer asks here; it never holds a connection itself.

Each call reads in one snapshot: Datasette's connections run every statement in a transaction of
its own, so a page read in several queries while a crawl committed between them paired a call with
versions or listings of a later state (version 2 above a history of 3 changes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from storage import fund_history, web_panel, web_queries
from storage.transactions import read_snapshot

T = TypeVar("T")


class ServedDatabase(Protocol):
    """Datasette's Database, as far as these reads need it."""

    async def execute_fn(self, fn: Callable[[sqlite3.Connection], Any]) -> Any: ...


async def on_connection(database: ServedDatabase, read: Callable[[sqlite3.Connection], T]) -> T:
    """Run `read` (a function of storage's queries, such as an export builder) on a connection, in
    one snapshot."""

    def in_snapshot(conn: sqlite3.Connection) -> T:
        with read_snapshot(conn):
            return read(conn)

    return await database.execute_fn(in_snapshot)


async def home(database: ServedDatabase) -> tuple[dict[str, Any], dict[str, int], list[Any]]:
    """The home page's counts, its open calls per tag, and the five newest calls."""

    def read(conn: sqlite3.Connection):
        return (
            web_queries.home_counts(conn),
            web_panel.open_tag_counts(conn),
            web_queries.newest(conn, 5),
        )

    return await on_connection(database, read)


async def opportunity(database: ServedDatabase, opportunity_id: str) -> tuple[Any, ...]:
    """(the call, where it was seen, its versions, its fund's rounds), or (None, [], [], [])."""

    def read(conn: sqlite3.Connection):
        found = web_queries.opportunity(conn, opportunity_id)
        if found is None:
            return None, [], [], []
        fund = found.get("fund_key")
        return (
            found,
            web_queries.sightings(conn, opportunity_id),
            web_queries.history(conn, opportunity_id),
            fund_history.fund_rounds(conn, [fund]).get(fund, []),
        )

    return await on_connection(database, read)


async def panel_counts(
    database: ServedDatabase,
    sql: str,
    params: dict[str, Any],
    columns: Sequence[str],
    limit: int,
    *,
    time_limit_ms: int,
) -> list[tuple[str, Any, int]] | None:
    """The filter panel's counts for a page's rows (storage/web_panel.py)."""
    return await on_connection(
        database,
        lambda conn: web_panel.panel_counts(
            conn, sql, params, list(columns), limit, time_limit_ms=time_limit_ms
        ),
    )
