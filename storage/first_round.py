"""The repository's first round: the first crawl of every enabled source, which announces their calls.

A source's first crawl into a repository other sources already fill is a baseline (storage/runs.py):
its calls are tracked, not announced. The first round is the exception, because nobody has been told
anything yet. It may take more than one crawl process: one killed part way (SIGKILL, a power cut)
or cut short by a full disk (spiders/crawl_exit.REFUSED) leaves the round open, and the next `fundwatch crawl` or `fundwatch run` resumes it, so the sources
it had not yet crawled still announce their calls. It ends, once, when every enabled source has
crawled successfully, or when a crawl that named every source it still owed ran to its end: a source
that then failed on its own account (a network error, a broken page) is, like a source added later,
a baseline when it first succeeds; otherwise one broken source would hold the round open for ever.

One row, each change one unit: opened before a crawl process starts on an empty repository (so a
crash at any instant after leaves it open), closed after a crawl. A repository with runs and no row
was filled before this record existed: its first round is long over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import write_transaction


def open_first_round(db: Database, batch: str, now: datetime) -> None:
    """Before a crawl process starts: on an empty repository, its batch opens the first round."""
    with write_transaction(db):
        db.conn.execute(
            "INSERT OR IGNORE INTO first_round (id, batch, started_at) "
            "SELECT 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM runs)",
            [batch, iso(now)],
        )


def first_round_owed(db: Database, enabled: Iterable[str]) -> list[str]:
    """The enabled sources an unfinished first round still owes a crawl, in the order given: all of
    them on an empty repository, none once the round has ended."""
    state = db.conn.execute("SELECT finished_at FROM first_round WHERE id = 1").fetchone()
    if state is None:
        unfinished = db.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM runs)").fetchone()[0]
    else:
        unfinished = state[0] is None
    return _owed(db, enabled) if unfinished else []


def end_first_round(
    db: Database,
    *,
    enabled: Iterable[str],
    crawled: Iterable[str],
    ran_to_end: bool,
    now: datetime,
) -> bool:
    """After a crawl of `crawled`: end the open first round if it owes no enabled source a crawl,
    or if this crawl named every source it still owes and ran to its end (none cut short).
    True when it ended here."""
    with write_transaction(db):
        still_open = db.conn.execute(
            "SELECT 1 FROM first_round WHERE id = 1 AND finished_at IS NULL"
        ).fetchone()
        if not still_open:
            return False
        owed = _owed(db, enabled)
        if owed and not (ran_to_end and set(owed) <= set(crawled)):
            return False
        db.conn.execute("UPDATE first_round SET finished_at = ? WHERE id = 1", [iso(now)])
        return True


def _owed(db: Database, enabled: Iterable[str]) -> list[str]:
    """Those of `enabled` with no successful run: the round has not yet read their calls."""
    succeeded = {
        source_id
        for (source_id,) in db.conn.execute(
            "SELECT DISTINCT source_id FROM runs WHERE outcome = 'ok'"
        )
    }
    return [source_id for source_id in dict.fromkeys(enabled) if source_id not in succeeded]
