"""Which recipients are done with an email alert: one row per (outbox row, recipient) the mail
server said 250 to, or refused for good (`refused`: its words, such as a 5xx at DATA),
`answered_at` when it did (m020 renamed it from `accepted_at`, as refusals are dated too).

A digest goes to each recipient in its own SMTP transaction. When one recipient is deferred (a 450
greylisting, a 452 full mailbox) the alerts stay pending and are retried, and without these rows
the retry went to everyone again: a 452 mailbox sent the others the same digest up to 12 times,
and a recipient refused for good was refused again at each retry. The rows are written as each
recipient is answered, so a crash part way leaves the retry to send only to those still owed.
They matter only while their outbox row may still be sent: the unit that marks it sent deletes
them (storage/outbox.py).
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
) -> dict[str, dict[int, str | None]]:
    """recipient (as given) → {outbox row of `outbox_ids` it is done with: None when accepted,
    else the server's words refusing it for good}."""
    ids = list(dict.fromkeys(outbox_ids))
    wanted = {recipient_key(r): r for r in recipients}
    found: dict[str, dict[int, str | None]] = {r: {} for r in wanted.values()}
    if not ids or not wanted:
        return found
    rows = db.conn.execute(
        "SELECT outbox_id, recipient, refused FROM mail_receipts "
        f"WHERE outbox_id IN ({marks(ids)})",
        ids,
    ).fetchall()
    for outbox_id, key, refused in rows:
        if key in wanted:
            found[wanted[key]][outbox_id] = refused
    return found


def record_receipt(
    db: Database,
    outbox_ids: Sequence[int],
    recipient: str,
    now: datetime,
    refused: str | None = None,
) -> None:
    """The server accepted these alerts for `recipient`, or refused them for good (`refused`, its
    words): one unit, so a crash keeps all or none."""
    key = recipient_key(recipient)
    with write_transaction(db):
        for outbox_id in dict.fromkeys(outbox_ids):
            insert(
                db,
                "mail_receipts",
                {
                    "outbox_id": outbox_id,
                    "recipient": key,
                    "answered_at": iso(now),
                    "refused": refused,
                },
                or_ignore=True,
            )


def forget_sent(db: Database, outbox_ids: Sequence[int]) -> None:
    """Drop the receipts of those rows that are now sent: nothing is sent for them again. Called
    inside the unit that marks them, so a crash keeps both or neither. A row failed for good keeps
    its receipts: `notify --retry-failed` may queue it again, and they are what keeps the
    recipients who had it from a second copy then."""
    ids = list(outbox_ids)
    if ids:
        db.conn.execute(
            "DELETE FROM mail_receipts WHERE outbox_id IN "
            f"(SELECT id FROM outbox WHERE id IN ({marks(ids)}) AND status = 'sent')",
            ids,
        )


def forget_refusals(db: Database, rows_sql: str, params: Sequence[object]) -> None:
    """Drop the refusals recorded for the outbox rows `rows_sql` selects (our own SQL), inside the
    unit that queues them again: an operator's --retry-failed offers them to those recipients
    once more."""
    db.conn.execute(
        f"DELETE FROM mail_receipts WHERE refused IS NOT NULL AND outbox_id IN ({rows_sql})",
        list(params),
    )
