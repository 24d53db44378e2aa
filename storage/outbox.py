"""The outbox, the only way out: claim → send → mark, each step one unit.

A row is `pending` until a delivery run claims it (`sending`, under the run's owner token), then
`sent`, back to `pending` with a later `next_attempt_at`, or `failed` with the reason kept. Marking
follows each send, so a crash between send and mark repeats at most that one message, and a crash
anywhere else loses nothing: a later run takes back the rows of an owner whose lease is gone
(storage/locks.py). A live owner's rows are never taken, however long it is stalled, and every
mark checks the owner, so a row is never marked by a run that no longer holds it. Taking rows
back is in outbox_recovery.py; questions that change nothing are in outbox_queries.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.mail_receipts import forget_sent
from storage.transactions import marks, rows, write_transaction

MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
# Rows claimed before owners were recorded have only a time to go by.
LEGACY_STALE_AFTER = timedelta(minutes=10)
ERROR_CHARS = 500  # enough to read, not enough to bloat the table with an HTML error page


@dataclass(frozen=True)
class Route:
    """One way an event reaches a subscription: a row per (subscription, channel)."""

    subscription_id: str
    channel: str
    cadence: str


def event_key(kind: str, event_id: int | None) -> str:
    """Each `changed` event is its own alert; the others happen once per opportunity."""
    return f"changed:{event_id}" if kind == "changed" else kind


def enqueue(
    db: Database,
    opportunity_id: str,
    kind: str,
    event_id: int | None,
    routes: Iterable[Route],
    now: datetime,
) -> int:
    """Outbox rows for one event; the unique key makes a second pass write nothing."""
    with write_transaction(db):
        return insert_rows(db, outbox_rows(opportunity_id, kind, event_id, routes, now))


def outbox_rows(
    opportunity_id: str, kind: str, event_id: int | None, routes: Iterable[Route], now: datetime
) -> list[tuple]:
    """The values of one event's outbox rows, for insert_rows()."""
    stamp = iso(now)
    key = event_key(kind, event_id)
    return [
        (r.subscription_id, opportunity_id, event_id, key, kind, r.channel, r.cadence, stamp, stamp)
        for r in routes
    ]


def insert_rows(db: Database, values: list[tuple]) -> int:
    """Insert outbox rows (INSERT OR IGNORE: the unique key makes a repeat write nothing); call it
    inside a unit. Returns how many were new."""
    if not values:
        return 0
    return db.conn.executemany(
        "INSERT OR IGNORE INTO outbox (subscription_id, opportunity_id, event_id, event_key, "
        "event, channel, cadence, status, attempts, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        values,
    ).rowcount


def backoff(attempts: int) -> timedelta:
    """1 min, 2, 4, 8 … after the 1st, 2nd, 3rd, 4th failed attempt, capped at 6 h."""
    exponent = min(max(attempts, 1) - 1, 20)  # cap the exponent so the multiplication stays small
    return min(FIRST_RETRY * (2**exponent), LONGEST_WAIT)


def as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def claim_due(
    db: Database,
    *,
    cadence: str | Sequence[str],
    now: datetime,
    owner: str | None = None,
    subscription_id: str | None = None,
    channel: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Move due pending rows to `sending` under `owner` (attempts + 1, not yet in flight) and return
    them, oldest first."""
    cadences = as_list(cadence)
    where = ["status = 'pending'", f"cadence IN ({marks(cadences)})", "next_attempt_at <= ?"]
    params: list[Any] = [*cadences, iso(now)]
    for column, value in (("subscription_id", subscription_id), ("channel", channel)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    limit_sql = ""
    if limit is not None:
        limit_sql = " LIMIT ?"
        params.append(int(limit))
    sql = (
        "UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ?, "
        "attempts = attempts + 1, in_flight = 0 "
        f"WHERE id IN (SELECT id FROM outbox WHERE {' AND '.join(where)} "
        f"ORDER BY next_attempt_at, id{limit_sql}) AND status = 'pending' RETURNING *"
    )
    with write_transaction(db):
        claimed = rows(db.conn.execute(sql, [iso(now), owner, *params]))
    # RETURNING gives no order guarantee.
    return sorted(claimed, key=lambda r: (r["created_at"] or "", r["id"]))


def claim_targets(
    db: Database,
    targets: Sequence[tuple[str, str]],
    *,
    cadence: str | Sequence[str],
    now: datetime,
    owner: str,
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Each (subscription, channel) target's due rows, claimed in one unit. A run serving a hundred
    destinations at once takes them all before its workers start: a claim per worker queued a
    hundred threads for the write lock, and the last posted its first alert 0.7 s late."""
    with write_transaction(db):
        return {
            target: claim_due(
                db,
                cadence=cadence,
                now=now,
                owner=owner,
                subscription_id=target[0],
                channel=target[1],
            )
            for target in targets
        }


def _owned(owner: str | None) -> tuple[str, list[Any]]:
    """The SQL that keeps a mark to rows this owner still holds (no check without an owner)."""
    if owner is None:
        return "", []
    return " AND status = 'sending' AND claimed_by = ?", [owner]


def start_sending(db: Database, ids: Sequence[int], owner: str) -> set[int]:
    """Which of these rows `owner` still holds, each marked in flight: checked and committed just
    before they are sent, so a run killed after this may have sent them, and one killed before
    had not (its claim's attempt is then handed back: storage/outbox_recovery.py)."""
    if not ids:
        return set()
    with write_transaction(db):
        found = db.conn.execute(
            f"UPDATE outbox SET in_flight = 1 WHERE id IN ({marks(ids)}) AND status = 'sending' "
            "AND claimed_by = ? RETURNING id",
            [*ids, owner],
        ).fetchall()
    return {row_id for (row_id,) in found}


def _set_claimed(
    db: Database,
    assignments: str,
    values: list[Any],
    ids: Iterable[int],
    owner: str | None,
    *,
    sending_only: bool = False,
) -> int:
    """One UPDATE of these rows, limited to those `owner` still holds; how many changed."""
    ids = list(ids)
    if not ids:
        return 0
    check, extra = _owned(owner)
    if sending_only and owner is None:
        check = " AND status = 'sending'"
    with write_transaction(db):
        return db.conn.execute(
            f"UPDATE outbox SET {assignments} WHERE id IN ({marks(ids)}){check}",
            [*values, *ids, *extra],
        ).rowcount


def mark_sent(
    db: Database,
    ids: Iterable[int],
    now: datetime,
    *,
    owner: str | None = None,
    note: str | None = None,
) -> int:
    """Mark rows sent, and forget who had them (storage/mail_receipts.py) in the same unit; `note`,
    what else the channel said (recipients refused for good), is kept in last_error."""
    ids = list(ids)
    assignments, values = "status = 'sent', sent_at = ?", [iso(now)]
    if note is not None:
        assignments += ", last_error = ?"
        values.append(note.strip()[:ERROR_CHARS])
    with write_transaction(db):
        marked = _set_claimed(db, assignments, values, ids, owner)
        forget_sent(db, ids)
    return marked


def mark_failed(
    db: Database,
    ids: Iterable[int],
    error: str,
    now: datetime,
    *,
    permanent: bool,
    retry_after: float | None = None,
    owner: str | None = None,
    untried: bool = False,
    give_up_after: int | None = None,
) -> dict[str, int]:
    """Record a failed attempt: retry later with backoff, or give up with the reason kept.
    `untried`: the rows were not sent at all (their host had stopped answering earlier in the
    run), so the claim's attempt is handed back, as release() does, and they never give up for it;
    they wait the backoff of the attempts they did spend. `give_up_after`: fewer attempts than
    MAX_ATTEMPTS for this failure (an answer the channel does not know).

    Returns how many rows were put back to retry and how many failed for good.
    """
    ids = list(ids)
    outcome = {"retrying": 0, "failed": 0}
    if not ids:
        return outcome
    reason = (error or "unknown error").strip()[:ERROR_CHARS]
    check, extra = _owned(owner)
    limit = min(MAX_ATTEMPTS, give_up_after or MAX_ATTEMPTS)
    with write_transaction(db):
        attempts = db.conn.execute(
            f"SELECT id, attempts FROM outbox WHERE id IN ({marks(ids)}){check}", [*ids, *extra]
        ).fetchall()
        for row_id, tried in attempts:
            tried = max((tried or 0) - (1 if untried else 0), 0)
            if permanent or (tried >= limit and not untried):
                final = reason if permanent else f"gave up after {tried} attempts: {reason}"
                db.conn.execute(
                    "UPDATE outbox SET status = 'failed', last_error = ?, tried = MAX(tried, ?) "
                    "WHERE id = ?",
                    [final, 0 if untried else 1, row_id],
                )
                outcome["failed"] += 1
                continue
            wait = backoff(tried)
            if retry_after is not None and retry_after > 0:
                wait = max(wait, timedelta(seconds=retry_after))
            # `tried` is kept for good (a retry after --retry-failed must still look first);
            # rows not sent at all (untried) add nothing to it, failed or pending.
            db.conn.execute(
                "UPDATE outbox SET status = 'pending', attempts = ?, last_error = ?, "
                "next_attempt_at = ?, tried = MAX(tried, ?) WHERE id = ?",
                [tried, reason, iso(now + wait), 0 if untried else 1, row_id],
            )
            outcome["retrying"] += 1
    return outcome


def release(
    db: Database, ids: Iterable[int], not_before: datetime, *, owner: str | None = None
) -> int:
    """Hand claimed rows back untried (the far end asked us to wait): the attempt does not count."""
    assignments = "status = 'pending', attempts = MAX(attempts - 1, 0), next_attempt_at = ?"
    return _set_claimed(db, assignments, [iso(not_before)], ids, owner, sending_only=True)
