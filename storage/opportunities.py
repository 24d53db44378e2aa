"""Opportunities and their listings: upsert by identity, merge across sources, versions and events.

A listing is one source's sighting (source id + the source's reference). An opportunity is one funding
pot; its fields are derived from its listings, the earliest-seen listing first, so re-reading the
same pages always derives the same opportunity and writes nothing new.

Storing sightings (storage/record.py) calls into this module inside its unit of work; removing what
a complete crawl no longer lists is here too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from config.opportunity_kinds import DEFAULT_KIND
from storage.extensions import extended_deadline
from storage.fund_rounds import fund_round
from storage.moved_calls import rejoin_moved
from storage.same_call import title_key, title_lead
from storage.sighting import TRACKED_FIELDS, content_hash
from storage.transactions import insert, row, rows, update, write_transaction


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
    return _derive(records, sorted({listing["source_id"] for listing in listings}))


def derive_one(record: dict[str, Any]) -> dict[str, Any]:
    """A new opportunity's fields, from its one sighting (in stored form): what `_derive` gives for a
    list of one, without its loops over listings (asked of every new call on the store's hot path;
    tests/test_derive_one.py holds the two equal)."""
    get = record.get
    derived = {name: _filled(get(name)) for name in FIRST_FILLED}
    derived["council_eligible"] = get("council_eligible") or "unclear"
    derived["eligibility_phrase"] = get("eligibility_phrase")
    derived["tags"] = json.dumps(sorted(set(get("tags", []))))
    derived["source_ids"] = json.dumps([record["source_id"]])
    _named(derived)
    for name in ("kind", "buyer", "contact"):
        derived[name] = get(name) or None
    derived["kind"] = derived["kind"] or DEFAULT_KIND
    derived["buyer_council"] = int(bool(get("buyer_council")))
    _rounded(derived)
    return derived


def _filled(value: Any) -> Any:
    return None if value is None or value == "" else value


FIRST_FILLED = (*TRACKED_FIELDS, "amount_text")  # each from the earliest listing that has it


def _first(records: list[dict[str, Any]], name: str) -> Any:
    for record in records:
        value = record.get(name)
        if value is not None and value != "":
            return value
    return None


def _derive(records: list[dict[str, Any]], source_ids: list[str]) -> dict[str, Any]:
    derived = {name: _first(records, name) for name in FIRST_FILLED}
    # A listing that says its deadline was extended gives the later one (storage/extensions.py).
    derived["closes_at"] = extended_deadline(records, derived.get("closes_at"))
    verdicts = [r for r in records if r.get("council_eligible") not in (None, "unclear")]
    decided = verdicts[0] if verdicts else (records[0] if records else {})
    derived["council_eligible"] = decided.get("council_eligible") or "unclear"
    derived["eligibility_phrase"] = decided.get("eligibility_phrase")
    derived["tags"] = json.dumps(sorted({t for r in records for t in r.get("tags", [])}))
    derived["source_ids"] = json.dumps(source_ids)
    _named(derived)
    # A notice's kind, buyer and contact: the first listing more specific than a funding call says.
    notices = [r for r in records if r.get("kind") not in (None, DEFAULT_KIND)] or records[:1]
    for name in ("kind", "buyer", "contact"):
        derived[name] = next((r[name] for r in notices if r.get(name)), None)
    derived["kind"] = derived["kind"] or DEFAULT_KIND
    derived["buyer_council"] = int(any(r.get("buyer_council") for r in notices))
    _rounded(derived)
    return derived


def _named(derived: dict[str, Any]) -> None:
    """The merge index's key and lead (storage/same_call.py)."""
    derived["title_key"] = title_key(derived["title"], derived.get("funder"))
    derived["title_lead"] = title_lead(derived["title"], derived.get("funder"))


def _rounded(derived: dict[str, Any]) -> None:
    """The fund and its round (storage/fund_rounds.py)."""
    fund = fund_round(derived["title"])
    derived["fund_key"], derived["round_label"] = fund.key, fund.label


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


def event_row(
    opportunity_id: str, kind: str, changes, source_id: str, run_id: int | None, now: str
) -> dict[str, Any]:
    """One events row: what happened to an opportunity, seen by which run of which source."""
    return {
        "opportunity_id": opportunity_id,
        "kind": kind,
        "changes": json.dumps(changes) if changes else None,
        "source_id": source_id,
        "run_id": run_id,
        "created_at": now,
    }


def _event(db: Database, opportunity_id: str, kind: str, changes, source_id, run_id, now) -> None:
    insert(db, "events", event_row(opportunity_id, kind, changes, source_id, run_id, now))


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


def remove_unlisted(
    db: Database,
    source_id: str,
    *,
    seen: set[str],
    run_id: int,
    now: datetime,
    moved: list[str] | None = None,
) -> int:
    """After a complete, successful crawl: listings of this source it did not see are gone, unless
    the call moved to a new link this run found (storage/moved_calls.py: the same opportunity;
    its ids go in `moved`, if given).

    `seen`: the listing ids the crawl stored or found unchanged (kept in memory by the crawl, so an
    unchanged re-crawl writes nothing per listing). Returns how many opportunities were removed
    outright (no other source lists them). Call it inside the unit that finishes the run
    (storage/runs.py), under the source's crawl lock.
    """
    stamp = iso(now)
    removed = 0
    with write_transaction(db):
        live = rows(
            db.conn.execute(
                "SELECT id, opportunity_id, last_run_id, first_seen FROM listings "
                "WHERE source_id = ? AND removed_at IS NULL",
                [source_id],
            )
        )
        gone = [listing for listing in live if listing["id"] not in seen]
        for listing in gone:
            update(db, "listings", "id", listing["id"], {"removed_at": stamp})
        rejoined = rejoin_moved(db, gone, live, run_id)
        if moved is not None:
            moved.extend(sorted(rejoined))
        for opportunity_id in sorted({listing["opportunity_id"] for listing in gone}):
            outcome = _refresh(
                db,
                opportunity_id,
                now=stamp,
                source_id=source_id,
                run_id=run_id,
                seen=opportunity_id in rejoined,
            )
            removed += outcome.kind == "removed"
    return removed
