"""Does this opportunity belong to this subscription? Pure functions over the config's Match.

`keywords` and `exclude_keywords` are read in the keyword language of config/keywords.py, the same
one tags.yaml uses; each subscription's keyword list is compiled once and cached there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from config.keywords import mentions_any, prepare
from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.present import ACTIONABLE_FIELDS


def searchable_text(opportunity: OpportunityView) -> str:
    """The words a subscriber's keywords are looked for in."""
    return "\n".join(
        p for p in (opportunity.title, opportunity.summary, opportunity.eligibility) if p
    )


def amount_in_range(
    opportunity: OpportunityView, min_amount: float | None, max_amount: float | None
) -> bool:
    """The award range overlaps [min_amount, max_amount].

    Unknown amounts fail only a minimum: "at least £10k" should not hear about calls that never say,
    while "no more than £50k" (small grants) still wants them. A call that gives only the size of the
    whole pot may award up to all of it, so the pot stands in for the largest award.
    """
    low = opportunity.amount_min if opportunity.amount_min is not None else opportunity.amount_max
    high = next(
        (
            v
            for v in (opportunity.amount_max, opportunity.amount_min, opportunity.fund_total)
            if v is not None
        ),
        None,
    )
    if min_amount is not None and (high is None or high < min_amount):
        return False
    if max_amount is not None and low is not None and low > max_amount:
        return False
    return True


def funder_matches(opportunity: OpportunityView, funders: Sequence[str]) -> bool:
    """The opportunity's funder contains one of `funders`, ignoring case."""
    funder = (opportunity.funder or "").casefold()
    return any(f.strip().casefold() in funder for f in funders if f.strip())


def closes_within(opportunity: OpportunityView, days: int, now: datetime) -> bool:
    """Still open, with a closing date in the next `days` days."""
    closes = opportunity.closes_at
    if closes is None or opportunity.status == "closed":
        return False
    return now < closes <= now + timedelta(days=days)


def matches(subscription: Subscription, opportunity: OpportunityView, now: datetime) -> bool:
    """Every criterion set on the subscription holds; a criterion left empty matches everything.
    Routing asks many subscriptions at once through notifier/subscription_index.py, held to this."""
    rule = subscription.match
    if rule.tags and set(rule.tags).isdisjoint(opportunity.tags):
        return False
    if rule.sources and set(rule.sources).isdisjoint(opportunity.source_ids):
        return False
    allowed = rule.eligibility_values
    if allowed is not None and (opportunity.council_eligible or "unclear") not in allowed:
        return False
    if subscription.kinds and opportunity.kind not in subscription.kinds:
        return False
    if rule.funders and not funder_matches(opportunity, rule.funders):
        return False
    if (rule.min_amount is not None or rule.max_amount is not None) and not amount_in_range(
        opportunity, rule.min_amount, rule.max_amount
    ):
        return False
    if rule.closing_within_days is not None and not closes_within(
        opportunity, rule.closing_within_days, now
    ):
        return False
    if rule.keywords or rule.exclude_keywords:
        text = prepare(searchable_text(opportunity))
        if rule.keywords and not mentions_any(text, rule.keywords):
            return False
        if rule.exclude_keywords and mentions_any(text, rule.exclude_keywords):
            return False
    return True


def is_actionable_change(changes: Mapping[str, object] | None) -> bool:
    """A `changed` event is worth an alert only when a field people act on moved."""
    return bool(changes) and any(field in ACTIONABLE_FIELDS for field in changes)


def is_alerted_change(changes: Mapping[str, object] | None) -> bool:
    """A `changed` event is routed to subscriptions when a field people act on moved, other than a
    status that became closed: that is told by the `closed` event raised with it, to the teams that
    ask for `closed` (not to every team by default, as a "Status changed" alert was)."""
    if not changes:
        return False
    return is_actionable_change({f: c for f, c in changes.items() if not _became_closed(f, c)})


def _became_closed(field: str, change: object) -> bool:
    return field == "status" and isinstance(change, Mapping) and change.get("after") == "closed"
