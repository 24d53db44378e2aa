"""Routing through the subscription index finds exactly what asking every subscription finds,
every criterion drawn at random on both sides."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.route import wants
from notifier.subscription_index import SubscriptionIndex
from notifier.subscription_match import matches
from tests.notify_helpers import NOW

TAGS = ["net_zero", "digital", "housing", "transport", "council"]
SOURCES = ["find_a_grant", "ukri", "govuk"]
VERDICTS = ["yes", "partner", "no", "unclear"]
KEYWORDS = ["retrofit", "bus*", "cyber security", "homeless*"]
FUNDERS = ["UKRI", "Arts Council", "department for transport"]
KINDS = ["funding", "tender", "market_engagement"]


def random_subscription(rng: random.Random, n: int) -> Subscription:
    match: dict = {}
    if rng.random() < 0.8:
        match["tags"] = rng.sample(TAGS, rng.randint(1, 2))
    if rng.random() < 0.4:
        match["sources"] = rng.sample(SOURCES, rng.randint(1, 2))
    if rng.random() < 0.5:
        match["council_eligible"] = rng.choice(
            [True, False, ["yes", "partner"], ["no", "unclear"], []]
        )
    if rng.random() < 0.3:
        match["min_amount"] = rng.choice([10_000, 1_000_000])
    if rng.random() < 0.2:
        match["max_amount"] = rng.choice([60_000, 5_000_000])
    if rng.random() < 0.3:
        match["keywords"] = rng.sample(KEYWORDS, 2)
    if rng.random() < 0.2:
        match["exclude_keywords"] = rng.sample(KEYWORDS, 1)
    if rng.random() < 0.15:
        match["funders"] = rng.sample(FUNDERS, rng.randint(1, 2))
    if rng.random() < 0.15:
        match["closing_within_days"] = rng.choice([7, 60])
    extra = {"kinds": rng.sample(KINDS, rng.randint(1, 2))} if rng.random() < 0.2 else {}
    # No events at all hears nothing (a subscription paused by emptying its list).
    events = rng.sample(["new", "changed", "closing_soon", "closed"], rng.randint(0, 3))
    return Subscription.model_validate(
        {
            "id": f"s{n}",
            "match": match,
            "events": events,
            "email": {"to": ["a@b.example"]},
            **extra,
        }
    )


def random_view(rng: random.Random, n: int) -> OpportunityView:
    return OpportunityView(
        id=f"o{n}",
        title=rng.choice(
            ["Retrofit fund", "Bus services", "Cyber security grants", "Homelessness"]
        ),
        url=f"https://x.example/{n}",
        summary=rng.choice(["", "For homeless people", "Buses and trains"]),
        amount_min=rng.choice([None, 5_000.0]),
        amount_max=rng.choice([None, 50_000.0, 2_000_000.0]),
        funder=rng.choice([None, "UKRI", "Department for Transport", "Arts Council England"]),
        closes_at=rng.choice([None, NOW + timedelta(days=3), NOW + timedelta(days=30)]),
        status=rng.choice(["open", "closed"]),
        kind=rng.choice(KINDS),
        council_eligible=rng.choice(VERDICTS),
        tags=tuple(sorted(rng.sample(TAGS, rng.randint(0, 3)))),
        source_ids=tuple(rng.sample(SOURCES, rng.randint(1, 2))),
    )


@pytest.mark.parametrize("seed", range(5))
def test_the_index_offers_exactly_the_subscriptions_that_match(seed):
    rng = random.Random(seed)
    subscriptions = [random_subscription(rng, n) for n in range(150)]
    index = SubscriptionIndex(subscriptions)
    heard = 0
    for n in range(300):
        view = random_view(rng, n)
        kind = rng.choice(["new", "changed", "closing_soon", "closed", "baseline"])
        changes = {"closes_at": {"before": None, "after": "2027-01-01"}}
        everyone = {
            s.id for s in subscriptions if wants(s, kind, changes) and matches(s, view, NOW)
        }
        offered = [s.id for s in index.matching(kind, view, NOW)]
        assert set(offered) == everyone, (seed, n, kind, view)
        assert len(offered) == len(everyone)  # each once
        heard += bool(everyone)
    assert heard > 50  # the draws make events that somebody wants, so the comparison has teeth
