"""Crawl runs: one row per source per crawl, so health and the scheduler read history, not memory."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso


def start_run(db: Database, source_id: str, batch: str, now: datetime) -> int:
    with db.conn:
        return (
            db["runs"]
            .insert(
                {
                    "batch": batch,
                    "source_id": source_id,
                    "started_at": iso(now),
                    "outcome": "running",
                }
            )
            .last_pk
        )


def finish_run(db: Database, run_id: int, now: datetime, **counts: Any) -> None:
    with db.conn:
        db["runs"].update(run_id, {"finished_at": iso(now), **counts})


def batch_runs(db: Database, batch: str) -> list[dict[str, Any]]:
    return list(db.query("select * from runs where batch = ? order by id", [batch]))


def latest_runs(db: Database) -> dict[str, dict[str, Any]]:
    """The most recent run of each source."""
    rows = db.query(
        "select r.* from runs r join (select source_id, max(id) as id from runs group by source_id) m on r.id = m.id"
    )
    return {row["source_id"]: row for row in rows}


def record_failed_run(db: Database, source_id: str, batch: str, now: datetime, reason: str) -> None:
    """A source that never got to run (its crawl process died first) still gets a failed run."""
    with db.conn:
        db["runs"].insert(
            {
                "batch": batch,
                "source_id": source_id,
                "started_at": iso(now),
                "finished_at": iso(now),
                "outcome": "failed",
                "reason": reason,
                "errors": 1,
            }
        )


def abandon_running(db: Database, batch: str, now: datetime, reason: str) -> None:
    """A crawl process that died leaves its runs 'running': close them as failed with the reason."""
    with db.conn:
        db.execute(
            "update runs set outcome = 'failed', reason = ?, finished_at = ? where batch = ? and outcome = 'running'",
            [reason, iso(now), batch],
        )


def overdue(run: dict[str, Any] | None, every: timedelta, now: datetime) -> timedelta | None:
    """How long a source has been silent beyond twice its cadence (a stopped service, a hung crawl)."""
    if not run or not run.get("started_at"):
        return None
    silent = now - datetime.fromisoformat(run["started_at"])
    return silent if silent > 2 * every else None
