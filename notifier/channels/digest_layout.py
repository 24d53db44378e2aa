"""How an email reads (pure): each call once, under its most urgent heading, each section by closing
date ("Opening soon" by opening date), two or three lines an entry and what the radar adds, and a
subject that says what happened and for whom.

Every scraped string is scrubbed (no control characters, bidi controls or line breaks) and capped
here, once, for both parts; the HTML template escapes it, the text template shows it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from config.clock import LONDON
from config.models import Subscription
from notifier import present, radar
from notifier.alerts import Alert
from notifier.change_merge import merge_changes, told_as_new
from notifier.channels import escape
from notifier.recurring import followed_text

# Most urgent first: a call with several alerts appears once, under the first of these it has.
EVENT_ORDER = ("closing_soon", "opening_soon", "changed", "new", "closed", "baseline", "welcome")
HEADINGS = {
    "closing_soon": "Closing soon",
    "opening_soon": "Opening soon",
    "changed": "Changed",
    "new": "New",
    "closed": "Closed",
    "welcome": "Open calls that match",
}
# How the subject counts each kind of section: (one, several).
SUBJECT_WORDS = {
    "closing_soon": ("closing soon", "closing soon"),
    "opening_soon": ("opening soon", "opening soon"),
    "changed": ("changed", "changed"),
    "new": ("new", "new"),
    "closed": ("closed", "closed"),
    "baseline": ("newly tracked", "newly tracked"),
    "welcome": ("open call", "open calls"),
}
# What a one-alert email's subject starts with, beyond present.EVENT_LABELS.
INSTANT_LABELS = {"baseline": "Now tracking", "welcome": "Open call"}

# Caps, in characters, for what people scan; "…" marks a cut.
TITLE_LIMIT = 200
SUBJECT_TITLE_LIMIT = 150
NAME_LIMIT = 80
FIELD_LIMIT = 150  # funder, amount
LINE_LIMIT = 300  # the verdict with its sentence, one change, the tag list
URL_LIMIT = 2000  # a longer link is not linked at all: a cut URL goes nowhere


clean = escape.clean  # scrubbed (one line, nothing hidden) and capped, "…" when cut


@dataclass(frozen=True)
class DigestEntry:
    """One call as both templates show it: title (a link when url is set), facts, verdict."""

    title: str
    url: str | None  # only an http(s) URL that present.safe_url accepted
    facts: str  # funder · amount · closes 2 Dec 2026
    days_left: str  # "7 days left", or "" for a closed call or no date
    verdict: str  # the council eligibility verdict, with the sentence that decided it
    tags: str  # tag labels, comma separated
    changes: tuple[str, ...]  # "Closing date: 12 Jan 2027 → 26 Jan 2027"
    # What the radar adds (notifier/radar.py): "Opens 12 Jan 2027 (in 48 days)", "A council is
    # consulting the market on this: …", "Past rounds: Round 9: opened 5 Jan 2026, …"
    notes: tuple[str, ...] = ()
    # The radar's name for the event, when it has one ("Round 10 of a fund you followed"): a
    # one-alert email's subject starts with it.
    label: str | None = None


@dataclass(frozen=True)
class DigestSection:
    event: str
    heading: str  # with its count: "Closing soon (2)", "Now tracking 3 calls from UKRI"
    entries: tuple[DigestEntry, ...]


def _rank(event: str) -> tuple[int, str]:
    return (EVENT_ORDER.index(event) if event in EVENT_ORDER else len(EVENT_ORDER), event)


def _amount(alert: Alert) -> str:
    o = alert.opportunity
    if o.amount_min is None and o.amount_max is None and o.fund_total is None:
        if not escape.scrub(o.amount_text):
            return "amount not stated"
    text = present.amount_of(o, o.amount_text)
    return clean(text, FIELD_LIMIT)


def _days_left(closes_at: datetime, now: datetime) -> str:
    """'7 days left', 'closes today': lower case, as it follows the date in brackets."""
    return present.days_left_text(closes_at, now).lower()


def _entry(alert: Alert, changes: dict, now: datetime) -> DigestEntry:
    o = alert.opportunity
    closed = alert.event == "closed"
    if o.closes_at is None:
        closes = "no closing date"
    else:
        closes = f"{'closed' if closed else 'closes'} {present.date_text(o.closes_at)}"
    url = present.safe_url(o.url)
    facts = [clean(o.funder, FIELD_LIMIT), _amount(alert), closes]
    followed = [followed_text(o.round_label)] if alert.followed else []
    notes = followed + radar.lines(alert, now)
    return DigestEntry(
        title=clean(o.title, TITLE_LIMIT) or "(untitled)",
        url=url if url and len(url) <= URL_LIMIT else None,
        facts=" · ".join(f for f in facts if f),
        days_left="" if closed or o.closes_at is None else _days_left(o.closes_at, now),
        verdict=clean(
            present.eligibility_text(o.council_eligible, o.eligibility_phrase), LINE_LIMIT
        ),
        tags=clean(", ".join(clean(t, NAME_LIMIT) for t in o.tag_labels), LINE_LIMIT),
        changes=tuple(clean(line, LINE_LIMIT) for line in present.change_lines(changes)),
        notes=tuple(clean(line, LINE_LIMIT * 2) for line in notes),
        label=clean(radar.event_text(alert, now), NAME_LIMIT) or None,  # round labels are scraped
    )


def _closing_order(entry_alert: Alert) -> tuple[bool, datetime]:
    """Soonest closing first; in "Opening soon", soonest opening first."""
    when = entry_alert.opportunity.closes_at
    if entry_alert.event == "opening_soon":
        when = entry_alert.opportunity.opens_at
    return (when is None, when or datetime.max.replace(tzinfo=UTC))


def _heading(event: str, source: str | None, count: int) -> str:
    if event == "baseline":
        calls = "1 call" if count == 1 else f"{count} calls"
        where = clean(source, NAME_LIMIT) or "a newly added source"
        return f"Now tracking {calls} from {where}"
    label = HEADINGS.get(event) or event.replace("_", " ").capitalize()
    return f"{label} ({count})"


def sections(alerts: list[Alert], now: datetime) -> list[DigestSection]:
    """Each call once, under its most urgent event (EVENT_ORDER; an unknown event after those);
    baseline calls in one section per source; each section soonest closing first, none last.

    A call's changes are shown wherever it appears: closing soon and changed is one entry; a call
    changed twice shows how it moved since the reader last heard (first before → last after).
    """
    calls: dict[str, list[Alert]] = {}
    for alert in alerts:
        calls.setdefault(alert.opportunity.id, []).append(alert)
    grouped: dict[tuple, list[tuple[Alert, dict]]] = {}
    for group in calls.values():
        # A call first told in this digest is new to its reader, not changed (notifier/change_merge.py).
        fresh = told_as_new(a.event for a in group)
        shown = [a for a in group if not (fresh and a.event == "changed")]
        lead = min(shown, key=lambda a: _rank(a.event))
        changes = (
            {}
            if fresh
            else merge_changes(a.changes for a in _oldest_first(group) if a.event == "changed")
        )
        source = (lead.source or "") if lead.event == "baseline" else ""
        grouped.setdefault((*_rank(lead.event), source), []).append((lead, changes))
    result = []
    for key in sorted(grouped):
        chosen = sorted(grouped[key], key=lambda pair: _closing_order(pair[0]))
        event = chosen[0][0].event
        heading = _heading(event, chosen[0][0].source, len(chosen))
        entries = tuple(_entry(alert, changes, now) for alert, changes in chosen)
        result.append(DigestSection(event, heading, entries))
    return result


def _oldest_first(group: list[Alert]) -> list[Alert]:
    """A call's alerts in the order their events were routed (a retried row is claimed later)."""
    return sorted(group, key=lambda alert: alert.outbox_id)


def _counts(grouped: list[DigestSection]) -> str:
    totals: dict[str, int] = {}
    for section in grouped:
        totals[section.event] = totals.get(section.event, 0) + len(section.entries)
    parts = []
    for event, n in totals.items():
        fallback = event.replace("_", " ")
        one, several = SUBJECT_WORDS.get(event, (fallback, fallback))
        parts.append(f"{n} {one if n == 1 else several}")
    return ", ".join(parts)


def subject(
    subscription: Subscription, grouped: list[DigestSection], *, cadence: str, now: datetime
) -> str:
    """'Closing soon: Green Heat Network Fund' for an instant email about one call; otherwise
    '3 closing soon, 8 new · Climate team · 25 Nov' (counts of calls shown; the day in London)."""
    entries = [e for s in grouped for e in s.entries]
    if cadence == "instant" and len(entries) == 1:
        event = grouped[0].event
        label = (
            entries[0].label
            or present.EVENT_LABELS.get(event)
            or INSTANT_LABELS.get(event)
            or "Funding alert"
        )
        return f"{label}: {clean(entries[0].title, SUBJECT_TITLE_LIMIT)}"
    local = now.astimezone(LONDON)
    name = clean(subscription.name or subscription.id, NAME_LIMIT)
    return f"{_counts(grouped)} · {name} · {local.day} {local:%b}"
