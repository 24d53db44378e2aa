"""A call that moved on its own source: its link changed (a new slug, http → https, a site moved),
so the crawl stored a listing under a new reference and did not see the old one. Same call, not
a new one and a removed one.

Decided where it can be known: after a complete, successful crawl, when the old listing is gone
(storage/opportunities.remove_unlisted, in its unit). A listing first stored since the source's
last complete crawl (by this run, or by one since that never finished whole: killed, failed,
stopped part way), seen by this run, whose
opportunity it made alone and whose events nobody has routed yet, and that is the same call as a
gone listing's opportunity (storage/same_call.py: its name, funder and closing day), is moved onto
that opportunity; the opportunity it made, and its `new` event, are deleted. Re-deriving the old
opportunity then records what moved (its link: a version, and no alert). A `new` already routed
(a router ran during a long crawl) stays as it is: what was said cannot be unsaid.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from storage.same_call import near_titles, same_call, title_key
from storage.transactions import chunks, marks, rows_by_id

CALL = "id, title, funder, closes_at"
# Gone calls compared by near names only up to this many (a whole site re-slugged is matched by
# exact names, a lookup each, not by reading every gone title for every new one).
FUZZY_LIMIT = 500


def rejoin_moved(
    db: Database, gone: list[dict[str, Any]], live: list[dict[str, Any]], run_id: int
) -> set[str]:
    """Move this run's new listings that are gone listings' calls onto those calls' opportunities;
    the opportunities that got one back (each once). `gone`, `live`: this source's listings not
    seen and all of them (id, opportunity_id, last_run_id, first_seen)."""
    since = _unfinished_since(db, run_id)
    if not gone or since is None:
        return set()
    gone_ids = {listing["id"] for listing in gone}
    fresh = [
        listing
        for listing in live
        if listing["id"] not in gone_ids and (listing["first_seen"] or "") >= since
    ]
    movable = _made_alone_unannounced(db, [listing["opportunity_id"] for listing in fresh])
    if not movable:
        return set()
    olds = rows_by_id(db, "opportunities", CALL, sorted({g["opportunity_id"] for g in gone}))
    news = rows_by_id(db, "opportunities", CALL, sorted(movable))
    by_key: dict[str, list[dict[str, Any]]] = {}
    for old in olds:
        by_key.setdefault(title_key(old["title"], old.get("funder")), []).append(old)
    rejoined: set[str] = set()
    moves: list[list[str]] = []  # [gone opportunity, the new one that is it]
    for new in news:
        old = _same(new, by_key, olds, rejoined)
        if old is not None:
            moves.append([old, new["id"]])
            rejoined.add(old)
    made = [[new_id] for _, new_id in moves]
    db.conn.executemany("UPDATE listings SET opportunity_id = ? WHERE opportunity_id = ?", moves)
    db.conn.executemany("DELETE FROM events WHERE opportunity_id = ?", made)
    db.conn.executemany("DELETE FROM opportunities WHERE id = ?", made)  # and its text index
    return rejoined


def _unfinished_since(db: Database, run_id: int) -> str | None:
    """When this source's crawls began since its last complete, successful one: this run's start,
    or that of an earlier crawl that never finished whole (killed before its end, failed, stopped),
    so never made its removals. A listing such a crawl stored is unchanged, so not written again, in
    the run that finishes its work: "first stored by this run" alone left the moved call a second
    opportunity beside one marked removed."""
    return db.conn.execute(
        "SELECT MIN(r.started_at) FROM runs r JOIN runs this ON this.id = ? "
        "WHERE r.source_id = this.source_id AND r.id <= this.id AND r.id > COALESCE("
        "(SELECT MAX(id) FROM runs WHERE source_id = this.source_id AND id < this.id "
        "AND outcome = 'ok' AND complete = 1), 0)",
        [run_id],
    ).fetchone()[0]


def _made_alone_unannounced(db: Database, ids: list[str]) -> set[str]:
    """Of these opportunities, those with one listing whose every event is unrouted."""
    found: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        found.update(
            opportunity_id
            for (opportunity_id,) in db.conn.execute(
                f"SELECT o.id FROM opportunities o WHERE o.id IN ({marks(chunk)}) "
                "AND (SELECT COUNT(*) FROM listings l WHERE l.opportunity_id = o.id) = 1 "
                "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.opportunity_id = o.id "
                "AND (e.routed_at IS NOT NULL OR e.kind NOT IN ('new', 'baseline')))",
                chunk,
            )
        )
    return found


def _same(
    new: dict[str, Any],
    by_key: dict[str, list[dict[str, Any]]],
    olds: list[dict[str, Any]],
    taken: set[str],
) -> str | None:
    """The gone call (not yet `taken`) this new listing's call is: the same name first (a lookup),
    then a near one (storage/same_call.near_titles, in C over the gone calls' titles)."""
    for old in by_key.get(title_key(new["title"], new.get("funder")), ()):
        if old["id"] not in taken and same_call(new, old):
            return old["id"]
    if len(olds) > FUZZY_LIMIT:
        return None
    free = {o["id"]: o for o in olds if o["id"] not in taken}
    for old_id in near_titles(new["title"], {k: o["title"] for k, o in free.items()}):
        if same_call(new, free[old_id]):
            return old_id
    return None
