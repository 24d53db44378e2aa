"""The early-warning radar in words, pure and the same in every channel: when a call opens, who is
consulting the market (a council, recognisably), whom to contact, and a recurring fund's new round
and past rounds. Lines are plain text; each channel cleans and escapes them for its own sink.
"""

from __future__ import annotations

from datetime import datetime

from notifier.alerts import Alert, OpportunityView
from notifier.present import date_text, days_left
from notifier.recurring import followed_text, past_rounds_text, recurring_text

ANNOUNCED = frozenset({"new", "baseline", "welcome"})  # events that introduce a call


def until_text(when: datetime, now: datetime) -> str:
    days = days_left(when, now)
    if days is None or days < 0:
        return ""
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def opens_text(opens_at: datetime, now: datetime) -> str:
    """'Opens 12 Jan 2027 (in 48 days)'."""
    until = until_text(opens_at, now)
    return f"Opens {date_text(opens_at, with_time=False)}" + (f" ({until})" if until else "")


def opens_later(opportunity: OpportunityView, now: datetime) -> bool:
    opens = opportunity.opens_at
    return opens is not None and opens > now and opportunity.status != "closed"


def event_text(alert: Alert, now: datetime) -> str | None:
    """The radar's own words for an event, or None for the usual label: 'Opening soon: opens 12 Jan
    2027', 'Round 10 of a fund you followed', 'New market engagement'."""
    opportunity = alert.opportunity
    if alert.event == "opening_soon" and opportunity.opens_at:
        return f"Opening soon: opens {date_text(opportunity.opens_at, with_time=False)}"
    if alert.event not in ANNOUNCED:
        return None
    if alert.followed:
        return followed_text(opportunity.round_label)
    return KIND_EVENTS.get(opportunity.kind)


# A new notice named for what it is (the lines below say who, and whether a council).
KIND_EVENTS = {
    "market_engagement": "New market engagement",
    "planned_procurement": "New planned procurement",
    "tender": "New tender",
}


def _buyer_line(opportunity: OpportunityView, near: bool) -> str | None:
    who = opportunity.buyer or opportunity.funder
    if not who:
        return None
    council = "A council near you" if near else "A council"
    if opportunity.kind == "market_engagement":
        line = (
            f"{council} is consulting the market on this: {who}."
            if opportunity.buyer_council
            else f"{who} is consulting the market on this."
        )
        if opportunity.closes_at is not None:
            line += f" Respond by {date_text(opportunity.closes_at)}."
        return line
    if opportunity.kind == "planned_procurement":
        return (
            f"{council} plans to buy this: {who}."
            if opportunity.buyer_council
            else f"Planned by {who}."
        )
    return None


def lines(alert: Alert, now: datetime) -> list[str]:
    """What the radar adds under an alert's event line, in order."""
    opportunity = alert.opportunity
    out = []
    if opens_later(opportunity, now):
        out.append(opens_text(opportunity.opens_at, now))
    buyer = _buyer_line(opportunity, alert.near)
    if buyer:
        out.append(buyer)
    if opportunity.contact and opportunity.kind != "funding":
        out.append(f"Contact: {opportunity.contact}")
    if alert.rounds:
        if alert.event in ANNOUNCED and not alert.followed:
            out.append(recurring_text(opportunity.round_label, len(alert.rounds)))
        out.append(past_rounds_text(alert.rounds, now))
    return out
