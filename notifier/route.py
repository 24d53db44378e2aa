"""Events → outbox rows, one per matching subscription and channel, in the event's own transaction.

Which subscriptions want an event is decided here (pure, notifier/subscription_match.py); the rows
and the event's `routed_at` are written together by the repository (storage/events.py), and the
outbox's unique key (subscription, opportunity, event_key, channel) makes a second pass write
nothing, so a crash anywhere neither loses nor doubles an alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.subscription_match import is_actionable_change, matches
from storage.events import closing_candidates, route_event, unrouted_events
from storage.outbox import Route, enqueue
from storage.subscribers import first_seen, is_running, welcome, welcome_candidates

NEVER_SENT = frozenset({"removed"})  # a listing vanishing is not news a council acts on
# What a subscription must ask for to hear of each event kind that is not itself subscribable.
ASKED_AS = {"baseline": "new"}
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
    return kind != "changed" or is_actionable_change(changes)


def routes_for(subscription: Subscription, kind: str) -> list[Route]:
    routes = routes_of(subscription)
    if kind in DIGEST_ONLY:
        return [route for route in routes if route.cadence != "instant"]
    return routes


def decide(subscriptions: Sequence[Subscription], now: datetime):
    """The routing decision for one event, given its opportunity row."""

    def routes(event: dict[str, Any], opportunity: dict[str, Any] | None) -> Iterable[Route]:
        if opportunity is None:
            return []
        view = OpportunityView.from_row(opportunity)
        return [
            route
            for subscription in subscriptions
            if wants(subscription, event["kind"], event["changes"])
            and matches(subscription, view, now)
            for route in routes_for(subscription, event["kind"])
        ]

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
    queued = 0
    for subscription in newcomers:
        calls = [
            (view.id, routes_of(subscription))
            for view in candidates
            if "new" in subscription.events and matches(subscription, view, now)
        ]
        queued += welcome(db, subscription.id, calls, now)
    return queued


def route_events(
    db: Database, subscriptions: Sequence[Subscription], now: datetime
) -> RouteSummary:
    """Welcome new subscriptions, then route every event not yet routed, oldest first, each in its
    own transaction."""
    summary = RouteSummary()
    summary.welcomed = welcome_new_subscriptions(db, subscriptions, now)
    choose = decide(subscriptions, now)
    for event in unrouted_events(db):
        written = route_event(db, event, choose, now)
        summary.events += 1
        summary.outbox_rows += written
        if written:
            summary.by_kind[event["kind"]] = summary.by_kind.get(event["kind"], 0) + written
    return summary


def scan_closing_soon(db: Database, subscriptions: Sequence[Subscription], now: datetime) -> int:
    """Deadline reminders: one `closing_soon` row per opportunity, subscription and channel, ever.

    Returns how many rows were written.
    """
    interested = [s for s in subscriptions if "closing_soon" in s.events]
    if not interested:
        return 0
    horizon = max(s.closing_soon_days for s in interested)
    candidates = closing_candidates(db, now - timedelta(days=1), now + timedelta(days=horizon + 1))
    written = 0
    for row in candidates:
        view = OpportunityView.from_row(row)
        closes = view.closes_at
        routes = [
            route
            for subscription in interested
            if closes is not None
            and now < closes <= now + timedelta(days=subscription.closing_soon_days)
            and matches(subscription, view, now)
            for route in routes_of(subscription)
        ]
        if routes:
            written += enqueue(db, view.id, "closing_soon", None, routes, now)
    return written
