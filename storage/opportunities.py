"""Opportunities and their listings: upsert by identity, merge across sources, versions and events.

A listing is one source's sighting (source id + the source's reference). An opportunity is one funding
pot; its fields are derived from its listings, the earliest-seen listing first, so re-reading the
same pages always derives the same opportunity and writes nothing new.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from config.clock import iso
from storage.matching import near_titles, same_call
from storage.migrations import TRACKED_FIELDS

DERIVED_EXTRA = ("amount_text", "council_eligible", "eligibility_phrase")


@dataclass
class Outcome:
    opportunity_id: str
    kind: str  # new | changed | unchanged
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)


def listing_id(source_id: str, ref: str) -> str:
    return hashlib.sha1(f"{source_id}\x1f{ref}".encode()).hexdigest()[:20]


def content_hash(values: dict[str, Any]) -> str:
    tracked = {name: values.get(name) for name in TRACKED_FIELDS}
    return hashlib.sha1(json.dumps(tracked, sort_keys=True, default=str).encode()).hexdigest()


def _stored(record: dict[str, Any]) -> dict[str, Any]:
    """The record in its stored form: times as UTC ISO strings."""
    out = dict(record)
    for name in ("opens_at", "closes_at"):
        if isinstance(out.get(name), datetime):
            out[name] = iso(out[name])
    return out


def _active_listings(db: Database, opportunity_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "select * from listings where opportunity_id = ? and removed_at is null order by first_seen, rowid",
            [opportunity_id],
        )
    )


def derive(listings: list[dict[str, Any]]) -> dict[str, Any]:
    """Opportunity fields from its listings: each field from the earliest listing that has it."""
    records = [json.loads(row["data"]) for row in listings]
    derived: dict[str, Any] = {}
    for name in (*TRACKED_FIELDS, "amount_text", "eligibility"):
        derived[name] = next((r.get(name) for r in records if r.get(name) not in (None, "")), None)
    verdicts = [r for r in records if r.get("council_eligible") not in (None, "unclear")]
    decided = verdicts[0] if verdicts else (records[0] if records else {})
    derived["council_eligible"] = decided.get("council_eligible") or "unclear"
    derived["eligibility_phrase"] = decided.get("eligibility_phrase")
    derived["tags"] = json.dumps(sorted({t for r in records for t in r.get("tags", [])}))
    derived["source_ids"] = json.dumps(sorted({row["source_id"] for row in listings}))
    return derived


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in TRACKED_FIELDS
        if before.get(name) != after.get(name)
    }


def _find_same_call(db: Database, record: dict[str, Any]) -> str | None:
    """An existing opportunity that is this same call: one of its live listings, on any source, has
    this canonical URL; or, from another source, a near-identical title (see storage/matching.py)."""
    for row in db.query(
        "select opportunity_id from listings where url = ? and removed_at is null limit 1",
        [record["url"]],
    ):
        return row["opportunity_id"]
    # Deadlines more than a couple of days apart can never match: let SQLite drop those first.
    candidates = {
        row["id"]: row
        for row in db.query(
            """select o.id, o.title, o.funder, o.closes_at from opportunities o
               where o.removed_at is null
                 and (:closes is null or o.closes_at is null
                      or abs(julianday(o.closes_at) - julianday(:closes)) <= 2.1)
                 and not exists (select 1 from listings l where l.opportunity_id = o.id
                                 and l.source_id = :source and l.removed_at is null)""",
            {"closes": record.get("closes_at"), "source": record["source_id"]},
        )
    }
    for key in near_titles(record["title"], {k: row["title"] for k, row in candidates.items()}):
        if same_call(record, candidates[key]):
            return key
    return None


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
    current = db["opportunities"].get(opportunity_id)
    listings = _active_listings(db, opportunity_id)
    if not listings:
        db["opportunities"].update(opportunity_id, {"removed_at": now})
        _event(db, opportunity_id, "removed", None, source_id, run_id, now)
        return Outcome(opportunity_id, "removed")
    derived = derive(listings)
    changes = _diff(current, derived)
    update = {**derived, "content_hash": content_hash(derived), "removed_at": None}
    if seen:
        update["last_seen"] = now
    if not changes:
        db["opportunities"].update(opportunity_id, update)
        return Outcome(opportunity_id, "unchanged")
    version = (current.get("version") or 1) + 1
    update.update(version=version, last_changed=now)
    db["opportunities"].update(opportunity_id, update)
    db["versions"].insert(
        {
            "opportunity_id": opportunity_id,
            "version": version,
            "changes": json.dumps(changes),
            "source_id": source_id,
            "run_id": run_id,
            "recorded_at": now,
        }
    )
    if merged and all(change["before"] is None for change in changes.values()):
        return Outcome(opportunity_id, "unchanged", changes)
    _event(db, opportunity_id, "changed", changes, source_id, run_id, now)
    if "status" in changes and derived.get("status") == "closed":
        _event(db, opportunity_id, "closed", None, source_id, run_id, now)
    return Outcome(opportunity_id, "changed", changes)


def _event(
    db: Database, opportunity_id: str, kind: str, changes, source_id: str, run_id, now: str
) -> None:
    db["events"].insert(
        {
            "opportunity_id": opportunity_id,
            "kind": kind,
            "changes": json.dumps(changes) if changes else None,
            "source_id": source_id,
            "run_id": run_id,
            "created_at": now,
        }
    )


def record_sighting(
    db: Database, record: dict[str, Any], *, run_id: int | None, now: datetime
) -> Outcome:
    """Store one normalised, tagged sighting; returns whether its opportunity is new, changed or unchanged."""
    stamp = iso(now)
    data = _stored(record)
    lid = listing_id(data["source_id"], data["ref"])
    listing = {
        "id": lid,
        "source_id": data["source_id"],
        "ref": data["ref"],
        "url": data["url"],
        "title": data["title"],
        "data": json.dumps(data, sort_keys=True, default=str),
        "content_hash": content_hash(data),
        "last_seen": stamp,
        "last_run_id": run_id,
        "removed_at": None,
    }
    with db.conn:
        try:
            existing = db["listings"].get(lid)
        except NotFoundError:
            existing = None
        if existing:
            db["listings"].update(lid, listing)
            return _refresh(
                db,
                existing["opportunity_id"],
                now=stamp,
                source_id=data["source_id"],
                run_id=run_id,
                seen=True,
            )
        same = _find_same_call(db, data)
        if same:
            db["listings"].insert({**listing, "opportunity_id": same, "first_seen": stamp})
            return _refresh(
                db,
                same,
                now=stamp,
                source_id=data["source_id"],
                run_id=run_id,
                seen=True,
                merged=True,
            )
        opportunity_id = f"opp_{lid[:16]}"
        derived = derive([{**listing, "first_seen": stamp}])
        db["opportunities"].insert(
            {
                "id": opportunity_id,
                **derived,
                "content_hash": content_hash(derived),
                "version": 1,
                "first_seen": stamp,
                "last_seen": stamp,
                "last_changed": stamp,
            }
        )
        db["listings"].insert({**listing, "opportunity_id": opportunity_id, "first_seen": stamp})
        _event(db, opportunity_id, "new", None, data["source_id"], run_id, stamp)
        return Outcome(opportunity_id, "new")


def remove_unlisted(db: Database, source_id: str, *, run_id: int, now: datetime) -> int:
    """After a complete, successful crawl: listings of this source not seen in it are gone.

    Returns how many opportunities were removed outright (no other source lists them).
    """
    stamp = iso(now)
    removed = 0
    with db.conn:
        gone = list(
            db.query(
                "select id, opportunity_id from listings where source_id = ? and removed_at is null "
                "and (last_run_id is null or last_run_id != ?)",
                [source_id, run_id],
            )
        )
        for row in gone:
            db["listings"].update(row["id"], {"removed_at": stamp})
        for opportunity_id in sorted({row["opportunity_id"] for row in gone}):
            outcome = _refresh(
                db, opportunity_id, now=stamp, source_id=source_id, run_id=run_id, seen=False
            )
            removed += outcome.kind == "removed"
    return removed
