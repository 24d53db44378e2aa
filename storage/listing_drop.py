"""A listing that suddenly shows far fewer calls than the source's last whole crawl: held.

Removals follow a complete, successful crawl (DESIGN). A CMS that starts showing only its
"featured" calls, or a filter its page now applies by default, lists 3 of 120 with no error: a
complete crawl by every sign, so 117 calls were marked removed at once. A crawl listing fewer than
a fifth of the calls of the last crawl that listed the source whole (one of at least MIN_LISTED
calls) fails instead, naming both counts, and nothing is removed after it. The next crawl compares with
this one's count too: a drop it confirms is the listing's real size, and removals follow it; the
curators were told in between, as the source turned failing.
"""

from __future__ import annotations

from sqlite_utils import Database

# Only a collapse is held: a funder closing half its calls at the end of a round, or a small
# listing losing most of its calls in an ordinary month, is removals as DESIGN states them.
MIN_LISTED = 20  # a listing smaller than this is never held
KEPT = 0.2  # a crawl listing fewer than this share of the last whole crawl's calls is held
SAID = "listed {now} calls, down from {before} in its last whole crawl"


def held(listed: int, before: int | None) -> str | None:
    """Pure: why a crawl listing `listed` calls is held, when the last whole one listed `before`."""
    if before is None or before < MIN_LISTED or listed >= before * KEPT:
        return None
    return (
        SAID.format(now=listed, before=before)
        + ": the listing may be showing only some of its calls (a 'featured' view, a default "
        "filter, a changed page size); nothing was marked removed"
    )


def listed_before(db: Database, source_id: str, run_id: int) -> int | None:
    """How many calls the source's latest whole crawl before `run_id` listed: a complete,
    successful one, or one held by this rule (whose count a drop that lasts is judged by)."""
    found = db.conn.execute(
        "SELECT items FROM runs WHERE source_id = ? AND id < ? AND finished_at IS NOT NULL"
        " AND ((outcome = 'ok' AND complete = 1) OR reason LIKE ?) ORDER BY id DESC LIMIT 1",
        [source_id, run_id, SAID.format(now="%", before="%") + "%"],  # a run this rule held
    ).fetchone()
    return found[0] if found else None
