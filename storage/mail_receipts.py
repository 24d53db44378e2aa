"""Which recipients already have an email alert: one row per (outbox row, recipient) the mail
server said 250 to.

A digest goes to each recipient in its own SMTP transaction. When one recipient is deferred (a 450
greylisting, a 452 full mailbox) the alerts stay pending and are retried, and without these rows
the retry went to everyone again: a 452 mailbox sent the others the same digest up to 12 times.
The rows are written as each copy is accepted, so a crash part way leaves the retry to send only
to those who have not had it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import insert, marks, write_transaction


def recipient_key(address: str) -> str:
    """One spelling per mailbox: `Digital@Council.example` and `digital@council.example` are one."""
    return address.strip().lower()


def received(
    db: Database, outbox_ids: Sequence[int], recipients: Iterable[str]
) -> dict[str, set[int]]:
    """recipient (as given) → the outbox rows of `outbox_ids` already accepted for them."""
    ids = list(dict.fromkeys(outbox_ids))
    wanted = {recipient_key(r): r for r in recipients}
    found: dict[str, set[int]] = {r: set() for r in wanted.values()}
    if not ids or not wanted:
        return found
    rows = db.conn.execute(
        f"SELECT outbox_id, recipient FROM mail_receipts WHERE outbox_id IN ({marks(ids)})", ids
    ).fetchall()
    for outbox_id, key in rows:
        if key in wanted:
            found[wanted[key]].add(outbox_id)
    return found


def record_receipt(db: Database, outbox_ids: Sequence[int], recipient: str, now: datetime) -> None:
    """The server accepted these alerts for `recipient`: one unit, so a crash keeps all or none."""
    key = recipient_key(recipient)
    with write_transaction(db):
        for outbox_id in dict.fromkeys(outbox_ids):
            insert(
                db,
                "mail_receipts",
                {"outbox_id": outbox_id, "recipient": key, "accepted_at": iso(now)},
                or_ignore=True,
            )
