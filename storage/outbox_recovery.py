"""Outbox rows nobody is sending any more: a dead run's claims taken back, and rows whose
subscription or channel was removed from the config failed with why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.db import repository_file
from storage.locks import owner_alive
from storage.mail_receipts import forget_refusals
from storage.outbox import LEGACY_STALE_AFTER, MAX_ATTEMPTS, as_list
from storage.transactions import marks, write_transaction


def recover_abandoned(db: Database, now: datetime) -> int:
    """Rows left `sending` by a delivery run that died go back to `pending` (or, those it had begun
    to send, fail if out of tries). Whether the run died is asked of its lease, never of the
    clock."""
    owners = _claimants(db, "outbox")
    recovered = 0
    with write_transaction(db):
        for owner in dead_claimants(db, owners):
            recovered += _take_back(db, "claimed_by = ?", [owner], now)
        if None in owners:
            legacy = "claimed_by IS NULL AND claimed_at <= ?"
            recovered += _take_back(db, legacy, [iso(now - LEGACY_STALE_AFTER)], now)
    return recovered


def _claimants(db: Database, table: str) -> list[str | None]:
    """Who holds rows `sending` in `table` (the outbox or curator_notices; never user input)."""
    return [
        owner
        for (owner,) in db.conn.execute(
            f"SELECT DISTINCT claimed_by FROM {table} WHERE status = 'sending'"
        ).fetchall()
    ]


def dead_claimants(db: Database, owners: Sequence[str | None]) -> list[str]:
    """The claimants whose run has died: asked of each one's lease, never of the clock."""
    db_file = repository_file(db)
    return [o for o in owners if o is not None and not owner_alive(db_file, o)]


def release_abandoned_notices(db: Database) -> int:
    """Curator notices a dead run (or no run) left `sending` go back to pending, in one unit."""
    owners = _claimants(db, "curator_notices")
    unowned = [None] if None in owners else []
    back = 0
    with write_transaction(db):
        for owner in [*unowned, *dead_claimants(db, owners)]:
            back += db.conn.execute(
                "UPDATE curator_notices SET status = 'pending', claimed_by = NULL "
                "WHERE status = 'sending' AND claimed_by IS ?",
                [owner],
            ).rowcount
    return back


def _take_back(db: Database, which: str, params: list[Any], now: datetime) -> int:
    # Rows the dead run never began to send (not in flight, storage/outbox.py start_sending) go
    # back as they were: their claim's attempt uncounted, nothing to look for before sending. A
    # crash loop must not use up the attempts of alerts it never tried. Rows claimed before
    # owners were recorded cannot tell, and count as tried.
    untried = db.conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_by = NULL, "
        "attempts = MAX(attempts - 1, 0) "
        f"WHERE status = 'sending' AND in_flight = 0 AND claimed_by IS NOT NULL AND {which}",
        [iso(now), *params],
    ).rowcount
    gave_up = db.conn.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?, tried = 1 "
        f"WHERE status = 'sending' AND attempts >= ? AND {which}",
        [
            f"gave up after {MAX_ATTEMPTS} attempts: interrupted while sending",
            MAX_ATTEMPTS,
            *params,
        ],
    ).rowcount
    back = db.conn.execute(
        # A dead run may have sent them: the next send looks first (`tried`).
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, claimed_by = NULL, tried = 1 "
        f"WHERE status = 'sending' AND {which}",
        [iso(now), *params],
    ).rowcount
    return untried + gave_up + back


def fail_orphans(
    db: Database, live: dict[str, set[str]], now: datetime, *, cadence: str | Sequence[str]
) -> int:
    """Pending rows for a subscription (or a channel of it) no longer in config fail with why."""
    cadences = as_list(cadence)
    count = 0
    with write_transaction(db):
        found = db.conn.execute(
            "SELECT DISTINCT subscription_id, channel FROM outbox "
            f"WHERE status = 'pending' AND cadence IN ({marks(cadences)})",
            cadences,
        ).fetchall()
        for subscription_id, channel in found:
            if subscription_id not in live:
                reason = "subscription removed"
            elif channel not in live[subscription_id]:
                reason = f"{channel} removed from the subscription"
            else:
                continue
            count += db.conn.execute(
                "UPDATE outbox SET status = 'failed', last_error = ? WHERE status = 'pending' "
                f"AND subscription_id = ? AND channel = ? AND cadence IN ({marks(cadences)})",
                [reason, subscription_id, channel, *cadences],
            ).rowcount
    return count


def requeue_failed(db: Database, now: datetime, subscription_id: str | None = None) -> int:
    """Alerts given up on (a channel that was not found, a webhook that was gone) back to `pending`
    with their tries reset, once an operator has fixed the cause. Their last error is kept until
    they are tried again. Recipients refused one for good are offered it again (the fix may have
    been theirs); those who took it are not. Returns how many."""
    which, params = (
        ("", []) if subscription_id is None else (" AND subscription_id = ?", [subscription_id])
    )
    with write_transaction(db):
        forget_refusals(db, f"SELECT id FROM outbox WHERE status = 'failed'{which}", params)
        return db.conn.execute(
            "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, "
            f"claimed_by = NULL WHERE status = 'failed'{which}",
            [iso(now), *params],
        ).rowcount
