"""Events → outbox rows, one per matching subscription and channel, in the event's own transaction.

Which subscriptions want an event is decided here (pure, notifier/subscription_match.py); the rows
and the event's `routed_at` are written together by the repository (storage/events.py), and the
outbox's unique key (subscription, opportunity, event_key, channel) makes a second pass write
nothing, so a crash anywhere neither loses nor doubles an alert.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.subscription_index import ASKED_AS, SubscriptionIndex
from notifier.subscription_match import is_alerted_change
from storage.events import dated_candidates, just_closed, route_page, unrouted_page
from storage.outbox import Route, enqueue
from storage.subscribers import first_seen, is_running, welcome, welcome_candidates

NEVER_SENT = frozenset({"removed"})  # a listing vanishing is not news a council acts on
# Kinds that go only into digests, never one alert at a time (a new source's existing calls).
DIGEST_ONLY = frozenset({"baseline"})


@dataclass
class RouteSummary:
    events: int = 0  # events routed in this pass
    outbox_rows: int = 0  # rows written (re-routing writes none)
    by_kind: dict[str, int] = field(default_factory=dict)  # rows written per event kind
    welcomed: int = 0  # welcome rows queued for subscriptions seen for the first time

    def text(self) -> str:
        line = f"{self.events} event(s) routed into {self.outbox_rows} alert(s)"
        if self.welcomed:
            line += f"; {self.welcomed} open call(s) queued to welcome new subscriptions"
        return line


def routes_of(subscription: Subscription) -> list[Route]:
    """Each way the subscription is reached: (channel, cadence)."""
    out = []
    if subscription.slack is not None:
        out.append(Route(subscription.id, "slack", subscription.slack.cadence))
    if subscription.email is not None:
        out.append(Route(subscription.id, "email", subscription.email.cadence))
    if subscription.teams is not None:
        out.append(Route(subscription.id, "teams", subscription.teams.cadence))
    return out


def wants(subscription: Subscription, kind: str, changes: dict[str, Any] | None) -> bool:
    if kind in NEVER_SENT or ASKED_AS.get(kind, kind) not in subscription.events:
        return False
    return kind != "changed" or is_alerted_change(changes)


def routes_for(subscription: Subscription, kind: str) -> tuple[Route, ...]:
    routes = tuple(routes_of(subscription))
    if kind in DIGEST_ONLY:
        return tuple(route for route in routes if route.cadence != "instant")
    return routes


def welcome_new_subscriptions(
    db: Database, subscriptions: Sequence[Subscription], now: datetime
) -> int:
    """A subscription added to a running repository: one welcome of the open calls that match it,
    on each of its channels (a digest, or one summary on an instant Slack channel). One first seen
    before anything was routed needs none: it will hear of every call as `new`."""
    known = first_seen(db)
    newcomers = [s for s in subscriptions if s.id not in known]
    if not newcomers:
        return 0
    running = is_running(db)
    candidates = (
        [OpportunityView.from_row(row) for row in welcome_candidates(db, now)] if running else []
    )
    calls: dict[str, list[tuple[str, list[Route]]]] = {s.id: [] for s in newcomers}
    index = SubscriptionIndex(newcomers)
    for view in candidates:
        for subscription in index.matching("new", view, now):
            calls[subscription.id].append((view.id, routes_of(subscription)))
    return welcome(db, calls, now)


PAGE = 2000  # events routed in one unit


def route_events(
    db: Database, subscriptions: Sequence[Subscription], now: datetime
) -> RouteSummary:
    """Welcome new subscriptions, then route every event not yet routed, oldest first, a page of
    events a unit. If a page cannot be written, its events are routed one unit each, so one event
    that cannot be stored holds up no other (and its error is raised)."""
    summary = RouteSummary()
    summary.welcomed = welcome_new_subscriptions(db, subscriptions, now)
    index = SubscriptionIndex(subscriptions)
    ways: dict[str, list[tuple[Route, ...]]] = {}  # kind → each subscription's routes, by position
    after = 0
    while page := unrouted_page(db, after, PAGE):
        after = page[-1]["id"]
        decided = [(event, _routes(index, ways, event, now)) for event in page]
        try:
            _count(summary, *route_page(db, decided, now))
        except sqlite3.Error:
            for one in decided:
                _count(summary, *route_page(db, [one], now))
    return summary


def _routes(
    index: SubscriptionIndex,
    ways: dict[str, list[tuple[Route, ...]]],
    event: dict[str, Any],
    now: datetime,
) -> list[Route]:
    """The routes one event takes: its subscribers, as the index finds them."""
    if event["opportunity"] is None or event["kind"] in NEVER_SENT:
        return []
    kind = event["kind"]
    if kind == "changed" and not is_alerted_change(event["changes"]):
        return []
    view = OpportunityView.from_row(event["opportunity"])
    if kind == "new" and view.status == "closed":
        # First seen already closed (a listing's "Past" calls, an archive): nothing to act on.
        return []
    if kind not in ways:
        # Worked out once per kind for every subscription, then looked up by position: a
        # subscription's routes for a kind never change within one pass.
        ways[kind] = [routes_for(subscription, kind) for subscription in index.subscriptions]
    table = ways[kind]
    return [route for position in index.positions(kind, view, now) for route in table[position]]


def _count(summary: RouteSummary, events: int, by_kind: dict[str, int]) -> None:
    summary.events += events
    for kind, written in by_kind.items():
        summary.outbox_rows += written
        summary.by_kind[kind] = summary.by_kind.get(kind, 0) + written


def scan_closing_soon(db: Database, subscriptions: Sequence[Subscription], now: datetime) -> int:
    """Deadline reminders: one `closing_soon` row per opportunity, subscription and channel, ever.

    Returns how many rows were written.
    """
    return _scan_dates(db, subscriptions, now, "closing_soon")


def scan_opening_soon(db: Database, subscriptions: Sequence[Subscription], now: datetime) -> int:
    """Early warnings: one `opening_soon` row per opportunity, subscription and channel, ever, once
    the call opens within the subscription's `opening_soon_days`. Returns how many were written."""
    return _scan_dates(db, subscriptions, now, "opening_soon")


# How far back the closed scan looks: a deadline passed while nothing scanned (a service stopped
# over a weekend) is still told; one from long ago is not news.
CLOSED_LOOKBACK = timedelta(days=7)


def scan_closed(db: Database, subscriptions: Sequence[Subscription], now: datetime) -> int:
    """Closings: one `closed` row per opportunity, subscription and channel, ever, once its
    deadline has passed, for those that ask for `closed`; the same row a crawl's `closed` event
    would write (the outbox's key), so a call is told closed once however it is learnt."""
    interested = [s for s in subscriptions if "closed" in s.events]
    if not interested:
        return 0
    index = SubscriptionIndex(interested)
    written = 0
    for row in just_closed(db, now - CLOSED_LOOKBACK, now):
        view = OpportunityView.from_row(row)
        routes = [route for s in index.matching("closed", view, now) for route in routes_of(s)]
        if routes:
            written += enqueue(db, view.id, "closed", None, routes, now)
    return written


# A reminder kind → (the subscription's lead time, the date it is about); the repository reads the
# widest window, and each subscription's own is checked here.
_DATED = {
    "closing_soon": ("closing_soon_days", "closes_at"),
    "opening_soon": ("opening_soon_days", "opens_at"),
}


def _scan_dates(
    db: Database, subscriptions: Sequence[Subscription], now: datetime, kind: str
) -> int:
    days_of, date_of = _DATED[kind]
    interested = [s for s in subscriptions if kind in s.events]
    if not interested:
        return 0
    horizon = max(getattr(s, days_of) for s in interested)
    index = SubscriptionIndex(interested)  # the same finding of subscribers as route_events
    written = 0
    for row in dated_candidates(db, date_of, now, now + timedelta(days=horizon + 1)):
        view = OpportunityView.from_row(row)
        when = getattr(view, date_of)
        if when is None:
            continue
        routes = [
            route
            for subscription in index.matching(kind, view, now)
            if now < when <= now + timedelta(days=getattr(subscription, days_of))
            for route in routes_of(subscription)
        ]
        if routes:
            written += enqueue(db, view.id, kind, None, routes, now)
    return written
