"""Crawl runs: one row per source per crawl, so health and the scheduler read history, not memory.

A run is opened when a source's crawl starts and finished in one unit with everything its outcome
decides: when the crawl was complete and clean, the listings it no longer saw are removed in that
same unit; when anything failed (a page, a field, a store), nothing is removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.listing_drop import held, listed_before
from storage.opportunities import remove_unlisted
from storage.transactions import insert, row, rows, update, write_transaction

INTERRUPTED = "interrupted: the crawl process stopped before finishing this run"


@dataclass(frozen=True)
class Run:
    id: int
    # The source's first crawl into a repository other sources already fill: its calls are tracked
    # and listed in the next digest ("Now tracking N calls from …"), not announced one by one.
    baseline: bool


def start_run(
    db: Database, source_id: str, batch: str, now: datetime, exported_at: datetime | None = None
) -> Run:
    """Open a run. Call it holding the source's crawl lock: any run of this source still marked
    `running` belongs to a crawl process that died, and is closed as failed here.

    A fresh repository's first crawl is not a baseline (there is nobody to flood yet): only a source
    with no successful run of its own, joining sources that had one before this run began, is.
    Sources crawled in one batch (one `fundwatch crawl`) are one crawl, though those sharing a host
    take turns: none of them makes another a baseline. So are all the batches of an unfinished
    first round (storage/first_round.py): one killed part way is resumed, not turned into baselines."""
    with write_transaction(db):
        db.conn.execute(
            "UPDATE runs SET outcome = 'failed', reason = ?, finished_at = ?, errors = errors + 1 "
            "WHERE source_id = ? AND outcome = 'running'",
            [INTERRUPTED, iso(now), source_id],
        )
        baseline = db.conn.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM runs WHERE source_id = :source AND outcome = 'ok') "
            "AND EXISTS (SELECT 1 FROM runs WHERE source_id != :source AND outcome = 'ok' "
            "AND finished_at <= :now AND batch IS NOT :batch) "
            "AND NOT EXISTS (SELECT 1 FROM first_round WHERE finished_at IS NULL)",
            {"source": source_id, "now": iso(now), "batch": batch},
        ).fetchone()[0]
        cursor = insert(
            db,
            "runs",
            {
                "batch": batch,
                "source_id": source_id,
                "started_at": iso(now),
                "outcome": "running",
                "baseline": int(bool(baseline)),
                "exported_at": iso(exported_at) if exported_at else None,
            },
        )
        return Run(cursor.lastrowid, bool(baseline))


def finish_run(
    db: Database,
    run_id: int,
    now: datetime,
    *,
    problems: list[str],
    complete: bool,
    counts: dict[str, int],
    infer_removals: bool = True,
    seen: set[str] | None = None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """Close the run with its outcome; after a complete, clean crawl of a source that lists every
    call (`infer_removals`), remove what it no longer saw.
    An ok run keeps its `notes` as its reason: what a curator should see though nothing failed (a
    next page left because it only repeated calls, as a site ignoring its page parameter does).
    One unit: the removals and the `ok` land together, or neither does. Returns the run row."""
    failed = bool(problems)
    with write_transaction(db):
        run = row(db.conn.execute("SELECT source_id FROM runs WHERE id = ?", [run_id]))
        removed = 0
        if not failed and complete and infer_removals and seen is not None:
            # Far fewer calls than the last whole crawl: held, not removals (listing_drop.py).
            before = listed_before(db, run["source_id"], run_id)
            if drop := held(counts.get("items") or 0, before):
                problems, failed = [*problems, drop], True
        # A failed run still names its notes after its problems (a call's link to a PDF beside a
        # page that failed): what the curator fixes comes first.
        said = once_each([*problems, *(notes or [])] if failed else list(notes or []))
        reason = "; ".join(said[:5]) + (f"; and {len(said) - 5} more" if len(said) > 5 else "")
        # A source that lists a window of calls, not all of them, never says a call has gone; nor
        # does a run that cannot say which listings it saw (`seen`: listing ids, kept by the crawl).
        if not failed and complete and infer_removals and seen is not None:
            moved: list[str] = []
            removed = remove_unlisted(
                db, run["source_id"], seen=seen, run_id=run_id, now=now, moved=moved
            )
            if moved and counts.get("new"):  # a call at a new link is the call it was
                counts = {**counts, "new": max(0, counts["new"] - len(moved))}
        update(
            db,
            "runs",
            "id",
            run_id,
            {
                **counts,
                "finished_at": iso(now),
                "removed": removed,
                "errors": len(problems),
                "outcome": "failed" if failed else "ok",
                "reason": reason or None,
                "complete": int(not failed and complete),
            },
        )
        return row(db.conn.execute("SELECT * FROM runs WHERE id = ?", [run_id]))


def first_crawl_started(db: Database) -> str | None:
    """When the repository's first crawl began: nothing could be owed to anyone before it."""
    return db.conn.execute("SELECT MIN(started_at) FROM runs").fetchone()[0]


def batch_runs(db: Database, batch: str) -> list[dict[str, Any]]:
    return rows(db.conn.execute("SELECT * FROM runs WHERE batch = ? ORDER BY id", [batch]))


def newest_export(db: Database, source_id: str) -> dict[str, Any] | None:
    """The source's run of the most recently written feed export ingested whole (a run its process
    died in does not count), or None."""
    return row(
        db.conn.execute(
            "SELECT * FROM runs WHERE source_id = ? AND exported_at IS NOT NULL "
            "AND outcome != 'running' AND reason IS NOT ? ORDER BY exported_at DESC, id DESC LIMIT 1",
            [source_id, INTERRUPTED],
        )
    )


def latest_runs(db: Database) -> dict[str, dict[str, Any]]:
    """The most recent run of each source."""
    found = rows(
        db.conn.execute(
            "SELECT r.* FROM runs r JOIN (SELECT source_id, max(id) AS id FROM runs "
            "GROUP BY source_id) m ON r.id = m.id"
        )
    )
    return {run["source_id"]: run for run in found}


def last_started(db: Database) -> dict[str, str | None]:
    """When each source's latest crawl started: the scheduler plans the next one from it."""
    return {source_id: run["started_at"] for source_id, run in latest_runs(db).items()}


def record_failed_run(db: Database, source_id: str, batch: str, now: datetime, reason: str) -> None:
    """A source that never got to run (its crawl process died first) still gets a failed run."""
    with write_transaction(db):
        insert(
            db,
            "runs",
            {
                "batch": batch,
                "source_id": source_id,
                "started_at": iso(now),
                "finished_at": iso(now),
                "outcome": "failed",
                "reason": reason,
                "errors": 1,
            },
        )


def abandon_running(db: Database, batch: str, now: datetime, reason: str) -> int:
    """Runs of a crawl process that ended without finishing them: failed, with the reason."""
    with write_transaction(db):
        return db.conn.execute(
            "UPDATE runs SET outcome = 'failed', reason = ?, finished_at = ?, errors = errors + 1 "
            "WHERE batch = ? AND outcome = 'running'",
            [reason, iso(now), batch],
        ).rowcount


def overdue(run: dict[str, Any] | None, every: timedelta, now: datetime) -> timedelta | None:
    """How long a source has been silent beyond twice its cadence (a stopped service, a hung crawl)."""
    if not run or not run.get("started_at"):
        return None
    silent = now - datetime.fromisoformat(run["started_at"])
    return silent if silent > 2 * every else None


def once_each(lines: list[str]) -> list[str]:
    """Each line once, in order, with how often it was said: a theme that drops one selector's
    matches says the same line for every card of the page ("'an item' on …/page/2/ is missing
    title, url …" three times), and five such lines left no room for any other."""
    counts = Counter(lines)
    return [f"{line} ({counts[line]} times)" if counts[line] > 1 else line for line in counts]
