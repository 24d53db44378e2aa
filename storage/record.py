"""Store sightings: a page of them in one unit, each either new, merged, changed or unchanged.

One unit (BEGIN IMMEDIATE … COMMIT) holds a page's listings, the opportunities they create, merge into
or change, their versions and their events: it lands whole or not at all, and the "is this the same
call as one stored from another source?" decision is made inside it, under the write lock.

Cheap in proportion to the work: an unchanged sighting (the same content hash) writes nothing; what
a page needs is read in a few lookups (its listings, its URLs, its title keys); a twin is found
through indexes (a title's sorted words; its first initials and closing date), never by reading
every live title; and new opportunities, listings and events are written with executemany.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.opportunities import Outcome, _refresh, derive_one, event_row, listing_id
from storage.same_call import title_key
from storage.sighting import (
    REQUIRED_FIELDS,
    TRACKED_FIELDS,
    Sighting,
    canonical_json,
    content_hash,
    data_hash,
)
from storage.transactions import (
    chunks,
    insert,
    insert_many,
    marks,
    rows,
    rows_by_id,
    update,
    write_transaction,
)
from storage.twins import Near, near_by_lead, twin_of


@dataclass
class _Page:
    """What one unit knows: the rows it read, and the new opportunities it has not written yet."""

    listings: dict[str, dict[str, Any]] = field(default_factory=dict)  # listing id → row
    # live listing URL → (opportunity id, source id, ref) of each listing there
    urls: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    keys: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # title key → candidates
    leads: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # unwritten, by title lead
    near: Near | None = None  # near titles by lead and deadline (storage/twins.py), until a write
    new_opportunities: list[dict[str, Any]] = field(default_factory=list)
    new_listings: list[dict[str, Any]] = field(default_factory=list)
    new_events: list[dict[str, Any]] = field(default_factory=list)


def record_sightings(
    db: Database,
    sightings: Sequence[Sighting],
    *,
    run_id: int | None,
    now: datetime,
    baseline: bool = False,
) -> list[Outcome]:
    """Store a page of sightings in one unit; an outcome per sighting, in order. In a baseline run
    (storage/runs.py) a new opportunity's event is `baseline`, not `new`."""
    for sighting in sightings:
        missing = sighting.missing()
        if missing and not sighting.held_unread():  # (held: its stored title, below)
            raise ValueError(f"a sighting without {', '.join(missing)} cannot be stored")
    stamp = iso(now)
    datas = [s.stored() for s in sightings]
    ids = [listing_id(d["source_id"], d["ref"]) for d in datas]
    with write_transaction(db):
        page = _read(db, datas, ids)
        outcomes = [
            _store(
                db, page, data, lid, run_id=run_id, stamp=stamp, baseline=baseline, unread=s.unread
            )
            for data, lid, s in zip(datas, ids, sightings, strict=True)
        ]
        _flush(db, page)
    return outcomes


def record_sighting(
    db: Database, sighting: Sighting, *, run_id: int | None, now: datetime, baseline: bool = False
) -> Outcome:
    """Store one sighting, all or nothing (a page of one)."""
    return record_sightings(db, [sighting], run_id=run_id, now=now, baseline=baseline)[0]


def _read(db: Database, datas: list[dict[str, Any]], ids: list[str]) -> _Page:
    page = _Page()
    columns = "id, opportunity_id, data_hash, removed_at"
    for found in rows_by_id(db, "listings", columns, sorted(set(ids))):
        page.listings[found["id"]] = found
    fresh = [d for d, lid in zip(datas, ids, strict=True) if lid not in page.listings]
    for chunk in chunks(sorted({d["url"] for d in fresh})):
        for url, opportunity_id, source_id, ref in db.conn.execute(
            "SELECT url, opportunity_id, source_id, ref FROM listings "
            f"WHERE url IN ({marks(chunk)}) AND removed_at IS NULL",
            chunk,
        ):
            page.urls.setdefault(url, []).append((opportunity_id, source_id, ref))
    for chunk in chunks(sorted({title_key(d["title"], d.get("funder")) for d in fresh})):
        # `+removed_at`: without it SQLite reads every live row through the (removed_at, first_seen)
        # browse index instead of the title_key index, and a page got slower as the repository grew.
        for candidate in rows(
            db.conn.execute(
                "SELECT id, title, funder, closes_at, source_ids, title_key FROM opportunities "
                f"WHERE title_key IN ({marks(chunk)}) AND +removed_at IS NULL",
                chunk,
            )
        ):
            page.keys.setdefault(candidate["title_key"], []).append(candidate)
    page.near = near_by_lead(db, fresh)
    return page


def _store(
    db: Database,
    page: _Page,
    data: dict[str, Any],
    lid: str,
    *,
    run_id: int | None,
    stamp: str,
    baseline: bool,
    unread: tuple[str, ...] = (),
) -> Outcome:
    known = page.listings.get(lid)
    if known is not None and unread:
        data = _as_stored_before(db, lid, data, unread)
    if any(not data[name] for name in REQUIRED_FIELDS):  # held unread, and never stored
        raise ValueError("a call whose page was not read, never stored before, cannot be stored")
    digest = content_hash(data)
    text = canonical_json(data)
    whole = data_hash(text)
    listing = {
        "url": data["url"],
        "title": data["title"],
        "data": text,
        "content_hash": digest,
        "data_hash": whole,
        "last_seen": stamp,
        "last_run_id": run_id,
        "removed_at": None,
    }
    context = {"now": stamp, "source_id": data["source_id"], "run_id": run_id, "seen": True}
    if known is not None:
        if known["data_hash"] == whole and known["removed_at"] is None:
            return Outcome(known["opportunity_id"], "unchanged")  # nothing to write
        _flush(db, page)
        update(db, "listings", "id", lid, listing)
        page.listings[lid] = {**known, "data_hash": whole, "removed_at": None}
        return _refresh(db, known["opportunity_id"], **context)
    identity = {"id": lid, "source_id": data["source_id"], "ref": data["ref"], "first_seen": stamp}
    same = twin_of(db, data, urls=page.urls, keys=page.keys, pending=page.leads, near=page.near)
    if same is not None:
        _flush(db, page)
        insert(db, "listings", {**identity, **listing, "opportunity_id": same})
        _remember(page, lid, data, same, whole)
        return _refresh(db, same, merged=True, **context)
    opportunity_id = f"opp_{lid[:16]}"
    derived = derive_one(data)
    page.new_opportunities.append(
        {
            "id": opportunity_id,
            **derived,
            "content_hash": _derived_hash(data, derived, digest),
            "version": 1,
            "first_seen": stamp,
            "last_seen": stamp,
            "last_changed": stamp,
        }
    )
    page.new_listings.append({**identity, **listing, "opportunity_id": opportunity_id})
    kind = "baseline" if baseline else "new"
    page.new_events.append(event_row(opportunity_id, kind, None, data["source_id"], run_id, stamp))
    _remember(page, lid, data, opportunity_id, whole)
    candidate = {**derived, "id": opportunity_id}
    page.keys.setdefault(derived["title_key"], []).append(candidate)
    page.leads.setdefault(derived["title_lead"], []).append(candidate)
    return Outcome(opportunity_id, "new")


def listing_stored(db: Database, lid: str) -> bool:
    """Whether a listing of this id was ever stored (a call held unread is stored only then)."""
    return db.conn.execute("SELECT 1 FROM listings WHERE id = ?", [lid]).fetchone() is not None


def _as_stored_before(
    db: Database, lid: str, data: dict[str, Any], unread: tuple[str, ...]
) -> dict[str, Any]:
    """The sighting with its unread fields as the listing last stored them: its detail page failed,
    so they are unknown this time, not gone. Read only then (rare): a page of calls still costs
    its few lookups. A listing first met on this page (not written yet) has nothing before."""
    found = db.conn.execute("SELECT data FROM listings WHERE id = ?", [lid]).fetchone()
    if found is None:
        return data
    before = json.loads(found[0])
    return {**data, **{name: before[name] for name in unread if name in before}}


def _derived_hash(data: dict[str, Any], derived: dict[str, Any], digest: str) -> str:
    """A new opportunity's content hash: its one sighting's, unless deriving turned an empty tracked
    field into None (hashing JSON again costs as much as the rest of deriving)."""
    if "" not in map(data.get, TRACKED_FIELDS):
        return digest
    return content_hash(derived)


def _remember(page: _Page, lid: str, data: dict[str, Any], opportunity_id: str, whole: str):
    page.listings[lid] = {
        "id": lid,
        "opportunity_id": opportunity_id,
        "data_hash": whole,
        "removed_at": None,
    }
    page.urls.setdefault(data["url"], []).append((opportunity_id, data["source_id"], data["ref"]))


def _flush(db: Database, page: _Page) -> None:
    """Write the page's new opportunities, listings and events (executemany), so what follows reads
    them; then put the new opportunities in the full-text index in one statement. What the page read
    of near titles is stale from here: an opportunity is written next."""
    new_ids = [o["id"] for o in page.new_opportunities]
    page.leads.clear()
    page.near = None
    for table, batch in (
        ("opportunities", page.new_opportunities),
        ("listings", page.new_listings),
        ("events", page.new_events),
    ):
        insert_many(db, table, batch)
        batch.clear()
    for chunk in chunks(new_ids):
        db.conn.execute(
            "INSERT INTO opportunities_fts (rowid, title, summary, funder) "
            f"SELECT rowid, title, summary, funder FROM opportunities WHERE id IN ({marks(chunk)})",
            chunk,
        )
