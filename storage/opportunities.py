"""Opportunities and their listings: upsert by identity, merge across sources, versions and events.

A listing is one source's sighting (source id + the source's reference). An opportunity is one funding
pot; its fields are derived from its listings, the earliest-seen listing first, so re-reading the
same pages always derives the same opportunity and writes nothing new.

Each sighting is one unit: its listing, its opportunity (new, merged or updated), the version and the
events land together or not at all, and the "is this the same call as one stored from another
source?" decision is made inside that unit, under the write lock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.same_call import near_titles, same_call
from storage.sighting import TRACKED_FIELDS, Sighting, content_hash
from storage.transactions import insert, row, rows, update, write_transaction

DERIVED_EXTRA = ("amount_text", "council_eligible", "eligibility_phrase")


@dataclass
class Outcome:
    opportunity_id: str
    kind: str  # new | changed | unchanged | removed
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)


def listing_id(source_id: str, ref: str) -> str:
    return hashlib.sha1(f"{source_id}\x1f{ref}".encode()).hexdigest()[:20]


def derive(listings: list[dict[str, Any]]) -> dict[str, Any]:
    """Opportunity fields from its listings: each field from the earliest listing that has it."""
    records = [json.loads(listing["data"]) for listing in listings]
    derived: dict[str, Any] = {}
    for name in (*TRACKED_FIELDS, "amount_text", "eligibility"):
        derived[name] = next((r.get(name) for r in records if r.get(name) not in (None, "")), None)
    verdicts = [r for r in records if r.get("council_eligible") not in (None, "unclear")]
    decided = verdicts[0] if verdicts else (records[0] if records else {})
    derived["council_eligible"] = decided.get("council_eligible") or "unclear"
    derived["eligibility_phrase"] = decided.get("eligibility_phrase")
    derived["tags"] = json.dumps(sorted({t for r in records for t in r.get("tags", [])}))
    derived["source_ids"] = json.dumps(sorted({listing["source_id"] for listing in listings}))
    return derived


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in TRACKED_FIELDS
        if before.get(name) != after.get(name)
    }


def _live_listings(db: Database, opportunity_id: str) -> list[dict[str, Any]]:
    return rows(
        db.conn.execute(
            "SELECT * FROM listings WHERE opportunity_id = ? AND removed_at IS NULL "
            "ORDER BY first_seen, rowid",
            [opportunity_id],
        )
    )


def _find_same_call(db: Database, data: dict[str, Any]) -> str | None:
    """An existing opportunity that is this same call: one of its live listings, on any source, has
    this canonical URL; or, from another source, a near-identical title (see storage/same_call.py).
    Called inside the sighting's write transaction, so a concurrent crawl cannot slip a twin in."""
    found = row(
        db.conn.execute(
            "SELECT opportunity_id FROM listings WHERE url = ? AND removed_at IS NULL LIMIT 1",
            [data["url"]],
        )
    )
    if found:
        return found["opportunity_id"]
    # Deadlines more than a couple of days apart can never match: let SQLite drop those first.
    candidates = {
        candidate["id"]: candidate
        for candidate in rows(
            db.conn.execute(
                """SELECT o.id, o.title, o.funder, o.closes_at FROM opportunities o
                   WHERE o.removed_at IS NULL
                     AND (:closes IS NULL OR o.closes_at IS NULL
                          OR abs(julianday(o.closes_at) - julianday(:closes)) <= 2.1)
                     AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.opportunity_id = o.id
                                     AND l.source_id = :source AND l.removed_at IS NULL)""",
                {"closes": data.get("closes_at"), "source": data["source_id"]},
            )
        )
    }
    for key in near_titles(data["title"], {k: c["title"] for k, c in candidates.items()}):
        if same_call(data, candidates[key]):
            return key
    return None


def _event(db: Database, opportunity_id: str, kind: str, changes, source_id, run_id, now) -> None:
    insert(
        db,
        "events",
        {
            "opportunity_id": opportunity_id,
            "kind": kind,
            "changes": json.dumps(changes) if changes else None,
            "source_id": source_id,
            "run_id": run_id,
            "created_at": now,
        },
    )


def _refresh(
    db: Database,
    opportunity_id: str,
    *,
    now: str,
    source_id: str,
    run_id: int | None,
    seen: bool,
    merged: bool = False,
) -> Outcome:
    """Re-derive an opportunity from its listings; record a version and events when tracked fields moved.

    A second source that only fills gaps (a closing date a news feed lacked) is history, not news:
    the version is kept, but no `changed` event is raised for it.
    """
    current = row(db.conn.execute("SELECT * FROM opportunities WHERE id = ?", [opportunity_id]))
    if current is None:
        raise LookupError(f"listing points at missing opportunity {opportunity_id}")
    listings = _live_listings(db, opportunity_id)
    if not listings:
        update(db, "opportunities", "id", opportunity_id, {"removed_at": now})
        _event(db, opportunity_id, "removed", None, source_id, run_id, now)
        return Outcome(opportunity_id, "removed")
    derived = derive(listings)
    changes = _diff(current, derived)
    values = {**derived, "content_hash": content_hash(derived), "removed_at": None}
    if seen:
        values["last_seen"] = now
    if not changes:
        update(db, "opportunities", "id", opportunity_id, values)
        return Outcome(opportunity_id, "unchanged")
    version = (current.get("version") or 1) + 1
    values.update(version=version, last_changed=now)
    update(db, "opportunities", "id", opportunity_id, values)
    insert(
        db,
        "versions",
        {
            "opportunity_id": opportunity_id,
            "version": version,
            "changes": json.dumps(changes),
            "source_id": source_id,
            "run_id": run_id,
            "recorded_at": now,
        },
    )
    if merged and all(change["before"] is None for change in changes.values()):
        return Outcome(opportunity_id, "unchanged", changes)
    _event(db, opportunity_id, "changed", changes, source_id, run_id, now)
    if "status" in changes and derived.get("status") == "closed":
        _event(db, opportunity_id, "closed", None, source_id, run_id, now)
    return Outcome(opportunity_id, "changed", changes)


def record_sighting(
    db: Database, sighting: Sighting, *, run_id: int | None, now: datetime, baseline: bool = False
) -> Outcome:
    """Store one sighting, all or nothing; returns whether its opportunity is new, changed or
    unchanged. In a baseline run (storage/runs.py) a new opportunity's event is `baseline`, not
    `new`: it is tracked and listed in the next digest, not announced on its own."""
    missing = sighting.missing()
    if missing:
        raise ValueError(f"a sighting without {', '.join(missing)} cannot be stored")
    stamp = iso(now)
    data = sighting.stored()
    lid = listing_id(data["source_id"], data["ref"])
    listing = {
        "url": data["url"],
        "title": data["title"],
        "data": json.dumps(data, sort_keys=True, default=str),
        "content_hash": content_hash(data),
        "last_seen": stamp,
        "last_run_id": run_id,
        "removed_at": None,
    }
    context = {"now": stamp, "source_id": data["source_id"], "run_id": run_id, "seen": True}
    with write_transaction(db):
        existing = row(db.conn.execute("SELECT opportunity_id FROM listings WHERE id = ?", [lid]))
        if existing:
            update(db, "listings", "id", lid, listing)
            return _refresh(db, existing["opportunity_id"], **context)
        identity = {"id": lid, "source_id": data["source_id"], "ref": data["ref"]}
        same = _find_same_call(db, data)
        if same:
            insert(
                db, "listings", {**identity, **listing, "opportunity_id": same, "first_seen": stamp}
            )
            return _refresh(db, same, merged=True, **context)
        opportunity_id = f"opp_{lid[:16]}"
        derived = derive([{**identity, **listing, "first_seen": stamp}])
        insert(
            db,
            "opportunities",
            {
                "id": opportunity_id,
                **derived,
                "content_hash": content_hash(derived),
                "version": 1,
                "first_seen": stamp,
                "last_seen": stamp,
                "last_changed": stamp,
            },
        )
        insert(
            db,
            "listings",
            {**identity, **listing, "opportunity_id": opportunity_id, "first_seen": stamp},
        )
        kind = "baseline" if baseline else "new"
        _event(db, opportunity_id, kind, None, data["source_id"], run_id, stamp)
        return Outcome(opportunity_id, "new")


def remove_unlisted(db: Database, source_id: str, *, run_id: int, now: datetime) -> int:
    """After a complete, successful crawl: listings of this source not seen in it are gone.

    Returns how many opportunities were removed outright (no other source lists them). Call it
    inside the unit that finishes the run (storage/runs.py), under the source's crawl lock.
    """
    stamp = iso(now)
    removed = 0
    with write_transaction(db):
        gone = rows(
            db.conn.execute(
                "SELECT id, opportunity_id FROM listings WHERE source_id = ? AND removed_at IS NULL "
                "AND (last_run_id IS NULL OR last_run_id != ?)",
                [source_id, run_id],
            )
        )
        for listing in gone:
            update(db, "listings", "id", listing["id"], {"removed_at": stamp})
        for opportunity_id in sorted({listing["opportunity_id"] for listing in gone}):
            outcome = _refresh(
                db, opportunity_id, now=stamp, source_id=source_id, run_id=run_id, seen=False
            )
            removed += outcome.kind == "removed"
    return removed
