"""The outbox, the only way out: claim → send → mark.

A row is `pending` until claimed (`sending`), then `sent`, back to `pending` with a later
`next_attempt_at`, or `failed` with the reason kept. Marking straight after each send means a
crash between send and mark repeats at most that one message, and a crash anywhere else loses
nothing: rows left in `sending` go back to `pending` on the next run (recover_stale).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from notifier.alerts import Alert, OpportunityView

MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
STALE_AFTER = timedelta(minutes=10)
ERROR_CHARS = 500  # enough to read, not enough to bloat the table with an HTML error page


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """BEGIN IMMEDIATE … COMMIT: take the write lock up front.

    A deferred transaction that reads and then writes can fail with SQLITE_BUSY when another
    process (the crawler) commits in between, and busy_timeout does not help there. Inside a
    caller's transaction this becomes a savepoint, and the caller's commit decides.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def backoff(attempts: int) -> timedelta:
    """1 min, 2, 4, 8 … after the 1st, 2nd, 3rd, 4th failed attempt, capped at 6 h."""
    exponent = min(max(attempts, 1) - 1, 20)  # cap the exponent so the multiplication stays small
    return min(FIRST_RETRY * (2**exponent), LONGEST_WAIT)


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _marks(values: Iterable[Any]) -> str:
    return ",".join("?" for _ in values)


def claim_due(
    db: Database,
    *,
    cadence: str | Sequence[str],
    now: datetime,
    subscription_id: str | None = None,
    channel: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Move due pending rows to `sending` (attempts + 1) and return them, oldest first."""
    cadences = [cadence] if isinstance(cadence, str) else list(cadence)
    where = ["status = 'pending'", f"cadence IN ({_marks(cadences)})", "next_attempt_at <= ?"]
    params: list[Any] = [*cadences, iso(now)]
    if subscription_id is not None:
        where.append("subscription_id = ?")
        params.append(subscription_id)
    if channel is not None:
        where.append("channel = ?")
        params.append(channel)
    limit_sql = ""
    if limit is not None:
        limit_sql = " LIMIT ?"
        params.append(int(limit))
    sql = (
        "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 "
        f"WHERE id IN (SELECT id FROM outbox WHERE {' AND '.join(where)} "
        f"ORDER BY next_attempt_at, id{limit_sql}) AND status = 'pending' RETURNING *"
    )
    with write_transaction(db):
        claimed = _rows(db.conn.execute(sql, [iso(now), *params]))
    # RETURNING gives no order guarantee.
    return sorted(claimed, key=lambda r: (r["created_at"] or "", r["id"]))


def mark_sent(db: Database, ids: Iterable[int], now: datetime) -> int:
    ids = list(ids)
    if not ids:
        return 0
    with write_transaction(db):
        cursor = db.conn.execute(
            f"UPDATE outbox SET status = 'sent', sent_at = ? WHERE id IN ({_marks(ids)})",
            [iso(now), *ids],
        )
        return cursor.rowcount


def mark_failed(
    db: Database,
    ids: Iterable[int],
    error: str,
    now: datetime,
    *,
    permanent: bool,
    retry_after: float | None = None,
) -> dict[str, int]:
    """Record a failed attempt: retry later with backoff, or give up with the reason kept.

    Returns how many rows were put back to retry and how many failed for good.
    """
    ids = list(ids)
    outcome = {"retrying": 0, "failed": 0}
    if not ids:
        return outcome
    reason = (error or "unknown error").strip()[:ERROR_CHARS]
    with write_transaction(db):
        attempts = dict(
            db.conn.execute(
                f"SELECT id, attempts FROM outbox WHERE id IN ({_marks(ids)})", ids
            ).fetchall()
        )
        for row_id, tried in attempts.items():
            tried = tried or 0
            if permanent or tried >= MAX_ATTEMPTS:
                final = reason if permanent else f"gave up after {tried} attempts: {reason}"
                db.conn.execute(
                    "UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?",
                    [final, row_id],
                )
                outcome["failed"] += 1
            else:
                wait = backoff(tried)
                if retry_after is not None and retry_after > 0:
                    wait = max(wait, timedelta(seconds=retry_after))
                db.conn.execute(
                    "UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? "
                    "WHERE id = ?",
                    [reason, iso(now + wait), row_id],
                )
                outcome["retrying"] += 1
    return outcome


def release(db: Database, ids: Iterable[int], not_before: datetime) -> int:
    """Hand claimed rows back untried (the far end asked us to wait): the attempt does not count."""
    ids = list(ids)
    if not ids:
        return 0
    with write_transaction(db):
        cursor = db.conn.execute(
            "UPDATE outbox SET status = 'pending', attempts = MAX(attempts - 1, 0), "
            f"next_attempt_at = ? WHERE status = 'sending' AND id IN ({_marks(ids)})",
            [iso(not_before), *ids],
        )
        return cursor.rowcount


def recover_stale(db: Database, now: datetime, older_than: timedelta = STALE_AFTER) -> int:
    """Rows left in `sending` by a run that died go back to `pending` (or fail if out of tries).

    `older_than` keeps a run that is still sending elsewhere from having its rows taken.
    """
    cutoff = iso(now - older_than)
    with write_transaction(db):
        gave_up = db.conn.execute(
            "UPDATE outbox SET status = 'failed', last_error = ? "
            "WHERE status = 'sending' AND claimed_at <= ? AND attempts >= ?",
            [
                f"gave up after {MAX_ATTEMPTS} attempts: interrupted while sending",
                cutoff,
                MAX_ATTEMPTS,
            ],
        ).rowcount
        recovered = db.conn.execute(
            "UPDATE outbox SET status = 'pending', next_attempt_at = ? "
            "WHERE status = 'sending' AND claimed_at <= ?",
            [iso(now), cutoff],
        ).rowcount
    return recovered + gave_up


def fail_orphans(
    db: Database, live: dict[str, set[str]], now: datetime, *, cadence: str | Sequence[str]
) -> int:
    """Pending rows for a subscription (or a channel of it) no longer in config fail with why."""
    cadences = [cadence] if isinstance(cadence, str) else list(cadence)
    rows = db.conn.execute(
        "SELECT DISTINCT subscription_id, channel FROM outbox "
        f"WHERE status = 'pending' AND cadence IN ({_marks(cadences)})",
        cadences,
    ).fetchall()
    count = 0
    for subscription_id, channel in rows:
        if subscription_id not in live:
            reason = "subscription removed"
        elif channel not in live[subscription_id]:
            reason = f"{channel} removed from the subscription"
        else:
            continue
        with write_transaction(db):
            count += db.conn.execute(
                "UPDATE outbox SET status = 'failed', last_error = ? WHERE status = 'pending' "
                f"AND subscription_id = ? AND channel = ? AND cadence IN ({_marks(cadences)})",
                [reason, subscription_id, channel, *cadences],
            ).rowcount
    return count


def _changes(text: str | None) -> dict[str, tuple[Any, Any]]:
    """{field: {"before", "after"}} as stored → {field: (before, after)} as Alert wants."""
    if not text:
        return {}
    raw = json.loads(text)
    out = {}
    for name, pair in raw.items():
        if isinstance(pair, dict):
            out[name] = (pair.get("before"), pair.get("after"))
        elif isinstance(pair, (list, tuple)) and len(pair) == 2:
            out[name] = (pair[0], pair[1])
    return out


def load_alerts(
    db: Database, rows: Sequence[dict[str, Any]], source_labels: dict[str, str] | None = None
) -> list[Alert]:
    """Alerts for claimed rows, in the rows' order; rows whose opportunity is gone are left out."""
    if not rows:
        return []
    opportunity_ids = sorted({r["opportunity_id"] for r in rows})
    opportunities = {
        o["id"]: o
        for o in _rows(
            db.conn.execute(
                f"SELECT * FROM opportunities WHERE id IN ({_marks(opportunity_ids)})",
                opportunity_ids,
            )
        )
    }
    event_ids = sorted({r["event_id"] for r in rows if r.get("event_id") is not None})
    changes: dict[int, str | None] = {}
    if event_ids:
        changes = dict(
            db.conn.execute(
                f"SELECT id, changes FROM events WHERE id IN ({_marks(event_ids)})", event_ids
            ).fetchall()
        )
    alerts = []
    for row in rows:
        opportunity = opportunities.get(row["opportunity_id"])
        if opportunity is None:
            continue
        alerts.append(
            Alert(
                outbox_id=row["id"],
                subscription_id=row["subscription_id"],
                event=row["event"],
                opportunity=OpportunityView.from_row(opportunity, source_labels),
                changes=_changes(changes.get(row["event_id"])) if row["event"] == "changed" else {},
            )
        )
    return alerts
