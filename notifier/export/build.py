"""Build an export or feed body (JSON, CSV, Atom, ICS) for a scope, from a repository connection.

The same code answers `fundwatch export` and the server's feed URLs, so a file and a subscription
read the same. Each body comes with its Last-Modified: the latest change it reflects.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from config.clock import parse_iso
from config.opportunity_kinds import DEFAULT_KIND, KIND_LABELS
from notifier.alerts import Labels, OpportunityView
from notifier.channels.escape import clean
from notifier.export import atom, ics, records
from notifier.export.data import data_text
from notifier.export.scope import Scope
from notifier.present import (
    NOT_STATED,
    amount_of,
    change_lines,
    date_text,
    eligibility_text,
    safe_url,
)
from notifier.subscription_match import is_actionable_change
from storage import exports
from storage.transactions import Reader, read_snapshot

FORMATS = ("json", "csv", "atom", "ics")
MEDIA_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
ATOM_ENTRIES = 100  # the newest entries a feed carries
ATOM_SCAN = 20_000  # events read at most to fill a subscription's feed
LOOK_BACK = timedelta(days=60)  # deadlines passed this recently still date a calendar's change
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # `updated` of a feed with no entries yet: stable
# A calendar's own description, with no comma, semicolon or backslash: escaped as RFC 5545 says,
# it still reads the same in a client that does not unescape X-WR-CALDESC.
ALL_DESCRIPTION = (
    "Closing dates of open funding calls and opening dates of calls still to open: from fundwatch."
)
ONE_DESCRIPTION = (
    "A funding call's closing date (and its opening date before it opens): from fundwatch."
)


@dataclass(frozen=True)
class Body:
    content: bytes
    media_type: str
    last_modified: datetime | None


@dataclass(frozen=True)
class Links:
    """Where this repository is served, when it is (the server knows; a file export may not)."""

    base_url: str | None = None
    self_url: str | None = None

    def page(self, opportunity_id: str) -> str | None:
        if not self.base_url:
            return None
        return f"{self.base_url.rstrip('/')}/opportunity/{quote(opportunity_id, safe='')}"


def _stored_changes(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def _facts(view: OpportunityView) -> list[str]:
    opens = [f"Opens: {date_text(view.opens_at)}"] if view.opens_at else []
    kind = [] if view.kind == DEFAULT_KIND else [f"Kind: {KIND_LABELS.get(view.kind, view.kind)}"]
    if view.buyer:
        kind.append(f"Buyer: {view.buyer}" + (" (a council)" if view.buyer_council else ""))
    return [
        eligibility_text(view.council_eligible, view.eligibility_phrase),
        *kind,
        *opens,
        f"Closes: {date_text(view.closes_at)}",
        f"Amount: {amount_of(view, view.amount_text)}",
        f"Funder: {view.funder or NOT_STATED}",
        f"Seen on: {', '.join(view.sources) or 'no source'}",
    ]


def _latest(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def atom_body(conn: Reader, scope: Scope, labels: Labels, now: datetime, links: Links):
    entries: list[atom.Entry] = []
    before: tuple[str, int] | None = None
    scanned = 0
    while len(entries) < ATOM_ENTRIES and scanned < ATOM_SCAN:
        batch = exports.feed_events(conn, tag=scope.tag, limit=500, before=before)
        for row in batch:
            scanned += 1
            changes = _stored_changes(row["event_changes"])
            changed = row["event_kind"] == "changed"
            if changed and not is_actionable_change(changes):
                continue
            view = OpportunityView.from_row(row, labels)
            if not scope.keeps(view, now) or len(entries) >= ATOM_ENTRIES:
                continue
            pairs = {k: (v.get("before"), v.get("after")) for k, v in changes.items()}
            lines = (change_lines(pairs) if changed else []) + _facts(view)
            event_key = f"{view.id}/event/{row['event_id']}"
            what = "Updated" if changed else "New"
            if not changed and view.opens_at and view.opens_at > now:  # announced before it opens
                what = f"New, opens {date_text(view.opens_at, with_time=False)}"
            entries.append(
                atom.Entry(
                    id=f"urn:uuid:{uuid.uuid5(records.NAMESPACE, event_key)}",
                    title=clean(f"{what}: {view.title}", 300),
                    updated=parse_iso(row["event_at"]) or EPOCH,
                    summary="\n".join(clean(line, 600) for line in lines),
                    link=view.url,
                    related=links.page(view.id),
                    categories=list(zip(view.tags, view.tag_labels, strict=True)),
                )
            )
        if len(batch) < 500:
            break
        before = (batch[-1]["event_at"], batch[-1]["event_id"])
    updated = entries[0].updated if entries else EPOCH
    content = atom.atom_feed(
        feed_id=f"urn:uuid:{uuid.uuid5(records.NAMESPACE, f'feed/{scope.slug}')}",
        title=f"fundwatch: {scope.label}",
        subtitle="New and changed funding calls for UK local public services, newest first.",
        updated=updated,
        entries=entries,
        self_url=links.self_url,
        alternate_url=links.base_url,
        rights=f"{records.LICENCE}: {records.LICENCE_URL}",
    )
    return Body(content, MEDIA_TYPES["atom"], updated if entries else None)


def _deadline(
    row: dict[str, Any], labels: Labels, links: Links, *, opening: bool = False
) -> ics.Deadline:
    """A call's closing moment, or (`opening`) its opening moment, as a calendar event."""
    view = OpportunityView.from_row(row, labels)
    lines = _facts(view)
    # Calendars show a description's addresses as links: only one the URL property may carry.
    url = safe_url(view.url)
    if url:
        lines.append(f"Funder's page: {url}")
    page = links.page(view.id)
    if page:
        lines.append(f"fundwatch page: {page}")
    first = parse_iso(row.get("first_seen")) or EPOCH
    return ics.Deadline(
        uid=f"{view.id}-opens@fundwatch" if opening else f"{view.id}@fundwatch",
        title=view.title,
        closes_at=(view.opens_at if opening else view.closes_at) or EPOCH,
        label="Opens" if opening else "Deadline",
        sequence=int(row.get("version") or 1),
        changed_at=parse_iso(row.get("last_changed")) or first,
        created_at=first,
        description="\n".join(clean(line, 600) for line in lines),
        url=view.url,
        categories=list(view.tag_labels),
    )


def ics_body(conn: Reader, scope: Scope, labels: Labels, now: datetime, links: Links):
    since = (now - LOOK_BACK).astimezone(UTC).isoformat(timespec="seconds")
    deadlines: list[ics.Deadline] = []
    last_modified: datetime | None = None
    for row in exports.calendar_candidates(conn, since=since, tag=scope.tag):
        view = OpportunityView.from_row(row, labels)
        if not scope.keeps(view, now):
            continue
        changed = parse_iso(row.get("last_changed")) or parse_iso(row.get("first_seen"))
        passed = view.closes_at is not None and view.closes_at <= now
        is_open = view.closes_at is not None and not passed and view.status != "closed"
        # A deadline that passed took its event out of the calendar at that moment.
        last_modified = _latest(last_modified, changed, view.closes_at if passed else None)
        if is_open:
            deadlines.append(_deadline(row, labels, links))
    for row in exports.calendar_candidates(conn, since=since, tag=scope.tag, column="opens_at"):
        view = OpportunityView.from_row(row, labels)
        if not scope.keeps(view, now) or view.status == "closed" or view.opens_at is None:
            continue
        opened = not _still_to_open(view, now)  # an opening that passed took its event out then
        changed = parse_iso(row.get("last_changed")) or parse_iso(row.get("first_seen"))
        last_modified = _latest(last_modified, changed, view.opens_at if opened else None)
        if not opened:
            deadlines.append(_deadline(row, labels, links, opening=True))
    content = ics.calendar(
        name=f"fundwatch: {scope.label} deadlines",
        description=ALL_DESCRIPTION,
        deadlines=deadlines,
    )
    return Body(content, MEDIA_TYPES["ics"], last_modified)


def opportunity_ics(conn: Reader, opportunity_id: str, labels: Labels, links: Links, now: datetime):
    """One call's deadline as a calendar of one event (the same UID as in every feed), with its
    opening while that is still to come: decided by the date, as the whole calendar decides it,
    not by a status stored at the last crawl (a call that opened since still says `upcoming`)."""
    rows = exports.one_opportunity(conn, opportunity_id)
    found = [r for r in rows if r.get("closes_at")]
    opening = [r for r in rows if _still_to_open(OpportunityView.from_row(r, labels), now)]
    content = ics.calendar(
        name="fundwatch deadline",
        description=ONE_DESCRIPTION,
        deadlines=[_deadline(r, labels, links, opening=True) for r in opening]
        + [_deadline(r, labels, links) for r in found],
    )
    changed = [parse_iso(r.get("last_changed")) for r in found + opening]
    return Body(content, MEDIA_TYPES["ics"], _latest(*changed))


def _still_to_open(view: OpportunityView, now: datetime) -> bool:
    return view.status != "closed" and view.opens_at is not None and view.opens_at > now


def data_body(fmt: str, conn: Reader, scope: Scope, labels: Labels, now: datetime) -> Body:
    text, last = data_text(fmt, conn, scope, labels, now)
    return Body(text.encode("utf-8"), MEDIA_TYPES[fmt], last)


def build(
    fmt: str,
    conn: Reader,
    scope: Scope,
    labels: Labels,
    now: datetime,
    links: Links | None = None,
) -> Body:
    links = links or Links()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    # One state of the repository: a feed read in several queries (Atom in pages of events, a
    # calendar's deadlines then its openings) while a crawl commits must not mix two states.
    with read_snapshot(conn):
        if fmt == "atom":
            return atom_body(conn, scope, labels, now, links)
        if fmt == "ics":
            return ics_body(conn, scope, labels, now, links)
        return data_body(fmt, conn, scope, labels, now)
