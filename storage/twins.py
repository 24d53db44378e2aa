"""Which stored opportunity a sighting is the same call as (storage/record.py asks, inside the unit
that stores it; this only reads): one with the same canonical URL, or from another source one with
a near-identical title, found through indexes (a title's sorted words; its first initials and
closing date), never by reading every live title. `urls`, `keys` and `pending` are what the unit
has read and not yet written: a page's calls may be twins of each other.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso, parse_iso
from storage.same_call import near_titles, own_name, same_call, title_key, title_lead
from storage.strands import apart, qualified
from storage.transactions import chunks, marks, rows_by_id

WINDOW = timedelta(days=2, hours=3)  # deadlines further apart than this are never the same call
LEAD_LIMIT = 500  # candidates read for one fuzzy comparison, nearest deadline first


def _link_shaped(ref: str | None) -> bool:
    return bool(ref) and ref.startswith(("http://", "https://"))


# What a page read of near titles: (title lead, closes_at) → (rowid, title) from the merge index.
Near = dict[tuple[str, str], list[tuple[int, str]]]


def twin_of(
    db: Database,
    data: dict[str, Any],
    *,
    urls: dict[str, list[tuple[str, str, str]]],
    keys: dict[str, list[dict[str, Any]]],
    pending: dict[str, list[dict[str, Any]]],
    near: Near | None = None,
) -> str | None:
    """An existing opportunity that is this same call: a live listing has this canonical URL; or,
    from another source, a near-identical title (see storage/same_call.py). On the same source, one
    URL is one call unless both listings carry the source's own ids: an api whose calls "G-1" and
    "G-2" all link to one application portal lists two calls; a listing re-keyed by its link (a
    tracking parameter gone) is the call it was. `near`: what `near_by_lead` read for the page,
    while nothing has been written since."""
    for opportunity_id, source_id, ref in urls.get(data["url"], ()):
        if source_id != data["source_id"] or _link_shaped(ref) or _link_shaped(data["ref"]):
            return opportunity_id
    source = data["source_id"]
    listed = f'"{source}"'  # source_ids is a JSON list of ids (ID_PATTERN: no quotes inside)
    exact = keys.get(title_key(data["title"], data.get("funder")), [])
    for candidate in exact:
        if listed not in (candidate["source_ids"] or "") and _joins(db, data, candidate):
            return candidate["id"]
    candidates = {
        c["id"]: c
        for c in _by_lead(db, data, pending, near)
        if listed not in (c["source_ids"] or "")
    }
    for key in near_titles(data["title"], {k: c["title"] for k, c in candidates.items()}):
        if _joins(db, data, candidates[key]):
            return key
    return None


def _joins(db: Database, data: dict[str, Any], candidate: dict[str, Any]) -> bool:
    """The same call as the candidate, and as none of its listings apart from it: a plain "Green
    Heat Network Fund" may join "… Stage 1" and would join "… Stage 2" as well; its opportunity,
    titled by its first listing, must not take in both (storage/strands.py). Read only for a
    sighting that names a round, stage, lot, year or strand and is the same call: a few a page."""
    if not same_call(data, candidate):
        return False
    name = own_name(data["title"], data.get("funder"))
    if not qualified(name):
        return True
    listings = db.conn.execute(
        "SELECT title, json_extract(data, '$.funder') FROM listings "
        "WHERE opportunity_id = ? AND removed_at IS NULL",
        [candidate["id"]],
    )
    return not any(apart(name, own_name(title, funder)) for title, funder in listings)


def _by_lead(
    db: Database,
    data: dict[str, Any],
    pending_leads: dict[str, list[dict[str, Any]]],
    near_read: Near | None = None,
) -> list[dict[str, Any]]:
    """Live opportunities whose name has the same first initials and whose deadline is within a
    couple of days (or unknown on either side), nearest deadline first: an index range, not a table scan.
    The titles come from the index itself; a whole row is read only for one the fuzzy prefilter keeps."""
    lead = title_lead(data["title"], data.get("funder"))
    closes = parse_iso(data.get("closes_at"))
    read = near_read.get((lead, data.get("closes_at"))) if near_read and closes else None
    if read is not None:
        titles = read
    elif closes is None:
        titles = db.conn.execute(f"{_SELECT} LIMIT ?", [lead, LEAD_LIMIT]).fetchall()
    else:
        # Two index ranges, not an OR that makes SQLite read every title with these first initials.
        titles = db.conn.execute(
            f"{_SELECT} AND closes_at BETWEEN ? AND ? UNION ALL "
            f"{_SELECT} AND closes_at IS NULL LIMIT ?",
            [lead, *_window(closes), lead, LEAD_LIMIT],
        ).fetchall()
    near = near_titles(data["title"], dict(titles))
    columns = "id, title, funder, closes_at, source_ids"
    found = rows_by_id(db, "opportunities", columns, near, key="rowid")
    pending = pending_leads.get(lead, [])
    if closes is not None:
        pending = [c for c in pending if _near(parse_iso(c.get("closes_at")), closes)]
    return found + pending


def _near(when: datetime | None, closes: datetime) -> bool:
    return when is None or abs(when - closes) <= WINDOW


_SELECT = (
    "SELECT rowid, title FROM opportunities INDEXED BY opportunities_same_call "
    "WHERE title_lead = ? AND removed_at IS NULL"
)


def _window(closes: datetime) -> tuple[str | None, str | None]:
    return iso(closes - WINDOW), iso(closes + WINDOW)


def near_by_lead(db: Database, datas: list[dict[str, Any]]) -> Near:
    """For a page of sightings with deadlines, read at once what `_by_lead` reads for each: the live
    titles with its lead and a deadline near its own, then those with no deadline, in index order,
    at most LEAD_LIMIT. Two statements a page, not one a sighting: each cost more than the index
    lookup it made. A lead's undated titles are read whole, once a page (the query a sighting stops
    at LEAD_LIMIT): an index-only range. Valid until the unit next writes an opportunity."""
    wanted = {}
    for data in datas:
        closes = parse_iso(data.get("closes_at"))
        if closes is not None:
            lead = title_lead(data["title"], data.get("funder"))
            wanted[lead, data["closes_at"]] = (lead, *_window(closes))
    dated: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for chunk in chunks(sorted(set(wanted.values()))):
        for lead, low, rowid, title in db.conn.execute(
            f"WITH wanted(lead, low, high) AS (VALUES {_rows(chunk, 3)}) "
            "SELECT w.lead, w.low, o.rowid, o.title FROM wanted w "
            "JOIN opportunities o INDEXED BY opportunities_same_call ON o.title_lead = w.lead "
            "AND o.closes_at BETWEEN w.low AND w.high AND o.removed_at IS NULL "
            "ORDER BY w.lead, w.low, o.closes_at, o.removed_at, o.title, o.rowid",
            [value for row in chunk for value in row],
        ):
            dated.setdefault((lead, low), []).append((rowid, title))
    undated: dict[str, list[tuple[int, str]]] = {}
    for chunk in chunks(sorted({lead for lead, _, _ in wanted.values()})):
        for lead, rowid, title in db.conn.execute(
            "SELECT title_lead, rowid, title FROM opportunities INDEXED BY opportunities_same_call "
            f"WHERE title_lead IN ({marks(chunk)}) AND closes_at IS NULL AND removed_at IS NULL "
            "ORDER BY title_lead, removed_at, title, rowid",
            chunk,
        ):
            undated.setdefault(lead, []).append((rowid, title))
    return {
        key: (dated.get((lead, low), []) + undated.get(lead, []))[:LEAD_LIMIT]
        for key, (lead, low, _) in wanted.items()
    }


def _rows(values: list[Any], width: int) -> str:
    row = f"({marks(range(width))})"
    return ",".join(row for _ in values)
