"""Source health as curators were last told it, and the notices that tell them.

Each change of state (failing, recovered) and each reminder is one unit: the state row and the
notice land together, so a crash neither loses a notice nor sends one twice for one change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.outbox import ERROR_CHARS, MAX_ATTEMPTS, backoff
from storage.transactions import insert, row, rows, update, write_transaction


def recent_runs(db: Database, source_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """A source's finished runs, newest first, and last its latest ok run if none of those is:
    without it a source failing for `limit` runs (ten hours of an hourly source) was said to
    have "last success never", and its reason "never crawled successfully", though it had."""
    recent = rows(
        db.conn.execute(
            "SELECT * FROM runs WHERE source_id = ? AND outcome != 'running' "
            "ORDER BY id DESC LIMIT ?",
            [source_id, limit],
        )
    )
    if len(recent) < limit or any(r["outcome"] == "ok" for r in recent):
        return recent
    last_ok = row(
        db.conn.execute(
            "SELECT * FROM runs WHERE source_id = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1",
            [source_id],
        )
    )
    return recent + ([last_ok] if last_ok else [])


def unfinished_run(db: Database, source_id: str) -> dict[str, Any] | None:
    """The source's latest run still marked `running`: a crawl under way, or one whose process died
    (closed as failed by the source's next crawl, storage/runs.py)."""
    return row(
        db.conn.execute(
            "SELECT id, started_at FROM runs WHERE source_id = ? AND outcome = 'running' "
            "ORDER BY id DESC LIMIT 1",
            [source_id],
        )
    )


def health_states(db: Database) -> dict[str, dict[str, Any]]:
    return {r["source_id"]: r for r in rows(db.conn.execute("SELECT * FROM source_health"))}


def record_state(
    db: Database,
    source_id: str,
    state: str,
    reason: str | None,
    now: datetime,
    *,
    notice: tuple[str, str] | None = None,
    channels: tuple[str, ...] = ("log",),
    seen: dict[str, Any] | None = None,
) -> bool:
    """Keep a source's state (since when; acknowledgement cleared on a change) and queue a notice
    (kind, text) for curators on each of their channels, in one unit. `seen`: the row the caller
    judged from (None: there was none). A notice is queued only if the row is still that one:
    the service and a cron `fundwatch notify` may judge at once, and the curators must be told
    once. Returns whether it wrote."""
    with write_transaction(db):
        current = row(
            db.conn.execute("SELECT * FROM source_health WHERE source_id = ?", [source_id])
        )
        if notice is not None and _moved(current, seen):
            return False
        values: dict[str, Any] = {"state": state, "reason": reason}
        if current is None or current["state"] != state:
            values.update(since=iso(now), acked_at=None)
        if notice is not None:
            values["told_at"] = iso(now)
        if current is None:
            insert(db, "source_health", {"source_id": source_id, **values})
        else:
            update(db, "source_health", "source_id", source_id, values)
        if notice is not None:
            kind, text = notice
            for channel in channels:
                insert(
                    db,
                    "curator_notices",
                    {
                        "source_id": source_id,
                        "kind": kind,
                        "channel": channel,
                        "text": text,
                        "status": "pending",
                        "attempts": 0,
                        "next_attempt_at": iso(now),
                        "created_at": iso(now),
                    },
                )
    return True


def _moved(current: dict[str, Any] | None, seen: dict[str, Any] | None) -> bool:
    """Whether another process recorded a judgement since `seen` was read."""
    if current is None or seen is None:
        return (current is None) != (seen is None)
    return (current["state"], current["told_at"]) != (seen["state"], seen["told_at"])


def acknowledge(db: Database, source_id: str, now: datetime) -> dict[str, Any] | None:
    """Silence reminders for a failing source until its state changes; its row, or None when it
    is not failing now. Judged in the write itself: `sources ack` read it failing a moment before,
    and a crawl (the service's) may have recovered it since; acknowledged then, the curators were
    told "acknowledged ... failing since <when it recovered>: None"."""
    with write_transaction(db):
        current = row(
            db.conn.execute("SELECT * FROM source_health WHERE source_id = ?", [source_id])
        )
        if current is None or current["state"] != "failing":
            return None
        update(db, "source_health", "source_id", source_id, {"acked_at": iso(now)})
        current["acked_at"] = iso(now)
        return current


def claim_notice(db: Database, owner: str, now: datetime) -> dict[str, Any] | None:
    """Claim the longest-due notice (attempts + 1), or None when none is due. One at a time, so a
    run killed mid-way holds only the notice in flight (notifier/health/tell.py)."""
    due = "status = 'pending' AND next_attempt_at <= ?"
    with write_transaction(db):
        # Every row read (rows, not row): a RETURNING statement left unfinished holds the commit.
        claimed = rows(
            db.conn.execute(
                "UPDATE curator_notices SET status = 'sending', claimed_by = ?, "
                f"attempts = attempts + 1 WHERE id IN (SELECT id FROM curator_notices WHERE {due} "
                "ORDER BY next_attempt_at, id LIMIT 1) AND status = 'pending' RETURNING *",
                [owner, iso(now)],
            )
        )
    return claimed[0] if claimed else None


def release_notices(db: Database, ids: list[int], owner: str) -> int:
    """Claimed notices not tried (a stop came first): pending again, the claim's attempt undone."""
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    with write_transaction(db):
        return db.conn.execute(
            "UPDATE curator_notices SET status = 'pending', claimed_by = NULL, "
            "attempts = attempts - 1 WHERE status = 'sending' AND claimed_by = ? "
            f"AND id IN ({marks})",
            [owner, *ids],
        ).rowcount


def mark_notice(
    db: Database, notice_id: int, owner: str, now: datetime, *, error: str | None = None
) -> None:
    """Sent (no error), or back to pending with a backoff, or failed for good after many tries."""
    with write_transaction(db):
        current = row(
            db.conn.execute(
                "SELECT attempts FROM curator_notices WHERE id = ? AND claimed_by = ? "
                "AND status = 'sending'",
                [notice_id, owner],
            )
        )
        if current is None:
            return
        if error is None:
            values = {"status": "sent", "sent_at": iso(now), "last_error": None}
        elif current["attempts"] >= MAX_ATTEMPTS:
            values = {"status": "failed", "last_error": error[:ERROR_CHARS]}
        else:
            wait: timedelta = backoff(current["attempts"])
            values = {
                "status": "pending",
                "last_error": error[:ERROR_CHARS],
                "next_attempt_at": iso(now + wait),
            }
        update(db, "curator_notices", "id", notice_id, values)
