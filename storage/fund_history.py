"""A recurring fund's rounds, and which of them a subscription was told about.

Rounds are the opportunities that share a fund key (storage/fund_rounds.py), removed ones included:
a past round is usually no longer listed anywhere. Every function takes a delivery run's repository
or one of Datasette's read-only sqlite3 connections (transactions.Reader).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storage.transactions import Reader, chunks, connection, marks, rows

ROUNDS_PER_FUND = 40  # the most recent rounds read per fund: more than any page or alert shows


def _keys(fund_keys: Iterable[str | None]) -> list[str]:
    return sorted({key for key in fund_keys if key})


def fund_rounds(conn: Reader, fund_keys: Iterable[str | None]) -> dict[str, list[dict]]:
    """fund key → its rounds (id, title, url, round_label, opens_at, closes_at, status, first_seen,
    removed_at), oldest first by opening, else closing, else first-seen date."""
    conn = connection(conn)
    found: dict[str, list[dict[str, Any]]] = {}
    keys = _keys(fund_keys)
    for chunk in chunks(keys):
        for row in rows(
            conn.execute(
                "SELECT * FROM (SELECT id, title, url, fund_key, round_label, opens_at, closes_at, "
                "status, first_seen, removed_at, ROW_NUMBER() OVER (PARTITION BY fund_key ORDER BY "
                "COALESCE(opens_at, closes_at, first_seen) DESC, id DESC) AS newest "
                f"FROM opportunities WHERE fund_key IN ({marks(chunk)})) WHERE newest <= ? "
                "ORDER BY fund_key, COALESCE(opens_at, closes_at, first_seen), id",
                [*chunk, ROUNDS_PER_FUND],
            )
        ):
            row.pop("newest")
            found.setdefault(row["fund_key"], []).append(row)
    return found


def alerted(
    conn: Reader, subscription_id: str, fund_keys: Iterable[str | None]
) -> dict[str, set[str]]:
    """fund key → the opportunities of that fund this subscription was sent an alert about."""
    conn = connection(conn)
    found: dict[str, set[str]] = {}
    keys = _keys(fund_keys)
    for chunk in chunks(keys):
        for fund_key, opportunity_id in conn.execute(
            "SELECT DISTINCT o.fund_key, o.id FROM opportunities o JOIN outbox x "
            "ON x.opportunity_id = o.id AND x.subscription_id = ? AND x.status = 'sent' "
            f"WHERE o.fund_key IN ({marks(chunk)})",
            [subscription_id, *chunk],
        ):
            found.setdefault(fund_key, set()).add(opportunity_id)
    return found
